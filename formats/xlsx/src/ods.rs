//! Merged ranges and hidden rows and columns of an OpenDocument
//! spreadsheet, which calamine does not report: read from `content.xml`
//! (`table:number-rows-spanned` and `table:number-columns-spanned` on the
//! spanning cell; `table:visibility` `collapse` or `filter` on a row or a
//! column, as LibreOffice writes a hidden or filtered one). The same pass
//! counts the cells calamine will build from each table's repeats
//! (`table:number-rows-repeated`, `table:number-columns-repeated`), since
//! calamine builds every sheet when it opens the file and bounds them only
//! at 100 million cells: the count is refused past `--max-cells` first.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use gongkai_ir::{Flaw, Limit, Limits, Oversize, ReadError};
use quick_xml::events::{BytesStart, Event};

use crate::hidden::HiddenRanges;
use crate::merges::Merge;

/// `content.xml` that cannot be read, in the parser's words.
fn content_xml(e: impl std::fmt::Display) -> ReadError {
    malformed(Flaw::BadPart {
        part: "content.xml",
        detail: e.to_string(),
    })
}

fn malformed(reason: Flaw) -> ReadError {
    ReadError::Malformed {
        format: "ods",
        reason,
    }
}

fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    let attr = e.try_get_attribute(name).ok().flatten()?;
    attr.value.trim().parse().ok()
}

fn attr_string(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok().flatten()?;
    attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The cells calamine builds for one table: each row from column A to its
/// last non-empty cell, and the box between the non-empty cells with
/// repeated rows and columns expanded; and the area its merges cover.
#[derive(Debug, Default)]
struct Count {
    /// Cells built row by row (a repeated row once).
    built: u64,
    /// End of the last non-empty cell in the current row.
    row_end: u32,
    /// Non-empty cells' rows and columns, inclusive, repeats expanded.
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
    /// Cells covered by merged ranges.
    merged: u64,
}

impl Count {
    /// A cell element at `col` repeated `repeat` times in a row repeated
    /// `row_repeat` times from `row`.
    fn cell(&mut self, (row, col): (u32, u32), repeat: u32, row_repeat: u32) {
        let last_col = col.saturating_add(repeat - 1);
        self.row_end = col.saturating_add(repeat);
        let last_row = row.saturating_add(row_repeat - 1);
        self.rows = Some(match self.rows {
            None => (row, last_row),
            Some((a, b)) => (a.min(row), b.max(last_row)),
        });
        self.cols = Some(match self.cols {
            None => (col, last_col),
            Some((a, b)) => (a.min(col), b.max(last_col)),
        });
    }

    /// The end of a row element.
    fn row_done(&mut self) {
        self.built = self.built.saturating_add(u64::from(self.row_end));
        self.row_end = 0;
    }

    /// Refuse the table past `--max-cells`.
    fn check(&self, sheet: &str, limits: &Limits) -> Result<(), ReadError> {
        let span = |(a, b): (u32, u32)| u64::from(b - a) + 1;
        let dense = match (self.rows, self.cols) {
            (Some(r), Some(c)) => span(r).saturating_mul(span(c)),
            _ => 0,
        };
        let n = dense.max(self.built);
        limits.check(Limit::Cells, n, || Oversize::Sheet {
            sheet: sheet.to_string(),
            cells: n,
        })?;
        let m = self.merged;
        limits.check(Limit::Cells, m, || Oversize::SheetMerged {
            sheet: sheet.to_string(),
            cells: m,
        })
    }
}

/// What one sheet's `content.xml` says that calamine does not.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OdsSheet {
    /// Merged ranges.
    pub merges: Vec<Merge>,
    /// Hidden rows and columns (repeats expanded).
    pub hidden: HiddenRanges,
}

/// True when a row or column element is hidden (`collapse`) or filtered
/// out (`filter`).
fn is_hidden(e: &BytesStart<'_>) -> bool {
    attr_string(e, "table:visibility").is_some_and(|v| v == "collapse" || v == "filter")
}

/// The merged ranges and hidden rows and columns of every sheet, by sheet
/// name.
pub(crate) fn sheets(data: &[u8], limits: &Limits) -> Result<HashMap<String, OdsSheet>, ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(data))
        .map_err(|e| malformed(Flaw::ZipUnreadable(e.to_string())))?;
    let entry = archive.by_name("content.xml").map_err(|e| {
        malformed(Flaw::NoPart {
            part: "content.xml",
            detail: e.to_string(),
        })
    })?;
    let mut xml = String::new();
    // The declared size was checked already; `take` guards against a lie.
    entry
        .take(limits.max_entry_bytes)
        .read_to_string(&mut xml)
        .map_err(content_xml)?;
    parse(&xml, limits)
}

