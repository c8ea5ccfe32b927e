//! What each customer reads of a decision (docs/decisions.md), in their language: an apology
//! first when late; their own feeling in their own words (never another customer's); a change
//! and why; the facts as they told them, then as we understand them; what will and will not be
//! done; when they hear again. The owner's words stay as written inside this frame.

use chrono::NaiveDate;

use super::{DecisionKind, DecisionWords, words_for};
use crate::i18n::Lang;
use crate::remarks::Remark;
use crate::triage::draft::{self, long_date};

/// What a customer is told.
#[derive(Clone, Copy, Debug)]
pub enum Told<'a> {
    /// A decision: theirs, or (`via_duplicate`) the decision of the case theirs duplicates.
    Decided {
        kind: DecisionKind,
        texts: &'a [DecisionWords],
        hear_again_on: Option<NaiveDate>,
        changed: bool,
        via_duplicate: bool,
    },
    /// Their case duplicates one not yet decided: they hear when it is, by that day.
    Pending { by: NaiveDate },
    /// The decision is reopened: why (the owner's words), and by when they hear again.
    Reopened { texts: &'a [(Lang, String)], promised_on: NaiveDate },
    /// The act decision's plan is done (docs/plans.md): what was decided, and that it is done.
    Done { texts: &'a [DecisionWords] },
    /// The plan's date moved: why (the owner's words), what will be done, the new day.
    Moved { why: &'a [(Lang, String)], texts: &'a [DecisionWords], due_on: NaiveDate },
}

impl Told<'_> {
    /// What it tells besides a decision, as kept with the answer: `done` or `moved`.
    pub fn news(&self) -> Option<&'static str> {
        match self {
            Told::Done { .. } => Some("done"),
            Told::Moved { .. } => Some("moved"),
            _ => None,
        }
    }
}

/// One customer's message, ready for a mail, a call or a colleague.
#[derive(Clone, Debug)]
pub struct Composed {
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// The owner's words are in another language than the customer's.
    pub other_language: bool,
}

