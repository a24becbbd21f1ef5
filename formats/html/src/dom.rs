//! The page parsed by html5ever into a node tree, fed in chunks so that a
//! timed-out read or one over its memory budget stops between chunks, and
//! walked without recursion, so that nesting depth costs no stack.

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use gongkai_ir::{Limit, Limits, ReadError, ReadOptions};

use crate::css::{hides, HiddenRules};
use crate::phrases::{NODES_PER_CHECKPOINT, PARSE_CHUNK_BYTES, SKIPPED};

/// Parse a decoded page. Between chunks the open elements (the tree's
/// rightmost path) are measured: the parser's cost per tag grows with the
/// nesting depth, so a page nested too deeply is refused as it is read,
/// not after a quadratic parse.
pub(crate) fn parse(text: &str, options: &ReadOptions) -> Result<RcDom, ReadError> {
    check_attributes(text, &options.limits)?;
    let mut parser = parse_document(RcDom::default(), ParseOpts::default());
    let mut rest = text;
    while !rest.is_empty() {
        let mut cut = rest.len().min(PARSE_CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        gongkai_ir::checkpoint()?;
        let (depth, cells) = rightmost(&parser.tokenizer.sink.sink.document, options);
        if depth > options.limits.max_xml_depth {
            return Err(too_deep(options));
        }
        options.limits.check_cells(cells)?;
        rest = tail;
    }
    Ok(parser.finish())
}

/// Refuse a tag with more than `--max-html-attributes` attributes before
/// parsing (html5ever checks each new attribute against the ones before
/// it, so a tag of 200,000 attributes takes minutes): a byte scan that
/// counts, inside each start tag, the names outside quotes.
fn check_attributes(text: &str, limits: &Limits) -> Result<(), ReadError> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += at + 1;
        if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let (mut count, mut quote, mut after_space, mut after_equals) =
            (0usize, None, false, false);
        while let Some(&b) = bytes.get(i) {
            i += 1;
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'>' => break,
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b.is_ascii_whitespace() => after_space = true,
                None if b == b'=' => after_equals = true,
                None => {
                    if after_space && !after_equals && b != b'/' {
                        count += 1;
                        limits.check(Limit::HtmlAttributes, count as u64, || {
                            gongkai_ir::Oversize::HtmlAttributes
                        })?;
                    }
                    after_space = false;
                    after_equals = false;
                }
            }
            if quote.is_some() {
                after_equals = false;
            }
        }
    }
    Ok(())
}

/// What the tree's rightmost path (the elements still open while parsing)
/// shows: how deep it goes (counted up to just past the limit), and the
/// cells of the innermost open table as rows × the cells of its last row,
/// which is never more than the grid the table will need.
fn rightmost(root: &Handle, options: &ReadOptions) -> (usize, usize) {
    let mut depth = 0;
    let mut cells = 0;
    let mut node = root.clone();
    while depth <= options.limits.max_xml_depth {
        let last = node.children.borrow().last().cloned();
        let Some(child) = last else {
            break;
        };
        match tag(&child) {
            Some("table") => {
                let children = child.children.borrow();
                let rows: usize = children
                    .iter()
                    .map(|section| match tag(section) {
                        Some("tbody" | "thead" | "tfoot") => elements(section),
                        Some("tr") => 1,
                        _ => 0,
                    })
                    .sum();
                cells = rows;
            }
            Some("tr") => cells = cells.saturating_mul(elements(&child)),
            _ => {}
        }
        node = child;
        depth += 1;
    }
    (depth, cells)
}

/// How many children of `node` are elements (white space between cells
/// is a text node).
fn elements(node: &Handle) -> usize {
    node.children
        .borrow()
        .iter()
        .filter(|c| tag(c).is_some())
        .count()
}

fn too_deep(options: &ReadOptions) -> ReadError {
    options
        .limits
        .exceeded(Limit::XmlDepth, gongkai_ir::Oversize::HtmlNesting)
}

