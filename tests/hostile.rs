//! Hostile and broken input through the real binary: every file under
//! `fixtures/bad/` (made by `cargo xtask fixtures bad`, plus the fuzzers'
//! regression inputs under `fixtures/bad/fuzz/`) must fail with exit 1 and a
//! single stderr line naming the file and the reason, within a few seconds
//! and without a panic. The resource limits are checked flag by flag.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use gongkai_testkit::fixtures::{files_under, write_repeated};

#[path = "support/limit_cases.rs"]
mod limit_cases;
use limit_cases::LIMIT_CASES;

/// Wall time allowed per file: a hang detector, not a speed target (speed
/// is `cargo xtask bench`'s). The worst bad file takes about 1 s in release
/// and 5 s in a debug build, 13 s on a machine loaded by parallel builds;
/// an unbounded input would take minutes.
const MAX_TIME: Duration = Duration::from_secs(30);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bad_dir() -> PathBuf {
    root().join("fixtures/bad")
}

fn run(args: &[&std::ffi::OsStr]) -> (Output, Duration) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run gongkai: {e}"));
    (out, start.elapsed())
}

fn convert(file: &Path, extra: &[&str]) -> (Output, Duration) {
    let mut args: Vec<&std::ffi::OsStr> = vec!["convert".as_ref(), file.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    run(&args)
}

/// The ways `file` failed to fail cleanly; empty when it did.
fn refusal_problems(file: &Path, extra: &[&str]) -> (Vec<String>, String) {
    let (out, took) = convert(file, extra);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let name = file.display().to_string();
    let mut problems = Vec::new();
    if out.status.code() != Some(1) {
        problems.push(format!("exit {:?}, expected 1", out.status.code()));
    }
    if took > MAX_TIME {
        problems.push(format!("took {took:?}"));
    }
    if stderr.contains("panicked") {
        problems.push("a panic".to_string());
    }
    let lines: Vec<&str> = stderr.lines().collect();
    if lines.len() != 1 {
        problems.push(format!("{} stderr lines", lines.len()));
    }
    if !lines
        .first()
        .is_some_and(|l| l.starts_with("gongkai: error: ") && l.contains(&name))
    {
        problems.push("the error does not name the file".to_string());
    }
    // The reason follows the file name and is more than a word.
    let reason = lines
        .first()
        .and_then(|l| l.split_once(&format!("{name}: ")))
        .map(|(_, r)| r.trim())
        .unwrap_or_default();
    if reason.len() < 10 {
        problems.push("no reason given".to_string());
    }
    (problems, stderr.trim_end().to_string())
}

/// The reason given for a file, for the assertions on what was said.
fn reason(file: &str) -> String {
    let path = bad_dir().join(file);
    let (problems, stderr) = refusal_problems(&path, &[]);
    assert!(problems.is_empty(), "{file}: {problems:?}\n{stderr}");
    stderr
}

#[test]
fn every_bad_fixture_fails_cleanly() {
    let files = files_under(&bad_dir());
    assert!(files.len() >= 34, "only {} bad fixtures", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let (problems, stderr) = refusal_problems(file, &[]);
        if !problems.is_empty() {
            failures.push(format!("{}: {problems:?}\n    {stderr}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_fixture_fails_cleanly_in_inspect_too() {
    for file in files_under(&bad_dir()) {
        let (out, took) = run(&["inspect".as_ref(), file.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(took < MAX_TIME, "{}: took {took:?}", file.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
        // Inspect shows what a reader saw, so a readable non-report passes;
        // an unreadable file fails with one line.
        if !out.status.success() {
            assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", file.display());
        }
    }
}

#[test]
fn reasons_say_what_is_wrong() {
    for ext in ["txt", "docx", "pdf", "xlsx", "md", "json"] {
        assert!(reason(&format!("empty.{ext}")).contains("empty file"));
    }
    let bomb = reason("zip-bomb.docx");
    assert!(bomb.contains("--max-"), "{bomb}");
    // The zip reader stops at the declared size, so the lie is caught there.
    let lying = reason("zip-bomb-lying.docx");
    assert!(lying.contains("larger than its declared"), "{lying}");
    // The deep document compresses beyond the ratio limit; with that raised
    // the depth limit stops it.
    let deep = bad_dir().join("deep-nesting.docx");
    let (problems, stderr) = refusal_problems(&deep, &["--max-zip-ratio", "100000"]);
    assert!(problems.is_empty(), "{problems:?}\n{stderr}");
    assert!(stderr.contains("--max-xml-depth"), "{stderr}");
    for f in ["encrypted.pdf", "encrypted.docx"] {
        let r = reason(f);
        assert!(r.contains("encrypted"), "{r}");
    }
    let doc = reason("legacy.doc");
    assert!(
        doc.contains("soffice --headless --convert-to docx"),
        "{doc}"
    );
    let bomb = reason("pdf-flate-bomb.pdf");
    assert!(bomb.contains("content stream cannot be decoded"), "{bomb}");
    let truncated = reason("truncated.pdf");
    assert!(truncated.contains("truncated"), "{truncated}");
    let truncated = reason("truncated.xlsx");
    assert!(truncated.contains("xlsx"), "{truncated}");
    // Few cells, but one wide row makes a dense grid of millions.
    for f in ["wide-table.docx", "wide-table.txt", "wide-table.md"] {
        let r = reason(f);
        assert!(r.contains("--max-cells"), "{r}");
    }
    let laughs = reason("pdf-form-laughs.pdf");
    assert!(laughs.contains("--max-pdf-ops"), "{laughs}");
    let array = reason("pdf-huge-array.pdf");
    assert!(array.contains("--max-pdf-array"), "{array}");
    let objects = reason("pdf-many-objects.pdf");
    assert!(objects.contains("--max-pdf-objects"), "{objects}");
    let inflates = reason("pdf-image-inflates.pdf");
    assert!(
        inflates.contains(
            "says it is 100×100 pixels (10000 bytes), but its stream decodes to more than"
        ),
        "{inflates}"
    );
    let short = reason("pdf-image-short.pdf");
    assert!(short.contains("decodes to 1000 bytes"), "{short}");
    let jbig2 = reason("pdf-image-jbig2.pdf");
    assert!(jbig2.contains("JBIG2 images are not supported"), "{jbig2}");
    let unknown = reason("shift_jis.txt");
    assert!(unknown.contains("encoding"), "{unknown}");
}

#[test]
fn pdf_named_docx_is_read_as_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.docx");
    std::fs::copy(root().join("fixtures/pdf/narrow_t3_two_pages.pdf"), &file).unwrap();
    let (out, took) = convert(&file, &["--compact"]);
    assert!(took < MAX_TIME, "took {took:?}");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"]["format"], "pdf");
}

/// A file of about `size` bytes of report-like text.
fn big_text(path: &Path, size: usize) {
    let line = "一、总体情况 本年度共收到政府信息公开申请12件，全部按期答复。1234567890\n";
    write_repeated(path, "", line, size).unwrap();
}

#[test]
fn a_100_mb_text_file_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.txt");
    big_text(&file, 100 << 20);
    let (problems, stderr) = refusal_problems(&file, &[]);
    assert!(problems.is_empty(), "{problems:?}\n{stderr}");
    assert!(stderr.contains("--max-"), "{stderr}");
    // The input limit refuses it before it is read at all.
    let (problems, stderr) = refusal_problems(&file, &["--max-input-bytes", "1000000"]);
    assert!(problems.is_empty(), "{problems:?}\n{stderr}");
    assert!(stderr.contains("--max-input-bytes"), "{stderr}");
}

/// Each limit flag, set low, stops a real fixture with an error naming it.
#[test]
fn limits_are_honoured_and_named() {
    let mut failures = Vec::new();
    for (file, flag, value, raised) in LIMIT_CASES {
        let path = root().join(file);
        let mut args = vec![*flag, *value];
        args.extend_from_slice(raised);
        let (problems, stderr) = refusal_problems(&path, &args);
        if !problems.is_empty() || !stderr.contains(flag) {
            failures.push(format!("{file} {flag} {value}: {problems:?}\n    {stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A limit added to the table without a hostile case here fails.
#[test]
fn every_limit_has_a_hostile_case() {
    for spec in gongkai::LIMITS {
        let flag = format!("--{}", spec.flag);
        assert!(
            LIMIT_CASES.iter().any(|(_, f, _, _)| *f == flag),
            "no case in LIMIT_CASES for {flag}"
        );
    }
}

/// The README's limits table lists every flag with its default.
#[test]
fn readme_lists_every_limit() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for spec in gongkai::LIMITS {
        let row = format!("| `--{}` | {}", spec.flag, spec.default);
        assert!(readme.contains(&row), "README has no row starting {row:?}");
    }
}

/// A byte limit that is not a size is a usage error naming the flag.
#[test]
fn a_bad_limit_value_is_a_usage_error() {
    let file = root().join("fixtures/samples/hzq2024.pdf");
    let (out, _) = convert(&file, &["--max-input-bytes", "12X"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--max-input-bytes"), "{stderr}");
}

/// Reference cycles under a tiny recursion limit still end in one clean error.
#[test]
fn pdf_cycle_under_a_low_depth_limit_fails_cleanly() {
    let file = bad_dir().join("pdf-cycle.pdf");
    let (problems, stderr) = refusal_problems(&file, &["--max-pdf-depth", "2"]);
    assert!(problems.is_empty(), "{problems:?}\n{stderr}");
}

/// Copies of `fixture` in a new temporary directory, named `0.EXT`…
fn copies(fixture: &str, n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = root().join(fixture);
    let ext = from.extension().unwrap().to_string_lossy().into_owned();
    for i in 0..n {
        std::fs::copy(&from, dir.path().join(format!("{i}.{ext}"))).unwrap();
    }
    dir
}

/// A job past `--timeout` stops working: with `-j 1`, the process never
/// holds more than its one worker (plus the main and Ctrl-C threads, and
/// one more for a moment while a stopped worker leaves). Before, each
/// timed-out worker kept running beside its replacement.
#[cfg(target_os = "linux")]
#[test]
fn a_timed_out_job_stops_and_frees_its_thread() {
    // Forms drawing forms a hundred times six deep: 10^12 operators, with
    // the operator limit out of the way.
    let dir = copies("fixtures/bad/pdf-form-laughs.pdf", 6);
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["convert", "-j", "1", "--timeout", "0.5", "-q"])
        .args(["--max-pdf-ops", "1000000000000"])
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut most = 0;
    while child.try_wait().unwrap().is_none() {
        let threads = std::fs::read_to_string(&status)
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or(0);
        most = most.max(threads);
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("timed out after 0.5 s").count(),
        6,
        "{stderr}"
    );
    assert!(most <= 4, "{most} threads at once");
}

/// An input over `--max-memory` is one error line in a batch; the others
/// are converted.
#[test]
fn an_input_over_the_memory_budget_costs_only_its_own_line() {
    let dir = copies("fixtures/samples/hzq2024.pdf", 1);
    std::fs::copy(
        root().join("fixtures/text/hzq2024-layout.txt"),
        dir.path().join("small.txt"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        "convert".as_ref(),
        dir.path().as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
        "--max-memory".as_ref(),
        "400K".as_ref(),
    ];
    let (output, _) = run(&args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("0.pdf")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(
        errors.iter().all(|l| l.contains("--max-memory")),
        "{stderr}"
    );
    assert!(out.path().join("small.json").exists(), "{stderr}");
}

/// XLS files whose compound-file container lies (found by the xlsx fuzz
/// target): calamine's own container reader panicked on them (a slice past
/// the end, an assert on the FAT's length); the `cfb` crate reads the
/// container first and says what is wrong.
#[test]
fn a_damaged_xls_container_is_told_not_a_panic() {
    for file in [
        "fuzz/xlsx-cfb-sector-past-eof.xls",
        "fuzz/xlsx-cfb-fat-length.xls",
    ] {
        let said = reason(file);
        assert!(said.contains("damaged compound file"), "{file}: {said}");
        assert!(!said.contains("panicked"), "{file}: {said}");
    }
}

/// An object nothing refers to is never parsed, so it costs neither time nor
/// memory: the huge array of `pdf-huge-array.pdf`, which stops the read at
/// the memory budget in [`LIMIT_CASES`], passes that budget once the font no
/// longer names it as its widths (a same-length edit, so the offsets hold).
#[test]
fn an_object_nothing_needs_costs_nothing() {
    let (fixture, flag, value, raised) = LIMIT_CASES
        .iter()
        .find(|(f, flag, ..)| f.ends_with("pdf-huge-array.pdf") && *flag == "--max-memory")
        .expect("the huge array's memory case");
    let data = std::fs::read(root().join(fixture)).unwrap();
    let (from, to) = (b"/Widths 7 0 R", b"/Widths [7 0]");
    let at = data
        .windows(from.len())
        .position(|w| w == from)
        .expect("the fixture's font names the array as its widths");
    let mut unused = data.clone();
    unused[at..at + to.len()].copy_from_slice(to);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unused-array.pdf");
    std::fs::write(&file, &unused).unwrap();
    let mut args = vec![*flag, *value];
    args.extend_from_slice(raised);
    // The page is read (and is no report); the array is never built.
    let (problems, stderr) = refusal_problems(&file, &args);
    assert!(problems.is_empty(), "{problems:?}\n{stderr}");
    assert!(!stderr.contains(flag), "{stderr}");
    assert!(
        stderr.contains("not a 政府信息公开工作年度报告"),
        "{stderr}"
    );
}
