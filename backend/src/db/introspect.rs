//! What the database holds, described the same way on both backends, so a test can prove that
//! the two migration sets build the same tables and columns.

use std::collections::BTreeSet;

use diesel::sql_types::{Bool, Text};
use diesel::{QueryableByName, RunQueryDsl, sql_query};

use super::DbConn;

/// One column: table, name, portable type family and whether it may be NULL.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Column {
    pub table: String,
    pub name: String,
    pub family: String,
    pub nullable: bool,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
}

/// Every column of every application table. Left out: migration bookkeeping, SQLite internals and
/// the search index (`search_*`: an FTS5 table on SQLite, an expression index on PostgreSQL).
pub fn columns(conn: &mut DbConn) -> diesel::QueryResult<BTreeSet<Column>> {
    let rows: Vec<Row> = match conn {
        DbConn::Sqlite(c) => sql_query(
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
                    (p.\"notnull\" = 0 AND p.pk = 0) AS nullable \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
               AND m.name NOT LIKE '__diesel_%' AND m.name NOT LIKE 'search\\_%' ESCAPE '\\'",
        )
        .load(c)?,
        DbConn::Pg(c) => sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                    data_type::text AS data_type, (is_nullable = 'YES') AS nullable \
             FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name NOT LIKE '__diesel_%'",
        )
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| Column {
            table: r.table_name,
            name: r.column_name,
            family: family(&r.data_type),
            nullable: r.nullable,
        })
        .collect())
}

/// The portable type family of a declared column type.
fn family(declared: &str) -> String {
    let t = declared.to_ascii_lowercase();
    let family = match t.as_str() {
        "text" | "character varying" | "varchar" => "text",
        "bigint" | "int8" => "bigint",
        "integer" | "int" | "int4" => "integer",
        "boolean" | "bool" => "bool",
        "blob" | "bytea" => "binary",
        _ => return t,
    };
    family.to_owned()
}
