//! Mail to customers. A customer has no account: they are reached only when they gave an e-mail
//! address AND agreed to be contacted. [`ConsentedRecipient`] is the only way to address such a
//! mail, and only a remark with both can make one — no path can queue a customer mail without.

use std::collections::BTreeMap;

use super::{Mail, render};
use crate::i18n::Lang;
use crate::organisation::Organisation;
use crate::remarks::Remark;

/// The kinds of mail a customer gets (what "no more e-mails" and "forget me" drop).
pub const CUSTOMER_KINDS: &[&str] = &["acknowledgement", "decision", "plan_done", "plan_moved"];

/// A customer who may be mailed: their address (as the mailer writes it), name and language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentedRecipient {
    address: String,
    name: String,
    lang: Lang,
}

impl ConsentedRecipient {
    /// `None` unless the customer consented and gave an address.
    pub fn of(remark: &Remark) -> Option<Self> {
        if !remark.contact_consent {
            return None;
        }
        let address = remark.customer_email.as_deref().map(str::trim).filter(|a| !a.is_empty())?;
        Some(Self {
            address: address.to_owned(),
            name: remark.customer_name.clone(),
            lang: remark.customer_language,
        })
    }

    /// The remarks that may be mailed, one group per address (case aside), so a customer with
    /// several remarks in one event gets one mail naming each. In the order given.
    pub fn group(remarks: &[Remark]) -> Vec<(Self, Vec<&Remark>)> {
        let mut by_address: BTreeMap<String, (usize, Self, Vec<&Remark>)> = BTreeMap::new();
        for (i, remark) in remarks.iter().enumerate() {
            let Some(recipient) = Self::of(remark) else { continue };
            by_address
                .entry(recipient.address.to_lowercase())
                .or_insert_with(|| (i, recipient, Vec::new()))
                .2
                .push(remark);
        }
        let mut groups: Vec<(usize, Self, Vec<&Remark>)> = by_address.into_values().collect();
        groups.sort_by_key(|(first, _, _)| *first);
        groups.into_iter().map(|(_, recipient, remarks)| (recipient, remarks)).collect()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Mail {
    /// A mail to a customer, in their language, from the organisation.
    pub fn to_customer(
        kind: &'static str,
        message_key: String,
        recipient: &ConsentedRecipient,
        organisation: &Organisation,
        content: render::Content,
    ) -> Self {
        Self {
            kind,
            message_key,
            to: recipient.address.clone(),
            lang: recipient.lang,
            organisation: organisation.name.clone(),
            sender: organisation.sender_address.clone(),
            reply_to: organisation.reply_address.clone(),
            content,
            unsubscribe: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remarks::Feeling;

    fn remark(email: Option<&str>, consent: bool) -> Remark {
        Remark {
            customer_email: email.map(str::to_owned),
            contact_consent: consent,
            ..Remark::of_customer("Mevrouw Claes", Lang::Fr, "Les tartes", Feeling::Frustrated)
        }
    }

    #[test]
    fn only_a_consenting_customer_with_an_address_is_a_recipient() {
        assert!(ConsentedRecipient::of(&remark(Some("an@example.be"), true)).is_some());
        assert!(ConsentedRecipient::of(&remark(Some("an@example.be"), false)).is_none());
        assert!(ConsentedRecipient::of(&remark(None, true)).is_none());
        assert!(ConsentedRecipient::of(&remark(Some("  "), true)).is_none());
    }

    #[test]
    fn one_group_per_address() {
        let remarks = [
            remark(Some("an@example.be"), true),
            remark(Some("jo@example.be"), true),
            remark(Some("AN@example.be"), true),
            remark(Some("an@example.be"), false),
        ];
        let groups = ConsentedRecipient::group(&remarks);
        let sizes: Vec<(String, usize)> = groups.iter().map(|(r, g)| (r.address.clone(), g.len())).collect();
        assert_eq!(sizes, [("an@example.be".to_owned(), 2), ("jo@example.be".to_owned(), 1)]);
    }
}
