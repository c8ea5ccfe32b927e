//! Liveness and readiness for load balancers and orchestrators. Public, no personal data.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::startup::AppState;

/// Named apart from `people::Status` in the document: two schemas called `Status` made every
/// health answer "not one of invited, active, disabled" to a conformance checker.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = HealthStatus)]
pub struct Status {
    /// `ok` (alive) or `ready` (database reachable, schema up to date).
    pub status: String,
}

/// The process is alive. Does not touch the database.
#[utoipa::path(tag = "operations",
    responses((status = 200, description = "Alive", body = Status)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Status { status: "ok".into() })
}

/// Ready for traffic: the database answers, every migration this binary knows is applied and
/// this replica's mail worker is running.
#[utoipa::path(tag = "operations",
    responses((status = 200, description = "Ready", body = Status),
        (status = 503, description = "Database unreachable or not migrated, or the mail worker not running", body = crate::error::Problem,
            content_type = "application/problem+json")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.db.check_ready().await?;
    if !state.mail.worker_running() {
        return Err(AppError::Refused {
            status: actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
            slug: "mail-worker-stopped",
        });
    }
    Ok(HttpResponse::Ok().json(Status { status: "ready".into() }))
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(healthz).service(readyz);
}
