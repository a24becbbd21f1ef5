//! Generates the text fixtures under `fixtures/text/`: the seeds in other
//! encodings, `pdftotext -layout` output (space-aligned columns), and
//! reports with printed mistakes, each with its expected JSON.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/text");
    std::fs::create_dir_all(&out)?;
    let seeds = root.join("fixtures/seeds");
    let seed0 = find(&seeds, "000_")?;
    let seed4 = find(&seeds, "004_")?;
    let text0 = std::fs::read_to_string(&seed0)?;
    let expected0 = read_json(&seed0.with_extension("expected.json"))?;

    // Encodings: GB18030 without BOM, UTF-16 LE and BE with BOM.
    let (gb, _, bad) = encoding_rs::GB18030.encode(&text0);
    if bad {
        bail!("seed 000 does not encode as GB18030");
    }
    let with_encoding = |label: &str, how: &str| {
        let mut e = expected0.clone();
        if let Some(obj) = e.as_object_mut() {
            let message = format!("text decoded as {label} ({how})");
            obj.insert(
                "diagnostics".into(),
                json!([{ "code": "text.encoding", "message": message }]),
            );
        }
        e
    };
    write_pair(
        &out,
        "seed000-gb18030.txt",
        &gb,
        &with_encoding("GB18030", "detected from its bytes"),
    )?;
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text0.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    write_pair(
        &out,
        "seed000-utf16le.txt",
        &le,
        &with_encoding("UTF-16LE", "from its byte-order mark"),
    )?;
    write_pair(
        &out,
        "seed000-utf16be.txt",
        &be,
        &with_encoding("UTF-16BE", "from its byte-order mark"),
    )?;
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text0.as_bytes());
    write_pair(
        &out,
        "seed000-utf8bom.txt",
        &bom,
        &with_encoding("UTF-8", "from its byte-order mark"),
    )?;

    // Space-aligned columns from pdftotext -layout.
    let pdf = root.join("fixtures/samples/hzq2024.pdf");
    let layout = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .context("pdftotext (poppler-utils) is needed to make the layout fixture")?;
    if !layout.status.success() {
        bail!("pdftotext failed on {}", pdf.display());
    }
    let expected_hzq = read_json(&root.join("fixtures/samples/hzq2024.expected.json"))?;
    write_pair(&out, "hzq2024-layout.txt", &layout.stdout, &expected_hzq)?;

    // Printed mistakes in seed 004 (Tika style): a wrong （七）总计 and a
    // wrong 表四 block (review 10 · 1 · 0 · 0 · 总计 0).
    let text4 = std::fs::read_to_string(&seed4)?;
    let mut lines: Vec<String> = text4.lines().map(str::to_string).collect();
    let total_row = lines
        .iter()
        .position(|l| l == "\t（七）总计")
        .context("no （七）总计 row in seed 004")?;
    // The 7th value after the label is 总计.
    set(&mut lines, total_row + 7, "\t2")?;
    let problems = lines
        .iter()
        .position(|l| l.starts_with("五、"))
        .context("no section 五 in seed 004")?;
    let first_value = (0..problems)
        .rev()
        .filter(|&i| lines.get(i).is_some_and(|l| l.starts_with('\t')))
        .nth(14)
        .context("no 15 values before section 五")?;
    for (offset, v) in ["10", "1", "0", "0", "0"].iter().enumerate() {
        set(&mut lines, first_value + offset, &format!("\t{v}"))?;
    }
    let mistakes = lines.join("\n") + "\n";
    let expected = json!({
        "title": "2024年慈溪市匡堰镇人民政府信息公开工作年度报告",
        "year": 2024,
        "applications": { "layout": "2021", "rows": { "total_processed": { "natural_person": 1, "total": 2 } } },
        "review_litigation": { "review": { "maintain": 10, "correct": 1, "other": 0, "unfinished": 0, "total": 0 } },
        "checks": [
            { "id": "t3.results_total", "subject": "applications.rows.total_processed.total", "status": "fail", "expected": 2, "actual": 1 },
            { "id": "t3.row_total", "subject": "applications.rows.total_processed.total", "status": "fail" },
            { "id": "t3.balance", "subject": "applications.rows.*.total", "status": "fail" },
            { "id": "t3.balance", "subject": "applications.rows.*.natural_person", "status": "pass" },
            { "id": "t4.block_total", "subject": "review_litigation.review", "status": "fail", "expected": 0, "actual": 11,
              "message": "行政复议: 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, 总计 0" },
            { "id": "t4.block_total", "subject": "review_litigation.litigation_direct", "status": "pass" },
            // The prose (共办结…1件) still states the total before the mistake.
            { "id": "text.total_processed", "subject": "applications.rows.total_processed.total", "status": "fail", "expected": 2, "actual": 1 }
        ]
    });
    write_pair(
        &out,
        "seed004-printed-mistakes.txt",
        mistakes.as_bytes(),
        &expected,
    )?;

    // The same report titled with a script, and an image whose error would
    // run code at the start of its overview (no spaces, which the title
    // drops; the title kept within the 60 characters a title may have): the
    // service's page must show both as text, never run them.
    let script = "<script>gongkaiPwned=1</script>";
    let image = "<img/src=x/onerror=gongkaiPwned=2>";
    let heading = lines
        .iter()
        .position(|l| l == "年度报告")
        .context("no 年度报告 line in seed 004")?;
    let overview = lines
        .iter()
        .position(|l| l == "一、总体情况")
        .context("no 一、总体情况 line in seed 004")?;
    let mut scripted_lines = lines.clone();
    if let Some(line) = scripted_lines.get_mut(overview + 1) {
        line.insert_str(0, image);
    }
    scripted_lines.insert(heading, script.to_string());
    let scripted = scripted_lines.join("\n") + "\n";
    let mut expected_scripted = expected.clone();
    if let Some(obj) = expected_scripted.as_object_mut() {
        obj.insert(
            "title".into(),
            json!(format!(
                "2024年慈溪市匡堰镇人民政府信息公开工作{script}年度报告"
            )),
        );
    }
    write_pair(
        &out,
        "script-in-title.txt",
        scripted.as_bytes(),
        &expected_scripted,
    )?;
    println!("text fixtures written to {}", out.display());
    Ok(())
}

fn find(dir: &Path, prefix: &str) -> Result<std::path::PathBuf> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(prefix) && name.ends_with(".txt") {
            return Ok(path);
        }
    }
    bail!("no {prefix}*.txt in {}", dir.display())
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(serde_json::from_str(&text)?)
}

fn set(lines: &mut [String], index: usize, value: &str) -> Result<()> {
    let line = lines.get_mut(index).context("line out of range")?;
    *line = value.to_string();
    Ok(())
}

fn write_pair(dir: &Path, name: &str, data: &[u8], expected: &Value) -> Result<()> {
    std::fs::write(dir.join(name), data)?;
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let text = serde_json::to_string_pretty(expected)? + "\n";
    std::fs::write(dir.join(format!("{stem}.expected.json")), text)?;
    Ok(())
}
