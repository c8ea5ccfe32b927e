//! The one route list. Every route is mounted here once, through utoipa-actix-web, and the API
//! document is collected from that same mounting: a path is written only in its handler's
//! `#[get("…")]`, and no route can be served without being in the document (which the
//! authorization test walks, calling every operation as every role).

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::web;
use utoipa_actix_web::AppExt;

use crate::openapi::Document;
use crate::web::Routes;
use crate::{auth, health, openapi, organisation, people};

/// Extra routes mounted under /api/v1 (tests use it to exercise the shared machinery). They
/// are in the document like any other.
pub type RouteHook = Arc<dyn Fn(&mut Routes) + Send + Sync>;

/// Mount every route: health at the root, the API under /api/v1 (CSRF-protected), in that
/// order; `extra` inside the API scope.
pub fn mount(cfg: &mut Routes, extra: Option<&RouteHook>) {
    cfg.configure(health::routes);
    cfg.service(crate::metrics::serve_metrics);
    cfg.configure(crate::customers::routes);
    cfg.configure(crate::news::pages);
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            .wrap(from_fn(auth::csrf::protect))
            .service(openapi::openapi_json)
            .configure(auth::routes)
            .configure(people::me::routes)
            .configure(people::admin::routes)
            .configure(organisation::routes)
            .configure(crate::remarks::routes)
            .configure(crate::messenger::api::routes)
            .configure(crate::triage::routes)
            .configure(crate::cases::routes)
            .configure(crate::decisions::routes)
            .configure(crate::plans::routes)
            .configure(crate::news::routes)
            .configure(crate::dashboard::routes)
            .configure(|cfg| {
                if let Some(hook) = extra {
                    hook(cfg);
                }
            })
            .default_service(web::to(crate::web::not_routed)),
    );
}

/// The API document of exactly what [`mount`] mounts, completed with what every operation
/// shares (see [`openapi::complete`]).
pub fn document(extra: Option<&RouteHook>) -> Document {
    let (_, doc) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(openapi::base())
        .configure(|cfg| mount(cfg, extra))
        .split_for_parts();
    Document::new(doc)
}