impl Composed {
    pub fn plain(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

fn push(all: &mut Vec<String>, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        all.push(text.to_owned());
    }
}

/// The message for the customer of `remarks` (one address, or one remark), in `lang`.
pub fn compose(lang: Lang, late: bool, told: &Told, remarks: &[&Remark]) -> Composed {
    let mut all = Vec::new();
    if late {
        // A moved date is a promise not kept: its apology says so.
        all.push(lang.t(if matches!(told, Told::Moved { .. }) {
            "plan-moved-apology"
        } else {
            "ack-apology"
        }));
    }
    let mut feelings: Vec<String> = remarks.iter().map(|r| draft::feeling_text(r)).collect();
    feelings.dedup();
    all.extend(feelings);
    let facts: Vec<String> = remarks
        .iter()
        .map(|r| {
            let heard = crate::web::validate::exact_day(&r.heard_on)
                .map_or_else(|| r.heard_on.clone(), |d| long_date(lang, d));
            lang.t_args("ack-fact", &[("heard", heard.into()), ("facts", r.facts.clone().into())])
        })
        .collect();
    let mut other_language = false;
    let subject = match *told {
        Told::Decided { kind, texts, hear_again_on, changed, via_duplicate } => {
            let words = words_for(texts, lang);
            other_language = words.is_some_and(|(_, other)| other);
            let words = words.map(|(w, _)| w);
            if let Some(w) = words {
                push(&mut all, &w.feeling);
            }
            if changed {
                let why = words.map(|w| w.change.trim()).unwrap_or_default();
                all.push(format!("{} {why}", lang.t("decision-changed")).trim().to_owned());
            }
            all.extend(facts);
            if let Some(w) = words {
                push(&mut all, &w.facts);
            }
            if via_duplicate {
                all.push(lang.t("decision-duplicate"));
            }
            all.push(lang.t(kind_line(kind)));
            if let Some(w) = words {
                push(&mut all, &w.outcome);
            }
            all.push(match (kind, hear_again_on) {
                (DecisionKind::Act, Some(day)) => {
                    lang.t_args("decision-hear-done", &[("date", long_date(lang, day).into())])
                }
                (_, Some(day)) => lang.t_args("decision-hear-on", &[("date", long_date(lang, day).into())]),
                (_, None) => lang.t("decision-final"),
            });
            lang.t(if changed { "decision-subject-changed" } else { "decision-subject" })
        }
        Told::Pending { by } => {
            all.extend(facts);
            all.push(lang.t_args("decision-pending", &[("date", long_date(lang, by).into())]));
            lang.t("decision-subject-pending")
        }
        Told::Done { texts } => {
            let words = words_for(texts, lang);
            other_language = words.is_some_and(|(_, other)| other);
            all.push(lang.t("plan-done-intro"));
            all.extend(facts);
            all.push(lang.t("plan-done-what"));
            if let Some((w, _)) = words {
                push(&mut all, &w.outcome);
            }
            all.push(lang.t("plan-done-final"));
            lang.t("plan-done-subject")
        }
        Told::Moved { why, texts, due_on } => {
            let (why, other) = in_language(why, lang);
            let words = words_for(texts, lang);
            other_language = other || words.is_some_and(|(_, other)| other);
            all.push(lang.t("plan-moved-intro"));
            if let Some((_, text)) = why {
                push(&mut all, text);
            }
            all.extend(facts);
            all.push(lang.t("decision-act"));
            if let Some((w, _)) = words {
                push(&mut all, &w.outcome);
            }
            all.push(lang.t_args("decision-hear-done", &[("date", long_date(lang, due_on).into())]));
            lang.t("plan-moved-subject")
        }
        Told::Reopened { texts, promised_on } => {
            let (why, other) = in_language(texts, lang);
            other_language = other;
            all.push(lang.t("reopen-intro"));
            if let Some((_, text)) = why {
                push(&mut all, text);
            }
            all.extend(facts);
            all.push(lang.t_args("ack-date", &[("date", long_date(lang, promised_on).into())]));
            lang.t("reopen-subject")
        }
    };
    Composed { subject, paragraphs: all, other_language }
}

/// The owner's text in `lang`, else the first written (Dutch, French, English) — `true` then.
fn in_language(texts: &[(Lang, String)], lang: Lang) -> (Option<&(Lang, String)>, bool) {
    if let Some(own) = texts.iter().find(|(l, _)| *l == lang) {
        return (Some(own), false);
    }
    (Lang::ALL.iter().find_map(|l| texts.iter().find(|(t, _)| t == l)), true)
}

fn kind_line(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Act => "decision-act",
        DecisionKind::NoAction => "decision-no-action",
        DecisionKind::AlreadyDone => "decision-already-done",
        // A duplicate is told the root's kind; its own line is `decision-duplicate`.
        DecisionKind::Duplicate => "decision-duplicate",
        DecisionKind::Praise => "decision-praise",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remarks::Feeling;

    fn remark(lang: Lang, words: &str) -> Remark {
        Remark {
            feeling_words: words.into(),
            heard_on: "2026-11-21".into(),
            ..Remark::of_customer("Lemaire", lang, "Le pain est parti à dix heures.", Feeling::Frustrated)
        }
    }

    #[test]
    fn the_feeling_comes_first_then_the_facts_the_reason_and_the_end() {
        let r = remark(Lang::Fr, "j'étais fâchée");
        let texts = [DecisionWords {
            language: Lang::Fr,
            outcome: "Notre four ne cuit que 200 pains; un second coûterait plus que ce qu'il rapporte."
                .into(),
            ..Default::default()
        }];
        let told = Told::Decided {
            kind: DecisionKind::NoAction,
            texts: &texts,
            hear_again_on: None,
            changed: false,
            via_duplicate: false,
        };
        let message = compose(Lang::Fr, true, &told, &[&r]);
        let p = &message.paragraphs;
        assert!(p[0].contains("désolés"), "{p:?}");
        assert!(p[1].contains("« j'étais fâchée »"), "{p:?}");
        assert!(p[2].contains("samedi 21 novembre 2026"), "{p:?}");
        assert!(p[4].starts_with("Notre four"), "{p:?}");
        assert_eq!(p.len(), 6, "{p:?}");
        assert!(!message.other_language);
    }

    #[test]
    fn a_customer_without_words_in_their_language_gets_the_frame_in_theirs() {
        let r = remark(Lang::En, "");
        let texts = [DecisionWords {
            language: Lang::Nl,
            outcome: "Vanaf januari bakken we bij.".into(),
            ..Default::default()
        }];
        let day = NaiveDate::from_ymd_opt(2027, 1, 9).expect("day");
        let told = Told::Decided {
            kind: DecisionKind::Act,
            texts: &texts,
            hear_again_on: Some(day),
            changed: false,
            via_duplicate: false,
        };
        let message = compose(Lang::En, false, &told, &[&r]);
        assert!(message.other_language);
        assert!(message.plain().contains("Vanaf januari"));
        assert!(message.plain().contains("Saturday 9 January 2027"), "{}", message.plain());
    }
}
