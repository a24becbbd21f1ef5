//! The writer of the SQLite dataset, on a thread of its own: reports come
//! over a bounded channel packed (`Packed`) and are written in transactions
//! of up to `REPORTS_PER_COMMIT` reports, each committed within
//! `COMMIT_EVERY`, so that a killed batch leaves a valid database holding
//! the reports committed so far. Cell and check names are written once, in
//! `cell_keys` and `check_keys`, before the first report that uses them; a
//! report's cells and checks are one row of `report_values` (`report_json`)
//! that holds their numbers.

use hashbrown::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use gongkai_report::{Check, CheckStatus};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension};

use crate::packed::{NewKey, Packed};
use crate::rows::{status_word, DiagnosticRow};
use crate::tuning::{COMMIT_EVERY, REPORTS_PER_COMMIT, ROWS_PER_INSERT};
use crate::DatasetError;

/// What the writer is asked to do.
pub(crate) enum Command {
    /// Add these reports (each replacing an earlier one of the same path
    /// whose bytes differ).
    Add(Vec<Packed>),
    /// Answer whether a report of this path is held.
    Holds(String, Sender<bool>),
}

/// One table's insert statements: one row, and `ROWS_PER_INSERT` rows.
struct Insert {
    one: String,
    many: String,
}

/// Binds one value, in column order.
type Bind<'a> = dyn FnMut(&dyn ToSql) -> rusqlite::Result<()> + 'a;

impl Insert {
    fn new(table: &str, columns: &[&str]) -> Insert {
        // OR IGNORE: no row can conflict, and a statement that cannot
        // abort half-way needs no statement journal.
        let head = format!(
            "INSERT OR IGNORE INTO {table} ({}) VALUES ",
            columns.join(", ")
        );
        let row = format!("({})", vec!["?"; columns.len()].join(", "));
        let many = vec![row.as_str(); ROWS_PER_INSERT].join(", ");
        Insert {
            one: format!("{head}{row}"),
            many: format!("{head}{many}"),
        }
    }

    /// Insert `items`, each bound by `bind`.
    fn run<T>(
        &self,
        conn: &Connection,
        items: &[T],
        bind: impl Fn(&T, &mut Bind) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let mut chunks = items.chunks_exact(ROWS_PER_INSERT);
        for chunk in chunks.by_ref() {
            let mut stmt = conn.prepare_cached(&self.many)?;
            let mut at = 0;
            for item in chunk {
                bind(item, &mut |v| {
                    at += 1;
                    stmt.raw_bind_parameter(at, v)
                })?;
            }
            stmt.raw_execute()?;
        }
        let mut stmt = conn.prepare_cached(&self.one)?;
        for item in chunks.remainder() {
            let mut at = 0;
            bind(item, &mut |v| {
                at += 1;
                stmt.raw_bind_parameter(at, v)
            })?;
            stmt.raw_execute()?;
        }
        Ok(())
    }
}

/// The writer: its connection, the key numbers given so far, and where its
/// transaction stands.
pub(crate) struct Writer {
    conn: Connection,
    checks: Insert,
    diagnostics: Insert,
    /// Check numbers looked up for the `year.*` checks, by id, then
    /// subject.
    check_keys: HashMap<String, HashMap<String, i64>>,
    /// Reports in the open transaction, and when it began.
    pending: Option<(usize, Instant)>,
    /// The first error: the open transaction was rolled back and nothing
    /// more is written.
    failed: Option<DatasetError>,
    /// The id of each report added, in the order they came.
    pub(crate) ids: Vec<i64>,
}

impl Writer {
    /// A writer on an open database whose tables exist.
    pub(crate) fn new(conn: Connection) -> Result<Writer, DatasetError> {
        Ok(Writer {
            conn,
            checks: Insert::new(
                "check_results",
                &[
                    "report_id",
                    "key",
                    "status",
                    "expected",
                    "actual",
                    "message",
                ],
            ),
            diagnostics: Insert::new(
                "diagnostics",
                &[
                    "report_id",
                    "severity",
                    "code",
                    "path",
                    "message",
                    "raw",
                    "at",
                ],
            ),
            check_keys: HashMap::new(),
            pending: None,
            failed: None,
            ids: Vec::new(),
        })
    }

