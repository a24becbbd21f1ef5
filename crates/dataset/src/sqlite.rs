//! The SQLite dataset: tables `reports` and `diagnostics`, the views
//! `cells` and `checks` (over one `report_values` row of JSON arrays per
//! report, and `check_results` for the `year.*` checks; names numbered in
//! `cell_keys` and `check_keys`), indexes on organ
//! and year, and the view `applications_wide`. A writer thread
//! (`sqlite_write`) commits reports in batches within a second, so a killed
//! batch leaves a valid database holding the reports committed so far;
//! running it again adds the rest.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::mpsc::{self, SyncSender};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::tuning::{PAGE_CACHE_KIB, QUEUED_REPORTS, REPORTS_PER_MESSAGE, SEND_AFTER};

use gongkai_report::{Applicant, ApplicationRow, Applications, Check, Layout, Num};
use rusqlite::Connection;

use crate::packed::{Keys, Packed};
use crate::rows::Rows;
use crate::sqlite_write::{Command, Writer};
use crate::{pair_years, DatasetError, OrganAliases, YearEntry};

/// The schema's version (`PRAGMA user_version`): 3 keeps a report's cells
/// and checks in one row of `report_values`, as JSON arrays.
pub const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    organ TEXT,
    year INTEGER,
    layout_t2 TEXT,
    layout_t3 TEXT,
    status TEXT NOT NULL,
    checks INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    uncertain INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cell_keys (
    key INTEGER PRIMARY KEY,
    table_key TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    UNIQUE (table_key, row_key, column_key)
);
CREATE TABLE IF NOT EXISTS check_keys (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    subject TEXT NOT NULL,
    UNIQUE (id, subject)
);
CREATE TABLE IF NOT EXISTS report_values (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    cells TEXT NOT NULL,
    locations TEXT NOT NULL,
    checks TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS check_results (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    key INTEGER NOT NULL REFERENCES check_keys(key),
    status TEXT NOT NULL,
    expected REAL,
    actual REAL,
    message TEXT
);
CREATE TABLE IF NOT EXISTS diagnostics (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    path TEXT,
    message TEXT NOT NULL,
    raw TEXT,
    at TEXT
);
CREATE INDEX IF NOT EXISTS reports_organ ON reports(organ);
CREATE INDEX IF NOT EXISTS reports_year ON reports(year);
CREATE VIEW IF NOT EXISTS cells AS
    SELECT v.report_id AS report_id, k.table_key AS table_key, k.row_key AS row_key,
        k.column_key AS column_key, json_extract(c.value, '$[1]') AS value,
        json_extract(c.value, '$[3]') AS raw,
        json_extract(v.locations, '$[' || json_extract(c.value, '$[2]') || ']') AS location
    FROM report_values v, json_each(v.cells) c
    JOIN cell_keys k ON k.key = json_extract(c.value, '$[0]');
CREATE VIEW IF NOT EXISTS checks AS
    SELECT v.report_id AS report_id, k.id AS id, k.subject AS subject,
        json_extract(c.value, '$[1]') AS status, json_extract(c.value, '$[2]') AS expected,
        json_extract(c.value, '$[3]') AS actual, json_extract(c.value, '$[4]') AS message
    FROM report_values v, json_each(v.checks) c
    JOIN check_keys k ON k.key = json_extract(c.value, '$[0]')
    UNION ALL
    SELECT c.report_id, k.id, k.subject, c.status, c.expected, c.actual, c.message
    FROM check_results c JOIN check_keys k ON k.key = c.key;
";

/// Indexes made at the end of a batch rather than kept up row by row (a
/// killed batch leaves a database without them; the next batch makes them).
const LATE_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS check_results_report ON check_results(report_id);
CREATE INDEX IF NOT EXISTS diagnostics_report ON diagnostics(report_id);
";

/// `applications_wide`: one row per report, one column per 表三 cell
/// (`new_received_total`, `granted_natural_person`, …), read from
/// `report_values` itself: over the `cells` view (which also looks up each
/// cell's location) the README's query of two years took ten times longer.
fn wide_view() -> String {
    let mut sql = String::from(
        "CREATE VIEW IF NOT EXISTS applications_wide AS SELECT r.id AS report_id, r.path, r.organ, r.year",
    );
    for row in ApplicationRow::ALL {
        for col in Applicant::ALL {
            let (r, c) = (row.key(), col.key());
            sql.push_str(&format!(
                ",\n MAX(CASE WHEN k.row_key = '{r}' AND k.column_key = '{c}' THEN json_extract(j.value, '$[1]') END) AS {r}_{c}"
            ));
        }
    }
    sql.push_str(
        "\nFROM reports r LEFT JOIN report_values v ON v.report_id = r.id LEFT JOIN json_each(v.cells) j
LEFT JOIN cell_keys k ON k.key = json_extract(j.value, '$[0]') AND k.table_key = 'applications' GROUP BY r.id",
    );
    sql
}

/// An open SQLite dataset: its writer thread and the queue to it.
pub struct SqliteDataset {
    queue: SyncSender<Command>,
    writer: JoinHandle<Result<Writer, DatasetError>>,
    /// Whether the database held reports when opened (the year checks then
    /// read them all back; otherwise they use `added`).
    held_before: bool,
    /// What the year checks need of each report this run added.
    added: Vec<YearEntry>,
    /// The numbers of cell and check names, given as reports are packed.
    keys: Box<Keys>,
    /// Reports not yet sent, and when the last came.
    waiting: Vec<Packed>,
    last_add: Instant,
}

impl SqliteDataset {
    /// Open or create the database and its tables, and start the writer.
    pub fn open(path: &Path) -> Result<SqliteDataset, DatasetError> {
        let conn = Connection::open(path)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'reports'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 && version != SCHEMA_VERSION {
            return Err(DatasetError::OldSchema(version));
        }
        // Pages of 8 KB: fewer pages to fill and link (a new file only).
        conn.pragma_update(None, "page_size", 8192)?;
        // A rollback journal: pages appended in a transaction need no copy
        // (a WAL journal writes every page twice, to the journal and back),
        // and a killed writer's journal is rolled back by the next opening.
        conn.pragma_update(None, "journal_mode", "TRUNCATE")?;
        // No fsync: a killed process loses nothing the OS has; a power cut
        // may cost the dataset, which the batch can write again.
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Children are deleted by the writer itself (a replaced report):
        // checking each cell's parent would cost a look-up per row.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        // A reader (sqlite3 on the side) may hold the file for a moment.
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(&wide_view())?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        let held_before = conn.query_row("SELECT EXISTS (SELECT 1 FROM reports)", [], |r| {
            r.get::<_, bool>(0)
        })?;
        let keys = Box::new(Keys::read(&conn)?);
        let writer = Writer::new(conn)?;
        let (queue, commands) = mpsc::sync_channel(QUEUED_REPORTS / REPORTS_PER_MESSAGE);
        let writer = std::thread::Builder::new()
            .name("dataset".into())
            .spawn(move || writer.run(commands))?;
        Ok(SqliteDataset {
            queue,
            writer,
            held_before,
            keys,
            added: Vec::new(),
            waiting: Vec::with_capacity(REPORTS_PER_MESSAGE),
            last_add: Instant::now(),
        })
    }

    /// Send the waiting reports to the writer.
    fn send(&mut self) -> Result<(), DatasetError> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.waiting, Vec::with_capacity(REPORTS_PER_MESSAGE));
        self.queue
            .send(Command::Add(rows))
            .map_err(|_| DatasetError::WriterGone)
    }

    /// True when a report of this input path is in the database (or
    /// handed to the writer).
    pub fn holds_path(&self, path: &str) -> bool {
        if self.waiting.iter().any(|r| r.path == path) {
            return true;
        }
        let (reply, answer) = mpsc::channel();
        self.queue
            .send(Command::Holds(path.to_string(), reply))
            .is_ok()
            && answer.recv().unwrap_or(false)
    }

    /// Hand one report to the writer, packed here (on the batch worker's
    /// thread, which frees the report's strings: see `packed`).
    pub fn add(&mut self, mut rows: Rows) -> Result<(), DatasetError> {
        self.added.push(std::mem::take(&mut rows.year_entry));
        self.waiting.push(self.keys.pack(rows));
        let late = self.last_add.elapsed() >= SEND_AFTER;
        self.last_add = Instant::now();
        if late || self.waiting.len() >= REPORTS_PER_MESSAGE {
            self.send()?;
        }
        Ok(())
    }

    /// Wait for the writer, replace the `year.*` checks by those of every
    /// report now held, make the late indexes.
    pub fn finish(mut self, aliases: &OrganAliases) -> Result<Vec<(String, Check)>, DatasetError> {
        let sent = self.send();
        drop(self.queue);
        let mut writer = self.writer.join().map_err(|_| DatasetError::WriterGone)??;
        sent?;
        // A new database holds only what this run added: no need to read
        // it back.
        let (ids, entries) = if self.held_before {
            year_entries(writer.connection())?
        } else {
            (std::mem::take(&mut writer.ids), self.added)
        };
        let results = pair_years(&entries, aliases);
        let stored: Vec<(i64, &Check)> = results
            .iter()
            .filter_map(|r| Some((*ids.get(r.index)?, &r.check)))
            .collect();
        writer.year_checks(&stored, self.held_before)?;
        let conn = writer.into_connection();
        conn.execute_batch(LATE_INDEXES)?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(results
            .into_iter()
            .filter_map(|r| Some((entries.get(r.index)?.name.clone(), r.check)))
            .collect())
    }
}

