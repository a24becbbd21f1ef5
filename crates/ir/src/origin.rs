//! Where a block or cell was found in its source.

use std::fmt;
use std::sync::Arc;

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
    /// A place in a marked-up page (a web page): the reader's own position
    /// and the element holding it, with the elements around that.
    InElement {
        /// The position in the reader's terms (`Paragraph`, `TableCell`).
        at: Box<Origin>,
        /// The deepest element holding the whole block or line.
        element: Arc<Element>,
    },
}

/// An element of a marked-up page that holds text, and the elements
/// around it: how the normalizer tells the article from the page's chrome
/// without the reader knowing what a report is.
#[derive(Debug, PartialEq)]
pub struct Element {
    /// Its number in the page, unique within the page (opening order).
    pub id: u32,
    /// How it is named in messages: `div#main.article`.
    pub label: String,
    /// How many elements hold it (the root element is 0 deep).
    pub depth: u32,
    /// The element holding it; `None` for the root.
    pub parent: Option<Arc<Element>>,
}

impl Element {
    /// This element, then the elements holding it, innermost first.
    pub fn ancestors(&self) -> impl Iterator<Item = &Element> {
        std::iter::successors(Some(self), |e| e.parent.as_deref())
    }

    /// True when `id` is this element or one holding it.
    pub fn is_within(&self, id: u32) -> bool {
        self.ancestors().any(|e| e.id == id)
    }
}

impl Drop for Element {
    // A long chain of parents is freed in a loop, not by recursion: a page
    // nested as deep as the depth limit allows costs no stack.
    fn drop(&mut self) {
        let mut next = self.parent.take();
        while let Some(parent) = next {
            next = match Arc::try_unwrap(parent) {
                Ok(mut e) => e.parent.take(),
                Err(_) => None,
            };
        }
    }
}

impl Origin {
    /// The page, if the origin is on a page.
    pub fn page(&self) -> Option<u32> {
        match self {
            Origin::Page { page, .. } => Some(*page),
            Origin::InElement { at, .. } => at.page(),
            _ => None,
        }
    }

    /// The element of a marked-up page holding this place, if known.
    pub fn element(&self) -> Option<&Arc<Element>> {
        match self {
            Origin::InElement { element, .. } => Some(element),
            _ => None,
        }
    }

    /// The same place, held by `element` when there is one.
    pub fn in_element(self, element: Option<Arc<Element>>) -> Origin {
        match element {
            Some(element) => Origin::InElement {
                at: Box::new(self),
                element,
            },
            None => self,
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
            Origin::InElement { at, element } => write!(f, "{at} in <{}>", element.label),
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
        let body = Arc::new(Element {
            id: 1,
            label: "body".into(),
            depth: 0,
            parent: None,
        });
        let div = Arc::new(Element {
            id: 2,
            label: "div#main".into(),
            depth: 1,
            parent: Some(body),
        });
        let at = Origin::Paragraph(3).in_element(Some(div.clone()));
        assert_eq!(at.to_string(), "paragraph 3 in <div#main>");
        assert!(div.is_within(1) && div.is_within(2) && !div.is_within(3));
    }

    #[test]
    fn a_deep_chain_of_elements_is_freed_without_recursion() {
        let mut e: Option<Arc<Element>> = None;
        for id in 0..1_000_000 {
            e = Some(Arc::new(Element {
                id,
                label: String::new(),
                depth: id,
                parent: e,
            }));
        }
        drop(e);
    }
}
