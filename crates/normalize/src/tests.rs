//! Normalizer tests on small text reports (read with the text reader).

use gongkai_format_text::parse;
use gongkai_report::{
    Applicant, ApplicationRow, CheckStatus, DisclosureField, DisclosureRow, Layout,
    LitigationBlock, Num, Outcome, Report, Source,
};

use crate::normalize;

fn report(text: &str) -> Report {
    let mut report = normalize(&parse(text), Source::default()).unwrap();
    report.checks = gongkai_report::run_checks(&report);
    report
}

/// A small 2021 report in tab-separated form; `{t3}` rows and `{t4}` values
/// are spliced in.
fn sample(t3_new: &str, t3_total: &str, t4: &str) -> String {
    let row = |label: &str, v: &str| format!("{label}\t{v}\n");
    let zeros = "0\t0\t0\t0\t0\t0\t0";
    let mut s = String::from("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n概述文字。\n二、主动公开政府信息情况\n");
    s += "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t1\t/\t22（其中修订16件）\n行政规范性文件\t3\t—\t8\n";
    s += "第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t9487\t9487\t9487\n";
    s += "第二十条第（六）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政处罚\t2776\t\t\n行政强制\t84\t\t\n";
    s += "第二十条第（八）项\t\t\t\n信息内容\t本年收费金额（单位：万元）\t\t\n行政事业性收费\t96171.6\t\t\n";
    s += "三、收到和处理政府信息公开申请情况\n";
    s += "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\n\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";
    s += &row("一、本年新收政府信息公开申请数量\t\t", t3_new);
    s += &row("二、上年结转政府信息公开申请数量\t\t", zeros);
    s += &row("三、本年度办理结果\t（一）予以公开\t", t3_new);
    s += &row(
        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t",
        zeros,
    );
    for l in [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
    ] {
        s += &row(&format!("\t（三）不予公开\t{l}"), zeros);
    }
    for l in [
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
    ] {
        s += &row(&format!("\t（四）无法提供\t{l}"), zeros);
    }
    for l in [
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
    ] {
        s += &row(&format!("\t（五）不予处理\t{l}"), zeros);
    }
    for l in [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ] {
        s += &row(&format!("\t（六）其他处理\t{l}"), zeros);
    }
    s += &row("\t（七）总计\t", t3_total);
    s += &row("四、结转下年度继续办理\t\t", zeros);
    s += "四、政府信息公开行政复议、行政诉讼情况\n";
    s += "行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n";
    s += &format!("{t4}\n");
    s += "五、存在的主要问题及改进情况\n问题文字。\n六、其他需要报告的事项\n无。\n某某县人民政府\n2024年1月14日\n";
    s
}

const GOOD_T3: &str = "5\t1\t0\t0\t0\t0\t6";
const GOOD_T4: &str = "1\t1\t0\t0\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1";

fn check(r: &Report, id: &str, subject: &str) -> CheckStatus {
    r.checks
        .iter()
        .find(|c| c.id == id && c.subject == subject)
        .map(|c| c.status)
        .unwrap_or_else(|| panic!("no check {id} {subject}"))
}

#[test]
fn reads_a_whole_report() {
    let r = report(&sample(GOOD_T3, GOOD_T3, GOOD_T4));
    assert_eq!(
        r.title.as_deref(),
        Some("某某县人民政府2023年政府信息公开工作年度报告")
    );
    assert_eq!(r.organ.as_deref(), Some("某某县人民政府"));
    assert_eq!(r.year, Some(2023));
    assert_eq!(r.sections.other.as_deref(), Some("无。"));
    let t2 = r.active_disclosure.as_ref().unwrap();
    assert_eq!(t2.layout, Layout::V2021);
    assert_eq!(
        t2.get(DisclosureRow::Licensing, DisclosureField::Processed),
        Some(Num(9487.0))
    );
    assert_eq!(
        t2.get(DisclosureRow::Fees, DisclosureField::Amount),
        Some(Num(96171.6))
    );
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.layout, Layout::V2021);
    assert_eq!(
        t3.get(ApplicationRow::Granted, Applicant::Total),
        Some(Num(6.0))
    );
    assert_eq!(
        t3.get(
            ApplicationRow::NewReceived,
            Applicant::LegalPersonCommercial
        ),
        Some(Num(1.0))
    );
    let t4 = r.review_litigation.as_ref().unwrap();
    assert_eq!(
        t4.get(LitigationBlock::LitigationPostReview, Outcome::Total),
        Some(Num(1.0))
    );
    assert!(
        r.checks
            .iter()
            .all(|c| c.status == CheckStatus::Pass || c.id.starts_with("t2")),
        "{:#?}",
        r.checks
            .iter()
            .filter(|c| c.status != CheckStatus::Pass)
            .collect::<Vec<_>>()
    );
}

