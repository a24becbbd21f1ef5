//! End to end, through the real binary: the walk of an input tree (link
//! loops, dangling links, unreadable directories, paths too long, FIFOs and
//! devices) and the safety of the outputs (never outside `-o`, never over an
//! input, temporary files, long names, what up to date means), the summary's
//! cells and the status of an incomplete report.

#![cfg(unix)]

// Modules of this test crate (a crate root finds them only by `path`).
#[path = "walk_and_outputs/outputs.rs"]
mod outputs;
#[path = "walk_and_outputs/support.rs"]
mod support;

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::*;

// 5. Link loops.

#[test]
fn symlink_loops_are_cut_with_a_warning_and_each_file_converted_once() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for rel in ["r0.txt", "sub/r1.txt", "x/r2.txt", "y/r3.txt"] {
        copy(&sample(), &input.join(rel));
    }
    // Two links to a parent, one relative link to a parent, and two
    // siblings linked to each other.
    symlink(&input, input.join("sub/up1")).unwrap();
    symlink(&input, input.join("sub/up2")).unwrap();
    symlink("..", input.join("x/up")).unwrap();
    symlink("../y", input.join("x/to_y")).unwrap();
    symlink("../x", input.join("y/to_x")).unwrap();
    let out = tmp.path().join("out");
    let run = gongkai_within(60, &[&"convert", &input, &"-o", &out]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(lines_starting(&err, "ok ").len(), 4, "{err}");
    let loops: Vec<&str> = lines_starting(&err, "warning: ")
        .into_iter()
        .filter(|l| l.contains("symbolic link loop"))
        .collect();
    assert_eq!(loops.len(), 3, "{err}");
    for link in ["sub/up1", "sub/up2", "x/up"] {
        assert!(
            loops
                .iter()
                .any(|l| l.contains(&*input.join(link).to_string_lossy())),
            "no warning for {link}: {err}"
        );
    }
    assert_eq!(
        files(&out),
        paths(&["r0.json", "sub/r1.json", "x/r2.json", "y/r3.json"])
    );
}

// 6. What cannot be walked is an error row, never left out silently.

#[test]
fn dangling_links_and_paths_too_long_are_error_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    copy(&sample(), &input.join("good.txt"));
    symlink(input.join("nowhere.txt"), input.join("dead.txt")).unwrap();
    symlink(input.join("gone"), input.join("deaddir")).unwrap();
    // Named like nothing gongkai reads: not an input, link or not.
    symlink(input.join("nowhere"), input.join("notes.bak")).unwrap();
    // A tree deeper than PATH_MAX (made one relative step at a time; `-P`
    // keeps the shell from making a path of it).
    let name = "d".repeat(200);
    let made = Command::new("sh")
        .current_dir(&input)
        .args([
            "-c",
            &format!("for i in $(seq 25); do mkdir {name} && cd -P {name} || exit 1; done; echo x > r.txt"),
        ])
        .status()
        .unwrap();
    assert!(made.success());
    let out = tmp.path().join("out");
    let csv = tmp.path().join("summary.csv");
    let run = gongkai(&[&"convert", &input, &"-o", &out, &"--summary", &csv]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    let errors = lines_starting(&err, "error ");
    let line_for = |name: &str| {
        let start = format!("error {}", input.join(name).display());
        errors
            .iter()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("no error line for {name}:\n{err}"))
            .to_string()
    };
    assert!(line_for("dead.txt").contains("dangling symbolic link"));
    assert!(line_for("deaddir").contains("dangling symbolic link"));
    assert!(
        errors.iter().any(|l| l.contains("File name too long")),
        "{err}"
    );
    assert_eq!(errors.len(), 3, "{err}");
    assert_eq!(lines_starting(&err, "ok ").len(), 1, "{err}");
    let summary = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(summary.lines().count(), 1 + 4, "{summary}");
    assert_eq!(
        summary
            .lines()
            .filter(|r| r.split(',').nth(1) == Some("error"))
            .count(),
        3,
        "{summary}"
    );
}

/// `setpriv` arguments that take from root the right to read any
/// directory, or `None` where that cannot be done here.
fn without_read_override() -> Option<Vec<&'static str>> {
    // SAFETY: getuid has no preconditions and touches no memory.
    if unsafe { libc::getuid() } != 0 {
        return Some(Vec::new());
    }
    let drop = vec![
        "setpriv",
        "--inh-caps=-dac_override,-dac_read_search",
        "--bounding-set=-dac_override,-dac_read_search",
    ];
    let probe = tempfile::tempdir().ok()?;
    let locked = probe.path().join("locked");
    std::fs::create_dir(&locked).ok()?;
    set_mode(&locked, 0o000);
    let listed = Command::new(drop[0])
        .args(&drop[1..])
        .arg("ls")
        .arg(&locked)
        .stderr(Stdio::null())
        .status()
        .ok();
    set_mode(&locked, 0o755);
    // Usable when `ls` ran and was refused.
    (listed.and_then(|s| s.code()) == Some(2)).then_some(drop)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_unreadable_directory_is_an_error_row() {
    let Some(wrapper) = without_read_override() else {
        eprintln!(
            "SKIPPED an_unreadable_directory_is_an_error_row: running as root and \
             `setpriv` cannot drop the right to read any directory here"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    copy(&sample(), &input.join("good.txt"));
    copy(&sample(), &input.join("locked/r.txt"));
    let out = tmp.path().join("out");
    let csv = tmp.path().join("summary.csv");
    set_mode(&input.join("locked"), 0o000);
    let mut cmd = match wrapper.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(BIN);
            c
        }
        None => Command::new(BIN),
    };
    let run = cmd
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--summary")
        .arg(&csv)
        .output()
        .unwrap();
    set_mode(&input.join("locked"), 0o755);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    let line = format!(
        "error {}: cannot read directory",
        input.join("locked").display()
    );
    assert!(err.lines().any(|l| l.starts_with(&line)), "{err}");
    let summary = std::fs::read_to_string(&csv).unwrap();
    assert!(
        summary.lines().any(|r| r.contains("locked,error,")),
        "{summary}"
    );
}

