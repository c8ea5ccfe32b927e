//! Tokens that carry their person inside, so that signing in writes no row naming anyone.
//!
//! A refresh token and a one-time token (invitation, sign-in link, reset) are sealed with
//! XChaCha20-Poly1305 under a key derived from the session key (`key_dir`), a fresh 192-bit nonce
//! each: the person's id, their token generation when issued, the expiry and — for a refresh
//! token — a random session id. The purpose is the associated data, so a reset token is no
//! invitation and no one-time token is a refresh token. Whoever holds a token learns nothing
//! from it; whoever holds the database finds no person beside a token (a one-time token is
//! stored by its hash only, to be used once; a refresh token is not stored at all).
//!
//! A bump of the person's generation (password change, reset, disable, re-enable, a new
//! invitation) makes every token issued before it worthless, without finding them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand::RngCore;
use sha2::Sha256;

use crate::ids::PersonId;
use crate::keys::SecretKey;

const NONCE_LEN: usize = 24;
const INFO: &[u8] = b"earshot/sealed-token/v1";

/// What a sealed token is for; each purpose reads only its own tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sealed {
    Refresh,
    Invitation,
    SignInLink,
    PasswordReset,
    /// A staff mail's unsubscribe link (`news::unsubscribe`), one per kind of mail it stops.
    LeaveDecisions,
    LeaveDigest,
    LeaveAlerts,
}

impl Sealed {
    fn aad(self) -> &'static [u8] {
        match self {
            Sealed::Refresh => b"refresh",
            Sealed::Invitation => b"invitation",
            Sealed::SignInLink => b"sign-in-link",
            Sealed::PasswordReset => b"password-reset",
            Sealed::LeaveDecisions => b"leave-decisions",
            Sealed::LeaveDigest => b"leave-digest",
            Sealed::LeaveAlerts => b"leave-alerts",
        }
    }
}

/// What a token says, once opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried {
    pub person: PersonId,
    /// The person's token generation when the token was made.
    pub generation: i64,
    /// Epoch seconds: the exact instant for a one-time token, the end of the day for a refresh
    /// token (the access tokens it renews say no more either).
    pub expires_at: i64,
    /// A refresh token's session, shared with the access tokens it renews (sign-out ends it);
    /// random bytes in a one-time token, where it means nothing.
    pub session: [u8; 16],
}

const PLAIN_LEN: usize = 16 + 8 + 8 + 16;

/// Seals and opens tokens under the key derived from the session key.
#[derive(Clone)]
pub struct TokenSealer {
    cipher: XChaCha20Poly1305,
}

impl TokenSealer {
    pub fn new(session: &SecretKey) -> Self {
        let mut key = [0u8; 32];
        // 32 bytes is far below HKDF-SHA256's limit: expand cannot fail.
        let _ = Hkdf::<Sha256>::new(None, session.bytes()).expand(INFO, &mut key);
        Self { cipher: XChaCha20Poly1305::new(&key.into()) }
    }

    /// A token of `purpose` for `person`, with a new random session.
    pub fn seal(&self, purpose: Sealed, person: &PersonId, generation: i64, expires_at: i64) -> String {
        let session = random_session();
        self.seal_carried(purpose, &Carried { person: person.clone(), generation, expires_at, session })
    }

