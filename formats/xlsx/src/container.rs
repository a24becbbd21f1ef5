//! What kind of spreadsheet container some bytes are, and whether a zip is
//! within the limits, decided before calamine sees the bytes.

use std::io::{Cursor, Read};

use gongkai_ir::{Limits, ReadError};

/// The OLE2 compound-file magic (XLS, and encrypted OOXML packages).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Below this many uncompressed bytes an entry's compression ratio is not
/// checked: small repetitive XML compresses far beyond any bomb ratio.
const RATIO_FLOOR: u64 = 1 << 20;

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
    if data.starts_with(&OLE_MAGIC) {
        let names = ole_stream_names(data);
        if names.iter().any(|n| n == "EncryptedPackage") {
            return Some(Kind::EncryptedOoxml);
        }
        if names.iter().any(|n| n == "Workbook" || n == "Book") {
            return Some(Kind::Xls);
        }
    }
    None
}

/// True for a zip local header that the zip reader cannot open (truncated,
/// no central directory).
pub(crate) fn is_damaged_zip(data: &[u8]) -> bool {
    data.starts_with(b"PK\x03\x04") && zip::ZipArchive::new(Cursor::new(data)).is_err()
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

/// Names of the stream entries of an OLE compound file's directory.
///
/// Directory entries are 128-byte records in 512- or 4096-byte sectors, so
/// every 128-byte-aligned record after the header is a candidate; a record
/// counts when its name length and object type are consistent. This avoids
/// following FAT chains for a yes/no question and cannot loop.
fn ole_stream_names(data: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for record in data.chunks_exact(128).skip(4) {
        let (Some(name), Some(len), Some(kind)) = (
            record.get(..64),
            record.get(64..66).and_then(|s| <[u8; 2]>::try_from(s).ok()),
            record.get(66),
        ) else {
            continue;
        };
        let len = u16::from_le_bytes(len) as usize;
        // Type 2 is a stream; the length counts UTF-16 bytes with the NUL.
        if *kind != 2 || !(4..=64).contains(&len) || !len.is_multiple_of(2) {
            continue;
        }
        let Some(units) = name.get(..len - 2) else {
            continue;
        };
        let utf16: Vec<u16> = units
            .chunks_exact(2)
            .filter_map(|p| <[u8; 2]>::try_from(p).ok().map(u16::from_le_bytes))
            .collect();
        if name.get(len - 2..len) != Some(&[0, 0]) {
            continue;
        }
        if let Ok(s) = String::from_utf16(&utf16) {
            names.push(s);
        }
    }
    names
}

/// Check every entry's declared size against the limits before anything is
/// decompressed.
pub(crate) fn check_zip(data: &[u8], limits: &Limits) -> Result<(), ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(data)).map_err(|e| ReadError::Malformed {
            format: "xlsx",
            reason: format!("bad zip: {e}"),
        })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| ReadError::Malformed {
            format: "xlsx",
            reason: format!("bad zip entry {i}: {e}"),
        })?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let size = entry.size();
        if size > limits.max_entry_bytes {
            return Err(ReadError::Limit {
                what: format!("zip entry {name} ({size} bytes)"),
                limit: format!("{} bytes", limits.max_entry_bytes),
                flag: "--max-entry-bytes",
            });
        }
        let compressed = entry.compressed_size().max(1);
        if size > RATIO_FLOOR && size / compressed > limits.max_zip_ratio {
            return Err(ReadError::Limit {
                what: format!("compression ratio of zip entry {name}"),
                limit: limits.max_zip_ratio.to_string(),
                flag: "--max-zip-ratio",
            });
        }
        total = total.saturating_add(size);
        if total > limits.max_total_bytes {
            return Err(ReadError::Limit {
                what: "decompressed size of the zip".to_string(),
                limit: format!("{} bytes", limits.max_total_bytes),
                flag: "--max-total-bytes",
            });
        }
    }
    // calamine does not bound XML nesting; one streaming pass per XML part
    // (sizes already checked above) enforces --max-xml-depth before it parses.
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            check_xml_depth(entry, &name, limits.max_xml_depth)?;
        }
    }
    Ok(())
}

/// Refuse an XML part nested deeper than `max`; malformed XML is left for
/// calamine to report.
fn check_xml_depth(part: impl Read, name: &str, max: usize) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > max {
                    return Err(ReadError::Limit {
                        what: format!("XML nesting of {name} (deeper than {max})"),
                        limit: format!("{max} levels"),
                        flag: "--max-xml-depth",
                    });
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_nothing() {
        assert_eq!(classify(b""), None);
        assert_eq!(classify(b"PK\x03\x04garbage"), None);
        assert_eq!(classify(&OLE_MAGIC), None);
        assert_eq!(classify(b"hello"), None);
    }

    #[test]
    fn ole_directory_records_are_found() {
        let mut data = vec![0u8; 1024];
        data[..8].copy_from_slice(&OLE_MAGIC);
        let name: Vec<u8> = "Workbook"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        data[512..512 + name.len()].copy_from_slice(&name);
        data[512 + 64] = (name.len() + 2) as u8;
        data[512 + 66] = 2;
        assert_eq!(classify(&data), Some(Kind::Xls));
    }
}
