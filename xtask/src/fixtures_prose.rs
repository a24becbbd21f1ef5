//! Generates `fixtures/prose/` (reports whose 总体情况 states numbers that
//! agree or disagree with their tables, and near-misses that must stay
//! `uncertain`) and `fixtures/years/` (consecutive years of one organ whose
//! 上年结转 and 结转下年度 agree or not), and `fixtures/years-unpaired/` (a
//! batch whose reports mostly have no other year to pair with). Each is the Markdown sample
//! (`fixtures/markdown/sample.md`) with its prose, organ, year and table 三
//! rows replaced; the expected checks are written from the numbers put in.

use std::path::Path;

use anyhow::{bail, Result};
use serde_json::{json, Value};

/// The sample's overview paragraph, replaced by each fixture's prose.
const SAMPLE_OVERVIEW: &str =
    "2023年，示例县人民政府坚持以公开为常态、不公开为例外，全面推进政务公开工作。";
const SAMPLE_ORGAN: &str = "示例县人民政府";
const SAMPLE_CARRIED_OVER: &str =
    "| 二、上年结转政府信息公开申请数量 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |";
const SAMPLE_CARRIED_FORWARD: &str = "| 四、结转下年度继续办理 |  |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |";
const SAMPLE_NEW_RECEIVED: &str =
    "| 一、本年新收政府信息公开申请数量 |  |  | 30 | 5 | 0 | 0 | 1 | 0 | 36 |";
/// The sample's （七）总计 row, kept in every year fixture.
const SAMPLE_PROCESSED: [u32; 7] = [31, 4, 0, 0, 1, 0, 36];

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let sample = std::fs::read_to_string(root.join("fixtures/markdown/sample.md"))?;
    for needle in [
        SAMPLE_OVERVIEW,
        SAMPLE_NEW_RECEIVED,
        SAMPLE_CARRIED_OVER,
        SAMPLE_CARRIED_FORWARD,
    ] {
        if !sample.contains(needle) {
            bail!("fixtures/markdown/sample.md no longer holds {needle:?}");
        }
    }
    prose(root, &sample)?;
    years(root, &sample)?;
    unpaired(root, &sample)?;
    Ok(())
}

/// A text check expected: id, status, the stated number, the table's.
fn text(id: &str, status: &str, stated: f64, table: f64) -> Value {
    json!({ "id": id, "status": status, "actual": stated, "expected": table })
}

/// The text checks in the order the agree and disagree fixtures state them.
const IDS: [&str; 10] = [
    "text.new_received",
    "text.carried_over",
    "text.total_processed",
    "text.carried_forward",
    "text.review",
    "text.litigation",
    "text.regulations_made",
    "text.regulations_repealed",
    "text.normative_made",
    "text.normative_repealed",
];

/// The sample's values for `IDS`.
const TABLE: [f64; 10] = [36.0, 2.0, 36.0, 2.0, 2.0, 1.0, 0.0, 0.0, 22.0, 3.0];

/// One expected check per id: the stated numbers against `TABLE`.
fn checked(stated: &[f64; 10], status: &str) -> Vec<Value> {
    IDS.iter()
        .zip(stated.iter().zip(TABLE))
        .map(|(id, (s, t))| text(id, status, *s, t))
        .collect()
}

/// The sample's table values the prose is compared with: 新收 36, 上年结转 2,
/// 办理总计 36, 结转下年度 2, 行政复议 2, 行政诉讼 1 + 0, 规章 0 / 0,
/// 行政规范性文件 22 / 3.
fn prose(root: &Path, sample: &str) -> Result<()> {
    let dir = root.join("fixtures/prose");
    std::fs::create_dir_all(&dir)?;
    let agree = "2023年，示例县人民政府全年共收到政府信息公开申请36件，上年结转2件，办结36件，结转下年度继续办理2件。\
因政府信息公开被申请行政复议2件。因政府信息公开被提起行政诉讼1件。\
本年制发规章0件。废止规章0件。本年制发行政规范性文件22件，废止行政规范性文件3件。";
    let agree_checks: Vec<Value> = checked(&TABLE, "pass");
    let disagree =
        "全年共收到政府信息公开申请40件。上年结转政府信息公开申请5件。办结政府信息公开申请30件。\
结转下年度继续办理的申请4件。因政府信息公开被申请行政复议3件。因政府信息公开被提起行政诉讼2件。\
本年制发规章1件。废止规章1件。本年制发行政规范性文件20件。废止行政规范性文件1件。";
    let stated = [40.0, 5.0, 30.0, 4.0, 3.0, 2.0, 1.0, 1.0, 20.0, 1.0];
    let disagree_checks: Vec<Value> = checked(&stated, "fail");
    // Each sentence would fail if read as a plain statement of this year's
    // figure; each must stay uncertain. The last three state nothing checked:
    // two counts for two cells in one clause, other business, a rate.
    let near_miss = "2022年共收到政府信息公开申请30件。\
去年收到政府信息公开申请30件。\
全年共收到政府信息公开申请40件，其中自然人提出申请35件。\
收到政府信息公开申请40件，同比增长25%。\
依申请公开按时答复率为95%，办结政府信息公开申请30件。\
共收到政府信息公开申请38件。\
收到政府信息公开申请约40件。\
县政府办公室代表县政府受理政府信息公开申请17件。\
收到政府信息公开申请30至40件。\
因政府信息公开被申请行政复议和提起行政诉讼各1件。\
全年办结人大代表建议12件，政协提案8件。\
办结率达到100%。";
    let near_miss_checks = json!([
        text("text.new_received", "uncertain", 30.0, 36.0),
        text("text.new_received", "uncertain", 30.0, 36.0),
        text("text.new_received", "uncertain", 40.0, 36.0),
        text("text.new_received", "uncertain", 40.0, 36.0),
        text("text.total_processed", "uncertain", 30.0, 36.0),
        text("text.new_received", "uncertain", 38.0, 36.0),
        text("text.new_received", "uncertain", 40.0, 36.0),
        text("text.new_received", "uncertain", 17.0, 36.0),
        text("text.new_received", "uncertain", 40.0, 36.0),
    ]);
    for (name, overview, checks) in [
        ("agree", agree, json!(agree_checks)),
        ("disagree", disagree, json!(disagree_checks)),
        ("near-miss", near_miss, near_miss_checks),
    ] {
        let report = sample.replacen(SAMPLE_OVERVIEW, overview, 1);
        let expected = json!({ "year": 2023, "checks": checks });
        write_pair(&dir, &format!("{name}.md"), &report, &expected)?;
    }
    println!("prose fixtures written to {}", dir.display());
    Ok(())
}

