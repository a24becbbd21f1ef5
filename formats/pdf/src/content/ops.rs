//! A content stream's operations, read here for speed and handed to lopdf
//! where the syntax is unusual.
//!
//! lopdf's content parser (nom) was the largest single cost of a browser's
//! print after loading. This reader follows its grammar exactly for the
//! syntax pages are made of (numbers, names, strings, arrays, dictionaries,
//! operators, comments between operations) and makes the same operands.
//! At anything else (an inline image, a reference inside an array, a `#`
//! in a name, deep nesting, a number too long, damage) it hands the rest of
//! the stream, from the start of that operation, to lopdf's own parser, so
//! every operation, and where the stream stops or fails, is lopdf's. The
//! tests compare both over every content stream of the fixtures and over
//! mutated copies of them.

use std::str::FromStr;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, StringFormat};

use crate::lex::{ends_token, is_white, white_end};

/// Deepest nesting of arrays, dictionaries and strings read here; deeper
/// goes to lopdf, which refuses past 100.
const MAX_DEPTH: usize = 32;

/// lopdf's iterator over the rest of a stream.
type Lopdf<'c> = Box<dyn Iterator<Item = lopdf::Result<Operation>> + 'c>;

/// One operation: its operator and operands.
pub(crate) struct Op<'a> {
    /// The operator (`Tj`, `re`, …).
    pub operator: &'a str,
    /// Its operands, in order.
    pub operands: &'a [Object],
}

/// The operations of one content stream, in order; after a malformed
/// operation (an `Err`) nothing more.
pub(crate) struct Operations<'c> {
    data: &'c [u8],
    /// Where the next operation begins.
    pos: usize,
    /// The operands of the operation read last.
    operands: Vec<Object>,
    /// Where its operator lies in `data`.
    operator: (usize, usize),
    /// lopdf's parser, once it has the rest of the stream.
    lopdf: Option<Lopdf<'c>>,
    /// The operation lopdf gave last.
    given: Option<Operation>,
}

impl<'c> Operations<'c> {
    /// The operations of `data`.
    pub fn new(data: &'c [u8]) -> Self {
        Operations {
            data,
            pos: white_end(data, 0),
            operands: Vec::new(),
            operator: (0, 0),
            lopdf: None,
            given: None,
        }
    }

