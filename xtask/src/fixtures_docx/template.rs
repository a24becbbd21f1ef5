//! Filling the blank template: editing its `word/document.xml` with quick-xml.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{bail, Result};
use quick_xml::events::{BytesText, Event};

use super::report::{Report, T2, V};

/// Where table 二 (2021) values sit in the template: (tr, tc).
fn t2_position(key: &str, field: &str) -> Option<(usize, usize)> {
    let col = match field {
        "made" | "processed" | "amount" => 1,
        "repealed" => 2,
        "valid" => 3,
        _ => return None,
    };
    let row = match key {
        "regulations" => 2,
        "normative_documents" => 3,
        "licensing" => 6,
        "punishment" => 9,
        "coercion" => 10,
        "fees" => 13,
        _ => return None,
    };
    Some((row, col))
}

/// The first value `tc` of a template table-三 row (the rest follow it).
fn t3_first_value_tc(tr: usize) -> usize {
    match tr {
        3 | 4 | 27 => 1,
        5 | 6 | 26 => 2,
        _ => 3,
    }
}

/// Everything needed to rewrite the template's document.xml.
struct Edits {
    /// (table, tr, tc) → cell text.
    cells: HashMap<(usize, usize, usize), String>,
    /// (table, tr) → replacement row XML (empty: delete the row).
    rows: HashMap<(usize, usize), String>,
    /// table → replacement table XML.
    tables: HashMap<usize, String>,
}

impl Edits {
    fn new(report: &Report) -> Self {
        let mut cells = HashMap::new();
        let mut rows = HashMap::new();
        let mut tables = HashMap::new();
        if report.layout_2019 {
            tables.insert(0, table2_2019_xml(&report.t2));
        } else {
            for (key, field, v) in &report.t2 {
                if let Some((tr, tc)) = t2_position(key, field) {
                    cells.insert((0, tr, tc), v.text.clone());
                }
            }
        }
        // Source rows of table 三 that hold values, in report order.
        let source_rows: Vec<usize> = if report.layout_2019 {
            rows.insert((1, 24), String::new());
            rows.insert((1, 25), String::new());
            (3..=23).chain(26..=27).collect()
        } else {
            (3..=27).collect()
        };
        for (&tr, values) in source_rows.iter().zip(&report.t3) {
            if report.layout_2019 && tr == 23 {
                rows.insert((1, 23), other_processing_row_xml(values));
                continue;
            }
            let first = t3_first_value_tc(tr);
            for (k, v) in values.iter().enumerate() {
                cells.insert((1, tr, first + k), v.text.clone());
            }
        }
        for (k, v) in report.t4.iter().enumerate() {
            cells.insert((2, 3, k), v.text.clone());
        }
        Edits {
            cells,
            rows,
            tables,
        }
    }
}

/// A paragraph holding `text`, centred, in the template's table font.
fn cell_paragraph(text: &str) -> String {
    let run = if text.is_empty() {
        String::new()
    } else {
        format!(
            "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\" w:ascii=\"宋体\" w:hAnsi=\"宋体\" \
             w:eastAsia=\"宋体\" w:cs=\"宋体\"/><w:sz w:val=\"20\"/></w:rPr>\
             <w:t xml:space=\"preserve\">{}</w:t></w:r>",
            quick_xml::escape::escape(text)
        )
    };
    format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{run}</w:p>")
}

/// A table cell: `props` go into `w:tcPr`.
fn tc(props: &str, width: usize, text: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{props}<w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
        cell_paragraph(text)
    )
}

/// The 2019 （六）其他处理 as one row: under the 三、本年度办理结果 merge.
fn other_processing_row_xml(values: &[V]) -> String {
    let mut row = String::from("<w:tr>");
    row.push_str(&tc("<w:vMerge/>", 754, ""));
    row.push_str(&tc("<w:gridSpan w:val=\"2\"/>", 4192, "（六）其他处理"));
    for v in values {
        row.push_str(&tc("", 685, &v.text));
    }
    row.push_str("</w:tr>");
    row
}

