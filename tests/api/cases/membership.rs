//! Making and changing cases: every change in its own version, the history with the owner and
//! the hour, a remark in one case only, the inbox listing a case once.

use serde_json::json;

use super::{case, change, create, kinds, members, rename, sorted};
use crate::both_backends;
use crate::desk::{capture, count, ids, inbox};
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

async fn make_add_remove_merge_split(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let mut r = Vec::new();
    for _ in 0..6 {
        r.push(capture(&jan, json!({})).await);
    }
    app.release_now();
    let r: Vec<&str> = r.iter().map(String::as_str).collect();

    let a = create(&sofie, "Taarten te laat", &[r[0], r[1]]).await;
    let a_id = a["id"].as_str().unwrap().to_owned();
    assert_eq!((a["version"].as_i64(), members(&a)), (Some(1), sorted(&[r[0], r[1]])));
    assert_eq!(a["history"][0]["by"], "sofie");
    assert_eq!(a["history"][0]["at"].as_i64().unwrap() % 3600, 0, "to the hour");
    assert_eq!(a["remarks"][0]["case"]["title"], "Taarten te laat");

    let added = change(&sofie, &a_id, "add", json!({"version": 1, "remarks": [r[2]]})).await;
    assert_eq!(added.status(), 200);
    let a: serde_json::Value = added.json().await.unwrap();
    assert_eq!((a["version"].as_i64(), a["remarks"].as_array().unwrap().len()), (Some(2), 3));

    let b = create(&sofie, "Levering", &[r[3], r[4]]).await;
    let b_id = b["id"].as_str().unwrap().to_owned();
    let merged =
        change(&sofie, &a_id, "merge", json!({"version": 2, "other": {"id": b_id, "version": 1}})).await;
    assert_eq!(merged.status(), 200);
    let a: serde_json::Value = merged.json().await.unwrap();
    assert_eq!(members(&a), sorted(&[r[0], r[1], r[2], r[3], r[4]]));
    assert_eq!(kinds(&a), ["created", "added", "merged_in"]);
    assert_eq!(a["history"][2]["other"]["title"], "Levering");
    // The case merged away points to where it went, and refuses changes with that answer.
    let b = case(&sofie, &b_id).await;
    assert_eq!(b["merged_into"], a_id.as_str());
    assert!(b["remarks"].as_array().unwrap().is_empty());
    let late = change(&sofie, &b_id, "add", json!({"version": 2, "remarks": [r[5]]})).await;
    let stale = problem(late).await;
    assert_kind(&stale, 409, "stale");
    assert_eq!(stale.current.unwrap()["merged_into"], a_id.as_str());

    let split = change(
        &sofie,
        &a_id,
        "split",
        json!({"version": 3, "remarks": [r[3], r[4]], "title": "Levering, apart"}),
    )
    .await;
    assert_eq!(split.status(), 201);
    let split: serde_json::Value = split.json().await.unwrap();
    assert_eq!(members(&split["kept"]), sorted(&[r[0], r[1], r[2]]));
    assert_eq!(members(&split["split_off"]), sorted(&[r[3], r[4]]));
    assert_eq!(kinds(&split["split_off"]), ["split_from"]);
    assert_eq!(split["split_off"]["history"][0]["other"]["id"], a_id.as_str());
    let c_id = split["split_off"]["id"].as_str().unwrap().to_owned();

    let all = change(
        &sofie,
        &a_id,
        "split",
        json!({"version": 4, "remarks": [r[0], r[1], r[2]], "title": "Alles"}),
    )
    .await;
    let refused = problem(all).await;
    assert_kind(&refused, 422, "invalid-body");
    assert_eq!(refused.errors[0].pointer, "/remarks");

    let removed = change(&sofie, &a_id, "remove", json!({"version": 4, "remarks": [r[2]]})).await;
    assert_eq!(removed.status(), 200);
    let a: serde_json::Value = removed.json().await.unwrap();
    assert_eq!(members(&a), sorted(&[r[0], r[1]]));
    assert!(kinds(&a).ends_with(&["removed".to_owned()]), "{:?}", kinds(&a));

    let renamed = rename(&sofie, &a_id, json!({"version": 5, "title": "Taarten: een uur te laat"})).await;
    assert_eq!(renamed.status(), 200);
    let a: serde_json::Value = renamed.json().await.unwrap();
    assert_eq!((a["title"].as_str(), a["version"].as_i64()), (Some("Taarten: een uur te laat"), Some(6)));

    // The last remarks out: the case is gone, and the one merged into it with it.
    let emptied = change(&sofie, &c_id, "remove", json!({"version": 1, "remarks": [r[3], r[4]]})).await;
    assert_eq!(emptied.status(), 204);
    assert_eq!(sofie.get(&format!("/api/v1/desk/cases/{c_id}")).await.status(), 404);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM remarks WHERE case_id IS NOT NULL"), 2);
}

