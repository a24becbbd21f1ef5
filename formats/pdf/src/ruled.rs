//! Ruled tables of a page as IR tables: each glyph goes to the grid cell
//! that holds its middle, each cell's glyphs become its text.

use gongkai_ir::{Cell, Diagnostic, Limit, Limits, Origin, ReadError, Row, SourceLine, Table};

use crate::backend::{Glyph, Page};
use crate::doubts::{is_digit_run, Doubt, Pending};
use crate::geometry::{
    CELL_FULL, CELL_PITCH, GLYPH_MIDDLE, LATIN_SPACE, MIN_SIZE, NEAR_TABLE, ON_RULE, SAME_BASELINE,
};
use crate::lattice::{self, CellBox, Grid};
use crate::lines::{join, lines, Line};

/// A table placed on its page: its top edge, its column boundaries (left to
/// right) and the table.
pub type Placed = (f32, Vec<f32>, Table);

/// The ruled tables of `page`, top to bottom, and the glyphs outside them.
/// Only a grid with glyphs inside and two cells or more is a table (not a
/// frame or a box); the glyphs of the others are left outside. Doubts about
/// cells go to `diagnostics` and, to be numbered in the whole table once
/// page breaks are joined, to `pending`.
pub fn tables<'p>(
    page: &'p Page,
    limits: &Limits,
    diagnostics: &mut Vec<Diagnostic>,
    pending: &mut Vec<Pending>,
) -> Result<(Vec<Placed>, Vec<&'p Glyph>), ReadError> {
    let by_middle = ByMiddle::new(&page.glyphs);
    let apart = |a: CellBox, b: CellBox| holds_apart(&by_middle, a, b);
    let grids = lattice::grids_with(&page.segments, limits.max_cells, &apart).map_err(|e| {
        limits.exceeded(
            Limit::Cells,
            gongkai_ir::Oversize::TableOnPage {
                cells: e.count() as u64,
                page: page.number,
            },
        )
    })?;
    let mut per_region: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.regions.len()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        let cx = g.x + g.width / 2.0;
        let cy = g.y - g.size * GLYPH_MIDDLE;
        let hit = grids
            .iter()
            .enumerate()
            .find_map(|(i, grid)| grid.region_at(cx, cy).map(|r| (i, r)));
        match hit {
            Some((i, r)) => {
                if let Some(slot) = per_region.get_mut(i).and_then(|v| v.get_mut(r)) {
                    slot.push(g);
                }
            }
            None => free.push(g),
        }
    }
    let mut tables = Vec::new();
    for (grid, glyphs) in grids.into_iter().zip(per_region) {
        let nonempty = glyphs.iter().filter(|v| !v.is_empty()).count();
        if nonempty == 0 || grid.regions.len() < 2 {
            free.extend(glyphs.into_iter().flatten());
            continue;
        }
        let mut doubts = Doubts {
            diagnostics: &mut *diagnostics,
            pending: &mut *pending,
        };
        let table = to_table(&grid, &glyphs, page.number, &mut doubts);
        doubt_outside(&grid, &free, page.number, &mut doubts);
        tables.push((grid.bbox().1, grid.xs.clone(), table));
    }
    Ok((tables, free))
}

/// A page's glyphs by the height of their middle (the point that places a
/// glyph in a cell), to find a cell's glyphs without looking at them all.
struct ByMiddle<'g> {
    glyphs: Vec<(f32, f32, &'g Glyph)>,
}

impl<'g> ByMiddle<'g> {
    fn new(glyphs: &'g [Glyph]) -> Self {
        let mut glyphs: Vec<(f32, f32, &Glyph)> = glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .map(|g| {
                let size = g.size.max(MIN_SIZE);
                (g.x + g.width / 2.0, g.y - size * GLYPH_MIDDLE, g)
            })
            .collect();
        glyphs.sort_by(|a, b| a.1.total_cmp(&b.1));
        ByMiddle { glyphs }
    }

