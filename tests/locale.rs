//! Messages and `--help` in Chinese when the locale is Chinese, English
//! otherwise, end to end through the real binary.

#[path = "support/binary.rs"]
mod binary;

use std::process::{Command, Output};

use binary::{fixture, BIN};

/// Runs gongkai with only `LANG` (and `LC_ALL` when given) set for the locale.
fn with_locale(lang: &str, lc_all: Option<&str>, args: &[&std::ffi::OsStr]) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang);
    if let Some(all) = lc_all {
        command.env("LC_ALL", all);
    }
    command.output().expect("cannot run gongkai")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_and_usage_errors_follow_the_locale() {
    let help = with_locale("zh_CN.UTF-8", None, &["--help".as_ref()]);
    let out = text(&help.stdout);
    assert!(out.starts_with("把政府信息公开工作年度报告转换为"), "{out}");
    assert!(out.contains("convert      转换年度报告"), "{out}");
    assert!(out.contains("用法：gongkai <COMMAND>"), "{out}");
    assert!(out.contains("退出码：0 全部转换"), "{out}");
    let help = with_locale(
        "zh_CN.UTF-8",
        None,
        &["convert".as_ref(), "--help".as_ref()],
    );
    let out = text(&help.stdout);
    assert!(out.starts_with("转换年度报告"), "{out}");
    assert!(out.contains("用法：gongkai convert"), "{out}");
    assert!(out.contains("输出格式，逗号分隔"), "{out}");
    let help = with_locale("C.UTF-8", None, &["--help".as_ref()]);
    assert!(text(&help.stdout).starts_with("Convert Chinese government"));
    // LC_ALL wins over LANG.
    let help = with_locale("zh_CN.UTF-8", Some("C"), &["--help".as_ref()]);
    assert!(text(&help.stdout).starts_with("Convert Chinese government"));

    let dir = fixture("docx");
    let usage = with_locale("zh_CN.UTF-8", None, &["convert".as_ref(), dir.as_os_str()]);
    assert_eq!(usage.status.code(), Some(2));
    assert_eq!(
        text(&usage.stderr).trim(),
        "gongkai：错误：多个输入（或目录、通配模式）需要用 -o 指定输出目录"
    );
    // A file's error line.
    let missing = with_locale(
        "zh_CN.UTF-8",
        None,
        &["convert".as_ref(), "no/such.pdf".as_ref()],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).starts_with("gongkai：错误：no/such.pdf: "));
    let usage = with_locale("en_US.UTF-8", None, &["convert".as_ref(), dir.as_os_str()]);
    assert_eq!(
        text(&usage.stderr).trim(),
        "gongkai: error: several inputs (or a directory or pattern) need -o DIR"
    );
}

#[test]
fn closing_lines_follow_the_locale() {
    let mistakes = fixture("docx/printed-mistakes.docx");
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["validate".as_ref(), mistakes.as_os_str()],
    );
    let out = text(&run.stdout);
    assert!(
        out.lines()
            .last()
            .unwrap_or_default()
            .starts_with("共检查 1 个文件：无未通过检查 0 个，有未通过检查 1 个（共 4 项未通过"),
        "{out}"
    );
    // The check lines keep their ids and numbers.
    assert!(
        out.contains("FAIL t4.block_total 表四 行政复议: 10+1+0+0=11 ≠ 0"),
        "{out}"
    );

    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(&mistakes, input.join("a.docx")).unwrap();
    std::fs::write(input.join("old.wps"), b"not read").unwrap();
    let out_dir = tmp.path().join("out");
    let args = [
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
    ];
    let run = with_locale("zh_CN.UTF-8", None, &args);
    let err = text(&run.stderr);
    assert!(err.contains("（不支持的格式：WPS 文字文档"), "{err}");
    assert!(
        err.contains("汇总：共 2 个输入：转换 1 个，跳过（已是最新）0 个，检查未通过 1 个，不完整 0 个，不支持 1 个，错误 0 个"),
        "{err}"
    );
    let run = with_locale("C", None, &args);
    let err = text(&run.stderr);
    assert!(
        err.contains("summary: 2 inputs: 0 converted, 1 skipped (up to date)"),
        "{err}"
    );
}

