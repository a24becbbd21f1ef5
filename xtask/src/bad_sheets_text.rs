//! Hostile spreadsheets and awkward text (issue #14), made by
//! `cargo xtask fixtures bad`:
//! - refused, under `fixtures/bad/`: an XLSX with one `A1:XFD1048576` merge,
//!   one with 40,000 merges over one range, one with 40,000 separate merges
//!   (read when `--max-cells` is raised: `tests/hostile_sheets_text.rs` times
//!   it), ODS files with a huge span and huge repeats, and UTF-8 and UTF-16
//!   text with a NUL inside a number;
//! - read right, under `fixtures/xlsx/` and `fixtures/text/`, each with its
//!   expected JSON: a 表三 with a hidden decoy row and column, a 表三 whose
//!   numbers are formatted as dates, and `hzq2024-layout.txt` with tabs mixed
//!   into its alignment, CR-only line ends, a BOM on every line, UTF-16 without
//!   a BOM and NUL padding at the end.
//!
//! The expected values are the ones written into the documents here (for
//! the text, those of `hzq2024-layout.expected.json`, read from that document).

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Generate the files.
pub fn run(root: &Path) -> Result<()> {
    let bad = root.join("fixtures/bad");
    let put = |name: &str, bytes: &[u8]| -> Result<()> {
        std::fs::write(bad.join(name), bytes).with_context(|| format!("writing {name}"))
    };
    put(
        "xlsx-huge-merge.xlsx",
        &xlsx_with_merges(&["A2:XFD1048576".to_string()])?,
    )?;
    let same: Vec<String> = (0..40_000).map(|_| "A2:B50".to_string()).collect();
    put("xlsx-overlapping-merges.xlsx", &xlsx_with_merges(&same)?)?;
    let apart: Vec<String> = (0..40_000)
        .map(|i| format!("A{r}:B{r}", r = 3 + 2 * i))
        .collect();
    put("xlsx-many-merges.xlsx", &xlsx_with_merges(&apart)?)?;
    put("ods-huge-span.ods", &ods_with_rows(&huge_span())?)?;
    put(
        "ods-huge-repeat-rows.ods",
        &ods_with_rows(&repeated_rows())?,
    )?;
    put(
        "ods-huge-repeat-cols.ods",
        &ods_with_rows(&repeated_cols())?,
    )?;

    let base = std::fs::read_to_string(root.join("fixtures/text/hzq2024-layout.txt"))?;
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(
        root.join("fixtures/text/hzq2024-layout.expected.json"),
    )?)?;
    // A NUL inside 表三's 95: dropping it would read 95 right, but a NUL
    // inside other digits would join them, so it is refused.
    let nul = base.replacen("95    0", "9\u{0}5    0", 1);
    anyhow::ensure!(nul != base, "hzq2024-layout.txt has no 95 to break");
    put("text-nul.txt", nul.as_bytes())?;
    put("text-utf16-nul.txt", &utf16(&nul, u16::to_le_bytes))?;
    text_variants(root, &base, &expected)?;
    sheets(root)?;
    println!("fixtures/bad/{{xlsx,ods,text}}-*, fixtures/xlsx and fixtures/text variants written");
    Ok(())
}

// ---------------------------------------------------------------- XLSX by hand

/// A minimal workbook (one sheet, inline strings, no styles) whose sheet has
/// a title in A1 and the given merged ranges: a generator would write every
/// cell of a merge, this writes only the ranges, as a hostile file does.
fn xlsx_with_merges(ranges: &[String]) -> Result<Vec<u8>> {
    let merges: String = ranges
        .iter()
        .map(|r| format!(r#"<mergeCell ref="{r}"/>"#))
        .collect();
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>示例县人民政府2023年政府信息公开工作年度报告</t></is></c></row></sheetData><mergeCells count="{n}">{merges}</mergeCells></worksheet>"#,
        n = ranges.len()
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表三" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
    ])
}

