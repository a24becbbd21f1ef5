//! Plain-text reader: text as extractors print reports, to the IR.
//!
//! Three table dialects are detected per table:
//! - Tika style: each cell on its own tab-prefixed line, a cell's own line
//!   breaks continue on the following untabbed lines, rows split by a blank line;
//! - tab-separated: one row a line, cells split by tabs;
//! - space-aligned: the columns `pdftotext -layout` prints, split by runs of
//!   two or more spaces and placed on column bands.
//!
//! Everything else is paragraphs, one a line. Extractor markers such as
//! `[bookmark: _GoBack]` are dropped. Before that, lone-CR line ends become
//! line breaks, byte-order marks inside the text are removed, and tabs
//! mixed into space-aligned columns are expanded (see `clean`); zero padding
//! at the end is cut and a NUL inside the text is refused (see `decode`).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod aligned;
mod clean;
mod decode;

use gongkai_ir::{
    Block, Cell, Diagnostic, Document, Origin, Paragraph, ReadError, ReadOptions, Reader,
    ReaderEntry, Row, Severity, Sniff, Table,
};

pub use decode::{decode, Decoded};

/// The plain-text reader.
pub struct TextReader;

inventory::submit! { ReaderEntry(&TextReader) }

impl Reader for TextReader {
    fn name(&self) -> &'static str {
        "text"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text", "tsv"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        if decode::looks_like_text(data) && !decode::looks_like_html(data) {
            Sniff::Maybe
        } else {
            Sniff::No
        }
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        let decoded = decode::decode(data)?;
        let limits = &options.limits;
        limits.check_text(decoded.text.chars().count())?;
        let how = if decoded.from_bom {
            "from its byte-order mark"
        } else {
            "detected from its bytes"
        };
        let mut notes = vec![Diagnostic::new(
            Severity::Info,
            "text.encoding",
            format!("text decoded as {} ({how})", decoded.encoding),
        )];
        if decoded.padding > 0 {
            notes.push(Diagnostic::new(
                Severity::Warning,
                "text.nul_padding",
                format!(
                    "{} NUL character(s) at the end of the file cut (zero padding, not text)",
                    decoded.padding
                ),
            ));
        }
        let before = decoded.text.len();
        let text = clean::clean(decoded.text, &mut notes);
        if text.len() > before {
            // Expanded tabs: longer than the text checked above.
            limits.check_text(text.chars().count())?;
        }
        let mut doc = parse(&text);
        doc.diagnostics.splice(0..0, notes);
        let cells: usize = doc
            .blocks
            .iter()
            .map(|b| match b {
                // One long row widens the whole grid the normalizer builds.
                Block::Table(t) => t.grid_area(),
                Block::Paragraph(_) => 0,
            })
            .max()
            .unwrap_or(0);
        limits.check_cells(cells)?;
        Ok(doc)
    }
}

/// One input line: its 1-based number and its text without markers.
#[derive(Debug, Clone)]
struct Line<'a> {
    number: u32,
    text: std::borrow::Cow<'a, str>,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// A Tika cell line: one leading tab and no other tab.
    fn is_tika_cell(&self) -> bool {
        self.text.starts_with('\t') && self.text.matches('\t').count() == 1
    }

    fn has_tab(&self) -> bool {
        self.text.contains('\t')
    }
}

/// Parse decoded text into the IR.
pub fn parse(text: &str) -> Document {
    // One search of the whole text: most have no marker at all.
    let has_markers = text.contains(MARKER);
    let lines: Vec<Line<'_>> = split_lines(text)
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim_end_matches(['\r', '\u{feff}']);
            Line {
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                text: if has_markers {
                    strip_markers(l)
                } else {
                    std::borrow::Cow::Borrowed(l)
                },
            }
        })
        .collect();
    let texts = lines_text(&lines);
    let mut gaps = aligned::Gaps::new(&texts);
    let mut doc = Document::default();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        // Timed out or over the memory budget: stop here; the pipeline's
        // own last checkpoint then says why (gongkai_ir::watch).
        if gongkai_ir::checkpoint().is_err() {
            break;
        }
        if line.is_tika_cell() {
            let (table, next) = tika_table(&lines, i);
            doc.blocks.push(Block::Table(table));
            i = next;
        } else if line.has_tab() {
            let (table, next) = tab_table(&lines, i);
            doc.blocks.push(Block::Table(table));
            i = next;
        } else if let Some((table, next)) = aligned::table_at(&mut gaps, i) {
            doc.blocks
                .push(Block::Table(with_line_origins(table, &lines)));
            i = next;
        } else {
            let trimmed = line.text.trim();
            if !trimmed.is_empty() {
                doc.blocks.push(Block::Paragraph(Paragraph::new(
                    trimmed,
                    Origin::Line(line.number),
                )));
            }
            i += 1;
        }
    }
    doc
}

/// The text's lines, as `str::lines` gives them (a final line break adds no
/// empty line), found with a vectorised search: most lines of a report are
/// short (one table cell each), and the standard search is a byte loop.
/// A `\r` before the break stays; the caller trims it.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let end = breaks.next().unwrap_or(text.len());
        if start >= text.len() {
            return None;
        }
        // Both ends sit at a `\n` or the text's ends: character boundaries.
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        Some(line)
    })
}

