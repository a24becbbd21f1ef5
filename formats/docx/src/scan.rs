//! Skipping an element's content by scanning its raw bytes, much faster than
//! reading it event by event. The scan accepts only plain content (tags,
//! text, references); anything else makes it give up, and the caller lets
//! quick-xml read the content instead, so errors are reported exactly as
//! quick-xml reports them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// XML whitespace, as quick-xml defines it.
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Each byte of a word set to `b`.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The top bit of each byte of `w` equal to `b`. Only the lowest bit set is
/// sure (a borrow can set bits above it), which is all [`find`] reads.
#[inline(always)]
const fn eq(w: u64, b: u8) -> u64 {
    let x = w ^ splat(b);
    x.wrapping_sub(splat(0x01)) & !x & splat(0x80)
}

/// The first position from `at` on whose byte `marks` flags, looking at
/// eight bytes at a time.
#[inline(always)]
fn find(s: &[u8], mut at: usize, marks: impl Fn(u64) -> u64) -> Option<usize> {
    loop {
        let rest = s.get(at..)?;
        let (word, len) = match rest.first_chunk::<8>() {
            Some(w) => (u64::from_le_bytes(*w), 8),
            // Zero bytes are never marked.
            None => (little_endian(rest), rest.len()),
        };
        let m = marks(word);
        if m != 0 {
            let k = (m.trailing_zeros() / 8) as usize;
            return (k < len).then_some(at + k);
        }
        if len < 8 {
            return None;
        }
        at += 8;
    }
}

/// Fewer than eight bytes as a little-endian word, padded with zero bytes.
fn little_endian(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b))
}

/// The length of the name at the start of a tag's content, as quick-xml
/// counts it: up to the first whitespace.
pub fn name_len(content: &[u8]) -> usize {
    content
        .iter()
        .position(|&b| is_space(b))
        .unwrap_or(content.len())
}

/// Where the tag whose `<` is just before `s[from]` ends: its `>` outside
/// quotes, found as quick-xml's element parser finds it.
pub fn tag_end(s: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let i = find(s, from, |w| eq(w, b'>') | eq(w, b'"') | eq(w, b'\''))?;
        let quote = *s.get(i)?;
        if quote == b'>' {
            return Some(i);
        }
        from = find(s, i + 1, |w| eq(w, quote))? + 1;
    }
}

/// The most direct children [`find_end`] lists; property blocks have a few
/// dozen at most, and a bound keeps a hostile one from taking much memory.
pub const MAX_CHILDREN: usize = 64;

/// A direct child element met by [`find_end`]: where its tag's content
/// (between `<` and `>`, without the `/` of an empty element) lies, and how
/// long its name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    /// Where the tag's content starts (after `<`).
    pub start: usize,
    /// Where it ends (at `>`, or at the `/` of an empty element).
    pub end: usize,
    /// The length of the element's name.
    pub name_len: usize,
}

/// The top bit of each zero byte of `x`, exactly.
#[inline(always)]
const fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = splat(0x7F);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The top bit of each byte of `w` that matters to [`find_end`]: `<` `>`
/// (0x3C 0x3E), `&` `'` (0x26 0x27) and `"` (0x22), exactly.
#[inline(always)]
const fn word_marks(w: u64) -> u64 {
    zero_bytes((w | splat(0x02)) ^ splat(b'>'))
        | zero_bytes((w | splat(0x01)) ^ splat(b'\''))
        | zero_bytes(w ^ splat(b'"'))
}

/// The marks of the eight bytes from `at` (fewer at the end).
#[inline(always)]
fn marks_at(s: &[u8], at: usize) -> u64 {
    let rest = s.get(at..).unwrap_or_default();
    match rest.first_chunk::<8>() {
        Some(w) => word_marks(u64::from_le_bytes(*w)),
        // Zero bytes are not marks.
        None => word_marks(little_endian(rest)),
    }
}

