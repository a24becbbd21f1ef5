//! The report's outline (section headings), title, organ, year and text sections.

use gongkai_ir::{Block, Diagnostic, Document, Origin, Severity};
use gongkai_report::{ReportPath, Sections};

use crate::fold::fold;
use crate::label_kinds::SectionKind;
use crate::label_match::section_heading;
use crate::page::MetaValue;

/// The section headings found, in document order.
#[derive(Debug, Default)]
pub struct Outline {
    /// `(block index, section)` for each heading.
    pub headings: Vec<(usize, SectionKind)>,
}

impl Outline {
    /// The section a block falls in.
    pub fn section_at(&self, index: usize) -> Option<SectionKind> {
        self.headings
            .iter()
            .take_while(|(i, _)| *i <= index)
            .last()
            .map(|(_, k)| *k)
    }

    /// The block index of the first heading.
    fn first(&self) -> Option<usize> {
        self.headings.first().map(|(i, _)| *i)
    }
}

/// Find the section headings: each section's first heading-like paragraph.
pub fn outline(doc: &Document) -> Outline {
    let mut headings: Vec<(usize, SectionKind)> = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Block::Paragraph(p) = block {
            if let Some(kind) = section_heading(&p.text) {
                // A title repeated later (a table of contents, a footer) is ignored.
                if !headings.iter().any(|(_, k)| *k == kind) {
                    headings.push((i, kind));
                }
            }
        }
    }
    Outline { headings }
}

/// The title as found: lines joined, white space removed.
#[derive(Debug)]
pub struct Title {
    /// The title text.
    pub text: String,
    /// Where it starts.
    pub at: Origin,
    /// The block it starts in.
    pub index: usize,
}

/// Blocks looked through for a title when no section heading is found.
const TITLE_WITHIN: usize = 12;

/// The title: the paragraph naming the report (`…报告`) among the first
/// paragraphs, with up to two short lines before it that it continues.
pub fn title(doc: &Document, outline: &Outline) -> Option<Title> {
    // Before the first section heading; without one, among the first blocks.
    let limit = outline
        .first()
        .unwrap_or_else(|| doc.blocks.len().min(TITLE_WITHIN));
    let paras: Vec<(usize, &gongkai_ir::Paragraph)> = doc
        .blocks
        .iter()
        .enumerate()
        .take(limit)
        .filter_map(|(i, b)| match b {
            Block::Paragraph(p) if !p.text.trim().is_empty() => Some((i, p)),
            _ => None,
        })
        .collect();
    let is_title_part = |t: &str| {
        let f = fold(t);
        let n = f.chars().count();
        n > 0 && n <= 40 && !f.contains(':') && !f.ends_with('。')
    };
    // The last line naming an annual report before the first section (a
    // web page's print shows its breadcrumb and links to other years'
    // reports first); else the first line naming a report.
    let names = |p: &gongkai_ir::Paragraph, word: &str| {
        let f = fold(&p.text);
        f.contains(word) && f.chars().count() <= 60
    };
    let end = paras
        .iter()
        .rposition(|(_, p)| names(p, "年度报告") && !fold(&p.text).ends_with('。'))
        .or_else(|| paras.iter().position(|(_, p)| names(p, "报告")))?;
    let mut start = end;
    while start > 0 && end - start < 2 {
        let Some((_, prev)) = paras.get(start - 1) else {
            break;
        };
        // A line naming a report is another title (a link to another year's).
        let folded = fold(&prev.text);
        if !is_title_part(&prev.text) || crate::meta::is_date(&folded) || folded.contains("报告")
        {
            break;
        }
        start -= 1;
    }
    let &(index, first) = paras.get(start)?;
    let text: String = paras
        .get(start..=end)?
        .iter()
        .map(|(_, p)| fold_title(&p.text))
        .collect();
    Some(Title {
        text,
        at: first.at.clone(),
        index,
    })
}

/// Title text: white space removed, full-width digits made ASCII (so the
/// year reads), other characters as printed.
fn fold_title(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The first `YYYY年` in the text, 1990–2099.
fn find_year(text: &str) -> Option<(usize, i32, usize)> {
    let folded: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (byte, _)) in folded.iter().enumerate() {
        let digits: String = folded.iter().skip(k).take(4).map(|(_, c)| *c).collect();
        if digits.chars().count() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
            let before_digit = k > 0 && folded.get(k - 1).is_some_and(|(_, c)| c.is_ascii_digit());
            let after = folded.get(k + 4).map(|(_, c)| *c);
            if !before_digit && after == Some('年') {
                if let Ok(y) = digits.parse::<i32>() {
                    if (1990..=2099).contains(&y) {
                        let end = folded.get(k + 5).map(|(b, _)| *b).unwrap_or(text.len());
                        return Some((*byte, y, end));
                    }
                }
            }
        }
    }
    None
}

