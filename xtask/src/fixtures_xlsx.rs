//! Generates the spreadsheet fixtures under `fixtures/xlsx/`.
//!
//! Two hand-built workbooks in the official layout, written with
//! rust_xlsxwriter (independently of the gongkai XLSX writer, so that the
//! reader is tested on input it did not draw):
//! - `one-sheet.xlsx`: the whole report on one sheet, each section heading
//!   directly above its table;
//! - `per-sheet.xlsx`: one table per sheet, headings a blank row above.
//!
//! Both carry a decimal fee (96171.6), an annotated count
//! (`22（其中修订16件）`), a formula with its cached value (表三 本年新收
//! 总计), a blank cell, and a hidden sheet with decoy numbers. Each is also
//! re-saved by LibreOffice as `NAME-lo.xlsx`, `NAME-ods.ods` and `NAME-xls.xls` when
//! `soffice` is available. `NAME.expected.json` is the report subset every
//! variant must produce.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use serde_json::{json, Value};

const TITLE: &str = "示例县人民政府2023年政府信息公开工作年度报告";
const OVERVIEW: &str =
    "2023年，示例县人民政府坚持以公开为常态、不公开为例外，全面推进政务公开工作。";
const PROBLEMS: &str = "一是公开内容不够全面；二是解读形式较为单一。";
const OTHER: &str = "本年度未收取信息处理费。";

/// Table 三 rows: label cells (columns A–C, with merges drawn separately)
/// and the six applicant values; 总计 is added up here (or by a formula).
const T3: &[(&str, [i64; 6])] = &[
    ("new_received", [30, 5, 0, 0, 1, 0]),
    ("carried_over", [2, 0, 0, 0, 0, 0]),
    ("granted", [20, 3, 0, 0, 1, 0]),
    ("partial_grant", [2, 0, 0, 0, 0, 0]),
    ("denied_state_secret", [0; 6]),
    ("denied_law_forbidden", [0; 6]),
    ("denied_safety_stability", [0; 6]),
    ("denied_third_party_rights", [1, 0, 0, 0, 0, 0]),
    ("denied_internal_affairs", [0; 6]),
    ("denied_process_info", [0; 6]),
    ("denied_enforcement_case", [0; 6]),
    ("denied_admin_query", [0; 6]),
    ("unable_no_info", [5, 1, 0, 0, 0, 0]),
    ("unable_need_creation", [0; 6]),
    ("unable_unclear", [0; 6]),
    ("not_processed_complaint", [0; 6]),
    ("not_processed_repeat", [2, 0, 0, 0, 0, 0]),
    ("not_processed_publication", [0; 6]),
    ("not_processed_massive_requests", [0; 6]),
    ("not_processed_confirm_info", [0; 6]),
    ("other_overdue_correction", [0; 6]),
    ("other_overdue_fee", [0; 6]),
    ("other_other_reasons", [1, 0, 0, 0, 0, 0]),
    ("total_processed", [31, 4, 0, 0, 1, 0]),
    ("carried_forward", [1, 1, 0, 0, 0, 0]),
];

