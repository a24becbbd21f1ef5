//! Byte → text decoding with encoding detection. The encoding used is always
//! reported; bytes that fit no supported encoding are an error, never a guess.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
use gongkai_ir::ReadError;

/// Text decoded from bytes, with the name of the encoding used.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (borrowed from the input when it is UTF-8 already).
    pub text: std::borrow::Cow<'a, str>,
    /// The encoding used, as a label for diagnostics.
    pub encoding: &'static str,
    /// True when the encoding came from a byte-order mark.
    pub from_bom: bool,
}

/// Characters almost every report has; GB18030 text without any of them is
/// probably some other encoding that happens to decode.
const COMMON_CHINESE: &[char] = &[
    '的', '年', '信', '息', '公', '开', '政', '府', '报', '告', '一',
];

/// Decode `data`, detecting UTF-8 (with or without BOM), UTF-16 LE/BE (BOM,
/// or without BOM from the pattern of zero bytes) and GB18030/GBK.
pub fn decode(data: &[u8]) -> Result<Decoded<'_>, ReadError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(data) {
        let body = data.get(bom_len..).unwrap_or_default();
        let text = strict(encoding, body).ok_or_else(|| {
            ReadError::Encoding(format!(
                "the file starts with a {} byte-order mark but is not valid {}",
                encoding.name(),
                encoding.name()
            ))
        })?;
        return Ok(Decoded {
            text: text.into(),
            encoding: encoding.name(),
            from_bom: true,
        });
    }
    // simdutf8: std's validator takes ~8 instructions a byte on Chinese text.
    if let Ok(text) = simdutf8::basic::from_utf8(data) {
        if !data.contains(&0) {
            return Ok(Decoded {
                text: text.into(),
                encoding: "UTF-8",
                from_bom: false,
            });
        }
    }
    if let Some(encoding) = utf16_without_bom(data) {
        if let Some(text) = strict(encoding, data) {
            return Ok(Decoded {
                text: text.into(),
                encoding: encoding.name(),
                from_bom: false,
            });
        }
    }
    if data.contains(&0) {
        return Err(ReadError::Encoding(
            "binary data (zero bytes), not text in any supported encoding".to_string(),
        ));
    }
    match strict(GB18030, data) {
        Some(text) if text.chars().any(|c| COMMON_CHINESE.contains(&c)) => Ok(Decoded {
            text: text.into(),
            encoding: "GB18030",
            from_bom: false,
        }),
        Some(_) => Err(ReadError::Encoding(
            "unknown encoding: not UTF-8 or UTF-16, and the bytes decode as GB18030 but do not read as Chinese".to_string(),
        )),
        None => Err(ReadError::Encoding(
            "unknown encoding: not UTF-8, UTF-16 or GB18030/GBK".to_string(),
        )),
    }
}

/// Decode without replacement characters; `None` on any malformed sequence.
fn strict(encoding: &'static Encoding, data: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(data)
        .map(|cow| cow.into_owned())
}

/// UTF-16 without a BOM: mostly-ASCII or CJK text has zero bytes in one
/// parity only. Needs an even length and a clear majority.
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
    let pairs = sample.len() / 2;
    if odd_zero * 4 >= pairs && even_zero == 0 {
        Some(UTF_16LE)
    } else if even_zero * 4 >= pairs && odd_zero == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
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
    // Cut at a char boundary: the head may end inside a multi-byte character.
    let valid_utf8 = match simdutf8::compat::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 >= head.len(),
    };
    if valid_utf8 && !head.contains(&0) {
        return !has_many_controls(head);
    }
    if utf16_without_bom(head).is_some() {
        return true;
    }
    !head.contains(&0) && !has_many_controls(head)
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

    #[test]
    fn unknown_encoding_is_an_error() {
        // Shift_JIS bytes that are not valid UTF-8 and not Chinese.
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("ｱｲｳｴｵｶｷｸｹｺ");
        assert!(decode(&bytes).is_err());
        assert!(decode(&[0x00, 0x01, 0x02, 0xFF, 0x00]).is_err());
    }
}