/// The year the title names.
pub fn year(title: &str) -> Option<i32> {
    find_year(title).map(|(_, y, _)| y)
}

/// The year from the paragraphs from block `from` on when the title has none.
pub fn year_from_body(doc: &Document, from: usize) -> Option<i32> {
    doc.blocks.iter().skip(from).take(20).find_map(|b| match b {
        Block::Paragraph(p) if fold(&p.text).contains("年度报告") => year(&fold_title(&p.text)),
        _ => None,
    })
}

/// The value a table row gives for `label` (`报告机关 | 某某县人民政府`), as
/// gongkai's own writers state the organ and year beside the title; looked
/// for among the first blocks.
pub fn stated(doc: &Document, label: &str) -> Option<String> {
    doc.blocks.iter().take(20).find_map(|b| match b {
        Block::Table(t) => t.rows.iter().find_map(|r| {
            let mut cells = r.cells.iter();
            let first = cells.next()?;
            (first.text.trim() == label)
                .then(|| cells.next().map(|c| c.text.trim().to_string()))
                .flatten()
                .filter(|v| !v.is_empty())
        }),
        Block::Paragraph(_) => None,
    })
}

/// The organ from the source's metadata box (发布机构) when the title names
/// none, said in a diagnostic.
pub fn organ_from_source(
    publisher: Option<&MetaValue>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let found = publisher?;
    let organ = found.value.trim();
    if organ.is_empty() {
        return None;
    }
    diags.push(
        Diagnostic::new(
            Severity::Info,
            "organ.from_source",
            format!(
                "no organ in the title; taken from the source's {}: {organ}",
                found.label
            ),
        )
        .with_path(ReportPath::ORGAN)
        .with_raw(organ)
        .with_at(&found.at),
    );
    Some(organ.to_string())
}

/// The year from the source's publication date (发文日期) when neither the
/// title nor the first paragraphs name one: a report is published after
/// its year ends (by 31 January of the next year), so it covers the year
/// before the date's. Said in a diagnostic.
pub fn year_from_source(date: Option<&MetaValue>, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let found = date?;
    let folded = fold_title(&found.value);
    let digits: String = folded
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let published: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    let year = published - 1;
    if !(1990..=2099).contains(&year) {
        return None;
    }
    diags.push(
        Diagnostic::new(
            Severity::Info,
            "year.from_source",
            format!(
                "no year in the title; {year}, the year before the source's {} {}",
                found.label, found.value
            ),
        )
        .with_path(ReportPath::YEAR)
        .with_raw(found.value.clone())
        .with_at(&found.at),
    );
    Some(year)
}

/// The organ the title names: the text before the year, or with the year
/// first, the text after it up to `政府信息公开` (keeping `人民政府`).
pub fn organ(title: &str) -> Option<String> {
    let (start, _, end) = find_year(title)?;
    let before = title.get(..start).unwrap_or_default();
    let before = before.trim_start_matches("关于");
    let organ = if !before.is_empty() {
        before.to_string()
    } else {
        let rest = title.get(end..).unwrap_or_default();
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        let cut = rest.find("信息公开").unwrap_or(rest.len());
        let candidate = rest.get(..cut).unwrap_or_default();
        if candidate.ends_with("人民政府") {
            candidate.to_string()
        } else {
            candidate
                .strip_suffix("政府")
                .unwrap_or(candidate)
                .to_string()
        }
    };
    let organ = organ.trim().to_string();
    if organ.is_empty() {
        None
    } else {
        Some(organ)
    }
}

/// True for a date line such as `2025年1月14日`.
pub fn is_date(folded: &str) -> bool {
    let n = folded.chars().count();
    n <= 14
        && folded.ends_with('日')
        && folded.contains('年')
        && folded.contains('月')
        && folded.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '年' | '月'
                        | '日'
                        | '〇'
                        | '零'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | 'O'
                        | 'o'
                )
        })
}

