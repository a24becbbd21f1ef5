//! Proptest strategies for random valid reports, shared by the JSON, XLSX
//! and Markdown round-trip property tests, and what a round trip must keep.

use std::collections::BTreeMap;

use gongkai_report::{
    ActiveDisclosure, Applications, Layout, Num, Report, ReviewLitigation, Source, Value,
};
use proptest::prelude::*;

use crate::words::{ORGANS, SECTION_TEXTS};

/// A cell value: blank, a count, or (for amounts) a decimal with at most
/// four fraction digits; `negative` allows the 2019 本年增/减 sign.
fn value(amount: bool, negative: bool) -> BoxedStrategy<Option<Num>> {
    let count = if negative {
        (-10_000i64..1_000_000).boxed()
    } else {
        (0i64..1_000_000).boxed()
    };
    if amount {
        prop_oneof![
            1 => Just(None),
            2 => count.prop_map(|n| Some(Num(n as f64))),
            3 => (0i64..100_000_000, 1u32..=4).prop_map(|(m, d)| {
                // Parsed from its decimal text, as a reader would see it.
                let scale = 10i64.pow(d);
                let text = format!("{}.{:0w$}", m / scale, m % scale, w = d as usize);
                text.parse::<f64>().ok().map(Num)
            }),
        ]
        .boxed()
    } else {
        prop_oneof![
            1 => Just(None),
            4 => count.prop_map(|n| Some(Num(n as f64))),
        ]
        .boxed()
    }
}

fn layout() -> impl Strategy<Value = Layout> {
    prop_oneof![Just(Layout::V2021), Just(Layout::V2019)]
}

/// A table's cells: rows (or blocks), each a map of columns to values.
type Cells<R, C> = BTreeMap<R, BTreeMap<C, Value>>;

/// Random values in every cell of `blank`, rows and columns kept, each
/// cell's value drawn from `value(column)`.
fn fill<R, C>(
    blank: Cells<R, C>,
    value: impl Fn(C) -> BoxedStrategy<Value>,
) -> BoxedStrategy<Cells<R, C>>
where
    R: Copy + Ord + std::fmt::Debug + 'static,
    C: Copy + Ord + std::fmt::Debug + 'static,
{
    let cells: Vec<(R, C)> = blank
        .iter()
        .flat_map(|(r, cs)| cs.keys().map(move |c| (*r, *c)))
        .collect();
    let strategies: Vec<_> = cells.iter().map(|(_, c)| value(*c)).collect();
    strategies
        .prop_map(move |values| {
            let mut t = blank.clone();
            for ((r, c), v) in cells.iter().zip(values) {
                if let Some(row) = t.get_mut(r) {
                    row.insert(*c, v);
                }
            }
            t
        })
        .boxed()
}

fn active(layout: Layout) -> BoxedStrategy<ActiveDisclosure> {
    let blank = ActiveDisclosure::blank(layout).rows;
    fill(blank, |f| value(f.is_amount(), f.may_be_negative()))
        .prop_map(move |rows| ActiveDisclosure { layout, rows })
        .boxed()
}

fn applications(layout: Layout) -> BoxedStrategy<Applications> {
    fill(Applications::blank(layout).rows, |_| value(false, false))
        .prop_map(move |rows| Applications { layout, rows })
        .boxed()
}

fn review() -> BoxedStrategy<ReviewLitigation> {
    fill(ReviewLitigation::blank().blocks, |_| value(false, false))
        .prop_map(|blocks| ReviewLitigation { blocks })
        .boxed()
}

/// A random valid report: organ, year and title that agree, the three
/// tables each in a random layout with random values, checks run.
pub fn report() -> impl Strategy<Value = Report> {
    (
        prop::sample::select(ORGANS),
        2008i32..2031,
        layout().prop_flat_map(active),
        layout().prop_flat_map(applications),
        review(),
        prop::array::uniform3(prop::option::of(prop::sample::select(SECTION_TEXTS))),
    )
        .prop_map(|(organ, year, t2, t3, t4, texts)| {
            let mut r = Report::empty(Source::default());
            r.title = Some(format!("{organ}{year}年政府信息公开工作年度报告"));
            r.organ = Some(organ.to_string());
            r.year = Some(year);
            r.sections.overview = texts[0].map(str::to_string);
            r.sections.problems = texts[1].map(str::to_string);
            r.sections.other = texts[2].map(str::to_string);
            r.active_disclosure = Some(t2);
            r.applications = Some(t3);
            r.review_litigation = Some(t4);
            r.checks = gongkai_report::run_checks(&r);
            r
        })
}

/// What a round trip must keep: title, organ, year and the three tables.
pub fn assert_same(back: &Report, want: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(&back.title, &want.title);
    prop_assert_eq!(&back.organ, &want.organ);
    prop_assert_eq!(back.year, want.year);
    prop_assert_eq!(&back.active_disclosure, &want.active_disclosure);
    prop_assert_eq!(&back.applications, &want.applications);
    prop_assert_eq!(&back.review_litigation, &want.review_litigation);
    Ok(())
}