    /// The glyphs whose middle lies in the box.
    fn inside(&self, (x0, y0, x1, y1): CellBox) -> Vec<&'g Glyph> {
        let start = self.glyphs.partition_point(|g| g.1 < y0);
        self.glyphs
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|g| g.1 < y1)
            .filter(|g| g.0 >= x0 && g.0 < x1)
            .map(|g| g.2)
            .collect()
    }
}

/// Are two neighbouring cells with no rule between them two cells all the
/// same? Yes when each holds text of its own and no text runs on from one
/// into the other: no glyph across their common side, side by side no line
/// going on over it, one above the other no lines a line apart (one
/// paragraph). A page whose CSS leaves cell borders out draws no rule there.
fn holds_apart(glyphs: &ByMiddle, a: CellBox, b: CellBox) -> bool {
    let in_a = glyphs.inside(a);
    if in_a.is_empty() {
        return false;
    }
    let in_b = glyphs.inside(b);
    if in_b.is_empty() {
        return false;
    }
    let side_by_side = (a.2 - b.0).abs() < (a.3 - b.1).abs();
    if side_by_side {
        let x = a.2;
        let across = |g: &&Glyph| g.x < x && g.x + g.width > x;
        if in_a.iter().chain(&in_b).any(across) {
            return false;
        }
        // A line going on over the side: glyphs on one baseline closer than
        // a space (a column side sits between padding on either hand).
        !in_a.iter().any(|p| {
            in_b.iter().any(|q| {
                let size = p.size.max(q.size).max(MIN_SIZE);
                (p.y - q.y).abs() <= SAME_BASELINE * size
                    && q.x - (p.x + p.width) <= LATIN_SPACE * size
            })
        })
    } else {
        let y = a.3;
        if in_a
            .iter()
            .chain(&in_b)
            .any(|g| g.y - g.size < y && g.y > y)
        {
            return false;
        }
        let last = in_a.iter().max_by(|p, q| p.y.total_cmp(&q.y));
        let first = in_b.iter().min_by(|p, q| p.y.total_cmp(&q.y));
        match (last, first) {
            (Some(p), Some(q)) => q.y - p.y > CELL_PITCH * p.size.max(q.size).max(MIN_SIZE),
            _ => false,
        }
    }
}

/// Where a page's doubts about cells go.
struct Doubts<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    pending: &'d mut Vec<Pending>,
}

impl Doubts<'_> {
    /// A doubt about the cell of `region` of `grid` on `page`.
    fn push(&mut self, doubt: Doubt, grid: &Grid, region: &lattice::Region, page: u32) {
        let (x, y, _, _) = grid.rect(region);
        let cell = Origin::Page { page, x, y };
        self.pending
            .push(Pending::push(doubt, cell, self.diagnostics));
    }
}

/// Numbers just above or below a table, within its width but outside every
/// cell box (a row whose rule is missing, a value pushed out of its cell):
/// said with the cell they lie beside, not read.
fn doubt_outside(grid: &Grid, free: &[&Glyph], page: u32, doubts: &mut Doubts) {
    let (x0, y0, x1, y1) = grid.bbox();
    let near: Vec<&Glyph> = free
        .iter()
        .copied()
        .filter(|g| {
            let size = g.size.max(MIN_SIZE);
            let (cx, cy) = (g.x + g.width / 2.0, g.y - size * GLYPH_MIDDLE);
            cx > x0
                && cx < x1
                && (cy < y0 && cy > y0 - NEAR_TABLE * size
                    || cy > y1 && cy < y1 + NEAR_TABLE * size)
        })
        .collect();
    for line in lines(&near) {
        if !line.text.split_whitespace().any(is_digit_run) {
            continue;
        }
        // The cell on the table's edge that the text's middle lies beside.
        let below = line.y > y1;
        let edge = if below { y1 - 0.5 } else { y0 + 0.5 };
        let x = (line.x0 + line.x1) / 2.0;
        let Some(region) = grid.region_at(x, edge).and_then(|r| grid.regions.get(r)) else {
            continue;
        };
        let row = if below { region.r1 - 1 } else { region.r0 };
        let doubt = Doubt::OutsideCells {
            page,
            row,
            col: region.c0,
            below,
            text: line.text.clone(),
        };
        doubts.push(doubt, grid, region, page);
    }
}

