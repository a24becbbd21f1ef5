//! Resource limits that keep hostile input from exhausting the machine.

/// Limits every reader honours; each has a CLI flag to raise it.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest input file read, in bytes (`--max-input-bytes`).
    pub max_input_bytes: u64,
    /// Largest decompressed size of one zip entry, in bytes (`--max-entry-bytes`).
    pub max_entry_bytes: u64,
    /// Largest decompressed size of all zip entries read, in bytes (`--max-total-bytes`).
    pub max_total_bytes: u64,
    /// Largest compression ratio of a zip entry (`--max-zip-ratio`).
    pub max_zip_ratio: u64,
    /// Deepest XML element nesting (`--max-xml-depth`).
    pub max_xml_depth: usize,
    /// Most PDF objects in one file (`--max-pdf-objects`).
    pub max_pdf_objects: usize,
    /// Deepest recursion when following PDF references (`--max-pdf-depth`).
    pub max_pdf_depth: usize,
    /// Most pages read from one document (`--max-pages`).
    pub max_pages: usize,
    /// Most cells in one table (`--max-cells`).
    pub max_cells: usize,
    /// Most characters of text in one document (`--max-text-chars`).
    pub max_text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 << 20,
            max_entry_bytes: 64 << 20,
            max_total_bytes: 256 << 20,
            max_zip_ratio: 200,
            max_xml_depth: 256,
            max_pdf_objects: 1_000_000,
            max_pdf_depth: 64,
            max_pages: 2_000,
            max_cells: 100_000,
            max_text_chars: 20_000_000,
        }
    }
}

impl Limits {
    /// Refuse an input larger than `max_input_bytes`.
    pub fn check_input(&self, len: usize) -> Result<(), crate::ReadError> {
        if len as u64 > self.max_input_bytes {
            return Err(crate::ReadError::Limit {
                what: format!("input of {len} bytes"),
                limit: format!("{} bytes", self.max_input_bytes),
                flag: "--max-input-bytes",
            });
        }
        Ok(())
    }

    /// Refuse a document with more than `max_text_chars` characters.
    pub fn check_text(&self, chars: usize) -> Result<(), crate::ReadError> {
        if chars > self.max_text_chars {
            return Err(crate::ReadError::Limit {
                what: format!("text of {chars} characters"),
                limit: format!("{} characters", self.max_text_chars),
                flag: "--max-text-chars",
            });
        }
        Ok(())
    }

    /// Refuse a table with more than `max_cells` cells.
    pub fn check_cells(&self, cells: usize) -> Result<(), crate::ReadError> {
        if cells > self.max_cells {
            return Err(crate::ReadError::Limit {
                what: format!("a table of {cells} cells"),
                limit: format!("{} cells", self.max_cells),
                flag: "--max-cells",
            });
        }
        Ok(())
    }
}
