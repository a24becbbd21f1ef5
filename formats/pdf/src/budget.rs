//! The syntax budget: a scan of PDF bytes (the file, an object stream, a
//! content stream) that counts objects and the length of every array,
//! dictionary and operand list before lopdf builds them.
//!
//! Why a scan of our own: lopdf parses the whole file into `Object`s (about
//! 120 bytes each, for a two-byte `0 `) with unbounded `many0` loops, its
//! parser is private, and its load filter sees an object only after it is
//! built. So a 60 MB array became 5–7 GB before any limit could look. The
//! scan only tokenizes ([`crate::lex`]): it builds nothing, and its one
//! allocation is the nesting stack, bounded by [`MAX_NESTING`].

use gongkai_ir::{Limit, Limits, Oversize, PdfList, PdfSource, ReadError};

use crate::lex::{token, Token};

/// Deepest nesting tracked; lopdf refuses deeper objects itself (its
/// `MAX_NESTING_DEPTH` is 100), so deeper levels share the last counter.
const MAX_NESTING: usize = 128;

/// What the scanned bytes are: it decides what is counted and how errors
/// say where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// The file itself: objects are `obj` headers and the values inside
    /// arrays and dictionaries.
    File,
    /// An object stream's content (`N 0 R`), holding `members` objects.
    ObjectStream(u32, usize),
    /// A content stream (`page N` or a form on it): only lengths are checked,
    /// since its operators are interpreted one at a time.
    Content(PdfSource),
}

/// An open array (`[`), dictionary (`<`) or operand list: its length so far
/// and where it starts.
#[derive(Default)]
struct Open {
    count: usize,
    start: usize,
    kind: u8,
}

impl Open {
    /// What it is, for an error message.
    fn name(&self) -> PdfList {
        match self.kind {
            b'[' => PdfList::Array,
            b'<' => PdfList::Dictionary,
            _ => PdfList::Operands,
        }
    }
}

/// The running count of objects against `--max-pdf-objects`, and the
/// length check against `--max-pdf-array`.
#[derive(Clone)]
pub struct Budget {
    limits: Limits,
    objects: usize,
}

impl Budget {
    /// A budget with nothing counted yet.
    pub fn new(limits: &Limits) -> Self {
        Budget {
            limits: limits.clone(),
            objects: 0,
        }
    }

    /// Scan `data`, refusing the first array, dictionary or operand list
    /// longer than `--max-pdf-array` and, for a file or object stream, the
    /// object that takes the count past `--max-pdf-objects`.
    pub fn scan(&mut self, data: &[u8], source: Source) -> Result<(), ReadError> {
        let counts_objects = !matches!(source, Source::Content(_));
        // Each element of a list takes at least a byte: content no longer
        // than the limit cannot hold a list over it.
        if !counts_objects && data.len() <= self.limits.max_pdf_array {
            return Ok(());
        }
        if let Source::ObjectStream(_, members) = source {
            self.add_objects(members, source, 0)?;
        }
        // Element counts of the open arrays and dictionaries, innermost last;
        // `run` counts operands at the top level (a content stream's operands
        // before their operator).
        let mut open: Vec<Open> = Vec::new();
        let mut deeper = 0usize;
        let mut run = Open::default();
        let mut i = 0;
        while i < data.len() {
            let start = i;
            let tok;
            (tok, i) = token(data, i);
            // A reference's `R` folds the two numbers before it into one.
            let value = match tok {
                Token::Skip => continue,
                Token::Close => {
                    if deeper > 0 {
                        deeper -= 1;
                    } else {
                        open.pop();
                    }
                    continue;
                }
                Token::Object => {
                    if counts_objects {
                        self.add_objects(1, source, start)?;
                    }
                    continue;
                }
                // An operator ends its operand list; inside an array a
                // stray word is still one element to lopdf.
                Token::Operator if open.is_empty() => {
                    run.count = 0;
                    continue;
                }
                Token::Ref => -1,
                Token::Operator | Token::Value | Token::Open(_) => 1,
            };
            let list = match open.last_mut() {
                Some(list) => {
                    if counts_objects {
                        self.objects = self.objects.saturating_add_signed(value);
                        self.check_objects(source, start)?;
                    }
                    Some(list)
                }
                // Top-level values of a file or object stream are objects
                // of their own; of a content stream, operands in a list.
                None if counts_objects => None,
                None => {
                    if run.count == 0 {
                        run.start = start;
                    }
                    Some(&mut run)
                }
            };
            if let Some(list) = list {
                list.count = list.count.saturating_add_signed(value);
                if list.count > self.limits.max_pdf_array {
                    return Err(self.limits.exceeded(
                        Limit::PdfArray,
                        Oversize::PdfList {
                            list: list.name(),
                            byte: list.start as u64,
                            within: within(source),
                        },
                    ));
                }
            }
            if let Token::Open(kind) = tok {
                if open.len() < MAX_NESTING {
                    open.push(Open {
                        count: 0,
                        start,
                        kind,
                    });
                } else {
                    deeper += 1;
                }
            }
        }
        Ok(())
    }

