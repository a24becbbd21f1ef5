//! End to end: `gongkai convert` over many inputs — a tree of every fixture
//! plus broken files, resume and `--force`, several formats, the summary,
//! the time limit, Ctrl-C, and `validate` over a directory.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture input that has a `NAME.expected.json` beside it, relative
/// to `fixtures/`.
fn fixture_inputs() -> Vec<PathBuf> {
    let base = root().join("fixtures");
    common::fixture_cases()
        .into_iter()
        .map(|(input, _)| input.strip_prefix(&base).unwrap().to_path_buf())
        .collect()
}

fn gongkai(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"))
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The broken inputs, by name, and a word their error line must hold.
const BAD: &[(&str, &str)] = &[
    ("bad/empty.pdf", "empty file"),
    ("bad/garbage.docx", "unknown format"),
    ("bad/truncated.pdf", ""),
    ("bad/truncated.docx", ""),
];

/// A tree `in/` with every fixture in its subdirectory and the bad files.
fn make_tree(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let input = dir.join("in");
    let fixtures = fixture_inputs();
    assert!(fixtures.len() >= 20, "fixtures not found");
    for rel in &fixtures {
        let to = input.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("fixtures").join(rel), to).unwrap();
    }
    let bad = input.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("empty.pdf"), b"").unwrap();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(bad.join("garbage.docx"), garbage).unwrap();
    let pdf = std::fs::read(root().join("fixtures/samples/hzq2024.pdf")).unwrap();
    std::fs::write(bad.join("truncated.pdf"), &pdf[..pdf.len() / 10]).unwrap();
    let docx = std::fs::read(root().join("fixtures/docx/full-2021.docx")).unwrap();
    std::fs::write(bad.join("truncated.docx"), &docx[..docx.len() / 2]).unwrap();
    (input, fixtures)
}

/// Where a fixture's output lands: its path with the extension replaced.
fn output_of(out: &Path, rel: &Path, ext: &str) -> PathBuf {
    out.join(rel).with_extension(ext)
}

fn lines_starting<'a>(text: &'a str, word: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(word)).collect()
}

/// The statuses of a converted input: its line's first word and its
/// summary row's status.
const CONVERTED: [&str; 3] = ["ok", "failed-checks", "incomplete"];

/// The lines of inputs converted now, whatever their status.
fn converted_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| CONVERTED.iter().any(|w| l.starts_with(&format!("{w} "))))
        .collect()
}

