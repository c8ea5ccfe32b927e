//! The dashboard (docs/dashboard.md): every figure on a set worked out by hand, on both
//! backends; the period before; an empty period; who may read it; and no reporter anywhere.

mod seed;

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, problem};
use earshot::people::Role;
use earshot::remarks::{Feeling, PlaceKind};
use seed::{Answer, utc};

/// Ten remarks in November 2026 (see each figure's comment in the test); the clock at
/// 17 November, 13:00 in Brussels.
fn seed_november(app: &TestApp) {
    let c = &mut app.db.connect();
    let owner = seed::person_id(c, "sofie@example.be");
    let piet = seed::person_id(c, "piet@example.be");
    let levering = seed::topic(c, "Levering", "Delivery");
    let feelings = [
        Feeling::VeryFrustrated,
        Feeling::VeryFrustrated,
        Feeling::Frustrated,
        Feeling::Frustrated,
        Feeling::Neutral,
        Feeling::Neutral,
        Feeling::Pleased,
        Feeling::Pleased,
        Feeling::Delighted,
        Feeling::Delighted,
    ];
    let r: Vec<String> = (0..10u32)
        .map(|i| {
            let place = if i % 2 == 0 { PlaceKind::Party } else { PlaceKind::Shop };
            let topic = (i < 6).then_some(levering.as_str());
            seed::remark(c, utc(11, 2 + i, 8), feelings[i as usize], place, topic)
        })
        .collect();
    // First answers: seven on time after 2…14 hours, two late after 60 and 72; r9 never.
    let hours = [2, 4, 6, 8, 10, 12, 14, 60, 72];
    for (i, h) in hours.iter().enumerate() {
        let promised_on = match i {
            0..=3 => "2026-11-15",
            4 => "2026-11-10",
            _ => "2026-12-20",
        };
        let (channel, passed_on_on) = match i {
            5 => ("pass_on", Some("2026-11-09")),
            6 | 8 => ("pass_on", None),
            _ => ("mail", None),
        };
        let at = utc(11, 2 + u32::try_from(i).unwrap(), 8) + h * 3600;
        let a =
            Answer { remark: &r[i], at, late: i >= 7, channel, promised_on, passed_on_on, decision: None };
        seed::answer(c, &owner, a);
    }
    let told = |c: &mut earshot::db::DbConn, remark: &str, decision: &str, at: i64| {
        let a = Answer {
            remark,
            at,
            late: false,
            channel: "mail",
            promised_on: "2026-11-15",
            passed_on_on: None,
            decision: Some(decision),
        };
        seed::answer(c, &owner, a);
    };
    // Decisions: no action for r0–r2 on 5 November; act for r3 after 100 hours, changed later.
    let bakery = seed::case(c, "Het brood is op", &[&r[0], &r[1], &r[2]]);
    let d1 = seed::decision(c, &owner, &bakery, "no_action", utc(11, 5, 8));
    for remark in &r[0..3] {
        told(c, remark, &d1, utc(11, 5, 8));
    }
    let parking = seed::case(c, "Parking", &[&r[3]]);
    let d2 = seed::decision(c, &owner, &parking, "act", utc(11, 5, 8) + 100 * 3600);
    told(c, &r[3], &d2, utc(11, 5, 8) + 100 * 3600);
    let d3 = seed::decision(c, &owner, &parking, "act", utc(11, 16, 8));
    told(c, &r[3], &d3, utc(11, 16, 8));
    seed::vote(c, &r[0], &d1, true, "2026-11-10");
    seed::vote(c, &r[1], &d1, false, "2026-11-11");
    seed::vote(c, &r[2], &d1, true, "2026-11-12");
    seed::vote(c, &r[3], &d2, true, "2026-10-15");
    seed::late_plan(c, &owner, &piet, &parking, &d3, "2026-11-14");
    app.clock.set(utc(11, 17, 12));
}

fn durations(count: i64, median: i64, p90: i64, average: f64) -> Value {
    json!({"count": count, "median": median, "p90": p90, "average": average})
}

