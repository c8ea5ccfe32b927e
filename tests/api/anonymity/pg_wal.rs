//! PostgreSQL's write-ahead log as an attacker with a WAL archive (or a standby, or a
//! point-in-time backup) reads it, through pg_walinspect: every record with its transaction,
//! the blocks it touched, and each transaction's commit time. And pg_dump's COPY order.

use std::collections::HashMap;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use regex::Regex;

#[derive(diesel::QueryableByName)]
struct Record {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    xid: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    resource_manager: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    record_type: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    description: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    block_ref: String,
}

/// A heap record on a table of the watched database: insert or delete of tuple (block, offset).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Heap {
    Insert,
    Delete,
}

#[derive(Debug)]
pub struct HeapRecord {
    pub xid: i64,
    pub kind: Heap,
    pub table: String,
    pub tuple: (u32, u32),
}

/// The WAL from the moment `Wal::start` was called, for one database.
pub struct Wal {
    url: String,
    start: String,
}

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

fn one(conn: &mut PgConnection, query: &str) -> String {
    sql_query(query).get_result::<Text>(conn).unwrap_or_else(|e| panic!("{query}: {e}")).value
}

impl Wal {
    pub fn start(url: &str) -> Self {
        let mut conn = PgConnection::establish(url).expect("connect");
        // pg_walinspect ships with PostgreSQL (15 and later); a superuser may install it.
        sql_query("CREATE EXTENSION IF NOT EXISTS pg_walinspect").execute(&mut conn).expect("pg_walinspect");
        Self { url: url.to_owned(), start: one(&mut conn, "SELECT pg_current_wal_lsn()::text AS value") }
    }

    /// Every heap insert and delete on `tables` since the start, in WAL order, and the commit
    /// time (as PostgreSQL wrote it, to the microsecond) of every transaction since.
    pub fn read(&self, tables: &[&str]) -> (Vec<HeapRecord>, HashMap<i64, String>) {
        let mut conn = PgConnection::establish(&self.url).expect("connect");
        let database =
            one(&mut conn, "SELECT oid::text AS value FROM pg_database WHERE datname = current_database()");
        let mut nodes = HashMap::new();
        for table in tables {
            let node = one(&mut conn, &format!("SELECT pg_relation_filenode('{table}')::text AS value"));
            nodes.insert(node, (*table).to_owned());
        }
        let end = one(&mut conn, "SELECT pg_current_wal_lsn()::text AS value");
        let records: Vec<Record> = sql_query(format!(
            "SELECT xid::text::bigint AS xid, resource_manager, record_type, description, \
             coalesce(block_ref, '') AS block_ref \
             FROM pg_get_wal_records_info('{}', '{end}')",
            self.start
        ))
        .load(&mut conn)
        .expect("the WAL since the start (kept by wal_keep_size / max_wal_size)");
        let block = Regex::new(r"rel \d+/(\d+)/(\d+) fork main blk (\d+)").expect("regex");
        let offset = Regex::new(r"^off (\d+)").expect("regex");
        let mut heap = Vec::new();
        let mut commits = HashMap::new();
        for r in records {
            if r.resource_manager == "Transaction" && r.record_type.starts_with("COMMIT") {
                commits.insert(r.xid, r.description.split(';').next().unwrap_or_default().to_owned());
                continue;
            }
            let kind = match (r.resource_manager.as_str(), r.record_type.as_str()) {
                ("Heap", "INSERT" | "INSERT+INIT") => Heap::Insert,
                ("Heap", "DELETE") => Heap::Delete,
                _ => continue,
            };
            let Some(b) = block.captures(&r.block_ref) else { continue };
            let Some(table) = nodes.get(&b[2]).filter(|_| b[1] == database) else { continue };
            let off = offset.captures(&r.description).expect("a heap record names its offset");
            heap.push(HeapRecord {
                xid: r.xid,
                kind,
                table: table.clone(),
                tuple: (b[3].parse().expect("block"), off[1].parse().expect("offset")),
            });
        }
        (heap, commits)
    }
}

/// The rows of `table` in pg_dump's COPY order: (index, created_at) of those `ids` names.
pub fn dump_order(dump: &str, table: &str, ids: &HashMap<String, usize>) -> Vec<(usize, i64)> {
    let head = format!("COPY public.{table} (");
    let mut lines = dump.lines().skip_while(|l| !l.starts_with(&head));
    let columns: Vec<&str> = lines
        .next()
        .and_then(|l| l.strip_prefix(&head))
        .and_then(|l| l.split(')').next())
        .expect("the table is in the dump")
        .split(", ")
        .collect();
    let at = |name: &str| columns.iter().position(|c| *c == name).expect("column in the dump");
    let (id, created_at) = (at("id"), at("created_at"));
    lines
        .take_while(|l| *l != "\\.")
        .filter_map(|l| {
            let fields: Vec<&str> = l.split('\t').collect();
            Some((*ids.get(fields[id])?, fields[created_at].parse().expect("created_at")))
        })
        .collect()
}

/// The attacker's pairing within a transaction: each tuple inserted into `table`, with the
/// commit time of the `held` tuple whose delete comes next after it in the same transaction
/// (that held tuple's own insert was committed at the moment of capture). None: no delete
/// follows it.
pub fn pair_with_held(
    heap: &[HeapRecord],
    commits: &HashMap<i64, String>,
    table: &str,
    held: &str,
) -> HashMap<(u32, u32), Option<String>> {
    let mut held_at: HashMap<(u32, u32), i64> = HashMap::new();
    let mut waiting: HashMap<i64, Vec<(u32, u32)>> = HashMap::new();
    let mut paired = HashMap::new();
    for r in heap {
        match (r.table.as_str(), r.kind) {
            (t, Heap::Insert) if t == held => {
                held_at.insert(r.tuple, r.xid);
            }
            (t, Heap::Insert) if t == table => {
                waiting.entry(r.xid).or_default().push(r.tuple);
                paired.insert(r.tuple, None);
            }
            (t, Heap::Delete) if t == held => {
                let at = held_at.get(&r.tuple).and_then(|xid| commits.get(xid)).cloned();
                for tuple in waiting.remove(&r.xid).unwrap_or_default() {
                    paired.insert(tuple, at.clone());
                }
            }
            _ => {}
        }
    }
    paired
}
