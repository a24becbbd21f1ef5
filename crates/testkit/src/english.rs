//! English words of gongkai's own in a line meant for Chinese readers: what
//! the locale tests look for. A run of three or more ASCII letters counts,
//! except the names a Chinese reader uses as they are (formats, standards,
//! programs), paths and flags (a token with `/`, `.`, `-`, `_`, `[` or `<`), a
//! command in backticks, and a parser's or the system's own words marked
//! as such (`（解析器：…）`, `（系统：…）`, `（原文：…）`), which run to the
//! end of the line.

/// Names kept as they are in Chinese text.
const NAMES: &[&str] = &[
    // Formats and their readers.
    "pdf",
    "PDF",
    "docx",
    "DOCX",
    "xlsx",
    "XLSX",
    "xls",
    "XLS",
    "ods",
    "ODS",
    "zip",
    "xml",
    "XML",
    "html",
    "mht",
    "json",
    "text",
    "image",
    "markdown",
    "Markdown",
    "PNG",
    "JPEG",
    "TIFF",
    "CCITT",
    "JBIG",
    "base",
    // Encodings.
    "UTF",
    "GBK",
    "NUL",
    // Programs and standards.
    "gongkai",
    "Word",
    "WPS",
    "Office",
    "Tesseract",
    "ocrmypdf",
    "ghostscript",
    "OCR",
    "JSON",
    "CSV",
    // PDF and MIME terms.
    "Catalog",
    "Form",
    "XObject",
    "ToUnicode",
    "Content",
    "Type",
    // Flag values as typed: `--ocr never`.
    "ocr",
    "never",
    // The status words of the summaries and the JSON.
    "skip",
    "error",
    "unsupported",
];

/// Markers after which a line holds words that are not gongkai's.
const DETAIL_MARKERS: &[&str] = &["（解析器：", "（系统：", "（原文："];

/// The English words of gongkai's own in `line`.
pub fn english_words(line: &str) -> Vec<String> {
    let mut text = line;
    for marker in DETAIL_MARKERS {
        if let Some(at) = text.find(marker) {
            text = &text[..at];
        }
    }
    let mut words = Vec::new();
    // Odd pieces between backticks are commands to type.
    for piece in text.split('`').step_by(2) {
        for token in piece.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
            if token.contains(['/', '.', '-', '_', '[', '<']) {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() >= 3 && !NAMES.contains(&word) {
                    words.push(word.to_string());
                }
            }
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_english_and_passes_names_paths_and_marked_detail() {
        assert_eq!(english_words("不是有效的 pdf 文件：no xref"), ["xref"]);
        assert!(english_words("zip 条目 word/document.xml（解析器：bad zip）").is_empty());
        assert!(english_words("超过限制 --max-cells 10：`tail -c +2 FILE`").is_empty());
        assert_eq!(english_words("a `cmd` then words"), ["then", "words"]);
    }
}
