//! The PWA, embedded from pwa/dist at build time. Hashed files under assets/ are immutable;
//! everything else is revalidated. Unknown paths fall back to index.html only for browser
//! navigations, never for /api or for files (a missing script must be a 404, not HTML).
//! Built without the front end, the binary serves a short page saying how to build it.

use std::borrow::Cow;

use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse};
use rust_embed::RustEmbed;

use crate::error::AppError;
use crate::i18n::{self, Lang};

#[derive(RustEmbed)]
#[folder = "pwa/dist/"]
#[allow_missing = true]
struct Dist;

/// One embedded file.
pub struct Asset {
    pub data: Cow<'static, [u8]>,
    pub sha256: [u8; 32],
    pub mime: String,
}

/// Whether this binary carries a built front end.
pub fn is_built() -> bool {
    Dist::get("index.html").is_some()
}

fn embedded(path: &str) -> Option<Asset> {
    Dist::get(path).map(|file| Asset {
        sha256: file.metadata.sha256_hash(),
        mime: file.metadata.mimetype().to_owned(),
        data: file.data,
    })
}

/// The catch-all handler for everything that is not an API route.
pub async fn serve(req: HttpRequest) -> Result<HttpResponse, AppError> {
    respond(&req, embedded)
}

/// The serving rules, over any source of files (tests use an empty one).
pub fn respond(req: &HttpRequest, lookup: impl Fn(&str) -> Option<Asset>) -> Result<HttpResponse, AppError> {
    let path = req.path().trim_start_matches('/');
    if path == "api" || path.starts_with("api/") {
        return Err(AppError::NotFound);
    }
    // `/healthz` and `/readyz` come here only when asked with a method they do not answer
    // (HEAD included: their routes take GET alone).
    if let Some(allowed) = super::allowed_methods(req) {
        return Ok(super::method_not_allowed(allowed));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Ok(super::method_not_allowed(&[Method::GET, Method::HEAD]));
    }
    let wanted = if path.is_empty() { "index.html" } else { path };
    if let Some(asset) = lookup(wanted) {
        return Ok(file(req, wanted, &asset));
    }
    let is_file = wanted.rsplit('/').next().is_some_and(|name| name.contains('.'));
    if wanted == "index.html" || (is_navigation(req) && !is_file) {
        return Ok(match lookup("index.html") {
            Some(index) => file(req, "index.html", &index),
            None => not_built(req),
        });
    }
    Err(AppError::NotFound)
}

fn is_navigation(req: &HttpRequest) -> bool {
    let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
    match header("sec-fetch-mode") {
        Some(mode) => mode == "navigate",
        None => header(header::ACCEPT.as_str()).is_some_and(|a| a.contains("text/html")),
    }
}

fn file(req: &HttpRequest, path: &str, asset: &Asset) -> HttpResponse {
    let etag = format!("\"{}\"", hex(&asset.sha256[..16]));
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    let content_type = if asset.mime.starts_with("text/") || asset.mime.ends_with("javascript") {
        format!("{}; charset=utf-8", asset.mime)
    } else {
        asset.mime.clone()
    };
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
    let mut res = if fresh { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    res.insert_header((header::CACHE_CONTROL, cache)).insert_header((header::ETAG, etag));
    if fresh {
        return res.finish();
    }
    res.content_type(content_type).body(asset.data.clone().into_owned())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn not_built(req: &HttpRequest) -> HttpResponse {
    let lang = i18n::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .body(not_built_page(lang))
}

fn not_built_page(lang: Lang) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main><h1>{heading}</h1><p>{body}</p><p>{howto}</p>\
         <pre><code>npm ci --prefix pwa &amp;&amp; npm run build --prefix pwa\ncargo build --release</code></pre>\
         </main></body></html>\n",
        code = lang.code(),
        title = lang.t("not-built-title"),
        heading = lang.t("not-built-heading"),
        body = lang.t("not-built-body"),
        howto = lang.t("not-built-howto"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;
    use actix_web::test::TestRequest;

    fn nothing(_: &str) -> Option<Asset> {
        None
    }

    fn one_script(path: &str) -> Option<Asset> {
        (path == "assets/app-1234.js").then(|| Asset {
            data: Cow::Borrowed(b"console.log(1)"),
            sha256: [7; 32],
            mime: "text/javascript".into(),
        })
    }

    #[actix_web::test]
    async fn without_a_build_navigation_gets_the_not_built_page_in_the_callers_language() {
        let req = TestRequest::get()
            .uri("/capture")
            .insert_header(("sec-fetch-mode", "navigate"))
            .insert_header(("accept-language", "fr-BE"))
            .to_http_request();
        let res = respond(&req, nothing).expect("a page");
        assert_eq!(res.status(), 200);
        let body = to_bytes(res.into_body()).await.expect("body");
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("lang=\"fr\""), "{body}");
        assert!(body.contains(&Lang::Fr.t("not-built-heading")), "{body}");
    }

    #[actix_web::test]
    async fn hashed_assets_are_immutable_and_revalidate_by_etag() {
        let req = TestRequest::get().uri("/assets/app-1234.js").to_http_request();
        let res = respond(&req, one_script).expect("the script");
        assert_eq!(
            res.headers().get(header::CACHE_CONTROL).expect("cache-control"),
            "public, max-age=31536000, immutable"
        );
        let etag = res.headers().get(header::ETAG).expect("etag").clone();
        let again = TestRequest::get()
            .uri("/assets/app-1234.js")
            .insert_header((header::IF_NONE_MATCH, etag))
            .to_http_request();
        assert_eq!(respond(&again, one_script).expect("304").status(), 304);
    }

    #[actix_web::test]
    async fn missing_files_and_api_paths_are_404_even_for_navigations() {
        for uri in ["/assets/gone-999.js", "/api/v2/x", "/api"] {
            let req =
                TestRequest::get().uri(uri).insert_header(("sec-fetch-mode", "navigate")).to_http_request();
            assert!(matches!(respond(&req, one_script), Err(AppError::NotFound)), "{uri}");
        }
    }
}
