//! Generates the scan sweep under `fixtures/ocr/sweep/`: every PDF fixture
//! with a hand-written expectation (`fixtures/pdf/NAME.pdf` and
//! `fixtures/pdf/browser/NAME.pdf` beside `NAME.expected.json`) scanned two
//! ways, mirroring its place under `fixtures/pdf/`:
//! - `scan/[browser/]NAME.pdf`: an office scan (all but [`SCAN_LEFT_OUT`]): rendered in grey at 150 to
//!   200 dpi, each page turned by 0.5–2° (either way), grain and specks, a
//!   red seal over 表四's 行政复议 block where the file has one, a JPEG of
//!   quality 60 to 85 in a DCTDecode stream;
//! - `fax/[browser/]NAME.pdf`: a fax: rendered at 200 to 300 dpi, turned by
//!   0.5–2°, cut to 1 bit, CCITT Group 4.
//!
//! Left out: [`UNRENDERABLE`] fixtures (no glyph drawn).
//!
//! Each file's turn, quality and resolution follow from a hash of its name,
//! so that they vary across files and regenerate byte for byte. The sweep
//! of one document (`fixtures/pdf/sweep/`) is left out: its variants share
//! one expectation. `tests/ocr.rs` converts each folder in one batch and
//! compares every output with its source's expectation; there is no
//! expected JSON here, so the fixture walk (no Tesseract) skips them.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::fixtures_ocr::{fax_pdf, render_pdf, scan_pdf, ScanStyle};

/// The folders under `fixtures/pdf/` whose fixtures are scanned.
const SOURCE_DIRS: &[&str] = &["", "browser"];
/// Resolutions of the office scans (kept low: the committed JPEGs stay small).
const SCAN_DPIS: &[f32] = &[150.0, 175.0, 200.0];
/// Resolutions of the faxes (1 bit compresses well).
const FAX_DPIS: &[f32] = &[200.0, 250.0, 300.0];
/// Turns of a page, in tenths of a degree: 0.5° to 2°.
const TURN_TENTHS: std::ops::RangeInclusive<u32> = 5..=20;
/// JPEG qualities of the office scans.
const QUALITIES: std::ops::RangeInclusive<u32> = 60..=85;
/// Grain of the office scans, in grey levels either way (moderate: grain
/// is what JPEG compresses worst).
const GRAIN: i32 = 5;
/// The seal's centre from the top left of the 行政复议 header cell's text,
/// and its radius, in points (over the block's first numbers).
const SEAL_FROM_HEADER: (f32, f32, f32) = (35.0, 67.0, 62.0);
/// Fixtures left out of the office scans to keep the committed sweep near
/// 20 MB (grain is what JPEG compresses worst): the largest scans, whose
/// documents the faxes still cover (and `full-2021`, `layout-2019`,
/// `printed-mistakes`, `blanks-annotated` the office scans, in print).
const SCAN_LEFT_OUT: &[&str] = &[
    "combined-two-reports.pdf",
    "narrow-labels.pdf",
    "browser/lo-printed-mistakes.pdf",
    "browser/lo-blanks-annotated.pdf",
    "browser/real-shanghai-2019.pdf",
    "browser/lo-layout-2019.pdf",
    "browser/lo-full-2021.pdf",
    "browser/site-chrome-untitled.pdf",
];
/// Fixtures whose fonts poppler cannot draw (not embedded, identity
/// encoding: every Chinese glyph is an empty box), so their scans show no
/// text to read.
const UNRENDERABLE: &[&str] = &["word-identity-tj.pdf"];
/// The header cell of 表四's first block, which the seal is put below.
const SEAL_HEADER: &str = "行政复议";

