//! Liveness and readiness for load balancers and orchestrators. Public, no personal data.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::startup::AppState;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Status {
    /// `ok` (alive) or `ready` (database reachable, schema up to date).
    pub status: String,
}

/// The process is alive. Does not touch the database.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Status)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Status { status: "ok".into() })
}

/// Ready for traffic: the database answers and every migration this binary knows is applied.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Status),
        (status = 503, description = "Database unreachable or not migrated", body = crate::error::Problem,
            content_type = "application/problem+json"),
    ))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.db.check_ready().await?;
    Ok(HttpResponse::Ok().json(Status { status: "ready".into() }))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(readyz);
}
