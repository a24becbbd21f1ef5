//! The narrow-label fixture: full-2021.docx with table 三's label columns squeezed.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Widths (twips) given to table 三's three label columns in `narrow-labels`:
/// with 57-twip cell margins and 10pt (200-twip) characters, the first holds
/// one character per line, the other two two.
const NARROW_LABEL_COLS: [u32; 3] = [330, 560, 560];

/// `full-2021.docx` with table 三's label columns squeezed (fixed layout, so
/// LibreOffice keeps the widths), rendered to `fixtures/pdf/narrow-labels.pdf`:
/// labels wrap to one or two characters a line; same values as the docx.
pub(super) fn narrow_labels(root: &Path) -> Result<()> {
    use std::io::Read as _;
    let source = root.join("fixtures/docx/full-2021.docx");
    let data = std::fs::read(&source).with_context(|| source.display().to_string())?;
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&data))?;
    let mut xml = String::new();
    zin.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let start = xml
        .match_indices("<w:tbl>")
        .nth(1)
        .map(|(i, _)| i)
        .context("no second table")?;
    let end = start + xml[start..].find("</w:tbl>").context("unclosed table")?;
    let table = narrow_table(&xml[start..end])?;
    let xml = format!("{}{}{}", &xml[..start], table, &xml[end..]);

    let dir = std::env::temp_dir().join("gongkai-pdf-fixtures");
    std::fs::create_dir_all(&dir)?;
    let docx = dir.join("narrow-labels.docx");
    crate::docx_package::write_package(&data, xml.as_bytes(), &docx)?;

    let status = Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&docx)
        .status()
        .context("soffice")?;
    if !status.success() {
        bail!("soffice failed on {}", docx.display());
    }
    let out = root.join("fixtures/pdf");
    std::fs::copy(dir.join("narrow-labels.pdf"), out.join("narrow-labels.pdf"))?;
    std::fs::copy(
        source.with_extension("expected.json"),
        out.join("narrow-labels.expected.json"),
    )?;
    Ok(())
}

/// Table 三 (one `<w:tbl>…` without its end tag) with a fixed layout, the
/// first three grid columns set to [`NARROW_LABEL_COLS`] and every cell's
/// `w:tcW` recomputed from the grid columns it spans.
fn narrow_table(table: &str) -> Result<String> {
    let attr = |s: &str, key: &str| -> Option<u32> {
        let i = s.find(key)? + key.len();
        s[i..].split('"').next()?.parse().ok()
    };
    // The grid.
    let g0 = table.find("<w:tblGrid>").context("no grid")?;
    let g1 = g0 + table[g0..].find("</w:tblGrid>").context("no grid end")?;
    let mut grid: Vec<u32> = table[g0..g1]
        .split("<w:gridCol ")
        .skip(1)
        .map(|c| attr(c, "w:w=\"").context("gridCol width"))
        .collect::<Result<_>>()?;
    if grid.len() < 4 {
        bail!("table 三 grid has {} columns", grid.len());
    }
    grid[..3].copy_from_slice(&NARROW_LABEL_COLS);
    let mut new_grid = String::from("<w:tblGrid>");
    for w in &grid {
        let _ = write!(new_grid, "<w:gridCol w:w=\"{w}\"/>");
    }
    let total: u32 = grid.iter().sum();
    let mut head = table[..g0].to_string();
    if let Some(i) = head.find("<w:tblW ") {
        let j = i + head[i..].find("/>").context("tblW")? + 2;
        head.replace_range(i..j, &format!("<w:tblW w:w=\"{total}\" w:type=\"dxa\"/>"));
    }
    if !head.contains("<w:tblLayout w:type=\"fixed\"/>") {
        let i = head.find("</w:tblPr>").context("no tblPr")?;
        head.insert_str(i, "<w:tblLayout w:type=\"fixed\"/>");
    }
    let mut out = head;
    out.push_str(&new_grid);
    // The rows: each cell's width from its grid span.
    let body = &table[g1..];
    let mut rest = body;
    let mut col = 0usize;
    while let Some(i) = rest
        .find("<w:tc>")
        .into_iter()
        .chain(rest.find("<w:tr"))
        .min()
    {
        if rest[i..].starts_with("<w:tr") {
            col = 0;
            out.push_str(&rest[..i + 5]);
            rest = &rest[i + 5..];
            continue;
        }
        let j = i + rest[i..].find("</w:tc>").context("unclosed cell")?;
        let mut cell = rest[i..j].to_string();
        let span = attr(&cell, "<w:gridSpan w:val=\"").unwrap_or(1) as usize;
        let width: u32 = grid.iter().skip(col).take(span).sum();
        col += span;
        if let Some(a) = cell.find("<w:tcW ") {
            let b = a + cell[a..].find("/>").context("tcW")? + 2;
            cell.replace_range(a..b, &format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"));
        }
        out.push_str(&rest[..i]);
        out.push_str(&cell);
        rest = &rest[j..];
    }
    out.push_str(rest);
    Ok(out)
}
