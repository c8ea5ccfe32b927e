//! The demo's decisions: two remarks decided as cases of one — a delighted family's praise
//! passed on, and a French "no action for now" with its honest reason — so a newcomer sees
//! what a customer reads of a decision. Kept as the desk keeps them (the decision, the remark's
//! answer, the case's history); no mail is queued (the demo's customers are not real).

use diesel::prelude::*;

use crate::cases::history::{self, Event, EventKind};
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::decisions::compose::{Told, compose};
use crate::decisions::{Decision, DecisionKind, DecisionWords};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{DecisionId, PersonId, RemarkId};
use crate::organisation::Organisation;
use crate::remarks::RemarkState;
use crate::triage::acknowledge::{Given, record};

/// Which demo remarks are decided (by their place in the seeds), how, and the owner's words.
pub const DECIDED: &[(usize, DecisionKind, Lang, &str)] = &[
    (4, DecisionKind::Praise, Lang::Nl, "We hebben het de bakkers zelf verteld: ze waren er erg blij mee."),
    (
        22,
        DecisionKind::NoAction,
        Lang::Fr,
        "Notre meunier ne livre plus le mélange de graines d'avant. Nous avons essayé trois autres \
         mélanges et gardé le meilleur; nous le goûtons encore chaque mois et vous dirons s'il change.",
    ),
];

/// Decide remark `id` as a case of one, an hour before `now`.
pub fn decide(
    c: &mut DbConn,
    org: &Organisation,
    owner: &PersonId,
    now: i64,
    (id, kind, lang, outcome): (&RemarkId, DecisionKind, Lang, &str),
) -> Result<(), AppError> {
    let at = now - 3600;
    let remark = crate::remarks::find(c, id)?.ok_or(AppError::NotFound)?;
    let case = crate::cases::store::create(c, &crate::decisions::api::title_of(&remark.facts), None, at)?;
    crate::cases::store::join(c, &case.id, std::slice::from_ref(id))?;
    history::record(
        c,
        &case.id,
        &Event { kind: EventKind::Created, by: owner, now: at, remarks: 1, other: None },
    )?;
    let texts = vec![DecisionWords { language: lang, outcome: outcome.to_owned(), ..Default::default() }];
    let decision = Decision {
        id: DecisionId::new(),
        case_id: case.id.clone(),
        seq: 0,
        kind,
        duplicate_of: None,
        hear_again_on: None,
        texts: serde_json::to_string(&texts).map_err(|e| AppError::internal("demo decision", e))?,
        owner_id: owner.clone(),
        at: crate::clock::to_hour(at),
        ended: None,
    };
    let decision = crate::decisions::store(c, decision, crate::decisions::ENDED_CHANGED)?;
    let told =
        Told::Decided { kind, texts: &texts, hear_again_on: None, changed: false, via_duplicate: false };
    let body = compose(remark.customer_language, false, &told, &[&remark]).plain();
    diesel::update(remarks::table.find(id))
        .set((
            remarks::status.eq(RemarkState::Decided),
            remarks::undecided.eq(false),
            remarks::listed.eq(false),
            remarks::version.eq(remark.version + 1),
        ))
        .execute(c)?;
    let given = Given {
        how: crate::decisions::tell::reach(&remark),
        owner,
        at,
        promised_on: None,
        body,
        late: false,
        decision: Some(&decision.id),
        seq: remark.version + 1,
        news: None,
    };
    record(c, org, &remark, &given, None)?;
    history::record(
        c,
        &case.id,
        &Event { kind: EventKind::Decided, by: owner, now: at, remarks: 1, other: None },
    )?;
    Ok(())
}
