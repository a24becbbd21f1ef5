//! The habits of the tools our users know (pandoc, ripgrep, docling), end
//! to end through the real binary: the output format from `-o`'s extension,
//! `-` for standard input and output, binary output refused on a terminal,
//! unsupported documents reported, statuses in the summary, `--log json`,
//! a closed pipe.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_gongkai");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A complete report in a PDF.
fn sample() -> PathBuf {
    root().join("fixtures/samples/hzq2024.pdf")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("cannot run gongkai")
}

macro_rules! gongkai {
    ($($a:expr),* $(,)?) => { run(&[$(std::ffi::OsStr::new(&$a)),*]) };
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ZIP: &[u8] = b"PK\x03\x04";

#[test]
fn the_output_format_follows_the_extension_of_o() {
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("out.xlsx");
    let out = gongkai!("convert", sample(), "-o", xlsx);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(ZIP));
    let md = tmp.path().join("out.md");
    let out = gongkai!("convert", sample(), "-o", md);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
    // An extension no writer owns: JSON, the default.
    let other = tmp.path().join("out.data");
    let out = gongkai!("convert", sample(), "-o", other);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&other).unwrap().starts_with('{'));
}

#[test]
fn to_contradicting_the_extension_of_o_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let xlsx = tmp.path().join("out.xlsx");
    let out = gongkai!("convert", sample(), "--to", "json", "-o", xlsx);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("conflicts with -o"),
        "{}",
        stderr(&out)
    );
    assert!(!xlsx.exists());
    // Agreeing is fine.
    let out = gongkai!("convert", sample(), "--to", "xlsx", "-o", xlsx);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn binary_output_to_a_terminal_is_refused_with_a_hint() {
    let mut command = Command::new(BIN);
    command.args([
        "convert".as_ref(),
        sample().as_os_str(),
        "--to".as_ref(),
        "xlsx".as_ref(),
    ]);
    let (child, seen) = pty::spawn(command, pty::On::Stdout);
    let out = child.wait_with_output().unwrap();
    let shown = seen.join().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("-o FILE.xlsx"), "{}", stderr(&out));
    assert!(stderr(&out).contains("-o -"), "{}", stderr(&out));
    assert!(
        !shown.windows(2).any(|w| w == b"PK"),
        "zip bytes on the terminal"
    );
    // Text formats go to the terminal as usual.
    let mut command = Command::new(BIN);
    command.args([
        "convert".as_ref(),
        sample().as_os_str(),
        "--to".as_ref(),
        "md".as_ref(),
    ]);
    let (child, seen) = pty::spawn(command, pty::On::Stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&seen.join().unwrap()).contains("报告"));
}

#[test]
fn dash_o_writes_to_standard_output() {
    let out = gongkai!("convert", sample(), "--to", "xlsx", "-o", "-");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.starts_with(ZIP));
    let out = gongkai!("convert", sample(), "-o", "-");
    assert!(stdout(&out).contains("\"schema\": \"gongkai.report/1\""));
}

/// Runs gongkai with `input` on standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run gongkai");
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

#[test]
fn dash_reads_standard_input_and_from_names_its_format() {
    let pdf = std::fs::read(sample()).unwrap();
    let out = with_stdin(&["convert", "-"], &pdf);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["organ"], "淮安市洪泽区人民政府");
    let out = with_stdin(&["convert", "-", "--from", "pdf", "--to", "md"], &pdf);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("# "));
    // Named wrongly, the bytes are read as that format and refused.
    let out = with_stdin(&["convert", "-", "--from", "docx"], &pdf);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("docx"), "{}", stderr(&out));
    // validate reads standard input too.
    let out = with_stdin(&["validate", "-"], &pdf);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Standard input is the only input or none.
    let out = with_stdin(&["convert", "-", "x.pdf", "-o", "out"], &pdf);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn from_forces_a_reader_for_files() {
    let out = gongkai!("convert", sample(), "--from", "docx");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a valid docx file"),
        "{}",
        stderr(&out)
    );
    let out = gongkai!("convert", sample(), "--from", "nonsense");
    assert_eq!(out.status.code(), Some(2));
}

