//! Spreadsheets (XLSX, XLSM, XLS, ODS) to the IR, through calamine.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{
    Data, Dimensions, ExcelDateTime, Ods, OdsError, Range, Reader as _, SheetType, SheetVisible,
    Xls, XlsError, Xlsx, XlsxError,
};
use gongkai_ir::{column_letters, Diagnostic, Document, Limits, ReadError, ReadOptions, Severity};
use gongkai_ir::{Amount, Flaw, Limit, Lock, Oversize};

use crate::blocks::SheetData;
use crate::container::{self, Kind};
use crate::hidden;
use crate::merges::{self, Merge, MergeIndex};

type Cur<'a> = Cursor<&'a [u8]>;

/// Read a workbook. A panic in calamine on hostile input is caught by the
/// pipeline's one panic guard (`gongkai::load`) and becomes this file's error.
pub(crate) fn read(data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let limits = &options.limits;
    let kind = container::classify(data).ok_or_else(|| {
        gongkai_ooxml::damaged_zip(data, "xlsx").unwrap_or(ReadError::Malformed {
            format: "xlsx",
            reason: Flaw::NotAWorkbook,
        })
    })?;
    match kind {
        Kind::EncryptedOoxml => {
            return Err(ReadError::Encrypted {
                format: "xlsx",
                reason: Lock::WorkbookPassword,
            })
        }
        Kind::Xlsx | Kind::Ods => container::check_zip(data, limits)?,
        Kind::Xls => {
            let rewrapped = crate::xls::rewrap(data, limits)?;
            return read_kind(kind, &rewrapped.file, rewrapped.hidden, limits);
        }
    }
    read_kind(kind, data, HashMap::new(), limits)
}

/// Read a workbook of a known kind; `xls_hidden` is what [`crate::xls::rewrap`]
/// found hidden in an XLS workbook's stream (empty for the other kinds).
fn read_kind(
    kind: Kind,
    data: &[u8],
    xls_hidden: HashMap<String, hidden::HiddenRanges>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let mut wb = Workbook::open(kind, data, xls_hidden, limits)?;
    let mut doc = Document::default();
    let sheets = wb.sheets();
    let mut chars = 0usize;
    for meta in sheets {
        // Timed out or over the memory budget: stop (gongkai_ir::watch).
        gongkai_ir::checkpoint()?;
        let name = meta.name.clone();
        if meta.visible != SheetVisible::Visible {
            doc.diagnostics.push(
                Diagnostic::new(
                    Severity::Info,
                    "sheet.hidden",
                    format!("hidden sheet {name} skipped"),
                )
                .with_at(format!("sheet {name}")),
            );
            continue;
        }
        if meta.typ != SheetType::WorkSheet {
            doc.diagnostics.push(
                Diagnostic::new(
                    Severity::Info,
                    "sheet.skipped",
                    format!(
                        "sheet {name} is not a worksheet ({:?}) and was skipped",
                        meta.typ
                    ),
                )
                .with_at(format!("sheet {name}")),
            );
            continue;
        }
        let sheet = wb.sheet(&name, limits, &mut doc.diagnostics)?;
        chars = chars.saturating_add(sheet.cells.values().map(|t| t.chars().count()).sum());
        if chars > limits.max_text_chars {
            return Err(limits.exceeded(
                Limit::TextChars,
                Oversize::Text(Amount::Exactly(chars as u64)),
            ));
        }
        doc.blocks.extend(sheet.blocks());
    }
    Ok(doc)
}

/// An open workbook of one of the kinds. An XLSX keeps its bytes and its
/// sheets' parts, to read the hidden rows and columns calamine does not.
enum Workbook<'a> {
    Xlsx(Box<Xlsx<Cur<'a>>>, &'a [u8], HashMap<String, String>),
    Xls(
        Box<Xls<Cur<'a>>>,
        HashMap<String, crate::hidden::HiddenRanges>,
    ),
    Ods(Box<Ods<Cur<'a>>>, HashMap<String, crate::ods::OdsSheet>),
}

fn malformed(format: &'static str, e: impl std::fmt::Display) -> ReadError {
    ReadError::Malformed {
        format,
        reason: Flaw::parser(e),
    }
}

fn encrypted(format: &'static str) -> ReadError {
    ReadError::Encrypted {
        format,
        reason: Lock::WorkbookPassword,
    }
}

fn too_many_cells(sheet: &str, n: u64, limits: &Limits) -> ReadError {
    limits.exceeded(
        Limit::Cells,
        Oversize::Sheet {
            sheet: sheet.to_string(),
            cells: n,
        },
    )
}

