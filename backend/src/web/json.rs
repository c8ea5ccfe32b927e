//! `ApiJson<T>`: the one way the API reads a JSON body. Bad input becomes a precise 4xx problem:
//! wrong content type 415, too large 413, not JSON (or not UTF-8) 400 with line and column,
//! unknown/missing/mistyped fields 422 with a JSON Pointer per field.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_path_to_error::{Path, Segment};

use crate::error::{AppError, FieldCode, FieldIssue};

pub struct ApiJson<T>(pub T);

/// The largest JSON body, from the settings (registered as app data by startup).
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit(pub usize);

/// How long a body may stay silent, from the settings (registered as app data by startup).
#[derive(Clone, Copy, Debug)]
pub struct BodyTimeout(pub Duration);

impl BodyTimeout {
    fn of(req: &HttpRequest) -> Duration {
        req.app_data::<BodyTimeout>().map_or(Duration::from_secs(10), |t| t.0)
    }
}

/// A whole body may take this many times the allowed silence (a minute by default), however
/// it trickles in.
const WHOLE_BODY_SILENCES: u32 = 6;

/// Read a body, handing each chunk to `keep`: at most `limit` bytes (413), no silence longer
/// than `silence` and the whole of it within [`WHOLE_BODY_SILENCES`] × `silence` (408) — a
/// client that declares more than it sends, or sends a byte now and then, must not hold a
/// connection (and a worker's attention) for minutes.
async fn read_body(
    payload: &mut Payload,
    limit: usize,
    silence: Duration,
    mut keep: impl FnMut(&Bytes),
) -> Result<(), AppError> {
    let whole = async {
        let mut seen = 0;
        loop {
            let chunk = match tokio::time::timeout(silence, payload.next()).await {
                Err(_) => return Err(AppError::RequestTimeout),
                Ok(None) => return Ok(()),
                Ok(Some(chunk)) => chunk.map_err(|_| AppError::BadRequest)?,
            };
            seen += chunk.len();
            if seen > limit {
                return Err(AppError::PayloadTooLarge { limit });
            }
            keep(&chunk);
        }
    };
    tokio::time::timeout(silence * WHOLE_BODY_SILENCES, whole).await.unwrap_or(Err(AppError::RequestTimeout))
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map_or(64 * 1024, |l| l.0);
        let is_json = req.mime_type().ok().flatten().is_some_and(|m| {
            m.type_() == mime::APPLICATION && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON))
        });
        let encoded =
            req.headers().get(header::CONTENT_ENCODING).is_some_and(|v| v.as_bytes() != b"identity");
        let declared =
            req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        let silence = BodyTimeout::of(req);
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json || encoded {
                return Err(AppError::UnsupportedMediaType);
            }
            if declared.is_some_and(|n| n > limit) {
                return Err(AppError::PayloadTooLarge { limit });
            }
            let mut body = BytesMut::with_capacity(declared.unwrap_or(1024).min(limit));
            read_body(&mut payload, limit, silence, |chunk| body.extend_from_slice(chunk)).await?;
            parse(&body).map(ApiJson)
        })
    }
}

/// For operations that take no body: whatever the client sent is read and dropped (up to the
/// body limit), so the connection stays usable for its next request instead of being closed
/// under a client that already reuses it.
pub struct NoBody;

impl FromRequest for NoBody {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<BodyLimit>().map_or(64 * 1024, |l| l.0);
        let silence = BodyTimeout::of(req);
        let mut payload = payload.take();
        Box::pin(async move {
            read_body(&mut payload, limit, silence, |_| {}).await?;
            Ok(NoBody)
        })
    }
}

/// Deserialize a body, turning serde's error into a problem a person can act on. Every body
/// is a JSON object: serde would also fill a struct from an array of its fields in order, which
/// the API document does not allow.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
            .map_err(|e| field_or_syntax(&e, String::new()))?;
        return Err(AppError::InvalidBody(vec![FieldIssue::new("", FieldCode::InvalidType)]));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = pointer(e.path());
        let inner = e.into_inner();
        field_or_syntax(&inner, pointer)
    })?;
    de.end().map_err(|e| field_or_syntax(&e, String::new()))?;
    Ok(value)
}

