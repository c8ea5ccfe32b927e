//! The mood of what comes in: how many remarks, and how their customers felt (1 very frustrated
//! to 5 delighted), by week, by topic and by kind of place.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use diesel::QueryResult;
use diesel::prelude::*;
use serde::Serialize;

use super::period::Span;
use super::sql::{Felt, Query};
use crate::db::DbConn;
use crate::db::schema::topics;
use crate::i18n::Lang;
use crate::organisation::Organisation;

/// How many remarks felt each way, very frustrated first.
pub type Feelings = [i64; 5];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Week {
    /// Its first day (7-day spans from the period's first day; the last may be shorter).
    pub from: String,
    pub remarks: i64,
    /// How many felt each way: very frustrated, frustrated, neutral, pleased, delighted.
    #[schema(value_type = Vec<i64>, min_items = 5, max_items = 5)]
    pub feelings: Feelings,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TopicMood {
    /// None: remarks without a topic.
    pub topic_id: Option<String>,
    /// In the reader's language; none without a topic.
    pub label: Option<String>,
    pub remarks: i64,
    /// How many felt each way: very frustrated, frustrated, neutral, pleased, delighted.
    #[schema(value_type = Vec<i64>, min_items = 5, max_items = 5)]
    pub feelings: Feelings,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlaceMood {
    /// `party`, `school`, `sports_club`, `hairdresser`, `shop`, `family` or `other`.
    pub place: String,
    pub remarks: i64,
    /// How many felt each way: very frustrated, frustrated, neutral, pleased, delighted.
    #[schema(value_type = Vec<i64>, min_items = 5, max_items = 5)]
    pub feelings: Feelings,
}

/// The remarks of `[from, to)` grouped by `key` (an SQL expression over `r`) and feeling.
fn felt(c: &mut DbConn, key: Query, from: i64, to: i64) -> QueryResult<BTreeMap<Option<String>, Feelings>> {
    let rows: Vec<Felt> = key
        .sql(" AS key, r.feeling AS feeling, COUNT(*) AS n FROM remarks r WHERE r.created_at >= ")
        .int(from)
        .sql(" AND r.created_at < ")
        .int(to)
        .sql(" GROUP BY 1, 2")
        .load(c)?;
    let mut out: BTreeMap<Option<String>, Feelings> = BTreeMap::new();
    for row in rows {
        if let Some(slot) = usize::try_from(row.feeling - 1).ok().filter(|i| *i < 5) {
            out.entry(row.key).or_default()[slot] += row.n;
        }
    }
    Ok(out)
}

/// Each 7-day span of `span`: its remarks and how they felt. Weeks are bounded by the
/// organisation's midnights (a week with a clock change is an hour longer or shorter).
pub fn weeks(c: &mut DbConn, org: &Organisation, span: Span) -> QueryResult<Vec<Week>> {
    let starts: Vec<NaiveDate> =
        (0..).map(|w| span.first + Days::new(7 * w)).take_while(|d| *d <= span.last).collect();
    // CASE WHEN r.created_at < <end of week 0> THEN '0' WHEN … END: the week's number.
    // (A CASE needs one WHEN at least: a single week is week 0.)
    let last = format!("'{}'", starts.len().saturating_sub(1));
    let mut key = Query::new(if starts.len() > 1 { "SELECT CASE" } else { "SELECT " });
    for (i, start) in starts.iter().enumerate().skip(1) {
        key = key.sql(" WHEN r.created_at < ").int(crate::news::figures::start_of(org, *start));
        key = key.sql(&format!(" THEN '{}'", i - 1));
    }
    key = if starts.len() > 1 { key.sql(&format!(" ELSE {last} END")) } else { key.sql(&last) };
    let (from, to) = span.instants(org);
    let felt = felt(c, key, from, to)?;
    Ok(starts
        .iter()
        .enumerate()
        .map(|(i, start)| {
            let feelings = felt.get(&Some(i.to_string())).copied().unwrap_or_default();
            Week { from: start.format("%Y-%m-%d").to_string(), remarks: feelings.iter().sum(), feelings }
        })
        .collect())
}

/// Per topic, most remarks first (then by label).
pub fn topics(c: &mut DbConn, from: i64, to: i64, lang: Lang) -> QueryResult<Vec<TopicMood>> {
    let felt = felt(c, Query::new("SELECT r.topic_id"), from, to)?;
    let labels: BTreeMap<String, (String, String, String)> = topics::table
        .select((topics::id, (topics::label_nl, topics::label_fr, topics::label_en)))
        .load::<(String, (String, String, String))>(c)?
        .into_iter()
        .collect();
    let label = |id: &String| {
        labels.get(id).map(|(nl, fr, en)| match lang {
            Lang::Nl => nl.clone(),
            Lang::Fr => fr.clone(),
            Lang::En => en.clone(),
        })
    };
    let mut out: Vec<TopicMood> = felt
        .into_iter()
        .map(|(topic_id, feelings)| TopicMood {
            label: topic_id.as_ref().and_then(label),
            topic_id,
            remarks: feelings.iter().sum(),
            feelings,
        })
        .collect();
    out.sort_by(|a, b| b.remarks.cmp(&a.remarks).then_with(|| a.label.cmp(&b.label)));
    Ok(out)
}

/// Per kind of place, most remarks first.
pub fn places(c: &mut DbConn, from: i64, to: i64) -> QueryResult<Vec<PlaceMood>> {
    let felt = felt(c, Query::new("SELECT r.place_kind"), from, to)?;
    let mut out: Vec<PlaceMood> = felt
        .into_iter()
        .filter_map(|(place, feelings)| {
            Some(PlaceMood { place: place?, remarks: feelings.iter().sum(), feelings })
        })
        .collect();
    out.sort_by(|a, b| b.remarks.cmp(&a.remarks).then_with(|| a.place.cmp(&b.place)));
    Ok(out)
}