/// A zip of the given entries, deflated; a first entry named `mimetype` is
/// stored, as OpenDocument requires.
fn zip_of(entries: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

// ------------------------------------------------------------------------ ODS

/// A one-sheet OpenDocument spreadsheet whose table holds `rows` (the
/// `<table:table-row>` elements, written out).
fn ods_with_rows(rows: &str) -> Result<Vec<u8>> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="表三"><table:table-row><table:table-cell office:value-type="string"><text:p>示例县人民政府2023年政府信息公开工作年度报告</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", &content),
    ])
}

/// One cell spanning the whole sheet below the title.
fn huge_span() -> String {
    r#"<table:table-row><table:table-cell table:number-columns-spanned="16384" table:number-rows-spanned="1048575" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#.to_string()
}

/// One row of 16,384 copies of a number, repeated 6,000 times: 98 million
/// cells, under calamine's own cap of 100 million, from a few hundred bytes.
fn repeated_rows() -> String {
    r#"<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#.to_string()
}

/// 10,000 rows, each a number 16,000 columns right of the first: few
/// cells, but each row is materialised from column A.
fn repeated_cols() -> String {
    r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#.repeat(10_000)
}

// ----------------------------------------------------------------------- text

/// UTF-16 code units of `text`, each as `bytes` orders it, without a BOM.
fn utf16(text: &str, bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    text.encode_utf16().flat_map(bytes).collect()
}

/// Display width as a terminal (and the text reader) counts it: East Asian
/// wide and full-width characters take two columns.
fn width(c: char) -> usize {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0xA4CF | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
    if wide {
        2
    } else {
        1
    }
}

/// `unexpand -a` with tab stops every 8 display columns: a run of two or
/// more spaces reaching a tab stop becomes a tab (POSIX keeps a lone space).
fn unexpand(line: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    let mut pending = 0; // spaces not yet written
    for c in line.chars() {
        if c == ' ' {
            pending += 1;
            col += 1;
            if col % 8 == 0 {
                out.push_str(if pending >= 2 { "\t" } else { " " });
                pending = 0;
            }
        } else {
            out.extend(std::iter::repeat_n(' ', pending));
            pending = 0;
            out.push(c);
            col += width(c);
        }
    }
    out.extend(std::iter::repeat_n(' ', pending));
    out
}

/// The layout text in each awkward form, with the base's expected values
/// and the decoding said.
fn text_variants(root: &Path, base: &str, expected: &Value) -> Result<()> {
    let dir = root.join("fixtures/text");
    let with = |diagnostics: Value| {
        let mut e = expected.clone();
        if let Some(obj) = e.as_object_mut() {
            obj.insert("diagnostics".into(), diagnostics);
        }
        e
    };
    let tabs: String = base.lines().map(|l| unexpand(l) + "\n").collect();
    anyhow::ensure!(tabs.contains('\t'), "unexpand made no tab");
    let cr = base.replace('\n', "\r");
    let bom_lines: String = base.lines().map(|l| format!("\u{feff}{l}\n")).collect();
    let mut padded = base.as_bytes().to_vec();
    padded.extend_from_slice(&[0; 512]);
    let decoded = |label: &str| json!({ "code": "text.encoding", "message": format!("text decoded as {label} (detected from its bytes)") });
    let variants: [(&str, Vec<u8>, Value); 6] = [
        (
            "hzq2024-layout-tabs",
            tabs.into_bytes(),
            with(json!([{ "code": "text.tabs_expanded" }])),
        ),
        (
            "hzq2024-layout-cr",
            cr.into_bytes(),
            with(json!([{ "code": "text.line_ends" }])),
        ),
        (
            "hzq2024-layout-bom-lines",
            bom_lines.into_bytes(),
            with(json!([{ "code": "text.bom_inside" }])),
        ),
        (
            "hzq2024-layout-utf16le",
            utf16(base, u16::to_le_bytes),
            with(json!([decoded("UTF-16LE")])),
        ),
        (
            "hzq2024-layout-utf16be",
            utf16(base, u16::to_be_bytes),
            with(json!([decoded("UTF-16BE")])),
        ),
        (
            "hzq2024-layout-nul-padded",
            padded,
            with(json!([{ "code": "text.nul_padding" }])),
        ),
    ];
    for (name, bytes, expected) in variants {
        std::fs::write(dir.join(format!("{name}.txt")), bytes)?;
        let json = serde_json::to_string_pretty(&expected)? + "\n";
        std::fs::write(dir.join(format!("{name}.expected.json")), json)?;
    }
    Ok(())
}

