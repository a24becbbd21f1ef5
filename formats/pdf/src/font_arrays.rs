//! A font's long arrays in object streams, made cheap to load.
//!
//! A browser's print has ~150 Type 3 fonts in object streams, each with a
//! `/Differences` array of up to 256 names and a `/Widths` array as long:
//! lopdf's parser spent a third of the time on such a file on them.
//!
//! - `/Differences` is read only to build a simple font's fallback table,
//!   which a font with a ToUnicode map needs only when the map misses a
//!   code. So a member that holds one (a font dictionary's `/Encoding <<
//!   /Differences [...] >>`, or an encoding dictionary's own) is parsed with
//!   the array's entries blanked out, and the member as written is kept to
//!   be parsed in full when a font's table is built ([`Unparsed::font`]).
//! - `/Widths` of plain integers is read here, into the same objects
//!   lopdf's parser makes of them (`Object::Integer`), and lopdf parses the
//!   rest.
//!
//! Only arrays of plain names and integers are taken (anything else, such
//! as a reference, a real or a nested array, leaves the array to lopdf), so
//! no object is left unreached and lopdf would parse each token the same way.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};
use memchr::memmem;

use crate::lex::{token, Token};
use crate::objects::parse_member;

/// The name whose array is blanked.
const DIFFERENCES: &[u8] = b"/Differences";
/// The font dictionary's key whose dictionary may hold one.
const ENCODING: &[u8] = b"/Encoding";
/// The name whose array of integers is read here.
const WIDTHS: &[u8] = b"/Widths";
/// Most digits of an integer read here: any `i64` lopdf reads as one.
const MAX_DIGITS: usize = 18;

/// One member as handed to lopdf, and what was taken out of it.
pub(crate) struct Blanked {
    /// The member with the taken arrays' entries replaced by spaces.
    pub body: Vec<u8>,
    /// True when a `/Differences` array was blanked.
    pub differences: bool,
    /// The entries of the object's `/Widths`, when they were read here.
    pub widths: Option<Vec<Object>>,
}

impl Blanked {
    /// Put back into `object` (the member parsed from [`Blanked::body`]) the
    /// `/Widths` read here.
    pub fn restore(self, object: &mut Object) {
        if let (Some(widths), Object::Dictionary(dict)) = (self.widths, object) {
            if dict.has(b"Widths") {
                dict.set("Widths", Object::Array(widths));
            }
        }
    }
}

/// `body` (one object as written) with its `/Differences` arrays' entries
/// and its `/Widths` entries replaced by spaces, or `None` when it has none
/// of them to take. A `/Differences` array counts when it is the value of
/// the object's own dictionary or of the dictionary of its `/Encoding`;
/// `/Widths`, when it is the object's own and there is one (of two, lopdf
/// keeps the last where the first stood: left to lopdf).
pub(crate) fn blank(body: &[u8]) -> Option<Blanked> {
    if memmem::find(body, DIFFERENCES).is_none() && memmem::find(body, WIDTHS).is_none() {
        return None;
    }
    match blank_with(body, true) {
        (_, widths) if widths > 1 => blank_with(body, false).0,
        (blanked, _) => blanked,
    }
}

