//! The daily digest: at the hour each person chose (the organisation's time zone), the
//! decisions made and plans done since their last one, this month's two figures, and one
//! fixed line, the same for everyone ("open earshot: something may wait for you") — never a
//! hint of their own: whether a digest comes, and what it says, depends only on what the
//! organisation decided.
//!
//! `staff_digests` keeps each person's last day and where their period ended, so one digest
//! goes per person per day with any number of replicas (the round runs under an advisory lock,
//! and the outbox's key is the person and the day), and a day missed while earshot was down
//! is sent once when it is back, covering everything since. Nothing new: no mail.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Timelike};
use diesel::prelude::*;

use super::Cadence;
use super::alerts::Alerting;
use super::feed::{done_between, item, made_between};
use super::staff::paragraphs;
use super::unsubscribe::{self, Leave};
use crate::auth::sealed::TokenSealer;
use crate::clock::{Clock, to_hour};
use crate::db::schema::{staff_digests, users};
use crate::db::{self, Db, DbConn};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::PersonId;
use crate::mail::{self, Mail, render};
use crate::organisation::Organisation;
use crate::people::Status;

/// A new colleague's (or, once, everyone's) first digest reaches back this far at most.
const FIRST_PERIOD_SECS: i64 = 86_400;

/// The day whose digest is due at `now` for someone who reads it at `hour`: today once the
/// hour has come, else yesterday.
pub fn due_day(org: &Organisation, hour: i32, now: i64) -> NaiveDate {
    let local = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default().with_timezone(&org.time_zone);
    let today = local.date_naive();
    if i32::try_from(local.hour()).unwrap_or(0) >= hour { today } else { today.pred_opt().unwrap_or(today) }
}

/// The decisions and plans of a period in one language (the same for everyone who reads it);
/// none when nothing happened.
fn staff_part(
    c: &mut DbConn,
    org: &Organisation,
    lang: Lang,
    (from, to): (i64, i64),
) -> Result<Option<Vec<String>>, AppError> {
    let decisions = made_between(c, from, to)?;
    let done = done_between(c, from, to)?;
    if decisions.is_empty() && done.is_empty() {
        return Ok(None);
    }
    let mut out = vec![lang.t_args("news-digest-intro", &[("decisions", decisions.len().into())])];
    for d in &decisions {
        out.extend(paragraphs(lang, &item(c, org, d, lang)?));
    }
    for title in done {
        out.push(lang.t_args("news-digest-done", &[("title", title.into())]));
    }
    Ok(Some(out))
}

/// "This month: 4 decisions; 75 % answered within the promise."
pub fn figures_line(lang: Lang, f: &super::figures::Figures) -> String {
    match f.on_time_percent {
        Some(p) => lang.t_args("news-figures", &[("decisions", f.decisions.into()), ("percent", p.into())]),
        None => lang.t_args("news-figures-none-due", &[("decisions", f.decisions.into())]),
    }
}

/// Send every digest due at `now`; how many were queued (`None`: another replica is at it).
/// The owners' "about to slip" alerts of this hour go in the same round.
pub fn send_due(conn: &mut DbConn, alerting: &Alerting, now: i64) -> Result<Option<usize>, AppError> {
    let (sealer, base_url) = (&alerting.sealer, alerting.base_url.as_str());
    db::lock::once_across_replicas(conn, "news-digests", |c| {
        let org = crate::organisation::load(c)?;
        let to = to_hour(now);
        let slipping = super::alerts::slipping(c, &org, alerting, now)?;
        let people: Vec<Reader> = users::table
            .filter(users::status.eq(Status::Active))
            .order(users::id.asc())
            .select(Reader::as_select())
            .load(c)?;
        let kept: HashMap<PersonId, (String, i64)> = staff_digests::table
            .select((staff_digests::person_id, staff_digests::last_day, staff_digests::through))
            .load::<(PersonId, String, i64)>(c)?
            .into_iter()
            .map(|(id, day, through)| (id, (day, through)))
            .collect();
        let mut written: HashMap<(i64, Lang), Option<Vec<String>>> = HashMap::new();
        let mut figures = None;
        let mut queued = 0;
        for reader in people {
            let day = due_day(&org, reader.digest_hour, now);
            let day_text = day.format("%Y-%m-%d").to_string();
            // Someone new starts as if their last digest was the one due when they came.
            let (last, from) = match kept.get(&reader.id) {
                Some((last, through)) => (last.clone(), *through),
                None => (
                    due_day(&org, reader.digest_hour, reader.created_at).format("%Y-%m-%d").to_string(),
                    to_hour(reader.created_at).max(to - FIRST_PERIOD_SECS),
                ),
            };
            if last >= day_text {
                continue;
            }
            let lang = reader.language;
            let mut parts = Vec::new();
            if reader.staff_mail == Cadence::Digest {
                if let std::collections::hash_map::Entry::Vacant(slot) = written.entry((from, lang)) {
                    slot.insert(staff_part(c, &org, lang, (from, to))?);
                }
                parts.extend(written.get(&(from, lang)).cloned().flatten().unwrap_or_default());
            }
            if reader.is_owner && reader.owner_alerts == Cadence::Digest {
                parts.extend(super::alerts::in_digest(c, lang, reader.slip_hours, now)?);
            }
            if !parts.is_empty()
                && let Some(person) = crate::people::find(c, &reader.id)?
            {
                let month = match figures {
                    Some(f) => f,
                    None => *figures.insert(super::figures::this_month(c, &org, now)?),
                };
                parts.push(figures_line(lang, &month));
                parts.push(lang.t("digest-fixed-line"));
                let mail = digest_mail(&person, &org, (sealer, base_url), (day, parts), now);
                queued += usize::from(mail::enqueue(c, &mail, now)?);
            }
            keep(c, &reader.id, &day_text, to)?;
        }
        Ok(queued + slipping)
    })
}

