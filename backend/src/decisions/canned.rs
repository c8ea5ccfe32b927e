//! The editor's warnings on the owner's words (docs/decisions.md): canned phrases that tell a
//! customer nothing ("z.s.m.", "we komen erop terug", "dans les plus brefs délais", "as soon as
//! possible", …) and a reason shorter than a sentence. Warnings, never refusals: the owner may
//! have a good reason for a short answer, and a list of phrases cannot judge honesty.

/// Phrases that promise nothing, in nl, fr and en, folded (lower case, no accents, single
/// spaces). Matched on whole words whatever the text's language.
const PHRASES: &[&str] = &[
    // nl
    "z.s.m",
    "zsm",
    "zo snel mogelijk",
    "zo spoedig mogelijk",
    "we komen erop terug",
    "we komen er op terug",
    "we komen hier later op terug",
    "wordt bekeken",
    "we bekijken het",
    "in behandeling",
    "om beleidsredenen",
    "niet mogelijk op dit moment",
    "we nemen het mee",
    "we houden er rekening mee",
    // fr
    "dans les plus brefs delais",
    "des que possible",
    "nous reviendrons vers vous",
    "nous revenons vers vous",
    "en cours de traitement",
    "nous etudions la question",
    "pour des raisons de politique",
    "pas possible pour le moment",
    "nous en tenons compte",
    // en
    "as soon as possible",
    "asap",
    "we will get back to you",
    "we'll get back to you",
    "being looked into",
    "under review",
    "for policy reasons",
    "not possible at this time",
    "we will take it into account",
    "we have taken note",
];

/// Fewer words than this is not a sentence that explains anything.
pub const SENTENCE_WORDS: usize = 6;

/// Lower case, accents folded, words between single spaces (a word may hold the dots of
/// "z.s.m." and an apostrophe; a dot ending a word is dropped).
fn fold(text: &str) -> String {
    let folded = crate::remarks::search::fold(&text.to_lowercase()).replace('\u{2019}', "'");
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map(|w| w.trim_matches(|c| c == '.' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    format!(" {} ", words.join(" "))
}

/// The canned phrases `text` holds, as listed.
pub fn phrases_in(text: &str) -> Vec<&'static str> {
    let folded = fold(text);
    PHRASES.iter().filter(|p| folded.contains(&fold(p))).copied().collect()
}

/// Shorter than a sentence (blank counts as short).
pub fn is_short(text: &str) -> bool {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() < SENTENCE_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_phrases_are_found_in_every_language_and_case() {
        assert_eq!(phrases_in("We komen erop terug."), ["we komen erop terug"]);
        assert_eq!(phrases_in("Dit regelen we Z.S.M.!"), ["z.s.m"]);
        assert_eq!(
            phrases_in("Nous reviendrons vers vous dans les plus brefs délais."),
            ["dans les plus brefs delais", "nous reviendrons vers vous"]
        );
        assert_eq!(phrases_in("We'll get back to you ASAP"), ["asap", "we'll get back to you"]);
        assert!(phrases_in("We bakken vanaf januari op zaterdag een tweede keer, om negen uur.").is_empty());
        assert!(phrases_in("Wasapparaat").is_empty(), "whole words only");
    }

    #[test]
    fn a_reason_shorter_than_a_sentence_is_short() {
        assert!(is_short("Te duur."));
        assert!(is_short("  "));
        assert!(!is_short("Een tweede oven kost meer dan de bakkerij dit jaar verdient."));
    }
}
