//! Columns holding a closed set of values (a language, a place kind, a feeling, a status) are
//! read into their enums: a value the code does not know is an error, never a silent default.

use diesel::prelude::*;
use earshot::db::DbConn;
use earshot::i18n::Lang;
use earshot::people::Role;
use earshot::remarks::{Feeling, PlaceKind, RemarkState};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, spawn_app};

async fn captured(app: &TestApp) -> earshot::ids::RemarkId {
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let id = uuid::Uuid::new_v4().to_string();
    let body = json!({
        "id": id,
        "customer": {"name": "Mevrouw Claes", "language": "fr"},
        "facts": "Het brood was om tien uur op.",
        "feeling": {"level": "pleased"},
        "place": {"kind": "shop"},
    });
    assert_eq!(jan.post("/api/v1/remarks", &body).await.status(), 201);
    app.release_now();
    earshot::ids::RemarkId::parse(&id).expect("an id")
}

fn set(conn: &mut DbConn, table: &str, column: &str, value: &str) {
    diesel::sql_query(format!("UPDATE {table} SET {column} = {value}")).execute(conn).expect("update");
}

/// The read fails with a deserialization error that names the type and not the value.
fn assert_refused<T: std::fmt::Debug>(read: QueryResult<T>, type_name: &str, value: &str) {
    match read {
        Err(diesel::result::Error::DeserializationError(e)) => {
            // diesel names the field; the cause under it, the type.
            let mut text = e.to_string();
            let mut cause = e.source();
            while let Some(inner) = cause {
                text.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            assert!(text.contains(type_name), "{text}");
            assert!(!text.contains(value.trim_matches('\'')), "the error repeats the value: {text}");
        }
        other => panic!("an unknown {type_name} was read as {other:?}"),
    }
}

/// Each typed column of `remarks` and `users` in turn gets, by SQL, a value the code does not
/// know: reading the row fails; put back, it reads again.
async fn an_unknown_value_in_a_typed_column_is_an_error(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = captured(&app).await;
    let mut conn = app.db.connect();
    let remark = earshot::remarks::find(&mut conn, &id).expect("reads").expect("there");
    assert_eq!(
        (remark.customer_language, remark.feeling, remark.place_kind, remark.status),
        (Lang::Fr, Feeling::Pleased, PlaceKind::Shop, RemarkState::New)
    );
    for (column, bad, good, type_name) in [
        ("customer_language", "'qz'", "'fr'", "Lang"),
        ("place_kind", "'spaceship'", "'shop'", "PlaceKind"),
        ("feeling", "9", "4", "Feeling"),
        ("status", "'mislaid'", "'new'", "RemarkState"),
    ] {
        set(&mut conn, "remarks", column, bad);
        assert_refused(earshot::remarks::find(&mut conn, &id), type_name, bad);
        set(&mut conn, "remarks", column, good);
        assert!(earshot::remarks::find(&mut conn, &id).expect("reads again").is_some());
    }

    // Through the API the owner is told something went wrong; nothing is shown as a default.
    set(&mut conn, "remarks", "place_kind", "'spaceship'");
    let owner = app.signed_in("owner@example.be", &[Role::Owner]).await;
    assert_eq!(owner.get(&format!("/api/v1/remarks/{}", id.as_str())).await.status(), 500);
    set(&mut conn, "remarks", "place_kind", "'shop'");
    assert_eq!(owner.get(&format!("/api/v1/remarks/{}", id.as_str())).await.status(), 200);

    for (column, bad, good, type_name) in
        [("language", "'qz'", "'nl'", "Lang"), ("status", "'superuser'", "'active'", "Status")]
    {
        set(&mut conn, "users", column, bad);
        assert_refused(earshot::people::find_by_email(&mut conn, "jan@example.be"), type_name, bad);
        set(&mut conn, "users", column, good);
        assert!(earshot::people::find_by_email(&mut conn, "jan@example.be").expect("reads").is_some());
    }

    // An id is read only when it is one the app makes (a UUID v4): the topics do not read while
    // one of them is not; the error names the id's type, never the value.
    let sql = |q: &str, conn: &mut DbConn| diesel::sql_query(q).execute(conn).expect("sql");
    sql(
        "INSERT INTO topics (id, label_nl, label_fr, label_en, position, archived) VALUES ('kapotte-sleutel', 'a', 'b', 'c', 9, false)",
        &mut conn,
    );
    assert_refused(earshot::organisation::topics(&mut conn), "TopicId", "kapotte-sleutel");
    sql("DELETE FROM topics WHERE id = 'kapotte-sleutel'", &mut conn);
    assert!(earshot::organisation::topics(&mut conn).is_ok());
}

both_backends!(an_unknown_value_in_a_typed_column_is_an_error);
