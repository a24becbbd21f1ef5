//! A readable text dump of a document, for `gongkai inspect`.

use std::fmt::Write;

use crate::{Block, Document, Table};

/// How a row, column or block at `index` (from 0) is numbered for people:
/// from 1, by `inspect`, by source locations (`table 2 row 7`) and by the
/// readers' diagnostics. The one place that says so.
pub const fn shown_number(index: usize) -> usize {
    index + 1
}

/// The document as readable text: paragraphs with their origin, tables as
/// grids where `<` marks a position covered by the cell to its left and `^`
/// one covered by the cell above. Blocks, rows and columns count from 1, as
/// source locations (`table 2 row 7`) and diagnostics do.
pub fn dump(doc: &Document) -> String {
    let mut out = String::new();
    for (i, block) in (1..).zip(&doc.blocks) {
        match block {
            Block::Paragraph(p) => {
                let _ = writeln!(out, "[{i}] paragraph @ {}", p.at);
                for line in p.text.lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
            Block::Table(t) => dump_table(&mut out, &format!("[{i}]"), t, 0),
        }
    }
    for d in &doc.diagnostics {
        let _ = writeln!(out, "diagnostic {:?} {}: {}", d.severity, d.code, d.message);
    }
    out
}

fn dump_table(out: &mut String, label: &str, table: &Table, indent: usize) {
    let pad = " ".repeat(indent);
    let grid = table.grid();
    let _ = writeln!(
        out,
        "{pad}{label} table {}×{} @ {}",
        table.rows.len(),
        grid.width,
        table.at
    );
    for (r, row) in grid.rows.iter().enumerate() {
        let shown = shown_number(r);
        let mut cells = Vec::with_capacity(row.len());
        for pos in row {
            let text = match pos {
                None => "∅".to_string(),
                Some(g) if g.is_origin => {
                    let mut s = g.cell.text.replace('\n', "⏎");
                    if g.cell.row_span > 1 || g.cell.col_span > 1 {
                        let _ = write!(s, " [{}×{}]", g.cell.row_span, g.cell.col_span);
                    }
                    if !g.cell.tables.is_empty() {
                        let _ = write!(s, " [+{} nested]", g.cell.tables.len());
                    }
                    s
                }
                Some(g) if g.origin_row == r => "<".to_string(),
                Some(_) => "^".to_string(),
            };
            cells.push(text);
        }
        let _ = writeln!(out, "{pad}  {shown:>3} | {}", cells.join(" | "));
    }
    dump_sources(out, &pad, table);
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            for (n, nested) in (1..).zip(&cell.tables) {
                let label = format!(
                    "nested {n} in row {} col {}",
                    shown_number(r),
                    shown_number(cell.col)
                );
                dump_table(out, &label, nested, indent + 4);
            }
        }
    }
}

/// Each cell's source lines where the reader kept them: `r3 c4: "58" page 2
/// (x 300, y 410) + "9" page 2 (x 300, y 421)` (row and column from 1), so
/// that a wrong cell can be traced to the lines it was built from.
fn dump_sources(out: &mut String, pad: &str, table: &Table) {
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            if cell.lines.is_empty() {
                continue;
            }
            let lines: Vec<String> = cell
                .lines
                .iter()
                .map(|l| format!("{:?} {}", l.text, l.at))
                .collect();
            let _ = writeln!(
                out,
                "{pad}      r{} c{}: {}",
                shown_number(r),
                shown_number(cell.col),
                lines.join(" + ")
            );
        }
    }
}
