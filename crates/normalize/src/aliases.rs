//! Every wording of every label seen in real reports: the data to edit when
//! a report words a label in a new way. Add the wording to the list of its
//! row; it is compared after folding (full-width, spaces, brackets) and
//! without its numbering, so write it without `（一）`, `1.` or `三、`:
//! `（一）予以公开`, `(一) 予以公开` and `1、予以公开` are all `予以公开`
//! here. A case in the tests of `label_match.rs` keeps a new wording read.
//!
//! The matching itself (folding, prefixes, near misses) is `label_match.rs`.

use gongkai_report::{ApplicationRow, DisclosureField, DisclosureRow, Layout, ResultGroup};

use crate::label_kinds::{ApplicationLabel, HeaderKey, SectionKind, SourceMeta, TableWord};

use ApplicationLabel::{Group, Results, Row};
use ApplicationRow as A;
use ResultGroup as G;

/// Table 三 (收到和处理政府信息公开申请情况): its row and group labels.
pub const TABLE3_LABELS: &[(ApplicationLabel, &[&str])] = &[
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

/// Table 三's column headers: a row holding one of them (compared whole,
/// as label cores) is a header row, also when a page break repeats it
/// inside the table; never a row label or a row of values.
pub const TABLE3_HEADER_WORDS: &[&str] = &[
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
];

/// Table 三's header note (`（本列数据的勾稽关系为：…）`), found by a phrase it holds.
pub const TABLE3_HEADER_PHRASES: &[&str] = &["勾稽关系"];

/// Column headers that are also row labels once numbered (`3.其他`,
/// `（七）总计`): header words only when written bare (compared folded,
/// numbering kept) in a row that continues a header row.
pub const TABLE3_HEADER_BARE: &[&str] = &["其他", "总计"];

/// Table 二 (主动公开政府信息情况): its row labels.
pub const TABLE2_ROW_LABELS: &[(DisclosureRow, &[&str])] = &[
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

/// Table 二: its column headers, with the layout each one implies (`None`: both).
pub const TABLE2_COLUMN_HEADERS: &[(HeaderKey, &[&str])] = &[
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

/// The six section titles.
pub const SECTION_TITLES: &[(SectionKind, &[&str])] = &[
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

/// Whole-cell words that tell which table a table is (and where table 三's
/// applicant columns are), compared whole with the cell's folded text (so
/// written without spaces, numbering or full-width punctuation).
pub const TABLE_WORDS: &[(TableWord, &[&str])] = &[
    (TableWord::Review, &["行政复议"]),
    (TableWord::Litigation, &["行政诉讼", "结果维持", "尚未审结"]),
    (
        TableWord::Applications,
        &["申请人情况", "予以公开", "本年度办理结果"],
    ),
    (TableWord::Active, &["信息内容", "行政许可", "规章"]),
    (TableWord::NaturalPerson, &["自然人"]),
    (TableWord::Total, &["总计"]),
];

/// Starts of cells that tell which table a table is, when no whole word
/// of `TABLE_WORDS` does.
pub const TABLE_WORD_PREFIXES: &[(TableWord, &[&str])] = &[
    (TableWord::Applications, &["本年新收"]),
    (TableWord::Active, &["第二十条", "第二十六条"]),
];

/// Text that only a report's body holds: section headings and table 三/四
/// labels. On a web page, the deepest element holding every block with one
/// of them is the article; what lies outside it is the site's chrome.
/// Compared with the block's text, white space removed.
pub const ARTICLE_MARKERS: &[&str] = &[
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "行政复议、行政诉讼情况",
    "存在的主要问题",
    "其他需要报告的事项",
    "本年新收",
    "上年结转",
    "结转下年度继续办理",
    "第二十条第",
];

/// What a report's title holds: the nearest paragraph before the article
/// holding it is the title when the article itself has none.
pub const TITLE_MARKER: &str = "年度报告";

/// Labels of a site's metadata box (索引号 · 发布机构 · 发文日期) whose
/// values are kept, with what each gives.
pub const SOURCE_META_LABELS: &[(&str, SourceMeta)] = &[
    ("发布机构", SourceMeta::Publisher),
    ("发文机关", SourceMeta::Publisher),
    ("发文日期", SourceMeta::Date),
    ("成文日期", SourceMeta::Date),
    ("发布日期", SourceMeta::Date),
];

/// A metadata box: a block holding this and one of
/// [`SOURCE_META_LABELS`] is the site's, not the report's, even inside the
/// article.
pub const META_BOX_MARKER: &str = "索引号";
