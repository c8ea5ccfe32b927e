//! The words of a remark as the suggestions compare them, the same in Rust on both backends
//! (docs/cases.md): lower-cased, accents folded, the little words of Dutch, French and English
//! left out, and each word cut to its first five letters — a stem that holds across plural,
//! conjugation and most spelling slips at the end of a word ("leveringen", "geleverd" → "lever",
//! "gelev"; "retard", "retardée" → "retar"). Measured on the labelled set in
//! `tests/api/cases/suggestions.rs` against whole words and six letters.
//!
//! Each remark's stems are kept in `remark_terms`, written with the remark at its release (in
//! the release's shuffled order: the rows keep no arrival order), so candidates are found with
//! one indexed query that both backends answer alike.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{remark_terms, remarks};
use crate::ids::RemarkId;
use crate::remarks::Remark;

/// Letters a stem keeps.
pub const STEM: usize = 5;

/// Words that say nothing of what a remark is about, in the three languages (folded).
const LITTLE_WORDS: &[&str] = &[
    // nl
    "de", "het", "een", "en", "van", "te", "dat", "die", "in", "is", "op", "voor", "met", "niet", "zijn",
    "er", "aan", "ook", "als", "bij", "maar", "om", "dan", "nog", "wel", "geen", "naar", "uit", "was",
    "werd", "wordt", "hun", "haar", "hij", "zij", "ze", "we", "wij", "ik", "je", "u", "mijn", "onze", "ons",
    "zo", "al", "of", "tot", "door", "over", "heb", "heeft", "hebben", "had", "waren", "moet", "kan", "kon",
    "zou", "wat", "wie", "hoe", "nu", "toen", "mee", "men", "weer", "veel", "erg", "heel", "zeer", "echt",
    "altijd", "keer", "elke", "iedere", "deze", "dit", "daar", "hier", "even", // fr
    "le", "la", "les", "un", "une", "des", "du", "et", "a", "au", "aux", "ce", "ces", "cette", "est", "sont",
    "pour", "par", "sur", "dans", "avec", "pas", "ne", "plus", "que", "qui", "se", "sa", "son", "ses",
    "leur", "leurs", "il", "elle", "ils", "elles", "nous", "vous", "on", "j", "l", "d", "c", "n", "s", "qu",
    "y", "en", "mais", "ou", "tres", "trop", "tout", "toute", "tous", "ete", "etait", "avait", "ai", "as",
    "avons", "avez", "ont", "fait", "me", "mon", "ma", "mes", "notre", "nos", "votre", "vos", "encore",
    "deja", "fois", "chaque", "toujours", "vraiment", // en
    "the", "an", "and", "of", "to", "it", "its", "for", "on", "with", "not", "no", "be", "are", "was",
    "were", "been", "has", "have", "had", "at", "by", "from", "this", "that", "they", "them", "their", "he",
    "she", "his", "her", "i", "my", "me", "our", "us", "you", "your", "so", "but", "or", "as", "do", "did",
    "does", "is", "again", "very", "too", "all", "every", "always", "really", "time", "times", "there",
    "what", "when", "who", "how", "now", "then", "just", "one", "get", "got",
];

/// The words of `text`: letters and digits, lower-cased, accents folded, little words out.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| crate::remarks::search::fold(&w.to_lowercase()))
        .filter(|w| w.chars().count() >= 2 && !LITTLE_WORDS.contains(&w.as_str()))
}

/// The distinct stems of what a remark says: facts and feeling words.
pub fn stems(remark: &Remark) -> Vec<String> {
    stems_of(remark, STEM)
}

/// The same with stems of `letters` letters (the measurement compares lengths).
pub fn stems_of(remark: &Remark, letters: usize) -> Vec<String> {
    let mut all: Vec<String> = words(&remark.facts)
        .chain(words(&remark.feeling_words))
        .map(|w| w.chars().take(letters).collect())
        .collect();
    all.sort();
    all.dedup();
    all
}

/// Keep a remark's stems (at its release, in the release's transaction).
pub fn index(c: &mut DbConn, remark: &Remark) -> QueryResult<()> {
    // One row at a time: diesel batches no insert across both backends, and a remark has a
    // few dozen stems.
    for term in stems(remark) {
        diesel::insert_into(remark_terms::table)
            .values((remark_terms::term.eq(term), remark_terms::remark_id.eq(&remark.id)))
            .execute(c)?;
    }
    Ok(())
}

/// Remarks released before the suggestions existed get their stems (at start; few, once).
pub fn backfill(c: &mut DbConn) -> QueryResult<usize> {
    let missing: Vec<Remark> = remarks::table
        .filter(remarks::undecided.eq(true))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            remark_terms::table.filter(remark_terms::remark_id.eq(remarks::id)),
        )))
        .order(remarks::id.asc())
        .select(Remark::as_select())
        .load(c)?;
    let mut done = 0;
    for remark in &missing {
        if !stems(remark).is_empty() {
            index(c, remark)?;
            done += 1;
        }
    }
    Ok(done)
}

/// How many remarks hold each of `terms`, counted up to `cap` + 1 (a word in more remarks than
/// that is too common to find anything by, and counting all of them would cost the most).
pub fn spread(c: &mut DbConn, terms: &[String], cap: i64) -> QueryResult<Vec<(String, i64)>> {
    #[derive(QueryableByName)]
    struct Held {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut out = Vec::with_capacity(terms.len());
    for term in terms {
        let held: Held = match c {
            DbConn::Sqlite(c) => diesel::sql_query(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM remark_terms WHERE term = ? LIMIT ?) AS held",
            )
            .bind::<diesel::sql_types::Text, _>(term)
            .bind::<diesel::sql_types::BigInt, _>(cap + 1)
            .get_result(c)?,
            DbConn::Pg(c) => diesel::sql_query(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM remark_terms WHERE term = $1 LIMIT $2) AS held",
            )
            .bind::<diesel::sql_types::Text, _>(term)
            .bind::<diesel::sql_types::BigInt, _>(cap + 1)
            .get_result(c)?,
        };
        out.push((term.clone(), held.n));
    }
    Ok(out)
}

/// The remarks, other than `of`, sharing most of `terms`: at most `limit`, the most shared
/// first, then by id — an order both backends give alike. (An index-only read: the caller
/// keeps the undecided ones.)
pub fn sharing(c: &mut DbConn, terms: &[String], of: &RemarkId, limit: i64) -> QueryResult<Vec<RemarkId>> {
    let shared = diesel::dsl::count_star();
    remark_terms::table
        .filter(remark_terms::term.eq_any(terms))
        .filter(remark_terms::remark_id.ne(of))
        .group_by(remark_terms::remark_id)
        .order((shared.desc(), remark_terms::remark_id.asc()))
        .select(remark_terms::remark_id)
        .limit(limit)
        .load(c)
}
