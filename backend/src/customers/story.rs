//! What a customer's page tells, read from the database: the remark as they told it, every
//! answer they were given in order (the acknowledgement, the decision and its changes, a plan's
//! new date and "done"), how far the plan is, whether they said the decision helped, and
//! whether they still get mail. The same reads whether the link is known or not
//! (`status::render` shows a decoy for an unknown one).

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{acknowledgements, cases, decisions, help_votes, plans, remarks, tasks};
use crate::decisions::DecisionKind;
use crate::ids::{DecisionId, RemarkId};
use crate::remarks::Remark;

/// One answer the customer was given: the day, the day promised (empty for a last word), what
/// they read, whether it told a decision, and a plan's news (`done`, `moved`).
pub type Answer = (String, String, String, bool, Option<String>);

/// How far a plan is: tasks done, tasks, the day it is due.
pub type Progress = (i64, i64, String);

/// The decision that stands for the remark now, and what the customer said of it.
#[derive(Clone, Debug)]
pub struct Standing {
    pub decision: DecisionId,
    /// `Some(helped)` once they answered "did this help?" for this version.
    pub voted: Option<bool>,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct Story {
    pub remark: Remark,
    pub answers: Vec<Answer>,
    /// While a plan is under way (not done, not dropped).
    pub progress: Option<Progress>,
    /// Once decided (praise aside: nothing to help with).
    pub standing: Option<Standing>,
}

/// The answers to `remark`, oldest first.
pub fn answers(c: &mut DbConn, remark: &RemarkId) -> QueryResult<Vec<Answer>> {
    acknowledgements::table
        .filter(acknowledgements::remark_id.eq(remark))
        .order((acknowledgements::acted_at.asc(), acknowledgements::seq.asc()))
        .select((
            acknowledgements::acted_on,
            acknowledgements::promised_on,
            acknowledgements::body,
            acknowledgements::decision_id.is_not_null(),
            acknowledgements::news,
        ))
        .load(c)
}

/// The decision standing for `remark` now (through its case) and its kind.
pub fn decision_of(c: &mut DbConn, remark: &RemarkId) -> QueryResult<Option<(DecisionId, DecisionKind)>> {
    let case: Option<Option<String>> =
        remarks::table.find(remark).select(remarks::case_id).first(c).optional()?;
    let Some(case) = case.flatten() else { return Ok(None) };
    let current: Option<DecisionId> = cases::table
        .find(&case)
        .select(cases::decision_id)
        .first::<Option<DecisionId>>(c)
        .optional()?
        .flatten();
    let Some(current) = current else { return Ok(None) };
    decisions::table
        .find(&current)
        .filter(decisions::ended.is_null())
        .select((decisions::id, decisions::kind))
        .first(c)
        .optional()
}

/// The plan of `decision` while it is under way.
fn progress(c: &mut DbConn, decision: &DecisionId) -> QueryResult<Option<Progress>> {
    let plan: Option<(String, String)> = plans::table
        .filter(plans::decision_id.eq(decision))
        .filter(plans::done_at.is_null())
        .filter(plans::dropped.is_null())
        .select((plans::id, plans::due_on))
        .first(c)
        .optional()?;
    let Some((plan, due_on)) = plan else { return Ok(None) };
    let live = tasks::table.filter(tasks::plan_id.eq(&plan)).filter(tasks::removed.eq(false));
    let all: i64 = live.count().get_result(c)?;
    let done: i64 = live.filter(tasks::done_at.is_not_null()).count().get_result(c)?;
    Ok(Some((done, all, due_on)))
}

/// What the customer said of `decision` for `remark`, if anything.
pub fn vote_of(c: &mut DbConn, remark: &RemarkId, decision: &DecisionId) -> QueryResult<Option<bool>> {
    help_votes::table.find((remark, decision)).select(help_votes::helped).first(c).optional()
}

/// The story of `remark` (the page's reads; `remark` is a decoy's for an unknown link).
pub fn read(c: &mut DbConn, remark: Remark) -> QueryResult<Story> {
    let answers = answers(c, &remark.id)?;
    let decision = decision_of(c, &remark.id)?;
    let (progress, standing) = match decision {
        Some((id, kind)) => {
            let progress = if kind == DecisionKind::Act { progress(c, &id)? } else { None };
            let standing = (kind != DecisionKind::Praise)
                .then(|| vote_of(c, &remark.id, &id).map(|voted| Standing { decision: id, voted }))
                .transpose()?;
            (progress, standing)
        }
        None => (None, None),
    };
    Ok(Story { remark, answers, progress, standing })
}
