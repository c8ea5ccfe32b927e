//! Capture and reading over HTTP: every validation rule, UUID v4 only, idempotency (replay,
//! different body, in flight), concurrency, and what colleagues and owners see.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp, assert_kind, database_digest, problem, spawn_app};
use earshot::people::Role;

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn remark(id: &str) -> Value {
    json!({
        "id": id,
        "customer": {"name": "Mevrouw Claes", "email": "An.Claes@Example.be", "phone": "0475 12 34 56", "consent": true, "language": "nl"},
        "facts": "De taarten voor het communiefeest waren een uur te laat geleverd.",
        "feeling": {"level": "frustrated", "words": "Ik stond daar met dertig gasten en niets op tafel."},
        "place": {"kind": "school", "detail": "aan de schoolpoort"},
        "heard_on": "2026-11-20"
    })
}

async fn capture(browser: &Browser, body: &Value) -> reqwest::Response {
    browser.post("/api/v1/remarks", body).await
}

/// Captures stored: released remarks and captures still held.
fn count(app: &TestApp) -> usize {
    database_digest(&app.db)
        .into_iter()
        .filter(|(t, _, _)| t == "remarks" || t == "held_captures")
        .map(|(_, n, _)| n as usize)
        .sum()
}

async fn a_capture_is_stored_and_answered_with_the_remark(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let id = new_id();
    let res = capture(&jan, &remark(&id)).await;
    assert_eq!(res.status(), 201);
    let view: Value = res.json().await.expect("remark");
    assert_eq!(view["id"], id);
    assert_eq!(view["customer"]["email"], "an.claes@example.be", "normalised");
    assert_eq!(view["customer"]["phone"], "0475123456", "normalised");
    assert_eq!(view["customer"]["consent"], true);
    assert_eq!(view["feeling"]["level"], "frustrated");
    assert_eq!(view["place"]["kind"], "school");
    assert_eq!(view["heard_on"], "2026-11-20");
    assert_eq!(view["state"], "new");
    assert_eq!(count(&app), 1);
}

