//! Matching text against the alias tables of `aliases.rs`: labels are
//! compared after folding (full-width, spaces, brackets) and without their
//! numbering, exactly first, then by their start, then as a near miss
//! (characters lost in a PDF text layer). Each reading is remembered per
//! text: an archive repeats the same labels in every report.

use std::collections::HashMap;
use std::sync::LazyLock;

use gongkai_report::DisclosureRow;

use crate::aliases::{
    SECTION_TITLES, TABLE2_COLUMN_HEADERS, TABLE2_ROW_LABELS, TABLE3_HEADER_BARE,
    TABLE3_HEADER_PHRASES, TABLE3_HEADER_WORDS, TABLE3_LABELS, TABLE_WORDS, TABLE_WORD_PREFIXES,
};
use crate::fold::{fold, label_core, similarity_chars};
use crate::label_kinds::{ApplicationLabel, HeaderKey, SectionKind, TableWord};
use crate::limits::{
    HEADING_CORE_MAX_CHARS, HEADING_MAX_CHARS, HEADING_PREFIX_MAX_CHARS, HEADING_SIMILARITY,
    LABEL_SIMILARITY, SHORT_LABEL_CHARS,
};
use crate::memo::memo;

/// How a label matched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quality {
    /// The folded label equals an alias.
    Exact,
    /// The folded label starts with an alias (extra words after it).
    Prefix,
    /// Close enough (characters lost or changed); the score is given.
    Fuzzy(f64),
}

/// An alias table folded once.
struct Folded<T: 'static> {
    /// Each alias's target, folded core, the core's characters, and the
    /// same characters sorted (for a cheap bound before the fuzzy match).
    entries: Vec<(T, String, Vec<char>, Vec<char>)>,
    /// Exact lookup: folded core → target.
    exact: HashMap<String, T>,
}

impl<T: Copy> Folded<T> {
    fn new(table: &'static [(T, &'static [&'static str])]) -> Self {
        let entries = table
            .iter()
            .flat_map(|(t, aliases)| {
                aliases.iter().map(move |a| {
                    let core = label_core(a);
                    let chars: Vec<char> = core.chars().collect();
                    let mut sorted = chars.clone();
                    sorted.sort_unstable();
                    (*t, core, chars, sorted)
                })
            })
            .collect::<Vec<_>>();
        let mut exact = HashMap::new();
        for (t, core, _, _) in &entries {
            exact.entry(core.clone()).or_insert(*t);
        }
        Folded { entries, exact }
    }

    /// The best match for a label core: exact, then longest prefix, then the
    /// closest fuzzy match at or above `threshold`.
    fn find(&self, core: &str, threshold: f64) -> Option<(T, Quality)> {
        if core.is_empty() {
            return None;
        }
        if let Some(t) = self.exact.get(core) {
            return Some((*t, Quality::Exact));
        }
        let prefix = self
            .entries
            .iter()
            .filter(|(_, a, chars, _)| {
                core.strip_prefix(a.as_str())
                    .is_some_and(|rest| chars.len() >= SHORT_LABEL_CHARS || rest.starts_with('('))
            })
            .max_by_key(|(_, a, _, _)| a.len());
        if let Some((t, _, _, _)) = prefix {
            return Some((*t, Quality::Prefix));
        }
        let core_chars: Vec<char> = core.chars().collect();
        if core_chars.len() < SHORT_LABEL_CHARS {
            return None;
        }
        let mut core_sorted = core_chars.clone();
        core_sorted.sort_unstable();
        let total = core_chars.len();
        self.entries
            .iter()
            .filter(|(_, _, a, sorted)| {
                // Common characters bound the common subsequence.
                a.len() >= SHORT_LABEL_CHARS
                    && 2.0 * common(&core_sorted, sorted) as f64 / (total + a.len()) as f64
                        >= threshold
            })
            .map(|(t, _, a, _)| (*t, similarity_chars(&core_chars, a, threshold)))
            .filter(|(_, s)| *s >= threshold)
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(t, s)| (t, Quality::Fuzzy(s)))
    }
}

