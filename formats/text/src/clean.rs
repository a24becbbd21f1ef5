//! What decoded text needs before it is split into lines and tables, each
//! change said in a diagnostic:
//! - line ends of a lone CR (classic Mac OS) are line breaks;
//! - byte-order marks inside the text (files joined together, each with its
//!   own) are removed: a U+FEFF glued to a label hides it from matching;
//! - tabs in space-aligned text (an editor's or `unexpand`'s) are expanded
//!   to the columns they stand for, so that the aligned columns stay put.
//!   Read as cell separators, they would cut rows at the wrong places.

use std::borrow::Cow;

use gongkai_ir::{Diagnostic, Severity};

use crate::aligned::width;

/// Tab stops of text whose tabs stand for spaces: every 8 columns, as
/// terminals, `expand` and `pdftotext` output assume.
const TAB_STOP: usize = 8;

/// The text made ready for [`crate::parse`], and what was done to it.
pub(crate) fn clean<'a>(text: Cow<'a, str>, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let text = line_ends(text, diagnostics);
    let text = inner_boms(text, diagnostics);
    aligned_tabs(text, diagnostics)
}

/// Lone CRs (not followed by LF) as line breaks; CRLF is left to the parser.
fn line_ends<'a>(text: Cow<'a, str>, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let bytes = text.as_bytes();
    let lone = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
        .count();
    if lone == 0 {
        return text;
    }
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        "text.line_ends",
        format!("{lone} line(s) end with a lone carriage return (CR, as classic Mac OS wrote them); read as line breaks"),
    ));
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Byte-order marks (U+FEFF) inside the text, removed.
fn inner_boms<'a>(text: Cow<'a, str>, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let n = text.matches('\u{feff}').count();
    if n == 0 {
        return text;
    }
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        "text.bom_inside",
        format!("{n} byte-order mark(s) (U+FEFF) inside the text removed (joined files keep each one's mark)"),
    ));
    Cow::Owned(text.replace('\u{feff}', ""))
}

/// How the lines holding tabs use them.
#[derive(Debug, Default, PartialEq)]
struct TabUse {
    /// Lines where a tab touches a space or sits among runs of spaces: the
    /// tab stands for spaces of an alignment.
    aligned: usize,
    /// Lines where tabs alone separate the text: cells (tab-separated or
    /// Tika-style).
    separating: usize,
}

fn tab_use(text: &str) -> TabUse {
    let mut uses = TabUse::default();
    for line in text.lines().filter(|l| l.contains('\t')) {
        let inner = line.trim_matches([' ', '\t']);
        if line.contains("\t ") || line.contains(" \t") || inner.contains("  ") {
            uses.aligned += 1;
        } else {
            uses.separating += 1;
        }
    }
    uses
}

/// Expand the tabs when most lines holding them use them for alignment;
/// otherwise they separate cells, and lines that look aligned are said.
fn aligned_tabs<'a>(text: Cow<'a, str>, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    if !text.contains('\t') {
        return text;
    }
    let uses = tab_use(&text);
    if uses.aligned <= uses.separating {
        if uses.aligned > 0 {
            diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "text.tabs_mixed",
                format!(
                    "{} line(s) mix tabs with runs of spaces, but {} use tabs alone: tabs are read as cell separators",
                    uses.aligned, uses.separating
                ),
            ));
        }
        return text;
    }
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        "text.tabs_expanded",
        format!(
            "{} line(s) mix tabs into space-aligned columns: tabs expanded to stops every {TAB_STOP} columns (wide characters count two)",
            uses.aligned
        ),
    ));
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut col = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += width(c);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> (String, Vec<String>) {
        let mut d = Vec::new();
        let out = clean(Cow::Borrowed(text), &mut d).into_owned();
        (out, d.into_iter().map(|d| d.code).collect())
    }

    #[test]
    fn lone_carriage_returns_break_lines() {
        assert_eq!(
            cleaned("a\rb\r\nc\r"),
            ("a\nb\nc\n".to_string(), vec!["text.line_ends".to_string()])
        );
        assert_eq!(
            cleaned("a\r\nb\r\n"),
            ("a\r\nb\r\n".to_string(), Vec::new())
        );
    }

    #[test]
    fn marks_inside_are_removed() {
        assert_eq!(
            cleaned("一\n\u{feff}二\n\u{feff}三"),
            (
                "一\n二\n三".to_string(),
                vec!["text.bom_inside".to_string()]
            )
        );
    }

    #[test]
    fn tabs_in_alignment_are_expanded_by_display_width() {
        // 规章 is 4 columns wide: its tab reaches column 8, the next 16.
        let text = "规章\t   0\t  0\n行政规范性文件  3\t  0\n";
        let (out, codes) = cleaned(text);
        assert_eq!(out, "规章       0      0\n行政规范性文件  3         0\n");
        assert_eq!(codes, vec!["text.tabs_expanded".to_string()]);
    }

    #[test]
    fn separating_tabs_are_left_alone() {
        let tika = "\t信息内容\n\t本年制发件数\n\n\t规章\n\t0\n";
        assert_eq!(cleaned(tika), (tika.to_string(), Vec::new()));
        let tsv = "规章\t0\t0\t0\n行政规范性文件\t3\t0\t8\n说明 \t一\n";
        let (out, codes) = cleaned(tsv);
        assert_eq!(out, tsv);
        assert_eq!(codes, vec!["text.tabs_mixed".to_string()]);
    }
}
