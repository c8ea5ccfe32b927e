//! The OpenAPI document at /api/v1/openapi.json. Its paths are collected from the routes as
//! they are mounted (`routes::document`); this module gives it its frame (`base`), adds what
//! every operation shares (`complete`: the problem responses, their media type, the session
//! scheme) and answers which methods a path has (the 405's `Allow`).

use actix_web::http::Method;
use actix_web::{HttpResponse, get, web};
use utoipa::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};

use crate::error::PROBLEM_JSON;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "earshot API",
        description = "Capture what customers say, decide, close the loop — never expose the messenger. \
                       Errors are RFC 9457 problem+json with a title in the caller's language \
                       (Accept-Language: nl, fr, en; Dutch by default). Signed-in calls carry the \
                       session cookie; an operation's `session` scopes name the roles that may call it \
                       (none: anyone signed in)."
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::FieldCode)),
    tags(
        (name = "operations", description = "Health and the API description"),
        (name = "session", description = "Signing in: password, mailed links, invitations, resets. \
            Every POST, PUT, PATCH and DELETE needs the X-CSRF-Token header (GET /api/v1/session/csrf)."),
        (name = "me", description = "The signed-in person's own account"),
        (name = "people", description = "Accounts and invitations (admins)"),
        (name = "settings", description = "The organisation's settings and topics"),
        (name = "remarks", description = "Capture what a customer said; read what came in"),
        (name = "messenger", description = "The reporter's own remarks; nobody else can see who brought a remark in"),
        (name = "desk", description = "The feedback owner's inbox and first answers"),
        (name = "cases", description = "Remarks about the same thing, grouped into cases; suggestions of which belong together"),
        (name = "decisions", description = "What becomes of a case, and every customer told it in their language"),
        (name = "plans", description = "Action plans: the tasks that carry out an act decision, my tasks, and customers told when it is done or moved"),
        (name = "dashboard", description = "How fast and how well the organisation answers, for owners and admins"),
    )
)]
struct Frame;

/// The document's frame: information, tags and the shared schemas, without paths.
pub fn base() -> utoipa::openapi::OpenApi {
    Frame::openapi()
}

/// The security scheme signed-in operations name: the access cookie.
pub const SESSION: &str = "session";

/// The built document, and the route table it gives.
pub struct Document {
    json: String,
    routes: Vec<Route>,
    paths: utoipa::openapi::path::Paths,
}

/// One documented path: its segments (`None` for a `{parameter}`) and the methods it answers.
type Route = (Vec<Option<String>>, Vec<Method>);

/// The operations of one path, by method (the methods the API uses).
fn operations_of(item: &utoipa::openapi::PathItem) -> impl Iterator<Item = (Method, &Operation)> {
    [
        (Method::GET, item.get.as_ref()),
        (Method::POST, item.post.as_ref()),
        (Method::PUT, item.put.as_ref()),
        (Method::PATCH, item.patch.as_ref()),
        (Method::DELETE, item.delete.as_ref()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
}

impl Document {
    pub fn new(mut doc: utoipa::openapi::OpenApi) -> Self {
        complete(&mut doc);
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path
                    .split('/')
                    .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_owned()))
                    .collect();
                (segments, operations_of(item).map(|(method, _)| method).collect())
            })
            .collect();
        Self { json: doc.to_json().unwrap_or_else(|_| "{}".into()), routes, paths: doc.paths }
    }

    pub fn json(&self) -> &str {
        &self.json
    }

    /// Every documented operation: its method, its path (as routes write it) and itself.
    pub fn operations(&self) -> impl Iterator<Item = (Method, String, &Operation)> {
        self.paths
            .paths
            .iter()
            .flat_map(|(path, item)| operations_of(item).map(move |(method, op)| (method, path.clone(), op)))
    }

    /// The methods a documented path answers; `None` for a path the API does not have.
    pub fn allowed_methods(&self, path: &str) -> Option<&[Method]> {
        let asked: Vec<&str> = path.split('/').collect();
        self.routes
            .iter()
            .find(|(segments, _)| {
                segments.len() == asked.len()
                    && segments.iter().zip(&asked).all(|(want, got)| match want {
                        Some(fixed) => fixed == got,
                        None => !got.is_empty(),
                    })
            })
            .map(|(_, methods)| methods.as_slice())
    }
}

/// This document.
#[utoipa::path(tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
#[get("/openapi.json")]
pub async fn openapi_json(doc: web::Data<Document>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(doc.json().to_owned())
}

