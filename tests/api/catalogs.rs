//! No missing translation: every language has every message the others have, non-empty.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const LANGS: [&str; 3] = ["nl", "fr", "en"];

/// Message ids of a Fluent file (`id = value` at the start of a line), with their values.
fn fluent_messages(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).expect("read ftl");
    text.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" = ").or_else(|| l.split_once('=')))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect()
}

#[test]
fn server_catalogs_are_complete_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("backend/locales");
    let files = |lang: &str| -> BTreeSet<String> {
        std::fs::read_dir(root.join(lang))
            .expect("locale dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect()
    };
    let reference = files("nl");
    assert!(!reference.is_empty());
    for lang in LANGS {
        assert_eq!(files(lang), reference, "{lang} has the same files as nl");
        for file in &reference {
            let nl = fluent_messages(&root.join("nl").join(file));
            let other = fluent_messages(&root.join(lang).join(file));
            let nl_keys: BTreeSet<_> = nl.keys().collect();
            let keys: BTreeSet<_> = other.keys().collect();
            assert_eq!(keys, nl_keys, "{lang}/{file} has exactly the messages of nl/{file}");
            for (key, value) in &other {
                assert!(!value.is_empty(), "{lang}/{file}: {key} is empty");
            }
        }
    }
}

#[test]
fn app_catalogs_are_complete_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("pwa/src/locales");
    let load = |lang: &str| -> BTreeMap<String, String> {
        let text = std::fs::read_to_string(root.join(format!("{lang}.json"))).expect("read catalog");
        serde_json::from_str(&text).expect("a flat JSON object of strings")
    };
    let nl = load("nl");
    assert!(!nl.is_empty());
    for lang in LANGS {
        let catalog = load(lang);
        assert_eq!(
            catalog.keys().collect::<BTreeSet<_>>(),
            nl.keys().collect::<BTreeSet<_>>(),
            "pwa {lang}.json has exactly the keys of nl.json"
        );
        assert!(catalog.values().all(|v| !v.trim().is_empty()), "{lang}: no empty string");
    }
}
