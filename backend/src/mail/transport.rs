//! Delivery: lettre's SMTP transport (TLS as configured), or .eml files in `data_dir/mail` when
//! no SMTP relay is configured. The Message-ID comes from the outbox row, so a retry carries the
//! same id and a file retry overwrites the same file.

use std::path::PathBuf;
use std::time::Duration;

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
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
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
        let message = build(mail)?;
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Transport::Files(dir) => {
                let dir = dir.clone();
                let id = mail.id.clone();
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || write_eml(&dir, &id, &bytes))
                    .await
                    .map_err(|e| SendError::Transient(e.to_string()))?
                    .map_err(|e| SendError::Transient(e.to_string()))
            }
        }
    }
}

fn build(mail: &Outgoing) -> Result<Message, SendError> {
    let bad = |what: &str| SendError::Permanent(format!("invalid {what} address"));
    let from = Mailbox::new(Some(mail.sender_name.clone()), mail.sender.parse().map_err(|_| bad("sender"))?);
    let to = Mailbox::new(None, mail.recipient.parse().map_err(|_| bad("recipient"))?);
    let domain = mail.sender.rsplit_once('@').map_or("earshot.invalid", |(_, d)| d);
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .message_id(Some(format!("<{}@{domain}>", mail.id)))
        .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
        .map_err(|e| SendError::Permanent(e.to_string()))
}

/// Write atomically (temp file, then rename), so a reader never sees half a mail.
fn write_eml(dir: &std::path::Path, id: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, dir.join(format!("{id}.eml")))
}
