//! The customer's status page (`/status/{token}`): server-rendered HTML in the customer's
//! language, no script, one small inline stylesheet allowed by its hash, a strict CSP, at most
//! 14 KB. An unknown token is the same 404 in the same time: both paths run the same lookups
//! (the unknown one for a remark that cannot exist) and render the same template.
//! Rate-limited per client address.

use std::sync::LazyLock;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::RemarkId;
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::state::AppState;
use crate::triage::draft::long_date;

use super::story::{Standing, Story};

/// The style of our own pages (this one, the unsubscribe and one-touch pages).
pub(crate) const CSS: &str = "body{margin:0;background:#f4f6f6;color:#1b1f23;font:1rem/1.5 system-ui,sans-serif}\
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem}\
h1{font-size:1.4rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .25rem}\
.org{color:#1f5f5b;font-weight:600;margin:0}.day{color:#4a5560;margin:0;font-size:.9rem}\
blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:4px solid #1f5f5b;background:#fff}\
.promise{margin-top:1.5rem;padding:.75rem 1rem;background:#fff;border-radius:6px;font-weight:600}\
button{font:inherit;font-weight:600;color:#fff;background:#1f5f5b;border:2px solid #1f5f5b;border-radius:6px;padding:.75rem 1.25rem;min-height:44px;margin:0 .5rem .5rem 0}\
button.quiet{background:#fff;color:#1f5f5b}a{color:#1f5f5b}\
.box{margin-top:1.5rem;padding:.75rem 1rem;background:#fff;border-radius:6px}.box h2{margin-top:0}\
textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #6b757d;border-radius:6px}";

pub(crate) static CSP: LazyLock<String> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(CSS.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
});

struct Told {
    heading: String,
    day: String,
    paragraphs: Vec<String>,
}

/// "Did this help?": the question with its two buttons, or what they answered.
struct Vote {
    question: String,
    decision: String,
    comment: String,
    yes: String,
    no: String,
    said: Option<String>,
}

/// Mail from us: the button that stops it, or that it was stopped.
struct Mailing {
    text: String,
    button: Option<String>,
}

struct Shown {
    told: String,
    heard: String,
    facts: Vec<String>,
    answers: Vec<Told>,
    progress: Option<String>,
    promise: String,
    vote: Option<Vote>,
    mailing: Option<Mailing>,
    forget: String,
    forget_link: String,
}

#[derive(Template)]
#[template(path = "status.html")]
struct Page<'a> {
    lang: &'a str,
    css: &'a str,
    organisation: &'a str,
    title: String,
    /// Where the page's forms post: the link's own token.
    token: &'a str,
    remark: Option<Shown>,
    message: String,
}

pub(crate) fn day_text(lang: Lang, day: &str) -> String {
    crate::web::validate::exact_day(day).map_or_else(|| day.to_owned(), |d| long_date(lang, d))
}

/// A remark of the usual size that no token opens, and its answer: an unknown token renders
/// its page too (and throws it away), so both answers cost the same.
static DECOY: LazyLock<(Remark, super::story::Answer)> = LazyLock::new(|| {
    let words = "De taarten voor het communiefeest waren een uur te laat geleverd, en niemand belde. ";
    let remark = Remark {
        feeling_words: words.into(),
        heard_on: "2026-01-01".into(),
        customer_email: Some("-".into()),
        contact_consent: true,
        status: crate::remarks::RemarkState::Acknowledged,
        ..Remark::of_customer("-", Lang::Nl, &words.repeat(2), crate::remarks::Feeling::Neutral)
    };
    let answer = ("2026-01-02".into(), "2026-01-09".into(), [words; 4].join("\n\n"), false, None);
    (remark, answer)
});

fn answer_shown(lang: Lang, (day, _, body, decided, news): &super::story::Answer) -> Told {
    let heading = lang.t(match (news.as_deref(), decided) {
        (Some("done"), _) => "status-done",
        (Some(_), _) => "status-moved",
        (None, true) => "status-decision",
        (None, false) => "status-answer",
    });
    Told {
        heading,
        day: lang.t_args("status-answered", &[("day", day_text(lang, day).into())]),
        paragraphs: body.split("\n\n").map(str::to_owned).collect(),
    }
}

fn vote_shown(lang: Lang, standing: &Standing) -> Vote {
    Vote {
        question: lang.t("status-help-question"),
        decision: standing.decision.as_str().to_owned(),
        comment: lang.t("status-help-comment"),
        yes: lang.t("status-help-yes"),
        no: lang.t("status-help-no"),
        said: standing
            .voted
            .map(|helped| lang.t(if helped { "status-help-said-yes" } else { "status-help-said-no" })),
    }
}

fn mailing_shown(lang: Lang, r: &Remark) -> Option<Mailing> {
    r.customer_email.as_ref()?;
    Some(if r.contact_consent {
        Mailing { text: lang.t("status-stop-offer"), button: Some(lang.t("status-stop-button")) }
    } else {
        Mailing { text: lang.t("status-stopped"), button: None }
    })
}

