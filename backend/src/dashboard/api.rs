//! `GET /api/v1/dashboard`: owners and admins read the figures.

use actix_web::{HttpResponse, get, web};

use super::period::{Chosen, PeriodQuery};
use crate::auth::Overseer;
use crate::error::AppError;
use crate::state::AppState;

/// The figures of a period beside the one before it, and the late work (owners and admins).
#[utoipa::path(security(("session" = ["owner", "admin"])), tag = "dashboard", params(PeriodQuery),
    responses((status = 200, body = super::Dashboard),
        (status = 422, description = "A custom period without both days, backwards, longer than 366 days \
            or outside 2000–2100; or days given with another period", body = crate::error::Problem,
            content_type = "application/problem+json")))]
#[get("/dashboard")]
pub async fn dashboard(
    who: Overseer,
    state: web::Data<AppState>,
    query: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let (lang, now) = (who.person.language, state.clock.now());
    let query = query.into_inner();
    let figures = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let chosen = Chosen::of(&query, org.day_of(now))?;
            Ok(super::dashboard(conn, &org, chosen, now, lang)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(figures))
}
