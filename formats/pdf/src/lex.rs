//! PDF tokens, as far as the syntax budget needs them: where each token
//! ends and what kind it is (ISO 32000-1, 7.2–7.3), with no value built.

use memchr::memmem;

/// One token of PDF syntax, as far as the budget cares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Token {
    /// White space, a comment, stream data, a stray delimiter.
    Skip,
    /// A number, name, string, boolean or null.
    Value,
    /// `R`, ending a reference.
    Ref,
    /// `[` or `<<`, by its first byte.
    Open(u8),
    /// `]` or `>>`.
    Close,
    /// `obj`, opening an indirect object.
    Object,
    /// Any other word: a content stream's operator.
    Operator,
}

/// The token at `i` and where the next one begins.
#[inline]
pub fn token(data: &[u8], i: usize) -> (Token, usize) {
    let next = data.get(i + 1).copied();
    match data.get(i).copied().unwrap_or(b' ') {
        b'%' => (Token::Skip, find_any2(data, i, b'\r', b'\n')),
        b'(' => (Token::Value, literal_string_end(data, i)),
        b'<' if next == Some(b'<') => (Token::Open(b'<'), i + 2),
        b'<' => (Token::Value, find_byte(data, i, b'>').saturating_add(1)),
        b'[' => (Token::Open(b'['), i + 1),
        b']' => (Token::Close, i + 1),
        b'>' if next == Some(b'>') => (Token::Close, i + 2),
        // A lone `>` is stray: hex strings consume their own.
        c if is_white(c) => (Token::Skip, white_end(data, i + 1)),
        b'>' | b')' | b'{' | b'}' => (Token::Skip, i + 1),
        c => {
            let end = token_end(data, i + 1);
            match data.get(i..end).unwrap_or_default() {
                b"R" => (Token::Ref, end),
                b"obj" => (Token::Object, end),
                b"stream" => {
                    let rest = data.get(end..).unwrap_or_default();
                    let data_end = memmem::find(rest, b"endstream")
                        .map_or(data.len(), |n| end + n + b"endstream".len());
                    (Token::Skip, data_end)
                }
                // An inline image: its data up to `EI` ends the operator.
                b"ID" => (Token::Operator, inline_image_end(data, end)),
                word if c == b'/' || is_value_keyword(word) => (Token::Value, end),
                _ => (Token::Operator, end),
            }
        }
    }
}

/// [`CLASS`] bit of PDF white space (ISO 32000-1, table 1).
const WHITE: u8 = 1;
/// [`CLASS`] bit of a delimiter.
const DELIMITER: u8 = 2;

/// Each byte's class, looked up once per byte: the budget looks at every
/// byte of a file, its object streams and each page's content.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        class = set(class, c);
        c += 1;
    }
    class
};

/// `class` with byte `c`'s class set (a `const fn` for [`CLASS`]).
const fn set(mut class: [u8; 256], c: usize) -> [u8; 256] {
    let kind = match c as u8 {
        b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => WHITE,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%' => DELIMITER,
        _ => 0,
    };
    if let Some(slot) = class.split_at_mut(c).1.first_mut() {
        *slot = kind;
    }
    class
}

/// PDF white space (ISO 32000-1, table 1).
#[inline]
pub(crate) fn is_white(c: u8) -> bool {
    CLASS.get(usize::from(c)) == Some(&WHITE)
}

/// A byte that ends a regular token: white space or a delimiter.
#[inline]
pub(crate) fn ends_token(c: u8) -> bool {
    CLASS.get(usize::from(c)).is_some_and(|&k| k != 0)
}

/// The end of the white space that goes on at `i`.
#[inline]
pub(crate) fn white_end(data: &[u8], i: usize) -> usize {
    let rest = data.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&c| !is_white(c))
        .unwrap_or(rest.len())
}

/// A regular token that is a value (number, boolean, null), not an operator.
fn is_value_keyword(token: &[u8]) -> bool {
    matches!(token.first(), Some(b'0'..=b'9' | b'+' | b'-' | b'.'))
        || matches!(token, b"true" | b"false" | b"null")
}

/// The end of the regular token whose second byte is at `i`.
#[inline]
fn token_end(data: &[u8], i: usize) -> usize {
    let rest = data.get(i..).unwrap_or_default();
    i + rest
        .iter()
        .position(|&c| ends_token(c))
        .unwrap_or(rest.len())
}

/// The first `byte` at or after `from`, or the end.
fn find_byte(data: &[u8], from: usize, byte: u8) -> usize {
    let rest = data.get(from..).unwrap_or_default();
    memchr::memchr(byte, rest).map_or(data.len(), |n| from + n)
}

/// The first `a` or `b` at or after `from`, or the end.
fn find_any2(data: &[u8], from: usize, a: u8, b: u8) -> usize {
    let rest = data.get(from..).unwrap_or_default();
    memchr::memchr2(a, b, rest).map_or(data.len(), |n| from + n)
}

/// Just past the literal string opening at `i`: parentheses nest and a
/// backslash escapes the next byte.
pub fn literal_string_end(data: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = data.get(i) {
        i += 1;
        match c {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    data.len()
}

/// Just past an inline image's data, which begins after `ID` at `i` and ends
/// at `EI` standing alone.
fn inline_image_end(data: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(n) = memmem::find(data.get(i..).unwrap_or_default(), b"EI") {
        let at = i + n;
        let before = at.checked_sub(1).and_then(|b| data.get(b)).copied();
        let after = data.get(at + 2).copied();
        if before.is_some_and(is_white) && after.is_none_or(ends_token) {
            return at + 2;
        }
        i = at + 2;
    }
    data.len()
}
