//! Which open remarks or cases a remark is likely about the same thing as (docs/cases.md).
//! Candidates come from the stems they share ([`super::terms`]), the rarest first; each is
//! then scored here, in Rust, so both backends rank alike: the letters of the facts and of the
//! feeling words (three-letter pieces of each word, which survive a typo in the middle of a
//! word), the stems shared, and the topic.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{CaseRef, terms};
use crate::auth::Owner;
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::ids::{CaseId, RemarkId, TopicId};
use crate::remarks::Remark;
use crate::state::AppState;
use crate::triage::inbox::DeskItem;

/// At most this many suggestions.
pub const SHOWN: usize = 5;
/// The rarest stems of a remark that candidates are looked up by: at most this many, and no
/// more than [`POSTINGS`] remarks holding them together (the rarest always) — a word in half
/// the remarks tells nothing, and reading its every remark would cost the most.
const LOOKED_UP: usize = 12;
const POSTINGS: i64 = 20_000;
/// A stem in more remarks than this is not looked up by (unless every stem is).
const COMMON: i64 = 5_000;
/// Candidates scored.
const CANDIDATES: i64 = 200;
/// Below this score nothing is suggested.
pub const FLOOR: f64 = 0.08;

/// What a score weighs.
const FACTS: f64 = 0.45;
const FEELING: f64 = 0.15;
const STEMS: f64 = 0.25;
const TOPIC: f64 = 0.15;

/// Three-letter pieces of each word (with its start and end), counted, sorted.
fn pieces(text: &str) -> Vec<(String, u32)> {
    let mut all: Vec<String> = Vec::new();
    for word in terms::words(text) {
        let padded: Vec<char> =
            std::iter::once('^').chain(word.chars()).chain(std::iter::once('$')).collect();
        for w in padded.windows(3) {
            all.push(w.iter().collect());
        }
    }
    all.sort();
    let mut counted: Vec<(String, u32)> = Vec::new();
    for piece in all {
        match counted.last_mut() {
            Some((last, n)) if *last == piece => *n += 1,
            _ => counted.push((piece, 1)),
        }
    }
    counted
}

/// Cosine of two counted, sorted lists (0 when either is empty), summed in one fixed order.
fn cosine(a: &[(String, u32)], b: &[(String, u32)]) -> f64 {
    let norm = |v: &[(String, u32)]| v.iter().map(|(_, n)| f64::from(*n).powi(2)).sum::<f64>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot / (na * nb)
}

/// What of a remark is compared.
pub struct Profile {
    facts: Vec<(String, u32)>,
    feeling: Vec<(String, u32)>,
    stems: Vec<String>,
    topic: Option<TopicId>,
}

impl Profile {
    pub fn of(remark: &Remark) -> Self {
        Self::with_stems(remark, terms::STEM)
    }

    fn with_stems(remark: &Remark, letters: usize) -> Self {
        Self {
            facts: pieces(&remark.facts),
            feeling: pieces(&remark.feeling_words),
            stems: terms::stems_of(remark, letters),
            topic: remark.topic_id.clone(),
        }
    }

    /// 0 (nothing alike) to 1.
    pub fn score(&self, other: &Profile) -> f64 {
        let shared = self.stems.iter().filter(|s| other.stems.binary_search(s).is_ok()).count();
        let total = self.stems.len() + other.stems.len();
        let stems = if total == 0 { 0.0 } else { 2.0 * shared as f64 / total as f64 };
        let topic = match (&self.topic, &other.topic) {
            (Some(a), Some(b)) if a == b => 1.0,
            _ => 0.0,
        };
        FACTS * cosine(&self.facts, &other.facts)
            + FEELING * cosine(&self.feeling, &other.feeling)
            + STEMS * stems
            + TOPIC * topic
    }
}

/// The remarks `of` is most like, best first (ties by id): each with its score.
pub fn ranked(c: &mut DbConn, of: &Remark) -> QueryResult<Vec<(f64, Remark)>> {
    let mine = terms::stems(of);
    let mut spread = terms::spread(c, &mine, COMMON)?;
    // Only the remark itself holds it: no one to find by it.
    spread.retain(|(_, n)| *n >= 2);
    spread.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    if spread.first().is_some_and(|(_, n)| *n <= COMMON) {
        spread.retain(|(_, n)| *n <= COMMON);
    }
    let mut rarest: Vec<String> = Vec::new();
    let mut held = 0;
    for (term, n) in spread {
        if rarest.len() == LOOKED_UP || (!rarest.is_empty() && held + n > POSTINGS) {
            break;
        }
        held += n;
        rarest.push(term);
    }
    if rarest.is_empty() {
        return Ok(Vec::new());
    }
    let ids = terms::sharing(c, &rarest, &of.id, CANDIDATES)?;
    let found: Vec<Remark> = remarks::table
        .filter(remarks::id.eq_any(&ids))
        .filter(remarks::undecided.eq(true))
        .select(Remark::as_select())
        .load(c)?;
    let profile = Profile::of(of);
    let mut scored: Vec<(f64, Remark)> =
        found.into_iter().map(|r| (profile.score(&Profile::of(&r)), r)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(scored)
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Suggestion {
    /// 0 to 1: how alike (facts, feeling words, stems shared, topic).
    pub score: f64,
    /// The remark most alike (for a case: its remark most alike).
    pub remark: DeskItem,
    /// Present when that remark is in a case: the suggestion is to add to the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseRef>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Suggestions {
    /// Best first, at most five; a case once, by its remark most alike.
    pub items: Vec<Suggestion>,
}

/// Open remarks or cases likely about the same thing as this remark (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases",
    responses((status = 200, body = Suggestions), (status = 404, body = crate::error::Problem)))]