/// How many characters two sorted char lists have in common (as multisets).
fn common(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

static TABLE3_FOLDED: LazyLock<Folded<ApplicationLabel>> =
    LazyLock::new(|| Folded::new(TABLE3_LABELS));
static TABLE2_ROWS_FOLDED: LazyLock<Folded<DisclosureRow>> =
    LazyLock::new(|| Folded::new(TABLE2_ROW_LABELS));
static TABLE2_HEADERS_FOLDED: LazyLock<Folded<HeaderKey>> =
    LazyLock::new(|| Folded::new(TABLE2_COLUMN_HEADERS));
static SECTIONS_FOLDED: LazyLock<Folded<SectionKind>> =
    LazyLock::new(|| Folded::new(SECTION_TITLES));

memo_table!(APPLICATION_MEMO: Option<(ApplicationLabel, Quality)>);
memo_table!(DISCLOSURE_ROW_MEMO: Option<(DisclosureRow, Quality)>);
memo_table!(DISCLOSURE_HEADER_MEMO: Option<HeaderKey>);
memo_table!(SECTION_MEMO: Option<SectionKind>);
memo_table!(TABLE_WORD_MEMO: Option<TableWord>);

/// The target of the first list in `table` that holds a wording `holds`.
fn first_holding<T: Copy>(table: &[(T, &[&str])], holds: impl Fn(&str) -> bool) -> Option<T> {
    table
        .iter()
        .find(|(_, words)| words.iter().any(|w| holds(w)))
        .map(|(t, _)| *t)
}

/// The table word a cell's text is, if any.
pub fn table_word(text: &str) -> Option<TableWord> {
    memo(&TABLE_WORD_MEMO, text, || {
        let core = label_core(text);
        first_holding(TABLE_WORDS, |w| core == w)
            .or_else(|| first_holding(TABLE_WORD_PREFIXES, |w| core.starts_with(w)))
    })
}

/// How a cell reads as part of table 三's column header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderCell {
    /// A header word or the header note: the row is a header row.
    Word,
    /// `其他` or `总计` written bare: a header word only after a header row.
    Bare,
}

/// Whether a cell is part of table 三's column header.
pub fn applications_header(text: &str) -> Option<HeaderCell> {
    let core = label_core(text);
    if TABLE3_HEADER_WORDS.contains(&core.as_str())
        || TABLE3_HEADER_PHRASES.iter().any(|p| core.contains(p))
    {
        return Some(HeaderCell::Word);
    }
    TABLE3_HEADER_BARE
        .contains(&fold(text).as_str())
        .then_some(HeaderCell::Bare)
}

/// Match a table 三 label.
pub fn application_label(text: &str) -> Option<(ApplicationLabel, Quality)> {
    memo(&APPLICATION_MEMO, text, || {
        TABLE3_FOLDED.find(&label_core(text), LABEL_SIMILARITY)
    })
}

/// Match a table 二 row label.
pub fn disclosure_row(text: &str) -> Option<(DisclosureRow, Quality)> {
    memo(&DISCLOSURE_ROW_MEMO, text, || {
        TABLE2_ROWS_FOLDED.find(&label_core(text), LABEL_SIMILARITY)
    })
}

/// Match a table 二 column header; the layout it implies, if any.
pub fn disclosure_header(text: &str) -> Option<HeaderKey> {
    memo(&DISCLOSURE_HEADER_MEMO, text, || {
        TABLE2_HEADERS_FOLDED
            .find(&label_core(text), LABEL_SIMILARITY)
            .map(|(t, _)| t)
    })
}

/// Match a section heading: numbering, then a known title. Long text is
/// body text, not a heading.
pub fn section_heading(text: &str) -> Option<SectionKind> {
    // Body paragraphs are long; skip folding them.
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(HEADING_MAX_CHARS)
        .is_some()
    {
        return None;
    }
    memo(&SECTION_MEMO, text, || section_heading_uncached(text))
}

fn section_heading_uncached(text: &str) -> Option<SectionKind> {
    let core = label_core(text);
    if core.chars().count() > HEADING_CORE_MAX_CHARS {
        return None;
    }
    let (kind, quality) = SECTIONS_FOLDED.find(&core, HEADING_SIMILARITY)?;
    // A prefix match must not be a sentence that merely starts like a title.
    match quality {
        Quality::Prefix if core.chars().count() > HEADING_PREFIX_MAX_CHARS => None,
        _ => Some(kind),
    }
}

#[cfg(test)]
mod tests {
    use gongkai_report::{ApplicationRow as A, DisclosureField, Layout, ResultGroup as G};

    use super::*;
    use ApplicationLabel::{Group, Results, Row};

