//! The desk's suggestions over many open remarks: p50 and p99 of `GET
//! /desk/remarks/{id}/suggestions` through the app, beside the newest-first list of what came in
//! (an indexed scan measured in the same run), as a ratio. The remarks' words follow a skewed
//! spread (a few words in many remarks, most in few), as real remarks' do.
//!
//!     cargo bench --bench suggestions                  # 50 000 remarks, SQLite and PostgreSQL
//!     cargo bench --bench suggestions -- 10000 100     # remarks, requests
//!
//! PostgreSQL: EARSHOT_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres); a database
//! earshot_bench_* is created and dropped.

// A benchmark that cannot set up has nothing to report: failing loudly is right.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::Instant;

use diesel::{RunQueryDsl, sql_query};
use earshot::clock::{SystemClock, to_hour};
use earshot::db::{DatabaseUrl, schema::remarks, write_transaction};
use earshot::i18n::Lang;
use earshot::people::Roles;
use earshot::remarks::{Feeling, Remark, search};
use rand::Rng;

/// Things remarks are about, in the three languages.
const THINGS: &[&str] = &[
    "brood",
    "taart",
    "levering",
    "prijs",
    "croissant",
    "parking",
    "bestelling",
    "koffie",
    "kassa",
    "personeel",
    "webshop",
    "betaling",
    "verpakking",
    "plastic",
    "glutenvrij",
    "rolstoel",
    "muziek",
    "hond",
    "wachtrij",
    "telefoon",
    "klantenkaart",
    "punten",
    "openingsuren",
    "zondag",
    "groenten",
    "fruit",
    "vlees",
    "kaas",
    "melk",
    "eieren",
    "pain",
    "gâteau",
    "livraison",
    "prix",
    "caisse",
    "personnel",
    "paiement",
    "emballage",
    "fauteuil",
    "musique",
    "chien",
    "attente",
    "téléphone",
    "carte",
    "fidélité",
    "horaires",
    "légumes",
    "fromage",
    "lait",
    "bread",
    "cake",
    "delivery",
    "price",
    "checkout",
    "staff",
    "payment",
    "packaging",
    "wheelchair",
    "music",
    "dog",
    "queue",
    "phone",
    "loyalty",
    "opening",
    "vegetables",
    "cheese",
    "milk",
    "eggs",
    "receipt",
    "discount",
    "promotie",
    "promotion",
    "reclame",
    "folder",
    "app",
    "account",
    "wachtwoord",
    "mot",
    "password",
    "tuin",
    "bloemen",
    "fleurs",
    "flowers",
    "verjaardag",
    "anniversaire",
    "birthday",
    "communie",
    "communion",
    "feest",
    "fête",
    "party",
    "traiteur",
    "catering",
    "schotel",
    "plat",
    "dish",
    "soep",
    "soupe",
    "soup",
];
const HOW: &[&str] = &[
    "te laat",
    "te duur",
    "kapot",
    "vies",
    "koud",
    "op",
    "vergeten",
    "fout",
    "onvriendelijk",
    "traag",
    "en retard",
    "trop cher",
    "cassé",
    "sale",
    "froid",
    "épuisé",
    "oublié",
    "erreur",
    "impoli",
    "lent",
    "late",
    "too expensive",
    "broken",
    "dirty",
    "cold",
    "sold out",
    "forgotten",
    "wrong",
    "rude",
    "slow",
];

/// An index skewed towards the first: a few words are in many remarks, most in few.
fn skewed(rng: &mut impl Rng, len: usize) -> usize {
    let u: f64 = rng.r#gen();
    ((u * u * u) * len as f64) as usize % len
}

fn seed(url: &DatabaseUrl, total: usize) -> Vec<String> {
    let mut conn = url.connect().expect("connect");
    let org = earshot::organisation::load(&mut conn).expect("organisation");
    let now = to_hour(earshot::clock::Clock::now(&SystemClock));
    let mut rng = rand::thread_rng();
    let mut ids = Vec::with_capacity(total);
    for chunk in (0..total).collect::<Vec<_>>().chunks(5000) {
        write_transaction(&mut conn, |c| {
            for _ in chunk {
                let words: Vec<&str> =
                    (0..rng.gen_range(3..7)).map(|_| THINGS[skewed(&mut rng, THINGS.len())]).collect();
                let facts = format!(
                    "{} {} — {}.",
                    words.join(" "),
                    HOW[rng.gen_range(0..HOW.len())],
                    rng.gen_range(1..40)
                );
                let mut remark = Remark {
                    feeling_words: HOW[rng.gen_range(0..HOW.len())].to_owned(),
                    heard_on: "2026-11-20".into(),
                    created_at: now - rng.gen_range(0..30 * 24) * 3600,
                    ..Remark::of_customer("Mevrouw Claes", Lang::Nl, &facts, Feeling::Frustrated)
                };
                earshot::triage::store::stamp(&mut remark, &org);
                diesel::insert_into(remarks::table).values(&remark).execute(c)?;
                search::index(c, &remark)?;
                earshot::cases::terms::index(c, &remark)?;
                ids.push(remark.id.as_str().to_owned());
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("insert");
    }
    // As autovacuum (which also vacuums after many inserts, setting the visibility map that
    // index-only reads need) and a long-running SQLite would have it.
    let settle = match url {
        DatabaseUrl::Postgres(_) => "VACUUM ANALYZE",
        DatabaseUrl::Sqlite(_) => "ANALYZE",
    };
    sql_query(settle).execute(&mut conn).expect("analyze");
    ids
}

async fn run(label: &str, url: DatabaseUrl, dir: &std::path::Path, total: usize, requests: usize) {
    let base = support::start_app(&url, dir, |_| {}).await;
    let started = Instant::now();
    let seeding = url.clone();
    let ids = tokio::task::spawn_blocking(move || seed(&seeding, total)).await.expect("seed");
    println!("{label}: {total} remarks seeded in {:.1} s", started.elapsed().as_secs_f64());
    let owner = Roles { employee: true, owner: true, admin: false };
    let (client, _) = support::signed_in(&url, &base, "owner@example.be", owner).await;
    let mut rng = rand::thread_rng();
    let paths: Vec<(&str, Vec<String>)> = vec![
        ("what came in, newest first (baseline)", vec!["/api/v1/remarks?limit=30".to_owned()]),
        (
            "suggestions for a remark",
            (0..requests)
                .map(|_| format!("/api/v1/desk/remarks/{}/suggestions", ids[rng.gen_range(0..ids.len())]))
                .collect(),
        ),
    ];
    support::measure(&client, &base, requests, &paths).await;
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let total: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("suggestions benchmark: {total} open remarks, {requests} requests, one at a time\n");
    support::on_each_backend(runtime, |runtime, label, url, dir| {
        runtime.block_on(run(label, url, dir, total, requests));
    });
}
