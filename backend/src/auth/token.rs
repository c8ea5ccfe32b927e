//! Tokens: random, URL-safe, stored only as SHA-256 hashes; expiries kept to the day. The tokens
//! that carry a person (refresh and one-time tokens) are sealed: see `auth::sealed`. Their exact
//! expiry is inside, covered by the seal — a queued mail in the outbox (or its stale copy in a
//! WAL) holds a link next to the recipient, and must not give the moment the person asked for it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const DAY: i64 = 24 * 3600;

/// 32 random bytes, URL-safe base64.
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of a token.
pub fn hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// The end of the day (UTC) an instant falls in: expiries are stored to the day.
pub fn day_ceiling(epoch_secs: i64) -> i64 {
    epoch_secs - epoch_secs.rem_euclid(DAY) + DAY
}

/// Compare secrets without leaking where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiries_round_up_to_the_day() {
        assert_eq!(day_ceiling(0), DAY);
        assert_eq!(day_ceiling(DAY - 1), DAY);
        assert_eq!(day_ceiling(DAY + 5), 2 * DAY);
        assert!(
            constant_time_eq(b"abc", b"abc")
                && !constant_time_eq(b"abc", b"abd")
                && !constant_time_eq(b"a", b"ab")
        );
    }
}
