//! Field checks for request bodies. Every problem of a body is collected and reported at once,
//! each with its JSON Pointer, so a form can mark every wrong field in one round trip.

use crate::error::{AppError, FieldCode, FieldIssue};

#[derive(Default)]
pub struct Checks(Vec<FieldIssue>);

/// The longest e-mail address SMTP carries (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;

impl Checks {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, issue: FieldIssue) {
        self.0.push(issue);
    }

    /// Trimmed text of 1..=`max` characters.
    pub fn text(&mut self, pointer: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.push(FieldIssue::new(pointer, FieldCode::Blank));
        } else if value.chars().count() > max {
            self.push(FieldIssue::new(pointer, FieldCode::TooLong).with_limit(max as u64));
        }
        value.to_owned()
    }

    /// An e-mail address, trimmed and lower-cased (how we store and compare them).
    pub fn email(&mut self, pointer: &str, value: &str) -> String {
        let value = value.trim().to_lowercase();
        if value.is_empty() {
            self.push(FieldIssue::new(pointer, FieldCode::Blank));
        } else if value.len() > EMAIL_MAX || value.parse::<lettre::Address>().is_err() {
            self.push(FieldIssue::new(pointer, FieldCode::InvalidEmail));
        }
        value
    }

    pub fn is_ok(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when every check passed, else one 422 problem listing them all.
    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() { Ok(()) } else { Err(AppError::InvalidBody(self.0)) }
    }
}

/// An id the app made: a UUID v4 (any other version can carry a time), in canonical lower-case
/// form; `None` for anything else.
pub fn uuid_v4(given: &str) -> Option<String> {
    uuid::Uuid::parse_str(given.trim())
        .ok()
        .filter(|u| u.get_version_num() == 4 && u.get_variant() == uuid::Variant::RFC4122)
        .map(|u| u.hyphenated().to_string())
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
}
