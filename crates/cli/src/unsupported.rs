//! Documents gongkai recognises by their extension but does not read: a walk
//! or a pattern makes them inputs with status `unsupported` (a `skip` line
//! and a summary row), so that none vanishes from a batch without a word.

use std::path::Path;

use crate::messages::Lang;

/// Extensions of documents gongkai does not read, and what to tell the
/// user, in English and in Chinese.
const UNSUPPORTED: &[(&[&str], &str, &str)] = &[
    (
        &["doc"],
        "legacy Word binary document (.doc); convert it to DOCX first, e.g. `soffice --headless --convert-to docx FILE`",
        "旧版 Word 二进制文档（.doc）；请先转换为 DOCX，例如 `soffice --headless --convert-to docx FILE`",
    ),
    (
        &["wps"],
        "WPS Writer document (.wps); save it as DOCX in WPS, or `soffice --headless --convert-to docx FILE`",
        "WPS 文字文档（.wps）；请在 WPS 中另存为 DOCX，或用 `soffice --headless --convert-to docx FILE`",
    ),
    (
        &["et"],
        "WPS Spreadsheets file (.et); save it as XLSX in WPS, or `soffice --headless --convert-to xlsx FILE`",
        "WPS 表格文件（.et）；请在 WPS 中另存为 XLSX，或用 `soffice --headless --convert-to xlsx FILE`",
    ),
    (
        &["ofd"],
        "OFD document (.ofd); export it to PDF with an OFD reader first",
        "OFD 文档（.ofd）；请先用 OFD 阅读器导出为 PDF",
    ),
    (
        &["bmp", "gif", "webp"],
        "image format gongkai does not OCR: convert it to PNG or TIFF first (PNG, JPEG and TIFF scans are read by OCR)",
        "gongkai 不做文字识别（OCR）的图像格式：请先转换为 PNG 或 TIFF（PNG、JPEG 和 TIFF 扫描件可用 OCR 读取）",
    ),
];

/// The extensions of [`UNSUPPORTED`], for the walk to pick up.
pub(crate) fn extensions() -> impl Iterator<Item = &'static str> {
    UNSUPPORTED
        .iter()
        .flat_map(|(exts, _, _)| exts.iter().copied())
}

/// What `path` is and what to do about it, in this run's language, when its
/// extension names a document gongkai does not read.
pub(crate) fn reason(path: &Path) -> Option<&'static str> {
    reason_in(crate::messages::lang(), path)
}

/// What `path` is and what to do about it, in `lang`.
pub(crate) fn reason_in(lang: Lang, path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    UNSUPPORTED
        .iter()
        .find(|(exts, _, _)| exts.contains(&ext.as_str()))
        .map(|(_, en, zh)| match lang {
            Lang::En => *en,
            Lang::Zh => *zh,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_documents_and_images_are_named_and_readable_formats_are_not() {
        assert!(reason_in(Lang::En, Path::new("a/b.DOC")).is_some_and(|r| r.contains("DOCX")));
        assert!(reason_in(Lang::Zh, Path::new("a/b.wps")).is_some_and(|r| r.contains("WPS 文字")));
        assert!(reason_in(Lang::En, Path::new("scan.webp")).is_some_and(|r| r.contains("OCR")));
        // PNG, JPEG and TIFF are read by the image reader.
        assert_eq!(reason(Path::new("scan.jpeg")), None);
        assert_eq!(reason(Path::new("a.docx")), None);
        assert_eq!(reason(Path::new("a.html")), None);
        assert_eq!(reason(Path::new("noext")), None);
        assert!(extensions().any(|e| e == "ofd"));
    }
}
