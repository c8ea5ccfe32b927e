//! Decisions (docs/decisions.md): what becomes of a case — act, no action for now (with its
//! reason), already done, a duplicate of another case, praise passed on. A case has one current
//! decision and keeps every earlier version; every customer behind it hears it in their
//! language, their own feeling first ([`compose`]), by mail, a call or the colleague who heard
//! it ([`tell`]). The endpoints are in [`api`] and [`reopen`]; what adding, removing, merging
//! and splitting do to a decided case is in [`rules`]; the editor's warnings in [`canned`].

pub mod api;
pub mod audience;
pub mod canned;
pub mod compose;
pub mod reopen;
pub mod request;
pub mod rules;
pub mod tell;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::schema::{acknowledgements, cases, decisions, remarks, users};
use crate::db::typed::TextValue;
use crate::i18n::Lang;
use crate::ids::{CaseId, DecisionId, PersonId, RemarkId};
use crate::triage::acknowledge::Reached;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(api::case_of_remark)
        .service(api::draft)
        .service(api::preview)
        .service(api::decide)
        .service(reopen::reopen)
        .service(reopen::called);
}

/// What the owner decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Something will be done (the plan follows); they hear when it is done.
    Act,
    /// Nothing changes for now, and why.
    NoAction,
    /// What they ask for exists or was done.
    AlreadyDone,
    /// Another case is about the same: its decision is theirs.
    Duplicate,
    /// Delight: thanks, and the praise reaches the team.
    Praise,
}

impl TextValue for DecisionKind {
    const ALL: &'static [DecisionKind] = &[
        DecisionKind::Act,
        DecisionKind::NoAction,
        DecisionKind::AlreadyDone,
        DecisionKind::Duplicate,
        DecisionKind::Praise,
    ];

    fn text(self) -> &'static str {
        match self {
            DecisionKind::Act => "act",
            DecisionKind::NoAction => "no_action",
            DecisionKind::AlreadyDone => "already_done",
            DecisionKind::Duplicate => "duplicate",
            DecisionKind::Praise => "praise",
        }
    }
}
crate::stored_as_text!(DecisionKind);

/// Why a decision is no longer the current one.
pub const ENDED_CHANGED: &str = "changed";
pub const ENDED_REOPENED: &str = "reopened";
pub const ENDED_MERGED: &str = "merged";

/// The owner's words in one language, as they stay inside the translated frame.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionWords {
    pub language: Lang,
    /// Their answer to the customer's feeling (after the customer's own words).
    #[serde(default)]
    pub feeling: String,
    /// The facts as the organisation understands them.
    #[serde(default)]
    pub facts: String,
    /// What will and will not be done, and why (the reason, for no action).
    #[serde(default)]
    pub outcome: String,
    /// Why the decision changed (a change only).
    #[serde(default)]
    pub change: String,
}

/// One version of a case's decision, as stored.
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = decisions)]
pub struct Decision {
    pub id: DecisionId,
    pub case_id: CaseId,
    /// 1, 2, … within the case.
    pub seq: i32,
    pub kind: DecisionKind,
    /// The root case, for a duplicate.
    pub duplicate_of: Option<CaseId>,
    pub hear_again_on: Option<String>,
    /// JSON: `[DecisionWords]`.
    pub texts: String,
    pub owner_id: PersonId,
    /// The hour it was made.
    pub at: i64,
    pub ended: Option<String>,
}

impl Decision {
    pub fn words(&self) -> Vec<DecisionWords> {
        serde_json::from_str(&self.texts).unwrap_or_default()
    }

    pub fn hear_again(&self) -> Option<NaiveDate> {
        self.hear_again_on.as_deref().and_then(crate::web::validate::exact_day)
    }
}

/// The owner's words for a customer of `lang`: theirs, else the first language written (Dutch,
/// French, English) — `true` when it is another language than theirs.
pub fn words_for(texts: &[DecisionWords], lang: Lang) -> Option<(&DecisionWords, bool)> {
    if let Some(own) = texts.iter().find(|w| w.language == lang) {
        return Some((own, false));
    }
    Lang::ALL.iter().find_map(|l| texts.iter().find(|w| w.language == *l)).map(|w| (w, true))
}

/// The case's current decision.
pub fn current(c: &mut DbConn, case: &CaseId) -> QueryResult<Option<Decision>> {
    cases::table
        .inner_join(decisions::table.on(cases::decision_id.eq(decisions::id.nullable())))
        .filter(cases::id.eq(case))
        .select(Decision::as_select())
        .first(c)
        .optional()
}

/// The case at the end of `case`'s duplicate chain (itself when it is no duplicate). Stored
/// chains are one step long (a duplicate points at its root); the bound guards the rest.
pub fn root_of(c: &mut DbConn, case: &CaseId) -> QueryResult<CaseId> {
    let mut at = case.clone();
    for _ in 0..16 {
        match current(c, &at)? {
            Some(d) if d.kind == DecisionKind::Duplicate => match d.duplicate_of {
                Some(next) if next != *case => at = next,
                _ => break,
            },
            _ => break,
        }
    }
    Ok(at)
}