async fn every_rule_is_checked_and_reported_at_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let with = |patch: Value| {
        let mut body = remark(&new_id());
        json_patch(&mut body, &patch);
        body
    };
    let v7 = "018f3a6e-8a4b-7c1d-9e2f-3a4b5c6d7e8f";
    let v1 = "c232ab00-9414-11ec-b3c8-9f6bdeced846";
    let cases: Vec<(Value, &str, &str)> = vec![
        (with(json!({"id": null})), "/id", "missing"),
        (with(json!({"id": v7})), "/id", "invalid-value"),
        (with(json!({"id": v1})), "/id", "invalid-value"),
        (with(json!({"id": "not-a-uuid"})), "/id", "invalid-value"),
        (with(json!({"customer": {"name": "  "}})), "/customer/name", "blank"),
        (with(json!({"customer": {"name": "x".repeat(121)}})), "/customer/name", "too-long"),
        (with(json!({"customer": {"email": "an.claes@"}})), "/customer/email", "invalid-email"),
        (with(json!({"customer": {"phone": "12 34"}})), "/customer/phone", "invalid-value"),
        (with(json!({"customer": {"consent": null}})), "/customer/consent", "missing"),
        (with(json!({"customer": {"language": "de"}})), "/customer/language", "invalid-value"),
        (with(json!({"facts": ""})), "/facts", "blank"),
        (with(json!({"facts": "x".repeat(4001)})), "/facts", "too-long"),
        (with(json!({"feeling": {"level": "furious"}})), "/feeling/level", "invalid-value"),
        (with(json!({"feeling": {"words": "x".repeat(1001)}})), "/feeling/words", "too-long"),
        (with(json!({"place": {"kind": "other", "detail": " "}})), "/place/detail", "blank"),
        (with(json!({"place": {"detail": "x".repeat(201)}})), "/place/detail", "too-long"),
        (with(json!({"place": {"kind": "moon"}})), "/place/kind", "invalid-value"),
        (with(json!({"heard_on": "20-11-2026"})), "/heard_on", "invalid-value"),
        (with(json!({"heard_on": "2026-11-24"})), "/heard_on", "invalid-value"),
        (with(json!({"heard_on": "2025-11-22"})), "/heard_on", "invalid-value"),
        (with(json!({"topic_id": "3f1e9c52-1c3b-4b7e-9a57-2d1f1d6c4a10"})), "/topic_id", "not-offered"),
        (with(json!({"reporter": "me"})), "/reporter", "unknown"),
    ];
    for (body, pointer, code) in cases {
        let res = capture(&jan, &body).await;
        assert_eq!(res.status(), 422, "{pointer} {code}: {body}");
        let p = problem(res).await;
        assert_eq!(p.errors.len(), 1, "{pointer}: {:?}", p.errors);
        assert_eq!(p.errors[0].pointer, pointer);
        assert_eq!(serde_json::to_value(p.errors[0].code).expect("code"), json!(code), "{pointer}");
        assert!(!p.errors[0].detail.is_empty());
    }
    // Several at once, in French.
    let mut body = with(
        json!({"customer": {"name": "", "email": "x"}, "facts": " ", "place": {"kind": "other", "detail": null}}),
    );
    body["customer"]["consent"] = Value::Null;
    let res = jan
        .client
        .post(jan.url("/api/v1/remarks"))
        .header("x-csrf-token", &jan.csrf)
        .header("accept-language", "fr")
        .json(&body)
        .send()
        .await
        .expect("request");
    let p = problem(res).await;
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/customer/name", "/customer/email", "/customer/consent", "/facts", "/place/detail"]
    );
    assert_eq!(p.title, earshot::i18n::Lang::Fr.t("problem-invalid-body"));
    assert_eq!(count(&app), 0, "nothing stored");

    // No contact: no consent asked, and none stored.
    let mut body = remark(&new_id());
    body["customer"] = json!({"name": "Meneer Peeters", "language": "fr"});
    assert_eq!(capture(&jan, &body).await.status(), 201);
    app.release_now();
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let seen: Value = owner
        .get(&format!("/api/v1/remarks/{}", body["id"].as_str().expect("id")))
        .await
        .json()
        .await
        .expect("remark");
    assert_eq!(seen["customer"]["consent"], false);
    assert!(seen["customer"].get("email").is_none());
}

/// Overwrite the fields of `patch` in `body` (objects merged, `null` sets null).
fn json_patch(body: &mut Value, patch: &Value) {
    if let (Some(target), Some(changes)) = (body.as_object_mut(), patch.as_object()) {
        for (key, value) in changes {
            match target.get_mut(key) {
                Some(existing) if existing.is_object() && value.is_object() => json_patch(existing, value),
                _ => {
                    target.insert(key.clone(), value.clone());
                }
            }
        }
    }
}

async fn the_day_defaults_to_today_in_the_organisations_time_zone(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    // 23:30 UTC on the 23rd is already the 24th in Brussels.
    app.clock.set(crate::helpers::T0 + 13 * 3600 + 30 * 60);
    jan.refresh().await;
    let mut body = remark(&new_id());
    body.as_object_mut().expect("object").remove("heard_on");
    let view: Value = capture(&jan, &body).await.json().await.expect("remark");
    assert_eq!(view["heard_on"], "2026-11-24");
    // It came in that day too (its hour, 23:00 UTC, is midnight in Brussels), in the receipt,
    // for colleagues and in the reporter's own list.
    assert_eq!(view["came_in_on"], "2026-11-24");
    app.release_now();
    let id = view["id"].as_str().expect("id");
    let seen: Value = jan.get(&format!("/api/v1/remarks/{id}")).await.json().await.expect("remark");
    assert_eq!(seen["came_in_on"], "2026-11-24");
    let mine: Value = jan.get("/api/v1/my-remarks").await.json().await.expect("mine");
    assert_eq!(mine["items"][0]["came_in_on"], "2026-11-24");
    let mut body = remark(&new_id());
    body["heard_on"] = json!("2026-11-24");
    assert_eq!(capture(&jan, &body).await.status(), 201, "today there is not in the future");
    // An hour earlier (22:00 UTC) it is still the 23rd there.
    app.clock.set(crate::helpers::T0 + 12 * 3600 + 30 * 60);
    jan.refresh().await;
    let view: Value = capture(&jan, &remark(&new_id())).await.json().await.expect("remark");
    assert_eq!(view["came_in_on"], "2026-11-23");
}

