//! Truncated and bit-flipped copies of every fixture PDF: each read ends, in
//! time, with a document or a typed error, never a panic.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use gongkai_format_pdf::PdfReader;
use gongkai_ir::{ReadError, ReadOptions, Reader};

/// Offsets per file for each kind of damage.
const STEPS: usize = 20;
/// Longest a single read may take (debug build, shared machine).
const BOUND: Duration = Duration::from_secs(20);

use gongkai_testkit::fixtures;

/// Read `data` on a worker thread; fail on a panic, an internal error or a
/// read that takes longer than `BOUND`.
fn check(what: &str, data: Vec<u8>) {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let r = PdfReader.read(&data, &ReadOptions::default());
        let _ = tx.send(r.map(|_| ()));
    });
    match rx.recv_timeout(BOUND) {
        Ok(Ok(())) => {}
        Ok(Err(ReadError::Internal(m))) => panic!("{what}: internal error: {m}"),
        Ok(Err(_)) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer in {BOUND:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: the reader panicked"),
    }
    assert!(start.elapsed() < BOUND, "{what}: {:?}", start.elapsed());
}

#[test]
fn truncated_and_bit_flipped_fixtures() {
    let files = fixtures::pdfs();
    assert!(files.len() >= 10, "fixtures not found");
    for path in files {
        let good = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let n = good.len();
        for k in 0..STEPS {
            // Cuts spread over the file, the last one just before %%EOF.
            let cut = (n * k / STEPS).max(n.saturating_sub(7) * usize::from(k == STEPS - 1));
            check(&format!("{name} cut at {cut}"), good[..cut].to_vec());
            // One byte flipped, at offsets that land in the header, the
            // objects, the streams and the xref table.
            let at = (n * (2 * k + 1) / (2 * STEPS)).min(n - 1);
            let mut bad = good.clone();
            bad[at] ^= 0xff;
            check(&format!("{name} flipped at {at}"), bad);
            // Several bytes flipped at once.
            let mut bad = good.clone();
            for i in (k * 131..n).step_by(n / 7 + 1) {
                bad[i] ^= 0x5a;
            }
            check(&format!("{name} flipped from {}", k * 131), bad);
        }
    }
}

#[test]
fn a_page_of_many_rules_or_scattered_text_ends_in_time() {
    // 5000 rules each way: a drawing, refused by the crossing limit.
    let mut c = String::from("BT /F 10 Tf 10 10 Td (x) Tj ET\n");
    for i in 0..5000 {
        let p = i as f32 * 0.15 + 10.0;
        c.push_str(&format!("10 {p} m 800 {p} l S {p} 10 m {p} 800 l S\n"));
    }
    check(
        "many rules",
        gongkai_testkit::pdf::one_page(c.as_bytes(), "", &[]),
    );
    // 3000 numbers scattered over a grid of lines: no hang in the clustering.
    let mut c = String::from("BT /F 4 Tf\n");
    for i in 0..3000 {
        let (x, y) = ((i * 37) % 580, 800 - (i / 30) * 8);
        c.push_str(&format!("1 0 0 1 {x} {y} Tm ({i}) Tj\n"));
    }
    c.push_str("ET");
    check(
        "scattered text",
        gongkai_testkit::pdf::one_page(c.as_bytes(), "", &[]),
    );
}