#[test]
fn subcommand_help_is_chinese_throughout() {
    for sub in ["convert", "validate", "inspect", "serve", "man"] {
        let help = with_locale("zh_CN.UTF-8", None, &[sub.as_ref(), "--help".as_ref()]);
        let out = text(&help.stdout);
        assert!(out.contains("用法：gongkai "), "{out}");
        assert!(out.contains("选项:\n"), "{out}");
        assert!(out.contains("显示帮助"), "{out}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Limits:",
            "Print help",
            "[default:",
            "[possible values:",
        ] {
            assert!(!out.contains(english), "{sub}: {english} in {out}");
        }
        if sub != "man" {
            // The limit flags, made from the limits table.
            assert!(out.contains("限制:\n"), "{out}");
            assert!(out.contains("输入文件的最大字节数"), "{out}");
            assert!(out.contains("（默认：268435456）"), "{out}");
        }
    }
    let help = with_locale("zh_CN.UTF-8", None, &["convert".as_ref(), "-h".as_ref()]);
    let out = text(&help.stdout);
    assert!(out.contains("参数:\n  <INPUT>...  文件、目录"), "{out}");
    // `-h` ends with the examples, `--help` puts the notes before them.
    assert!(out.trim_end().ends_with("另写汇总表"), "{out}");
    assert!(!out.contains("有多个输入、目录或通配模式时"), "{out}");
    for sub in [
        "convert",
        "validate",
        "inspect",
        "serve",
        "formats",
        "schema",
        "completions",
        "man",
    ] {
        for (lang, examples) in [
            ("zh_CN.UTF-8", "\n示例：\n  gongkai "),
            ("C", "\nExamples:\n  gongkai "),
        ] {
            let help = with_locale(lang, None, &[sub.as_ref(), "--help".as_ref()]);
            let out = text(&help.stdout);
            let tail = out
                .rsplit_once(examples)
                .map(|(_, t)| t)
                .unwrap_or_default();
            let commands = tail
                .lines()
                .filter(|l| l.contains(&format!("gongkai {sub}")))
                .count();
            assert!(
                commands >= 1 && tail.lines().count() <= 3,
                "{sub} {lang}: {out}"
            );
        }
    }
    assert!(out.contains("（可选：text、json）（默认：text）"), "{out}");
    // English keeps clap's words.
    let help = with_locale("C", None, &["convert".as_ref(), "--help".as_ref()]);
    let out = text(&help.stdout);
    assert!(
        out.contains("Options:") && out.contains("Limits:") && out.contains("[default: 120]"),
        "{out}"
    );
}

/// Diagnostics as `validate` prints them for people are Chinese in a Chinese
/// locale: the code's sentence with the place in the report; the JSON keeps
/// the English message (the schema's).
#[test]
fn diagnostics_follow_the_locale_and_json_keeps_english() {
    let tmp = tempfile::tempdir().unwrap();
    let report = report_without_tables(tmp.path());
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["validate".as_ref(), report.as_os_str()],
    );
    assert_eq!(run.status.code(), Some(3));
    let out = text(&run.stdout);
    // Why it is incomplete, in Chinese too.
    assert!(
        out.contains("  INCOMPLETE 未找到表三，未找到表四\n"),
        "{out}"
    );
    assert!(
        out.contains("  ERROR table.missing: 表三：没有找到这张表\n"),
        "{out}"
    );
    assert!(
        !out.lines()
            .any(|l| l.contains("ERROR") && l.ends_with("not found")),
        "{out}"
    );
    // `-v` adds the English message, which spells out the particulars.
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["validate".as_ref(), "-v".as_ref(), report.as_os_str()],
    );
    let out = text(&run.stdout);
    assert!(
        out.contains("表三：没有找到这张表 [表三 收到和处理政府信息公开申请情况 not found]"),
        "{out}"
    );
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &[
            "validate".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            report.as_os_str(),
        ],
    );
    let out = text(&run.stdout);
    assert!(
        out.contains("\"表三 收到和处理政府信息公开申请情况 not found\""),
        "{out}"
    );
    assert!(!out.contains("没有找到这张表"), "{out}");
    assert!(
        out.contains("\"incomplete\": \"表三 not found, 表四 not found\""),
        "{out}"
    );
    let run = with_locale("C.UTF-8", None, &["validate".as_ref(), report.as_os_str()]);
    let out = text(&run.stdout);
    assert!(
        out.contains("  INCOMPLETE 表三 not found, 表四 not found\n"),
        "{out}"
    );
    assert!(
        out.contains("  ERROR table.missing: 表三 收到和处理政府信息公开申请情况 not found\n"),
        "{out}"
    );
}

