//! Delivery: lettre's SMTP transport (TLS as configured), or .eml files in `data_dir/mail` when
//! no SMTP relay is configured. The Message-ID comes from the outbox row, so a retry carries the
//! same id and a file retry overwrites the same file.

use std::path::PathBuf;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{ConfigError, Settings, SmtpTls};
use crate::mail::Delivery;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a delivery failed: worth retrying, or never going to work (a 5xx, a bad address).
#[derive(Debug)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

/// One mail as the outbox holds it.
pub struct Outgoing {
    pub id: String,
    pub sender: String,
    pub sender_name: String,
    pub reply_to: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A staff mail's one-click unsubscribe address.
    pub unsubscribe: Option<String>,
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> Result<Self, ConfigError> {
        let Some(host) = settings.smtp_host.as_deref() else {
            return Ok(Transport::Files(settings.data_dir.join("mail")));
        };
        let builder = match settings.smtp_tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| ConfigError::new("smtp_host", format!("a host usable with STARTTLS ({e})")))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| ConfigError::new("smtp_host", format!("a host usable with TLS ({e})")))?,
        };
        let port = settings.smtp_port.unwrap_or(match settings.smtp_tls {
            SmtpTls::None => 25,
            SmtpTls::Starttls => 587,
            SmtpTls::Tls => 465,
        });
        let mut builder = builder.port(port).timeout(Some(Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&settings.smtp_username, &settings.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Transport::Smtp(builder.build()))
    }

    pub fn delivery(&self) -> Delivery {
        match self {
            Transport::Smtp(_) => Delivery::Smtp,
            Transport::Files(_) => Delivery::Files,
        }
    }

    pub async fn send(&self, mail: &Outgoing) -> Result<(), SendError> {
        let (envelope, bytes) = build_guarded(mail)?;
        match self {
            Transport::Smtp(smtp) => smtp.send_raw(&envelope, &bytes).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Transport::Files(dir) => {
                let dir = dir.clone();
                let id = mail.id.clone();
                tokio::task::spawn_blocking(move || write_eml(&dir, &id, &bytes))
                    .await
                    .map_err(|e| SendError::Transient(e.to_string()))?
                    .map_err(|e| SendError::Transient(e.to_string()))
            }
        }
    }
}

/// The mail as sent: its envelope and its bytes. A mail that cannot be built is a permanent
/// failure of that one mail — never a panic of the worker, which would stop every mail behind
/// it (lettre panics on a line break in a display name, for one). The checks come first; the
/// guard catches whatever they missed.
pub fn build_guarded(mail: &Outgoing) -> Result<(Envelope, Vec<u8>), SendError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build(mail))) {
        Ok(built) => built,
        Err(_) => Err(SendError::Permanent("the mail could not be built".into())),
    }
}

fn build(mail: &Outgoing) -> Result<(Envelope, Vec<u8>), SendError> {
    let bad = |what: &str| SendError::Permanent(format!("invalid {what}"));
    let address = |a: &str, what: &str| super::address::parse(a).ok_or_else(|| bad(what));
    let line = |text: &str| !text.chars().any(crate::web::validate::bad_in_line);
    if !line(&mail.sender_name) {
        return Err(bad("sender name"));
    }
    if !line(&mail.subject) {
        return Err(bad("subject"));
    }
    let sender = address(&mail.sender, "sender address")?;
    let domain = sender.domain().to_owned();
    let mut message = Message::builder()
        .from(Mailbox::new(Some(mail.sender_name.clone()), sender))
        .to(Mailbox::new(None, address(&mail.recipient, "recipient address")?))
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}@{domain}>", mail.id)))
        .header(AutoSubmitted);
    if let Some(reply_to) = &mail.reply_to {
        message = message.reply_to(Mailbox::new(None, address(reply_to, "reply address")?));
    }
    // RFC 8058: one click in the mail program stops these mails, by a POST to this address.
    if let Some(url) = &mail.unsubscribe {
        if !url.starts_with("http")
            || url.chars().any(|ch| ch.is_whitespace() || ch == '>' || !ch.is_ascii_graphic())
        {
            return Err(bad("unsubscribe address"));
        }
        message = message
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let message = message
        .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
        .map_err(|e| SendError::Permanent(e.to_string()))?;
    Ok((message.envelope().clone(), message.formatted()))
}

/// `Auto-Submitted: auto-generated` (RFC 3834): every mail of ours is sent by a program, so
/// vacation responders and ticket systems do not answer it (and loop).
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// Write atomically (temp file, then rename), so a reader never sees half a mail.
fn write_eml(dir: &std::path::Path, id: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, dir.join(format!("{id}.eml")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(sender_name: &str, subject: &str, recipient: &str) -> Outgoing {
        Outgoing {
            id: "0b6f1f8e-4a43-4d3b-9d7c-6c9f1d1e2a3b".into(),
            sender: "earshot@example.be".into(),
            sender_name: sender_name.into(),
            reply_to: Some("klantendienst@example.be".into()),
            recipient: recipient.into(),
            subject: subject.into(),
            text: "Hallo".into(),
            html: "<p>Hallo</p>".into(),
            unsubscribe: None,
        }
    }

    #[test]
    fn a_poisoned_mail_is_a_permanent_failure_not_a_panic() {
        for (name, subject, to) in [
            ("Bakkerij\r\nBcc: x@example.be", "Welkom", "an@example.be"),
            ("Bakkerij\0", "Welkom", "an@example.be"),
            ("Bakkerij", "Welkom\nBcc: x@example.be", "an@example.be"),
            ("Bakkerij", "Welkom", "\"an peeters\"@example.be"),
            ("Bakkerij", "Welkom", "an@[127.0.0.1]"),
        ] {
            let built = build_guarded(&mail(name, subject, to));
            assert!(matches!(built, Err(SendError::Permanent(_))), "{name:?} {subject:?} {to:?}");
        }
    }

    #[test]
    fn mails_say_they_are_automatic_and_where_replies_go() {
        let (envelope, bytes) =
            build_guarded(&mail("Bakkerij Peeters", "Welkom", "an@example.be")).expect("built");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(text.contains("\r\nAuto-Submitted: auto-generated\r\n"), "{text}");
        assert!(text.contains("\r\nReply-To: klantendienst@example.be\r\n"), "{text}");
        assert_eq!(envelope.to().len(), 1);
        let mut without = mail("Bakkerij Peeters", "Welkom", "an@example.be");
        without.reply_to = None;
        let (_, bytes) = build_guarded(&without).expect("built");
        assert!(!String::from_utf8_lossy(&bytes).contains("Reply-To"));
    }

    #[test]
    fn a_staff_mail_can_be_left_with_one_click_and_a_bad_address_is_refused() {
        let mut staff = mail("Bakkerij Peeters", "Beslist", "an@example.be");
        staff.unsubscribe = Some("https://earshot.example.be/mail/unsubscribe/abc_-1".into());
        let (_, bytes) = build_guarded(&staff).expect("built");
        let text = String::from_utf8(bytes).expect("utf-8");
        assert!(
            text.contains("\r\nList-Unsubscribe: <https://earshot.example.be/mail/unsubscribe/abc_-1>\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{text}");
        for bad in ["https://x.be/a>\r\nBcc: y@x.be", "javascript:alert(1)", "https://x.be/ a"] {
            staff.unsubscribe = Some(bad.into());
            assert!(matches!(build_guarded(&staff), Err(SendError::Permanent(_))), "{bad:?}");
        }
    }
}