/// Table 三's labels in the official layout: (group label over column A,
/// sub-group label over column B, row label).
fn t3_labels(key: &str) -> (Option<&'static str>, Option<&'static str>, &'static str) {
    const R: Option<&str> = Some("三、本年度办理结果");
    match key {
        "new_received" => (None, None, "一、本年新收政府信息公开申请数量"),
        "carried_over" => (None, None, "二、上年结转政府信息公开申请数量"),
        "granted" => (R, None, "（一）予以公开"),
        "partial_grant" => (
            R,
            None,
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        "denied_state_secret" => (R, Some("（三）不予公开"), "1.属于国家秘密"),
        "denied_law_forbidden" => (R, Some("（三）不予公开"), "2.其他法律行政法规禁止公开"),
        "denied_safety_stability" => (R, Some("（三）不予公开"), "3.危及“三安全一稳定”"),
        "denied_third_party_rights" => (R, Some("（三）不予公开"), "4.保护第三方合法权益"),
        "denied_internal_affairs" => (R, Some("（三）不予公开"), "5.属于三类内部事务信息"),
        "denied_process_info" => (R, Some("（三）不予公开"), "6.属于四类过程性信息"),
        "denied_enforcement_case" => (R, Some("（三）不予公开"), "7.属于行政执法案卷"),
        "denied_admin_query" => (R, Some("（三）不予公开"), "8.属于行政查询事项"),
        "unable_no_info" => (R, Some("（四）无法提供"), "1.本机关不掌握相关政府信息"),
        "unable_need_creation" => (R, Some("（四）无法提供"), "2.没有现成信息需要另行制作"),
        "unable_unclear" => (R, Some("（四）无法提供"), "3.补正后申请内容仍不明确"),
        "not_processed_complaint" => (R, Some("（五）不予处理"), "1.信访举报投诉类申请"),
        "not_processed_repeat" => (R, Some("（五）不予处理"), "2.重复申请"),
        "not_processed_publication" => (R, Some("（五）不予处理"), "3.要求提供公开出版物"),
        "not_processed_massive_requests" => (R, Some("（五）不予处理"), "4.无正当理由大量反复申请"),
        "not_processed_confirm_info" => (
            R,
            Some("（五）不予处理"),
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        "other_overdue_correction" => (
            R,
            Some("（六）其他处理"),
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        "other_overdue_fee" => (
            R,
            Some("（六）其他处理"),
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        "other_other_reasons" => (R, Some("（六）其他处理"), "3.其他"),
        "total_processed" => (R, None, "（七）总计"),
        _ => (None, None, "四、结转下年度继续办理"),
    }
}

/// Table 四: three blocks of five; `None` is a blank cell.
const T4: [[Option<i64>; 5]; 3] = [
    [Some(1), Some(0), Some(0), Some(1), Some(2)],
    [Some(0), Some(1), Some(0), Some(0), Some(1)],
    [Some(0), Some(0), None, Some(0), Some(0)],
];

struct Formats {
    cell: Format,
    bold: Format,
    title: Format,
}

fn formats() -> Formats {
    let cell = Format::new()
        .set_font_name("宋体")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    Formats {
        bold: Format::new().set_font_name("宋体").set_bold(),
        title: Format::new()
            .set_font_name("宋体")
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        cell,
    }
}

/// Text in a cell or merged range.
fn put(ws: &mut Worksheet, r: (u32, u16), to: (u32, u16), text: &str, f: &Format) -> Result<()> {
    if r == to {
        ws.write_string_with_format(r.0, r.1, text, f)?;
    } else {
        ws.merge_range(r.0, r.1, to.0, to.1, text, f)?;
    }
    Ok(())
}

/// A number in a cell or merged range.
fn num(ws: &mut Worksheet, r: (u32, u16), to: (u32, u16), v: f64, f: &Format) -> Result<()> {
    if r != to {
        ws.merge_range(r.0, r.1, to.0, to.1, "", f)?;
    }
    ws.write_number_with_format(r.0, r.1, v, f)?;
    Ok(())
}

/// Table 二 at `top`; returns the row after it.
fn table_two(ws: &mut Worksheet, top: u32, f: &Formats) -> Result<u32> {
    let c = &f.cell;
    let mut r = top;
    put(ws, (r, 0), (r, 3), "第二十条第（一）项", c)?;
    r += 1;
    for (i, h) in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .enumerate()
    {
        put(ws, (r, i as u16), (r, i as u16), h, c)?;
    }
    r += 1;
    put(ws, (r, 0), (r, 0), "规章", c)?;
    for col in 1..=3 {
        num(ws, (r, col), (r, col), 0.0, c)?;
    }
    r += 1;
    put(ws, (r, 0), (r, 0), "行政规范性文件", c)?;
    put(ws, (r, 1), (r, 1), "22（其中修订16件）", c)?;
    num(ws, (r, 2), (r, 2), 3.0, c)?;
    num(ws, (r, 3), (r, 3), 55.0, c)?;
    r += 1;
    let single = [
        (
            "第二十条第（五）项",
            "本年处理决定数量",
            &[("行政许可", 1203.0)][..],
        ),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            &[("行政处罚", 45.0), ("行政强制", 2.0)][..],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            &[("行政事业性收费", 96171.6)][..],
        ),
    ];
    for (caption, header, rows) in single {
        put(ws, (r, 0), (r, 3), caption, c)?;
        r += 1;
        put(ws, (r, 0), (r, 0), "信息内容", c)?;
        put(ws, (r, 1), (r, 3), header, c)?;
        r += 1;
        for (label, v) in rows {
            put(ws, (r, 0), (r, 0), label, c)?;
            num(ws, (r, 1), (r, 3), *v, c)?;
            r += 1;
        }
    }
    Ok(r)
}

/// Table 三 at `top`; returns the row after it.
fn table_three(ws: &mut Worksheet, top: u32, f: &Formats) -> Result<u32> {
    let c = &f.cell;
    put(
        ws,
        (top, 0),
        (top + 2, 2),
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        c,
    )?;
    put(ws, (top, 3), (top, 9), "申请人情况", c)?;
    put(ws, (top + 1, 3), (top + 2, 3), "自然人", c)?;
    put(ws, (top + 1, 4), (top + 1, 8), "法人或其他组织", c)?;
    put(ws, (top + 1, 9), (top + 2, 9), "总计", c)?;
    for (i, h) in [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    .iter()
    .enumerate()
    {
        put(ws, (top + 2, 4 + i as u16), (top + 2, 4 + i as u16), h, c)?;
    }
    let first = top + 3;
    let mut prev_group: Option<&str> = None;
    let mut prev_sub: Option<&str> = None;
    for (i, (key, values)) in T3.iter().enumerate() {
        let r = first + i as u32;
        let (group, sub, label) = t3_labels(key);
        match (group, sub) {
            (None, _) => put(ws, (r, 0), (r, 2), label, c)?,
            (Some(g), sub) => {
                if prev_group != Some(g) {
                    let n = T3
                        .iter()
                        .skip(i)
                        .take_while(|(k, _)| t3_labels(k).0 == Some(g))
                        .count() as u32;
                    put(ws, (r, 0), (r + n - 1, 0), g, c)?;
                }
                match sub {
                    Some(s) => {
                        if prev_sub != Some(s) {
                            let n = T3
                                .iter()
                                .skip(i)
                                .take_while(|(k, _)| t3_labels(k).1 == Some(s))
                                .count() as u32;
                            put(ws, (r, 1), (r + n - 1, 1), s, c)?;
                        }
                        put(ws, (r, 2), (r, 2), label, c)?;
                    }
                    None => put(ws, (r, 1), (r, 2), label, c)?,
                }
            }
        }
        prev_group = group;
        prev_sub = sub;
        for (j, v) in values.iter().enumerate() {
            num(ws, (r, 3 + j as u16), (r, 3 + j as u16), *v as f64, c)?;
        }
        let total: i64 = values.iter().sum();
        if *key == "new_received" {
            // A formula with its cached value, as Excel saves one.
            let formula = format!("=SUM(D{n}:I{n})", n = r + 1);
            ws.write_formula_with_format(
                r,
                9,
                Formula::new(formula).set_result(total.to_string()),
                c,
            )?;
        } else {
            num(ws, (r, 9), (r, 9), total as f64, c)?;
        }
    }
    Ok(first + T3.len() as u32)
}

/// Table 四 at `top`, with the given values; returns the row after it.
fn table_four(
    ws: &mut Worksheet,
    top: u32,
    values: &[[Option<i64>; 5]; 3],
    f: &Formats,
) -> Result<u32> {
    let c = &f.cell;
    let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    put(ws, (top, 0), (top, 4), "行政复议", c)?;
    put(ws, (top, 5), (top, 14), "行政诉讼", c)?;
    put(ws, (top + 1, 5), (top + 1, 9), "未经复议直接起诉", c)?;
    put(ws, (top + 1, 10), (top + 1, 14), "复议后起诉", c)?;
    for (b, block) in values.iter().enumerate() {
        for (o, label) in outcomes.iter().enumerate() {
            let col = (5 * b + o) as u16;
            if b == 0 {
                put(ws, (top + 1, col), (top + 2, col), label, c)?;
            } else {
                put(ws, (top + 2, col), (top + 2, col), label, c)?;
            }
            match block.get(o).copied().flatten() {
                Some(v) => num(ws, (top + 3, col), (top + 3, col), v as f64, c)?,
                None => {
                    ws.write_blank(top + 3, col, c)?;
                }
            }
        }
    }
    Ok(top + 4)
}

/// A hidden sheet with a decoy table 四: a reader that does not skip hidden
/// sheets would find two tables 四.
fn hidden_decoy(wb: &mut Workbook, f: &Formats) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("草稿")?;
    put(
        ws,
        (0, 0),
        (0, 0),
        "四、政府信息公开行政复议、行政诉讼情况",
        &f.bold,
    )?;
    table_four(ws, 2, &[[Some(9); 5]; 3], f)?;
    ws.set_hidden(true);
    Ok(())
}

fn widths(ws: &mut Worksheet) -> Result<()> {
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 14)?;
    ws.set_column_width(2, 30)?;
    for c in 3..15 {
        ws.set_column_width(c, 10)?;
    }
    Ok(())
}

/// The whole report on one sheet; headings directly above their tables.
fn one_sheet() -> Result<Vec<u8>> {
    let f = formats();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("年度报告")?;
    widths(ws)?;
    put(ws, (0, 0), (0, 9), TITLE, &f.title)?;
    put(ws, (2, 0), (2, 0), "一、总体情况", &f.bold)?;
    put(ws, (3, 0), (3, 0), OVERVIEW, &Format::new())?;
    put(ws, (5, 0), (5, 0), "二、主动公开政府信息情况", &f.bold)?;
    let r = table_two(ws, 6, &f)?;
    put(
        ws,
        (r + 1, 0),
        (r + 1, 0),
        "三、收到和处理政府信息公开申请情况",
        &f.bold,
    )?;
    let r = table_three(ws, r + 2, &f)?;
    put(
        ws,
        (r + 1, 0),
        (r + 1, 0),
        "四、政府信息公开行政复议、行政诉讼情况",
        &f.bold,
    )?;
    let r = table_four(ws, r + 2, &T4, &f)?;
    put(
        ws,
        (r + 1, 0),
        (r + 1, 0),
        "五、存在的主要问题及改进情况",
        &f.bold,
    )?;
    put(ws, (r + 2, 0), (r + 2, 0), PROBLEMS, &Format::new())?;
    put(
        ws,
        (r + 4, 0),
        (r + 4, 0),
        "六、其他需要报告的事项",
        &f.bold,
    )?;
    put(ws, (r + 5, 0), (r + 5, 0), OTHER, &Format::new())?;
    hidden_decoy(&mut wb, &f)?;
    Ok(wb.save_to_buffer()?)
}

/// One table per sheet, each under its heading and a blank row.
fn per_sheet() -> Result<Vec<u8>> {
    let f = formats();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("报告")?;
    ws.set_column_width(0, 90)?;
    put(ws, (0, 0), (0, 0), TITLE, &f.title)?;
    put(ws, (2, 0), (2, 0), "一、总体情况", &f.bold)?;
    put(ws, (3, 0), (3, 0), OVERVIEW, &Format::new())?;
    let sheets: [(&str, &str); 3] = [
        ("表二", "二、主动公开政府信息情况"),
        ("表三", "三、收到和处理政府信息公开申请情况"),
        ("表四", "四、政府信息公开行政复议、行政诉讼情况"),
    ];
    for (i, (name, heading)) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*name)?;
        widths(ws)?;
        put(ws, (0, 0), (0, 0), heading, &f.bold)?;
        match i {
            0 => table_two(ws, 2, &f)?,
            1 => table_three(ws, 2, &f)?,
            _ => table_four(ws, 2, &T4, &f)?,
        };
    }
    hidden_decoy(&mut wb, &f)?;
    let ws = wb.add_worksheet();
    ws.set_name("结语")?;
    ws.set_column_width(0, 90)?;
    put(ws, (0, 0), (0, 0), "五、存在的主要问题及改进情况", &f.bold)?;
    put(ws, (1, 0), (1, 0), PROBLEMS, &Format::new())?;
    put(ws, (3, 0), (3, 0), "六、其他需要报告的事项", &f.bold)?;
    put(ws, (4, 0), (4, 0), OTHER, &Format::new())?;
    Ok(wb.save_to_buffer()?)
}

