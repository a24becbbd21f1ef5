//! The PDFs drawn by the Python generators under `xtask/pdf/` (reportlab):
//! the page-break sweep of the sample report (`fixtures/pdf/sweep/`), the
//! small fixtures of each page-break failure class and of each real-world
//! shape (filled and double rules, an open side, landscape pages, Word-like
//! Identity-H text in kerned `TJ` arrays with marked content, text outside
//! every cell of a table, a value on the rule between two rows, a doubt on
//! a table's continued page, a web page's side column of links on the
//! title's and the metadata box's baselines) in `fixtures/pdf/`. They need
//! python3 with reportlab, and qpdf.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Run every generator script.
pub fn run(root: &Path) -> Result<()> {
    let scripts = root.join("xtask/pdf");
    let (out, sample) = (
        root.join("fixtures/pdf"),
        root.join("fixtures/samples/hzq2024.expected.json"),
    );
    let sweep = root.join("fixtures/pdf/sweep");
    python(
        &scripts,
        "sweep.py",
        &[sweep.as_os_str(), sample.as_os_str()],
    )?;
    python(&scripts, "classes.py", &[out.as_os_str()])?;
    python(
        &scripts,
        "shapes.py",
        &[out.as_os_str(), sample.as_os_str()],
    )?;
    python(&scripts, "wordlike.py", &[out.as_os_str()])?;
    python(&scripts, "outside.py", &[out.as_os_str()])?;
    python(&scripts, "on_rule.py", &[out.as_os_str()])?;
    python(&scripts, "continued.py", &[out.as_os_str()])?;
    python(&scripts, "side_column.py", &[out.as_os_str()])?;
    Ok(())
}

fn python(dir: &Path, script: &str, args: &[&std::ffi::OsStr]) -> Result<()> {
    let status = Command::new("python3")
        .arg(dir.join(script))
        .args(args)
        .current_dir(dir)
        .status()
        .context("python3 (with reportlab) runs the PDF shape generators")?;
    if !status.success() {
        bail!("{script} failed");
    }
    Ok(())
}
