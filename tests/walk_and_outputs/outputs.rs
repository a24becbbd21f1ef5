//! The outputs: never outside `-o`, never over an input, temporary files,
//! long names, what up to date means, and the summary's cells.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use crate::support::*;

// 7. Nothing is written outside -o.

#[test]
fn nothing_is_written_outside_the_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    copy(&sample(), &t.join("in/a/r.txt"));
    std::fs::create_dir_all(t.join("in/b")).unwrap();
    copy(&sample(), &t.join("secret/s.txt"));
    std::fs::create_dir_all(t.join("elsewhere")).unwrap();
    std::fs::write(t.join("victim.json"), "victim").unwrap();
    let outside = |t: &Path| -> BTreeMap<PathBuf, String> {
        tree(t)
            .into_iter()
            .filter(|(p, _)| !p.to_string_lossy().starts_with("out"))
            .collect()
    };
    let before = outside(t);

    // A pattern with `..` after a wildcard, and inputs given with `..`.
    let pattern = t.join("in/*/../../secret/*.txt");
    let run = gongkai(&[&"convert", &pattern, &"-o", &t.join("out1")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(files(&t.join("out1")), paths(&["s.json"]));
    let run = gongkai(&[
        &"convert",
        &t.join("in/a/../a/r.txt"),
        &t.join("in/../secret/s.txt"),
        &t.join("in/a/.."),
        &"-o",
        &t.join("out2"),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    // `in/a/..` walks `in`, whose `a/r.txt` is already an input.
    assert_eq!(files(&t.join("out2")), paths(&["r.json", "s.json"]));

    // A directory in the output tree that is a link to elsewhere.
    let out3 = t.join("out3");
    std::fs::create_dir_all(&out3).unwrap();
    symlink(t.join("elsewhere"), out3.join("a")).unwrap();
    let run = gongkai(&[&"convert", &t.join("in"), &"-o", &out3]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("leads outside the output directory"), "{err}");

    // Links planted at an output's name and at the record of outputs: the
    // links are replaced or refused, never written through.
    let out4 = t.join("out4");
    std::fs::create_dir_all(out4.join("a")).unwrap();
    symlink(t.join("victim.json"), out4.join("a/r.json")).unwrap();
    symlink(t.join("victim.json"), out4.join(".gongkai-outputs")).unwrap();
    let run = gongkai(&[&"convert", &t.join("in"), &"-o", &out4]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(!std::fs::symlink_metadata(out4.join("a/r.json"))
        .unwrap()
        .file_type()
        .is_symlink());

    assert_eq!(outside(t), before, "something was written outside -o");
    assert_eq!(
        std::fs::read_to_string(t.join("victim.json")).unwrap(),
        "victim"
    );
}

// 8. Outputs and the summary never replace an input; -o in the input tree.

#[test]
fn the_summary_never_replaces_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    let xlsx = root().join("fixtures/xlsx/one-sheet.xlsx");
    let input = t.join("in");
    copy(&xlsx, &input.join("r.xlsx"));
    copy(&sample(), &input.join("s.txt"));
    let original = std::fs::read(input.join("r.xlsx")).unwrap();
    symlink(input.join("r.xlsx"), t.join("link.xlsx")).unwrap();
    for summary in [input.join("r.xlsx"), t.join("link.xlsx")] {
        for first in [input.join("r.xlsx"), input.clone()] {
            let run = gongkai(&[
                &"convert",
                &first,
                &input.join("s.txt"),
                &"-o",
                &t.join("out"),
                &"--summary",
                &summary,
            ]);
            let err = stderr(&run);
            assert_eq!(run.status.code(), Some(2), "{summary:?} {first:?}: {err}");
            assert!(err.contains("is an input of this run"), "{err}");
        }
        // One file to one file.
        let run = gongkai(&[
            &"convert",
            &input.join("r.xlsx"),
            &"-o",
            &t.join("one.json"),
            &"--summary",
            &summary,
        ]);
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    }
    assert_eq!(std::fs::read(input.join("r.xlsx")).unwrap(), original);
    assert!(std::fs::symlink_metadata(t.join("link.xlsx"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn outputs_in_the_input_tree_are_not_read_back_as_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    for (dir, out) in [("same", "same"), ("inside", "inside/out")] {
        let input = t.join(dir);
        copy(&sample(), &input.join("r.txt"));
        copy(&sample(), &input.join("sub/q.txt"));
        let out = t.join(out);
        let csv = input.join("summary.xlsx");
        for run_number in 0..3 {
            let run = gongkai(&[&"convert", &input, &"-o", &out, &"--summary", &csv]);
            let err = stderr(&run);
            assert_eq!(run.status.code(), Some(0), "{dir} run {run_number}: {err}");
            let word = if run_number == 0 { "ok " } else { "skip " };
            assert_eq!(
                lines_starting(&err, word).len(),
                2,
                "{dir} run {run_number}: {err}"
            );
            assert!(
                err.contains("summary: 2 inputs"),
                "{dir} run {run_number}: {err}"
            );
        }
        let made: Vec<PathBuf> = files(&out)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        assert_eq!(made, paths(&["r.json", "sub/q.json"]), "{dir}");
    }
}

// 9. Temporary files of a killed run; long output names.

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn temporary_files_left_by_a_killed_run_are_removed_by_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let copies = 400;
    for i in 0..copies {
        copy(&sample(), &input.join(format!("d{}/r{i:04}.txt", i % 7)));
    }
    let out = tmp.path().join("out");
    // Killed with SIGKILL in the middle: nothing gets to clean up.
    let child = Command::new(BIN)
        .args(args(&[&"convert", &input, &"-o", &out]))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sends a signal to our own child; no memory is involved.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
    let _ = child.wait_with_output();
    // And temporary files as a kill leaves them, old enough to be stale.
    let old = SystemTime::now() - Duration::from_secs(3600);
    for (i, dir) in [out.join("d1"), out.join("d5"), out.clone()]
        .iter()
        .enumerate()
    {
        std::fs::create_dir_all(dir).unwrap();
        let f = std::fs::File::create(dir.join(format!(".gongkai-Kill{i}abc.tmp"))).unwrap();
        f.set_modified(old).unwrap();
    }
    // Left by a kill a moment ago, or by a run still writing: kept.
    std::thread::sleep(Duration::from_millis(2500));
    let run = gongkai(&[&"convert", &input, &"-o", &out]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(err.contains("removed "), "{err}");
    assert_eq!(temp_files(&out), Vec::<PathBuf>::new());
    let json = files(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .count();
    assert_eq!(json, copies);
}

#[test]
fn output_names_of_245_to_255_bytes_work() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let mut want = Vec::new();
    // Stems of 240 to 250 bytes: outputs `STEM.json` of 245 to 255 bytes.
    for len in 240..=250 {
        let stem: String = std::iter::repeat_n('a', len % 3)
            .chain(std::iter::repeat_n('名', len / 3))
            .collect();
        assert_eq!(stem.len(), len);
        copy(&sample(), &input.join(format!("{stem}.txt")));
        want.push(PathBuf::from(format!("{stem}.json")));
    }
    want.sort();
    let out = tmp.path().join("out");
    let run = gongkai(&[&"convert", &input, &"-o", &out]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert_eq!(files(&out), want);
}

// 10. Up to date: the same input bytes, version and options.

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn up_to_date_means_the_same_input_bytes_version_and_options() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let report = input.join("r.json");
    report_json(&report, |_| {});
    let out = tmp.path().join("out");
    let convert = |extra: &[&dyn AsRef<OsStr>]| {
        let mut list: Vec<&dyn AsRef<OsStr>> = vec![&"convert", &input, &"-o", &out];
        list.extend_from_slice(extra);
        let run = gongkai(&list);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(0), "{err}");
        if lines_starting(&err, "skip ").len() == 1 {
            "skipped"
        } else {
            assert_eq!(lines_starting(&err, "ok ").len(), 1, "{err}");
            "converted"
        }
    };
    assert_eq!(convert(&[]), "converted");
    assert_eq!(convert(&[]), "skipped");
    // Touched, same bytes: still up to date.
    set_mtime(&report, SystemTime::now() + Duration::from_secs(60));
    assert_eq!(convert(&[]), "skipped");
    // Changed, with an old time (a copy that kept its time): not.
    report_json(&report, |v| v["organ"] = "另一个机关".into());
    set_mtime(
        &report,
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000),
    );
    assert_eq!(convert(&[]), "converted");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("r.json")).unwrap()).unwrap();
    assert_eq!(json["organ"], "另一个机关");
    // Other options: not.
    assert_eq!(convert(&[&"--compact"]), "converted");
    assert_eq!(convert(&[&"--compact"]), "skipped");
    assert_eq!(convert(&[&"--compact", &"--max-pages", &"10"]), "converted");
    // Another version of gongkai: not.
    let record = out.join(".gongkai-outputs");
    let text = std::fs::read_to_string(&record).unwrap();
    let version = format!("\"stamp\":\"{} ", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version), "{text}");
    std::fs::write(&record, text.replace(&version, "\"stamp\":\"0.0.0-older ")).unwrap();
    assert_eq!(convert(&[&"--compact", &"--max-pages", &"10"]), "converted");
    // An output changed since: not.
    assert_eq!(convert(&[]), "converted");
    std::fs::write(out.join("r.json"), "{}").unwrap();
    assert_eq!(convert(&[]), "converted");
}

// 11. CSV injection.

#[test]
fn summary_cells_that_look_like_formulas_are_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    for (name, organ) in [
        ("a.json", "=HYPERLINK(\"http://x\",\"y\")"),
        ("b.json", "+1+2"),
        ("c.json", "-3+4"),
        ("d.json", "@SUM(A1:A9)"),
        ("e.json", "\t=1"),
    ] {
        report_json(&input.join(name), |v| {
            v["organ"] = organ.into();
            v["applications"]["rows"]["new_received"]["total"] = (-5).into();
        });
    }
    // A file name can start like a formula too.
    report_json(&input.join("=cmd.json"), |_| {});
    let csv = tmp.path().join("s.csv");
    let out = tmp.path().join("out");
    let run = Command::new(BIN)
        .current_dir(&input)
        .args(["convert", "=cmd.json", ".", "-o"])
        .arg(&out)
        .arg("--summary")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(run.status.code().is_some(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 6, "{text}");
    for (file, organ) in [
        ("a.json", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("b.json", "'+1+2"),
        ("c.json", "'-3+4"),
        ("d.json", "'@SUM(A1:A9)"),
        ("e.json", "'\t=1"),
    ] {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("./{file},")) || r.starts_with(&format!("\"./{file}")))
            .unwrap_or_else(|| panic!("no row for {file}: {text}"));
        assert!(row.contains(&format!(",{organ},")), "{row}");
        // The negative total stays a number.
        assert!(row.contains(",-5,"), "{row}");
    }
    assert!(rows.iter().any(|r| r.starts_with("'=cmd.json,")), "{text}");
    // No cell of any row starts with a formula character unguarded.
    for row in &rows {
        for cell in row.split(',') {
            let numeric = cell.parse::<f64>().is_ok();
            assert!(
                numeric || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {row}"
            );
        }
    }
}
