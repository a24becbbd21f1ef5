//! Byte → text decoding with encoding detection. The encoding used is always
//! reported; bytes that fit no supported encoding are an error, never a guess.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use gongkai_ir::{ReadError, Undecodable};

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (borrowed from the input when it is UTF-8 already).
    pub text: std::borrow::Cow<'a, str>,
    /// The encoding used, as a label for diagnostics.
    pub encoding: &'static str,
    /// True when the encoding came from a byte-order mark.
    pub from_bom: bool,
    /// NUL characters cut from the end of the text (zero padding).
    pub padding: usize,
}

/// Characters almost every report has; GB18030 text without any of them is
/// probably some other encoding that happens to decode.
const COMMON_CHINESE: &[char] = &[
    '的', '年', '信', '息', '公', '开', '政', '府', '报', '告', '一',
];

/// Decode `data`, detecting UTF-8 (with or without BOM), UTF-16 LE/BE (BOM,
/// or without BOM from its zero bytes and what the text reads as) and
/// GB18030/GBK. NUL characters are refused, except as padding at the end.
pub fn decode(data: &[u8]) -> Result<Decoded<'_>, ReadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(data) {
        let body = data.get(bom_len..).unwrap_or_default();
        let text = strict(encoding, body)
            .ok_or_else(|| ReadError::Encoding(Undecodable::Bom(encoding.name())))?;
        return decoded(text.into(), encoding.name(), true);
    }
    // simdutf8: std's validator takes ~8 instructions a byte on Chinese text.
    let utf8 = simdutf8::basic::from_utf8(data).ok();
    if let Some(text) = utf8 {
        if !data.contains(&0) {
            return decoded(text.into(), "UTF-8", false);
        }
    }
    if let Some(encoding) = utf16_without_bom(data) {
        let text = strict(encoding, data)
            .ok_or_else(|| ReadError::Encoding(Undecodable::Utf16(encoding.name())))?;
        return decoded(text.into(), encoding.name(), false);
    }
    if let Some(text) = utf8 {
        return decoded(text.into(), "UTF-8", false);
    }
    if data.contains(&0) {
        return Err(ReadError::Encoding(Undecodable::Binary));
    }
    match strict(GB18030, data) {
        Some(text) if text.chars().any(|c| COMMON_CHINESE.contains(&c)) => {
            decoded(text.into(), "GB18030", false)
        }
        Some(_) => Err(ReadError::Encoding(Undecodable::NotChinese)),
        None => Err(ReadError::Encoding(Undecodable::Unknown)),
    }
}

/// The decoded text after the NUL rule. NULs at the end are padding (a
/// file written into a larger, zeroed space) and carry nothing: they are
/// cut, and said. A NUL inside the text stands for a character that was
/// lost or is in another encoding; dropping it could join two numbers
/// (`1␀2` → `12`), so the file is refused, naming where.
fn decoded<'a>(
    text: std::borrow::Cow<'a, str>,
    encoding: &'static str,
    from_bom: bool,
) -> Result<Decoded<'a>, ReadError> {
    let end = text.trim_end_matches('\0').len();
    let padding = text.get(end..).map_or(0, str::len);
    let body = text.get(..end).unwrap_or_default();
    if let Some(at) = memchr::memchr(0, body.as_bytes()) {
        let before = body.get(..at).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(ReadError::Encoding(Undecodable::Nul {
            encoding,
            line,
            column,
        }));
    }
    let text = match text {
        std::borrow::Cow::Borrowed(t) => std::borrow::Cow::Borrowed(t.get(..end).unwrap_or(t)),
        std::borrow::Cow::Owned(mut t) => {
            t.truncate(end);
            std::borrow::Cow::Owned(t)
        }
    };
    Ok(Decoded {
        text,
        encoding,
        from_bom,
        padding,
    })
}

/// Decode without replacement characters; `None` on any malformed sequence.
fn strict(encoding: &'static Encoding, data: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(data)
        .map(|cow| cow.into_owned())
}

/// UTF-16 without a BOM. Only such text has zero bytes: the high byte of
/// every ASCII character (spaces, digits, line ends), and the low byte of a
/// few CJK characters (一 U+4E00, 开 U+5F00). The parity with more zeros
/// gives the byte order, which must then read as text: in the wrong order
/// ASCII turns into rare symbols and Chinese into rare ideographs.
fn utf16_without_bom(data: &[u8]) -> Option<&'static Encoding> {
    if data.len() < 4 || !data.len().is_multiple_of(2) {
        return None;
    }
    let sample = data.get(..data.len().min(4096))?;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_zero += 1;
            } else {
                odd_zero += 1;
            }
        }
    }
    let encoding = match odd_zero.cmp(&even_zero) {
        std::cmp::Ordering::Greater => UTF_16LE,
        std::cmp::Ordering::Less => UTF_16BE,
        std::cmp::Ordering::Equal => return None,
    };
    let (text, _) = encoding.decode_without_bom_handling(sample);
    let (mut common, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        common += usize::from(is_common(c));
    }
    (common * 10 >= all * 9).then_some(encoding)
}

/// Characters a report is written in: ASCII text, CJK ideographs and
/// punctuation, full-width forms, quotes and dashes.
fn is_common(c: char) -> bool {
    c.is_ascii_graphic()
        || matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
        || matches!(u32::from(c),
            0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027 | 0x00B7 | 0x2160..=0x217F | 0x25A0..=0x25FF)
}

