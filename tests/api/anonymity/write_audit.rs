//! What each request writes, read from the database's own log: the WAL frames SQLite appends
//! (pages mapped to their tables with dbstat), and PostgreSQL's WAL records (pg_walinspect,
//! relations mapped to their tables). Reads, refreshes and password sign-ins write nothing; a
//! capture, a question and an answer write only remark-side tables; a sign-in link's redemption
//! deletes its token's row, and a sign-out keeps its session's hash — neither holds the person's
//! id in any form (on SQLite the pages written are searched for it byte by byte; on PostgreSQL
//! the tables written hold no column that could hold it).
//!
//! Why not SQLite's update hook or logical decoding: the update hook is blind to WITHOUT ROWID
//! tables (all of ours keyed by UUIDs), and test_decoding needs wal_level=logical, a server
//! restart. The WAL is where every change has to go, whatever the table.

use std::collections::BTreeSet;
use std::path::PathBuf;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use serde_json::json;

use super::sqlite_file::{WalCursor, page_owners};
use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp};
use earshot::db::DatabaseUrl;
use earshot::people::Role;

/// Tables that hold remarks and nothing of a person.
const REMARK_SIDE: &[&str] = &[
    "remarks",
    "capture_keys",
    "messenger_seals",
    "remark_messages",
    "search_remarks",
    "held_captures",
    "remark_terms",
];

enum Recorder {
    Sqlite { path: PathBuf, cursor: WalCursor },
    Postgres { conn: PgConnection, database: i64, lsn: String },
}

#[derive(diesel::QueryableByName)]
struct Lsn {
    #[diesel(sql_type = diesel::sql_types::Text)]
    lsn: String,
}

fn flushed(conn: &mut PgConnection) -> String {
    sql_query("SELECT pg_current_wal_flush_lsn()::text AS lsn").get_result::<Lsn>(conn).expect("lsn").lsn
}

impl Recorder {
    fn start(app: &TestApp) -> Self {
        match &app.db.url {
            DatabaseUrl::Sqlite(path) => Self::Sqlite { path: path.clone(), cursor: WalCursor::at_end(path) },
            DatabaseUrl::Postgres(url) => {
                #[derive(diesel::QueryableByName)]
                struct Oid {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    oid: i64,
                }
                let mut conn = PgConnection::establish(url).expect("connect");
                sql_query("CREATE EXTENSION IF NOT EXISTS pg_walinspect").execute(&mut conn).expect(
                    "pg_walinspect (PostgreSQL's contrib, superuser) records what each request writes",
                );
                let database = sql_query(
                    "SELECT oid::bigint AS oid FROM pg_database WHERE datname = current_database()",
                )
                .get_result::<Oid>(&mut conn)
                .expect("oid")
                .oid;
                let lsn = flushed(&mut conn);
                Self::Postgres { conn, database, lsn }
            }
        }
    }

    /// The tables written since the last call.
    fn written(&mut self) -> BTreeSet<String> {
        self.written_pages().0
    }

