//! The ids of what earshot keeps: a person, a remark, a topic, a case, a decision. Each is its own type, so a remark
//! id cannot be handed to a function that wants a person, and every id in the program came from
//! one of three places: a fresh UUID v4 ([`PersonId::new`] and the like), a row read from the
//! database, or a caller's text that [`parse`](PersonId::parse) accepted (a UUID v4 in canonical
//! lower-case form — any other version can carry a time).
//!
//! They are stored as `Text` on both backends and written as their UUID string in JSON. There is
//! deliberately no `Display`: an id is not something to drop into a log line by accident (the
//! messenger rule: no log line may put a reporter next to a remark).

use diesel::sql_types::Text;

/// A fresh random id (UUID v4), in canonical form.
fn fresh() -> String {
    uuid::Uuid::new_v4().hyphenated().to_string()
}

/// A stored id is read only when it is one the app made; the error names the type, never the
/// value (an error text reaches the logs).
fn stored(raw: String, what: &str) -> diesel::deserialize::Result<String> {
    if canonical_uuid_v4(&raw).as_deref() == Some(raw.as_str()) {
        Ok(raw)
    } else {
        Err(format!("a {what} in the database that is not a UUID v4 ({} bytes)", raw.len()).into())
    }
}

/// `given` as a canonical UUID v4, or `None` (surrounding spaces are forgiven).
pub fn canonical_uuid_v4(given: &str) -> Option<String> {
    uuid::Uuid::parse_str(given.trim())
        .ok()
        .filter(|u| u.get_version_num() == 4 && u.get_variant() == uuid::Variant::RFC4122)
        .map(|u| u.hyphenated().to_string())
}

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        #[derive(serde::Serialize, diesel::AsExpression, diesel::FromSqlRow)]
        #[serde(transparent)]
        #[diesel(sql_type = Text)]
        pub struct $name(String);

        impl $name {
            /// A fresh random id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(fresh())
            }

            /// A caller's text as an id: a UUID v4, else `None`.
            pub fn parse(given: &str) -> Option<Self> {
                canonical_uuid_v4(given).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The 16 bytes of the UUID (every id is one by construction, read ones included).
            pub fn bytes(&self) -> [u8; 16] {
                uuid::Uuid::parse_str(&self.0).map(uuid::Uuid::into_bytes).unwrap_or_default()
            }

            pub fn from_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid::Uuid::from_bytes(bytes).hyphenated().to_string())
            }
        }

        /// Reading JSON (the tests read the API's answers) takes only what `parse` takes.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let given = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&given).ok_or_else(|| serde::de::Error::custom("not a UUID v4"))
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::web::schema::uuid_v4().into()
            }
        }
        impl utoipa::ToSchema for $name {}

        impl diesel::deserialize::FromSql<Text, diesel::sqlite::Sqlite> for $name {
            fn from_sql(
                bytes: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let raw = <String as diesel::deserialize::FromSql<Text, diesel::sqlite::Sqlite>>::from_sql(bytes)?;
                stored(raw, stringify!($name)).map(Self)
            }
        }
        impl diesel::deserialize::FromSql<Text, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let raw = <String as diesel::deserialize::FromSql<Text, diesel::pg::Pg>>::from_sql(bytes)?;
                stored(raw, stringify!($name)).map(Self)
            }
        }
        impl diesel::deserialize::FromSql<Text, crate::db::MultiBackend> for $name {
            fn from_sql(
                bytes: <crate::db::MultiBackend as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                bytes.from_sql::<Self, Text>()
            }
        }
        impl diesel::serialize::ToSql<Text, diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                out.set_value(self.0.as_str());
                Ok(diesel::serialize::IsNull::No)
            }
        }
        impl diesel::serialize::ToSql<Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<Text, diesel::pg::Pg>>::to_sql(self.0.as_str(), out)
            }
        }
        impl diesel::serialize::ToSql<Text, crate::db::MultiBackend> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, crate::db::MultiBackend>,
            ) -> diesel::serialize::Result {
                out.set_value((Text, self));
                Ok(diesel::serialize::IsNull::No)
            }
        }
    };
}

text_id!(
    /// A person: an account, whatever its roles.
    PersonId
);
text_id!(
    /// A remark a customer made, as captured.
    RemarkId
);
text_id!(
    /// A topic a remark may be filed under.
    TopicId
);
text_id!(
    /// A case: remarks about the same thing, grouped by a feedback owner.
    CaseId
);
text_id!(
    /// One version of a case's decision.
    DecisionId
);
text_id!(
    /// The plan that carries out an act decision.
    PlanId
);
text_id!(
    /// One task of a plan, for one colleague.
    TaskId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_uuid_v4_is_an_id() {
        let fresh = RemarkId::new();
        assert_eq!(RemarkId::parse(fresh.as_str()), Some(fresh.clone()));
        assert_eq!(RemarkId::from_bytes(fresh.bytes()), fresh);
        let upper = fresh.as_str().to_uppercase();
        assert_eq!(
            RemarkId::parse(&format!("  {upper} ")).as_ref(),
            Some(&fresh),
            "case and spaces forgiven"
        );
        // A version 1 UUID carries its instant; a nil UUID and plain text are not ids either.
        for refused in
            ["6ba7b810-9dad-11d1-80b4-00c04fd430c8", "00000000-0000-0000-0000-000000000000", "x", ""]
        {
            assert_eq!(PersonId::parse(refused), None, "{refused}");
        }
    }

    #[test]
    fn json_is_the_uuid_string_and_reading_it_checks() {
        let id = TopicId::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", id.as_str()));
        assert_eq!(serde_json::from_str::<TopicId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<TopicId>("\"not-an-id\"").is_err());
    }
}