/// Where the end tag `</end>` closing the element whose content starts at
/// `s[0]` begins and where it ends (the position after its `>`), if the
/// content holds only well-formed tags, text and references that quick-xml
/// would read without error (tags end at a `>` outside quotes, and names are
/// compared, as in quick-xml). `open` is scratch space; the direct children
/// are added to `children`, if given, up to one more than [`MAX_CHILDREN`]
/// (which means too many).
///
/// One pass over the bytes that matter, found eight at a time.
pub fn find_end(
    s: &[u8],
    end: &[u8],
    open: &mut Vec<(usize, usize)>,
    mut children: Option<&mut Vec<Child>>,
) -> Option<(usize, usize)> {
    open.clear();
    // Where the current word starts, and its marks not yet looked at.
    let mut base = 0;
    let mut marks = marks_at(s, 0);
    // The `<` of the tag being read, and the quote it is in, if any.
    let mut tag = None;
    let mut quote = 0u8;
    loop {
        while marks == 0 {
            base += 8;
            if base >= s.len() {
                return None;
            }
            marks = marks_at(s, base);
        }
        let at = base + (marks.trailing_zeros() / 8) as usize;
        marks &= marks - 1;
        let b = *s.get(at)?;
        let Some(j) = tag else {
            // Text.
            match b {
                b'<' => tag = Some(at),
                b'&' => {
                    // A reference must end with `;` before the next `&` or `<`.
                    let k = find(s, at + 1, |w| eq(w, b';') | eq(w, b'&') | eq(w, b'<'))?;
                    if s.get(k) != Some(&b';') {
                        return None;
                    }
                    base = k + 1;
                    marks = marks_at(s, base);
                }
                _ => {}
            }
            continue;
        };
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => {
                quote = b;
                continue;
            }
            b'>' => tag = None,
            _ => continue,
        }
        // A whole tag, from `<` at `j` to `>` at `at`.
        let content = s.get(j + 1..at)?;
        match content.first() {
            Some(b'!' | b'?') => return None,
            Some(b'/') => {
                let name = content.get(1..)?;
                let name = match name.iter().rposition(|&b| !is_space(b)) {
                    Some(last) => name.get(..=last)?,
                    None => name,
                };
                match open.pop() {
                    Some((a, b)) => {
                        if s.get(a..b)? != name {
                            return None;
                        }
                    }
                    None => return (name == end).then_some((j, at + 1)),
                }
            }
            _ => {
                let empty = content.strip_suffix(b"/");
                let tag = empty.unwrap_or(content);
                let len = name_len(tag);
                if open.is_empty() {
                    if let Some(children) =
                        children.as_deref_mut().filter(|c| c.len() <= MAX_CHILDREN)
                    {
                        children.push(Child {
                            start: j + 1,
                            end: j + 1 + tag.len(),
                            name_len: len,
                        });
                    }
                }
                if empty.is_none() {
                    open.push((j + 1, j + 1 + len));
                }
            }
        }
    }
}

/// How many bytes from the start of content pick the known content it is
/// compared with.
const KEY_BYTES: usize = 32;

/// How many known contents starting with the same bytes are compared.
const CANDIDATES: usize = 16;

/// How many contents a [`Skipper`] remembers: documents repeat a few dozen;
/// the bound keeps the memory small whatever the input.
const KNOWN: usize = 1024;

/// [`find_end`] over one document, remembering what it found by the bytes
/// scanned: a document repeats the same few property blocks hundreds of
/// times, and comparing bytes is much cheaper than scanning them. The result
/// of a scan depends only on the name and on the bytes up to the end tag it
/// finds, so content that starts with those bytes gives the same result.
pub struct Skipper<'d> {
    doc: &'d [u8],
    open: Vec<(usize, usize)>,
    children: Vec<Child>,
    /// The known content found last, whose children [`Self::children`] lists.
    last: Option<usize>,
    known: Vec<Known>,
    /// The known contents by the hash of the name and their first bytes,
    /// the last found first.
    by_start: HashMap<u64, Vec<usize>, BuildHasherDefault<Pass>>,
    /// The direct children of the known contents, positions relative to
    /// the start of the content.
    known_children: Vec<Child>,
}

/// Content scanned before.
struct Known {
    /// Where in the document, and how long with its end tag.
    at: usize,
    len: usize,
    /// Where its end tag starts.
    end: usize,
    /// The length of the element's name.
    name_len: usize,
    /// Its direct children in `known_children`, if they were listed.
    children: Option<Range<usize>>,
}

impl<'d> Skipper<'d> {
    /// A skipper over the document `doc`, remembering nothing yet.
    pub fn new(doc: &'d [u8]) -> Self {
        Skipper {
            doc,
            open: Vec::new(),
            children: Vec::new(),
            last: None,
            known: Vec::new(),
            by_start: HashMap::default(),
            known_children: Vec::new(),
        }
    }

