//! The dashboard's SQL: one text for both backends, built with its values bound, never written
//! into it. Parameters are `$1`, `$2`, … numbered in the order they are written: PostgreSQL
//! numbers them so, and SQLite numbers named parameters (`$1` is a name to it) in the order
//! they first appear — so the same text binds alike on both.
//!
//! Only aggregates leave the database: counts, sums and groups, never a remark's row.

use diesel::QueryResult;
use diesel::QueryableByName;
use diesel::RunQueryDsl;
use diesel::pg::Pg;
use diesel::sql_types::{BigInt, Nullable, Text};
use diesel::sqlite::Sqlite;

use crate::db::DbConn;

enum Value {
    Int(i64),
    Text(String),
}

/// A query being written: its text and the values its parameters stand for, in order.
#[derive(Default)]
pub struct Query {
    text: String,
    values: Vec<Value>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Self { text: text.to_owned(), values: Vec::new() }
    }

    /// Appends SQL text (ours, never a value).
    pub fn sql(mut self, text: &str) -> Self {
        self.text.push_str(text);
        self
    }

    /// Appends a parameter standing for `value`.
    pub fn int(mut self, value: i64) -> Self {
        self.values.push(Value::Int(value));
        self.text.push_str(&format!("${}", self.values.len()));
        self
    }

    /// Appends a parameter standing for `value` (a day, a kind).
    pub fn text(mut self, value: &str) -> Self {
        self.values.push(Value::Text(value.to_owned()));
        self.text.push_str(&format!("${}", self.values.len()));
        self
    }

    /// The rows it gives.
    pub fn load<T>(self, c: &mut DbConn) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        match c {
            DbConn::Sqlite(c) => {
                let mut q = diesel::sql_query(self.text).into_boxed::<Sqlite>();
                for value in self.values {
                    q = match value {
                        Value::Int(v) => q.bind::<BigInt, _>(v),
                        Value::Text(v) => q.bind::<Text, _>(v),
                    };
                }
                q.load(c)
            }
            DbConn::Pg(c) => {
                let mut q = diesel::sql_query(self.text).into_boxed::<Pg>();
                for value in self.values {
                    q = match value {
                        Value::Int(v) => q.bind::<BigInt, _>(v),
                        Value::Text(v) => q.bind::<Text, _>(v),
                    };
                }
                q.load(c)
            }
        }
    }

    /// The one row an aggregate without `GROUP BY` gives.
    pub fn one<T>(self, c: &mut DbConn) -> QueryResult<T>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        self.load(c)?.into_iter().next().ok_or(diesel::result::Error::NotFound)
    }
}

/// A count.
#[derive(QueryableByName)]
pub struct Count {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// A count and how many of it held (`kept`).
#[derive(QueryableByName)]
pub struct CountKept {
    #[diesel(sql_type = BigInt)]
    pub n: i64,
    #[diesel(sql_type = BigInt)]
    pub kept: i64,
}

/// How many have a text (a kind, a state).
#[derive(QueryableByName)]
pub struct Keyed {
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many were heard on one day and answered on another.
#[derive(QueryableByName)]
pub struct DayPair {
    #[diesel(sql_type = Text)]
    pub heard: String,
    #[diesel(sql_type = Text)]
    pub acted: String,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many have a whole number (a duration in hours).
#[derive(QueryableByName)]
pub struct Number {
    #[diesel(sql_type = BigInt)]
    pub key: i64,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// How many of one group (a topic, a kind of place, a week) felt each way (1 to 5).
#[derive(QueryableByName)]
pub struct Felt {
    #[diesel(sql_type = Nullable<Text>)]
    pub key: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub feeling: i32,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

/// `SUM(CASE WHEN <condition> THEN 1 ELSE 0 END)` as a BIGINT on both backends, 0 over no rows.
pub fn count_if(condition: &str) -> String {
    format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS BIGINT)")
}
