//! Passwords: argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane), and a strength check
//! (zxcvbn) that says *why* a password is weak, in the person's language.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use zxcvbn::feedback::Warning;

use crate::error::{FieldCode, FieldIssue};

/// Long enough for a passphrase of five words, short enough to bound hashing work.
pub const MAX_LEN: usize = 256;
pub const MIN_LEN: usize = 10;

fn hasher() -> Argon2<'static> {
    // The constants are valid, so `new` cannot fail; fall back to the crate's defaults anyway.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The PHC string of a new hash. CPU-heavy: call it on a blocking thread.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// Hashed once, so that checking a password for an unknown account costs what a real check costs.
static DUMMY: LazyLock<String> = LazyLock::new(|| hash("earshot timing equaliser").unwrap_or_default());

/// Whether `password` matches `stored`. With no stored hash (unknown account, invitation not yet
/// accepted) a dummy hash is checked, so both cases take the same time as a wrong password.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    let (phc, real) = match stored {
        Some(s) => (s, true),
        None => (DUMMY.as_str(), false),
    };
    let ok = PasswordHash::new(phc).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok());
    ok && real
}

/// Refuse a weak password with the reason (as a message key) a person can act on.
/// `context`: the person's e-mail address and name, which must not make the password.
pub fn check_strength(pointer: &str, password: &str, context: &[&str]) -> Result<(), FieldIssue> {
    let weak = |hint| Err(FieldIssue::new(pointer, FieldCode::WeakPassword).with_hint(hint));
    let length = password.chars().count();
    if length < MIN_LEN {
        return Err(FieldIssue::new(pointer, FieldCode::WeakPassword)
            .with_hint("password-too-short")
            .with_limit(MIN_LEN as u64));
    }
    if length > MAX_LEN {
        return Err(FieldIssue::new(pointer, FieldCode::TooLong).with_limit(MAX_LEN as u64));
    }
    // The whole address and name, and each word of them.
    let inputs: Vec<&str> = context
        .iter()
        .copied()
        .chain(
            context.iter().flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric())).filter(|w| w.len() >= 3),
        )
        .collect();
    let estimate = zxcvbn::zxcvbn(password, &inputs);
    if u8::from(estimate.score()) >= 3 {
        return Ok(());
    }
    let hint = match estimate.feedback().and_then(|f| f.warning()) {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword
            | Warning::AWordByItselfIsEasyToGuess,
        ) => "password-common",
        Some(
            Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
            | Warning::CommonNamesAndSurnamesAreEasyToGuess,
        ) => "password-name",
        Some(
            Warning::StraightRowsOfKeysAreEasyToGuess
            | Warning::ShortKeyboardPatternsAreEasyToGuess
            | Warning::RepeatsLikeAaaAreEasyToGuess
            | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess
            | Warning::SequencesLikeAbcAreEasyToGuess,
        ) => "password-pattern",
        Some(Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess) => "password-date",
        _ => "password-guessable",
    };
    weak(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_unknown_accounts_never_match() {
        let h = hash("correct horse battery staple").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify(Some(&h), "correct horse battery staple"));
        assert!(!verify(Some(&h), "Correct horse battery staple"));
        assert!(!verify(None, "earshot timing equaliser"), "the dummy never signs anyone in");
        assert!(!verify(Some("not a hash"), "x"));
    }

    #[test]
    fn weak_passwords_are_refused_with_a_reason() {
        let hint = |p: &str| {
            check_strength("/password", p, &["an.peeters@example.be", "An Peeters"])
                .err()
                .and_then(|i| i.hint)
        };
        assert_eq!(hint("short"), Some("password-too-short"));
        assert_eq!(hint("password123"), Some("password-common"));
        assert_eq!(hint("aaaaaaaaaaaaaa"), Some("password-pattern"));
        assert!(hint("an.peeters@example.be").is_some(), "the address itself");
        assert_eq!(hint("lamp cactus orbit meadow"), None);
    }
}
