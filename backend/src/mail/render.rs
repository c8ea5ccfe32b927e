//! Mail bodies: one layout as a text + HTML pair (askama, compiled in), filled with Fluent
//! strings in the recipient's language. Each kind of mail is a function returning [`Content`].

use askama::Template;

use crate::i18n::Lang;

pub struct Action {
    pub label: String,
    pub url: String,
}

/// What a mail says, before layout.
pub struct Content {
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<String>,
    pub action: Option<Action>,
    pub after: Vec<String>,
    pub footer: String,
}

// Both layouts read the one `Content`; only the HTML needs the language (its `lang`).
#[derive(Template)]
#[template(path = "mail/layout.html")]
struct Html<'a> {
    lang: &'a str,
    organisation: &'a str,
    c: &'a Content,
}

#[derive(Template)]
#[template(path = "mail/layout.txt")]
struct Text<'a> {
    organisation: &'a str,
    c: &'a Content,
}

/// (text, html) for a mail from `organisation`.
pub fn layout(lang: Lang, organisation: &str, c: &Content) -> Result<(String, String), askama::Error> {
    let text = Text { organisation, c }.render()?;
    let html = Html { lang: lang.code(), organisation, c }.render()?;
    Ok((text, html))
}

fn arg(value: &str) -> fluent_templates::fluent_bundle::FluentValue<'static> {
    value.to_owned().into()
}

/// A mail that greets a person, says what it is about, offers one link and says how long it
/// works. Its strings are the Fluent messages `mail-<key>-subject`, `-body`, `-messenger`
/// (optional), `-action`, `-expiry` and `-footer`.
fn link_mail(
    lang: Lang,
    key: &str,
    organisation: &str,
    name: &str,
    link: &str,
    lifetime: (&'static str, i64),
) -> Content {
    let org = [("org", arg(organisation))];
    let mut paragraphs = vec![lang.t_args(&format!("mail-{key}-body"), &org)];
    paragraphs.extend(lang.try_t(&format!("mail-{key}-messenger")));
    Content {
        subject: lang.t_args(&format!("mail-{key}-subject"), &org),
        greeting: lang.t_args("mail-greeting", &[("name", arg(name))]),
        paragraphs,
        action: Some(Action { label: lang.t(&format!("mail-{key}-action")), url: link.to_owned() }),
        after: vec![lang.t_args(&format!("mail-{key}-expiry"), &[(lifetime.0, lifetime.1.into())])],
        footer: lang.t(&format!("mail-{key}-footer")),
    }
}

/// "You are invited": sent by an admin's invitation, and again on re-send.
pub fn invitation(lang: Lang, organisation: &str, name: &str, link: &str, days: i64) -> Content {
    link_mail(lang, "invitation", organisation, name, link, ("days", days))
}

/// A one-time sign-in link, asked for on the sign-in screen.
pub fn sign_in_link(lang: Lang, organisation: &str, name: &str, link: &str, minutes: i64) -> Content {
    link_mail(lang, "sign-in", organisation, name, link, ("minutes", minutes))
}

/// A password reset link.
pub fn password_reset(lang: Lang, organisation: &str, name: &str, link: &str, minutes: i64) -> Content {
    link_mail(lang, "reset", organisation, name, link, ("minutes", minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_text_keeps_the_link() {
        let c =
            invitation(Lang::En, "Bakker <Jansen> & Zn", "An", "https://x.example/invitation#token=1.abc", 7);
        let (text, html) = layout(Lang::En, "Bakker <Jansen> & Zn", &c).expect("render");
        assert!(
            html.contains("Bakker &#60;Jansen&#62; &#38; Zn")
                || html.contains("Bakker &lt;Jansen&gt; &amp; Zn"),
            "{html}"
        );
        assert!(text.contains("https://x.example/invitation#token=1.abc"), "{text}");
        assert!(text.contains("Bakker <Jansen> & Zn"));
        assert!(html.contains("lang=\"en\""));
    }
}