async fn a_replay_returns_the_original_and_stores_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let id = new_id();
    let first = capture(&jan, &remark(&id)).await;
    assert_eq!(first.status(), 201);
    let first = first.bytes().await.expect("body");
    let before = database_digest(&app.db);
    let again = capture(&jan, &remark(&id)).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.bytes().await.expect("body"), first, "same status, same body");
    assert_eq!(database_digest(&app.db), before, "a replay stores nothing");

    let mut changed = remark(&id);
    changed["facts"] = json!("Iets anders.");
    assert_kind(&problem(capture(&jan, &changed).await).await, 422, "idempotency-mismatch");

    // The key may come as the Idempotency-Key header instead.
    let other = new_id();
    let mut body = remark(&other);
    body.as_object_mut().expect("object").remove("id");
    let res = jan
        .client
        .post(jan.url("/api/v1/remarks"))
        .header("x-csrf-token", &jan.csrf)
        .header("idempotency-key", &other)
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 201);
    assert_eq!(res.json::<Value>().await.expect("remark")["id"], other);
    assert_eq!(count(&app), 2);
}

async fn fifty_concurrent_sends_of_one_capture_make_one_remark(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let id = new_id();
    let body = remark(&id);
    let sends = (0..50).map(|_| async {
        let res = capture(&jan, &body).await;
        (res.status().as_u16(), res.bytes().await.expect("body"))
    });
    let answers = futures_util::future::join_all(sends).await;
    let originals: BTreeSet<_> = answers.iter().filter(|(s, _)| *s == 201).map(|(_, b)| b.clone()).collect();
    let in_progress = answers.iter().filter(|(s, _)| *s == 409).count();
    assert_eq!(originals.len(), 1, "every 201 carries the same body");
    assert_eq!(
        answers.iter().filter(|(s, _)| *s == 201).count() + in_progress,
        50,
        "{:?}",
        answers.iter().map(|a| a.0).collect::<Vec<_>>()
    );
    for (status, body) in answers.iter().filter(|(s, _)| *s == 409) {
        assert_eq!(*status, 409);
        assert!(String::from_utf8_lossy(body).contains("urn:earshot:problem:capture-in-progress"));
    }
    assert_eq!(count(&app), 1);
    // Once settled, a replay returns the original.
    let res = capture(&jan, &body).await;
    assert_eq!(res.status(), 201);
    assert!(originals.contains(&res.bytes().await.expect("body")));
}

async fn twenty_different_captures_at_once_make_twenty_remarks(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let bodies: Vec<Value> = (0..20).map(|_| remark(&new_id())).collect();
    let statuses = futures_util::future::join_all(
        bodies.iter().map(|b| async { capture(&jan, b).await.status().as_u16() }),
    )
    .await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(count(&app), 20);
}

/// Nothing in any answer depends on who captured: same content, two employees, every role.
async fn two_reporters_get_byte_identical_answers_but_for_the_id(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee, Role::Owner]).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let (a, b) = (new_id(), new_id());
    let ra = capture(&jan, &remark(&a)).await.text().await.expect("body");
    let rb = capture(&lotte, &remark(&b)).await.text().await.expect("body");
    assert_eq!(ra.replace(&a, "ID"), rb.replace(&b, "ID"), "capture answers");
    app.release_now();
    for reader in [&jan, &lotte, &admin] {
        let ga = reader.get(&format!("/api/v1/remarks/{a}")).await.text().await.expect("body");
        let gb = reader.get(&format!("/api/v1/remarks/{b}")).await.text().await.expect("body");
        assert_eq!(ga.replace(&a, "ID"), gb.replace(&b, "ID"), "reading answers");
    }
}

