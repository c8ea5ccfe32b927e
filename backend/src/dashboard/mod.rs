//! How fast and how well we answer (docs/dashboard.md): the figures of a period beside the one
//! before it, for owners and admins. Every figure is an aggregate in SQL, the same text on both
//! backends ([`sql`]); the share answered within the promise is the feed's own
//! (`news::figures::between`). No figure is per reporter: nothing here reads who brought a
//! remark in.

pub mod answers;
pub mod api;
pub mod late;
pub mod mood;
pub mod outcomes;
pub mod period;
pub mod sql;

use chrono::{Days, NaiveDate};
use diesel::QueryResult;
use serde::Serialize;

use crate::db::DbConn;
use crate::i18n::Lang;
use crate::organisation::Organisation;
use answers::{Durations, Share};
use period::{Chosen, PeriodKind, Span};

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(api::dashboard);
}

/// The figures of one period.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PeriodFigures {
    /// Remarks that came in.
    pub remarks: i64,
    /// Hours from the remark's hour to its first answer.
    pub first_answer: Durations,
    /// Hours from the remark's hour to the first decision it was told.
    pub decision: Durations,
    /// Days from the day the customer spoke to the first answer.
    pub waited_first_answer: Durations,
    /// Days from the day the customer spoke to the decision.
    pub waited_decision: Durations,
    /// Answered within the promise (the feed's figure).
    pub on_time: Share,
    /// Days promised for the decision that were kept.
    pub promises: Share,
    pub help: outcomes::Helped,
    pub weeks: Vec<mood::Week>,
    pub topics: Vec<mood::TopicMood>,
    pub places: Vec<mood::PlaceMood>,
    pub decisions: outcomes::DecisionKinds,
    pub pass_ons: outcomes::PassOns,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PeriodView {
    pub kind: PeriodKind,
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// The organisation's today: figures of a period not yet ended are as known now.
    pub today: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub period: PeriodView,
    pub current: PeriodFigures,
    pub previous: PeriodFigures,
    /// As of today, whatever the period.
    pub late: late::Late,
}

fn text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The figures of `span`, as known at `now`.
pub fn figures(
    c: &mut DbConn,
    org: &Organisation,
    span: Span,
    now: i64,
    lang: Lang,
) -> QueryResult<PeriodFigures> {
    let (from, to) = span.instants(org);
    let today = org.day_of(now);
    let feed = crate::news::figures::between(c, from, to, now)?;
    let (first, last) = (text(span.first), text(span.last.min(today)));
    let promises = if span.first <= today { answers::promises(c, &first, &last)? } else { Share::of(0, 0) };
    let overdue = text(today - Days::new(u64::try_from(org.pass_on_days).unwrap_or(0)));
    let weeks = mood::weeks(c, org, span)?;
    Ok(PeriodFigures {
        remarks: weeks.iter().map(|w| w.remarks).sum(),
        first_answer: answers::hours(c, from, to, false)?,
        decision: answers::hours(c, from, to, true)?,
        waited_first_answer: answers::days(c, from, to, false)?,
        waited_decision: answers::days(c, from, to, true)?,
        on_time: Share::of(feed.on_time, feed.answers_due),
        promises,
        help: outcomes::helped(c, &first, &text(span.last))?,
        weeks,
        topics: mood::topics(c, from, to, lang)?,
        places: mood::places(c, from, to)?,
        decisions: outcomes::decisions(c, from, to)?,
        pass_ons: outcomes::pass_ons(c, from, to, &overdue)?,
    })
}

/// The dashboard of `chosen`, as known at `now`, for a reader of `lang`.
pub fn dashboard(
    c: &mut DbConn,
    org: &Organisation,
    chosen: Chosen,
    now: i64,
    lang: Lang,
) -> QueryResult<Dashboard> {
    let today = org.day_of(now);
    Ok(Dashboard {
        period: PeriodView {
            kind: chosen.kind,
            from: text(chosen.current.first),
            to: text(chosen.current.last),
            previous_from: text(chosen.previous.first),
            previous_to: text(chosen.previous.last),
            today: text(today),
        },
        current: figures(c, org, chosen.current, now, lang)?,
        previous: figures(c, org, chosen.previous, now, lang)?,
        late: late::late(c, &text(today))?,
    })
}
