//! Tables without rules on a page image, the raster counterpart of the PDF
//! reader's text grid: lines of text whose ink falls into runs apart from
//! each other, line after line, with numbers among them, are a table. Its
//! columns are the runs of its rows of numbers; each run is read as a cell.
//! Prose whose words stand apart has runs too, but no row of numbers.

use crate::cell::{cell_text, is_number, CellReading};
use crate::crop::MIN_INK;
use crate::decode::Page;
use crate::lattice::Region;
use crate::page::{low_confidence, Engines, Scale, LOW_CONFIDENCE};
use crate::raster::{self, Ink};
use gongkai_ir::{Cell, Diagnostic, ReadError, Row, Table};

/// Fewest lines of two runs or more that make a table.
const MIN_ROWS: usize = 3;
/// Most lines of one run (a wrapped label, a caption) between two rows.
const MAX_SINGLE: usize = 3;
/// A line of text is 5 to 30 points high; taller bands are pictures or
/// lines run together, and end a table.
const LINE_POINTS: (f32, f32) = (5.0, 30.0);
/// Runs of a line this many points apart are in different cells: wider
/// than the blank a Chinese comma leaves in body text (~6 points), narrower
/// than the space between columns of counts.
const GAP_POINTS: f32 = 9.0;
/// Most columns: more runs are scattered text, not a table.
const MAX_COLUMNS: usize = 32;
/// White around a run read as a cell, in points.
const PAD_POINTS: f32 = 2.0;

/// A table found without rules, and the band of the page it covers.
pub struct Found {
    /// Its top, in pixels.
    pub top: f32,
    /// Its bottom, in pixels.
    pub bottom: f32,
    /// The table.
    pub table: Table,
}

/// One line: its rows of pixels, its runs of ink, their readings.
struct Line {
    top: usize,
    bottom: usize,
    runs: Vec<(usize, usize)>,
    read: Vec<Option<CellReading>>,
}

impl Line {
    /// Whether the line is a row of counts: two runs or more, at least half
    /// of them numbers alone.
    fn is_number_row(&self) -> bool {
        let numbers = self
            .read
            .iter()
            .filter(|r| r.as_ref().is_some_and(|r| is_number(&r.text)))
            .count();
        self.runs.len() >= 2 && numbers >= 1 && 2 * numbers >= self.runs.len()
    }
}

