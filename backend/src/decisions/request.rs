//! A decision as the owner sends it, checked (docs/decisions.md): the shape first (422 before
//! any read), then what needs the case — its languages, whether it is decided already, the
//! duplicate's chain. The preview lists the second kind as `issues` instead of refusing.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DecisionKind, DecisionWords};
use crate::db::DbConn;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::{CaseId, RemarkId};
use crate::triage::acknowledge::Seen;
use crate::web::validate::{Checks, exact_day};

/// `hear_again_on` may be at most this many days ahead.
pub const MAX_DAYS_AHEAD: i64 = 180;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WordsGiven {
    pub language: Lang,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<1000>)]
    pub feeling: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<1000>)]
    pub facts: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<2000>)]
    pub outcome: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<1000>)]
    pub change: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    #[schema(minimum = 1)]
    pub version: i32,
    /// Every remark of the case, each with the version seen: exactly those.
    #[schema(min_items = 1, max_items = 50)]
    pub remarks: Vec<Seen>,
    pub kind: DecisionKind,
    /// A duplicate: the case it duplicates.
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_uuid_v4)]
    pub duplicate_of: Option<String>,
    /// By when they hear again (`YYYY-MM-DD`, tomorrow to 180 days ahead); required to act.
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_day)]
    pub hear_again_on: Option<String>,
    /// The owner's words, once per language of the case's customers; none for a duplicate.
    #[serde(default)]
    #[schema(max_items = 3)]
    pub texts: Vec<WordsGiven>,
}

/// The request, its shape checked.
pub struct Checked {
    pub version: i32,
    pub seen: Vec<(RemarkId, i32)>,
    pub kind: DecisionKind,
    pub duplicate_of: Option<CaseId>,
    pub hear_again_on: Option<String>,
    pub texts: Vec<DecisionWords>,
}

pub fn shape(request: DecisionRequest) -> Result<Checked, AppError> {
    let mut checks = Checks::new();
    if request.version < 1 {
        checks.push(FieldIssue::new("/version", FieldCode::InvalidValue));
    }
    if request.remarks.iter().any(|s| s.version < 1) {
        checks.push(FieldIssue::new("/remarks", FieldCode::InvalidValue));
    }
    let seen = Seen::checked(&request.remarks, crate::cases::MAX_NAMED, &mut checks);
    let languages: Vec<Lang> = request.texts.iter().map(|w| w.language).collect();
    checks.unique("/texts", &languages);
    // Not a day at all is the request's shape; a day out of range is the preview's issue.
    if request.hear_again_on.as_deref().is_some_and(|d| exact_day(d).is_none()) {
        checks.push(
            FieldIssue::new("/hear_again_on", FieldCode::InvalidValue).with_hint("field-hear-again-on"),
        );
    }
    let duplicate_of = match request.duplicate_of.as_deref() {
        Some(given) => {
            let id = CaseId::parse(given);
            if id.is_none() {
                checks.push(FieldIssue::new("/duplicate_of", FieldCode::InvalidValue));
            }
            id
        }
        None => None,
    };
    let texts = request
        .texts
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let mut field = |name: &str, value: &Option<String>, max| {
                checks.optional_text(&format!("/texts/{i}/{name}"), value.as_deref(), max)
            };
            DecisionWords {
                language: w.language,
                feeling: field("feeling", &w.feeling, 1000),
                facts: field("facts", &w.facts, 1000),
                outcome: field("outcome", &w.outcome, 2000),
                change: field("change", &w.change, 1000),
            }
        })
        .collect();
    checks.finish()?;
    Ok(Checked {
        version: request.version,
        seen,
        kind: request.kind,
        duplicate_of,
        hear_again_on: request.hear_again_on,
        texts,
    })
}

fn issue(pointer: impl Into<String>, hint: &'static str) -> FieldIssue {
    FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint(hint)
}

/// What deciding `checked` on `case` would refuse (empty: it may go), and the day they hear
/// again when one is given and right.
pub fn issues(
    c: &mut DbConn,
    checked: &Checked,
    case: &CaseId,
    languages: &[Lang],
    changing: bool,
    today: NaiveDate,
) -> Result<(Vec<FieldIssue>, Option<NaiveDate>), AppError> {
    let mut found = Vec::new();
    let hear_again = match checked.hear_again_on.as_deref() {
        Some(day) => {
            let right = exact_day(day).filter(|d| *d > today && (*d - today).num_days() <= MAX_DAYS_AHEAD);
            if right.is_none() {
                found.push(issue("/hear_again_on", "field-hear-again-on"));
            }
            right
        }
        None if checked.kind == DecisionKind::Act => {
            found.push(issue("/hear_again_on", "field-hear-again-required"));
            None
        }
        None => None,
    };
    if checked.kind == DecisionKind::Duplicate {
        if !checked.texts.is_empty() {
            found.push(issue("/texts", "field-duplicate-texts"));
        }
        match &checked.duplicate_of {
            None => found.push(issue("/duplicate_of", "field-duplicate-of")),
            Some(other) if other == case => found.push(issue("/duplicate_of", "field-duplicate-itself")),
            Some(other) => match live(c, other)? {
                None => found.push(issue("/duplicate_of", "field-duplicate-unknown")),
                Some(live) if live == *case || super::root_of(c, &live)? == *case => {
                    found.push(issue("/duplicate_of", "field-duplicate-cycle"));
                }
                Some(_) => {}
            },
        }
        return Ok((found, hear_again));
    }
    // Praise needs no words of the owner's (the thanks are the frame's), unless it changes a
    // decision: then it says why.
    if checked.texts.is_empty() && (checked.kind != DecisionKind::Praise || changing) {
        found.push(issue("/texts", "field-texts-required"));
    }
    if checked.texts.iter().any(|w| !languages.contains(&w.language)) {
        found.push(issue("/texts", "field-texts-languages"));
    }
    for (i, w) in checked.texts.iter().enumerate() {
        let required = match checked.kind {
            DecisionKind::NoAction => Some("field-reason-required"),
            DecisionKind::Act | DecisionKind::AlreadyDone => Some("field-outcome-required"),
            DecisionKind::Praise | DecisionKind::Duplicate => None,
        };
        if let Some(hint) = required.filter(|_| w.outcome.trim().is_empty()) {
            found.push(issue(format!("/texts/{i}/outcome"), hint));
        }
        if changing && w.change.trim().is_empty() {
            found.push(issue(format!("/texts/{i}/change"), "field-change-required"));
        }
    }
    Ok((found, hear_again))
}

/// The live case `id` leads to (a merged case points at the one it went into); `None` when
/// there is no such case.
pub fn live(c: &mut DbConn, id: &CaseId) -> Result<Option<CaseId>, AppError> {
    Ok(crate::cases::find(c, id)?.map(|case| case.merged_into.unwrap_or(case.id)))
}
