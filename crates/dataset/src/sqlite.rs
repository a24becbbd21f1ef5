//! The SQLite dataset: tables `reports`, `cells`, `checks`, `diagnostics`,
//! indexes on organ and year, and the view `applications_wide`. Each report
//! is written whole or not at all, and committed within a second (WAL
//! journal), so a killed batch leaves a valid database holding the reports
//! committed so far; running it again adds the rest.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use gongkai_ir::Severity;
use gongkai_report::{
    Applicant, ApplicationRow, Applications, Check, CheckStatus, Layout, Num, Report, Value,
    YEAR_CARRIED_OVER, YEAR_UNMATCHED,
};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{cells, pair_years, DatasetError, Entry, OrganAliases, YearEntry};

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
CREATE TABLE IF NOT EXISTS cells (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    table_key TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    value REAL,
    raw TEXT,
    location TEXT
);
CREATE TABLE IF NOT EXISTS checks (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    subject TEXT NOT NULL,
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
CREATE INDEX IF NOT EXISTS cells_report ON cells(report_id);
CREATE INDEX IF NOT EXISTS checks_report ON checks(report_id);
CREATE INDEX IF NOT EXISTS diagnostics_report ON diagnostics(report_id);
";

/// `applications_wide`: one row per report, one column per 表三 cell
/// (`new_received_total`, `granted_natural_person`, …).
fn wide_view() -> String {
    let mut sql = String::from(
        "CREATE VIEW IF NOT EXISTS applications_wide AS SELECT r.id AS report_id, r.path, r.organ, r.year",
    );
    for row in ApplicationRow::ALL {
        for col in Applicant::ALL {
            let (r, c) = (row.key(), col.key());
            sql.push_str(&format!(
                ",\n MAX(CASE WHEN c.row_key = '{r}' AND c.column_key = '{c}' THEN c.value END) AS {r}_{c}"
            ));
        }
    }
    sql.push_str(
        "\nFROM reports r LEFT JOIN cells c ON c.report_id = r.id AND c.table_key = 'applications' GROUP BY r.id",
    );
    sql
}

/// Reports per transaction at most: one commit per report would write the
/// same half-filled pages again for every report (measured: five times the
/// batch's time).
const REPORTS_PER_COMMIT: usize = 256;
/// The longest a finished report waits for its commit.
const COMMIT_EVERY: Duration = Duration::from_secs(1);

/// An open SQLite dataset.
pub struct SqliteDataset {
    conn: Connection,
    /// Reports added since the open transaction began, and when it began.
    pending: Option<(usize, Instant)>,
}

fn status_word(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Pass => "pass",
        CheckStatus::Fail => "fail",
        CheckStatus::Uncertain => "uncertain",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// A count as SQLite's integer.
fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn real(v: Value) -> Option<f64> {
    v.map(|n| n.0)
}

impl SqliteDataset {
    /// Open or create the database and its tables.
    pub fn open(path: &Path) -> Result<SqliteDataset, DatasetError> {
        let conn = Connection::open(path)?;
        // WAL: a commit per report is cheap and a killed writer leaves the
        // committed reports readable.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // No fsync: a killed process loses nothing the OS has; a power cut
        // may cost the dataset, which the batch can write again. Otherwise
        // each checkpoint (every 4 MB of journal) waits for the disk.
        conn.pragma_update(None, "synchronous", "OFF")?;
        // 16 MB of page cache (the default is 2 MB).
        conn.pragma_update(None, "cache_size", -16_000)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(&wide_view())?;
        Ok(SqliteDataset {
            conn,
            pending: None,
        })
    }

    /// True when a report of this input path is in the database.
    pub fn holds_path(&self, path: &str) -> bool {
        self.conn
            .query_row("SELECT 1 FROM reports WHERE path = ?1", [path], |_| Ok(()))
            .optional()
            .ok()
            .flatten()
            .is_some()
    }

    /// Add one report, whole or not at all (a savepoint), in the open
    /// transaction; commit every `REPORTS_PER_COMMIT` reports or
    /// `COMMIT_EVERY`, so that a killed batch loses at most that much.
    pub fn add(&mut self, entry: &Entry, report: &Report) -> Result<(), DatasetError> {
        if self.pending.is_none() {
            self.conn.execute_batch("BEGIN")?;
            self.pending = Some((0, Instant::now()));
        }
        self.conn.execute_batch("SAVEPOINT report")?;
        let added = self.insert(entry, report);
        let end = if added.is_ok() {
            "RELEASE report"
        } else {
            "ROLLBACK TO report; RELEASE report"
        };
        self.conn.execute_batch(end)?;
        if let Some((n, since)) = &mut self.pending {
            *n += 1;
            if *n >= REPORTS_PER_COMMIT || since.elapsed() >= COMMIT_EVERY {
                self.commit()?;
            }
        }
        added
    }

    /// Commit the open transaction, if any.
    fn commit(&mut self) -> Result<(), DatasetError> {
        if self.pending.take().is_some() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    fn insert(&self, entry: &Entry, report: &Report) -> Result<(), DatasetError> {
        let tx = &self.conn;
        let earlier: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, sha256 FROM reports WHERE path = ?1",
                [entry.path],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, sha)) = earlier {
            if sha == entry.sha256 {
                return Ok(());
            }
            // The input changed since: the new report replaces the old.
            tx.execute("DELETE FROM reports WHERE id = ?1", [id])?;
        }
        tx.execute(
            "INSERT INTO reports (path, sha256, format, title, organ, year, layout_t2, layout_t3, status, checks, failed, uncertain)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                entry.path,
                entry.sha256,
                report.source.format,
                report.title,
                report.organ,
                report.year,
                report.active_disclosure.as_ref().map(|t| t.layout.as_str()),
                report.applications.as_ref().map(|t| t.layout.as_str()),
                entry.status,
                count(report.checks.len()),
                count(report.count_checks(CheckStatus::Fail)),
                count(report.count_checks(CheckStatus::Uncertain)),
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut cell = tx.prepare_cached(
                "INSERT INTO cells (report_id, table_key, row_key, column_key, value, raw, location) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for c in cells(report) {
                cell.execute(params![
                    id,
                    c.table,
                    c.row,
                    c.column,
                    real(c.value),
                    c.raw,
                    c.location
                ])?;
            }
            let mut check = tx.prepare_cached(
                "INSERT INTO checks (report_id, id, subject, status, expected, actual, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for c in &report.checks {
                insert_check(&mut check, id, c)?;
            }
            let mut diagnostic = tx.prepare_cached(
                "INSERT INTO diagnostics (report_id, severity, code, path, message, raw, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for d in &report.diagnostics {
                diagnostic.execute(params![
                    id,
                    severity_word(d.severity),
                    d.code,
                    d.path,
                    d.message,
                    d.raw,
                    d.at
                ])?;
            }
        }
        Ok(())
    }

    /// Replace the `year.*` checks by those of every report now held, then
    /// fold the journal back into the one file.
    pub fn finish(mut self, aliases: &OrganAliases) -> Result<Vec<(String, Check)>, DatasetError> {
        self.commit()?;
        let (ids, entries) = self.year_entries()?;
        let results = pair_years(&entries, aliases);
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM checks WHERE id IN (?1, ?2)",
            params![YEAR_CARRIED_OVER, YEAR_UNMATCHED],
        )?;
        let mut out = Vec::with_capacity(results.len());
        {
            let mut check = tx.prepare_cached(
                "INSERT INTO checks (report_id, id, subject, status, expected, actual, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for r in results {
                let (Some(id), Some(e)) = (ids.get(r.index), entries.get(r.index)) else {
                    continue;
                };
                insert_check(&mut check, *id, &r.check)?;
                out.push((e.name.clone(), r.check));
            }
        }
        tx.commit()?;
        self.conn
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        self.conn.close().map_err(|(_, e)| e)?;
        Ok(out)
    }

    /// Every report's id and what the year checks need: only table 三's
    /// 上年结转 and 结转下年度 rows, so that memory stays small.
    fn year_entries(&self) -> Result<(Vec<i64>, Vec<YearEntry>), DatasetError> {
        let mut ids = Vec::new();
        let mut entries = Vec::new();
        let mut at = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, path, organ, year, layout_t3 FROM reports ORDER BY id")?;
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
        let mut stmt = self.conn.prepare(
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
}

/// A check's row; the message only when it did not pass (a passed check's
/// message restates its numbers and took most of the database).
fn insert_check(
    stmt: &mut rusqlite::CachedStatement,
    id: i64,
    c: &Check,
) -> Result<(), DatasetError> {
    let message = (c.status != CheckStatus::Pass).then_some(c.message.as_str());
    stmt.execute(params![
        id,
        c.id,
        c.subject.as_str(),
        status_word(c.status),
        real(c.expected),
        real(c.actual),
        message
    ])?;
    Ok(())
}
