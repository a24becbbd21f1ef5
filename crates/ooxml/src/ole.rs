//! OLE compound files: legacy binary Office documents (`.doc`, `.xls`,
//! `.wps`) and encrypted OOXML packages, which Office wraps in one.
//!
//! Told apart by the stream names in the directory; no OLE parser is needed
//! to refuse them or to hand them on.

/// The OLE2 compound-file magic number.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The size of a directory entry, and of the header's first sector in
/// directory entries (512 bytes).
pub(crate) const ENTRY: usize = 128;
pub(crate) const HEADER_ENTRIES: usize = 4;

/// The directory entry type of a stream.
pub(crate) const STREAM: u8 = 2;

/// The stream Office keeps an encrypted OOXML package in.
const ENCRYPTED_PACKAGE: &str = "EncryptedPackage";

/// True if `data` starts with the compound-file magic number.
pub fn is_ole(data: &[u8]) -> bool {
    data.starts_with(&OLE_MAGIC)
}

/// True if `data` is an OLE compound file holding an encrypted OOXML package
/// (a password-protected DOCX or XLSX).
pub fn is_encrypted_ooxml(data: &[u8]) -> bool {
    stream_names(data).any(|name| name == ENCRYPTED_PACKAGE)
}

/// The names of the streams in an OLE compound file's directory (none when
/// `data` is not one), one at a time.
///
/// Directory entries are 128-byte records in 512- or 4096-byte sectors, so
/// every 128-byte-aligned record after the header is a candidate; a record
/// counts when its name length and object type are consistent. This avoids
/// following FAT chains for a yes/no question and cannot loop.
pub fn stream_names(data: &[u8]) -> impl Iterator<Item = String> + '_ {
    let records = if is_ole(data) { data } else { &[] };
    records
        .chunks_exact(ENTRY)
        .skip(HEADER_ENTRIES)
        .filter_map(stream_name)
}

/// The name of a directory record, if it is a stream's.
fn stream_name(record: &[u8]) -> Option<String> {
    let name = record.get(..64)?;
    let len = u16::from_le_bytes(record.get(64..66)?.try_into().ok()?) as usize;
    // The length counts UTF-16 bytes with the terminating NUL.
    if *record.get(66)? != STREAM || !(4..=64).contains(&len) || !len.is_multiple_of(2) {
        return None;
    }
    if name.get(len - 2..len) != Some(&[0, 0]) {
        return None;
    }
    let units: Vec<u16> = name
        .get(..len - 2)?
        .chunks_exact(2)
        .filter_map(|p| <[u8; 2]>::try_from(p).ok().map(u16::from_le_bytes))
        .collect();
    String::from_utf16(&units).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::compound_file;

    #[test]
    fn stream_names_are_listed() {
        let data = compound_file(&["WordDocument", "1Table", "EncryptedPackage"]);
        assert!(is_ole(&data));
        let names: Vec<String> = stream_names(&data).collect();
        assert_eq!(names, ["WordDocument", "1Table", "EncryptedPackage"]);
        assert!(is_encrypted_ooxml(&data));
        assert!(!is_encrypted_ooxml(&compound_file(&["Workbook"])));
    }

    #[test]
    fn not_ole_or_not_a_record_is_nothing() {
        // The same directory without the magic number.
        let mut data = compound_file(&["EncryptedPackage"]);
        data[0] = 0;
        assert_eq!(stream_names(&data).count(), 0);
        // A name written anywhere but in a directory record.
        let mut data = OLE_MAGIC.to_vec();
        data.resize(1024, 0);
        data.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        data.resize(2048, 0);
        assert!(!is_encrypted_ooxml(&data));
        // A storage entry (type 1) is not a stream.
        let mut data = compound_file(&["Workbook"]);
        data[4 * ENTRY + 66] = 1;
        assert_eq!(stream_names(&data).count(), 0);
        assert_eq!(stream_names(&OLE_MAGIC).count(), 0);
        assert_eq!(stream_names(b"").count(), 0);
    }

    #[test]
    fn bad_name_lengths_are_skipped() {
        for len in [0u16, 2, 3, 66, 0xFFFF] {
            let mut data = compound_file(&["Workbook"]);
            data[4 * ENTRY + 64..4 * ENTRY + 66].copy_from_slice(&len.to_le_bytes());
            assert_eq!(stream_names(&data).count(), 0, "length {len}");
        }
    }
}
