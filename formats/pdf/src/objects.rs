//! Reading lopdf objects the same way everywhere (page tree, content
//! interpreter, fonts): numbers, references, dictionary entries, stream data.

use std::borrow::Cow;

use gongkai_ir::ReadError;
use lopdf::{Dictionary, Document, Object, ObjectStream, Stream};

/// The error for a file lopdf cannot read, in lopdf's words.
pub fn malformed(e: impl std::fmt::Display) -> ReadError {
    flawed(gongkai_ir::Flaw::parser(e))
}

/// The error for a file lopdf reads but we cannot use.
pub fn flawed(reason: gongkai_ir::Flaw) -> ReadError {
    ReadError::Malformed {
        format: "pdf",
        reason,
    }
}

/// A number (integer or real) as `f32`.
pub fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The object itself, or the one a reference points to; `None` when missing.
pub fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    // Most objects are direct (a font's widths): skip lopdf's loop, which
    // builds an error to find that out.
    if !matches!(o, Object::Reference(_)) {
        return Some(o);
    }
    doc.dereference(o).ok().map(|(_, o)| o)
}

/// A dictionary's entry, reference followed.
pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, d.get(key).ok()?)
}

/// A dictionary's entry that is a dictionary, reference followed.
pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    get(doc, d, key)?.as_dict().ok()
}

/// A stream's data, decoded up to `max` bytes; a stream without a filter as
/// it is stored, even past `max` (it is in memory already).
pub fn stream_data(stream: &Stream, max: usize) -> Result<Cow<'_, [u8]>, lopdf::Error> {
    match stream.decompressed_content_with_limit(max) {
        Ok(d) => Ok(Cow::Owned(d)),
        Err(_) if stream.dict.get(b"Filter").is_err() => Ok(Cow::Borrowed(&stream.content)),
        Err(e) => Err(e),
    }
}

/// A rectangle, corners in order; `None` when not one or at most a point wide.
pub fn rect(doc: &Document, o: Option<&Object>) -> Option<[f32; 4]> {
    let Object::Array(a) = deref(doc, o?)? else {
        return None;
    };
    let v: Vec<f32> = a
        .iter()
        .filter_map(|o| deref(doc, o).and_then(num))
        .collect();
    match v.as_slice() {
        [x0, y0, x1, y1] if (x1 - x0).abs() > 1.0 && (y1 - y0).abs() > 1.0 => {
            Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)])
        }
        _ => None,
    }
}

/// One object-stream member, `body` as written, parsed with lopdf's
/// object-stream parser (handed a stream of that member alone).
pub fn parse_member(body: &[u8], number: u32) -> Option<Object> {
    let header = format!("{number} 0 ");
    let mut content = Vec::with_capacity(header.len() + body.len());
    content.extend_from_slice(header.as_bytes());
    content.extend_from_slice(body);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"ObjStm".to_vec()));
    dict.set("N", 1);
    dict.set("First", i64::try_from(header.len()).ok()?);
    let stream = Stream::new(dict, content);
    ObjectStream::new(&stream)
        .ok()?
        .objects
        .remove(&(number, 0))
}