    /// Count `n` more objects, refusing past `--max-pdf-objects`.
    fn add_objects(&mut self, n: usize, source: Source, at_byte: usize) -> Result<(), ReadError> {
        self.objects = self.objects.saturating_add(n);
        self.check_objects(source, at_byte)
    }

    fn check_objects(&self, source: Source, at_byte: usize) -> Result<(), ReadError> {
        if self.objects > self.limits.max_pdf_objects {
            return Err(self.limits.exceeded(
                Limit::PdfObjects,
                Oversize::PdfObjects {
                    byte: at_byte as u64,
                    within: within(source),
                },
            ));
        }
        Ok(())
    }
}

/// What the scanned bytes are, for an error message.
fn within(source: Source) -> PdfSource {
    match source {
        Source::File => PdfSource::File,
        Source::ObjectStream(id, _) => PdfSource::ObjectStream(id),
        Source::Content(what) => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(array: usize, objects: usize) -> Limits {
        Limits {
            max_pdf_array: array,
            max_pdf_objects: objects,
            ..Limits::default()
        }
    }

    fn scan(data: &[u8], source: Source, array: usize, objects: usize) -> Result<usize, String> {
        let mut b = Budget::new(&limits(array, objects));
        b.scan(data, source)
            .map(|()| b.objects)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn counts_objects_and_values() {
        let file = b"1 0 obj << /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n\
                     2 0 obj (a [ string ( nested ) ]) endobj % [ comment\n\
                     3 0 obj <0a0b> endobj";
        // Three objects; the dictionary holds four values, the array two
        // references.
        assert_eq!(scan(file, Source::File, 10, 100), Ok(3 + 4 + 2));
        let e = scan(file, Source::File, 10, 5).unwrap_err();
        assert!(e.contains("--max-pdf-objects"), "{e}");
    }

    #[test]
    fn refuses_a_long_array_while_scanning() {
        let mut file = b"1 0 obj << /Widths [".to_vec();
        file.extend(b"0 ".repeat(1000));
        file.extend(b"] >> endobj");
        assert!(scan(&file, Source::File, 1000, 10_000).is_ok());
        let e = scan(&file, Source::File, 999, 10_000).unwrap_err();
        assert!(e.contains("an array at byte 19 of the file exceeds"), "{e}");
        assert!(e.contains("--max-pdf-array"), "{e}");
    }

    #[test]
    fn skips_streams_and_inline_images() {
        let mut file = b"1 0 obj << /Length 9 >> stream\n".to_vec();
        file.extend(b"[ 0 0 0 0 0 0 ".repeat(100));
        file.extend(b"\nendstream endobj");
        assert_eq!(scan(&file, Source::File, 2, 100), Ok(3));
        let content = b"BI /W 1 /H 1 ID \x00 1 2 3 4 5 EI Q 1 2 3 Td";
        assert!(scan(content, Source::Content(PdfSource::Page(1)), 4, 0).is_ok());
    }

    #[test]
    fn operands_before_an_operator_are_one_list() {
        let content = b"1 2 3 4 5 6 Td [(a) 1 (b) 2] TJ";
        assert!(scan(content, Source::Content(PdfSource::Page(1)), 6, 0).is_ok());
        let e = scan(content, Source::Content(PdfSource::Page(1)), 5, 0).unwrap_err();
        assert!(e.contains("of the content of page 1"), "{e}");
    }

    #[test]
    fn object_streams_count_their_members() {
        let data = b"7 0 8 5 [1 2] << /A 1 >>";
        assert_eq!(
            scan(data, Source::ObjectStream(6, 2), 10, 100),
            Ok(2 + 2 + 2)
        );
    }
}
