//! The feedback owner's desk (docs/triage.md): when a remark's answer is due ([`promise`]), in
//! which order the inbox shows what is undecided ([`urgency`], kept with each remark by
//! [`store`]), the inbox itself ([`inbox`]), one remark as the owner works on it ([`desk`]) and
//! the first answer to its customer ([`draft`], [`acknowledge`]).

pub mod acknowledge;
pub mod desk;
pub mod draft;
pub mod inbox;
pub mod promise;
pub mod redact;
pub mod store;
pub mod urgency;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(inbox::inbox)
        .service(desk::view)
        .service(desk::draft_answer)
        .service(acknowledge::acknowledge)
        .service(redact::redact);
}
