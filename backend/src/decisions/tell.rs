//! Telling customers (docs/decisions.md): each remark's customer hears by the first way that
//! applies — a mail (consent and an address; one per address, with their status link), a call
//! the owner makes (consent and only a phone number), or the colleague who heard it (the
//! pass-on item: nothing names them). Each is kept as the remark's answer, with the decision it
//! carried, in the transaction that changes the remark; the outbox's key makes one mail per
//! (event, recipient).

use chrono::NaiveDate;
use diesel::prelude::*;

use super::compose::{Composed, Told, compose};
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::ids::{DecisionId, PersonId, RemarkId};
use crate::mail;
use crate::mail::customer::ConsentedRecipient;
use crate::organisation::Organisation;
use crate::remarks::{Remark, RemarkState};
use crate::triage::acknowledge::{Given, Reached, record};

/// Who acts, when, and where status links lead.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub org: &'a Organisation,
    pub now: i64,
    pub base_url: &'a str,
    pub by: &'a PersonId,
}

/// How a customer hears a decision.
pub fn reach(r: &Remark) -> Reached {
    if ConsentedRecipient::of(r).is_some() {
        Reached::Mail
    } else if r.contact_consent && r.customer_phone.as_deref().is_some_and(|p| !p.trim().is_empty()) {
        Reached::Call
    } else {
        Reached::PassOn
    }
}

/// One customer to tell, what, and what becomes of their remark.
pub struct Hearing<'a> {
    pub remark: Remark,
    pub told: Told<'a>,
    /// Their promise had passed: the apology opens it.
    pub late: bool,
    pub after: After,
}

/// What becomes of the remarks told.
#[derive(Clone, Copy, Debug)]
pub enum After {
    /// Decided, out of the inbox; their next promise, when the decision names a day.
    Decided { hear_again_on: Option<NaiveDate> },
    /// Back in the inbox with this promise.
    Reopened { promised_on: NaiveDate },
}

/// The mails, calls and pass-ons of `hearings` as they would go (the preview, and `tell`):
/// one message per address for mail, one per remark otherwise, with the remarks each covers.
pub fn plan<'h>(
    hearings: &'h [Hearing<'h>],
) -> Vec<(Reached, Option<ConsentedRecipient>, Vec<&'h Hearing<'h>>)> {
    let remarks: Vec<Remark> =
        hearings.iter().filter(|h| reach(&h.remark) == Reached::Mail).map(|h| h.remark.clone()).collect();
    let mut all = Vec::new();
    for (recipient, group) in ConsentedRecipient::group(&remarks) {
        let of: Vec<&Hearing> =
            group.iter().filter_map(|r| hearings.iter().find(|h| h.remark.id == r.id)).collect();
        all.push((Reached::Mail, Some(recipient), of));
    }
    for h in hearings.iter().filter(|h| reach(&h.remark) != Reached::Mail) {
        all.push((reach(&h.remark), None, vec![h]));
    }
    all
}

/// The message for these hearings of one customer: told what the first told directly says
/// (a remark of theirs in the root case itself outweighs one in a duplicate).
pub fn message(lang: crate::i18n::Lang, of: &[&Hearing]) -> Composed {
    let direct =
        of.iter().find(|h| !matches!(h.told, Told::Decided { via_duplicate: true, .. })).unwrap_or(&of[0]);
    let remarks: Vec<&Remark> = of.iter().map(|h| &h.remark).collect();
    compose(lang, of.iter().any(|h| h.late), &direct.told, &remarks)
}

/// Tell every customer of `hearings`, move their remarks on, keep each answer (with
/// `decision`). Whether a mail was queued.
pub fn tell(
    c: &mut DbConn,
    ctx: &Ctx,
    hearings: &[Hearing],
    decision: Option<&DecisionId>,
    key: &str,
) -> Result<bool, AppError> {
    for h in hearings {
        let r = &h.remark;
        let how = reach(r);
        let promised_on = match h.after {
            After::Decided { hear_again_on } => hear_again_on,
            After::Reopened { promised_on } => Some(promised_on),
        };
        let due = promised_on.map_or(r.due_at, |day| ctx.org.end_of_day(day));
        let (state, undecided) = match h.after {
            After::Decided { .. } => (RemarkState::Decided, false),
            After::Reopened { .. } if how == Reached::PassOn => (RemarkState::WaitingForPassOn, true),
            After::Reopened { .. } => (RemarkState::Acknowledged, true),
        };
        let updated = diesel::update(remarks::table.find(&r.id).filter(remarks::version.eq(r.version)))
            .set((
                remarks::status.eq(state),
                remarks::undecided.eq(undecided),
                remarks::listed.eq(false),
                remarks::due_at.eq(due),
                remarks::urgency_key.eq(crate::triage::urgency::key(due, r.feeling)),
                remarks::version.eq(r.version + 1),
            ))
            .execute(c)?;
        if updated == 0 {
            return Err(AppError::conflict("stale"));
        }
        let body = compose(r.customer_language, h.late, &h.told, &[r]).plain();
        let given = Given {
            how,
            owner: ctx.by,
            at: ctx.now,
            promised_on,
            body,
            late: h.late,
            decision,
            seq: r.version + 1,
            news: h.told.news(),
        };
        record(c, ctx.org, r, &given, None)?;
    }
    let mut mailed = false;
    for (_, recipient, of) in plan(hearings) {
        let Some(recipient) = recipient else { continue };
        let composed = message(recipient.lang(), &of);
        let links = crate::customers::letter::links(c, ctx.base_url, of.iter().map(|h| &h.remark.id))?;
        let kind = match of[0].told.news() {
            Some("done") => "plan_done",
            Some(_) => "plan_moved",
            None => "decision",
        };
        let words = (composed.subject, composed.paragraphs);
        let mail = crate::customers::letter::mail((kind, key.to_owned()), &recipient, ctx.org, words, links);
        mailed |= mail::enqueue(c, &mail, ctx.now)?;
    }
    Ok(mailed)
}

/// The remarks of these ids, as stored now.
pub fn load(c: &mut DbConn, ids: &[RemarkId]) -> QueryResult<Vec<Remark>> {
    remarks::table.filter(remarks::id.eq_any(ids)).select(Remark::as_select()).load(c)
}
