//! Customers have no account: a private link is their whole relationship with earshot. Its
//! token (`token.rs`), the page it opens (`status.rs`, telling `story.rs`), and what they do
//! there (`visit.rs` first): "did this help?" (`vote.rs`), no more e-mails (`stop.rs`), forget
//! me (`forget.rs`). docs/customers.md has the rules.

pub mod forget;
pub mod letter;
pub mod status;
pub mod stop;
pub mod story;
pub mod token;
pub mod visit;
pub mod vote;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(status::status_page)
        .service(status::help_page)
        .service(vote::vote)
        .service(stop::ask)
        .service(stop::stop)
        .service(forget::ask)
        .service(forget::forget);
}
