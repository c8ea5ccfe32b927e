//! The suggestions over HTTP on the labelled set (`labelled.json`: 64 remarks in 16 true groups,
//! nl/fr/en, typos, accents, other words): recall@5 at least 0.8 on each backend, and the very
//! same ranking on both — the same remarks (same ids) in the same order with the same scores.
//! One click from a suggestion puts two remarks in a case, and a case is suggested once.

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

struct Labelled {
    /// (group, capture body) per remark, ids fixed so both backends hold the same remarks.
    remarks: Vec<(u64, Value)>,
    topics: Vec<String>,
}

fn labelled() -> Labelled {
    let set: Value = serde_json::from_str(include_str!("labelled.json")).expect("labelled set");
    let topics = set["topics"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()).collect();
    let remarks = set["remarks"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let body = json!({
                "id": uuid::Uuid::new_v4().to_string(),
                "customer": {"name": format!("Klant {i}"), "language": r["lang"]},
                "facts": r["facts"],
                "feeling": {"level": "frustrated", "words": r["words"]},
                "place": {"kind": "shop"},
                "heard_on": "2026-11-20",
                "topic": r["topic"],
            });
            (r["g"].as_u64().unwrap(), body)
        })
        .collect();
    Labelled { remarks, topics }
}

/// Every remark's suggestions on `backend`, as (id, score) lists, in the set's order.
async fn rankings(backend: Backend, set: &Labelled) -> Vec<Vec<(String, f64)>> {
    let app = TestApp::on(backend).start().await;
    let admin = app.signed_in("ann@example.be", &[Role::Admin]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let mut topic_ids = Vec::new();
    for name in &set.topics {
        let res =
            admin.post("/api/v1/topics", &json!({"labels": {"nl": name, "fr": name, "en": name}})).await;
        assert_eq!(res.status(), 201);
        topic_ids.push((name.clone(), res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()));
    }
    for (_, body) in &set.remarks {
        let mut body = body.clone();
        let topic = topic_ids.iter().find(|(n, _)| body["topic"] == n.as_str()).map(|(_, id)| id.clone());
        body.as_object_mut().unwrap().remove("topic");
        body["topic_id"] = json!(topic);
        let res = jan.post("/api/v1/remarks", &body).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    }
    app.release_now();
    let mut all = Vec::new();
    for (_, body) in &set.remarks {
        let res =
            sofie.get(&format!("/api/v1/desk/remarks/{}/suggestions", body["id"].as_str().unwrap())).await;
        assert_eq!(res.status(), 200);
        let found: Value = res.json().await.unwrap();
        all.push(
            found["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (s["remark"]["remark"]["id"].as_str().unwrap().to_owned(), s["score"].as_f64().unwrap())
                })
                .collect(),
        );
    }
    all
}

fn recall_at_5(set: &Labelled, rankings: &[Vec<(String, f64)>]) -> f64 {
    let group_of = |id: &str| set.remarks.iter().find(|(_, b)| b["id"] == id).map(|(g, _)| *g);
    let mut total = 0.0;
    for ((group, _), ranked) in set.remarks.iter().zip(rankings) {
        let mates = set.remarks.iter().filter(|(g, _)| g == group).count() - 1;
        let found = ranked.iter().take(5).filter(|(id, _)| group_of(id) == Some(*group)).count();
        total += found as f64 / mates.min(5) as f64;
    }
    total / set.remarks.len() as f64
}

#[tokio::test]
async fn the_labelled_set_is_found_and_ranked_alike_on_both_backends() {
    let set = labelled();
    let sqlite = rankings(Backend::Sqlite, &set).await;
    let postgres = rankings(Backend::Postgres, &set).await;
    let (rs, rp) = (recall_at_5(&set, &sqlite), recall_at_5(&set, &postgres));
    println!("recall@5: SQLite {rs:.3}, PostgreSQL {rp:.3}");
    assert!(rs >= 0.8 && rp >= 0.8, "recall@5: SQLite {rs:.3}, PostgreSQL {rp:.3}");
    assert_eq!(sqlite, postgres, "the same ranking on both backends");
    assert!(
        sqlite.iter().all(|r| r.len() <= 5 && r.windows(2).all(|w| w[0].1 >= w[1].1)),
        "best first, five at most"
    );
}

async fn one_click_groups_and_a_case_is_suggested_once(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let bread = |facts: &str| json!({"facts": facts, "feeling": {"words": "geen brood"}});
    let a = crate::desk::capture(&jan, bread("Om tien uur is het brood al op.")).await;
    let b = crate::desk::capture(&jan, bread("Het brood was om tien uur uitverkocht.")).await;
    let c = crate::desk::capture(&jan, bread("Rond tien uur geen brood meer.")).await;
    let other = crate::desk::capture(
        &jan,
        json!({"facts": "De parking is altijd vol.", "feeling": {"words": "boos"}}),
    )
    .await;
    app.release_now();
    let suggested = |id: String| {
        let sofie = &sofie;
        async move {
            let res = sofie.get(&format!("/api/v1/desk/remarks/{id}/suggestions")).await;
            res.json::<Value>().await.unwrap()["items"].as_array().unwrap().clone()
        }
    };
    let first = suggested(a.clone()).await;
    let ids: Vec<&str> = first.iter().map(|s| s["remark"]["remark"]["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&b.as_str()) && ids.contains(&c.as_str()) && !ids.contains(&other.as_str()),
        "{first:?}"
    );
    assert!(!ids.contains(&a.as_str()), "never itself");
    // One click: a case of the two.
    let made = super::create(&sofie, "Brood op om tien uur", &[&a, &b]).await;
    // From the third remark the case is suggested once (not each of its remarks).
    let third = suggested(c.clone()).await;
    let cases: Vec<&Value> = third.iter().filter(|s| s["case"]["id"] == made["id"]).collect();
    assert_eq!(cases.len(), 1, "{third:?}");
    assert_eq!(cases[0]["case"]["remarks"], 2);
    // From inside the case its own case is never suggested.
    let inside = suggested(a.clone()).await;
    assert!(inside.iter().all(|s| s["case"]["id"] != made["id"]), "{inside:?}");
}

crate::both_backends!(one_click_groups_and_a_case_is_suggested_once);
