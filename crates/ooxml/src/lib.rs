//! The container guard shared by the OOXML readers (DOCX, XLSX), as pandoc
//! shares `Readers/OOXML/Shared.hs`: a zip package whose entries are
//! inflated within the limits (entry size, compression ratio, total size;
//! checked against the headers and again while inflating, since headers can
//! lie), a package behind a prefix (junk or a self-extracting stub before
//! it) refused with the way to repair it, OLE compound files told apart by
//! their stream names (legacy binary Office files, encrypted OOXML
//! packages), and XML nesting depth checked before a parser that does not
//! bound it sees a part. Each reader keeps only
//! its format's specifics: which parts it reads and what it says about them.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod depth;
mod ole;
mod package;
#[doc(hidden)]
pub mod testing;

pub use depth::{check_xml_depth, too_deep};
pub use ole::{is_encrypted_ooxml, is_ole, stream_names, OLE_MAGIC};
pub use package::{damaged_zip, zip_prefix, Package, ZIP_MAGIC};

#[cfg(test)]
mod tests;