/// [`blank`], reading `/Widths` or not; also how many `/Widths` arrays the
/// object's dictionary has.
fn blank_with(body: &[u8], read_widths: bool) -> (Option<Blanked>, usize) {
    let mut out: Option<Blanked> = None;
    let mut widths_seen = 0usize;
    // Nesting depth: 1 inside the object's own dictionary.
    let mut depth = 0usize;
    // True while inside the dictionary opened right after `/Encoding` at
    // depth 1.
    let mut in_encoding = false;
    let mut previous: &[u8] = b"";
    let mut i = 0;
    while i < body.len() {
        let start = i;
        let tok;
        (tok, i) = token(body, i);
        let taken = match tok {
            Token::Skip => continue,
            // Only a dictionary is a font or an encoding.
            Token::Open(b'[') | Token::Value | Token::Ref | Token::Operator | Token::Object
                if depth == 0 =>
            {
                break;
            }
            Token::Open(b'[')
                if previous == DIFFERENCES && (depth == 1 || depth == 2 && in_encoding) =>
            {
                plain_array(body, i, is_name_or_integer).map(|end| (end, None))
            }
            Token::Open(b'[') if previous == WIDTHS && depth == 1 => {
                widths_seen += 1;
                if read_widths {
                    // A simple font's widths: one for each of up to 256 codes.
                    let mut entries = Vec::with_capacity(256);
                    plain_array(body, i, |token| {
                        integer(token).map(|n| entries.push(n)).is_some()
                    })
                    .map(|end| (end, Some(entries)))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((end, widths)) = taken {
            let blanked = out.get_or_insert_with(|| Blanked {
                body: body.to_vec(),
                differences: false,
                widths: None,
            });
            if let Some(entries) = blanked.body.get_mut(i..end) {
                entries.fill(b' ');
            }
            match widths {
                Some(widths) => blanked.widths = Some(widths),
                None => blanked.differences = true,
            }
            // Past the `]`: the array is one value of the dictionary.
            i = end + 1;
            previous = b"]";
            continue;
        }
        match tok {
            Token::Open(kind) => {
                if depth == 1 && kind == b'<' && previous == ENCODING {
                    in_encoding = true;
                }
                depth += 1;
            }
            Token::Close => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_encoding = false;
                }
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        previous = body.get(start..i).unwrap_or_default();
    }
    (out, widths_seen)
}

/// An integer as lopdf reads one (`Object::Integer`): an optional `-` and
/// at most [`MAX_DIGITS`] digits.
fn integer(token: &[u8]) -> Option<Object> {
    let digits = token.strip_prefix(b"-").unwrap_or(token);
    if digits.is_empty() || digits.len() > MAX_DIGITS || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits
        .iter()
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    let value = if digits.len() < token.len() {
        -magnitude
    } else {
        magnitude
    };
    Some(Object::Integer(value))
}

/// A name of letters, digits and `._+-` (no `#` escape), or an integer;
/// which one does not matter (the array is left unparsed).
fn is_name_or_integer(token: &[u8]) -> bool {
    let name = token.split_first().is_some_and(|(slash, rest)| {
        *slash == b'/'
            && rest
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-'))
    });
    name || integer(token).is_some()
}

/// The array whose entries begin at `from`, when `entry` takes each of its
/// tokens: where it closes (the index of its `]`).
fn plain_array(body: &[u8], from: usize, mut entry: impl FnMut(&[u8]) -> bool) -> Option<usize> {
    let mut i = from;
    while i < body.len() {
        let (tok, next) = token(body, i);
        match tok {
            Token::Skip => {}
            Token::Value if entry(body.get(i..next)?) => {}
            Token::Close if body.get(i) == Some(&b']') => return Some(i),
            _ => return None,
        }
        i = next;
    }
    None
}

/// The object-stream members parsed with their `/Differences` blanked, as
/// written, by object number.
#[derive(Default)]
pub(crate) struct Unparsed {
    members: HashMap<u32, Vec<u8>>,
}

impl Unparsed {
    /// Keep member `number` as written.
    pub fn keep(&mut self, number: u32, body: &[u8]) {
        self.members.insert(number, body.to_vec());
    }

    /// Object `id` as written, when it was parsed with blanks.
    fn full(&self, id: ObjectId) -> Option<Object> {
        if id.1 != 0 {
            return None;
        }
        let body = self.members.get(&id.0)?;
        parse_member(body, id.0)
    }

    /// The font dictionary `dict` (object `own`, if it is one) with its
    /// encoding as written, for reading its `/Differences`; `None` when
    /// neither the font nor its encoding object was parsed with blanks.
    pub fn font(
        &self,
        doc: &Document,
        dict: &Dictionary,
        own: Option<ObjectId>,
    ) -> Option<Dictionary> {
        if self.members.is_empty() {
            return None;
        }
        let mut whole = match own.and_then(|id| self.full(id)) {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let font = whole.as_ref().unwrap_or(dict);
        if let Ok(encoding @ Object::Reference(_)) = font.get(b"Encoding") {
            let written = match doc.dereference(encoding) {
                Ok((Some(id), _)) => self.full(id),
                _ => None,
            };
            if let Some(written) = written {
                let mut font = whole.unwrap_or_else(|| dict.clone());
                font.set("Encoding", written);
                whole = Some(font);
            }
        }
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(body: &[u8]) -> Option<String> {
        blank(body).map(|b| String::from_utf8(b.body).unwrap())
    }

    #[test]
    fn blanks_a_fonts_and_an_encodings_differences() {
        let font = b"<< /Type /Font /Encoding << /Differences [0 /g0 /g1] >> /Widths [1 2] >>";
        let entries = " ".repeat("0 /g0 /g1".len());
        let widths = " ".repeat("1 2".len());
        assert_eq!(
            blanked(font).unwrap(),
            format!(
                "<< /Type /Font /Encoding << /Differences [{entries}] >> /Widths [{widths}] >>"
            )
        );
        let encoding = b"<</Type/Encoding/Differences[0/a.b 1/c%x\n]>>";
        let entries = " ".repeat("0/a.b 1/c%x\n".len());
        assert_eq!(
            blanked(encoding).unwrap(),
            format!("<</Type/Encoding/Differences[{entries}]>>")
        );
    }

    #[test]
    fn leaves_what_it_cannot_blank_safely() {
        // A reference, a nested array, a string, an escaped name inside.
        assert!(blank(b"<< /Differences [0 /a 5 0 R] >>").is_none());
        assert!(blank(b"<< /Differences [0 [/a]] >>").is_none());
        assert!(blank(b"<< /Differences [0 (a)] >>").is_none());
        assert!(blank(b"<< /Differences [0 /a#20b] >>").is_none());
        // Deeper than the encoding's dictionary, or under another key.
        assert!(
            blank(b"<< /Font << /F1 << /Encoding << /Differences [0 /a] >> >> >> >>").is_none()
        );
        assert!(blank(b"<< /Other << /Differences [0 /a] >> >>").is_none());
        // Not a dictionary, inside a string, unclosed.
        assert!(blank(b"[ /Differences [0 /a] ]").is_none());
        assert!(blank(b"<< /T (/Differences [0 /a]) >>").is_none());
        assert!(blank(b"<< /Differences [0 /a").is_none());
    }

    #[test]
    fn reads_widths_of_plain_integers_only() {
        let read = |body: &[u8]| blank(body).and_then(|b| b.widths);
        let int = Object::Integer;
        assert_eq!(
            read(b"<< /Widths [ 1000 0 -7 %c\n 12 ] >>"),
            Some(vec![int(1000), int(0), int(-7), int(12)])
        );
        assert_eq!(read(b"<< /Widths [] >>"), Some(vec![]));
        // Reals, signs, references, nested arrays, too many digits: lopdf's.
        for body in [
            &b"<< /Widths [500 1.5] >>"[..],
            b"<< /Widths [+5] >>",
            b"<< /Widths [5 0 R] >>",
            b"<< /Widths 5 0 R >>",
            b"<< /Widths [[5]] >>",
            b"<< /Widths [1234567890123456789] >>",
            b"<< /F << /Widths [1] >> >>",
        ] {
            assert!(read(body).is_none(), "{}", String::from_utf8_lossy(body));
        }
        // Two: lopdf keeps the last where the first stood.
        let two = blank(b"<< /Widths [1] /Encoding << /Differences [0 /a] >> /Widths [2] >>");
        let two = two.unwrap();
        assert!(two.widths.is_none() && two.differences);
        assert!(String::from_utf8(two.body).unwrap().contains("/Widths [1]"));
    }

    #[test]
    fn widths_read_here_are_the_ones_lopdf_reads() {
        let bodies: [&[u8]; 3] = [
            b"<< /Type /Font /FirstChar 0 /Widths [ 1000 0 0 250 -3 007 ] /LastChar 5 >>",
            b"<</Widths[1 2%comment\n3]/X 1>>",
            b"<< /Widths [] /Encoding /WinAnsiEncoding >>",
        ];
        for body in bodies {
            let written = parse_member(body, 9).unwrap();
            let blanked = blank(body).unwrap();
            assert!(!blanked.differences);
            let mut object = parse_member(&blanked.body, 9).unwrap();
            blanked.restore(&mut object);
            assert_eq!(object, written, "{}", String::from_utf8_lossy(body));
            // The key order too.
            let keys = |o: &Object| -> Vec<Vec<u8>> {
                o.as_dict()
                    .unwrap()
                    .iter()
                    .map(|(k, _)| k.clone())
                    .collect()
            };
            assert_eq!(keys(&object), keys(&written));
        }
    }

    #[test]
    fn fonts_read_their_differences_as_written() {
        use gongkai_testkit::pdf::{build_pdf, stream};

        use crate::backend::Backend;
        use crate::budget::Budget;
        use crate::lopdf_backend::{load, LopdfBackend};

        // Members 7–9 of object stream 5: a font without ToUnicode (its
        // table is built at once), a font whose ToUnicode map lacks code 66
        // (its table is built when that code is shown), its encoding.
        let members = [
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
             /Encoding << /Differences [65 /B /C] >> >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R \
             /Encoding 9 0 R >>",
            "<< /Type /Encoding /Differences [66 /D] >>",
        ];
        let mut header = String::new();
        let mut body = String::new();
        for (n, member) in members.iter().enumerate() {
            header.push_str(&format!("{} {} ", 7 + n, body.len()));
            body.push_str(member);
            body.push(' ');
        }
        let objstm = stream(
            &format!("/Type /ObjStm /N 3 /First {}", header.len()),
            format!("{header}{body}").as_bytes(),
        );
        let to_unicode = stream(
            "",
            b"begincmap 1 begincodespacerange <00> <FF> endcodespacerange \
              1 beginbfchar <41> <0058> endbfchar endcmap",
        );
        let content = stream("", b"BT /F 12 Tf 72 720 Td (AB) Tj /G 12 Tf (AB) Tj ET");
        let pdf = build_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
              /Resources << /Font << /F 7 0 R /G 8 0 R >> >> >>",
            &content,
            &objstm,
            &to_unicode,
        ]);
        let limits = gongkai_ir::Limits::default();

        // Both members with a /Differences were parsed without its entries.
        let (doc, unparsed) = load(&pdf, &Budget::new(&limits)).unwrap();
        let font = doc.get_dictionary((7, 0)).unwrap();
        let encoding = font.get(b"Encoding").unwrap().as_dict().unwrap();
        assert_eq!(
            encoding.get(b"Differences").unwrap(),
            &Object::Array(vec![])
        );
        let mut kept: Vec<u32> = unparsed.members.keys().copied().collect();
        kept.sort_unstable();
        assert_eq!(kept, vec![7, 9]);

        let pages = LopdfBackend.pages(&pdf, &limits, &mut Vec::new()).unwrap();
        let text: String = pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "BCXD");
    }
}
