//! The three statistical tables, read row by row by their labels.

use std::collections::BTreeMap;

use gongkai_ir::{Diagnostic, Severity, Table};
use gongkai_report::{
    ActiveDisclosure, Applicant, ApplicationRow, Applications, DisclosureRow, Layout,
    LitigationBlock, Outcome, ResultGroup, ReviewLitigation, Value,
};

use crate::aliases::{
    application_label, disclosure_header, disclosure_row, table_word, ApplicationLabel, Quality,
    TableWord,
};
use crate::rows::{fit, row_views, CellView, RowView};
use crate::value::CellValue;

/// Read one value cell into the report, with a diagnostic for annotated text.
/// The path is built only when a diagnostic needs it.
fn take_value(
    cell: &CellView<'_>,
    path: impl Fn() -> String,
    diags: &mut Vec<Diagnostic>,
) -> Value {
    match &cell.value {
        CellValue::Number { value, annotated } => {
            if *annotated {
                diags.push(
                    Diagnostic::new(
                        Severity::Warning,
                        "cell.annotated",
                        format!("the cell holds more than a number; read as {value}"),
                    )
                    .with_path(path())
                    .with_raw(cell.text.trim())
                    .with_at(cell.at),
                );
            }
            Some(*value)
        }
        CellValue::Blank => {
            let raw = cell.text.trim();
            if !raw.is_empty() {
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        "cell.blank_marker",
                        format!("`{raw}` read as blank (null), not 0"),
                    )
                    .with_path(path())
                    .with_raw(raw)
                    .with_at(cell.at),
                );
            }
            None
        }
        CellValue::Text => {
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "cell.not_a_number",
                    "a value cell holds text; read as blank (null)",
                )
                .with_path(path())
                .with_raw(cell.text.trim())
                .with_at(cell.at),
            );
            None
        }
    }
}

fn fuzzy_note(
    quality: Quality,
    label: &str,
    official: &str,
    path: &str,
    at: &gongkai_ir::Origin,
    diags: &mut Vec<Diagnostic>,
) {
    if let Quality::Fuzzy(score) = quality {
        diags.push(
            Diagnostic::new(
                Severity::Info,
                "label.fuzzy",
                format!("label read as `{official}` (similarity {score:.2})"),
            )
            .with_path(path)
            .with_raw(label.trim())
            .with_at(at),
        );
    }
}

/// A warning about a table row, with its report path and source location.
fn row_warning(code: &str, message: String, path: &str, at: &gongkai_ir::Origin) -> Diagnostic {
    Diagnostic::new(Severity::Warning, code, message)
        .with_path(path)
        .with_at(at)
}

/// All rows of the tables of one kind, in order.
fn all_rows<'a>(tables: &[&'a Table]) -> Vec<RowView<'a>> {
    tables.iter().flat_map(|t| row_views(t)).collect()
}

