//! The readers of the held-hours test (`hours.rs`): what each kind of copy an operator holds
//! says of when a remark arrived.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::AhoCorasick;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection, sql_query};
use rand::Rng;

use super::hours::Capture;
use super::order::{self, ALARM, Placed};
use super::{pg_wal, sqlite_file};
use crate::helpers::TestApp;
use earshot::db::DatabaseUrl;

/// What a backup taken now holds: SQLite's files as copied (main file and WAL), or pg_dump.
pub fn backup(app: &TestApp) -> Vec<u8> {
    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            let files = sqlite_file::Files::read(path);
            [files.main, files.wal].concat()
        }
        DatabaseUrl::Postgres(url) => super::pg_dump(url).into_bytes(),
    }
}

/// A backup in the middle of an hour: this hour's captures are in it only as held rows —
/// nothing of them in the clear, so nothing to date them by — while every earlier hour's
/// remarks are there to be read (the search works).
pub fn backup_mid_hour(app: &TestApp, captures: &[Capture]) {
    let copy = backup(app);
    let now = captures.last().expect("a capture").hour;
    let (this_hour, earlier): (Vec<&Capture>, Vec<&Capture>) = captures.iter().partition(|c| c.hour == now);
    let found = |c: &Capture| {
        AhoCorasick::new([c.id.clone(), c.id.replace('-', ""), c.marker.clone()])
            .expect("patterns")
            .is_match(&copy)
    };
    let clear: Vec<&str> = this_hour.iter().filter(|c| found(c)).map(|c| c.marker.as_str()).collect();
    assert!(clear.is_empty(), "a backup mid-hour holds this hour's captures in the clear: {clear:?}");
    assert!(earlier.iter().all(|c| found(c)), "the backup holds every earlier remark");
    let held: i64 = {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let rows: Count = sql_query("SELECT COUNT(*) AS n FROM held_captures")
            .get_result(&mut app.db.connect())
            .expect("count");
        rows.n
    };
    assert_eq!(held, this_hour.len() as i64, "this hour's captures are held");
}

/// Each b-tree of the remarks (the table and each index) as a reader of the checkpointed file
/// places its cells: by page, and within a page by the order the cells were written.
pub fn sqlite_btrees(path: &Path, ids: &HashMap<String, usize>) -> Vec<(String, Vec<Placed>, bool)> {
    let cells = sqlite_file::remark_cells(path, ids);
    for cell in &cells {
        for at in &cell.instants {
            assert_eq!(
                at.rem_euclid(3600),
                0,
                "b-tree {}: an instant finer than the hour ({at})",
                cell.btree
            );
        }
    }
    // The hour of a cell that holds none (the search content), from the remark's own row.
    let hours: HashMap<usize, i64> = cells.iter().filter_map(|c| Some((c.remark, c.created_at?))).collect();
    let mut btrees: HashMap<String, Vec<Placed>> = HashMap::new();
    for cell in cells {
        btrees.entry(cell.btree).or_default().push(Placed {
            hour: cell.created_at.unwrap_or(hours[&cell.remark]),
            page: cell.page,
            place: f64::from(cell.page) * 10_000.0 + cell.written as f64,
            remark: cell.remark,
        });
    }
    // A b-tree with a cell per word of a remark (the suggestions' stems) places each remark by
    // its first cell in the file: one place per remark, as the attacker would read it.
    let mut btrees: Vec<(String, Vec<Placed>, bool)> = btrees
        .into_iter()
        .map(|(name, mut placed)| {
            placed.sort_by(|a, b| a.place.total_cmp(&b.place));
            let mut seen = std::collections::HashSet::new();
            placed.retain(|p| seen.insert(p.remark));
            (format!("file order, b-tree {name}"), placed, true)
        })
        .collect();
    btrees.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        btrees.len() >= 3,
        "the table and its indexes were read: {:?}",
        btrees.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    btrees
}

