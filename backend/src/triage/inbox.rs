//! The inbox (feedback owners): every released remark not yet decided, most urgent first
//! (docs/triage.md). Two range scans over the stored keys — what is late by its promise, then
//! the rest by its urgency key — each an index walk, never a sort over every remark. A page's
//! cursor carries the instant the first page was read at, so paging on does not move remarks
//! from one part to the other under the reader's eyes.

use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::Owner;
use crate::db::schema::remarks;
use crate::db::{Backend, DbConn, MultiBackend};
use crate::error::AppError;
use crate::remarks::{Feeling, PlaceKind, Remark, RemarkState, RemarkView, search};
use crate::state::AppState;

pub const PAGE_DEFAULT: i64 = 30;
pub const PAGE_MAX: i64 = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InboxQuery {
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 100, default 30.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub topic: Option<String>,
    pub place: Option<PlaceKind>,
    pub feeling: Option<Feeling>,
    #[param(inline)]
    pub state: Option<OpenState>,
    /// Words that must all appear (as word starts) in the facts or the feelings.
    pub q: Option<String>,
}

/// The states an undecided remark can be in: what the inbox filters by (a decided remark is
/// never in the inbox, so `decided` is no filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenState {
    New,
    Acknowledged,
    WaitingForPassOn,
}

impl OpenState {
    fn stored(self) -> RemarkState {
        match self {
            OpenState::New => RemarkState::New,
            OpenState::Acknowledged => RemarkState::Acknowledged,
            OpenState::WaitingForPassOn => RemarkState::WaitingForPassOn,
        }
    }
}

/// A remark on the desk: what the inbox shows, and what a change must send back.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DeskItem {
    pub remark: RemarkView,
    /// Send it back with a change: a change that saw an older version is refused (409).
    pub version: i32,
    /// The current promise's instant (Unix seconds): time left is `due_at - now`.
    pub due_at: i64,
    /// The promise has passed.
    pub late: bool,
    /// The case it is in. In the inbox without filters, a case is one row: this remark, its
    /// most urgent (docs/cases.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<crate::cases::CaseRef>,
}

impl DeskItem {
    pub fn of(remark: Remark, now: i64, zone: chrono_tz::Tz) -> Self {
        let (version, due_at) = (remark.version, remark.due_at);
        Self { remark: RemarkView::of(remark, true, zone), version, due_at, late: due_at <= now, case: None }
    }
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InboxPage {
    /// The server's clock (Unix seconds), which the promise clocks count from.
    pub now: i64,
    pub items: Vec<DeskItem>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Where a page starts: the instant of the first page, which part, and the last row seen.
#[derive(Clone, Debug, PartialEq)]
struct Cursor {
    now: i64,
    late: bool,
    key: i64,
    feeling: i32,
    id: String,
}

impl Cursor {
    fn encode(&self) -> String {
        let part = if self.late { "l" } else { "r" };
        URL_SAFE_NO_PAD.encode(format!("{}.{part}.{}.{}.{}", self.now, self.key, self.feeling, self.id))
    }

    fn decode(text: &str) -> Option<Self> {
        let text = String::from_utf8(URL_SAFE_NO_PAD.decode(text).ok()?).ok()?;
        let mut parts = text.splitn(5, '.');
        let now = parts.next()?.parse().ok()?;
        let late = match parts.next()? {
            "l" => true,
            "r" => false,
            _ => return None,
        };
        let key = parts.next()?.parse().ok()?;
        let feeling = parts.next()?.parse().ok()?;
        let id = crate::ids::RemarkId::parse(parts.next()?)?.as_str().to_owned();
        Some(Self { now, late, key, feeling, id })
    }
}

type Query<'a> = remarks::BoxedQuery<'a, MultiBackend, diesel::dsl::AsSelect<Remark, MultiBackend>>;

/// Up to this many remarks with the words searched are read by their ids and put in order; more
/// are common enough that the ordered scans meet them soon.
const FEW_MATCHES: i64 = 2000;

/// How the words searched narrow the inbox.
enum Words {
    Any,
    /// Few remarks have them: these.
    Among(Vec<crate::ids::RemarkId>),
    /// Many do: tested on each remark the scans meet.
    Condition(Vec<String>),
}

impl Words {
    fn of(conn: &mut DbConn, query: &InboxQuery) -> QueryResult<Self> {
        let words = search::words(query.q.as_deref().unwrap_or(""));
        if words.is_empty() {
            return Ok(Words::Any);
        }
        let found = search::matching(conn, &words, FEW_MATCHES + 1)?;
        Ok(if found.len() as i64 <= FEW_MATCHES { Words::Among(found) } else { Words::Condition(words) })
    }
}

impl InboxQuery {
    /// Nothing narrows it: the whole inbox, where a case is one row.
    fn is_whole(&self) -> bool {
        let q = self.q.as_deref().is_none_or(|q| search::words(q).is_empty());
        self.topic.is_none() && self.place.is_none() && self.feeling.is_none() && self.state.is_none() && q
    }
}

fn filtered(query: &InboxQuery, words: &Words, backend: Backend) -> Query<'static> {
    let q = remarks::table.select(Remark::as_select());
    // The whole inbox lists each case once (by its lead, `cases::store::relead`); a filtered
    // one finds remarks, each saying which case it is in.
    let mut q: Query<'static> = if query.is_whole() {
        q.filter(remarks::listed.eq(true)).into_boxed()
    } else {
        q.filter(remarks::undecided.eq(true)).into_boxed()
    };
    if let Some(topic) = &query.topic {
        q = q.filter(remarks::topic_id.eq(topic.clone()));
    }
    if let Some(place) = query.place {
        q = q.filter(remarks::place_kind.eq(place));
    }
    if let Some(feeling) = query.feeling {
        q = q.filter(remarks::feeling.eq(feeling));
    }
    if let Some(state) = query.state {
        q = q.filter(remarks::status.eq(state.stored()));
    }
    match words {
        Words::Any => {}
        Words::Among(ids) => q = q.filter(remarks::id.eq_any(ids.clone())),
        Words::Condition(words) => q = q.filter(search::condition(backend, words)),
    }
    q
}

