//! Object streams read lazily. The load filter keeps each object stream's
//! decoded content instead of letting lopdf parse every member, and after
//! the load only the members the reader can reach (the page tree, the form's
//! resources) are parsed, one at a time, with lopdf's own parser. A browser's
//! print keeps a thousand structure elements and the Type 3 fonts' encodings
//! there: the structure tree is never parsed now.

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::xref::{Xref, XrefEntry};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::font_arrays::{self, Unparsed};
use crate::objects::parse_member;
use crate::syntax;

/// Objects no reader step looks at, left out when they load: a tagged PDF's
/// structure tree (a browser's print holds a thousand `StructElem`s, more
/// than all its other objects).
pub(crate) const UNUSED_TYPES: [&[u8]; 4] = [b"StructElem", b"StructTreeRoot", b"OBJR", b"MCR"];

/// The catalog entries the reader reads: the page tree, and the form's
/// default resources (`AcroForm`/`DR`) for filled form fields.
const CATALOG_KEYS: [&[u8]; 2] = [b"Pages", b"AcroForm"];

/// One object stream, decoded: its content and where each member starts.
struct Packed {
    content: Vec<u8>,
    /// Object number and start of each member, in header order.
    members: Vec<(u32, usize)>,
    /// The members' starts, sorted: a member ends where the next begins.
    starts: Vec<usize>,
}

/// The object streams of one load, by object number of the stream.
#[derive(Default)]
pub(crate) struct ObjectStreams {
    streams: BTreeMap<u32, Packed>,
}

/// Where an object-stream member lies: its stream and its byte range there.
#[derive(Clone, Copy)]
struct Member {
    stream: u32,
    start: usize,
    end: usize,
}

impl ObjectStreams {
    /// Keep object stream `id`, `content` decoded, for [`Self::load_reachable`].
    pub fn keep(&mut self, id: u32, dict: &Dictionary, content: Vec<u8>) {
        let first = match dict.get(b"First") {
            Ok(Object::Integer(n)) => usize::try_from(*n).ok(),
            _ => None,
        };
        // Read as lopdf reads the header: a stream without a usable one
        // holds nothing.
        let members = first
            .and_then(|first| header(&content, first))
            .unwrap_or_default();
        let mut starts: Vec<usize> = members.iter().map(|&(_, start)| start).collect();
        starts.sort_unstable();
        self.streams.insert(
            id,
            Packed {
                content,
                members,
                starts,
            },
        );
    }

    /// Parse into `doc` the members that the catalog's page tree and form
    /// reach, following references from there (each object once, so a cycle
    /// ends). Which copy of an object counts is lopdf's rule: the stream the
    /// cross-reference table names, else the first stream holding it.
    /// Returns the members parsed without their `/Differences`.
    pub fn load_reachable(&self, doc: &mut Document) -> Unparsed {
        let mut unparsed = Unparsed::default();
        if self.streams.is_empty() {
            return unparsed;
        }
        let index = self.index(&doc.reference_table);
        let mut todo: Vec<ObjectId> = Vec::new();
        // The catalog itself, through any chain of references.
        let mut root = match doc.trailer.get(b"Root") {
            Ok(Object::Dictionary(catalog)) => {
                catalog_references(catalog, &mut todo);
                None
            }
            root => root.ok().cloned(),
        };
        let mut seen: HashSet<ObjectId> = HashSet::new();
        while let Some(Object::Reference(id)) = root {
            if !seen.insert(id) {
                break;
            }
            self.ensure(doc, &index, &mut unparsed, id);
            root = match doc.objects.get(&id) {
                Some(Object::Reference(next)) => Some(Object::Reference(*next)),
                Some(Object::Dictionary(catalog)) => {
                    catalog_references(catalog, &mut todo);
                    None
                }
                _ => None,
            };
        }
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            self.ensure(doc, &index, &mut unparsed, id);
            if let Some(object) = doc.objects.get(&id) {
                references(object, &mut todo);
            }
        }
        unparsed
    }

    /// Parse member `id` into `doc` unless lopdf loaded it already, by
    /// [`syntax::member`] or else lopdf; one whose `/Differences` was left
    /// empty is kept as written in `unparsed`.
    fn ensure(
        &self,
        doc: &mut Document,
        index: &HashMap<u32, Member>,
        unparsed: &mut Unparsed,
        id: ObjectId,
    ) {
        if id.1 != 0 || doc.objects.contains_key(&id) {
            return;
        }
        let Some(member) = index.get(&id.0) else {
            return;
        };
        let Some(body) = self
            .streams
            .get(&member.stream)
            .and_then(|packed| packed.content.get(member.start..member.end))
        else {
            return;
        };
        let Some((object, differences)) = syntax::member(body).or_else(|| lopdf_member(body, id))
        else {
            return;
        };
        if differences {
            unparsed.keep(id.0, body);
        }
        let unused =
            matches!(&object, Object::Dictionary(d) if UNUSED_TYPES.iter().any(|t| d.has_type(t)));
        if !unused {
            doc.objects.insert(id, object);
        }
    }

    /// Where each object number's member lies. lopdf's rule: a member counts
    /// when the cross-reference table puts it in this stream, or lists it as
    /// an ordinary object or not at all (then the first stream holding it
    /// wins); a free entry deletes it.
    fn index(&self, xref: &Xref) -> HashMap<u32, Member> {
        let mut index: HashMap<u32, Member> = HashMap::new();
        for (&stream, packed) in &self.streams {
            let mut own: HashMap<u32, Member> = HashMap::new();
            for &(number, start) in &packed.members {
                let counts = match xref.entries.get(&number) {
                    Some(XrefEntry::Compressed { container, .. }) => *container == stream,
                    Some(XrefEntry::Free | XrefEntry::UnusableFree) => false,
                    Some(XrefEntry::Normal { .. }) | None => true,
                };
                if !counts {
                    continue;
                }
                let next = packed.starts.partition_point(|&s| s <= start);
                let end = packed
                    .starts
                    .get(next)
                    .copied()
                    .unwrap_or(packed.content.len());
                // Within one stream the last copy wins, as in lopdf's map.
                own.insert(number, Member { stream, start, end });
            }
            for (number, member) in own {
                index.entry(number).or_insert(member);
            }
        }
        index
    }
}