/// A table 三 row line with these seven values.
fn row(label: &str, values: [u32; 7]) -> String {
    let cells: Vec<String> = values.iter().map(u32::to_string).collect();
    format!("| {label} |  |  | {} |", cells.join(" | "))
}

/// One year of an organ: the sample with its organ, year and table 三's
/// 上年结转 and 结转下年度 rows replaced, and 本年新收 set so that each
/// column still balances (新收 + 上年结转 = 总计 + 结转下年度).
fn year_report(sample: &str, organ: &str, year: i32, over: [u32; 7], forward: [u32; 7]) -> String {
    let mut new = [0u32; 7];
    for (i, slot) in new.iter_mut().enumerate() {
        let at = |a: &[u32; 7]| a.get(i).copied().unwrap_or(0);
        *slot = (at(&SAMPLE_PROCESSED) + at(&forward)).saturating_sub(at(&over));
    }
    sample
        .replacen(
            SAMPLE_NEW_RECEIVED,
            &row("一、本年新收政府信息公开申请数量", new),
            1,
        )
        .replace(SAMPLE_ORGAN, organ)
        .replace("2023", &year.to_string())
        .replacen(
            SAMPLE_CARRIED_OVER,
            &row("二、上年结转政府信息公开申请数量", over),
            1,
        )
        .replacen(
            SAMPLE_CARRIED_FORWARD,
            &row("四、结转下年度继续办理", forward),
            1,
        )
}

/// Pairs of consecutive years: one that agrees, one that does not (法人 ·
/// 商业企业 carried forward 1, carried over 0), one whose organ was renamed
/// (matched only with `organ-alias.csv`).
fn years(root: &Path, sample: &str) -> Result<()> {
    let dir = root.join("fixtures/years");
    std::fs::create_dir_all(&dir)?;
    // (stem, organ last year, organ this year, 2022 结转下年度, 2023 上年结转)
    let pairs = [
        (
            "agree",
            "甲县人民政府",
            "甲县人民政府",
            [1, 1, 0, 0, 0, 0, 2],
            [1, 1, 0, 0, 0, 0, 2],
        ),
        (
            "disagree",
            "乙县人民政府",
            "乙县人民政府",
            [2, 1, 0, 0, 0, 0, 3],
            [2, 0, 0, 0, 0, 0, 2],
        ),
        (
            "renamed",
            "丙县人民政府办公室",
            "丙县人民政府办公厅",
            [3, 0, 0, 0, 0, 0, 3],
            [3, 0, 0, 0, 0, 0, 3],
        ),
    ];
    let none = [0; 7];
    for (stem, organ_last, organ_this, forward, over) in pairs {
        let last = year_report(sample, organ_last, 2022, none, forward);
        std::fs::write(dir.join(format!("{stem}-2022.md")), last)?;
        let this = year_report(sample, organ_this, 2023, over, none);
        std::fs::write(dir.join(format!("{stem}-2023.md")), this)?;
    }
    std::fs::write(
        dir.join("organ-alias.csv"),
        "\u{feff}name,canonical\n丙县人民政府办公室,丙县人民政府办公厅\n",
    )?;
    println!("year fixtures written to {}", dir.display());
    Ok(())
}

/// A batch in which most reports have no other year to pair with: 丁's
/// 2021 and 2023 (a gap), 戊 2023 alone, 己 2023 twice, and one pair (庚
/// 2022 and 2023) that agrees. Each unpaired report must be named.
fn unpaired(root: &Path, sample: &str) -> Result<()> {
    let dir = root.join("fixtures/years-unpaired");
    std::fs::create_dir_all(&dir)?;
    let none = [0; 7];
    let forward = [1, 1, 0, 0, 0, 0, 2];
    // (file, organ, year, 上年结转, 结转下年度)
    let reports = [
        ("gap-2021.md", "丁县人民政府", 2021, none, none),
        ("gap-2023.md", "丁县人民政府", 2023, none, none),
        ("lone-2023.md", "戊县人民政府", 2023, none, none),
        ("twice-2023-a.md", "己县人民政府", 2023, none, none),
        ("twice-2023-b.md", "己县人民政府", 2023, none, none),
        ("pair-2022.md", "庚县人民政府", 2022, none, forward),
        ("pair-2023.md", "庚县人民政府", 2023, forward, none),
    ];
    for (name, organ, year, over, forward) in reports {
        std::fs::write(
            dir.join(name),
            year_report(sample, organ, year, over, forward),
        )?;
    }
    println!("unpaired year fixtures written to {}", dir.display());
    Ok(())
}

fn write_pair(dir: &Path, name: &str, data: &str, expected: &Value) -> Result<()> {
    std::fs::write(dir.join(name), data)?;
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let text = serde_json::to_string_pretty(expected)? + "\n";
    std::fs::write(dir.join(format!("{stem}.expected.json")), text)?;
    Ok(())
}
