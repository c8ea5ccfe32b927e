//! What `web::validate` accepts, said in the API document: `#[schema(schema_with = …)]` on a
//! request field points here, so the document's constraints and the server's checks are written
//! side by side and a conformance tester (schemathesis, in tests/run) holds them to each other.
//! Lengths count characters as typed (before trimming), as `Checks` does.

use utoipa::openapi::Ref;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, OneOfBuilder, SchemaType, Type};

/// White space as Rust's `str::trim` removes it (Unicode White_Space).
const WS: &str = r"\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
/// Refused in a line: C0, C1, U+2028/2029, bidi controls (see `validate::bad_in_line`).
const BAD_IN_LINE: &str = r"\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069";
/// Refused in running text: the same but tab, line feed and carriage return.
const BAD_IN_TEXT: &str = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069";

/// Something other than white space, and nothing `bad` anywhere, white space around allowed.
fn filled(bad: &str) -> String {
    format!("^[{WS}]*[^{bad}{WS}](?:[^{bad}]*[^{bad}{WS}])?[{WS}]*$")
}

fn string(pattern: String, max: usize, nullable: bool) -> Object {
    let kind = if nullable {
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    ObjectBuilder::new().schema_type(kind).pattern(Some(pattern)).max_length(Some(max)).build()
}

/// A name, a label, a title: one line, not blank (`Checks::line`).
pub fn line<const MAX: usize>() -> Object {
    string(filled(BAD_IN_LINE), MAX, false)
}

/// The same, or `null`.
pub fn optional_line<const MAX: usize>() -> Object {
    string(filled(BAD_IN_LINE), MAX, true)
}

/// A line that may be left blank (a place's detail, required only for "other"), or `null`.
pub fn optional_blank_or_line<const MAX: usize>() -> Object {
    string(format!("^[{WS}]*$|{}", filled(BAD_IN_LINE)), MAX, true)
}

/// Running text, not blank (`Checks::text`).
pub fn text<const MAX: usize>() -> Object {
    string(filled(BAD_IN_TEXT), MAX, false)
}

/// Running text that may be empty, or `null` (`Checks::optional_text`).
pub fn optional_text<const MAX: usize>() -> Object {
    string(format!("^[^{BAD_IN_TEXT}]*$"), MAX, true)
}

/// The e-mail addresses written here are ones `mail::address` takes (it takes more: longer
/// parts, domains in other scripts, `localhost` — all things a generator of wrong values does
/// not stumble on).
const EMAIL: &str = r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,30}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,30})?@(?:[A-Za-z0-9]{1,10}(?:-[A-Za-z0-9]{1,10}){0,2}\.){1,3}[A-Za-z][A-Za-z0-9]{1,9}$";

/// An e-mail address (`Checks::email`).
pub fn email() -> Object {
    string(EMAIL.to_owned(), crate::mail::address::MAX_LEN, false)
}

/// An e-mail address, `null` or empty (for none).
pub fn optional_email() -> Object {
    string(format!("^$|{EMAIL}"), crate::mail::address::MAX_LEN, true)
}

const UUID_V4: &str =
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$";

/// A UUID version 4, as the app makes them (`crate::ids`).
pub fn uuid_v4() -> Object {
    string(UUID_V4.to_owned(), 36, false)
}

/// A UUID version 4, as the app makes them (`validate::uuid_v4`), or `null`.
pub fn optional_uuid_v4() -> Object {
    string(UUID_V4.to_owned(), 36, true)
}

/// A UUID version 4, blank, or `null` (blank and `null` both mean none).
pub fn blank_or_uuid_v4() -> Object {
    string(format!("^$|{UUID_V4}"), 36, true)
}

/// A phone number as the capture form takes it: digits, optionally after a `+` (the server also
/// takes spaces, dots, dashes and "(0)", which a generator of wrong values does not produce).
pub fn optional_phone() -> Object {
    string(r"^$|^\+?[0-9]{8,15}$".to_owned(), 16, true)
}

/// An IANA time zone name the server knows.
pub fn time_zone() -> Object {
    let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| serde_json::Value::from(tz.name()));
    ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).enum_values(Some(names)).build()
}