/// The IR table of a grid, `glyphs` holding each region's glyphs; what it
/// is not sure of goes to `diagnostics`.
fn to_table(grid: &Grid, glyphs: &[Vec<&Glyph>], page: u32, doubts: &mut Doubts) -> Table {
    let nrows = grid.ys.len().saturating_sub(1);
    let mut rows: Vec<Row> = (0..nrows)
        .map(|r| Row {
            cells: Vec::new(),
            at: Origin::Page {
                page,
                x: grid.xs.first().copied().unwrap_or(0.0),
                y: grid.ys.get(r).copied().unwrap_or(0.0),
            },
        })
        .collect();
    for (i, region) in grid.regions.iter().enumerate() {
        let (x0, y0, x1, _) = grid.rect(region);
        let gl = glyphs.get(i).map(Vec::as_slice).unwrap_or_default();
        let cell_lines = lines(gl);
        let (text, digits_unsure) = cell_text(&cell_lines, x0, x1);
        let (row, col) = (region.r0, region.c0);
        if digits_unsure {
            let doubt = Doubt::DigitLines {
                page,
                row,
                col,
                text: text.clone(),
            };
            doubts.push(doubt, grid, region, page);
        }
        // Said with the whole run of glyphs on the rule (`12`, not its `1`).
        let on_rule: Vec<&Glyph> = gl
            .iter()
            .copied()
            .filter(|g| on_row_rule(grid, g))
            .collect();
        if !on_rule.is_empty() {
            let text = lines(&on_rule)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>()
                .join(" ");
            let doubt = Doubt::BetweenRows {
                page,
                row,
                col,
                text,
            };
            doubts.push(doubt, grid, region, page);
        }
        let mut cell = Cell::new(region.c0, text, Origin::Page { page, x: x0, y: y0 })
            .with_span(region.r1 - region.r0, region.c1 - region.c0);
        cell.lines = cell_lines
            .iter()
            .map(|l| SourceLine {
                at: Origin::Page {
                    page,
                    x: l.x0,
                    y: l.y,
                },
                text: l.text.clone(),
            })
            .collect();
        if let Some(row) = rows.get_mut(region.r0) {
            row.cells.push(cell);
        }
    }
    for row in &mut rows {
        row.cells.sort_by_key(|c| c.col);
    }
    let (x, y, _, _) = grid.bbox();
    Table {
        rows,
        at: Origin::Page { page, x, y },
    }
}

/// Does glyph `g` sit on a rule between two rows (its middle within
/// `ON_RULE` sizes of a boundary that separates cells in its column)?
fn on_row_rule(grid: &Grid, g: &Glyph) -> bool {
    let size = g.size.max(MIN_SIZE);
    let (cx, cy) = (g.x + g.width / 2.0, g.y - size * GLYPH_MIDDLE);
    let inner = grid
        .ys
        .get(1..grid.ys.len().saturating_sub(1))
        .unwrap_or_default();
    inner.iter().any(|&y| {
        (cy - y).abs() < ON_RULE * size
            && grid.region_at(cx, y - ON_RULE * size) != grid.region_at(cx, y + ON_RULE * size)
    })
}

