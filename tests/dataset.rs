//! `convert --dataset`: the real binary writes a SQLite database that is
//! queried here, a CSV that is read back, and a database that survives a
//! batch killed mid-way and is completed, without duplicates, by running
//! the batch again. Also `validate a b` across years.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::gongkai;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn years_dir() -> PathBuf {
    root().join("fixtures/years")
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn open(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap_or_else(|e| panic!("{}: {e}", db.display()))
}

fn one<T: rusqlite::types::FromSql>(conn: &rusqlite::Connection, sql: &str) -> T {
    conn.query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The number of values in a 2021-layout report with all three tables:
/// 表二 10, 表三 25 × 7, 表四 15.
const CELLS_PER_REPORT: i64 = 10 + 25 * 7 + 15;

/// `fixtures/years/` converted into `tmp/out` with `--dataset dataset`.
fn convert_years(tmp: &Path, dataset: &Path, more: &[&str]) -> std::process::Output {
    let (dir, out, dataset) = (s(&years_dir()), s(&tmp.join("out")), s(dataset));
    let mut args = vec!["convert", &dir, "-o", &out, "--dataset", &dataset, "-q"];
    args.extend_from_slice(more);
    gongkai_ok(&args)
}

/// Run the real binary; it must exit 0.
fn gongkai_ok(args: &[&str]) -> std::process::Output {
    let out = gongkai(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn dataset_sqlite_is_queried() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = tmp.path().join("d.sqlite");
    let alias = years_dir().join("organ-alias.csv");
    convert_years(tmp.path(), &db, &["--organ-alias", &s(&alias)]);
    let conn = open(&db);
    assert_eq!(one::<i64>(&conn, "SELECT count(*) FROM reports"), 6);
    assert_eq!(
        one::<i64>(&conn, "SELECT count(*) FROM cells"),
        6 * CELLS_PER_REPORT
    );
    // 乙 2023 carried over 2 (自然人 2, 商业企业 0); 乙 2022 carried forward 3 (2, 1).
    let mut stmt = conn
        .prepare(
            "SELECT r.organ, r.year, k.subject, k.expected, k.actual FROM checks k JOIN reports r ON r.id = k.report_id
             WHERE k.id = 'year.carried_over' AND k.status = 'fail' ORDER BY k.subject",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let fails: Vec<(String, i32, String, f64, f64)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .collect();
    assert_eq!(
        fails,
        [
            (
                "乙县人民政府".into(),
                2023,
                "applications.rows.carried_over.legal_person_commercial".into(),
                1.0,
                0.0
            ),
            (
                "乙县人民政府".into(),
                2023,
                "applications.rows.carried_over.total".into(),
                3.0,
                2.0
            ),
        ]
    );
    // The renamed organ is paired through the alias file: 7 passes, no unmatched.
    assert_eq!(
        one::<i64>(&conn, "SELECT count(*) FROM checks k JOIN reports r ON r.id = k.report_id WHERE r.organ = '丙县人民政府办公厅' AND k.id = 'year.carried_over' AND k.status = 'pass'"),
        7
    );
    assert_eq!(
        one::<i64>(
            &conn,
            "SELECT count(*) FROM checks WHERE id = 'year.unmatched'"
        ),
        0
    );
    // The wide view: 甲 2023 新收 = 办理总计 36 + 结转 0 − 上年结转 2.
    assert_eq!(
        one::<f64>(&conn, "SELECT new_received_total FROM applications_wide WHERE organ = '甲县人民政府' AND year = 2023"),
        34.0
    );
    assert_eq!(
        one::<i64>(&conn, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ('reports_organ', 'reports_year')"),
        2
    );
    assert_eq!(one::<String>(&conn, "PRAGMA integrity_check"), "ok");
}

#[test]
fn dataset_csv_reads_back() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = tmp.path().join("cells.csv");
    let out = convert_years(tmp.path(), &csv, &[]);
    // The year checks run over a CSV batch too.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("disagree-2023.md: FAIL year.carried_over"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&csv).unwrap_or_else(|e| panic!("{e}"));
    let body = text
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("no BOM"));
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("path,sha256,organ,year,table,row,column,value,raw,location")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let named = |path: &str, file: &str| Path::new(path).file_name() == Some(file.as_ref());
    assert_eq!(rows.len() as i64, 6 * CELLS_PER_REPORT);
    let value = |file: &str, row: &str, col: &str| -> Option<String> {
        rows.iter()
            .find(|r| {
                r.first().is_some_and(|p| named(p, file))
                    && r.get(4) == Some(&"applications")
                    && r.get(5) == Some(&row)
                    && r.get(6) == Some(&col)
            })
            .and_then(|r| r.get(7).map(|v| v.to_string()))
    };
    // Rows come in the order the workers finish; a path is matched by its
    // file name, since a suffix would also take disagree-2022.md.
    let agree: Vec<&Vec<&str>> = rows
        .iter()
        .filter(|r| r.first().is_some_and(|p| named(p, "agree-2022.md")))
        .collect();
    assert_eq!(
        value("agree-2022.md", "carried_forward", "total").as_deref(),
        Some("2"),
        "{} rows of agree-2022.md, first {:?}",
        agree.len(),
        agree.first()
    );
    assert_eq!(
        value("disagree-2023.md", "carried_over", "natural_person").as_deref(),
        Some("2")
    );
    assert!(
        rows.iter().all(|r| r.get(2) != Some(&"")),
        "an organ is missing"
    );
}

#[test]
fn dataset_resumes_after_a_killed_batch() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap_or_else(|e| panic!("{e}"));
    let sample =
        std::fs::read(root().join("fixtures/markdown/sample.md")).unwrap_or_else(|e| panic!("{e}"));
    let total: i64 = 800;
    for i in 0..total {
        std::fs::write(inputs.join(format!("r{i:04}.md")), &sample)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let db = tmp.path().join("d.sqlite");
    let args = [
        "convert".to_string(),
        s(&inputs),
        "-o".into(),
        s(&tmp.path().join("out")),
        "--dataset".into(),
        s(&db),
        "-j".into(),
        "1".into(),
        "-q".into(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    // Kill it (SIGKILL: no clean-up) once some reports are in.
    let start = Instant::now();
    loop {
        let n =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .ok()
                .and_then(|c| {
                    c.query_row("SELECT count(*) FROM reports", [], |r| r.get::<_, i64>(0))
                        .ok()
                })
                .unwrap_or(0);
        if n >= 20 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap_or_else(|e| panic!("{e}"));
    let _ = child.wait();
    let conn = open(&db);
    assert_eq!(one::<String>(&conn, "PRAGMA integrity_check"), "ok");
    let done: i64 = one(&conn, "SELECT count(*) FROM reports");
    assert!(done >= 20 && done < total, "killed after {done} of {total}");
    // Every report that is in is whole.
    assert_eq!(
        one::<i64>(&conn, "SELECT count(*) FROM cells"),
        done * CELLS_PER_REPORT
    );
    drop(conn);

    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let rerun = gongkai_ok(&refs);
    // 800 copies of one organ and year: none is paired; the first ten are
    // named, the rest counted.
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert_eq!(
        stderr.matches("UNCERTAIN year.unmatched").count(),
        10,
        "{stderr}"
    );
    assert!(
        stderr.contains("… and 790 more reports not paired with another year (year.unmatched)"),
        "{stderr}"
    );
    let conn = open(&db);
    assert_eq!(one::<i64>(&conn, "SELECT count(*) FROM reports"), total);
    assert_eq!(
        one::<i64>(&conn, "SELECT count(DISTINCT path) FROM reports"),
        total
    );
    assert_eq!(
        one::<i64>(&conn, "SELECT count(*) FROM cells"),
        total * CELLS_PER_REPORT
    );
    // Each report's checks once: as many as the first report has.
    let per: i64 = one(&conn, "SELECT count(*) FROM checks WHERE report_id = (SELECT min(id) FROM reports) AND id NOT LIKE 'year.%'");
    assert_eq!(
        one::<i64>(
            &conn,
            "SELECT count(*) FROM checks WHERE id NOT LIKE 'year.%'"
        ),
        per * total
    );
}

#[test]
fn validate_two_years() {
    let dir = years_dir();
    let run = |a: &str, b: &str, alias: bool| {
        let mut args = vec!["validate".to_string(), s(&dir.join(a)), s(&dir.join(b))];
        if alias {
            args.extend(["--organ-alias".into(), s(&dir.join("organ-alias.csv"))]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = gongkai(&refs);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, text) = run("agree-2022.md", "agree-2023.md", false);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("across years: 7 checks, 0 failed, 0 uncertain"),
        "{text}"
    );
    let (code, text) = run("disagree-2022.md", "disagree-2023.md", false);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("across years: 7 checks, 2 failed"), "{text}");
    assert!(
        text.contains(
            "FAIL year.carried_over applications.rows.carried_over.legal_person_commercial"
        ),
        "{text}"
    );
    let (code, text) = run("renamed-2022.md", "renamed-2023.md", false);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("UNCERTAIN year.unmatched"), "{text}");
    let (code, text) = run("renamed-2022.md", "renamed-2023.md", true);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("across years: 7 checks, 0 failed, 0 uncertain"),
        "{text}"
    );
}

#[test]
fn dataset_of_one_file_at_a_time() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = tmp.path().join("d.sqlite");
    for name in ["disagree-2022.md", "disagree-2023.md", "disagree-2023.md"] {
        let input = s(&years_dir().join(name));
        let json = s(&tmp.path().join("x.json"));
        gongkai_ok(&["convert", &input, "-o", &json, "--dataset", &s(&db)]);
    }
    let conn = open(&db);
    // The second conversion of the same bytes adds nothing.
    assert_eq!(one::<i64>(&conn, "SELECT count(*) FROM reports"), 2);
    assert_eq!(
        one::<i64>(
            &conn,
            "SELECT count(*) FROM checks WHERE id = 'year.carried_over' AND status = 'fail'"
        ),
        2
    );
}

#[test]
fn dataset_names_every_unpaired_report() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = tmp.path().join("d.sqlite");
    let dir = root().join("fixtures/years-unpaired");
    let (dir, out, dataset) = (s(&dir), s(&tmp.path().join("out")), s(&db));
    let run = gongkai_ok(&["convert", &dir, "-o", &out, "--dataset", &dataset, "-q"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    // The pair 庚 2022–2023 is checked (7 columns); the 5 others are named.
    assert!(
        stderr.contains(
            "across years: 12 checks, 0 failed, 5 uncertain; 5 reports not paired with another year"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("lone-2023.md: UNCERTAIN year.unmatched organ: no report of this organ for 2022 or 2024: 2023 is not paired"),
        "{stderr}"
    );
    let conn = open(&db);
    let mut stmt = conn
        .prepare(
            "SELECT r.path, k.status, k.message FROM checks k JOIN reports r ON r.id = k.report_id
             WHERE k.id = 'year.unmatched' ORDER BY r.path",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|(p, status, m)| {
            let name = Path::new(&p)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, status, m)
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "gap-2021.md",
            "gap-2023.md",
            "lone-2023.md",
            "twice-2023-a.md",
            "twice-2023-b.md"
        ],
        "{rows:#?}"
    );
    assert!(rows.iter().all(|r| r.1 == "uncertain"), "{rows:#?}");
    let message = |name: &str| {
        rows.iter()
            .find(|r| r.0 == name)
            .map(|r| r.2.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        message("gap-2021.md"),
        "no report of this organ for 2020 or 2022: 2021 is not paired"
    );
    assert!(
        message("twice-2023-b.md").starts_with("several reports of one organ for 2023 ("),
        "{rows:#?}"
    );
    assert_eq!(
        one::<i64>(
            &conn,
            "SELECT count(*) FROM checks WHERE id = 'year.carried_over' AND status = 'pass'"
        ),
        7
    );
}

#[test]
fn validate_json_puts_year_checks_in_the_later_years_element() {
    let dir = years_dir();
    let (a, b) = (
        s(&dir.join("disagree-2022.md")),
        s(&dir.join("disagree-2023.md")),
    );
    let out = gongkai(&["validate", &b, &a, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let all = v.as_array().cloned().unwrap_or_default();
    // One element per input, in the order given; each a report result.
    let files: Vec<String> = all
        .iter()
        .map(|e| {
            e.get("file")
                .and_then(|f| f.as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(files, [b.clone(), a.clone()]);
    let later = all.first().cloned().unwrap_or_default();
    let earlier = all.get(1).cloned().unwrap_or_default();
    assert!(earlier.get("year_checks").is_none(), "{earlier}");
    let checks = later
        .get("year_checks")
        .and_then(|c| c.as_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(checks.len(), 7, "{later}");
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| c.get("status").and_then(|s| s.as_str()) == Some("fail"))
        .filter_map(|c| c.get("subject").and_then(|s| s.as_str()))
        .collect();
    assert_eq!(
        failed,
        [
            "applications.rows.carried_over.legal_person_commercial",
            "applications.rows.carried_over.total"
        ]
    );
    // The report's own counts stay its own checks'.
    assert_eq!(later.get("failed").and_then(|f| f.as_u64()), Some(0));
}

/// Without the `parquet` feature, `.parquet` is a usage error that names it.
#[cfg(not(feature = "parquet"))]
#[test]
fn dataset_parquet_needs_the_feature() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (dir, out) = (s(&years_dir()), s(&tmp.path().join("out")));
    let dataset = s(&tmp.path().join("d.parquet"));
    let run = gongkai(&["convert", &dir, "-o", &out, "--dataset", &dataset]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("the `parquet` feature"), "{stderr}");
    assert!(!tmp.path().join("out").exists(), "nothing is converted");
}

/// With the `parquet` feature: the four tables, read back with the parquet
/// crate's own reader.
#[cfg(feature = "parquet")]
#[test]
fn dataset_parquet_reads_back() {
    use gongkai_dataset::parquet::file::reader::{FileReader, SerializedFileReader};
    use gongkai_dataset::parquet::record::{Row, RowAccessor};

    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dataset = tmp.path().join("d.parquet");
    let alias = years_dir().join("organ-alias.csv");
    convert_years(tmp.path(), &dataset, &["--organ-alias", &s(&alias)]);
    let rows = |name: &str| -> Vec<Row> {
        let file =
            std::fs::File::open(dataset.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let reader = SerializedFileReader::new(file).unwrap_or_else(|e| panic!("{name}: {e}"));
        let n = reader.metadata().file_metadata().num_rows();
        let rows: Vec<Row> = reader
            .get_row_iter(None)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .map(|r| r.unwrap_or_else(|e| panic!("{name}: {e}")))
            .collect();
        assert_eq!(rows.len() as i64, n, "{name}");
        rows
    };
    let text = |r: &Row, i: usize| r.get_string(i).map(|s| s.to_string()).unwrap_or_default();
    let reports = rows("reports.parquet");
    assert_eq!(reports.len(), 6);
    let id_of = |file: &str| {
        reports
            .iter()
            .find(|r| Path::new(&text(r, 1)).file_name() == Some(file.as_ref()))
            .and_then(|r| r.get_long(0).ok())
            .unwrap_or_else(|| panic!("no report {file}"))
    };
    let cells = rows("cells.parquet");
    assert_eq!(cells.len() as i64, 6 * CELLS_PER_REPORT);
    // agree-2022.md carried forward 2 in all.
    let agree = id_of("agree-2022.md");
    let value = cells
        .iter()
        .find(|r| {
            r.get_long(0).ok() == Some(agree)
                && text(r, 1) == "applications"
                && text(r, 2) == "carried_forward"
                && text(r, 3) == "total"
        })
        .and_then(|r| r.get_double(4).ok());
    assert_eq!(value, Some(2.0));
    let checks = rows("checks.parquet");
    let disagree = id_of("disagree-2023.md");
    let mut failed: Vec<String> = checks
        .iter()
        .filter(|r| text(r, 1) == "year.carried_over" && text(r, 3) == "fail")
        .map(|r| {
            assert_eq!(r.get_long(0).ok(), Some(disagree));
            text(r, 2)
        })
        .collect();
    failed.sort();
    assert_eq!(
        failed,
        [
            "applications.rows.carried_over.legal_person_commercial",
            "applications.rows.carried_over.total"
        ]
    );
    // Each report's own checks are there too, with the batch's year checks.
    assert!(checks.len() > 6 * 7, "{}", checks.len());
    // The diagnostics file is there and readable (these reports may have none).
    rows("diagnostics.parquet");
}
