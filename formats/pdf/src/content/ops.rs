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

use lopdf::content::{Content, Operation};
use lopdf::{Object, StringFormat};

use crate::lex::white_end;
use crate::syntax::{array, hex, literal, name, number, outer_dictionary};

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
        b'<' if rest.get(1) == Some(&b'<') => outer_dictionary(data, at),
        b'<' => hex(data, at),
        b'[' => array(data, at, 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
