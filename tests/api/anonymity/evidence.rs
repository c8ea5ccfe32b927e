//! What an operator could hand over, cut into records, and the searches an attacker would run on
//! it: a user's identifier together with a remark's, a time of day next to a user, a user in a
//! log line, a UUID that is not version 4.

use std::collections::BTreeSet;

use aho_corasick::AhoCorasick;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

use super::sqlite_file::{self, Value};

/// Everything that names one person.
#[derive(Debug, Clone)]
pub struct UserMarks {
    pub id: uuid::Uuid,
    pub email: String,
    pub name: String,
    /// Password hash, refresh and one-time token hashes seen during the workload.
    pub secrets: BTreeSet<String>,
}

/// Everything that names one remark.
#[derive(Debug, Clone)]
pub struct RemarkMarks {
    pub id: uuid::Uuid,
    pub facts: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    User(usize),
    Remark(usize),
}

/// Every encoding of every identifier, searched in one pass.
pub struct Markers {
    automaton: AhoCorasick,
    owners: Vec<(Who, &'static str)>,
    users: Vec<UserMarks>,
    remarks: Vec<RemarkMarks>,
    /// Feedback owners who act on remarks (and bring none in): named beside a remark by design.
    acting: BTreeSet<usize>,
}

/// The identifiers found in one record.
#[derive(Default)]
pub struct Found {
    pub users: BTreeSet<usize>,
    pub remarks: BTreeSet<usize>,
    encodings: Vec<&'static str>,
}

fn uuid_encodings(id: uuid::Uuid) -> Vec<(&'static str, Vec<u8>)> {
    let text = id.hyphenated().to_string();
    let hex = id.simple().to_string();
    vec![
        ("uuid text", text.clone().into_bytes()),
        ("uuid TEXT", text.to_uppercase().into_bytes()),
        ("uuid hex", hex.clone().into_bytes()),
        ("uuid HEX", hex.to_uppercase().into_bytes()),
        ("uuid bytes", id.as_bytes().to_vec()),
        ("uuid base64", STANDARD_NO_PAD.encode(id.as_bytes()).into_bytes()),
        ("uuid base64url", URL_SAFE_NO_PAD.encode(id.as_bytes()).into_bytes()),
    ]
}

impl Markers {
    pub fn new(users: &[UserMarks], remarks: &[RemarkMarks]) -> Self {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut owners = Vec::new();
        for (i, user) in users.iter().enumerate() {
            for (encoding, bytes) in uuid_encodings(user.id) {
                patterns.push(bytes);
                owners.push((Who::User(i), encoding));
            }
            for (encoding, text) in [("e-mail", &user.email), ("name", &user.name)] {
                patterns.push(text.clone().into_bytes());
                owners.push((Who::User(i), encoding));
            }
            for secret in &user.secrets {
                patterns.push(secret.clone().into_bytes());
                owners.push((Who::User(i), "token or password hash"));
            }
        }
        for (i, remark) in remarks.iter().enumerate() {
            for (encoding, bytes) in uuid_encodings(remark.id) {
                patterns.push(bytes);
                owners.push((Who::Remark(i), encoding));
            }
            patterns.push(remark.facts.clone().into_bytes());
            owners.push((Who::Remark(i), "facts"));
        }
        let automaton = AhoCorasick::new(&patterns).expect("markers");
        Self { automaton, owners, users: users.to_vec(), remarks: remarks.to_vec(), acting: BTreeSet::new() }
    }

    /// These people act on remarks as feedback owners and bring none in: their names beside a
    /// remark (an acknowledgement) are by design. Every other rule holds for them as for anyone.
    pub fn acting(mut self, people: &[usize]) -> Self {
        self.acting = people.iter().copied().collect();
        self
    }

    pub fn find(&self, haystack: &[u8]) -> Found {
        let mut found = Found::default();
        for m in self.automaton.find_overlapping_iter(haystack) {
            let (who, encoding) = self.owners[m.pattern().as_usize()];
            match who {
                Who::User(i) => found.users.insert(i),
                Who::Remark(i) => found.remarks.insert(i),
            };
            if !found.encodings.contains(&encoding) {
                found.encodings.push(encoding);
            }
        }
        found
    }

    /// The patterns (one encoding of one identifier) found, with whose they are: `Ok(person)`
    /// or `Err(remark)`.
    pub fn patterns(&self, haystack: &[u8]) -> BTreeSet<(usize, Result<usize, usize>)> {
        self.automaton
            .find_overlapping_iter(haystack)
            .map(|m| {
                let pattern = m.pattern().as_usize();
                let whose = match self.owners[pattern].0 {
                    Who::User(i) => Ok(i),
                    Who::Remark(i) => Err(i),
                };
                (pattern, whose)
            })
            .collect()
    }

    fn describe(&self, found: &Found) -> String {
        let users: Vec<&str> = found.users.iter().map(|&i| self.users[i].email.as_str()).collect();
        let remarks: Vec<String> = found.remarks.iter().map(|&i| self.remarks[i].id.to_string()).collect();
        format!("users {users:?}, remarks {remarks:?}, as {:?}", found.encodings)
    }
}

/// The findings of one audit, printed all together when it fails.
pub struct Audit<'m> {
    markers: &'m Markers,
    /// Instants within this range are the workload's (anything else is a coincidence of bytes).
    window: std::ops::RangeInclusive<i64>,
    pub findings: Vec<String>,
    pub records: usize,
}

static EPOCH: std::sync::LazyLock<regex::bytes::Regex> =
    std::sync::LazyLock::new(|| regex::bytes::Regex::new(r"\b1[6-9][0-9]{8}\b").expect("regex"));
