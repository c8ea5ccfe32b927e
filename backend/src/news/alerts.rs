//! Owners' alerts: new remarks when they are released (never at capture: they are held to the
//! end of their hour, `messenger::held`), and promises about to slip, each hour — by mail to
//! the owners who want them as they come, with one-touch links ([`super::one_touch`]) and a
//! plain link to open the remark; in the digest for the owners who want them there.

use diesel::prelude::*;

use super::Cadence;
use super::unsubscribe::{self, Leave};
use crate::auth::sealed::TokenSealer;
use crate::db::DbConn;
use crate::db::schema::{alert_cursors, remarks, users};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{self, Mail, render};
use crate::organisation::Organisation;
use crate::people::{Person, Status};
use crate::remarks::{Remark, RemarkState};

/// At most this many remarks are listed in one alert; the inbox holds the rest.
const LISTED: usize = 20;

/// What alert mails need besides the database: where links lead, how unsubscribe links are sealed.
#[derive(Clone)]
pub struct Alerting {
    pub base_url: String,
    pub sealer: TokenSealer,
    /// Told after a commit that queued mail (none in the command line's one-off release).
    pub mailer: Option<crate::mail::Mailer>,
}

impl Alerting {
    /// What a running server's alerts need.
    pub fn of(state: &crate::state::AppState) -> Self {
        Self {
            base_url: state.settings.base_url().to_owned(),
            sealer: state.sealer.clone(),
            mailer: Some(state.mail.clone()),
        }
    }

    /// Deliver what was queued now rather than at the next poll.
    pub fn wake(&self) {
        if let Some(m) = &self.mailer {
            m.wake();
        }
    }
}

/// The active owners whose alerts are `cadence`, with their hours for slipping promises.
fn owners(c: &mut DbConn, cadence: Cadence) -> QueryResult<Vec<(Person, i32)>> {
    let ids: Vec<(crate::ids::PersonId, i32)> = users::table
        .filter(users::status.eq(Status::Active))
        .filter(users::is_owner.eq(true))
        .filter(users::owner_alerts.eq(cadence))
        .order(users::id.asc())
        .select((users::id, users::slip_hours))
        .load(c)?;
    let mut found = Vec::with_capacity(ids.len());
    for (id, hours) in ids {
        if let Some(p) = crate::people::find(c, &id)? {
            found.push((p, hours));
        }
    }
    Ok(found)
}

/// A remark in an alert: what the customer said, how they felt, and the links.
fn listed(
    c: &mut DbConn,
    lang: Lang,
    r: &Remark,
    owner: &Person,
    a: &Alerting,
    now: i64,
) -> QueryResult<Vec<String>> {
    let feeling =
        lang.t_args("news-feeling", &[("level", crate::db::typed::IntegerValue::number(r.feeling).into())]);
    let mut out =
        vec![lang.t_args(
            "alert-remark",
            &[("facts", r.facts.trim().to_owned().into()), ("feeling", feeling.into())],
        )];
    if r.status == RemarkState::New && r.undecided {
        let secret = super::one_touch::mint(c, &r.id, &owner.id, now)?;
        let url = super::one_touch::link(&a.base_url, &secret);
        out.push(lang.t_args("alert-one-touch", &[("url", url.into())]));
    }
    let open = format!("{}/owner/{}", a.base_url.trim_end_matches('/'), r.id.as_str());
    out.push(lang.t_args("alert-open", &[("url", open.into())]));
    Ok(out)
}