    /// [`find_end`] for the content that starts at `at` in the document;
    /// with `children`, its direct children are listed in [`Self::children`]
    /// (unless there are too many).
    pub fn find_end(&mut self, at: usize, end: &[u8], children: bool) -> Option<Found> {
        let doc = self.doc;
        let s = doc.get(at..)?;
        let key = hash(s.get(..KEY_BYTES).unwrap_or(s), hash(end, 0));
        self.children.clear();
        self.last = None;
        if let Some(list) = self.by_start.get_mut(&key) {
            let same = |k: &Known| {
                k.name_len == end.len()
                    && (k.children.is_some() || !children)
                    && s.get(..k.len) == doc.get(k.at..k.at + k.len)
                    && doc.get(k.at + k.end + 2..k.at + k.end + 2 + k.name_len) == Some(end)
            };
            let hit = list
                .iter()
                .position(|&i| self.known.get(i).is_some_and(same));
            if let Some(n) = hit {
                list.swap(0, n);
                let id = *list.first()?;
                let known = self.known.get(id)?;
                self.last = Some(id).filter(|_| children);
                return Some(Found {
                    end: known.end,
                    after: known.len,
                    known: Some(id),
                });
            }
        }
        let (end_at, len) = find_end(
            s,
            end,
            &mut self.open,
            children.then_some(&mut self.children),
        )?;
        let mut found = Found {
            end: end_at,
            after: len,
            known: None,
        };
        if self.known.len() >= KNOWN || self.children.len() > MAX_CHILDREN {
            return Some(found);
        }
        let list = self.by_start.entry(key).or_default();
        if list.len() < CANDIDATES {
            let children = children.then(|| {
                let start = self.known_children.len();
                self.known_children.extend_from_slice(&self.children);
                start..self.known_children.len()
            });
            found.known = Some(self.known.len());
            list.insert(0, self.known.len());
            self.known.push(Known {
                at,
                len,
                end: end_at,
                name_len: end.len(),
                children,
            });
        }
        Some(found)
    }

    /// The direct children listed by the last [`Self::find_end`], unless
    /// there were too many.
    pub fn children(&self) -> Option<&[Child]> {
        let known = self.last.and_then(|i| self.known.get(i)?.children.clone());
        match known {
            Some(range) => self.known_children.get(range),
            None => Some(self.children.as_slice()).filter(|c| c.len() <= MAX_CHILDREN),
        }
    }
}

/// What [`Skipper::find_end`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Where the end tag starts, from the start of the content.
    pub end: usize,
    /// Where it ends (the position after its `>`).
    pub after: usize,
    /// The content's number among the contents the scanner remembers: the
    /// same number means the same bytes.
    pub known: Option<usize>,
}

/// A fast hash of bytes (the multiply-rotate step of rustc-hash's FxHasher).
fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(26);
    let (words, tail) = bytes.as_chunks::<8>();
    let h = words.iter().fold(seed ^ bytes.len() as u64, |h, w| {
        step(h, u64::from_le_bytes(*w))
    });
    step(h, little_endian(tail))
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Pass(u64);

impl Hasher for Pass {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash(bytes, self.0);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{find_end, tag_end, Child, Skipper};

    fn end(s: &str, name: &str) -> Option<usize> {
        find_end(s.as_bytes(), name.as_bytes(), &mut Vec::new(), None).map(|(k, _)| k)
    }

    #[test]
    fn finds_the_matching_end_tag() {
        assert_eq!(end("</w:rPr>", "w:rPr"), Some(0));
        assert_eq!(
            end("<w:b/><w:sz w:val=\"2\"/></w:rPr >x", "w:rPr"),
            Some(23)
        );
        assert_eq!(end("<w:rPr></w:rPr></w:rPr>", "w:rPr"), Some(15));
        assert_eq!(end("<a x='>'>t&amp;</a ></w:rPr>", "w:rPr"), Some(20));
        assert_eq!(end("<a x=\"/>\"></a></w:rPr>", "w:rPr"), Some(14));
        assert_eq!(end("<a x=\"'\" y='\"'>&#1;</a></w:rPr>", "w:rPr"), Some(23));
        // quick-xml reads `&amp b;` as a reference named `amp b`.
        assert_eq!(end("a &amp b; <x/></w:rPr>", "w:rPr"), Some(14));
        let s = "<a>long text, longer than a word &lt; and more</a></w:rPr \t>after";
        assert_eq!(
            find_end(s.as_bytes(), b"w:rPr", &mut Vec::new(), None),
            Some((50, 60))
        );
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        assert_eq!(end("<!-- </w:rPr> --></w:rPr>", "w:rPr"), None);
        assert_eq!(end("<?pi?></w:rPr>", "w:rPr"), None);
        assert_eq!(end("<a></b></w:rPr>", "w:rPr"), None);
        assert_eq!(end("</w:pPr>", "w:rPr"), None);
        assert_eq!(end("a & b</w:rPr>", "w:rPr"), None);
        assert_eq!(end("a &amp", "w:rPr"), None);
        assert_eq!(end("<a x='>'", "w:rPr"), None);
        assert_eq!(end("<a>", "w:rPr"), None);
        assert_eq!(end("<", "w:rPr"), None);
        assert_eq!(end("</w:rPr", "w:rPr"), None);
    }

