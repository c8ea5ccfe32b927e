//! "Forget me": after a confirming page, the customer's name, e-mail and phone are erased from
//! every remark behind the link (`visit::behind`), from every mail to them still waiting or
//! given up, from the texts they were sent as kept for their page, and every status token of
//! those remarks goes (the link stops working). The facts are kept, without them, for the
//! figures. Where the facts or the thread still name the customer, the page says so and the
//! owners are mailed to take it out (`triage::redact`). Then the files are made to forget as
//! well (`db::forget_deleted`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::prelude::*;

use super::visit::{Visit, asking, behind, failed, respond, said, visit};
use crate::db::schema::{
    acknowledgements, cases, help_votes, mail_outbox, remark_messages, remarks, status_tokens,
};
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::RemarkId;
use crate::remarks::Remark;
use crate::state::AppState;

/// The tables a forgetting writes: their old rows must go from the files too.
const WRITTEN: &[&str] =
    &["remarks", "status_tokens", "mail_outbox", "acknowledgements", "help_votes", "cases"];

/// Words of a name that say nothing about who it is.
const TITLES: &[&str] =
    &["mevrouw", "meneer", "mevr", "dhr", "madame", "monsieur", "mme", "mr", "mrs", "ms", "miss"];

/// What was erased: how many remarks, which details there were, and the remarks whose own
/// words still name the customer.
#[derive(Debug, Default)]
pub struct Erased {
    pub remarks: usize,
    pub name: bool,
    pub email: bool,
    pub phone: bool,
    pub still_named: Vec<RemarkId>,
}

/// The parts of `name` that could identify someone in a text: three letters or more, no title.
pub fn name_parts(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| w.chars().count() >= 3 && !TITLES.contains(&w.to_lowercase().as_str()))
        .map(str::to_owned)
        .collect()
}

/// `text` with every one of `names` (as a whole word, any case) replaced by `instead`.
fn without(text: &str, names: &[String], instead: &str) -> String {
    let same = |a: &char, b: &char| a.to_lowercase().eq(b.to_lowercase());
    names.iter().fold(text.to_owned(), |text, name| {
        let (t, n): (Vec<char>, Vec<char>) = (text.chars().collect(), name.chars().collect());
        let edge = |i: usize| t.get(i).is_none_or(|c| !c.is_alphanumeric());
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < t.len() {
            let end = i + n.len();
            if !n.is_empty()
                && end <= t.len()
                && (i == 0 || edge(i - 1))
                && edge(end)
                && t[i..end].iter().zip(&n).all(|(a, b)| same(a, b))
            {
                out.push_str(instead);
                i = end;
            } else {
                out.push(t[i]);
                i += 1;
            }
        }
        out
    })
}

fn names_in(text: &str, parts: &[String]) -> bool {
    let lowered = text.to_lowercase();
    parts.iter().any(|p| lowered.contains(&p.to_lowercase()))
}