/// Parse `content.xml` for spanning cells and hidden rows and columns.
fn parse(xml: &str, limits: &Limits) -> Result<HashMap<String, OdsSheet>, ReadError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: HashMap<String, OdsSheet> = HashMap::new();
    let mut depth = 0usize;
    // Position within the current top-level table; tables nested in cells
    // are skipped (`nested` counts how deep inside one we are).
    let mut sheet: Option<String> = None;
    let mut nested = 0usize;
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    // The next column element's position (`table:table-column`).
    let mut column: u32 = 0;
    let mut row_repeat: u32 = 1;
    let mut count = Count::default();
    loop {
        let event = reader.read_event().map_err(content_xml)?;
        let (e, is_empty) = match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(gongkai_ooxml::too_deep(limits, "content.xml"));
                }
                (e, false)
            }
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.name().as_ref() {
                    "table:table" if nested > 0 => nested -= 1,
                    "table:table" => sheet = None,
                    "table:table-row" if nested == 0 => {
                        row = row.saturating_add(row_repeat);
                        count.row_done();
                        if let Some(name) = &sheet {
                            count.check(name, limits)?;
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                if sheet.is_some() {
                    if !is_empty {
                        nested += 1;
                    }
                } else if !is_empty {
                    sheet = Some(attr_string(&e, "table:name").unwrap_or_default());
                    row = 0;
                    column = 0;
                    count = Count::default();
                }
            }
            "table:table-column" if nested == 0 => {
                let Some(name) = &sheet else { continue };
                let repeat = attr_u32(&e, "table:number-columns-repeated")
                    .unwrap_or(1)
                    .max(1);
                let last = column.saturating_add(repeat - 1);
                if is_hidden(&e) {
                    out.entry(name.clone())
                        .or_default()
                        .hidden
                        .hide_cols(column, last);
                }
                column = last.saturating_add(1);
            }
            "table:table-row" if nested == 0 && sheet.is_some() => {
                col = 0;
                row_repeat = attr_u32(&e, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .max(1);
                if let Some(name) = sheet.as_ref().filter(|_| is_hidden(&e)) {
                    let last = row.saturating_add(row_repeat - 1);
                    out.entry(name.clone())
                        .or_default()
                        .hidden
                        .hide_rows(row, last);
                }
                if is_empty {
                    row = row.saturating_add(row_repeat);
                    count.row_done();
                }
            }
            "table:table-cell" | "table:covered-table-cell" if nested == 0 => {
                let Some(name) = &sheet else { continue };
                let rows = attr_u32(&e, "table:number-rows-spanned")
                    .unwrap_or(1)
                    .max(1);
                let cols = attr_u32(&e, "table:number-columns-spanned")
                    .unwrap_or(1)
                    .max(1);
                if (rows > 1 || cols > 1) && e.name().as_ref() == "table:table-cell" {
                    let merge = Merge {
                        first: (row, col),
                        last: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                    };
                    // Counted as found: a file of spans is refused before
                    // the list of them grows.
                    count.merged = count.merged.saturating_add(merge.area());
                    count.check(name, limits)?;
                    out.entry(name.clone()).or_default().merges.push(merge);
                }
                let repeat = attr_u32(&e, "table:number-columns-repeated")
                    .unwrap_or(1)
                    .max(1);
                // calamine keeps a cell with content, a value or a formula
                // (and the empty ones before it); an element with children
                // is taken to have content.
                let filled = !is_empty
                    || e.try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some()
                    || e.try_get_attribute("table:formula")
                        .ok()
                        .flatten()
                        .is_some();
                if filled {
                    count.cell((row, col), repeat, row_repeat);
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_found_with_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="表三">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3"><text:p>x</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
</table:table>
<table:table table:name="B"><table:table-row><table:table-cell table:number-columns-spanned="4"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let m = parse(xml, &Limits::default()).unwrap_or_default();
        assert_eq!(
            m.get("表三").cloned().unwrap_or_default().merges,
            vec![Merge {
                first: (2, 3),
                last: (4, 4)
            }]
        );
        assert_eq!(
            m.get("B").cloned().unwrap_or_default().merges,
            vec![Merge {
                first: (0, 0),
                last: (0, 3)
            }]
        );
    }

    #[test]
    fn hidden_rows_and_columns_are_found_with_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="表三">
<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/><table:table-column table:visibility="collapse" table:number-columns-repeated="2"/><table:table-column/>
<table:table-row><table:table-cell/></table:table-row>
<table:table-header-rows><table:table-row table:visibility="filter" table:number-rows-repeated="2"><table:table-cell/></table:table-row></table:table-header-rows>
<table:table-row table:visibility="collapse"><table:table-cell/></table:table-row>
<table:table-row table:visibility="visible"><table:table-cell/></table:table-row>
<table:table-row table:visibility="collapse"/>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let m = parse(xml, &Limits::default()).unwrap_or_default();
        let sheet = m.get("表三").cloned().unwrap_or_default();
        assert_eq!(sheet.hidden.cols, vec![(2, 4)]);
        assert_eq!(sheet.hidden.rows, vec![(1, 3), (5, 5)]);
    }
}
