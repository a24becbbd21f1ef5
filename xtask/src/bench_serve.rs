//! `cargo xtask bench` for `gongkai serve`: a load generator of N concurrent
//! clients (200 by default) posting a mixed corpus to `/api/convert` on
//! localhost for a fixed time, next to the CLI batch on the same files.
//! Reports reports/s, p50/p99 latency, answers by status, and the server's
//! resident memory over the run (peak, and at each quarter, to see that it
//! stays flat). Traffic goes to 127.0.0.1 only, and the run ends by itself.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Options of the service's load run.
pub struct ServeOptions {
    /// Concurrent clients.
    pub clients: usize,
    /// How long the clients post.
    pub seconds: u64,
    /// Files per format in the mixed corpus.
    pub per_format: usize,
    /// The server's `--queue`; its default when `None`.
    pub queue: Option<usize>,
}

/// One answered request.
struct Answer {
    code: u16,
    latency: Duration,
}

/// The server process, stopped with SIGTERM when dropped.
struct ServerProcess {
    child: Child,
}

impl ServerProcess {
    fn start(bin: &Path, jobs: usize, queue: Option<usize>) -> Result<(ServerProcess, String)> {
        let mut command = Command::new(bin);
        command.args(["serve", "--addr", "127.0.0.1:0", "-j", &jobs.to_string()]);
        if let Some(queue) = queue {
            command.args(["--queue", &queue.to_string()]);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot start gongkai serve")?;
        let stderr = child.stderr.take().context("no stderr")?;
        let mut reader = BufReader::new(stderr);
        let mut line = String::new();
        reader.read_line(&mut line)?;
        // Keep reading, so that the server's later lines find a reader.
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        // "gongkai: listening on http://127.0.0.1:PORT/ (…)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .with_context(|| format!("unexpected first line from gongkai serve: {line}"))?
            .to_string();
        Ok((ServerProcess { child }, addr))
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGTERM, then wait: the exit code of a graceful stop.
    fn stop(mut self) -> Result<Option<i32>> {
        let pid = i32::try_from(self.child.id())?;
        // SAFETY: kill(2) on the child this process started.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let status = self.child.wait()?;
        Ok(status.code())
    }
}

/// The resident memory of a process, in KiB.
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// One whole HTTP/1.1 request posting `data` as the `file` field, built once
/// so that the load generator only writes bytes and reads answers.
fn request_bytes(addr: &str, name: &str, data: &[u8]) -> Vec<u8> {
    let (content_type, body) = gongkai_testkit::upload::multipart(name, data);
    let mut request = format!(
        "POST /api/convert?compact=true HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(&body);
    request
}

/// What the generator reads of an answer: its status, and whether the
/// server keeps the connection and asks for a pause.
struct Head {
    code: u16,
    body_len: usize,
    close: bool,
    retry_after: Option<u64>,
}

/// Parse the head of an answer in `buf[..end]` (`end` just past the blank line).
fn parse_head(head: &[u8]) -> Option<Head> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let code = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let mut parsed = Head {
        code,
        body_len: 0,
        close: false,
        retry_after: None,
    };
    let mut sized = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            parsed.body_len = value.parse().ok()?;
            sized = true;
        } else if name.eq_ignore_ascii_case("connection") {
            parsed.close = value.eq_ignore_ascii_case("close");
        } else if name.eq_ignore_ascii_case("retry-after") {
            parsed.retry_after = value.parse().ok();
        }
    }
    // The service always sizes its answers; anything else ends the connection.
    parsed.close |= !sized;
    Some(parsed)
}

/// Send one prebuilt request on `stream` and read its answer, reusing `buf`.
async fn exchange(
    stream: &mut tokio::net::TcpStream,
    request: &[u8],
    buf: &mut Vec<u8>,
) -> std::io::Result<Head> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream.write_all(request).await?;
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = parse_head(buf.get(..end).unwrap_or_default())
                .ok_or_else(|| std::io::Error::other("unreadable answer"))?;
            let mut have = buf.len() - end - 4;
            while have < head.body_len {
                let n = stream.read(&mut chunk).await?;
                if n == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                have += n;
            }
            return Ok(head);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
}

