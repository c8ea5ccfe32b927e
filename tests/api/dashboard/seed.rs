//! A known set written straight into the database, so every figure can be worked out by hand
//! (docs/dashboard.md): ten remarks in November 2026, their answers, decisions, votes, a plan.

use chrono::{TimeZone, Utc};
use diesel::prelude::*;
use earshot::db::DbConn;
use earshot::db::schema::{acknowledgements, cases, decisions, help_votes, plans, tasks, topics, users};
use earshot::i18n::Lang;
use earshot::remarks::{Feeling, PlaceKind, Remark};

/// An instant in UTC.
pub fn utc(month: u32, day: u32, hour: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap().timestamp()
}

pub fn person_id(c: &mut DbConn, email: &str) -> String {
    users::table.filter(users::email.eq(email)).select(users::id).first(c).unwrap()
}

pub struct Answer<'a> {
    pub remark: &'a str,
    pub at: i64,
    pub late: bool,
    pub channel: &'a str,
    pub promised_on: &'a str,
    pub passed_on_on: Option<&'a str>,
    pub decision: Option<&'a str>,
}

pub fn answer(c: &mut DbConn, owner: &str, a: Answer) {
    let day = chrono::DateTime::from_timestamp(a.at, 0).unwrap().with_timezone(&chrono_tz::Europe::Brussels);
    let seq: i64 = acknowledgements::table
        .filter(acknowledgements::remark_id.eq(a.remark))
        .count()
        .get_result(c)
        .unwrap();
    diesel::insert_into(acknowledgements::table)
        .values((
            acknowledgements::id.eq(uuid::Uuid::new_v4().to_string()),
            acknowledgements::remark_id.eq(a.remark),
            acknowledgements::channel.eq(a.channel),
            acknowledgements::owner_id.eq(owner),
            acknowledgements::acted_at.eq(a.at),
            acknowledgements::acted_on.eq(day.format("%Y-%m-%d").to_string()),
            acknowledgements::promised_on.eq(a.promised_on),
            acknowledgements::body.eq("Dank u, we bekijken het."),
            acknowledgements::late.eq(a.late),
            acknowledgements::passed_on_on.eq(a.passed_on_on),
            acknowledgements::decision_id.eq(a.decision),
            acknowledgements::seq.eq(i32::try_from(seq).unwrap() + 1),
        ))
        .execute(c)
        .unwrap();
}

pub fn case(c: &mut DbConn, title: &str, remarks: &[&str]) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(cases::table)
        .values((
            cases::id.eq(&id),
            cases::title.eq(title),
            cases::version.eq(1),
            cases::created_at.eq(utc(11, 1, 0)),
        ))
        .execute(c)
        .unwrap();
    for remark in remarks {
        diesel::update(earshot::db::schema::remarks::table.find(remark))
            .set(earshot::db::schema::remarks::case_id.eq(&id))
            .execute(c)
            .unwrap();
    }
    id
}

pub fn decision(c: &mut DbConn, owner: &str, case: &str, kind: &str, at: i64) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let seq: i64 = decisions::table.filter(decisions::case_id.eq(case)).count().get_result(c).unwrap();
    diesel::insert_into(decisions::table)
        .values((
            decisions::id.eq(&id),
            decisions::case_id.eq(case),
            decisions::seq.eq(i32::try_from(seq).unwrap() + 1),
            decisions::kind.eq(kind),
            decisions::texts.eq("[]"),
            decisions::owner_id.eq(owner),
            decisions::at.eq(at),
        ))
        .execute(c)
        .unwrap();
    id
}

pub fn vote(c: &mut DbConn, remark: &str, decision: &str, helped: bool, on: &str) {
    diesel::insert_into(help_votes::table)
        .values((
            help_votes::remark_id.eq(remark),
            help_votes::decision_id.eq(decision),
            help_votes::helped.eq(helped),
            help_votes::comment.eq(""),
            help_votes::voted_on.eq(on),
        ))
        .execute(c)
        .unwrap();
}

pub fn topic(c: &mut DbConn, nl: &str, en: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(topics::table)
        .values((
            topics::id.eq(&id),
            topics::label_nl.eq(nl),
            topics::label_fr.eq(nl),
            topics::label_en.eq(en),
            topics::position.eq(99),
            topics::archived.eq(false),
        ))
        .execute(c)
        .unwrap();
    id
}

/// A remark heard the day before it came in, at `created_at`; due 48 hours after.
pub fn remark(
    c: &mut DbConn,
    created_at: i64,
    feeling: Feeling,
    place: PlaceKind,
    topic: Option<&str>,
) -> String {
    let heard = chrono::DateTime::from_timestamp(created_at - 86_400, 0).unwrap();
    let remark = Remark {
        place_kind: place,
        heard_on: heard.format("%Y-%m-%d").to_string(),
        created_at,
        due_at: created_at + 48 * 3600,
        urgency_key: created_at + 48 * 3600,
        topic_id: topic.map(|t| earshot::ids::TopicId::parse(t).unwrap()),
        ..Remark::of_customer("Mevrouw Claes", Lang::Nl, "Het brood was op.", feeling)
    };
    diesel::insert_into(earshot::db::schema::remarks::table).values(&remark).execute(c).unwrap();
    remark.id.as_str().to_owned()
}

/// An open plan of `case`, due `due_on`, with one open task for `assignee`.
pub fn late_plan(c: &mut DbConn, owner: &str, assignee: &str, case: &str, decision: &str, due_on: &str) {
    let plan = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(plans::table)
        .values((
            plans::id.eq(&plan),
            plans::case_id.eq(case),
            plans::decision_id.eq(decision),
            plans::owner_id.eq(owner),
            plans::due_on.eq(due_on),
            plans::promised_on.eq(due_on),
            plans::version.eq(1),
            plans::created_at.eq(utc(11, 6, 0)),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(tasks::table)
        .values((
            tasks::id.eq(uuid::Uuid::new_v4().to_string()),
            tasks::plan_id.eq(&plan),
            tasks::seq.eq(1),
            tasks::description.eq("Offerte vragen"),
            tasks::assignee_id.eq(assignee),
            tasks::due_on.eq(due_on),
            tasks::removed.eq(false),
            tasks::created_at.eq(utc(11, 6, 0)),
        ))
        .execute(c)
        .unwrap();
}
