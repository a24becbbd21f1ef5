//! Why a file could not be read, in Chinese throughout under a Chinese
//! locale: every hostile or broken fixture and every limit tripped, through
//! the real binary, leave no English word of gongkai's own on standard
//! error (a parser's or the system's words may follow, marked as theirs).

#[path = "support/binary.rs"]
mod binary;
#[path = "support/limit_cases.rs"]
mod limit_cases;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use binary::{fixture, BIN};
use gongkai_testkit::english::english_words;
use gongkai_testkit::fixtures::files_under;
use limit_cases::LIMIT_CASES;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `gongkai ARGS` under a Chinese locale.
fn chinese(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("cannot run gongkai")
}

/// The English words on `stderr`'s lines, the file's path taken out; each
/// problem names the line.
fn english_on(stderr: &str, file: &Path) -> Vec<String> {
    let path = file.display().to_string();
    stderr
        .lines()
        .filter_map(|line| {
            let words = english_words(&line.replace(&path, ""));
            (!words.is_empty()).then(|| format!("{words:?} in {line}"))
        })
        .collect()
}

#[test]
fn every_bad_fixture_is_refused_in_chinese() {
    let files = files_under(&fixture("bad"));
    assert!(files.len() >= 34, "only {} bad fixtures", files.len());
    let mut failures = Vec::new();
    for file in &files {
        for sub in ["convert", "inspect"] {
            let out = chinese(&[sub.as_ref(), file.as_os_str()]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            if !out.status.success() && !stderr.starts_with("gongkai：错误：") {
                failures.push(format!("{sub} {}: {stderr}", file.display()));
            }
            failures.extend(english_on(&stderr, file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_limit_is_said_in_chinese() {
    let mut failures = Vec::new();
    for (file, flag, value, raised) in LIMIT_CASES {
        let path = root().join(file);
        let mut args: Vec<&std::ffi::OsStr> = vec!["convert".as_ref(), path.as_os_str()];
        args.push(std::ffi::OsStr::new(*flag));
        args.push(std::ffi::OsStr::new(*value));
        args.extend(raised.iter().map(std::ffi::OsStr::new));
        let out = chinese(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !stderr.contains(&format!("超过限制 {flag} ")) {
            failures.push(format!("{file} {flag} {value}: {stderr}"));
        }
        failures.extend(english_on(&stderr, &path));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// System errors beyond a missing file are said by their kind, the
/// system's words marked as its detail: a read that fails (`EIO`), standard
/// output on a full disk, an output or summary path under a file.
#[cfg(target_os = "linux")]
#[test]
fn io_errors_are_said_in_chinese() {
    let report = fixture("docx/full-2021.docx");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let under_file = file.join("out.json");
    let summary = file.join("s.csv");
    let out_dir = dir.path().join("out");
    let full = std::fs::File::create("/dev/full").unwrap();
    let cases: [(&[&std::ffi::OsStr], &str, Option<std::fs::File>); 4] = [
        (
            &["convert".as_ref(), "/proc/self/mem".as_ref()],
            "无法读取文件：",
            None,
        ),
        (
            &[
                "convert".as_ref(),
                report.as_os_str(),
                "-o".as_ref(),
                "-".as_ref(),
            ],
            "磁盘已满",
            Some(full),
        ),
        (
            &[
                "convert".as_ref(),
                report.as_os_str(),
                "-o".as_ref(),
                under_file.as_os_str(),
            ],
            "无法写入输出：",
            None,
        ),
        (
            &[
                "convert".as_ref(),
                report.as_os_str(),
                "-o".as_ref(),
                out_dir.as_os_str(),
                "--summary".as_ref(),
                summary.as_os_str(),
            ],
            "：",
            None,
        ),
    ];
    for (args, said, stdout) in cases {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "zh_CN.UTF-8");
        if let Some(stdout) = stdout {
            command.stdout(stdout);
        }
        let out = command.output().expect("cannot run gongkai");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.starts_with("gongkai：错误："), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        let problems: Vec<String> = stderr
            .lines()
            .flat_map(|line| english_words(&line.replace(&*dir.path().to_string_lossy(), "")))
            .collect();
        assert!(problems.is_empty(), "{args:?}: {problems:?} in {stderr}");
    }
}

/// Bad values and patterns are said in Chinese too: a limit's value that is
/// not a number, a size suffix not known, a pattern that matches nothing.
#[test]
fn bad_values_and_patterns_are_said_in_chinese() {
    let report = fixture("docx/full-2021.docx");
    let cases: [(&[&str], &str); 3] = [
        (&["--max-cells", "abc"], "\"abc\" 不是整数"),
        (&["--max-input-bytes", "12X"], "不认识的大小后缀 'X'"),
        (&["nothing/*.pdf"], "没有文件与这个模式匹配"),
    ];
    for (extra, said) in cases {
        let mut args: Vec<&std::ffi::OsStr> = vec!["validate".as_ref(), report.as_os_str()];
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        let out = chinese(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(said), "{extra:?}: {stderr}");
        // What the user typed is echoed as typed.
        let ours = extra
            .iter()
            .fold(stderr.to_string(), |s, typed| s.replace(typed, ""));
        assert!(english_on(&ours, &report).is_empty(), "{extra:?}: {stderr}");
    }
}

/// A dataset that cannot be written says why in Chinese: an organ alias
/// file with a line of one column, a database of an older schema, and an
/// extension that names no dataset format (a usage error).
#[test]
fn dataset_errors_are_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let aliases = dir.path().join("aliases.csv");
    std::fs::write(&aliases, "某某县人民政府办公室\n").unwrap();
    let old = dir.path().join("old.sqlite");
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("CREATE TABLE reports (id INTEGER); PRAGMA user_version = 1;")
        .unwrap();
    let input = fixture("text/script-in-title.txt");
    let out_dir = dir.path().join("out");
    // The dataset, the flags after it, and what the error must say.
    let unknown = dir.path().join("d.foo");
    let new = dir.path().join("d.sqlite");
    let cases: [(&Path, &[&std::ffi::OsStr], &str); 3] = [
        (
            &new,
            &["--organ-alias".as_ref(), aliases.as_os_str()],
            "第 1 行",
        ),
        (&old, &[], "较早版本"),
        (&unknown, &[], "未知的数据集格式"),
    ];
    for (dataset, flags, expected) in cases {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "convert".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out_dir.as_os_str(),
            "--dataset".as_ref(),
            dataset.as_os_str(),
        ];
        args.extend_from_slice(flags);
        let out = chinese(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        let english = english_on(
            &stderr.replace(&dir.path().display().to_string(), ""),
            Path::new("\0"),
        );
        assert!(english.is_empty(), "{english:?}");
    }
}

/// A PDF error raised from a reader's diagnostic keeps its page and the
/// font's name in Chinese too (they were in the English message only).
#[test]
fn a_noticed_pdf_error_names_its_page_in_chinese() {
    let cases = [
        (
            "pdf-cycle.pdf",
            "第1页：字体没有 ToUnicode 映射",
            "（原文：",
        ),
        ("pdf-flate-bomb.pdf", "第1页：页面内容流无法解码", ""),
    ];
    for (name, said, detail) in cases {
        let file = fixture("bad").join(name);
        let out = chinese(&["convert".as_ref(), file.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: {stderr}");
        assert!(stderr.contains(said), "{name}: {stderr}");
        assert!(stderr.contains(detail), "{name}: {stderr}");
    }
}
