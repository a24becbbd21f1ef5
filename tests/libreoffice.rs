//! Written workbooks open in LibreOffice: each fixture report is written as
//! XLSX, converted by `soffice --headless` to CSV (every sheet) and to PDF,
//! and the CSV must hold the report's numbers. The PDF's pages are rendered
//! to PNG under `target/libreoffice/` for a person to look at. Skipped where
//! soffice is not installed (CI has none; the generated fixtures need none).

mod common;

use std::path::Path;
use std::process::Command;

use common::gongkai;

/// Installed: the program starts (its version flag differs from tool to tool).
fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn written_xlsx_opens_in_libreoffice() {
    if !have("soffice") {
        eprintln!("soffice not installed: skipped");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/libreoffice");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    for (name, input) in [
        ("hzq2024", "fixtures/samples/hzq2024.pdf"),
        ("layout-2019", "fixtures/docx/layout-2019.docx"),
    ] {
        let xlsx = out.join(format!("{name}.xlsx"));
        let run = gongkai(&[
            "convert",
            root.join(input).to_str().unwrap_or_default(),
            "--to",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap_or_default(),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        // A profile of its own, so a running LibreOffice does not interfere.
        let profile = format!("-env:UserInstallation=file://{}/profile", out.display());
        for (target, ext) in [
            (
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "csv",
            ),
            ("pdf", "pdf"),
        ] {
            let status = Command::new("soffice")
                .args([
                    profile.as_str(),
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                ])
                .arg(&out)
                .arg(&xlsx)
                .output()
                .unwrap_or_else(|e| panic!("soffice: {e}"));
            assert!(status.status.success(), "soffice failed on {name}.{ext}");
        }
        let csvs: String = std::fs::read_dir(&out)
            .map(|d| {
                d.flatten()
                    .filter(|e| {
                        let n = e.file_name().to_string_lossy().into_owned();
                        n.starts_with(name) && n.ends_with(".csv")
                    })
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            csvs.contains("申请人情况"),
            "{name}: no 表三 header in the CSV"
        );
        if name == "hzq2024" {
            assert!(
                csvs.contains("9487") && csvs.contains("7545"),
                "{name}: values missing"
            );
        }
        if have("pdftoppm") {
            let _ = Command::new("pdftoppm")
                .args(["-png", "-r", "60"])
                .arg(out.join(format!("{name}.pdf")))
                .arg(out.join(name))
                .output();
        }
    }
}