/// Dotted string literals in the sources that are not diagnostic codes: the
/// report's paths and the table checks' ids (by their first segment), and
/// names of files and libraries (by their last).
const NOT_CODE_FIRST: &[&str] = &[
    "applications",
    "active_disclosure",
    "review_litigation",
    "sections",
    "t2",
    "t3",
    "t4",
];
const NOT_CODE_LAST: &[&str] = &[
    "1", "5", "bak", "css", "docx", "dylib", "js", "json", "pdf", "so", "txt", "xml",
];

/// Every `"a.b"`-shaped string literal of a file, outside its unit tests,
/// with its line number.
fn dotted_literals(text: &str) -> Vec<(String, usize)> {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    for (n, line) in (1..).zip(text.lines()) {
        // A check's id in the phrase table (`id: "text.review"`).
        if line.trim_start().starts_with("id: \"") {
            continue;
        }
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices('"') {
            let rest = &line[i + 1..];
            let len = rest
                .find(|c: char| {
                    !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
                })
                .unwrap_or(rest.len());
            let (word, after) = rest.split_at(len);
            let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let shaped = word.contains('.')
                && word.starts_with(|c: char| c.is_ascii_lowercase())
                && word.split('.').all(|s| !s.is_empty());
            if before_ok && shaped && after.starts_with('"') {
                found.push((word.to_string(), n));
            }
        }
    }
    found
}

fn rust_sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "tests" {
                rust_sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && name != "tests.rs" {
            out.push(path);
        }
    }
}

