//! Who may see and do what with plans; a disabled assignee flagged and the task given to
//! another; a plan on anything but "act" refused; the decision changing under a plan.

use reqwest::Method;
use serde_json::{Value, json};

use super::{act, colleague, made, make, my_tasks, plans, task, task_ids};
use crate::both_backends;
use crate::decisions::{case_of, decided, id_of};
use crate::desk::capture;
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

async fn assignees_see_their_own_owners_all_and_a_disabled_one_is_flagged(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let piet = app.signed_in("piet@example.be", &[Role::Employee]).await;
    let lies = app.signed_in("lies@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let id = capture(&jan, json!({})).await;
    let praise = capture(&jan, json!({"customer": {"name": "Meneer Wouters"}})).await;
    app.release_now();
    let case = id_of(&case_of(&sofie, &id).await);
    let (piet_id, lies_id) = (colleague(&sofie, "piet").await, colleague(&sofie, "lies").await);

    // Only "act" has a plan; an act without one is listed for the owner.
    let other = id_of(&case_of(&sofie, &praise).await);
    decided(&sofie, &other, json!({"kind": "praise", "texts": []})).await;
    let not_act = problem(make(&sofie, &other, json!([task(&app, "Bedanken", &piet_id, 2)])).await).await;
    assert_kind(&not_act, 409, "not-act");
    act(&app, &sofie, &case, 10).await;
    assert_eq!(plans(&sofie).await["unplanned"][0]["id"], case.as_str());
    let plan = made(
        &sofie,
        &case,
        json!([task(&app, "Leverschema nakijken", &piet_id, 4), task(&app, "Chauffeur bellen", &piet_id, 4)]),
    )
    .await;
    assert!(plans(&sofie).await["unplanned"].as_array().unwrap().is_empty());
    let ids = task_ids(&plan);

    // Who may: the assignee their own; owners all; others not found or forbidden.
    assert_eq!(my_tasks(&jan).await["open"].as_array().unwrap().len(), 0);
    assert_eq!(jan.post(&format!("/api/v1/me/tasks/{}/done", ids[0]), &json!({})).await.status(), 404);
    assert_eq!(
        sofie.post(&format!("/api/v1/me/tasks/{}/done", ids[0]), &json!({})).await.status(),
        404,
        "not hers"
    );
    assert_eq!(jan.post(&format!("/api/v1/desk/tasks/{}/done", ids[0]), &json!({})).await.status(), 403);
    assert_eq!(jan.get("/api/v1/desk/plans").await.status(), 403);
    assert_eq!(jan.get("/api/v1/desk/colleagues").await.status(), 403);
    assert_eq!(app.get("/api/v1/me/tasks").await.status(), 401);
    let unknown = uuid::Uuid::new_v4();
    assert_eq!(piet.post(&format!("/api/v1/me/tasks/{unknown}/done"), &json!({})).await.status(), 404);
    assert_eq!(piet.post("/api/v1/me/tasks/not-an-id/done", &json!({})).await.status(), 404);

    // Piet is disabled: his tasks are flagged for someone else.
    let res = admin
        .send(Method::PATCH, &format!("/api/v1/people/{piet_id}"), Some(&json!({"status": "disabled"})))
        .await;
    assert_eq!(res.status(), 200);
    let summary = plans(&sofie).await["plans"][0].clone();
    assert_eq!(
        (summary["disabled_assignees"].as_i64(), summary["attention"].as_bool()),
        (Some(2), Some(true))
    );
    let view = crate::cases::case(&sofie, &case).await;
    assert_eq!(view["plan"]["tasks"][0]["assignee"]["active"], false);
    let version = view["plan"]["version"].clone();
    let to_piet = sofie
        .post(&format!("/api/v1/desk/tasks/{}", ids[0]), &json!({"version": version, "assignee": piet_id}))
        .await;
    assert_eq!(problem(to_piet).await.errors[0].pointer, "/assignee", "not to a disabled person");
    let res = sofie
        .post(&format!("/api/v1/desk/tasks/{}", ids[0]), &json!({"version": version, "assignee": lies_id}))
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let plan: Value = res.json().await.unwrap();
    assert_eq!(plan["tasks"][0]["assignee"]["name"], "lies");
    let smtp = app.smtp.as_ref().unwrap();
    let to_lies = crate::helpers::wait_until(15, || {
        smtp.messages()
            .into_iter()
            .find(|m| m.to == "lies@example.be" && m.subject.contains("Een taak voor jou"))
    });
    assert!(to_lies.await.is_some(), "the new assignee is told");
    let stale = sofie
        .post(&format!("/api/v1/desk/tasks/{}", ids[1]), &json!({"version": version, "assignee": lies_id}))
        .await;
    assert_kind(&problem(stale).await, 409, "stale");
    assert_eq!(my_tasks(&lies).await["open"][0]["id"], ids[0].as_str());

    // Removing: not the plan's only task; then the owner marks one done.
    let removed = sofie
        .post(&format!("/api/v1/desk/tasks/{}/remove", ids[1]), &json!({"version": plan["version"]}))
        .await;
    assert_eq!(removed.status(), 200);
    let plan: Value = removed.json().await.unwrap();
    assert_eq!(task_ids(&plan), [ids[0].clone()]);
    let only = sofie
        .post(&format!("/api/v1/desk/tasks/{}/remove", ids[0]), &json!({"version": plan["version"]}))
        .await;
    assert_kind(&problem(only).await, 409, "plan-needs-task");

    // The decision changes to "no action": the plan ends, its tasks leave every list.
    decided(&sofie, &case, json!({"kind": "no_action", "texts": [{"language": "nl", "outcome": crate::decisions::HONEST_NL, "change": "We hebben het nagerekend."}]})).await;
    assert!(my_tasks(&lies).await["open"].as_array().unwrap().is_empty());
    assert!(plans(&sofie).await["plans"].as_array().unwrap().is_empty());
    assert_eq!(lies.post(&format!("/api/v1/me/tasks/{}/done", ids[0]), &json!({})).await.status(), 404);
    let view = crate::cases::case(&sofie, &case).await;
    assert!(view["plan"].is_null());
    assert!(super::history_kinds(&view).iter().any(|k| k == "plan_dropped"));
}

both_backends!(assignees_see_their_own_owners_all_and_a_disabled_one_is_flagged);
