//! A web page's chrome around the report. The reader says which element of
//! the page holds each block ([`Origin::InElement`]) and nothing else; here
//! the article is found by the report's words: the deepest element holding
//! every block with report text (section headings, table labels). Blocks
//! outside it (navigation, breadcrumbs, footers, related links) are left
//! out, except the report's title when the article does not hold it. A
//! metadata box (索引号 · 发布机构 · 发文日期) is left out wherever it
//! stands, and its publisher and date are kept: they help fill the organ
//! and year. Documents whose blocks carry no elements are kept whole.

use std::borrow::Cow;

use gongkai_ir::{Block, Diagnostic, Document, Element, Origin, Severity};

use crate::aliases::{ARTICLE_MARKERS, META_BOX_MARKER, SOURCE_META_LABELS, TITLE_MARKER};
use crate::label_kinds::SourceMeta;
use crate::limits::{META_VALUE_MAX_CHARS, PAGE_TITLE_MAX_CHARS};

/// A value read from the source's metadata box.
#[derive(Debug, Clone)]
pub struct MetaValue {
    /// The label it followed (`发布机构`).
    pub label: &'static str,
    /// The value as printed.
    pub value: String,
    /// Where it was found.
    pub at: Origin,
}

/// What the source's metadata box gives.
#[derive(Debug, Default)]
pub struct SourceMetadata {
    /// 发布机构 (or 发文机关).
    pub publisher: Option<MetaValue>,
    /// 发文日期 (or 成文日期, 发布日期).
    pub date: Option<MetaValue>,
}

/// The report's blocks (the article, its title, no metadata box) and the
/// metadata box's values, with what was left out said in `diags`.
pub fn article<'d>(
    doc: &'d Document,
    diags: &mut Vec<Diagnostic>,
) -> (Cow<'d, Document>, SourceMetadata) {
    let meta = metadata(&doc.blocks, diags);
    let region = article_element(&doc.blocks);
    let inside =
        |b: &Block| region.is_none_or(|r| b.origin().element().is_some_and(|e| e.is_within(r.id)));
    let title = match region {
        Some(_) if !doc.blocks.iter().any(|b| inside(b) && is_title(b)) => {
            let first = doc.blocks.iter().position(inside).unwrap_or(0);
            doc.blocks
                .get(..first)
                .unwrap_or_default()
                .iter()
                .rposition(is_title)
        }
        _ => None,
    };
    let keep: Vec<bool> = doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (inside(b) || Some(i) == title) && !is_meta_box(b))
        .collect();
    let kept = keep.iter().filter(|k| **k).count();
    if kept == doc.blocks.len() {
        return (Cow::Borrowed(doc), meta);
    }
    if let Some(r) = region {
        diags.push(Diagnostic::new(
            Severity::Info,
            "page.article",
            format!(
                "read the article <{}>; {} block(s) of the page around it (navigation, metadata, footer) left out",
                r.label,
                doc.blocks.len() - kept
            ),
        ));
    }
    let blocks = doc
        .blocks
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(b, _)| b.clone())
        .collect();
    let doc = Document {
        blocks,
        diagnostics: doc.diagnostics.clone(),
    };
    (Cow::Owned(doc), meta)
}

/// The deepest element holding every block with report text; `None` when
/// no block has report text or one of them has no element.
fn article_element(blocks: &[Block]) -> Option<&Element> {
    // The common ancestors so far, outermost first.
    let mut common: Option<Vec<&Element>> = None;
    for block in blocks.iter().filter(|b| is_marked(b)) {
        let element = block.origin().element()?;
        let mut chain: Vec<&Element> = element.ancestors().collect();
        chain.reverse();
        common = Some(match common {
            None => chain,
            Some(mut c) => {
                let same = c
                    .iter()
                    .zip(&chain)
                    .take_while(|(a, b)| a.id == b.id)
                    .count();
                c.truncate(same);
                c
            }
        });
    }
    common?.pop()
}

/// True when a block holds report text.
fn is_marked(block: &Block) -> bool {
    let squashed: String = text_of(block)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    ARTICLE_MARKERS.iter().any(|m| squashed.contains(m))
}

/// A short paragraph naming an annual report.
fn is_title(block: &Block) -> bool {
    match block {
        Block::Paragraph(p) => {
            p.text.contains(TITLE_MARKER) && p.text.chars().count() <= PAGE_TITLE_MAX_CHARS
        }
        Block::Table(_) => false,
    }
}

fn is_meta_box(block: &Block) -> bool {
    let text = text_of(block);
    text.contains(META_BOX_MARKER) && SOURCE_META_LABELS.iter().any(|(l, _)| text.contains(l))
}

