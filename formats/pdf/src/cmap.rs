//! CMaps: embedded ToUnicode and CID CMaps, and the predefined Adobe-GB1
//! tables generated from poppler-data (`cargo xtask fixtures pdf`).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::lex::literal_string_end;

/// A code space range: codes of `len` bytes between `lo` and `hi`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CodeSpace {
    /// Bytes per code.
    pub len: u8,
    /// Lowest code.
    pub lo: u32,
    /// Highest code.
    pub hi: u32,
}

/// A parsed CMap: code spaces, code → Unicode (bf) and code → CID (cid) maps.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    /// Code space ranges (empty: unknown).
    pub spaces: Vec<CodeSpace>,
    /// Code → Unicode text (from bfchar/bfrange).
    pub unicode: HashMap<u32, String>,
    /// Code ranges → CID (from cidchar/cidrange): (lo, hi, first cid), sorted.
    pub cids: Vec<(u32, u32, u32)>,
}

/// Most entries read from one embedded CMap; a bigger one is hostile.
const MAX_ENTRIES: usize = 200_000;
/// Most tokens read from one embedded CMap: a few per entry, so a stream of
/// brackets cannot make a token list 30 times its size.
const MAX_TOKENS: usize = 4 * MAX_ENTRIES + 4096;

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Num(i64),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = data.get(i) {
        if out.len() >= MAX_TOKENS {
            break;
        }
        match c {
            b'%' => {
                while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while let Some(&c) = data.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    if let Some(d) = (c as char).to_digit(16) {
                        digits.push(d as u8);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                let bytes = digits
                    .chunks(2)
                    .map(|p| p.iter().fold(0u8, |acc, d| (acc << 4) | d))
                    .collect();
                out.push(Tok::Hex(bytes));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            // Literal strings only occur in headers (Registry); skip them.
            b'(' => i = literal_string_end(data, i),
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while data
                    .get(i)
                    .is_some_and(|&c| !c.is_ascii_whitespace() && !b"<>[]()%".contains(&c))
                {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = data.get(start..i).unwrap_or_default();
                match std::str::from_utf8(word).ok().and_then(|s| s.parse().ok()) {
                    Some(n) => out.push(Tok::Num(n)),
                    None => out.push(Tok::Word(word)),
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| match p {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0,
        })
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// The text for code `lo + offset` of a bfrange whose first destination is `dst`.
fn bump(dst: &[u8], offset: u32) -> String {
    let mut bytes = dst.to_vec();
    if let Some(last) = bytes.len().checked_sub(2) {
        let tail = bytes.get(last..).map(code_of).unwrap_or(0);
        let v = tail.wrapping_add(offset) as u16;
        bytes.truncate(last);
        bytes.extend_from_slice(&v.to_be_bytes());
    } else if let Some(b) = bytes.last_mut() {
        *b = b.wrapping_add(offset as u8);
    }
    utf16(&bytes)
}

impl CMap {
    /// Parse a CMap stream (ToUnicode or CID); malformed parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        let mut entries = 0usize;
        while let Some(tok) = toks.get(i) {
            i += 1;
            let Tok::Word(w) = tok else { continue };
            match *w {
                b"begincodespacerange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        map.spaces.push(CodeSpace {
                            len: lo.len().clamp(1, 4) as u8,
                            lo: code_of(lo),
                            hi: code_of(hi),
                        });
                        i += 2;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        map.unicode.insert(code_of(src), utf16(dst));
                        i += 2;
                        entries += 1;
                    }
                }
                b"beginbfrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        i += 2;
                        match toks.get(i) {
                            Some(Tok::Hex(dst)) => {
                                i += 1;
                                for (n, code) in (lo..=hi).enumerate() {
                                    if entries > MAX_ENTRIES {
                                        break;
                                    }
                                    map.unicode.insert(code, bump(dst, n as u32));
                                    entries += 1;
                                }
                            }
                            Some(Tok::Open) => {
                                i += 1;
                                let mut code = lo;
                                while let Some(Tok::Hex(dst)) = toks.get(i) {
                                    if code <= hi {
                                        map.unicode.insert(code, utf16(dst));
                                        entries += 1;
                                    }
                                    code = code.wrapping_add(1);
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Tok::Close) {
                                    i += 1;
                                }
                            }
                            _ => break,
                        }
                        if entries > MAX_ENTRIES {
                            break;
                        }
                    }
                }
                b"begincidchar" => {
                    while let (Some(Tok::Hex(src)), Some(Tok::Num(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let c = code_of(src);
                        map.cids.push((c, c, *cid as u32));
                        i += 2;
                    }
                }
                b"begincidrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Num(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        map.cids.push((code_of(lo), code_of(hi), *cid as u32));
                        i += 3;
                    }
                }
                _ => {}
            }
        }
        map.cids.sort_unstable();
        map
    }

    /// The CID of `code`, from the cid ranges.
    pub fn cid(&self, code: u32) -> Option<u32> {
        let idx = self.cids.partition_point(|r| r.0 <= code);
        let (lo, hi, cid) = *self.cids.get(idx.checked_sub(1)?)?;
        (code >= lo && code <= hi).then(|| cid + (code - lo))
    }

    /// How many bytes the code starting at `bytes` takes, by the code spaces
    /// (`default` when none matches or none is known).
    pub fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        for space in &self.spaces {
            let len = usize::from(space.len);
            if let Some(code) = bytes.get(..len).map(code_of) {
                // Match by the lead byte so that codes outside the ranges still split alike.
                let shift = 8 * (len as u32 - 1);
                if (code >> shift) >= (space.lo >> shift) && (code >> shift) <= (space.hi >> shift)
                {
                    return len;
                }
            }
        }
        default
    }

    fn from_table(bin: &[u8]) -> CMap {
        let words: Vec<u32> = bin
            .chunks_exact(4)
            .filter_map(|c| Some(u32::from_le_bytes(c.try_into().ok()?)))
            .collect();
        let nspace = words.first().copied().unwrap_or(0) as usize;
        let mut map = CMap::default();
        let body = words.get(1..).unwrap_or_default();
        for (n, rec) in body.chunks_exact(3).enumerate() {
            let &[a, b, c] = rec else { continue };
            if n < nspace {
                map.spaces.push(CodeSpace {
                    len: a as u8,
                    lo: b,
                    hi: c,
                });
            } else {
                map.cids.push((a, b, c));
            }
        }
        map
    }
}

