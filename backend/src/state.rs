//! What every handler can reach, as one `web::Data<AppState>`.
//!
//! One struct rather than a `web::Data` slice per domain: the role guards need the signer, the
//! database and the configuration together, and a slice missing from `App::app_data` is found
//! only when a request needs it (a 500 at run time), while a field missing here does not compile.
//! The state sits below the domains: it names their shared handles (the database, the seals, the
//! mailer, the jobs) and none of their routes, so no domain imports `startup`.

use std::sync::Arc;

use crate::auth::jwt::Signer;
use crate::auth::limits::Limits;
use crate::auth::sealed::TokenSealer;
use crate::auth::standing::Standing;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::jobs::Jobs;
use crate::mail::Mailer;
use crate::messenger::Seals;
use crate::remarks::in_flight::InFlight;

pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// The process configuration (the organisation's own settings are in the database).
    pub settings: Arc<Settings>,
    pub signer: Signer,
    /// Seals refresh and one-time tokens, the person inside (see `auth::sealed`).
    pub sealer: TokenSealer,
    /// Who may act: each person's generation and status, and the ended sessions.
    pub standing: Arc<Standing>,
    pub limits: Limits,
    pub mail: Mailer,
    /// Captures being written now, by key (a replay waits for none of them).
    pub in_flight: Arc<InFlight>,
    /// The messenger keys and the my-remarks index.
    pub seals: Arc<Seals>,
    /// This replica's background jobs (readiness reports those that are down).
    pub jobs: Arc<Jobs>,
    /// The requests not logged one by one, counted by day (`web::access`).
    pub access: crate::web::access::DailyCounts,
}
