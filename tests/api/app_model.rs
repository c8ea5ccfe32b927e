//! The app's model of the API (pwa/src/model.ts, kept by hand) against the API document: the
//! places, the feelings and the languages in the same order, and the fields of a remark, a page
//! of remarks and a topic. A field added to the server and not to the app fails here.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::helpers::{Backend, spawn_app};

const MODEL: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/pwa/src/model.ts"));
const I18N: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/pwa/src/i18n.ts"));

/// The quoted strings of `export const NAME… = [ … ]` in `source`.
fn const_list(source: &str, name: &str) -> Vec<String> {
    let start = source.find(&format!("export const {name}")).unwrap_or_else(|| panic!("{name} in the app"));
    let rest = &source[start..];
    let rest = &rest[rest.find("= [").expect("a list") + 2..];
    let list = &rest[1..rest.find(']').expect("]")];
    list.split(',').map(|s| s.trim().trim_matches('\'').to_owned()).filter(|s| !s.is_empty()).collect()
}

/// The top-level field names of `export interface NAME { … }` (one field per line).
fn interface_fields(name: &str) -> BTreeSet<String> {
    let start =
        MODEL.find(&format!("export interface {name} {{")).unwrap_or_else(|| panic!("{name} in model.ts"));
    let body = &MODEL[start..];
    let body = &body[body.find('{').expect("{") + 1..body.find("\n}").expect("}")];
    body.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.trim().split(['?', ':']).next())
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect()
}

fn enum_of(doc: &Value, schema: &str) -> Vec<String> {
    doc["components"]["schemas"][schema]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{schema} is an enum"))
        .iter()
        .map(|v| v.as_str().expect("text").to_owned())
        .collect()
}

fn properties_of(doc: &Value, schema: &str) -> BTreeSet<String> {
    doc["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{schema} has properties"))
        .keys()
        .cloned()
        .collect()
}

#[tokio::test]
async fn the_app_model_matches_the_document() {
    let app = spawn_app(Backend::Sqlite).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.expect("document");
    assert_eq!(const_list(MODEL, "PLACES"), enum_of(&doc, "PlaceKind"));
    assert_eq!(const_list(MODEL, "FEELINGS"), enum_of(&doc, "Feeling"));
    assert_eq!(const_list(I18N, "LANGS"), enum_of(&doc, "Lang"));
    for (interface, schema) in [("Remark", "RemarkView"), ("RemarkPage", "RemarkPage"), ("Topic", "Topic")] {
        assert_eq!(interface_fields(interface), properties_of(&doc, schema), "{interface} against {schema}");
    }
    assert_eq!(const_list(MODEL, "STATES"), enum_of(&doc, "RemarkState"), "model.ts spells the states out");
}
