//! "Please pass this on": a first answer for a customer who gave no address (or no consent)
//! goes through the colleague who heard it. It is the thread's state — the acknowledgement row
//! says "pass on", the reporter's "my remarks" shows it, their "done, I told them" keeps only
//! the day — and never a row, a mail or a log line naming the reporter.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::schema::{acknowledgements, remarks};
use crate::i18n::Lang;
use crate::ids::RemarkId;
use crate::remarks::RemarkState;
use crate::triage::acknowledge::Reached;

/// What the reporter is asked to tell the customer.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PassOn {
    /// In the customer's language.
    pub text: String,
    pub language: Lang,
    /// The day the owner asked.
    pub asked_on: String,
    /// The day the reporter said they told them; `null` while it waits.
    pub done_on: Option<String>,
}

/// The latest pass-on of each of these remarks that has one.
pub fn of(conn: &mut DbConn, ids: &[RemarkId]) -> QueryResult<HashMap<RemarkId, PassOn>> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(RemarkId, String, Lang, String, Option<String>)> = acknowledgements::table
            .inner_join(remarks::table)
            .filter(acknowledgements::remark_id.eq_any(chunk))
            .filter(acknowledgements::channel.eq(Reached::PassOn))
            .order((acknowledgements::acted_at.asc(), acknowledgements::seq.asc()))
            .select((
                acknowledgements::remark_id,
                acknowledgements::body,
                remarks::customer_language,
                acknowledgements::acted_on,
                acknowledgements::passed_on_on,
            ))
            .load(conn)?;
        for (id, text, language, asked_on, done_on) in rows {
            found.insert(id, PassOn { text, language, asked_on, done_on });
        }
    }
    Ok(found)
}

/// The reporter told the customer: the pass-on keeps the day, the remark is acknowledged.
/// `Ok(false)` when nothing waits to be passed on (already confirmed counts as done).
pub fn confirm(conn: &mut DbConn, id: &RemarkId, today: &str) -> QueryResult<bool> {
    crate::db::write_transaction(conn, |c| {
        let asked: i64 = acknowledgements::table
            .filter(acknowledgements::remark_id.eq(id))
            .filter(acknowledgements::channel.eq(Reached::PassOn))
            .count()
            .get_result(c)?;
        if asked == 0 {
            return Ok(false);
        }
        diesel::update(
            acknowledgements::table
                .filter(acknowledgements::remark_id.eq(id))
                .filter(acknowledgements::channel.eq(Reached::PassOn))
                .filter(acknowledgements::passed_on_on.is_null()),
        )
        .set(acknowledgements::passed_on_on.eq(today))
        .execute(c)?;
        diesel::update(remarks::table.find(id).filter(remarks::status.eq(RemarkState::WaitingForPassOn)))
            .set((remarks::status.eq(RemarkState::Acknowledged), remarks::version.eq(remarks::version + 1)))
            .execute(c)?;
        Ok(true)
    })
}