/// A list of `item` (a schema component), at least one, each once.
fn unique_list(item: &str, nullable: bool) -> utoipa::openapi::schema::Array {
    let mut array =
        ArrayBuilder::new().items(Ref::from_schema_name(item)).min_items(Some(1)).unique_items(true).build();
    if nullable {
        array.schema_type = SchemaType::from_iter([Type::Array, Type::Null]);
    }
    array
}

/// Roles: at least one, each once (`people::admin::check_roles`).
pub fn roles() -> utoipa::openapi::schema::Array {
    unique_list("Role", false)
}

/// Roles, or `null` to leave them.
pub fn optional_roles() -> utoipa::openapi::schema::Array {
    unique_list("Role", true)
}

/// The languages offered: at least one, each once.
pub fn languages() -> utoipa::openapi::schema::Array {
    unique_list("Lang", false)
}

/// A day, `YYYY-MM-DD` (`validate::exact_day`: exactly so, and a real day).
pub fn day() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date)))
        .pattern(Some(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
        .build()
}

/// A day, `YYYY-MM-DD`, or `null`.
pub fn optional_day() -> Object {
    let mut day = day();
    day.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    day
}

/// The days the organisation is closed: dates, each once, at most [`MAX_CLOSED_DAYS`](crate::organisation::calendar::MAX_CLOSED_DAYS)
/// (`organisation::calendar::check_closed_days`); absent or empty for none.
pub fn closed_days() -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(day())
        .max_items(Some(crate::organisation::calendar::MAX_CLOSED_DAYS))
        .unique_items(true)
        .build()
}

/// The promise: 1 to 720 hours, or 1 to 30 days or working days (`settings::put_settings`).
pub fn promise() -> utoipa::openapi::schema::Schema {
    let within = |unit: &str, max: i32| {
        ObjectBuilder::new()
            .property(
                "value",
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Integer))
                    .minimum(Some(1))
                    .maximum(Some(max)),
            )
            .property(
                "unit",
                ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).enum_values(Some([unit])),
            )
            .required("value")
            .required("unit")
            .additional_properties(Some(utoipa::openapi::schema::AdditionalProperties::FreeForm(false)))
            .build()
    };
    utoipa::openapi::schema::Schema::OneOf(
        OneOfBuilder::new()
            .item(within("hours", 24 * 30))
            .item(within("days", 30))
            .item(within("working_days", 30))
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::validate::Checks;

    fn matches(pattern: &str, value: &str) -> bool {
        regex::Regex::new(pattern).expect("a pattern the regex crate reads too").is_match(value)
    }

    /// The document's patterns say yes and no where the checks do.
    #[test]
    fn patterns_agree_with_the_checks() {
        for (value, ok) in [
            ("Jan", true),
            ("  Zoë Van den Broeck  ", true),
            ("\u{3000}Jan\n", true),
            ("", false),
            ("   ", false),
            ("Jan\r\nBcc: x", false),
            ("Jan\u{202E}x", false),
            ("Jan\u{85}x", false),
            ("Jan\tJ", false),
        ] {
            let mut checks = Checks::new();
            checks.line("/x", value, 120);
            assert_eq!(checks.is_ok(), ok, "check {value:?}");
            assert_eq!(matches(&filled(BAD_IN_LINE), value), ok, "line pattern {value:?}");
        }
        for (value, ok) in
            [("two\nlines\tand a tab", true), ("nul\0x", false), (" \n ", false), ("bidi\u{2066}x", false)]
        {
            let mut checks = Checks::new();
            checks.text("/x", value, 100);
            assert_eq!(checks.is_ok(), ok, "check {value:?}");
            assert_eq!(matches(&filled(BAD_IN_TEXT), value), ok, "text pattern {value:?}");
        }
        for (value, ok) in [
            ("an.peeters@bakkerij-peeters.be", true),
            ("O'Brien@Example.IE", true),
            ("a@b.co", true),
            ("\"a b\"@example.be", false),
            ("a@[192.0.2.1]", false),
            ("a@localhost", false),
        ] {
            assert_eq!(matches(EMAIL, value), ok, "email pattern {value:?}");
            if ok {
                assert!(
                    crate::mail::address::normalise(value).is_some(),
                    "what the pattern says is taken: {value}"
                );
            }
        }
    }
}
