//! Every label the normalizer recognises, with its variants: one table per
//! kind of label. Labels are compared after folding (full-width, spaces,
//! brackets) and without their numbering, so `（一）予以公开`, `(一) 予以公开`
//! and `1、予以公开` are one label here.

use std::sync::LazyLock;

use gongkai_report::{ApplicationRow, DisclosureField, DisclosureRow, Layout};

use crate::fold::{label_core, similarity_chars};

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

/// A group row of table 三 or a row key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationLabel {
    /// A row with values.
    Row(ApplicationRow),
    /// 三、本年度办理结果 (a merged label over the result rows).
    Results,
    /// （三）不予公开 and the other numbered groups.
    Group(gongkai_report::ResultGroup),
}

use gongkai_report::ResultGroup as G;
use ApplicationLabel::{Group, Results, Row};
use ApplicationRow as A;

/// Table 三 row labels.
const APPLICATION: &[(ApplicationLabel, &[&str])] = &[
    (
        Row(A::NewReceived),
        &[
            "本年新收政府信息公开申请数量",
            "本年新收到政府信息公开申请数量",
            "本年新收",
        ],
    ),
    (
        Row(A::CarriedOver),
        &["上年结转政府信息公开申请数量", "上年结转"],
    ),
    (Results, &["本年度办理结果", "本年度办理结果情况"]),
    (Row(A::Granted), &["予以公开"]),
    (
        Row(A::PartialGrant),
        &["部分公开(区分处理的,只计这一情形,不计其他情形)", "部分公开"],
    ),
    (Group(G::Denied), &["不予公开"]),
    (Row(A::DeniedStateSecret), &["属于国家秘密"]),
    (Row(A::DeniedLawForbidden), &["其他法律行政法规禁止公开"]),
    (
        Row(A::DeniedSafetyStability),
        &["危及“三安全一稳定”", "危及三安全一稳定"],
    ),
    (Row(A::DeniedThirdPartyRights), &["保护第三方合法权益"]),
    (
        Row(A::DeniedInternalAffairs),
        &["属于三类内部事务信息", "属于第三类内部事务信息"],
    ),
    (
        Row(A::DeniedProcessInfo),
        &["属于四类过程性信息", "属于第四类过程性信息"],
    ),
    (Row(A::DeniedEnforcementCase), &["属于行政执法案卷"]),
    (Row(A::DeniedAdminQuery), &["属于行政查询事项"]),
    (Group(G::Unable), &["无法提供"]),
    (Row(A::UnableNoInfo), &["本机关不掌握相关政府信息"]),
    (Row(A::UnableNeedCreation), &["没有现成信息需要另行制作"]),
    (Row(A::UnableUnclear), &["补正后申请内容仍不明确"]),
    (Group(G::NotProcessed), &["不予处理"]),
    (
        Row(A::NotProcessedComplaint),
        &["信访举报投诉类申请", "信访举报类申请"],
    ),
    (Row(A::NotProcessedRepeat), &["重复申请"]),
    (Row(A::NotProcessedPublication), &["要求提供公开出版物"]),
    (
        Row(A::NotProcessedMassiveRequests),
        &["无正当理由大量反复申请"],
    ),
    (
        Row(A::NotProcessedConfirmInfo),
        &["要求行政机关确认或重新出具已获取信息"],
    ),
    (Group(G::Other), &["其他处理"]),
    (
        Row(A::OtherOverdueCorrection),
        &[
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人无正当理由逾期不补正",
        ],
    ),
    (
        Row(A::OtherOverdueFee),
        &[
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用",
        ],
    ),
    (Row(A::OtherOtherReasons), &["其他"]),
    (Row(A::TotalProcessed), &["总计"]),
    (
        Row(A::CarriedForward),
        &["结转下年度继续办理", "结转下年度继续处理", "结转下年度"],
    ),
];

/// Table 二 row labels.
const DISCLOSURE_ROWS: &[(DisclosureRow, &[&str])] = &[
    (DisclosureRow::Regulations, &["规章"]),
    (
        DisclosureRow::NormativeDocuments,
        &["行政规范性文件", "规范性文件"],
    ),
    (DisclosureRow::Licensing, &["行政许可"]),
    (DisclosureRow::OtherServices, &["其他对外管理服务事项"]),
    (DisclosureRow::Punishment, &["行政处罚"]),
    (DisclosureRow::Coercion, &["行政强制"]),
    (DisclosureRow::Fees, &["行政事业性收费"]),
    (DisclosureRow::Procurement, &["政府集中采购"]),
];

