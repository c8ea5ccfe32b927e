//! `Authenticated`: the signed-in person, from the access cookie, checked against the database
//! (active, same token generation) without writing anything. Put it first among a handler's
//! arguments so a missing or bad token is a 401 before the body is even read.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::auth::cookies;
use crate::auth::jwt::Claims;
use crate::error::AppError;
use crate::people::{self, Person, Role, Status};
use crate::startup::AppState;

pub struct Authenticated {
    pub person: Person,
}

impl Authenticated {
    /// 403 unless the person holds `role`.
    pub fn require(&self, role: Role) -> Result<(), AppError> {
        if self.person.roles.has(role) { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

impl FromRequest for Authenticated {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req.cookie(cookies::ACCESS).map(|c| c.value().to_owned());
        Box::pin(async move {
            let state = state.ok_or(AppError::Internal)?;
            let claims = token
                .and_then(|t| state.signer.verify(&t, state.clock.now()))
                .ok_or(AppError::Unauthorized)?;
            let id = claims.sub.clone();
            let person = state.db.run(move |conn| Ok(people::find(conn, &id)?)).await?;
            match person {
                Some(p) if p.status == Status::Active && p.token_generation == claims.generation => {
                    Ok(Authenticated { person: p })
                }
                _ => Err(AppError::Unauthorized),
            }
        })
    }
}

/// The signed-in person as their access token says, without reading the database: the capture
/// route uses it, so that nothing about the person is read or written near a capture. (A disabled
/// person's token keeps working here until it expires, at most 15 minutes.)
pub struct Claimed {
    pub claims: Claims,
}

impl Claimed {
    /// 403 unless the token carries one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.iter().any(|r| self.claims.roles.contains(r)) { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

impl FromRequest for Claimed {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let claims = req.app_data::<web::Data<AppState>>().and_then(|state| {
            let token = req.cookie(cookies::ACCESS)?;
            state.signer.verify(token.value(), state.clock.now())
        });
        std::future::ready(claims.map(|claims| Claimed { claims }).ok_or(AppError::Unauthorized))
    }
}
