//! THE anonymity boundary: the only code that will ever link a remark to the person who brought
//! it in (ARCHITECTURE.md, "The messenger rule").
//!
//! Capture calls [`on_capture`] — in its transaction, and nowhere else is the capturer known.
//! The seal itself (XChaCha20-Poly1305 over the reporter's id and messenger epoch) and "my
//! remarks" come with the messenger issue; until then nothing about the capturer is stored at
//! all, which keeps the rule trivially.

use crate::auth::jwt::Claims;
use crate::db::DbConn;

/// Who brought a remark in, as the access token says. Never logged, never stored in clear.
#[allow(dead_code)] // read by the seal, which the messenger issue adds
pub struct Messenger {
    user_id: String,
    epoch: i64,
}

impl Messenger {
    pub fn from_claims(claims: &Claims) -> Self {
        Self { user_id: claims.sub.clone(), epoch: claims.epoch }
    }
}

impl std::fmt::Debug for Messenger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Messenger(…)")
    }
}

/// Called by capture, in its transaction, for every new remark: the one place where the link
/// between a remark and its messenger may be written (sealed). Writes nothing yet.
pub fn on_capture(_conn: &mut DbConn, _remark_id: &str, messenger: &Messenger) -> diesel::QueryResult<()> {
    let _ = messenger;
    Ok(())
}