/// Every diagnostic code the readers, the normalizer and the checks can
/// emit has a Chinese sentence: the sources are scanned for dotted string
/// literals (codes are written as literals), and each must be a code of the
/// Chinese table or a known other kind of literal.
#[test]
fn every_diagnostic_code_has_a_chinese_sentence() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for top in ["crates", "formats"] {
        for member in std::fs::read_dir(root.join(top)).unwrap().flatten() {
            rust_sources(&member.path().join("src"), &mut files);
        }
    }
    assert!(
        files.len() > 50,
        "sources not found under {}",
        root.display()
    );
    let check_ids = [
        gongkai::report::YEAR_CARRIED_OVER,
        gongkai::report::YEAR_UNMATCHED,
    ];
    let mut missing = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    // The table itself names every code it has.
    let table = root.join("crates/cli/src/diagnostics_zh.rs");
    for file in files.iter().filter(|f| **f != table) {
        let text = std::fs::read_to_string(file).unwrap();
        for (word, line) in dotted_literals(&text) {
            let first = word.split('.').next().unwrap_or_default();
            let last = word.rsplit('.').next().unwrap_or_default();
            if NOT_CODE_FIRST.contains(&first)
                || NOT_CODE_LAST.contains(&last)
                || check_ids.contains(&word.as_str())
            {
                continue;
            }
            codes.insert(word.clone());
            if gongkai_cli::diagnostic_zh(&word).is_none() {
                let at = file.strip_prefix(root).unwrap_or(file).display();
                missing.push(format!("{word} ({at}:{line})"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "diagnostic codes without a Chinese sentence:\n  {}\n\
         Add a row for each to DIAGNOSTICS_ZH in crates/cli/src/diagnostics_zh.rs \
         (kept sorted). A dotted string literal that is not a diagnostic code goes \
         in NOT_CODE_FIRST or NOT_CODE_LAST in tests/locale.rs.",
        missing.join("\n  ")
    );
    // And the table holds no code that nothing emits any more.
    let stale: Vec<&str> = gongkai_cli::diagnostic_codes_zh()
        .filter(|c| !codes.contains(*c))
        .collect();
    assert!(
        stale.is_empty(),
        "DIAGNOSTICS_ZH (crates/cli/src/diagnostics_zh.rs) has codes no source emits: {stale:?}"
    );
}

/// A text report without table 三 or 四, in `dir`.
fn report_without_tables(dir: &std::path::Path) -> std::path::PathBuf {
    let report = dir.join("no-tables.txt");
    std::fs::write(
        &report,
        "某某市某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度我局主动公开政府信息。\n",
    )
    .unwrap();
    report
}

/// Why a report is incomplete is said in the locale's words wherever a
/// person reads it (the warning line, the progress line, the summary;
/// validate's in the test above); JSON keeps the English words.
#[test]
fn the_incomplete_reason_follows_the_locale_and_json_keeps_english() {
    let tmp = tempfile::tempdir().unwrap();
    let report = report_without_tables(tmp.path());
    // One file by name: the warning line.
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["convert".as_ref(), report.as_os_str()],
    );
    let err = text(&run.stderr);
    assert!(err.contains("：不完整：未找到表三，未找到表四"), "{err}");

    // A batch: the progress line, the summary and the JSON Lines log.
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(&report, input.join("a.txt")).unwrap();
    let (out_dir, summary) = (tmp.path().join("out"), tmp.path().join("s.csv"));
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &[
            "convert".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out_dir.as_os_str(),
            "--summary".as_ref(),
            summary.as_os_str(),
            "--log".as_ref(),
            "json".as_ref(),
        ],
    );
    assert_eq!(run.status.code(), Some(3));
    let err = text(&run.stderr);
    assert!(err.contains(" (未找到表三，未找到表四)"), "{err}");
    let csv = std::fs::read_to_string(&summary).unwrap();
    assert!(csv.contains("未找到表三，未找到表四"), "{csv}");
    let log = text(&run.stdout);
    assert!(
        log.contains("\"incomplete\":\"表三 not found, 表四 not found\""),
        "{log}"
    );
    // An unsupported document's reason in the log is English too.
    std::fs::write(input.join("old.wps"), b"not read").unwrap();
    let args = [
        "convert".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out_dir.as_os_str(),
        "--log".as_ref(),
        "json".as_ref(),
    ];
    let log = text(&with_locale("zh_CN.UTF-8", None, &args).stdout);
    assert!(
        log.contains("\"error\":\"WPS Writer document (.wps);"),
        "{log}"
    );
}

/// Every kind of read error has a Chinese sentence (keyed by the error's
/// kind, not by its English words).
#[test]
fn every_read_error_kind_has_a_chinese_sentence() {
    let missing: Vec<_> = gongkai::ErrorKind::all()
        .filter(|k| gongkai_cli::error_zh(*k).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "error kinds without a Chinese sentence: {missing:?}\n\
         Add a row for each to ERRORS_ZH in crates/cli/src/errors_zh.rs."
    );
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for kind in gongkai::ErrorKind::all() {
        let sentence = gongkai_cli::error_zh(kind).unwrap_or_default();
        assert!(cjk(sentence), "{kind:?}: {sentence}");
    }
}

/// A file that cannot be read gets its one-line reason in Chinese under a
/// Chinese locale, in English otherwise; JSON keeps the English.
#[test]
fn read_errors_follow_the_locale() {
    let cases: [(&str, &[&str], &str, &str); 5] = [
        ("bad/empty.txt", &[], "空文件", "empty file"),
        (
            "bad/encrypted.pdf",
            &[],
            "文件已加密，没有密码无法打开：",
            "encrypted pdf file: ",
        ),
        (
            "bad/legacy.doc",
            &[],
            // The reader's reason is typed and said whole in Chinese.
            "不支持的格式：旧版 Word/WPS 二进制文档（.doc/.wps）；请先转换为 DOCX，例如 `soffice",
            "legacy Word/WPS binary document (.doc/.wps): convert",
        ),
        (
            "bad/pdf-image-jbig2.pdf",
            &[],
            "不支持的格式：第1页的扫描件是 JBIG2 图像；不支持这种图像，请先把 PDF 中的图像转换为 JPEG",
            "the scan on page 1 is a JBIG2 image: JBIG2 images are not supported",
        ),
        (
            "docx/printed-mistakes.docx",
            &["--max-input-bytes", "100"],
            "超过限制 --max-input-bytes 100（可用这个选项提高）：文件有 ",
            "exceeds the limit of 100 bytes (raise it with --max-input-bytes)",
        ),
    ];
    for (file, flags, zh, en) in cases {
        let path = fixture(file);
        let mut args: Vec<&std::ffi::OsStr> = vec!["convert".as_ref(), path.as_os_str()];
        args.extend(flags.iter().map(std::ffi::OsStr::new));
        let run = with_locale("zh_CN.UTF-8", None, &args);
        let err = text(&run.stderr);
        assert!(err.starts_with("gongkai：错误："), "{file}: {err}");
        assert!(err.contains(zh), "{file}: {err}");
        assert!(!err.contains(en), "{file}: {err}");
        let run = with_locale("C", None, &args);
        let err = text(&run.stderr);
        assert!(err.contains(en), "{file}: {err}");
        // validate says the same, and its JSON keeps the English.
        args[0] = "validate".as_ref();
        let run = with_locale("zh_CN.UTF-8", None, &args);
        assert!(text(&run.stderr).contains(zh), "{file}");
        args.extend(["--format", "json"].map(std::ffi::OsStr::new));
        let run = with_locale("zh_CN.UTF-8", None, &args);
        assert!(text(&run.stdout).contains(en), "{file}");
    }
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["inspect".as_ref(), fixture("bad/empty.txt").as_os_str()],
    );
    assert!(text(&run.stderr).contains("空文件"));
    let run = with_locale("zh_CN.UTF-8", None, &["formats".as_ref()]);
    assert!(text(&run.stdout).starts_with("读取器（输入）：\n"));
}

