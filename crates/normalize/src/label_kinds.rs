//! What a recognised label is: a table 三 row or group, a section, a word
//! that tells a table apart. The alias tables map wordings to these.

use gongkai_report::{ApplicationRow, DisclosureField, Layout, ResultGroup};

/// A group row of table 三 or a row key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationLabel {
    /// A row with values.
    Row(ApplicationRow),
    /// 三、本年度办理结果 (a merged label over the result rows).
    Results,
    /// （三）不予公开 and the other numbered groups.
    Group(ResultGroup),
}

/// A table 二 column and the layout its header implies (`None`: both).
pub type HeaderKey = (DisclosureField, Option<Layout>);

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

/// What a label of a site's metadata box gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceMeta {
    /// 发布机构: who published the page.
    Publisher,
    /// 发文日期: when it was published.
    Date,
}
