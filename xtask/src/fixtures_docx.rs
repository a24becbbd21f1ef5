//! Generates the docx fixtures under `fixtures/docx/`: the official blank
//! template (`fixtures/samples/template-2021.docx`) filled with numbers by
//! editing its `word/document.xml` with quick-xml, plus one copy saved by
//! LibreOffice and one report written from scratch by docx-rs. Each
//! `NAME.docx` gets `NAME.expected.json`, a subset of the report JSON.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use quick_xml::events::{BytesText, Event};
use serde_json::{json, Map, Value};

/// Row keys of table 三 in 2021 order.
const T3_ROWS_2021: [&str; 25] = [
    "new_received",
    "carried_over",
    "granted",
    "partial_grant",
    "denied_state_secret",
    "denied_law_forbidden",
    "denied_safety_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_case",
    "denied_admin_query",
    "unable_no_info",
    "unable_need_creation",
    "unable_unclear",
    "not_processed_complaint",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_massive_requests",
    "not_processed_confirm_info",
    "other_overdue_correction",
    "other_overdue_fee",
    "other_other_reasons",
    "total_processed",
    "carried_forward",
];

/// The 7 value columns of table 三.
const T3_COLS: [&str; 7] = [
    "natural_person",
    "legal_person_commercial",
    "legal_person_research",
    "legal_person_social",
    "legal_person_legal",
    "legal_person_other",
    "total",
];

/// The blocks and fields of table 四, in column order.
const T4_BLOCKS: [&str; 3] = ["review", "litigation_direct", "litigation_post_review"];
const T4_FIELDS: [&str; 5] = ["maintain", "correct", "other", "unfinished", "total"];

/// One value cell: what is printed and what the converter must read from it.
#[derive(Clone, Debug)]
struct V {
    text: String,
    value: Option<f64>,
}

fn n(x: f64) -> V {
    V {
        text: fmt_num(x),
        value: Some(x),
    }
}

