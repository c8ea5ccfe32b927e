//! Reading a SQLite database the way an operator with a copy of the files could: raw pages,
//! WAL frames in commit order, and the records on b-tree pages (file format,
//! https://www.sqlite.org/fileformat2.html). Only what the audits need: local payloads, no
//! overflow chains (a record cut short is read as far as it goes).

use std::path::{Path, PathBuf};

/// A value of a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(Vec<u8>),
    Blob(Vec<u8>),
}

/// The main file and its write-ahead log, as bytes.
pub struct Files {
    pub main: Vec<u8>,
    pub wal: Vec<u8>,
}

impl Files {
    pub fn read(db: &Path) -> Self {
        let wal_path = wal_path(db);
        Self {
            main: std::fs::read(db).expect("read the database file"),
            wal: std::fs::read(&wal_path).unwrap_or_default(),
        }
    }

    pub fn page_size(&self) -> usize {
        page_size(&self.main)
    }

    /// Every page of the main file, numbered from 1.
    pub fn pages(&self) -> impl Iterator<Item = (u32, &[u8])> {
        self.main.chunks(self.page_size()).zip(1u32..).map(|(page, no)| (no, page))
    }
}

pub fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

fn page_size(header: &[u8]) -> usize {
    match header.get(16..18).map(|b| u16::from_be_bytes([b[0], b[1]])) {
        Some(1) => 65536,
        Some(n) if n >= 512 => usize::from(n),
        _ => 4096,
    }
}

/// One WAL frame: the page it holds and whether it ends a transaction.
pub struct Frame<'a> {
    pub page_no: u32,
    pub commit: bool,
    /// Its byte offset in the WAL file.
    pub offset: usize,
    pub page: &'a [u8],
}

const WAL_HEADER: usize = 32;
const FRAME_HEADER: usize = 24;

/// The WAL's salts (they change when the log restarts from the top).
pub fn wal_salts(wal: &[u8]) -> Option<[u8; 8]> {
    wal.get(16..24).map(|s| s.try_into().unwrap_or([0; 8]))
}

fn wal_page_size(wal: &[u8]) -> usize {
    wal.get(8..12).map_or(4096, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// Every frame whose header bytes are present, current or stale (raw bytes an operator holds).
pub fn all_frames(wal: &[u8]) -> Vec<Frame<'_>> {
    if wal.len() < WAL_HEADER {
        return Vec::new();
    }
    let size = FRAME_HEADER + wal_page_size(wal);
    (WAL_HEADER..wal.len())
        .step_by(size)
        .filter_map(|offset| {
            let header = wal.get(offset..offset + FRAME_HEADER)?;
            let page = wal.get(offset + FRAME_HEADER..offset + size)?;
            Some(Frame {
                page_no: u32::from_be_bytes([header[0], header[1], header[2], header[3]]),
                commit: header[4..8] != [0, 0, 0, 0],
                offset,
                page,
            })
        })
        .collect()
}

/// The frames of the current log generation, in the order they were written (the salts of a
/// frame match the header's; the first stale frame ends the log).
pub fn current_frames(wal: &[u8]) -> Vec<Frame<'_>> {
    let Some(salts) = wal_salts(wal) else { return Vec::new() };
    all_frames(wal)
        .into_iter()
        .take_while(|f| {
            let header = &wal[f.offset..f.offset + FRAME_HEADER];
            header[8..16] == salts
        })
        .collect()
}

/// Pages written since a previous look, tracking log restarts: what a request wrote.
pub struct WalCursor {
    path: PathBuf,
    salts: Option<[u8; 8]>,
    next: usize,
}

impl WalCursor {
    pub fn at_end(db: &Path) -> Self {
        let mut cursor = Self { path: wal_path(db), salts: None, next: WAL_HEADER };
        cursor.written();
        cursor
    }

    /// The committed frames written since the last call: page number and page.
    pub fn written(&mut self) -> Vec<(u32, Vec<u8>)> {
        let wal = std::fs::read(&self.path).unwrap_or_default();
        let salts = wal_salts(&wal);
        if salts != self.salts {
            self.salts = salts;
            self.next = WAL_HEADER;
        }
        let frames: Vec<_> = current_frames(&wal).into_iter().filter(|f| f.offset >= self.next).collect();
        let committed = frames.iter().rposition(|f| f.commit).map_or(0, |i| i + 1);
        if let Some(last) = frames.get(committed.wrapping_sub(1)) {
            self.next = last.offset + FRAME_HEADER + last.page.len();
        }
        frames[..committed].iter().map(|f| (f.page_no, f.page.to_vec())).collect()
    }
}

