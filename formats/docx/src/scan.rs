//! Skipping an element's content by scanning its raw bytes, much faster than
//! reading it event by event. The scan accepts only plain content (tags,
//! text, references); anything else makes it give up, and the caller lets
//! quick-xml read the content instead, so errors are reported exactly as
//! quick-xml reports them.

/// XML whitespace, as quick-xml defines it.
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Each byte of a word set to `b`.
const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The top bit of each zero byte of `x`, exactly.
const fn zero_bytes(x: u64) -> u64 {
    const LOW7: u64 = splat(0x7F);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The top bit of each byte of `w` that matters to the scan: `<` `>`
/// (0x3C 0x3E), `&` `'` (0x26 0x27) and `"` (0x22), eight bytes at a time.
const fn word_marks(w: u64) -> u64 {
    zero_bytes((w | splat(0x02)) ^ splat(b'>'))
        | zero_bytes((w | splat(0x01)) ^ splat(b'\''))
        | zero_bytes(w ^ splat(b'"'))
}

/// The positions of the bytes that matter to the scan, in order, found
/// eight bytes at a time.
struct Marks<'s> {
    s: &'s [u8],
    /// Where the current word starts.
    base: usize,
    /// The top bits of the marked bytes of the current word not yet returned.
    marks: u64,
}

impl<'s> Marks<'s> {
    fn new(s: &'s [u8]) -> Self {
        let mut m = Marks {
            s,
            base: 0,
            marks: 0,
        };
        m.load(0);
        m
    }

    /// Go on from position `at`.
    fn load(&mut self, at: usize) {
        self.base = at;
        let rest = self.s.get(at..).unwrap_or_default();
        let word = match rest.first_chunk::<8>() {
            Some(w) => u64::from_le_bytes(*w),
            None => {
                // Zero bytes are not marks.
                let mut w = [0u8; 8];
                w.iter_mut().zip(rest).for_each(|(d, s)| *d = *s);
                u64::from_le_bytes(w)
            }
        };
        self.marks = word_marks(word);
    }

    fn next(&mut self) -> Option<(usize, u8)> {
        while self.marks == 0 {
            if self.base.saturating_add(8) >= self.s.len() {
                return None;
            }
            self.load(self.base + 8);
        }
        let at = self.base + (self.marks.trailing_zeros() / 8) as usize;
        self.marks &= self.marks - 1;
        Some((at, *self.s.get(at)?))
    }
}

/// Where the end tag `</end>` closing the element whose content starts at
/// `s[0]` begins, if the content holds only well-formed tags, text and
/// references that quick-xml would read without error (tags end at a `>`
/// outside quotes, and names are compared, as in quick-xml). `open` is
/// scratch space.
pub fn find_end(s: &[u8], end: &[u8], open: &mut Vec<(usize, usize)>) -> Option<usize> {
    open.clear();
    let mut marks = Marks::new(s);
    loop {
        // Text up to the next tag.
        let (j, b) = marks.next()?;
        match b {
            b'<' => {}
            b'&' => {
                // A reference must end with `;` before the next `&` or `<`.
                let after = s.get(j + 1..)?;
                let k = after
                    .iter()
                    .position(|&b| matches!(b, b';' | b'&' | b'<'))?;
                if after.get(k) != Some(&b';') {
                    return None;
                }
                marks.load(j + k + 2);
                continue;
            }
            _ => continue,
        }
        // The tag, up to a `>` outside quotes.
        let mut quote = 0u8;
        let gt = loop {
            let (i, b) = marks.next()?;
            if quote == 0 {
                match b {
                    b'>' => break i,
                    b'"' | b'\'' => quote = b,
                    _ => {}
                }
            } else if b == quote {
                quote = 0;
            }
        };
        match s.get(j + 1)? {
            b'!' | b'?' => return None,
            b'/' => {
                let content = s.get(j + 2..gt)?;
                let name = match content.iter().rposition(|&b| !is_space(b)) {
                    Some(last) => content.get(..=last)?,
                    None => content,
                };
                match open.pop() {
                    Some((a, b)) => {
                        if s.get(a..b)? != name {
                            return None;
                        }
                    }
                    None => return (name == end).then_some(j),
                }
            }
            _ => {
                let content = s.get(j + 1..gt)?;
                if !content.ends_with(b"/") {
                    let len = content
                        .iter()
                        .position(|&b| is_space(b))
                        .unwrap_or(content.len());
                    open.push((j + 1, j + 1 + len));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::find_end;

    fn end(s: &str, name: &str) -> Option<usize> {
        find_end(s.as_bytes(), name.as_bytes(), &mut Vec::new())
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
    }

    #[test]
    fn gives_up_on_anything_unusual() {
        assert_eq!(end("<!-- </w:rPr> --></w:rPr>", "w:rPr"), None);
        assert_eq!(end("<?pi?></w:rPr>", "w:rPr"), None);
        assert_eq!(end("<a></b></w:rPr>", "w:rPr"), None);
        assert_eq!(end("</w:pPr>", "w:rPr"), None);
        assert_eq!(end("a & b</w:rPr>", "w:rPr"), None);
        assert_eq!(end("<a x='>'", "w:rPr"), None);
        assert_eq!(end("<a>", "w:rPr"), None);
    }
}
