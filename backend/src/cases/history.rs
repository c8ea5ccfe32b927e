//! What owners did to a case: made it, added or removed remarks, merged, split, renamed. The
//! owner is named and the act kept to the hour (the messenger rule allows no finer instant);
//! which remark moved is not kept — the count is — so the history reads the same whoever
//! captured what.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::schema::{case_events, cases, users};
use crate::db::typed::TextValue;
use crate::ids::{CaseId, PersonId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Made, with `remarks` remarks.
    Created,
    Added,
    Removed,
    /// The title or the topic changed.
    Renamed,
    /// `other` was merged into this case, with its `remarks`.
    MergedIn,
    /// This case was merged into `other`.
    MergedInto,
    /// `remarks` of this case went to a new case, `other`.
    SplitOff,
    /// Made from `remarks` of `other`.
    SplitFrom,
    /// Its `remarks` had their first answer, together.
    Acknowledged,
    /// Decided (docs/decisions.md).
    Decided,
    /// Its decision changed.
    DecisionChanged,
    /// Its decision was reopened: back in the inbox.
    Reopened,
    /// The owner called a customer with its decision.
    Called,
    /// An action plan was made for its act decision (docs/plans.md); `detail`: its date.
    PlanMade,
    /// A task was added (`detail`: its description), changed or removed.
    TaskAdded,
    TaskChanged,
    TaskRemoved,
    /// A task was done, by the one named.
    TaskDone,
    /// Every task was done: the customers were told.
    PlanDone,
    /// The plan's date moved (`detail`: the new day): the customers were told.
    PlanMoved,
    /// Its decision ended, and the plan with it.
    PlanDropped,
}

impl TextValue for EventKind {
    const ALL: &'static [EventKind] = &[
        EventKind::Created,
        EventKind::Added,
        EventKind::Removed,
        EventKind::Renamed,
        EventKind::MergedIn,
        EventKind::MergedInto,
        EventKind::SplitOff,
        EventKind::SplitFrom,
        EventKind::Acknowledged,
        EventKind::Decided,
        EventKind::DecisionChanged,
        EventKind::Reopened,
        EventKind::Called,
        EventKind::PlanMade,
        EventKind::TaskAdded,
        EventKind::TaskChanged,
        EventKind::TaskRemoved,
        EventKind::TaskDone,
        EventKind::PlanDone,
        EventKind::PlanMoved,
        EventKind::PlanDropped,
    ];

    fn text(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Added => "added",
            EventKind::Removed => "removed",
            EventKind::Renamed => "renamed",
            EventKind::MergedIn => "merged_in",
            EventKind::MergedInto => "merged_into",
            EventKind::SplitOff => "split_off",
            EventKind::SplitFrom => "split_from",
            EventKind::Acknowledged => "acknowledged",
            EventKind::Decided => "decided",
            EventKind::DecisionChanged => "decision_changed",
            EventKind::Reopened => "reopened",
            EventKind::Called => "called",
            EventKind::PlanMade => "plan_made",
            EventKind::TaskAdded => "task_added",
            EventKind::TaskChanged => "task_changed",
            EventKind::TaskRemoved => "task_removed",
            EventKind::TaskDone => "task_done",
            EventKind::PlanDone => "plan_done",
            EventKind::PlanMoved => "plan_moved",
            EventKind::PlanDropped => "plan_dropped",
        }
    }
}
crate::stored_as_text!(EventKind);

/// The other case an event names, with its title as it was then.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OtherCase {
    pub id: CaseId,
    pub title: String,
    /// It is still there to open (a case emptied later is gone).
    pub exists: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EventView {
    pub kind: EventKind,
    /// The owner who did it (the assignee, for `task_done`).
    pub by: String,
    /// The hour it was done (Unix seconds, a whole hour).
    pub at: i64,
    /// How many remarks it concerned.
    pub remarks: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherCase>,
    /// What a plan event was about: a task's description, a new day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// One act on a case, as the history keeps it.
pub struct Event<'a> {
    pub kind: EventKind,
    pub by: &'a PersonId,
    pub now: i64,
    pub remarks: usize,
    pub other: Option<(&'a CaseId, &'a str)>,
}

/// Keep an act on `case`, after its version was taken: that version orders it.
pub fn record(c: &mut DbConn, case: &CaseId, event: &Event) -> QueryResult<()> {
    record_about(c, case, event, None)
}

/// Keep an act on `case` with what it was about (a plan event's task or day).
pub fn record_about(c: &mut DbConn, case: &CaseId, event: &Event, detail: Option<&str>) -> QueryResult<()> {
    let seq: i32 = cases::table.find(case).select(cases::version).first(c)?;
    diesel::insert_into(case_events::table)
        .values((
            case_events::id.eq(uuid::Uuid::new_v4().to_string()),
            case_events::case_id.eq(case),
            case_events::kind.eq(event.kind),
            case_events::owner_id.eq(event.by),
            case_events::at.eq(crate::clock::to_hour(event.now)),
            case_events::seq.eq(seq),
            case_events::remarks.eq(i32::try_from(event.remarks).unwrap_or(i32::MAX)),
            case_events::other_case.eq(event.other.map(|(id, _)| id.as_str().to_owned())),
            case_events::other_title.eq(event.other.map(|(_, t)| t.to_owned())),
            case_events::detail.eq(detail),
        ))
        .execute(c)
        .map(drop)
}

type Row = (EventKind, String, i64, i32, Option<String>, Option<String>, Option<String>);

/// A case's history, oldest first.
pub fn of(c: &mut DbConn, case: &CaseId) -> QueryResult<Vec<EventView>> {
    let rows: Vec<Row> = case_events::table
        .inner_join(users::table.on(users::id.eq(case_events::owner_id)))
        .filter(case_events::case_id.eq(case))
        .order(case_events::seq.asc())
        .select((
            case_events::kind,
            users::display_name,
            case_events::at,
            case_events::remarks,
            case_events::other_case,
            case_events::other_title,
            case_events::detail,
        ))
        .load(c)?;
    let others: Vec<CaseId> =
        rows.iter().filter_map(|r| r.4.as_deref().and_then(CaseId::parse)).collect::<Vec<_>>();
    let existing: Vec<CaseId> = cases::table.filter(cases::id.eq_any(&others)).select(cases::id).load(c)?;
    let events: Vec<EventView> = rows
        .into_iter()
        .map(|(kind, by, at, remarks, other, title, detail)| EventView {
            kind,
            by,
            at,
            remarks,
            other: other.as_deref().and_then(CaseId::parse).map(|id| OtherCase {
                exists: existing.contains(&id),
                id,
                title: title.unwrap_or_default(),
            }),
            detail,
        })
        .collect();
    Ok(events)
}
