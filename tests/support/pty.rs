//! Running the real binary with a pseudo-terminal as standard output or
//! standard error, as a person at a terminal would (libc's `openpty`).

use std::fs::File;
use std::io::Read;
use std::os::fd::FromRawFd;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A pseudo-terminal: the side the program writes to and the side we read.
pub struct Pty {
    /// Our side: what the program wrote comes out here.
    pub master: File,
    /// The program's side.
    pub slave: File,
}

/// Opens a pseudo-terminal of 120 columns and 40 rows.
pub fn open() -> Pty {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: the out-pointers are valid for the call; name and termios may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    // SAFETY: openpty returned two fresh descriptors that nothing else owns.
    unsafe {
        Pty {
            master: File::from_raw_fd(master),
            slave: File::from_raw_fd(slave),
        }
    }
}

/// Which of the program's streams is the terminal.
#[allow(dead_code)] // Each test file uses the one it needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum On {
    Stdout,
    Stderr,
}

/// What reached the terminal so far, as the program runs.
#[derive(Clone, Default)]
pub struct Screen(Arc<Mutex<Vec<u8>>>);

#[allow(dead_code)] // Each test file uses what it needs.
impl Screen {
    /// Everything written so far.
    pub fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Waits until `what` has been written, up to `limit`; true when it was.
    pub fn wait_for(&self, what: &str, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.text().contains(what) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

/// Starts `command` with the terminal as its `on` stream (the other one
/// piped); returns the child and a thread collecting what reached the
/// terminal until the program closed it.
#[allow(dead_code)] // Each test file uses what it needs.
pub fn spawn(command: Command, on: On) -> (Child, std::thread::JoinHandle<Vec<u8>>) {
    let (child, screen, reader) = spawn_watched(command, on);
    let all = std::thread::spawn(move || {
        let _ = reader.join();
        let bytes = screen.0.lock().unwrap_or_else(|e| e.into_inner());
        bytes.clone()
    });
    (child, all)
}

/// Like [`spawn`], with the screen readable while the program runs.
#[allow(dead_code)] // Each test file uses what it needs.
pub fn spawn_watched(mut command: Command, on: On) -> (Child, Screen, std::thread::JoinHandle<()>) {
    let Pty { mut master, slave } = open();
    let tty = || Stdio::from(slave.try_clone().expect("dup pty"));
    command.stdin(Stdio::null());
    match on {
        On::Stdout => command.stdout(tty()).stderr(Stdio::piped()),
        On::Stderr => command.stderr(tty()).stdout(Stdio::piped()),
    };
    let child = command.spawn().expect("cannot run gongkai");
    // Only the child holds the terminal now: reading ends (EIO) when it exits.
    drop(slave);
    drop(command);
    let screen = Screen::default();
    let seen = screen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut all = seen.0.lock().unwrap_or_else(|e| e.into_inner());
            all.extend_from_slice(&buf[..n]);
        }
    });
    (child, screen, reader)
}
