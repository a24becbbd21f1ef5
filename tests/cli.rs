//! The command line itself: usage errors, one-line file errors, help with
//! examples, shell completions and the man page.

mod common;

use common::gongkai;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["convert"][..],
        &["frobnicate"][..],
        &["convert", "--no-such-flag", "a.pdf"][..],
        &["convert", "a.pdf", "-j", "many"][..],
        &["convert", "a.pdf", "--timeout", "-1"][..],
        &["validate"][..],
        &["completions", "tcsh"][..],
    ] {
        let out = gongkai(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn an_unknown_output_format_exits_2() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/samples/hzq2024.pdf");
    let out = gongkai(&["convert", sample, "--to", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown output format"),
        "{}",
        stderr(&out)
    );
    let out = gongkai(&["convert", sample, "--to", "json,docx", "-o", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn several_inputs_without_an_output_directory_exit_2() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/docx");
    let out = gongkai(&["convert", dir]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-o DIR"), "{}", stderr(&out));
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/samples/hzq2024.pdf");
    let out = gongkai(&["convert", sample, "--to", "json,md"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_file_is_one_line_naming_it() {
    let out = gongkai(&["convert", "no/such/report.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/report.pdf"), "{err}");
    assert!(out.stdout.is_empty());

    let out = gongkai(&["validate", "no/such/report.pdf"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/report.pdf"));
}

#[test]
fn completions_and_man_page_are_printed() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = gongkai(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("gongkai"), "{shell}");
        assert!(text.contains("convert"), "{shell}");
    }
    let out = gongkai(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".TH gongkai"), "{text}");
    assert!(text.contains("convert"));
}

/// The subcommands `--help` lists.
fn subcommands() -> Vec<String> {
    let out = gongkai(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let list = text.split("Commands:").nth(1).unwrap_or_default();
    list.lines()
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A name starts after two spaces; a wrapped description, further in.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_subcommand_has_a_committed_man_page_the_top_page_refers_to() {
    let names = subcommands();
    assert!(names.len() >= 7, "{names:?}");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/man");
    let top = gongkai(&["man"]);
    let top_text = String::from_utf8_lossy(&top.stdout).into_owned();
    let committed = std::fs::read_to_string(format!("{dir}/gongkai.1")).unwrap_or_default();
    assert_eq!(
        top_text, committed,
        "docs/man is stale: run `cargo xtask man`"
    );
    for name in &names {
        let out = gongkai(&["man", name]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let page = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(page.contains(&format!(".TH gongkai-{name} 1")), "{page}");
        let committed = std::fs::read_to_string(format!("{dir}/gongkai-{name}.1"))
            .unwrap_or_else(|e| panic!("docs/man/gongkai-{name}.1: {e}"));
        assert!(
            page == committed,
            "docs/man/gongkai-{name}.1 is stale: run `cargo xtask man`"
        );
        assert!(
            top_text.contains(&format!("\\fBgongkai\\-{name}\\fR(1)")),
            "gongkai(1) does not refer to gongkai-{name}(1)"
        );
    }
    assert_eq!(gongkai(&["man", "frobnicate"]).status.code(), Some(2));
}

#[test]
fn the_help_tagline_lists_every_subcommand() {
    let out = gongkai(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let tagline = text
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    for name in subcommands() {
        assert!(tagline.contains(&name), "{name} missing from: {tagline}");
    }
}

#[test]
fn help_shows_examples() {
    let out = gongkai(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Examples:"), "{text}");
    assert!(text.contains("gongkai convert reports/ -o out/"), "{text}");
    let out = gongkai(&["convert", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Examples:"), "{text}");
    assert!(text.contains("--summary"), "{text}");
    assert!(text.contains("--timeout"), "{text}");
    let out = gongkai(&["validate", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"));
}

#[test]
fn help_documents_the_statuses_and_exit_codes() {
    let out = gongkai(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    for code in [
        "0 all converted",
        "1 an input failed",
        "2 usage error",
        "3 a report",
        "130 interrupted",
    ] {
        assert!(text.contains(code), "{code}: {text}");
    }
    let out = gongkai(&["convert", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    for word in [
        "ok,",
        "incomplete",
        "failed-checks",
        "error,",
        "unsupported",
        "skipped",
    ] {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert!(text.contains("3 a report is incomplete"), "{text}");
}

#[test]
fn formats_lists_readers_and_writers() {
    let out = gongkai(&["formats"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for name in ["docx", "pdf", "xlsx", "json", "md"] {
        assert!(text.contains(name), "{text}");
    }
}

#[test]
fn validate_says_where_a_failed_check_is_in_the_source() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/docx/printed-mistakes.docx"
    );
    let out = common::gongkai(&["validate", file]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FAIL t4.block_total 表四 行政复议: 10+1+0+0=11 ≠ 0"),
        "{text}"
    );
    assert!(
        text.contains("review_litigation read at table 3 row 4"),
        "{text}"
    );
    // The balance check locates its four operand rows, not every row; the
    // results total starts with its own row, （七）总计.
    let section = |id: &str| -> String {
        let start = text.find(&format!("FAIL {id} ")).unwrap_or(text.len());
        let rest = text.get(start..).unwrap_or_default();
        let end = rest
            .get(1..)
            .and_then(|r| r.find("  FAIL "))
            .map_or(rest.len(), |e| e + 1);
        rest.get(..end).unwrap_or_default().to_string()
    };
    let balance = section("t3.balance");
    for row in [
        "new_received",
        "carried_over",
        "total_processed",
        "carried_forward",
    ] {
        assert!(
            balance.contains(&format!("applications.rows.{row} read at")),
            "{balance}"
        );
    }
    assert!(
        !balance.contains("applications.rows.granted read at"),
        "{balance}"
    );
    let results = section("t3.results_total");
    let first = results.lines().nth(1).unwrap_or_default();
    assert!(
        first.contains("applications.rows.total_processed read at"),
        "{results}"
    );
}