/// The lower-case tag name of an element node.
pub(crate) fn tag(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

/// An attribute's value (names are lower case after parsing).
pub(crate) fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// True for an element whose content is never shown: a skipped tag, the
/// `hidden` attribute, a hiding inline style or a style-sheet rule.
fn is_hidden(node: &Handle, tag: &str, rules: &HiddenRules) -> bool {
    if SKIPPED.contains(&tag) {
        return true;
    }
    let by_attribute = match &node.data {
        NodeData::Element { attrs, .. } => attrs.borrow().iter().any(|a| {
            let name: &str = &a.name.local;
            name == "hidden" || (name == "style" && hides(&a.value))
        }),
        _ => false,
    };
    by_attribute || rules.hide(node)
}

/// The number of characters of UTF-8 text (its bytes that start one),
/// counted without decoding.
pub(crate) fn chars(text: &str) -> usize {
    text.bytes().filter(|b| (b & 0xC0) != 0x80).count()
}

/// What a walk sees, in document order.
pub(crate) enum Visit<'a> {
    /// An element opens (hidden ones are never opened).
    Open(&'a Handle, &'a str),
    /// A text node.
    Text(&'a str),
    /// The element opened last closes.
    Close(&'a str),
}

/// Walk the visible nodes under `root` in document order, calling `visit`;
/// refuses nesting deeper than `--max-xml-depth` and checks the stop flag
/// and memory budget as it goes.
pub(crate) fn walk(
    root: &Handle,
    rules: &HiddenRules,
    options: &ReadOptions,
    mut visit: impl FnMut(Visit<'_>) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let max_depth = options.limits.max_xml_depth;
    // Each frame: an open element (or the root) and its next child.
    let mut stack: Vec<(Handle, usize)> = vec![(root.clone(), 0)];
    let mut seen = 0usize;
    while let Some((node, next)) = stack.last_mut() {
        let child = node.children.borrow().get(*next).cloned();
        *next += 1;
        let Some(child) = child else {
            if let Some((done, _)) = stack.pop() {
                if let Some(t) = tag(&done) {
                    if !stack.is_empty() {
                        visit(Visit::Close(t))?;
                    }
                }
            }
            continue;
        };
        seen += 1;
        if seen.is_multiple_of(NODES_PER_CHECKPOINT) {
            gongkai_ir::checkpoint()?;
        }
        match &child.data {
            NodeData::Text { contents } => visit(Visit::Text(&contents.borrow()))?,
            NodeData::Element { name, .. } => {
                let t: &str = &name.local;
                if is_hidden(&child, t, rules) {
                    continue;
                }
                if stack.len() > max_depth {
                    return Err(too_deep(options));
                }
                visit(Visit::Open(&child, t))?;
                stack.push((child.clone(), 0));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(html: &str) -> Vec<String> {
        let dom = parse(html, &ReadOptions::default()).unwrap();
        let mut out = Vec::new();
        walk(
            &dom.document,
            &HiddenRules::of(&dom.document),
            &ReadOptions::default(),
            |v| {
                out.push(match v {
                    Visit::Open(_, t) => format!("<{t}>"),
                    Visit::Text(s) => s.to_string(),
                    Visit::Close(t) => format!("</{t}>"),
                });
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn hidden_and_scripts_are_not_walked() {
        let e =
            events("<p>a<script>x</script><span style='DISPLAY: none'>b</span><b hidden>c</b>d");
        assert_eq!(e.join(""), "<html><body><p>ad</p></body></html>");
    }

    #[test]
    fn tag_soup_is_repaired() {
        let e = events("<table><td>1<td>2</font></table><p>x<p>y");
        let s = e.join("");
        assert!(
            s.contains("<table><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"),
            "{s}"
        );
        assert!(s.contains("<p>x</p><p>y</p>"), "{s}");
    }

    #[test]
    fn a_huge_table_is_refused_while_it_is_parsed() {
        let mut options = ReadOptions::default();
        options.limits.max_cells = 1000;
        let rows = "<tr>".to_string() + &"<td>1</td>\n".repeat(100);
        let Err(err) = parse(&format!("<table>{}", rows.repeat(2000)), &options) else {
            panic!("parsed");
        };
        assert!(err.to_string().contains("--max-cells"), "{err}");
        // White space between cells and rows is not counted as cells.
        assert!(parse(&format!("<table>\n{}</table>", rows.repeat(9)), &options).is_ok());
    }

    #[test]
    fn a_tag_with_too_many_attributes_is_refused() {
        let tag = format!(
            "<p {}>x",
            (0..2000)
                .map(|i| format!("a{i}=\"1 2\""))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let Err(err) = parse(&tag, &ReadOptions::default()) else {
            panic!("parsed");
        };
        assert!(err.to_string().contains("attributes"), "{err}");
        let fine = "<td class=x style='a: b; c: d' colspan=2 nowrap>1</td>".repeat(10);
        assert!(parse(&fine, &ReadOptions::default()).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let html = "<div>".repeat(300);
        let mut deep = ReadOptions::default();
        deep.limits.max_xml_depth = 1000;
        let dom = parse(&html, &deep).unwrap();
        let err = walk(
            &dom.document,
            &HiddenRules::of(&dom.document),
            &ReadOptions::default(),
            |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("--max-xml-depth"), "{err}");
        // Deeper than a chunk can hide: refused while parsing, quickly.
        let html = "<div>".repeat(200_000);
        let start = std::time::Instant::now();
        let Err(err) = parse(&html, &ReadOptions::default()) else {
            panic!("parsed");
        };
        assert!(err.to_string().contains("--max-xml-depth"), "{err}");
        assert!(start.elapsed().as_secs() < 5);
    }
}
