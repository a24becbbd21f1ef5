//! Memory stays within a small multiple of the file: huge arrays (a font's
//! /Widths, a CIDFont's /W, a cross-reference stream's /W, an array in a
//! compressed object stream) are refused while the file is scanned, before
//! lopdf builds an object for each element. The peak of live heap bytes is
//! measured by a counting allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use gongkai_format_pdf::PdfReader;
use gongkai_ir::{Limit, ReadError, ReadOptions, Reader};

use gongkai_testkit::pdf::{build_pdf, one_page, stream};

/// Live heap bytes, and their peak since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Taken by every test: the counts are for the whole process.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The heap bytes a read of `pdf` added at its peak, and its result.
fn peak_of_read(pdf: &[u8]) -> (usize, Result<(), ReadError>) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let r = PdfReader.read(pdf, &ReadOptions::default()).map(|_| ());
    (PEAK.load(Ordering::Relaxed) - before, r)
}

/// `n` zeros, space separated.
fn zeros(n: usize) -> Vec<u8> {
    b"0 ".repeat(n)
}

fn simple_font_with_widths(n: usize) -> Vec<u8> {
    let mut font =
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /Widths [".to_vec();
    font.extend(zeros(n));
    font.extend(b"] >>");
    page_with_font(&font, &[])
}

fn cid_font_with_w(n: usize) -> Vec<u8> {
    let mut cid = b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X \
        /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [0 ["
        .to_vec();
    cid.extend(b"500 ".repeat(n));
    cid.extend(b"] 10 65535 500] >>");
    page_with_font(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        &[&cid],
    )
}

/// One page showing text in `font` (object 5); `more` follow as 6….
fn page_with_font(font: &[u8], more: &[&[u8]]) -> Vec<u8> {
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
        /Resources << /Font << /F 5 0 R >> >> >>";
    let mut objects: Vec<&[u8]> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page,
    ];
    let content = stream("", b"BT /F 12 Tf 72 720 Td (hostile) Tj ET");
    objects.push(&content);
    objects.push(font);
    objects.extend_from_slice(more);
    build_pdf(&objects)
}

/// A cross-reference stream whose /W array has `n` entries past its three.
fn xref_stream_with_w(n: usize) -> Vec<u8> {
    let pdf = one_page(b"BT /F 12 Tf 72 720 Td (hostile) Tj ET", "", &[]);
    // Keep the objects; replace the xref table with a stream.
    let end = pdf
        .windows(5)
        .position(|w| w == b"xref\n")
        .unwrap_or(pdf.len());
    let mut out = pdf[..end].to_vec();
    let xref_at = out.len();
    let mut w = b"<< /Type /XRef /Size 7 /Root 1 0 R /W [1 4 1".to_vec();
    w.extend(b" 0".repeat(n));
    w.extend(b"] /Length 0 >>\nstream\n\nendstream");
    out.extend(b"6 0 obj\n");
    out.extend(w);
    out.extend(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// An object stream (compressed a thousandfold) holding one array of `n`
/// zeros as object 7.
fn object_stream_with_array(n: usize) -> Vec<u8> {
    let mut data = b"7 0 [".to_vec();
    data.extend(zeros(n));
    data.extend(b"]");
    let mut z = flate(&data);
    let mut objstm = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        z.len()
    )
    .into_bytes();
    objstm.append(&mut z);
    objstm.extend(b"\nendstream");
    one_page(b"BT /F 12 Tf 72 720 Td (hostile) Tj ET", "", &[&objstm])
}

/// `data` compressed with Flate by lopdf's own encoder.
fn flate(data: &[u8]) -> Vec<u8> {
    let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), data.to_vec());
    stream.compress().unwrap();
    stream.content
}

#[test]
fn huge_arrays_are_refused_before_they_are_built() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Each case with 3 million elements: 6 MB or more of file (a few KB for
    // the object stream), which lopdf made into 400–600 MB of objects.
    let cases: [(&str, Vec<u8>); 4] = [
        ("/Widths", simple_font_with_widths(3_000_000)),
        ("CIDFont /W", cid_font_with_w(3_000_000)),
        ("xref stream /W", xref_stream_with_w(3_000_000)),
        ("object stream", object_stream_with_array(3_000_000)),
    ];
    for (what, pdf) in cases {
        let (peak, r) = peak_of_read(&pdf);
        match r {
            Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, Limit::PdfArray, "{what}"),
            other => panic!("{what}: expected the array limit, got {other:?}"),
        }
        // The object stream is inflated (6 MB here) before it is scanned.
        let bound = 2 * pdf.len() + (16 << 20);
        assert!(
            peak < bound,
            "{what}: {peak} bytes at the peak for a file of {}",
            pdf.len()
        );
    }
}

#[test]
fn the_60_mb_widths_array_of_the_issue_costs_no_more_than_the_file() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let pdf = simple_font_with_widths(30_000_000);
    let (peak, r) = peak_of_read(&pdf);
    assert!(
        matches!(
            r,
            Err(ReadError::Limit {
                limit: Limit::PdfArray,
                ..
            })
        ),
        "{r:?}"
    );
    assert!(peak < 1 << 20, "{peak} bytes at the peak");
}

#[test]
fn arrays_under_the_limit_still_read() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // A raised limit lets the same file through (its text is read).
    let pdf = simple_font_with_widths(300_000);
    let mut options = ReadOptions::default();
    options.limits.max_pdf_array = 1_000_000;
    let doc = PdfReader.read(&pdf, &options).unwrap();
    assert!(doc.plain_text().contains("hostile"));
}
