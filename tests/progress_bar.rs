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

/// Converts a broken PDF, a report with failed checks and 300 copies of
/// the sample on a pseudo-terminal with `LANG` set to `lang`, presses Ctrl-C
/// once the screen shows `counted`, and gives the whole screen and the last
/// bar drawn, split at ` · `.
fn interrupted_batch(lang: &str, counted: &str) -> (String, Vec<String>) {
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
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .args(["convert", "-j", "1", "-o"])
        .arg(tmp.path().join("out"))
        .arg(&input);
    let (child, screen, reader) = pty::spawn_watched(command, pty::On::Stderr);
    // Ctrl-C once the bar has counted the failures (the two files sorted first).
    let seen = screen.wait_for(counted, Duration::from_secs(60));
    assert!(seen, "{:?}", screen.text());
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
    let parts = bar.trim().split(" · ").map(str::to_string).collect();
    (screen, parts)
}

#[test]
fn the_bar_counts_errors_and_failed_checks_and_ctrl_c_clears_it() {
    let (screen, parts) = interrupted_batch("C.UTF-8", "1 with failed checks");
    let bar = parts.join(" · ");
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

/// Under a Chinese locale the bar's words are Chinese:
/// `12/100 · 每秒 13 个 · 预计还需 7 秒 · 错误 1 个 · 检查未通过 1 个`.
#[test]
fn the_bar_speaks_chinese_under_a_chinese_locale() {
    let (screen, parts) = interrupted_batch("zh_CN.UTF-8", "检查未通过 1 个");
    let bar = parts.join(" · ");
    assert!(parts.len() >= 5, "{bar}");
    assert!(
        parts[1].starts_with("每秒 ") && parts[1].ends_with(" 个"),
        "{bar}"
    );
    assert!(parts[2].starts_with("预计还需 "), "{bar}");
    assert_eq!(parts[3], "错误 1 个", "{bar}");
    assert_eq!(parts[4], "检查未通过 1 个", "{bar}");
    assert!(screen.contains("已中断："), "{screen:?}");
    assert!(screen.contains("汇总："), "{screen:?}");
}
