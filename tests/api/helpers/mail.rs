//! A real SMTP server for the mail tests, and a received mail taken apart.

use tempfile::TempDir;

use super::*;

/// A real SMTP server (aiosmtpd, see tests/smtp_sink.py) writing what it receives to a folder.
pub struct MailSink {
    pub port: u16,
    dir: TempDir,
    child: Option<std::process::Child>,
}

impl MailSink {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("sink dir");
        let (child, port) = Self::launch(dir.path(), 0);
        Self { port, dir, child: Some(child) }
    }

    fn launch(dir: &std::path::Path, port: u16) -> (std::process::Child, u16) {
        use std::io::BufRead;
        let python = std::env::var("EARSHOT_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py");
        let mut child = std::process::Command::new(&python)
            .arg(script)
            .arg(dir)
            .arg(port.to_string())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the SMTP sink with {python} (tests/run installs aiosmtpd): {e}")
            });
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).expect("port line");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP sink did not start (is aiosmtpd installed for {python}?)"));
        (child, port)
    }

    /// Stop accepting mail (the server goes away).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start again on the same port.
    pub fn restart(&mut self) {
        self.stop();
        let (child, _) = Self::launch(self.dir.path(), self.port);
        self.child = Some(child);
    }

    /// Where the received messages are written, one .eml file each.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Every message received so far, parsed.
    pub fn messages(&self) -> Vec<Received> {
        let mut paths: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        paths.sort();
        paths.iter().map(|p| Received::parse(&std::fs::read(p).expect("read eml"))).collect()
    }

    /// Wait (on the condition, up to 15 s) until at least `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        wait_until(15, || {
            let messages = self.messages();
            (messages.len() >= n).then_some(messages)
        })
        .await
        .unwrap_or_else(|| panic!("expected {n} mails, got {}", self.messages().len()))
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A received mail, decoded.
#[derive(Debug, Clone)]
pub struct Received {
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The whole message as received (its headers, for one).
    pub raw: String,
}

impl Received {
    pub fn parse(bytes: &[u8]) -> Self {
        let m = mail_parser::MessageParser::default().parse(bytes).expect("a mail");
        Self {
            message_id: m.message_id().unwrap_or_default().to_owned(),
            to: m.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
            subject: m.subject().unwrap_or_default().to_owned(),
            text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            raw: String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// The value of header `name` (the first, unfolded), if the mail has it.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default().replace("\r\n ", " ");
        let prefix = format!("{}:", name.to_ascii_lowercase());
        head.split("\r\n")
            .find(|line| line.to_ascii_lowercase().starts_with(&prefix))
            .map(|line| line[prefix.len()..].trim().to_owned())
    }

    /// The token after `#token=` in the mail's link.
    pub fn token(&self) -> String {
        let start = self.text.find("#token=").expect("a link with a token") + "#token=".len();
        self.text[start..].split_whitespace().next().expect("token").to_owned()
    }
}