    /// Serve commands until every sender is gone, then commit; returns
    /// itself for the year checks, or the first error.
    pub(crate) fn run(mut self, commands: Receiver<Command>) -> Result<Writer, DatasetError> {
        loop {
            let command = match self.pending {
                Some((_, since)) => {
                    let left = COMMIT_EVERY.saturating_sub(since.elapsed());
                    match commands.recv_timeout(left) {
                        Ok(c) => Some(c),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                None => match commands.recv() {
                    Ok(c) => Some(c),
                    Err(_) => break,
                },
            };
            match command {
                None => self.commit(),
                Some(Command::Holds(path, reply)) => {
                    let _ = reply.send(self.holds_path(&path));
                }
                Some(Command::Add(reports)) => {
                    for rows in &reports {
                        self.add(rows);
                    }
                }
            }
        }
        self.commit();
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(self),
        }
    }

    /// The connection, once the writer is done.
    pub(crate) fn into_connection(self) -> Connection {
        self.conn
    }

    /// The connection, to read.
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    fn holds_path(&self, path: &str) -> bool {
        self.conn
            .prepare_cached("SELECT 1 FROM reports WHERE path = ?1")
            .and_then(|mut s| s.query_row([path], |_| Ok(())).optional())
            .ok()
            .flatten()
            .is_some()
    }

    fn add(&mut self, rows: &Packed) {
        if self.failed.is_some() {
            return;
        }
        let began = match self.pending {
            Some(_) => Ok(()),
            None => self.conn.execute_batch("BEGIN"),
        };
        let written = began.map_err(DatasetError::from).and_then(|()| {
            let (n, _) = self.pending.get_or_insert((0, Instant::now()));
            *n += 1;
            self.insert(rows)
        });
        match written {
            Ok(id) => self.ids.push(id),
            Err(e) => {
                // The open transaction goes whole: the database keeps what
                // was committed, and the batch run again adds the rest.
                let _ = self.conn.execute_batch("ROLLBACK");
                self.pending = None;
                self.failed = Some(e);
                return;
            }
        }
        if let Some((n, since)) = self.pending {
            if n >= REPORTS_PER_COMMIT || since.elapsed() >= COMMIT_EVERY {
                self.commit();
            }
        }
    }

    /// Commit the open transaction, if any.
    fn commit(&mut self) {
        if self.pending.take().is_some() {
            if let Err(e) = self.conn.execute_batch("COMMIT") {
                let _ = self.conn.execute_batch("ROLLBACK");
                self.failed.get_or_insert(e.into());
            }
        }
    }

    /// The number of a check's id and subject, given on first sight.
    fn check_key(&mut self, id: &str, subject: &str) -> rusqlite::Result<i64> {
        if let Some(key) = self.check_keys.get(id).and_then(|s| s.get(subject)) {
            return Ok(*key);
        }
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO check_keys (id, subject) VALUES (?1, ?2)")?
            .execute([id, subject])?;
        let key = self
            .conn
            .prepare_cached("SELECT key FROM check_keys WHERE id = ?1 AND subject = ?2")?
            .query_row([id, subject], |r| r.get(0))?;
        self.check_keys
            .entry(id.to_string())
            .or_default()
            .insert(subject.to_string(), key);
        Ok(key)
    }

    /// Write the names a report is the first to use. A plain INSERT: the
    /// numbers are new to the database (`Keys::read`), so a conflict means
    /// another process wrote the same file meanwhile, an error rather
    /// than a name silently given two meanings.
    fn new_keys(&self, keys: &[NewKey]) -> rusqlite::Result<()> {
        for key in keys {
            match key {
                NewKey::Cell(key, table, row, column) => self
                    .conn
                    .prepare_cached(
                        "INSERT INTO cell_keys (key, table_key, row_key, column_key) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![key, table, row, column])?,
                NewKey::Check(key, id, subject) => self
                    .conn
                    .prepare_cached(
                        "INSERT INTO check_keys (key, id, subject) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![key, id, subject])?,
            };
        }
        Ok(())
    }

    /// Write one report; returns its id.
    fn insert(&mut self, r: &Packed) -> Result<i64, DatasetError> {
        // Before anything else: a later report may use them even when this
        // one is already held.
        self.new_keys(&r.new_keys)?;
        let earlier: Option<(i64, String)> = self
            .conn
            .prepare_cached("SELECT id, sha256 FROM reports WHERE path = ?1")?
            .query_row([&r.path], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        if let Some((id, sha)) = earlier {
            if sha == r.sha256 {
                return Ok(id);
            }
            // The input changed since: the new report replaces the old.
            for table in ["report_values", "check_results", "diagnostics"] {
                self.conn
                    .execute(&format!("DELETE FROM {table} WHERE report_id = ?1"), [id])?;
            }
            self.conn
                .execute("DELETE FROM reports WHERE id = ?1", [id])?;
        }
        let [checks_run, failed, uncertain] = r.counts;
        self.conn
            .prepare_cached(
                "INSERT INTO reports (path, sha256, format, title, organ, year, layout_t2, layout_t3, status, checks, failed, uncertain)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                r.path,
                r.sha256,
                r.format,
                r.title,
                r.organ,
                r.year,
                r.layout_t2,
                r.layout_t3,
                r.status,
                checks_run,
                failed,
                uncertain,
            ])?;
        let id = self.conn.last_insert_rowid();
        self.conn
            .prepare_cached(
                "INSERT INTO report_values (report_id, cells, locations, checks) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, r.json.cells, r.json.locations, r.json.checks])?;
        self.diagnostics
            .run(&self.conn, &r.diagnostics, |d: &DiagnosticRow, bind| {
                bind(&id)?;
                bind(&d.severity)?;
                bind(&d.code)?;
                bind(&d.path)?;
                bind(&d.message)?;
                bind(&d.raw)?;
                bind(&d.at)
            })?;
        Ok(id)
    }

    /// Replace the `year.*` checks (`replace`: the database may hold
    /// earlier ones) by these, each with its report's id.
    pub(crate) fn year_checks(
        &mut self,
        checks: &[(i64, &Check)],
        replace: bool,
    ) -> Result<(), DatasetError> {
        self.conn.execute_batch("BEGIN")?;
        if replace {
            self.conn.execute(
                "DELETE FROM check_results WHERE key IN (SELECT key FROM check_keys WHERE id LIKE 'year.%')",
                [],
            )?;
        }
        let mut rows = Vec::with_capacity(checks.len());
        for (id, c) in checks {
            rows.push((*id, self.check_key(&c.id, c.subject.as_str())?, *c));
        }
        self.checks.run(
            &self.conn,
            &rows,
            |(id, key, c): &(i64, i64, &Check), bind| {
                let message = (c.status != CheckStatus::Pass).then_some(c.message.as_str());
                bind(id)?;
                bind(key)?;
                bind(&status_word(c.status))?;
                bind(&c.expected.map(|n| n.0))?;
                bind(&c.actual.map(|n| n.0))?;
                bind(&message)
            },
        )?;
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }
}
