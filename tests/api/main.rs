//! Integration tests: the real app over HTTP, on SQLite and on PostgreSQL.

// A failing expectation in a test helper is a test failure, which is what we want.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod helpers;

mod access_log;
mod accounts;
mod anonymity;
mod app_model;
mod authorization;
mod bad_input;
mod capture_checks;
mod cases;
mod catalogs;
mod command_line;
mod customers;
mod dashboard;
mod decisions;
mod desk;
mod health;
mod held_captures;
mod hostile_input;
mod http_details;
mod mail;
mod messenger;
mod metrics;
mod news;
mod people_admin;
mod plans;
mod pwa;
mod remarks;
mod replays;
mod schema;
mod seal_statistics;
mod sessions;
mod settings;
mod startup;
mod thread_concurrency;
mod typed_columns;