/// Post the prebuilt requests round-robin from `clients` clients, each on
/// its own kept-alive connection, until `deadline`. A client that gets 503
/// waits as long as `Retry-After` says.
async fn clients(
    addr: &str,
    requests: Arc<Vec<Vec<u8>>>,
    clients: usize,
    deadline: Instant,
) -> Result<Vec<Answer>> {
    let mut tasks = Vec::with_capacity(clients);
    for c in 0..clients {
        let (addr, requests) = (addr.to_string(), requests.clone());
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            let mut k = c;
            let mut buf = Vec::with_capacity(64 * 1024);
            let mut stream: Option<tokio::net::TcpStream> = None;
            while Instant::now() < deadline {
                let Some(request) = requests.get(k % requests.len().max(1)) else {
                    break;
                };
                k += clients;
                let started = Instant::now();
                let reused = stream.is_some();
                let mut outcome = Err(std::io::ErrorKind::NotConnected.into());
                // A kept connection the server has since closed is opened
                // again once; a fresh one that fails is an error.
                for _ in 0..2 {
                    if stream.is_none() {
                        stream = tokio::net::TcpStream::connect(&addr).await.ok();
                    }
                    let Some(s) = stream.as_mut() else { break };
                    outcome = exchange(s, request, &mut buf).await;
                    if outcome.is_ok() || !reused {
                        break;
                    }
                    stream = None;
                }
                let (code, pause) = match outcome {
                    Ok(head) => {
                        if head.close {
                            stream = None;
                        }
                        (head.code, head.retry_after)
                    }
                    Err(_) => {
                        stream = None;
                        (0, None)
                    }
                };
                answers.push(Answer {
                    code,
                    latency: started.elapsed(),
                });
                if code == 503 {
                    let wait = Duration::from_secs(pause.unwrap_or(1));
                    tokio::time::sleep(wait).await;
                }
            }
            answers
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await?);
    }
    Ok(all)
}

/// CPU seconds (user + system) a process has used, from `/proc/PID/stat`.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Some((utime + stime) / ticks)
}

/// The first figure of `/proc/loadavg`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Build the mixed corpus, measure the CLI batch on it, then the service.
pub fn section(
    root: &Path,
    bin: &Path,
    work: &Path,
    out_root: &Path,
    cores: usize,
    options: &ServeOptions,
) -> Result<String> {
    let corpus = work.join("corpus").join("serve");
    for (kind, exts) in crate::bench::FORMATS {
        let sources = crate::bench::fixture_inputs(root, exts);
        if !sources.is_empty() {
            crate::bench::make_corpus(&corpus.join(kind), &sources, options.per_format, kind)?;
        }
    }
    let files = crate::bench::walk(&corpus);
    let out = out_root.join("serve");
    let cli = crate::bench::gongkai_batch(bin, &corpus, &out, cores)?;
    std::fs::remove_dir_all(&out).ok();
    let cli_rate = files.len() as f64 / cli.wall;
    let cli_cpu_ms = 1000.0 * cli.cpu / files.len().max(1) as f64;
    run(bin, &corpus, &files, (cli_rate, cli_cpu_ms), cores, options)
}

