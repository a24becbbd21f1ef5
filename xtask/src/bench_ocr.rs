//! `cargo xtask bench`'s scan section (`--ocr-only` runs it alone): scanned
//! pages per second through gongkai (the whole pipeline: decode, deskew,
//! grid, Tesseract cell by cell, normalizer, checks) next to the
//! `tesseract` command reading the same page images whole, one after
//! another on one core; each file's best of [`RUNS`] runs on either side.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Result};

/// The scanned PDFs of `fixtures/ocr/` (`*-scan.pdf`, `*-fax.pdf`), their
/// page images rendered back at this resolution for `tesseract`.
const DPI: &str = "200";
/// Runs of each file on either side, the fastest counted (the machine may
/// be shared).
const RUNS: usize = 3;

/// The section's Markdown, or a line saying why it was not measured.
pub fn section(root: &Path, bin: &Path, work: &Path) -> Result<String> {
    let mut out = String::from("\nScanned PDFs (OCR, one core):\n\n");
    if !super::bench::have("tesseract") || !super::bench::have("pdftoppm") {
        out.push_str("not measured: `tesseract` or `pdftoppm` is not installed\n");
        return Ok(out);
    }
    let scans: Vec<_> = super::bench::walk(&root.join("fixtures/ocr"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        // Whole scans only: a mixed PDF is OCR'd only where it shows pictures.
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.ends_with("-scan") || s.ends_with("-fax"))
        })
        .collect();
    let images = work.join("ocr-pages");
    std::fs::create_dir_all(&images)?;
    let (mut pages, mut ours, mut theirs) = (0usize, 0f64, 0f64);
    for scan in &scans {
        let stem = scan.file_stem().unwrap_or_default().to_string_lossy();
        let prefix = images.join(stem.as_ref());
        let status = Command::new("pdftoppm")
            .args(["-gray", "-r", DPI, "-png"])
            .arg(scan)
            .arg(&prefix)
            .status()?;
        if !status.success() {
            bail!("pdftoppm failed on {}", scan.display());
        }
        let mut best = f64::INFINITY;
        for _ in 0..RUNS {
            let started = Instant::now();
            let status = Command::new(bin)
                .args(["convert", "-j", "1", "--quiet", "-o"])
                .arg(work.join("ocr-out.json"))
                .arg(scan)
                .stderr(Stdio::null())
                .status()?;
            best = best.min(started.elapsed().as_secs_f64());
            if !status.success() {
                bail!("gongkai failed on {}", scan.display());
            }
        }
        ours += best;
        let rendered: Vec<_> = super::bench::walk(&images)
            .into_iter()
            .filter(|p| p.to_string_lossy().contains(stem.as_ref()))
            .collect();
        pages += rendered.len();
        let mut best = f64::INFINITY;
        for _ in 0..RUNS {
            let started = Instant::now();
            for page in &rendered {
                Command::new("tesseract")
                    .arg(page)
                    .args(["-", "-l", "chi_sim"])
                    .env("OMP_THREAD_LIMIT", "1")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()?;
            }
            best = best.min(started.elapsed().as_secs_f64());
        }
        theirs += best;
    }
    std::fs::remove_dir_all(&images).ok();
    writeln!(
        out,
        "| scans | pages | gongkai pages/s | tesseract pages/s | ratio |"
    )?;
    writeln!(out, "|---|---|---|---|---|")?;
    writeln!(
        out,
        "| {} | {pages} | {:.2} | {:.2} | {:.2}× |",
        scans.len(),
        pages as f64 / ours.max(1e-9),
        pages as f64 / theirs.max(1e-9),
        theirs / ours.max(1e-9)
    )?;
    Ok(out)
}
