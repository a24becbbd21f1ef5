//! The common intermediate representation (IR) of gongkai.
//!
//! Every reader turns its file format into a [`Document`]: a sequence of
//! [`Block`]s, each a [`Paragraph`] or a [`Table`]. Tables keep merged cells as
//! row and column spans, cells keep their own line breaks, and everything knows
//! where in the source it was found ([`Origin`]). A reader knows nothing of the
//! report; the normalizer knows nothing of file formats.

mod diagnostic;
mod dump;
mod flaws;
mod grid;
mod limits;
mod origin;
mod oversize;
mod radicals;
mod raster;
mod reader;
mod unsupported;
pub mod watch;

pub use diagnostic::{Diagnostic, Severity};
pub use dump::{dump, dump_with, shown_number, DumpLabels};
pub use flaws::{Amount, Flaw, Lock, NoText, Noticed, Undecodable};
pub use grid::{Grid, GridCell};
pub use limits::{BadValue, Limit, LimitSpec, Limits, Unit, LIMITS};
pub use origin::{column_letters, Element, Origin};
pub use oversize::{Oversize, PdfList, PdfSource};
pub use radicals::{ideograph_of, unify_radicals};
pub use raster::{EmbeddedImage, ImageEncoding, Placement, OCR_ENGINE};
pub use reader::{
    find_reader, readers, OcrMode, ReadError, ReadOptions, Reader, ReaderEntry, Sniff,
};
pub use unsupported::{OcrMissing, ScanCodec, Unsupported, OCR_INSTALL};
pub use watch::checkpoint;

/// A whole source document as a reader saw it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// Paragraphs and tables in reading order.
    pub blocks: Vec<Block>,
    /// What the reader noticed (encoding used, dropped content, undecodable text).
    pub diagnostics: Vec<Diagnostic>,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text (a title, a heading, body text).
    Paragraph(Paragraph),
    /// A table with its merged cells.
    Table(Table),
}

impl Block {
    /// Where the block was found.
    pub fn origin(&self) -> &Origin {
        match self {
            Block::Paragraph(p) => &p.at,
            Block::Table(t) => &t.at,
        }
    }
}

/// A paragraph: its text with line breaks kept as `\n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text as printed, line breaks inside the paragraph as `\n`.
    pub text: String,
    /// Where the paragraph starts in the source.
    pub at: Origin,
}

impl Paragraph {
    /// A paragraph with the given text and origin.
    pub fn new(text: impl Into<String>, at: Origin) -> Self {
        Paragraph {
            text: text.into(),
            at,
        }
    }
}

/// A table: rows of cells. Cells covered by a span from another cell are not
/// repeated; [`Table::grid`] expands the spans into a dense grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The rows, top to bottom.
    pub rows: Vec<Row>,
    /// Where the table starts in the source.
    pub at: Origin,
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The cells that start in this row, left to right.
    pub cells: Vec<Cell>,
    /// Where the row was found.
    pub at: Origin,
}

/// One table cell, placed on the table's column grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The grid column the cell starts in (0-based).
    pub col: usize,
    /// How many rows the cell covers (at least 1).
    pub row_span: usize,
    /// How many grid columns the cell covers (at least 1).
    pub col_span: usize,
    /// The cell's text; its own line breaks (and paragraphs) as `\n`.
    pub text: String,
    /// Tables nested inside the cell (their text is not part of `text`).
    pub tables: Vec<Table>,
    /// For each of `tables`, how many lines of `text` stand before it;
    /// empty when the reader does not say (the tables follow the text).
    pub tables_after: Vec<usize>,
    /// Where each line of `text` was found, when the reader tells its
    /// lines apart (a web page's cell); empty when every line is at `at`.
    pub line_at: Vec<Origin>,
    /// Where the cell was found.
    pub at: Origin,
    /// The source lines the text was built from, each where it was found
    /// (a PDF cell's lines with their pages), so that `inspect` can trace a
    /// wrong cell; empty where a reader keeps none.
    pub lines: Vec<SourceLine>,
    /// The OCR engine's confidence in the text (0–100) when it was read
    /// from an image; `None` for text the file holds as text.
    pub confidence: Option<u8>,
}

/// A line of source text a cell was built from, and where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// Where the line was found.
    pub at: Origin,
    /// The line's text.
    pub text: String,
}

impl Cell {
    /// A 1×1 cell at grid column `col`.
    pub fn new(col: usize, text: impl Into<String>, at: Origin) -> Self {
        Cell {
            col,
            row_span: 1,
            col_span: 1,
            text: text.into(),
            tables: Vec::new(),
            tables_after: Vec::new(),
            line_at: Vec::new(),
            at,
            lines: Vec::new(),
            confidence: None,
        }
    }

    /// The same cell with the given spans (each at least 1).
    pub fn with_span(mut self, row_span: usize, col_span: usize) -> Self {
        self.row_span = row_span.max(1);
        self.col_span = col_span.max(1);
        self
    }

    /// The cell's text followed by the text of its nested tables, so that
    /// nothing inside the cell is out of reach.
    pub fn full_text(&self) -> String {
        let mut out = self.text.clone();
        for table in &self.tables {
            for row in &table.rows {
                for cell in &row.cells {
                    let inner = cell.full_text();
                    if inner.is_empty() {
                        continue;
                    }
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&inner);
                }
            }
        }
        out
    }
}

impl Row {
    /// A row whose cells are laid out left to right with no gaps: each cell
    /// starts where the previous one's span ends.
    pub fn sequential(cells: impl IntoIterator<Item = Cell>, at: Origin) -> Self {
        let mut col = 0;
        let cells = cells
            .into_iter()
            .map(|mut c| {
                c.col = col;
                col += c.col_span.max(1);
                c
            })
            .collect();
        Row { cells, at }
    }
}

impl Document {
    /// All paragraphs' and cells' text, in reading order, one block a line.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    out.push_str(&p.text);
                    out.push('\n');
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        let texts: Vec<String> = row.cells.iter().map(Cell::full_text).collect();
                        out.push_str(&texts.join("\t"));
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}