async fn every_figure_of_a_known_month_is_the_one_worked_out_by_hand(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    app.add_person("piet@example.be", &[Role::Employee], crate::helpers::PASSWORD);
    seed_november(&app);

    let got: Value = sofie
        .get("/api/v1/dashboard?period=custom&from=2026-11-01&to=2026-11-30")
        .await
        .json()
        .await
        .unwrap();
    let p = &got["period"];
    assert_eq!(
        (&p["from"], &p["to"], &p["previous_from"], &p["previous_to"], &p["today"]),
        (
            &json!("2026-11-01"),
            &json!("2026-11-30"),
            &json!("2026-10-02"),
            &json!("2026-10-31"),
            &json!("2026-11-17")
        )
    );
    let now = &got["current"];
    assert_eq!(now["remarks"], 10);
    // Hours to the first answer: 2, 4, 6, 8, 10, 12, 14, 60, 72 → median the 5th, p90 the 9th.
    assert_eq!(now["first_answer"], durations(9, 10, 72, 20.9));
    // Days from the day heard (the day before it came in): seven 1s, a 3 and a 4.
    assert_eq!(now["waited_first_answer"], durations(9, 1, 4, 1.6));
    // Hours to the first decision told: 72, 48, 24 (5 November) and 100; the change not again.
    assert_eq!(now["decision"], durations(4, 48, 100, 61.0));
    assert_eq!(now["waited_decision"], durations(4, 3, 5, 3.5));
    // 9 first answers and r9 never answered (its promise passed): 7 of 10 on time.
    assert_eq!(now["on_time"], json!({"due": 10, "kept": 7, "percent": 70}));
    // Days promised up to today: four on 15 November (all decided before), one on the 10th.
    assert_eq!(now["promises"], json!({"due": 5, "kept": 4, "percent": 80}));
    assert_eq!(now["help"], json!({"votes": 3, "yes": 2, "percent": 67}));
    assert_eq!(
        now["decisions"],
        json!({"total": 3, "act": 2, "no_action": 1, "already_done": 0, "duplicate": 0, "praise": 0})
    );
    // Pass-ons: r5 confirmed, r6 (8 Nov) past the 7 days, r8 (13 Nov) still inside them.
    assert_eq!(now["pass_ons"], json!({"asked": 3, "confirmed": 1, "not_confirmed": 1, "waiting": 1}));
    let weeks: Vec<(String, Value)> = now["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["from"].as_str().unwrap().to_owned(), w["feelings"].clone()))
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-11-01".into(), json!([2, 2, 2, 0, 0])),
            ("2026-11-08".into(), json!([0, 0, 0, 2, 2])),
            ("2026-11-15".into(), json!([0, 0, 0, 0, 0])),
            ("2026-11-22".into(), json!([0, 0, 0, 0, 0])),
            ("2026-11-29".into(), json!([0, 0, 0, 0, 0])),
        ]
    );
    let topics = now["topics"].as_array().unwrap();
    assert_eq!((&topics[0]["label"], &topics[0]["remarks"]), (&json!("Levering"), &json!(6)));
    assert_eq!(topics[0]["feelings"], json!([2, 2, 2, 0, 0]));
    assert_eq!(
        (&topics[1]["topic_id"], &topics[1]["label"], &topics[1]["remarks"]),
        (&Value::Null, &Value::Null, &json!(4))
    );
    assert_eq!(
        now["places"],
        json!([
            {"place": "party", "remarks": 5, "feelings": [1, 1, 1, 1, 1]},
            {"place": "shop", "remarks": 5, "feelings": [1, 1, 1, 1, 1]},
        ])
    );
    // The period before: only the October vote; nothing due is no percentage, not a division.
    let before = &got["previous"];
    assert_eq!(before["remarks"], 0);
    assert_eq!(before["help"], json!({"votes": 1, "yes": 1, "percent": 100}));
    assert_eq!(before["on_time"], json!({"due": 0, "kept": 0, "percent": null}));
    assert_eq!(before["first_answer"], json!({"count": 0, "median": null, "p90": null, "average": null}));
    // Late work, named by who owns it: the plan due the 14th, its task the 14th.
    let late = &got["late"];
    assert_eq!(late["plans"][0]["case_title"], "Parking");
    assert_eq!(
        (&late["plans"][0]["owner"], &late["plans"][0]["due_on"]),
        (&json!("sofie"), &json!("2026-11-14"))
    );
    let task = &late["tasks"][0];
    assert_eq!(
        (&task["description"], &task["owner"], &task["assignee"]),
        (&json!("Offerte vragen"), &json!("sofie"), &json!("piet"))
    );

    // This month is the same span: the same figures, and October whole before it.
    let month: Value = sofie.get("/api/v1/dashboard").await.json().await.unwrap();
    assert_eq!(month["period"]["kind"], "month");
    assert_eq!(month["current"], got["current"]);
    assert_eq!(
        (&month["period"]["previous_from"], &month["previous"]["help"]["votes"]),
        (&json!("2026-10-01"), &json!(1))
    );
    // The feed's figure comes from the same function.
    let feed: Value = jan.get("/api/v1/feed").await.json().await.unwrap();
    assert_eq!(
        feed["figures"],
        json!({"decisions": 3, "answers_due": 10, "on_time": 7, "on_time_percent": 70})
    );
    // An admin reading in English: the topic's English label.
    let emma = app.signed_in("emma@example.be", &[Role::Admin]).await;
    use diesel::prelude::*;
    use earshot::db::schema::users;
    diesel::update(users::table.filter(users::email.eq("emma@example.be")))
        .set(users::language.eq("en"))
        .execute(&mut app.db.connect())
        .unwrap();
    let theirs: Value = emma.get("/api/v1/dashboard").await.json().await.unwrap();
    assert_eq!(theirs["current"]["topics"][0]["label"], "Delivery");
}