/// The members an object stream's header lists: object number and start
/// (past `/First`), read as lopdf reads them (white space, `%` comments; a
/// pair that is not two numbers is skipped). `None` when the header is not
/// text or `first` lies past the end.
pub(crate) fn header(content: &[u8], first: usize) -> Option<Vec<(u32, usize)>> {
    let text = std::str::from_utf8(content.get(..first)?).ok()?;
    let numbers: Vec<Option<u32>> = text
        .split(['\r', '\n'])
        .flat_map(|line| {
            line.split('%')
                .next()
                .unwrap_or_default()
                .split_whitespace()
        })
        .map(|n| n.parse().ok())
        .collect();
    Some(
        numbers
            .chunks_exact(2)
            .filter_map(|pair| match pair {
                [Some(number), Some(offset)] => {
                    Some((*number, first.checked_add(usize::try_from(*offset).ok()?)?))
                }
                _ => None,
            })
            .collect(),
    )
}

/// Member `id`, `body` as written, parsed by lopdf (what [`syntax::member`]
/// leaves to it), its font arrays taken out first by [`font_arrays`]; and
/// whether a `/Differences` was left empty.
fn lopdf_member(body: &[u8], id: ObjectId) -> Option<(Object, bool)> {
    let blanked = font_arrays::blank(body);
    let mut object = parse_member(blanked.as_ref().map_or(body, |b| b.body.as_slice()), id.0)?;
    let differences = blanked.as_ref().is_some_and(|b| b.differences);
    if let Some(blanked) = blanked {
        blanked.restore(&mut object);
    }
    Some((object, differences))
}

/// Push the references of the catalog entries the reader reads onto `out`.
fn catalog_references(catalog: &Dictionary, out: &mut Vec<ObjectId>) {
    for key in CATALOG_KEYS {
        if let Ok(value) = catalog.get(key) {
            references(value, out);
        }
    }
}

/// Push every reference inside `object` (arrays, dictionaries, a stream's
/// dictionary) onto `out`, without recursion.
fn references(object: &Object, out: &mut Vec<ObjectId>) {
    let mut stack = vec![object];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => out.push(*id),
            Object::Array(items) => stack.extend(items.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_pairs_as_lopdf_reads_them() {
        let content = b"12 0 13 25 % note\n14 40 x 7\n<< /A 1 >>";
        let first = content.iter().position(|&b| b == b'<').unwrap();
        let members = header(content, first).unwrap();
        assert_eq!(
            members,
            vec![(12, first), (13, first + 25), (14, first + 40)]
        );
        assert!(header(content, content.len() + 1).is_none());
    }

    #[test]
    fn only_reachable_members_are_parsed() {
        // Catalog 1 (a member) -> pages 2 (a member) -> page 3 (a member);
        // 4 is a member nothing reaches, 5 a structure element the page
        // names.
        let body = b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >> \
<< /Type /Pages /Kids [3 0 R] /Count 1 >> \
<< /Type /Page /Parent 2 0 R /X 5 0 R >> \
<< /Type /StructTreeRoot >> \
<< /Type /StructElem >>";
        let text = std::str::from_utf8(body).unwrap();
        let starts: Vec<usize> = text.match_indices("<< /Type").map(|(i, _)| i).collect();
        let head = starts
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{} {s} ", i + 1))
            .collect::<String>();
        let mut content = head.clone().into_bytes();
        content.extend_from_slice(body);
        let mut dict = Dictionary::new();
        dict.set("First", i64::try_from(head.len()).unwrap());
        let mut streams = ObjectStreams::default();
        streams.keep(9, &dict, content);
        let mut doc = Document::new();
        doc.trailer.set("Root", Object::Reference((1, 0)));
        streams.load_reachable(&mut doc);
        let loaded: Vec<u32> = doc.objects.keys().map(|id| id.0).collect();
        assert_eq!(loaded, vec![1, 2, 3]);
        let kids = doc
            .get_dictionary((2, 0))
            .unwrap()
            .get(b"Kids")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(kids, &vec![Object::Reference((3, 0))]);
    }
}
