//! Is it a web page? By content, whatever the file is called: a doctype or
//! `<html` at the start is certain; a page fragment (`<table`, `<p`, `<div`
//! near the start) is likely; a MIME archive of related parts is certain.

use gongkai_ir::Sniff;

use crate::decode::find;
use crate::mht::looks_like_mht;

/// How many bytes of the start are looked at.
const HEAD_BYTES: usize = 8192;

/// Tags that start a page for certain.
const CERTAIN: &[&[u8]] = &[b"<!doctype html", b"<html", b"<?xml version"];

/// Tags a page fragment holds.
const LIKELY: &[&[u8]] = &[
    b"<html", b"<body", b"<table", b"<p>", b"<p ", b"<div", b"<meta ",
];

/// The start of `data` as ASCII-comparable bytes: UTF-16 decoded, the
/// byte-order mark dropped, lower-cased.
fn head(data: &[u8]) -> Vec<u8> {
    let head = data.get(..data.len().min(HEAD_BYTES)).unwrap_or(data);
    let bytes = match encoding_rs::Encoding::for_bom(head) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => {
            let body = head.get(bom..).unwrap_or_default();
            encoding
                .decode_without_bom_handling(body)
                .0
                .into_owned()
                .into_bytes()
        }
        Some((_, bom)) => head.get(bom..).unwrap_or_default().to_vec(),
        None => head.to_vec(),
    };
    bytes.to_ascii_lowercase()
}

/// How sure it is that `data` is a page or a web archive.
pub(crate) fn sniff(data: &[u8]) -> Sniff {
    if looks_like_mht(data) {
        return Sniff::Yes;
    }
    let head = head(data);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let trimmed = head.get(start..).unwrap_or_default();
    if CERTAIN.iter().any(|t| trimmed.starts_with(t)) {
        // An XML prologue is a page only when an html element follows.
        if trimmed.starts_with(b"<?xml") && find(trimmed, b"<html").is_none() {
            return Sniff::No;
        }
        return Sniff::Yes;
    }
    if trimmed.starts_with(b"<!--") && find(trimmed, b"<html").is_some() {
        return Sniff::Yes;
    }
    if LIKELY.iter().any(|t| find(&head, t).is_some()) {
        return Sniff::Maybe;
    }
    Sniff::No
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_fragments_and_others() {
        assert_eq!(sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"), Sniff::Yes);
        assert_eq!(sniff(b"<HTML><BODY>"), Sniff::Yes);
        assert_eq!(sniff(b"<table><tr><td>1</td></tr></table>"), Sniff::Maybe);
        assert_eq!(sniff("一、总体情况\n本年度".as_bytes()), Sniff::No);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><w:document>"), Sniff::No);
        assert_eq!(sniff(b"PK\x03\x04"), Sniff::No);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html><p>x".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff(&utf16), Sniff::Yes);
    }
}
