//! Signing in and staying signed in: passwords, tokens, cookies, CSRF, rate limits, and the
//! mailed links (sign-in, reset, invitation). See docs/architecture.md, "Accounts and sessions".

pub mod cookies;
pub mod csrf;
pub mod guard;
pub mod jwt;
pub mod limits;
pub mod links;
pub mod one_time;
pub mod password;
pub mod sealed;
pub mod session;
pub mod standing;
pub mod token;

pub use guard::{Admin, Authenticated, Capturer, Employee, Overseer, Owner};

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(session::csrf_token)
        .service(session::sign_in)
        .service(session::refresh_session)
        .service(session::sign_out)
        .service(links::request_link)
        .service(links::redeem_link)
        .service(links::request_reset)
        .service(links::complete_reset)
        .service(links::inspect_invitation)
        .service(links::accept_invitation);
}