/// validate's header and closing lines, a batch's skip lines and closing
/// line, and the per-file detail are Chinese under a Chinese locale.
#[test]
fn validate_and_batch_lines_are_chinese() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(fixture("docx/printed-mistakes.docx"), input.join("a.docx")).unwrap();
    std::fs::copy(fixture("bad/empty.txt"), input.join("b.txt")).unwrap();
    std::fs::write(input.join("old.wps"), b"not read").unwrap();
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &["validate".as_ref(), input.as_os_str()],
    );
    let out = text(&run.stdout);
    let err = text(&run.stderr);
    let header = out.lines().next().unwrap_or_default();
    assert!(
        header.ends_with("项检查，4 项未通过，0 项无法判断"),
        "{out}"
    );
    assert!(header.contains("a.docx："), "{out}");
    assert!(out.contains("共检查 3 个文件"), "{out}");
    assert!(
        err.contains("old.wps（不支持的格式：WPS 文字文档（.wps）"),
        "{err}"
    );
    assert!(err.contains("b.txt: 空文件"), "{err}");

    let out_dir = tmp.path().join("out");
    let run = with_locale(
        "zh_CN.UTF-8",
        None,
        &[
            "convert".as_ref(),
            "-v".as_ref(),
            input.as_os_str(),
            "-o".as_ref(),
            out_dir.as_os_str(),
        ],
    );
    let err = text(&run.stderr);
    assert!(
        err.contains("项检查：4 项未通过，0 项无法判断；诊断：错误 "),
        "{err}"
    );
    assert!(err.contains("old.wps（不支持的格式：WPS 文字文档"), "{err}");
    assert!(
        err.contains("error ") && err.contains("b.txt: 空文件"),
        "{err}"
    );
    assert!(
        err.contains("汇总：共 3 个输入：转换 1 个，跳过（已是最新）0 个，检查未通过 1 个，不完整 0 个，不支持 1 个，错误 1 个"),
        "{err}"
    );
    for english in [
        "summary:",
        "unsupported format",
        " errors",
        "diagnostics:",
        " checks:",
    ] {
        assert!(!err.contains(english), "{english}: {err}");
    }
}

