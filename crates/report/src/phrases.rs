//! The phrase table of the `text.*` checks: the wordings by which a report's
//! prose states a number that one of its tables also holds, and the words
//! that make such a sentence ambiguous. Every wording lives here; the
//! scanning is in `text_checks.rs`.

use crate::{ApplicationRow, DisclosureField, DisclosureRow};

/// The table cells a phrase states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stated {
    /// A row of table 三, column 总计.
    Applications(ApplicationRow),
    /// 表四 行政复议 总计.
    Review,
    /// 表四 行政诉讼: 未经复议直接起诉 总计 + 复议后起诉 总计.
    Litigation,
    /// A value of table 二 (2021 layout only).
    Disclosure(DisclosureRow, DisclosureField),
}

/// One way of stating a number: `verbs` … number `unit`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Phrase {
    /// The check id.
    pub id: &'static str,
    /// The cells the stated number is compared with.
    pub stated: Stated,
    /// One of these must occur in the clause, before the number.
    pub verbs: &'static [&'static str],
    /// If not empty, one of these must occur in the clause too.
    pub nouns: &'static [&'static str],
    /// If not empty, one of these must occur in the sentence: what keeps a
    /// sentence about another business (a 司法局's own 行政复议 cases) out.
    pub context: &'static [&'static str],
    /// A clause holding one of these is about something else: no check.
    pub not_about: &'static [&'static str],
    /// The counting words that may follow the number.
    pub units: &'static [&'static str],
}

/// Words that put a sentence about applications in context.
const ABOUT_APPLICATIONS: &[&str] = &["申请"];
/// Words that put a sentence about reviews and lawsuits in context.
const ABOUT_DISCLOSURE: &[&str] = &["信息公开", "依申请", "公开申请"];
/// Other businesses counted in 件 beside applications.
const OTHER_BUSINESS: &[&str] = &[
    "建议", "提案", "信访", "来信", "来访", "留言", "咨询", "投诉", "举报", "热线", "12345",
    "诉求", "来电", "舆情", "意见", "复议", "诉讼",
];
const APPLICATION_UNITS: &[&str] = &["件", "份", "条"];
const CASE_UNITS: &[&str] = &["件", "起", "宗", "例", "个"];
const DOCUMENT_UNITS: &[&str] = &["件", "部", "个", "份", "篇"];
const MADE: &[&str] = &["制发", "制定", "出台", "印发", "新制定", "发布"];
const REPEALED: &[&str] = &["废止"];

/// Every phrase, in the order the checks are reported.
pub(crate) const PHRASES: &[Phrase] = &[
    Phrase {
        id: "text.new_received",
        stated: Stated::Applications(ApplicationRow::NewReceived),
        verbs: &["新收", "收到", "受理", "接收", "共收"],
        nouns: &[],
        context: ABOUT_APPLICATIONS,
        not_about: OTHER_BUSINESS,
        units: APPLICATION_UNITS,
    },
    Phrase {
        id: "text.carried_over",
        stated: Stated::Applications(ApplicationRow::CarriedOver),
        verbs: &[
            "上年结转",
            "上年度结转",
            "上一年度结转",
            "上一年结转",
            "结转上年",
        ],
        nouns: &[],
        context: ABOUT_APPLICATIONS,
        not_about: OTHER_BUSINESS,
        units: APPLICATION_UNITS,
    },
    Phrase {
        id: "text.total_processed",
        stated: Stated::Applications(ApplicationRow::TotalProcessed),
        verbs: &[
            "办结",
            "办理完毕",
            "答复完毕",
            "已答复",
            "作出答复",
            "予以答复",
        ],
        nouns: &[],
        context: ABOUT_APPLICATIONS,
        not_about: OTHER_BUSINESS,
        units: APPLICATION_UNITS,
    },
    Phrase {
        id: "text.carried_forward",
        stated: Stated::Applications(ApplicationRow::CarriedForward),
        verbs: &[
            "结转下年",
            "结转下一年",
            "结转至下",
            "结转到下",
            "结转至次年",
            "结转到次年",
            "结转次年",
            "转入下一年",
            "转入下年",
        ],
        nouns: &[],
        context: ABOUT_APPLICATIONS,
        not_about: OTHER_BUSINESS,
        units: APPLICATION_UNITS,
    },
    Phrase {
        id: "text.review",
        stated: Stated::Review,
        verbs: &["行政复议"],
        nouns: &[],
        context: ABOUT_DISCLOSURE,
        not_about: &["诉讼", "起诉"],
        units: CASE_UNITS,
    },
    Phrase {
        id: "text.litigation",
        stated: Stated::Litigation,
        verbs: &["行政诉讼"],
        nouns: &[],
        context: ABOUT_DISCLOSURE,
        not_about: &["复议"],
        units: CASE_UNITS,
    },
    Phrase {
        id: "text.regulations_made",
        stated: Stated::Disclosure(DisclosureRow::Regulations, DisclosureField::Made),
        verbs: MADE,
        nouns: &["规章"],
        context: &[],
        not_about: &["规范性文件", "规章制度", "废止"],
        units: DOCUMENT_UNITS,
    },
    Phrase {
        id: "text.regulations_repealed",
        stated: Stated::Disclosure(DisclosureRow::Regulations, DisclosureField::Repealed),
        verbs: REPEALED,
        nouns: &["规章"],
        context: &[],
        not_about: &[
            "规范性文件",
            "规章制度",
            "制发",
            "制定",
            "出台",
            "印发",
            "发布",
        ],
        units: DOCUMENT_UNITS,
    },
    Phrase {
        id: "text.normative_made",
        stated: Stated::Disclosure(DisclosureRow::NormativeDocuments, DisclosureField::Made),
        verbs: MADE,
        nouns: &["规范性文件"],
        context: &[],
        not_about: &["规章", "废止"],
        units: DOCUMENT_UNITS,
    },
    Phrase {
        id: "text.normative_repealed",
        stated: Stated::Disclosure(DisclosureRow::NormativeDocuments, DisclosureField::Repealed),
        verbs: REPEALED,
        nouns: &["规范性文件"],
        context: &[],
        not_about: &["规章", "制发", "制定", "出台", "印发", "发布"],
        units: DOCUMENT_UNITS,
    },
];

