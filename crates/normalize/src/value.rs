//! What a cell holds: a number, a blank, or a label.

use gongkai_report::Num;

use crate::fold::fold;

/// The reading of one cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue {
    /// Blank, `/`, `—`, `-`, `无`, `不适用`, `x`: no number, never 0.
    Blank,
    /// A number; `annotated` when the cell said more than the number.
    Number {
        /// The number as printed.
        value: Num,
        /// True for `22（其中修订16件）`, `251000元`, `+1036`.
        annotated: bool,
    },
    /// Text that is not a number: a label.
    Text,
}

impl CellValue {
    /// True for a number or a blank marker.
    pub fn is_value(&self) -> bool {
        !matches!(self, CellValue::Text)
    }

    /// The number, if any.
    pub fn number(&self) -> Option<Num> {
        match self {
            CellValue::Number { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// Markers that mean "nothing here".
const BLANKS: &[&str] = &[
    "",
    "/",
    "\\",
    "—",
    "——",
    "-",
    "--",
    "–",
    "－",
    "―",
    "─",
    "无",
    "不适用",
    "空",
    "×",
    "x",
    "X",
    "...",
    "…",
    "……",
];

/// Units and annotations that may follow a number.
const UNITS: &[&str] = &[
    "万元", "元", "件", "个", "条", "次", "项", "人", "%", "家", "份", "起",
];

/// Read one cell's text.
pub fn parse_cell(text: &str) -> CellValue {
    // Most cells are a plain count: skip the fold.
    let trimmed = text.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if !trimmed.is_empty() && trimmed.len() <= 15 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = trimmed.parse::<u64>() {
            return CellValue::Number {
                value: Num(v as f64),
                annotated: false,
            };
        }
    }
    crate::memo::memo(&CELL_MEMO, text, || parse_folded(text))
}

memo_table!(CELL_MEMO: CellValue);

/// Read one cell's text the long way: fold, then look for a number.
fn parse_folded(text: &str) -> CellValue {
    let folded = fold(text);
    if BLANKS.contains(&folded.as_str()) {
        return CellValue::Blank;
    }
    let (number, rest) = leading_number(&folded);
    let Some((value, signed)) = number else {
        return CellValue::Text;
    };
    let rest_ok = rest.is_empty()
        || rest.starts_with('(')
        || UNITS.iter().any(|u| rest.starts_with(u))
        || rest.starts_with("其中")
        || rest.starts_with("含");
    if !rest_ok {
        return CellValue::Text;
    }
    CellValue::Number {
        value,
        annotated: !rest.is_empty() || signed,
    }
}

/// A leading number of folded text (`value`, whether it had a `+`) and the
/// rest; thousands separators are skipped. `1.` followed by text is numbering, not a number.
fn leading_number(s: &str) -> (Option<(Num, bool)>, &str) {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut plus = false;
    if let Some(&b) = bytes.first() {
        if b == b'+' || b == b'-' {
            plus = b == b'+';
            i = 1;
        }
    }
    let digits_start = i;
    while let Some(&b) = bytes.get(i) {
        // A thousands separator is a comma followed by exactly three digits.
        let separator = b == b','
            && i > digits_start
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || separator {
            i += 1;
        } else {
            break;
        }
    }
    if i == digits_start {
        return (None, s);
    }
    if bytes.get(i) == Some(&b'.') {
        let frac_start = i + 1;
        let mut j = frac_start;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j == frac_start {
            // `1.` then text: numbering.
            return (None, s);
        }
        i = j;
    }
    let Some(num_text) = s.get(..i) else {
        return (None, s);
    };
    let clean: String = num_text
        .chars()
        .filter(|c| *c != ',' && *c != '+')
        .collect();
    match clean.parse::<f64>() {
        Ok(v) if v.is_finite() => (Some((Num(v), plus)), s.get(i..).unwrap_or_default()),
        _ => (None, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<(f64, bool)> {
        match parse_cell(text) {
            CellValue::Number { value, annotated } => Some((value.0, annotated)),
            _ => None,
        }
    }

    #[test]
    fn blank_is_not_zero() {
        for s in [
            "",
            " ",
            "　",
            "/",
            "—",
            "-",
            "无",
            "不适用",
            "／",
            "——",
            "x",
            "Ｘ",
        ] {
            assert_eq!(parse_cell(s), CellValue::Blank, "{s:?}");
        }
        assert_eq!(num("0"), Some((0.0, false)));
    }

    #[test]
    fn numbers_and_annotations() {
        assert_eq!(num("96171.6"), Some((96171.6, false)));
        assert_eq!(num("７"), Some((7.0, false)));
        assert_eq!(num("1,234"), Some((1234.0, false)));
        assert_eq!(num("22（其中修订16件）"), Some((22.0, true)));
        assert_eq!(num("55（含自然失效29件）"), Some((55.0, true)));
        assert_eq!(num("251000元"), Some((251000.0, true)));
        assert_eq!(num("+1036"), Some((1036.0, true)));
        assert_eq!(num("-3"), Some((-3.0, false)));
        assert_eq!(num("7730.28"), Some((7730.28, false)));
    }

    #[test]
    fn labels_are_text() {
        for s in ["1.属于国家秘密", "1、重复申请", "规章", "3. 其他", "自然人"] {
            assert_eq!(parse_cell(s), CellValue::Text, "{s}");
        }
    }
}