// --------------------------------------------------------- XLSX read-right

const TITLE: &str = "示例市某某局2023年政府信息公开工作年度报告";

/// 表三 rows: key, group label (column A), sub-group label (column B), row
/// label, and the six applicant values (总计 is added up).
type T3Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [i64; 6],
);

const R: &str = "三、本年度办理结果";

#[rustfmt::skip]
const T3: &[T3Row] = &[
    ("new_received", "", "", "一、本年新收政府信息公开申请数量", [12, 3, 0, 0, 1, 0]),
    ("carried_over", "", "", "二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0]),
    ("granted", R, "", "（一）予以公开", [7, 2, 0, 0, 1, 0]),
    ("partial_grant", R, "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0]),
    ("denied_state_secret", R, "（三）不予公开", "1.属于国家秘密", [0; 6]),
    ("denied_law_forbidden", R, "（三）不予公开", "2.其他法律行政法规禁止公开", [0; 6]),
    ("denied_safety_stability", R, "（三）不予公开", "3.危及“三安全一稳定”", [0; 6]),
    ("denied_third_party_rights", R, "（三）不予公开", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0]),
    ("denied_internal_affairs", R, "（三）不予公开", "5.属于三类内部事务信息", [0; 6]),
    ("denied_process_info", R, "（三）不予公开", "6.属于四类过程性信息", [0; 6]),
    ("denied_enforcement_case", R, "（三）不予公开", "7.属于行政执法案卷", [0; 6]),
    ("denied_admin_query", R, "（三）不予公开", "8.属于行政查询事项", [0; 6]),
    ("unable_no_info", R, "（四）无法提供", "1.本机关不掌握相关政府信息", [3, 1, 0, 0, 0, 0]),
    ("unable_need_creation", R, "（四）无法提供", "2.没有现成信息需要另行制作", [0; 6]),
    ("unable_unclear", R, "（四）无法提供", "3.补正后申请内容仍不明确", [0; 6]),
    ("not_processed_complaint", R, "（五）不予处理", "1.信访举报投诉类申请", [0; 6]),
    ("not_processed_repeat", R, "（五）不予处理", "2.重复申请", [1, 0, 0, 0, 0, 0]),
    ("not_processed_publication", R, "（五）不予处理", "3.要求提供公开出版物", [0; 6]),
    ("not_processed_massive_requests", R, "（五）不予处理", "4.无正当理由大量反复申请", [0; 6]),
    ("not_processed_confirm_info", R, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", [0; 6]),
    ("other_overdue_correction", R, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0; 6]),
    ("other_overdue_fee", R, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0; 6]),
    ("other_other_reasons", R, "（六）其他处理", "3.其他", [0; 6]),
    ("total_processed", R, "", "（七）总计", [13, 3, 0, 0, 1, 0]),
    ("carried_forward", "", "", "四、结转下年度继续办理", [0; 6]),
];

/// What a 表三 sheet is drawn with.
struct Style {
    cell: Format,
    /// The format of the numbers (a date format in the date fixture).
    number: Format,
    /// Draw a hidden decoy row and column.
    decoy: bool,
}

/// A workbook holding the title and 表三, its numbers in `style`.
fn t3_workbook(style: &Style) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed creation time: regenerating leaves the committed files alone.
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    ws.set_name("表三")?;
    ws.set_column_width(0, 16)?;
    ws.set_column_width(2, 30)?;
    ws.write_string(0, 0, TITLE)?;
    ws.write_string(2, 0, "三、收到和处理政府信息公开申请情况")?;
    t3_sheet(ws, 3, style)?;
    let ws = wb.add_worksheet();
    ws.set_name("表四")?;
    ws.write_string(0, 0, "四、政府信息公开行政复议、行政诉讼情况")?;
    t4_sheet(ws, 2, style)?;
    Ok(wb.save_to_buffer()?)
}