fn shown(story: &Story, org: &Organisation) -> Shown {
    let r = &story.remark;
    let lang = r.customer_language;
    let mut facts = vec![r.facts.clone()];
    facts.extend(Some(r.feeling_words.trim().to_owned()).filter(|w| !w.is_empty()));
    let latest = story.answers.last();
    let promised =
        latest.map_or_else(|| org.day_text(r.due_at - 1), |(_, promised_on, ..)| promised_on.clone());
    let decided = latest.is_some_and(|a| a.3);
    let promise_key = match (latest.is_some(), decided, promised.is_empty()) {
        (false, _, _) => "status-waiting",
        (true, false, _) => "status-promised",
        (true, true, false) => "status-again",
        (true, true, true) => "status-final",
    };
    Shown {
        told: lang.t("status-told"),
        heard: lang.t_args("status-heard", &[("day", day_text(lang, &r.heard_on).into())]),
        facts,
        answers: story.answers.iter().map(|a| answer_shown(lang, a)).collect(),
        progress: story.progress.as_ref().map(|(done, all, due_on)| {
            let date = ("date", day_text(lang, due_on).into());
            if *all == 0 {
                lang.t_args("status-plan-started", &[date])
            } else {
                lang.t_args("status-plan", &[("done", (*done).into()), ("tasks", (*all).into()), date])
            }
        }),
        promise: lang.t_args(promise_key, &[("date", day_text(lang, &promised).into())]),
        vote: story.standing.as_ref().map(|s| vote_shown(lang, s)),
        mailing: mailing_shown(lang, r),
        forget: lang.t("status-forget-offer"),
        forget_link: lang.t("status-forget-link"),
    }
}

fn page_of(lang: Lang, org: &Organisation, token: &str, remark: Option<Shown>) -> Result<String, AppError> {
    let title = match &remark {
        Some(_) => lang.t_args("status-title", &[("org", org.name.clone().into())]),
        None => lang.t("status-unknown-title"),
    };
    let page = Page {
        lang: lang.code(),
        css: CSS,
        organisation: &org.name,
        title,
        token,
        remark,
        message: lang.t("status-unknown"),
    };
    page.render().map_err(|e| AppError::internal("status page", e))
}

/// The page every unknown link gets, whatever was asked of it.
pub(crate) fn unknown_page(lang: Lang, org: &Organisation) -> Result<String, AppError> {
    page_of(lang, org, "", None)
}

/// The page for `token`, or the 404 page, after the same work either way.
fn render(
    conn: &mut crate::db::DbConn,
    token: &str,
    asked_in: Lang,
) -> Result<(StatusCode, String), AppError> {
    let found = super::token::remark_of(conn, token)?;
    // Unknown: the same reads, for an id no remark has.
    let id = found.clone().unwrap_or_else(RemarkId::new);
    let remark = crate::remarks::find(conn, &id)?.filter(|_| found.is_some());
    let (decoy, decoy_answer) = &*DECOY;
    let known = remark.is_some();
    let mut story = super::story::read(conn, remark.unwrap_or_else(|| Remark { id, ..decoy.clone() }))?;
    let org = crate::organisation::load(conn)?;
    if !known {
        story.answers = vec![decoy_answer.clone()];
    }
    let full = page_of(story.remark.customer_language, &org, token, Some(shown(&story, &org)))?;
    if known {
        return Ok((StatusCode::OK, full));
    }
    drop(full);
    Ok((StatusCode::NOT_FOUND, unknown_page(asked_in, &org)?))
}

/// An HTML page of ours: the strict CSP, never cached, never re-rendered as a problem.
pub(crate) fn html(status: StatusCode, body: String) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, CSP.as_str()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body);
    // Our own page, also as a 404: not to be re-rendered as a problem document.
    res.extensions_mut().insert(crate::error::OwnPage);
    res
}

/// The language an unknown link's page is in: what the browser asks for.
pub(crate) fn asked_in(req: &HttpRequest) -> Lang {
    crate::i18n::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// Counted against this address's limit; over it, the small page that says to wait.
pub(crate) fn limited(state: &AppState, req: &HttpRequest) -> Result<(), HttpResponse> {
    let Err(AppError::TooManyRequests { retry_after_secs }) = state.limits.check_status_page(req) else {
        return Ok(());
    };
    let lang = asked_in(req);
    let mut res = html(
        StatusCode::TOO_MANY_REQUESTS,
        format!(
            "<!doctype html><html lang=\"{}\"><title>429</title><p>{}</p></html>",
            lang.code(),
            lang.t("status-too-many")
        ),
    );
    if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Err(res)
}

async fn page(req: HttpRequest, state: web::Data<AppState>, token: String) -> HttpResponse {
    if let Err(res) = limited(&state, &req) {
        return res;
    }
    let lang = asked_in(&req);
    match state.db.run(move |conn| render(conn, &token, lang)).await {
        Ok((status, body)) => html(status, body),
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// What became of what a customer told us: their private page.
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$",
        description = "The link's token, as the mail gave it (URL-safe base64)")),
    responses(
        (status = 200, description = "The page", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[get("/status/{token}")]
pub async fn status_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> HttpResponse {
    page(req, state, token.into_inner()).await
}

/// "Did this help?", as a mail's link asks it: the same page, which holds the question. A GET
/// records nothing; only the page's buttons do (`vote`).
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$",
        description = "The link's token, as the mail gave it (URL-safe base64)")),
    responses(
        (status = 200, description = "The page", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[get("/status/{token}/help")]
pub async fn help_page(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> HttpResponse {
    page(req, state, token.into_inner()).await
}
