//! Merged ranges of an OpenDocument spreadsheet, which calamine does not
//! report: read from `content.xml` (`table:number-rows-spanned` and
//! `table:number-columns-spanned` on the spanning cell).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use gongkai_ir::{Limits, ReadError};
use quick_xml::events::{BytesStart, Event};

use crate::blocks::Merge;

fn malformed(reason: impl Into<String>) -> ReadError {
    ReadError::Malformed {
        format: "ods",
        reason: reason.into(),
    }
}

fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    let attr = e.try_get_attribute(name).ok().flatten()?;
    attr.value.trim().parse().ok()
}

fn attr_string(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok().flatten()?;
    attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The merged ranges of every sheet, by sheet name.
pub(crate) fn merges(
    data: &[u8],
    limits: &Limits,
) -> Result<HashMap<String, Vec<Merge>>, ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(data)).map_err(|e| malformed(format!("bad zip: {e}")))?;
    let entry = archive
        .by_name("content.xml")
        .map_err(|e| malformed(format!("no content.xml: {e}")))?;
    let mut xml = String::new();
    // The declared size was checked already; `take` guards against a lie.
    entry
        .take(limits.max_entry_bytes)
        .read_to_string(&mut xml)
        .map_err(|e| malformed(format!("content.xml: {e}")))?;
    parse(&xml, limits)
}

/// Parse `content.xml` for spanning cells.
fn parse(xml: &str, limits: &Limits) -> Result<HashMap<String, Vec<Merge>>, ReadError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: HashMap<String, Vec<Merge>> = HashMap::new();
    let mut depth = 0usize;
    // Position within the current top-level table; tables nested in cells
    // are skipped (`nested` counts how deep inside one we are).
    let mut sheet: Option<String> = None;
    let mut nested = 0usize;
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_repeat: u32 = 1;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed(format!("content.xml: {e}")))?;
        let (e, is_empty) = match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(gongkai_ooxml::too_deep(limits, "content.xml"));
                }
                (e, false)
            }
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.name().as_ref() {
                    "table:table" if nested > 0 => nested -= 1,
                    "table:table" => sheet = None,
                    "table:table-row" if nested == 0 => {
                        row = row.saturating_add(row_repeat);
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.name().as_ref() {
            "table:table" => {
                if sheet.is_some() {
                    if !is_empty {
                        nested += 1;
                    }
                } else if !is_empty {
                    sheet = Some(attr_string(&e, "table:name").unwrap_or_default());
                    row = 0;
                }
            }
            "table:table-row" if nested == 0 && sheet.is_some() => {
                col = 0;
                row_repeat = attr_u32(&e, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .max(1);
                if is_empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" if nested == 0 => {
                let Some(name) = &sheet else { continue };
                let rows = attr_u32(&e, "table:number-rows-spanned")
                    .unwrap_or(1)
                    .max(1);
                let cols = attr_u32(&e, "table:number-columns-spanned")
                    .unwrap_or(1)
                    .max(1);
                if (rows > 1 || cols > 1) && e.name().as_ref() == "table:table-cell" {
                    out.entry(name.clone()).or_default().push(Merge {
                        first: (row, col),
                        last: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                    });
                }
                let repeat = attr_u32(&e, "table:number-columns-repeated")
                    .unwrap_or(1)
                    .max(1);
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_found_with_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="表三">
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="3"><text:p>x</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
</table:table>
<table:table table:name="B"><table:table-row><table:table-cell table:number-columns-spanned="4"/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let m = parse(xml, &Limits::default()).unwrap_or_default();
        assert_eq!(
            m.get("表三").cloned().unwrap_or_default(),
            vec![Merge {
                first: (2, 3),
                last: (4, 4)
            }]
        );
        assert_eq!(
            m.get("B").cloned().unwrap_or_default(),
            vec![Merge {
                first: (0, 0),
                last: (0, 3)
            }]
        );
    }
}
