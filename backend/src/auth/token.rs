//! Tokens: random, URL-safe, stored only as SHA-256 hashes. One-time tokens carry their exact
//! expiry inside (`<masked expiry>.<random>`), covered by the hash, so the database keeps just
//! the day. The expiry is masked with a key from `key_dir`: a queued mail in the outbox (or its
//! stale copy in a WAL) holds the link next to the recipient, and must not give the moment the
//! person asked for it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::keys::SecretKey;

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

/// Hides and reveals one-time tokens' expiries: a key derived from the session key.
#[derive(Clone)]
pub struct ExpiryMask([u8; 32]);

impl ExpiryMask {
    pub fn new(session: &SecretKey) -> Self {
        Self(keyed(session.bytes(), b"earshot/one-time-expiry/v1"))
    }

    /// The 8-byte mask for a token's random part.
    fn mask(&self, random: &str) -> i64 {
        let bytes = keyed(&self.0, random.as_bytes());
        i64::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]])
    }

    /// A one-time token valid until `expires_at` (exact, masked, inside the token).
    pub fn token(&self, expires_at: i64) -> String {
        let random = random();
        let masked = expires_at ^ self.mask(&random);
        format!("{}.{random}", URL_SAFE_NO_PAD.encode(masked.to_be_bytes()))
    }

    /// The exact expiry a one-time token carries; `None` when malformed.
    pub fn expiry(&self, token: &str) -> Option<i64> {
        let (masked, random) = token.split_once('.')?;
        (random.len() >= 40).then_some(())?;
        let masked: [u8; 8] = URL_SAFE_NO_PAD.decode(masked).ok()?.try_into().ok()?;
        Some(i64::from_be_bytes(masked) ^ self.mask(random))
    }
}

fn keyed(key: &[u8], message: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key) else { return [0; 32] };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Compare secrets without leaking where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_tokens_carry_their_expiry_hidden_and_differ_every_time() {
        let mask = ExpiryMask::new(&SecretKey::from_bytes([7; 32]));
        let t = mask.token(1_800_000_000);
        assert_eq!(mask.expiry(&t), Some(1_800_000_000));
        assert!(!t.contains("1800000000"), "the expiry is not readable: {t}");
        assert_ne!(mask.token(1), mask.token(1));
        let other = ExpiryMask::new(&SecretKey::from_bytes([8; 32]));
        assert_ne!(other.expiry(&t), Some(1_800_000_000), "another key reads another instant");
        assert_eq!(mask.expiry("AAAAAAAAAAA.short"), None);
        assert_eq!(mask.expiry("nodot"), None);
        assert_eq!(mask.expiry(&format!("x.{}", random())), None);
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
