//! Containers made in memory for the readers' tests: a zip of given entries
//! and an OLE compound file naming given streams.

use std::io::Write;

use zip::write::SimpleFileOptions;

use crate::ole::{ENTRY, HEADER_ENTRIES, OLE_MAGIC, STREAM};

/// A zip holding the given entries, deflated; `None` if the zip writer fails.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    for (name, data) in entries {
        z.start_file(*name, SimpleFileOptions::default()).ok()?;
        z.write_all(data).ok()?;
    }
    z.finish().ok()?;
    Some(out.into_inner())
}

/// A minimal compound file whose directory names `streams` (at most 31
/// characters each; longer names are cut), for tests of the readers.
pub fn compound_file(streams: &[&str]) -> Vec<u8> {
    let mut data = OLE_MAGIC.to_vec();
    data.resize(HEADER_ENTRIES * ENTRY, 0);
    for stream in streams {
        let mut record: Vec<u8> = stream
            .encode_utf16()
            .take(31)
            .flat_map(u16::to_le_bytes)
            .collect();
        let len = record.len() + 2;
        record.resize(64, 0);
        record.extend_from_slice(&(len as u16).to_le_bytes());
        record.push(STREAM);
        record.resize(ENTRY, 0);
        data.extend(record);
    }
    data
}
