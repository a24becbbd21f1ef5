//! The generated report fixtures under `fixtures/docx/` (see
//! `cargo xtask fixtures docx`): each reads, has three tables (nested in a
//! layout table in one of them), and holds every number its expected JSON
//! gives, printed in some cell.

use gongkai_ir::{dump, Block, ReadOptions, Table};
use gongkai_testkit::blocks::tables;
use gongkai_testkit::fixtures;

/// The tables and the tables nested in their cells, at any depth; the
/// tables that only lay others out left out.
fn all_tables<'d>(top: &[&'d Table]) -> Vec<&'d Table> {
    let mut out = Vec::new();
    let mut todo = top.to_vec();
    while let Some(t) = todo.pop() {
        let nested: Vec<&Table> = t
            .rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| &c.tables)
            .collect();
        if nested.is_empty() {
            out.push(t);
        }
        todo.extend(nested);
    }
    out
}

fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
    match v {
        serde_json::Value::Number(n) => out.extend(n.as_f64()),
        serde_json::Value::Object(m) => m.values().for_each(|v| numbers(v, out)),
        _ => {}
    }
}

/// Full-width digits as ASCII, so `１２` compares as `12`.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[test]
fn generated_fixtures_read_with_their_numbers() {
    let files = fixtures::files_in(&fixtures::root().join("docx"), &["docx"]);
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let doc = gongkai_format_docx::read(&data, &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if std::env::var_os("DOCX_DUMP").is_some() {
            println!("== {}\n{}", path.display(), dump(&doc));
        }
        let top = tables(&doc);
        let tables = all_tables(&top);
        assert_eq!(tables.len(), 3, "{}", path.display());
        let cells: Vec<String> = tables
            .iter()
            .flat_map(|t| t.rows.iter().flat_map(|r| r.cells.iter()))
            .map(|c| ascii_digits(c.text.trim()))
            .collect();
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixtures::expected_of(path).unwrap()).unwrap(),
        )
        .unwrap();
        let mut values = Vec::new();
        for key in ["active_disclosure", "applications", "review_litigation"] {
            numbers(&expected[key], &mut values);
        }
        for v in values {
            let found = cells.iter().any(|c| {
                c.split(['（', '+'])
                    .find(|s| !s.is_empty())
                    .and_then(|s| s.parse::<f64>().ok())
                    == Some(v)
            });
            assert!(found, "{}: no cell holds {v}", path.display());
        }
        let title = expected["title"].as_str().unwrap();
        let in_cell = |t: &&Table| {
            t.rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| c.text.lines().any(|l| l == title))
        };
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.text == title))
                || top.iter().any(in_cell),
            "{}: title {title} not found",
            path.display()
        );
    }
    assert!(files.len() >= 7, "only {} fixtures", files.len());
}
