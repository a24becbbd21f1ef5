//! Web pages printed to PDF by a browser (`fixtures/pdf/browser/`): the
//! HTML fixtures printed by Debian's Chromium (`--print-to-pdf`), the way a
//! web-page report is archived. Chromium paints each cell's own CSS borders
//! as thin filled rectangles, leaves out the ones the page's CSS leaves
//! out, and writes CJK text as Type 3 fonts. The expected report is the
//! HTML fixture's (written from the numbers put in), with `source.format`
//! pdf and without the diagnostics only a page's markup can give. The files
//! are rewritten by qpdf with compressed object streams to keep them small;
//! the content streams are Chromium's.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// The HTML fixtures printed (the GBK and web-archive copies of
/// `lo-full-2021`/`lo-layout-2019` print the same pages and are left out).
const PAGES: [&str; 12] = [
    "lo-blanks-annotated",
    "lo-full-2021",
    "lo-label-variants",
    "lo-layout-2019",
    "lo-notes-in-cells",
    "lo-printed-mistakes",
    "real-shanghai-2019",
    "site-chrome",
    "site-chrome-untitled",
    "site-table-layout",
    "split-labels",
    "tag-soup",
];

/// Diagnostic codes that come from a page's markup (its encoding, archive,
/// article element, layout tables), not from its printed text.
const MARKUP_CODES: [&str; 3] = ["html.", "page.", "table.layout"];

/// Print every page and write its expected report.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/pdf/browser");
    std::fs::create_dir_all(&out)?;
    let tmp = std::env::temp_dir().join("gongkai-pdf-browser");
    std::fs::create_dir_all(&tmp)?;
    for name in PAGES {
        let html = root.join(format!("fixtures/html/{name}.html"));
        let printed = tmp.join(format!("{name}.pdf"));
        print(&html, &printed, &tmp.join("profile"))?;
        let status = Command::new("qpdf")
            .args([
                "--object-streams=generate",
                "--recompress-flate",
                "--compression-level=9",
                "--deterministic-id",
            ])
            .arg(&printed)
            .arg(out.join(format!("{name}.pdf")))
            .status()
            .context("qpdf")?;
        if !status.success() {
            bail!("qpdf failed on {}", printed.display());
        }
        let expected = root.join(format!("fixtures/html/{name}.expected.json"));
        let mut report: Value = serde_json::from_str(&std::fs::read_to_string(&expected)?)
            .with_context(|| expected.display().to_string())?;
        as_printed(&mut report);
        std::fs::write(
            out.join(format!("{name}.expected.json")),
            serde_json::to_string_pretty(&report)? + "\n",
        )?;
    }
    Ok(())
}

/// Chromium headless with the flags that keep it off the network.
fn print(html: &Path, pdf: &Path, profile: &Path) -> Result<()> {
    let _ = std::fs::remove_dir_all(profile);
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .status()
        .context("chromium (apt-get install chromium)")?;
    if !status.success() || !pdf.exists() {
        bail!("chromium failed on {}", html.display());
    }
    Ok(())
}

/// The page's expected report as its print reads: a PDF source, and only
/// the diagnostics its printed text can give.
fn as_printed(report: &mut Value) {
    if let Some(source) = report.get_mut("source").and_then(Value::as_object_mut) {
        source.insert("format".into(), Value::from("pdf"));
    }
    if let Some(list) = report.get_mut("diagnostics").and_then(Value::as_array_mut) {
        list.retain(|d| {
            let code = d.get("code").and_then(Value::as_str).unwrap_or_default();
            !MARKUP_CODES.iter().any(|m| code.starts_with(m))
        });
    }
}
