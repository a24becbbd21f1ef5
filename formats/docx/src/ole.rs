//! OLE compound files the DOCX reader meets: legacy `.doc`/`.wps` and
//! encrypted Office documents, refused with what to do about them. What the
//! file holds is told by its stream names ([`gongkai_ooxml::stream_names`]).

use gongkai_ir::{ReadError, Sniff, Unsupported};

/// What an OLE compound file holds, as far as the stream names tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An encrypted OOXML package (`EncryptionInfo` + `EncryptedPackage`).
    Encrypted,
    /// A binary Word or WPS document (`WordDocument` stream).
    Word,
    /// Another binary Office file (Excel, PowerPoint).
    OtherOffice,
    /// A compound file of unknown content.
    Unknown,
}

/// How sure the DOCX reader is about an OLE file.
pub fn sniff(data: &[u8]) -> Sniff {
    match kind(data) {
        Kind::Encrypted | Kind::Word => Sniff::Yes,
        Kind::OtherOffice => Sniff::No,
        Kind::Unknown => Sniff::Maybe,
    }
}

/// The error for an OLE file: what it is and how to make it readable.
pub fn refuse(data: &[u8]) -> ReadError {
    match kind(data) {
        Kind::Encrypted => ReadError::Encrypted {
            format: crate::FORMAT,
            reason: gongkai_ir::Lock::OfficePassword,
        },
        Kind::Word => ReadError::Unsupported(Unsupported::LegacyWord),
        Kind::OtherOffice | Kind::Unknown => ReadError::Unsupported(Unsupported::LegacyOffice),
    }
}

/// An encrypted package wins over anything else the file holds, then Word.
fn kind(data: &[u8]) -> Kind {
    let mut kind = Kind::Unknown;
    for name in gongkai_ooxml::stream_names(data) {
        match name.as_str() {
            "EncryptedPackage" => return Kind::Encrypted,
            "WordDocument" => kind = Kind::Word,
            "Workbook" | "Book" | "PowerPoint Document" if kind == Kind::Unknown => {
                kind = Kind::OtherOffice;
            }
            _ => {}
        }
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_ooxml::testing::compound_file;

    #[test]
    fn legacy_word_is_refused_with_hint() {
        let data = compound_file(&["WordDocument"]);
        assert_eq!(sniff(&data), Sniff::Yes);
        let e = refuse(&data);
        assert!(matches!(e, ReadError::Unsupported(Unsupported::LegacyWord)));
        let said = e.to_string();
        assert!(said.contains(".doc"), "{said}");
        assert!(
            said.contains("soffice --headless --convert-to docx"),
            "{said}"
        );
    }

    #[test]
    fn encrypted_package_is_encrypted() {
        let data = compound_file(&["EncryptionInfo", "EncryptedPackage"]);
        assert_eq!(sniff(&data), Sniff::Yes);
        assert!(matches!(refuse(&data), ReadError::Encrypted { .. }));
    }

    #[test]
    fn excel_is_not_ours() {
        assert_eq!(sniff(&compound_file(&["Workbook"])), Sniff::No);
        assert_eq!(
            sniff(&compound_file(&["Workbook", "WordDocument"])),
            Sniff::Yes
        );
        assert_eq!(sniff(&compound_file(&["Nothing"])), Sniff::Maybe);
    }
}
