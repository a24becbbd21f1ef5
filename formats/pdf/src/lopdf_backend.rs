//! The lopdf backend: lopdf parses the file (xref, streams, decryption); we
//! walk the page tree and interpret each page's content streams.
//!
//! The syntax budget ([`crate::budget`]) goes first: over the file before
//! lopdf sees it, and over each object stream from lopdf's load filter,
//! which then keeps the stream for [`ObjectStreams`] instead of letting
//! lopdf expand it: only the members the pages reach are parsed.

use std::cell::RefCell;

use gongkai_ir::{Diagnostic, Limits, ReadError};
use lopdf::xref::XrefRecovery;
use lopdf::{Document, LoadOptions, Object, ObjectId};

use crate::backend::{Backend, Page};
use crate::budget::{Budget, Source};
use crate::content::Interp;
use crate::font_arrays::Unparsed;
use crate::object_streams::{ObjectStreams, UNUSED_TYPES};
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
        let (doc, unparsed) = load(data, &budget)?;
        if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
            return Err(ReadError::Encrypted {
                format: "pdf",
                reason: gongkai_ir::Lock::PdfPassword,
            });
        }
        let page_dicts = page_tree::pages(&doc, limits)?;
        let mut interp = Interp::new(&doc, &unparsed, limits, diagnostics);
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
    /// The object streams, decoded, kept from lopdf.
    streams: ObjectStreams,
}

/// Load `data` with lopdf, every object stream scanned against `budget`;
/// of the objects in object streams, only those the reader reaches, and
/// those whose `/Differences` were left unparsed.
pub(crate) fn load(data: &[u8], budget: &Budget) -> Result<(Document, Unparsed), ReadError> {
    let first = load_with(data, budget.clone(), false)?;
    // lopdf rebuilds the cross-reference table of a damaged file whose page
    // tree did not load only when no filter is given; ask for it here.
    if needs_rebuild(&first.0) {
        match load_with(data, budget.clone(), true) {
            Ok(rebuilt)
                if rebuilt.0.xref_recovery == Some(XrefRecovery::Reconstructed)
                    && !needs_rebuild(&rebuilt.0) =>
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
fn load_with(
    data: &[u8],
    budget: Budget,
    force_reconstruct: bool,
) -> Result<(Document, Unparsed), ReadError> {
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
            streams: ObjectStreams::default(),
        }))
    });
    let loaded = Document::load_mem_with_options(data, options);
    let Some(loading) = LOADING.with(|l| l.take()) else {
        return Err(malformed("the load lost its object streams"));
    };
    if let Some(e) = loading.refused {
        return Err(e);
    }
    let mut doc = loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ReadError::Encrypted {
            format: "pdf",
            reason: gongkai_ir::Lock::PdfDecryption(e.to_string()),
        },
        e => malformed(e),
    })?;
    let unparsed = loading.streams.load_reachable(&mut doc);
    Ok((doc, unparsed))
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

/// lopdf's load filter: an object stream is scanned against the budget and
/// kept for [`ObjectStreams`], so that lopdf does not expand it; after a
/// refusal (kept for [`load_with`]) nothing more is kept. Objects of
/// [`UNUSED_TYPES`] are dropped. lopdf keeps an object of the file itself,
/// not what the filter returns (only members, which no longer pass here,
/// are taken from the return), so nothing is copied.
fn filter(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let keep = LOADING.with(|l| {
        let mut l = l.borrow_mut();
        l.as_mut().is_none_or(|loading| keep(loading, id, object))
    });
    keep.then_some((id, Object::Null))
}

/// Whether lopdf keeps `object`; an object stream is taken, decoded, into
/// `loading`.
fn keep(loading: &mut Loading, id: ObjectId, object: &mut Object) -> bool {
    if loading.refused.is_some() {
        return false;
    }
    let stream = match object {
        Object::Stream(stream) => stream,
        Object::Dictionary(dict) => return !UNUSED_TYPES.iter().any(|t| dict.has_type(t)),
        _ => return true,
    };
    if !stream.dict.has_type(b"ObjStm") {
        return true;
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
            return false;
        }
        // Other damage: lopdf skips such a stream with its members.
        Err(_) => return false,
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
        return false;
    }
    loading.streams.keep(id.0, &stream.dict, content);
    false
}
