//! Server strings (errors, pages, later mails) from Fluent files in backend/locales, compiled
//! into the binary. Dutch first; French and English complete.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use serde::{Deserialize, Serialize};

static_loader! {
    static LOCALES = {
        locales: "./backend/locales",
        fallback_language: "nl",
        // No Unicode isolation marks around arguments: they end up in JSON and plain-text mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static NL: LanguageIdentifier = langid!("nl");
static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// A language earshot speaks. Dutch is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    En,
}

/// Stored as its code (`nl`, `fr`, `en`).
impl crate::db::typed::TextValue for Lang {
    const ALL: &'static [Lang] = &Lang::ALL;

    fn text(self) -> &'static str {
        self.code()
    }
}
crate::stored_as_text!(Lang);

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Nl => &NL,
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// Look up a message; a missing key yields the key itself (and the catalog test fails).
    pub fn t(self, key: &str) -> String {
        LOCALES.try_lookup(self.id(), key).unwrap_or_else(|| key.to_owned())
    }

    /// Look up a message that may not exist.
    pub fn try_t(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.id(), key)
    }

    /// Look up a message with arguments, e.g. `[("limit", 65536.into())]`.
    pub fn t_args(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), v.clone())).collect();
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }
}

/// The best of our languages for an `Accept-Language` header; Dutch when nothing matches.
pub fn negotiate(accept_language: Option<&str>) -> Lang {
    let Some(header) = accept_language else {
        return Lang::Nl;
    };
    let requested = accepted_languages::parse(header);
    let available = [NL.clone(), FR.clone(), EN.clone()];
    let chosen = negotiate_languages(&requested, &available, Some(&NL), NegotiationStrategy::Lookup);
    match chosen.first().map(|l| l.language.as_str()) {
        Some("fr") => Lang::Fr,
        Some("en") => Lang::En,
        _ => Lang::Nl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_regional_variants_and_quality_order() {
        assert_eq!(negotiate(None), Lang::Nl);
        assert_eq!(negotiate(Some("")), Lang::Nl);
        assert_eq!(negotiate(Some("fr-BE,fr;q=0.9")), Lang::Fr);
        assert_eq!(negotiate(Some("nl-BE")), Lang::Nl);
        assert_eq!(negotiate(Some("de-DE, en;q=0.5")), Lang::En);
        assert_eq!(negotiate(Some("de")), Lang::Nl);
        assert_eq!(negotiate(Some("en-GB,fr;q=0.8")), Lang::En);
        assert_eq!(negotiate(Some("*")), Lang::Nl);
    }

    #[test]
    fn looks_up_in_each_language_with_arguments() {
        let nl = Lang::Nl.t_args("problem-payload-too-large-detail", &[("limit", 1024.into())]);
        let fr = Lang::Fr.t_args("problem-payload-too-large-detail", &[("limit", 1024.into())]);
        assert!(nl.contains("1024"), "{nl}");
        assert_ne!(nl, fr);
        assert_eq!(Lang::En.t("no-such-key"), "no-such-key");
    }
}
