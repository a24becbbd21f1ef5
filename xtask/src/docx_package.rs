//! Writing a DOCX package from another with its main document replaced,
//! shared by the DOCX and PDF fixture generators.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

/// Write a package: the template's entries with document.xml replaced.
pub fn write_package(template: &[u8], document: &[u8], out: &Path) -> Result<()> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(template))?;
    let mut zout = zip::ZipWriter::new(std::fs::File::create(out)?);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let file = zin.by_index(i)?;
        if file.name()? == "word/document.xml" {
            zout.start_file("word/document.xml", opts)?;
            zout.write_all(document)?;
        } else {
            zout.raw_copy_file(file)?;
        }
    }
    zout.finish()?;
    Ok(())
}