/// The same reader, given a copy of the database whose remarks were written in arrival order
/// (as a release that did not shuffle would write them), must find that order and the
/// reporters: else its silence above proves nothing.
pub fn sqlite_reader_power(
    path: &Path,
    captures: &[Capture],
    ids: &HashMap<String, usize>,
    arrival: &[usize],
    reporter: &[usize],
    rng: &mut impl Rng,
) -> String {
    let copy = path.with_file_name("written-in-arrival-order.sqlite3");
    let run = |conn: &mut SqliteConnection, query: &str| {
        sql_query(query).execute(conn).unwrap_or_else(|e| panic!("{query}: {e}"));
    };
    run(
        &mut SqliteConnection::establish(&path.display().to_string()).expect("open"),
        &format!("VACUUM INTO '{}'", copy.display()),
    );
    let mut conn = SqliteConnection::establish(&copy.display().to_string()).expect("open the copy");
    run(&mut conn, "PRAGMA journal_mode = DELETE");
    run(&mut conn, "PRAGMA foreign_keys = OFF");
    run(&mut conn, "CREATE TABLE kept AS SELECT * FROM remarks");
    run(&mut conn, "DELETE FROM remarks");
    run(&mut conn, "VACUUM");
    for c in captures {
        run(&mut conn, &format!("INSERT INTO remarks SELECT * FROM kept WHERE id = '{}'", c.id));
    }
    drop(conn);
    let mut found = Vec::new();
    for (source, placed, _) in sqlite_btrees(&copy, ids) {
        let (r, p, n) = order::pooled_rank_correlation(&placed, arrival);
        let (hits, chance, q) = order::attribution(&placed, arrival, reporter, rng);
        found.push((
            p,
            q,
            format!("{source}: r = {r:.2} over {n}, reporters {hits} right (chance {chance:.1})"),
        ));
    }
    // Caught as the test above would catch it: either measure alarms.
    let caught = found.iter().filter(|(p, q, _)| *p < ALARM || *q < ALARM).count();
    let said: Vec<&str> = found.iter().map(|(_, _, s)| s.as_str()).collect();
    assert!(caught >= 1, "the file reader misses remarks written in arrival order: {said:?}");
    format!(
        "power: given remarks written in arrival order, the reader finds it in {caught} b-tree(s): {}",
        said.join("; ")
    )
}

#[derive(diesel::QueryableByName)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    created_at: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    xmin: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    ctid: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    thread_length: i32,
}

/// PostgreSQL as an attacker reads it: rows in ctid order, their xmin; pg_dump's COPY order;
/// the WAL, each remark's insert paired with the held row deleted next (whose own insert was
/// committed at the instant of capture).
pub fn postgres_orders(
    url: &str,
    captures: &[Capture],
    ids: &HashMap<String, usize>,
    wal: &pg_wal::Wal,
) -> Vec<(String, Vec<Placed>, bool)> {
    let rows: Vec<Row> = sql_query(
        "SELECT id, created_at, xmin::text::bigint AS xmin, ctid::text AS ctid, thread_length \
         FROM remarks ORDER BY ctid",
    )
    .load(&mut PgConnection::establish(url).expect("connect"))
    .expect("rows");
    // A remark asked about was rewritten by the question: its xmin and ctid are the question's.
    let unasked: Vec<&Row> = rows.iter().filter(|r| r.thread_length == 0).collect();
    let mut sources = vec![(
        "ctid order".to_owned(),
        order::in_found_order(&rows.iter().map(|r| (ids[&r.id], r.created_at)).collect::<Vec<_>>()),
        true,
    )];
    let dumped = pg_wal::dump_order(&super::pg_dump(url), "remarks", ids);
    sources.push(("pg_dump COPY order".to_owned(), order::in_found_order(&dumped), true));

    let (heap, commits) = wal.read(&["remarks", "held_captures"]);
    let inserted: HashMap<(u32, u32), i64> = heap
        .iter()
        .filter(|r| r.table == "remarks" && r.kind == pg_wal::Heap::Insert)
        .map(|r| (r.tuple, r.xid))
        .collect();
    let held_xids: std::collections::HashSet<i64> = heap
        .iter()
        .filter(|r| r.table == "held_captures" && r.kind == pg_wal::Heap::Insert)
        .map(|r| r.xid)
        .collect();
    assert!(held_xids.len() >= captures.len(), "the WAL shows each capture's held row: {}", held_xids.len());
    // Each hour's remarks are written by one transaction, the release — never by a capture's.
    let mut xids: HashMap<i64, std::collections::BTreeSet<i64>> = HashMap::new();
    for row in &unasked {
        let xid = *inserted
            .get(&tuple(&row.ctid))
            .unwrap_or_else(|| panic!("the WAL holds the insert of {}", row.ctid));
        assert_eq!(xid, row.xmin, "the WAL's writer of a remark is its xmin");
        assert!(!held_xids.contains(&xid), "a capture's own transaction wrote a remark");
        assert!(commits.contains_key(&xid), "the release committed");
        xids.entry(row.created_at).or_default().insert(xid);
    }
    assert!(xids.values().all(|x| x.len() == 1), "one writing transaction per hour: {xids:?}");

    let paired = pg_wal::pair_with_held(&heap, &commits, "remarks", "held_captures");
    let mut instants: Vec<&String> = paired.values().flatten().collect();
    instants.sort();
    instants.dedup();
    let placed: Vec<Placed> = unasked
        .iter()
        .map(|row| {
            let at = paired.get(&tuple(&row.ctid)).cloned().flatten();
            let place = at.map_or(f64::MAX, |at| instants.binary_search(&&at).unwrap_or(0) as f64);
            Placed { hour: row.created_at, page: 0, place, remark: ids[&row.id] }
        })
        .collect();
    sources.push(("WAL, each insert paired with the held row deleted next".to_owned(), placed, false));
    sources
}