/// What every operation shares, added once here instead of on each handler: the problems the
/// common machinery can answer (a bad or oversized or slow body, no session, the wrong role, a
/// missing CSRF token, a path id that names nothing, an unavailable database), all as
/// `application/problem+json`; the session scheme; operation ids made unique by their tag.
pub fn complete(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components.security_schemes.insert(
        SESSION.to_owned(),
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            "earshot_access",
            "The access token, set by signing in (POST /api/v1/session) and renewed by POST /api/v1/session/refresh.",
        ))),
    );
    for (path, item) in &mut doc.paths.paths {
        let templated = path.contains('{');
        let operations = [
            (&mut item.get, false),
            (&mut item.post, true),
            (&mut item.put, true),
            (&mut item.patch, true),
            (&mut item.delete, true),
        ];
        for (operation, changes_state) in operations {
            if let Some(op) = operation {
                complete_operation(op, templated, changes_state);
            }
        }
    }
}

fn complete_operation(op: &mut Operation, templated: bool, changes_state: bool) {
    let tag = op.tags.as_ref().and_then(|t| t.first()).cloned().unwrap_or_default();
    if let Some(id) = &op.operation_id {
        op.operation_id = Some(format!("{tag}.{id}"));
    }
    let roles = roles_of(op);
    let mut shared: Vec<(u16, &str)> = vec![
        (400, "The request cannot be read"),
        (500, "Something went wrong on our side"),
        (503, "The database is not there right now"),
    ];
    if templated {
        shared.push((404, "Nothing by that id"));
    }
    if op.request_body.is_some() || changes_state {
        shared.extend([(408, "The body arrived too slowly"), (413, "The body is too large")]);
    }
    if op.request_body.is_some() {
        shared.extend([(415, "The body is not JSON"), (422, "Fields are missing or wrong; each is named")]);
    }
    if changes_state {
        shared.push((403, "No CSRF token, or a cross-site request"));
    }
    match roles {
        None => {}
        Some(roles) => {
            shared.push((401, "Not signed in"));
            if !roles.is_empty() {
                shared.push((403, "Signed in without the role this needs"));
            }
        }
    }
    let mut by_status: std::collections::BTreeMap<u16, Vec<&str>> = std::collections::BTreeMap::new();
    for (status, description) in shared {
        by_status.entry(status).or_default().push(description);
    }
    for (status, descriptions) in by_status {
        op.responses.responses.entry(status.to_string()).or_insert_with(|| {
            RefOr::T(ResponseBuilder::new().description(descriptions.join("; or ")).build())
        });
    }
    // Every problem is problem+json, with the one Problem schema — except a page of its own
    // (the customer's status page answers its 404 and 429 as HTML, and documents them so).
    for (status, response) in &mut op.responses.responses {
        let is_problem = status.starts_with('4') || status.starts_with('5');
        if let (true, RefOr::T(response)) = (is_problem, response) {
            if response.content.keys().any(|k| k.starts_with("text/html")) {
                continue;
            }
            response.content.clear();
            response
                .content
                .insert(PROBLEM_JSON.to_owned(), Content::new(Some(Ref::from_schema_name("Problem"))));
        }
    }
}

/// The roles an operation is for, from its `session` security requirement: `None` when anyone
/// may call it, `Some([])` for anyone signed in, else the roles (any one of them suffices).
pub fn roles_of(op: &Operation) -> Option<Vec<String>> {
    let requirements = op.security.as_ref()?;
    let mut roles: Option<Vec<String>> = None;
    for requirement in requirements {
        let value = serde_json::to_value(requirement).ok()?;
        if let Some(scopes) = value.get(SESSION).and_then(|s| s.as_array()) {
            let list = roles.get_or_insert_with(Vec::new);
            list.extend(scopes.iter().filter_map(|s| s.as_str().map(str::to_owned)));
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_know_their_methods() {
        let doc = crate::routes::document(None);
        assert_eq!(doc.allowed_methods("/api/v1/remarks"), Some(&[Method::GET, Method::POST][..]));
        assert_eq!(doc.allowed_methods("/api/v1/remarks/abc/thread"), Some(&[Method::GET][..]));
        assert_eq!(doc.allowed_methods("/healthz"), Some(&[Method::GET][..]));
        assert_eq!(doc.allowed_methods("/api/v1/remarks//thread"), None);
        assert_eq!(doc.allowed_methods("/api/v1/nothing"), None);
    }
}
