//! Documents gongkai recognises but does not read, in both languages: by
//! their extension, a walk or a pattern makes them inputs with status
//! `unsupported` (a `skip` line and a summary row), so that none vanishes
//! from a batch without a word; by their content, a reader refuses them
//! with a typed reason ([`Unsupported`]), said here in Chinese.

use std::path::Path;

use gongkai::ir::{OcrMissing, ScanCodec, Unsupported};

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

/// Converting an Office binary file to DOCX, in Chinese.
const TO_DOCX_ZH: &str = "请先转换为 DOCX，例如 `soffice --headless --convert-to docx FILE`";

/// What a reader refused and how to make it readable, in Chinese (the
/// English is the kind's `Display`).
pub(crate) fn kind_zh(kind: &Unsupported) -> String {
    match kind {
        Unsupported::LegacyWord => format!("旧版 Word/WPS 二进制文档（.doc/.wps）；{TO_DOCX_ZH}"),
        Unsupported::LegacyOffice => {
            format!("旧版 Office 二进制文件（OLE 复合文档），不是 Word 文档；{TO_DOCX_ZH}")
        }
        Unsupported::JsonSchema { schema, expected } => {
            format!("模式为 `{schema}` 的 JSON；gongkai 读取的是 `{expected}` 报告")
        }
        Unsupported::NoOcr { missing } => {
            let missing = match missing {
                OcrMissing::Library => "找不到 libtesseract.so.5".to_string(),
                OcrMissing::Symbol(name) => format!("libtesseract 缺少 {name}"),
                OcrMissing::Model(model) => format!("没有安装 Tesseract 模型 {model}"),
            };
            format!(
                "无法对这个图像做文字识别（{missing}）；文字识别需要 Tesseract 5 及其简体中文模型：\
                 请安装 Debian 软件包 tesseract-ocr tesseract-ocr-chi-sim"
            )
        }
        Unsupported::ScanCodec { page, codec } => {
            let codec = match codec {
                ScanCodec::Jbig2 => "JBIG2",
                ScanCodec::Jpeg2000 => "JPEG 2000",
                ScanCodec::ColourMapped => "调色板或专色（Indexed、Separation 或 Lab）",
            };
            format!(
                "第{page}页的扫描件是 {codec} 图像；不支持这种图像，\
                 请先把 PDF 中的图像转换为 JPEG 或 CCITT 传真格式（例如用 ghostscript）"
            )
        }
    }
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

    #[test]
    fn every_refused_kind_reads_in_chinese_without_english_words() {
        let kinds = [
            Unsupported::LegacyWord,
            Unsupported::LegacyOffice,
            Unsupported::JsonSchema {
                schema: "x".into(),
                expected: "y",
            },
            Unsupported::NoOcr {
                missing: OcrMissing::Library,
            },
            Unsupported::NoOcr {
                missing: OcrMissing::Model("chi_sim"),
            },
            Unsupported::ScanCodec {
                page: 3,
                codec: ScanCodec::ColourMapped,
            },
        ];
        for kind in kinds {
            let zh = kind_zh(&kind);
            // Only names stay Latin: commands, packages, formats, the schema.
            for word in [
                "legacy",
                "convert it",
                "image",
                "scan",
                "page",
                "reads",
                "install",
            ] {
                assert!(!zh.contains(word), "{word} in {zh}");
            }
        }
        assert!(kind_zh(&Unsupported::ScanCodec {
            page: 3,
            codec: ScanCodec::Jbig2
        })
        .starts_with("第3页的扫描件是 JBIG2 图像"));
    }
}
