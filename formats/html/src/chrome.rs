//! The site's chrome around the report: the article is the deepest element
//! holding every block with report text (section headings, table labels);
//! blocks outside it (navigation, breadcrumbs, footers, related links) are
//! left out, except the report's title when the article does not hold it.
//! The metadata box (索引号 · 发布机构 · 发文日期) is left out too, and its
//! publisher and date are kept as diagnostics.

use gongkai_ir::{Block, Diagnostic, Severity};

use crate::build::{block_text, Built, Placed};
use crate::phrases::{
    META_BOX_MARKER, META_LABELS, META_VALUE_MAX_CHARS, TITLE_MARKER, TITLE_MAX_CHARS,
};

/// The report's blocks, with what was left out said in `notes`.
pub(crate) fn article(built: Built, notes: &mut Vec<Diagnostic>) -> Vec<Block> {
    metadata(&built.blocks, notes);
    let total = built.blocks.len();
    let region = built
        .regions
        .iter()
        .filter(|r| r.hits == built.marked && built.marked > 0)
        .max_by_key(|r| r.depth);
    let (start, end) = region.map_or((0, usize::MAX), |r| (r.start, r.end));
    let inside = |p: &Placed| start < p.pos && p.pos <= end;
    let has_title = built
        .blocks
        .iter()
        .filter(|p| inside(p))
        .any(|p| is_title(&p.block));
    let title = if has_title {
        None
    } else {
        built
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, p)| p.pos <= start && is_title(&p.block))
            .map(|(i, _)| i)
            .next_back()
    };
    let mut out = Vec::new();
    for (i, placed) in built.blocks.into_iter().enumerate() {
        if (inside(&placed) || Some(i) == title) && !is_meta_box(&placed.block) {
            out.push(placed.block);
        }
    }
    if let Some(r) = region {
        if out.len() < total {
            notes.push(Diagnostic::new(
                Severity::Info,
                "html.article",
                format!(
                    "read the article <{}>; {} block(s) of the page around it (navigation, metadata, footer) left out",
                    r.label,
                    total - out.len()
                ),
            ));
        }
    }
    out
}

/// A short paragraph naming an annual report.
fn is_title(block: &Block) -> bool {
    match block {
        Block::Paragraph(p) => {
            p.text.contains(TITLE_MARKER) && p.text.chars().count() <= TITLE_MAX_CHARS
        }
        Block::Table(_) => false,
    }
}

fn is_meta_box(block: &Block) -> bool {
    let text = block_text(block);
    text.contains(META_BOX_MARKER) && META_LABELS.iter().any(|(l, _)| text.contains(l))
}

/// The metadata box's publisher and date, as diagnostics: `发布机构：某某`
/// in text, or a label cell followed by its value cell.
fn metadata(blocks: &[Placed], notes: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for placed in blocks {
        let pieces: Vec<&str> = match &placed.block {
            Block::Paragraph(p) => vec![p.text.as_str()],
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
                .collect(),
        };
        for (i, piece) in pieces.iter().enumerate() {
            for (label, code) in META_LABELS {
                if seen.contains(code) {
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
                if !value.is_empty() {
                    seen.push(code);
                    notes.push(
                        Diagnostic::new(
                            Severity::Info,
                            *code,
                            format!("the page's metadata gives {label}: {value}"),
                        )
                        .with_raw(value)
                        .with_at(placed.block.origin()),
                    );
                }
            }
        }
    }
}

/// A metadata value: up to the next space, line or label.
fn value_of(text: &str) -> String {
    let mut value: String = text
        .trim()
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(META_VALUE_MAX_CHARS)
        .collect();
    for (label, _) in META_LABELS.iter().chain([(META_BOX_MARKER, "")].iter()) {
        if let Some(cut) = value.find(label) {
            value.truncate(cut);
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stop_at_the_next_label() {
        assert_eq!(
            value_of("某某县人民政府办公室 发文日期：2024-01-15"),
            "某某县人民政府办公室"
        );
        assert_eq!(value_of("某某县发文日期2024"), "某某县");
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use crate::build::build;
    use crate::dom;
    use gongkai_ir::ReadOptions;

    fn read(html: &str) -> (Vec<String>, Vec<Diagnostic>) {
        let options = ReadOptions::default();
        let dom = dom::parse(html, &options).unwrap();
        let built = build(&dom.document, &options).unwrap();
        let mut notes = Vec::new();
        let blocks = article(built, &mut notes).iter().map(block_text).collect();
        (blocks, notes)
    }

    #[test]
    fn the_article_and_its_title_are_kept_and_the_chrome_left_out() {
        let (blocks, notes) = read(
            "<div>首页 &gt; 政务公开</div><ul><li>某县2022年政府信息公开工作年度报告</li></ul>\
             <h1>某县2023年政府信息公开工作年度报告</h1>\
             <p>索引号：001 发布机构：某县人民政府办公室 发文日期：2024-01-20</p>\
             <div class=content><p>一、总体情况</p><p>正文</p><p>六、其他需要报告的事项</p></div>\
             <div class=footer>版权所有</div>",
        );
        assert_eq!(
            blocks,
            [
                "某县2023年政府信息公开工作年度报告",
                "一、总体情况",
                "正文",
                "六、其他需要报告的事项"
            ]
        );
        let codes: Vec<(&str, Option<&str>)> = notes
            .iter()
            .map(|n| (n.code.as_str(), n.raw.as_deref()))
            .collect();
        assert!(
            codes.contains(&("html.meta.publisher", Some("某县人民政府办公室"))),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("html.meta.date", Some("2024-01-20"))),
            "{codes:?}"
        );
        assert!(codes.iter().any(|(c, _)| *c == "html.article"), "{codes:?}");
    }

    #[test]
    fn a_page_without_report_text_is_kept_whole() {
        let (blocks, notes) = read("<p>a</p><div><p>b</p></div>");
        assert_eq!(blocks, ["a", "b"]);
        assert!(notes.is_empty());
    }
}
