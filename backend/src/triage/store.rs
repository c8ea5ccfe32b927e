//! What each remark keeps of the desk's rules, so the inbox reads in order instead of sorting:
//! its current promise (`due_at`) and its place (`urgency_key`). Set at the release; counted
//! again for every remark still waiting for a first answer when the organisation changes its
//! promise, time zone or closed days; filled in at start for remarks released before the desk.

use diesel::prelude::*;

use super::urgency;
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::db::typed::IntegerValue;
use crate::organisation::Organisation;
use crate::remarks::{Feeling, Remark, RemarkState};

/// Give a remark its first promise, counted from its hour as the organisation counts now.
pub fn stamp(remark: &mut Remark, org: &Organisation) {
    remark.due_at = org.due(remark.created_at);
    remark.urgency_key = urgency::key(remark.due_at, remark.feeling);
}

/// Which remarks to count again.
#[derive(Clone, Copy)]
pub enum Recount {
    /// Every undecided remark still waiting for its first answer: the owner's own promise (the
    /// date they named in an acknowledgement) is theirs and stays.
    Unanswered,
    /// Those without a promise yet (released before the desk existed).
    Unstamped,
}

/// Count the promise again for `which` remarks; returns how many changed. One UPDATE per hour
/// and feeling (a promise depends on nothing else), never one per remark.
pub fn recount(conn: &mut DbConn, org: &Organisation, which: Recount) -> QueryResult<usize> {
    let hours: Vec<i64> = match which {
        Recount::Unanswered => remarks::table
            .filter(remarks::undecided.eq(true).and(remarks::status.eq(RemarkState::New)))
            .select(remarks::created_at)
            .distinct()
            .load(conn)?,
        Recount::Unstamped => {
            remarks::table.filter(remarks::due_at.eq(0)).select(remarks::created_at).distinct().load(conn)?
        }
    };
    let mut changed = 0;
    for hour in hours {
        let due = org.due(hour);
        for &feeling in Feeling::ALL {
            let rows =
                remarks::table.filter(remarks::created_at.eq(hour)).filter(remarks::feeling.eq(feeling));
            let set = (remarks::due_at.eq(due), remarks::urgency_key.eq(urgency::key(due, feeling)));
            changed += match which {
                Recount::Unanswered => diesel::update(
                    rows.filter(remarks::undecided.eq(true))
                        .filter(remarks::status.eq(RemarkState::New))
                        .filter(remarks::due_at.ne(due)),
                )
                .set(set)
                .execute(conn)?,
                Recount::Unstamped => {
                    diesel::update(rows.filter(remarks::due_at.eq(0))).set(set).execute(conn)?
                }
            };
        }
    }
    if changed > 0 {
        // Promises moved: each case stands in the inbox by its earliest one again.
        crate::cases::store::relead_all(conn)?;
    }
    Ok(changed)
}