fn lines_text<'a>(lines: &'a [Line<'a>]) -> Vec<&'a str> {
    lines.iter().map(|l| l.text.as_ref()).collect()
}

/// The aligned parser numbers rows by index; map them to line numbers.
fn with_line_origins(mut table: Table, lines: &[Line<'_>]) -> Table {
    let number = |o: &Origin| match o {
        Origin::Line(idx) => lines
            .get(*idx as usize)
            .map(|l| Origin::Line(l.number))
            .unwrap_or(Origin::Unknown),
        other => other.clone(),
    };
    table.at = number(&table.at);
    for row in &mut table.rows {
        row.at = number(&row.at);
        for cell in &mut row.cells {
            cell.at = number(&cell.at);
        }
    }
    table
}

/// An extractor's marker (`[bookmark: _GoBack]`), not report text.
const MARKER: &str = "[bookmark:";

/// Remove extractor markers.
fn strip_markers(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(MARKER) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(MARKER) {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start..).unwrap_or_default();
        match after.find(']') {
            Some(end) => rest = after.get(end + 1..).unwrap_or_default(),
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A Tika-style table starting at `start`; returns it and the next line index.
fn tika_table(lines: &[Line<'_>], start: usize) -> (Table, usize) {
    let mut rows: Vec<Row> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut row_line = None;
    let mut i = start;
    // True while the previous line was a cell or its continuation.
    let mut in_cell = false;
    while let Some(line) = lines.get(i) {
        if line.is_blank() {
            if !cells.is_empty() {
                let at = row_line.map(Origin::Line).unwrap_or_default();
                // The next row is likely as wide: no regrowth cell by cell.
                let next = Vec::with_capacity(cells.len());
                rows.push(Row::sequential(std::mem::replace(&mut cells, next), at));
            }
            in_cell = false;
            // The table goes on only if the next non-blank line is a cell.
            let next = lines.iter().skip(i).position(|l| !l.is_blank());
            match next.and_then(|n| lines.get(i + n)) {
                Some(l) if l.text.starts_with('\t') => {}
                _ => {
                    i += next.unwrap_or(lines.len());
                    break;
                }
            }
            i += 1;
        } else if line.text.starts_with('\t') {
            if cells.is_empty() {
                row_line = Some(line.number);
            }
            let text = line.text.get(1..).unwrap_or_default();
            cells.push(Cell::new(0, text, Origin::Line(line.number)));
            in_cell = true;
            i += 1;
        } else if in_cell {
            // A cell's own line break: the text goes on without a tab.
            if let Some(cell) = cells.last_mut() {
                cell.text.push('\n');
                cell.text.push_str(&line.text);
            }
            i += 1;
        } else {
            break;
        }
    }
    if !cells.is_empty() {
        let at = row_line.map(Origin::Line).unwrap_or_default();
        rows.push(Row::sequential(cells, at));
    }
    let at = lines
        .get(start)
        .map(|l| Origin::Line(l.number))
        .unwrap_or_default();
    (Table { rows, at }, i.max(start + 1))
}

/// A tab-separated table starting at `start`: every following line with a tab.
fn tab_table(lines: &[Line<'_>], start: usize) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    while let Some(line) = lines.get(i) {
        if !line.has_tab() {
            break;
        }
        let at = Origin::Line(line.number);
        let cells = line
            .text
            .split('\t')
            .map(|t| Cell::new(0, t.trim(), at.clone()))
            .collect::<Vec<_>>();
        rows.push(Row::sequential(cells, at));
        i += 1;
    }
    let at = lines
        .get(start)
        .map(|l| Origin::Line(l.number))
        .unwrap_or_default();
    (Table { rows, at }, i.max(start + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "\n",
            "\n\n",
            "a\n\nb",
            "a\r\nb\r\n",
            "一\n二\r\n\t三",
            "x\r",
        ] {
            let mine: Vec<&str> = split_lines(text)
                .map(|l| l.trim_end_matches('\r'))
                .collect();
            let std: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
            assert_eq!(mine, std, "{text:?}");
        }
    }

    fn table(doc: &Document, n: usize) -> &Table {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .nth(n)
            .unwrap()
    }

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn tika_rows_cells_and_continuations() {
        let doc = parse("标题\n\t信息内容\n\t本年\n制发件数\n\n\t规章\n\t0\n\n\n五、问题\n");
        let t = table(&doc, 0);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[0]), vec!["信息内容", "本年\n制发件数"]);
        assert_eq!(texts(&t.rows[1]), vec!["规章", "0"]);
        assert_eq!(t.rows[1].cells[1].col, 1);
        assert_eq!(t.rows[1].cells[1].at, Origin::Line(7));
        let paras: Vec<_> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(paras, vec!["标题", "五、问题"]);
    }

    #[test]
    fn tika_empty_cells_are_kept() {
        let doc = parse("\t\n\t\n\t（七）总计\n\t0\n");
        assert_eq!(
            texts(&table(&doc, 0).rows[0]),
            vec!["", "", "（七）总计", "0"]
        );
    }

    #[test]
    fn tab_separated_rows() {
        let doc = parse("二、主动\n第二十条第（一）项\t\t\t\n规章\t0\t0\t0\n说明\n");
        let t = table(&doc, 0);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[1]), vec!["规章", "0", "0", "0"]);
        assert_eq!(texts(&t.rows[0]).len(), 4);
    }

    #[test]
    fn markers_dropped() {
        let doc = parse("[bookmark: _GoBack]四、政府信息公开行政复议、行政诉讼情况\n");
        match &doc.blocks[0] {
            Block::Paragraph(p) => assert_eq!(p.text, "四、政府信息公开行政复议、行政诉讼情况"),
            _ => panic!("not a paragraph"),
        }
    }

    #[test]
    fn encoding_is_reported() {
        let doc = TextReader
            .read("年度报告\n".as_bytes(), &ReadOptions::default())
            .unwrap();
        assert_eq!(doc.diagnostics[0].code, "text.encoding");
        assert!(doc.diagnostics[0].message.contains("UTF-8"));
    }
}
