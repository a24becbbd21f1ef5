//! Documents gongkai recognises by their extension but does not read: a walk
//! or a pattern makes them inputs with status `unsupported` (a `skip` line
//! and a summary row), so that none vanishes from a batch without a word.

use std::path::Path;

/// Extensions of documents gongkai does not read, and what to tell the user.
const UNSUPPORTED: &[(&[&str], &str)] = &[
    (
        &["doc"],
        "legacy Word binary document (.doc); convert it to DOCX first, e.g. `soffice --headless --convert-to docx FILE`",
    ),
    (
        &["wps"],
        "WPS Writer document (.wps); save it as DOCX in WPS, or `soffice --headless --convert-to docx FILE`",
    ),
    (
        &["et"],
        "WPS Spreadsheets file (.et); save it as XLSX in WPS, or `soffice --headless --convert-to xlsx FILE`",
    ),
    (
        &["ofd"],
        "OFD document (.ofd); export it to PDF with an OFD reader first",
    ),
    (
        &["bmp", "gif", "webp"],
        "image format gongkai does not OCR: convert it to PNG or TIFF first (PNG, JPEG and TIFF scans are read by OCR)",
    ),
];

/// The extensions of [`UNSUPPORTED`], for the walk to pick up.
pub(crate) fn extensions() -> impl Iterator<Item = &'static str> {
    UNSUPPORTED
        .iter()
        .flat_map(|(exts, _)| exts.iter().copied())
}

/// What `path` is and what to do about it, when its extension names a
/// document gongkai does not read.
pub(crate) fn reason(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    UNSUPPORTED
        .iter()
        .find(|(exts, _)| exts.contains(&ext.as_str()))
        .map(|(_, why)| *why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_documents_and_images_are_named_and_readable_formats_are_not() {
        assert!(reason(Path::new("a/b.DOC")).is_some_and(|r| r.contains("DOCX")));
        assert!(reason(Path::new("scan.webp")).is_some_and(|r| r.contains("OCR")));
        // PNG, JPEG and TIFF are read by the image reader.
        assert_eq!(reason(Path::new("scan.jpeg")), None);
        assert_eq!(reason(Path::new("a.docx")), None);
        assert_eq!(reason(Path::new("a.html")), None);
        assert_eq!(reason(Path::new("noext")), None);
        assert!(extensions().any(|e| e == "ofd"));
    }
}
