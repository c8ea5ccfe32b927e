//! Liveness and readiness for load balancers and orchestrators. Public, no personal data.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::state::AppState;

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
/// every background job of this replica runs (the answer names those that do not).
#[utoipa::path(tag = "operations",
    responses((status = 200, description = "Ready", body = Status),
        (status = 503, description = "Database unreachable or not migrated, or a background job not running", body = crate::error::Problem,
            content_type = "application/problem+json")))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    state.db.check_ready().await?;
    let down = state.jobs.down();
    if !down.is_empty() {
        return Err(AppError::JobsDown(down.join(", ")));
    }
    Ok(HttpResponse::Ok().json(Status { status: "ready".into() }))
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(healthz).service(readyz);
}
