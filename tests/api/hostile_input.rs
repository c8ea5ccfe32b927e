//! Hostile text in every field that can reach a mail header or a page title: control
//! characters, line breaks, Unicode separators and bidi controls are a 422 naming the field —
//! and e-mail addresses the mailer could not send to are refused where they are typed, by the
//! mailer's own parser. Nothing of a refused request is stored.

use reqwest::Method;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Browser, assert_kind, problem, spawn_app};
use earshot::people::Role;

/// What the attacks look like: a header injection, a NUL, an escape sequence, a C1 control,
/// the Unicode line separator and a right-to-left override.
const LINE_ATTACKS: [&str; 6] = [
    "Bakkerij\r\nBcc: all@example.be",
    "Bakkerij\0Peeters",
    "Bakkerij\u{1b}[31mPeeters",
    "Bakkerij\u{85}Peeters",
    "Bakkerij\u{2028}Peeters",
    "Bakkerij \u{202E}sreteeP",
];

/// Addresses a relay would refuse or mangle.
const BAD_ADDRESSES: [&str; 6] = [
    "\"an peeters\"@example.be",
    "an@[192.0.2.1]",
    "an@192.0.2.1",
    "é@example.be",
    "an(comment)@example.be",
    "an@example.be\r\nBcc: all@example.be",
];

/// The one field problem of a 422, as (pointer, code).
async fn field_problem(res: reqwest::Response) -> (String, String) {
    assert_eq!(res.status(), 422);
    let p = problem(res).await;
    assert_kind(&p, 422, "invalid-body");
    assert_eq!(p.errors.len(), 1, "{p:?}");
    let code = serde_json::to_value(p.errors[0].code).expect("code").as_str().expect("str").to_owned();
    (p.errors[0].pointer.clone(), code)
}

fn settings(name: &str, sender: &str, reply: Option<&str>) -> Value {
    json!({
        "name": name,
        "sender_address": sender,
        "reply_address": reply,
        "time_zone": "Europe/Brussels",
        "promise": {"value": 48, "unit": "hours"},
        "languages": ["nl", "fr", "en"],
    })
}

fn capture(patch: impl FnOnce(&mut Value)) -> Value {
    let mut body = json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "customer": {"name": "Mevrouw Claes", "email": "an@example.be", "consent": true, "language": "nl"},
        "facts": "De taarten waren te laat.\nEen uur te laat.",
        "feeling": {"level": "frustrated", "words": "Dertig gasten\tniets op tafel."},
        "place": {"kind": "other", "detail": "op de markt"},
    });
    patch(&mut body);
    body
}

