//! OLE compound files: legacy `.doc`/`.wps` and encrypted Office documents.
//!
//! Recognised by scanning bytes for the magic number and for stream names
//! (UTF-16LE in the directory sectors); no OLE parser is needed to refuse them
//! with a useful message.

use gongkai_ir::{ReadError, Sniff};

/// The compound-file magic number.
const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The hint for files gongkai cannot read directly.
const CONVERT_HINT: &str =
    "convert it to DOCX first, e.g. `soffice --headless --convert-to docx FILE`";

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

/// True if `data` starts with the compound-file magic number.
pub fn is_ole(data: &[u8]) -> bool {
    data.starts_with(&MAGIC)
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
            reason: "password-protected (encrypted) Office document; open it with the password \
                     in Word or WPS, save it without a password as DOCX, and try again"
                .to_string(),
        },
        Kind::Word => ReadError::Unsupported {
            what: "legacy Word/WPS binary document (.doc/.wps)".to_string(),
            hint: CONVERT_HINT.to_string(),
        },
        Kind::OtherOffice | Kind::Unknown => ReadError::Unsupported {
            what: "legacy Office binary file (OLE compound document), not a Word document"
                .to_string(),
            hint: CONVERT_HINT.to_string(),
        },
    }
}

fn kind(data: &[u8]) -> Kind {
    if contains_utf16(data, "EncryptedPackage") {
        Kind::Encrypted
    } else if contains_utf16(data, "WordDocument") {
        Kind::Word
    } else if contains_utf16(data, "Workbook")
        || contains_utf16(data, "Book")
        || contains_utf16(data, "PowerPoint Document")
    {
        Kind::OtherOffice
    } else {
        Kind::Unknown
    }
}

/// True if `data` holds `name` encoded as UTF-16LE.
fn contains_utf16(data: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let Some((&first, rest)) = needle.split_first() else {
        return false;
    };
    let mut i = 0;
    while let Some(pos) = data
        .get(i..)
        .and_then(|tail| tail.iter().position(|&b| b == first))
    {
        let start = i + pos;
        if data
            .get(start + 1..start + needle.len())
            .is_some_and(|s| s == rest)
        {
            return true;
        }
        i = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ole_with(stream: &str) -> Vec<u8> {
        let mut data = MAGIC.to_vec();
        data.extend_from_slice(&[0u8; 504]);
        data.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        data.extend_from_slice(&[0u8; 64]);
        data
    }

    #[test]
    fn legacy_word_is_refused_with_hint() {
        let data = ole_with("WordDocument");
        assert_eq!(sniff(&data), Sniff::Yes);
        match refuse(&data) {
            ReadError::Unsupported { what, hint } => {
                assert!(what.contains(".doc"));
                assert!(hint.contains("soffice --headless --convert-to docx"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn encrypted_package_is_encrypted() {
        let data = ole_with("EncryptedPackage");
        assert_eq!(sniff(&data), Sniff::Yes);
        assert!(matches!(refuse(&data), ReadError::Encrypted { .. }));
    }

    #[test]
    fn excel_is_not_ours() {
        assert_eq!(sniff(&ole_with("Workbook")), Sniff::No);
        assert_eq!(sniff(&ole_with("Nothing")), Sniff::Maybe);
    }
}