async fn colleagues_read_everything_newest_first_without_contact_or_time(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let topic = crate::helpers::add_topic(&admin).await;
    let topic_id = topic["id"].as_str().expect("id").to_owned();

    let mut ids = Vec::new();
    for hour in 0..5 {
        let id = new_id();
        let mut body = remark(&id);
        if hour == 1 {
            body["topic_id"] = json!(topic_id);
            body["facts"] = json!("Het brood was oudbakken en de bakker reageerde onvriendelijk.");
        }
        if hour == 3 {
            body["feeling"] =
                json!({"level": "delighted", "words": "Zó vriendelijk, en de crème brûlée was heerlijk!"});
            body["place"] = json!({"kind": "hairdresser", "detail": ""});
        }
        assert_eq!(capture(&jan, &body).await.status(), 201);
        ids.push(id);
        app.clock.advance(3600);
        jan.refresh().await;
    }
    owner.refresh().await;
    admin.refresh().await;
    app.release_now();

    // Two pages of two, then the last; newest first.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/remarks?limit=2&cursor={c}"),
            None => "/api/v1/remarks?limit=2".to_owned(),
        };
        let page: Value = jan.get(&path).await.json().await.expect("page");
        for item in page["items"].as_array().expect("items") {
            assert!(
                item["customer"].get("email").is_none() && item["customer"].get("phone").is_none(),
                "{item}"
            );
            assert!(item["customer"].get("consent").is_none());
            for forbidden in ["created_at", "time", "reporter", "captured_by", "messenger"] {
                assert!(item.get(forbidden).is_none(), "{forbidden} in {item}");
            }
            seen.push(item["id"].as_str().expect("id").to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let newest_first: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(seen, newest_first);

    let ids_of = |page: Value| crate::helpers::item_ids(&page);
    let by_topic =
        ids_of(jan.get(&format!("/api/v1/remarks?topic={topic_id}")).await.json().await.expect("page"));
    assert_eq!(by_topic, [ids[1].clone()]);
    let by_place = ids_of(jan.get("/api/v1/remarks?place=hairdresser").await.json().await.expect("page"));
    assert_eq!(by_place, [ids[3].clone()]);
    let by_feeling = ids_of(jan.get("/api/v1/remarks?feeling=delighted").await.json().await.expect("page"));
    assert_eq!(by_feeling, [ids[3].clone()]);
    // Words in facts or feelings: prefixes, any case, with or without accents.
    for q in ["oudbak", "Bakker onvriendelijk", "creme brulee", "heerlijk"] {
        let found = ids_of(jan.get(&format!("/api/v1/remarks?q={q}")).await.json().await.expect("page"));
        let expected = if q.contains("creme") || q == "heerlijk" { &ids[3] } else { &ids[1] };
        assert_eq!(found, std::slice::from_ref(expected), "search {q}");
    }
    assert!(ids_of(jan.get("/api/v1/remarks?q=pizza").await.json().await.expect("page")).is_empty());
    assert_eq!(jan.get("/api/v1/remarks?limit=500").await.status(), 400);
    assert_eq!(jan.get("/api/v1/remarks?cursor=%%%").await.status(), 400);
    assert_eq!(jan.get("/api/v1/remarks?feeling=furious").await.status(), 400);

    // Owners see how to reach the customer.
    let one: Value = owner.get(&format!("/api/v1/remarks/{}", ids[0])).await.json().await.expect("remark");
    assert_eq!(one["customer"]["email"], "an.claes@example.be");
    assert_eq!(one["customer"]["consent"], true);
    assert_kind(&problem(jan.get(&format!("/api/v1/remarks/{}", new_id())).await).await, 404, "not-found");
}

/// A capture reads and writes nothing about the person: it holds one opaque row; its release
/// writes only remark-side tables (the seal is keyed by the remark and names nobody readable).
async fn a_capture_touches_only_remark_side_tables(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let changed = |before: &[(String, i64, String)], after: &[(String, i64, String)]| -> Vec<String> {
        before.iter().zip(after).filter(|(b, a)| b != a).map(|(b, _)| b.0.clone()).collect()
    };
    let before = database_digest(&app.db);
    assert_eq!(capture(&jan, &remark(&new_id())).await.status(), 201);
    let held = database_digest(&app.db);
    assert_eq!(changed(&before, &held), ["held_captures"], "a capture holds one row, nothing else");
    assert_eq!(app.release_now(), 1);
    let released = database_digest(&app.db);
    assert_eq!(
        changed(&held, &released),
        ["capture_keys", "held_captures", "messenger_seals", "remark_terms", "remarks"]
    );
}

async fn only_staff_with_a_token_capture(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    assert_kind(&problem(capture(&admin, &remark(&new_id())).await).await, 403, "forbidden");
    let stranger = app.browser().await;
    assert_kind(&problem(capture(&stranger, &remark(&new_id())).await).await, 401, "unauthorized");
    let res = stranger.send(Method::GET, "/api/v1/remarks", None).await;
    assert_eq!(res.status(), 401);
}

/// Captures are limited per client address (never per person: the route knows no person).
async fn captures_are_rate_limited_per_address(backend: Backend) {
    let app = TestApp::on_db(crate::helpers::TestDb::new(backend))
        .tweak(|s| s.captures_per_minute_per_ip = 3)
        .start()
        .await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    for _ in 0..3 {
        assert_eq!(capture(&jan, &remark(&new_id())).await.status(), 201);
    }
    let res = capture(&jan, &remark(&new_id())).await;
    assert!(res.headers().get("retry-after").is_some());
    assert_kind(&problem(res).await, 429, "too-many-requests");
}

both_backends!(
    captures_are_rate_limited_per_address,
    a_capture_is_stored_and_answered_with_the_remark,
    every_rule_is_checked_and_reported_at_once,
    the_day_defaults_to_today_in_the_organisations_time_zone,
    a_replay_returns_the_original_and_stores_nothing,
    fifty_concurrent_sends_of_one_capture_make_one_remark,
    twenty_different_captures_at_once_make_twenty_remarks,
    two_reporters_get_byte_identical_answers_but_for_the_id,
    colleagues_read_everything_newest_first_without_contact_or_time,
    a_capture_touches_only_remark_side_tables,
    only_staff_with_a_token_capture,
);

/// Two replicas on one PostgreSQL database, the same capture sent to both at once, many times:
/// the database's unique key settles it, and the loser answers with the original (its
/// messenger index learns the seal the winner wrote a moment ago).
#[tokio::test]
async fn two_postgres_replicas_store_one_capture_once() {
    crate::helpers::ServerLog::name_databases();
    let server_log = crate::helpers::ServerLog::mark();
    let app = spawn_app(Backend::Postgres).await;
    let replica = app.replica().await;
    let other = replica.base.clone();
    app.add_person("jan@example.be", &[Role::Employee], crate::helpers::PASSWORD);
    let here = app.browser().await;
    let there = Browser::open(&other).await;
    assert_eq!(here.sign_in("jan@example.be", crate::helpers::PASSWORD).await.status(), 200);
    assert_eq!(there.sign_in("jan@example.be", crate::helpers::PASSWORD).await.status(), 200);
    for _ in 0..10 {
        let body = remark(&new_id());
        let (a, b) = tokio::join!(capture(&here, &body), capture(&there, &body));
        let (sa, sb) = (a.status(), b.status());
        let (ba, bb) = (a.bytes().await.expect("body"), b.bytes().await.expect("body"));
        assert_eq!((sa.as_u16(), sb.as_u16()), (201, 201));
        assert_eq!(ba, bb, "both answer with the original");
    }
    assert_eq!(count(&app), 10);
    // The loser of each race was told by ON CONFLICT, not by an error in the server's log
    // (which would hold the remark's id with a millisecond time). The replica's start too.
    if let (Some(log), Some(name)) = (server_log, app.db.pg_name()) {
        let errors = log.errors_of(name);
        assert!(errors.is_empty(), "PostgreSQL logged errors for this test's database: {errors:#?}");
    }
}
