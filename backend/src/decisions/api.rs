//! The decision endpoints (feedback owners; docs/decisions.md): a case of one for a lone
//! remark, the editor's draft, the preview of every customer's mail, and the decision itself
//! (a first decision or a change), in one write transaction that tells every customer.

use actix_web::{HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::audience::{self, Heard, Telling};
use super::compose::Told;
use super::request::{self, Checked, DecisionRequest};
use super::tell::{self, Ctx, Hearing};
use super::{Decision, DecisionKind, DecisionWords, ENDED_CHANGED, canned};
use crate::auth::Owner;
use crate::cases::history::{self, Event, EventKind};
use crate::cases::{CaseView, store};
use crate::db::schema::decisions;
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{CaseId, DecisionId, RemarkId};
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::state::AppState;
use crate::triage::acknowledge::Reached;
use crate::web::ApiJson;
use diesel::prelude::*;

fn case_id(path: &str) -> Result<CaseId, AppError> {
    CaseId::parse(path).ok_or(AppError::NotFound)
}

/// A lone remark becomes a case of one, titled by its facts; a remark in a case gives it.
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions",
    responses((status = 201, body = CaseView), (status = 200, description = "the case it is in", body = CaseView),
        (status = 404, body = crate::error::Problem)))]
#[post("/desk/remarks/{id}/case")]
pub async fn case_of_remark(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let by = owner.person.id.clone();
    let (made, view) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                let remark = crate::remarks::find(c, &id)?.ok_or(AppError::NotFound)?;
                let in_case: Option<CaseId> = crate::db::schema::remarks::table
                    .find(&id)
                    .select(crate::db::schema::remarks::case_id)
                    .first(c)?;
                if let Some(case) = in_case {
                    return Ok((false, crate::cases::view(c, &case, now, &org)?));
                }
                let case = store::create(c, &title_of(&remark.facts), remark.topic_id.as_ref(), now)?;
                store::join(c, &case.id, std::slice::from_ref(&id))?;
                store::relead(c, &case.id)?;
                let event = Event { kind: EventKind::Created, by: &by, now, remarks: 1, other: None };
                history::record(c, &case.id, &event)?;
                Ok((true, crate::cases::view(c, &case.id, now, &org)?))
            })
        })
        .await?;
    Ok(if made { HttpResponse::Created().json(view) } else { HttpResponse::Ok().json(view) })
}

