//! Words in facts and feelings, behind one function per direction: `index` (at capture) and
//! `condition` (when reading). SQLite: an FTS5 table; PostgreSQL: a GIN expression index.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};

use super::Remark;
use crate::db::schema::remarks;
use crate::db::{Backend, DbConn, MultiBackend};
use crate::ids::RemarkId;

/// Make a remark findable. PostgreSQL's expression index follows the row by itself.
pub fn index(conn: &mut DbConn, remark: &Remark) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "INSERT INTO search_remarks (rowid, remark_id, facts, feeling_words) VALUES (?, ?, ?, ?)",
        )
        .bind::<BigInt, _>(rowid(&remark.id))
        .bind::<Text, _>(&remark.id)
        .bind::<Text, _>(&remark.facts)
        .bind::<Text, _>(&remark.feeling_words)
        .execute(c)
        .map(drop),
        DbConn::Pg(_) => Ok(()),
    }
}

/// Its words changed (`triage::redact`): findable by the new ones only.
pub fn reindex(conn: &mut DbConn, remark: &Remark) -> QueryResult<()> {
    if let DbConn::Sqlite(c) = conn {
        diesel::sql_query("DELETE FROM search_remarks WHERE rowid = ?")
            .bind::<BigInt, _>(rowid(&remark.id))
            .execute(c)?;
    }
    index(conn, remark)
}

/// Rewrite SQLite's index in one piece: FTS5 keeps a deleted row's words in its older
/// segments until they merge, and words that must be forgotten (`triage::redact`) may not wait.
pub fn compact(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => {
            diesel::sql_query("INSERT INTO search_remarks (search_remarks) VALUES ('optimize')")
                .execute(c)
                .map(drop)
        }
        DbConn::Pg(_) => Ok(()),
    }
}

/// The FTS rowid: from the remark's random id, so the index keeps no arrival order.
fn rowid(id: &RemarkId) -> i64 {
    let bytes = id.bytes();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    i64::from_be_bytes(first) & i64::MAX
}

/// Letters folded to their plain form, on both sides of a PostgreSQL search (SQLite's FTS5
/// tokenizer removes diacritics itself).
const ACCENTED: &str = "àáâäãåæçèéêëìíîïñòóôöõøùúûüýÿ";
const PLAIN: &str = "aaaaaaaceeeeiiiinoooooouuuuyy";

/// The searched document on PostgreSQL: this exact expression is indexed (GIN) by the migration.
pub const PG_DOCUMENT: &str = "to_tsvector('simple', translate(lower(facts || ' ' || feeling_words), \
     'àáâäãåæçèéêëìíîïñòóôöõøùúûüýÿ', 'aaaaaaaceeeeiiiinoooooouuuuyy'))";

pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| ACCENTED.chars().position(|a| a == c).and_then(|i| PLAIN.chars().nth(i)).unwrap_or(c))
        .collect()
}

/// The words searched for: letters and digits, lower-cased and folded, at most eight words of
/// 40 characters.
pub fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| fold(&w.chars().take(40).collect::<String>().to_lowercase()))
        .collect()
}

/// A condition on `remarks` that holds when every word starts a word of the facts or feelings.
pub fn condition(
    backend: Backend,
    words: &[String],
) -> Box<dyn BoxableExpression<remarks::table, MultiBackend, SqlType = Bool>> {
    match backend {
        Backend::Sqlite => {
            let query = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" AND ");
            Box::new(
                sql::<Bool>(
                    "remarks.id IN (SELECT remark_id FROM search_remarks WHERE search_remarks MATCH ",
                )
                .bind::<Text, _>(query)
                .sql(")"),
            )
        }
        Backend::Postgres => {
            let query = words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & ");
            Box::new(
                sql::<Bool>(&format!("{PG_DOCUMENT} @@ to_tsquery('simple', "))
                    .bind::<Text, _>(query)
                    .sql(")"),
            )
        }
    }
}

/// The remarks whose facts or feelings hold every word, at most `limit` of them, straight from
/// the search index (FTS5; PostgreSQL's GIN index): for a reader that would otherwise test the
/// condition on row after row of an ordered scan, and find few.
pub fn matching(conn: &mut DbConn, words: &[String], limit: i64) -> QueryResult<Vec<RemarkId>> {
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = Text)]
        id: RemarkId,
    }
    let found: Vec<Found> = match conn {
        DbConn::Sqlite(c) => {
            let query = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" AND ");
            diesel::sql_query(
                "SELECT remark_id AS id FROM search_remarks WHERE search_remarks MATCH ? LIMIT ?",
            )
            .bind::<Text, _>(query)
            .bind::<BigInt, _>(limit)
            .load(c)?
        }
        DbConn::Pg(c) => {
            let query = words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & ");
            diesel::sql_query(format!(
                "SELECT id FROM remarks WHERE {PG_DOCUMENT} @@ to_tsquery('simple', $1) LIMIT $2"
            ))
            .bind::<Text, _>(query)
            .bind::<BigInt, _>(limit)
            .load(c)?
        }
    };
    Ok(found.into_iter().map(|f| f.id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_postgres_index_is_on_exactly_the_searched_expression() {
        let migration = include_str!("../../../migrations/postgres/2026-11-23-020000_remarks/up.sql");
        assert!(migration.contains(PG_DOCUMENT), "migration and search::PG_DOCUMENT differ");
        assert!(PG_DOCUMENT.contains(ACCENTED) && PG_DOCUMENT.contains(PLAIN));
        assert_eq!(ACCENTED.chars().count(), PLAIN.chars().count());
        assert_eq!(words("Crème BRÛLÉE"), ["creme", "brulee"]);
    }

    #[test]
    fn words_are_letters_and_digits_only() {
        assert_eq!(words("Te   dure\" broodjes* OR 2x"), ["te", "dure", "broodjes", "or", "2x"]);
        assert_eq!(words("') DROP --"), ["drop"]);
        assert!(words("  ").is_empty());
    }
}
