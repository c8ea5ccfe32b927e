//! Rate limits for sign-in and the mailed-link requests, in memory (per replica), answered with
//! 429 and Retry-After: per client address; per account *from one address* (so wrong guesses
//! from one place do not lock the person out everywhere else); and a higher ceiling per account
//! from all addresses together, counted only for attempts the first two let through (so guessing
//! spread over many addresses stays bounded). Account keys are the typed e-mail addresses; they
//! live only in this process's memory and are never logged.

use std::net::IpAddr;
use std::num::NonZeroU32;

use actix_web::HttpRequest;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

pub struct Limits {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_account_address: DefaultKeyedRateLimiter<(String, IpAddr)>,
    per_account: DefaultKeyedRateLimiter<String>,
    /// Captures per client address: never per person (the capture route knows no person).
    captures: DefaultKeyedRateLimiter<IpAddr>,
    /// Customers' status pages per client address.
    status_pages: DefaultKeyedRateLimiter<IpAddr>,
    trusted_proxies: Vec<IpAddr>,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl Limits {
    pub fn new(settings: &crate::Settings) -> Self {
        Self {
            per_ip: RateLimiter::keyed(per_minute(settings.requests_per_minute_per_ip)),
            per_account_address: RateLimiter::keyed(per_minute(settings.sign_in_attempts_per_minute)),
            per_account: RateLimiter::keyed(per_minute(settings.sign_in_attempts_per_account_per_minute)),
            captures: RateLimiter::keyed(per_minute(settings.captures_per_minute_per_ip)),
            status_pages: RateLimiter::keyed(per_minute(settings.status_pages_per_minute_per_ip)),
            trusted_proxies: settings.trusted_proxies.clone(),
        }
    }

    /// Count one capture from this client address.
    pub fn check_capture(&self, req: &HttpRequest) -> Result<(), AppError> {
        let ip = client_ip(req, &self.trusted_proxies);
        self.captures.check_key(&ip).map_err(|not_until| too_many(&not_until))
    }

    /// Count one status page from this client address.
    pub fn check_status_page(&self, req: &HttpRequest) -> Result<(), AppError> {
        let ip = client_ip(req, &self.trusted_proxies);
        self.status_pages.check_key(&ip).map_err(|not_until| too_many(&not_until))
    }

    /// Count one request from this client; 429 when over the limit.
    pub fn check_client(&self, req: &HttpRequest) -> Result<(), AppError> {
        let ip = client_ip(req, &self.trusted_proxies);
        self.per_ip.check_key(&ip).map_err(|not_until| too_many(&not_until))
    }

    /// Count one attempt on this account (whether it exists or not) from this client: first
    /// against the account from this address, then against the account's ceiling.
    pub fn check_account(&self, email: &str, req: &HttpRequest) -> Result<(), AppError> {
        let ip = client_ip(req, &self.trusted_proxies);
        self.per_account_address
            .check_key(&(email.to_owned(), ip))
            .map_err(|not_until| too_many(&not_until))?;
        self.per_account.check_key(&email.to_owned()).map_err(|not_until| too_many(&not_until))
    }

    /// Forget keys whose limits have fully recovered (call now and then).
    pub fn sweep(&self) {
        self.per_ip.retain_recent();
        self.per_account_address.retain_recent();
        self.per_account.retain_recent();
        self.captures.retain_recent();
        self.status_pages.retain_recent();
        self.per_ip.shrink_to_fit();
        self.per_account_address.shrink_to_fit();
        self.per_account.shrink_to_fit();
        self.captures.shrink_to_fit();
        self.status_pages.shrink_to_fit();
    }
}

fn too_many(not_until: &governor::NotUntil<<DefaultClock as Clock>::Instant>) -> AppError {
    let wait = not_until.wait_time_from(DefaultClock::default().now());
    AppError::TooManyRequests { retry_after_secs: wait.as_secs().saturating_add(1) }
}

/// The client's address: the peer, or — when the peer is a trusted proxy — the right-most
/// X-Forwarded-For entry that is not itself a trusted proxy.
pub fn client_ip(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> IpAddr {
    let peer = req.peer_addr().map_or(IpAddr::from([0, 0, 0, 0]), |a| a.ip());
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    forwarded.into_iter().rev().find(|ip| !trusted_proxies.contains(ip)).unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().expect("ip");
        let req = |peer: &str| {
            TestRequest::default()
                .peer_addr(format!("{peer}:5000").parse().expect("addr"))
                .insert_header(("x-forwarded-for", "203.0.113.9, 198.51.100.7, 10.0.0.1"))
                .to_http_request()
        };
        assert_eq!(client_ip(&req("10.0.0.1"), &[proxy]), "198.51.100.7".parse::<IpAddr>().expect("ip"));
        assert_eq!(client_ip(&req("192.0.2.1"), &[proxy]), "192.0.2.1".parse::<IpAddr>().expect("ip"));
    }

    fn limits(per_address: u32, per_account: u32) -> Limits {
        Limits::new(&crate::Settings {
            requests_per_minute_per_ip: 1000,
            sign_in_attempts_per_minute: per_address,
            sign_in_attempts_per_account_per_minute: per_account,
            ..Default::default()
        })
    }

    fn from(ip: &str) -> actix_web::HttpRequest {
        TestRequest::default().peer_addr(format!("{ip}:5000").parse().expect("addr")).to_http_request()
    }

    #[test]
    fn the_sixth_attempt_in_a_minute_from_one_address_is_refused_with_a_wait() {
        let limits = limits(5, 30);
        for _ in 0..5 {
            assert!(limits.check_account("a@example.be", &from("192.0.2.1")).is_ok());
        }
        match limits.check_account("a@example.be", &from("192.0.2.1")) {
            Err(AppError::TooManyRequests { retry_after_secs }) => {
                assert!((1..=13).contains(&retry_after_secs))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limits.check_account("b@example.be", &from("192.0.2.1")).is_ok(), "per account");
        assert!(limits.check_account("a@example.be", &from("192.0.2.2")).is_ok(), "per address");
    }

    #[test]
    fn attempts_refused_at_one_address_do_not_use_up_the_accounts_ceiling() {
        let limits = limits(5, 8);
        for _ in 0..100 {
            let _ = limits.check_account("a@example.be", &from("192.0.2.1"));
        }
        assert!(limits.check_account("a@example.be", &from("198.51.100.7")).is_ok());
        // Spread over many addresses, the ceiling holds: 8 in all, then none from anywhere.
        let passed = (0..20)
            .filter(|i| limits.check_account("a@example.be", &from(&format!("203.0.113.{i}"))).is_ok());
        assert_eq!(passed.count(), 2, "8 minus the 6 already let through");
        assert!(limits.check_account("a@example.be", &from("203.0.113.200")).is_err());
    }
}