/// clap's own usage errors (an unknown flag, a bad value, a missing
/// argument) are Chinese too under a Chinese locale, with exit 2.
#[test]
fn usage_errors_from_clap_are_chinese() {
    let cases: [(&[&str], &str); 5] = [
        (&["convert", "--bogus"], "gongkai：错误：不认识的参数 --bogus"),
        (
            &["convert", "a.pdf", "-o", "d", "--summary", "s.txt"],
            "gongkai：错误：--summary <FILE> 的值 's.txt' 无效：汇总表文件的扩展名必须是 .csv 或 .xlsx",
        ),
        (
            &["validate", "--format", "yaml", "a.pdf"],
            "gongkai：错误：--format <FORMAT> 的值 'yaml' 无效（可选：text、json）",
        ),
        (&["convert"], "gongkai：错误：缺少必需的参数 <INPUT>..."),
        (&["frob"], "gongkai：错误：不认识的子命令 frob"),
    ];
    for (args, want) in cases {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        let run = with_locale("zh_CN.UTF-8", None, &args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let err = text(&run.stderr);
        assert_eq!(err.lines().next(), Some(want), "{err}");
        let run = with_locale("C", None, &args);
        assert!(text(&run.stderr).starts_with("error: "), "{args:?}");
    }
}

/// The places validate names under a failed check (kept in English in the
/// report) read in Chinese under a Chinese locale: a Word table's cell and
/// a point on a PDF page.
#[test]
fn source_locations_follow_the_locale() {
    let cases = [
        (
            "docx/printed-mistakes.docx",
            "applications.rows.new_received 读取自 表2 第4行 第1格\n",
            "applications.rows.new_received read at table 2 row 4 cell 1\n",
        ),
        (
            "pdf/printed-mistakes.pdf",
            "applications.rows.new_received 读取自 第2页（x 54，y 312）\n",
            "applications.rows.new_received read at page 2 (x 54, y 312)\n",
        ),
    ];
    for (file, zh, en) in cases {
        let path = fixture(file);
        let args = ["validate".as_ref(), path.as_os_str()];
        let out = text(&with_locale("zh_CN.UTF-8", None, &args).stdout);
        assert!(out.contains(zh), "{file}: {out}");
        assert!(
            !out.contains(" row ") && !out.contains("page "),
            "{file}: {out}"
        );
        let out = text(&with_locale("C", None, &args).stdout);
        assert!(out.contains(en), "{file}: {out}");
    }
}

/// `inspect`'s dump reads in Chinese under a Chinese locale (its labels,
/// places and the readers' diagnostics), in English otherwise.
#[test]
fn inspect_follows_the_locale() {
    let path = fixture("pdf/printed-mistakes.pdf");
    let args = ["inspect".as_ref(), path.as_os_str()];
    // The same lines in each language, and no English label under Chinese.
    let lines = [
        (
            "（按 pdf 读取）\n[1] 段落 @ 第1页（x 98，y 99）\n",
            " read as pdf\n[1] paragraph @ page 1 (x 98, y 99)\n",
        ),
        (
            "[5] 表格 14×4 @ 第1页（x 54，y 344）\n",
            "[5] table 14×4 @ page 1 (x 54, y 344)\n",
        ),
        (
            "      第1行 第1列：\"第二十条第（一）项\" 第1页（x 57，y 356）\n",
            "      r1 c1: \"第二十条第（一）项\" page 1 (x 57, y 356)\n",
        ),
    ];
    let zh = text(&with_locale("zh_CN.UTF-8", None, &args).stdout);
    let en = text(&with_locale("C", None, &args).stdout);
    for (zh_line, en_line) in lines {
        assert!(zh.contains(zh_line), "{zh_line}\n{zh}");
        assert!(en.contains(en_line), "{en_line}\n{en}");
    }
    for word in ["read as", "paragraph @", "table 14", "r1 c1:", "page 1"] {
        assert!(!zh.contains(word), "{word}\n{zh}");
    }
    let path = fixture("text/hzq2024-layout-bom-lines.txt");
    let args = ["inspect".as_ref(), path.as_os_str()];
    let out = text(&with_locale("zh_CN.UTF-8", None, &args).stdout);
    assert!(
        out.contains("\n诊断 提示 text.encoding: 文字的编码 [text decoded as UTF-8"),
        "{out}"
    );
}
