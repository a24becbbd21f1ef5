//! Markdown and the gongkai report.
//!
//! The writer renders a report as GFM: the title, the six section headings,
//! the text sections, the three tables as pipe tables with their merged
//! headers flattened (`法人或其他组织/商业企业`), and the failed and uncertain
//! checks. The reader turns ATX headings, paragraphs and pipe tables into
//! the IR, so that written Markdown reads back as a report.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod read;
mod write;

use gongkai_ir::{Document, ReadError, ReadOptions, Reader, ReaderEntry, Sniff};
use gongkai_report::{Report, WriteError, WriteOptions, Writer, WriterEntry};

pub use read::read_markdown;
pub use write::render;

/// Reads Markdown (ATX headings, paragraphs, GFM pipe tables).
pub struct MarkdownReader;

impl Reader for MarkdownReader {
    fn name(&self) -> &'static str {
        "markdown"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["md", "markdown"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        read::sniff(data)
    }

    fn read(&self, data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
        read_markdown(data, options)
    }
}

/// Writes the report as Markdown.
pub struct MarkdownWriter;

impl Writer for MarkdownWriter {
    fn name(&self) -> &'static str {
        "md"
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn to_bytes(&self, report: &Report, _: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        Ok(render(report).into_bytes())
    }
}

inventory::submit! { ReaderEntry(&MarkdownReader) }
inventory::submit! { WriterEntry(&MarkdownWriter) }
