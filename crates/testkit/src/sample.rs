//! A report with values everywhere, for the writers' round-trip tests, and
//! its tables' values as the written cells show them.

use gongkai_report::{
    ActiveDisclosure, Applicant, ApplicationRow, Applications, DisclosureField, DisclosureRow,
    Layout, LitigationBlock, Num, Outcome, Report, ReviewLitigation, Source,
};

/// A report with distinct values everywhere, a decimal fee, a blank cell
/// and a broken 勾稽 rule.
pub fn report(layout: Layout) -> Report {
    let mut r = Report::empty(Source::default());
    r.title = Some("沙湾市柳毛湾镇2023年政府信息公开工作年度报告".into());
    r.organ = Some("沙湾市柳毛湾镇".into());
    r.year = Some(2023);
    r.sections.overview = Some("2023年，柳毛湾镇按照主动公开\n# 第二段 | 带竖线".into());
    r.sections.problems = Some("一是政府信息公开工作规范性有待进一步加强".into());
    r.sections.other = Some("本年度没有产生信息公开处理费".into());
    let mut t2 = ActiveDisclosure::blank(layout);
    let mut n = 1.0;
    for (row, fields) in t2.rows.iter_mut() {
        for (field, v) in fields.iter_mut() {
            *v = Some(Num(if field.is_amount() { 96171.6 } else { n }));
            if *row == DisclosureRow::Licensing {
                *v = None;
            }
            n += 1.0;
        }
    }
    r.active_disclosure = Some(t2);
    let mut t3 = Applications::blank(layout);
    let mut n = 100.0;
    for (_, cols) in t3.rows.iter_mut() {
        for (_, v) in cols.iter_mut() {
            *v = Some(Num(n));
            n += 1.0;
        }
    }
    if let Some(row) = t3.rows.get_mut(&ApplicationRow::Granted) {
        row.insert(Applicant::LegalPersonResearch, None);
    }
    r.applications = Some(t3);
    let mut t4 = ReviewLitigation::blank();
    let mut n = 1000.0;
    for (_, outs) in t4.blocks.iter_mut() {
        for (_, v) in outs.iter_mut() {
            *v = Some(Num(n));
            n += 1.0;
        }
    }
    r.review_litigation = Some(t4);
    r.checks = gongkai_report::run_checks(&r);
    r
}

/// A value as a cell shows it; blank for `None`.
fn show(v: Option<Num>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// Table 二's values in `row`, one for each of `fields`, as cells show them.
pub fn disclosure_cells(
    t2: &ActiveDisclosure,
    row: DisclosureRow,
    fields: &[DisclosureField],
) -> Vec<String> {
    fields.iter().map(|f| show(t2.get(row, *f))).collect()
}

/// Table 三's values in `row`, applicant by applicant, as cells show them.
pub fn application_cells(t3: &Applications, row: ApplicationRow) -> Vec<String> {
    Applicant::ALL
        .iter()
        .map(|a| show(t3.get(row, *a)))
        .collect()
}

/// Table 四's values, block by block and outcome by outcome, as cells show
/// them.
pub fn review_cells(t4: &ReviewLitigation) -> Vec<String> {
    LitigationBlock::ALL
        .iter()
        .flat_map(|b| Outcome::ALL.iter().map(move |o| show(t4.get(*b, *o))))
        .collect()
}
