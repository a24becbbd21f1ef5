//! Space-aligned tables, as `pdftotext -layout` prints them: cells are split
//! by runs of two or more spaces, and placed on column bands found from the
//! rows with the most cells. A blank cell prints nothing, so a row may have
//! fewer cells than bands; the band positions keep every value in its column.

use gongkai_ir::{Cell, Origin, Row, Table};

/// Most blank lines between two rows of a table.
const MAX_BLANK_LINES: usize = 3;

/// Most label lines wrapped between two rows of a table.
const MAX_WRAPPED_LINES: usize = 3;

/// A cell of a line: its text and its display columns `[start, end)`.
#[derive(Debug, Clone)]
struct Piece<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// Display width (unicode-width, East Asian Wide and Fullwidth take two
/// columns); a control character counts one, as a terminal would show it.
pub(crate) fn width(c: char) -> usize {
    if c.is_ascii() {
        return 1;
    }
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)
}

/// Split a line into pieces at runs of 2+ spaces (a full-width space counts 2).
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut col = 0;
    let mut start: Option<(usize, usize)> = None; // (byte, column)
    let mut spaces = 0;
    let mut last_end = (0usize, 0usize); // (byte, column) after the last non-space
    for (byte, c) in line.char_indices() {
        let w = width(c);
        if c == ' ' || c == '\u{3000}' {
            spaces += w;
            if spaces >= 2 {
                if let Some((b, s)) = start.take() {
                    if let Some(text) = line.get(b..last_end.0) {
                        out.push(Piece {
                            text,
                            start: s,
                            end: last_end.1,
                        });
                    }
                }
            }
        } else {
            if start.is_none() {
                start = Some((byte, col));
            }
            spaces = 0;
            last_end = (byte + c.len_utf8(), col + w);
        }
        col += w;
    }
    if let Some((b, s)) = start {
        if let Some(text) = line.get(b..last_end.0) {
            out.push(Piece {
                text,
                start: s,
                end: last_end.1,
            });
        }
    }
    out
}

/// Each line's number of cells (capped at 3), worked out once per line:
/// the table search asks about the same lines again and again.
pub struct Gaps<'l, 'a> {
    lines: &'l [&'a str],
    /// `UNKNOWN` until asked.
    counts: Vec<u8>,
}

const UNKNOWN: u8 = u8::MAX;

impl<'l, 'a> Gaps<'l, 'a> {
    /// Nothing worked out yet.
    pub fn new(lines: &'l [&'a str]) -> Self {
        Gaps {
            lines,
            counts: vec![UNKNOWN; lines.len()],
        }
    }

    /// How many cells line `j` splits into, at most 3; 0 past the end.
    fn cells(&mut self, j: usize) -> u8 {
        let Some(line) = self.lines.get(j) else {
            return 0;
        };
        match self.counts.get(j) {
            Some(&c) if c != UNKNOWN => c,
            _ => {
                // Only a line with a run of spaces inside it can hold two
                // cells; most prose has none. Prose indented with full-width
                // spaces has them only at its start, so look inside the
                // trimmed line (a `char` search for U+3000 would stop at
                // every 0x80 byte of Chinese text).
                let inside = line.trim();
                let c = if inside.contains("  ") || inside.contains("\u{3000}") {
                    pieces(line).len().min(3) as u8
                } else {
                    0
                };
                if let Some(slot) = self.counts.get_mut(j) {
                    *slot = c;
                }
                c
            }
        }
    }

    /// True when line `j` holds two cells or more.
    fn gapped(&mut self, j: usize) -> bool {
        self.cells(j) >= 2
    }
}