async fn control_characters_are_refused_in_every_field_that_reaches_a_header(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let topic = crate::helpers::add_topic(&admin).await;
    let topic_path = format!("/api/v1/topics/{}", topic["id"].as_str().expect("id"));
    let jans_id = earshot::people::find_by_email(&mut app.db.connect(), "jan@example.be")
        .expect("query")
        .expect("jan")
        .id
        .as_str()
        .to_owned();
    let remark = capture(|_| ());
    assert_eq!(
        jan.post("/api/v1/remarks", &remark).await.status(),
        201,
        "line breaks and tabs in text are fine"
    );
    let remark_id = remark["id"].as_str().expect("id").to_owned();
    app.release_now();
    let questions = format!("/api/v1/remarks/{remark_id}/questions");
    assert_eq!(owner.post(&questions, &json!({"text": "Welke dag?"})).await.status(), 201);

    for attack in LINE_ATTACKS {
        type Send<'a> = (&'a Browser, Method, String, Value, &'a str);
        let sends: Vec<Send> = vec![
            (
                &admin,
                Method::PUT,
                "/api/v1/settings".into(),
                settings(attack, "feedback@example.be", None),
                "/name",
            ),
            (
                &admin,
                Method::POST,
                "/api/v1/topics".into(),
                json!({"labels": {"nl": attack, "fr": "Livraison", "en": "Delivery"}}),
                "/labels/nl",
            ),
            (
                &admin,
                Method::PUT,
                topic_path.clone(),
                json!({"labels": {"nl": "Levering", "fr": attack, "en": "Delivery"}, "position": 1, "archived": false}),
                "/labels/fr",
            ),
            (
                &admin,
                Method::POST,
                "/api/v1/people".into(),
                json!({"email": "new@example.be", "name": attack, "roles": ["employee"]}),
                "/name",
            ),
            (&admin, Method::PATCH, format!("/api/v1/people/{jans_id}"), json!({"name": attack}), "/name"),
            (&jan, Method::PATCH, "/api/v1/me".into(), json!({"name": attack}), "/name"),
            (
                &jan,
                Method::POST,
                "/api/v1/remarks".into(),
                capture(|b| b["customer"]["name"] = json!(attack)),
                "/customer/name",
            ),
            (
                &jan,
                Method::POST,
                "/api/v1/remarks".into(),
                capture(|b| b["place"]["detail"] = json!(attack)),
                "/place/detail",
            ),
        ];
        for (who, method, path, body, pointer) in sends {
            let res = who.send(method.clone(), &path, Some(&body)).await;
            assert_eq!(
                field_problem(res).await,
                (pointer.to_owned(), "control-character".to_owned()),
                "{method} {path} with {attack:?}"
            );
        }
    }
    // Running text may have line breaks, never other control characters.
    for attack in ["nul\0byte", "escape\u{1b}[2J", "bell\u{7}", "c1\u{9b}x", "bidi \u{2066}x"] {
        let res = jan.post("/api/v1/remarks", &capture(|b| b["facts"] = json!(attack))).await;
        assert_eq!(field_problem(res).await, ("/facts".into(), "control-character".into()), "{attack:?}");
        let res = jan.post("/api/v1/remarks", &capture(|b| b["feeling"]["words"] = json!(attack))).await;
        assert_eq!(field_problem(res).await, ("/feeling/words".into(), "control-character".into()));
        let res = owner.post(&questions, &json!({"text": attack})).await;
        assert_eq!(field_problem(res).await, ("/text".into(), "control-character".into()));
        let answer = json!({"remark_id": remark_id, "action": "answer", "text": attack});
        let res = jan.post("/api/v1/my-remarks/actions", &answer).await;
        assert_eq!(field_problem(res).await, ("/text".into(), "control-character".into()));
    }

    // Nothing refused was stored: the organisation is still called what it was.
    let now: Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(now["name"], "earshot");
    assert_eq!(now["topics"][0]["labels"]["fr"], "Livraison");
    let people: Value = admin.get("/api/v1/people").await.json().await.expect("people");
    assert!(!people.to_string().contains("Bakkerij"), "{people}");
    // The message says what to do, in the caller's language.
    let res = admin
        .client
        .put(admin.url("/api/v1/settings"))
        .header("x-csrf-token", &admin.csrf)
        .header("accept-language", "fr")
        .json(&settings(LINE_ATTACKS[0], "feedback@example.be", None))
        .send()
        .await
        .expect("request");
    let p = problem(res).await;
    assert_eq!(p.errors[0].detail, earshot::i18n::Lang::Fr.t("field-control-character"));
}

async fn addresses_the_mailer_cannot_send_to_are_refused_where_they_are_typed(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    for address in BAD_ADDRESSES {
        let res = admin
            .post("/api/v1/people", &json!({"email": address, "name": "An", "roles": ["employee"]}))
            .await;
        assert_eq!(field_problem(res).await, ("/email".into(), "invalid-email".into()), "{address:?}");
        let res =
            admin.send(Method::PUT, "/api/v1/settings", Some(&settings("Bakkerij", address, None))).await;
        assert_eq!(field_problem(res).await, ("/sender_address".into(), "invalid-email".into()));
        let body = settings("Bakkerij", "feedback@example.be", Some(address));
        let res = admin.send(Method::PUT, "/api/v1/settings", Some(&body)).await;
        assert_eq!(field_problem(res).await, ("/reply_address".into(), "invalid-email".into()));
        let res = jan.post("/api/v1/remarks", &capture(|b| b["customer"]["email"] = json!(address))).await;
        assert_eq!(field_problem(res).await, ("/customer/email".into(), "invalid-email".into()));
    }
    // What a relay takes is taken, stored as it will be sent (the domain in ASCII).
    let body = settings("Bakkerij", "Feedback@Bäckerei.be", Some(" klanten@bakkerij-peeters.be "));
    assert_eq!(admin.send(Method::PUT, "/api/v1/settings", Some(&body)).await.status(), 204);
    let now: Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(now["sender_address"], "feedback@xn--bckerei-5wa.be");
    assert_eq!(now["reply_address"], "klanten@bakkerij-peeters.be");
    // An empty reply address is none.
    let body = settings("Bakkerij", "feedback@example.be", Some(""));
    assert_eq!(admin.send(Method::PUT, "/api/v1/settings", Some(&body)).await.status(), 204);
    let now: Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(now["reply_address"], Value::Null);
    // Colleagues see neither address.
    let seen: Value = jan.get("/api/v1/settings").await.json().await.expect("settings");
    assert!(seen.get("reply_address").is_none() && seen.get("sender_address").is_none(), "{seen}");
}

