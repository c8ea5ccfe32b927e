//! A plan's life with the moved clock: tasks mailed to their assignee; a late task, then a
//! late plan, flagged on the desk; the date moved with an apology first; the last task done
//! and one "done" mail per customer address; the status page and the history say so.

use serde_json::{Value, json};

use super::{act, colleague, history_kinds, made, make, my_tasks, plan_id, plans, task, task_ids};
use crate::both_backends;
use crate::decisions::{id_of, status_path};
use crate::desk::{capture, count, day_after};
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

async fn a_plan_slips_is_moved_and_every_customer_hears_it_is_done(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let piet = app.signed_in("piet@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let an = json!({"customer": {"name": "An Peeters", "email": "an@example.be", "consent": true}, "feeling": {"words": "ik was woedend"}});
    let first = capture(&jan, an.clone()).await;
    let second = capture(&jan, an).await;
    let john = capture(&jan, json!({"customer": {"name": "John Smith", "email": "john@example.com", "consent": true, "language": "en"},
        "facts": "The bread was gone by ten on Saturday.", "feeling": {"words": "really annoyed"}})).await;
    let quiet = capture(&jan, json!({"customer": {"name": "Meneer Wouters"}})).await;
    app.release_now();
    let case =
        id_of(&crate::cases::create(&sofie, "Brood op om tien uur", &[&first, &second, &john, &quiet]).await);
    act(&app, &sofie, &case, 10).await;
    let smtp = app.smtp.as_ref().unwrap();
    assert_eq!(smtp.wait_for(2).await.len(), 2, "the decision: one mail per address");

    // What a plan refuses, each at its field.
    let piet_id = colleague(&sofie, "piet").await;
    let empty = problem(make(&sofie, &case, json!([])).await).await;
    assert_eq!((empty.status, empty.errors[0].pointer.as_str()), (422, "/tasks"));
    let bad = make(
        &sofie,
        &case,
        json!([
            {"description": "  ", "assignee": piet_id, "due_on": day_after(&app, 3)},
            {"description": "Deeg\u{0}", "assignee": "nobody", "due_on": "2026-2-30"}
        ]),
    )
    .await;
    let bad = problem(bad).await;
    let pointers: Vec<&str> = bad.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/tasks/0/description", "/tasks/1/description", "/tasks/1/assignee", "/tasks/1/due_on"]
    );
    let unknown = uuid::Uuid::new_v4().to_string();
    let late = make(
        &sofie,
        &case,
        json!([task(&app, "Deeg bestellen", &unknown, 3), task(&app, "Oven", &piet_id, 11)]),
    )
    .await;
    let late = problem(late).await;
    assert_eq!(late.errors[0].pointer, "/tasks/0/assignee");
    assert!(late.errors[1].detail.contains("na de datum van het plan"), "{late:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM plans"), 0, "refused: nothing stored");

    let plan = made(
        &sofie,
        &case,
        json!([
            task(&app, "Meer bloem bestellen voor zaterdag", &piet_id, 3),
            task(&app, "Tweede bakbeurt om negen uur inplannen", &piet_id, 5)
        ]),
    )
    .await;
    assert_eq!(plan["due_on"], day_after(&app, 10));
    assert_eq!(plan["by"], "sofie");
    let again = problem(make(&sofie, &case, json!([task(&app, "Nog iets", &piet_id, 2)])).await).await;
    assert_kind(&again, 409, "plan-exists");
    let mails = smtp.wait_for(4).await;
    let to_piet: Vec<_> = mails.iter().filter(|m| m.to == "piet@example.be").collect();
    assert_eq!(to_piet.len(), 2, "one mail per task");
    assert!(to_piet[0].subject.contains("Een taak voor jou: Brood op om tien uur"), "{}", to_piet[0].subject);
    assert!(to_piet.iter().any(|m| m.text.contains("Meer bloem bestellen")), "the task in the mail");

    let mine = my_tasks(&piet).await;
    assert_eq!(mine["open"].as_array().unwrap().len(), 2);
    assert_eq!(mine["open"][0]["description"], "Meer bloem bestellen voor zaterdag");
    assert_eq!(mine["open"][0]["case_title"], "Brood op om tien uur");
    assert!(mine["open"][0]["outcome"].as_str().unwrap().starts_with("Vanaf januari"));

    // Four days on, the first task is late.
    app.advance(4 * 86_400);
    sofie.refresh().await;
    piet.refresh().await;
    let desk = plans(&sofie).await;
    let summary = &desk["plans"][0];
    assert_eq!((summary["late"].as_bool(), summary["late_tasks"].as_i64()), (Some(false), Some(1)));
    assert_eq!(summary["attention"], true);
    let ids = task_ids(&plan);
    let done = piet.post(&format!("/api/v1/me/tasks/{}/done", ids[0]), &json!({})).await;
    assert_eq!(done.status(), 200);
    let done: Value = done.json().await.unwrap();
    assert!(done["done_at"].as_i64().is_some() && done["late"] == false, "{done}");
    let twice: Value =
        piet.post(&format!("/api/v1/me/tasks/{}/done", ids[0]), &json!({})).await.json().await.unwrap();
    assert_eq!(twice["done_at"], done["done_at"], "done twice is done once");
    let events = "SELECT COUNT(*) AS n FROM case_events WHERE kind = 'task_done'";
    assert_eq!(count(&app, events), 1);

    // The plan's date passes: late, and the owner is led to a new date.
    app.advance(7 * 86_400);
    sofie.refresh().await;
    piet.refresh().await;
    let desk = plans(&sofie).await;
    assert_eq!(desk["plans"][0]["late"], true);
    let plan_id = plan_id(&plan);
    let draft: Value =
        sofie.get(&format!("/api/v1/desk/plans/{plan_id}/move/draft")).await.json().await.unwrap();
    assert_eq!(draft["languages"], json!(["nl", "en"]));
    let texts = json!(draft["texts"]);
    let current: Value = crate::cases::case(&sofie, &case).await["plan"].clone();
    let moved = |day: String| json!({"version": current["version"], "due_on": day, "texts": texts});
    let past = sofie.post(&format!("/api/v1/desk/plans/{plan_id}/move"), &moved(day_after(&app, 0))).await;
    assert_eq!(problem(past).await.errors[0].pointer, "/due_on");
    let preview: Value = sofie
        .post(&format!("/api/v1/desk/plans/{plan_id}/move/preview"), &moved(day_after(&app, 7)))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(preview["ready"], true, "{preview}");
    assert_eq!(preview["mails"].as_array().unwrap().len(), 3, "two addresses and a pass-on");
    assert_eq!(smtp.messages().len(), 4, "a preview sends nothing");
    let res = sofie.post(&format!("/api/v1/desk/plans/{plan_id}/move"), &moved(day_after(&app, 7))).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let view = crate::cases::case(&sofie, &case).await;
    assert_eq!(
        view["decision"]["hear_again_on"],
        day_after(&app, 7),
        "whoever joins later hears the new date"
    );
    assert_eq!(view["plan"]["promised_on"], day_after(&app, 7));
    let mails = smtp.wait_for(6).await;
    let to_an = mails.iter().rev().find(|m| m.to == "an@example.be").unwrap();
    assert!(to_an.subject.contains("nieuwe datum"), "{}", to_an.subject);
    let text = &to_an.text;
    let (sorry, words) =
        (text.find("Het spijt ons").expect("sorry"), text.find("ik was woedend").expect("her words"));
    assert!(sorry < words, "the apology first: {text}");
    assert!(text.contains("duurt langer dan we hadden gepland"), "{text}");
    let to_john = mails.iter().rev().find(|m| m.to == "john@example.com").unwrap();
    assert!(
        to_john.text.contains("We are sorry") && to_john.text.contains("From January"),
        "{}",
        to_john.text
    );

    // The last task done: the plan is done, each address hears it once.
    piet.refresh().await;
    let last = piet.post(&format!("/api/v1/me/tasks/{}/done", ids[1]), &json!({})).await;
    assert_eq!(last.status(), 200);
    let mails = smtp.wait_for(8).await;
    let done_mails: Vec<_> =
        mails.iter().filter(|m| m.subject.contains("gedaan") || m.subject.contains("done")).collect();
    let mut to: Vec<&str> = done_mails.iter().map(|m| m.to.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to, ["an@example.be", "john@example.com"], "one done mail per address");
    let an_done = done_mails.iter().find(|m| m.to == "an@example.be").unwrap();
    assert!(
        an_done.text.contains("Dat is nu gebeurd") && an_done.text.contains("Vanaf januari"),
        "{}",
        an_done.text
    );
    assert!(!an_done.text.contains("Het spijt ons"), "done within the moved date: no apology");
    let page = app.get(&status_path(&an_done.text)).await.text().await.unwrap();
    assert!(page.contains("Het is gedaan"), "the status page says so");
    // The customers' answers are the owner's: the assignee is named on the task only.
    let by_piet = format!(
        "SELECT COUNT(*) AS n FROM acknowledgements WHERE news = 'done' AND owner_id = '{}'",
        colleague(&sofie, "piet").await
    );
    assert_eq!(count(&app, &by_piet), 0);
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM acknowledgements WHERE news = 'done'"),
        4,
        "every remark, the pass-on too"
    );
    jan.refresh().await;
    let mine: Value = jan.get("/api/v1/my-remarks").await.json().await.unwrap();
    let item = mine["items"].as_array().unwrap().iter().find(|i| i["id"] == quiet.as_str()).expect("mine");
    assert!(item["pass_on"]["text"].as_str().unwrap().contains("Dat is nu gebeurd"), "{item}");

    let view = crate::cases::case(&sofie, &case).await;
    assert!(view["plan"]["done_at"].as_i64().is_some());
    let kinds = history_kinds(&view);
    for kind in ["plan_made", "task_added", "task_done", "plan_moved", "plan_done"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
    let task_done = view["history"].as_array().unwrap().iter().find(|e| e["kind"] == "task_done").unwrap();
    assert_eq!(task_done["by"], "piet");
    assert_eq!(task_done["at"].as_i64().unwrap() % 3600, 0, "to the hour");
    let after = piet.post(&format!("/api/v1/me/tasks/{}/done", ids[1]), &json!({})).await;
    assert_eq!(after.status(), 200, "done again: as it is");
    assert_eq!(smtp.messages().len(), 8, "and nothing sent again");
    assert!(plans(&sofie).await["plans"].as_array().unwrap().is_empty(), "a done plan leaves the list");
    assert_eq!(my_tasks(&piet).await["done"].as_array().unwrap().len(), 2);
}

both_backends!(a_plan_slips_is_moved_and_every_customer_hears_it_is_done);
