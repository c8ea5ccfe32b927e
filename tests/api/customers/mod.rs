//! The customer's own page (issue 24): everything they were told, "did this help?" once per
//! decision version, no more e-mails, forget me — each behind the link alone, and an unknown
//! link the same 404 everywhere, rate-limited.

mod forget;
mod page;

use serde_json::json;

use crate::both_backends;
use crate::decisions::{case_of, decided, id_of, no_action, status_path};
use crate::desk::{acknowledge, capture, day_after};
use crate::helpers::{Backend, Browser, TestApp};
use earshot::people::Role;

/// POST a form, as the page's buttons (or a mail program) do.
pub async fn post_form(app: &TestApp, path: &str, body: &str) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
        .send()
        .await
        .expect("post")
}

/// The page's HTML at `path`, with its status.
pub async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let res = app.get(path).await;
    (res.status().as_u16(), res.text().await.expect("page"))
}

/// The decision a page's "did this help?" form names.
pub fn decision_on(html: &str) -> String {
    let at = html.find("name=\"decision\" value=\"").expect("a vote form") + 23;
    html[at..].split('"').next().expect("the id").to_owned()
}

/// A remark of the French customer (`patch` merged), acknowledged, then decided "no action";
/// the ids and the status path from the decision mail.
pub struct Told {
    pub remark: String,
    pub case: String,
    pub path: String,
    pub owner: Browser,
}

pub async fn told(app: &TestApp, patch: serde_json::Value) -> Told {
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let mut remark = crate::desk::acknowledge::french();
    for (k, v) in patch.as_object().expect("object") {
        remark[k] = v.clone();
    }
    let id = capture(&jan, remark).await;
    app.release_now();
    assert_eq!(acknowledge(&owner, &[&id], json!({"promised_on": day_after(app, 5)})).await.status(), 200);
    let case = id_of(&case_of(&owner, &id).await);
    decided(
        &owner,
        &case,
        no_action("fr", "Notre four ne cuit que deux cents pains le matin; un second four coûterait trop."),
    )
    .await;
    let mails = app.smtp.as_ref().expect("smtp").wait_for(2).await;
    let decision = mails.iter().find(|m| m.text.contains("Notre four")).expect("the decision mail");
    Told { remark: id, case, path: status_path(&decision.text), owner }
}

async fn an_unknown_link_is_the_same_404_on_every_page_and_counted(backend: Backend) {
    let app = TestApp::on(backend).tweak(|s| s.status_pages_per_minute_per_ip = 7).start().await;
    let unknown = "/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    let (status, first) = page(&app, unknown).await;
    assert_eq!(status, 404);
    for path in ["help", "stop", "forget"] {
        let (status, body) = page(&app, &format!("{unknown}/{path}")).await;
        assert_eq!((status, &body), (404, &first), "GET {path}: the same page");
    }
    for path in ["help", "stop", "forget"] {
        let res = post_form(&app, &format!("{unknown}/{path}"), "helped=yes&confirm=yes").await;
        assert_eq!(res.status(), 404, "POST {path}");
        assert_eq!(res.text().await.unwrap(), first, "POST {path}: the same page");
    }
    let refused = post_form(&app, &format!("{unknown}/forget"), "confirm=yes").await;
    assert_eq!(refused.status(), 429, "the eighth from one address in a minute");
    assert!(refused.headers().contains_key("retry-after"));
}

both_backends!(an_unknown_link_is_the_same_404_on_every_page_and_counted);
