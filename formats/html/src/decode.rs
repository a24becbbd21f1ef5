//! Bytes → text for web pages: a byte-order mark, then the charset the page
//! (or its MHT part) declares, then a detector for pages that declare
//! nothing or lie. GB2312 and GBK are decoded as GB18030, their superset,
//! so that a page declaring GB2312 but using GBK characters still decodes.

use encoding_rs::{Encoding, GB18030, UTF_8};
use gongkai_ir::ReadError;

use crate::phrases::CHARSET_PRESCAN_BYTES;

/// A decoded page and how its encoding was chosen.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The page's text.
    pub text: String,
    /// A sentence for the encoding diagnostic.
    pub how: String,
    /// True when bytes had to be replaced (U+FFFD).
    pub lossy: bool,
}

/// The encoding a label names, with GB2312/GBK widened to GB18030 and
/// UTF-16 labels in a meta tag read as UTF-8 (the HTML standard's rule: a
/// page that could hold the ASCII meta tag is not UTF-16).
fn widened(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    Some(if encoding == encoding_rs::GBK {
        GB18030
    } else if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    })
}

/// Decode a page; `declared` is a charset from outside the page (an MHT
/// part's `Content-Type`), which wins over the page's own meta tag.
pub(crate) fn decode(data: &[u8], declared: Option<&str>) -> Result<Decoded, ReadError> {
    if let Some((encoding, bom)) = Encoding::for_bom(data) {
        let body = data.get(bom..).unwrap_or_default();
        let (text, lossy) = decode_with(encoding, body);
        return Ok(Decoded {
            text,
            how: format!("{} (from its byte-order mark)", encoding.name()),
            lossy,
        });
    }
    let from_header = declared.and_then(|l| widened(l.trim().as_bytes()).map(|e| (e, l)));
    let from_meta = meta_charset(data).and_then(|l| widened(&l).map(|e| (e, l)));
    let claim = from_header
        .map(|(e, l)| (e, format!("declared {} in its MIME part", l.trim())))
        .or_else(|| {
            from_meta.map(|(e, l)| {
                let label = String::from_utf8_lossy(&l).into_owned();
                (e, format!("declared {label} in a meta tag"))
            })
        });
    if let Some((encoding, said)) = &claim {
        if let Some(text) = strict(encoding, data) {
            return Ok(Decoded {
                text,
                how: format!("{} ({said})", encoding.name()),
                lossy: false,
            });
        }
    }
    let guess = detect(data);
    if let Some(text) = strict(guess, data) {
        let how = match &claim {
            Some((_, said)) => format!(
                "{} (detected from its bytes; the page {said}, which does not fit them)",
                guess.name()
            ),
            None => format!(
                "{} (detected from its bytes; nothing declared)",
                guess.name()
            ),
        };
        return Ok(Decoded {
            text,
            how,
            lossy: false,
        });
    }
    // Neither fits every byte: the declared one, or the guess, with the
    // bad bytes replaced and said.
    let encoding = claim.as_ref().map_or(guess, |(e, _)| *e);
    let (text, lossy) = decode_with(encoding, data);
    Ok(Decoded {
        text,
        how: format!(
            "{} (some bytes do not fit it and were replaced)",
            encoding.name()
        ),
        lossy,
    })
}

/// The detector's guess: UTF-8 when it is valid, otherwise chardetng's
/// (with GBK widened to GB18030).
fn detect(data: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(data).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(data, true);
    let guess = detector.guess(None, false);
    if guess == encoding_rs::GBK {
        GB18030
    } else {
        guess
    }
}

fn strict(encoding: &'static Encoding, data: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(data)
        .map(std::borrow::Cow::into_owned)
}

fn decode_with(encoding: &'static Encoding, data: &[u8]) -> (String, bool) {
    let (text, lossy) = encoding.decode_without_bom_handling(data);
    (text.into_owned(), lossy)
}

/// The charset a `<meta charset=…>` or `<meta http-equiv=Content-Type
/// content="…; charset=…">` near the start of the page names: a byte scan
/// like the HTML standard's prescan (the page is not decoded yet).
pub(crate) fn meta_charset(data: &[u8]) -> Option<Vec<u8>> {
    let head = data
        .get(..data.len().min(CHARSET_PRESCAN_BYTES))
        .unwrap_or(data);
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(lower.get(from..)?, b"<meta") {
        let start = from + at;
        let tag = lower.get(start..)?;
        let end = tag.iter().position(|&b| b == b'>').unwrap_or(tag.len());
        let tag = tag.get(..end)?;
        if let Some(label) = charset_in(tag) {
            return Some(label);
        }
        from = start + 5;
    }
    None
}

/// The value after `charset=` in a lower-cased meta tag.
fn charset_in(tag: &[u8]) -> Option<Vec<u8>> {
    let at = find(tag, b"charset")?;
    let rest = tag.get(at + 7..)?;
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(rest.len());
    let label = rest.get(..end)?;
    (!label.is_empty()).then(|| label.to_vec())
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_tags_of_both_kinds() {
        let a = b"<html><head><meta charset=\"gb2312\"></head>";
        assert_eq!(meta_charset(a).as_deref(), Some(&b"gb2312"[..]));
        let b = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\">";
        assert_eq!(meta_charset(b).as_deref(), Some(&b"gbk"[..]));
        assert_eq!(meta_charset(b"<meta name=x content=y><p>charset=no"), None);
    }

    #[test]
    fn gb2312_declared_with_gbk_characters_decodes() {
        // 镕 is in GBK, not in GB2312.
        let text = "<meta charset=gb2312><p>朱镕基 政府信息公开</p>";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert!(d.how.starts_with("gb18030 (declared gb2312"), "{}", d.how);
    }

    #[test]
    fn a_lying_declaration_is_overruled() {
        let text = "<meta charset=utf-8><p>政府信息公开工作年度报告，本年新收申请</p>";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, text);
        assert!(d.how.contains("detected"), "{}", d.how);
    }

    #[test]
    fn undeclared_gbk_and_utf8_and_bom() {
        let text = "<p>政府信息公开工作年度报告。本年度共收到申请十二件，全部按期答复。</p>";
        let (bytes, _, _) = GB18030.encode(text);
        assert_eq!(decode(&bytes, None).unwrap().text, text);
        assert_eq!(decode(text.as_bytes(), None).unwrap().text, text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert!(decode(&bom, None).unwrap().how.contains("byte-order mark"));
    }

    #[test]
    fn the_mime_part_charset_wins() {
        let text = "<meta charset=utf-8><p>政府</p>";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let d = decode(&bytes, Some("big5")).unwrap();
        assert_eq!(d.text, text);
    }
}