/// Table 二 column headers, with the layout each one implies (`None`: both).
/// A table 二 column and the layout its header implies (`None`: both).
type HeaderKey = (DisclosureField, Option<Layout>);

const DISCLOSURE_HEADERS: &[(HeaderKey, &[&str])] = &[
    (
        (DisclosureField::Made, Some(Layout::V2021)),
        &["本年制发件数", "本年新制发件数"],
    ),
    (
        (DisclosureField::Repealed, Some(Layout::V2021)),
        &["本年废止件数", "本年度止件数"],
    ),
    (
        (DisclosureField::Valid, Some(Layout::V2021)),
        &["现行有效件数", "现行有效文件数"],
    ),
    (
        (DisclosureField::NewMade, Some(Layout::V2019)),
        &["本年新制作数量"],
    ),
    (
        (DisclosureField::NewPublished, Some(Layout::V2019)),
        &["本年新公开数量"],
    ),
    (
        (DisclosureField::TotalPublished, Some(Layout::V2019)),
        &["对外公开总数量"],
    ),
    (
        (DisclosureField::PreviousItems, Some(Layout::V2019)),
        &["上一年项目数量"],
    ),
    (
        (DisclosureField::Change, Some(Layout::V2019)),
        &["本年增/减", "本年增减"],
    ),
    (
        (DisclosureField::Processed, Some(Layout::V2021)),
        &["本年处理决定数量"],
    ),
    (
        (DisclosureField::Processed, Some(Layout::V2019)),
        &["处理决定数量"],
    ),
    (
        (DisclosureField::Amount, Some(Layout::V2021)),
        &["本年收费金额(单位:万元)", "本年收费金额"],
    ),
    (
        (DisclosureField::Items, Some(Layout::V2019)),
        &["采购项目数量"],
    ),
    (
        (DisclosureField::TotalAmount, Some(Layout::V2019)),
        &["采购总金额"],
    ),
];

/// Which section a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    Active,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    Review,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

/// Section titles and their variants (without numbering).
const SECTIONS: &[(SectionKind, &[&str])] = &[
    (SectionKind::Overview, &["总体情况", "基本情况", "概述"]),
    (
        SectionKind::Active,
        &[
            "主动公开政府信息情况",
            "主动公开政府信息的情况",
            "主动公开情况",
        ],
    ),
    (
        SectionKind::Applications,
        &[
            "收到和处理政府信息公开申请情况",
            "收到和处理政府信息公开申请的情况",
            "依申请公开政府信息情况",
        ],
    ),
    (
        SectionKind::Review,
        &[
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议、行政诉讼的情况",
            "行政复议、行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
        ],
    ),
    (
        SectionKind::Problems,
        &[
            "存在的主要问题及改进情况",
            "存在的主要问题及整改措施",
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "存在的问题及改进情况",
            "存在的主要问题及改进",
        ],
    ),
    (
        SectionKind::Other,
        &["其他需要报告的事项", "其他需要报告事项"],
    ),
];