/// The report subset every variant must produce.
fn expected() -> Value {
    let mut rows = serde_json::Map::new();
    for (key, values) in T3 {
        let mut row = serde_json::Map::new();
        for (k, v) in gongkai::report::Applicant::ALL.iter().zip(values.iter()) {
            row.insert(k.key().to_string(), json!(v));
        }
        row.insert("total".into(), json!(values.iter().sum::<i64>()));
        rows.insert(key.to_string(), Value::Object(row));
    }
    let block = |b: &[Option<i64>; 5]| {
        json!({
            "maintain": b[0], "correct": b[1], "other": b[2], "unfinished": b[3], "total": b[4]
        })
    };
    json!({
        "schema": "gongkai.report/1",
        "title": TITLE,
        "organ": "示例县人民政府",
        "year": 2023,
        "active_disclosure": {
            "layout": "2021",
            "regulations": { "made": 0, "repealed": 0, "valid": 0 },
            "normative_documents": { "made": 22, "repealed": 3, "valid": 55 },
            "licensing": { "processed": 1203 },
            "punishment": { "processed": 45 },
            "coercion": { "processed": 2 },
            "fees": { "amount": 96171.6 }
        },
        "applications": { "layout": "2021", "rows": Value::Object(rows) },
        "review_litigation": {
            "review": block(&T4[0]),
            "litigation_direct": block(&T4[1]),
            "litigation_post_review": block(&T4[2])
        },
        "checks": [
            { "id": "t3.balance", "subject": "applications.rows.*.total", "status": "pass" },
            { "id": "t4.block_total", "subject": "review_litigation.review", "status": "pass" },
            { "id": "t4.block_total", "subject": "review_litigation.litigation_post_review", "status": "uncertain" }
        ],
        "diagnostics": [
            { "code": "cell.annotated", "path": "active_disclosure.normative_documents.made" },
            { "code": "sheet.hidden" }
        ]
    })
}