/// The tables without rules in the band `top..bottom` of a page that has
/// no ruled table.
pub fn tables(
    number: u32,
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    (top, bottom): (usize, usize),
    engines: &mut Engines,
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<Found>, ReadError> {
    let mut lines = lines(ink, scale, top, bottom.min(page.height));
    // Only lines of several runs are read here; the rest are paragraphs
    // unless they sit inside a table.
    for line in &mut lines {
        gongkai_ir::checkpoint()?;
        if line.runs.len() >= 2 && line.runs.len() <= MAX_COLUMNS {
            line.read = read_runs(page, ink, scale, line, engines);
        }
    }
    let mut found = Vec::new();
    for (first, last) in blocks(&lines) {
        let Some(block) = lines.get_mut(first..=last) else {
            continue;
        };
        let columns = number_columns(block);
        for line in block.iter_mut() {
            gongkai_ir::checkpoint()?;
            if line.is_number_row() {
                continue;
            }
            let runs = split_at_columns(ink, line, &columns);
            if runs != line.runs || line.read.is_empty() {
                line.runs = runs;
                line.read = read_runs(page, ink, scale, line, engines);
            }
        }
        if let Some(table) = build(number, block, &columns, scale, notes) {
            found.push(table);
        }
    }
    Ok(found)
}

/// The bands of rows with ink between blank rows, each split into runs.
fn lines(ink: &Ink, scale: &Scale, top: usize, bottom: usize) -> Vec<Line> {
    let dpi = scale.dpi as f32;
    let (low, high) = (
        (dpi * LINE_POINTS.0 / 72.0) as usize,
        (dpi * LINE_POINTS.1 / 72.0) as usize,
    );
    let inked = |x: usize, y: usize| ink.is_dark(x, y) && !ink.is_speck(x, y);
    let rows: Vec<usize> = (top..bottom)
        .map(|y| (0..ink.width).filter(|&x| inked(x, y)).count())
        .collect();
    let mut out = Vec::new();
    for (s, i) in raster::bands(&rows, 2) {
        let (t, b) = (top + s, top + i);
        let height = b - t;
        if height < low {
            continue;
        }
        // A band too tall for a line is kept without runs: it ends a table.
        let runs = if height > high {
            Vec::new()
        } else {
            runs(ink, t, b, (dpi * GAP_POINTS / 72.0) as usize)
        };
        out.push(Line {
            top: t,
            bottom: b,
            runs,
            read: Vec::new(),
        });
    }
    out
}

/// The runs of ink across rows `top..bottom`, split at gaps of `gap` pixels or more.
fn runs(ink: &Ink, top: usize, bottom: usize, gap: usize) -> Vec<(usize, usize)> {
    let columns: Vec<usize> = (0..ink.width)
        .map(|x| {
            (top..bottom)
                .filter(|&y| ink.is_dark(x, y) && !ink.is_speck(x, y))
                .count()
        })
        .collect();
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (x, &n) in columns.iter().enumerate() {
        if n == 0 {
            continue;
        }
        match out.last_mut() {
            Some(last) if x - last.1 <= gap.max(1) => {
                last.1 = x + 1;
                last.2 += n;
            }
            _ => out.push((x, x + 1, n)),
        }
    }
    out.into_iter()
        .filter(|&(_, _, n)| n >= MIN_INK)
        .map(|(a, b, _)| (a, b))
        .collect()
}

fn read_runs(
    page: &Page,
    ink: &Ink,
    scale: &Scale,
    line: &Line,
    engines: &mut Engines,
) -> Vec<Option<CellReading>> {
    let pad = scale.dpi as f32 * PAD_POINTS / 72.0;
    let height = (line.bottom - line.top) as f32;
    line.runs
        .iter()
        .map(|&(a, b)| {
            let bounds = (
                (a as f32 - pad).max(0.0),
                (line.top as f32 - pad).max(0.0),
                b as f32 + pad,
                line.bottom as f32 + pad,
            );
            // A run a few glyphs wide is read as digits first.
            let narrow = (b - a) as f32 <= 3.0 * height;
            cell_text(page, ink, scale, bounds, engines, narrow)
        })
        .collect()
}

/// The lines `(first, last)` of each table: lines of two runs or more
/// with at most [`MAX_SINGLE`] other lines between them, from the lines of
/// runs right above its first row of numbers (its header) to its last row
/// of numbers, at least [`MIN_ROWS`] lines of runs in all.
fn blocks(lines: &[Line]) -> Vec<(usize, usize)> {
    let several = |l: &Line| l.runs.len() >= 2 && l.runs.len() <= MAX_COLUMNS;
    let mut spans = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let ends = line.runs.is_empty()
            || (!several(line) && current.is_some_and(|(_, last)| i - last > MAX_SINGLE));
        if ends {
            spans.extend(current.take());
        }
        if several(line) {
            current = Some(current.map_or((i, i), |(first, _)| (first, i)));
        }
    }
    spans.extend(current);
    spans
        .into_iter()
        .filter_map(|(first, last)| {
            let block = lines.get(first..=last)?;
            let first_numbers = first + block.iter().position(Line::is_number_row)?;
            let last_numbers = first + block.iter().rposition(Line::is_number_row)?;
            let header = lines
                .get(first..first_numbers)?
                .iter()
                .rev()
                .take_while(|l| several(l))
                .count();
            let (first, last) = (first_numbers - header, last_numbers);
            let rows = lines
                .get(first..=last)?
                .iter()
                .filter(|l| several(l))
                .count();
            (rows >= MIN_ROWS).then_some((first, last))
        })
        .collect()
}

/// The bands of a block's numbers, left to right: the runs of numbers that
/// end its rows of numbers, merged where they overlap.
fn number_columns(block: &[Line]) -> Vec<(usize, usize)> {
    let mut numbers: Vec<(usize, usize)> = block
        .iter()
        .filter(|l| l.is_number_row())
        .flat_map(|l| {
            // A row's numbers follow its label: only its last runs that are
            // numbers count (a narrow label 二、 may read as a 2).
            let trailing = l
                .read
                .iter()
                .rev()
                .take_while(|r| r.as_ref().is_some_and(|r| is_number(&r.text)))
                .count();
            l.runs
                .iter()
                .rev()
                .take(trailing)
                .copied()
                .collect::<Vec<_>>()
        })
        .collect();
    numbers.sort_unstable();
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for (a, b) in numbers {
        match columns.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => columns.push((a, b)),
        }
    }
    columns
}

/// `line`'s runs cut where they cross from one band of numbers to the
/// next, at the blank column nearest the middle of the gap between them:
/// a header's words wrapped over two lines run together, one per column.
fn split_at_columns(ink: &Ink, line: &Line, columns: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let blank =
        |x: usize| !(line.top..line.bottom).any(|y| ink.is_dark(x, y) && !ink.is_speck(x, y));
    let mut out = Vec::new();
    for &(a, b) in &line.runs {
        let mut start = a;
        for pair in columns.windows(2) {
            let [(_, left_end), (right_start, _)] = pair else {
                continue;
            };
            let mid = (left_end + right_start) / 2;
            if mid <= start || mid >= b {
                continue;
            }
            let cut = (*left_end..*right_start)
                .filter(|&x| x > start && blank(x))
                .min_by_key(|&x| x.abs_diff(mid));
            if let Some(cut) = cut {
                out.push((start, cut));
                start = cut + 1;
            }
        }
        out.push((start, b));
    }
    // Each piece trimmed to its ink; pieces without ink dropped.
    out.into_iter()
        .filter_map(|(a, b)| {
            let left = (a..b).find(|&x| !blank(x))?;
            let right = (a..b).rev().find(|&x| !blank(x))?;
            Some((left, right + 1))
        })
        .collect()
}

