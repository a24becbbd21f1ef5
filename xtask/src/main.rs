//! `cargo xtask …`: fixture generation, benchmarks, corpus runs.

mod bad_docx_norm;
mod bad_sheets_text;
mod bench;
mod bench_ocr;
mod bench_serve;
mod docx_package;
mod fixtures_bad;
#[cfg(feature = "docx-fixtures")]
mod fixtures_docx;
mod fixtures_html;
mod fixtures_ocr;
mod fixtures_ocr_mixed;
mod fixtures_ocr_sweep;
mod fixtures_pdf;
mod fixtures_prose;
mod fixtures_text;
mod fixtures_xlsx;
mod man;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    match args.first().map(String::as_str) {
        Some("fixtures") => {
            let which = args.get(1).map(String::as_str).unwrap_or("all");
            if matches!(which, "all" | "text") {
                fixtures_text::run(&root)?;
            }
            if matches!(which, "all" | "prose") {
                fixtures_prose::run(&root)?;
            }
            if matches!(which, "all" | "docx") {
                #[cfg(feature = "docx-fixtures")]
                fixtures_docx::run(&root)?;
                #[cfg(not(feature = "docx-fixtures"))]
                bail!("the DOCX fixtures need docx-rs: run `cargo xtask fixtures` (the alias turns on the docx-fixtures feature)");
            }
            if matches!(which, "all" | "pdf") {
                fixtures_pdf::run(&root)?;
            }
            if which == "pdf-shapes" {
                fixtures_pdf::shapes(&root)?;
            }
            if which == "pdf-browser" {
                fixtures_pdf::browser(&root)?;
            }
            if matches!(which, "all" | "xlsx") {
                fixtures_xlsx::run(&root)?;
            }
            if matches!(which, "all" | "html") {
                fixtures_html::run(&root)?;
            }
            if matches!(which, "all" | "ocr") {
                fixtures_ocr::run(&root)?;
            }
            // After the scans: one of the mixed PDFs takes pages of a scan.
            if matches!(which, "all" | "ocr" | "ocr-mixed") {
                fixtures_ocr_mixed::run(&root)?;
            }
            if matches!(which, "all" | "ocr" | "ocr-sweep") {
                fixtures_ocr_sweep::run(&root)?;
            }
            if matches!(which, "all" | "bad") {
                fixtures_bad::run(&root)?;
            }
            Ok(())
        }
        Some("man") => man::run(&root),
        Some("bench") => bench::run(
            &root,
            &bench::Options::parse(args.get(1..).unwrap_or_default())?,
        ),
        _ => bail!(
            "usage: cargo xtask fixtures [all|text|prose|docx|pdf|pdf-shapes|pdf-browser|xlsx|html|ocr|ocr-mixed|ocr-sweep|bad] | cargo xtask man | {}",
            bench::USAGE
        ),
    }
}

/// The workspace root (the parent of `xtask/`).
fn project_root() -> std::path::PathBuf {
    let manifest = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or(manifest)
}
