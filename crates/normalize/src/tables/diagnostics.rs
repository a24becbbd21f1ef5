//! What the table readers report about the source: the code, severity and
//! message of each of their diagnostics, in one table.

use gongkai_ir::{Diagnostic, Severity};
use gongkai_report::{Layout, Num};

/// Which statistical table a diagnostic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableNumber {
    /// 表二 主动公开
    Two,
    /// 表三 依申请公开
    Three,
}

impl TableNumber {
    /// The table's numeral, as messages name it.
    fn numeral(self) -> &'static str {
        match self {
            TableNumber::Two => "二",
            TableNumber::Three => "三",
        }
    }
}

/// One thing a table reader noticed. Labels are given trimmed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TableNote<'a> {
    /// A value cell says more than its number.
    Annotated {
        /// The number read.
        value: Num,
    },
    /// A blank marker (`/`, `—`, `无`) read as blank.
    BlankMarker {
        /// The marker.
        raw: &'a str,
    },
    /// A value cell holds text.
    NotANumber,
    /// A label read as an official one it only resembles.
    FuzzyLabel {
        /// The official label it was read as.
        official: &'a str,
        /// How alike the two are, 0 to 1.
        score: f64,
    },
    /// No column header tells table 二's layout.
    Table2LayoutUncertain,
    /// No （六） row tells table 三's layout.
    Table3LayoutUncertain,
    /// A row that the table's layout does not have.
    NotInLayout {
        /// The table.
        table: TableNumber,
        /// The row's label.
        label: &'a str,
        /// The table's layout.
        layout: Layout,
    },
    /// A row seen a second time.
    Duplicate {
        /// The row's label.
        label: &'a str,
    },
    /// A table 二 row with fewer values than columns.
    Table2Short {
        /// The row's label.
        label: &'a str,
        /// How many values it has.
        found: usize,
        /// How many columns the row has.
        columns: usize,
    },
    /// A table 三 row with fewer values than columns.
    Table3Short {
        /// The row's label.
        label: &'a str,
        /// How many values it has.
        found: usize,
        /// How many columns the row has.
        columns: usize,
    },
    /// Table 四 with another number of values than its columns.
    Table4Short {
        /// How many values it has.
        found: usize,
        /// How many columns the table has.
        columns: usize,
    },
    /// Table 二 values under no header, each the same as the first value.
    RepeatedValues {
        /// The row's label.
        label: &'a str,
        /// The values, joined by spaces.
        values: &'a str,
    },
    /// Table 二 values under no header.
    ExtraValues {
        /// The row's label.
        label: &'a str,
        /// The values, joined by spaces.
        values: &'a str,
    },
    /// A table 三 row with more values than columns.
    Table3Extra {
        /// The row's label.
        label: &'a str,
        /// How many values it has.
        found: usize,
        /// How many columns the row has.
        columns: usize,
    },
    /// A table 三 subtotal row, which the official table does not have.
    Subtotal {
        /// The row's label.
        label: &'a str,
    },
    /// A table 三 row with values whose label matches no official one.
    UnknownRow {
        /// The row's label.
        label: &'a str,
    },
    /// A table 三 row found under another group's label.
    OtherGroup {
        /// The row's label.
        label: &'a str,
        /// The label of the group it was found under.
        group: &'a str,
    },
    /// An official row that was not found.
    Missing {
        /// The table.
        table: TableNumber,
        /// The row's official label.
        label: &'a str,
    },
    /// Table 四's header without a row of values.
    NoValueRow,
    /// A table laying the page out, opened to find the tables in its cells.
    LayoutTable {
        /// How many tables its cells hold.
        tables: usize,
    },
}

