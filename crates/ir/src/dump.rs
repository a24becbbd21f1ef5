//! A readable text dump of a document, for `gongkai inspect`.

use std::fmt::Write;

use crate::{Block, Document, Table};

/// How a row, column or block at `index` (from 0) is numbered for people:
/// from 1, by `inspect`, by source locations (`table 2 row 7`) and by the
/// readers' diagnostics. The one place that says so.
pub const fn shown_number(index: usize) -> usize {
    index + 1
}

/// The words of a dump, given by the caller (the command line picks them
/// by locale; this crate knows no languages). `{name}`s are filled in.
#[derive(Debug, Clone, Copy)]
pub struct DumpLabels {
    /// Before a paragraph's origin.
    pub paragraph: &'static str,
    /// Before a table's size and origin.
    pub table: &'static str,
    /// A nested table: `{n}`, `{row}`, `{col}`.
    pub nested: &'static str,
    /// A cell's source lines: `{row}`, `{col}`, with the separator after.
    pub cell_lines: &'static str,
    /// Before a reader's diagnostic.
    pub diagnostic: &'static str,
    /// A diagnostic's severity as shown.
    pub severity: fn(crate::Severity) -> &'static str,
    /// What a reader's diagnostic says.
    pub message: fn(&crate::Diagnostic) -> String,
    /// A source place ([`crate::Origin`]'s text) as shown.
    pub place: fn(&str) -> String,
}

impl DumpLabels {
    /// The English words, which `inspect`'s snapshots hold.
    pub const ENGLISH: DumpLabels = DumpLabels {
        paragraph: "paragraph",
        table: "table",
        nested: "nested {n} in row {row} col {col}",
        cell_lines: "r{row} c{col}: ",
        diagnostic: "diagnostic",
        severity: |s| match s {
            crate::Severity::Error => "Error",
            crate::Severity::Warning => "Warning",
            crate::Severity::Info => "Info",
        },
        message: |d| d.message.clone(),
        place: str::to_string,
    };
}

/// A label with its `{name}`s filled in.
fn fill(label: &str, values: &[(&str, usize)]) -> String {
    values.iter().fold(label.to_string(), |out, (name, value)| {
        out.replace(&format!("{{{name}}}"), &value.to_string())
    })
}

/// The document as readable text: paragraphs with their origin, tables as
/// grids where `<` marks a position covered by the cell to its left and `^`
/// one covered by the cell above. Blocks, rows and columns count from 1, as
/// source locations (`table 2 row 7`) and diagnostics do.
pub fn dump(doc: &Document) -> String {
    dump_with(doc, &DumpLabels::ENGLISH)
}

/// [`dump`] in the caller's words.
pub fn dump_with(doc: &Document, labels: &DumpLabels) -> String {
    let mut out = String::new();
    for (i, block) in (1..).zip(&doc.blocks) {
        match block {
            Block::Paragraph(p) => {
                let at = (labels.place)(&p.at.to_string());
                let _ = writeln!(out, "[{i}] {} @ {at}", labels.paragraph);
                for line in p.text.lines() {
                    let _ = writeln!(out, "    {line}");
                }
            }
            Block::Table(t) => dump_table(&mut out, labels, &format!("[{i}]"), t, 0),
        }
    }
    for d in &doc.diagnostics {
        let _ = writeln!(
            out,
            "{} {} {}: {}",
            labels.diagnostic,
            (labels.severity)(d.severity),
            d.code,
            (labels.message)(d)
        );
    }
    out
}

fn dump_table(out: &mut String, labels: &DumpLabels, label: &str, table: &Table, indent: usize) {
    let pad = " ".repeat(indent);
    let grid = table.grid();
    let _ = writeln!(
        out,
        "{pad}{label} {} {}×{} @ {}",
        labels.table,
        table.rows.len(),
        grid.width,
        (labels.place)(&table.at.to_string())
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
    dump_sources(out, labels, &pad, table);
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            for (n, nested) in (1..).zip(&cell.tables) {
                let label = fill(
                    labels.nested,
                    &[
                        ("n", n),
                        ("row", shown_number(r)),
                        ("col", shown_number(cell.col)),
                    ],
                );
                dump_table(out, labels, &label, nested, indent + 4);
            }
        }
    }
}

/// Each cell's source lines where the reader kept them: `r3 c4: "58" page 2
/// (x 300, y 410) + "9" page 2 (x 300, y 421)` (row and column from 1), so
/// that a wrong cell can be traced to the lines it was built from.
fn dump_sources(out: &mut String, labels: &DumpLabels, pad: &str, table: &Table) {
    for (r, row) in table.rows.iter().enumerate() {
        for cell in &row.cells {
            if cell.lines.is_empty() {
                continue;
            }
            let lines: Vec<String> = cell
                .lines
                .iter()
                .map(|l| format!("{:?} {}", l.text, (labels.place)(&l.at.to_string())))
                .collect();
            let cell_label = fill(
                labels.cell_lines,
                &[("row", shown_number(r)), ("col", shown_number(cell.col))],
            );
            let _ = writeln!(out, "{pad}      {cell_label}{}", lines.join(" + "));
        }
    }
}
