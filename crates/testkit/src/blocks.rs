//! Looking at what a reader read: the tables and the paragraphs of a
//! document, in order.

use gongkai_ir::{Block, Document, Table};

/// The document's top-level tables, in order.
pub fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The paragraphs' texts, in order.
pub fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect()
}