/// Every report's id and what the year checks need: only table 三's
/// 上年结转 and 结转下年度 rows, so that memory stays small.
fn year_entries(conn: &Connection) -> Result<(Vec<i64>, Vec<YearEntry>), DatasetError> {
    let mut ids = Vec::new();
    let mut entries = Vec::new();
    let mut at = BTreeMap::new();
    let mut stmt =
        conn.prepare("SELECT id, path, organ, year, layout_t3 FROM reports ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<i32>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, path, organ, year, layout) = row?;
        at.insert(id, ids.len());
        ids.push(id);
        let applications = layout.map(|l| Applications {
            layout: if l == "2019" {
                Layout::V2019
            } else {
                Layout::V2021
            },
            rows: BTreeMap::new(),
        });
        entries.push(YearEntry {
            name: path,
            organ,
            year,
            applications,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT report_id, row_key, column_key, value FROM cells
         WHERE table_key = 'applications' AND row_key IN ('carried_over', 'carried_forward')",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<f64>>(3)?,
        ))
    })?;
    for row in rows {
        let (id, row_key, column_key, value) = row?;
        let (Some(row), Some(col)) = (
            ApplicationRow::from_key(&row_key),
            Applicant::from_key(&column_key),
        ) else {
            continue;
        };
        let table = at
            .get(&id)
            .and_then(|i| entries.get_mut(*i))
            .and_then(|e| e.applications.as_mut());
        if let Some(t) = table {
            t.rows.entry(row).or_default().insert(col, value.map(Num));
        }
    }
    Ok((ids, entries))
}