/// The same readers, given a copy of the remarks written in arrival order: ctid order and
/// pg_dump's COPY order must show it. (The WAL reader showed its power on a release that
/// deleted each held row next to its remark: r = 1.00.)
pub fn postgres_reader_power(
    url: &str,
    captures: &[Capture],
    ids: &HashMap<String, usize>,
    arrival: &[usize],
) -> String {
    let mut conn = PgConnection::establish(url).expect("connect");
    let run = |conn: &mut PgConnection, query: &str| {
        sql_query(query).execute(conn).unwrap_or_else(|e| panic!("{query}: {e}"));
    };
    run(&mut conn, "CREATE TABLE written_in_arrival_order (LIKE remarks)");
    for c in captures {
        run(
            &mut conn,
            &format!("INSERT INTO written_in_arrival_order SELECT * FROM remarks WHERE id = '{}'", c.id),
        );
    }
    let rows: Vec<Row> = sql_query(
        "SELECT id, created_at, xmin::text::bigint AS xmin, ctid::text AS ctid, thread_length \
         FROM written_in_arrival_order ORDER BY ctid",
    )
    .load(&mut conn)
    .expect("rows");
    let by_ctid = order::in_found_order(&rows.iter().map(|r| (ids[&r.id], r.created_at)).collect::<Vec<_>>());
    let dumped =
        order::in_found_order(&pg_wal::dump_order(&super::pg_dump(url), "written_in_arrival_order", ids));
    run(&mut conn, "DROP TABLE written_in_arrival_order");
    let mut said = Vec::new();
    for (source, placed) in [("ctid order", by_ctid), ("pg_dump COPY order", dumped)] {
        let (r, p, n) = order::pooled_rank_correlation(&placed, arrival);
        assert!(
            p < ALARM,
            "{source} misses remarks written in arrival order: r = {r:.2} over {n}, p = {p:.1e}"
        );
        said.push(format!("{source}: r = {r:.2} over {n}"));
    }
    format!("power: given remarks written in arrival order, the readers find it: {}", said.join("; "))
}

/// `(block,offset)` from a ctid's text.
fn tuple(ctid: &str) -> (u32, u32) {
    let (block, offset) = ctid.trim_matches(['(', ')']).split_once(',').expect("a ctid");
    (block.parse().expect("block"), offset.parse().expect("offset"))
}

/// Whether `text` names a capture: its id (with or without dashes) or its marker word.
pub fn names_a_capture(text: &str, captures: &[Capture]) -> bool {
    captures
        .iter()
        .any(|c| text.contains(&c.id) || text.contains(&c.id.replace('-', "")) || text.contains(&c.marker))
}

/// The lines that name a capture or date one finer than its hour: its instant as Unix seconds
/// (standing alone, not inside a longer number) or as a date with hour and minute.
pub fn lines_dating_a_capture(lines: &[String], captures: &[Capture]) -> Vec<String> {
    let mut patterns: Vec<String> = Vec::new();
    for c in captures {
        let at = chrono::DateTime::from_timestamp(c.at, 0).expect("an instant");
        patterns.extend([c.id.clone(), c.id.replace('-', ""), c.marker.clone(), c.at.to_string()]);
        patterns.extend([at.format("%Y-%m-%dT%H:%M").to_string(), at.format("%Y-%m-%d %H:%M").to_string()]);
    }
    let finder = AhoCorasick::new(&patterns).expect("patterns");
    lines
        .iter()
        .filter(|line| {
            finder.find_overlapping_iter(line.as_str()).any(|m| {
                let digit = |i: Option<&u8>| i.is_some_and(u8::is_ascii_digit);
                let bytes = line.as_bytes();
                let alone =
                    !digit(m.start().checked_sub(1).and_then(|i| bytes.get(i))) && !digit(bytes.get(m.end()));
                alone || !patterns[m.pattern().as_usize()].bytes().all(|b| b.is_ascii_digit())
            })
        })
        .cloned()
        .collect()
}