/// The text of sections 一, 五 and 六: their paragraphs joined by `\n`; the
/// closing signature (organ and date) is not part of section 六.
pub fn sections(doc: &Document, outline: &Outline, diags: &mut Vec<Diagnostic>) -> Sections {
    let text_of = |kind: SectionKind| -> Option<Vec<&str>> {
        let pos = outline.headings.iter().position(|(_, k)| *k == kind)?;
        let (start, _) = outline.headings.get(pos)?;
        let end = outline
            .headings
            .get(pos + 1)
            .map(|(i, _)| *i)
            .unwrap_or(doc.blocks.len());
        let paras = doc
            .blocks
            .get(start + 1..end)?
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) if !p.text.trim().is_empty() => Some(p.text.trim()),
                _ => None,
            })
            .collect();
        Some(paras)
    };
    let mut sections = Sections::default();
    for (kind, slot, path) in [
        (
            SectionKind::Overview,
            &mut sections.overview,
            ReportPath::SECTION_OVERVIEW,
        ),
        (
            SectionKind::Problems,
            &mut sections.problems,
            ReportPath::SECTION_PROBLEMS,
        ),
        (
            SectionKind::Other,
            &mut sections.other,
            ReportPath::SECTION_OTHER,
        ),
    ] {
        match text_of(kind) {
            Some(mut paras) => {
                if kind == SectionKind::Other {
                    strip_signature(&mut paras);
                }
                *slot = Some(paras.join("\n"));
            }
            None => diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "section.missing",
                    // Named by its key: `overview`, `problems`, `other`.
                    format!(
                        "section {} not found",
                        path.rsplit('.').next().unwrap_or_default()
                    ),
                )
                .with_path(path),
            ),
        }
    }
    sections
}

/// Drop a closing signature: a date line at the end and the organ line
/// just above it.
fn strip_signature(paras: &mut Vec<&str>) {
    if paras.last().is_some_and(|p| is_date(&fold(p))) {
        paras.pop();
        if paras.last().is_some_and(|p| {
            let f = fold(p);
            f.chars().count() <= 30 && !f.ends_with('。') && !f.contains(',')
        }) {
            paras.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organ_and_year_variants() {
        let cases = [
            (
                "沙湾市柳毛湾镇2023年政府信息公开工作年度报告",
                Some("沙湾市柳毛湾镇"),
                Some(2023),
            ),
            (
                "2024年慈溪市匡堰镇人民政府信息公开工作年度报告",
                Some("慈溪市匡堰镇人民政府"),
                Some(2024),
            ),
            (
                "繁峙县集义庄乡人民政府2023年度政府信息公开工作年度报告",
                Some("繁峙县集义庄乡人民政府"),
                Some(2023),
            ),
            (
                "2023年北京市商务局政府信息公开工作年度报告",
                Some("北京市商务局"),
                Some(2023),
            ),
            ("政府信息公开工作年度报告", None, None),
        ];
        for (title, o, y) in cases {
            assert_eq!(organ(title).as_deref(), o, "{title}");
            assert_eq!(year(title), y, "{title}");
        }
    }

    #[test]
    fn organ_and_year_from_the_source() {
        let value = |label, v: &str| MetaValue {
            label,
            value: v.to_string(),
            at: Origin::Paragraph(1),
        };
        let mut diags = Vec::new();
        let date = value("发文日期", "2024-01-20");
        assert_eq!(year_from_source(Some(&date), &mut diags), Some(2023));
        let date = value("发布日期", "２０２１年２月１日");
        assert_eq!(year_from_source(Some(&date), &mut diags), Some(2020));
        let date = value("发文日期", "20240120");
        assert_eq!(year_from_source(Some(&date), &mut diags), None);
        let publisher = value("发布机构", "某县人民政府办公室");
        assert_eq!(
            organ_from_source(Some(&publisher), &mut diags).as_deref(),
            Some("某县人民政府办公室")
        );
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            ["year.from_source", "year.from_source", "organ.from_source"]
        );
    }

    #[test]
    fn organ_and_year_stated_beside_the_title() {
        use gongkai_ir::{Cell, Row, Table};
        let row = |a: &str, b: &str| {
            Row::sequential(
                [
                    Cell::new(0, a, Origin::Line(2)),
                    Cell::new(0, b, Origin::Line(2)),
                ],
                Origin::Line(2),
            )
        };
        let doc = Document {
            blocks: vec![
                Block::Paragraph(gongkai_ir::Paragraph::new(
                    "政府信息公开工作年度报告",
                    Origin::Line(1),
                )),
                Block::Table(Table {
                    rows: vec![row("报告机关", "某县人民政府"), row("报告年度", " 2023 ")],
                    at: Origin::Line(2),
                }),
            ],
            diagnostics: Vec::new(),
        };
        assert_eq!(stated(&doc, "报告机关").as_deref(), Some("某县人民政府"));
        assert_eq!(stated(&doc, "报告年度").as_deref(), Some("2023"));
        assert_eq!(stated(&doc, "发布机构"), None);
    }

    #[test]
    fn dates() {
        assert!(is_date("2025年1月14日"));
        assert!(!is_date("2025年工作计划"));
    }
}