    pub fn seal_carried(&self, purpose: Sealed, carried: &Carried) -> String {
        let mut plain = [0u8; PLAIN_LEN];
        plain[..16].copy_from_slice(&carried.person.bytes());
        plain[16..24].copy_from_slice(&carried.generation.to_be_bytes());
        plain[24..32].copy_from_slice(&carried.expires_at.to_be_bytes());
        plain[32..].copy_from_slice(&carried.session);
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: &plain, aad: purpose.aad() })
            .unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// What a token of `purpose` we sealed carries, whether expired or not; `None` for anything
    /// else (another purpose, another key, a changed byte, not a token at all).
    pub fn open(&self, purpose: Sealed, token: &str) -> Option<Carried> {
        // Every token is 118 characters: refuse what cannot be one before decoding it.
        if token.len() > 200 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        if bytes.len() <= NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_LEN);
        let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
        let plain =
            self.cipher.decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad: purpose.aad() }).ok()?;
        let plain: [u8; PLAIN_LEN] = plain.as_slice().try_into().ok()?;
        let number = |range: std::ops::Range<usize>| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&plain[range]);
            i64::from_be_bytes(b)
        };
        let mut person = [0u8; 16];
        person.copy_from_slice(&plain[..16]);
        let mut session = [0u8; 16];
        session.copy_from_slice(&plain[32..]);
        Some(Carried {
            person: PersonId::from_bytes(person),
            generation: number(16..24),
            expires_at: number(24..32),
            session,
        })
    }

    /// Like [`open`](Self::open), and only while the token has not expired by `now`.
    pub fn open_live(&self, purpose: Sealed, token: &str, now: i64) -> Option<Carried> {
        self.open(purpose, token).filter(|c| c.expires_at > now)
    }
}

/// 16 random bytes: a new session's id.
pub fn random_session() -> [u8; 16] {
    let mut session = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut session);
    session
}

/// A session's name where one is kept (the deny list of ended sessions): a hash, so the list
/// holds nothing a token could be rebuilt from.
pub fn session_hash(session: &[u8; 16]) -> String {
    crate::auth::token::hash(&URL_SAFE_NO_PAD.encode(session))
}

/// A session id as the access token carries it.
pub fn session_text(session: &[u8; 16]) -> String {
    URL_SAFE_NO_PAD.encode(session)
}

/// The session id an access token carries, back to bytes; `None` when malformed.
pub fn session_from_text(text: &str) -> Option<[u8; 16]> {
    URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer(byte: u8) -> TokenSealer {
        TokenSealer::new(&SecretKey::from_bytes([byte; 32]))
    }

    #[test]
    fn a_token_opens_only_for_its_purpose_and_key_and_hides_its_person() {
        let (s, person) = (sealer(1), PersonId::new());
        let token = s.seal(Sealed::Refresh, &person, 4, 1_800_000_000);
        let carried = s.open(Sealed::Refresh, &token).expect("opens");
        assert_eq!((&carried.person, carried.generation, carried.expires_at), (&person, 4, 1_800_000_000));
        assert!(!token.contains(&person.as_str().replace('-', "")) && !token.contains(person.as_str()));
        assert_eq!(s.open(Sealed::SignInLink, &token), None, "another purpose");
        assert_eq!(sealer(2).open(Sealed::Refresh, &token), None, "another key");
        let mut changed = token.clone().into_bytes();
        changed[30] = if changed[30] == b'A' { b'B' } else { b'A' };
        assert_eq!(s.open(Sealed::Refresh, &String::from_utf8(changed).expect("text")), None);
        assert_eq!(s.open(Sealed::Refresh, "not a token"), None);
        assert_eq!(s.open(Sealed::Refresh, &"A".repeat(500)), None);
        assert_eq!(s.open_live(Sealed::Refresh, &token, 1_800_000_000), None, "expired");
        assert!(s.open_live(Sealed::Refresh, &token, 1_799_999_999).is_some());
    }

    #[test]
    fn two_tokens_for_the_same_person_and_day_differ_and_have_their_own_session() {
        let (s, person) = (sealer(1), PersonId::new());
        let (a, b) =
            (s.seal(Sealed::Refresh, &person, 0, 86_400), s.seal(Sealed::Refresh, &person, 0, 86_400));
        assert_ne!(a, b);
        let (a, b) = (s.open(Sealed::Refresh, &a).expect("a"), s.open(Sealed::Refresh, &b).expect("b"));
        assert_ne!(a.session, b.session);
        assert_eq!(session_from_text(&session_text(&a.session)), Some(a.session));
        assert_ne!(session_hash(&a.session), session_hash(&b.session));
    }
}