/// The text of a paragraph, or of a table's cells one a line.
fn text_of(block: &Block) -> Cow<'_, str> {
    match block {
        Block::Paragraph(p) => Cow::Borrowed(&p.text),
        Block::Table(t) => Cow::Owned(
            t.rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// The metadata box's publisher and date, as diagnostics: `发布机构：某某`
/// in text, or a label cell followed by its value cell. The first of each
/// counts.
fn metadata(blocks: &[Block], diags: &mut Vec<Diagnostic>) -> SourceMetadata {
    let mut meta = SourceMetadata::default();
    for block in blocks {
        let pieces: Vec<&str> = match block {
            Block::Paragraph(p) => vec![p.text.as_str()],
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
                .collect(),
        };
        for (i, piece) in pieces.iter().enumerate() {
            for (label, kind) in SOURCE_META_LABELS {
                let slot = match kind {
                    SourceMeta::Publisher => &mut meta.publisher,
                    SourceMeta::Date => &mut meta.date,
                };
                if slot.is_some() {
                    continue;
                }
                let Some(at) = piece.find(label) else {
                    continue;
                };
                let after = piece.get(at + label.len()..).unwrap_or_default();
                let after = after.trim_start_matches([':', '：', ' ']);
                let mut value = value_of(after);
                if value.is_empty() {
                    value = pieces.get(i + 1).map(|v| value_of(v)).unwrap_or_default();
                }
                if value.is_empty() {
                    continue;
                }
                let code = match kind {
                    SourceMeta::Publisher => "source.publisher",
                    SourceMeta::Date => "source.date",
                };
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        code,
                        format!("the source's metadata box gives {label}: {value}"),
                    )
                    .with_raw(value.clone())
                    .with_at(block.origin()),
                );
                *slot = Some(MetaValue {
                    label,
                    value,
                    at: block.origin().clone(),
                });
            }
        }
    }
    meta
}

/// A metadata value: up to the next space, line or label.
fn value_of(text: &str) -> String {
    let mut value: String = text
        .trim()
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(META_VALUE_MAX_CHARS)
        .collect();
    let labels = SOURCE_META_LABELS.iter().map(|(l, _)| *l);
    for label in labels.chain([META_BOX_MARKER]) {
        if let Some(cut) = value.find(label) {
            value.truncate(cut);
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use gongkai_ir::Paragraph;

    use super::*;

    #[test]
    fn values_stop_at_the_next_label() {
        assert_eq!(
            value_of("某某县人民政府办公室 发文日期：2024-01-15"),
            "某某县人民政府办公室"
        );
        assert_eq!(value_of("某某县发文日期2024"), "某某县");
    }

    /// A page: `(text, element path)` where the path names elements by id,
    /// outermost first.
    fn page(blocks: &[(&str, &[u32])]) -> Document {
        let mut made: Vec<Arc<Element>> = Vec::new();
        let mut element = |path: &[u32]| {
            let mut parent: Option<Arc<Element>> = None;
            for (depth, id) in path.iter().enumerate() {
                let found = made
                    .iter()
                    .find(|e| e.id == *id && e.depth as usize == depth)
                    .cloned();
                let e = found.unwrap_or_else(|| {
                    let e = Arc::new(Element {
                        id: *id,
                        label: format!("div#e{id}"),
                        depth: depth as u32,
                        parent: parent.clone(),
                    });
                    made.push(e.clone());
                    e
                });
                parent = Some(e);
            }
            parent
        };
        let blocks = blocks
            .iter()
            .enumerate()
            .map(|(n, (text, path))| {
                let at = Origin::Paragraph(n as u32 + 1).in_element(element(path));
                Block::Paragraph(Paragraph::new(*text, at))
            })
            .collect();
        Document {
            blocks,
            diagnostics: Vec::new(),
        }
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                Block::Table(_) => "table",
            })
            .collect()
    }

    #[test]
    fn the_article_and_its_title_are_kept_and_the_chrome_left_out() {
        let doc = page(&[
            ("首页 > 政务公开", &[1, 2]),
            ("某县2022年政府信息公开工作年度报告", &[1, 3]),
            ("某县2023年政府信息公开工作年度报告", &[1, 4]),
            (
                "索引号：001 发布机构：某县人民政府办公室 发文日期：2024-01-20",
                &[1, 5],
            ),
            ("一、总体情况", &[1, 6, 7]),
            ("正文", &[1, 6, 8]),
            ("六、其他需要报告的事项", &[1, 6, 9]),
            ("版权所有", &[1, 10]),
        ]);
        let mut diags = Vec::new();
        let (kept, meta) = article(&doc, &mut diags);
        assert_eq!(
            texts(&kept),
            [
                "某县2023年政府信息公开工作年度报告",
                "一、总体情况",
                "正文",
                "六、其他需要报告的事项"
            ]
        );
        assert_eq!(
            meta.publisher.map(|m| m.value).as_deref(),
            Some("某县人民政府办公室")
        );
        assert_eq!(meta.date.map(|m| m.value).as_deref(), Some("2024-01-20"));
        let codes: Vec<(&str, Option<&str>)> = diags
            .iter()
            .map(|n| (n.code.as_str(), n.raw.as_deref()))
            .collect();
        assert!(
            codes.contains(&("source.publisher", Some("某县人民政府办公室"))),
            "{codes:?}"
        );
        let article = diags.iter().find(|d| d.code == "page.article").unwrap();
        assert!(article.message.contains("<div#e6>"), "{}", article.message);
    }

    #[test]
    fn a_page_without_report_text_or_elements_is_kept_whole() {
        let doc = page(&[("a", &[1, 2]), ("b", &[1, 3])]);
        let mut diags = Vec::new();
        assert!(matches!(article(&doc, &mut diags).0, Cow::Borrowed(_)));
        let plain = Document {
            blocks: vec![
                Block::Paragraph(Paragraph::new("菜单", Origin::Paragraph(1))),
                Block::Paragraph(Paragraph::new("一、总体情况", Origin::Paragraph(2))),
            ],
            diagnostics: Vec::new(),
        };
        assert!(matches!(article(&plain, &mut diags).0, Cow::Borrowed(_)));
        assert!(diags.is_empty());
    }
}
