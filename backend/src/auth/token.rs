//! Tokens: random, URL-safe, stored only as SHA-256 hashes. One-time tokens carry their exact
//! expiry inside (`<expiry>.<random>`), covered by the hash, so the database keeps just the day.

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

/// A one-time token valid until `expires_at` (exact, inside the token).
pub fn one_time(expires_at: i64) -> String {
    format!("{expires_at}.{}", random())
}

/// The exact expiry a one-time token carries; `None` when malformed.
pub fn one_time_expiry(token: &str) -> Option<i64> {
    let (expiry, rest) = token.split_once('.')?;
    (rest.len() >= 40).then_some(())?;
    expiry.parse().ok()
}

/// Compare secrets without leaking where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_tokens_carry_their_expiry_and_differ_every_time() {
        let t = one_time(1_800_000_000);
        assert_eq!(one_time_expiry(&t), Some(1_800_000_000));
        assert_ne!(one_time(1), one_time(1));
        assert_eq!(one_time_expiry("123.short"), None);
        assert_eq!(one_time_expiry("nodot"), None);
        assert_ne!(hash(&t), hash(&t.replacen("1800", "1900", 1)), "the expiry is covered by the hash");
    }

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
