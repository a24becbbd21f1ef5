//! Generates the pdf fixtures under `fixtures/pdf/` and the predefined-CMap
//! tables under `formats/pdf/tables/` (from poppler-data, so that CI does not
//! need it).

mod browser;
mod cmaps;
mod narrow;
mod own;
mod shapes;

use cmaps::tables;
use narrow::narrow_labels;
use own::own_sources;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Generate the tables and the fixtures.
pub fn run(root: &Path) -> Result<()> {
    tables(root)?;
    fixtures(root)?;
    narrow_labels(root)?;
    rotated(root)?;
    shapes::run(root)?;
    browser::run(root)?;
    Ok(())
}

/// Only the web pages printed by Chromium (`cargo xtask fixtures pdf-browser`).
pub fn browser(root: &Path) -> Result<()> {
    browser::run(root)
}

/// Only the shapes drawn by the Python generators under `xtask/pdf/`
/// (`cargo xtask fixtures pdf-shapes`): no LibreOffice, no qpdf.
pub fn shapes(root: &Path) -> Result<()> {
    shapes::run(root)
}

/// Render report documents to PDF with LibreOffice.
fn fixtures(root: &Path) -> Result<()> {
    let out = root.join("fixtures/pdf");
    std::fs::create_dir_all(&out)?;
    let mut sources: Vec<(PathBuf, String)> = Vec::new();
    // The docx engineer's fixtures, where they exist.
    if let Ok(dir) = std::fs::read_dir(root.join("fixtures/docx")) {
        for entry in dir.flatten() {
            let path = entry.path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if path.extension().is_some_and(|e| e == "docx")
                && path.with_extension("expected.json").exists()
            {
                sources.push((path.clone(), stem.to_string()));
            }
        }
    }
    // Our own sources: HTML rendered by LibreOffice Writer.
    let src_dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&src_dir)?;
    for (name, html, expected) in own_sources() {
        let path = src_dir.join(format!("{name}.html"));
        std::fs::write(&path, html)?;
        std::fs::write(out.join(format!("{name}.expected.json")), expected)?;
        sources.push((path, name.to_string()));
    }
    for (path, name) in sources {
        let mut cmd = Command::new("soffice");
        cmd.arg("--headless");
        if path.extension().is_some_and(|e| e == "html") {
            // As a Writer document, not Writer/Web (which drops the first page).
            cmd.arg("--infilter=HTML (StarWriter)");
        }
        let status = cmd
            .args(["--convert-to", "pdf:writer_pdf_Export", "--outdir"])
            .arg(&src_dir)
            .arg(&path)
            .status()
            .context("soffice")?;
        if !status.success() {
            bail!("soffice failed on {}", path.display());
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        std::fs::copy(
            src_dir.join(format!("{stem}.pdf")),
            out.join(format!("{name}.pdf")),
        )?;
        let expected = path.with_extension("expected.json");
        if expected.exists() {
            std::fs::copy(&expected, out.join(format!("{name}.expected.json")))?;
        }
    }
    Ok(())
}

/// `full-2021.pdf` turned three ways with qpdf, to be read as the upright
/// file (same expected JSON): page 1 turned by its content alone (a quarter
/// turn flattened into a `cm`), page 2 as a landscape page is made
/// (`/Rotate 270` over content turned a quarter), page 3 by `/Rotate 180`
/// over upright content.
fn rotated(root: &Path) -> Result<()> {
    let out = root.join("fixtures/pdf");
    let dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&dir)?;
    let (quarter, flat) = (dir.join("quarter.pdf"), dir.join("flat.pdf"));
    let steps: [(&Path, &[&str], &Path); 3] = [
        (&out.join("full-2021.pdf"), &["--rotate=+90:1-2"], &quarter),
        (&quarter, &["--flatten-rotation"], &flat),
        (
            &flat,
            &["--rotate=-90:2", "--rotate=+180:3"],
            &out.join("full-2021-rotated.pdf"),
        ),
    ];
    for (input, args, output) in steps {
        let status = Command::new("qpdf")
            .arg(input)
            .args(args)
            .arg("--")
            .arg(output)
            .status()
            .context("qpdf")?;
        if !status.success() {
            bail!("qpdf failed on {}", input.display());
        }
    }
    std::fs::copy(
        out.join("full-2021.expected.json"),
        out.join("full-2021-rotated.expected.json"),
    )?;
    Ok(())
}
