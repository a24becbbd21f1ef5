//! Fonts: splitting shown strings into codes and codes into Unicode and widths.

use std::borrow::Cow;
use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::cmap::{self, CMap};
use crate::font_arrays::Unparsed;
use crate::objects::{deref, get, get_dict, num, stream_data};

/// Largest stream decoded for a font (a CMap, an embedded font file).
const MAX_FONT_STREAM: usize = 64 << 20;
/// Largest CIDToGIDMap: two bytes for each of 65,536 CIDs.
const MAX_CID_TO_GID: usize = 2 << 16;

/// How codes turn into Unicode when there is no ToUnicode entry.
#[derive(Debug, Clone)]
enum Fallback {
    /// A simple font: one byte, a 256-entry table.
    Simple(Box<[Option<String>]>),
    /// A simple font's table, not built yet: its ToUnicode map usually
    /// covers every code, and a browser's print has 150 Type 3 fonts.
    /// Holds the font dictionary's object.
    DeferredSimple(ObjectId),
    /// The code is UTF-16BE (UniGB-UCS2-H, UniGB-UTF16-H).
    Utf16,
    /// The CID is an Adobe-GB1 CID.
    AdobeGb1,
    /// The CID is a glyph id of the embedded TrueType font: its cmap inverted.
    Glyphs(HashMap<u16, char>),
    /// The embedded font's cmap, not read yet: a ToUnicode map usually
    /// covers every code, and inflating the font program is most of the cost
    /// of loading a font. Holds the descendant font and the CID ordering.
    Deferred(Box<Dictionary>, String),
    /// No way to decode.
    None,
}

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    /// Composite (Type0) font: codes of 1-4 bytes through a CMap.
    composite: bool,
    /// Vertical writing (Identity-V and other `-V` CMaps).
    pub vertical: bool,
    /// The code → CID map of a composite font (None: identity).
    cid_map: Option<CMapRef>,
    /// Code space for splitting (from the encoding CMap or ToUnicode).
    spaces: Option<CMap>,
    /// UTF-16 codes: surrogate pairs take 4 bytes.
    utf16: bool,
    to_unicode: Option<CMap>,
    fallback: Fallback,
    /// Simple font widths by code, in text space units × 1000.
    widths: Box<[f32]>,
    first_char: u32,
    /// CID widths: (first, last, width), sorted.
    cid_widths: Vec<(u32, u32, f32)>,
    default_width: f32,
    /// True when there is no way to decode some codes (reported once).
    pub undecodable: bool,
    /// The font's name, for diagnostics.
    pub name: String,
}