/// Table 二.
pub fn active(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    locations: &mut BTreeMap<String, String>,
) -> Option<ActiveDisclosure> {
    let rows = all_rows(tables);
    if rows.is_empty() {
        return None;
    }
    // The layout, voted by column headers and 2019-only rows.
    let (mut v2021, mut v2019) = (0, 0);
    for row in &rows {
        for cell in &row.cells {
            if cell.value == CellValue::Text {
                match disclosure_header(&cell.text) {
                    Some((_, Some(Layout::V2021))) => v2021 += 1,
                    Some((_, Some(Layout::V2019))) => v2019 += 1,
                    _ => {}
                }
            }
        }
        if let Some(label) = row.labels().last() {
            if let Some((DisclosureRow::OtherServices | DisclosureRow::Procurement, _)) =
                disclosure_row(label)
            {
                v2019 += 2;
            }
        }
    }
    let layout = if v2019 > v2021 {
        Layout::V2019
    } else {
        Layout::V2021
    };
    if v2019 == 0 && v2021 == 0 {
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                "layout.uncertain",
                "table 二 has no column header that tells its layout; read as 2021",
            )
            .with_path("active_disclosure.layout"),
        );
    }
    let mut table = ActiveDisclosure::blank(layout);
    let mut seen = Vec::new();
    for row in &rows {
        let labels = row.labels();
        let Some(label) = labels.last() else { continue };
        let Some((key, quality)) = disclosure_row(label) else {
            continue;
        };
        let fields = key.fields(layout);
        let base = ["active_disclosure.", key.key()].concat();
        if fields.is_empty() {
            diags.push(row_warning(
                "row.not_in_layout",
                format!(
                    "row `{}` is not part of the {} layout of table 二; ignored",
                    label.trim(),
                    layout.as_str()
                ),
                &base,
                row.at,
            ));
            continue;
        }
        if seen.contains(&key) {
            diags.push(row_warning(
                "row.duplicate",
                format!(
                    "row `{}` appears again; the first one is kept",
                    label.trim()
                ),
                &base,
                row.at,
            ));
            continue;
        }
        seen.push(key);
        fuzzy_note(quality, label, key.label_in(layout), &base, row.at, diags);
        let (_, values) = row.split();
        let n = fields.len();
        // A value under a header merged one column in leaves a blank before it.
        let values = fit(values, n);
        let (used, extra) = values.split_at(values.len().min(n));
        if used.len() < n {
            diags.push(row_warning(
                "row.short",
                format!(
                    "row `{}` has {} of {n} values; the rest are blank",
                    label.trim(),
                    used.len()
                ),
                &base,
                row.at,
            ));
        }
        let first = used.first().map(|c| c.text.trim());
        let extra_text: Vec<&str> = extra
            .iter()
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        if !extra_text.is_empty() {
            let repeated = extra_text.iter().all(|t| Some(*t) == first);
            let (severity, code, what) = if repeated {
                (
                    Severity::Info,
                    "row.repeated_values",
                    "repeated into cells the header does not have; ignored",
                )
            } else {
                (
                    Severity::Warning,
                    "row.extra_values",
                    "in cells the header does not have; ignored",
                )
            };
            diags.push(
                Diagnostic::new(
                    severity,
                    code,
                    format!(
                        "row `{}`: values {} {what}",
                        label.trim(),
                        extra_text.join(" ")
                    ),
                )
                .with_path(&base)
                .with_raw(extra_text.join(" "))
                .with_at(row.at),
            );
        }
        locations.insert(base.clone(), row.at.to_string());
        if let Some(slot) = table.rows.get_mut(&key) {
            for (field, cell) in fields.iter().zip(used) {
                let path = || format!("{base}.{}", field.key());
                slot.insert(*field, take_value(cell, path, diags));
            }
        }
    }
    if seen.is_empty() {
        return None;
    }
    for key in DisclosureRow::for_layout(layout) {
        if !seen.contains(&key) {
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "row.missing",
                    format!(
                        "table 二 row `{}` not found; its values are blank",
                        key.label_in(layout)
                    ),
                )
                .with_path(format!("active_disclosure.{}", key.key())),
            );
        }
    }
    Some(table)
}

/// A table 三 row as found: its cells and where it was.
struct FoundRow<'r, 'a> {
    values: Vec<&'r CellView<'a>>,
    row: &'r RowView<'a>,
    /// The row's path in the report.
    path: String,
}

/// The grid column of 自然人 when the header's columns are those of the
/// values (a real grid: DOCX, PDF, XLSX, Markdown): 总计 six columns to its
/// right. Text without spans has no such header, and values are fitted.
fn applicant_columns(rows: &[RowView<'_>]) -> Option<usize> {
    let mut natural = None;
    let mut total = None;
    for row in rows.iter().take(8) {
        if row
            .cells
            .iter()
            .any(|c| matches!(c.value, CellValue::Number { .. }))
        {
            break;
        }
        for cell in &row.cells {
            match table_word(&cell.text) {
                Some(TableWord::NaturalPerson) => natural = natural.or(Some(cell.col)),
                Some(TableWord::Total) => total = total.or(Some(cell.col)),
                _ => {}
            }
        }
    }
    let first = natural?;
    (total? == first + Applicant::ALL.len() - 1).then_some(first)
}

/// The value cells of a row placed by column, when every value cell lies
/// in the applicant columns; otherwise fitted by position.
fn by_column<'v, 'a>(values: &'v [CellView<'a>], first: usize) -> &'v [CellView<'a>] {
    let n = Applicant::ALL.len();
    let in_columns = |c: &CellView<'_>| c.col >= first && c.col < first + n;
    let numbers_inside = values
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .all(in_columns);
    let start = values.iter().position(|c| c.col >= first);
    match start {
        Some(start) if numbers_inside => {
            let rest = values.get(start..).unwrap_or_default();
            let end = rest
                .iter()
                .position(|c| !in_columns(c))
                .unwrap_or(rest.len());
            rest.get(..end).unwrap_or_default()
        }
        _ => fit(values, n),
    }
}

/// A label seen without values, waiting for the row that carries them.
enum Waiting {
    /// A recognised row label.
    Row(ApplicationRow, Quality, String),
    /// Text that may be the first half of a label.
    Label(String),
}