async fn control_characters_in_the_address_are_4xx_on_every_backend(backend: Backend) {
    let app = spawn_app(backend).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Admin]).await;
    for (method, path, status) in [
        (Method::GET, "/api/v1/remarks/%00", 404),
        (Method::GET, "/api/v1/remarks/%00/thread", 404),
        (Method::POST, "/api/v1/remarks/a%00b/questions", 404),
        (Method::PATCH, "/api/v1/people/%00", 404),
        (Method::PUT, "/api/v1/topics/%1b", 404),
        (Method::GET, "/assets/%00.js", 404),
        (Method::GET, "/api/v1/remarks?topic=%00", 400),
        (Method::GET, "/api/v1/remarks?q=caf%0D%0A", 400),
    ] {
        let res = owner.send(method.clone(), path, Some(&json!({"text": "?", "name": "x"}))).await;
        assert_eq!(res.status(), status, "{method} {path}");
        problem(res).await;
    }
    // Ordinary percent-encoding is left alone.
    assert_eq!(owner.get("/api/v1/remarks?q=caf%C3%A9%20au%20lait").await.status(), 200);
}

async fn addresses_stored_before_the_parser_are_rewritten_at_start(backend: Backend) {
    let app = spawn_app(backend).await;
    // As an older version stored it: lower-cased, the domain as typed.
    app.add_person("jan@bäckerei.be", &[Role::Employee], crate::helpers::PASSWORD);
    let browser = app.browser().await;
    let p = problem(browser.sign_in("jan@bäckerei.be", crate::helpers::PASSWORD).await).await;
    assert_kind(&p, 401, "invalid-credentials");
    // The next start stores it as the mailer writes it, and the person signs in as they type it.
    let restarted = app.replica().await;
    let there = Browser::open(&restarted.base).await;
    assert_eq!(there.sign_in("Jan@Bäckerei.be", crate::helpers::PASSWORD).await.status(), 200);
    let stored = earshot::people::find_by_email(&mut app.db.connect(), "jan@xn--bckerei-5wa.be").expect("q");
    assert!(stored.is_some(), "stored in ASCII");
}

/// What the API document says of a body holds: objects only, lists without repeats.
async fn bodies_are_objects_and_lists_do_not_repeat(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    // serde would fill a struct from an array of its fields; the API does not.
    let res = admin.send(Method::PATCH, "/api/v1/me", Some(&json!([null, null]))).await;
    assert_eq!(field_problem(res).await, ("".into(), "invalid-type".into()));
    let res = admin
        .post(
            "/api/v1/people",
            &json!({"email": "new@example.be", "name": "An", "roles": ["employee", "employee"]}),
        )
        .await;
    assert_eq!(field_problem(res).await, ("/roles".into(), "invalid-value".into()));
    let mut body = settings("Bakkerij", "feedback@example.be", None);
    body["languages"] = json!(["nl", "fr", "nl"]);
    let res = admin.send(Method::PUT, "/api/v1/settings", Some(&body)).await;
    assert_eq!(field_problem(res).await, ("/languages".into(), "invalid-value".into()));
    // A length counts what was typed, white space included, as the document's maxLength does.
    let padded = format!("  {}  ", "a".repeat(118));
    let res = admin
        .send(Method::PUT, "/api/v1/settings", Some(&settings(&padded, "feedback@example.be", None)))
        .await;
    assert_eq!(field_problem(res).await, ("/name".into(), "too-long".into()));
}

both_backends!(
    bodies_are_objects_and_lists_do_not_repeat,
    addresses_stored_before_the_parser_are_rewritten_at_start,
    control_characters_in_the_address_are_4xx_on_every_backend,
    control_characters_are_refused_in_every_field_that_reaches_a_header,
    addresses_the_mailer_cannot_send_to_are_refused_where_they_are_typed,
);