async fn the_inbox_lists_a_case_once_where_its_most_urgent_promise_is(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let calm = capture(&jan, json!({"feeling": {"level": "pleased"}})).await;
    let angry = capture(&jan, json!({"feeling": {"level": "very_frustrated"}})).await;
    let alone = capture(&jan, json!({"feeling": {"level": "frustrated"}})).await;
    app.release_now();
    let before = ids(&inbox(&sofie, "").await);
    assert_eq!(before, [angry.clone(), alone.clone(), calm.clone()]);

    let made = create(&sofie, "Taarten", &[&calm, &angry]).await;
    let page = inbox(&sofie, "").await;
    assert_eq!(ids(&page), [angry.clone(), alone.clone()], "the case once, by its most urgent remark");
    assert_eq!(page["items"][0]["case"]["id"], made["id"]);
    assert_eq!(page["items"][0]["case"]["remarks"], 2);
    assert!(page["items"][1].get("case").is_none());
    assert_eq!(made["due_at"], page["items"][0]["due_at"]);

    // A filter finds remarks: each one, saying which case it is in.
    let pleased = inbox(&sofie, "?feeling=pleased").await;
    assert_eq!(ids(&pleased), std::slice::from_ref(&calm));
    assert_eq!(pleased["items"][0]["case"]["title"], "Taarten");

    // Answering the lead moves its promise on: the other remark now stands for the case.
    let res =
        crate::desk::acknowledge(&sofie, &[&angry], json!({"promised_on": crate::desk::day_after(&app, 30)}))
            .await;
    assert_eq!(res.status(), 200);
    assert_eq!(ids(&inbox(&sofie, "").await), [alone.clone(), calm.clone()]);
}