#[test]
fn a_tree_converts_reports_bad_files_resumes_and_is_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, fixtures) = make_tree(tmp.path());
    let out = tmp.path().join("out");
    let csv = tmp.path().join("summary.csv");
    let run = gongkai(&[
        p("convert"),
        &input,
        p("-o"),
        &out,
        p("--summary"),
        &csv,
        p("-j"),
        p("2"),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");

    // Every good input converted, into the mirrored tree, as whole JSON.
    for rel in &fixtures {
        let json = output_of(&out, rel, "json");
        let text = std::fs::read_to_string(&json)
            .unwrap_or_else(|e| panic!("{}: {e}\n{err}", json.display()));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["schema"], "gongkai.report/1", "{}", json.display());
    }
    assert_eq!(converted_lines(&err).len(), fixtures.len(), "{err}");
    // A blank template is incomplete, a report with broken sums has failed
    // checks: neither passes for ok.
    assert!(
        lines_starting(&err, "incomplete ")
            .iter()
            .any(|l| l.contains("template-2021.docx") && l.contains("表三 is empty")),
        "{err}"
    );
    assert!(
        lines_starting(&err, "failed-checks ")
            .iter()
            .any(|l| l.contains("printed-mistakes.docx")),
        "{err}"
    );
    // Every bad one named with its reason, and no output for it.
    let errors = lines_starting(&err, "error ");
    assert_eq!(errors.len(), BAD.len(), "{err}");
    for (name, reason) in BAD {
        let path = input.join(name);
        let line = errors
            .iter()
            .find(|l| l.starts_with(&format!("error {}: ", path.display())))
            .unwrap_or_else(|| panic!("no error line for {name}:\n{err}"));
        assert!(line.contains(reason), "{line}");
        assert!(!output_of(&out, Path::new(name), "json").exists());
    }
    assert!(err.contains(&format!(
        "{} converted, 0 skipped (up to date)",
        fixtures.len()
    )));
    assert!(err.contains(&format!("{} errors", BAD.len())), "{err}");

    // The summary: a byte-order mark, a header, a row per input.
    let summary = std::fs::read_to_string(&csv).unwrap();
    assert!(summary.starts_with('\u{feff}'));
    let rows: Vec<&str> = summary.lines().skip(1).collect();
    assert_eq!(rows.len(), fixtures.len() + BAD.len(), "{summary}");
    let header = summary.lines().next().unwrap();
    for column in ["path", "status", "organ", "year", "本年新收", "error"] {
        assert!(header.contains(column), "{header}");
    }
    for rel in &fixtures {
        let path = input.join(rel).display().to_string();
        assert!(
            rows.iter().any(|r| CONVERTED
                .iter()
                .any(|w| r.starts_with(&format!("{path},{w},")))),
            "no row of a converted input for {path}"
        );
    }
    let status_of = |name: &str| {
        rows.iter()
            .find(|r| r.contains(name))
            .and_then(|r| r.split(',').nth(1))
    };
    assert_eq!(status_of("samples/hzq2024.pdf,"), Some("ok"));
    assert_eq!(status_of("samples/template-2021.docx,"), Some("incomplete"));
    assert_eq!(
        status_of("docx/printed-mistakes.docx,"),
        Some("failed-checks")
    );
    for (name, _) in BAD {
        let path = input.join(name).display().to_string();
        assert!(rows
            .iter()
            .any(|r| r.starts_with(&format!("{path},error,"))));
    }
    // hzq2024: 新收 95, 上年结转 0, 复议 2, 诉讼 1 + 3.
    let hzq = rows
        .iter()
        .find(|r| r.contains("samples/hzq2024.pdf,"))
        .unwrap();
    assert!(hzq.contains(",95,0,"), "{hzq}");
    assert!(hzq.contains(",2,4,"), "{hzq}");

    // A second run skips everything that converted; the summary is filled
    // from the JSON written before.
    let again = gongkai(&[p("convert"), &input, p("-o"), &out, p("--summary"), &csv]);
    let err = stderr(&again);
    assert_eq!(again.status.code(), Some(1), "{err}");
    assert_eq!(lines_starting(&err, "skip ").len(), fixtures.len(), "{err}");
    assert!(converted_lines(&err).is_empty(), "{err}");
    let summary = std::fs::read_to_string(&csv).unwrap();
    let hzq = summary
        .lines()
        .find(|r| r.contains("samples/hzq2024.pdf,"))
        .unwrap();
    assert!(hzq.contains(",skipped,淮安市洪泽区人民政府,2024,"), "{hzq}");

    // --force converts them again.
    let forced = gongkai(&[p("convert"), &input, p("-o"), &out, p("--force")]);
    let err = stderr(&forced);
    assert_eq!(converted_lines(&err).len(), fixtures.len(), "{err}");
    assert!(lines_starting(&err, "skip ").is_empty(), "{err}");

    // Three formats: three outputs per input; an XLSX summary.
    let out3 = tmp.path().join("out3");
    let xlsx = tmp.path().join("summary.xlsx");
    let three = gongkai(&[
        p("convert"),
        &input,
        p("--to"),
        p("json,xlsx,md"),
        p("-o"),
        &out3,
        p("--quiet"),
        p("--summary"),
        &xlsx,
    ]);
    let err = stderr(&three);
    assert_eq!(three.status.code(), Some(1), "{err}");
    assert!(lines_starting(&err, "ok ").is_empty(), "--quiet: {err}");
    assert!(
        lines_starting(&err, "failed-checks ").is_empty(),
        "--quiet: {err}"
    );
    // An incomplete report is no success: said even when quiet.
    assert!(
        !lines_starting(&err, "incomplete ").is_empty(),
        "--quiet: {err}"
    );
    assert_eq!(lines_starting(&err, "error ").len(), BAD.len(), "{err}");
    for rel in &fixtures {
        for ext in ["json", "xlsx", "md"] {
            let f = output_of(&out3, rel, ext);
            assert!(f.exists(), "{} missing", f.display());
        }
        let md = std::fs::read_to_string(output_of(&out3, rel, "md")).unwrap();
        assert!(!md.is_empty());
    }
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    assert_no_temp_files(tmp.path());
}

