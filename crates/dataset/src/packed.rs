//! A report packed for the SQLite writer by the batch worker that made it:
//! its cells and checks already the JSON arrays of its `report_values` row,
//! with the numbers of their names from [`Keys`]. The worker frees the
//! report's many small strings itself: freed on the writer's thread, each
//! went back to the worker's allocator the slow way, and the worker took
//! fresh pages meanwhile (`perf record`: more of the batch's added time
//! than the writer's own work).

use hashbrown::HashMap;
use rusqlite::Connection;

use crate::cells::CELL_CODES;
use crate::report_json::ReportJson;
use crate::rows::{CheckRow, DiagnosticRow, Rows};
use crate::Cell;

/// A name numbered on first sight, to be written to `cell_keys` or
/// `check_keys` before the report that first uses it.
pub(crate) enum NewKey {
    /// `cell_keys (key, table_key, row_key, column_key)`.
    Cell(i64, &'static str, &'static str, &'static str),
    /// `check_keys (key, id, subject)`.
    Check(i64, String, String),
}

/// One report as the writer stores it.
pub(crate) struct Packed {
    /// The input path as given.
    pub(crate) path: String,
    /// SHA-256 of the input's bytes.
    pub(crate) sha256: String,
    /// The batch status word.
    pub(crate) status: String,
    /// The reader's format name.
    pub(crate) format: String,
    /// The title.
    pub(crate) title: Option<String>,
    /// Who reports.
    pub(crate) organ: Option<String>,
    /// The year reported on.
    pub(crate) year: Option<i32>,
    /// Table 二's layout.
    pub(crate) layout_t2: Option<&'static str>,
    /// Table 三's layout.
    pub(crate) layout_t3: Option<&'static str>,
    /// Checks run, failed, uncertain.
    pub(crate) counts: [i64; 3],
    /// The `report_values` texts.
    pub(crate) json: ReportJson,
    /// Every diagnostic.
    pub(crate) diagnostics: Vec<DiagnosticRow>,
    /// Names this report is the first to use.
    pub(crate) new_keys: Vec<NewKey>,
}

/// The numbers of cell and check names: those the database holds, and
/// those given since (the next number after the largest).
pub(crate) struct Keys {
    /// By cell code (`Cell::code`).
    cells: Vec<Option<i64>>,
    /// Cell names held before this run, by table, row and column.
    cells_held: HashMap<(String, String, String), i64>,
    /// By check id, then subject.
    checks: HashMap<String, HashMap<String, i64>>,
    /// The checks of the report packed before, by position: id, subject
    /// and number. The reports of a batch mostly run the same checks in
    /// the same order, so the `i`th of the report before is compared first
    /// (hashing both names cost more).
    checks_before: Vec<(String, String, i64)>,
    next_cell: i64,
    next_check: i64,
    /// The sizes of the last report's texts, to allocate the next once.
    sizes: [usize; 3],
}

impl Keys {
    /// The numbers a database holds.
    pub(crate) fn read(conn: &Connection) -> rusqlite::Result<Keys> {
        let mut cells_held = HashMap::new();
        let mut stmt = conn.prepare("SELECT key, table_key, row_key, column_key FROM cell_keys")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
            let (key, t, r, c): (i64, String, String, String) = row?;
            cells_held.insert((t, r, c), key);
        }
        let mut checks: HashMap<String, HashMap<String, i64>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT key, id, subject FROM check_keys")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (key, id, subject): (i64, String, String) = row?;
            checks.entry(id).or_default().insert(subject, key);
        }
        let max = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0));
        Ok(Keys {
            cells: vec![None; CELL_CODES],
            cells_held,
            checks,
            checks_before: Vec::new(),
            next_cell: max("SELECT max(key) FROM cell_keys")?.unwrap_or(0) + 1,
            next_check: max("SELECT max(key) FROM check_keys")?.unwrap_or(0) + 1,
            sizes: [4096, 512, 4096],
        })
    }

    /// The number of a cell's name.
    fn cell(&mut self, c: &Cell, new: &mut Vec<NewKey>) -> i64 {
        if let Some(key) = self.cells.get(c.code).copied().flatten() {
            return key;
        }
        let names = (c.table.to_string(), c.row.to_string(), c.column.to_string());
        let key = match self.cells_held.get(&names) {
            Some(key) => *key,
            None => {
                let key = self.next_cell;
                self.next_cell += 1;
                new.push(NewKey::Cell(key, c.table, c.row, c.column));
                key
            }
        };
        if let Some(slot) = self.cells.get_mut(c.code) {
            *slot = Some(key);
        }
        key
    }

    /// The number of the `i`th check's id and subject.
    fn check(&mut self, i: usize, c: &CheckRow, new: &mut Vec<NewKey>) -> i64 {
        let subject = c.subject.as_str();
        if let Some((id, s, key)) = self.checks_before.get(i) {
            if *id == c.id && s == subject {
                return *key;
            }
        }
        let key = match self.checks.get(&c.id).and_then(|s| s.get(subject)) {
            Some(key) => *key,
            None => {
                let key = self.next_check;
                self.next_check += 1;
                self.checks
                    .entry(c.id.clone())
                    .or_default()
                    .insert(subject.to_string(), key);
                new.push(NewKey::Check(key, c.id.clone(), subject.to_string()));
                key
            }
        };
        let seen = (c.id.clone(), subject.to_string(), key);
        match self.checks_before.get_mut(i) {
            Some(slot) => *slot = seen,
            None => self.checks_before.push(seen),
        }
        key
    }

    /// Pack a report's rows: its cells and checks written as JSON, the
    /// rest moved.
    pub(crate) fn pack(&mut self, rows: Rows) -> Packed {
        let mut new_keys = Vec::new();
        let [cells, locations, checks] = self.sizes;
        let mut json = ReportJson {
            cells: String::with_capacity(cells + cells / 8),
            locations: String::with_capacity(locations + locations / 8),
            checks: String::with_capacity(checks + checks / 8),
        };
        json.cells(&rows.cells, |c| self.cell(c, &mut new_keys));
        json.checks(&rows.checks, |i, c| self.check(i, c, &mut new_keys));
        self.sizes = [json.cells.len(), json.locations.len(), json.checks.len()];
        Packed {
            path: rows.path,
            sha256: rows.sha256,
            status: rows.status,
            format: rows.format,
            title: rows.title,
            organ: rows.organ,
            year: rows.year,
            layout_t2: rows.layout_t2,
            layout_t3: rows.layout_t3,
            counts: [rows.checks_run, rows.failed, rows.uncertain],
            json,
            diagnostics: rows.diagnostics,
            new_keys,
        }
    }
}