fn field_or_syntax(err: &serde_json::Error, pointer: String) -> AppError {
    use serde_json::error::Category;
    match err.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            AppError::MalformedJson { line: err.line(), column: err.column() }
        }
        Category::Data => AppError::InvalidBody(vec![field_issue(&err.to_string(), pointer)]),
    }
}

/// The field's name for unknown and missing fields is in serde's message.
fn field_issue(message: &str, parent: String) -> FieldIssue {
    let named = |prefix: &str| {
        message.strip_prefix(prefix).and_then(|rest| {
            let rest = rest.strip_prefix('`')?;
            let (name, _) = rest.split_once('`')?;
            // serde_path_to_error has already stepped into an unknown key; not into a missing one.
            let leaf = format!("/{}", escape(name));
            Some(if parent.ends_with(&leaf) { parent.clone() } else { format!("{parent}{leaf}") })
        })
    };
    if let Some(pointer) = named("unknown field ") {
        return FieldIssue::new(pointer, FieldCode::Unknown);
    }
    if let Some(pointer) = named("missing field ") {
        return FieldIssue::new(pointer, FieldCode::Missing);
    }
    let code = if message.starts_with("invalid type") {
        FieldCode::InvalidType
    } else if message.starts_with("invalid length") {
        FieldCode::InvalidLength
    } else {
        FieldCode::InvalidValue
    };
    FieldIssue::new(parent, code)
}

/// RFC 6901 JSON Pointer for a serde path (`""` for the whole document).
fn pointer(path: &Path) -> String {
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(escape(key)),
            Segment::Enum { variant } => Some(escape(variant)),
            Segment::Unknown => None,
        })
        .fold(String::new(), |acc, part| format!("{acc}/{part}"))
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        level: u8,
    }

    fn issue(body: &str) -> FieldIssue {
        match parse::<Outer>(body.as_bytes()) {
            Err(AppError::InvalidBody(mut issues)) => issues.remove(0),
            other => panic!("expected an invalid body, got {other:?}"),
        }
    }

    #[test]
    fn points_at_the_field_that_is_wrong() {
        let i = issue(r#"{"name":"a","inner":[{"level":1},{"level":"high"}]}"#);
        assert_eq!((i.pointer.as_str(), i.code), ("/inner/1/level", FieldCode::InvalidType));
        let i = issue(r#"{"name":"a","inner":[{"level":1,"x/y":2}]}"#);
        assert_eq!((i.pointer.as_str(), i.code), ("/inner/0/x~1y", FieldCode::Unknown));
        let i = issue(r#"{"inner":[]}"#);
        assert_eq!((i.pointer.as_str(), i.code), ("/name", FieldCode::Missing));
        let i = issue(r#"{"name":"a","inner":[{"level":300}]}"#);
        assert_eq!((i.pointer.as_str(), i.code), ("/inner/0/level", FieldCode::InvalidValue));
    }

    #[test]
    fn a_struct_is_never_read_from_an_array() {
        let i = issue(r#"["a", []]"#);
        assert_eq!((i.pointer.as_str(), i.code), ("", FieldCode::InvalidType));
        assert!(matches!(parse::<Outer>(b"[1, "), Err(AppError::MalformedJson { .. })));
    }

    #[test]
    fn syntax_errors_carry_their_position() {
        assert!(matches!(parse::<Outer>(b"{\n  \"name\": }"), Err(AppError::MalformedJson { line: 2, .. })));
        assert!(matches!(parse::<Outer>(b""), Err(AppError::MalformedJson { .. })));
        assert!(matches!(
            parse::<Outer>(br#"{"name":"a","inner":[]} trailing"#),
            Err(AppError::MalformedJson { .. })
        ));
        assert!(matches!(
            parse::<Outer>(b"{\"name\":\"\xff\",\"inner\":[]}"),
            Err(AppError::MalformedJson { .. })
        ));
    }
}
