//! Field checks for request bodies. Every problem of a body is collected and reported at once,
//! each with its JSON Pointer, so a form can mark every wrong field in one round trip.

use crate::error::{AppError, FieldCode, FieldIssue};

#[derive(Default)]
pub struct Checks(Vec<FieldIssue>);

/// Characters that rewrite how text around them reads: bidirectional embeddings, overrides and
/// isolates ("Trojan source" spoofing of a name or a title).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Refused in a single line (a name, a label, a title — anything that can reach a mail header
/// or a page title): every C0 and C1 control (CR, LF, NUL, …), the Unicode line and paragraph
/// separators, and bidi controls.
pub fn bad_in_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_bidi_control(c)
}

/// Refused in running text (facts, a question): the same, but line breaks and tabs are text.
pub fn bad_in_text(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || is_bidi_control(c)
}

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, issue: FieldIssue) {
        self.0.push(issue);
    }

    /// One line of 1..=`max` characters, trimmed: a name, a label, a title. No control
    /// characters or line breaks (see [`bad_in_line`]).
    pub fn line(&mut self, pointer: &str, value: &str, max: usize) -> String {
        self.checked(pointer, value, max, (bad_in_line, None))
    }

    /// Running text of 1..=`max` characters, trimmed: line breaks allowed, other control
    /// characters not (see [`bad_in_text`]).
    pub fn text(&mut self, pointer: &str, value: &str, max: usize) -> String {
        self.checked(pointer, value, max, (bad_in_text, Some("field-control-character-text")))
    }

    /// Optional running text of at most `max` characters ("" when absent).
    pub fn optional_text(&mut self, pointer: &str, value: Option<&str>, max: usize) -> String {
        let typed = value.unwrap_or("");
        if typed.trim().is_empty() { String::new() } else { self.text(pointer, typed, max) }
    }

    fn checked(
        &mut self,
        pointer: &str,
        value: &str,
        max: usize,
        (bad, hint): (fn(char) -> bool, Option<&'static str>),
    ) -> String {
        let typed = value;
        let value = value.trim();
        if value.is_empty() {
            self.push(FieldIssue::new(pointer, FieldCode::Blank));
        } else if value.chars().any(bad) {
            let issue = FieldIssue::new(pointer, FieldCode::ControlCharacter);
            self.push(match hint {
                Some(hint) => issue.with_hint(hint),
                None => issue,
            });
        } else if typed.chars().count() > max {
            // Counted as typed, as the API document's maxLength counts.
            self.push(FieldIssue::new(pointer, FieldCode::TooLong).with_limit(max as u64));
        }
        value.to_owned()
    }

    /// An e-mail address the mailer can send to, normalised as stored and compared (trimmed,
    /// lower-cased, the domain in ASCII): checked by the mailer's own parser
    /// ([`crate::mail::address`]).
    pub fn email(&mut self, pointer: &str, value: &str) -> String {
        let typed = value.trim();
        if typed.is_empty() {
            self.push(FieldIssue::new(pointer, FieldCode::Blank));
            return String::new();
        }
        crate::mail::address::normalise(typed).unwrap_or_else(|| {
            self.push(FieldIssue::new(pointer, FieldCode::InvalidEmail));
            typed.to_lowercase()
        })
    }

    /// A list given with a value twice is refused (the document says `uniqueItems`): nothing
    /// is silently dropped from what was sent.
    pub fn unique<T: PartialEq>(&mut self, pointer: &str, list: &[T]) {
        if list.iter().enumerate().any(|(i, a)| list[..i].contains(a)) {
            self.push(FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint("field-duplicate"));
        }
    }

    pub fn is_ok(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when every check passed, else one 422 problem listing them all.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() { Ok(()) } else { Err(AppError::InvalidBody(self.0)) }
    }
}

/// A day written exactly `YYYY-MM-DD`, and a real one. (chrono's parser alone also takes
/// `2026-11-5`, spaces before a number and a signed year.)
pub fn exact_day(given: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(given, "%Y-%m-%d")
        .ok()
        .filter(|day| day.format("%Y-%m-%d").to_string() == given)
}

/// An id the app made: a UUID v4 (any other version can carry a time), in canonical lower-case
/// form; `None` for anything else.
pub fn uuid_v4(given: &str) -> Option<String> {
    crate::ids::canonical_uuid_v4(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_issue_and_normalises() {
        let mut c = Checks::new();
        assert_eq!(c.email("/email", "  An.Peeters@Example.BE "), "an.peeters@example.be");
        assert!(c.is_ok());
        c.email("/email2", "not an address");
        c.text("/name", "   ", 10);
        c.text("/city", "Sint-Pieters-Leeuw", 5);
        assert_eq!(c.text("/facts", "  two\r\nlines\tand a tab ", 100), "two\r\nlines\tand a tab");
        let Err(AppError::InvalidBody(issues)) = c.finish() else { panic!("issues expected") };
        let codes: Vec<_> = issues.iter().map(|i| (i.pointer.as_str(), i.code)).collect();
        assert_eq!(
            codes,
            [
                ("/email2", FieldCode::InvalidEmail),
                ("/name", FieldCode::Blank),
                ("/city", FieldCode::TooLong)
            ]
        );
        assert_eq!(issues[2].limit, Some(5));
    }

    #[test]
    fn control_characters_are_refused_where_they_could_break_a_header() {
        let hostile = [
            "Org\r\nBcc: x@example.be",
            "Org\nX",
            "Org\0X",
            "Org\u{7}X",
            "Org\u{1b}[31m",
            "Org\u{85}X",
            "Org\u{9b}X",
            "Org\u{2028}X",
            "Org\u{2029}X",
            "Org\u{202E}gpj.exe",
            "Org\u{2066}X",
            "Org\tX",
        ];
        for value in hostile {
            let mut c = Checks::new();
            c.line("/name", value, 120);
            let Err(AppError::InvalidBody(issues)) = c.finish() else { panic!("{value:?} refused") };
            assert_eq!((issues[0].pointer.as_str(), issues[0].code), ("/name", FieldCode::ControlCharacter));
        }
        for (value, refused) in [
            ("two\nlines", false),
            ("tab\tbed", false),
            ("nul\0x", true),
            ("bell\u{7}x", true),
            ("c1\u{85}x", true),
            ("bidi\u{202E}x", true),
        ] {
            let mut c = Checks::new();
            c.text("/facts", value, 100);
            assert_eq!(c.is_ok(), !refused, "{value:?}");
        }
        let mut c = Checks::new();
        c.line("/name", "Zoë Van den Broeck-Dupont, l'Oréal — “café” 🍰", 120);
        assert!(c.is_ok(), "ordinary names pass");
    }
}