/// 表四's three blocks (行政复议, 未经复议直接起诉, 复议后起诉): 维持,
/// 纠正, 其他, 未审结, 总计.
const T4: [[i64; 5]; 3] = [[1, 1, 0, 0, 2], [0, 0, 0, 1, 1], [0, 0, 0, 0, 0]];

/// 表四 at `top` in the official layout.
fn t4_sheet(ws: &mut Worksheet, top: u32, s: &Style) -> Result<()> {
    let c = &s.cell;
    ws.merge_range(top, 0, top, 4, "行政复议", c)?;
    ws.merge_range(top, 5, top, 14, "行政诉讼", c)?;
    ws.merge_range(top + 1, 5, top + 1, 9, "未经复议直接起诉", c)?;
    ws.merge_range(top + 1, 10, top + 1, 14, "复议后起诉", c)?;
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    for (b, block) in T4.iter().enumerate() {
        for (o, (label, v)) in outcomes.iter().zip(block).enumerate() {
            let col = (5 * b + o) as u16;
            if b == 0 {
                ws.merge_range(top + 1, col, top + 2, col, label, c)?;
            } else {
                ws.write_string_with_format(top + 2, col, *label, c)?;
            }
            ws.write_number_with_format(top + 3, col, *v as f64, &s.number)?;
        }
    }
    Ok(())
}

/// Column of applicant value `j` (0–5) and of 总计 (6); with a decoy, a
/// hidden column sits right after 自然人.
fn value_col(j: usize, decoy: bool) -> u16 {
    let shift = u16::from(decoy && j >= 1);
    3 + j as u16 + shift
}

/// 表三 at `top` in the official layout.
fn t3_sheet(ws: &mut Worksheet, top: u32, s: &Style) -> Result<()> {
    let c = &s.cell;
    let total = value_col(6, s.decoy);
    ws.merge_range(
        top,
        0,
        top + 2,
        2,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        c,
    )?;
    ws.merge_range(top, 3, top, total, "申请人情况", c)?;
    ws.merge_range(top + 1, 3, top + 2, 3, "自然人", c)?;
    ws.merge_range(
        top + 1,
        value_col(1, s.decoy),
        top + 1,
        value_col(5, s.decoy),
        "法人或其他组织",
        c,
    )?;
    ws.merge_range(top + 1, total, top + 2, total, "总计", c)?;
    for (j, h) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(top + 2, value_col(j + 1, s.decoy), *h, c)?;
    }
    let mut r = top + 3;
    let mut rows: Vec<(u32, &T3Row)> = Vec::new();
    for row in T3 {
        if s.decoy && row.0 == "partial_grant" {
            // The decoy: the same label with other numbers, hidden, above
            // the real row (a reader taking the first match takes it).
            decoy_row(ws, r, row, s)?;
            r += 1;
        }
        rows.push((r, row));
        r += 1;
    }
    for (i, (r, (_, group, sub, label, values))) in rows.iter().enumerate() {
        let r = *r;
        let prev = i.checked_sub(1).and_then(|p| rows.get(p)).map(|(_, x)| x);
        if group.is_empty() {
            ws.merge_range(r, 0, r, 2, label, c)?;
        } else {
            if prev.map(|p| p.1) != Some(group) {
                let end = rows
                    .iter()
                    .rev()
                    .find(|(_, x)| x.1 == *group)
                    .map(|(r, _)| *r)
                    .unwrap_or(r);
                ws.merge_range(r, 0, end, 0, group, c)?;
            }
            if sub.is_empty() {
                ws.merge_range(r, 1, r, 2, label, c)?;
            } else {
                if prev.map(|p| p.2) != Some(sub) {
                    let end = rows
                        .iter()
                        .rev()
                        .find(|(_, x)| x.2 == *sub)
                        .map(|(r, _)| *r)
                        .unwrap_or(r);
                    ws.merge_range(r, 1, end, 1, sub, c)?;
                }
                ws.write_string_with_format(r, 2, *label, c)?;
            }
        }
        for (j, v) in values.iter().enumerate() {
            ws.write_number_with_format(r, value_col(j, s.decoy), *v as f64, &s.number)?;
        }
        let sum: i64 = values.iter().sum();
        ws.write_number_with_format(r, total, sum as f64, &s.number)?;
        if s.decoy {
            // The hidden column's decoys, in every row.
            ws.write_number_with_format(r, 4, 88.0, &s.number)?;
        }
    }
    if s.decoy {
        ws.merge_range(top + 1, 4, top + 2, 4, "自然人", c)?;
        ws.set_column_hidden(4)?;
    }
    Ok(())
}

