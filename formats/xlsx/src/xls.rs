//! Legacy `.xls` workbooks, re-wrapped before calamine sees them.
//!
//! calamine reads the OLE compound file around an XLS workbook with its own
//! parser, which trusts the file: fuzzing found slices indexed past the data
//! (`cfb.rs` `Sectors::get`), an `assert!` on the FAT's length, and header
//! counts that drive allocations before they are checked (calamine issue
//! #714: a 612-byte file asks for 16 GiB and aborts the process, which no
//! panic guard catches). So the container is read with the `cfb` crate (the
//! layer calamine's own reader re-implements), the workbook stream is taken
//! out within `--max-entry-bytes`, and calamine gets a fresh, well-formed
//! compound file holding only that stream.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use gongkai_ir::{Flaw, Limit, Limits, Oversize, ReadError};

use crate::hidden::HiddenRanges;

/// The names a BIFF workbook stream has (BIFF8, then BIFF5).
const WORKBOOK_STREAMS: [&str; 2] = ["/Workbook", "/Book"];

/// A small stream, unread by calamine, that gives the new file a mini stream.
const MINI_STREAM_FILLER: &str = "/gongkai-rewrapped";

fn malformed(reason: impl std::fmt::Display) -> ReadError {
    ReadError::Malformed {
        format: "xls",
        reason: Flaw::CompoundFile(reason.to_string()),
    }
}

/// An XLS workbook's stream re-wrapped for calamine, and what calamine
/// does not read from it.
#[derive(Debug)]
pub(crate) struct Rewrapped {
    /// A new compound file holding only the workbook stream.
    pub file: Vec<u8>,
    /// The hidden rows and columns of each sheet, by sheet name.
    pub hidden: HashMap<String, HiddenRanges>,
}

/// `data`'s workbook stream in a new compound file made by the `cfb` crate,
/// with the hidden rows and columns read from the stream on the way.
pub(crate) fn rewrap(data: &[u8], limits: &Limits) -> Result<Rewrapped, ReadError> {
    let mut file = cfb::CompoundFile::open(Cursor::new(data)).map_err(malformed)?;
    let name = WORKBOOK_STREAMS
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or(ReadError::Malformed {
            format: "xls",
            reason: Flaw::NoWorkbookStream,
        })?;
    let declared = file.entry(name).map_err(malformed)?.len();
    limits.check(Limit::EntryBytes, declared, || {
        Oversize::WorkbookStream(declared)
    })?;
    let mut stream = file.open_stream(name).map_err(malformed)?;
    let mut workbook = Vec::new();
    stream
        .by_ref()
        .take(limits.max_entry_bytes.saturating_add(1))
        .read_to_end(&mut workbook)
        .map_err(malformed)?;
    limits.check(Limit::EntryBytes, workbook.len() as u64, || {
        Oversize::WorkbookStream(workbook.len() as u64)
    })?;
    let mut out = cfb::CompoundFile::create(Cursor::new(Vec::new())).map_err(malformed)?;
    out.create_stream(name)
        .and_then(|mut s| s.write_all(&workbook))
        .map_err(malformed)?;
    // calamine refuses a root entry without a mini stream ("Empty Root
    // directory"), which a file whose only stream is 4096 bytes or more
    // lacks: a small stream puts one there.
    out.create_stream(MINI_STREAM_FILLER)
        .and_then(|mut s| s.write_all(&[0; 64]))
        .map_err(malformed)?;
    out.flush().map_err(malformed)?;
    Ok(Rewrapped {
        file: out.into_inner().into_inner(),
        hidden: crate::biff::hidden(&workbook),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_workbook_keeps_its_stream() {
        let root = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/xlsx/one-sheet-xls.xls"
        );
        let data = std::fs::read(root).unwrap();
        let rewrapped = rewrap(&data, &Limits::default()).unwrap().file;
        let read = |d: &[u8]| {
            let mut f = cfb::CompoundFile::open(Cursor::new(d)).unwrap();
            let mut s = Vec::new();
            f.open_stream("/Workbook")
                .unwrap()
                .read_to_end(&mut s)
                .unwrap();
            s
        };
        assert_eq!(read(&data), read(&rewrapped));
    }

    #[test]
    fn garbage_behind_the_magic_is_a_clear_error() {
        let mut data = gongkai_ooxml::OLE_MAGIC.to_vec();
        data.extend_from_slice(&[0xFF; 600]);
        let err = rewrap(&data, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("damaged compound file"), "{err}");
    }
}