static GB_EUC_H: &[u8] = include_bytes!("../tables/gb-euc-h.bin");
static GBK_EUC_H: &[u8] = include_bytes!("../tables/gbk-euc-h.bin");
static ADOBE_GB1: &[u8] = include_bytes!("../tables/adobe_gb1_ucs2.bin");

/// A predefined code → CID CMap by name (the `-V` variants share the `-H` codes).
pub fn predefined(name: &str) -> Option<&'static CMap> {
    static GB: OnceLock<CMap> = OnceLock::new();
    static GBK: OnceLock<CMap> = OnceLock::new();
    match name {
        "GB-EUC-H" | "GB-EUC-V" => Some(GB.get_or_init(|| CMap::from_table(GB_EUC_H))),
        "GBK-EUC-H" | "GBK-EUC-V" => Some(GBK.get_or_init(|| CMap::from_table(GBK_EUC_H))),
        _ => None,
    }
}

/// The Unicode character of an Adobe-GB1 CID.
pub fn adobe_gb1(cid: u32) -> Option<char> {
    static ASTRAL: OnceLock<HashMap<u32, char>> = OnceLock::new();
    let count = ADOBE_GB1
        .get(..4)
        .and_then(|b| Some(u32::from_le_bytes(b.try_into().ok()?)))
        .unwrap_or(0);
    if cid >= count || cid == 0 {
        return None;
    }
    let at = 4 + 2 * cid as usize;
    let v = ADOBE_GB1
        .get(at..at + 2)
        .and_then(|b| Some(u16::from_le_bytes(b.try_into().ok()?)))
        .unwrap_or(0);
    if v != 0 {
        return char::from_u32(u32::from(v));
    }
    let astral = ASTRAL.get_or_init(|| {
        let start = 4 + 2 * count as usize;
        ADOBE_GB1
            .get(start..)
            .unwrap_or_default()
            .chunks_exact(6)
            .filter_map(|r| {
                let &[a, b, c, d, e, f] = r else { return None };
                let cid = u32::from(u16::from_le_bytes([a, b]));
                let cp = u32::from_le_bytes([c, d, e, f]);
                Some((cid, char::from_u32(cp)?))
            })
            .collect()
    });
    astral.get(&cid).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb1_table() {
        assert_eq!(adobe_gb1(34), Some('A'));
        let gbk = predefined("GBK-EUC-H").unwrap();
        // 政 is 0xD5FE in GBK.
        let cid = gbk.cid(0xD5FE).unwrap();
        assert_eq!(adobe_gb1(cid), Some('政'));
        assert_eq!(gbk.code_len(&[0xD5, 0xFE], 1), 2);
        assert_eq!(gbk.code_len(&[0x41], 2), 1);
    }

    #[test]
    fn to_unicode() {
        let m = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <653F> endbfchar\n\
              1 beginbfrange <0020> <0022> <5E9C> endbfrange\n\
              1 beginbfrange <0030> <0031> [<0041> <0042>] endbfrange",
        );
        assert_eq!(m.unicode[&0x10], "政");
        assert_eq!(m.unicode[&0x21], "\u{5E9D}");
        assert_eq!(m.unicode[&0x31], "B");
        assert_eq!(m.code_len(&[0, 1], 1), 2);
    }
}
