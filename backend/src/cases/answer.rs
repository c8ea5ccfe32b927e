//! The first answer to a whole case (docs/cases.md): every undecided remark in it is
//! acknowledged at once, with one promised day. The owner writes once per language the case's
//! customers speak; each customer reads their own feeling first, then those words, their own
//! facts and the day — in their language, one mail per address — or hears it from the colleague
//! who heard them.

use actix_web::{HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::history::{self, Event, EventKind};
use super::{CaseView, store};
use crate::auth::Owner;
use crate::db::write_transaction;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::{CaseId, RemarkId};
use crate::state::AppState;
use crate::triage::acknowledge::{self, Answer, Channel, DraftDays, Seen, check_promised_on};
use crate::triage::draft::{self, Message};
use crate::web::ApiJson;
use crate::web::validate::Checks;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub language: Lang,
    #[schema(schema_with = crate::web::schema::text::<2000>)]
    pub text: String,
}

impl Words {
    /// The owner's words by language: each language once, each text filled (422 on `/texts`).
    pub fn checked(given: &[Words], checks: &mut Checks) -> Vec<(Lang, String)> {
        let languages: Vec<Lang> = given.iter().map(|w| w.language).collect();
        checks.unique("/texts", &languages);
        given
            .iter()
            .enumerate()
            .map(|(i, w)| (w.language, checks.text(&format!("/texts/{i}/text"), &w.text, 2000)))
            .collect()
    }
}

/// How a case's answer reaches its customers: by mail where they consented and gave an
/// address, else passed on; or passed on for all. (A call is one customer: answer that remark.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseChannel {
    Auto,
    PassOn,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseAcknowledgement {
    #[schema(minimum = 1)]
    pub version: i32,
    /// Every undecided remark of the case, each with the version seen: exactly those.
    #[schema(min_items = 1, max_items = 50)]
    pub remarks: Vec<Seen>,
    #[schema(schema_with = crate::web::schema::day)]
    pub promised_on: String,
    /// The owner's words, once for each language of the case's customers.
    #[schema(min_items = 1, max_items = 3)]
    pub texts: Vec<Words>,
    pub channel: CaseChannel,
}

/// Acknowledge every remark of a case (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = CaseAcknowledgement,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/acknowledgement")]
pub async fn acknowledge_case(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<CaseAcknowledgement>,
) -> Result<HttpResponse, AppError> {
    let id = CaseId::parse(&id).ok_or(AppError::NotFound)?;
    let request = body.0;
    let mut checks = Checks::new();
    let seen = Seen::checked(&request.remarks, super::MAX_NAMED, &mut checks);
    let texts = Words::checked(&request.texts, &mut checks);
    checks.finish()?;
    let channel = match request.channel {
        CaseChannel::Auto => Channel::Auto,
        CaseChannel::PassOn => Channel::PassOn,
    };
    let (given_day, version) = (request.promised_on, request.version);
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let by = owner.person.id.clone();
    let (view, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let promised_on = check_promised_on(&given_day, org.day_of(now))?;
            write_transaction(conn, |c| {
                store::bump(c, &id, version, (now, &org))?;
                let members: Vec<_> = super::members(c, &id)?.into_iter().filter(|r| r.undecided).collect();
                let mut named: Vec<&RemarkId> = seen.iter().map(|(r, _)| r).collect();
                let mut held: Vec<&RemarkId> = members.iter().map(|r| &r.id).collect();
                named.sort();
                held.sort();
                if named != held {
                    return Err(super::stale(c, &id, now, &org));
                }
                let mut mailed = false;
                for lang in Lang::ALL {
                    let group: Vec<(RemarkId, i32)> = seen
                        .iter()
                        .filter(|(r, _)| members.iter().any(|m| m.id == *r && m.customer_language == lang))
                        .cloned()
                        .collect();
                    let given = texts.iter().find(|(l, _)| *l == lang);
                    match (group.is_empty(), given) {
                        (true, None) => continue,
                        (true, Some(_)) | (false, None) => {
                            return Err(AppError::InvalidBody(vec![
                                FieldIssue::new("/texts", FieldCode::InvalidValue)
                                    .with_hint("field-case-languages"),
                            ]));
                        }
                        (false, Some((_, text))) => {
                            let answer = Answer {
                                promised_on,
                                text: text.clone(),
                                channel,
                                note: None,
                                own_feeling: true,
                            };
                            mailed |= acknowledge::store(c, &org, &group, &answer, (&by, now), &base_url)?.1;
                        }
                    }
                }
                let event =
                    Event { kind: EventKind::Acknowledged, by: &by, now, remarks: seen.len(), other: None };
                history::record(c, &id, &event)?;
                Ok((super::view(c, &id, now, &org)?, mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CaseDraftQuery {
    /// By when the real answer comes (`YYYY-MM-DD`); a week from today by default.
    pub promised_on: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LanguageDraft {
    pub language: Lang,
    /// How many of the case's customers (by name) read this language.
    pub customers: usize,
    /// The owner's part, prefilled (each customer's own feeling is put before it).
    pub text: String,
    /// The mail its first customer would read, as it stands.
    pub preview: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseDraft {
    pub promised_on: String,
    pub earliest: String,
    pub latest: String,
    /// One per language of its customers, Dutch first.
    pub drafts: Vec<LanguageDraft>,
}

/// The draft of a case's first answer, per language (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", params(CaseDraftQuery),
    responses((status = 200, body = CaseDraft), (status = 404, body = crate::error::Problem),
        (status = 422, description = "`promised_on` is not a day after today, at most 90 days ahead",
            body = crate::error::Problem)))]
#[get("/desk/cases/{id}/draft")]
pub async fn case_draft(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<CaseDraftQuery>,
) -> Result<HttpResponse, AppError> {
    let id = CaseId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let given = query.into_inner().promised_on;
    let answer = state
        .db
        .run(move |conn| {
            super::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let org = crate::organisation::load(conn)?;
            let days = DraftDays::of(given.as_deref(), org.day_of(now))?;
            let promised_on = days.promised_on;
            let members: Vec<_> = super::members(conn, &id)?.into_iter().filter(|r| r.undecided).collect();
            let drafts = Lang::ALL
                .into_iter()
                .filter_map(|lang| {
                    let theirs: Vec<_> = members.iter().filter(|r| r.customer_language == lang).collect();
                    let first = theirs.first()?;
                    let text = lang.t("case-ack-text");
                    let words = format!("{}\n\n{text}", draft::feeling_text(first));
                    let preview =
                        Message::compose(lang, first.due_at <= now, &words, &[first], promised_on).plain();
                    let mut names: Vec<String> =
                        theirs.iter().map(|r| r.customer_name.to_lowercase()).collect();
                    names.sort();
                    names.dedup();
                    Some(LanguageDraft { language: lang, customers: names.len(), text, preview })
                })
                .collect();
            Ok::<_, AppError>(CaseDraft {
                promised_on: days.promised_text,
                earliest: days.earliest,
                latest: days.latest,
                drafts,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