    /// The next operation; `None` at the end of the stream, or after an error.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<lopdf::Result<Op<'_>>> {
        if self.lopdf.is_none() {
            match self.read() {
                Read::Op => {
                    let (start, end) = self.operator;
                    let operator = self
                        .data
                        .get(start..end)
                        .and_then(|o| std::str::from_utf8(o).ok())
                        .unwrap_or_default();
                    return Some(Ok(Op {
                        operator,
                        operands: &self.operands,
                    }));
                }
                Read::End => return None,
                Read::Unsure(start) => {
                    self.operands.clear();
                    let rest = self.data.get(start..).unwrap_or_default();
                    self.lopdf = Some(Box::new(Content::decode_iter(rest)));
                }
            }
        }
        match self.lopdf.as_mut()?.next()? {
            Ok(op) => {
                let op = self.given.insert(op);
                Some(Ok(Op {
                    operator: &op.operator,
                    operands: &op.operands,
                }))
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Whether the rest of the stream went to lopdf.
    #[cfg(test)]
    fn handed_over(&self) -> bool {
        self.lopdf.is_some()
    }

    /// Read the operation at `pos` into `operands` and `operator`.
    fn read(&mut self) -> Read {
        self.operands.clear();
        let data = self.data;
        // Comments before the operation, each ended by an end of line.
        while data.get(self.pos) == Some(&b'%') {
            let Some(end) = comment_end(data, self.pos) else {
                return Read::Unsure(self.pos);
            };
            self.pos = white_end(data, end);
        }
        let start = self.pos;
        if self.pos >= data.len() {
            return Read::End;
        }
        // An inline image (or anything lopdf may take for one).
        if data.get(start..start + 2) == Some(b"BI") {
            return Read::Unsure(start);
        }
        let mut at = start;
        loop {
            let Some(&c) = data.get(at) else {
                return Read::Unsure(start);
            };
            if is_operator_byte(c) && !c.is_ascii_digit() && !starts_keyword(data, at) {
                let end = at
                    + data
                        .get(at..)
                        .unwrap_or_default()
                        .iter()
                        .position(|&c| !is_operator_byte(c))
                        .unwrap_or(data.len() - at);
                self.operator = (at, end);
                self.pos = white_end(data, end);
                return Read::Op;
            }
            let Some((operand, next)) = operand(data, at) else {
                return Read::Unsure(start);
            };
            self.operands.push(operand);
            at = white_end(data, next);
        }
    }
}

/// What [`Operations::read`] found.
enum Read {
    /// An operation, read.
    Op,
    /// The end of the stream.
    End,
    /// Syntax left to lopdf, from the operation starting at this byte.
    Unsure(usize),
}

/// A byte of an operator, as lopdf reads one.
fn is_operator_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')
}

/// `null`, `true` or `false` starts at `at`: lopdf takes each for an
/// operand wherever it starts an operand, whatever follows.
fn starts_keyword(data: &[u8], at: usize) -> bool {
    let rest = data.get(at..).unwrap_or_default();
    rest.starts_with(b"null") || rest.starts_with(b"true") || rest.starts_with(b"false")
}

/// Just past the comment at `at` and its end of line; `None` when no end of
/// line ends it.
fn comment_end(data: &[u8], at: usize) -> Option<usize> {
    let rest = data.get(at..)?;
    let eol = at + memchr::memchr2(b'\r', b'\n', rest)?;
    Some(match data.get(eol..eol + 2) {
        Some(b"\r\n") => eol + 2,
        _ => eol + 1,
    })
}

/// The operand at `at` (not white space) and where it ends, as lopdf's
/// content parser reads it: keywords, then numbers, names, strings, arrays
/// and dictionaries.
fn operand(data: &[u8], at: usize) -> Option<(Object, usize)> {
    let rest = data.get(at..)?;
    if rest.starts_with(b"null") {
        return Some((Object::Null, at + 4));
    }
    if rest.starts_with(b"true") {
        return Some((Object::Boolean(true), at + 4));
    }
    if rest.starts_with(b"false") {
        return Some((Object::Boolean(false), at + 5));
    }
    match rest.first()? {
        b'0'..=b'9' | b'+' | b'-' | b'.' => number(data, at),
        b'/' => name(data, at).map(|(n, end)| (Object::Name(n), end)),
        b'(' => literal(data, at).map(|(s, end)| (Object::String(s, StringFormat::Literal), end)),
        b'<' if rest.get(1) == Some(&b'<') => dictionary(data, at, 0),
        b'<' => hex(data, at),
        b'[' => array(data, at, 0),
        _ => None,
    }
}

/// An object inside an array or dictionary at `at`, and where the white
/// space after it ends: lopdf's direct-object grammar, which reads
/// references there (left to lopdf).
fn direct(data: &[u8], at: usize, depth: usize) -> Option<(Object, usize)> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let rest = data.get(at..)?;
    let (object, end) = match rest.first()? {
        b'n' if rest.starts_with(b"null") => (Object::Null, at + 4),
        b't' if rest.starts_with(b"true") => (Object::Boolean(true), at + 4),
        b'f' if rest.starts_with(b"false") => (Object::Boolean(false), at + 5),
        b'0'..=b'9' if may_be_reference(data, at)? => return None,
        b'0'..=b'9' | b'+' | b'-' | b'.' => number(data, at)?,
        b'/' => name(data, at).map(|(n, end)| (Object::Name(n), end))?,
        b'(' => {
            literal(data, at).map(|(s, end)| (Object::String(s, StringFormat::Literal), end))?
        }
        b'<' if rest.get(1) == Some(&b'<') => dictionary(data, at, depth + 1)?,
        b'<' => hex(data, at)?,
        b'[' => array(data, at, depth + 1)?,
        _ => return None,
    };
    Some((object, space_end(data, end)?))
}

/// The end of the white space at `i`; `None` at a comment (lopdf's `space`
/// reads comments there: left to it).
fn space_end(data: &[u8], i: usize) -> Option<usize> {
    let end = white_end(data, i);
    (data.get(end) != Some(&b'%')).then_some(end)
}

/// Whether the digits at `at` may start a reference (`12 0 R`); `None`
/// when a comment makes it unsure.
fn may_be_reference(data: &[u8], at: usize) -> Option<bool> {
    let first = digits_end(data, at);
    let second = space_end(data, first)?;
    let after = digits_end(data, second);
    if after == second {
        return Some(false);
    }
    let r = space_end(data, after)?;
    Some(data.get(r) == Some(&b'R'))
}

/// The end of the ASCII digits at `at`.
fn digits_end(data: &[u8], at: usize) -> usize {
    let rest = data.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(rest.len())
}