fn to_merge(d: &Dimensions) -> Merge {
    Merge {
        first: d.start,
        last: d.end,
    }
}

impl<'a> Workbook<'a> {
    fn open(
        kind: Kind,
        data: &'a [u8],
        xls_hidden: HashMap<String, hidden::HiddenRanges>,
        limits: &Limits,
    ) -> Result<Self, ReadError> {
        let cur = Cursor::new(data);
        Ok(match kind {
            Kind::Xlsx | Kind::EncryptedOoxml => match Xlsx::new(cur) {
                Ok(wb) => Workbook::Xlsx(Box::new(wb), data, hidden::sheet_parts(data, limits)?),
                Err(XlsxError::Password) => return Err(encrypted("xlsx")),
                Err(e) => return Err(malformed("xlsx", e)),
            },
            Kind::Xls => match Xls::new(cur) {
                Ok(wb) => Workbook::Xls(Box::new(wb), xls_hidden),
                Err(XlsError::Password) => return Err(encrypted("xls")),
                Err(e) => return Err(malformed("xls", e)),
            },
            Kind::Ods => {
                let merges = crate::ods::sheets(data, limits)?;
                match Ods::new(cur) {
                    Ok(wb) => Workbook::Ods(Box::new(wb), merges),
                    Err(OdsError::Password) => return Err(encrypted("ods")),
                    Err(e) => return Err(malformed("ods", e)),
                }
            }
        })
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        match self {
            Workbook::Xlsx(wb, ..) => wb.sheets_metadata().to_vec(),
            Workbook::Xls(wb, _) => wb.sheets_metadata().to_vec(),
            Workbook::Ods(wb, _) => wb.sheets_metadata().to_vec(),
        }
    }

    /// One sheet's cells, merges and formula diagnostics, its hidden rows
    /// and columns taken out.
    fn sheet(
        &mut self,
        name: &str,
        limits: &Limits,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<SheetData, ReadError> {
        let (values, formulas, merges) = match self {
            Workbook::Xlsx(wb, ..) => {
                prescan_xlsx(wb, name, limits)?;
                let values = wb.worksheet_range(name).map_err(|e| malformed("xlsx", e))?;
                let formulas = wb.worksheet_formula(name).ok();
                let merges = match wb.merge_cells_by_sheet_name(name) {
                    Ok(m) => m.iter().map(to_merge).collect(),
                    Err(e) => {
                        diagnostics.push(Diagnostic::new(
                            Severity::Warning,
                            "sheet.merges_unreadable",
                            format!("merged cells of sheet {name} could not be read: {e}"),
                        ));
                        Vec::new()
                    }
                };
                (values, formulas, merges)
            }
            Workbook::Xls(wb, _) => {
                let values = wb.worksheet_range(name).map_err(|e| malformed("xls", e))?;
                let formulas = wb.worksheet_formula(name).ok();
                let merges = wb
                    .merge_cells_by_sheet_name(name)
                    .unwrap_or_default()
                    .iter()
                    .map(to_merge)
                    .collect();
                (values, formulas, merges)
            }
            Workbook::Ods(wb, all) => {
                let values = wb.worksheet_range(name).map_err(|e| malformed("ods", e))?;
                let formulas = wb.worksheet_formula(name).ok();
                let merges = all.get(name).map(|s| s.merges.clone()).unwrap_or_default();
                (values, formulas, merges)
            }
        };
        let (h, w) = values.get_size();
        let n = (h as u64).saturating_mul(w as u64);
        if n > limits.max_cells as u64 {
            return Err(too_many_cells(name, n, limits));
        }
        // Merges count towards the limit before anything walks their area.
        let extent = merges::check(name, values.start().zip(values.end()), &merges, limits)?;
        let (rows, cols) = match (self, extent) {
            (Workbook::Xlsx(_, data, parts), Some(extent)) => match parts.get(name) {
                Some(part) => hidden::hidden_in(data, part, extent, limits)?,
                None => Default::default(),
            },
            (Workbook::Ods(_, all), Some(extent)) => match all.get(name) {
                Some(s) => hidden::hidden_within(&s.hidden, extent),
                None => Default::default(),
            },
            (Workbook::Xls(_, all), Some(extent)) => match all.get(name) {
                Some(h) => hidden::hidden_within(h, extent),
                None => Default::default(),
            },
            _ => Default::default(),
        };
        let cells = cell_texts(name, &values, formulas.as_ref(), diagnostics);
        let visible = hidden::take_out(name, cells, merges, &rows, &cols, diagnostics);
        Ok(SheetData {
            name: name.to_string(),
            cells: visible.cells,
            merges: MergeIndex::new(visible.merges),
            rows,
            cols,
        })
    }
}

/// Count an XLSX sheet's cells before calamine allocates its dense range:
/// two far-apart cells would otherwise make it allocate the box between them.
fn prescan_xlsx(wb: &mut Xlsx<Cur<'_>>, name: &str, limits: &Limits) -> Result<(), ReadError> {
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| malformed("xlsx", e))?;
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut any = false;
    while let Some(cell) = reader.next_cell().map_err(|e| malformed("xlsx", e))? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        any = true;
        r0 = r0.min(r);
        c0 = c0.min(c);
        r1 = r1.max(r);
        c1 = c1.max(c);
    }
    if any {
        let n = u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1));
        if n > limits.max_cells as u64 {
            return Err(too_many_cells(name, n, limits));
        }
    }
    Ok(())
}

