//! Page images end to end through the real binary: scans of the PDF
//! fixtures (`fixtures/ocr/`, made by `cargo xtask fixtures ocr`) are read
//! by OCR and compared with their source fixture's hand-written expectation;
//! hostile images are refused by their header before any pixel is decoded.
//!
//! The OCR tests need Tesseract 5 with its Chinese model (Debian packages
//! `tesseract-ocr tesseract-ocr-chi-sim`); without them they say so on
//! stderr and pass.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::gongkai;
use serde_json::Value;

/// The report's table sections whose numbers are read from table cells.
const TABLES: &[&str] = &["active_disclosure", "applications", "review_litigation"];
/// Wall time allowed for refusing a hostile image (debug build, shared machine).
const MAX_REFUSAL_TIME: Duration = Duration::from_secs(10);
/// Words of the one-line error naming what to install.
const INSTALL: &str = "tesseract-ocr tesseract-ocr-chi-sim";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn convert(path: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["convert", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    gongkai(&args)
}

/// The numbers of the table sections, by JSON path.
fn numbers(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                numbers(v, format!("{path}.{k}"), out);
            }
        }
        Value::Number(_) => out.push((path, value.clone())),
        _ => {}
    }
}

fn same_number(a: &Value, b: &Value) -> bool {
    a.as_f64().zip(b.as_f64()).is_some_and(|(x, y)| x == y)
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.trim_start_matches('.')
        .split('.')
        .try_fold(value, |v, key| v.get(key))
}

/// Convert a scan and measure it against `fixtures/pdf/SOURCE.expected.json`:
/// cells exact, wrong cells, and silent errors: wrong cells neither flagged
/// `ocr.low_confidence` nor among the cells of a failed check's
/// `ocr.suspect_sum` warning.
fn scan_matches_its_source(scan: &str, source: &str, min_accuracy: f64) {
    scan_measured(scan, source, min_accuracy);
}

/// [`scan_matches_its_source`], handing back the report and its source's
/// expectation; `None` when Tesseract is not installed (said on stderr).
fn scan_measured(scan: &str, source: &str, min_accuracy: f64) -> Option<(Value, Value)> {
    let path = root().join("fixtures/ocr").join(scan);
    let started = Instant::now();
    let out = convert(&path, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains(INSTALL) {
        eprintln!("SKIPPED {scan}: Tesseract is not installed ({stderr})");
        return None;
    }
    assert!(out.status.success(), "{scan}: {stderr}");
    let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
    // A file with text is read from its text alone without Tesseract, with
    // a warning naming what to install.
    if let Some(unread) = diagnostics(&actual, "ocr.unavailable")
        .into_iter()
        .find(|m| m.contains(INSTALL))
    {
        eprintln!("SKIPPED {scan}: Tesseract is not installed ({unread})");
        return None;
    }
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(format!("fixtures/pdf/{source}.expected.json")))
            .unwrap(),
    )
    .unwrap();
    let measure = Measure::of(&actual, &expected);
    let (exact, cells) = (measure.exact, measure.cells);
    let (wrong, silent) = (&measure.wrong, &measure.silent);
    let accuracy = exact as f64 / cells.max(1) as f64;
    eprintln!(
        "{scan}: {exact}/{cells} cells exact ({:.1}%), {} wrong, {} silent, {} low-confidence warnings, {:.1}s\n  wrong: {wrong:?}",
        accuracy * 100.0,
        wrong.len(),
        silent.len(),
        measure.flags,
        started.elapsed().as_secs_f64()
    );
    for key in ["year", "organ", "title"] {
        eprintln!("  {key}: {} (want {})", actual[key], expected[key]);
    }
    assert_eq!(actual["year"], expected["year"], "{scan}: year");
    if scan.ends_with(".pdf") {
        assert!(
            actual["source"]["ocr"]
                .as_str()
                .is_some_and(|e| e.starts_with("Tesseract 5")),
            "{scan}: source.ocr {}",
            actual["source"]
        );
    }
    assert!(silent.is_empty(), "{scan}: silent errors {silent:?}");
    assert!(
        accuracy >= min_accuracy,
        "{scan}: {:.1}% of cells exact, below {:.1}%",
        accuracy * 100.0,
        min_accuracy * 100.0
    );
    Some((actual, expected))
}