/// Queue one alert to `owner` about `remarks` (`intro` and `subject` name what they are).
fn alert(
    c: &mut DbConn,
    org: &Organisation,
    owner: &Person,
    remarks: &[&Remark],
    (kind, key): (&'static str, String),
    a: &Alerting,
    now: i64,
) -> Result<bool, AppError> {
    let lang = owner.language;
    let n = remarks.len();
    let mut paragraphs = vec![lang.t_args(&format!("alert-{kind}-intro"), &[("count", n.into())])];
    for r in remarks.iter().take(LISTED) {
        paragraphs.extend(listed(c, lang, r, owner, a, now)?);
    }
    if n > LISTED {
        paragraphs.push(lang.t_args("alert-more", &[("count", (n - LISTED).into())]));
    }
    let subject = lang.t_args(&format!("alert-{kind}-subject"), &[("count", n.into())]);
    let kind_name = if kind == "new" { "owner_new_remarks" } else { "owner_slipping" };
    let note =
        lang.t_args("alert-one-touch-note", &[("hours", (super::one_touch::LIFETIME_SECS / 3600).into())]);
    queue(c, org, owner, (kind_name, key), (subject, paragraphs, vec![note]), a, now)
}

/// Queue an alert mail to `owner`: its subject, paragraphs and notes after the inbox's button.
fn queue(
    c: &mut DbConn,
    org: &Organisation,
    owner: &Person,
    (kind, key): (&'static str, String),
    (subject, paragraphs, after): (String, Vec<String>, Vec<String>),
    a: &Alerting,
    now: i64,
) -> Result<bool, AppError> {
    let lang = owner.language;
    let leave = unsubscribe::link(&a.sealer, &a.base_url, owner, Leave::Alerts, now);
    let content = render::Content {
        subject,
        greeting: lang.t_args("mail-greeting", &[("name", owner.display_name.clone().into())]),
        paragraphs,
        action: Some(render::Action {
            label: lang.t("alert-open-inbox"),
            url: format!("{}/owner", a.base_url.trim_end_matches('/')),
        }),
        after,
        footer: lang.t_args("alert-footer", &[("url", leave.clone().into())]),
    };
    let mail = Mail::to_person(kind, key, owner, org, content).leaving_by(leave);
    mail::enqueue(c, &mail, now)
}

/// A customer said a decision did not help (`customers::vote`, in its transaction): the owner
/// who decided hears it, unless they want no alerts; if they can no longer (disabled, no
/// longer an owner), the owners who want alerts as they come. What the customer wrote is in it.
pub fn unhelpful(
    c: &mut DbConn,
    org: &Organisation,
    (remark, decision): (&Remark, &crate::ids::DecisionId),
    comment: &str,
    a: &Alerting,
    now: i64,
) -> Result<bool, AppError> {
    let (decider, case): (crate::ids::PersonId, String) = crate::db::schema::decisions::table
        .find(decision)
        .select((crate::db::schema::decisions::owner_id, crate::db::schema::decisions::case_id))
        .first(c)?;
    let title: String =
        crate::db::schema::cases::table.find(&case).select(crate::db::schema::cases::title).first(c)?;
    let decider = crate::people::find(c, &decider)?.filter(|p| p.status == Status::Active && p.roles.owner);
    let owners: Vec<Person> = match decider {
        Some(p) if load_cadence(c, &p)? == Cadence::None => Vec::new(),
        Some(p) => vec![p],
        None => owners(c, Cadence::Each)?.into_iter().map(|(p, _)| p).collect(),
    };
    let key = format!("unhelpful:{}:{}", remark.id.as_str(), decision.as_str());
    let mut queued = false;
    for owner in owners {
        let lang = owner.language;
        let said = comment.trim();
        let mut paragraphs = vec![lang.t_args("alert-unhelpful-intro", &[("title", title.clone().into())])];
        paragraphs.push(if said.is_empty() {
            lang.t("alert-unhelpful-nothing")
        } else {
            lang.t_args("alert-unhelpful-said", &[("comment", said.to_owned().into())])
        });
        paragraphs.push(lang.t_args(
            "alert-open",
            &[("url", format!("{}/owner/case/{case}", a.base_url.trim_end_matches('/')).into())],
        ));
        let subject = lang.t_args("alert-unhelpful-subject", &[("title", title.clone().into())]);
        queued |= queue(
            c,
            org,
            &owner,
            ("owner_unhelpful", key.clone()),
            (subject, paragraphs, Vec::new()),
            a,
            now,
        )?;
    }
    Ok(queued)
}

/// A customer was forgotten but `named` still say their name in their own words
/// (`customers::forget`, in its transaction): the owners who want alerts as they come — all
/// active owners if none does — get the remarks to open and take the name out.
pub fn still_named(
    c: &mut DbConn,
    org: &Organisation,
    named: &[Remark],
    a: &Alerting,
    now: i64,
) -> Result<bool, AppError> {
    if named.is_empty() {
        return Ok(false);
    }
    let mut to: Vec<Person> = owners(c, Cadence::Each)?.into_iter().map(|(p, _)| p).collect();
    if to.is_empty() {
        for cadence in [Cadence::Digest, Cadence::None] {
            to.extend(owners(c, cadence)?.into_iter().map(|(p, _)| p));
        }
    }
    let key = key_of("still-named", &mut named.iter().map(|r| r.id.as_str().to_owned()).collect::<Vec<_>>());
    let base = a.base_url.trim_end_matches('/');
    let mut queued = false;
    for owner in to {
        let lang = owner.language;
        let n = named.len();
        let mut paragraphs = vec![lang.t_args("alert-still-named-intro", &[("count", n.into())])];
        for r in named {
            paragraphs.push(
                lang.t_args("alert-open", &[("url", format!("{base}/owner/{}", r.id.as_str()).into())]),
            );
        }
        let subject = lang.t_args("alert-still-named-subject", &[("count", n.into())]);
        queued |= queue(
            c,
            org,
            &owner,
            ("owner_still_named", key.clone()),
            (subject, paragraphs, Vec::new()),
            a,
            now,
        )?;
    }
    Ok(queued)
}

fn load_cadence(c: &mut DbConn, p: &Person) -> QueryResult<Cadence> {
    users::table.find(&p.id).select(users::owner_alerts).first(c)
}

/// A key for a set of remarks: the same set mails once.
fn key_of(what: &str, parts: &mut [String]) -> String {
    parts.sort();
    format!("{what}:{}", crate::auth::token::hash(&parts.join(",")))
}

/// New remarks were released (in the release's transaction): one alert per owner who wants
/// them as they come. Whether a mail was queued.
pub fn released(
    c: &mut DbConn,
    org: &Organisation,
    new: &[Remark],
    a: &Alerting,
    now: i64,
) -> Result<bool, AppError> {
    if new.is_empty() {
        return Ok(false);
    }
    let key = key_of("new-remarks", &mut new.iter().map(|r| r.id.as_str().to_owned()).collect::<Vec<_>>());
    let listed: Vec<&Remark> = new.iter().collect();
    let mut queued = false;
    for (owner, _) in owners(c, Cadence::Each)? {
        queued |= alert(c, org, &owner, &listed, ("new", key.clone()), a, now)?;
    }
    Ok(queued)
}

/// The undecided remarks whose promise ends after `now` and at most `hours` from it, and, of
/// those, the ones whose alert moment passed after `through`.
fn about_to_slip(c: &mut DbConn, now: i64, hours: i32, through: i64) -> QueryResult<Vec<Remark>> {
    let lead = i64::from(hours) * 3600;
    remarks::table
        .filter(remarks::undecided.eq(true))
        .filter(remarks::due_at.gt(now))
        .filter(remarks::due_at.le(now + lead))
        .filter(remarks::due_at.gt(through.saturating_add(lead)))
        .order((remarks::due_at.asc(), remarks::id.asc()))
        .select(Remark::as_select())
        .load(c)
}

/// Each hour: tell every owner who wants alerts as they come about the promises that came
/// within their hours since the last round. How many mails were queued.
pub fn slipping(c: &mut DbConn, org: &Organisation, a: &Alerting, now: i64) -> Result<usize, AppError> {
    let mut queued = 0;
    for (owner, hours) in owners(c, Cadence::Each)? {
        let through: Option<i64> = alert_cursors::table
            .find(&owner.id)
            .select(alert_cursors::slipping_through)
            .first(c)
            .optional()?;
        let due = about_to_slip(c, now, hours, through.unwrap_or(i64::MIN / 2))?;
        if !due.is_empty() {
            let key = key_of(
                "slipping",
                &mut due.iter().map(|r| format!("{}@{}", r.id.as_str(), r.due_at)).collect::<Vec<_>>(),
            );
            let listed: Vec<&Remark> = due.iter().collect();
            queued += usize::from(alert(c, org, &owner, &listed, ("slipping", key), a, now)?);
        }
        let updated = diesel::update(alert_cursors::table.find(&owner.id))
            .set(alert_cursors::slipping_through.eq(now))
            .execute(c)?;
        if updated == 0 {
            diesel::insert_into(alert_cursors::table)
                .values((alert_cursors::owner_id.eq(&owner.id), alert_cursors::slipping_through.eq(now)))
                .execute(c)?;
        }
    }
    Ok(queued)
}

/// For an owner who takes alerts in the digest: what waits in the inbox now (none when
/// nothing does). The same for every owner with the same hours.
pub fn in_digest(c: &mut DbConn, lang: Lang, hours: i32, now: i64) -> QueryResult<Vec<String>> {
    let unanswered: i64 = remarks::table
        .filter(remarks::undecided.eq(true))
        .filter(remarks::status.eq(RemarkState::New))
        .count()
        .get_result(c)?;
    let slipping: i64 = remarks::table
        .filter(remarks::undecided.eq(true))
        .filter(remarks::due_at.gt(now))
        .filter(remarks::due_at.le(now + i64::from(hours) * 3600))
        .count()
        .get_result(c)?;
    let mut out = Vec::new();
    if unanswered > 0 {
        out.push(lang.t_args("alert-digest-new", &[("count", unanswered.into())]));
    }
    if slipping > 0 {
        out.push(
            lang.t_args("alert-digest-slipping", &[("count", slipping.into()), ("hours", hours.into())]),
        );
    }
    Ok(out)
}