/// Convert `src` with LibreOffice into `dest` (its extension names the
/// format); `false` when soffice is missing or fails.
pub(crate) fn soffice(src: &Path, dest: &Path) -> Result<bool> {
    let Some(ext) = dest.extension().and_then(|e| e.to_str()) else {
        return Ok(false);
    };
    let tmp = std::env::temp_dir().join(format!("gongkai-xlsx-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let status = Command::new("soffice")
        .arg("--headless")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            tmp.display()
        ))
        .arg("--convert-to")
        .arg(ext)
        .arg("--outdir")
        .arg(&tmp)
        .arg(src)
        .output();
    let ok = matches!(&status, Ok(o) if o.status.success());
    let stem = src.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let out: PathBuf = tmp.join(format!("{stem}.{ext}"));
    let done = ok && out.exists();
    if done {
        std::fs::copy(&out, dest).with_context(|| format!("copy {}", out.display()))?;
        std::fs::remove_file(&out)?;
    } else {
        eprintln!("soffice could not convert {} to {ext}", src.display());
    }
    Ok(done)
}

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/xlsx");
    std::fs::create_dir_all(&dir)?;
    let expected = serde_json::to_string_pretty(&expected())? + "\n";
    let books: [(&str, Vec<u8>); 2] = [("one-sheet", one_sheet()?), ("per-sheet", per_sheet()?)];
    for (name, bytes) in books {
        let src = dir.join(format!("{name}.xlsx"));
        std::fs::write(&src, bytes)?;
        std::fs::write(dir.join(format!("{name}.expected.json")), &expected)?;
        // Every file has its own stem, so each has its own NAME.expected.json.
        for (suffix, ext) in [("-lo", "xlsx"), ("-ods", "ods"), ("-xls", "xls")] {
            let dest = dir.join(format!("{name}{suffix}.{ext}"));
            if soffice(&src, &dest)? {
                std::fs::write(dir.join(format!("{name}{suffix}.expected.json")), &expected)?;
            }
        }
        println!("fixtures/xlsx/{name}.*");
    }
    Ok(())
}