/// Table 三.
pub fn applications(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    locations: &mut BTreeMap<String, String>,
) -> Option<Applications> {
    let rows = all_rows(tables);
    let columns = applicant_columns(&rows);
    let mut found: BTreeMap<ApplicationRow, FoundRow<'_, '_>> = BTreeMap::new();
    let mut group: Option<ResultGroup> = None;
    let mut waiting: Option<Waiting> = None;
    let mut keyed = Vec::new();
    for row in &rows {
        for t in &row.above {
            if let Some((ApplicationLabel::Group(g), _)) = application_label(t) {
                group = Some(g);
            }
        }
        let labels = row.labels();
        let matches: Vec<_> = labels.iter().map(|t| application_label(t)).collect();
        for m in &matches {
            if let Some((ApplicationLabel::Group(g), _)) = m {
                group = Some(*g);
            }
        }
        let (_, values) = row.split();
        let values = match columns {
            Some(first) => by_column(values, first),
            None => fit(values, Applicant::ALL.len()),
        };
        let has_values = values.iter().filter(|c| !c.gap).count() >= Applicant::ALL.len()
            || values
                .iter()
                .any(|c| matches!(c.value, CellValue::Number { .. }));
        if labels.is_empty() {
            // Values under a label printed on the lines above them.
            match waiting.take() {
                Some(Waiting::Row(key, quality, label)) if has_values => {
                    keyed.push((group, key, quality, label, values, row));
                }
                Some(Waiting::Label(label)) if has_values => {
                    if let Some((ApplicationLabel::Row(key), quality)) = application_label(&label) {
                        keyed.push((group, key, quality, label, values, row));
                    }
                }
                other => waiting = other,
            }
            continue;
        }
        let last = labels.last().copied().unwrap_or_default();
        let mut matched = matches.last().copied().flatten();
        let mut label_text = last.to_string();
        match waiting.take() {
            Some(Waiting::Label(p)) => {
                let joined = format!("{p}{last}");
                let better = match (&matched, application_label(&joined)) {
                    (None, Some(m)) => Some(m),
                    (Some((_, Quality::Fuzzy(a))), Some((l, Quality::Exact | Quality::Prefix)))
                        if *a < 1.0 =>
                    {
                        Some((l, Quality::Exact))
                    }
                    _ => None,
                };
                if let Some(m) = better {
                    matched = Some(m);
                    label_text = joined;
                }
            }
            Some(Waiting::Row(key, quality, label)) if matched.is_none() => {
                // The rest of a wrapped label: still waiting for the values.
                let joined = format!("{label}{last}");
                if has_values {
                    keyed.push((group, key, quality, joined, values, row));
                } else {
                    waiting = Some(Waiting::Row(key, quality, joined));
                }
                continue;
            }
            _ => {}
        }
        let key = match matched {
            Some((ApplicationLabel::Row(r), q)) => Some((r, q)),
            Some((ApplicationLabel::Group(ResultGroup::Other), q)) if has_values => {
                Some((ApplicationRow::OtherProcessing, q))
            }
            Some((ApplicationLabel::Group(_) | ApplicationLabel::Results, _)) => {
                if has_values {
                    diags.push(
                        Diagnostic::new(
                            Severity::Info,
                            "row.subtotal",
                            format!(
                                "subtotal row `{}` is not part of the official table; ignored",
                                label_text.trim()
                            ),
                        )
                        .with_at(row.at),
                    );
                }
                None
            }
            None => {
                if !has_values && labels.len() == 1 && label_text.chars().count() <= 30 {
                    // Perhaps the first half of a label split over two rows.
                    waiting = Some(Waiting::Label(label_text.clone()));
                } else if has_values {
                    diags.push(
                        Diagnostic::new(
                            Severity::Warning,
                            "row.unknown",
                            format!(
                                "table 三 row `{}` matches no official label; ignored",
                                label_text.trim()
                            ),
                        )
                        .with_raw(label_text.trim())
                        .with_at(row.at),
                    );
                }
                None
            }
        };
        let Some((key, quality)) = key else { continue };
        if !has_values {
            // A label whose values follow on a later line.
            waiting = Some(Waiting::Row(key, quality, label_text));
            continue;
        }
        keyed.push((group, key, quality, label_text, values, row));
    }
    for (group, key, quality, label_text, values, row) in keyed {
        if let (Some(expected), Some(g)) = (key.group(), group) {
            if expected != g {
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        "row.group",
                        format!(
                            "row `{}` found under {}; read by its own label",
                            label_text.trim(),
                            g.label()
                        ),
                    )
                    .with_path(format!("applications.rows.{}", key.key()))
                    .with_at(row.at),
                );
            }
        }
        let path = ["applications.rows.", key.key()].concat();
        if found.contains_key(&key) {
            diags.push(row_warning(
                "row.duplicate",
                format!(
                    "row `{}` appears again; the first one is kept",
                    label_text.trim()
                ),
                &path,
                row.at,
            ));
            continue;
        }
        fuzzy_note(quality, &label_text, key.full_label(), &path, row.at, diags);
        let n = Applicant::ALL.len();
        let cells: Vec<&CellView<'_>> = if values.len() > n {
            diags.push(row_warning(
                "row.extra_values",
                format!(
                    "row `{}` has {} values for {n} columns; the last {n} are read",
                    label_text.trim(),
                    values.len()
                ),
                &path,
                row.at,
            ));
            values.iter().skip(values.len() - n).collect()
        } else {
            if values.len() < n {
                diags.push(row_warning(
                    "row.short",
                    format!(
                        "row `{}` has {} of {n} values; read from the left, the rest blank",
                        label_text.trim(),
                        values.len()
                    ),
                    &path,
                    row.at,
                ));
            }
            values.iter().collect()
        };
        found.insert(
            key,
            FoundRow {
                values: cells,
                row,
                path,
            },
        );
    }
    if found.is_empty() {
        return None;
    }
    let has_2021_rows = [
        ApplicationRow::OtherOverdueCorrection,
        ApplicationRow::OtherOverdueFee,
        ApplicationRow::OtherOtherReasons,
    ]
    .iter()
    .any(|r| found.contains_key(r));
    let layout = if has_2021_rows {
        Layout::V2021
    } else if found.contains_key(&ApplicationRow::OtherProcessing) {
        Layout::V2019
    } else {
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                "layout.uncertain",
                "table 三 has no （六）其他处理 row to tell its layout; read as 2021",
            )
            .with_path("applications.layout"),
        );
        Layout::V2021
    };
    let mut table = Applications::blank(layout);
    for (key, f) in &found {
        let path = &f.path;
        let Some(slot) = table.rows.get_mut(key) else {
            diags.push(row_warning(
                "row.not_in_layout",
                format!(
                    "row `{}` is not part of the {} layout of table 三; ignored",
                    key.full_label(),
                    layout.as_str()
                ),
                path,
                f.row.at,
            ));
            continue;
        };
        locations.insert(path.clone(), f.row.at.to_string());
        for (col, cell) in Applicant::ALL.iter().zip(&f.values) {
            slot.insert(
                *col,
                take_value(cell, || format!("{path}.{}", col.key()), diags),
            );
        }
    }
    for key in ApplicationRow::for_layout(layout) {
        if !found.contains_key(&key) {
            diags.push(
                Diagnostic::new(
                    Severity::Warning,
                    "row.missing",
                    format!(
                        "table 三 row `{}` not found; its values are blank",
                        key.full_label()
                    ),
                )
                .with_path(format!("applications.rows.{}", key.key())),
            );
        }
    }
    Some(table)
}