/// A table of `block`'s lines: its first column is what lies left of
/// every number (the labels), the others `columns`, the bands of numbers.
fn build(
    number: u32,
    block: &[Line],
    columns: &[(usize, usize)],
    scale: &Scale,
    notes: &mut Vec<Diagnostic>,
) -> Option<Found> {
    let first_number = columns.first()?.0;
    // Column 0 is the labels' (what ends left of every number); column i
    // the i-th band of numbers.
    let column_of = |(a, b): (usize, usize)| -> (usize, usize) {
        if b <= first_number {
            return (0, 1);
        }
        let overlapped: Vec<usize> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| a < c.1 && c.0 < b)
            .map(|(i, _)| i + 1)
            .collect();
        match (overlapped.first(), overlapped.last()) {
            (Some(&f), Some(&l)) => (f, l + 1),
            _ => {
                let centre = (a + b) / 2;
                let nearest = columns
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, c)| ((c.0 + c.1) / 2).abs_diff(centre))
                    .map_or(0, |(i, _)| i + 1);
                (nearest, nearest + 1)
            }
        }
    };
    let left = block
        .iter()
        .filter_map(|l| l.runs.first())
        .map(|r| r.0)
        .min()
        .unwrap_or(0) as f32;
    let origin = |x: f32, y: f32| scale.origin(number, x, y);
    let mut rows = Vec::new();
    for (r, line) in block.iter().enumerate() {
        let mut cells: Vec<Cell> = Vec::new();
        for (&run, read) in line.runs.iter().zip(&line.read) {
            let Some(read) = read else { continue };
            let (c0, c1) = column_of(run);
            let at = origin(run.0 as f32, line.top as f32);
            if read.confidence < LOW_CONFIDENCE {
                let region = Region {
                    r0: r,
                    r1: r + 1,
                    c0,
                    c1,
                };
                notes.push(low_confidence(
                    number,
                    &region,
                    &read.text,
                    read.confidence,
                    at.clone(),
                ));
            }
            match cells.last_mut() {
                // Two runs in one column are one cell's words.
                Some(last) if last.col == c0 => {
                    last.text.push_str(&read.text);
                    let confidence = i32::from(last.confidence.unwrap_or(100)).min(read.confidence);
                    last.confidence = Some(confidence.clamp(0, 100) as u8);
                }
                _ => {
                    let mut cell = Cell::new(c0, read.text.clone(), at).with_span(1, c1 - c0);
                    cell.confidence = Some(read.confidence.clamp(0, 100) as u8);
                    cells.push(cell);
                }
            }
        }
        rows.push(Row {
            cells,
            at: origin(left, line.top as f32),
        });
    }
    let (top, bottom) = (block.first()?.top, block.last()?.bottom);
    Some(Found {
        top: top as f32,
        bottom: bottom as f32,
        table: Table {
            rows,
            at: origin(left, top as f32),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(runs: usize, numbers: usize) -> Line {
        Line {
            top: 0,
            bottom: 10,
            runs: (0..runs).map(|i| (i * 100, i * 100 + 20)).collect(),
            read: (0..runs)
                .map(|i| {
                    Some(CellReading {
                        text: if i < numbers {
                            "12".into()
                        } else {
                            "信息".into()
                        },
                        confidence: 95,
                        sure_number: i < numbers,
                    })
                })
                .collect(),
        }
    }

    #[test]
    fn lines_of_runs_with_numbers_are_a_table_and_prose_is_not() {
        // Header, two rows of counts, a wrapped label, a row of counts.
        let table = vec![
            line(1, 0),
            line(3, 0),
            line(3, 2),
            line(3, 2),
            line(1, 0),
            line(3, 2),
        ];
        assert_eq!(blocks(&table), vec![(1, 5)]);
        // Words apart line after line, but no numbers.
        let prose = vec![line(3, 0), line(3, 0), line(3, 0), line(3, 0)];
        assert!(blocks(&prose).is_empty());
        // Too few lines of runs.
        let short = vec![line(3, 2), line(1, 0), line(3, 2)];
        assert!(blocks(&short).is_empty());
    }

    #[test]
    fn runs_split_at_wide_gaps() {
        let (width, height) = (200, 10);
        let mut dark = vec![false; width * height];
        for y in 2..8 {
            for x in (10..30).chain(34..50).chain(120..140) {
                dark[y * width + x] = true;
            }
        }
        let ink = Ink {
            width,
            height,
            dark,
        };
        assert_eq!(runs(&ink, 0, height, 15), vec![(10, 50), (120, 140)]);
    }
}
