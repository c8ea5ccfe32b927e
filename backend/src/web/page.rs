//! Our small server-rendered pages that a mail's link opens (unsubscribe, one-touch actions):
//! a title, a few paragraphs, perhaps a quote, perhaps one button that confirms by POST — a
//! GET never acts, since link scanners follow every GET. The status page's style and CSP.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::error::AppError;
use crate::i18n::Lang;

#[derive(Template)]
#[template(path = "confirm.html")]
struct Confirm<'a> {
    lang: &'a str,
    css: &'a str,
    organisation: &'a str,
    title: &'a str,
    paragraphs: &'a [String],
    quote: Option<&'a [String]>,
    button: Option<&'a str>,
    back: Option<&'a (String, String)>,
}

/// What a page says.
pub struct Page<'a> {
    pub lang: Lang,
    pub organisation: &'a str,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub quote: Option<Vec<String>>,
    /// The confirming button (the form posts to the page's own address).
    pub button: Option<String>,
    /// A link below: its words and where it leads.
    pub back: Option<(String, String)>,
}

impl<'a> Page<'a> {
    /// A page that only says something: its title is the Fluent message `{key}-title`, its one
    /// paragraph `key`.
    pub fn notice(lang: Lang, organisation: &'a str, key: &str) -> Self {
        Self {
            lang,
            organisation,
            title: lang.t(&format!("{key}-title")),
            paragraphs: vec![lang.t(key)],
            quote: None,
            button: None,
            back: None,
        }
    }

    /// The page as a response with `status`.
    pub fn respond(&self, status: StatusCode) -> Result<HttpResponse, AppError> {
        let body = Confirm {
            lang: self.lang.code(),
            css: crate::customers::status::CSS,
            organisation: self.organisation,
            title: &self.title,
            paragraphs: &self.paragraphs,
            quote: self.quote.as_deref(),
            button: self.button.as_deref(),
            back: self.back.as_ref(),
        }
        .render()
        .map_err(|e| AppError::internal("page", e))?;
        Ok(crate::customers::status::html(status, body))
    }
}
