//! Hidden rows and columns of an XLSX sheet, which calamine does not
//! report: read from the sheet part (`<row hidden="1">`, `<col min max
//! hidden="1">`) with quick-xml, and taken out of the sheet before it is
//! laid out, as a reader of the workbook sees it. A hidden row of a table
//! is how a decoy or a draft is left in a real report.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use gongkai_ir::{column_letters, Diagnostic, Flaw, Limits, ReadError, Severity};
use gongkai_ooxml::Package;
use quick_xml::events::{BytesStart, Event};

use crate::merges::{Extent, Merge};

/// Positions along one axis (rows or columns) with the hidden ones taken
/// out: visible positions are numbered 0, 1, 2… and map back to the sheet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Axis {
    /// Hidden sheet positions, sorted, without repeats.
    hidden: Vec<u32>,
    /// `hidden[i] - i`: how many visible positions come before `hidden[i]`.
    before: Vec<u32>,
}

impl Axis {
    /// An axis hiding `hidden` (any order).
    pub(crate) fn new(mut hidden: Vec<u32>) -> Self {
        hidden.sort_unstable();
        hidden.dedup();
        let before = (0u32..)
            .zip(&hidden)
            .map(|(i, h)| h.saturating_sub(i))
            .collect();
        Axis { hidden, before }
    }

    /// True when nothing is hidden.
    pub(crate) fn is_empty(&self) -> bool {
        self.hidden.is_empty()
    }

    /// True when sheet position `x` is hidden.
    pub(crate) fn is_hidden(&self, x: u32) -> bool {
        self.hidden.binary_search(&x).is_ok()
    }

