//! The first answer's words (docs/triage.md), in the customer's language: an apology first when
//! the promise has passed; then their feeling, quoting the words the employee noted (the part
//! the owner edits); then what they told us; then the day by which the real answer comes. The
//! server adds the apology, the facts and the date itself, so no answer can leave without them.

use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;

use crate::db::typed::IntegerValue;
use crate::i18n::Lang;
use crate::remarks::Remark;

/// "maandag 8 december 2026", "lundi 8 décembre 2026", "Monday 8 December 2026".
pub fn long_date(lang: Lang, day: NaiveDate) -> String {
    lang.t_args(
        "date-long",
        &[
            ("weekday", day.weekday().number_from_monday().into()),
            ("day", day.day().into()),
            ("month", day.month().into()),
            ("year", day.year().into()),
        ],
    )
}

fn long_day_text(lang: Lang, day: &str) -> String {
    crate::web::validate::exact_day(day).map_or_else(|| day.to_owned(), |d| long_date(lang, d))
}

/// The part the owner edits, prefilled: the customer's feeling, in their own words when the
/// employee noted them.
pub fn feeling_text(remark: &Remark) -> String {
    let lang = remark.customer_language;
    let level: FluentValue<'static> = remark.feeling.number().into();
    let words = remark.feeling_words.trim();
    if words.is_empty() {
        lang.t_args("ack-feeling", &[("level", level)])
    } else {
        lang.t_args("ack-feeling-quoted", &[("level", level), ("words", words.to_owned().into())])
    }
}

/// Whether the noted feeling words read as another of our languages than the customer's (the
/// editor then warns: a quote in the wrong language jars). Only when the detector is sure.
pub fn words_other_language(remark: &Remark) -> bool {
    let words = remark.feeling_words.trim();
    if words.chars().filter(|c| c.is_alphabetic()).count() < 12 {
        return false;
    }
    let detector = whatlang::Detector::with_allowlist(vec![
        whatlang::Lang::Nld,
        whatlang::Lang::Fra,
        whatlang::Lang::Eng,
    ]);
    let Some(info) = detector.detect(words) else { return false };
    let theirs = match remark.customer_language {
        Lang::Nl => whatlang::Lang::Nld,
        Lang::Fr => whatlang::Lang::Fra,
        Lang::En => whatlang::Lang::Eng,
    };
    info.lang() != theirs && info.confidence() >= 0.5
}

/// A first answer, as the customer reads it.
#[derive(Clone, Debug)]
pub struct Message {
    pub apology: Option<String>,
    /// The owner's words (the feeling first).
    pub text: String,
    pub facts: Vec<String>,
    pub date_line: String,
}

impl Message {
    pub fn compose(lang: Lang, late: bool, text: &str, remarks: &[&Remark], promised_on: NaiveDate) -> Self {
        let facts = remarks
            .iter()
            .map(|r| {
                lang.t_args(
                    "ack-fact",
                    &[("heard", long_day_text(lang, &r.heard_on).into()), ("facts", r.facts.clone().into())],
                )
            })
            .collect();
        Self {
            apology: late.then(|| lang.t("ack-apology")),
            text: text.trim().to_owned(),
            facts,
            date_line: lang.t_args("ack-date", &[("date", long_date(lang, promised_on).into())]),
        }
    }

    /// The paragraphs, in the order the customer reads them.
    pub fn paragraphs(&self) -> Vec<String> {
        let mut all: Vec<String> = self.apology.iter().cloned().collect();
        all.push(self.text.clone());
        all.extend(self.facts.iter().cloned());
        all.push(self.date_line.clone());
        all
    }

    /// The whole message as plain text (the preview, the pass-on, what is kept).
    pub fn plain(&self) -> String {
        self.paragraphs().join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remarks::Feeling;

    fn remark(lang: Lang, words: &str) -> Remark {
        Remark {
            feeling_words: words.into(),
            heard_on: "2026-11-20".into(),
            ..Remark::of_customer(
                "Claes",
                lang,
                "De taarten kwamen een uur te laat.",
                Feeling::VeryFrustrated,
            )
        }
    }

    #[test]
    fn the_feeling_comes_first_and_the_apology_before_it_when_late() {
        let r = remark(Lang::Fr, "j'étais furieuse, trente invités et rien sur la table");
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        let message = Message::compose(Lang::Fr, true, &feeling_text(&r), &[&r], day);
        let paragraphs = message.paragraphs();
        assert!(paragraphs[0].contains("désolés"), "{paragraphs:?}");
        assert!(paragraphs[1].contains("« j'étais furieuse"), "{paragraphs:?}");
        assert!(paragraphs[2].contains("vendredi 20 novembre 2026"), "{paragraphs:?}");
        assert!(paragraphs[3].contains("mardi 1er décembre 2026"), "{paragraphs:?}");
        let on_time = Message::compose(Lang::Fr, false, "x", &[&r], day);
        assert!(on_time.apology.is_none());
    }

    #[test]
    fn every_language_names_the_day() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 8).expect("day");
        assert_eq!(long_date(Lang::Nl, day), "maandag 8 maart 2027");
        assert_eq!(long_date(Lang::Fr, day), "lundi 8 mars 2027");
        assert_eq!(long_date(Lang::En, day), "Monday 8 March 2027");
    }

    #[test]
    fn words_in_another_language_are_flagged_only_when_clear() {
        assert!(words_other_language(&remark(Lang::Fr, "ik was echt boos, dertig gasten en niets op tafel")));
        assert!(!words_other_language(&remark(
            Lang::Nl,
            "ik was echt boos, dertig gasten en niets op tafel"
        )));
        assert!(!words_other_language(&remark(Lang::Fr, "boos")), "too short to tell");
        assert!(words_other_language(&remark(
            Lang::Nl,
            "I was really angry, thirty guests and nothing on the table"
        )));
    }
}