/// Erase the customer behind `v`'s link (in one transaction).
pub fn erase(c: &mut DbConn, v: &Visit, today: &str) -> Result<Erased, AppError> {
    let all = behind(c, &v.remark)?;
    let ids: Vec<RemarkId> = all.iter().map(|r| r.id.clone()).collect();
    let mut names: Vec<String> =
        all.iter().map(|r| r.customer_name.trim().to_owned()).filter(|n| !n.is_empty()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    let addresses: Vec<String> = all.iter().filter_map(|r| r.customer_email.clone()).collect();
    let erased = Erased {
        remarks: all.len(),
        name: !names.is_empty(),
        email: !addresses.is_empty(),
        phone: all.iter().any(|r| r.customer_phone.as_deref().is_some_and(|p| !p.trim().is_empty())),
        still_named: Vec::new(),
    };
    diesel::update(remarks::table.filter(remarks::id.eq_any(&ids)))
        .set((
            remarks::customer_name.eq(""),
            remarks::customer_email.eq(None::<String>),
            remarks::customer_phone.eq(None::<String>),
            remarks::contact_consent.eq(false),
            remarks::forgotten_on.eq(today),
            remarks::version.eq(remarks::version + 1),
        ))
        .execute(c)?;
    diesel::delete(status_tokens::table.filter(status_tokens::remark_id.eq_any(&ids))).execute(c)?;
    // Mail to them: what waits goes; what was given up keeps no address and no server's words.
    super::stop::drop_waiting(c, &addresses)?;
    let lowered: Vec<String> = addresses.iter().map(|a| a.trim().to_lowercase()).collect();
    diesel::update(mail_outbox::table.filter(super::visit::lower(mail_outbox::recipient).eq_any(&lowered)))
        .set((mail_outbox::recipient.eq(""), mail_outbox::last_error.eq(None::<String>)))
        .execute(c)?;
    // The texts kept for their page and their own words on a decision: without the name.
    // Whole names first, then each part of them (the texts may say "Peeters" alone).
    let parts: Vec<String> = names.iter().flat_map(|n| name_parts(n)).collect();
    let names: Vec<String> = names.iter().cloned().chain(parts.iter().cloned()).collect();
    let instead = v.remark.customer_language.t("forgotten-name");
    let sent: Vec<(String, String, Option<String>)> = acknowledgements::table
        .filter(acknowledgements::remark_id.eq_any(&ids))
        .select((acknowledgements::id, acknowledgements::body, acknowledgements::note))
        .load(c)?;
    for (id, body, note) in sent {
        diesel::update(acknowledgements::table.find(&id))
            .set((
                acknowledgements::body.eq(without(&body, &names, &instead)),
                acknowledgements::note.eq(note.map(|n| without(&n, &names, &instead))),
            ))
            .execute(c)?;
    }
    let votes: Vec<(RemarkId, String, String)> = help_votes::table
        .filter(help_votes::remark_id.eq_any(&ids))
        .select((help_votes::remark_id, help_votes::decision_id, help_votes::comment))
        .load(c)?;
    for (remark, decision, comment) in votes {
        diesel::update(help_votes::table.find((&remark, &decision)))
            .set(help_votes::comment.eq(without(&comment, &names, &instead)))
            .execute(c)?;
    }
    // The titles of their cases (an owner may have named the case after her).
    let cases: Vec<String> = remarks::table
        .filter(remarks::id.eq_any(&ids))
        .filter(remarks::case_id.is_not_null())
        .select(remarks::case_id.assume_not_null())
        .load(c)?;
    for case in cases {
        let title: String = cases::table.find(&case).select(cases::title).first(c)?;
        let plain = without(&title, &names, &instead);
        if plain != title {
            diesel::update(cases::table.find(&case)).set(cases::title.eq(plain)).execute(c)?;
        }
    }
    let mut still_named = Vec::new();
    for r in &all {
        let thread: Vec<String> = remark_messages::table
            .filter(remark_messages::remark_id.eq(&r.id))
            .select(remark_messages::body)
            .load(c)?;
        let texts = [&r.facts, &r.feeling_words, &r.place_detail].into_iter().chain(thread.iter());
        if texts.into_iter().any(|t| names_in(t, &parts)) {
            still_named.push(r.id.clone());
        }
    }
    Ok(Erased { still_named, ..erased })
}

/// "a, b and c" in `lang`.
fn listed(lang: Lang, mut items: Vec<String>) -> String {
    let Some(last) = items.pop() else { return String::new() };
    if items.is_empty() {
        return last;
    }
    format!("{} {} {last}", items.join(", "), lang.t("forgot-and"))
}

/// What the page after says was erased.
fn told(lang: Lang, e: &Erased) -> Vec<String> {
    let mut what = Vec::new();
    for (had, key) in [(e.name, "forgot-name"), (e.email, "forgot-email"), (e.phone, "forgot-phone")] {
        if had {
            what.push(lang.t(key));
        }
    }
    let mut out = vec![
        lang.t_args("status-forgotten", &[("what", listed(lang, what).into()), ("count", e.remarks.into())]),
    ];
    out.push(lang.t("status-forgotten-kept"));
    if !e.still_named.is_empty() {
        out.push(lang.t("status-forgotten-named"));
    }
    out
}

/// The page a "forget me" link opens: what will be erased, and the button. Changes nothing.
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "The link's token")),
    responses(
        (status = 200, description = "The page that asks", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[get("/status/{token}/forget")]
pub async fn ask(req: HttpRequest, state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let texts = ["status-forget", "status-forget-after"];
    asking(&state, &req, token.into_inner(), "status-forget", &texts, "status-forget-button").await
}

/// Forget me: the customer's name, e-mail and phone erased everywhere behind the link.
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "The link's token")),
    responses(
        (status = 200, description = "Done: the page says what was erased", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[post("/status/{token}/forget")]
pub async fn forget(req: HttpRequest, state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let v = match visit(&state, &req, token.into_inner()).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let (remark, org) = (v.remark.clone(), v.org.clone());
    let now = state.clock.now();
    let today = v.org.day_text(now);
    let alerting = crate::news::alerts::Alerting::of(&state);
    let waking = alerting.clone();
    let done = state
        .db
        .run(move |conn| {
            let erased = write_transaction(conn, |c| {
                let erased = erase(c, &Visit { remark, org: org.clone() }, &today)?;
                // The owners hear where her name still stands, to take it out.
                let named: Vec<Remark> = remarks::table
                    .filter(remarks::id.eq_any(&erased.still_named))
                    .select(Remark::as_select())
                    .load(c)?;
                crate::news::alerts::still_named(c, &org, &named, &alerting, now)?;
                Ok::<_, AppError>(erased)
            })?;
            waking.wake();
            // What was there must go from the files too: not now is next hour's purge.
            if let Err(e) = crate::db::forget_deleted(conn, WRITTEN) {
                tracing::warn!(error = %e, "the files keep a forgotten customer until the next purge");
            }
            Ok::<_, AppError>(erased)
        })
        .await;
    match done {
        Ok(erased) => {
            let lang = v.remark.customer_language;
            respond(&said(&v, "status-forgotten", told(lang, &erased), None), StatusCode::OK)
        }
        Err(e) => failed(&e),
    }
}
