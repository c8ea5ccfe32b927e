//! One error type for the whole API, answered as RFC 9457 problem+json: a stable `type`, a
//! `title` (and `detail`) in the caller's language, and per-field `errors` for bad bodies.
//!
//! Handlers return [`AppError`]; [`localize_problems`] renders every error response — ours and
//! actix's own (unknown route, wrong method, oversize body) — in the request's language, so no
//! error ever leaves as a bare status or a backtrace.

pub mod start;

use std::fmt;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::i18n::{self, Lang};
pub use start::{StartError, one_line};

/// `type` values are `urn:earshot:problem:<slug>`; the slugs are part of the API contract.
pub const PROBLEM_TYPE_PREFIX: &str = "urn:earshot:problem:";
pub const PROBLEM_JSON: &str = "application/problem+json";

/// What is wrong with one field of a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldCode {
    Unknown,
    Missing,
    InvalidType,
    InvalidValue,
    InvalidLength,
    Blank,
    TooLong,
    InvalidEmail,
    WeakPassword,
    NotOffered,
    /// A control character, line break or bidi control where one line is expected.
    ControlCharacter,
}

impl FieldCode {
    fn message_key(self) -> &'static str {
        match self {
            FieldCode::Unknown => "field-unknown",
            FieldCode::Missing => "field-missing",
            FieldCode::InvalidType => "field-invalid-type",
            FieldCode::InvalidValue => "field-invalid-value",
            FieldCode::InvalidLength => "field-invalid-length",
            FieldCode::Blank => "field-blank",
            FieldCode::TooLong => "field-too-long",
            FieldCode::InvalidEmail => "field-invalid-email",
            FieldCode::WeakPassword => "field-weak-password",
            FieldCode::NotOffered => "field-not-offered",
            FieldCode::ControlCharacter => "field-control-character",
        }
    }
}

/// A field problem before translation: where (a JSON Pointer), what, and optionally a more
/// precise explanation (a message key) and a limit to quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    pub pointer: String,
    pub code: FieldCode,
    pub hint: Option<&'static str>,
    pub limit: Option<u64>,
}

impl FieldIssue {
    pub fn new(pointer: impl Into<String>, code: FieldCode) -> Self {
        Self { pointer: pointer.into(), code, hint: None, limit: None }
    }