    /// The tables written since the last call, and on SQLite the pages written.
    fn written_pages(&mut self) -> (BTreeSet<String>, Vec<Vec<u8>>) {
        match self {
            Self::Sqlite { path, cursor } => {
                let pages = cursor.written();
                let bytes = pages.iter().map(|(_, page)| page.clone()).collect();
                let owners = page_owners(path);
                let tables = pages
                    .into_iter()
                    .map(|(no, _)| match owners.get(&no).map(String::as_str) {
                        _ if no == 1 => "(file header)".to_owned(),
                        Some(t) if t.starts_with("search_remarks") => "search_remarks".to_owned(),
                        Some(t) => t.to_owned(),
                        None => "(free page)".to_owned(),
                    })
                    .collect();
                (tables, bytes)
            }
            Self::Postgres { conn, database, lsn } => {
                #[derive(diesel::QueryableByName)]
                struct Record {
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    rmgr: String,
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    kind: String,
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    blocks: String,
                }
                #[derive(diesel::QueryableByName)]
                struct Relation {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    node: i64,
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    name: String,
                }
                let end = flushed(conn);
                let records: Vec<Record> = if end == *lsn {
                    Vec::new()
                } else {
                    sql_query(format!(
                        "SELECT resource_manager::text AS rmgr, record_type::text AS kind, \
                         COALESCE(block_ref, '') AS blocks FROM pg_get_wal_records_info('{lsn}', '{end}')"
                    ))
                    .load(conn)
                    .expect("WAL records")
                };
                *lsn = end;
                // Row changes only: pruning, freezing and visibility-map records are housekeeping
                // a read may trigger, not data. A row lock is a write (it marks the row).
                let changes = records.iter().filter(|r| {
                    let kind = r.kind.split('+').next().unwrap_or_default();
                    matches!(r.rmgr.as_str(), "Heap" | "Heap2")
                        && matches!(
                            kind,
                            "INSERT"
                                | "MULTI_INSERT"
                                | "UPDATE"
                                | "HOT_UPDATE"
                                | "DELETE"
                                | "LOCK"
                                | "LOCK_UPDATED"
                                | "TRUNCATE"
                                | "INPLACE"
                        )
                });
                let relations: Vec<Relation> = sql_query(
                    "SELECT c.relfilenode::bigint AS node, COALESCE(o.relname, c.relname)::text AS name \
                     FROM pg_class c LEFT JOIN pg_class o ON o.reltoastrelid = c.oid WHERE c.relfilenode <> 0",
                )
                .load(conn)
                .expect("relations");
                let prefix = format!("/{database}/");
                let pattern = regex::Regex::new(r"rel (\d+)/(\d+)/(\d+)").expect("regex");
                let tables = changes
                    .flat_map(|r| {
                        pattern
                            .captures_iter(&r.blocks)
                            .map(|c| c.extract::<3>().1.map(str::to_owned))
                            .collect::<Vec<_>>()
                    })
                    .filter(|[_, db, _]| prefix == format!("/{db}/"))
                    // The system catalogs (file nodes below 16384: pg_class updated in place by
                    // the VACUUM after a release, whose record may be flushed a moment later)
                    // hold none of our rows.
                    .filter(|[_, _, node]| node.parse::<i64>().is_ok_and(|n| n >= 16_384))
                    .map(|[_, _, node]| {
                        let node: i64 = node.parse().unwrap_or(0);
                        relations
                            .iter()
                            .find(|r| r.node == node)
                            .map_or(format!("(relation {node})"), |r| r.name.clone())
                    })
                    .collect();
                (tables, Vec::new())
            }
        }
    }
}

/// Whether any page holds `person`'s id: as text (with or without dashes, either case) or as
/// its 16 bytes.
fn names(pages: &[Vec<u8>], person: &earshot::ids::PersonId) -> bool {
    let text = person.as_str();
    let forms: Vec<Vec<u8>> = vec![
        text.as_bytes().to_vec(),
        text.to_uppercase().into_bytes(),
        text.replace('-', "").into_bytes(),
        text.replace('-', "").to_uppercase().into_bytes(),
        person.bytes().to_vec(),
    ];
    pages.iter().any(|page| forms.iter().any(|form| page.windows(form.len()).any(|w| w == form.as_slice())))
}

