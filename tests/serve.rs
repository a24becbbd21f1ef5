//! `gongkai serve` as the real binary: it listens on localhost, answers, and
//! on SIGTERM finishes the request under way and exits 0.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One HTTP/1.1 request on its own connection; the status and the body.
fn request(addr: &str, head: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let head = format!(
        "{head}\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let text = String::from_utf8_lossy(&answer).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_listens_on_localhost_and_finishes_the_running_request_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--addr", "127.0.0.1:0", "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut serve = Serve(child);
    let mut lines = BufReader::new(stderr).lines();
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .strip_prefix("gongkai: listening on http://127.0.0.1:")
        .and_then(|rest| rest.split('/').next())
        .map(|port| format!("127.0.0.1:{port}"))
        .unwrap_or_else(|| panic!("{first}"));
    let (code, body) = request(&addr, "GET /healthz HTTP/1.1", b"");
    assert_eq!(code, 200);
    assert!(body.contains("\"status\":\"ok\""), "{body}");

    // A conversion under way when SIGTERM comes is finished and answered.
    let data = std::fs::read(root().join("fixtures/pdf/full-2021.pdf")).unwrap();
    let converting = {
        let addr = addr.clone();
        std::thread::spawn(move || {
            let (kind, body) = gongkai_testkit::upload::multipart("r.pdf", &data);
            request(
                &addr,
                &format!("POST /api/convert HTTP/1.1\r\nContent-Type: {kind}"),
                &body,
            )
        })
    };
    let started = Instant::now();
    loop {
        let (_, health) = request(&addr, "GET /healthz HTTP/1.1", b"");
        if health.contains("\"running\":1") {
            break;
        }
        if converting.is_finished() {
            // Converted before we saw it run: the test proves less, but holds.
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "never ran");
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: kill(2) on the child this test started.
    unsafe { libc::kill(serve.0.id() as i32, libc::SIGTERM) };
    let (code, body) = converting.join().unwrap();
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("\"format\": \"pdf\""), "{body}");
    let status = serve.0.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(rest, ["gongkai: stopped"]);
}

#[test]
fn serve_binds_localhost_by_default_and_shares_the_limit_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
    for flag in ["--max-input-bytes", "--timeout", "--jobs", "--queue"] {
        assert!(help.contains(flag), "{flag} in {help}");
    }
}