async fn a_remark_is_in_one_case_only_even_under_two_owners(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let tom = app.signed_in("tom@example.be", &[Role::Owner]).await;
    let (x, y, z) =
        (capture(&jan, json!({})).await, capture(&jan, json!({})).await, capture(&jan, json!({})).await);
    app.release_now();
    let a = create(&sofie, "A", &[&x]).await;
    let again = sofie.post("/api/v1/desk/cases", &json!({"title": "B", "remarks": [x]})).await;
    assert_kind(&problem(again).await, 409, "in-another-case");
    let a_id = a["id"].as_str().unwrap();
    let b = create(&tom, "B", &[&y]).await;
    let b_id = b["id"].as_str().unwrap();

    // Two owners put the same remark in two cases at the same moment: one wins.
    let (one, two) = tokio::join!(
        change(&sofie, a_id, "add", json!({"version": 1, "remarks": [z]})),
        change(&tom, b_id, "add", json!({"version": 1, "remarks": [z]}))
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) AS n FROM remarks WHERE id = '{z}' AND case_id IS NOT NULL")),
        1
    );
    let lost = problem(if one.status() == 409 { one } else { two }).await;
    assert_kind(&lost, 409, "in-another-case");

    // Two owners change one case from the same version: one wins, the other sees it now.
    let a = case(&sofie, a_id).await;
    let v = a["version"].as_i64().unwrap();
    let (one, two) = tokio::join!(
        rename(&sofie, a_id, json!({"version": v, "title": "Sofie's"})),
        rename(&tom, a_id, json!({"version": v, "title": "Tom's"}))
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let lost = problem(if one.status() == 409 { one } else { two }).await;
    assert_kind(&lost, 409, "stale");
    assert_eq!(lost.current.unwrap()["version"], v + 1);
    // Merging both ways at once: one case survives, holding all three remarks.
    let (a, b) = (case(&sofie, a_id).await, case(&tom, b_id).await);
    let (va, vb) = (a["version"].clone(), b["version"].clone());
    let (one, two) = tokio::join!(
        change(&sofie, a_id, "merge", json!({"version": va, "other": {"id": b_id, "version": vb}})),
        change(&tom, b_id, "merge", json!({"version": vb, "other": {"id": a_id, "version": va}}))
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM cases WHERE merged_into IS NULL"), 1);
    assert_eq!(count(&app, "SELECT COUNT(DISTINCT case_id) AS n FROM remarks WHERE case_id IS NOT NULL"), 1);
}

async fn wrong_changes_are_refused_clearly(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let x = capture(&jan, json!({})).await;
    app.release_now();
    let bad = sofie.post("/api/v1/desk/cases", &json!({"title": "Twee\nregels", "remarks": [x, x]})).await;
    let bad = problem(bad).await;
    assert_kind(&bad, 422, "invalid-body");
    let pointers: Vec<&str> = bad.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/title", "/remarks"]);
    let unknown = uuid::Uuid::new_v4().to_string();
    let missing = sofie.post("/api/v1/desk/cases", &json!({"title": "X", "remarks": [unknown]})).await;
    assert_eq!(missing.status(), 404);
    let topic =
        sofie.post("/api/v1/desk/cases", &json!({"title": "X", "remarks": [x], "topic_id": unknown})).await;
    assert_kind(&problem(topic).await, 422, "invalid-body");
    let a = create(&sofie, "A", &[&x]).await;
    let a_id = a["id"].as_str().unwrap();
    let itself =
        change(&sofie, a_id, "merge", json!({"version": 1, "other": {"id": a_id, "version": 1}})).await;
    assert_kind(&problem(itself).await, 422, "invalid-body");
    let not_there = change(&sofie, &unknown, "add", json!({"version": 1, "remarks": [x]})).await;
    assert_eq!(not_there.status(), 404);
    // A remark not in the case cannot be taken out of it.
    let y = capture(&jan, json!({})).await;
    app.release_now();
    let out = change(&sofie, a_id, "remove", json!({"version": 1, "remarks": [y]})).await;
    assert_kind(&problem(out).await, 409, "stale");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM case_events"), 1, "a refused change leaves no history");
}

async fn only_owners_see_or_change_cases(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let admin = app.signed_in("ann@example.be", &[Role::Admin]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let x = capture(&jan, json!({})).await;
    app.release_now();
    let a = create(&sofie, "A", &[&x]).await;
    let a_id = a["id"].as_str().unwrap();
    for who in [&jan, &admin] {
        assert_eq!(who.get(&format!("/api/v1/desk/cases/{a_id}")).await.status(), 403);
        assert_eq!(who.get(&format!("/api/v1/desk/remarks/{x}/suggestions")).await.status(), 403);
        assert_eq!(change(who, a_id, "remove", json!({"version": 1, "remarks": [x]})).await.status(), 403);
        assert_eq!(
            who.post("/api/v1/desk/cases", &json!({"title": "B", "remarks": [x]})).await.status(),
            403
        );
    }
    assert_eq!(case(&sofie, a_id).await["version"], 1, "nothing changed");
}

both_backends!(
    make_add_remove_merge_split,
    the_inbox_lists_a_case_once_where_its_most_urgent_promise_is,
    a_remark_is_in_one_case_only_even_under_two_owners,
    wrong_changes_are_refused_clearly,
    only_owners_see_or_change_cases,
);
