//! What kind of spreadsheet container some bytes are, and whether a zip is
//! within the limits, decided before calamine sees the bytes. The zip and
//! OLE guard itself is shared with the DOCX reader ([`gongkai_ooxml`]).

use std::io::{Cursor, Read};

use gongkai_ir::{Limits, ReadError};
use gongkai_ooxml::Package;

/// The container kinds the reader handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Office Open XML workbook (xlsx, xlsm).
    Xlsx,
    /// OpenDocument spreadsheet.
    Ods,
    /// BIFF workbook in an OLE compound file.
    Xls,
    /// An OLE compound file holding an encrypted OOXML package.
    EncryptedOoxml,
}

/// Classify `data`; `None` when it is not a spreadsheet this reader knows.
pub(crate) fn classify(data: &[u8]) -> Option<Kind> {
    if data.starts_with(b"PK") {
        let archive = zip::ZipArchive::new(Cursor::new(data)).ok()?;
        if archive.index_for_name("xl/workbook.xml").is_some() {
            return Some(Kind::Xlsx);
        }
        if archive.index_for_name("content.xml").is_some() && is_ods_mimetype(data) {
            return Some(Kind::Ods);
        }
        return None;
    }
    if gongkai_ooxml::is_encrypted_ooxml(data) {
        return Some(Kind::EncryptedOoxml);
    }
    if gongkai_ooxml::stream_names(data).any(|n| n == "Workbook" || n == "Book") {
        return Some(Kind::Xls);
    }
    None
}

/// True when the zip's `mimetype` entry names an OpenDocument spreadsheet.
fn is_ods_mimetype(data: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(data)) else {
        return false;
    };
    let Ok(entry) = archive.by_name("mimetype") else {
        return false;
    };
    let mut text = String::new();
    // The mimetype entry is a few dozen bytes; never read more than a little.
    if entry.take(256).read_to_string(&mut text).is_err() {
        return false;
    }
    text.trim() == "application/vnd.oasis.opendocument.spreadsheet"
}

/// Check every entry's declared size against the limits before anything is
/// decompressed, and the nesting depth of every XML part: calamine inflates
/// and parses the entries itself, bounding neither.
pub(crate) fn check_zip(data: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut package = Package::open(data, "xlsx", limits)?;
    package.check_declared_sizes()?;
    package.check_xml_depth()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_ooxml::testing::compound_file;
    use gongkai_ooxml::OLE_MAGIC;

    #[test]
    fn garbage_is_nothing() {
        assert_eq!(classify(b""), None);
        assert_eq!(classify(b"PK\x03\x04garbage"), None);
        assert_eq!(classify(&OLE_MAGIC), None);
        assert_eq!(classify(b"hello"), None);
    }

    #[test]
    fn ole_directory_records_are_found() {
        assert_eq!(classify(&compound_file(&["Workbook"])), Some(Kind::Xls));
        assert_eq!(classify(&compound_file(&["Book"])), Some(Kind::Xls));
        assert_eq!(
            classify(&compound_file(&["Workbook", "EncryptedPackage"])),
            Some(Kind::EncryptedOoxml)
        );
        assert_eq!(classify(&compound_file(&["WordDocument"])), None);
    }
}