async fn an_empty_period_says_so(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let admin = app.signed_in("ann@example.be", &[Role::Admin]).await;
    let got: Value = admin.get("/api/v1/dashboard?period=week").await.json().await.unwrap();
    for side in ["current", "previous"] {
        let f = &got[side];
        assert_eq!(f["remarks"], 0);
        for share in ["on_time", "promises"] {
            assert_eq!(f[share], json!({"due": 0, "kept": 0, "percent": null}), "{side} {share}");
        }
        assert_eq!(f["help"], json!({"votes": 0, "yes": 0, "percent": null}));
        for d in ["first_answer", "decision", "waited_first_answer", "waited_decision"] {
            assert_eq!(f[d], json!({"count": 0, "median": null, "p90": null, "average": null}), "{side} {d}");
        }
        assert_eq!(f["weeks"].as_array().unwrap().len(), 1, "a week is one span");
        assert_eq!(f["weeks"][0]["feelings"], json!([0, 0, 0, 0, 0]));
        assert!(f["topics"].as_array().unwrap().is_empty() && f["places"].as_array().unwrap().is_empty());
    }
    assert_eq!(got["late"], json!({"plans": [], "tasks": []}));
    let quarter: Value = admin.get("/api/v1/dashboard?period=quarter").await.json().await.unwrap();
    assert_eq!(quarter["current"]["weeks"].as_array().unwrap().len(), 14, "92 days: 13 weeks and a day");
}

async fn only_owners_and_admins_read_it_and_a_bad_period_is_named(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    assert_eq!(app.get("/api/v1/dashboard").await.status(), 401);
    assert_eq!(jan.get("/api/v1/dashboard").await.status(), 403);
    for (query, pointer) in [
        ("period=custom&from=2026-11-01", "/to"),
        ("period=custom&to=2026-11-01", "/from"),
        ("period=custom&from=2026-11-10&to=2026-11-01", "/to"),
        ("period=custom&from=2025-01-01&to=2026-01-02", "/to"),
        ("period=custom&from=2026-02-30&to=2026-03-01", "/from"),
        ("period=custom&from=1999-12-31&to=2000-01-01", "/from"),
        ("period=month&from=2026-11-01", "/from"),
        ("to=2026-11-01", "/to"),
    ] {
        let refused = problem(sofie.get(&format!("/api/v1/dashboard?{query}")).await).await;
        assert_eq!((refused.status, refused.errors[0].pointer.as_str()), (422, pointer), "{query}");
        assert!(!refused.errors[0].detail.is_empty(), "{query}: a sentence to show");
    }
    for query in ["period=year", "period=week&extra=1", "from=%00"] {
        let status = sofie.get(&format!("/api/v1/dashboard?{query}")).await.status().as_u16();
        assert!((400..500).contains(&status), "{query}: {status}");
    }
    let ok = sofie.get("/api/v1/dashboard?period=custom&from=2026-01-01&to=2026-12-31").await;
    assert_eq!(ok.status(), 200, "a whole year is allowed");
}

async fn no_figure_names_who_brought_a_remark_in(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let reporter = app.signed_in("jan.reporter@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = crate::desk::capture(&reporter, json!({})).await;
    app.release_now();
    let day = crate::desk::day_after(&app, 3);
    let res = crate::desk::acknowledge(&sofie, &[&id], json!({"promised_on": day})).await;
    assert!(res.status().is_success(), "{}", res.status());
    let got = sofie.get("/api/v1/dashboard?period=week").await.text().await.unwrap();
    let figures: Value = serde_json::from_str(&got).unwrap();
    assert_eq!(figures["current"]["remarks"], 1, "{got}");
    assert_eq!(figures["current"]["first_answer"]["count"], 1, "{got}");
    for never in ["jan.reporter", "jan", &id] {
        assert!(!got.contains(never), "{never} in {got}");
    }
}

both_backends!(
    every_figure_of_a_known_month_is_the_one_worked_out_by_hand,
    an_empty_period_says_so,
    only_owners_and_admins_read_it_and_a_bad_period_is_named,
    no_figure_names_who_brought_a_remark_in,
);