/// A directory holding one readable report and a document of each format
/// gongkai recognises but does not read.
fn mixed_tree(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(sample(), input.join("good.pdf")).unwrap();
    std::fs::copy(
        root().join("fixtures/html/lo-full-2021.html"),
        input.join("page.html"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/bad/legacy.doc"),
        input.join("old.doc"),
    )
    .unwrap();
    for name in ["old.wps", "sheet.et", "e.ofd", "scan.bmp", "scan.GIF"] {
        std::fs::write(input.join(name), b"not read").unwrap();
    }
    input
}

#[test]
fn unsupported_documents_in_a_directory_are_reported_counted_and_summarised() {
    let tmp = tempfile::tempdir().unwrap();
    let input = mixed_tree(tmp.path());
    let out_dir = tmp.path().join("out");
    let summary = tmp.path().join("s.csv");
    let out = gongkai!("convert", input, "-o", out_dir, "--summary", summary);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for name in [
        "old.doc", "old.wps", "sheet.et", "e.ofd", "scan.bmp", "scan.GIF",
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with("skip ") && l.contains(name))
            .unwrap_or_else(|| panic!("no skip line for {name}: {err}"));
        assert!(line.contains("(unsupported format: "), "{line}");
    }
    assert!(err.contains("6 unsupported"), "{err}");
    // The web page is read now that the HTML reader exists.
    assert!(err.lines().any(|l| l.contains("page.html ->")), "{err}");
    let csv = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(csv.matches(",unsupported,").count(), 6, "{csv}");
    // A folder of nothing but legacy documents says what they are.
    let only = tmp.path().join("only");
    std::fs::create_dir_all(&only).unwrap();
    std::fs::copy(root().join("fixtures/bad/legacy.doc"), only.join("a.doc")).unwrap();
    let out = gongkai!("convert", only, "-o", tmp.path().join("o2"));
    assert!(
        !stderr(&out).contains("no input files found"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("unsupported format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_summary_has_statuses_and_diagnostics_and_is_refilled_on_rerun() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(sample(), input.join("a.pdf")).unwrap();
    std::fs::copy(
        root().join("fixtures/docx/printed-mistakes.docx"),
        input.join("b.docx"),
    )
    .unwrap();
    std::fs::write(input.join("c.pdf"), b"%PDF-1.4 broken").unwrap();
    let out_dir = tmp.path().join("out");
    let summary = tmp.path().join("s.csv");
    let args = |s: &Path| {
        vec![
            "convert".into(),
            input.clone().into_os_string(),
            "-o".into(),
            out_dir.clone().into_os_string(),
            "--to".into(),
            "xlsx".into(),
            "--summary".into(),
            s.as_os_str().to_owned(),
        ]
    };
    let first = Command::new(BIN).args(args(&summary)).output().unwrap();
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let csv = std::fs::read_to_string(&summary).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("status"), "{header}");
    assert!(header.contains("diagnostics"), "{header}");
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(rows[0].contains(",ok,淮安市洪泽区人民政府,2024"), "{csv}");
    assert!(rows[1].contains(",failed-checks,"), "{csv}");
    assert!(rows[2].contains(",error,"), "{csv}");
    // Again: the XLSX outputs are up to date, and the summary is filled
    // from the inputs, not left blank.
    let again = tmp.path().join("again.csv");
    let second = Command::new(BIN).args(args(&again)).output().unwrap();
    assert!(stderr(&second).contains("2 skipped"), "{}", stderr(&second));
    let csv = std::fs::read_to_string(&again).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(
        rows[0].contains(",skipped,淮安市洪泽区人民政府,2024"),
        "{csv}"
    );
    assert!(rows[1].contains(",skipped,某某市某某局,2023"), "{csv}");
}

#[test]
fn a_bad_summary_extension_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = gongkai!("convert", sample(), "--summary", tmp.path().join("s.txt"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".csv or .xlsx"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn log_json_writes_one_record_per_input() {
    let tmp = tempfile::tempdir().unwrap();
    let input = mixed_tree(tmp.path());
    let log = |flag: &str| {
        let out = gongkai!("convert", input, "-o", tmp.path().join("out"), flag, "json");
        stdout(&out)
    };
    let text = log("--log");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(records.len(), 8, "{text}");
    let good = records
        .iter()
        .find(|r| r["input"].as_str().is_some_and(|p| p.ends_with("good.pdf")))
        .unwrap();
    assert_eq!(good["status"], "ok");
    assert_eq!(good["organ"], "淮安市洪泽区人民政府");
    assert!(good["outputs"][0].as_str().unwrap().ends_with("good.json"));
    let unsupported = records
        .iter()
        .filter(|r| r["status"] == "unsupported")
        .count();
    assert_eq!(unsupported, 6);
    // `--format json` is the same (ripgrep's and docling's spelling).
    let again = log("--format");
    assert_eq!(again.lines().count(), 8, "{again}");
    // One file to standard output: the log goes to standard error.
    let out = gongkai!("convert", sample(), "--log", "json");
    let record: serde_json::Value = serde_json::from_str(stderr(&out).trim()).unwrap();
    assert_eq!(record["status"], "ok");
    assert_eq!(record["outputs"][0], "-");
}

/// Runs `command` with its standard output (and, if `stderr_too`, its
/// standard error) a pipe whose reader went away before anything was
/// written (`| head -0`).
fn with_closed_pipe(command: &mut Command, stderr_too: bool) -> std::process::Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    if stderr_too {
        drop(child.stderr.take());
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_subcommand_quietly_with_exit_0() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = sample();
    let s = sample.to_str().unwrap();
    let out_dir = tmp.path().join("out");
    let o = out_dir.to_str().unwrap();
    let docx = root().join("fixtures/docx/printed-mistakes.docx");
    let d = docx.to_str().unwrap();
    for args in [
        vec!["convert", s],
        vec!["convert", s, "--to", "md"],
        vec!["convert", s, "-o", o, "--log", "json"],
        vec!["validate", d, s],
        vec!["validate", s, "--format", "json"],
        vec!["inspect", s],
        vec!["formats"],
        vec!["schema"],
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["convert", "--help"],
    ] {
        let mut command = Command::new(BIN);
        command.args(&args);
        let out = with_closed_pipe(&mut command, false);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("error") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

/// Standard error closed too (`gongkai … 2>&1 | head -0`): the lines for
/// people are lost, the work is not; a batch still converts every input and
/// exits 0 (it panicked on its first line before).
#[test]
fn a_closed_standard_error_loses_only_the_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["a", "b", "c"] {
        std::fs::copy(sample(), input.join(format!("{name}.pdf"))).unwrap();
    }
    let out_dir = tmp.path().join("out");
    for verbose in [false, true] {
        let mut command = Command::new(BIN);
        command.arg("convert").arg(&input).arg("-o").arg(&out_dir);
        if verbose {
            command.arg("-v").arg("--force");
        }
        let out = with_closed_pipe(&mut command, true);
        assert_eq!(out.status.code(), Some(0), "verbose {verbose}");
        for name in ["a", "b", "c"] {
            assert!(out_dir.join(format!("{name}.json")).is_file(), "{name}");
        }
    }
}