/// A table of aliases folded once.
struct Folded<T: 'static> {
    /// Each alias's target, folded core, the core's characters, and the
    /// same characters sorted (for a cheap bound before the fuzzy match).
    entries: Vec<(T, String, Vec<char>, Vec<char>)>,
    /// Exact lookup: folded core → target.
    exact: std::collections::HashMap<String, T>,
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
        let mut exact = std::collections::HashMap::new();
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
                // A short alias is a prefix only before a bracketed note:
                // `其他` must not claim `其他法律行政法规禁止公开`.
                core.strip_prefix(a.as_str())
                    .is_some_and(|rest| chars.len() >= 4 || rest.starts_with('('))
            })
            .max_by_key(|(_, a, _, _)| a.len());
        if let Some((t, _, _, _)) = prefix {
            return Some((*t, Quality::Prefix));
        }
        let core_chars: Vec<char> = core.chars().collect();
        if core_chars.len() < 4 {
            return None;
        }
        let mut core_sorted = core_chars.clone();
        core_sorted.sort_unstable();
        let total = core_chars.len();
        self.entries
            .iter()
            .filter(|(_, _, a, sorted)| {
                // Common characters bound the common subsequence.
                a.len() >= 4
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

static APPLICATION_FOLDED: LazyLock<Folded<ApplicationLabel>> =
    LazyLock::new(|| Folded::new(APPLICATION));
static DISCLOSURE_ROWS_FOLDED: LazyLock<Folded<DisclosureRow>> =
    LazyLock::new(|| Folded::new(DISCLOSURE_ROWS));
static DISCLOSURE_HEADERS_FOLDED: LazyLock<Folded<HeaderKey>> =
    LazyLock::new(|| Folded::new(DISCLOSURE_HEADERS));
static SECTIONS_FOLDED: LazyLock<Folded<SectionKind>> = LazyLock::new(|| Folded::new(SECTIONS));

use crate::memo::memo;

memo_table!(APPLICATION_MEMO: Option<(ApplicationLabel, Quality)>);
memo_table!(DISCLOSURE_ROW_MEMO: Option<(DisclosureRow, Quality)>);
memo_table!(DISCLOSURE_HEADER_MEMO: Option<HeaderKey>);
memo_table!(SECTION_MEMO: Option<SectionKind>);

/// A whole-cell word that tells which table holds it, or where table 三's
/// applicant columns are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableWord {
    /// Table 四's first block.
    Review,
    /// Table 四's other blocks and outcomes.
    Litigation,
    /// Table 三's labels.
    Applications,
    /// Table 二's labels.
    Active,
    /// Table 三's first applicant column.
    NaturalPerson,
    /// Table 三's last applicant column.
    Total,
}

memo_table!(TABLE_WORD_MEMO: Option<TableWord>);

/// The table word a cell's text is, if any (remembered per text: an archive
/// repeats the same cells in every report).
pub fn table_word(text: &str) -> Option<TableWord> {
    memo(&TABLE_WORD_MEMO, text, || {
        let core = label_core(text);
        match core.as_str() {
            "行政复议" => Some(TableWord::Review),
            "行政诉讼" | "结果维持" | "尚未审结" => Some(TableWord::Litigation),
            "申请人情况" | "予以公开" | "本年度办理结果" => {
                Some(TableWord::Applications)
            }
            "信息内容" | "行政许可" | "规章" => Some(TableWord::Active),
            "自然人" => Some(TableWord::NaturalPerson),
            "总计" => Some(TableWord::Total),
            c if c.starts_with("本年新收") => Some(TableWord::Applications),
            c if c.starts_with("第二十条") || c.starts_with("第二十六条") => {
                Some(TableWord::Active)
            }
            _ => None,
        }
    })
}

/// Fuzzy matches below this are not accepted.
const FUZZY: f64 = 0.78;

/// Match a table 三 label.
pub fn application_label(text: &str) -> Option<(ApplicationLabel, Quality)> {
    memo(&APPLICATION_MEMO, text, || {
        APPLICATION_FOLDED.find(&label_core(text), FUZZY)
    })
}

/// Match a table 二 row label.
pub fn disclosure_row(text: &str) -> Option<(DisclosureRow, Quality)> {
    memo(&DISCLOSURE_ROW_MEMO, text, || disclosure_row_uncached(text))
}

fn disclosure_row_uncached(text: &str) -> Option<(DisclosureRow, Quality)> {
    let core = label_core(text);
    // Exact or prefix only: the labels are short and similar to each other.
    DISCLOSURE_ROWS_FOLDED
        .find(&core, 1.1)
        .or_else(|| DISCLOSURE_ROWS_FOLDED.find(&core, FUZZY))
}

/// Match a table 二 column header; the layout it implies, if any.
pub fn disclosure_header(text: &str) -> Option<HeaderKey> {
    memo(&DISCLOSURE_HEADER_MEMO, text, || {
        disclosure_header_uncached(text)
    })
}

fn disclosure_header_uncached(text: &str) -> Option<HeaderKey> {
    DISCLOSURE_HEADERS_FOLDED
        .find(&label_core(text), FUZZY)
        .map(|(t, _)| t)
}

/// Match a section heading: numbering, then a known title. Long text is
/// body text, not a heading.
pub fn section_heading(text: &str) -> Option<SectionKind> {
    // Body paragraphs are long; skip folding them.
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(50)
        .is_some()
    {
        return None;
    }
    memo(&SECTION_MEMO, text, || section_heading_uncached(text))
}

fn section_heading_uncached(text: &str) -> Option<SectionKind> {
    let core = label_core(text);
    if core.chars().count() > 40 {
        return None;
    }
    let (kind, quality) = SECTIONS_FOLDED.find(&core, 0.85)?;
    // A prefix match must not be a sentence that merely starts like a title.
    match quality {
        Quality::Prefix if core.chars().count() > 24 => None,
        _ => Some(kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
