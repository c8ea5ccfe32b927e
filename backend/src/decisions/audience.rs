//! What a case's customers hear now (docs/decisions.md): its own decision; or, for a duplicate,
//! the root's decision — or, while the root has none, that others said the same and by when
//! they hear. Used by every act that tells: a decision, a change, a remark added to a decided
//! case, a merge.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::compose::Told;
use super::tell::{After, Hearing};
use super::{Decision, DecisionKind, DecisionWords, current, duplicates_of, root_of};
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::ids::{CaseId, DecisionId};
use crate::organisation::Organisation;
use crate::remarks::Remark;

/// A decision as its customers are told it.
pub struct Telling {
    pub kind: DecisionKind,
    pub texts: Vec<DecisionWords>,
    pub hear_again_on: Option<NaiveDate>,
}

impl Telling {
    pub fn of(d: &Decision) -> Self {
        Self { kind: d.kind, texts: d.words(), hear_again_on: d.hear_again() }
    }
}

/// What a decided case's customers hear.
pub enum Heard {
    /// This decision (the case's own, or through `via_duplicate` its root's).
    Decision { telling: Telling, via_duplicate: bool },
    /// Its root has no decision yet: they hear by this day.
    Pending { by: NaiveDate },
}

/// What the customers of `case` hear now, and the decision that says so (its own); `None` when
/// it is undecided.
pub fn heard(
    c: &mut DbConn,
    case: &CaseId,
    org: &Organisation,
    now: i64,
) -> QueryResult<Option<(Heard, DecisionId)>> {
    let Some(own) = current(c, case)? else { return Ok(None) };
    if own.kind != DecisionKind::Duplicate {
        return Ok(Some((Heard::Decision { telling: Telling::of(&own), via_duplicate: false }, own.id)));
    }
    let root = root_of(c, case)?;
    let heard = match current(c, &root)? {
        Some(d) => Heard::Decision { telling: Telling::of(&d), via_duplicate: true },
        None => Heard::Pending { by: pending_day(c, &root, org, now)? },
    };
    Ok(Some((heard, own.id)))
}

/// The day the customers of an undecided root hear by: its earliest promise (a week from today
/// when it holds none).
pub fn pending_day(c: &mut DbConn, root: &CaseId, org: &Organisation, now: i64) -> QueryResult<NaiveDate> {
    let due: Option<i64> = remarks::table
        .filter(remarks::case_id.eq(root))
        .filter(remarks::undecided.eq(true))
        .select(diesel::dsl::min(remarks::due_at))
        .first(c)?;
    let today = org.day_of(now);
    Ok(due.map_or(today + chrono::Days::new(7), |d| org.day_of(d - 1).max(today)))
}

/// The hearings of `remarks` told `heard`; `changed`: they were told another decision before.
pub fn hearings<'a>(heard: &'a Heard, remarks: Vec<Remark>, changed: bool, now: i64) -> Vec<Hearing<'a>> {
    remarks
        .into_iter()
        .map(|remark| {
            let late = remark.undecided && remark.due_at <= now;
            let (told, after) = match heard {
                Heard::Decision { telling, via_duplicate } => (
                    Told::Decided {
                        kind: telling.kind,
                        texts: &telling.texts,
                        hear_again_on: telling.hear_again_on,
                        changed,
                        via_duplicate: *via_duplicate,
                    },
                    After::Decided { hear_again_on: telling.hear_again_on },
                ),
                Heard::Pending { by } => {
                    (Told::Pending { by: *by }, After::Decided { hear_again_on: Some(*by) })
                }
            };
            Hearing { remark, told, late, after }
        })
        .collect()
}

/// The remarks of every case that duplicates `root`.
pub fn duplicates_remarks(c: &mut DbConn, root: &CaseId) -> QueryResult<Vec<Remark>> {
    let cases = duplicates_of(c, root)?;
    let mut all = Vec::new();
    for case in &cases {
        all.extend(crate::cases::members(c, case)?);
    }
    Ok(all)
}
