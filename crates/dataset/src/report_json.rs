//! A report's cells and checks as the JSON arrays of one `report_values`
//! row, which the `cells` and `checks` views expand: one database row per
//! report instead of one per value (some 250 rows per report made SQLite's
//! own row work most of the dataset's cost).
//!
//! `cells`: `[[key, value, location, raw], …]`, `key` numbering the cell's
//! name in `cell_keys`, `location` an index into `locations` (the rows of a
//! table share it), trailing nulls left out. `checks`: `[[key, status,
//! expected, actual, message], …]`, `key` numbering the check's id and
//! subject in `check_keys`, the message only for a check that did not pass.

use serde::Serialize;

use crate::rows::CheckRow;
use crate::Cell;

/// The three JSON texts of one report, built in buffers kept from one
/// report to the next.
#[derive(Default)]
pub(crate) struct ReportJson {
    /// `[[key, value, location, raw], …]`
    pub(crate) cells: Vec<u8>,
    /// `["line 16", …]`
    pub(crate) locations: Vec<u8>,
    /// `[[key, status, expected, actual, message], …]`
    pub(crate) checks: Vec<u8>,
}

/// Append one JSON scalar (numbers, strings escaped, `null`).
fn put<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    serde_json::to_writer(out, value)
}

/// Append a scalar after the ones before it in an array.
fn and<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    out.push(b',');
    put(out, value)
}

/// Open the `index`th element of an array, an array that starts with
/// `key`.
fn open(out: &mut Vec<u8>, index: usize, key: i64) -> serde_json::Result<()> {
    if index > 0 {
        out.push(b',');
    }
    out.push(b'[');
    put(out, &key)
}

impl ReportJson {
    /// Start the arrays of a new report.
    pub(crate) fn clear(&mut self) {
        self.cells.clear();
        self.locations.clear();
        self.checks.clear();
    }

    /// Write the cells, each with its number from `key`.
    pub(crate) fn cells<E: From<serde_json::Error>>(
        &mut self,
        cells: &[Cell],
        mut key: impl FnMut(&Cell) -> Result<i64, E>,
    ) -> Result<(), E> {
        let (out, locations) = (&mut self.cells, &mut self.locations);
        out.push(b'[');
        locations.push(b'[');
        // The location last written and its index: a row's cells share it.
        let mut last: Option<(&str, usize)> = None;
        let mut count = 0usize;
        for (i, c) in cells.iter().enumerate() {
            open(out, i, key(c)?)?;
            and(out, &c.value.map(|n| n.0))?;
            let at = match (c.location.as_deref(), last) {
                (None, _) => None,
                (Some(l), Some((seen, at))) if seen == l => Some(at),
                (Some(l), _) => {
                    if count > 0 {
                        locations.push(b',');
                    }
                    put(locations, l)?;
                    last = Some((l, count));
                    count += 1;
                    Some(count - 1)
                }
            };
            if at.is_some() || c.raw.is_some() {
                and(out, &at)?;
            }
            if let Some(raw) = &c.raw {
                and(out, raw)?;
            }
            out.push(b']');
        }
        out.push(b']');
        locations.push(b']');
        Ok(())
    }

    /// Write the checks, each with its number from `key`.
    pub(crate) fn checks<E: From<serde_json::Error>>(
        &mut self,
        checks: &[CheckRow],
        mut key: impl FnMut(&CheckRow) -> Result<i64, E>,
    ) -> Result<(), E> {
        let out = &mut self.checks;
        out.push(b'[');
        for (i, c) in checks.iter().enumerate() {
            open(out, i, key(c)?)?;
            and(out, c.status)?;
            and(out, &c.expected)?;
            and(out, &c.actual)?;
            if let Some(m) = &c.message {
                and(out, m)?;
            }
            out.push(b']');
        }
        out.push(b']');
        Ok(())
    }

    /// The text of one of the buffers (always UTF-8: JSON written above).
    pub(crate) fn text(buffer: &[u8]) -> &str {
        std::str::from_utf8(buffer).unwrap_or("[]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_report::Num;

    fn cell(code: usize, value: Option<f64>, location: Option<&str>, raw: Option<&str>) -> Cell {
        Cell {
            table: "applications",
            row: "new_received",
            column: "total",
            value: value.map(Num),
            raw: raw.map(str::to_string),
            location: location.map(std::sync::Arc::from),
            code,
        }
    }

    #[test]
    fn cells_share_their_row_location_and_leave_out_trailing_nulls() {
        let mut json = ReportJson::default();
        let cells = [
            cell(1, Some(5.0), Some("line 3"), None),
            cell(2, None, Some("line 3"), Some("—")),
            cell(3, Some(0.5), Some("line \"4\""), None),
            cell(4, Some(7.0), None, None),
        ];
        json.cells(&cells, |c| Ok::<_, serde_json::Error>(c.code as i64 * 10))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            ReportJson::text(&json.cells),
            r#"[[10,5.0,0],[20,null,0,"—"],[30,0.5,1],[40,7.0]]"#
        );
        assert_eq!(
            ReportJson::text(&json.locations),
            r#"["line 3","line \"4\""]"#
        );
    }

    #[test]
    fn checks_keep_the_message_of_a_check_that_did_not_pass() {
        let mut json = ReportJson::default();
        let row = |status, message: Option<&str>| CheckRow {
            id: "t3.balance".into(),
            subject: gongkai_report::ReportPath::APPLICATIONS,
            status,
            expected: Some(3.0),
            actual: None,
            message: message.map(str::to_string),
        };
        let checks = [row("pass", None), row("fail", Some("3 ≠ 4"))];
        json.checks(&checks, |_| Ok::<_, serde_json::Error>(7))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            ReportJson::text(&json.checks),
            r#"[[7,"pass",3.0,null],[7,"fail",3.0,null,"3 ≠ 4"]]"#
        );
    }
}
