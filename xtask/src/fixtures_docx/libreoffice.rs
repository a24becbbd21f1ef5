//! The full report saved again by LibreOffice.

use std::path::Path;

use anyhow::{bail, Context, Result};

use super::report::{write_expected, Report};

/// The full report saved again by LibreOffice (its own DOCX writer).
pub(super) fn libreoffice_copy(dir: &Path, full: &Report) -> Result<()> {
    let tmp = std::env::temp_dir().join("gongkai-soffice");
    std::fs::create_dir_all(&tmp)?;
    let src = tmp.join("libreoffice-2021.docx");
    std::fs::copy(dir.join(format!("{}.docx", full.name)), &src)?;
    let out_dir = tmp.join("out");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&out_dir)
        .arg(&src)
        .status()
        .context("running soffice")?;
    if !status.success() {
        bail!("soffice failed: {status}");
    }
    std::fs::copy(
        out_dir.join("libreoffice-2021.docx"),
        dir.join("libreoffice-2021.docx"),
    )?;
    write_expected(dir, "libreoffice-2021", &full.expected())?;
    println!("fixtures/docx/libreoffice-2021.docx");
    Ok(())
}