/// The space-aligned table starting at line `i`, if one does: at least two
/// lines of two or more cells. Returns the table (origins are line indexes)
/// and the index after it.
pub fn table_at(gaps: &mut Gaps<'_, '_>, i: usize) -> Option<(Table, usize)> {
    if !gaps.gapped(i) {
        return None;
    }
    let lines = gaps.lines;
    let blank = |j: usize| lines.get(j).is_some_and(|l| l.trim().is_empty());
    let mut rows_lines = Vec::new();
    let mut j = i;
    while j < lines.len() {
        if gaps.gapped(j) {
            rows_lines.push(j);
            j += 1;
        } else if blank(j) {
            // Rows may be spaced by a few blank lines.
            let run = (j..j + MAX_BLANK_LINES + 1)
                .take_while(|&k| k < lines.len() && blank(k))
                .count();
            if run <= MAX_BLANK_LINES && gaps.gapped(j + run) {
                j += run;
            } else {
                break;
            }
        } else if !blank(j) && j > 0 && rows_lines.last() == Some(&(j - 1)) {
            // Up to three wrapped label lines between table rows.
            let run = (j..j + MAX_WRAPPED_LINES + 1)
                .take_while(|&k| k < lines.len() && !gaps.gapped(k) && !blank(k))
                .count();
            if run <= MAX_WRAPPED_LINES && gaps.gapped(j + run) {
                rows_lines.extend(j..j + run);
                j += run;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let gapped_rows = rows_lines.iter().filter(|&&r| gaps.gapped(r)).count();
    let wide = gaps.cells(i) >= 3;
    if gapped_rows < 2 && !wide {
        return None;
    }
    let parsed: Vec<(usize, Vec<Piece<'_>>)> = rows_lines
        .iter()
        .filter_map(|&r| lines.get(r).map(|l| (r, pieces(l))))
        .collect();
    let bands = bands(&parsed);
    // Bands are trusted only when no row needs more of them than the fullest
    // row has cells and no two cells of a row share one; otherwise the columns drift from row to row and cells
    // are laid out in order (a blank cell then shows as a short row).
    let most = parsed.iter().map(|(_, p)| p.len()).max().unwrap_or(0);
    let no_collisions = parsed.iter().all(|(_, ps)| {
        let mut cols: Vec<usize> = ps.iter().map(|p| place(&bands, p).0).collect();
        let n = cols.len();
        cols.dedup();
        cols.len() == n
    });
    let aligned = bands.len() <= most && no_collisions;
    let rows = parsed
        .iter()
        .map(|(r, ps)| {
            let at = Origin::Line(u32::try_from(*r).unwrap_or(u32::MAX));
            if !aligned {
                let cells = ps.iter().map(|p| Cell::new(0, p.text, at.clone()));
                return Row::sequential(cells.collect::<Vec<_>>(), at);
            }
            let cells = ps
                .iter()
                .map(|p| {
                    let (col, span) = place(&bands, p);
                    Cell::new(col, p.text, at.clone()).with_span(1, span)
                })
                .collect();
            Row { cells, at }
        })
        .collect();
    let at = Origin::Line(u32::try_from(i).unwrap_or(u32::MAX));
    Some((Table { rows, at }, j))
}

/// Column bands: the runs of display columns occupied in the rows with the
/// most cells, separated by white-space "rivers" that no such row crosses.
/// Rows with few cells (spanning headers, wrapped labels) would bridge them.
fn bands(rows: &[(usize, Vec<Piece<'_>>)]) -> Vec<(usize, usize)> {
    let most = rows.iter().map(|(_, p)| p.len()).max().unwrap_or(0);
    let full: Vec<&Vec<Piece<'_>>> = rows
        .iter()
        .map(|(_, p)| p)
        .filter(|p| p.len() * 10 >= most * 6)
        .collect();
    let width = full
        .iter()
        .flat_map(|p| p.iter().map(|x| x.end))
        .max()
        .unwrap_or(0)
        .min(4096);
    let mut occupied = vec![false; width];
    for piece in full.iter().flat_map(|p| p.iter()) {
        for slot in occupied.iter_mut().take(piece.end).skip(piece.start) {
            *slot = true;
        }
    }
    let mut bands = Vec::new();
    let mut start = None;
    for (x, occ) in occupied.iter().chain(std::iter::once(&false)).enumerate() {
        match (occ, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                bands.push((s, x));
                start = None;
            }
            _ => {}
        }
    }
    bands
}

/// The first band a piece overlaps and how many it covers; the nearest band
/// when it overlaps none.
fn place(bands: &[(usize, usize)], p: &Piece<'_>) -> (usize, usize) {
    let overlapping: Vec<usize> = bands
        .iter()
        .enumerate()
        .filter(|(_, (s, e))| p.start < *e && *s < p.end)
        .map(|(k, _)| k)
        .collect();
    match (overlapping.first(), overlapping.last()) {
        (Some(first), Some(last)) => (*first, last - first + 1),
        _ => {
            let nearest = bands
                .iter()
                .enumerate()
                .min_by_key(|(_, (s, e))| {
                    let centre = (s + e) / 2;
                    centre.abs_diff((p.start + p.end) / 2)
                })
                .map(|(k, _)| k)
                .unwrap_or(0);
            (nearest, 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_two_spaces_and_keeps_blank_columns() {
        let lines = [
            "  信息内容       本年制发件数   本年废止件数   现行有效件数",
            "  规章                 1              2              3",
            "  行政规范性文件       3                             8",
        ];
        let (t, next) = table_at(&mut Gaps::new(&lines), 0).unwrap();
        assert_eq!(next, 3);
        let row2: Vec<(usize, &str)> = t.rows[2]
            .cells
            .iter()
            .map(|c| (c.col, c.text.as_str()))
            .collect();
        assert_eq!(row2, vec![(0, "行政规范性文件"), (1, "3"), (3, "8")]);
    }

    #[test]
    fn single_spaces_stay_inside_a_cell() {
        let p = pieces("结果 维持  结果 纠正");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "结果 维持");
    }

    #[test]
    fn prose_is_not_a_table() {
        assert!(table_at(&mut Gaps::new(&["这是一段正文，没有对齐的列。"]), 0).is_none());
    }
}