#[test]
fn blank_is_null_and_annotated_keeps_number() {
    let r = report(&sample(GOOD_T3, GOOD_T3, GOOD_T4));
    let t2 = r.active_disclosure.as_ref().unwrap();
    assert_eq!(
        t2.get(DisclosureRow::Regulations, DisclosureField::Repealed),
        None
    );
    assert_eq!(
        t2.get(DisclosureRow::NormativeDocuments, DisclosureField::Repealed),
        None
    );
    assert_eq!(
        t2.get(DisclosureRow::Regulations, DisclosureField::Valid),
        Some(Num(22.0))
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == "cell.annotated")
        .unwrap();
    assert_eq!(
        d.path.as_deref(),
        Some("active_disclosure.regulations.valid")
    );
    assert_eq!(d.raw.as_deref(), Some("22（其中修订16件）"));
    assert!(d.at.as_deref().unwrap_or_default().starts_with("line "));
    assert_eq!(
        check(&r, "t2.counts", "active_disclosure.regulations.repealed"),
        CheckStatus::Uncertain
    );
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "row.repeated_values"));
}

#[test]
fn wrong_total_fails_and_blank_is_uncertain() {
    let r = report(&sample(GOOD_T3, "5\t1\t0\t0\t0\t0\t7", GOOD_T4));
    assert_eq!(
        check(
            &r,
            "t3.results_total",
            "applications.rows.total_processed.total"
        ),
        CheckStatus::Fail
    );
    assert_eq!(
        check(
            &r,
            "t3.row_total",
            "applications.rows.total_processed.total"
        ),
        CheckStatus::Fail
    );
    assert_eq!(
        check(&r, "t3.balance", "applications.rows.*.total"),
        CheckStatus::Fail
    );
    assert_eq!(
        check(&r, "t3.balance", "applications.rows.*.natural_person"),
        CheckStatus::Pass
    );
    // The printed number is kept, not repaired.
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(
        t3.get(ApplicationRow::TotalProcessed, Applicant::Total),
        Some(Num(7.0))
    );

    let r = report(&sample(
        GOOD_T3,
        GOOD_T3,
        "10\t1\t0\t0\t0\t0\t0\t0\t0\t0\t\t0\t0\t0\t0",
    ));
    let c = r
        .checks
        .iter()
        .find(|c| c.subject == "review_litigation.review")
        .unwrap();
    assert_eq!(c.status, CheckStatus::Fail);
    assert_eq!((c.expected, c.actual), (Some(Num(0.0)), Some(Num(11.0))));
    assert_eq!(
        check(
            &r,
            "t4.block_total",
            "review_litigation.litigation_post_review"
        ),
        CheckStatus::Uncertain
    );
}

#[test]
fn not_a_report() {
    assert!(normalize(&parse("hello world\nnothing here\n"), Source::default()).is_err());
}

#[test]
fn a_list_of_check_messages_is_not_table_four() {
    let text = "某某县2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n检查\tid\t说明\nfail\tt4.block_total\t行政复议: 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, 总计 0\n";
    let r = report(text);
    assert!(r.review_litigation.is_none());
}

#[test]
fn a_blank_form_has_blank_tables() {
    let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n";
    let r = report(text);
    let t4 = r.review_litigation.as_ref().unwrap();
    assert_eq!(t4.get(LitigationBlock::Review, Outcome::Total), None);
    assert_eq!(
        check(&r, "t4.block_total", "review_litigation.review"),
        CheckStatus::Uncertain
    );
}

#[test]
fn a_table_two_value_after_a_blank_cell_is_read() {
    let text = "二、主动公开政府信息情况\n第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t\t9487\t\n";
    let r = report(text);
    let t2 = r.active_disclosure.as_ref().unwrap();
    assert_eq!(
        t2.get(DisclosureRow::Licensing, DisclosureField::Processed),
        Some(Num(9487.0))
    );
    assert!(!r.diagnostics.iter().any(|d| d.code == "row.extra_values"));
}

mod grid;
mod layout;
mod notes;
mod row_breaks;
