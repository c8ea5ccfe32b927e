//! The promise clock (docs/triage.md): the instant by which a remark must be answered. It starts
//! at the remark's hour. A promise in hours runs by the clock; in days, it ends at the end of
//! the last day in the organisation's time zone (midnight there, whatever daylight saving does
//! in between); in working days, only Monday to Friday count, and not the days the organisation
//! is closed. The day a remark comes in never counts as one of the days.

use chrono::{Datelike, Days, NaiveDate, TimeZone, Weekday};
use chrono_tz::Tz;

/// How long the organisation gives itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Hours(u32),
    Days(u32),
    WorkingDays(u32),
}

/// Where the days are counted: the organisation's time zone and the days it is closed.
pub struct Calendar<'a> {
    pub zone: Tz,
    pub closed: &'a [NaiveDate],
}

impl Calendar<'_> {
    fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.closed.contains(&day)
    }

    /// The first instant of `day` there (its midnight; the first instant after a gap when a
    /// time zone skips midnight).
    fn start_of(&self, day: NaiveDate) -> i64 {
        let mut local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        for _ in 0..4 {
            if let Some(at) = self.zone.from_local_datetime(&local).earliest() {
                return at.timestamp();
            }
            local += chrono::Duration::minutes(30);
        }
        local.and_utc().timestamp()
    }

    /// The instant `day` ends there: a promise made for a day holds until its last moment.
    pub fn end_of(&self, day: NaiveDate) -> i64 {
        self.start_of(day.succ_opt().unwrap_or(day))
    }

    pub fn day_of(&self, at: i64) -> NaiveDate {
        chrono::DateTime::from_timestamp(at, 0).unwrap_or_default().with_timezone(&self.zone).date_naive()
    }
}

/// When the answer to a remark that came in at `start` (its hour, Unix seconds) is due.
pub fn due(start: i64, span: Span, calendar: &Calendar) -> i64 {
    let first = calendar.day_of(start);
    let last = match span {
        Span::Hours(hours) => return start + i64::from(hours) * 3600,
        Span::Days(days) => first.checked_add_days(Days::new(u64::from(days))).unwrap_or(first),
        Span::WorkingDays(days) => {
            let mut day = first;
            let mut counted = 0;
            // A year of closed days at most: a calendar closed for longer is a mistake, and the
            // promise then ends where the counting stopped.
            for _ in 0..(u64::from(days) * 7 + 400) {
                if counted == days {
                    break;
                }
                day = day.succ_opt().unwrap_or(day);
                if calendar.is_working_day(day) {
                    counted += 1;
                }
            }
            day
        }
    };
    calendar.start_of(last.succ_opt().unwrap_or(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(zone: Tz, local: &str) -> i64 {
        let naive = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("a local time");
        zone.from_local_datetime(&naive).earliest().expect("exists").timestamp()
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a day")
    }

    #[test]
    fn promises_end_where_the_table_says() {
        let brussels = chrono_tz::Europe::Brussels;
        // 2027-03-28 is the Sunday Brussels moves to summer time (02:00 → 03:00); 2027-03-29 an
        // Easter Monday the organisation is closed on.
        let closed = [day("2027-03-29")];
        let calendar = Calendar { zone: brussels, closed: &closed };
        let table = [
            // (came in, local, promise, due, local)
            ("2027-03-24 10:00", Span::Hours(48), "2027-03-26 10:00"),
            // 48 hours across the change: by the clock, so 11:00 on the local clock.
            ("2027-03-27 10:00", Span::Hours(48), "2027-03-29 11:00"),
            ("2027-03-24 10:00", Span::Days(2), "2027-03-27 00:00"),
            // The day of 23 hours counts as a day; the promise ends at midnight there.
            ("2027-03-27 10:00", Span::Days(1), "2027-03-29 00:00"),
            ("2027-03-27 23:00", Span::Days(2), "2027-03-30 00:00"),
            // Working days: Thursday + 2 = Friday, then (weekend, closed Monday) Tuesday.
            ("2027-03-25 16:00", Span::WorkingDays(2), "2027-03-31 00:00"),
            // Came in on a Saturday: Tuesday is the first working day, Wednesday the second.
            ("2027-03-27 10:00", Span::WorkingDays(2), "2027-04-01 00:00"),
            // Came in on the closed Monday.
            ("2027-03-29 09:00", Span::WorkingDays(1), "2027-03-31 00:00"),
            // Just before midnight: the day it came in still does not count.
            ("2027-03-26 23:00", Span::WorkingDays(1), "2027-03-31 00:00"),
            // Back to winter time (2027-10-31, 03:00 → 02:00): a day of 25 hours.
            ("2027-10-30 12:00", Span::Days(1), "2027-11-01 00:00"),
            ("2027-10-30 12:00", Span::Hours(24), "2027-10-31 11:00"),
        ];
        for (came_in, span, expected) in table {
            let start = at(brussels, came_in);
            let due = due(start, span, &calendar);
            assert_eq!(due, at(brussels, expected), "{came_in} + {span:?}: {}", {
                chrono::DateTime::from_timestamp(due, 0).expect("due").with_timezone(&brussels)
            });
        }
    }

    #[test]
    fn a_calendar_closed_for_ever_still_ends() {
        let closed: Vec<NaiveDate> = (0..3000).map(|i| day("2027-01-01") + Days::new(i)).collect();
        let calendar = Calendar { zone: chrono_tz::UTC, closed: &closed };
        let start = at(chrono_tz::UTC, "2027-01-04 10:00");
        assert!(due(start, Span::WorkingDays(5), &calendar) > start);
    }
}
