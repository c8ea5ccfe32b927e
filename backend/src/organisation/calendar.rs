//! The organisation's calendar as the promise clock needs it (docs/triage.md): how its promise
//! is kept in the database, the days it is closed, and both turned into `triage::promise`'s
//! terms.

use chrono::NaiveDate;

use super::{Organisation, Promise, PromiseUnit};
use crate::error::{FieldCode, FieldIssue};
use crate::triage::promise::{Calendar, Span};
use crate::web::validate::Checks;

/// At most this many closed days: a year's public holidays and closures, several times over.
pub const MAX_CLOSED_DAYS: usize = 100;

pub fn unit_text(unit: PromiseUnit) -> &'static str {
    match unit {
        PromiseUnit::Hours => "hours",
        PromiseUnit::Days => "days",
        PromiseUnit::WorkingDays => "working_days",
    }
}

pub fn unit_from_text(text: &str) -> PromiseUnit {
    match text {
        "days" => PromiseUnit::Days,
        "working_days" => PromiseUnit::WorkingDays,
        _ => PromiseUnit::Hours,
    }
}

/// The closed days as stored: a JSON list of `YYYY-MM-DD` (an unreadable one is left out).
pub fn days_from_json(stored: &str) -> Vec<NaiveDate> {
    let texts: Vec<String> = serde_json::from_str(stored).unwrap_or_default();
    texts.iter().filter_map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()).collect()
}

pub fn days_to_json(days: &[NaiveDate]) -> String {
    let texts: Vec<String> = days.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect();
    serde_json::to_string(&texts).unwrap_or_else(|_| "[]".into())
}

impl Promise {
    /// The promise as the promise clock counts it.
    pub fn span(self) -> Span {
        let value = u32::try_from(self.value).unwrap_or(0);
        match self.unit {
            PromiseUnit::Hours => Span::Hours(value),
            PromiseUnit::Days => Span::Days(value),
            PromiseUnit::WorkingDays => Span::WorkingDays(value),
        }
    }
}

impl Organisation {
    /// Where its days are counted.
    pub fn calendar(&self) -> Calendar<'_> {
        Calendar { zone: self.time_zone, closed: &self.closed_days }
    }

    /// When the answer to a remark that came in at `start` (its hour) is due.
    pub fn due(&self, start: i64) -> i64 {
        crate::triage::promise::due(start, self.promise.span(), &self.calendar())
    }

    /// The day `at` falls on, here.
    pub fn day_of(&self, at: i64) -> NaiveDate {
        self.calendar().day_of(at)
    }

    /// The day `at` falls on, here, as `YYYY-MM-DD`.
    pub fn day_text(&self, at: i64) -> String {
        self.day_of(at).format("%Y-%m-%d").to_string()
    }

    /// The instant `day` ends, here: a promise named by its day holds until then.
    pub fn end_of_day(&self, day: NaiveDate) -> i64 {
        self.calendar().end_of(day)
    }
}

/// The closed days as sent: each a real `YYYY-MM-DD` day, each once, at most
/// [`MAX_CLOSED_DAYS`]; returned in order.
pub fn check_closed_days(checks: &mut Checks, given: &[String]) -> Vec<NaiveDate> {
    if given.len() > MAX_CLOSED_DAYS {
        checks.push(
            FieldIssue::new("/closed_days", FieldCode::InvalidLength).with_limit(MAX_CLOSED_DAYS as u64),
        );
        return Vec::new();
    }
    let mut days = Vec::new();
    for (i, text) in given.iter().enumerate() {
        match crate::web::validate::exact_day(text) {
            Some(day) => days.push(day),
            None => checks.push(
                FieldIssue::new(format!("/closed_days/{i}"), FieldCode::InvalidValue).with_hint("field-date"),
            ),
        }
    }
    checks.unique("/closed_days", &days);
    days.sort();
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_days_are_real_days_each_once() {
        let mut checks = Checks::new();
        let days = check_closed_days(&mut checks, &["2027-12-25".into(), "2027-01-01".into()]);
        assert!(checks.is_ok());
        assert_eq!(days.iter().map(|d| d.to_string()).collect::<Vec<_>>(), ["2027-01-01", "2027-12-25"]);
        for wrong in [
            vec!["2027-02-30".to_owned()],
            vec!["2027-1-1".into()],
            vec!["2027-01-01".into(), "2027-01-01".into()],
        ] {
            let mut checks = Checks::new();
            check_closed_days(&mut checks, &wrong);
            assert!(!checks.is_ok(), "{wrong:?}");
        }
        let mut checks = Checks::new();
        check_closed_days(&mut checks, &vec!["2027-01-01".to_owned(); MAX_CLOSED_DAYS + 1]);
        assert!(!checks.is_ok(), "too many");
    }

    #[test]
    fn every_unit_is_kept_as_it_was_given() {
        for unit in [PromiseUnit::Hours, PromiseUnit::Days, PromiseUnit::WorkingDays] {
            assert_eq!(unit_from_text(unit_text(unit)), unit);
        }
    }
}