#[derive(Debug, Clone)]
enum CMapRef {
    Static(&'static CMap),
    Owned(Box<CMap>),
}

impl CMapRef {
    fn get(&self) -> &CMap {
        match self {
            CMapRef::Static(m) => m,
            CMapRef::Owned(m) => m,
        }
    }
}

/// One code of a shown string.
#[derive(Debug, Clone)]
pub struct Code {
    /// The Unicode text (empty when unknown).
    pub text: String,
    /// Horizontal advance in text space × 1000.
    pub width: f32,
    /// True for the single-byte code 32 (word spacing applies).
    pub is_space: bool,
}

fn name_of(o: Option<&Object>) -> Option<String> {
    match o? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// A font stream's data (a CMap, an embedded font file), up to `max` bytes.
fn font_stream(doc: &Document, o: Option<&Object>, max: usize) -> Option<Vec<u8>> {
    let Object::Stream(s) = deref(doc, o?)? else {
        return None;
    };
    stream_data(s, max).ok().map(Cow::into_owned)
}

/// A simple font's table: each byte through the font's encoding, its
/// `/Differences` as written (`own` is the font's object, if it is one).
fn simple_table(
    doc: &Document,
    unparsed: &Unparsed,
    dict: &Dictionary,
    own: Option<ObjectId>,
) -> Fallback {
    let written = unparsed.font(doc, dict, own);
    let dict = written.as_ref().unwrap_or(dict);
    let encoding = dict.get_font_encoding(doc).ok();
    let table: Vec<Option<String>> = (0u8..=255)
        .map(|b| {
            let s = encoding.as_ref()?.bytes_to_string(&[b]).ok()?;
            (!s.is_empty()).then_some(s)
        })
        .collect();
    Fallback::Simple(table.into_boxed_slice())
}

impl Font {
    /// Load a font dictionary; `id` is its object, if it is one.
    pub fn load(
        doc: &Document,
        unparsed: &Unparsed,
        dict: &Dictionary,
        id: Option<ObjectId>,
    ) -> Font {
        let subtype = name_of(get(doc, dict, b"Subtype")).unwrap_or_default();
        let name = name_of(get(doc, dict, b"BaseFont")).unwrap_or_default();
        let to_unicode = font_stream(doc, dict.get(b"ToUnicode").ok(), MAX_FONT_STREAM)
            .map(|d| CMap::parse(&d))
            .filter(|m| !m.unicode.is_empty());
        let mut font = Font {
            composite: subtype == "Type0",
            vertical: false,
            cid_map: None,
            spaces: None,
            utf16: false,
            to_unicode,
            fallback: Fallback::None,
            widths: Box::new([]),
            first_char: 0,
            cid_widths: Vec::new(),
            default_width: 1000.0,
            undecodable: false,
            name,
        };
        if font.composite {
            font.load_composite(doc, dict);
        } else {
            font.load_simple(doc, unparsed, dict, id);
        }
        font
    }

    fn load_simple(
        &mut self,
        doc: &Document,
        unparsed: &Unparsed,
        dict: &Dictionary,
        id: Option<ObjectId>,
    ) {
        self.first_char = get(doc, dict, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0)
            .max(0.0) as u32;
        if let Some(Object::Array(w)) = get(doc, dict, b"Widths") {
            self.widths = w
                .iter()
                .take(256)
                .map(|o| deref(doc, o).and_then(num).unwrap_or(0.0))
                .collect();
        }
        self.default_width = get_dict(doc, dict, b"FontDescriptor")
            .and_then(|d| get(doc, d, b"MissingWidth"))
            .and_then(num)
            .unwrap_or(500.0);
        self.fallback = match id {
            Some(id) if self.to_unicode.is_some() => Fallback::DeferredSimple(id),
            _ => simple_table(doc, unparsed, dict, id),
        };
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary) {
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, o)),
            _ => None,
        }
        .and_then(|o| o.as_dict().ok());
        let encoding = get(doc, dict, b"Encoding");
        let enc_name = name_of(encoding).unwrap_or_default();
        self.vertical = enc_name.ends_with("-V");
        match encoding {
            Some(Object::Stream(_)) => {
                if let Some(data) = font_stream(doc, encoding, MAX_FONT_STREAM) {
                    let m = CMap::parse(&data);
                    self.vertical = data.windows(7).any(|w| w == b"WMode 1");
                    self.spaces = Some(m.clone());
                    self.cid_map = Some(CMapRef::Owned(Box::new(m)));
                }
            }
            _ => {
                if let Some(m) = cmap::predefined(&enc_name) {
                    self.cid_map = Some(CMapRef::Static(m));
                    self.spaces = Some(m.clone());
                }
            }
        }
        self.utf16 = enc_name.starts_with("UniGB-UTF16") || enc_name.contains("UTF16");
        let ucs2 = enc_name.starts_with("Uni") && (enc_name.contains("UCS2") || self.utf16);
        let Some(desc) = descendant else {
            self.fallback = if ucs2 {
                Fallback::Utf16
            } else {
                Fallback::None
            };
            return;
        };
        self.default_width = get(doc, desc, b"DW").and_then(num).unwrap_or(1000.0);
        if let Some(Object::Array(w)) = get(doc, desc, b"W") {
            self.cid_widths = parse_w(doc, w);
        }
        let ordering = get_dict(doc, desc, b"CIDSystemInfo")
            .and_then(|d| match get(doc, d, b"Ordering") {
                Some(Object::String(s, _)) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
            })
            .unwrap_or_default();
        if ucs2 {
            self.fallback = Fallback::Utf16;
            return;
        }
        if self.to_unicode.is_some() {
            self.fallback = Fallback::Deferred(Box::new(desc.clone()), ordering);
            return;
        }
        self.embedded_fallback(doc, desc, ordering);
    }

    /// True when a code had no ToUnicode entry and the fallback (the
    /// embedded font's cmap, a simple font's table) has not been read yet:
    /// call [`Font::resolve`] and decode again.
    pub fn wants_embedded(&self) -> bool {
        self.undecodable
            && matches!(
                self.fallback,
                Fallback::Deferred(..) | Fallback::DeferredSimple(_)
            )
    }

    /// Read the deferred fallback (the embedded font's cmap, a simple
    /// font's table).
    pub fn resolve(&mut self, doc: &Document, unparsed: &Unparsed) {
        match std::mem::replace(&mut self.fallback, Fallback::None) {
            Fallback::Deferred(desc, ordering) => self.embedded_fallback(doc, &desc, ordering),
            Fallback::DeferredSimple(id) => {
                if let Ok(dict) = doc.get_object(id).and_then(Object::as_dict) {
                    self.fallback = simple_table(doc, unparsed, dict, Some(id));
                }
            }
            other => {
                self.fallback = other;
                return;
            }
        }
        self.undecodable = false;
    }

    fn embedded_fallback(&mut self, doc: &Document, desc: &Dictionary, ordering: String) {
        let descriptor = get_dict(doc, desc, b"FontDescriptor");
        let embedded = descriptor.and_then(|d| {
            font_stream(doc, d.get(b"FontFile2").ok(), MAX_FONT_STREAM)
                .or_else(|| font_stream(doc, d.get(b"FontFile3").ok(), MAX_FONT_STREAM))
        });
        self.fallback = if let Some(font) = embedded.as_deref().and_then(inverted_cmap) {
            // CIDToGIDMap other than Identity is rare for the fonts we see; the
            // stream form is honoured below by mapping CID → GID first.
            let map = match get(doc, desc, b"CIDToGIDMap") {
                Some(Object::Stream(_)) => {
                    let gids = font_stream(doc, desc.get(b"CIDToGIDMap").ok(), MAX_CID_TO_GID)
                        .unwrap_or_default();
                    let by_gid = font;
                    gids.chunks_exact(2)
                        .enumerate()
                        .filter_map(|(cid, g)| {
                            let gid = u16::from_be_bytes([*g.first()?, *g.get(1)?]);
                            Some((cid as u16, *by_gid.get(&gid)?))
                        })
                        .collect()
                }
                _ => font,
            };
            Fallback::Glyphs(map)
        } else if ordering == "GB1" {
            Fallback::AdobeGb1
        } else {
            Fallback::None
        };
    }

    /// Split a shown string into codes with text and width.
    pub fn decode(&mut self, bytes: &[u8], out: &mut Vec<Code>) {
        let mut i = 0;
        while i < bytes.len() {
            let rest = bytes.get(i..).unwrap_or_default();
            let len = if !self.composite {
                1
            } else if self.utf16 {
                match rest {
                    [a, _, _, _, ..] if (0xD8..0xDC).contains(a) => 4,
                    _ => 2,
                }
            } else if let Some(spaces) = self.spaces.as_ref().filter(|m| !m.spaces.is_empty()) {
                spaces.code_len(rest, 2)
            } else if let Some(tu) = self.to_unicode.as_ref().filter(|m| !m.spaces.is_empty()) {
                tu.code_len(rest, 2)
            } else {
                2
            };
            let code_bytes = bytes.get(i..i + len).unwrap_or(rest);
            i += len;
            let code = code_bytes
                .iter()
                .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
            out.push(self.code(code, code_bytes));
        }
    }

    fn code(&mut self, code: u32, bytes: &[u8]) -> Code {
        let cid = match &self.cid_map {
            Some(m) => m.get().cid(code).unwrap_or(0),
            None => code,
        };
        let mut text = self
            .to_unicode
            .as_ref()
            .and_then(|m| m.unicode.get(&code))
            .cloned()
            .filter(|s| !s.is_empty() && s != "\0");
        if text.is_none() {
            text = match &self.fallback {
                Fallback::Simple(t) => t.get(code as usize).cloned().flatten(),
                Fallback::Utf16 => {
                    let units: Vec<u16> = bytes
                        .chunks(2)
                        .map(|p| p.iter().fold(0u16, |a, &b| (a << 8) | u16::from(b)))
                        .collect();
                    Some(char::decode_utf16(units).filter_map(Result::ok).collect())
                }
                Fallback::AdobeGb1 => cmap::adobe_gb1(cid).map(String::from),
                Fallback::Glyphs(m) => u16::try_from(cid)
                    .ok()
                    .and_then(|g| m.get(&g))
                    .map(|c| c.to_string()),
                Fallback::Deferred(..) | Fallback::DeferredSimple(_) | Fallback::None => None,
            };
        }
        if text.is_none() {
            self.undecodable = true;
        }
        let width = if self.composite {
            if matches!(self.fallback, Fallback::Utf16) && self.cid_map.is_none() {
                // UCS-2 codes are not CIDs; half width for ASCII is close enough.
                if code < 0x80 {
                    500.0
                } else {
                    self.default_width
                }
            } else {
                self.cid_width(cid)
            }
        } else {
            code.checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .unwrap_or(self.default_width)
        };
        Code {
            text: text.unwrap_or_default(),
            width,
            is_space: !self.composite && code == 32 || self.composite && bytes == [32],
        }
    }

    fn cid_width(&self, cid: u32) -> f32 {
        let idx = self.cid_widths.partition_point(|r| r.0 <= cid);
        match idx.checked_sub(1).and_then(|i| self.cid_widths.get(i)) {
            Some(&(lo, hi, w)) if cid >= lo && cid <= hi => w,
            _ => self.default_width,
        }
    }
}

/// The `/W` array of a CID font as sorted (first, last, width) ranges.
fn parse_w(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = w.get(i).and_then(|o| deref(doc, o)).and_then(num) {
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (n, o) in ws.iter().enumerate() {
                    if let Some(v) = deref(doc, o).and_then(num) {
                        let c = first.saturating_add(n as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| deref(doc, o))
                    .and_then(num)
                    .unwrap_or(1000.0);
                out.push((first, last, v));
                i += 3;
            }
            None => break,
        }
        if out.len() > 1_000_000 {
            break;
        }
    }
    out.sort_by_key(|r| r.0);
    out
}

/// Glyph id → Unicode, by inverting an embedded TrueType font's cmap.
fn inverted_cmap(data: &[u8]) -> Option<HashMap<u16, char>> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let mut map = HashMap::new();
    let tables = face.tables().cmap?;
    for sub in tables.subtables {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            if let (Some(g), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                // Prefer the lowest code point (ideographs over compatibility forms).
                map.entry(g.0)
                    .and_modify(|old: &mut char| {
                        if c < *old {
                            *old = c
                        }
                    })
                    .or_insert(c);
            }
        });
    }
    (!map.is_empty()).then_some(map)
}
