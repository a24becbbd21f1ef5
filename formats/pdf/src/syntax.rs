//! PDF objects read here, for speed, exactly as lopdf's parser reads them
//! (its direct-object grammar): numbers, names, strings, arrays,
//! dictionaries, references. Whatever this reader is not sure lopdf reads
//! the same way (a `#` in a name, a comment inside an object, nesting past
//! [`MAX_DEPTH`], damage) makes it give up (`None`), and the caller hands
//! the bytes to lopdf. Content operands ([`crate::content`]) and
//! object-stream members ([`member`]) are read with it; the tests compare
//! both with lopdf's parse over the fixtures and mutated copies of them.

use std::str::FromStr;

use lopdf::{Dictionary, Object, StringFormat};

use crate::lex::{ends_token, is_white, white_end};

/// Deepest nesting of arrays, dictionaries and strings read here; deeper
/// is left to lopdf, which refuses past 100.
const MAX_DEPTH: usize = 32;

/// An object read, and where it ends.
type Found = Option<(Object, usize)>;

/// Where a `/Differences` array may be left unread: in the member's own
/// dictionary, and in the dictionary of its `/Encoding`
/// ([`crate::font_arrays`] keeps the member as written for them).
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// The member's own dictionary.
    Own,
    /// The dictionary of the member's `/Encoding`.
    Encoding,
    /// Anywhere else.
    Inner,
}

/// One object-stream member `body` as lopdf's object-stream parser reads it
/// (white space, then one object; what follows is ignored), and whether a
/// `/Differences` of plain names and integers in it was left empty (the
/// caller keeps the member as written). `None`: left to lopdf.
pub(crate) fn member(body: &[u8]) -> Option<(Object, bool)> {
    let at = space_end(body, 0)?;
    let mut blanked = false;
    let (object, _) = value(body, at, 0, Place::Own, &mut blanked)?;
    Some((object, blanked))
}

/// A dictionary at `at` (its `<<`) outside any other object, and where it
/// ends.
pub(crate) fn outer_dictionary(data: &[u8], at: usize) -> Option<(Object, usize)> {
    dictionary(data, at, 1, Place::Inner, &mut false)
}

/// An object at `at` inside an array or dictionary, and where the white
/// space after it ends.
pub(crate) fn direct(data: &[u8], at: usize, depth: usize) -> Option<(Object, usize)> {
    let (object, end) = value(data, at, depth, Place::Inner, &mut false)?;
    Some((object, space_end(data, end)?))
}

/// The object at `at`, `depth` deep, and where it ends.
fn value(data: &[u8], at: usize, depth: usize, place: Place, blanked: &mut bool) -> Found {
    if depth >= MAX_DEPTH {
        return None;
    }
    let rest = data.get(at..)?;
    Some(match rest.first()? {
        b'n' if rest.starts_with(b"null") => (Object::Null, at + 4),
        b't' if rest.starts_with(b"true") => (Object::Boolean(true), at + 4),
        b'f' if rest.starts_with(b"false") => (Object::Boolean(false), at + 5),
        b'0'..=b'9' => match reference(data, at)? {
            Some(found) => found,
            None => number(data, at)?,
        },
        b'+' | b'-' | b'.' => number(data, at)?,
        b'/' => name(data, at).map(|(n, end)| (Object::Name(n), end))?,
        b'(' => {
            literal(data, at).map(|(s, end)| (Object::String(s, StringFormat::Literal), end))?
        }
        b'<' if rest.get(1) == Some(&b'<') => dictionary(data, at, depth + 1, place, blanked)?,
        b'<' => hex(data, at)?,
        b'[' => array(data, at, depth + 1)?,
        _ => return None,
    })
}

/// The end of the white space at `i`; `None` at a comment (lopdf reads
/// comments there: left to it).
pub(crate) fn space_end(data: &[u8], i: usize) -> Option<usize> {
    let end = white_end(data, i);
    (data.get(end) != Some(&b'%')).then_some(end)
}

/// The reference at `at` (`12 0 R`), as lopdf reads one: `Some(None)` when
/// there is none; `None` when a comment makes it unsure.
fn reference(data: &[u8], at: usize) -> Option<Option<(Object, usize)>> {
    let first = digits_end(data, at);
    let second = space_end(data, first)?;
    let after = digits_end(data, second);
    if after == second {
        return Some(None);
    }
    let r = space_end(data, after)?;
    if data.get(r) != Some(&b'R') {
        return Some(None);
    }
    // Numbers that do not fit an object id are no reference to lopdf.
    let number = digits_value(data.get(at..first)?).and_then(|n| u32::try_from(n).ok());
    let generation = digits_value(data.get(second..after)?).and_then(|n| u16::try_from(n).ok());
    Some(match (number, generation) {
        (Some(n), Some(g)) => Some((Object::Reference((n, g)), r + 1)),
        _ => None,
    })
}

