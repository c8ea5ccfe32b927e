//! The one schema for both backends, in portable types: UUIDs as Text, instants as BigInt epoch
//! seconds UTC, JSON as Text. Kept equal to both migration sets (tests/api/schema.rs proves the
//! two sets agree).

diesel::table! {
    instance_meta (key) {
        key -> Text,
        value -> Text,
        updated_at -> BigInt,
    }
}