/// A hidden row repeating `row`'s label with numbers that break every sum.
fn decoy_row(ws: &mut Worksheet, r: u32, row: &T3Row, s: &Style) -> Result<()> {
    ws.merge_range(r, 1, r, 2, row.3, &s.cell)?;
    for j in 0..=6 {
        ws.write_number_with_format(r, value_col(j, s.decoy), 99.0, &s.number)?;
    }
    ws.write_number_with_format(r, 4, 99.0, &s.number)?;
    ws.set_row_hidden(r)?;
    Ok(())
}

/// The expected report: title, organ, year, 表三 and 表四 as written.
fn t3_expected() -> Value {
    let mut rows = serde_json::Map::new();
    for (key, _, _, _, values) in T3 {
        let mut row = serde_json::Map::new();
        for (k, v) in gongkai::report::Applicant::PARTS.iter().zip(values) {
            row.insert(k.key().to_string(), json!(v));
        }
        row.insert("total".into(), json!(values.iter().sum::<i64>()));
        rows.insert((*key).to_string(), Value::Object(row));
    }
    let block = |b: &[i64; 5]| json!({ "maintain": b[0], "correct": b[1], "other": b[2], "unfinished": b[3], "total": b[4] });
    json!({
        "schema": "gongkai.report/1",
        "title": TITLE,
        "organ": "示例市某某局",
        "year": 2023,
        "applications": { "layout": "2021", "rows": Value::Object(rows) },
        "review_litigation": {
            "review": block(&T4[0]),
            "litigation_direct": block(&T4[1]),
            "litigation_post_review": block(&T4[2])
        },
        "checks": [
            { "id": "t3.balance", "subject": "applications.rows.*.total", "status": "pass" },
            { "id": "t3.results_total", "status": "pass" },
            { "id": "t3.row_total", "status": "pass" },
            { "id": "t4.block_total", "subject": "review_litigation.review", "status": "pass" }
        ]
    })
}

/// The read-right workbooks: hidden decoys, numbers formatted as dates.
fn sheets(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/xlsx");
    let cell = Format::new().set_font_name("宋体");
    let date = cell.clone().set_num_format("yyyy-mm-dd");
    let books = [
        (
            "hidden-decoy",
            Style {
                cell: cell.clone(),
                number: cell.clone(),
                decoy: true,
            },
        ),
        (
            "date-formats",
            Style {
                cell: cell.clone(),
                number: date,
                decoy: false,
            },
        ),
    ];
    for (name, style) in books {
        let mut expected = t3_expected();
        let diagnostics = if style.decoy {
            json!([{ "code": "sheet.hidden_rows" }, { "code": "sheet.hidden_columns" }])
        } else {
            json!([{ "code": "cell.date_format" }])
        };
        if let Some(obj) = expected.as_object_mut() {
            obj.insert("diagnostics".into(), diagnostics);
        }
        let src = dir.join(format!("{name}.xlsx"));
        std::fs::write(&src, t3_workbook(&style)?)?;
        let json = serde_json::to_string_pretty(&expected)? + "\n";
        std::fs::write(dir.join(format!("{name}.expected.json")), &json)?;
        // The decoys saved by LibreOffice as ODS and XLS, which mark hidden
        // rows and columns each their own way.
        if style.decoy {
            for ext in ["ods", "xls"] {
                let stem = format!("{name}-{ext}");
                if crate::fixtures_xlsx::soffice(&src, &dir.join(format!("{stem}.{ext}")))? {
                    std::fs::write(dir.join(format!("{stem}.expected.json")), &json)?;
                }
            }
        }
    }
    Ok(())
}