#[test]
fn inputs_that_differ_only_in_extension_keep_it_and_inputs_are_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root().join("fixtures/docx/full-2021.docx"),
        dir.join("x.docx"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/samples/hzq2024.pdf"),
        dir.join("x.pdf"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/docx/docx-rs.docx"),
        dir.join("y.docx"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let run = gongkai(&[p("convert"), &dir, p("-o"), &out]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    for name in ["x.docx.json", "x.pdf.json", "y.json"] {
        assert!(out.join(name).exists(), "{name} missing");
    }

    // A report JSON converted into its own directory would overwrite itself.
    let json_dir = tmp.path().join("json");
    std::fs::create_dir_all(&json_dir).unwrap();
    let report = json_dir.join("y.json");
    std::fs::copy(out.join("y.json"), &report).unwrap();
    let before = std::fs::read(&report).unwrap();
    let run = gongkai(&[p("convert"), &json_dir, p("-o"), &json_dir, p("--force")]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(std::fs::read(&report).unwrap(), before);
    // The same through a glob, and through the file itself: the batch sees
    // the input inside the output directory before anything is written.
    for arg in [json_dir.join("*.json"), report.clone()] {
        let extra = json_dir.join("other.txt");
        std::fs::write(&extra, "x").unwrap();
        let run = gongkai(&[p("convert"), &arg, &extra, p("-o"), &json_dir, p("--force")]);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        assert!(err.contains("choose another -o"), "{arg:?}: {err}");
        assert_eq!(std::fs::read(&report).unwrap(), before);
    }
}

#[test]
fn globs_are_expanded_and_mirror_the_tree_below_the_pattern() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, fixtures) = make_tree(tmp.path());
    let out = tmp.path().join("out");
    let pattern = input.join("**").join("*.docx");
    let run = gongkai(&[p("convert"), &pattern, p("-o"), &out]);
    let err = stderr(&run);
    let docx: Vec<_> = fixtures
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "docx"))
        .collect();
    // The good DOCX files convert; the two broken ones fail.
    assert_eq!(converted_lines(&err).len(), docx.len(), "{err}");
    assert_eq!(lines_starting(&err, "error ").len(), 2, "{err}");
    for rel in docx {
        assert!(output_of(&out, rel, "json").exists());
    }
    // A pattern that matches nothing is that input's error.
    let none = gongkai(&[
        p("convert"),
        &input.join("*.nothing"),
        &input.join("docx"),
        p("-o"),
        &out,
    ]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stderr(&none).contains("no file matches"));
}

#[test]
fn a_file_past_the_time_limit_is_reported_and_the_batch_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..3 {
        std::fs::copy(
            root().join("fixtures/samples/hzq2024.pdf"),
            dir.join(format!("r{i}.pdf")),
        )
        .unwrap();
    }
    let out = tmp.path().join("out");
    let run = gongkai(&[
        p("convert"),
        &dir,
        p("-o"),
        &out,
        p("--timeout"),
        p("0.000001"),
    ]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("error ") && l.ends_with("timed out after 0.000001 s"))
            .count(),
        3,
        "{err}"
    );
    assert!(!out.join("r0.json").exists());
}

