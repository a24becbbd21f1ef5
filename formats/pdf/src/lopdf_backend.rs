//! The lopdf backend: lopdf parses the file (xref, streams, decryption); we
//! walk the page tree and interpret each page's content streams.
//!
//! The syntax budget ([`crate::budget`]) goes first: over the file before
//! lopdf sees it, and over each object stream from lopdf's load filter,
//! before lopdf expands it.

use std::cell::RefCell;
use std::collections::HashSet;

use gongkai_ir::{Diagnostic, Limits, ReadError};
use lopdf::xref::XrefRecovery;
use lopdf::{Document, LoadOptions, Object, ObjectId};

use crate::backend::{Backend, Page};
use crate::budget::{Budget, Source};
use crate::content::Interp;
use crate::objects::{malformed, stream_data};
use crate::page_tree;

/// Largest decoded object stream or cross-reference stream: real ones hold
/// a few hundred objects (a few MB at most), and a bigger one is only read
/// to be refused.
const MAX_OBJECT_STREAM: usize = 32 << 20;

/// Backend on lopdf.
pub struct LopdfBackend;

impl Backend for LopdfBackend {
    fn pages(
        &self,
        data: &[u8],
        limits: &Limits,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Page>, ReadError> {
        let mut budget = Budget::new(limits);
        budget.scan(data, Source::File)?;
        let doc = load(data, &budget)?;
        if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
            return Err(ReadError::Encrypted {
                format: "pdf",
                reason: gongkai_ir::Lock::PdfPassword,
            });
        }
        let page_dicts = page_tree::pages(&doc, limits)?;
        let mut interp = Interp::new(&doc, limits, diagnostics);
        let mut pages = Vec::with_capacity(page_dicts.len());
        for (n, info) in page_dicts.iter().enumerate() {
            gongkai_ir::checkpoint()?;
            pages.push(interp.page(n as u32 + 1, info)?);
        }
        Ok(pages)
    }
}

thread_local! {
    /// The budget of the load under way on this thread, for [`filter`]: a
    /// lopdf filter is a plain `fn`, so it cannot capture one. lopdf is
    /// built without its `rayon` feature, so the filter runs on this thread.
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

/// What [`filter`] needs and finds during one load.
struct Loading {
    budget: Budget,
    /// The first object stream refused, kept until the load returns.
    refused: Option<ReadError>,
    /// The object numbers the last object stream kept holds, not yet seen:
    /// lopdf filters its members right after it, in ascending order and
    /// before the next object of the file, and keeps the filter's copy of a
    /// member. The first object that is not the next member ends the run.
    members: HashSet<u32>,
    /// The last member seen of that run.
    last_member: u32,
}

/// Load `data` with lopdf, every object stream scanned against `budget`
/// before lopdf expands it.
pub(crate) fn load(data: &[u8], budget: &Budget) -> Result<Document, ReadError> {
    let first = load_with(data, budget.clone(), false)?;
    // lopdf rebuilds the cross-reference table of a damaged file whose page
    // tree did not load only when no filter is given; ask for it here.
    if needs_rebuild(&first) {
        match load_with(data, budget.clone(), true) {
            Ok(rebuilt)
                if rebuilt.xref_recovery == Some(XrefRecovery::Reconstructed)
                    && !needs_rebuild(&rebuilt) =>
            {
                return Ok(rebuilt)
            }
            Err(e @ ReadError::Limit { .. }) => return Err(e),
            _ => {}
        }
    }
    Ok(first)
}

/// One lopdf load with [`filter`] scanning object streams against `budget`.
fn load_with(data: &[u8], budget: Budget, force_reconstruct: bool) -> Result<Document, ReadError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_OBJECT_STREAM),
        filter: Some(filter),
        force_reconstruct,
        ..LoadOptions::default()
    };
    LOADING.with(|l| {
        l.replace(Some(Loading {
            budget,
            refused: None,
            members: HashSet::new(),
            last_member: 0,
        }))
    });
    let loaded = Document::load_mem_with_options(data, options);
    if let Some(e) = LOADING.with(|l| l.take()).and_then(|l| l.refused) {
        return Err(e);
    }
    loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ReadError::Encrypted {
            format: "pdf",
            reason: gongkai_ir::Lock::PdfDecryption(e.to_string()),
        },
        e => malformed(e),
    })
}

/// True when the page tree did not load from a cross-reference table read
/// as written (lopdf's own test for rebuilding it, which a filter turns off).
fn needs_rebuild(doc: &Document) -> bool {
    let needs_password = doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none();
    let page_tree = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .and_then(|root| doc.get_dictionary(root))
        .and_then(|root| root.get_deref(b"Kids", doc))
        .and_then(Object::as_array)
        .is_ok();
    !needs_password && doc.xref_recovery != Some(XrefRecovery::Reconstructed) && !page_tree
}

