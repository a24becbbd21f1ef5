//! Words of real reports, so that random reports and documents look like
//! the real thing: organs, section texts, and every label of the official
//! tables with the headings, numbers and blanks found around them. Random
//! documents built from these reach the normalizer's table and section
//! logic instead of bouncing off at once.

use gongkai_report::{
    Applicant, ApplicationRow, DisclosureField, DisclosureRow, Layout, LitigationBlock, Outcome,
    SECTION_HEADINGS,
};

/// Organs as reports name them.
pub const ORGANS: &[&str] = &[
    "沙湾市柳毛湾镇",
    "北京市海淀区人民政府",
    "淮安市洪泽区人民政府",
    "示例县人民政府办公室",
    "某某市生态环境局",
];

/// Section texts as reports write them.
pub const SECTION_TEXTS: &[&str] = &[
    "2023年，本机关坚持以公开为常态、不公开为例外，全面推进政务公开。",
    "一是公开内容不够全面；二是解读形式较为单一。",
    "本年度未收取信息处理费。",
    "依申请公开办理规范，按时答复率100%。",
];

/// Titles, numbers and blanks besides the official labels and headings.
pub const EXTRA: &[&str] = &[
    "2023年度沙湾市柳毛湾镇政府信息公开工作年度报告",
    "2023年沙湾市柳毛湾镇政府信息公开工作年度报告",
    "申请人情况",
    "法人或其他组织",
    "本年收费金额（单位：万元）",
    "0",
    "1",
    "12",
    "-3",
    "96171.6",
    "7730.28",
    "1,234",
    "/",
    "—",
    "无",
    "",
    " ",
    "\n",
];

/// `EXTRA`, the section headings and every label of the official tables,
/// both layouts.
pub fn labels() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = EXTRA.to_vec();
    v.extend(SECTION_HEADINGS);
    v.extend(ApplicationRow::ALL.iter().map(|r| r.label()));
    v.extend(ApplicationRow::ALL.iter().map(|r| r.full_label()));
    v.extend(Applicant::ALL.iter().map(|a| a.label()));
    v.extend(LitigationBlock::ALL.iter().map(|b| b.label()));
    v.extend(Outcome::ALL.iter().map(|o| o.label()));
    for layout in [Layout::V2021, Layout::V2019] {
        v.extend(DisclosureRow::for_layout(layout).map(|r| r.label_in(layout)));
        v.extend(DisclosureField::ALL.iter().map(|f| f.label_in(layout)));
    }
    v
}