/// A cell's text: its lines joined, with `\n` where a line ends short of
/// the cell; a number wrapped in a narrow cell is one run of digits. True
/// besides when digit lines do not fill the cell (one number or several?).
fn cell_text(lines: &[Line], x0: f32, x1: f32) -> (String, bool) {
    let mut out = String::new();
    let mut unsure = false;
    let mut prev: Option<&Line> = None;
    for line in lines {
        if let Some(p) = prev {
            let size = p.size.max(MIN_SIZE);
            let full = p.x1 >= x1 - CELL_FULL * size || (p.x0 - x0) < 0.0;
            let digits = is_digit_run(&p.text) && is_digit_run(&line.text);
            if full && line.y - p.y < CELL_PITCH * size {
                if digits {
                    out.push_str(&line.text);
                } else {
                    join(&mut out, &line.text);
                }
            } else {
                unsure |= digits;
                out.push('\n');
                out.push_str(&line.text);
            }
        } else {
            out.push_str(&line.text);
        }
        prev = Some(line);
    }
    (out, unsure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            y,
            size: 9.0,
            top: y - 9.0,
        }
    }

    #[test]
    fn a_number_wrapped_in_a_narrow_cell_is_one_run_of_digits() {
        // `18168` in a cell 10 pt wide: `18` / `16` / `8`, each line full.
        let lines = [
            line("18", 100.0, 109.0, 10.0),
            line("16", 100.0, 109.0, 22.0),
            line("8", 102.0, 106.0, 34.0),
        ];
        assert_eq!(cell_text(&lines, 99.0, 110.0), ("18168".to_string(), false));
    }

    #[test]
    fn digit_lines_short_of_a_wide_cell_are_a_doubt() {
        let lines = [
            line("12", 100.0, 109.0, 10.0),
            line("3", 100.0, 104.0, 22.0),
        ];
        assert_eq!(cell_text(&lines, 99.0, 200.0), ("12\n3".to_string(), true));
    }

    fn glyph(text: &str, x: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            width: 9.0,
            size: 9.0,
        }
    }

    #[test]
    fn cells_with_text_of_their_own_hold_apart_without_a_rule() {
        let (a, b) = ((0.0, 0.0, 100.0, 30.0), (100.0, 0.0, 200.0, 30.0));
        // A label and a number beside it, a padding's width apart.
        let glyphs = [glyph("获", 88.0, 20.0), glyph("0", 103.0, 20.0)];
        assert!(holds_apart(&ByMiddle::new(&glyphs), a, b));
        // One line running on over the side.
        let glyphs = [glyph("等", 91.0, 20.0), glyph("于", 100.0, 20.0)];
        assert!(!holds_apart(&ByMiddle::new(&glyphs), a, b));
        // One side empty: a merged cell.
        let one = [glyph("等", 10.0, 20.0)];
        assert!(!holds_apart(&ByMiddle::new(&one), a, b));
        // Above and below: a paragraph's lines stay one cell, items apart.
        let (a, b) = ((0.0, 0.0, 100.0, 30.0), (0.0, 30.0, 100.0, 60.0));
        let glyphs = [glyph("三", 10.0, 26.0), glyph("年", 10.0, 38.0)];
        assert!(!holds_apart(&ByMiddle::new(&glyphs), a, b));
        let glyphs = [glyph("1", 10.0, 15.0), glyph("2", 10.0, 45.0)];
        assert!(holds_apart(&ByMiddle::new(&glyphs), a, b));
    }

    #[test]
    fn a_glyph_on_the_rule_between_two_rows_is_a_doubt() {
        use crate::backend::Segment;
        let seg = |x0, y0, x1, y1| Segment { x0, y0, x1, y1 };
        let segs = [
            seg(0.0, 0.0, 100.0, 0.0),
            seg(0.0, 20.0, 100.0, 20.0),
            seg(0.0, 40.0, 100.0, 40.0),
            seg(0.0, 0.0, 0.0, 40.0),
            seg(100.0, 0.0, 100.0, 40.0),
        ];
        let grids = lattice::grids(&segs, 100).unwrap();
        let glyph = |y| Glyph {
            text: "7".into(),
            x: 50.0,
            y,
            width: 4.5,
            size: 9.0,
        };
        // Its middle (0.35 sizes above the baseline) on the rule at 20.
        assert!(on_row_rule(&grids[0], &glyph(23.0)));
        assert!(!on_row_rule(&grids[0], &glyph(35.0)));
    }
}
