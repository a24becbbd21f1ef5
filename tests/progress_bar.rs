//! The progress bar of a batch on a terminal, end to end with a
//! pseudo-terminal: `12/100 · 13/s · ETA 7s · 1 error · 1 with failed
//! checks`, and nothing of it left on the screen after Ctrl-C.

#![cfg(unix)]

#[path = "support/binary.rs"]
mod binary;
#[path = "support/pty.rs"]
mod pty;

use std::process::Command;
use std::time::Duration;

use binary::{fixture, BIN};
/// The text after the last carriage return or line clear: what stays on
/// the screen's current line.
fn after_last_clear(screen: &str) -> &str {
    let at = screen
        .rfind("\x1b[2K")
        .map(|i| i + 4)
        .max(screen.rfind('\r').map(|i| i + 1))
        .unwrap_or(0);
    screen.get(at..).unwrap_or_default()
}

#[test]
fn the_bar_counts_errors_and_failed_checks_and_ctrl_c_clears_it() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a-broken.pdf"), b"%PDF-1.4 broken").unwrap();
    std::fs::copy(
        fixture("docx/printed-mistakes.docx"),
        input.join("b-mistakes.docx"),
    )
    .unwrap();
    let copies = 300;
    for i in 0..copies {
        std::fs::copy(
            fixture("samples/hzq2024.pdf"),
            input.join(format!("r{i:04}.pdf")),
        )
        .unwrap();
    }
    let mut command = Command::new(BIN);
    command
        .args(["convert", "-j", "1", "-o"])
        .arg(tmp.path().join("out"))
        .arg(&input);
    let (child, screen, reader) = pty::spawn_watched(command, pty::On::Stderr);
    // Ctrl-C once the bar has counted the failures (the two files sorted first).
    let counted = screen.wait_for("1 with failed checks", Duration::from_secs(60));
    assert!(counted, "{:?}", screen.text());
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: a signal to our own child; no memory is involved.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    reader.join().unwrap();
    let screen = screen.text();
    assert_eq!(out.status.code(), Some(130), "{screen}");
    let total = copies + 2;
    let bar = screen
        .split(['\r', '\n'])
        .map(|l| l.replace("\x1b[2K", ""))
        .rev()
        .find(|l| l.contains(&format!("/{total} · ")))
        .unwrap_or_else(|| panic!("no bar drawn: {screen:?}"));
    let parts: Vec<&str> = bar.trim().split(" · ").collect();
    assert!(parts.len() >= 5, "{bar}");
    assert!(parts[1].ends_with("/s"), "{bar}");
    assert!(parts[2].starts_with("ETA "), "{bar}");
    assert_eq!(parts[3], "1 error", "{bar}");
    assert_eq!(parts[4], "1 with failed checks", "{bar}");
    // Lines for what went wrong are printed above the bar.
    assert!(screen.contains("error "), "{screen:?}");
    // After Ctrl-C the bar is gone: the screen ends with the closing lines.
    assert!(screen.contains("interrupted: "), "{screen:?}");
    let tail = screen.rsplit("summary: ").next().unwrap_or_default();
    assert!(
        !tail.contains(" · ETA "),
        "bar left after the summary: {screen:?}"
    );
    assert!(!after_last_clear(&screen).contains(" · ETA "), "{screen:?}");
}
