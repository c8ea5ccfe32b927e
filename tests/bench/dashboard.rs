//! The dashboard over many remarks with their answers and decisions: p50 and p99 of each
//! period through the app, beside the newest-first list of what came in (an indexed scan in the
//! same run), as a ratio. The target is a p99 of at most 200 ms.
//!
//!     cargo bench --bench dashboard                 # 50 000 remarks, SQLite and PostgreSQL
//!     cargo bench --bench dashboard -- 10000 50     # remarks, requests per query
//!
//! PostgreSQL: EARSHOT_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres); a database
//! earshot_bench_* is created and dropped.

// A benchmark that cannot set up has nothing to report: failing loudly is right.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::Instant;

use diesel::prelude::*;
use diesel::sql_query;
use earshot::clock::{SystemClock, to_hour};
use earshot::db::schema::{acknowledgements, cases, decisions, help_votes, remarks, users};
use earshot::db::typed::{IntegerValue, TextValue};
use earshot::db::{DatabaseUrl, DbConn, write_transaction};
use earshot::i18n::Lang;
use earshot::people::Roles;
use earshot::remarks::{Feeling, PlaceKind, Remark};
use rand::Rng;

const KINDS: &[&str] = &["act", "no_action", "already_done", "duplicate"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let total: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("dashboard benchmark: {total} remarks over 120 days, {requests} requests per query\n");
    support::on_each_backend(runtime, |runtime, label, url, dir| {
        runtime.block_on(run(label, url, dir, total, requests));
    });
}

fn day(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).unwrap().format("%Y-%m-%d").to_string()
}

fn answer(
    c: &mut DbConn,
    remark: &str,
    owner: &str,
    at: i64,
    seq: i32,
    decision: Option<&str>,
    rng: &mut impl Rng,
) {
    let pass_on = rng.gen_range(0..6) == 0;
    diesel::insert_into(acknowledgements::table)
        .values((
            acknowledgements::id.eq(uuid::Uuid::new_v4().to_string()),
            acknowledgements::remark_id.eq(remark),
            acknowledgements::channel.eq(if pass_on { "pass_on" } else { "mail" }),
            acknowledgements::owner_id.eq(owner),
            acknowledgements::acted_at.eq(at),
            acknowledgements::acted_on.eq(day(at)),
            acknowledgements::promised_on.eq(day(at + 7 * 86_400)),
            acknowledgements::body.eq("Dank u, we bekijken het."),
            acknowledgements::late.eq(rng.gen_range(0..4) == 0),
            acknowledgements::passed_on_on.eq((pass_on && rng.gen_bool(0.5)).then(|| day(at + 86_400))),
            acknowledgements::decision_id.eq(decision),
            acknowledgements::seq.eq(seq),
        ))
        .execute(c)
        .unwrap();
}

