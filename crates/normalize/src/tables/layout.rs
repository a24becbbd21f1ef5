//! Layout tables: a table that lays a page out (the whole report in one
//! cell, table 三 in a cell beside its caption) and holds the real tables
//! nested in its cells, or a frame of a single cell around text. It is
//! opened where it stands: its cells' lines become paragraphs and its
//! nested tables tables of their own, cell by cell and in the order the
//! cell gives them, so that the headings are seen and the tables found. A
//! table that is itself one of the statistical tables is kept whole (its
//! nested tables are read as its cells' text). This is the one place any
//! reader's layout tables are opened.

use std::borrow::Cow;

use gongkai_ir::{Block, Diagnostic, Document, Paragraph, Table};

use super::diagnostics::TableNote;
use crate::limits::LAYOUT_MAX_DEPTH;

/// The document with its layout tables opened; borrowed when it has none.
/// `is_statistical` tells one of the three tables by its own labels.
pub fn open<'d>(
    doc: &'d Document,
    is_statistical: impl Fn(&Table) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Cow<'d, Document> {
    let is_layout = |t: &Table| (has_nested(t) || is_frame(t)) && !is_statistical(t);
    if !doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if is_layout(t)))
    {
        return Cow::Borrowed(doc);
    }
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        match block {
            Block::Table(t) if is_layout(t) => open_table(t, 1, &is_layout, &mut blocks, diags),
            other => blocks.push(other.clone()),
        }
    }
    Cow::Owned(Document {
        blocks,
        diagnostics: doc.diagnostics.clone(),
    })
}

/// True when a cell of the table holds a table.
fn has_nested(table: &Table) -> bool {
    table
        .rows
        .iter()
        .any(|r| r.cells.iter().any(|c| !c.tables.is_empty()))
}

/// True for a table of one cell: a frame around text, not a table of values.
fn is_frame(table: &Table) -> bool {
    table.rows.iter().map(|r| r.cells.len()).sum::<usize>() == 1
}

/// Put the content of layout table `table`, `depth` layout tables deep,
/// into `out`: each cell's lines, then its tables (opened in turn when they
/// are layout tables too, up to [`LAYOUT_MAX_DEPTH`]).
fn open_table(
    table: &Table,
    depth: usize,
    is_layout: &dyn Fn(&Table) -> bool,
    out: &mut Vec<Block>,
    diags: &mut Vec<Diagnostic>,
) {
    let tables = table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.tables.len())
        .sum();
    diags.push(
        TableNote::LayoutTable { tables }
            .diagnostic()
            .with_at(&table.at),
    );
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        let mut nested = cell.tables.iter().enumerate().peekable();
        let mut put_tables_before =
            |line: usize, out: &mut Vec<Block>, diags: &mut Vec<Diagnostic>| {
                while let Some((_, t)) =
                    nested.next_if(|(n, _)| cell.tables_after.get(*n).is_some_and(|a| *a <= line))
                {
                    put_table(t, depth, is_layout, out, diags);
                }
            };
        for (n, line) in cell.text.lines().enumerate() {
            put_tables_before(n, out, diags);
            if line.trim().is_empty() {
                continue;
            }
            let at = cell.line_at.get(n).unwrap_or(&cell.at);
            out.push(Block::Paragraph(Paragraph::new(line, at.clone())));
        }
        for (_, t) in nested {
            put_table(t, depth, is_layout, out, diags);
        }
    }
}

/// A table nested in a layout table: opened in turn when it lays out too.
fn put_table(
    table: &Table,
    depth: usize,
    is_layout: &dyn Fn(&Table) -> bool,
    out: &mut Vec<Block>,
    diags: &mut Vec<Diagnostic>,
) {
    if depth < LAYOUT_MAX_DEPTH && is_layout(table) {
        open_table(table, depth + 1, is_layout, out, diags);
    } else {
        out.push(Block::Table(table.clone()));
    }
}

#[cfg(test)]
mod tests {
    use gongkai_ir::{Cell, Origin, Row};

    use super::*;

    fn cell(text: &str, tables: Vec<Table>) -> Cell {
        let mut c = Cell::new(0, text, Origin::Line(1));
        c.tables = tables;
        c
    }

    fn table(cells: Vec<Cell>) -> Table {
        Table {
            rows: vec![Row::sequential(cells, Origin::Line(1))],
            at: Origin::Line(1),
        }
    }

    /// The blocks of a document of `blocks` once its layout tables are
    /// opened, each shown by `show`, and the diagnostics.
    fn opened(blocks: Vec<Block>, show: fn(&Block) -> String) -> (Vec<String>, Vec<Diagnostic>) {
        let doc = Document {
            blocks,
            diagnostics: Vec::new(),
        };
        let mut diags = Vec::new();
        let shown = open(&doc, |_| false, &mut diags)
            .blocks
            .iter()
            .map(show)
            .collect();
        (shown, diags)
    }

    #[test]
    fn a_layout_table_is_opened_cell_by_cell_and_deep() {
        let inner = table(vec![cell("自然人", vec![]), cell("法人", vec![])]);
        let frame = table(vec![cell("表三", vec![inner.clone()])]);
        let page = table(vec![
            cell("标题\n\n一、总体情况", vec![]),
            cell("正文", vec![frame]),
        ]);
        let (kinds, diags) = opened(vec![Block::Table(page)], |b| match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::Table(t) => format!("table {}", t.rows[0].cells[0].text),
        });
        assert_eq!(
            kinds,
            ["标题", "一、总体情况", "正文", "表三", "table 自然人"]
        );
        assert_eq!(diags.len(), 2);
        assert_eq!(diags[0].code, "table.layout");
    }

    #[test]
    fn tables_stand_where_the_cell_puts_them_and_frames_open() {
        let two = table(vec![cell("规章", vec![]), cell("1", vec![])]);
        let mut holder = cell("一、总体情况\n正文\n完", vec![two.clone(), two]);
        holder.tables_after = vec![1, 3];
        holder.line_at = vec![Origin::Line(7), Origin::Line(8), Origin::Line(9)];
        let frame = table(vec![cell("标题", vec![])]);
        let blocks = vec![Block::Table(frame), Block::Table(table(vec![holder]))];
        let (kinds, diags) = opened(blocks, |b| match b {
            Block::Paragraph(p) => format!("{} @ {}", p.text, p.at),
            Block::Table(_) => "table".to_string(),
        });
        assert_eq!(
            kinds,
            [
                "标题 @ line 1",
                "一、总体情况 @ line 7",
                "table",
                "正文 @ line 8",
                "完 @ line 9",
                "table"
            ]
        );
        assert!(
            diags[0].message.contains("one cell"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn a_statistical_table_with_a_nested_table_is_kept() {
        let inner = table(vec![cell("内", vec![])]);
        let doc = Document {
            blocks: vec![Block::Table(table(vec![cell("规章", vec![inner])]))],
            diagnostics: Vec::new(),
        };
        let mut diags = Vec::new();
        assert!(matches!(open(&doc, |_| true, &mut diags), Cow::Borrowed(_)));
        assert!(diags.is_empty());
    }
}
