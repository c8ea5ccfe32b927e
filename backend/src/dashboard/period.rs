//! The period the dashboard looks at and the one before it, in the organisation's days.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldCode, FieldIssue};
use crate::organisation::Organisation;
use crate::web::validate::exact_day;

/// The longest custom period, in days.
pub const MAX_DAYS: i64 = 366;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Monday to Sunday.
    Week,
    /// The calendar month.
    #[default]
    Month,
    /// The calendar quarter.
    Quarter,
    /// `from` to `to`, both included.
    Custom,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    /// Default `month`: the one today falls in.
    pub period: Option<PeriodKind>,
    /// The first day of a custom period.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<String>,
    /// The last day of a custom period (included).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<String>,
}

/// A period's days, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Span {
    /// `[from, to)` in epoch seconds, here.
    pub fn instants(&self, org: &Organisation) -> (i64, i64) {
        (crate::news::figures::start_of(org, self.first), org.end_of_day(self.last))
    }

    pub fn days(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }
}

/// The period asked for and the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chosen {
    pub kind: PeriodKind,
    pub current: Span,
    pub previous: Span,
}

fn refuse(pointer: &str, hint: &'static str) -> AppError {
    AppError::InvalidBody(vec![FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint(hint)])
}

fn day(given: &str, pointer: &str) -> Result<NaiveDate, AppError> {
    exact_day(given)
        .filter(|d| (2000..=2100).contains(&d.year()))
        .ok_or_else(|| refuse(pointer, "field-period-day"))
}

impl Chosen {
    /// The period `query` names, `today` being the organisation's.
    pub fn of(query: &PeriodQuery, today: NaiveDate) -> Result<Self, AppError> {
        let kind = query.period.unwrap_or_default();
        if kind != PeriodKind::Custom {
            if query.from.is_some() {
                return Err(refuse("/from", "field-period-not-custom"));
            }
            if query.to.is_some() {
                return Err(refuse("/to", "field-period-not-custom"));
            }
        }
        let (current, previous) = match kind {
            PeriodKind::Week => {
                let first = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
                let week = |first: NaiveDate| Span { first, last: first + Days::new(6) };
                (week(first), week(first - Days::new(7)))
            }
            PeriodKind::Month => months(today, 1),
            PeriodKind::Quarter => months(today, 3),
            PeriodKind::Custom => {
                let from =
                    day(query.from.as_deref().ok_or_else(|| refuse("/from", "field-period-day"))?, "/from")?;
                let to = day(query.to.as_deref().ok_or_else(|| refuse("/to", "field-period-day"))?, "/to")?;
                let current = Span { first: from, last: to };
                if to < from || current.days() > MAX_DAYS {
                    return Err(refuse("/to", "field-period-span"));
                }
                let before = from.pred_opt().ok_or_else(|| refuse("/from", "field-period-day"))?;
                let first = before - Days::new(u64::try_from(current.days() - 1).unwrap_or(0));
                (current, Span { first, last: before })
            }
        };
        Ok(Self { kind, current, previous })
    }
}

/// The `size`-month span (a month, a quarter) `today` falls in, and the one before.
fn months(today: NaiveDate, size: u32) -> (Span, Span) {
    let month0 = today.month0() / size * size;
    let first = NaiveDate::from_ymd_opt(today.year(), month0 + 1, 1).unwrap_or(today);
    let span =
        |first: NaiveDate| Span { first, last: (first + Months::new(size)).pred_opt().unwrap_or(first) };
    (span(first), span(first - Months::new(size)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        exact_day(text).unwrap()
    }

    fn chosen(
        period: PeriodKind,
        from: Option<&str>,
        to: Option<&str>,
        today: &str,
    ) -> Result<Chosen, AppError> {
        let query =
            PeriodQuery { period: Some(period), from: from.map(str::to_owned), to: to.map(str::to_owned) };
        Chosen::of(&query, d(today))
    }

    #[test]
    fn calendar_periods_and_the_ones_before() {
        let week = chosen(PeriodKind::Week, None, None, "2026-12-04").unwrap();
        assert_eq!((week.current.first, week.current.last), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!((week.previous.first, week.previous.last), (d("2026-11-23"), d("2026-11-29")));
        let month = chosen(PeriodKind::Month, None, None, "2026-03-31").unwrap();
        assert_eq!((month.current.first, month.current.last), (d("2026-03-01"), d("2026-03-31")));
        assert_eq!((month.previous.first, month.previous.last), (d("2026-02-01"), d("2026-02-28")));
        let quarter = chosen(PeriodKind::Quarter, None, None, "2026-01-15").unwrap();
        assert_eq!((quarter.current.first, quarter.current.last), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!((quarter.previous.first, quarter.previous.last), (d("2025-10-01"), d("2025-12-31")));
    }

    #[test]
    fn a_custom_period_is_checked_and_its_previous_is_as_long() {
        let c = chosen(PeriodKind::Custom, Some("2026-11-01"), Some("2026-11-10"), "2026-12-04").unwrap();
        assert_eq!((c.previous.first, c.previous.last), (d("2026-10-22"), d("2026-10-31")));
        assert!(chosen(PeriodKind::Custom, Some("2026-11-10"), Some("2026-11-01"), "2026-12-04").is_err());
        assert!(chosen(PeriodKind::Custom, Some("2025-01-01"), Some("2026-01-02"), "2026-12-04").is_err());
        assert!(chosen(PeriodKind::Custom, Some("2026-11-01"), None, "2026-12-04").is_err());
        assert!(chosen(PeriodKind::Custom, Some("1999-12-31"), Some("2000-01-01"), "2026-12-04").is_err());
        assert!(chosen(PeriodKind::Month, Some("2026-11-01"), None, "2026-12-04").is_err());
    }
}