/// The cases whose current decision says they are duplicates of `root`.
pub fn duplicates_of(c: &mut DbConn, root: &CaseId) -> QueryResult<Vec<CaseId>> {
    cases::table
        .inner_join(decisions::table.on(cases::decision_id.eq(decisions::id.nullable())))
        .filter(decisions::kind.eq(DecisionKind::Duplicate))
        .filter(decisions::duplicate_of.eq(root))
        .order(cases::id.asc())
        .select(cases::id)
        .load(c)
}

/// Store a new version of `case`'s decision and make it the current one (the one before it
/// ends as `ended`).
pub fn store(c: &mut DbConn, mut decision: Decision, ended: &str) -> QueryResult<Decision> {
    let last: Option<i32> = decisions::table
        .filter(decisions::case_id.eq(&decision.case_id))
        .select(diesel::dsl::max(decisions::seq))
        .first(c)?;
    decision.seq = last.unwrap_or(0) + 1;
    end_current(c, &decision.case_id, ended)?;
    diesel::insert_into(decisions::table).values(&decision).execute(c)?;
    diesel::update(cases::table.find(&decision.case_id))
        .set(cases::decision_id.eq(&decision.id))
        .execute(c)?;
    Ok(decision)
}

/// The case has no current decision any more; the one it had ends as `ended`.
pub fn end_current(c: &mut DbConn, case: &CaseId, ended: &str) -> QueryResult<()> {
    let Some(current) = current(c, case)? else { return Ok(()) };
    diesel::update(decisions::table.find(&current.id)).set(decisions::ended.eq(ended)).execute(c)?;
    diesel::update(cases::table.find(case)).set(cases::decision_id.eq(None::<DecisionId>)).execute(c)?;
    Ok(())
}

/// The other case a decision names.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseLink {
    pub id: CaseId,
    pub title: String,
}

/// A decision as the owner reads it.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionView {
    pub seq: i32,
    pub kind: DecisionKind,
    /// The owner who decided.
    pub by: String,
    /// The hour (Unix seconds, a whole hour).
    pub at: i64,
    pub hear_again_on: Option<String>,
    pub duplicate_of: Option<CaseLink>,
    pub texts: Vec<DecisionWords>,
    /// `changed`, `reopened` or `merged` once it is no longer the current one.
    pub ended: Option<String>,
}

/// Every version of `case`'s decision, oldest first.
pub fn views(c: &mut DbConn, case: &CaseId) -> QueryResult<Vec<DecisionView>> {
    let rows: Vec<(Decision, String)> = decisions::table
        .inner_join(users::table.on(users::id.eq(decisions::owner_id)))
        .filter(decisions::case_id.eq(case))
        .order(decisions::seq.asc())
        .select((Decision::as_select(), users::display_name))
        .load(c)?;
    let mut all = Vec::with_capacity(rows.len());
    for (d, by) in rows {
        let duplicate_of = match &d.duplicate_of {
            Some(id) => {
                let title: Option<String> = cases::table.find(id).select(cases::title).first(c).optional()?;
                title.map(|title| CaseLink { id: id.clone(), title })
            }
            None => None,
        };
        all.push(DecisionView {
            seq: d.seq,
            kind: d.kind,
            by,
            at: d.at,
            hear_again_on: d.hear_again_on.clone(),
            duplicate_of,
            texts: d.words(),
            ended: d.ended.clone(),
        });
    }
    Ok(all)
}

/// A customer the owner is to call (consent and only a phone number), with what to say.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CallItem {
    pub remark_id: RemarkId,
    pub name: String,
    pub phone: String,
    pub language: Lang,
    pub text: String,
}

/// The calls of `case` that wait for the owner.
pub fn calls(c: &mut DbConn, case: &CaseId) -> QueryResult<Vec<CallItem>> {
    let rows: Vec<(RemarkId, String, Option<String>, Lang, String)> = acknowledgements::table
        .inner_join(remarks::table)
        .filter(remarks::case_id.eq(case))
        .filter(acknowledgements::channel.eq(Reached::Call))
        .filter(acknowledgements::passed_on_on.is_null())
        .order((remarks::id.asc(), acknowledgements::seq.asc()))
        .select((
            remarks::id,
            remarks::customer_name,
            remarks::customer_phone,
            remarks::customer_language,
            acknowledgements::body,
        ))
        .load(c)?;
    let mut latest: Vec<CallItem> = Vec::new();
    for (remark_id, name, phone, language, text) in rows {
        // Only the latest of a remark's calls is what to say now.
        latest.retain(|item| item.remark_id != remark_id);
        latest.push(CallItem { remark_id, name, phone: phone.unwrap_or_default(), language, text });
    }
    Ok(latest)
}
