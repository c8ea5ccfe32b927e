//! Late work, as of today: plans and tasks whose day has passed, with who owns them. Owners and
//! assignees are named on what they do; nobody else is.

use diesel::QueryResult;
use diesel::QueryableByName;
use diesel::sql_types::Text;
use serde::Serialize;

use super::sql::Query;
use crate::db::DbConn;

/// At most this many of each, earliest due first.
pub const MAX_LATE: i64 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, QueryableByName, utoipa::ToSchema)]
pub struct LatePlan {
    #[diesel(sql_type = Text)]
    pub case_id: String,
    #[diesel(sql_type = Text)]
    pub case_title: String,
    /// The owner who made the plan.
    #[diesel(sql_type = Text)]
    pub owner: String,
    #[diesel(sql_type = Text)]
    pub due_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, QueryableByName, utoipa::ToSchema)]
pub struct LateTask {
    #[diesel(sql_type = Text)]
    pub case_id: String,
    #[diesel(sql_type = Text)]
    pub case_title: String,
    #[diesel(sql_type = Text)]
    pub description: String,
    #[diesel(sql_type = Text)]
    pub owner: String,
    #[diesel(sql_type = Text)]
    pub assignee: String,
    #[diesel(sql_type = Text)]
    pub due_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Late {
    pub plans: Vec<LatePlan>,
    pub tasks: Vec<LateTask>,
}

/// Open plans (not done, not dropped) and their open tasks due before `today`.
pub fn late(c: &mut DbConn, today: &str) -> QueryResult<Late> {
    let plans = Query::new(
        "SELECT c.id AS case_id, c.title AS case_title, o.display_name AS owner, p.due_on AS due_on \
         FROM plans p JOIN cases c ON c.id = p.case_id JOIN users o ON o.id = p.owner_id \
         WHERE p.done_at IS NULL AND p.dropped IS NULL AND p.due_on < ",
    )
    .text(today)
    .sql(" ORDER BY p.due_on, p.id LIMIT ")
    .int(MAX_LATE)
    .load(c)?;
    let tasks = Query::new(
        "SELECT c.id AS case_id, c.title AS case_title, t.description AS description, \
         o.display_name AS owner, s.display_name AS assignee, t.due_on AS due_on \
         FROM tasks t JOIN plans p ON p.id = t.plan_id JOIN cases c ON c.id = p.case_id \
         JOIN users o ON o.id = p.owner_id JOIN users s ON s.id = t.assignee_id \
         WHERE t.done_at IS NULL AND NOT t.removed AND p.done_at IS NULL AND p.dropped IS NULL \
         AND t.due_on < ",
    )
    .text(today)
    .sql(" ORDER BY t.due_on, t.id LIMIT ")
    .int(MAX_LATE)
    .load(c)?;
    Ok(Late { plans, tasks })
}
