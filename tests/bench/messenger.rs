//! How long the my-remarks index takes to build from the seals at start, and what it costs in
//! memory. Baseline in the same run: reading the same rows without opening them.
//!
//!     cargo bench --bench messenger            # 100 000 seals on SQLite
//!     cargo bench --bench messenger -- 20000

// A benchmark that cannot set up has nothing to report: failing loudly is right.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::Instant;

use diesel::prelude::*;
use earshot::db::schema::{messenger_seals, remarks};
use earshot::db::{DatabaseUrl, DbConn, write_transaction};
use earshot::ids::{PersonId, RemarkId};
use earshot::messenger::seal::SealKey;
use earshot::messenger::{Keyring, Reporter, Seals};
use earshot::remarks::Remark;

fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4
}

fn main() {
    let total: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("dir");
    let url = DatabaseUrl::Sqlite(dir.path().join("seals.sqlite3"));
    let mut conn: DbConn = url.connect().expect("connect");
    earshot::db::migrations::run(&mut conn).expect("migrate");
    let writer = Seals::new(Keyring::new(vec![SealKey::new("bench", &[7; 32])]).expect("keyring"));
    let reporters: Vec<PersonId> = (0..200).map(|_| PersonId::new()).collect();
    print!("sealing {total} remarks of {} reporters… ", reporters.len());
    let started = Instant::now();
    for chunk in (0..total).collect::<Vec<_>>().chunks(5000) {
        write_transaction(&mut conn, |c| {
            for i in chunk {
                let id = RemarkId::new();
                let row = Remark {
                    id: id.clone(),
                    customer_name: "Klant".into(),
                    customer_email: None,
                    customer_phone: None,
                    contact_consent: false,
                    customer_language: earshot::i18n::Lang::Nl,
                    facts: "Feiten".into(),
                    feeling: earshot::remarks::Feeling::Neutral,
                    feeling_words: String::new(),
                    place_kind: earshot::remarks::PlaceKind::Shop,
                    place_detail: String::new(),
                    heard_on: "2026-11-20".into(),
                    topic_id: None,
                    status: earshot::remarks::RemarkState::New,
                    created_at: 0,
                    due_at: 0,
                    urgency_key: 0,
                    version: 1,
                    undecided: true,
                    forgotten_on: None,
                };
                diesel::insert_into(remarks::table).values(&row).execute(c)?;
                let reporter = Reporter::new(&reporters[i % reporters.len()], 0);
                writer.seal_stored(c, &id, &reporter)?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("insert");
    }
    println!("{:.1} s\n", started.elapsed().as_secs_f64());

    // Baseline: the same rows, read in the same pages, not opened.
    let started = Instant::now();
    let mut after = String::new();
    let mut read = 0;
    loop {
        let rows: Vec<(String, String, Vec<u8>)> = messenger_seals::table
            .filter(messenger_seals::remark_id.gt(&after))
            .select((messenger_seals::remark_id, messenger_seals::key_id, messenger_seals::seal))
            .order(messenger_seals::remark_id.asc())
            .limit(5000)
            .load(&mut conn)
            .expect("read");
        let Some(last) = rows.last() else { break };
        after = last.0.clone();
        read += rows.len();
    }
    let baseline = started.elapsed().as_secs_f64();

    let before = rss_kib();
    let reader = Seals::new(Keyring::new(vec![SealKey::new("bench", &[7; 32])]).expect("keyring"));
    let started = Instant::now();
    let opened = reader.build(&mut conn).expect("build");
    let build = started.elapsed().as_secs_f64();
    let after_rss = rss_kib();
    assert_eq!((read, opened), (total, total));
    println!("reading {total} seal rows (baseline):   {:>8.3} s", baseline);
    println!(
        "building the index (read + open):      {:>8.3} s   ({:.2} µs per seal, {:.1}× the baseline)",
        build,
        build * 1e6 / total as f64,
        build / baseline
    );
    println!(
        "memory of the index:                   {:>8} KiB  (~{} bytes per entry, RSS delta)",
        after_rss.saturating_sub(before),
        after_rss.saturating_sub(before) * 1024 / total as u64
    );
}
