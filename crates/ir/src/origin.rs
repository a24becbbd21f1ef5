//! Where a block or cell was found in its source.

use std::fmt;

/// A position in the source document, in the source's own terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Origin {
    /// Unknown or not applicable.
    #[default]
    Unknown,
    /// A line of a text file (1-based).
    Line(u32),
    /// A paragraph of a word-processor body (1-based, in body order).
    Paragraph(u32),
    /// A cell of a word-processor table (all 1-based; `table` counts body tables).
    TableCell {
        /// Which table of the body.
        table: u32,
        /// Which row of that table.
        row: u32,
        /// Which cell of that row.
        cell: u32,
    },
    /// A point on a PDF page (page 1-based; x, y in points from the top left).
    Page {
        /// The page number.
        page: u32,
        /// Distance from the left edge, in points.
        x: f32,
        /// Distance from the top edge, in points.
        y: f32,
    },
    /// A cell of a spreadsheet (`B5`).
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// The cell reference in A1 notation.
        cell: String,
    },
}

impl Origin {
    /// The page, if the origin is on a page.
    pub fn page(&self) -> Option<u32> {
        match self {
            Origin::Page { page, .. } => Some(*page),
            _ => None,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Unknown => Ok(()),
            Origin::Line(n) => write!(f, "line {n}"),
            Origin::Paragraph(n) => write!(f, "paragraph {n}"),
            Origin::TableCell { table, row, cell } => {
                write!(f, "table {table} row {row} cell {cell}")
            }
            Origin::Page { page, x, y } => write!(f, "page {page} (x {x:.0}, y {y:.0})"),
            Origin::Sheet { sheet, cell } => write!(f, "sheet {sheet}!{cell}"),
        }
    }
}

/// A spreadsheet column letter for a 0-based index (`0` → `A`, `27` → `AB`).
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn display() {
        assert_eq!(Origin::Line(3).to_string(), "line 3");
        assert_eq!(
            Origin::Sheet {
                sheet: "表三".into(),
                cell: "B5".into()
            }
            .to_string(),
            "sheet 表三!B5"
        );
    }
}
