//! earshot: customers' remarks heard by employees, answered by a neutral owner, measured —
//! and never a way to learn who brought a remark in.
//!
//! This is the surface the binary and the integration tests use. docs/architecture.md is the map.

pub mod auth;
pub mod cases;
pub mod clock;
pub mod config;
pub mod customers;
pub mod dashboard;
pub mod db;
pub mod decisions;
pub mod demo;
pub mod error;
pub mod health;
pub mod i18n;
pub mod ids;
pub mod instance;
pub mod jobs;
pub mod keys;
pub mod mail;
pub mod messenger;
pub mod metrics;
pub mod news;
pub mod openapi;
pub mod organisation;
pub mod people;
pub mod plans;
pub mod remarks;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod triage;
pub mod web;

pub use config::Settings;
pub use error::StartError;
pub use startup::Application;
pub use state::AppState;