/// Objects no reader step looks at, dropped as they load: a tagged PDF's
/// structure tree (a browser's print holds a thousand `StructElem`s, more
/// than all its other objects), which would otherwise be copied and freed.
const UNUSED_TYPES: [&[u8]; 4] = [b"StructElem", b"StructTreeRoot", b"OBJR", b"MCR"];

/// What [`filter`] does with one object.
enum Verdict {
    /// Leave it out.
    Drop,
    /// An object of the file: lopdf keeps `object` itself.
    Keep,
    /// A member of the object stream just kept: lopdf keeps what the filter
    /// returns, so it is handed over rather than copied.
    Member,
}

/// lopdf's load filter: an object stream is scanned against the budget
/// before lopdf expands it, and dropped when refused (the refusal is kept
/// for [`load_with`]); after a refusal nothing more is kept. Objects of
/// [`UNUSED_TYPES`] are dropped.
fn filter(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let verdict = LOADING.with(|l| {
        let mut l = l.borrow_mut();
        l.as_mut().map(|loading| verdict(loading, id, object))
    });
    match verdict {
        Some(Verdict::Drop) => None,
        // A stream is never a member (ISO 32000-1, 7.5.7): lopdf keeps it
        // and not the returned copy, which can be a placeholder.
        Some(Verdict::Keep) if matches!(object, Object::Stream(_)) => Some((id, Object::Null)),
        Some(Verdict::Member) => Some((id, std::mem::replace(object, Object::Null))),
        Some(Verdict::Keep) | None => Some((id, object.clone())),
    }
}

/// The [`Verdict`] on one object, the object stream handed over decoded.
fn verdict(loading: &mut Loading, id: ObjectId, object: &mut Object) -> Verdict {
    if loading.refused.is_some() {
        return Verdict::Drop;
    }
    let member = !matches!(object, Object::Stream(_))
        && id.0 > loading.last_member
        && loading.members.remove(&id.0);
    if member {
        loading.last_member = id.0;
    } else {
        loading.members.clear();
    }
    let kept = if member {
        Verdict::Member
    } else {
        Verdict::Keep
    };
    let stream = match object {
        Object::Stream(stream) => stream,
        Object::Dictionary(dict) if UNUSED_TYPES.iter().any(|t| dict.has_type(t)) => {
            return Verdict::Drop;
        }
        _ => return kept,
    };
    if !stream.dict.has_type(b"ObjStm") {
        return kept;
    }
    let content = match stream_data(stream, MAX_OBJECT_STREAM) {
        Ok(content) => content.into_owned(),
        // lopdf would fail the whole load with a bare "couldn't
        // decompress stream": say which stream and why.
        Err(lopdf::Error::Decompress(e @ lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            loading.refused = Some(crate::objects::flawed(gongkai_ir::Flaw::ObjectStream {
                object: id.0,
                detail: e.to_string(),
            }));
            return Verdict::Drop;
        }
        // Other damage is lopdf's to report, as without the filter.
        Err(_) => return kept,
    };
    let members = match stream.dict.get(b"N") {
        Ok(Object::Integer(n)) => usize::try_from(*n).unwrap_or(0),
        _ => 0,
    };
    if let Err(e) = loading
        .budget
        .scan(&content, Source::ObjectStream(id.0, members))
    {
        loading.refused = Some(e);
        return Verdict::Drop;
    }
    let first = match stream.dict.get(b"First") {
        Ok(Object::Integer(n)) => usize::try_from(*n).unwrap_or(0),
        _ => 0,
    };
    loading.members = member_numbers(&content, first, members);
    loading.last_member = 0;
    // Handed over decoded, so that lopdf does not inflate it again.
    stream.set_plain_content(content);
    kept
}

/// The object numbers an object stream's header lists: `members` pairs of
/// number and offset before byte `first`.
fn member_numbers(content: &[u8], first: usize, members: usize) -> HashSet<u32> {
    let header = content.get(..first).unwrap_or_default();
    header
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .step_by(2)
        .take(members)
        .filter_map(|w| std::str::from_utf8(w).ok()?.parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_numbers_from_the_header() {
        let content = b"12 0 13 25 14 40\n<< /A 1 >> << /B 2 >> [1 2]";
        let first = content.iter().position(|&b| b == b'<').unwrap();
        let numbers = member_numbers(content, first, 3);
        assert_eq!(numbers, HashSet::from([12, 13, 14]));
        // No more than N, and nothing past /First.
        assert_eq!(member_numbers(content, first, 2).len(), 2);
        assert!(member_numbers(content, 0, 3).is_empty());
    }
}
