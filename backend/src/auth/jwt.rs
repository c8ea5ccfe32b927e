//! Access tokens: short-lived JWTs (HS256 under the session key), carried in an HttpOnly cookie.
//! They hold what the capture route needs to act without reading the database.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::keys::SecretKey;
use crate::people::Role;

/// Fifteen minutes: short enough that disabling an account bites soon even where the database
/// is not consulted.
pub const ACCESS_LIFETIME: i64 = 15 * 60;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The person's id.
    pub sub: String,
    /// The person's token generation when issued; a bump revokes the token.
    pub generation: i64,
    /// The person's messenger epoch when issued.
    pub epoch: i64,
    /// The session (`auth::sealed`), shared with the refresh token: sign-out ends both.
    #[serde(default)]
    pub sid: String,
    pub roles: Vec<Role>,
    pub lang: Lang,
    pub iat: i64,
    pub exp: i64,
}

pub struct Signer {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Signer {
    pub fn new(key: &SecretKey) -> Self {
        Self {
            encoding: EncodingKey::from_secret(key.bytes()),
            decoding: DecodingKey::from_secret(key.bytes()),
        }
    }

    pub fn sign(&self, claims: &Claims) -> Result<String, jsonwebtoken::errors::Error> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
    }

    /// The claims of a token we signed that has not expired by our clock (`now`), else `None`.
    pub fn verify(&self, token: &str, now: i64) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the injected clock below, not the system clock.
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation).ok()?.claims;
        (claims.exp > now).then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims {
            sub: "u".into(),
            generation: 1,
            epoch: 0,
            sid: String::new(),
            roles: vec![Role::Employee],
            lang: Lang::Fr,
            iat: 0,
            exp,
        }
    }

    #[test]
    fn verifies_only_our_unexpired_tokens() {
        let keys = tempfile::tempdir().expect("dir");
        crate::keys::generate_missing(keys.path()).expect("key");
        let settings = crate::Settings { key_dir: keys.path().into(), ..Default::default() };
        let key = crate::keys::load(&settings, crate::db::Backend::Sqlite).expect("key").session;
        let signer = Signer::new(&key);
        let token = signer.sign(&claims(100)).expect("sign");
        assert_eq!(signer.verify(&token, 99).map(|c| c.lang), Some(Lang::Fr));
        assert!(signer.verify(&token, 100).is_none(), "expired");
        let mut forged = token.clone();
        forged.pop();
        forged.push(if token.ends_with('A') { 'B' } else { 'A' });
        assert!(signer.verify(&forged, 0).is_none(), "bad signature");
        let other = Signer {
            encoding: EncodingKey::from_secret(b"another key"),
            decoding: DecodingKey::from_secret(b"x"),
        };
        assert!(signer.verify(&other.sign(&claims(100)).expect("sign"), 0).is_none(), "another key");
    }
}
