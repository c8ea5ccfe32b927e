//! The device checks a capture before queuing it (pwa/src/capture-check.ts); the server stays
//! the truth. Both are held to ONE set of cases, tests/fixtures/capture-checks.json: here the
//! server answers each (capture-check.test.ts runs the device's checks on the same file). And
//! the device's limits are the API document's, its messages the server's, word for word.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::{Backend, spawn_app};
use earshot::people::Role;

const FIXTURES: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/capture-checks.json"));
const DEVICE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/pwa/src/capture-check.ts"));

/// JSON merge patch (RFC 7396): objects merge, null removes, anything else replaces.
fn merged(base: &Value, change: &Value) -> Value {
    match (base, change) {
        (Value::Object(base), Value::Object(change)) => {
            let mut out = base.clone();
            for (key, value) in change {
                if value.is_null() {
                    out.remove(key);
                } else {
                    let next = merged(out.get(key).unwrap_or(&Value::Null), value);
                    out.insert(key.clone(), next);
                }
            }
            Value::Object(out)
        }
        (_, change) => change.clone(),
    }
}

#[tokio::test]
async fn the_server_answers_every_case_as_the_fixtures_say() {
    let fixtures: Value = serde_json::from_str(FIXTURES).expect("fixtures");
    let app = spawn_app(Backend::Sqlite).await;
    let today = chrono::DateTime::from_timestamp(earshot::clock::Clock::now(&app.clock), 0)
        .expect("now")
        .with_timezone(&chrono_tz::Europe::Brussels)
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(today, fixtures["today"], "the fixtures' today is the test clock's");
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let mut wrong = Vec::new();
    let cases = fixtures["cases"].as_array().expect("cases");
    for case in cases {
        let mut body = merged(&fixtures["base"], &case["change"]);
        body["id"] = uuid::Uuid::new_v4().to_string().into();
        let answer = jan.post("/api/v1/remarks", &body).await;
        let status = answer.status().as_u16();
        let problem: Value = answer.json().await.unwrap_or(Value::Null);
        let found: BTreeSet<(String, String)> = problem["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                (e["pointer"].as_str().unwrap_or("").to_owned(), e["code"].as_str().unwrap_or("").to_owned())
            })
            .collect();
        let expected: BTreeSet<(String, String)> = case["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| (e[0].as_str().expect("pointer").to_owned(), e[1].as_str().expect("code").to_owned()))
            .collect();
        let expected_status = if expected.is_empty() { 201 } else { 422 };
        if status != expected_status || found != expected {
            wrong.push(format!(
                "{}: {status} {found:?}, the fixtures say {expected_status} {expected:?}",
                case["case"]
            ));
        }
    }
    assert!(cases.len() >= 40, "{} cases", cases.len());
    assert!(wrong.is_empty(), "the server and the fixtures disagree:\n{}", wrong.join("\n"));
}

/// `name: 123` in the device's `LIMITS`.
fn device_limit(name: &str) -> u64 {
    let start = DEVICE.find("export const LIMITS = {").expect("LIMITS in capture-check.ts");
    let list = &DEVICE[start..DEVICE[start..].find('}').expect("}") + start];
    let at = list.find(&format!(" {name}: ")).unwrap_or_else(|| panic!("{name} in LIMITS"));
    list[at + name.len() + 3..].split([',', ' ']).next().and_then(|n| n.parse().ok()).expect("a number")
}

#[tokio::test]
async fn the_devices_limits_are_the_documents_and_its_messages_the_servers() {
    let app = spawn_app(Backend::Sqlite).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.expect("document");
    // Follow one $ref, if the property is one.
    let schema = |name: &str| &doc["components"]["schemas"][name];
    let resolve = |v: &Value| -> Value {
        let listed = ["allOf", "oneOf", "anyOf"].iter().filter_map(|k| v[*k].as_array()).flatten();
        let reference = v["$ref"].as_str().or_else(|| listed.filter_map(|s| s["$ref"].as_str()).next());
        match reference {
            Some(r) => schema(r.trim_start_matches("#/components/schemas/")).clone(),
            None => v.clone(),
        }
    };
    let capture = schema("Capture");
    let customer = resolve(&capture["properties"]["customer"]);
    let feeling = resolve(&capture["properties"]["feeling"]);
    let place = resolve(&capture["properties"]["place"]);
    let max = |v: &Value| v["maxLength"].as_u64().or_else(|| v["oneOf"][0]["maxLength"].as_u64());
    for (name, property) in [
        ("name", &customer["properties"]["name"]),
        ("facts", &capture["properties"]["facts"]),
        ("words", &feeling["properties"]["words"]),
        ("placeDetail", &place["properties"]["detail"]),
    ] {
        assert_eq!(Some(device_limit(name)), max(property), "the device's limit for {name}: {property}");
    }
    assert!(
        DEVICE.contains(&format!("export const MAX_AGE_DAYS = {};", earshot::remarks::capture::MAX_AGE_DAYS)),
        "the device's oldest day is the server's"
    );

    // Every message the device shows for a problem is the server's, in each language.
    for lang in ["nl", "fr", "en"] {
        let root = env!("CARGO_MANIFEST_DIR");
        let ftl = std::fs::read_to_string(format!("{root}/backend/locales/{lang}/errors.ftl")).expect("ftl");
        let pwa: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{root}/pwa/src/locales/{lang}.json")).expect("locale"),
        )
        .expect("json");
        let device: Vec<(&String, &Value)> =
            pwa.as_object().expect("object").iter().filter(|(k, _)| k.starts_with("check.")).collect();
        assert!(device.len() >= 14, "{lang}: the device's messages");
        for (key, text) in device {
            let server = key.trim_start_matches("check.");
            let line = ftl
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{server} = ")))
                .unwrap_or_else(|| panic!("{lang}: {server} is not a server message"));
            assert_eq!(text.as_str(), Some(line.replace("{ $limit }", "{limit}").as_str()), "{lang}: {key}");
        }
    }
}
