//! The report model and its expected JSON: cell values, numbers, `Report`.

use std::path::Path;

use anyhow::{Context, Result};
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

/// The blocks and fields of table 四, in column order.
const T4_BLOCKS: [&str; 3] = ["review", "litigation_direct", "litigation_post_review"];
const T4_FIELDS: [&str; 5] = ["maintain", "correct", "other", "unfinished", "total"];

/// One value cell: what is printed and what the converter must read from it.
#[derive(Clone, Debug)]
pub(super) struct V {
    pub(super) text: String,
    pub(super) value: Option<f64>,
}

pub(super) fn n(x: f64) -> V {
    V {
        text: fmt_num(x),
        value: Some(x),
    }
}

/// A cell printed as `text` that reads as `value`.
pub(super) fn raw(text: &str, value: Option<f64>) -> V {
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
pub(super) fn t3_numbers(seed: u64, rows: usize) -> Vec<[i64; 7]> {
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

pub(super) fn t3_cells(numbers: &[[i64; 7]]) -> Vec<Vec<V>> {
    numbers
        .iter()
        .map(|r| r.iter().map(|&x| n(x as f64)).collect())
        .collect()
}

pub(super) fn t4_cells(blocks: [[i64; 4]; 3]) -> Vec<V> {
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
pub(super) type T2 = Vec<(&'static str, &'static str, V)>;

pub(super) fn t2_2021(values: [V; 10]) -> T2 {
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

/// A report to write, and what a converter must read from it.
pub(super) struct Report {
    pub(super) name: &'static str,
    pub(super) title: String,
    organ: String,
    year: i64,
    pub(super) sections: [String; 3],
    pub(super) layout_2019: bool,
    pub(super) t2: T2,
    pub(super) t3: Vec<Vec<V>>,
    pub(super) t4: Vec<V>,
    /// Label text replacements (whole `w:t` strings).
    pub(super) labels: Vec<(&'static str, &'static str)>,
    pub(super) checks: Vec<Value>,
    pub(super) diagnostics: Vec<Value>,
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

    pub(super) fn expected(&self) -> Value {
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
            let row: Map<String, Value> = gongkai::report::Applicant::ALL
                .iter()
                .zip(cells)
                .map(|(c, v)| (c.key().to_string(), json_num(v.value)))
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

pub(super) fn base_report(name: &'static str, organ: &str, year: i64, seed: u64) -> Report {
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

pub(super) fn write_expected(dir: &Path, name: &str, value: &Value) -> Result<()> {
    let path = dir.join(format!("{name}.expected.json"));
    std::fs::write(&path, serde_json::to_string_pretty(value)? + "\n")
        .with_context(|| path.display().to_string())
}