/// Where an ambiguous word makes a statement uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Anywhere in the sentence (a comparison or a sub-count in the next
    /// clause changes what the number means).
    Sentence,
    /// Only in the number's own clause.
    Clause,
}

/// Words that make a statement ambiguous, where they count, and the reason
/// the message gives. Every phrase's verbs are masked first (上年结转 is
/// not 上年).
pub(crate) const AMBIGUOUS: &[(&str, Scope, &str)] = &[
    ("其中", Scope::Sentence, "其中: a sub-count"),
    (
        "包括",
        Scope::Sentence,
        "包括: the count may include another",
    ),
    ("含", Scope::Sentence, "含: the count may include another"),
    ("同比", Scope::Sentence, "同比: a comparison"),
    ("环比", Scope::Sentence, "环比: a comparison"),
    ("比上年", Scope::Sentence, "a comparison with last year"),
    ("较上年", Scope::Sentence, "a comparison with last year"),
    ("上年", Scope::Sentence, "last year's figure"),
    ("上一年", Scope::Sentence, "last year's figure"),
    ("去年", Scope::Sentence, "last year's figure"),
    ("增长", Scope::Sentence, "a change, not a count"),
    ("下降", Scope::Sentence, "a change, not a count"),
    ("增加", Scope::Sentence, "a change, not a count"),
    ("减少", Scope::Sentence, "a change, not a count"),
    ("%", Scope::Sentence, "a percentage"),
    ("％", Scope::Sentence, "a percentage"),
    ("百分", Scope::Sentence, "a percentage"),
    ("约", Scope::Clause, "an approximate figure"),
    ("余", Scope::Clause, "an approximate figure"),
    ("左右", Scope::Clause, "an approximate figure"),
    ("近", Scope::Clause, "an approximate figure"),
    ("超过", Scope::Clause, "an approximate figure"),
    ("以上", Scope::Clause, "an approximate figure"),
    ("不足", Scope::Clause, "an approximate figure"),
    ("累计", Scope::Sentence, "a cumulative figure"),
    ("以来", Scope::Sentence, "a cumulative figure"),
    ("历年", Scope::Sentence, "a cumulative figure"),
    ("平均", Scope::Clause, "an average"),
    ("各", Scope::Clause, "a figure for each of several"),
    ("分别", Scope::Clause, "a figure for each of several"),
    ("全区", Scope::Sentence, "a wider scope than the organ"),
    ("全市", Scope::Sentence, "a wider scope than the organ"),
    ("全县", Scope::Sentence, "a wider scope than the organ"),
    ("全省", Scope::Sentence, "a wider scope than the organ"),
    ("全系统", Scope::Sentence, "a wider scope than the organ"),
    ("代表", Scope::Sentence, "a figure for part of the organ"),
    ("本级", Scope::Sentence, "a figure for part of the organ"),
];

/// Characters that end a sentence.
pub(crate) const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '!', '？', '?', '\n'];

/// Characters that end a clause (an ASCII comma only between non-digits).
pub(crate) const CLAUSE_ENDS: &[char] = &['，', '，', ','];

/// Words after a number that make it a date, not a count.
pub(crate) const DATE_UNITS: &[&str] = &["月", "日", "号"];

/// The longest quote of a sentence in a message, in characters.
pub(crate) const QUOTE_CHARS: usize = 160;
