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

use std::fmt::Write as _;

use crate::rows::CheckRow;
use crate::Cell;

/// The three JSON texts of one report. Written here rather than by serde_json: its writer
/// wants bytes, and checking them back to text, escaping through its
/// generic path and formatting each float took most of the writer's own
/// time (`perf record` on a text batch).
#[derive(Default)]
pub(crate) struct ReportJson {
    /// `[[key, value, location, raw], …]`
    pub(crate) cells: String,
    /// `["line 16", …]`
    pub(crate) locations: String,
    /// `[[key, status, expected, actual, message], …]`
    pub(crate) checks: String,
}

/// JSON scalars this module writes.
trait Scalar {
    fn put(&self, out: &mut String);
}

impl Scalar for i64 {
    fn put(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

impl Scalar for usize {
    fn put(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

/// Largest magnitude written as a whole number plus `.0` (exact in f64).
const WHOLE_MAX: f64 = 9_007_199_254_740_992.0;

impl Scalar for f64 {
    /// Whole numbers (nearly every count) as `36.0`, so that SQLite reads
    /// a REAL as before; others the shortest text that reads back the
    /// same; NaN and infinities as `null`, like serde_json.
    fn put(&self, out: &mut String) {
        let v = *self;
        if !v.is_finite() {
            out.push_str("null");
        } else if v.fract() == 0.0 && v.abs() < WHOLE_MAX {
            // In range by the test above: the cast is exact.
            out.push_str(itoa::Buffer::new().format(v as i64));
            out.push_str(".0");
        } else {
            let _ = write!(out, "{v:?}");
        }
    }
}

/// Whether any of the 8 bytes in `word` needs escaping in a JSON string
/// (a quote, a backslash, a control character): eight bytes a step, since
/// the messages quoted from the prose make most of a report's JSON.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below `n` (n ≤ 0x80) sets its high bit here, among bytes
    // without their own high bit set.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    below(word, 0x20) != 0
        || below(word ^ (ONES * u64::from(b'"')), 1) != 0
        || below(word ^ (ONES * u64::from(b'\\')), 1) != 0
}

impl Scalar for str {
    /// A JSON string: quotes, backslashes and control characters escaped.
    fn put(&self, out: &mut String) {
        out.push('"');
        let bytes = self.as_bytes();
        // Skip the words that need nothing, then go byte by byte.
        let mut clean = 0;
        for chunk in bytes.chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if needs_escape(u64::from_le_bytes(word)) {
                break;
            }
            clean += 8;
        }
        let mut from = 0;
        for (i, b) in bytes.iter().enumerate().skip(clean) {
            let escaped = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            out.push_str(self.get(from..i).unwrap_or_default());
            if escaped.is_empty() {
                let _ = write!(out, "\\u{b:04x}");
            } else {
                out.push_str(escaped);
            }
            from = i + 1;
        }
        out.push_str(self.get(from..).unwrap_or_default());
        out.push('"');
    }
}

impl Scalar for String {
    fn put(&self, out: &mut String) {
        self.as_str().put(out);
    }
}

impl<T: Scalar + ?Sized> Scalar for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

impl<T: Scalar> Scalar for Option<T> {
    fn put(&self, out: &mut String) {
        match self {
            Some(v) => v.put(out),
            None => out.push_str("null"),
        }
    }
}

/// Append a scalar after the ones before it in an array.
fn and<T: Scalar + ?Sized>(out: &mut String, value: &T) {
    out.push(',');
    value.put(out);
}

/// Open the `index`th element of an array, an array that starts with
/// `key`.
fn open(out: &mut String, index: usize, key: i64) {
    if index > 0 {
        out.push(',');
    }
    out.push('[');
    key.put(out);
}

impl ReportJson {
    /// Write the cells, each with its number from `key`.
    pub(crate) fn cells(&mut self, cells: &[Cell], mut key: impl FnMut(&Cell) -> i64) {
        let (out, locations) = (&mut self.cells, &mut self.locations);
        out.push('[');
        locations.push('[');
        // The location last written and its index: a row's cells share it.
        let mut last: Option<(&str, usize)> = None;
        let mut count = 0usize;
        for (i, c) in cells.iter().enumerate() {
            open(out, i, key(c));
            and(out, &c.value.map(|n| n.0));
            let at = match (c.location.as_deref(), last) {
                (None, _) => None,
                // The cells of a row share one string: the same pointer.
                (Some(l), Some((seen, at))) if std::ptr::eq(seen, l) || seen == l => Some(at),
                (Some(l), _) => {
                    if count > 0 {
                        locations.push(',');
                    }
                    l.put(locations);
                    last = Some((l, count));
                    count += 1;
                    Some(count - 1)
                }
            };
            if at.is_some() || c.raw.is_some() {
                and(out, &at);
            }
            if let Some(raw) = &c.raw {
                and(out, raw);
            }
            out.push(']');
        }
        out.push(']');
        locations.push(']');
    }

    /// Write the checks, each with its number from `key`.
    pub(crate) fn checks(
        &mut self,
        checks: &[CheckRow],
        mut key: impl FnMut(usize, &CheckRow) -> i64,
    ) {
        let out = &mut self.checks;
        out.push('[');
        for (i, c) in checks.iter().enumerate() {
            open(out, i, key(i, c));
            and(out, c.status);
            and(out, &c.expected);
            and(out, &c.actual);
            if let Some(m) = &c.message {
                and(out, m);
            }
            out.push(']');
        }
        out.push(']');
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
        json.cells(&cells, |c| c.code as i64 * 10);
        assert_eq!(
            json.cells,
            r#"[[10,5.0,0],[20,null,0,"—"],[30,0.5,1],[40,7.0]]"#
        );
        assert_eq!(json.locations, r#"["line 3","line \"4\""]"#);
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
        json.checks(&checks, |_, _| 7);
        assert_eq!(
            json.checks,
            r#"[[7,"pass",3.0,null],[7,"fail",3.0,null,"3 ≠ 4"]]"#
        );
    }

    #[test]
    fn strings_and_numbers_are_the_json_serde_writes() {
        let text = "引号\"、反斜杠\\、换行\n、制表\t、回车\r、\u{1}、\u{1f}、~\u{7f}";
        let mut out = String::new();
        text.put(&mut out);
        assert_eq!(out, serde_json::to_string(text).unwrap_or_default());
        let back: String = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(back, text);
        for text in [
            "",
            "a",
            "12345678",
            "1234567\"",
            "12345678\\",
            "政府信息公开：\"报告\"",
            "\u{0}abcdefgh",
        ] {
            let mut out = String::new();
            text.put(&mut out);
            assert_eq!(out, serde_json::to_string(text).unwrap_or_default());
        }
        for v in [0.0, 36.0, -7.0, 0.5, 1e-7, 123.25, 1e20, 9.1e15, f64::NAN] {
            let mut out = String::new();
            v.put(&mut out);
            let read: Option<f64> = serde_json::from_str(&out).unwrap_or(Some(-1.0));
            let expected = v.is_finite().then_some(v);
            assert_eq!(read, expected, "{v} as {out}");
        }
        let mut out = String::new();
        36.0.put(&mut out);
        assert_eq!(out, "36.0");
    }
}