#[get("/desk/remarks/{id}/suggestions")]
pub async fn suggestions(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let answer = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let remark = crate::remarks::find(c, &id)?.ok_or(AppError::NotFound)?;
                let own_case: Option<CaseId> = remarks::table.find(&id).select(remarks::case_id).first(c)?;
                let org = crate::organisation::load(c)?;
                let ranked = ranked(c, &remark)?;
                let mut items: Vec<(f64, DeskItem)> = Vec::new();
                let mut cases_seen: Vec<CaseId> = own_case.into_iter().collect();
                let mut pending: Vec<(f64, DeskItem)> = Vec::new();
                for (score, r) in ranked.into_iter().filter(|(s, _)| *s >= FLOOR) {
                    pending.push((score, DeskItem::of(r, now, org.time_zone)));
                    if pending.len() >= SHOWN * 8 {
                        break;
                    }
                }
                let mut page: Vec<DeskItem> = pending.iter().map(|(_, i)| i.clone()).collect();
                super::attach(c, &mut page)?;
                for ((score, _), item) in pending.into_iter().zip(page) {
                    if let Some(case) = &item.case {
                        if cases_seen.contains(&case.id) {
                            continue;
                        }
                        cases_seen.push(case.id.clone());
                    }
                    items.push((score, item));
                    if items.len() == SHOWN {
                        break;
                    }
                }
                Ok::<_, AppError>(Suggestions {
                    items: items
                        .into_iter()
                        .map(|(score, mut remark)| Suggestion {
                            score: (score * 1000.0).round() / 1000.0,
                            case: remark.case.take(),
                            remark,
                        })
                        .collect(),
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::remarks::Feeling;

    /// The labelled set of the integration test, scored here without a database: every remark
    /// against every other, as the candidates of a small desk are.
    fn labelled() -> Vec<(u64, Remark)> {
        let set: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/api/cases/labelled.json")).expect("set");
        let topics: Vec<(String, TopicId)> = set["topics"]
            .as_array()
            .expect("topics")
            .iter()
            .map(|t| (t.as_str().expect("topic").to_owned(), TopicId::new()))
            .collect();
        set["remarks"]
            .as_array()
            .expect("remarks")
            .iter()
            .map(|r| {
                let lang = match r["lang"].as_str() {
                    Some("fr") => Lang::Fr,
                    Some("en") => Lang::En,
                    _ => Lang::Nl,
                };
                let topic =
                    topics.iter().find(|(name, _)| r["topic"] == name.as_str()).map(|(_, id)| id.clone());
                let remark = Remark {
                    feeling_words: r["words"].as_str().unwrap_or("").to_owned(),
                    topic_id: topic,
                    ..Remark::of_customer("X", lang, r["facts"].as_str().unwrap_or(""), Feeling::Neutral)
                };
                (r["g"].as_u64().expect("group"), remark)
            })
            .collect()
    }

    /// Mean over remarks of the share of their group found in the five best by `score`.
    fn recall_at_5(set: &[(u64, Remark)], letters: usize, score: impl Fn(&Profile, &Profile) -> f64) -> f64 {
        let profiles: Vec<Profile> = set.iter().map(|(_, r)| Profile::with_stems(r, letters)).collect();
        let mut total = 0.0;
        for (i, (group, _)) in set.iter().enumerate() {
            let mut scored: Vec<(f64, usize)> =
                (0..set.len()).filter(|j| *j != i).map(|j| (score(&profiles[i], &profiles[j]), j)).collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mates = set.iter().filter(|(g, _)| g == group).count() - 1;
            let found = scored.iter().take(SHOWN).filter(|(_, j)| set[*j].0 == *group).count();
            total += found as f64 / mates.min(SHOWN) as f64;
        }
        total / set.len() as f64
    }

    /// The stems alone (the candidates' order): the share in common.
    fn dice(p: &Profile, q: &Profile) -> f64 {
        let shared = p.stems.iter().filter(|s| q.stems.binary_search(s).is_ok()).count() as f64;
        2.0 * shared / (p.stems.len() + q.stems.len()).max(1) as f64
    }

    #[test]
    fn the_labelled_set_is_found_and_five_letters_measure_best() {
        let set = labelled();
        let built = recall_at_5(&set, terms::STEM, Profile::score);
        let mut lines = vec![format!("as built: recall@5 = {built:.3}")];
        let pieces_only = |p: &Profile, q: &Profile| {
            FACTS * cosine(&p.facts, &q.facts) + FEELING * cosine(&p.feeling, &q.feeling)
        };
        lines.push(format!("without stems or topic: {:.3}", recall_at_5(&set, terms::STEM, pieces_only)));
        lines.push(format!(
            "without topic: {:.3}",
            recall_at_5(&set, terms::STEM, |p, q| pieces_only(p, q) + STEMS * dice(p, q))
        ));
        let mut alone = Vec::new();
        for letters in [4, 5, 6, usize::MAX] {
            let r = recall_at_5(&set, letters, dice);
            alone.push((letters, r));
            let what =
                if letters == usize::MAX { "whole words".to_owned() } else { format!("{letters} letters") };
            lines.push(format!("stems alone, {what}: {r:.3}"));
        }
        println!("{}", lines.join("\n"));
        assert!(built >= 0.8, "{}", lines.join("\n"));
        let best = alone.iter().map(|(_, r)| *r).fold(0.0, f64::max);
        assert!(alone.iter().any(|(l, r)| *l == terms::STEM && *r >= best - 0.01), "{}", lines.join("\n"));
    }
}
