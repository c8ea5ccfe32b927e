//! The inbox's order (docs/triage.md): what is overdue comes first, the most overdue first; then
//! what is not, by the time left on its current promise, brought forward six hours per step of
//! the customer's frustration; at equal time, the more frustrated first, so delight comes last.
//! Both parts are keys a remark can store — the promise's instant and [`key`] — so the inbox is
//! two indexed range scans (overdue: by the promise; the rest: by the key), never a sort over
//! every remark.

use std::cmp::Ordering;

use crate::remarks::Feeling;

/// How far one step of frustration brings a remark forward.
pub const STEP_SECS: i64 = 6 * 3600;

/// Steps above delight on the five-step scale: very frustrated 4 … delighted 0.
pub fn steps(feeling: Feeling) -> i64 {
    match feeling {
        Feeling::VeryFrustrated => 4,
        Feeling::Frustrated => 3,
        Feeling::Neutral => 2,
        Feeling::Pleased => 1,
        Feeling::Delighted => 0,
    }
}

/// The order of a remark not yet overdue: its promise's instant, brought forward.
pub fn key(due: i64, feeling: Feeling) -> i64 {
    due - STEP_SECS * steps(feeling)
}

/// What the order looks at: when the answer is due, and how the customer felt.
#[derive(Clone, Copy, Debug)]
pub struct Waiting {
    pub due: i64,
    pub feeling: Feeling,
}

/// The inbox's order at `now` (a promise is late from its instant on).
pub fn compare(now: i64, a: &Waiting, b: &Waiting) -> Ordering {
    let more_frustrated_first = steps(b.feeling).cmp(&steps(a.feeling));
    match (a.due <= now, b.due <= now) {
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (true, true) => a.due.cmp(&b.due).then(more_frustrated_first),
        (false, false) => key(a.due, a.feeling).cmp(&key(b.due, b.feeling)).then(more_frustrated_first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inbox_runs_as_the_table_says() {
        const H: i64 = 3600;
        let now = 1_795_428_000;
        // (name, due relative to now, feeling) in the expected order.
        let table = [
            ("three hours late", -3 * H, Feeling::Neutral),
            ("an hour late, even if delighted", -H, Feeling::Delighted),
            ("late at this very instant", 0, Feeling::Pleased),
            ("10 h left, neutral: 10 − 12 = −2 h", 10 * H, Feeling::Neutral),
            ("18 h left, frustrated: 18 − 18 = 0 h", 18 * H, Feeling::Frustrated),
            ("30 h left, very frustrated: 30 − 24 = 6 h", 30 * H, Feeling::VeryFrustrated),
            ("18 h left, pleased: 18 − 6 = 12 h", 18 * H, Feeling::Pleased),
            ("12 h left, delighted: 12 h, and delight last", 12 * H, Feeling::Delighted),
            ("100 h left, very frustrated: 76 h", 100 * H, Feeling::VeryFrustrated),
        ];
        let mut shuffled: Vec<(&str, Waiting)> = table
            .iter()
            .rev()
            .map(|(name, due, feeling)| (*name, Waiting { due: now + due, feeling: *feeling }))
            .collect();
        shuffled.swap(1, 5);
        shuffled.swap(0, 3);
        shuffled.sort_by(|a, b| compare(now, &a.1, &b.1));
        let order: Vec<&str> = shuffled.iter().map(|(name, _)| *name).collect();
        assert_eq!(order, table.iter().map(|(name, _, _)| *name).collect::<Vec<_>>());
    }

    #[test]
    fn the_stored_key_orders_what_is_not_late_as_compare_does() {
        let now = 0;
        let feelings = [
            Feeling::VeryFrustrated,
            Feeling::Frustrated,
            Feeling::Neutral,
            Feeling::Pleased,
            Feeling::Delighted,
        ];
        let waiting: Vec<Waiting> =
            (1..200).map(|i| Waiting { due: i * 1800, feeling: feelings[(i as usize * 7) % 5] }).collect();
        for a in &waiting {
            for b in &waiting {
                let by_key = key(a.due, a.feeling).cmp(&key(b.due, b.feeling));
                if by_key != Ordering::Equal {
                    assert_eq!(compare(now, a, b), by_key, "{a:?} {b:?}");
                }
            }
        }
    }
}
