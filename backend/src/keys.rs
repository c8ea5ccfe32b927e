//! Secret keys, each a file of 32 random bytes (base64) in `key_dir`, outside the data directory.
//! SQLite installations create missing keys at first start; on PostgreSQL every replica must use
//! the same keys, so they are created once (`earshot generate-keys`) and copied, never guessed.

use std::fmt;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::RngCore;

use crate::config::{ConfigError, Settings};
use crate::db::Backend;

const SESSION_KEY_FILE: &str = "session.key";
/// `<key id> <base64>`: the messenger key seals who brought each remark in.
const MESSENGER_KEY_FILE: &str = "messenger.key";

/// 32 secret bytes. `Debug` never shows them.
#[derive(Clone)]
pub struct SecretKey([u8; 32]);

impl SecretKey {
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    #[cfg(test)]
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Every key the process needs.
#[derive(Clone, Debug)]
pub struct Keys {
    /// Signs access tokens. (The messenger keys are read by `messenger::rotation`, which also
    /// knows the next key of a rotation.)
    pub session: SecretKey,
}

fn key_error(expected: String) -> ConfigError {
    ConfigError::new("key_dir", expected)
}

/// Refuse a key directory inside the data directory; create missing keys where allowed.
pub fn load(settings: &Settings, backend: Backend) -> Result<Keys, ConfigError> {
    let dir = &settings.key_dir;
    if let (Ok(keys), Ok(data)) = (absolute(dir), absolute(&settings.data_dir)) {
        if keys.starts_with(&data) {
            return Err(key_error(format!(
                "a directory outside the data directory ({} lies inside {}), so a copy of the data does not carry the keys",
                dir.display(),
                settings.data_dir.display()
            )));
        }
    }
    let path = dir.join(SESSION_KEY_FILE);
    let messenger_path = dir.join(MESSENGER_KEY_FILE);
    if !path.exists() || !messenger_path.exists() {
        if backend == Backend::Postgres {
            return Err(key_error(format!(
                "the keys in {} — on PostgreSQL every replica needs the same keys: create them once with `earshot generate-keys` and copy key_dir to every replica",
                dir.display()
            )));
        }
        generate_missing(dir)
            .map_err(|e| key_error(format!("a writable key directory; {} ({e})", dir.display())))?;
    }
    Ok(Keys { session: read_key(&path)? })
}

/// Create every missing key file (0600) in `dir` (0700). Existing keys are left alone.
/// Returns the files created.
pub fn generate_missing(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    let mut created = Vec::new();
    for name in [SESSION_KEY_FILE, MESSENGER_KEY_FILE] {
        let path = dir.join(name);
        if path.exists() {
            continue;
        }
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let line = if name == MESSENGER_KEY_FILE {
            format!("{} {}", new_key_id(), STANDARD.encode(bytes))
        } else {
            STANDARD.encode(bytes)
        };
        write_private(&path, &line)?;
        created.push(path);
    }
    Ok(created)
}

/// A short random id naming a messenger key in every seal it makes.
pub fn new_key_id() -> String {
    let mut id = [0u8; 4];
    rand::rngs::OsRng.fill_bytes(&mut id);
    id.iter().map(|b| format!("{b:02x}")).collect()
}

/// Write a new 0600 file (refusing to overwrite) and make it durable.
pub fn write_private(path: &Path, line: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    writeln!(file, "{line}")?;
    file.sync_all()
}

fn read_key(path: &Path) -> Result<SecretKey, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| key_error(format!("a readable key file {} ({e})", path.display())))?;
    decode_key(path, text.trim())
}

/// `<id> <base64>`.
pub fn read_messenger_key(path: &Path) -> Result<(String, SecretKey), ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| key_error(format!("a readable key file {} ({e})", path.display())))?;
    let (id, key) = text
        .trim()
        .split_once(' ')
        .filter(|(id, _)| !id.is_empty() && id.len() <= 32 && id.chars().all(|c| c.is_ascii_alphanumeric()))
        .ok_or_else(|| key_error(format!("{} to hold a key id and 32 bytes in base64", path.display())))?;
    Ok((id.to_owned(), decode_key(path, key)?))
}

fn decode_key(path: &Path, text: &str) -> Result<SecretKey, ConfigError> {
    let bytes = STANDARD
        .decode(text)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b.as_slice()).ok())
        .ok_or_else(|| key_error(format!("{} to hold 32 bytes in base64", path.display())))?;
    Ok(SecretKey(bytes))
}

/// An absolute, normalised path, also for directories that do not exist yet.
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let mut existing = std::path::absolute(path)?;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(ToOwned::to_owned), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize()?;
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(root: &Path, data: &str, keys: &str) -> Settings {
        Settings { data_dir: root.join(data), key_dir: root.join(keys), ..Settings::default() }
    }

    #[test]
    fn sqlite_creates_a_private_key_once_and_reads_it_back() {
        let root = tempfile::tempdir().expect("dir");
        let s = settings(root.path(), "data", "keys");
        let first = load(&s, Backend::Sqlite).expect("created");
        let second = load(&s, Backend::Sqlite).expect("read");
        assert_eq!(first.session.bytes(), second.session.bytes());
        let mode = std::fs::metadata(root.path().join("keys/session.key")).expect("file").permissions();
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777, 0o600);
        assert_eq!(format!("{:?}", first.session), "SecretKey(…)");
    }

    #[test]
    fn postgres_never_invents_a_key_and_keys_inside_the_data_dir_are_refused() {
        let root = tempfile::tempdir().expect("dir");
        let err = load(&settings(root.path(), "data", "keys"), Backend::Postgres).expect_err("refused");
        assert!(err.to_string().contains("generate-keys"), "{err}");
        let err = load(&settings(root.path(), "data", "data/keys"), Backend::Sqlite).expect_err("refused");
        assert!(err.to_string().contains("outside the data directory"), "{err}");
    }
}