/// A cell printed as `text` that reads as `value`.
fn raw(text: &str, value: Option<f64>) -> V {
    V {
        text: text.to_string(),
        value,
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn json_num(v: Option<f64>) -> Value {
    match v {
        Some(x) if x.fract() == 0.0 => json!(x as i64),
        Some(x) => json!(x),
        None => Value::Null,
    }
}

/// A small deterministic generator, so that regenerating gives the same files.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Table 三 numbers that pass every 勾稽 check: `rows` rows (25 or 23), 7 columns.
fn t3_numbers(seed: u64, rows: usize) -> Vec<[i64; 7]> {
    let mut rng = Lcg(seed);
    let results = rows - 4;
    let mut out = vec![[0i64; 7]; rows];
    for col in 0..6 {
        // Natural persons file most applications; research bodies hardly any.
        let scale = [12, 5, 1, 2, 2, 3][col];
        let mut total = 0;
        for row in out.iter_mut().skip(2).take(results) {
            let v = if rng.below(3) == 0 {
                0
            } else {
                rng.below(scale + 1) as i64
            };
            row[col] = v;
            total += v;
        }
        let carried_over = rng.below(3) as i64;
        let carried_forward = rng.below(3) as i64;
        out[rows - 2][col] = total;
        out[rows - 1][col] = carried_forward;
        out[1][col] = carried_over;
        out[0][col] = (total + carried_forward - carried_over).max(0);
        // Keep the balance when the new count would have gone below zero.
        out[rows - 1][col] = out[0][col] + carried_over - total;
    }
    for row in &mut out {
        row[6] = row[..6].iter().sum();
    }
    out
}

fn t3_cells(numbers: &[[i64; 7]]) -> Vec<Vec<V>> {
    numbers
        .iter()
        .map(|r| r.iter().map(|&x| n(x as f64)).collect())
        .collect()
}

fn t4_cells(blocks: [[i64; 4]; 3]) -> Vec<V> {
    blocks
        .iter()
        .flat_map(|b| {
            let total: i64 = b.iter().sum();
            b.iter()
                .chain(std::iter::once(&total))
                .map(|&x| n(x as f64))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Table 二 values by (row key, field).
type T2 = Vec<(&'static str, &'static str, V)>;

fn t2_2021(values: [V; 10]) -> T2 {
    let keys = [
        ("regulations", "made"),
        ("regulations", "repealed"),
        ("regulations", "valid"),
        ("normative_documents", "made"),
        ("normative_documents", "repealed"),
        ("normative_documents", "valid"),
        ("licensing", "processed"),
        ("punishment", "processed"),
        ("coercion", "processed"),
        ("fees", "amount"),
    ];
    keys.into_iter()
        .zip(values)
        .map(|((k, f), v)| (k, f, v))
        .collect()
}

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

/// A report to write, and what a converter must read from it.
struct Report {
    name: &'static str,
    title: String,
    organ: String,
    year: i64,
    sections: [String; 3],
    layout_2019: bool,
    t2: T2,
    t3: Vec<Vec<V>>,
    t4: Vec<V>,
    /// Label text replacements (whole `w:t` strings).
    labels: Vec<(&'static str, &'static str)>,
    checks: Vec<Value>,
    diagnostics: Vec<Value>,
}

impl Report {
    fn t3_keys(&self) -> Vec<&'static str> {
        if self.layout_2019 {
            let mut keys: Vec<&str> = T3_ROWS_2021
                .iter()
                .copied()
                .filter(|k| !k.starts_with("other_"))
                .collect();
            keys.insert(20, "other_processing");
            keys
        } else {
            T3_ROWS_2021.to_vec()
        }
    }

    fn expected(&self) -> Value {
        let mut t2 = Map::new();
        t2.insert(
            "layout".into(),
            json!(if self.layout_2019 { "2019" } else { "2021" }),
        );
        for (key, field, v) in &self.t2 {
            let row = t2
                .entry(key.to_string())
                .or_insert_with(|| json!({}))
                .as_object_mut();
            if let Some(row) = row {
                row.insert(field.to_string(), json_num(v.value));
            }
        }
        let mut rows = Map::new();
        for (key, cells) in self.t3_keys().iter().zip(&self.t3) {
            let row: Map<String, Value> = T3_COLS
                .iter()
                .zip(cells)
                .map(|(c, v)| (c.to_string(), json_num(v.value)))
                .collect();
            rows.insert(key.to_string(), Value::Object(row));
        }
        let mut t4 = Map::new();
        for (b, block) in T4_BLOCKS.iter().enumerate() {
            let fields: Map<String, Value> = T4_FIELDS
                .iter()
                .enumerate()
                .map(|(f, name)| {
                    let v = self.t4.get(b * 5 + f).and_then(|v| v.value);
                    (name.to_string(), json_num(v))
                })
                .collect();
            t4.insert(block.to_string(), Value::Object(fields));
        }
        let mut out = json!({
            "schema": "gongkai.report/1",
            "title": self.title,
            "organ": self.organ,
            "year": self.year,
            "active_disclosure": t2,
            "applications": {
                "layout": if self.layout_2019 { "2019" } else { "2021" },
                "rows": rows,
            },
            "review_litigation": t4,
            "sections": {
                "overview": first_sentence(&self.sections[0]),
                "problems": first_sentence(&self.sections[1]),
                "other": first_sentence(&self.sections[2]),
            },
        });
        if let Some(obj) = out.as_object_mut() {
            if !self.checks.is_empty() {
                obj.insert("checks".into(), Value::Array(self.checks.clone()));
            }
            if !self.diagnostics.is_empty() {
                obj.insert("diagnostics".into(), Value::Array(self.diagnostics.clone()));
            }
        }
        out
    }
}

/// The text up to the first full stop: what `sections` must contain.
fn first_sentence(s: &str) -> String {
    s.split('。').next().unwrap_or(s).to_string()
}

fn sections(organ: &str, year: i64) -> [String; 3] {
    [
        format!(
            "{year}年，{organ}坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》，\
             扎实推进决策、执行、管理、服务、结果公开。全年主动公开政府信息1268条。"
        ),
        "一是政府信息公开的及时性还需进一步提高。二是政策解读形式较为单一。下一步将加强培训，提升公开质量。"
            .to_string(),
        format!("{year}年度本机关未收取信息处理费。无其他需要报告的事项。"),
    ]
}

fn base_report(name: &'static str, organ: &str, year: i64, seed: u64) -> Report {
    let t3 = t3_cells(&t3_numbers(seed, 25));
    Report {
        name,
        title: format!("{organ}{year}年政府信息公开工作年度报告"),
        organ: organ.to_string(),
        year,
        sections: sections(organ, year),
        layout_2019: false,
        t2: t2_2021([
            n(2.0),
            n(1.0),
            n(15.0),
            n(23.0),
            n(4.0),
            n(187.0),
            n(9487.0),
            n(2776.0),
            n(84.0),
            n(96.5),
        ]),
        t3,
        t4: t4_cells([[3, 1, 0, 1], [2, 0, 1, 1], [1, 1, 0, 0]]),
        labels: Vec::new(),
        checks: Vec::new(),
        diagnostics: Vec::new(),
    }
}

fn reports() -> Vec<Report> {
    let full = base_report("full-2021", "某某市某某区人民政府", 2023, 7);

    let mut blanks = base_report("blanks-annotated", "某某县某某镇人民政府", 2022, 11);
    blanks.t2 = t2_2021([
        raw("", None),
        raw("/", None),
        raw("—", None),
        raw("22（其中修订16件）", Some(22.0)),
        raw("无", None),
        n(35.0),
        n(0.0),
        raw("", None),
        raw("—", None),
        raw("/", None),
    ]);
    // A few blank and dash cells in table 三 and 四 as well.
    for (row, col, text) in [(1, 2, "/"), (4, 3, ""), (11, 4, "—"), (20, 1, "无")] {
        if let Some(c) = blanks.t3.get_mut(row).and_then(|r| r.get_mut(col)) {
            *c = raw(text, None);
        }
    }
    for (i, text) in [(5, "/"), (6, "/"), (7, "/"), (8, "/"), (9, "/")] {
        if let Some(c) = blanks.t4.get_mut(i) {
            *c = raw(text, None);
        }
    }
    blanks.diagnostics = vec![json!({
        "code": "cell.annotated",
        "path": "active_disclosure.normative_documents.made",
    })];

    let mut mistakes = base_report("printed-mistakes", "某某市某某局", 2023, 23);
    // A wrong （七）总计 in the 总计 column, and a 表四 block whose 总计 is 0.
    if let Some(c) = mistakes.t3.get_mut(23).and_then(|r| r.get_mut(6)) {
        let wrong = c.value.unwrap_or(0.0) + 10.0;
        *c = n(wrong);
    }
    for (i, x) in [10.0, 1.0, 0.0, 0.0, 0.0].into_iter().enumerate() {
        if let Some(c) = mistakes.t4.get_mut(i) {
            *c = n(x);
        }
    }
    mistakes.checks = vec![
        json!({"id": "t4.block_total", "subject": "review_litigation.review", "status": "fail"}),
        json!({"id": "t3.row_total", "status": "fail"}),
        json!({"id": "t3.results_total", "status": "fail"}),
        json!({"id": "t3.balance", "status": "fail"}),
    ];

    let mut old = base_report("layout-2019", "某某县人民政府办公室", 2020, 31);
    old.layout_2019 = true;
    old.t3 = t3_cells(&t3_numbers(31, 23));
    old.t2 = vec![
        ("regulations", "new_made", n(1.0)),
        ("regulations", "new_published", n(1.0)),
        ("regulations", "total_published", n(12.0)),
        ("normative_documents", "new_made", n(6.0)),
        ("normative_documents", "new_published", n(6.0)),
        ("normative_documents", "total_published", n(58.0)),
        ("licensing", "previous_items", n(213.0)),
        ("licensing", "change", raw("+12", Some(12.0))),
        ("licensing", "processed", n(5120.0)),
        ("other_services", "previous_items", n(46.0)),
        ("other_services", "change", n(0.0)),
        ("other_services", "processed", n(388.0)),
        ("punishment", "previous_items", n(1021.0)),
        ("punishment", "change", n(-3.0)),
        ("punishment", "processed", n(731.0)),
        ("coercion", "previous_items", n(37.0)),
        ("coercion", "change", n(0.0)),
        ("coercion", "processed", n(15.0)),
        ("fees", "previous_items", n(4.0)),
        ("fees", "change", n(-1.0)),
        ("procurement", "items", n(17.0)),
        ("procurement", "total_amount", n(356.8)),
    ];
    old.diagnostics = vec![json!({
        "code": "cell.annotated",
        "path": "active_disclosure.licensing.change",
    })];

    let mut labels = base_report("label-variants", "某某市某某区某某街道办事处", 2024, 47);
    labels.labels = vec![
        ("本年废止件数", "本年度止件数"),
        ("现行有效件", "现行有效文件"),
        ("第二十条第（五）项", "第二十六条第（五）项"),
        (
            "一、本年新收政府信息公开申请数量",
            "一、本年新收到政府信息公开申请数量",
        ),
        ("1.信访举报投诉类申请", "1.信访举报类申请"),
        ("5.属于三类内部事务信息", "5、属于第三类内部事务信息"),
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("2.其他法律行政法规禁止公开", "2、其他法律行政法规禁止公开"),
        ("3.危及“三安全一稳定”", "3、危及“三安全一稳定”"),
        ("4.保护第三方合法权益", "4、保护第三方合法权益"),
        ("6.属于四类过程性信息", "6、属于四类过程性信息"),
        ("7.属于行政执法案卷", "7、属于行政执法案卷"),
        ("8.属于行政查询事项", "8、属于行政查询事项"),
    ];
    // Full-width digits in table 四 and the first row of table 三.
    let full_width = |v: &V| V {
        text: v
            .text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
                _ => c,
            })
            .collect(),
        value: v.value,
    };
    labels.t4 = labels.t4.iter().map(full_width).collect();
    if let Some(row) = labels.t3.get_mut(0) {
        *row = row.iter().map(full_width).collect();
    }

    vec![full, blanks, mistakes, old, labels]
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
fn fill(template: &str, report: &Report) -> Result<Vec<u8>> {
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

/// Write a package: the template's entries with document.xml replaced.
fn write_package(template: &[u8], document: &[u8], out: &Path) -> Result<()> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(template))?;
    let mut zout = zip::ZipWriter::new(std::fs::File::create(out)?);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let file = zin.by_index(i)?;
        if file.name()? == "word/document.xml" {
            zout.start_file("word/document.xml", opts)?;
            zout.write_all(document)?;
        } else {
            zout.raw_copy_file(file)?;
        }
    }
    zout.finish()?;
    Ok(())
}

fn write_expected(dir: &Path, name: &str, value: &Value) -> Result<()> {
    let path = dir.join(format!("{name}.expected.json"));
    std::fs::write(&path, serde_json::to_string_pretty(value)? + "\n")
        .with_context(|| path.display().to_string())
}

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/docx");
    std::fs::create_dir_all(&dir)?;
    let template = std::fs::read(root.join("fixtures/samples/template-2021.docx"))?;
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&template))?
        .by_name("word/document.xml")?
        .read_to_string(&mut xml)?;
    let reports = reports();
    for report in &reports {
        let document = fill(&xml, report)?;
        write_package(
            &template,
            &document,
            &dir.join(format!("{}.docx", report.name)),
        )?;
        write_expected(&dir, report.name, &report.expected())?;
        println!("fixtures/docx/{}.docx", report.name);
    }
    if let Some(full) = reports.first() {
        libreoffice_copy(&dir, full)?;
    }
    docx_rs_report(&dir)?;
    Ok(())
}

