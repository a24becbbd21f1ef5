//! Web pages end to end through the real binary: the reader is chosen by
//! content whatever the name, saved pages in a directory are converted,
//! hostile pages fail with one line within the limits, and `--to html`
//! writes a page that reads back with every value.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::gongkai;
use gongkai_testkit::fixtures::write_repeated;

/// Wall time allowed per hostile page (debug build, shared machine).
const MAX_TIME: Duration = Duration::from_secs(10);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures/html").join(name)
}

fn run(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let out = gongkai(args);
    (out, start.elapsed())
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A refusal: exit 1, one stderr line naming the file and `flag`, in time.
fn assert_refused(file: &Path, extra: &[&str], flag: &str) {
    let mut args = vec!["convert", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (out, took) = run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(file.to_str().unwrap()), "{stderr}");
    assert!(stderr.contains(flag), "{stderr}");
    assert!(took < MAX_TIME, "took {took:?}");
}

#[test]
fn a_page_is_read_as_html_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["report.txt", "report.md", "report", "report.docx"] {
        let file = dir.path().join(name);
        std::fs::copy(fixture("tag-soup.html"), &file).unwrap();
        let json = json_of(&gongkai(&["convert", file.to_str().unwrap()]));
        assert_eq!(json["source"]["format"], "html", "{name}");
        assert_eq!(json["organ"], "堃山县人民政府", "{name}");
    }
}

#[test]
fn saved_pages_in_a_directory_are_converted() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (from, to) in [
        ("tag-soup.html", "a.htm"),
        ("lo-full-2021.html", "b.shtml"),
        ("lo-full-2021-saved.mht", "c.mhtml"),
    ] {
        std::fs::copy(fixture(from), dir.path().join(to)).unwrap();
    }
    let (output, _) = run(&[
        "convert",
        dir.path().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for name in ["a.json", "b.json", "c.json"] {
        assert!(out.path().join(name).exists(), "{name}: {stderr}");
    }
}

#[test]
fn formats_lists_the_reader_and_the_writer() {
    let out = gongkai(&["formats"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".html .htm .shtml"), "{text}");
    assert!(text.contains(".mht"), "{text}");
    let writers = text.split_once("riter").map(|(_, w)| w).unwrap_or_default();
    assert!(writers.contains("html"), "{text}");
}

/// A page of about `size` bytes of report-like paragraphs.
fn big_page(path: &Path, size: usize) {
    let line = "<p>一、总体情况 本年度共收到政府信息公开申请12件，全部按期答复。</p>\n";
    write_repeated(path, "<!DOCTYPE html><html><body>", line, size).unwrap();
}

#[test]
fn a_100_mb_page_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.html");
    big_page(&file, 100 << 20);
    assert_refused(&file, &[], "--max-text-chars");
    assert_refused(&file, &["--max-input-bytes", "1M"], "--max-input-bytes");
}

#[test]
fn a_table_of_a_million_cells_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cells.html");
    let mut page = String::from("<table>");
    for _ in 0..1000 {
        page.push_str("<tr>");
        page.push_str(&"<td>1".repeat(1000));
    }
    std::fs::write(&file, page).unwrap();
    assert_refused(&file, &[], "--max-cells");
}

#[test]
fn a_base64_bomb_in_a_web_archive_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bomb.mht");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    f.write_all(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n").unwrap();
    // 96 MB of base64: 72 MB of `<<<…` once decoded.
    let line = format!("{}\r\n", "PDw8".repeat(19));
    for _ in 0..(96 << 20) / line.len() {
        f.write_all(line.as_bytes()).unwrap();
    }
    f.write_all(b"--B--\r\n").unwrap();
    f.flush().unwrap();
    drop(f);
    assert_refused(&file, &[], "--max-entry-bytes");
}

#[test]
fn every_limit_flag_stops_a_page() {
    let page = fixture("lo-full-2021.html");
    for (flag, value) in [
        ("--max-cells", "10"),
        ("--max-text-chars", "100"),
        ("--max-xml-depth", "3"),
        ("--max-memory", "50K"),
        ("--max-input-bytes", "1K"),
    ] {
        assert_refused(&page, &[flag, value], flag);
    }
    assert_refused(
        &fixture("lo-full-2021-saved.mht"),
        &["--max-entry-bytes", "1000"],
        "--max-entry-bytes",
    );
}

#[test]
fn clamped_spans_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spans.html");
    std::fs::write(
        &file,
        "<table><tr><td rowspan=999999>规章<td colspan=0>1<td colspan=abc>2<td rowspan=0>3</table>",
    )
    .unwrap();
    let (out, took) = run(&["inspect", file.to_str().unwrap()]);
    assert!(took < MAX_TIME);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 | 规章 | 1 | 2 | 3"), "{text}");
}

/// JSON → HTML → JSON keeps every value, the sections included, and the
/// page marks the cells of a failed check.
#[test]
fn the_written_page_reads_back_with_every_value() {
    let dir = tempfile::tempdir().unwrap();
    for input in [
        root().join("fixtures/docx/printed-mistakes.docx"),
        root().join("fixtures/samples/hzq2024.pdf"),
        fixture("tag-soup.html"),
        root().join("fixtures/docx/layout-2019.docx"),
    ] {
        let name = input.file_name().unwrap().to_str().unwrap().to_string();
        let json = dir.path().join(format!("{name}.json"));
        let page = dir.path().join(format!("{name}.html"));
        let back = dir.path().join(format!("{name}.back.json"));
        for (from, to, fmt) in [
            (&input, &json, "json"),
            (&json, &page, "html"),
            (&page, &back, "json"),
        ] {
            let out = gongkai(&[
                "convert",
                from.to_str().unwrap(),
                "--to",
                fmt,
                "-o",
                to.to_str().unwrap(),
            ]);
            assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let read = |p: &Path| -> serde_json::Value {
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
        };
        let (before, after) = (read(&json), read(&back));
        for key in [
            "title",
            "organ",
            "year",
            "sections",
            "active_disclosure",
            "applications",
            "review_litigation",
            "checks",
        ] {
            assert_eq!(before[key], after[key], "{name}: {key}");
        }
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(html.contains("@media print"), "{name}");
        if name.starts_with("printed-mistakes") {
            assert!(
                html.contains("<td class=\"fail\" title=\"行政复议: 结果维持 10"),
                "{name}"
            );
        }
    }
}
