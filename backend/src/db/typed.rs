//! Columns that hold one of a closed set of values (a language, a place kind, a status, a
//! feeling) are read into their Rust enum, never into a string that a hand parser later turns
//! into a default. An unknown value in such a column is an error when the row is read.
//!
//! A type opts in with [`stored_as_text!`] or [`stored_as_integer!`] after deriving
//! `AsExpression` and `FromSqlRow` for the column's SQL type; the macro writes the six diesel
//! impls (each backend, and the derived `MultiBackend` that dispatches to them).

/// A closed set stored as text: each value's spelling in the database.
pub trait TextValue: Copy + 'static {
    const ALL: &'static [Self];
    fn text(self) -> &'static str;
}

/// A closed set stored as an integer: each value's number in the database.
pub trait IntegerValue: Copy + 'static {
    const ALL: &'static [Self];
    fn number(self) -> i32;
}

type ReadError = Box<dyn std::error::Error + Send + Sync>;

/// The error never repeats the stored value: the macros are for closed sets, but an error text
/// reaches the logs, and no column's content should.
fn unknown<T>(length: usize) -> ReadError {
    let what = std::any::type_name::<T>().rsplit("::").next().unwrap_or("value");
    format!("an unknown {what} ({length} bytes) in the database").into()
}

pub fn from_text<T: TextValue>(stored: &str) -> Result<T, ReadError> {
    T::ALL.iter().copied().find(|v| v.text() == stored).ok_or_else(|| unknown::<T>(stored.len()))
}

pub fn from_integer<T: IntegerValue>(stored: &i32) -> Result<T, ReadError> {
    T::ALL.iter().copied().find(|v| v.number() == *stored).ok_or_else(|| unknown::<T>(4))
}

/// Read and write `$ty` (a [`TextValue`]) as a `Text` column on both backends.
#[macro_export]
macro_rules! stored_as_text {
    ($ty:ty) => {
        $crate::stored_as!(
            $ty,
            diesel::sql_types::Text,
            String,
            from_text,
            |v: $ty| { $crate::db::typed::TextValue::text(v) },
            str
        );
    };
}

/// Read and write `$ty` (an [`IntegerValue`]) as an `Integer` column on both backends.
#[macro_export]
macro_rules! stored_as_integer {
    ($ty:ty) => {
        $crate::stored_as!(
            $ty,
            diesel::sql_types::Integer,
            i32,
            from_integer,
            |v: $ty| { $crate::db::typed::IntegerValue::number(v) },
            i32
        );
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! stored_as {
    ($ty:ty, $st:ty, $raw:ty, $parse:ident, $to:expr, $unsized:ty) => {
        impl diesel::deserialize::FromSql<$st, diesel::sqlite::Sqlite> for $ty {
            fn from_sql(
                bytes: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let raw =
                    <$raw as diesel::deserialize::FromSql<$st, diesel::sqlite::Sqlite>>::from_sql(bytes)?;
                $crate::db::typed::$parse(&raw)
            }
        }
        impl diesel::deserialize::FromSql<$st, diesel::pg::Pg> for $ty {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let raw = <$raw as diesel::deserialize::FromSql<$st, diesel::pg::Pg>>::from_sql(bytes)?;
                $crate::db::typed::$parse(&raw)
            }
        }
        impl diesel::deserialize::FromSql<$st, $crate::db::MultiBackend> for $ty {
            fn from_sql(
                bytes: <$crate::db::MultiBackend as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                bytes.from_sql::<Self, $st>()
            }
        }
        impl diesel::serialize::ToSql<$st, diesel::sqlite::Sqlite> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                out.set_value(($to)(*self));
                Ok(diesel::serialize::IsNull::No)
            }
        }
        impl diesel::serialize::ToSql<$st, diesel::pg::Pg> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                let value = ($to)(*self);
                <$unsized as diesel::serialize::ToSql<$st, diesel::pg::Pg>>::to_sql(
                    std::borrow::Borrow::borrow(&value),
                    &mut out.reborrow(),
                )
            }
        }
        impl diesel::serialize::ToSql<$st, $crate::db::MultiBackend> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, $crate::db::MultiBackend>,
            ) -> diesel::serialize::Result {
                out.set_value((<$st as Default>::default(), self));
                Ok(diesel::serialize::IsNull::No)
            }
        }
    };
}
