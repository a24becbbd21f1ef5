//! The page tree: the pages in order, walking Pages/Kids with a visited set
//! (loops), the depth and page limits, and the resources, page box and
//! `/Rotate` each page inherits from its parents.

use std::collections::HashSet;

use gongkai_ir::{Amount, Flaw, Limit, Limits, Oversize, ReadError};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::objects::{deref, flawed, get_dict, rect};

/// The page box of a page that names none: A4, in points.
const A4: [f32; 4] = [0.0, 0.0, 595.0, 842.0];

/// A page dictionary with its inherited attributes.
pub struct PageInfo<'a> {
    /// The page dictionary.
    pub dict: &'a Dictionary,
    /// Its resources, its own or inherited.
    pub resources: Option<&'a Dictionary>,
    /// Its crop box (else media box): x0, y0, x1, y1 in user space.
    pub media: [f32; 4],
    /// Its `/Rotate`, its own or inherited: degrees clockwise.
    pub rotate: i64,
}

/// The pages in order, walking the tree with a visited set (loops) and a depth limit.
pub fn pages<'a>(doc: &'a Document, limits: &Limits) -> Result<Vec<PageInfo<'a>>, ReadError> {
    let root = get_dict(doc, &doc.trailer, b"Root").ok_or_else(|| flawed(Flaw::NoCatalog))?;
    let pages = root
        .get(b"Pages")
        .ok()
        .ok_or_else(|| flawed(Flaw::NoPageTree))?;
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    /// A node to visit with what it inherits.
    struct Node<'b> {
        node: &'b Object,
        depth: usize,
        resources: Option<&'b Dictionary>,
        media: Option<[f32; 4]>,
        rotate: i64,
    }
    let mut stack: Vec<Node<'a>> = vec![Node {
        node: pages,
        depth: 0,
        resources: None,
        media: None,
        rotate: 0,
    }];
    // Page-tree nodes whose objects are missing: in a truncated file lopdf
    // rebuilds the xref from what is left, and reading on would drop pages
    // without a word.
    let mut missing = 0usize;
    while let Some(Node {
        node,
        depth,
        resources: res,
        media,
        rotate,
    }) = stack.pop()
    {
        if depth > limits.max_pdf_depth {
            return Err(limits.exceeded(Limit::PdfDepth, Oversize::PageTreeDepth));
        }
        if let Object::Reference(id) = node {
            if !seen.insert(*id) {
                continue; // a loop in the page tree
            }
        }
        let Some(dict) = deref(doc, node).and_then(|o| o.as_dict().ok()) else {
            missing += 1;
            continue;
        };
        let res = get_dict(doc, dict, b"Resources").or(res);
        let media = rect(doc, dict.get(b"CropBox").ok())
            .or_else(|| rect(doc, dict.get(b"MediaBox").ok()))
            .or(media);
        let rotate = match dict.get(b"Rotate").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Integer(r)) => *r,
            _ => rotate,
        };
        match dict.get(b"Kids").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Array(kids)) => {
                for kid in kids.iter().rev() {
                    stack.push(Node {
                        node: kid,
                        depth: depth + 1,
                        resources: res,
                        media,
                        rotate,
                    });
                }
            }
            _ => {
                if out.len() >= limits.max_pages {
                    return Err(limits.exceeded(
                        Limit::Pages,
                        Oversize::Pages(Amount::MoreThan(limits.max_pages as u64)),
                    ));
                }
                out.push(PageInfo {
                    dict,
                    resources: res,
                    media: media.unwrap_or(A4),
                    rotate,
                });
            }
        }
    }
    if missing > 0 {
        return Err(flawed(Flaw::PagesMissing(missing as u64)));
    }
    Ok(out)
}
