//! `Authenticated`: the signed-in person, from the access cookie, checked against who may act
//! (`auth::standing`, in memory: active, same token generation, session not signed out) and
//! then read from the database, without writing anything. `Capturer` checks the same in memory
//! only. Put the guard first among a handler's arguments so a missing or bad token is a 401
//! before the body is even read.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::auth::jwt::Claims;
use crate::auth::{cookies, sealed};
use crate::error::AppError;
use crate::ids::PersonId;
use crate::people::{self, Person, Role, Status};
use crate::state::AppState;

/// Any signed-in person (active, same token generation), whatever their roles.
pub struct Authenticated {
    pub person: Person,
}

/// A signed-in person who holds one role: the handler's signature says who may call it, and
/// the operation's `security` in the API document says the same (the authorization test calls
/// every mounted route as every role and holds them to it).
macro_rules! role_guard {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        pub struct $name {
            pub person: Person,
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

            fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
                // Decided from the token before anything is awaited: actix polls a handler's
                // extractors together, and a body's 422 must not answer before this 401/403.
                if let Err(refusal) = claims_hold(req, $role) {
                    return Box::pin(std::future::ready(Err(refusal)));
                }
                let signed_in = Authenticated::from_request(req, payload);
                Box::pin(async move {
                    let Authenticated { person } = signed_in.await?;
                    if person.roles.has($role) { Ok(Self { person }) } else { Err(AppError::Forbidden) }
                })
            }
        }
    };
}

/// The access token's verdict, without the database: 401 without a valid token, 403 when it
/// does not carry `role`. (The database is asked afterwards: a person disabled or demoted since
/// the token was made is refused then.)
fn claims_hold(req: &HttpRequest, role: Role) -> Result<(), AppError> {
    let state = req.app_data::<web::Data<AppState>>().ok_or(AppError::Internal)?;
    let token = req.cookie(cookies::ACCESS).ok_or(AppError::Unauthorized)?;
    let claims = state.signer.verify(token.value(), state.clock.now()).ok_or(AppError::Unauthorized)?;
    if claims.roles.contains(&role) { Ok(()) } else { Err(AppError::Forbidden) }
}

role_guard!(
    /// An employee: captures, reads what came in.
    Employee,
    Role::Employee
);
role_guard!(
    /// A feedback owner: asks the messenger, triages, decides.
    Owner,
    Role::Owner
);
role_guard!(
    /// An admin: people, invitations, settings.
    Admin,
    Role::Admin
);

/// A feedback owner or an admin: reads the organisation's figures (the dashboard).
pub struct Overseer {
    pub person: Person,
}

impl FromRequest for Overseer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // As the role guards: the token's verdict first, then the database's.
        if let Err(refusal) = claims_hold(req, Role::Owner).or_else(|_| claims_hold(req, Role::Admin)) {
            return Box::pin(std::future::ready(Err(refusal)));
        }
        let signed_in = Authenticated::from_request(req, payload);
        Box::pin(async move {
            let Authenticated { person } = signed_in.await?;
            if person.roles.has(Role::Owner) || person.roles.has(Role::Admin) {
                Ok(Self { person })
            } else {
                Err(AppError::Forbidden)
            }
        })
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
            let id = standing_of(&state, &claims).ok_or(AppError::Unauthorized)?;
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

/// The person a token names, when they may act now (`auth::standing`, in memory).
fn standing_of(state: &AppState, claims: &Claims) -> Option<PersonId> {
    let id = PersonId::parse(&claims.sub)?;
    let session = sealed::session_hash(&sealed::session_from_text(&claims.sid)?);
    state.standing.may_act(&id, claims.generation, &session).then_some(id)
}

/// Someone who may capture — an employee or a feedback owner — as their token says, checked
/// against who may act in memory, never by reading the database: nothing about the person is
/// read or written near a capture. A disabled person, a changed password or a sign-out is
/// refused here as on every route.
pub struct Capturer {
    pub claims: Claims,
}

impl FromRequest for Capturer {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let claims = req.app_data::<web::Data<AppState>>().and_then(|state| {
            let token = req.cookie(cookies::ACCESS)?;
            let claims = state.signer.verify(token.value(), state.clock.now())?;
            standing_of(state, &claims).map(|_| claims)
        });
        let checked = match claims {
            None => Err(AppError::Unauthorized),
            Some(c) if c.roles.iter().any(|r| matches!(r, Role::Employee | Role::Owner)) => {
                Ok(Capturer { claims: c })
            }
            Some(_) => Err(AppError::Forbidden),
        };
        std::future::ready(checked)
    }
}