/// The columns of `table` (PostgreSQL), to show that none could hold a person.
fn columns(app: &TestApp, table: &str) -> BTreeSet<String> {
    #[derive(diesel::QueryableByName)]
    struct Column {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let DatabaseUrl::Postgres(url) = &app.db.url else { return BTreeSet::new() };
    sql_query(format!(
        "SELECT column_name::text AS name FROM information_schema.columns WHERE table_name = '{table}'"
    ))
    .load::<Column>(&mut PgConnection::establish(url).expect("connect"))
    .expect("columns")
    .into_iter()
    .map(|c| c.name)
    .collect()
}

fn set(tables: &[&str]) -> BTreeSet<String> {
    tables.iter().map(|t| (*t).to_owned()).collect()
}

fn remark_side(written: &BTreeSet<String>) -> bool {
    written.iter().all(|t| REMARK_SIDE.contains(&t.as_str()) || t.starts_with('('))
}

fn remark(id: &str) -> serde_json::Value {
    json!({
        "id": id,
        "customer": {"name": "Mevrouw Claes", "email": "claes@example.org", "consent": true, "language": "nl"},
        "facts": "De bestelling was onvolledig",
        "feeling": {"level": "frustrated", "words": "teleurgesteld"},
        "place": {"kind": "school"}
    })
}

async fn each_request_writes_only_what_it_may(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let person = app.add_person("jan@example.be", &[Role::Employee], crate::helpers::PASSWORD);
    let jan = Browser::open(&app.address).await;
    let mut recorder = Recorder::start(&app);
    let mut report = Vec::new();
    let mut step = |name: &str, written: BTreeSet<String>| {
        report.push(format!("{name}: {written:?}"));
        written
    };

    // Signing in with a password writes nothing at all.
    assert_eq!(jan.sign_in("jan@example.be", crate::helpers::PASSWORD).await.status(), 200);
    assert_eq!(step("sign-in", recorder.written()), set(&[]), "a password sign-in writes nothing");

    // The recorder sees writes: asking for a sign-in link stores the token's hash and queues
    // the mail (which names the person: it goes to them).
    let linked = Browser::open(&app.address).await;
    assert_eq!(linked.post("/api/v1/session/link", &json!({"email": "jan@example.be"})).await.status(), 202);
    let token = app.smtp.as_ref().expect("sink").wait_for(1).await.remove(0).token();
    // The worker marks the mail sent after the relay took it: wait for that write too.
    let sent = crate::helpers::wait_until(10, || {
        use diesel::prelude::*;
        use earshot::db::schema::mail_outbox;
        let unsent: i64 = mail_outbox::table
            .filter(mail_outbox::status.ne("sent"))
            .count()
            .get_result(&mut app.db.connect())
            .ok()?;
        (unsent == 0).then_some(())
    })
    .await;
    assert!(sent.is_some(), "the link's mail is marked sent");
    let written = step("sign-in link asked for", recorder.written());
    assert!(written.contains("one_time_tokens") && written.contains("mail_outbox"), "{written:?}");
    // Redeeming it deletes the token's row, and nothing there names the person.
    assert_eq!(linked.post("/api/v1/session/link/redeem", &json!({"token": token})).await.status(), 200);
    let (written, pages) = recorder.written_pages();
    let written = step("sign-in link redeemed", written);
    assert!(written.iter().all(|t| t == "one_time_tokens" || t.starts_with('(')), "{written:?}");
    assert!(!names(&pages, &person.id), "the redemption wrote the person's id");
    if backend == Backend::Postgres {
        let held = columns(&app, "one_time_tokens");
        assert_eq!(
            held,
            set(&["token_hash", "purpose", "browser_hash", "expires_at"]),
            "no column for a person"
        );
    }

    app.advance(16 * 60);
    for browser in [&jan, &lotte, &owner] {
        browser.refresh().await;
    }
    assert_eq!(step("refresh", recorder.written()), set(&[]), "a refresh writes nothing");

    let id = uuid::Uuid::new_v4().to_string();
    assert_eq!(jan.post("/api/v1/remarks", &remark(&id)).await.status(), 201);
    let written = step("capture right after a refresh", recorder.written());
    let held: BTreeSet<String> = written.iter().filter(|t| !t.starts_with('(')).cloned().collect();
    assert_eq!(held, set(&["held_captures"]), "a capture holds one opaque row, nothing else");

    assert_eq!(jan.post("/api/v1/remarks", &remark(&id)).await.status(), 201);
    assert_eq!(step("capture replayed", recorder.written()), set(&[]), "a replay writes nothing");

    // The release (at the end of the hour) moves it into the remark-side tables.
    assert_eq!(app.release_now(), 1);
    let written = step("release", recorder.written());
    // On SQLite the release's frames are checkpointed and the WAL truncated at once: nothing
    // is left to read there (which is the point), so only PostgreSQL's WAL shows the tables.
    if backend == Backend::Postgres {
        assert!(written.contains("remarks") && written.contains("messenger_seals"), "{written:?}");
    }
    assert!(remark_side(&written), "a release writes only remark-side tables: {written:?}");

    for path in [
        "/api/v1/session/csrf".to_owned(),
        "/api/v1/me".to_owned(),
        "/api/v1/settings".to_owned(),
        "/api/v1/remarks".to_owned(),
        "/api/v1/remarks?q=bestelling".to_owned(),
        format!("/api/v1/remarks/{id}"),
        "/api/v1/my-remarks".to_owned(),
    ] {
        for browser in [&lotte, &jan] {
            assert!(browser.get(&path).await.status().is_success(), "{path}");
        }
        assert_eq!(step(&format!("GET {path}"), recorder.written()), set(&[]), "{path} writes nothing");
    }

    let res =
        owner.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Wanneer was dat?"})).await;
    assert_eq!(res.status(), 201);
    let written = step("question", recorder.written());
    assert!(written.contains("remark_messages") && remark_side(&written), "{written:?}");
    assert_eq!(owner.get(&format!("/api/v1/remarks/{id}/thread")).await.status(), 200);
    assert_eq!(jan.get("/api/v1/my-remarks").await.status(), 200);
    assert_eq!(step("thread and my remarks", recorder.written()), set(&[]));

    let answer = json!({"remark_id": id, "action": "answer", "text": "Vorige week"});
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &answer).await.status(), 200);
    let written = step("answer", recorder.written());
    assert!(written.contains("remark_messages") && remark_side(&written), "{written:?}");

    // The owner asks the messenger to pass a first answer on: the remark and its
    // acknowledgement (which names the owner, who acts) change; nothing names the reporter.
    let promised = chrono::DateTime::from_timestamp(earshot::clock::Clock::now(&app.clock) + 3 * 86_400, 0)
        .expect("day")
        .format("%Y-%m-%d")
        .to_string();
    let acknowledge = json!({"remarks": [{"id": id, "version": 1}], "promised_on": promised,
        "text": "Dank u.", "channel": "pass_on"});
    assert_eq!(owner.post("/api/v1/desk/acknowledgements", &acknowledge).await.status(), 200);
    let (written, pages) = recorder.written_pages();
    let written = step("acknowledged, to pass on", written);
    let desk_side = |t: &String| remark_side(&set(&[t])) || t == "acknowledgements";
    // PostgreSQL's foreign key from the acknowledgement to its owner locks the owner's own row
    // (a lock record on `users`): the owner, who is named on what they do — not the reporter.
    let owner_locked = |t: &String| backend == Backend::Postgres && t == "users";
    assert!(
        written.contains("acknowledgements") && written.iter().all(|t| desk_side(t) || owner_locked(t)),
        "{written:?}"
    );
    assert!(!names(&pages, &person.id), "the acknowledgement wrote the reporter's id");
    for path in [format!("/api/v1/desk/remarks/{id}"), "/api/v1/desk/inbox".to_owned()] {
        assert_eq!(owner.get(&path).await.status(), 200, "{path}");
    }
    assert_eq!(jan.get("/api/v1/my-remarks").await.status(), 200);
    assert_eq!(step("the desk and my remarks", recorder.written()), set(&[]), "reading writes nothing");
    // The reporter says they told the customer: the day is kept, nothing of them.
    let told = json!({"remark_id": id, "action": "passed_on"});
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &told).await.status(), 200);
    let (written, pages) = recorder.written_pages();
    let written = step("passed on", written);
    assert!(written.contains("acknowledgements") && written.iter().all(desk_side), "{written:?}");
    assert!(!names(&pages, &person.id), "the confirmation wrote the reporter's id");
    if backend == Backend::Postgres {
        let held = columns(&app, "acknowledgements");
        assert!(!held.iter().any(|c| c.contains("reporter") || c.contains("messenger")), "{held:?}");
    }

    // The owner makes a case of it: the case, its history (naming the owner) and the remark's
    // membership change; nothing names the reporter. Its suggestions are read, not written.
    let made = owner.post("/api/v1/desk/cases", &json!({"title": "Taarten", "remarks": [id]})).await;
    assert_eq!(made.status(), 201);
    let (written, pages) = recorder.written_pages();
    let written = step("a case made", written);
    let case_side = |t: &String| remark_side(&set(&[t])) || t == "cases" || t == "case_events";
    assert!(
        written.contains("cases") && written.iter().all(|t| case_side(t) || owner_locked(t)),
        "{written:?}"
    );
    assert!(!names(&pages, &person.id), "the case wrote the reporter's id");
    assert_eq!(owner.get(&format!("/api/v1/desk/remarks/{id}/suggestions")).await.status(), 200);
    assert_eq!(step("suggestions", recorder.written()), set(&[]), "suggesting writes nothing");

    // The owner decides the case: the decision (naming the owner), the remark's new state, its
    // answer and the customer's mail with its status link, and the case's history. Nothing
    // names the reporter.
    let case: serde_json::Value = made.json().await.expect("case");
    let decision = json!({"version": case["version"], "remarks": [{"id": id, "version": case["remarks"][0]["version"]}],
        "kind": "no_action", "texts": [{"language": "nl", "outcome": "We bakken voorlopig niet bij: de oven is te klein."}]});
    let url = format!("/api/v1/desk/cases/{}/decision", case["id"].as_str().expect("id"));
    let decided = owner.post(&url, &decision).await;
    assert_eq!(decided.status(), 200, "{}", decided.text().await.unwrap_or_default());
    let (written, pages) = recorder.written_pages();
    let written = step("a case decided", written);
    let decision_side = |t: &String| {
        case_side(t)
            || ["decisions", "acknowledgements", "mail_outbox", "status_tokens"].contains(&t.as_str())
    };
    assert!(
        written.contains("decisions") && written.iter().all(|t| decision_side(t) || owner_locked(t)),
        "{written:?}"
    );
    assert!(!names(&pages, &person.id), "the decision wrote the reporter's id");
    // The worker sends the mail (and marks it sent) before the next step looks.
    let unsent = "SELECT COUNT(*) AS n FROM mail_outbox WHERE status IN ('pending', 'sending')";
    crate::helpers::wait_until(10, || (crate::helpers::count(&app.db, unsent) == 0).then_some(()))
        .await
        .expect("sent");
    let written = step("the decision's mail sent", recorder.written());
    assert!(written.iter().all(|t| t == "mail_outbox" || t.starts_with('(')), "{written:?}");
    assert_eq!(owner.get(&url.replace("/decision", "")).await.status(), 200);
    assert_eq!(step("the decided case", recorder.written()), set(&[]), "reading writes nothing");

    // A sign-out keeps its session's hash, nothing of the person.
    assert_eq!(jan.send(reqwest::Method::DELETE, "/api/v1/session", None).await.status(), 204);
    let (written, pages) = recorder.written_pages();
    let written = step("sign-out", written);
    assert!(written.contains("ended_sessions"), "the recorder saw the sign-out: {written:?}");
    assert!(written.iter().all(|t| t == "ended_sessions" || t.starts_with('(')), "{written:?}");
    assert!(!names(&pages, &person.id), "the sign-out wrote the person's id");
    if backend == Backend::Postgres {
        assert_eq!(columns(&app, "ended_sessions"), set(&["session_hash", "expires_at"]));
    }
    // The search finds an id where one is written: the person's own row, touched by hand.
    diesel::sql_query(format!("UPDATE users SET display_name = 'Jan' WHERE id = '{}'", person.id.as_str()))
        .execute(&mut app.db.connect())
        .expect("update");
    let (_, pages) = recorder.written_pages();
    assert!(backend == Backend::Postgres || names(&pages, &person.id), "the search sees ids");
    eprintln!("write audit ({backend:?}):\n  {}", report.join("\n  "));
}

both_backends!(each_request_writes_only_what_it_may);