    /// The visible positions before sheet position `x`: `x`'s number when it
    /// is visible.
    pub(crate) fn visible_before(&self, x: u32) -> u32 {
        let n = self.hidden.partition_point(|&h| h < x);
        x.saturating_sub(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The sheet position of visible position `v`.
    pub(crate) fn sheet(&self, v: u32) -> u32 {
        let n = self.before.partition_point(|&b| b <= v);
        v.saturating_add(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// Sheet name → its part in the package (`xl/worksheets/sheet1.xml`), from
/// `xl/workbook.xml` and its relationships.
pub(crate) fn sheet_parts(
    data: &[u8],
    limits: &Limits,
) -> Result<HashMap<String, String>, ReadError> {
    let mut package = Package::open(data, "xlsx", limits)?;
    let workbook = package.read("xl/workbook.xml")?;
    let rels = package.read("xl/_rels/workbook.xml.rels")?;
    let mut targets: HashMap<String, String> = HashMap::new();
    each_element(&rels, |e| {
        if e.local_name().as_ref() == "Relationship" {
            if let (Some(id), Some(target)) = (attr(e, |k| k == "Id"), attr(e, |k| k == "Target")) {
                let part = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                };
                targets.insert(id, part);
            }
        }
        true
    })?;
    let mut parts = HashMap::new();
    each_element(&workbook, |e| {
        if e.local_name().as_ref() == "sheet" {
            // `r:id`, whatever the relationships namespace's prefix.
            let id = attr(e, |k| k.ends_with(":id"));
            if let (Some(name), Some(part)) =
                (attr(e, |k| k == "name"), id.and_then(|id| targets.get(&id)))
            {
                parts.insert(name, part.clone());
            }
        }
        true
    })?;
    Ok(parts)
}

/// The hidden rows and columns of the sheet in `part`, within `extent`
/// (the sheet's checked bounding box, so that what is kept is bounded).
pub(crate) fn hidden_in(
    data: &[u8],
    part: &str,
    extent: Extent,
    limits: &Limits,
) -> Result<(Axis, Axis), ReadError> {
    let xml = Package::open(data, "xlsx", limits)?.read(part)?;
    let ((r0, c0), (r1, c1)) = extent;
    let (mut rows, mut cols) = (Vec::new(), Vec::new());
    let mut next_row = 0u32;
    each_element(&xml, |e| {
        let hidden = attr(e, |k| k == "hidden").is_some_and(|v| v == "1" || v == "true");
        let number = |k: &str| attr(e, |n| n == k).and_then(|v| v.trim().parse::<u32>().ok());
        match e.local_name().as_ref() {
            "row" => {
                // `r` is 1-based and may be left out on consecutive rows.
                let r = number("r").map_or(next_row, |r| r.saturating_sub(1));
                next_row = r.saturating_add(1);
                if hidden && (r0..=r1).contains(&r) {
                    rows.push(r);
                }
            }
            "col" if hidden => {
                if let (Some(min), Some(max)) = (number("min"), number("max")) {
                    let (from, to) = (min.saturating_sub(1).max(c0), max.saturating_sub(1).min(c1));
                    if from <= to {
                        cols.push((from, to));
                    }
                }
            }
            // Nothing after the cells says what is hidden.
            "mergeCells" => return false,
            _ => {}
        }
        true
    })?;
    Ok((Axis::new(rows), Axis::new(positions(cols))))
}

/// A sheet's hidden rows and columns as inclusive ranges, as an ODS or XLS
/// workbook gives them (before the sheet's extent is known).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct HiddenRanges {
    /// Hidden rows, joined when adjacent.
    pub rows: Vec<(u32, u32)>,
    /// Hidden columns, the same way.
    pub cols: Vec<(u32, u32)>,
}

impl HiddenRanges {
    /// Hide rows `from..=to`.
    pub(crate) fn hide_rows(&mut self, from: u32, to: u32) {
        push_range(&mut self.rows, from, to);
    }

    /// Hide columns `from..=to`.
    pub(crate) fn hide_cols(&mut self, from: u32, to: u32) {
        push_range(&mut self.cols, from, to);
    }

    /// True when nothing is hidden.
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }
}

/// Add `from..=to` to `ranges`, joined with the last when it follows on: a
/// sheet of hidden rows one record each keeps one range.
fn push_range(ranges: &mut Vec<(u32, u32)>, from: u32, to: u32) {
    match ranges.last_mut() {
        Some(last) if from >= last.0 && from <= last.1.saturating_add(1) => {
            last.1 = last.1.max(to);
        }
        _ => ranges.push((from, to)),
    }
}

/// The hidden rows and columns of an ODS or XLS sheet, from its hidden
/// ranges, within `extent` (the sheet's checked bounding box, so that what
/// is kept is bounded).
pub(crate) fn hidden_within(hidden: &HiddenRanges, extent: Extent) -> (Axis, Axis) {
    let (rows, cols) = (&hidden.rows, &hidden.cols);
    let ((r0, c0), (r1, c1)) = extent;
    let clip = |ranges: &[(u32, u32)], lo: u32, hi: u32| {
        let within = ranges
            .iter()
            .map(|&(from, to)| (from.max(lo), to.min(hi)))
            .filter(|(from, to)| from <= to)
            .collect();
        Axis::new(positions(within))
    };
    (clip(rows, r0, r1), clip(cols, c0, c1))
}

/// The positions of `ranges`, each once: overlapping ranges are joined
/// first, so the list is at most as long as the sheet is wide.
fn positions(mut ranges: Vec<(u32, u32)>) -> Vec<u32> {
    ranges.sort_unstable();
    let mut joined: Vec<(u32, u32)> = Vec::new();
    for (from, to) in ranges {
        match joined.last_mut() {
            Some(last) if from <= last.1.saturating_add(1) => last.1 = last.1.max(to),
            _ => joined.push((from, to)),
        }
    }
    joined
        .into_iter()
        .flat_map(|(from, to)| from..=to)
        .collect()
}

/// Call `f` on every start or empty element of `xml` until it returns false.
fn each_element(xml: &[u8], mut f: impl FnMut(&BytesStart<'_>) -> bool) -> Result<(), ReadError> {
    let text = std::str::from_utf8(xml).map_err(|e| malformed(Flaw::PartNotUtf8(e.to_string())))?;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader
            .read_event()
            .map_err(|e| malformed(Flaw::parser(e)))?
        {
            Event::Start(e) | Event::Empty(e) if !f(&e) => return Ok(()),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn malformed(reason: Flaw) -> ReadError {
    ReadError::Malformed {
        format: "xlsx",
        reason,
    }
}

/// The value of the first attribute whose name `key` accepts.
fn attr(e: &BytesStart<'_>, key: impl Fn(&str) -> bool) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| key(a.key.as_ref()))
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A sheet with its hidden rows and columns taken out.
pub(crate) struct Visible {
    /// Cell texts by visible position.
    pub cells: BTreeMap<(u32, u32), String>,
    /// Merges over visible positions (those wholly hidden dropped).
    pub merges: Vec<Merge>,
}

/// Take the hidden rows and columns out of `cells` and `merges` (sheet
/// positions); a diagnostic names those that held text. A merge keeps the
/// visible part of its range, and its text when its top-left is hidden.
pub(crate) fn take_out(
    sheet: &str,
    cells: BTreeMap<(u32, u32), String>,
    merges: Vec<Merge>,
    rows: &Axis,
    cols: &Axis,
    diagnostics: &mut Vec<Diagnostic>,
) -> Visible {
    if rows.is_empty() && cols.is_empty() {
        return Visible { cells, merges };
    }
    let span = |axis: &Axis, first: u32, last: u32| {
        let from = axis.visible_before(first);
        let to = axis.visible_before(last.saturating_add(1));
        (to > from).then(|| (from, to - 1))
    };
    let mut moved: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    let mut kept = Vec::with_capacity(merges.len());
    for m in merges {
        if let (Some((r0, r1)), Some((c0, c1))) = (
            span(rows, m.first.0, m.last.0),
            span(cols, m.first.1, m.last.1),
        ) {
            moved.insert(m.first, (r0, c0));
            kept.push(Merge {
                first: (r0, c0),
                last: (r1, c1),
            });
        }
    }
    let (mut hidden_rows, mut hidden_cols) = (BTreeSet::new(), BTreeSet::new());
    let mut visible = BTreeMap::new();
    for ((r, c), text) in cells {
        let (row_hidden, col_hidden) = (rows.is_hidden(r), cols.is_hidden(c));
        if !row_hidden && !col_hidden {
            visible.insert((rows.visible_before(r), cols.visible_before(c)), text);
        } else if let Some(to) = moved.get(&(r, c)) {
            visible.insert(*to, text);
        } else {
            if row_hidden {
                hidden_rows.insert(r);
            }
            if col_hidden {
                hidden_cols.insert(c);
            }
        }
    }
    let say = |code: &'static str, what: &str, names: Vec<String>| {
        let shown = names
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if names.len() > 10 { ", …" } else { "" };
        let what = if names.len() == 1 {
            what.trim_end_matches('s')
        } else {
            what
        };
        Diagnostic::new(
            Severity::Warning,
            code,
            format!(
                "hidden {what} {shown}{more} of sheet {sheet} skipped: {} cells were not read",
                if names.len() == 1 { "its" } else { "their" }
            ),
        )
        .with_at(format!("sheet {sheet}"))
    };
    if !hidden_rows.is_empty() {
        let names = hidden_rows
            .iter()
            .map(|r| (u64::from(*r) + 1).to_string())
            .collect();
        diagnostics.push(say("sheet.hidden_rows", "rows", names));
    }
    if !hidden_cols.is_empty() {
        let names = hidden_cols
            .iter()
            .map(|c| column_letters(*c as usize))
            .collect();
        diagnostics.push(say("sheet.hidden_columns", "columns", names));
    }
    Visible {
        cells: visible,
        merges: kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_numbers_visible_positions() {
        let axis = Axis::new(vec![5, 2, 3, 2]);
        assert!(axis.is_hidden(3) && !axis.is_hidden(4));
        let visible: Vec<u32> = (0..8).filter(|x| !axis.is_hidden(*x)).collect();
        for (v, x) in (0u32..).zip(&visible) {
            assert_eq!(axis.visible_before(*x), v);
            assert_eq!(axis.sheet(v), *x);
        }
    }

    #[test]
    fn hidden_rows_and_columns_are_found_in_the_part() {
        let sheet = br#"<worksheet><cols><col min="2" max="3" hidden="1"/><col min="4" max="4"/></cols><sheetData>
<row r="1"><c r="A1"/></row><row r="3" hidden="1"/><row hidden="true"/><row r="9" hidden="1"/></sheetData>
<mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
        let data = gongkai_ooxml::testing::zip_of(&[("xl/worksheets/s.xml", sheet)]).unwrap();
        let (rows, cols) = hidden_in(
            &data,
            "xl/worksheets/s.xml",
            ((0, 0), (5, 9)),
            &Limits::default(),
        )
        .unwrap();
        // Row 9 lies outside the sheet's cells.
        assert_eq!(rows.hidden, vec![2, 3]);
        assert_eq!(cols.hidden, vec![1, 2]);
        assert_eq!(
            positions(vec![(3, 9), (0, 1), (2, 4), (8, 8)]),
            (0..=9).collect::<Vec<_>>()
        );
    }

    #[test]
    fn sheet_names_map_to_parts() {
        let wb = r#"<workbook xmlns:r="x"><sheets><sheet name="表三 &amp; 四" sheetId="1" r:id="rId7"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId7" Target="worksheets/sheet2.xml"/></Relationships>"#;
        let data = gongkai_ooxml::testing::zip_of(&[
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels),
        ])
        .unwrap();
        let parts = sheet_parts(&data, &Limits::default()).unwrap();
        assert_eq!(
            parts.get("表三 & 四").map(String::as_str),
            Some("xl/worksheets/sheet2.xml")
        );
    }

    #[test]
    fn taking_out_keeps_merges_and_says_what_was_skipped() {
        let cells: BTreeMap<(u32, u32), String> = [
            ((0, 0), "组"),
            ((1, 1), "99"),
            ((2, 1), "5"),
            ((2, 2), "88"),
        ]
        .into_iter()
        .map(|(p, t)| (p, t.to_string()))
        .collect();
        let merges = vec![Merge {
            first: (0, 0),
            last: (2, 0),
        }];
        let mut diagnostics = Vec::new();
        let v = take_out(
            "S",
            cells,
            merges,
            &Axis::new(vec![1]),
            &Axis::new(vec![2]),
            &mut diagnostics,
        );
        let texts: Vec<_> = v.cells.iter().map(|(p, t)| (*p, t.as_str())).collect();
        assert_eq!(texts, vec![((0, 0), "组"), ((1, 1), "5")]);
        assert_eq!(
            v.merges,
            vec![Merge {
                first: (0, 0),
                last: (1, 0)
            }]
        );
        let said: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            said,
            vec![
                "hidden row 2 of sheet S skipped: its cells were not read",
                "hidden column C of sheet S skipped: its cells were not read"
            ]
        );
    }
}
