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
    assert!(err.contains("（不支持的格式：WPS Writer"), "{err}");
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