impl TableNote<'_> {
    /// The diagnostic, without path, raw text or location.
    pub fn diagnostic(&self) -> Diagnostic {
        use Severity::{Info, Warning};
        let (severity, code, message) = match *self {
            TableNote::Annotated { value } => (
                Warning,
                "cell.annotated",
                format!("the cell holds more than a number; read as {value}"),
            ),
            TableNote::BlankMarker { raw } => (
                Info,
                "cell.blank_marker",
                format!("`{raw}` read as blank (null), not 0"),
            ),
            TableNote::NotANumber => (
                Warning,
                "cell.not_a_number",
                "a value cell holds text; read as blank (null)".to_string(),
            ),
            TableNote::FuzzyLabel { official, score } => (
                Info,
                "label.fuzzy",
                format!("label read as `{official}` (similarity {score:.2})"),
            ),
            TableNote::Table2LayoutUncertain => (
                Warning,
                "layout.uncertain",
                "table 二 has no column header that tells its layout; read as 2021".to_string(),
            ),
            TableNote::Table3LayoutUncertain => (
                Warning,
                "layout.uncertain",
                "table 三 has no （六）其他处理 row to tell its layout; read as 2021".to_string(),
            ),
            TableNote::NotInLayout {
                table,
                label,
                layout,
            } => (
                Warning,
                "row.not_in_layout",
                format!(
                    "row `{label}` is not part of the {} layout of table {}; ignored",
                    layout.as_str(),
                    table.numeral()
                ),
            ),
            TableNote::Duplicate { label } => (
                Warning,
                "row.duplicate",
                format!("row `{label}` appears again; the first one is kept"),
            ),
            TableNote::Table2Short {
                label,
                found,
                columns,
            } => (
                Warning,
                "row.short",
                format!("row `{label}` has {found} of {columns} values; the rest are blank"),
            ),
            TableNote::Table3Short {
                label,
                found,
                columns,
            } => (
                Warning,
                "row.short",
                format!(
                    "row `{label}` has {found} of {columns} values; read from the left, the rest blank"
                ),
            ),
            TableNote::Table4Short { found, columns } => (
                Warning,
                "row.short",
                format!("table 四 has {found} values for {columns} columns; read from the left"),
            ),
            TableNote::RepeatedValues { label, values } => (
                Info,
                "row.repeated_values",
                format!(
                    "row `{label}`: values {values} repeated into cells the header does not have; ignored"
                ),
            ),
            TableNote::ExtraValues { label, values } => (
                Warning,
                "row.extra_values",
                format!("row `{label}`: values {values} in cells the header does not have; ignored"),
            ),
            TableNote::Table3Extra {
                label,
                found,
                columns,
            } => (
                Warning,
                "row.extra_values",
                format!(
                    "row `{label}` has {found} values for {columns} columns; the last {columns} are read"
                ),
            ),
            TableNote::Subtotal { label } => (
                Info,
                "row.subtotal",
                format!("subtotal row `{label}` is not part of the official table; ignored"),
            ),
            TableNote::UnknownRow { label } => (
                Warning,
                "row.unknown",
                format!("table 三 row `{label}` matches no official label; ignored"),
            ),
            TableNote::OtherGroup { label, group } => (
                Info,
                "row.group",
                format!("row `{label}` found under {group}; read by its own label"),
            ),
            TableNote::Missing { table, label } => (
                Warning,
                "row.missing",
                format!(
                    "table {} row `{label}` not found; its values are blank",
                    table.numeral()
                ),
            ),
            TableNote::NoValueRow => (
                Warning,
                "row.missing",
                "table 四 has a header but no row of values; its values are blank".to_string(),
            ),
            TableNote::LayoutTable { tables: 0 } => (
                Info,
                "table.layout",
                "a table of one cell is read as page layout: its text as paragraphs".to_string(),
            ),
            TableNote::LayoutTable { tables } => (
                Info,
                "table.layout",
                format!(
                    "a table holding {tables} table(s) in its cells is read as page layout: \
                     its cells' text as paragraphs, the tables in them as tables"
                ),
            ),
        };
        Diagnostic::new(severity, code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_table_and_the_label() {
        let d = TableNote::NotInLayout {
            table: TableNumber::Three,
            label: "（六）其他处理",
            layout: Layout::V2021,
        }
        .diagnostic();
        assert_eq!(d.code, "row.not_in_layout");
        assert_eq!(
            d.message,
            "row `（六）其他处理` is not part of the 2021 layout of table 三; ignored"
        );
        let d = TableNote::FuzzyLabel {
            official: "规章",
            score: 0.8,
        }
        .diagnostic();
        assert_eq!(d.severity, Severity::Info);
        assert_eq!(d.message, "label read as `规章` (similarity 0.80)");
    }
}
