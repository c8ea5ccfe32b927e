//! The inbox: the urgency rule as a table of remarks and their expected order, paging that
//! keeps it, the filters, the promise recounted when the settings change, and who may look.

use serde_json::json;

use super::{acknowledge, capture, day_after, ids, inbox};
use crate::both_backends;
use crate::helpers::{Backend, add_topic, spawn_app};
use earshot::people::Role;

const H: i64 = 3600;

async fn the_inbox_runs_in_the_order_the_rule_gives(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    // (name, hours after T0 it came in, feeling). The promise is 48 hours.
    let table = [
        ("neutral at T0", 0, "neutral"),
        ("very frustrated at T0", 0, "very_frustrated"),
        ("delighted at T0+1h", 1, "delighted"),
        ("very frustrated at T0+2h", 2, "very_frustrated"),
        ("frustrated at T0+3h", 3, "frustrated"),
        ("pleased at T0+4h", 4, "pleased"),
    ];
    let mut by_name = std::collections::HashMap::new();
    let mut at = 0;
    for (name, hour, feeling) in table {
        app.advance((hour - at) * H);
        jan.refresh().await;
        at = hour;
        let id = capture(&jan, json!({"facts": name, "feeling": {"level": feeling}})).await;
        by_name.insert(id, name);
    }
    app.release_now();
    // 48.5 hours after T0: the two of T0 are late (the more frustrated first at equal time);
    // the rest by time left brought forward 6 h per step of frustration:
    // T0+2h very frustrated 50 − 24 = 26 h, T0+3h frustrated 51 − 18 = 33 h,
    // T0+4h pleased 52 − 6 = 46 h, T0+1h delighted 49 h.
    app.advance(48 * H + H / 2 - at * H);
    owner.refresh().await;
    let expected = [
        "very frustrated at T0",
        "neutral at T0",
        "very frustrated at T0+2h",
        "frustrated at T0+3h",
        "pleased at T0+4h",
        "delighted at T0+1h",
    ];
    let page = inbox(&owner, "").await;
    let order: Vec<&str> = ids(&page).iter().map(|id| by_name[id]).collect();
    assert_eq!(order, expected);
    let lates: Vec<bool> =
        page["items"].as_array().unwrap().iter().map(|i| i["late"].as_bool().unwrap()).collect();
    assert_eq!(lates, [true, true, false, false, false, false]);
    assert_eq!(page["now"], earshot::clock::Clock::now(&app.clock));

    // Paged two by two, the same order; the cursor keeps the instant of the first page, so a
    // clock that moves on while paging does not shuffle the parts.
    let mut paged = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let page = inbox(&owner, &query).await;
        paged.extend(ids(&page).iter().map(|id| by_name[id]));
        app.advance(H);
        owner.refresh().await;
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(paged, expected);
    for bad in ["?cursor=nonsense", "?limit=0", "?limit=101", "?state=decided", "?feeling=angry"] {
        assert_eq!(owner.get(&format!("/api/v1/desk/inbox{bad}")).await.status(), 400, "{bad}");
    }
}

async fn the_filters_narrow_the_inbox(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let topic = add_topic(&admin).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let bread =
        capture(&jan, json!({"facts": "Het brood was om tien uur al op", "place": {"kind": "shop"}})).await;
    let cake = capture(
        &jan,
        json!({"facts": "De taart was prachtig", "feeling": {"level": "delighted", "words": "wat een feest"}, "topic_id": topic["id"]}),
    )
    .await;
    let late = capture(&jan, json!({"facts": "Levering kwam niet", "place": {"kind": "party"}})).await;
    app.release_now();
    let promised = day_after(&app, 3);
    let res = acknowledge(&owner, &[&late], json!({"promised_on": promised})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());

    let only = async |q: &str| ids(&inbox(&owner, q).await);
    assert_eq!(only("?place=shop").await, std::slice::from_ref(&bread));
    assert_eq!(only("?feeling=delighted").await, std::slice::from_ref(&cake));
    assert_eq!(only(&format!("?topic={}", topic["id"].as_str().unwrap())).await, std::slice::from_ref(&cake));
    assert_eq!(only("?q=brood").await, std::slice::from_ref(&bread));
    assert_eq!(only("?q=feest").await, std::slice::from_ref(&cake), "the feeling words are searched too");
    assert_eq!(
        only("?state=waiting_for_pass_on").await,
        std::slice::from_ref(&late),
        "no address: passed on"
    );
    let mut new = only("?state=new").await;
    new.sort();
    let mut expected = vec![bread, cake];
    expected.sort();
    assert_eq!(new, expected);
    assert!(only("?state=acknowledged").await.is_empty());
}

async fn a_new_promise_moves_what_waits_for_a_first_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let waiting = capture(&jan, json!({})).await;
    let answered = capture(&jan, json!({"facts": "Tweede"})).await;
    app.release_now();
    let promised = day_after(&app, 5);
    assert_eq!(acknowledge(&owner, &[&answered], json!({"promised_on": promised})).await.status(), 200);
    let due_of = |page: &serde_json::Value, id: &str| {
        page["items"].as_array().unwrap().iter().find(|i| i["remark"]["id"] == id).unwrap()["due_at"]
            .as_i64()
            .unwrap()
    };
    let before = inbox(&owner, "").await;
    assert_eq!(due_of(&before, &waiting), crate::helpers::T0 + 48 * H);
    let res = admin
        .send(
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&json!({"name": "Bakkerij", "sender_address": "earshot@localhost", "time_zone": "Europe/Brussels",
                "promise": {"value": 1, "unit": "days"}, "languages": ["nl", "fr", "en"]})),
        )
        .await;
    assert_eq!(res.status(), 204);
    let after = inbox(&owner, "").await;
    // Came in on Monday 23 November 11:00 in Brussels: one day ends when Tuesday ends.
    assert_eq!(due_of(&after, &waiting), crate::helpers::T0 + 37 * H);
    assert_eq!(due_of(&after, &answered), due_of(&before, &answered), "the owner's own date stays");
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.unwrap();
    assert_eq!(settings["pass_on_days"], 7, "kept when not sent");
}

async fn only_owners_see_the_desk(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let id = capture(&jan, json!({})).await;
    app.release_now();
    for who in [&jan, &admin] {
        assert_eq!(who.get("/api/v1/desk/inbox").await.status(), 403);
        assert_eq!(who.get(&format!("/api/v1/desk/remarks/{id}")).await.status(), 403);
        assert_eq!(who.get(&format!("/api/v1/desk/remarks/{id}/draft")).await.status(), 403);
        let res = who
            .post("/api/v1/desk/acknowledgements", &json!({"remarks": [{"id": id, "version": 1}], "promised_on": "2026-12-01", "text": "x", "channel": "auto"}))
            .await;
        assert_eq!(res.status(), 403);
    }
    assert_eq!(app.browser().await.get("/api/v1/desk/inbox").await.status(), 401);
}

both_backends!(
    the_inbox_runs_in_the_order_the_rule_gives,
    the_filters_narrow_the_inbox,
    a_new_promise_moves_what_waits_for_a_first_answer,
    only_owners_see_the_desk,
);