/// `total` remarks over the last 120 days; four in five answered, one in two decided in cases
/// of five, some votes.
fn seed(url: &DatabaseUrl, total: usize) {
    let mut conn = url.connect().expect("connect");
    let org = earshot::organisation::load(&mut conn).expect("organisation");
    let owner: String = users::table.select(users::id).first(&mut conn).expect("the owner");
    let now = to_hour(earshot::clock::Clock::now(&SystemClock));
    let mut rng = rand::thread_rng();
    let places = &PlaceKind::ALL[..PlaceKind::ALL.len() - 1];
    for chunk in (0..total).collect::<Vec<_>>().chunks(5000) {
        write_transaction(&mut conn, |c| {
            let mut case: Option<(String, Option<String>, i64)> = None;
            for (i, _) in chunk.iter().enumerate() {
                let created_at = now - rng.gen_range(2..120 * 24) * 3600;
                let feeling = Feeling::ALL[rng.gen_range(0..Feeling::ALL.len())];
                let mut remark = Remark {
                    place_kind: places[rng.gen_range(0..places.len())],
                    heard_on: day(created_at - rng.gen_range(0..4) * 86_400),
                    created_at,
                    ..Remark::of_customer("Mevrouw Claes", Lang::Nl, "Het brood was op.", feeling)
                };
                earshot::triage::store::stamp(&mut remark, &org);
                if i % 5 == 0 {
                    let id = uuid::Uuid::new_v4().to_string();
                    diesel::insert_into(cases::table)
                        .values((
                            cases::id.eq(&id),
                            cases::title.eq("Brood"),
                            cases::version.eq(1),
                            cases::created_at.eq(created_at),
                        ))
                        .execute(c)?;
                    let decided = rng.gen_bool(0.5).then(|| uuid::Uuid::new_v4().to_string());
                    let at = (created_at + rng.gen_range(1..200) * 3600).min(now);
                    if let Some(d) = &decided {
                        diesel::insert_into(decisions::table)
                            .values((
                                decisions::id.eq(d),
                                decisions::case_id.eq(&id),
                                decisions::seq.eq(1),
                                decisions::kind.eq(KINDS[rng.gen_range(0..KINDS.len())]),
                                decisions::texts.eq("[]"),
                                decisions::owner_id.eq(&owner),
                                decisions::at.eq(at),
                            ))
                            .execute(c)?;
                    }
                    case = Some((id, decided, at));
                }
                diesel::insert_into(remarks::table).values(&remark).execute(c)?;
                let id = remark.id.as_str().to_owned();
                let in_case = case.as_ref().map(|(case, ..)| case.as_str());
                diesel::update(remarks::table.find(&id)).set(remarks::case_id.eq(in_case)).execute(c)?;
                if rng.gen_range(0..5) > 0 {
                    answer(
                        c,
                        &id,
                        &owner,
                        (created_at + rng.gen_range(0..96) * 3600).min(now),
                        1,
                        None,
                        &mut rng,
                    );
                }
                if let Some((_, Some(decision), at)) = &case {
                    let at = (*at).max(created_at);
                    answer(c, &id, &owner, at, 2, Some(decision), &mut rng);
                    if rng.gen_range(0..4) == 0 {
                        diesel::insert_into(help_votes::table)
                            .values((
                                help_votes::remark_id.eq(&id),
                                help_votes::decision_id.eq(decision),
                                help_votes::helped.eq(rng.gen_bool(0.7)),
                                help_votes::comment.eq(""),
                                help_votes::voted_on.eq(day(at + 86_400)),
                            ))
                            .execute(c)?;
                    }
                }
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("insert");
    }
    // As autovacuum and a long-running SQLite would have it.
    sql_query("ANALYZE").execute(&mut conn).expect("analyze");
}

async fn run(label: &str, url: DatabaseUrl, dir: &std::path::Path, total: usize, requests: usize) {
    let base = support::start_app(&url, dir, |_| {}).await;
    let owner = Roles { employee: true, owner: true, admin: false };
    let (client, _) = support::signed_in(&url, &base, "owner@example.be", owner).await;
    let started = Instant::now();
    let seeding = url.clone();
    tokio::task::spawn_blocking(move || seed(&seeding, total)).await.expect("seed");
    println!("{label}: {total} remarks seeded in {:.1} s", started.elapsed().as_secs_f64());
    let now = earshot::clock::Clock::now(&SystemClock);
    let today = chrono::DateTime::from_timestamp(now, 0).unwrap().date_naive();
    let back = |days: u64| (today - chrono::Days::new(days)).format("%Y-%m-%d").to_string();
    let queries = [
        ("what came in, newest first (baseline)", "/api/v1/remarks?limit=30".to_owned()),
        ("dashboard, this week", "/api/v1/dashboard?period=week".to_owned()),
        ("dashboard, this month", "/api/v1/dashboard?period=month".to_owned()),
        ("dashboard, this quarter", "/api/v1/dashboard?period=quarter".to_owned()),
        (
            "dashboard, the last 120 days",
            format!("/api/v1/dashboard?period=custom&from={}&to={}", back(120), back(0)),
        ),
    ];
    let queries: Vec<(&str, Vec<String>)> = queries.into_iter().map(|(n, p)| (n, vec![p])).collect();
    support::measure(&client, &base, requests, &queries).await;
}