/// The value of ASCII digits, `None` past `u64`.
fn digits_value(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0u64, |v, &d| {
        v.checked_mul(10)?
            .checked_add(u64::from(d.wrapping_sub(b'0')))
    })
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
pub(crate) fn number(data: &[u8], at: usize) -> Option<(Object, usize)> {
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
    let magnitude = digits_value(data.get(signed..whole)?)?;
    let value = if data.get(at) == Some(&b'-') {
        0i64.checked_sub_unsigned(magnitude)?
    } else {
        i64::try_from(magnitude).ok()?
    };
    Some((Object::Integer(value), whole))
}

/// A name at `at` (its `/`): the regular bytes after it; one with a `#`
/// is left to lopdf.
pub(crate) fn name(data: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
    let start = at + 1;
    let len = name_len(data, start)?;
    Some((data.get(start..start + len)?.to_vec(), start + len))
}

/// The length of the name whose first byte after `/` is at `start`; `None`
/// when a `#` escape is in it.
fn name_len(data: &[u8], start: usize) -> Option<usize> {
    let rest = data.get(start..)?;
    let len = rest
        .iter()
        .position(|&c| ends_token(c) || c == b'#')
        .unwrap_or(rest.len());
    (rest.get(len) != Some(&b'#')).then_some(len)
}

/// A literal string at `at` (its `(`): escapes read, ends of line made
/// `\n`, nested parentheses kept, as lopdf reads it.
pub(crate) fn literal(data: &[u8], at: usize) -> Option<(Vec<u8>, usize)> {
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
pub(crate) fn hex(data: &[u8], at: usize) -> Option<(Object, usize)> {
    let mut out = Vec::new();
    let mut high = true;
    let mut i = at + 1;
    loop {
        let c = *data.get(i)?;
        i += 1;
        if let Some(d) = (c as char).to_digit(16) {
            let d = d as u8;
            if high {
                out.push(d << 4);
            } else if let Some(last) = out.last_mut() {
                *last |= d;
            }
            high = !high;
        } else if c == b'>' {
            return Some((Object::String(out, StringFormat::Hexadecimal), i));
        } else if !is_white(c) {
            return None;
        }
    }
}

/// An array at `at` (its `[`), `depth` deep.
pub(crate) fn array(data: &[u8], at: usize, depth: usize) -> Option<(Object, usize)> {
    let mut items = Vec::with_capacity(length_guess(data, at + 1));
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

/// How many items the array whose items begin at `from` may hold, guessed
/// from the spaces before the next `]`: a font's `/Widths` of 256 numbers
/// is then one allocation, not nine. At most [`MAX_GUESS`], and never more
/// than the bytes there.
fn length_guess(data: &[u8], from: usize) -> usize {
    let rest = data.get(from..).unwrap_or_default();
    let Some(end) = memchr::memchr(b']', rest) else {
        return 0;
    };
    let items = rest.get(..end).unwrap_or_default();
    memchr::memchr_iter(b' ', items).count().min(MAX_GUESS) + 1
}

/// The most items an array is made room for before they are read.
const MAX_GUESS: usize = 1024;

/// A dictionary at `at` (its `<<`), `depth` deep, at `place`; a key twice
/// keeps its first place and its last value, as in lopdf.
fn dictionary(data: &[u8], at: usize, depth: usize, place: Place, blanked: &mut bool) -> Found {
    let mut dict = Dictionary::new();
    let mut i = space_end(data, at + 2)?;
    loop {
        match data.get(i..i + 2)? {
            b">>" => return Some((Object::Dictionary(dict), i + 2)),
            [b'/', ..] => {
                let (key, end) = name(data, i)?;
                let at = space_end(data, end)?;
                let skipped = match (place, key.as_slice()) {
                    (Place::Own | Place::Encoding, b"Differences") => plain_array_end(data, at),
                    _ => None,
                };
                let (value, end) = match skipped {
                    Some(end) => {
                        *blanked = true;
                        (Object::Array(Vec::new()), end)
                    }
                    None => {
                        let inner = match (place, key.as_slice()) {
                            (Place::Own, b"Encoding") => Place::Encoding,
                            _ => Place::Inner,
                        };
                        value(data, at, depth, inner, blanked)?
                    }
                };
                dict.set(key, value);
                i = space_end(data, end)?;
            }
            _ => return None,
        }
    }
}

/// Just past the array at `at` when it holds only names without `#` and
/// integers that are no reference (what a `/Differences` holds, which
/// lopdf reads without fail); `None` for anything else.
fn plain_array_end(data: &[u8], at: usize) -> Option<usize> {
    if data.get(at) != Some(&b'[') {
        return None;
    }
    let mut i = space_end(data, at + 1)?;
    loop {
        let end = match *data.get(i)? {
            b']' => return Some(i + 1),
            b'/' => i + 1 + name_len(data, i + 1)?,
            c @ (b'0'..=b'9' | b'-') => {
                if c != b'-' && reference(data, i)?.is_some() {
                    return None;
                }
                match number(data, i)? {
                    (Object::Integer(_), end) => end,
                    _ => return None,
                }
            }
            _ => return None,
        };
        i = space_end(data, end)?;
    }
}

#[cfg(test)]
pub(crate) mod tests;