fn assert_no_temp_files(dir: &Path) {
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let path = e.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                assert!(
                    !path.to_string_lossy().ends_with(".tmp"),
                    "temporary file left: {}",
                    path.display()
                );
            }
        }
    }
}

/// Every output present is whole JSON; returns how many there are (the
/// hidden record of outputs is not one).
fn complete_outputs(out: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(out) else {
        return 0;
    };
    let mut n = 0;
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|err| panic!("{}: half written? {err}", path.display()));
        n += 1;
    }
    n
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_a_rerun_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let fixture = root().join("fixtures/samples/hzq2024.pdf");
    let mut copies = 300;
    loop {
        let dir = tmp.path().join(format!("in{copies}"));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..copies {
            std::fs::copy(&fixture, dir.join(format!("r{i:05}.pdf"))).unwrap();
        }
        let out = tmp.path().join(format!("out{copies}"));
        let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([p("convert"), &dir, p("-o"), &out])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        let pid = i32::try_from(child.id()).unwrap();
        // SAFETY: sends a signal to our own child; no memory is involved.
        unsafe {
            libc::kill(pid, libc::SIGINT);
        }
        let run = child.wait_with_output().unwrap();
        let err = stderr(&run);
        if run.status.code() == Some(0) {
            // It finished before the signal: try a bigger batch.
            assert!(copies < 5000, "cannot interrupt: {err}");
            copies *= 4;
            continue;
        }
        assert_eq!(run.status.code(), Some(130), "{err}");
        assert!(err.contains("interrupted:"), "{err}");
        assert_no_temp_files(tmp.path());
        let done = complete_outputs(&out);
        assert!(done < copies, "{done} of {copies}");

        let rerun = gongkai(&[p("convert"), &dir, p("-o"), &out, p("-j"), p("2")]);
        let err = stderr(&rerun);
        assert_eq!(rerun.status.code(), Some(0), "{err}");
        assert_eq!(lines_starting(&err, "skip ").len(), done, "{err}");
        assert_eq!(lines_starting(&err, "ok ").len(), copies - done, "{err}");
        assert_eq!(complete_outputs(&out), copies);
        return;
    }
}

#[test]
fn validate_checks_a_directory_for_people_and_machines() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, fixtures) = make_tree(tmp.path());
    let run = gongkai(&[p("validate"), &input.join("docx")]);
    let text = String::from_utf8_lossy(&run.stdout);
    // printed-mistakes.docx has broken sums: exit 1, each failure shown.
    assert_eq!(run.status.code(), Some(1), "{text}");
    assert!(text.contains("FAIL t3.balance"), "{text}");
    assert!(
        text.contains("（七）总计 总计: 10+21+…+6=189 ≠ 199"),
        "{text}"
    );

    let run = gongkai(&[p("validate"), &input, p("--format"), p("json")]);
    assert_eq!(run.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let all = v.as_array().unwrap();
    // Every element is one input's result; the year checks of a report
    // (reports of one organ in two years) are in its own element, and none
    // may fail on these unrelated fixtures.
    let items: Vec<&serde_json::Value> = all.iter().collect();
    for check in items
        .iter()
        .filter_map(|i| i.get("year_checks"))
        .flat_map(|y| y.as_array().unwrap())
    {
        assert!(
            check["id"].as_str().unwrap().starts_with("year."),
            "{check}"
        );
        assert_ne!(check["status"], "fail", "{check}");
    }
    assert!(items.iter().all(|i| i.get("file").is_some()));
    assert_eq!(items.len(), fixtures.len() + BAD.len());
    assert_eq!(
        items.iter().filter(|i| i.get("error").is_some()).count(),
        BAD.len()
    );
    let err = stderr(&run);
    assert!(err.contains("empty.pdf: empty file"), "{err}");

    // A good file alone passes.
    let ok = gongkai(&[p("validate"), &input.join("docx/full-2021.docx")]);
    assert_eq!(ok.status.code(), Some(0));
}
