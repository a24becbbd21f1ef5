//! The totals a batch summary lists for each report.

use crate::{Applicant, ApplicationRow, LitigationBlock, Num, Outcome, Report, Value};

/// A report's totals: the 总计 column of four table 三 rows and the 总计 of
/// table 四's blocks. Each is `None` when blank or when its table is missing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    /// 表三 一、本年新收政府信息公开申请数量, 总计.
    pub new_received: Value,
    /// 表三 二、上年结转政府信息公开申请数量, 总计.
    pub carried_over: Value,
    /// 表三 （七）总计, 总计.
    pub total_processed: Value,
    /// 表三 四、结转下年度继续办理, 总计.
    pub carried_forward: Value,
    /// 表四 行政复议, 总计.
    pub review: Value,
    /// 表四 行政诉讼: 未经复议直接起诉 总计 + 复议后起诉 总计; `None` if either is blank.
    pub litigation: Value,
}

impl Totals {
    /// The totals in the order of the summary's columns: 新收, 上年结转,
    /// 办理总计, 结转下年, 复议总计, 诉讼总计.
    pub fn in_summary_order(&self) -> [Value; 6] {
        [
            self.new_received,
            self.carried_over,
            self.total_processed,
            self.carried_forward,
            self.review,
            self.litigation,
        ]
    }
}

impl Report {
    /// The totals a batch summary lists for this report.
    pub fn totals(&self) -> Totals {
        let t3 = |row| {
            self.applications
                .as_ref()
                .and_then(|t| t.get(row, Applicant::Total))
        };
        let t4 = |block| {
            self.review_litigation
                .as_ref()
                .and_then(|t| t.get(block, Outcome::Total))
        };
        let litigation = match (
            t4(LitigationBlock::LitigationDirect),
            t4(LitigationBlock::LitigationPostReview),
        ) {
            (Some(direct), Some(post_review)) => Some(Num(direct.0 + post_review.0)),
            _ => None,
        };
        Totals {
            new_received: t3(ApplicationRow::NewReceived),
            carried_over: t3(ApplicationRow::CarriedOver),
            total_processed: t3(ApplicationRow::TotalProcessed),
            carried_forward: t3(ApplicationRow::CarriedForward),
            review: t4(LitigationBlock::Review),
            litigation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Applications, Layout, ReviewLitigation, Source};

    fn set_t3(t3: &mut Applications, row: ApplicationRow, col: Applicant, v: f64) {
        if let Some(r) = t3.rows.get_mut(&row) {
            r.insert(col, Some(Num(v)));
        }
    }

    fn set_t4(t4: &mut ReviewLitigation, block: LitigationBlock, outcome: Outcome, v: f64) {
        if let Some(b) = t4.blocks.get_mut(&block) {
            b.insert(outcome, Some(Num(v)));
        }
    }

    #[test]
    fn no_tables_no_totals() {
        let report = Report::empty(Source::default());
        assert_eq!(report.totals(), Totals::default());
        assert_eq!(report.totals().in_summary_order(), [None; 6]);
    }

    #[test]
    fn totals_are_the_total_column_and_block_totals() {
        let mut report = Report::empty(Source::default());
        let mut t3 = Applications::blank(Layout::V2021);
        set_t3(
            &mut t3,
            ApplicationRow::NewReceived,
            Applicant::Total,
            161.0,
        );
        set_t3(&mut t3, ApplicationRow::CarriedOver, Applicant::Total, 5.0);
        set_t3(
            &mut t3,
            ApplicationRow::TotalProcessed,
            Applicant::Total,
            158.0,
        );
        set_t3(
            &mut t3,
            ApplicationRow::CarriedForward,
            Applicant::Total,
            8.0,
        );
        // Other columns are not totals.
        set_t3(
            &mut t3,
            ApplicationRow::NewReceived,
            Applicant::NaturalPerson,
            100.0,
        );
        report.applications = Some(t3);
        let mut t4 = ReviewLitigation::blank();
        set_t4(&mut t4, LitigationBlock::Review, Outcome::Total, 5.0);
        set_t4(&mut t4, LitigationBlock::Review, Outcome::Maintain, 4.0);
        set_t4(
            &mut t4,
            LitigationBlock::LitigationDirect,
            Outcome::Total,
            4.0,
        );
        set_t4(
            &mut t4,
            LitigationBlock::LitigationPostReview,
            Outcome::Total,
            2.0,
        );
        report.review_litigation = Some(t4);
        let n = |v: f64| Some(Num(v));
        assert_eq!(
            report.totals(),
            Totals {
                new_received: n(161.0),
                carried_over: n(5.0),
                total_processed: n(158.0),
                carried_forward: n(8.0),
                review: n(5.0),
                litigation: n(6.0),
            }
        );
        assert_eq!(
            report.totals().in_summary_order(),
            [n(161.0), n(5.0), n(158.0), n(8.0), n(5.0), n(6.0)]
        );
    }

    #[test]
    fn litigation_is_blank_when_either_block_total_is() {
        let mut report = Report::empty(Source::default());
        let mut t4 = ReviewLitigation::blank();
        set_t4(
            &mut t4,
            LitigationBlock::LitigationDirect,
            Outcome::Total,
            4.0,
        );
        report.review_litigation = Some(t4.clone());
        assert_eq!(report.totals().litigation, None);
        assert_eq!(report.totals().review, None);
        set_t4(
            &mut t4,
            LitigationBlock::LitigationPostReview,
            Outcome::Total,
            0.5,
        );
        report.review_litigation = Some(t4);
        assert_eq!(report.totals().litigation, Some(Num(4.5)));
        // Table 三 missing: its totals are blank.
        assert_eq!(report.totals().new_received, None);
    }
}