/// Read a SQLite varint at `at`: (value, length).
fn varint(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for i in 0..9 {
        let byte = *bytes.get(at + i)?;
        if i == 8 {
            return Some(((value << 8) | u64::from(byte), 9));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The records stored on a b-tree page (table leaves, index leaves and index interiors: the
/// pages that carry payload). `page_no` 1 starts after the 100-byte file header.
pub fn records(page: &[u8], page_no: u32) -> Vec<Vec<Value>> {
    records_with_offsets(page, page_no).into_iter().map(|(_, record)| record).collect()
}

/// [`records`], each with its cell's offset in the page. SQLite fills a page's cell content
/// area from the end towards the start, so — until cells are freed and reused — the higher the
/// offset, the earlier the cell was written: an attacker's clock.
pub fn records_with_offsets(page: &[u8], page_no: u32) -> Vec<(usize, Vec<Value>)> {
    let base = if page_no == 1 { 100 } else { 0 };
    let Some(&kind) = page.get(base) else { return Vec::new() };
    let (header_len, has_payload) = match kind {
        0x0d | 0x0a => (8, true),
        0x02 => (12, true),
        _ => return Vec::new(),
    };
    let usable = page.len();
    let cells = page.get(base + 3..base + 5).map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
    let mut out = Vec::new();
    for i in 0..cells {
        let ptr_at = base + header_len + 2 * i;
        let Some(ptr) = page.get(ptr_at..ptr_at + 2).map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            break;
        };
        let mut at = ptr + if kind == 0x02 { 4 } else { 0 };
        let Some((payload, n)) = varint(page, at) else { continue };
        at += n;
        if kind == 0x0d {
            let Some((_rowid, n)) = varint(page, at) else { continue };
            at += n;
        }
        if !has_payload {
            continue;
        }
        let payload = usize::try_from(payload).unwrap_or(usize::MAX);
        let local = local_payload(payload, usable, kind == 0x0d);
        if let Some(bytes) = page.get(at..(at + local).min(page.len())) {
            out.push((ptr, decode_record(bytes)));
        }
    }
    out
}

/// How much of a payload is stored on the page itself (the rest overflows).
fn local_payload(payload: usize, usable: usize, table_leaf: bool) -> usize {
    let max = if table_leaf { usable - 35 } else { (usable - 12) * 64 / 255 - 23 };
    if payload <= max {
        return payload;
    }
    let min = (usable - 12) * 32 / 255 - 23;
    let k = min + (payload - min) % (usable - 4);
    if k <= max { k } else { min }
}

fn decode_record(bytes: &[u8]) -> Vec<Value> {
    let Some((header_size, n)) = varint(bytes, 0) else { return Vec::new() };
    let header_size = usize::try_from(header_size).unwrap_or(usize::MAX).min(bytes.len());
    let mut types = Vec::new();
    let mut at = n;
    while at < header_size {
        let Some((t, n)) = varint(bytes, at) else { break };
        types.push(t);
        at += n;
    }
    let mut body = header_size;
    let mut values = Vec::new();
    for t in types {
        let (len, value): (usize, fn(&[u8]) -> Value) = match t {
            0 => (0, |_| Value::Null),
            1..=4 => ([1, 2, 3, 4][t as usize - 1], int),
            5 => (6, int),
            6 => (8, int),
            7 => (8, |b| Value::Real(f64::from_be_bytes(b.try_into().unwrap_or([0; 8])))),
            8 => (0, |_| Value::Int(0)),
            9 => (0, |_| Value::Int(1)),
            t if t >= 12 && t % 2 == 0 => (((t - 12) / 2) as usize, |b| Value::Blob(b.to_vec())),
            t if t >= 13 => (((t - 13) / 2) as usize, |b| Value::Text(b.to_vec())),
            _ => break,
        };
        let Some(field) = bytes.get(body..body + len) else {
            // Cut short (overflow): keep what is there of a text or blob.
            if let Some(rest) = bytes.get(body..) {
                values.push(Value::Blob(rest.to_vec()));
            }
            break;
        };
        values.push(value(field));
        body += len;
    }
    values
}

fn int(bytes: &[u8]) -> Value {
    let mut v: i64 = if bytes.first().is_some_and(|b| b & 0x80 != 0) { -1 } else { 0 };
    for b in bytes {
        v = (v << 8) | i64::from(*b);
    }
    Value::Int(v)
}

/// Which table (or index's table) each page belongs to, from SQLite's dbstat table.
pub fn page_owners(db: &Path) -> std::collections::HashMap<u32, String> {
    page_btrees(db).into_iter().map(|(page, (_, table))| (page, table)).collect()
}

/// Which b-tree (a table or one index) each page belongs to, and that b-tree's table.
pub fn page_btrees(db: &Path) -> std::collections::HashMap<u32, (String, String)> {
    use diesel::{Connection, RunQueryDsl, SqliteConnection, sql_query};
    #[derive(diesel::QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        tbl: String,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        pageno: i64,
    }
    let mut conn = SqliteConnection::establish(&db.display().to_string()).expect("open for dbstat");
    let rows: Vec<Row> = sql_query(
        "SELECT d.name AS name, COALESCE(m.tbl_name, d.name) AS tbl, d.pageno AS pageno \
         FROM dbstat AS d LEFT JOIN sqlite_schema AS m ON m.name = d.name",
    )
    .load(&mut conn)
    .expect("dbstat");
    rows.into_iter().map(|r| (u32::try_from(r.pageno).unwrap_or(0), (r.name, r.tbl))).collect()
}

/// One remark's cell in one b-tree of the `remarks` table (the table itself or an index) or of
/// the search index's content.
pub struct Cell {
    pub btree: String,
    pub page: u32,
    /// Its rank among the page's cells in the order they were written (highest offset first).
    pub written: usize,
    pub remark: usize,
    /// Its `created_at` (the search content and the inbox's indexes have none: an attacker
    /// joins it by the id).
    pub created_at: Option<i64>,
    /// Every instant it holds (`created_at`, and the promise's `due_at` and `urgency_key`).
    pub instants: Vec<i64>,
}

/// Every cell of a remark `ids` names, in every b-tree of the `remarks` table and of the FTS
/// table `search_remarks` (its content and index shadow tables) and of the suggestions' stems
/// (`remark_terms`), as the checkpointed file lays
/// them out: within a page, the order cells were written is the attacker's clock.
pub fn remark_cells(db: &Path, ids: &std::collections::HashMap<String, usize>) -> Vec<Cell> {
    let files = Files::read(db);
    let btrees = page_btrees(db);
    let ours =
        |table: &str| table == "remarks" || table == "remark_terms" || table.starts_with("search_remarks");
    let mut out = Vec::new();
    for (no, page) in files.pages() {
        let Some((btree, _)) = btrees.get(&no).filter(|(_, table)| ours(table)) else { continue };
        let mut cells = records_with_offsets(page, no);
        cells.sort_by_key(|(offset, _)| std::cmp::Reverse(*offset));
        let mut written = 0;
        for (_, values) in cells {
            if let Some(remark) = remark_named(&values, ids) {
                // The inbox's indexes hold the promise (an instant counted from the hour), not
                // the hour the remark came in.
                let created_at =
                    remark_in(&values, ids).map(|(_, at)| at).filter(|_| !btree.starts_with("remarks_inbox"));
                let instants = values
                    .iter()
                    .filter_map(|v| match v {
                        Value::Int(t) if t.abs() > 1_700_000_000 => Some(*t),
                        _ => None,
                    })
                    .collect();
                out.push(Cell { btree: btree.clone(), page: no, written, remark, created_at, instants });
                written += 1;
            }
        }
    }
    out
}

/// The remark whose id a cell holds (its index in `ids`).
fn remark_named(values: &[Value], ids: &std::collections::HashMap<String, usize>) -> Option<usize> {
    values.iter().find_map(|v| match v {
        Value::Text(t) => ids.get(String::from_utf8_lossy(t).as_ref()).copied(),
        _ => None,
    })
}

/// The remark a cell holds (its index in `ids`) and its `created_at`, if it holds one.
fn remark_in(values: &[Value], ids: &std::collections::HashMap<String, usize>) -> Option<(usize, i64)> {
    let mut id = None;
    let mut created = None;
    for v in values {
        match v {
            Value::Text(t) => {
                if let Some(&i) = ids.get(String::from_utf8_lossy(t).as_ref()) {
                    id = Some(i);
                }
            }
            // The first: `created_at` comes before the promise's columns.
            Value::Int(t) if *t > 1_700_000_000 && created.is_none() => created = Some(*t),
            _ => {}
        }
    }
    Some((id?, created?))
}

/// The remarks as the checkpointed file lays them out — the pages of the `remarks` table and
/// its indexes (`page_owners` names an index by its table) in file order, cells in the order
/// they were written into the page (highest offset first) — each as (its index in `ids`, its
/// `created_at`), once.
pub fn remarks_in_file_order(db: &Path, ids: &std::collections::HashMap<String, usize>) -> Vec<(usize, i64)> {
    let files = Files::read(db);
    let owners = page_owners(db);
    let mut order: Vec<(usize, i64)> = Vec::new();
    for (no, page) in files.pages() {
        if owners.get(&no).map(String::as_str) != Some("remarks") {
            continue;
        }
        let mut cells = records_with_offsets(page, no);
        cells.sort_by_key(|(offset, _)| std::cmp::Reverse(*offset));
        for (_, values) in cells {
            if let Some((i, t)) = remark_in(&values, ids)
                && !order.iter().any(|(seen, _)| *seen == i)
            {
                order.push((i, t));
            }
        }
    }
    order
}