/// One page, most urgent first.
fn page(
    conn: &mut DbConn,
    query: &InboxQuery,
    backend: Backend,
    limit: i64,
    from: Cursor,
) -> QueryResult<(Vec<Remark>, Option<Cursor>)> {
    let now = from.now;
    let words = Words::of(conn, query)?;
    let mut rows: Vec<Remark> = Vec::new();
    if from.late {
        let mut late = filtered(query, &words, backend).filter(remarks::due_at.le(now));
        if !from.id.is_empty() {
            let (k, f, id) = (from.key, from.feeling, from.id.clone());
            late = late.filter(
                remarks::due_at.gt(k).or(remarks::due_at
                    .eq(k)
                    .and(remarks::feeling.gt(f).or(remarks::feeling.eq(f).and(remarks::id.gt(id))))),
            );
        }
        rows = late
            .order((remarks::due_at.asc(), remarks::feeling.asc(), remarks::id.asc()))
            .limit(limit + 1)
            .load(conn)?;
    }
    let late_rows = rows.len();
    if (late_rows as i64) <= limit {
        // Not late means a key above now − 24 h (the most a key is brought forward): said
        // outright, the scan starts there instead of walking every late remark first.
        let lowest_key = now - super::urgency::STEP_SECS * super::urgency::steps(Feeling::VeryFrustrated);
        let mut rest = filtered(query, &words, backend)
            .filter(remarks::due_at.gt(now))
            .filter(remarks::urgency_key.gt(lowest_key));
        if !from.late {
            let (k, f, id) = (from.key, from.feeling, from.id.clone());
            rest = rest.filter(
                remarks::urgency_key.gt(k).or(remarks::urgency_key
                    .eq(k)
                    .and(remarks::feeling.gt(f).or(remarks::feeling.eq(f).and(remarks::id.gt(id))))),
            );
        }
        rows.extend(
            rest.order((remarks::urgency_key.asc(), remarks::feeling.asc(), remarks::id.asc()))
                .limit(limit + 1 - late_rows as i64)
                .load(conn)?,
        );
    }
    let more = rows.len() as i64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    let next = match rows.last() {
        Some(last) if more => {
            let late = last.due_at <= now;
            Some(Cursor {
                now,
                late,
                key: if late { last.due_at } else { last.urgency_key },
                feeling: crate::db::typed::IntegerValue::number(last.feeling),
                id: last.id.as_str().to_owned(),
            })
        }
        _ => None,
    };
    Ok((rows, next))
}

/// The inbox: every undecided remark, most urgent first (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "desk", params(InboxQuery),
    responses((status = 200, body = InboxPage)))]
#[get("/desk/inbox")]
pub async fn inbox(
    _: Owner,
    state: web::Data<AppState>,
    query: web::Query<InboxQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(AppError::BadRequest);
    }
    let from = match query.cursor.as_deref() {
        Some(c) => Cursor::decode(c).ok_or(AppError::BadRequest)?,
        None => Cursor { now: state.clock.now(), late: true, key: 0, feeling: 0, id: String::new() },
    };
    let backend = state.db.backend();
    let answer = state
        .db
        .run(move |conn| {
            let now = from.now;
            let (rows, next) = page(conn, &query, backend, limit, from)?;
            let zone = crate::organisation::load(conn)?.time_zone;
            let mut items: Vec<DeskItem> = rows.into_iter().map(|r| DeskItem::of(r, now, zone)).collect();
            crate::cases::attach(conn, &mut items)?;
            Ok::<_, AppError>(InboxPage { now, items, next_cursor: next.map(|c| c.encode()) })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_written_and_nothing_else_does() {
        let id = crate::ids::RemarkId::new().as_str().to_owned();
        for late in [true, false] {
            let cursor = Cursor { now: 1_795_428_000, late, key: -21_600, feeling: 2, id: id.clone() };
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        for bad in
            ["", "eA", &URL_SAFE_NO_PAD.encode("1.x.2.3.id"), &URL_SAFE_NO_PAD.encode("1.l.2.3.not-an-id")]
        {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