/// The non-empty cell texts of a sheet by sheet position, with a
/// diagnostic for each error value, uncached formula and date-formatted
/// number.
fn cell_texts(
    name: &str,
    values: &Range<Data>,
    formulas: Option<&Range<String>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<(u32, u32), String> {
    let mut cells = BTreeMap::new();
    // Numbers shown as dates: one diagnostic a sheet, naming the first.
    let mut dated: Option<((u32, u32), String, String)> = None;
    let mut dated_count = 0usize;
    let at = |(r, c): (u32, u32)| {
        format!(
            "sheet {name}!{}{}",
            column_letters(c as usize),
            u64::from(r) + 1
        )
    };
    for (n, (r, c, value)) in values.used_cells().enumerate() {
        // Timed out or over the memory budget: stop here; the pipeline's
        // own last checkpoint then says why (gongkai_ir::watch).
        if n.is_multiple_of(4096) && gongkai_ir::checkpoint().is_err() {
            break;
        }
        let Some((r0, c0)) = values.start() else {
            break;
        };
        let pos = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
        let text = data_text(value);
        match value {
            Data::Error(e) => diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    "cell.error",
                    format!("the cell holds the error value {e}"),
                )
                .with_raw(e.to_string())
                .with_at(at(pos)),
            ),
            Data::DateTime(dt) if dt.is_datetime() => {
                if dated.is_none() {
                    dated = Some((pos, date_text(dt), text.clone()));
                }
                dated_count += 1;
            }
            _ => {}
        }
        if !text.trim().is_empty() {
            cells.insert(pos, text);
        }
    }
    if let Some((pos, shown, number)) = dated {
        diagnostics.push(
            Diagnostic::new(
                Severity::Info,
                "cell.date_format",
                format!(
                    "{dated_count} number(s) of sheet {name} are formatted as dates and read as the numbers they hold (the first shows {shown} and reads {number})"
                ),
            )
            .with_raw(shown)
            .with_at(at(pos)),
        );
    }
    if let Some(formulas) = formulas {
        if let Some((r0, c0)) = formulas.start() {
            for (r, c, f) in formulas.used_cells() {
                let pos = (r0.saturating_add(r as u32), c0.saturating_add(c as u32));
                if !f.is_empty() && !cells.contains_key(&pos) {
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Warning,
                            "cell.formula_uncached",
                            "a formula cell has no cached value; read as blank (recalculate and save the workbook to keep its value)",
                        )
                        .with_raw(format!("={f}"))
                        .with_at(at(pos)),
                    );
                }
            }
        }
    }
    cells
}

/// A date-formatted number as the workbook shows it.
fn date_text(dt: &ExcelDateTime) -> String {
    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// A cell's value as text, numbers as written.
pub(crate) fn data_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n"),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format_number(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        // A date format is how a number is shown, not what it is: a count
        // of 12 formatted as a date is 12, not 1900-01-12.
        Data::DateTime(dt) => format_number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number as a person typed it: whole numbers without `.0`, decimals with
/// the shortest representation after rounding to the 15 significant digits
/// a spreadsheet shows (so `0.1+0.2` reads `0.3`, and `96171.6` stays).
pub(crate) fn format_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        assert_eq!(format_number(96171.6), "96171.6");
        assert_eq!(format_number(96171.59999999999), "96171.6");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(-3.0), "-3");
        assert_eq!(format_number(7730.28), "7730.28");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(1e20), "100000000000000000000");
    }

    #[test]
    fn garbage_does_not_panic() {
        let opts = ReadOptions::default();
        assert!(read(b"", &opts).is_err());
        assert!(read(b"PK\x03\x04\x14\x00", &opts).is_err());
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.resize(4096, 0);
        assert!(read(&ole, &opts).is_err());
    }
}