/// Run the load and return its section of the report.
pub fn run(
    bin: &Path,
    corpus: &Path,
    files: &[PathBuf],
    (cli_rate, cli_cpu_ms): (f64, f64),
    cores: usize,
    options: &ServeOptions,
) -> Result<String> {
    let loaded: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((name, std::fs::read(p)?))
        })
        .collect::<Result<_>>()?;
    if loaded.is_empty() {
        bail!("no files in {}", corpus.display());
    }
    let (server, addr) = ServerProcess::start(bin, cores, options.queue)?;
    let requests: Vec<Vec<u8>> = loaded
        .iter()
        .map(|(name, data)| request_bytes(&addr, name, data))
        .collect();
    drop(loaded);
    let pid = server.pid();
    let load_at_start = load_average();
    let me = std::process::id();
    let cpu_before = (cpu_seconds(me), cpu_seconds(pid));
    let samples: Arc<Mutex<Vec<(f64, u64)>>> = Arc::default();
    let done = Arc::new(AtomicBool::new(false));
    let start = Instant::now();
    let sampler = {
        let (samples, done) = (samples.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = rss_kb(pid) {
                    if let Ok(mut s) = samples.lock() {
                        s.push((start.elapsed().as_secs_f64(), kb));
                    }
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    // One client thread: the machine's other cores are the server's.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let deadline = start + Duration::from_secs(options.seconds);
    let answers = runtime.block_on(clients(
        &addr,
        Arc::new(requests),
        options.clients,
        deadline,
    ))?;
    let wall = start.elapsed().as_secs_f64();
    let used = |before: Option<f64>, after: Option<f64>| match (before, after) {
        (Some(b), Some(a)) => a - b,
        _ => f64::NAN,
    };
    let generator_cpu = used(cpu_before.0, cpu_seconds(me));
    let server_cpu = used(cpu_before.1, cpu_seconds(pid));
    // The machine's CPU time over the run; the rest went to other processes
    // or idle.
    let machine = wall * cores as f64;
    done.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    let exit = server.stop()?;

    let ok: Vec<Duration> = {
        let mut v: Vec<Duration> = answers
            .iter()
            .filter(|a| a.code == 200)
            .map(|a| a.latency)
            .collect();
        v.sort();
        v
    };
    let mut by_code: std::collections::BTreeMap<u16, usize> = Default::default();
    for a in &answers {
        *by_code.entry(a.code).or_default() += 1;
    }
    let busy = by_code.get(&503).copied().unwrap_or(0);
    let errors = answers.len() - ok.len() - busy;
    let rate = ok.len() as f64 / wall;
    let samples = samples.lock().map(|s| s.clone()).unwrap_or_default();
    let peak = samples.iter().map(|(_, kb)| *kb).max().unwrap_or(0);
    let at = |fraction: f64| {
        let t = wall * fraction;
        samples
            .iter()
            .filter(|(s, _)| *s <= t)
            .map(|(_, kb)| *kb)
            .max()
            .unwrap_or(0)
    };
    let mb = |kb: u64| kb as f64 / 1024.0;
    let mut out = String::new();
    writeln!(
        out,
        "\nService (`gongkai serve -j {cores}`, {}): {} clients for {} s on 127.0.0.1, \
         {} files (mixed formats) posted round-robin to `/api/convert`, each client on one \
         kept-alive connection with prebuilt requests; a client that gets 503 waits as long as \
         `Retry-After` says. The load generator runs in one thread on the same machine; load \
         average {load_at_start} at the start.\n",
        options
            .queue
            .map_or_else(|| "default queue".to_string(), |q| format!("--queue {q}")),
        options.clients,
        options.seconds,
        files.len()
    )?;
    writeln!(out, "| reports/s | CLI batch reports/s (same files, -j {cores}) | service/CLI | p50 ms | p99 ms | 200 | 503 | other errors | server CPU | CPU ms/report: service / CLI | generator CPU | peak RSS | RSS by ¼ of the run | exit on SIGTERM |")?;
    writeln!(
        out,
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )?;
    writeln!(
        out,
        "| {rate:.0} | {cli_rate:.0} | {:.0}% | {:.1} | {:.1} | {} | {busy} | {errors} {:?} | {server_cpu:.1} s ({:.0}% of the machine) | {:.2} / {cli_cpu_ms:.2} | {generator_cpu:.1} s ({:.0}%) | {:.1} MB | {:.1} / {:.1} / {:.1} / {:.1} MB | {} |",
        100.0 * rate / cli_rate,
        percentile(&ok, 0.5).as_secs_f64() * 1000.0,
        percentile(&ok, 0.99).as_secs_f64() * 1000.0,
        ok.len(),
        by_code
            .iter()
            .filter(|(c, _)| **c != 200 && **c != 503)
            .collect::<Vec<_>>(),
        100.0 * server_cpu / machine,
        1000.0 * server_cpu / ok.len().max(1) as f64,
        100.0 * generator_cpu / machine,
        mb(peak),
        mb(at(0.25)),
        mb(at(0.5)),
        mb(at(0.75)),
        mb(at(1.0)),
        exit.map(|c| c.to_string()).unwrap_or_else(|| "signal".into()),
    )?;
    Ok(out)
}