/// True when `data` looks like text in a supported encoding (for sniffing).
pub fn looks_like_text(data: &[u8]) -> bool {
    let head = data.get(..data.len().min(8192)).unwrap_or(data);
    if Encoding::for_bom(head).is_some() {
        return true;
    }
    if head.is_empty() {
        return false;
    }
    if utf16_without_bom(head).is_some() {
        return true;
    }
    // Zero padding at the end of a short file is the reader's to cut.
    let head = if head.len() == data.len() {
        let end = head.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        head.get(..end).unwrap_or(head)
    } else {
        head
    };
    // Cut at a char boundary: the head may end inside a multi-byte character.
    let valid_utf8 = match simdutf8::compat::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 >= head.len(),
    };
    // A few NULs in UTF-8 are the reader's to refuse with a reason (they
    // count as control characters).
    if valid_utf8 {
        return !head.is_empty() && !has_many_controls(head);
    }
    !head.contains(&0) && !has_many_controls(head)
}

/// Markup a web page starts with or holds near its start; such text is the
/// HTML reader's, not read as plain text with its tags.
const HTML_TAGS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<table",
    b"<meta ",
    b"<div",
    b"<p>",
    b"<p ",
];

/// True when `data` is a web page (its start holds HTML markup). Only
/// ASCII bytes are compared, so UTF-8, GBK and Big5 pages are all seen.
pub fn looks_like_html(data: &[u8]) -> bool {
    let head = data.get(..data.len().min(8192)).unwrap_or(data);
    let head = match Encoding::for_bom(head) {
        Some((encoding, bom)) if encoding != encoding_rs::UTF_8 => encoding
            .decode_without_bom_handling(head.get(bom..).unwrap_or_default())
            .0
            .into_owned()
            .into_bytes(),
        _ => head.to_vec(),
    };
    // Only at a `<`: most text has none, and is passed over at memchr speed.
    memchr::memchr_iter(b'<', &head).any(|at| {
        let rest = head.get(at..).unwrap_or_default();
        HTML_TAGS.iter().any(|tag| {
            rest.get(..tag.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(tag))
        })
    })
}

fn has_many_controls(head: &[u8]) -> bool {
    // Bitwise, not short-circuit, and counted per chunk in bytes: the inner
    // loop then runs on vectors.
    let mut controls = 0usize;
    for chunk in head.chunks(128) {
        let mut n: u8 = 0;
        for &b in chunk {
            n += u8::from(b < 0x20)
                & u8::from(b != b'\n')
                & u8::from(b != b'\r')
                & u8::from(b != b'\t')
                & u8::from(b != 0x0c);
        }
        controls += usize::from(n);
    }
    controls * 100 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "政府信息公开工作年度报告\n\t规章\n";

    #[test]
    fn utf8_plain_and_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.encoding, d.from_bom), ("UTF-8", false));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert!(d.from_bom);
    }

    #[test]
    fn utf16_both_orders() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in &units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, SAMPLE);
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE");
        assert_eq!(decode(&be).unwrap().text, SAMPLE);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn gb18030() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "GB18030");
    }

    fn utf16(text: &str, bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
        text.encode_utf16().flat_map(bytes).collect()
    }

    #[test]
    fn utf16_without_bom_both_orders_even_with_zero_low_bytes() {
        // 一 (U+4E00) and 开 (U+5F00) have a zero low byte: both parities
        // hold zeros, and the byte order comes from how the text reads.
        let text = "一、总体情况\n2024 年，公开政府信息 2428 条。\n  规章     0     0\n";
        for (bytes, name) in [
            (utf16(text, u16::to_le_bytes), "UTF-16LE"),
            (utf16(text, u16::to_be_bytes), "UTF-16BE"),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!(
                (d.text.as_ref(), d.encoding, d.from_bom),
                (text, name, false)
            );
            assert!(looks_like_text(&bytes));
        }
    }

    #[test]
    fn nul_inside_is_refused_and_at_the_end_cut() {
        let text = format!("规章  1\n行政许可  9\u{0}5\n{}", SAMPLE.repeat(10));
        let err = decode(text.as_bytes()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("NUL") && msg.contains("line 2, column 8"),
            "{msg}"
        );
        // Claimed, so that the reader says why it refuses.
        assert!(looks_like_text(text.as_bytes()));
        let err = decode(&utf16("一、总体情况\n9\u{0}5\n", u16::to_le_bytes)).unwrap_err();
        assert!(
            err.to_string().contains("UTF-16LE text holds a NUL"),
            "{err}"
        );
        let mut padded = SAMPLE.as_bytes().to_vec();
        padded.extend_from_slice(&[0; 100]);
        let d = decode(&padded).unwrap();
        assert_eq!((d.text.as_ref(), d.padding), (SAMPLE, 100));
        assert!(looks_like_text(&padded));
    }

    #[test]
    fn web_pages_are_not_plain_text() {
        assert!(looks_like_html(b"<!DOCTYPE html>\n<html><body><p>x</p>"));
        assert!(looks_like_html(
            "一、总体情况<table><tr><td>1</td></tr></table>".as_bytes()
        ));
        assert!(!looks_like_html(SAMPLE.as_bytes()));
        assert!(!looks_like_html("规章 <1> 件".as_bytes()));
    }

    #[test]
    fn unknown_encoding_is_an_error() {
        // Shift_JIS bytes that are not valid UTF-8 and not Chinese.
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("ｱｲｳｴｵｶｷｸｹｺ");
        assert!(decode(&bytes).is_err());
        assert!(decode(&[0x00, 0x01, 0x02, 0xFF, 0x00]).is_err());
    }
}