/// A person's row as the digest round reads it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct Reader {
    id: PersonId,
    language: Lang,
    is_owner: bool,
    staff_mail: Cadence,
    digest_hour: i32,
    owner_alerts: Cadence,
    slip_hours: i32,
    created_at: i64,
}

/// The digest of `day` for `person`, saying `paragraphs`.
fn digest_mail(
    person: &crate::people::Person,
    org: &Organisation,
    (sealer, base_url): (&TokenSealer, &str),
    (day, paragraphs): (NaiveDate, Vec<String>),
    now: i64,
) -> Mail {
    let lang = person.language;
    let leave = unsubscribe::link(sealer, base_url, person, Leave::Digest, now);
    let date = crate::triage::draft::long_date(lang, day);
    let content = render::Content {
        subject: lang.t_args("news-digest-subject", &[("date", date.into())]),
        greeting: lang.t_args("mail-greeting", &[("name", person.display_name.clone().into())]),
        paragraphs,
        action: Some(render::Action {
            label: lang.t("news-open-earshot"),
            url: format!("{}/", base_url.trim_end_matches('/')),
        }),
        after: Vec::new(),
        footer: lang.t_args("news-footer-digest", &[("url", leave.clone().into())]),
    };
    let key = format!("digest:{}:{}", person.id.as_str(), day.format("%Y-%m-%d"));
    Mail::to_person("staff_digest", key, person, org, content).leaving_by(leave)
}

fn keep(c: &mut DbConn, id: &PersonId, day: &str, through: i64) -> QueryResult<()> {
    let updated = diesel::update(staff_digests::table.find(id))
        .set((staff_digests::last_day.eq(day), staff_digests::through.eq(through)))
        .execute(c)?;
    if updated == 0 {
        diesel::insert_into(staff_digests::table)
            .values((
                staff_digests::person_id.eq(id),
                staff_digests::last_day.eq(day),
                staff_digests::through.eq(through),
            ))
            .execute(c)?;
    }
    Ok(())
}

/// At start and whenever an hour has begun since the last round (looked at each `every`).
pub fn start(
    jobs: &Arc<crate::jobs::Jobs>,
    (db, clock): (&Db, &Arc<dyn Clock>),
    alerting: Alerting,
    every: Duration,
) {
    let (db, clock) = (db.clone(), Arc::clone(clock));
    jobs.spawn("news", move |mut shutdown| {
        let (db, clock, alerting) = (db.clone(), Arc::clone(&clock), alerting.clone());
        async move {
            let mut done_for: Option<i64> = None;
            loop {
                let now = clock.now();
                if done_for != Some(to_hour(now)) {
                    let round = alerting.clone();
                    match db.run(move |conn| send_due(conn, &round, now)).await {
                        Ok(Some(queued)) => {
                            done_for = Some(to_hour(now));
                            if queued > 0 {
                                alerting.wake();
                            }
                        }
                        // Another replica is at it: look again at the next round.
                        Ok(None) => {}
                        Err(_) => tracing::warn!("the digests could not be sent; it tries again"),
                    }
                }
                if !shutdown.sleep(every).await {
                    return;
                }
            }
        }
    });
}