    #[test]
    fn tags_end_outside_quotes() {
        assert_eq!(tag_end(b"<a>", 1), Some(2));
        assert_eq!(tag_end(b"<a x='>' y=\"'>\">", 1), Some(15));
        assert_eq!(tag_end(b"<a x='>", 1), None);
        assert_eq!(tag_end(b"<a x=\"", 1), None);
        assert_eq!(tag_end(b"<abcdefghijklmnopq", 1), None);
    }

    #[test]
    fn known_content_gives_the_same_result() {
        let doc = "<a><w:b/><w:sz w:val=\"2\"/></a><a><w:b/><w:sz w:val=\"2\"/></a>\
                   <a><w:b/><w:sz w:val=\"3\"/></a><a><w:b/><w:sz w:val=\"2\"/></a >";
        let mut scanner = Skipper::new(doc.as_bytes());
        for at in [3, 3, 33, 63, 93] {
            let found = scanner.find_end(at, b"a", true).map(|f| (f.end, f.after));
            let children = scanner.children().unwrap_or_default().to_vec();
            let mut direct = Vec::new();
            let expected = find_end(
                &doc.as_bytes()[at..],
                b"a",
                &mut Vec::new(),
                Some(&mut direct),
            );
            assert_eq!((found, children), (expected, direct), "at {at}");
        }
        assert_eq!(scanner.known.len(), 3);
        // Listed children are not made up for content first scanned without.
        let mut scanner = Skipper::new(doc.as_bytes());
        let found = |f: Option<super::Found>| f.map(|f| (f.end, f.after, f.known));
        assert_eq!(
            found(scanner.find_end(3, b"a", false)),
            Some((23, 27, Some(0)))
        );
        assert_eq!(scanner.children(), Some(&[][..]));
        assert_eq!(
            found(scanner.find_end(33, b"a", true)),
            Some((23, 27, Some(1)))
        );
        assert_eq!(
            found(scanner.find_end(3, b"a", true)),
            Some((23, 27, Some(1)))
        );
        assert_eq!(scanner.children().map(<[_]>::len), Some(2));
    }

    #[test]
    fn too_many_children_are_not_listed() {
        let doc = format!("<a>{}</a>", "<b/>".repeat(super::MAX_CHILDREN + 1));
        let mut scanner = Skipper::new(doc.as_bytes());
        let found = scanner.find_end(3, b"a", true).map(|f| (f.after, f.known));
        assert_eq!(found, Some((doc.len() - 3, None)));
        assert_eq!(scanner.children(), None);
        let doc = format!("<a>{}</a>", "<b/>".repeat(super::MAX_CHILDREN));
        let mut scanner = Skipper::new(doc.as_bytes());
        assert!(scanner.find_end(3, b"a", true).is_some());
        assert_eq!(
            scanner.children().map(<[_]>::len),
            Some(super::MAX_CHILDREN)
        );
    }

    #[test]
    fn lists_the_direct_children() {
        let s = "<w:gridSpan w:val=\"2\"/><w:tcBorders><w:top/></w:tcBorders>t<w:b /></w:tcPr>";
        let mut children = Vec::new();
        let found = find_end(
            s.as_bytes(),
            b"w:tcPr",
            &mut Vec::new(),
            Some(&mut children),
        );
        assert_eq!(found, Some((66, 75)));
        let names: Vec<_> = children
            .iter()
            .map(|c: &Child| (&s[c.start..c.end], &s[c.start..c.start + c.name_len]))
            .collect();
        assert_eq!(
            names,
            [
                ("w:gridSpan w:val=\"2\"", "w:gridSpan"),
                ("w:tcBorders", "w:tcBorders"),
                ("w:b ", "w:b"),
            ]
        );
    }
}
