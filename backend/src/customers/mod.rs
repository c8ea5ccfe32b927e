//! Customers have no account: a private link is their whole relationship with earshot. Its
//! token (`token.rs`) and the page it opens (`status.rs`).

pub mod status;
pub mod token;

pub fn routes(cfg: &mut crate::web::Routes) {
    status::routes(cfg);
}