/// The full report saved again by LibreOffice (its own DOCX writer).
fn libreoffice_copy(dir: &Path, full: &Report) -> Result<()> {
    let tmp = std::env::temp_dir().join("gongkai-soffice");
    std::fs::create_dir_all(&tmp)?;
    let src = tmp.join("libreoffice-2021.docx");
    std::fs::copy(dir.join(format!("{}.docx", full.name)), &src)?;
    let out_dir = tmp.join("out");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&out_dir)
        .arg(&src)
        .status()
        .context("running soffice")?;
    if !status.success() {
        bail!("soffice failed: {status}");
    }
    std::fs::copy(
        out_dir.join("libreoffice-2021.docx"),
        dir.join("libreoffice-2021.docx"),
    )?;
    write_expected(dir, "libreoffice-2021", &full.expected())?;
    println!("fixtures/docx/libreoffice-2021.docx");
    Ok(())
}

/// A report built from scratch with docx-rs: merges by gridSpan and vMerge.
fn docx_rs_report(dir: &Path) -> Result<()> {
    use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};

    let mut report = base_report("docx-rs", "某某省某某厅", 2023, 59);
    report.t4 = t4_cells([[1, 0, 0, 0], [0, 1, 0, 1], [0, 0, 0, 0]]);
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |t: &str| TableCell::new().add_paragraph(para(t));
    let row = |cells: Vec<TableCell>| TableRow::new(cells);

    // Table 二.
    let get = |i: usize| {
        report
            .t2
            .get(i)
            .map(|(_, _, v)| v.text.clone())
            .unwrap_or_default()
    };
    let caption = |t: &str| row(vec![cell(t).grid_span(4)]);
    let t2 = Table::new(vec![
        caption("第二十条第（一）项"),
        row(vec![
            cell("信息内容"),
            cell("本年制发件数"),
            cell("本年废止件数"),
            cell("现行有效件数"),
        ]),
        row(vec![
            cell("规章"),
            cell(&get(0)),
            cell(&get(1)),
            cell(&get(2)),
        ]),
        row(vec![
            cell("行政规范性文件"),
            cell(&get(3)),
            cell(&get(4)),
            cell(&get(5)),
        ]),
        caption("第二十条第（五）项"),
        row(vec![
            cell("信息内容"),
            cell("本年处理决定数量").grid_span(3),
        ]),
        row(vec![cell("行政许可"), cell(&get(6)).grid_span(3)]),
        caption("第二十条第（六）项"),
        row(vec![
            cell("信息内容"),
            cell("本年处理决定数量").grid_span(3),
        ]),
        row(vec![cell("行政处罚"), cell(&get(7)).grid_span(3)]),
        row(vec![cell("行政强制"), cell(&get(8)).grid_span(3)]),
        caption("第二十条第（八）项"),
        row(vec![
            cell("信息内容"),
            cell("本年收费金额（单位：万元）").grid_span(3),
        ]),
        row(vec![cell("行政事业性收费"), cell(&get(9)).grid_span(3)]),
    ])
    .set_grid(vec![2400; 4]);

    // Table 三.
    let cont = || {
        TableCell::new()
            .vertical_merge(VMergeType::Continue)
            .add_paragraph(para(""))
    };
    let mut rows = vec![
        row(vec![
            cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
                .grid_span(3)
                .vertical_merge(VMergeType::Restart),
            cell("申请人情况").grid_span(7),
        ]),
        row(vec![
            cont().grid_span(3),
            cell("自然人").vertical_merge(VMergeType::Restart),
            cell("法人或其他组织").grid_span(5),
            cell("总计").vertical_merge(VMergeType::Restart),
        ]),
        row(vec![
            cont().grid_span(3),
            cont(),
            cell("商业企业"),
            cell("科研机构"),
            cell("社会公益组织"),
            cell("法律服务机构"),
            cell("其他"),
            cont(),
        ]),
    ];
    let groups: [(&str, &[&str]); 4] = [
        (
            "（三）不予公开",
            &[
                "1.属于国家秘密",
                "2.其他法律行政法规禁止公开",
                "3.危及“三安全一稳定”",
                "4.保护第三方合法权益",
                "5.属于三类内部事务信息",
                "6.属于四类过程性信息",
                "7.属于行政执法案卷",
                "8.属于行政查询事项",
            ],
        ),
        (
            "（四）无法提供",
            &[
                "1.本机关不掌握相关政府信息",
                "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确",
            ],
        ),
        (
            "（五）不予处理",
            &[
                "1.信访举报投诉类申请",
                "2.重复申请",
                "3.要求提供公开出版物",
                "4.无正当理由大量反复申请",
                "5.要求行政机关确认或重新出具已获取信息",
            ],
        ),
        (
            "（六）其他处理",
            &[
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "3.其他",
            ],
        ),
    ];
    let values = |i: usize| -> Vec<TableCell> {
        report
            .t3
            .get(i)
            .map(|r| r.iter().map(|v| cell(&v.text)).collect())
            .unwrap_or_default()
    };
    let with = |mut head: Vec<TableCell>, i: usize| {
        head.extend(values(i));
        row(head)
    };
    rows.push(with(
        vec![cell("一、本年新收政府信息公开申请数量").grid_span(3)],
        0,
    ));
    rows.push(with(
        vec![cell("二、上年结转政府信息公开申请数量").grid_span(3)],
        1,
    ));
    rows.push(with(
        vec![
            cell("三、本年度办理结果").vertical_merge(VMergeType::Restart),
            cell("（一）予以公开").grid_span(2),
        ],
        2,
    ));
    rows.push(with(
        vec![
            cont(),
            cell("（二）部分公开（区分处理的，只计这一情形，不计其他情形）").grid_span(2),
        ],
        3,
    ));
    let mut i = 4;
    for (head, items) in groups {
        for (k, item) in items.iter().enumerate() {
            let sub = if k == 0 {
                cell(head).vertical_merge(VMergeType::Restart)
            } else {
                cont()
            };
            rows.push(with(vec![cont(), sub, cell(item)], i));
            i += 1;
        }
    }
    rows.push(with(vec![cont(), cell("（七）总计").grid_span(2)], 23));
    rows.push(with(vec![cell("四、结转下年度继续办理").grid_span(3)], 24));
    let t3 = Table::new(rows).set_grid(vec![700, 900, 3200, 700, 700, 700, 700, 700, 700, 700]);

    // Table 四.
    let labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut header2 = Vec::new();
    let mut header3 = Vec::new();
    for l in labels {
        header2.push(cell(l).vertical_merge(VMergeType::Restart));
        header3.push(cont());
    }
    header2.push(cell("未经复议直接起诉").grid_span(5));
    header2.push(cell("复议后起诉").grid_span(5));
    for _ in 0..2 {
        header3.extend(labels.iter().map(|l| cell(l)));
    }
    let t4 = Table::new(vec![
        row(vec![
            cell("行政复议").grid_span(5),
            cell("行政诉讼").grid_span(10),
        ]),
        row(header2),
        row(header3),
        row(report.t4.iter().map(|v| cell(&v.text)).collect()),
    ])
    .set_grid(vec![640; 15]);

    let docx = Docx::new()
        .add_paragraph(para(&report.title))
        .add_paragraph(para("一、总体情况"))
        .add_paragraph(para(&report.sections[0]))
        .add_paragraph(para("二、主动公开政府信息情况"))
        .add_table(t2)
        .add_paragraph(para("三、收到和处理政府信息公开申请情况"))
        .add_table(t3)
        .add_paragraph(para("四、政府信息公开行政复议、行政诉讼情况"))
        .add_table(t4)
        .add_paragraph(para("五、存在的主要问题及改进情况"))
        .add_paragraph(para(&report.sections[1]))
        .add_paragraph(para("六、其他需要报告的事项"))
        .add_paragraph(para(&report.sections[2]));
    let file = std::fs::File::create(dir.join("docx-rs.docx"))?;
    docx.build().pack(file)?;
    write_expected(dir, "docx-rs", &report.expected())?;
    println!("fixtures/docx/docx-rs.docx");
    Ok(())
}
