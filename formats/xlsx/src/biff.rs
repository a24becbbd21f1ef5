//! Hidden rows and columns of a legacy `.xls` (BIFF8) workbook, which
//! calamine does not report: read from the workbook stream's records (a
//! `ROW` record's `fDyZero` flag, a `COLINFO` record's `fHidden` flag, per
//! sheet substream found by its `BOUNDSHEET` record). calamine's record
//! reader is private, and no crate exposes BIFF records, so this walks them:
//! a record is a type, a length and a body, and nothing else is decoded.
//! BIFF5 workbooks (`/Book`) are not read for hidden rows.

use std::collections::HashMap;

use crate::hidden::HiddenRanges;

/// `BOF`: the start of a substream (the globals, a sheet, a chart in it).
const BOF: u16 = 0x0809;
/// `EOF`: the end of a substream.
const EOF: u16 = 0x000A;
/// `BOUNDSHEET`: a sheet's name and where its substream starts.
const BOUNDSHEET: u16 = 0x0085;
/// `ROW`: a row's properties; bit 5 of its option flags hides it.
const ROW: u16 = 0x0208;
/// `COLINFO`: a run of columns' properties; bit 0 of its flags hides them.
const COLINFO: u16 = 0x007D;
/// The BIFF version a BIFF8 `BOF` names.
const BIFF8: u16 = 0x0600;

/// The records of `stream` from `at`: (type, body), until the data ends or
/// a record runs past it.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, pos)?;
        let len = usize::from(u16_at(stream, pos.checked_add(2)?)?);
        let start = pos.checked_add(4)?;
        let end = start.checked_add(len)?;
        let body = stream.get(start..end)?;
        pos = end;
        Some((kind, body))
    })
}

/// The little-endian `u16` at `at`, if the data holds it.
fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes(bytes.try_into().ok()?))
}

/// A `BOUNDSHEET` record's substream offset and sheet name (BIFF8: a
/// one-byte length, a flag byte, then Latin-1 bytes or UTF-16LE units).
fn bound_sheet(body: &[u8]) -> Option<(usize, String)> {
    let pos = u32::from_le_bytes(body.get(0..4)?.try_into().ok()?);
    let cch = usize::from(*body.get(6)?);
    let wide = body.get(7)? & 1 == 1;
    let chars = body.get(8..)?;
    let name = if wide {
        let units: Vec<u16> = (0..cch).map_while(|i| u16_at(chars, i * 2)).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    };
    Some((usize::try_from(pos).ok()?, name))
}

/// The hidden rows and columns of every sheet of a BIFF8 workbook stream,
/// by sheet name; empty for BIFF5 or a stream that does not start with a
/// `BOF`. The records walked in all are at most one pass over the stream
/// per sheet, and never more than the stream could hold twice over, so
/// sheets pointing into each other cost no more than reading it.
pub(crate) fn hidden(stream: &[u8]) -> HashMap<String, HiddenRanges> {
    let mut out = HashMap::new();
    let mut globals = records(stream, 0);
    match globals.next() {
        Some((BOF, body)) if u16_at(body, 0) == Some(BIFF8) => {}
        _ => return out,
    }
    let sheets: Vec<(usize, String)> = globals
        .take_while(|(kind, _)| *kind != EOF)
        .filter(|(kind, _)| *kind == BOUNDSHEET)
        .filter_map(|(_, body)| bound_sheet(body))
        .collect();
    let mut budget = stream.len() / 2;
    for (at, name) in sheets {
        let mut ranges = HiddenRanges::default();
        let mut depth = 0usize;
        for (kind, body) in records(stream, at) {
            if budget == 0 {
                return out;
            }
            budget -= 1;
            match kind {
                BOF => depth += 1,
                EOF => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                // A chart inside the sheet has rows of its own kind: only
                // the sheet's own records count.
                ROW if depth == 1 => {
                    if let (Some(row), Some(flags)) = (u16_at(body, 0), u16_at(body, 12)) {
                        if flags & 0x0020 != 0 {
                            ranges.hide_rows(u32::from(row), u32::from(row));
                        }
                    }
                }
                COLINFO if depth == 1 => {
                    let first = u16_at(body, 0);
                    let last = u16_at(body, 2);
                    if let (Some(first), Some(last), Some(flags)) = (first, last, u16_at(body, 8)) {
                        if flags & 0x0001 != 0 && first <= last {
                            ranges.hide_cols(u32::from(first), u32::from(last));
                        }
                    }
                }
                _ if depth == 0 => break,
                _ => {}
            }
        }
        if !ranges.is_empty() {
            out.insert(name, ranges);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend_from_slice(&u16::try_from(body.len()).unwrap().to_le_bytes());
        r.extend_from_slice(body);
        r
    }

    fn row(n: u16, hidden: bool) -> Vec<u8> {
        let mut body = vec![0u8; 16];
        body[0..2].copy_from_slice(&n.to_le_bytes());
        body[12..14].copy_from_slice(&(if hidden { 0x0120u16 } else { 0x0100 }).to_le_bytes());
        record(ROW, &body)
    }

    #[test]
    fn hidden_rows_and_columns_are_found_per_sheet() {
        let bof = record(BOF, &[0x00, 0x06, 0x05, 0x00]);
        let eof = record(EOF, &[]);
        let name: Vec<u8> = "表三".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let sheet_at = |at: u32| {
            let mut body = at.to_le_bytes().to_vec();
            body.extend_from_slice(&[0, 0, 2, 1]);
            body.extend_from_slice(&name);
            record(BOUNDSHEET, &body)
        };
        // The globals' length does not depend on the offset's value.
        let globals_len = bof.len() + sheet_at(0).len() + eof.len();
        let mut stream = [bof.clone(), sheet_at(globals_len as u32), eof.clone()].concat();
        let mut cols = vec![0u8; 12];
        cols[0..2].copy_from_slice(&2u16.to_le_bytes());
        cols[2..4].copy_from_slice(&3u16.to_le_bytes());
        cols[8..10].copy_from_slice(&1u16.to_le_bytes());
        for part in [
            bof.clone(),
            record(COLINFO, &cols),
            row(0, false),
            row(4, true),
            row(5, true),
            // A chart's substream inside the sheet: its records are not
            // the sheet's.
            bof,
            row(9, true),
            eof.clone(),
            row(7, true),
            eof,
        ] {
            stream.extend_from_slice(&part);
        }
        let found = hidden(&stream);
        let sheet = found.get("表三").cloned().unwrap_or_default();
        assert_eq!(sheet.rows, vec![(4, 5), (7, 7)]);
        assert_eq!(sheet.cols, vec![(2, 3)]);
    }

    #[test]
    fn garbage_finds_nothing() {
        assert!(hidden(&[0xFF; 64]).is_empty());
        assert!(hidden(&[]).is_empty());
    }
}