/// A number at `at`: a real if lopdf reads one there, else an integer.
fn number(data: &[u8], at: usize) -> Option<(Object, usize)> {
    let signed = at + usize::from(matches!(data.get(at), Some(b'+' | b'-')));
    let whole = digits_end(data, signed);
    // A real: digits, `.`, maybe digits; or `.` and digits.
    if data.get(whole) == Some(&b'.') && (whole > signed || digits_end(data, whole + 1) > whole + 1)
    {
        let fraction = whole + 1;
        // Some producers write a minus inside the fraction (`0.00-4142502`):
        // lopdf drops it.
        let rest = data.get(fraction..)?;
        let end = fraction
            + rest
                .iter()
                .position(|&c| c != b'-' && !c.is_ascii_digit())
                .unwrap_or(rest.len());
        let text = data.get(at..end)?;
        let value = if data.get(fraction..end)?.contains(&b'-') {
            let (sign, rest) = text.split_first()?;
            let mut digits = vec![*sign];
            digits.extend(rest.iter().filter(|&&c| c != b'-'));
            f32::from_str(std::str::from_utf8(&digits).ok()?).ok()?
        } else {
            f32::from_str(std::str::from_utf8(text).ok()?).ok()?
        };
        return Some((Object::Real(value), end));
    }
    if whole == signed {
        return None;
    }
    let magnitude = data.get(signed..whole)?.iter().try_fold(0u64, |v, &d| {
        v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    let value = if data.get(at) == Some(&b'-') {
        0i64.checked_sub_unsigned(magnitude)?
    } else {
        i64::try_from(magnitude).ok()?
    };
    Some((Object::Integer(value), whole))
}

/// A name at `at` (its `/`): the regular bytes after it; one with a `#`
/// is left to lopdf.
fn name(data: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let start = at + 1;
    let rest = data.get(start..)?;
    let len = rest
        .iter()
        .position(|&c| ends_token(c) || c == b'#')
        .unwrap_or(rest.len());
    if rest.get(len) == Some(&b'#') {
        return None;
    }
    Some((rest.get(..len)?.to_vec(), start + len))
}

/// A literal string at `at` (its `(`): escapes read, ends of line made
/// `\n`, nested parentheses kept, as lopdf reads it.
fn literal(data: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = at + 1;
    loop {
        // A run of plain bytes at once.
        let rest = data.get(i..)?;
        let run = rest
            .iter()
            .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))?;
        out.extend_from_slice(rest.get(..run)?);
        i += run;
        match *data.get(i)? {
            b'(' => {
                depth += 1;
                if depth >= MAX_DEPTH {
                    return None;
                }
                out.push(b'(');
                i += 1;
            }
            b')' if depth == 0 => return Some((out, i + 1)),
            b')' => {
                depth -= 1;
                out.push(b')');
                i += 1;
            }
            b'\\' => i = escape(data, i + 1, &mut out)?,
            // An end of line (CR LF, LF or CR) reads as LF.
            b'\r' if data.get(i + 1) == Some(&b'\n') => {
                out.push(b'\n');
                i += 2;
            }
            _ => {
                out.push(b'\n');
                i += 1;
            }
        }
    }
}

/// The escape after a backslash, at `at`: its byte pushed to `out` (none
/// for an escaped end of line); where it ends.
fn escape(data: &[u8], at: usize, out: &mut Vec<u8>) -> Option<usize> {
    let c = *data.get(at)?;
    let (byte, end) = match c {
        b'0'..=b'7' => {
            let rest = data.get(at..)?;
            let len = rest
                .iter()
                .take(3)
                .position(|c| !matches!(c, b'0'..=b'7'))
                .unwrap_or(rest.len().min(3));
            // Three octal digits may overflow a byte: the low bits count.
            let value = rest
                .get(..len)?
                .iter()
                .fold(0u16, |v, &d| v * 8 + u16::from(d - b'0'));
            (Some(value as u8), at + len)
        }
        b'\r' if data.get(at + 1) == Some(&b'\n') => (None, at + 2),
        b'\r' | b'\n' => (None, at + 1),
        b'n' => (Some(b'\n'), at + 1),
        b'r' => (Some(b'\r'), at + 1),
        b't' => (Some(b'\t'), at + 1),
        b'b' => (Some(b'\x08'), at + 1),
        b'f' => (Some(b'\x0c'), at + 1),
        c => (Some(c), at + 1),
    };
    out.extend(byte);
    Some(end)
}

/// A hexadecimal string at `at` (its `<`): digits in pairs, white space
/// skipped, an odd last digit padded with 0.
fn hex(data: &[u8], at: usize) -> Option<(Object, usize)> {
    let mut out = Vec::new();
    let mut high: Option<u8> = None;
    let mut i = at + 1;
    loop {
        let c = *data.get(i)?;
        i += 1;
        if let Some(d) = (c as char).to_digit(16) {
            let d = d as u8;
            match high.take() {
                Some(h) => {
                    if let Some(last) = out.last_mut() {
                        *last = h | d;
                    }
                }
                None => {
                    out.push(d << 4);
                    high = Some(d << 4);
                }
            }
        } else if c == b'>' {
            return Some((Object::String(out, StringFormat::Hexadecimal), i));
        } else if !is_white(c) {
            return None;
        }
    }
}

/// An array at `at` (its `[`), `depth` deep.
fn array(data: &[u8], at: usize, depth: usize) -> Option<(Object, usize)> {
    let mut items = Vec::new();
    let mut i = space_end(data, at + 1)?;
    loop {
        if data.get(i) == Some(&b']') {
            return Some((Object::Array(items), i + 1));
        }
        let (item, next) = direct(data, i, depth)?;
        items.push(item);
        i = next;
    }
}

/// A dictionary at `at` (its `<<`), `depth` deep; a key twice keeps its
/// first place and its last value, as in lopdf.
fn dictionary(data: &[u8], at: usize, depth: usize) -> Option<(Object, usize)> {
    let mut dict = Dictionary::new();
    let mut i = space_end(data, at + 2)?;
    loop {
        match data.get(i..i + 2)? {
            b">>" => return Some((Object::Dictionary(dict), i + 2)),
            [b'/', ..] => {
                let (key, end) = name(data, i)?;
                let (value, next) = direct(data, space_end(data, end)?, depth)?;
                dict.set(key, value);
                i = next;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests;