    #[test]
    fn table_three_variants() {
        let row = |s: &str| application_label(s).map(|(l, _)| l);
        assert_eq!(row("1.属于国家秘密"), Some(Row(A::DeniedStateSecret)));
        assert_eq!(row("1、 属于国家秘密"), Some(Row(A::DeniedStateSecret)));
        assert_eq!(
            row("５．属于第三类内部事务信息"),
            Some(Row(A::DeniedInternalAffairs))
        );
        assert_eq!(row("1.信访举报类申请"), Some(Row(A::NotProcessedComplaint)));
        assert_eq!(
            row("一、本年新收到政府信息公开申请数量"),
            Some(Row(A::NewReceived))
        );
        assert_eq!(
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            Some(Row(A::PartialGrant))
        );
        assert_eq!(row("(七) 总计"), Some(Row(A::TotalProcessed)));
        assert_eq!(row("3. 其他"), Some(Row(A::OtherOtherReasons)));
        assert_eq!(row("（六）其他处理"), Some(Group(G::Other)));
        assert_eq!(row("三、本年度办理结果"), Some(Results));
        assert_eq!(
            row("2.其他法律行政止公开"),
            Some(Row(A::DeniedLawForbidden))
        );
        assert_eq!(row("不予\n以公\n开"), Some(Group(G::Denied)));
        assert_eq!(
            row("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请。"),
            Some(Row(A::OtherOverdueCorrection))
        );
        assert_eq!(row("自然人"), None);
    }

    #[test]
    fn table_three_header_cells() {
        assert_eq!(applications_header("商业\n企业"), Some(HeaderCell::Word));
        assert_eq!(
            applications_header(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
            ),
            Some(HeaderCell::Word)
        );
        assert_eq!(applications_header("其他"), Some(HeaderCell::Bare));
        assert_eq!(applications_header(" 总 计 "), Some(HeaderCell::Bare));
        assert_eq!(applications_header("3.其他"), None);
        assert_eq!(applications_header("（七）总计"), None);
        assert_eq!(applications_header("（一）予以公开"), None);
    }

    #[test]
    fn table_two_variants() {
        assert_eq!(
            disclosure_row("规范性文件").map(|x| x.0),
            Some(DisclosureRow::NormativeDocuments)
        );
        assert_eq!(
            disclosure_row("行政规范性文件").map(|x| x.0),
            Some(DisclosureRow::NormativeDocuments)
        );
        assert_eq!(
            disclosure_header("本年度止件数"),
            Some((DisclosureField::Repealed, Some(Layout::V2021)))
        );
        assert_eq!(
            disclosure_header("现行有效文件数"),
            Some((DisclosureField::Valid, Some(Layout::V2021)))
        );
        assert_eq!(
            disclosure_header("本年增/减"),
            Some((DisclosureField::Change, Some(Layout::V2019)))
        );
        assert_eq!(
            disclosure_header("处理决定数量"),
            Some((DisclosureField::Processed, Some(Layout::V2019)))
        );
    }

    #[test]
    fn table_words_whole_then_by_start() {
        assert_eq!(table_word("行政复议"), Some(TableWord::Review));
        assert_eq!(table_word("结果\n维持"), Some(TableWord::Litigation));
        assert_eq!(table_word("（七）总计"), Some(TableWord::Total));
        assert_eq!(
            table_word("一、本年新收政府信息公开申请数量"),
            Some(TableWord::Applications)
        );
        assert_eq!(table_word("第二十条第（一）项"), Some(TableWord::Active));
        assert_eq!(table_word("行政复议决定"), None);
    }

    #[test]
    fn section_variants() {
        assert_eq!(
            section_heading("五、存在的主要问题及整改措施"),
            Some(SectionKind::Problems)
        );
        assert_eq!(
            section_heading("五、政府信息公开工作存在的主要问题及改进情况"),
            Some(SectionKind::Problems)
        );
        assert_eq!(
            section_heading("（3）收到和处理政府信息公开申请情况"),
            Some(SectionKind::Applications)
        );
        assert_eq!(
            section_heading("四、政府信息公开行政复议、行政诉讼情况"),
            Some(SectionKind::Review)
        );
        assert_eq!(section_heading("一、总体情况"), Some(SectionKind::Overview));
        assert_eq!(section_heading("2023年，柳毛湾镇按照主动公开、依申请公开、不予公开的政府信息分类要求，坚持以主动公开为原则"), None);
    }
}