// 18. FIFOs and devices.

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_or_a_device_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.txt");
    mkfifo(&fifo);
    for (input, word) in [
        (fifo.as_path(), "named pipe"),
        (Path::new("/dev/zero"), "device"),
    ] {
        for command in ["convert", "validate", "inspect"] {
            let start = Instant::now();
            let run = if command == "inspect" {
                gongkai_within(30, &[&command, &input])
            } else {
                gongkai_within(30, &[&command, &input, &"--timeout", &"60"])
            };
            let took = start.elapsed();
            let err = stderr(&run);
            assert_eq!(run.status.code(), Some(1), "{command} {input:?}: {err}");
            assert!(took < Duration::from_secs(10), "{command} took {took:?}");
            let lines: Vec<&str> = err.lines().collect();
            assert_eq!(lines.len(), 1, "{command}: {err}");
            assert!(
                lines[0].contains(&*input.to_string_lossy()) && lines[0].contains(word),
                "{err}"
            );
        }
    }
}

#[test]
fn a_walk_skips_fifos_and_devices_with_a_line_each() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    copy(&sample(), &input.join("good.txt"));
    mkfifo(&input.join("pipe.txt"));
    symlink("/dev/zero", input.join("zero.pdf")).unwrap();
    let out = tmp.path().join("out");
    let csv = tmp.path().join("s.csv");
    let run = gongkai_within(
        30,
        &[
            &"convert",
            &input,
            &"-o",
            &out,
            &"--timeout",
            &"60",
            &"--summary",
            &csv,
        ],
    );
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    let skips = lines_starting(&err, "skip ");
    assert_eq!(skips.len(), 2, "{err}");
    assert!(skips
        .iter()
        .any(|l| l.contains("pipe.txt") && l.contains("named pipe")));
    assert!(skips
        .iter()
        .any(|l| l.contains("zero.pdf") && l.contains("device")));
    assert!(err.contains("2 left out"), "{err}");
    assert_eq!(files(&out), paths(&["good.json"]));
    let summary = std::fs::read_to_string(&csv).unwrap();
    assert!(summary.contains("pipe.txt,skipped,"), "{summary}");
}
// 12. Incomplete reports.

#[test]
fn a_report_without_table_3_or_4_is_incomplete_not_ok() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    report_json(&input.join("full.json"), |_| {});
    report_json(&input.join("no-t4.json"), |v| {
        v["review_litigation"] = serde_json::Value::Null
    });
    report_json(&input.join("empty-t3.json"), |v| {
        if let Some(rows) = v["applications"]["rows"].as_object_mut() {
            for row in rows.values_mut() {
                if let Some(cells) = row.as_object_mut() {
                    for cell in cells.values_mut() {
                        *cell = serde_json::Value::Null;
                    }
                }
            }
        }
    });
    let out = tmp.path().join("out");
    let csv = tmp.path().join("s.csv");
    let run = gongkai(&[&"convert", &input, &"-o", &out, &"--summary", &csv]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(3), "{err}");
    assert_eq!(lines_starting(&err, "ok ").len(), 1, "{err}");
    let incomplete = lines_starting(&err, "incomplete ");
    assert_eq!(incomplete.len(), 2, "{err}");
    assert!(incomplete
        .iter()
        .any(|l| l.contains("no-t4.json") && l.contains("表四 not found")));
    assert!(incomplete
        .iter()
        .any(|l| l.contains("empty-t3.json") && l.contains("表三 is empty")));
    assert!(err.contains("2 incomplete"), "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    let status_of = |name: &str| {
        text.lines()
            .find(|r| r.contains(name))
            .and_then(|r| r.split(',').nth(1))
            .map(str::to_string)
    };
    assert_eq!(status_of("full.json").as_deref(), Some("ok"));
    assert_eq!(status_of("no-t4.json").as_deref(), Some("incomplete"));
    assert_eq!(status_of("empty-t3.json").as_deref(), Some("incomplete"));
    // Skipped as up to date, it still does not pass.
    let again = gongkai(&[&"convert", &input, &"-o", &out]);
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    // A failed input outranks an incomplete one; a format gongkai knows but
    // does not read has a status of its own.
    std::fs::write(input.join("broken.pdf"), "%PDF-1.4 broken").unwrap();
    copy(
        &root().join("fixtures/bad/legacy.doc"),
        &input.join("old.docx"),
    );
    let worse = gongkai(&[&"convert", &input, &"-o", &out, &"--summary", &csv]);
    let err = stderr(&worse);
    assert_eq!(worse.status.code(), Some(1), "{err}");
    assert_eq!(lines_starting(&err, "error ").len(), 1, "{err}");
    assert_eq!(lines_starting(&err, "unsupported ").len(), 1, "{err}");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("old.docx,unsupported,"), "{text}");
    assert!(text.contains("broken.pdf,error,"), "{text}");
    assert!(text.contains("no-t4.json,skipped,"), "{text}");
    // validate says so too.
    let check = gongkai(&[&"validate", &input.join("no-t4.json")]);
    assert_eq!(check.status.code(), Some(3), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("INCOMPLETE 表四 not found"));
    // One file by name is written, with a warning line.
    let one = gongkai(&[&"convert", &input.join("no-t4.json")]);
    assert_eq!(one.status.code(), Some(0));
    assert!(
        stderr(&one).contains("incomplete: 表四 not found"),
        "{}",
        stderr(&one)
    );
}