/// A title from a remark's facts: its first line, control characters out, at most the length
/// a title may have (cut at a word).
pub fn title_of(facts: &str) -> String {
    let line: String = facts.split_whitespace().collect::<Vec<_>>().join(" ");
    let line: String = line.chars().filter(|c| !c.is_control()).collect();
    if line.chars().count() <= crate::cases::TITLE_MAX {
        return if line.is_empty() { "—".to_owned() } else { line };
    }
    let cut: String = line.chars().take(crate::cases::TITLE_MAX - 1).collect();
    let at_word = cut.rfind(' ').filter(|i| *i > 40).map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DraftCustomer {
    pub remark_id: RemarkId,
    pub name: String,
    pub language: Lang,
    /// The line they read first, from their own remark (the server writes it).
    pub feeling_line: String,
    /// Their promise has passed: the apology opens their mail.
    pub late: bool,
    /// The noted feeling words read as another language than theirs.
    pub words_other_language: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DraftWords {
    #[serde(flatten)]
    pub words: DecisionWords,
    /// How many of the case's customers (by name) read this language.
    pub customers: usize,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionDraft {
    /// The case is decided: this is a change, and each text needs its `change`.
    pub changing: bool,
    pub earliest: String,
    pub latest: String,
    /// A default day for `hear_again_on` (four weeks from today).
    pub hear_again_on: String,
    /// The languages its customers speak, Dutch first.
    pub languages: Vec<Lang>,
    /// One per language, prefilled (the current decision's words when changing).
    pub texts: Vec<DraftWords>,
    pub customers: Vec<DraftCustomer>,
}

/// What the decision editor starts from (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions",
    responses((status = 200, body = DecisionDraft), (status = 404, body = crate::error::Problem)))]
#[get("/desk/cases/{id}/decision/draft")]
pub async fn draft(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let now = state.clock.now();
    let draft = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let view = crate::cases::view(c, &id, now, &org)?;
                let current = super::current(c, &id)?;
                let members = crate::cases::members(c, &id)?;
                let today = org.day_of(now);
                let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
                let given = current.as_ref().map(Decision::words).unwrap_or_default();
                let texts = view
                    .languages
                    .iter()
                    .map(|l| {
                        let mut w = given.iter().find(|w| w.language == *l).cloned().unwrap_or_default();
                        w.language = *l;
                        w.change = String::new();
                        let mut names: Vec<String> = members
                            .iter()
                            .filter(|r| r.customer_language == *l)
                            .map(|r| r.customer_name.to_lowercase())
                            .collect();
                        names.sort();
                        names.dedup();
                        DraftWords { words: w, customers: names.len() }
                    })
                    .collect();
                Ok::<_, AppError>(DecisionDraft {
                    changing: current.is_some(),
                    earliest: day(today + chrono::Days::new(1)),
                    latest: day(today + chrono::Days::new(request::MAX_DAYS_AHEAD.unsigned_abs())),
                    hear_again_on: day(today + chrono::Days::new(28)),
                    languages: view.languages,
                    texts,
                    customers: members
                        .iter()
                        .map(|r| DraftCustomer {
                            remark_id: r.id.clone(),
                            name: r.customer_name.clone(),
                            language: r.customer_language,
                            feeling_line: crate::triage::draft::feeling_text(r),
                            late: r.undecided && r.due_at <= now,
                            words_other_language: crate::triage::draft::words_other_language(r),
                        })
                        .collect(),
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(draft))
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Warning {
    /// `canned`, `short`, `other_language` or `words_other_language`.
    pub code: String,
    /// The canned phrase found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrase: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PreviewMail {
    /// The remarks it answers.
    pub remarks: Vec<RemarkId>,
    pub name: String,
    /// The customer's language: the frame is in it.
    pub language: Lang,
    /// The language of the owner's words in it.
    pub text_language: Option<Lang>,
    /// `mail`, `call` or `pass_on`.
    pub channel: Reached,
    pub late: bool,
    pub subject: String,
    pub text: String,
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Issue {
    pub pointer: String,
    pub hint: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Preview {
    /// Nothing would be refused.
    pub ready: bool,
    /// What deciding would refuse (422), by field.
    pub issues: Vec<Issue>,
    /// Each customer's message, exactly as it would go.
    pub mails: Vec<PreviewMail>,
}

impl Preview {
    /// The preview of these messages, with what sending would refuse.
    pub fn of(issues: Vec<crate::error::FieldIssue>, mails: Vec<PreviewMail>) -> Self {
        let issues: Vec<Issue> = issues
            .into_iter()
            .map(|i| Issue { pointer: i.pointer, hint: i.hint.map(str::to_owned) })
            .collect();
        Self { ready: issues.is_empty(), issues, mails }
    }
}

/// Everything a decision needs from the case, read in the transaction that uses it.
struct Scene {
    members: Vec<Remark>,
    languages: Vec<Lang>,
    current: Option<Decision>,
}

fn scene(c: &mut DbConn, id: &CaseId) -> Result<Scene, AppError> {
    crate::cases::find(c, id)?.filter(|case| case.merged_into.is_none()).ok_or(AppError::NotFound)?;
    let members = crate::cases::members(c, id)?;
    let mut languages: Vec<Lang> = members.iter().map(|r| r.customer_language).collect();
    languages.sort_by_key(|l| Lang::ALL.iter().position(|x| x == l));
    languages.dedup();
    Ok(Scene { members, languages, current: super::current(c, id)? })
}

/// What this decision's customers hear: the case's own (and its duplicates', via it), or for
/// a duplicate the root's decision (or that it is pending).
fn heard_of(
    c: &mut DbConn,
    checked: &Checked,
    hear_again_on: Option<chrono::NaiveDate>,
    (org, now): (&Organisation, i64),
) -> Result<Heard, AppError> {
    if checked.kind != DecisionKind::Duplicate {
        let telling = Telling { kind: checked.kind, texts: checked.texts.clone(), hear_again_on };
        return Ok(Heard::Decision { telling, via_duplicate: false });
    }
    let target = checked.duplicate_of.as_ref().ok_or(AppError::NotFound)?;
    let live = request::live(c, target)?.ok_or(AppError::NotFound)?;
    let root = super::root_of(c, &live)?;
    Ok(match super::current(c, &root)? {
        Some(d) => Heard::Decision { telling: Telling::of(&d), via_duplicate: true },
        None => Heard::Pending { by: audience::pending_day(c, &root, org, now)? },
    })
}

fn warnings(of: &[&Hearing], composed: &super::compose::Composed, lang: Lang) -> Vec<Warning> {
    let mut all = Vec::new();
    let warn = |code: &str| Warning { code: code.to_owned(), phrase: None };
    if let Told::Decided { kind, texts, via_duplicate: false, .. } = of[0].told
        && let Some((w, _)) = super::words_for(texts, lang)
    {
        for text in [&w.feeling, &w.facts, &w.outcome, &w.change] {
            for phrase in canned::phrases_in(text) {
                if !all.iter().any(|x: &Warning| x.phrase.as_deref() == Some(phrase)) {
                    all.push(Warning { code: "canned".into(), phrase: Some(phrase.to_owned()) });
                }
            }
        }
        if matches!(kind, DecisionKind::NoAction | DecisionKind::AlreadyDone) && canned::is_short(&w.outcome)
        {
            all.push(warn("short"));
        }
    }
    if composed.other_language {
        all.push(warn("other_language"));
    }
    if of.iter().any(|h| crate::triage::draft::words_other_language(&h.remark)) {
        all.push(warn("words_other_language"));
    }
    all
}

/// Each customer's message as it would go (one per address for mail), with the warnings.
pub fn preview_mails(hearings: &[Hearing]) -> Vec<PreviewMail> {
    let mut mails = Vec::new();
    for (channel, recipient, of) in tell::plan(hearings) {
        let lang = recipient.as_ref().map_or(of[0].remark.customer_language, |r| r.lang());
        let composed = tell::message(lang, &of);
        let text_language = match of[0].told {
            Told::Decided { texts, .. } | Told::Done { texts } | Told::Moved { texts, .. } => {
                super::words_for(texts, lang).map(|(w, _)| w.language)
            }
            _ => None,
        };
        mails.push(PreviewMail {
            remarks: of.iter().map(|h| h.remark.id.clone()).collect(),
            name: of[0].remark.customer_name.clone(),
            language: lang,
            text_language,
            channel,
            late: of.iter().any(|h| h.late),
            warnings: warnings(&of, &composed, lang),
            text: composed.plain(),
            subject: composed.subject,
        });
    }
    mails
}

/// Each customer's mail as it would go, with the editor's warnings (feedback owners). Writes
/// nothing; what deciding would refuse is listed in `issues`.
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions", request_body = DecisionRequest,
    responses((status = 200, body = Preview), (status = 404, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/decision/preview")]
pub async fn preview(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<DecisionRequest>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let checked = request::shape(body.0)?;
    let now = state.clock.now();
    let preview = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let scene = scene(c, &id)?;
                let changing = scene.current.is_some();
                let (issues, hear_again) =
                    request::issues(c, &checked, &id, &scene.languages, changing, org.day_of(now))?;
                let duplicate_broken = issues.iter().any(|i| i.pointer == "/duplicate_of");
                let mut mails = Vec::new();
                if !duplicate_broken {
                    let heard = heard_of(c, &checked, hear_again, (&org, now))?;
                    mails = preview_mails(&audience::hearings(&heard, scene.members, changing, now));
                }
                Ok::<_, AppError>(Preview::of(issues, mails))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(preview))
}

/// Decide what becomes of a case, or change its decision (feedback owners). Every customer is
/// told, in their language; the customers of cases that duplicate it too.
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions", request_body = DecisionRequest,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/decision")]
pub async fn decide(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<DecisionRequest>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let checked = request::shape(body.0)?;
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let by = owner.person.id.clone();
    let sealer = state.sealer.clone();
    let (view, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                store::bump(c, &id, checked.version, (now, &org))?;
                let scene = scene(c, &id)?;
                let mut named: Vec<(&RemarkId, i32)> = checked.seen.iter().map(|(r, v)| (r, *v)).collect();
                let mut held: Vec<(&RemarkId, i32)> =
                    scene.members.iter().map(|r| (&r.id, r.version)).collect();
                named.sort();
                held.sort();
                if named != held {
                    return Err(crate::cases::stale(c, &id, now, &org));
                }
                let changing = scene.current.is_some();
                let (issues, hear_again) =
                    request::issues(c, &checked, &id, &scene.languages, changing, org.day_of(now))?;
                if !issues.is_empty() {
                    return Err(AppError::InvalidBody(issues));
                }
                let ctx = Ctx { org: &org, now, base_url: &base_url, by: &by };
                let (mailed, decision) = decide_in(c, &ctx, &id, &checked, hear_again, scene)?;
                let told_staff = crate::news::staff::decision_made(c, &ctx, &sealer, &decision)?;
                let mailed = mailed || told_staff;
                let kind = if changing { EventKind::DecisionChanged } else { EventKind::Decided };
                let remarks = usize::try_from(store::count(c, &id)?).unwrap_or(0);
                history::record(c, &id, &Event { kind, by: &by, now, remarks, other: None })?;
                Ok((crate::cases::view(c, &id, now, &org)?, mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(view))
}

/// Store the decision and tell everyone who hears it.
fn decide_in(
    c: &mut DbConn,
    ctx: &Ctx,
    id: &CaseId,
    checked: &Checked,
    hear_again: Option<chrono::NaiveDate>,
    scene: Scene,
) -> Result<(bool, Decision), AppError> {
    let changing = scene.current.is_some();
    let root = match (&checked.kind, &checked.duplicate_of) {
        (DecisionKind::Duplicate, Some(target)) => {
            let live = request::live(c, target)?.ok_or(AppError::NotFound)?;
            Some(super::root_of(c, &live)?)
        }
        _ => None,
    };
    let heard = heard_of(c, checked, hear_again, (ctx.org, ctx.now))?;
    // Told before this decision: the duplicates of this case, which now hear it (or, when this
    // case becomes a duplicate itself, move on to its root).
    let duplicates = audience::duplicates_remarks(c, id)?;
    let decision = Decision {
        id: DecisionId::new(),
        case_id: id.clone(),
        seq: 0,
        kind: checked.kind,
        duplicate_of: root.clone(),
        hear_again_on: hear_again.map(|d| d.format("%Y-%m-%d").to_string()),
        texts: serde_json::to_string(&checked.texts).map_err(|e| AppError::internal("decision texts", e))?,
        owner_id: ctx.by.clone(),
        at: crate::clock::to_hour(ctx.now),
        ended: None,
    };
    let decision = super::store(c, decision, ENDED_CHANGED)?;
    crate::plans::follow(c, &decision, (ctx.by, ctx.now))?;
    if let Some(root) = &root {
        diesel::update(
            decisions::table.filter(decisions::duplicate_of.eq(id)).filter(decisions::ended.is_null()),
        )
        .set(decisions::duplicate_of.eq(root))
        .execute(c)?;
    }
    let mut hearings = audience::hearings(&heard, scene.members, changing, ctx.now);
    let via = match &heard {
        Heard::Decision { telling, .. } => {
            let telling = Telling {
                kind: telling.kind,
                texts: telling.texts.clone(),
                hear_again_on: telling.hear_again_on,
            };
            Heard::Decision { telling, via_duplicate: true }
        }
        Heard::Pending { by } => Heard::Pending { by: *by },
    };
    // The duplicates heard this case's decision (or that it was pending) before.
    hearings.extend(audience::hearings(&via, duplicates, changing, ctx.now));
    let key = format!("decision:{}", decision.id.as_str());
    let mailed = tell::tell(c, ctx, &hearings, Some(&decision.id), &key)?;
    store::relead(c, id)?;
    Ok((mailed, decision))
}

#[cfg(test)]
mod tests {
    use super::title_of;

    #[test]
    fn a_case_of_one_is_titled_by_its_facts_in_one_line() {
        assert_eq!(title_of("De taarten\nkwamen  te laat."), "De taarten kwamen te laat.");
        assert_eq!(title_of("  \n "), "—");
        let long = "woord ".repeat(40);
        let title = title_of(&long);
        assert!(title.chars().count() <= crate::cases::TITLE_MAX, "{title}");
        assert!(title.ends_with("woord…"), "cut at a word: {title}");
    }
}