    pub fn with_hint(mut self, hint: &'static str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn with_limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    fn detail(&self, lang: Lang) -> String {
        let key = self.hint.unwrap_or(self.code.message_key());
        match self.limit {
            Some(limit) => lang.t_args(key, &[("limit", limit.into())]),
            None => lang.t(key),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed JSON at line {line}, column {column}")]
    MalformedJson { line: usize, column: usize },
    #[error("invalid request body")]
    InvalidBody(Vec<FieldIssue>),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge { limit: usize },
    #[error("bad request")]
    BadRequest,
    /// The body stopped arriving.
    #[error("request timeout")]
    RequestTimeout,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// A refusal particular to one operation: its own status and slug; the title is the
    /// message `problem-<slug>` (and the detail `problem-<slug>-detail`, when there is one).
    #[error("refused: {slug}")]
    Refused { status: StatusCode, slug: &'static str },
    /// The change saw an older version: 409 with what is there now (`current`).
    #[error("stale change")]
    Stale(Box<serde_json::Value>),
    #[error("service unavailable")]
    Unavailable,
    /// Background jobs of this replica are not running (their names: not personal data).
    #[error("jobs down: {0}")]
    JobsDown(String),
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A failure of ours. The cause is logged here — by its `Display`, which must not carry
    /// personal data — and the caller only learns that something went wrong.
    pub fn internal(context: &'static str, cause: impl fmt::Display) -> Self {
        tracing::error!(context, error = %cause, "internal error");
        AppError::Internal
    }

    /// A dependency (the database) is not there right now.
    pub fn unavailable(context: &'static str, cause: impl fmt::Display) -> Self {
        tracing::warn!(context, error = %cause, "dependency unavailable");
        AppError::Unavailable
    }

    /// One field is wrong.
    pub fn field(pointer: &str, code: FieldCode) -> Self {
        AppError::InvalidBody(vec![FieldIssue::new(pointer, code)])
    }

    pub fn conflict(slug: &'static str) -> Self {
        AppError::Refused { status: StatusCode::CONFLICT, slug }
    }

    /// A capture whose id is already stored, sent by someone who is not (or no longer) its
    /// reporter: one answer, whatever the body held. The app treats it as "delivered".
    pub fn already_captured() -> Self {
        AppError::conflict("already-captured")
    }

    pub fn forbidden(slug: &'static str) -> Self {
        AppError::Refused { status: StatusCode::FORBIDDEN, slug }
    }

    /// The problem to report for an error response that did not come from us.
    fn from_status(status: StatusCode) -> Self {
        match status {
            StatusCode::UNAUTHORIZED => AppError::Unauthorized,
            StatusCode::FORBIDDEN => AppError::Forbidden,
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge { limit: 0 },
            StatusCode::REQUEST_TIMEOUT => AppError::RequestTimeout,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
            StatusCode::TOO_MANY_REQUESTS => AppError::TooManyRequests { retry_after_secs: 0 },
            StatusCode::SERVICE_UNAVAILABLE => AppError::Unavailable,
            s if s.is_server_error() => AppError::Internal,
            _ => AppError::BadRequest,
        }
    }

    pub fn slug(&self) -> &'static str {
        match self {
            AppError::MalformedJson { .. } => "malformed-json",
            AppError::InvalidBody(_) => "invalid-body",
            AppError::UnsupportedMediaType => "unsupported-media-type",
            AppError::PayloadTooLarge { .. } => "payload-too-large",
            AppError::BadRequest => "bad-request",
            AppError::RequestTimeout => "request-timeout",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not-found",
            AppError::MethodNotAllowed => "method-not-allowed",
            AppError::TooManyRequests { .. } => "too-many-requests",
            AppError::Refused { slug, .. } => slug,
            AppError::Stale(_) => "stale",
            AppError::Unavailable => "unavailable",
            AppError::JobsDown(_) => "jobs-down",
            AppError::Internal => "internal",
        }
    }

    /// The problem document in `lang`.
    pub fn render(&self, lang: Lang, status: StatusCode) -> Problem {
        let slug = self.slug();
        let title = lang.t(&format!("problem-{slug}"));
        let detail_key = format!("problem-{slug}-detail");
        let detail = match self {
            AppError::MalformedJson { line, column } => {
                Some(lang.t_args(&detail_key, &[("line", (*line).into()), ("column", (*column).into())]))
            }
            AppError::PayloadTooLarge { limit } if *limit > 0 => {
                Some(lang.t_args(&detail_key, &[("limit", (*limit).into())]))
            }
            AppError::TooManyRequests { retry_after_secs } if *retry_after_secs > 0 => {
                Some(lang.t_args(&detail_key, &[("seconds", (*retry_after_secs).into())]))
            }
            AppError::PayloadTooLarge { .. } | AppError::TooManyRequests { .. } => None,
            AppError::JobsDown(jobs) => Some(lang.t_args(&detail_key, &[("jobs", jobs.clone().into())])),
            _ => lang.try_t(&detail_key),
        };
        let errors = match self {
            AppError::InvalidBody(issues) => issues
                .iter()
                .map(|i| FieldError { pointer: i.pointer.clone(), code: i.code, detail: i.detail(lang) })
                .collect(),
            _ => Vec::new(),
        };
        Problem {
            kind: format!("{PROBLEM_TYPE_PREFIX}{slug}"),
            title,
            status: status.as_u16(),
            detail,
            errors,
            current: match self {
                AppError::Stale(current) => Some((**current).clone()),
                _ => None,
            },
        }
    }
}

/// RFC 9457 problem details, as sent.
#[derive(Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Problem {
    /// Stable identifier of the kind of problem, `urn:earshot:problem:<slug>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short, translated (Accept-Language: nl, fr, en; Dutch by default).
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// One entry per field that is wrong (invalid-body only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// A stale change (409 `stale`): the state it would have changed, as it is now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub current: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct FieldError {
    /// JSON Pointer (RFC 6901) to the field, e.g. `/customer/name`.
    pub pointer: String,
    pub code: FieldCode,
    /// Translated explanation.
    pub detail: String,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::MalformedJson { .. } | AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Refused { status, .. } => *status,
            AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::InvalidBody(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unavailable | AppError::JobsDown(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Dutch; [`localize_problems`] re-renders it in the request's language.
    fn error_response(&self) -> HttpResponse {
        let mut res = problem_response(self.render(Lang::Nl, self.status_code()), Lang::Nl);
        if matches!(self, AppError::RequestTimeout) {
            // The rest of the body may still come: never read it as the next request.
            res.head_mut().set_connection_type(actix_web::http::ConnectionType::Close);
        }
        if let AppError::TooManyRequests { retry_after_secs } = self {
            if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.max(&1).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        res
    }
}

fn problem_response(problem: Problem, lang: Lang) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status)
        .content_type(PROBLEM_JSON)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .json(problem)
}

/// The problem response for an error status: ours when we made it, else by its status.
fn localized(error: Option<&AppError>, status: StatusCode, lang: Lang) -> HttpResponse {
    let problem = match error {
        Some(app_error) => app_error.render(lang, status),
        None => AppError::from_status(status).render(lang, status),
    };
    problem_response(problem, lang)
}

/// Marks a response that is its own page (a customer's status page, also as a 404 or 429): it
/// leaves as the handler made it.
pub struct OwnPage;

/// Middleware: every 4xx/5xx response leaves as problem+json in the request's language.
/// Headers set by whoever made the error (Allow, Retry-After, …) are kept.
pub async fn localize_problems(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let lang = i18n::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    // Errors returned (rather than rendered) only come from middleware inside this one, and
    // there is none; actix renders them itself.
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.response().extensions().get::<OwnPage>().is_some()
    {
        return Ok(res.map_into_left_body());
    }
    let app_error = res.response().error().and_then(|e| e.as_error::<AppError>());
    let mut new = localized(app_error, status, lang);
    let (req, old) = res.into_parts();
    if old.head().connection_type() == actix_web::http::ConnectionType::Close {
        new.head_mut().set_connection_type(actix_web::http::ConnectionType::Close);
    }
    for (name, value) in old.headers() {
        // The new body is ours and plain: a Content-Encoding set for the old one (the front
        // end's compression) would make clients fail to decode it.
        let ours = [
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CACHE_CONTROL,
            header::CONTENT_LANGUAGE,
            header::CONTENT_ENCODING,
        ];
        if !ours.contains(name) {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(ServiceResponse::new(req, new).map_into_right_body())
}

/// Database failures inside `Db::run` closures: a lost connection is "unavailable", the rest is
/// ours. Expected outcomes (a unique violation meaning "already there") are matched by the
/// caller before this conversion.
impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                AppError::unavailable("database", err)
            }
            Error::NotFound => AppError::NotFound,
            other => AppError::internal("database", other),
        }
    }
}