/// Table 二 in the 2019 layout, 4 grid columns.
fn table2_2019_xml(t2: &T2) -> String {
    let get = |key: &str, field: &str| {
        t2.iter()
            .find(|(k, f, _)| *k == key && *f == field)
            .map(|(_, _, v)| v.text.clone())
            .unwrap_or_default()
    };
    let w = 2435;
    let caption = |t: &str| format!("<w:tr>{}</w:tr>", tc("<w:gridSpan w:val=\"4\"/>", 4 * w, t));
    let row4 = |a: &str, b: &str, c: &str, d: &str| {
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", w, a),
            tc("", w, b),
            tc("", w, c),
            tc("", w, d)
        )
    };
    let row3 = |a: &str, b: &str, c: &str| {
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("", w, a),
            tc("", w, b),
            tc("<w:gridSpan w:val=\"2\"/>", 2 * w, c)
        )
    };
    let mut x = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"9740\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         </w:tblBorders></w:tblPr><w:tblGrid>",
    );
    for _ in 0..4 {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    x.push_str(&caption("第二十条第（一）项"));
    x.push_str(&row4(
        "信息内容",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
    ));
    for (key, label) in [
        ("regulations", "规章"),
        ("normative_documents", "规范性文件"),
    ] {
        x.push_str(&row4(
            label,
            &get(key, "new_made"),
            &get(key, "new_published"),
            &get(key, "total_published"),
        ));
    }
    let items = [
        (
            "第二十条第（五）项",
            &[
                ("licensing", "行政许可"),
                ("other_services", "其他对外管理服务事项"),
            ][..],
        ),
        (
            "第二十条第（六）项",
            &[("punishment", "行政处罚"), ("coercion", "行政强制")][..],
        ),
    ];
    for (cap, rows) in items {
        x.push_str(&caption(cap));
        x.push_str(&row4(
            "信息内容",
            "上一年项目数量",
            "本年增/减",
            "处理决定数量",
        ));
        for (key, label) in rows {
            x.push_str(&row4(
                label,
                &get(key, "previous_items"),
                &get(key, "change"),
                &get(key, "processed"),
            ));
        }
    }
    x.push_str(&caption("第二十条第（八）项"));
    x.push_str(&row3("信息内容", "上一年项目数量", "本年增/减"));
    x.push_str(&row3(
        "行政事业性收费",
        &get("fees", "previous_items"),
        &get("fees", "change"),
    ));
    x.push_str(&caption("第二十条第（九）项"));
    x.push_str(&row3("信息内容", "采购项目数量", "采购总金额"));
    x.push_str(&row3(
        "政府集中采购",
        &get("procurement", "items"),
        &get("procurement", "total_amount"),
    ));
    x.push_str("</w:tbl>");
    x
}

/// Rewrite the template's document.xml for one report.
pub(super) fn fill(template: &str, report: &Report) -> Result<Vec<u8>> {
    let edits = Edits::new(report);
    let mut reader = quick_xml::Reader::from_str(template);
    let mut writer = quick_xml::Writer::new(Vec::new());
    let mut table: Option<usize> = None;
    let mut tables_seen = 0usize;
    let (mut tr, mut tc_index) = (0usize, 0usize);
    let mut placeholder = 0usize;
    let mut in_t = false;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => {
                    let t = tables_seen;
                    tables_seen += 1;
                    if let Some(xml) = edits.tables.get(&t) {
                        reader.read_to_end(e.name())?;
                        writer.get_mut().write_all(xml.as_bytes())?;
                        continue;
                    }
                    table = Some(t);
                    tr = 0;
                }
                "w:tr" => {
                    let key = (table.unwrap_or(usize::MAX), tr);
                    tr += 1;
                    tc_index = 0;
                    if let Some(xml) = edits.rows.get(&key) {
                        reader.read_to_end(e.name())?;
                        writer.get_mut().write_all(xml.as_bytes())?;
                        continue;
                    }
                }
                "w:tc" => {
                    let key = (table.unwrap_or(usize::MAX), tr.wrapping_sub(1), tc_index);
                    tc_index += 1;
                    if let Some(text) = edits.cells.get(&key) {
                        writer.write_event(event.borrow())?;
                        copy_cell_props_and_replace(&mut reader, &mut writer, text)?;
                        continue;
                    }
                }
                "w:t" => in_t = true,
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:tbl" => table = None,
                "w:t" => in_t = false,
                _ => {}
            },
            Event::Text(t) if in_t => {
                let text = t.xml10_content();
                let replaced = match text.as_ref() {
                    "政府信息公开工作年度报告格式模板" => {
                        Some(report.title.clone())
                    }
                    "（文字描述）" => {
                        placeholder += 1;
                        report
                            .sections
                            .get(if placeholder == 1 { 0 } else { 1 })
                            .cloned()
                    }
                    "（文字描述，收取信息处理费情况在此处报告。）" => {
                        Some(report.sections[2].clone())
                    }
                    other => report
                        .labels
                        .iter()
                        .find(|(from, _)| *from == other)
                        .map(|(_, to)| to.to_string()),
                };
                if let Some(new) = replaced {
                    writer.write_event(Event::Text(BytesText::new(&new)))?;
                    continue;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        writer.write_event(event)?;
    }
    Ok(writer.into_inner())
}

/// Inside a `w:tc` whose start was written: copy its `w:tcPr`, drop its
/// paragraphs, and write one paragraph with `text` before `</w:tc>`.
fn copy_cell_props_and_replace(
    reader: &mut quick_xml::Reader<&[u8]>,
    writer: &mut quick_xml::Writer<Vec<u8>>,
    text: &str,
) -> Result<()> {
    let mut in_props = 0usize;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) if e.name().as_ref() == "w:tcPr" => in_props += 1,
            Event::End(e) if e.name().as_ref() == "w:tcPr" => {
                in_props -= 1;
                writer.write_event(event)?;
                continue;
            }
            Event::End(e) if e.name().as_ref() == "w:tc" && in_props == 0 => {
                writer
                    .get_mut()
                    .write_all(cell_paragraph(text).as_bytes())?;
                writer.write_event(event)?;
                return Ok(());
            }
            Event::Start(e) if in_props == 0 => {
                reader.read_to_end(e.name())?;
                continue;
            }
            Event::Eof => bail!("template ends inside a table cell"),
            _ => {}
        }
        if in_props > 0 {
            writer.write_event(event)?;
        }
    }
}
