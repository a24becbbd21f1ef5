//! What interrupts table 三's rows (a spacer row, its header repeated at a
//! page break, the header's `其他` and `总计`) never shifts or steals
//! another row's values.

use gongkai_report::{Applicant as C, ApplicationRow as A, Num, Report};

use super::grid::{t3_header, t3_report, t3_rows, T3_LABELS};
use super::{report, sample, GOOD_T3, GOOD_T4};

/// Every row of a grid report holds its own index, and nothing was lost
/// or read twice.
fn every_row_its_own(r: &Report) {
    let t3 = r.applications.as_ref().unwrap();
    for (i, key) in A::for_layout(t3.layout).enumerate() {
        assert_eq!(t3.get(key, C::Total), Some(Num(i as f64)), "{key:?}");
        assert_eq!(
            t3.get(key, C::NaturalPerson),
            Some(Num(i as f64)),
            "{key:?}"
        );
    }
    let bad: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("row.") || d.code.starts_with("cell."))
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

fn spacer() -> Vec<String> {
    vec![String::new(); 10]
}

#[test]
fn a_spacer_row_under_the_header_steals_nothing() {
    // The header's `其他` once waited for values as `3.其他`, and took the
    // spacer's blanks; the real row was then a duplicate.
    let mut rows = vec![spacer()];
    rows.extend(t3_rows());
    every_row_its_own(&t3_report(rows));
}

#[test]
fn a_header_repeated_at_a_page_break_steals_nothing() {
    let mut rows = t3_rows();
    let mut page_break = t3_header();
    page_break.push(spacer());
    rows.splice(12..12, page_break);
    rows.insert(3, spacer());
    every_row_its_own(&t3_report(rows));
}

#[test]
fn a_label_split_by_a_repeated_header_is_joined() {
    // Text from a PDF: the label's first half on one page, the header
    // repeated, the rest of the label with the values on the next.
    let header = "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";
    let text = sample(GOOD_T3, GOOD_T3, GOOD_T4).replace(
        "\t（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0\n",
        &format!("\t\t1.本机关不掌握\n{header}\t\t相关政府信息\t1\t0\t0\t0\t0\t0\t1\n"),
    );
    let r = report(&text);
    let t3 = r.applications.as_ref().unwrap();
    assert_eq!(t3.get(A::UnableNoInfo, C::Total), Some(Num(1.0)));
    assert_eq!(t3.get(A::OtherOtherReasons, C::Total), Some(Num(0.0)));
    assert!(
        !r.diagnostics.iter().any(|d| d.code == "row.duplicate"),
        "{:#?}",
        r.diagnostics
    );
}

#[test]
fn the_label_rows_are_all_there() {
    assert_eq!(
        T3_LABELS.len(),
        A::for_layout(gongkai_report::Layout::V2021).count()
    );
}