/// A report's table numbers measured against its source's expectation.
#[derive(Default)]
struct Measure {
    /// Numbers the expectation has.
    cells: usize,
    /// Of them, read exactly.
    exact: usize,
    /// The others: path, what was read, what was wanted.
    wrong: Vec<String>,
    /// Wrong numbers neither flagged `ocr.low_confidence` nor among the
    /// cells of a failed check's `ocr.suspect_sum` warning.
    silent: Vec<String>,
    /// `ocr.low_confidence` warnings.
    flags: usize,
    /// Of them, the ones whose text is no wrong number (an unsure cell that
    /// was read right, or a label: an upper bound on false alarms).
    false_alarms: usize,
}

impl Measure {
    fn of(actual: &Value, expected: &Value) -> Measure {
        let mut cells = Vec::new();
        for table in TABLES {
            if let Some(v) = expected.get(*table) {
                numbers(v, format!(".{table}"), &mut cells);
            }
        }
        let flagged: Vec<String> = actual["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["code"] == "ocr.low_confidence")
            .filter_map(|d| d["raw"].as_str().map(str::to_string))
            .collect();
        // The cells each `ocr.suspect_sum` warning names, after its last colon.
        let suspects: Vec<String> = diagnostics(actual, "ocr.suspect_sum")
            .iter()
            .filter_map(|m| m.rsplit_once(": ").map(|(_, cells)| cells.to_string()))
            .flat_map(|cells| {
                cells
                    .split(", ")
                    .map(|c| format!(".{c}"))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut measure = Measure {
            cells: cells.len(),
            flags: flagged.len(),
            ..Measure::default()
        };
        let mut unexplained = flagged.clone();
        for (path, want) in &cells {
            match lookup(actual, path) {
                Some(got) if same_number(got, want) => measure.exact += 1,
                Some(got) if got.is_number() => {
                    // A wrong number in the report is flagged when a
                    // low-confidence warning holds its text; otherwise silent.
                    let shown = got.to_string();
                    if let Some(i) = unexplained.iter().position(|f| *f == shown) {
                        unexplained.swap_remove(i);
                    }
                    if !flagged.contains(&shown) && !suspects.contains(path) {
                        measure
                            .silent
                            .push(format!("{path}: {shown} (want {want})"));
                    }
                    measure.wrong.push(format!("{path}: {shown} (want {want})"));
                }
                // No number at all: the normalizer reports the cell it could
                // not read, or the row it could not find.
                got => measure.wrong.push(format!("{path}: {got:?} (want {want})")),
            }
        }
        measure.false_alarms = unexplained.len();
        measure
    }
}

/// The messages of the report's diagnostics of `code`.
fn diagnostics(report: &Value, code: &str) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .filter_map(|d| d["message"].as_str().map(str::to_string))
        .collect()
}

/// CRC-32 (IEEE) of a PNG chunk's type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header claims `width × height` grey pixels, with no pixel data.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(width.to_be_bytes());
    chunk.extend(height.to_be_bytes());
    chunk.extend([8, 0, 0, 0, 0]); // 8-bit grey, deflate, no filter, no interlace
    out.extend(13u32.to_be_bytes());
    out.extend(&chunk);
    out.extend(crc32(&chunk).to_be_bytes());
    out.extend(0u32.to_be_bytes());
    out.extend(b"IEND");
    out.extend(crc32(b"IEND").to_be_bytes());
    out
}

/// A 30000×30000 image is refused from its header by `--max-image-pixels`,
/// in one line and at once, whether or not Tesseract is installed.
#[test]
fn a_huge_image_header_is_refused_by_the_pixel_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    std::fs::write(&path, png_header(30_000, 30_000)).unwrap();
    let started = Instant::now();
    let out = convert(&path, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--max-image-pixels"), "{stderr}");
    assert!(stderr.contains("30000×30000"), "{stderr}");
    assert!(started.elapsed() < MAX_REFUSAL_TIME);
}

/// A header within the limit but no pixels behind it is malformed, not a panic.
#[test]
fn an_image_without_pixels_is_malformed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.png");
    std::fs::write(&path, png_header(100, 100)).unwrap();
    let out = convert(&path, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

// One test per scan: the minimum share of exact cells is what this slice
// reaches today (see the crate docs); the figures print on stderr.

#[test]
fn full_2021_tall_png() {
    scan_matches_its_source("full-2021.png", "full-2021", 0.99);
}

#[test]
fn full_2021_tiff() {
    scan_matches_its_source("full-2021.tif", "full-2021", 0.99);
}

#[test]
fn full_2021_rotated_tiff() {
    scan_matches_its_source("full-2021-rotated.tif", "full-2021", 0.99);
}

/// A fax of `full-2021-rotated.pdf`: page 1's content turned a quarter,
/// page 3 upside down. Each is turned upright (an `ocr.orientation` note
/// per page turned) and read as the upright file.
#[test]
fn full_2021_sideways_and_upside_down_fax() {
    let Some((actual, expected)) =
        scan_measured("sweep/fax/full-2021-rotated.pdf", "full-2021-rotated", 0.99)
    else {
        return;
    };
    for key in ["title", "organ"] {
        assert_eq!(actual[key], expected[key], "{key}");
    }
    let turned: Vec<(&Value, &Value)> = actual["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == "ocr.orientation")
        .map(|d| (&d["at"], &d["message"]))
        .collect();
    assert_eq!(turned.len(), 2, "{turned:?}");
    assert_eq!(turned[0].0, "page 1", "{turned:?}");
    assert_eq!(turned[1].0, "page 3", "{turned:?}");
}

/// A fax of `ruleless_tables.pdf`: tables printed without a rule are read
/// from their columns of text (nothing was read of them by rules alone).
#[test]
fn ruleless_tables_fax() {
    scan_matches_its_source("sweep/fax/ruleless_tables.pdf", "ruleless_tables", 0.6);
}

#[test]
fn layout_2019_jpeg_q75() {
    scan_matches_its_source("layout-2019-q75.jpg", "layout-2019", 0.985);
}

#[test]
fn full_2021_scanned_pdf_jpeg_seal() {
    scan_matches_its_source("full-2021-scan.pdf", "full-2021", 0.985);
}

#[test]
fn full_2021_fax_pdf_ccitt_g4() {
    scan_matches_its_source("full-2021-fax.pdf", "full-2021", 0.99);
}

#[test]
fn layout_2019_scanned_pdf_jpeg_seal() {
    scan_matches_its_source("layout-2019-scan.pdf", "layout-2019", 0.975);
}

#[test]
fn layout_2019_fax_pdf_ccitt_g4() {
    scan_matches_its_source("layout-2019-fax.pdf", "layout-2019", 0.99);
}

/// A text PDF whose 表三 (both its parts) and 表四 are pictures: the
/// pictures' tables are read by OCR into their places, everything else
/// from the text layer, exactly as the source fixture expects.
#[test]
fn full_2021_table_pictures_pdf() {
    let Some((actual, mut expected)) =
        scan_measured("full-2021-table-pictures.pdf", "full-2021", 0.995)
    else {
        return;
    };
    // Outside the tables' numbers (measured above), the text layer's
    // reading must be the source's, exactly.
    let object = expected.as_object_mut().unwrap();
    for table in TABLES {
        let layout = object.get(*table).and_then(|t| t.get("layout")).cloned();
        object.remove(*table);
        if let Some(layout) = layout {
            object.insert(table.to_string(), serde_json::json!({ "layout": layout }));
        }
    }
    let mismatches = common::json_subset_mismatches(&expected, &actual);
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert!(diagnostics(&actual, "ocr.not_read").is_empty());
}

/// A PDF whose first page is text and whose table pages are scans: the
/// scanned pages are read by OCR after the text page.
#[test]
fn layout_2019_scanned_tables_pdf() {
    let Some((actual, expected)) =
        scan_measured("layout-2019-scanned-tables.pdf", "layout-2019", 0.975)
    else {
        return;
    };
    for key in ["title", "organ", "year"] {
        assert_eq!(actual[key], expected[key], "{key}");
    }
}

/// `--ocr never` on the mixed PDFs reads their text layer and says, in one
/// warning, which pages show pictures it left unread; a text PDF beside
/// them gets no such warning (no Tesseract needed).
#[test]
fn ocr_never_warns_of_pictures_left_unread() {
    for (file, says) in [
        (
            "fixtures/ocr/full-2021-table-pictures.pdf",
            "page(s) 2, 3 show a picture among the text",
        ),
        (
            "fixtures/ocr/layout-2019-scanned-tables.pdf",
            "page(s) 2, 3 show only a picture",
        ),
        ("fixtures/pdf/full-2021.pdf", ""),
    ] {
        let out = convert(&root().join(file), &["--ocr", "never"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{file}: {stderr}");
        let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
        let unread = diagnostics(&actual, "ocr.not_read");
        assert!(actual["source"].get("ocr").is_none(), "{file}");
        if says.is_empty() {
            assert!(unread.is_empty(), "{file}: {unread:?}");
        } else {
            assert_eq!(unread.len(), 1, "{file}: {unread:?}");
            assert!(unread[0].contains(says), "{file}: {unread:?}");
            assert!(unread[0].contains("--ocr never"), "{file}: {unread:?}");
        }
    }
}

/// `--ocr never`: a scanned PDF and an image fail in one line as having no
/// text layer (no Tesseract needed).
#[test]
fn ocr_never_fails_a_scan_as_without_text() {
    for scan in ["full-2021-fax.pdf", "full-2021.png"] {
        let out = convert(&root().join("fixtures/ocr").join(scan), &["--ocr", "never"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{scan}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{scan}: {stderr}");
        assert!(
            stderr.contains("no text layer (scanned?)"),
            "{scan}: {stderr}"
        );
    }
}

/// `--ocr always` on a PDF with a text layer and no images reads its text.
#[test]
fn ocr_always_reads_the_text_of_a_pdf_without_images() {
    let out = convert(
        &root().join("fixtures/pdf/full-2021.pdf"),
        &["--ocr", "always"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        actual["source"].get("ocr").is_none(),
        "{}",
        actual["source"]
    );
}

/// A 1000-page scan is refused by `--max-ocr-pages` before any page is
/// decoded or read, at once.
#[test]
fn a_thousand_page_scan_is_refused_by_the_page_limit() {
    use gongkai_testkit::pdf::{scanned, ScannedPage};
    let pixels = [255u8; 64];
    let pages: Vec<ScannedPage> = (0..1000)
        .map(|_| ScannedPage {
            width: 8,
            height: 8,
            dict: "/ColorSpace /DeviceGray /BitsPerComponent 8",
            data: &pixels,
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scan-1000.pdf");
    std::fs::write(&path, scanned(&pages, 200.0)).unwrap();
    let started = Instant::now();
    let out = convert(&path, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("a scan of 1000 pages"), "{stderr}");
    assert!(stderr.contains("--max-ocr-pages"), "{stderr}");
    assert!(started.elapsed() < MAX_REFUSAL_TIME);
}

/// Without the Chinese model a PDF with a text layer is read from its text,
/// with one `ocr.unavailable` warning naming the pictures left unread and
/// the packages to install, in its own words (not the image file's error),
/// and in Chinese under a Chinese locale.
#[test]
fn a_missing_model_leaves_a_mixed_pdf_to_its_text_with_its_own_warning() {
    let run = |lang: &str, command: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .env("TESSDATA_PREFIX", "/nonexistent")
            .env("LANG", lang)
            .args([command, "fixtures/ocr/full-2021-table-pictures.pdf"])
            .current_dir(root())
            .output()
            .unwrap()
    };
    let out = run("C.UTF-8", "convert");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let actual: Value = serde_json::from_slice(&out.stdout).unwrap();
    let unavailable = diagnostics(&actual, "ocr.unavailable");
    assert_eq!(unavailable.len(), 1, "{unavailable:?}");
    assert!(unavailable[0].contains("page(s) 2, 3"), "{unavailable:?}");
    assert!(unavailable[0].contains(INSTALL), "{unavailable:?}");
    assert!(!unavailable[0].contains("this image"), "{unavailable:?}");
    assert!(diagnostics(&actual, "ocr.not_read").is_empty());
    // `inspect` lists the reader's diagnostics, each in the locale's words.
    let out = run("zh_CN.UTF-8", "inspect");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("ocr.unavailable"))
        .unwrap_or_default();
    assert!(line.contains("Tesseract 无法启动"), "{stdout}");
    assert!(
        line.contains("请安装 Debian 软件包 tesseract-ocr"),
        "{stdout}"
    );
}

/// Without the Chinese model (or without Tesseract) an image fails with one
/// line naming the Debian packages to install.
#[test]
fn a_missing_model_names_the_packages_in_one_line() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("TESSDATA_PREFIX", "/nonexistent")
        .args(["convert", "fixtures/ocr/full-2021.tif"])
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(INSTALL), "{stderr}");
}

/// The scan sweep's degradations: folders under `fixtures/ocr/sweep/`, each
/// mirroring `fixtures/pdf/` (made by `cargo xtask fixtures ocr-sweep`).
const SWEEP: &[&str] = &["scan", "fax"];
/// Share of cells exact each degradation of the sweep reaches at least.
const SWEEP_MIN_ACCURACY: f64 = 0.995;
/// The report's fields every scan must read as its source does, where the
/// source's expectation has them.
const SWEEP_FIELDS: &[&str] = &["title", "organ", "year"];

/// The pages of a scanned PDF as `cargo xtask fixtures` writes it (one
/// page object each).
fn page_count(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap();
    let page = b"/Type /Page /Parent";
    bytes.windows(page.len()).filter(|w| w == page).count()
}

/// The sweep's inputs of one degradation: each scan and its source's
/// expectation (`fixtures/pdf/REL.expected.json` for `sweep/DEG/REL.pdf`).
fn sweep_inputs(degradation: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = root().join("fixtures/ocr/sweep").join(degradation);
    let mut out = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                let rel = path.strip_prefix(&dir).unwrap().to_path_buf();
                out.push((rel.clone(), root().join("fixtures/pdf").join(rel)));
            }
        }
    }
    out.sort();
    out
}

/// Every PDF fixture with an expectation, scanned as an office scan (turn,
/// grain, seal over 表四, JPEG) and as a fax (turn, 1 bit, CCITT G4), is
/// converted by the real binary in one batch per degradation (`-j 2`), as
/// a user would: per degradation at least 99.5% of cells exact, no wrong
/// cell unflagged, and every file's title, organ, year and table layouts
/// its source's. A table per degradation goes to stderr.
///
/// Not run by default: the sweep is below the bar today (browser prints'
/// grids, condensed digits; see README's Scans section), and it takes
/// minutes. Run it with `cargo test --test ocr -- --ignored`, and only some
/// scans with `GONGKAI_SWEEP_ONLY` (below).
#[test]
#[ignore = "below the bar of #18 today; run with --ignored"]
fn every_pdf_fixture_scanned_reads_as_its_source() {
    let mut report = vec![format!(
        "{:<6} {:>5} {:>5} {:>6} {:>8} {:>5} {:>6} {:>5} {:>6} {:>7}",
        "degr.",
        "files",
        "pages",
        "cells",
        "exact %",
        "wrong",
        "silent",
        "flags",
        "false",
        "seconds"
    )];
    let (mut silent, mut fields, mut below) = (Vec::new(), Vec::new(), Vec::new());
    // `GONGKAI_SWEEP_ONLY=fax/browser,rules-` measures only the scans whose
    // `DEGRADATION/REL` path holds one of those parts (a quick look at one
    // class); the bar then applies to them alone.
    let only: Vec<String> = std::env::var("GONGKAI_SWEEP_ONLY")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    for degradation in SWEEP {
        let mut inputs = sweep_inputs(degradation);
        assert!(!inputs.is_empty(), "no scans under sweep/{degradation}");
        let dir = root().join("fixtures/ocr/sweep").join(degradation);
        let chosen = tempfile::tempdir().unwrap();
        let input = if only.is_empty() {
            dir.clone()
        } else {
            inputs.retain(|(rel, _)| {
                let name = format!("{degradation}/{}", rel.display());
                only.iter().any(|part| name.contains(part.as_str()))
            });
            if inputs.is_empty() {
                continue;
            }
            for (rel, _) in &inputs {
                let to = chosen.path().join(rel);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(dir.join(rel), to).unwrap();
            }
            chosen.path().to_path_buf()
        };
        let out = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let run = gongkai(&[
            "convert",
            input.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "-j",
            "2",
            "--timeout",
            "0",
        ]);
        let seconds = started.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&run.stderr);
        if stderr.contains(INSTALL) {
            eprintln!("SKIPPED the scan sweep: Tesseract is not installed ({stderr})");
            return;
        }
        let mut total = Measure::default();
        let mut pages = 0;
        for (rel, source) in &inputs {
            let name = format!("{degradation}/{}", rel.display());
            pages += page_count(
                &root()
                    .join("fixtures/ocr/sweep")
                    .join(degradation)
                    .join(rel),
            );
            let expected: Value = serde_json::from_str(
                &std::fs::read_to_string(source.with_extension("expected.json")).unwrap(),
            )
            .unwrap();
            let json = out.path().join(rel).with_extension("json");
            let Ok(text) = std::fs::read_to_string(&json) else {
                fields.push(format!("{name}: not converted ({stderr})"));
                continue;
            };
            let actual: Value = serde_json::from_str(&text).unwrap();
            let m = Measure::of(&actual, &expected);
            for key in SWEEP_FIELDS {
                if let Some(want) = expected.get(*key) {
                    if actual[*key] != *want {
                        fields.push(format!("{name}: {key} {} (want {want})", actual[*key]));
                    }
                }
            }
            for table in TABLES {
                let want = &expected[*table]["layout"];
                if !want.is_null() && actual[*table]["layout"] != *want {
                    fields.push(format!(
                        "{name}: {table}.layout {} (want {want})",
                        actual[*table]["layout"]
                    ));
                }
            }
            if !m.wrong.is_empty() {
                eprintln!(
                    "{name}: {}/{} exact, wrong {:?}, silent {:?}",
                    m.exact, m.cells, m.wrong, m.silent
                );
            }
            silent.extend(m.silent.iter().map(|s| format!("{name}: {s}")));
            total.cells += m.cells;
            total.exact += m.exact;
            total.wrong.extend(m.wrong);
            total.silent.extend(m.silent);
            total.flags += m.flags;
            total.false_alarms += m.false_alarms;
        }
        let accuracy = total.exact as f64 / total.cells.max(1) as f64;
        if accuracy < SWEEP_MIN_ACCURACY {
            below.push(format!("{degradation}: {:.2}%", accuracy * 100.0));
        }
        report.push(format!(
            "{:<6} {:>5} {:>5} {:>6} {:>8.2} {:>5} {:>6} {:>5} {:>6} {:>7.0}",
            degradation,
            inputs.len(),
            pages,
            total.cells,
            accuracy * 100.0,
            total.wrong.len(),
            total.silent.len(),
            total.flags,
            total.false_alarms,
            seconds
        ));
    }
    eprintln!("{}", report.join("\n"));
    // Every shortfall is shown before the first assertion stops the test.
    if !fields.is_empty() {
        eprintln!("read unlike the source: {fields:#?}");
    }
    assert!(silent.is_empty(), "silent errors: {silent:#?}");
    assert!(fields.is_empty(), "read unlike the source: {fields:#?}");
    assert!(below.is_empty(), "below {SWEEP_MIN_ACCURACY}: {below:?}");
}
