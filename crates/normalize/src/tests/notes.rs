//! A value cell holding a note (`见附件`) or a placeholder (`—`, `/`, `无`,
//! `x`) costs that cell only: null with a diagnostic that gives the text and
//! the cell's path, never the row or the whole of table 四.

use gongkai_report::{
    Applicant as C, ApplicationRow as A, DisclosureField as F, DisclosureRow as D,
    LitigationBlock as L, Num, Outcome as O, Report,
};

use super::grid::{t3_report, t3_row, t3_rows};
use super::{report, sample, GOOD_T3, GOOD_T4};

/// The diagnostic about `path`: its code and raw text.
fn said(r: &Report, path: &str) -> (String, String) {
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.path.as_deref() == Some(path))
        .unwrap_or_else(|| panic!("nothing said about {path}: {:#?}", r.diagnostics));
    (d.code.clone(), d.raw.clone().unwrap_or_default())
}

fn no_missing_rows(r: &Report) {
    let missing: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "row.missing" | "row.unknown" | "row.short"))
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn a_note_in_a_table_three_grid_costs_the_cell() {
    let mut rows = t3_rows();
    rows[4] = t3_row(4, &["见附件", "4", "4", "4", "4", "4", "4"]);
    rows[5] = t3_row(5, &["5", "5", "详见附件说明", "5", "5", "5", "5"]);
    rows[6] = t3_row(6, &["6", "6", "6", "6", "6", "6", "x"]);
    let r = t3_report(rows);
    no_missing_rows(&r);
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.get(A::DeniedStateSecret, C::NaturalPerson), None);
    assert_eq!(t3.get(A::DeniedStateSecret, C::Total), Some(Num(4.0)));
    assert_eq!(t3.get(A::DeniedLawForbidden, C::LegalPersonResearch), None);
    assert_eq!(
        t3.get(A::DeniedLawForbidden, C::LegalPersonSocial),
        Some(Num(5.0))
    );
    assert_eq!(t3.get(A::DeniedSafetyStability, C::Total), None);
    assert_eq!(
        t3.get(A::DeniedSafetyStability, C::NaturalPerson),
        Some(Num(6.0))
    );
    assert_eq!(
        said(&r, "applications.rows.denied_state_secret.natural_person"),
        ("cell.not_a_number".into(), "见附件".into())
    );
    assert_eq!(
        said(
            &r,
            "applications.rows.denied_law_forbidden.legal_person_research"
        ),
        ("cell.not_a_number".into(), "详见附件说明".into())
    );
    assert_eq!(
        said(&r, "applications.rows.denied_safety_stability.total"),
        ("cell.blank_marker".into(), "x".into())
    );
}

#[test]
fn a_note_in_table_three_text_costs_the_cell() {
    let zeros = "0\t0\t0\t0\t0\t0\t0";
    let text = sample(GOOD_T3, GOOD_T3, GOOD_T4)
        .replace(
            &format!("1.属于国家秘密\t{zeros}"),
            "1.属于国家秘密\t见附件\t0\t0\t0\t0\t0\t0",
        )
        .replace(
            &format!("2.重复申请\t{zeros}"),
            "2.重复申请\t0\t0\t无\t0\t见附件\t0\t0",
        );
    let r = report(&text);
    no_missing_rows(&r);
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.get(A::DeniedStateSecret, C::NaturalPerson), None);
    assert_eq!(t3.get(A::DeniedStateSecret, C::Total), Some(Num(0.0)));
    assert_eq!(t3.get(A::NotProcessedRepeat, C::LegalPersonLegal), None);
    assert_eq!(t3.get(A::NotProcessedRepeat, C::Total), Some(Num(0.0)));
    assert_eq!(
        said(
            &r,
            "applications.rows.not_processed_repeat.legal_person_legal"
        )
        .1,
        "见附件"
    );
    assert_eq!(
        said(
            &r,
            "applications.rows.not_processed_repeat.legal_person_research"
        ),
        ("cell.blank_marker".into(), "无".into())
    );
}

#[test]
fn a_note_in_table_four_costs_the_cell_not_the_table() {
    for (t4, path) in [
        (
            "1\t1\t见附件\t0\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1",
            "review_litigation.review.other",
        ),
        (
            "见附件\t1\t0\t0\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t1",
            "review_litigation.review.maintain",
        ),
        (
            "1\t1\t0\t0\t2\t0\t0\t0\t0\t0\t1\t0\t0\t0\t详见说明",
            "review_litigation.litigation_post_review.total",
        ),
    ] {
        let r = report(&sample(GOOD_T3, GOOD_T3, t4));
        let t4 = r.review_litigation.as_ref().unwrap();
        assert_eq!(t4.get(L::Review, O::Total), Some(Num(2.0)), "{path}");
        assert_eq!(t4.get(L::LitigationPostReview, O::Maintain), Some(Num(1.0)));
        assert_eq!(said(&r, path).0, "cell.not_a_number");
        assert!(
            !r.diagnostics.iter().any(|d| d.code == "row.short"),
            "{:#?}",
            r.diagnostics
        );
    }
}

#[test]
fn a_note_in_table_two_costs_the_cell() {
    let text = sample(GOOD_T3, GOOD_T3, GOOD_T4)
        .replace("规章\t1\t/\t22（其中修订16件）", "规章\t见附件\t/\t22")
        .replace("行政强制\t84\t\t", "行政强制\t见附件\t\t");
    let r = report(&text);
    no_missing_rows(&r);
    let t2 = r.active_disclosure.as_ref().unwrap();
    assert_eq!(t2.get(D::Regulations, F::Made), None);
    assert_eq!(t2.get(D::Regulations, F::Valid), Some(Num(22.0)));
    assert_eq!(t2.get(D::Coercion, F::Processed), None);
    assert_eq!(
        said(&r, "active_disclosure.regulations.made"),
        ("cell.not_a_number".into(), "见附件".into())
    );
    assert_eq!(said(&r, "active_disclosure.coercion.processed").1, "见附件");
}

#[test]
fn text_beside_a_row_is_no_value_of_it() {
    let mut rows = t3_rows();
    // A remark in a column the header does not have.
    rows[2].push("（含转办2件）".to_string());
    // The bracketed half of a label in a cell of its own.
    rows[3] = [
        "",
        "（二）部分公开",
        "（区分处理的，只计这一情形，不计其他情形）",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::repeat_n("3".to_string(), 7))
    .collect();
    let r = t3_report(rows);
    no_missing_rows(&r);
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.get(A::Granted, C::NaturalPerson), Some(Num(2.0)));
    assert_eq!(t3.get(A::Granted, C::Total), Some(Num(2.0)));
    assert_eq!(t3.get(A::PartialGrant, C::NaturalPerson), Some(Num(3.0)));
    assert_eq!(t3.get(A::PartialGrant, C::Total), Some(Num(3.0)));
    assert_eq!(
        said(&r, "applications.rows.granted"),
        ("row.extra_values".into(), "（含转办2件）".into())
    );
}

#[test]
fn a_row_of_checks_after_section_four_is_not_table_four() {
    // The 检查 sheet of a written workbook follows section 四's heading
    // when the report has no table 四: its rows hold a number or two.
    let text = "某某县2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n检查\t状态\t对象\t应为\t实为\t说明\nt3.balance\tfail\tapplications.rows.*.total\t4\t5\t一 + 二 = （七）总计 + 四\n";
    assert!(report(text).review_litigation.is_none());
}