static CLOCK_TIME: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(r"\b[0-2][0-9]:([0-5][0-9])(?::([0-5][0-9]))?").expect("regex")
});
static UUID: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
    regex::bytes::Regex::new(
        r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{12}\b",
    )
    .expect("regex")
});

fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace(|c: char| c.is_control(), "·");
    text.chars().take(300).collect()
}

impl<'m> Audit<'m> {
    pub fn new(markers: &'m Markers, window: std::ops::RangeInclusive<i64>) -> Self {
        Self { markers, window, findings: Vec::new(), records: 0 }
    }

    fn instant(&self, t: i64) -> bool {
        self.window.contains(&t) && t % 3600 != 0
    }

    /// A record (a page, a row, a line, a mail): no user together with a remark; and where a
    /// user stands, no exact instant and no clock time.
    pub fn record(&mut self, source: &str, bytes: &[u8]) {
        self.records += 1;
        let found = self.markers.find(bytes);
        if found.users.iter().any(|u| !self.markers.acting.contains(u)) && !found.remarks.is_empty() {
            let what = self.markers.describe(&found);
            self.findings
                .push(format!("{source}: a user together with a remark — {what}: {}", excerpt(bytes)));
        }
        if found.users.is_empty() {
            return;
        }
        for m in EPOCH.find_iter(bytes) {
            let t: i64 = std::str::from_utf8(m.as_bytes()).ok().and_then(|s| s.parse().ok()).unwrap_or(0);
            if self.instant(t) {
                let what = self.markers.describe(&found);
                self.findings.push(format!("{source}: the instant {t} next to {what}: {}", excerpt(bytes)));
            }
        }
        for c in CLOCK_TIME.captures_iter(bytes) {
            let zero = |i| c.get(i).is_none_or(|m: regex::bytes::Match| m.as_bytes() == b"00");
            if !(zero(1) && zero(2)) {
                let what = self.markers.describe(&found);
                self.findings.push(format!("{source}: a time of day next to {what}: {}", excerpt(bytes)));
            }
        }
    }

    /// A SQLite page: as a whole (nothing of a user beside a remark, deleted cells included),
    /// and record by record (no exact instant stored as an integer beside a user).
    pub fn sqlite_page(&mut self, source: &str, page_no: u32, page: &[u8]) {
        self.record(source, page);
        for values in sqlite_file::records(page, page_no) {
            let mut text = Vec::new();
            let mut instants = Vec::new();
            for value in &values {
                match value {
                    Value::Text(b) | Value::Blob(b) => text.extend_from_slice(b),
                    Value::Int(t) if self.instant(*t) => instants.push(*t),
                    _ => {}
                }
                text.push(b'|');
            }
            let found = self.markers.find(&text);
            if !found.users.is_empty() && !instants.is_empty() {
                let what = self.markers.describe(&found);
                self.findings.push(format!(
                    "{source}: the instants {instants:?} in a record with {what}: {}",
                    excerpt(&text)
                ));
            }
        }
    }

    /// A log line: no user at all.
    pub fn log_line(&mut self, source: &str, line: &str) {
        self.records += 1;
        let found = self.markers.find(line.as_bytes());
        if !found.users.is_empty() {
            let what = self.markers.describe(&found);
            self.findings.push(format!("{source}: a log line names {what}: {}", excerpt(line.as_bytes())));
        }
    }

    /// Every UUID in these bytes is a version 4 (random) one.
    pub fn uuids(&mut self, source: &str, bytes: &[u8]) {
        for c in UUID.captures_iter(bytes) {
            let version = c.get(1).map(|m| m.as_bytes()).unwrap_or_default();
            let variant = c.get(2).map(|m| m.as_bytes().to_ascii_lowercase()).unwrap_or_default();
            if version != b"4" || !matches!(variant.as_slice(), b"8" | b"9" | b"a" | b"b") {
                self.findings.push(format!(
                    "{source}: a UUID that is not version 4: {}",
                    String::from_utf8_lossy(c.get(0).map(|m| m.as_bytes()).unwrap_or_default())
                ));
            }
        }
    }

    pub fn assert_clean(&self, what: &str) {
        assert!(
            self.findings.is_empty(),
            "{what}: {} finding(s) in {} records:\n{}",
            self.findings.len(),
            self.records,
            self.findings.iter().take(25).cloned().collect::<Vec<_>>().join("\n")
        );
    }
}

/// Add every secret the database ties to a person now to that person: password hashes, and
/// the hash of each mailed one-time token whose mail (its key holds the hash) is still queued
/// to them. (No token row names a person: the mail does, until it is sent.)
pub fn note_secrets(db: &crate::helpers::TestDb, people: &mut [UserMarks]) {
    use diesel::prelude::*;
    use earshot::db::schema::{mail_outbox, users};
    let mut conn = db.connect();
    let mut pairs: Vec<(String, String)> = mail_outbox::table
        .select((mail_outbox::recipient, mail_outbox::dedupe_key))
        .load::<(String, String)>(&mut conn)
        .expect("mails")
        .into_iter()
        .filter_map(|(to, key)| Some((to, key.split_once(':')?.1.to_owned())))
        .collect();
    pairs.extend(
        users::table
            .filter(users::password_hash.is_not_null())
            .select((users::id, users::password_hash.assume_not_null()))
            .load::<(String, String)>(&mut conn)
            .expect("users"),
    );
    for (user, secret) in pairs {
        if let Some(p) = people.iter_mut().find(|p| p.id.to_string() == user || p.email == user) {
            p.secrets.insert(secret);
        }
    }
}