/// Table 四: the first row of values after the header, 15 cells.
pub fn review(
    tables: &[&Table],
    diags: &mut Vec<Diagnostic>,
    locations: &mut BTreeMap<String, String>,
) -> Option<ReviewLitigation> {
    let rows = all_rows(tables);
    let n = LitigationBlock::ALL.len() * Outcome::ALL.len();
    let mut cells: Vec<&CellView<'_>> = Vec::new();
    let mut at = None;
    for row in &rows {
        // All cells read as values, and either a number or a full row of
        // blanks (a blank form still has its value row).
        let is_value_row = row.cells.iter().all(|c| c.value.is_value())
            && (row
                .cells
                .iter()
                .any(|c| matches!(c.value, CellValue::Number { .. }))
                || row.cells.iter().filter(|c| !c.gap).count() >= n);
        if !is_value_row {
            if cells.is_empty() {
                continue;
            }
            break;
        }
        at.get_or_insert(row.at);
        let values = if cells.is_empty() {
            fit(&row.cells, n)
        } else {
            row.cells.as_slice()
        };
        cells.extend(values.iter());
        if cells.len() >= n {
            break;
        }
    }
    let Some(at) = at else {
        // The header is there but no value row: a blank form, or blank
        // values dropped by the source. The table is found, its values blank.
        let header = rows.first()?;
        let has_header = rows.iter().any(|r| {
            r.cells
                .iter()
                .any(|c| table_word(&c.text) == Some(TableWord::Review))
        });
        if !has_header {
            return None;
        }
        diags.push(row_warning(
            "row.missing",
            "table 四 has a header but no row of values; its values are blank".to_string(),
            "review_litigation",
            header.at,
        ));
        return Some(ReviewLitigation::blank());
    };
    if cells.len() != n {
        diags.push(row_warning(
            "row.short",
            format!(
                "table 四 has {} values for {n} columns; read from the left",
                cells.len()
            ),
            "review_litigation",
            at,
        ));
    }
    let mut table = ReviewLitigation::blank();
    locations.insert("review_litigation".to_string(), at.to_string());
    let mut it = cells.into_iter();
    for block in LitigationBlock::ALL {
        let Some(slot) = table.blocks.get_mut(block) else {
            continue;
        };
        for outcome in Outcome::ALL {
            let Some(cell) = it.next() else { break };
            let path = || format!("review_litigation.{}.{}", block.key(), outcome.key());
            slot.insert(*outcome, take_value(cell, path, diags));
        }
    }
    Some(table)
}
