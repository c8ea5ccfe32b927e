//! The one e-mail address parser. What is typed where an address is asked for (an invitation, the
//! sender and reply addresses, a customer's address) is checked by the same function the mailer
//! builds its envelope with, so nothing is accepted that later dies in the outbox.
//!
//! Stricter than RFC 5322 on purpose: relays refuse (or mangle) quoted local parts, comments,
//! IP literals, dotless hosts and non-ASCII local parts (which need SMTPUTF8), and so do we. A
//! domain in another script is kept in its ASCII (punycode) form, which every relay accepts.

use lettre::Address;

/// The longest address SMTP carries (RFC 5321 path limit).
pub const MAX_LEN: usize = 254;

/// The address as we store and send it: trimmed, lower-cased, the domain in ASCII. `None` when
/// the mailer could not send to it.
pub fn normalise(typed: &str) -> Option<String> {
    parse(typed).map(|a| a.to_string())
}

/// The address the mailer sends to, or `None`.
pub fn parse(typed: &str) -> Option<Address> {
    let typed = typed.trim().to_lowercase();
    let (local, domain) = typed.rsplit_once('@')?;
    if !is_dot_atom(local) || local.len() > 64 {
        return None;
    }
    let domain = match url::Host::parse(domain).ok()? {
        url::Host::Domain(ascii) => ascii,
        // An IP literal (`[192.0.2.1]`, or a bare address the URL parser takes for one).
        url::Host::Ipv4(_) | url::Host::Ipv6(_) => return None,
    };
    if !is_host_name(&domain) || local.len() + 1 + domain.len() > MAX_LEN {
        return None;
    }
    Address::new(local, domain).ok()
}

/// RFC 5322 dot-atom, ASCII only: atext characters in dot-separated, non-empty runs.
fn is_dot_atom(local: &str) -> bool {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    !local.is_empty() && local.split('.').all(|run| !run.is_empty() && run.chars().all(atext))
}

/// A host name on the public DNS: at least two labels of letters, digits and inner hyphens,
/// a top-level label that is not all digits. Or `localhost` (RFC 6761), where a relay on the
/// same machine delivers: the sender of a new installation is `earshot@localhost`.
fn is_host_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    domain.len() <= 253
        && (labels.len() >= 2 || domain == "localhost")
        && labels.iter().all(label_ok)
        && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_a_relay_takes() {
        for (typed, stored) in [
            ("  An.Peeters@Example.BE ", "an.peeters@example.be"),
            ("a+tag@bakkerij-peeters.be", "a+tag@bakkerij-peeters.be"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("x@sub.example.co.uk", "x@sub.example.co.uk"),
            ("jan@bäckerei.de", "jan@xn--bckerei-5wa.de"),
            ("earshot@demo.earshot.invalid", "earshot@demo.earshot.invalid"),
            ("earshot@localhost", "earshot@localhost"),
        ] {
            assert_eq!(normalise(typed).as_deref(), Some(stored), "{typed}");
        }
    }

    #[test]
    fn refuses_what_would_die_in_the_outbox() {
        for typed in [
            "\"a b\"@example.com",
            "\"x\"@example.com",
            "a@[127.0.0.1]",
            "a@[ipv6:::1]",
            "a@127.0.0.1",
            "a@localhost.",
            "a@b",
            "é@example.com",
            "a..b@example.com",
            ".a@example.com",
            "a@example.com.",
            "a@-x.com",
            "a@x_y.com",
            "a(comment)@example.com",
            "a@example.123",
            "a b@example.com",
            "a@exa mple.com",
            "a\r\n@example.com",
            "a@example.com\r\nBcc: x@example.com",
            "a\0@example.com",
            "no-at-sign",
            "@example.com",
            "a@",
        ] {
            assert_eq!(normalise(typed), None, "{typed:?}");
        }
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(normalise(&long_local), None);
        let long = format!("{}@{}.com", "a".repeat(60), vec!["b".repeat(60); 4].join("."));
        assert_eq!(normalise(&long), None, "over 254 characters");
    }
}