/// Generate the sweep.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/ocr/sweep");
    let tmp = std::env::temp_dir().join("gongkai-ocr-sweep");
    std::fs::create_dir_all(&tmp)?;
    for source in sources(root)? {
        let relative = source
            .strip_prefix(root.join("fixtures/pdf"))
            .context("a fixture under fixtures/pdf")?
            .to_path_buf();
        let key = relative.to_string_lossy().replace('\\', "/");
        if UNRENDERABLE.contains(&key.as_str()) {
            continue;
        }
        let mut pick = Pick(fnv(&key));
        let turn = |pick: &mut Pick| {
            let tenths = pick.within(TURN_TENTHS.clone()) as f32 / 10.0;
            if pick.within(0..=1) == 0 {
                tenths
            } else {
                -tenths
            }
        };
        let style = ScanStyle {
            degrees: turn(&mut pick),
            quality: pick.within(QUALITIES.clone()) as u8,
            grain: GRAIN,
            dpi: pick.choose(SCAN_DPIS),
            seed: fnv(&key),
        };
        let sealed = seal_place(&source)?;
        if !SCAN_LEFT_OUT.contains(&key.as_str()) {
            let pages = render_pdf(&source, style.dpi, &tmp)?;
            write(
                &out.join("scan").join(&relative),
                &scan_pdf(&pages, &style, sealed)?,
            )?;
        }
        let fax_dpi = pick.choose(FAX_DPIS);
        let fax_turn = turn(&mut pick);
        let pages = render_pdf(&source, fax_dpi, &tmp)?;
        write(
            &out.join("fax").join(&relative),
            &fax_pdf(&pages, fax_turn, fax_dpi),
        )?;
        println!(
            "{key}: scan {:.0} dpi {:+.1}° q{}{}, fax {fax_dpi:.0} dpi {fax_turn:+.1}°",
            style.dpi,
            style.degrees,
            style.quality,
            if sealed.is_some() { " sealed" } else { "" }
        );
    }
    Ok(())
}

/// The PDF fixtures with an expectation beside them, in name order.
fn sources(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in SOURCE_DIRS {
        let dir = root.join("fixtures/pdf").join(dir);
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "pdf")
                && path.with_extension("expected.json").exists()
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

/// Where the seal goes: the page (1-based) of the first 行政复议 header
/// cell and the seal's centre and radius in points from that page's top
/// left, as `pdftotext -bbox` places the words; `None` without a 表四.
fn seal_place(pdf: &Path) -> Result<Option<SealPlace>> {
    let output = Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .context("pdftotext (Debian package poppler-utils)")?;
    let html = String::from_utf8_lossy(&output.stdout);
    let mut page = 0;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        }
        let Some(rest) = line.strip_prefix("<word ") else {
            continue;
        };
        let Some((attrs, text)) = rest.split_once('>') else {
            continue;
        };
        if text.trim_end_matches("</word>").trim() != SEAL_HEADER {
            continue;
        }
        let attr = |name: &str| -> Option<f32> {
            let start = attrs.find(&format!("{name}=\""))? + name.len() + 2;
            attrs.get(start..)?.split('"').next()?.parse().ok()
        };
        if let (Some(x), Some(y)) = (attr("xMin"), attr("yMin")) {
            let (dx, dy, r) = SEAL_FROM_HEADER;
            return Ok(Some((page, (x + dx, y + dy, r))));
        }
    }
    Ok(None)
}

/// A seal's page (1-based), and its centre and radius in points.
type SealPlace = (usize, (f32, f32, f32));

/// FNV-1a of a name: the seed of its file's degradations.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Choices drawn from a seed, deterministically.
struct Pick(u64);

impl Pick {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn within(&mut self, range: std::ops::RangeInclusive<u32>) -> u32 {
        let span = u64::from(range.end().saturating_sub(*range.start())) + 1;
        range.start() + (self.next() % span) as u32
    }

    fn choose(&mut self, from: &[f32]) -> f32 {
        let n = from.len().max(1) as u64;
        from.get((self.next() % n) as usize)
            .copied()
            .unwrap_or(200.0)
    }
}
