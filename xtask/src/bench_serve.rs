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
    fn start(bin: &Path, jobs: usize) -> Result<(ServerProcess, String)> {
        let mut child = Command::new(bin)
            .args(["serve", "--addr", "127.0.0.1:0", "-j", &jobs.to_string()])
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

/// A small random number generator per client (backoff jitter).
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Post the files round-robin from `clients` clients until `deadline`.
async fn clients(
    addr: &str,
    files: Arc<Vec<(String, Vec<u8>)>>,
    clients: usize,
    deadline: Instant,
) -> Result<Vec<Answer>> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()?;
    let url = format!("http://{addr}/api/convert?compact=true");
    let mut tasks = Vec::with_capacity(clients);
    for c in 0..clients {
        let (client, url, files) = (client.clone(), url.clone(), files.clone());
        tasks.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            let mut k = c;
            let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ (c as u64 + 1);
            while Instant::now() < deadline {
                let Some((name, data)) = files.get(k % files.len().max(1)) else {
                    break;
                };
                k += clients;
                let part = reqwest::multipart::Part::bytes(data.clone()).file_name(name.clone());
                let form = reqwest::multipart::Form::new().part("file", part);
                let started = Instant::now();
                let code = match client.post(&url).multipart(form).send().await {
                    Ok(r) => {
                        let code = r.status().as_u16();
                        match r.bytes().await {
                            Ok(_) => code,
                            Err(_) => 0,
                        }
                    }
                    Err(_) => 0,
                };
                answers.push(Answer {
                    code,
                    latency: started.elapsed(),
                });
                if code == 503 {
                    // Busy: come back shortly, not all at once.
                    let wait = 10 + next_random(&mut seed) % 20;
                    tokio::time::sleep(Duration::from_millis(wait)).await;
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
    run(bin, &corpus, &files, cli_rate, cores, options)
}

/// Run the load and return its section of the report.
pub fn run(
    bin: &Path,
    corpus: &Path,
    files: &[PathBuf],
    cli_rate: f64,
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
    let (server, addr) = ServerProcess::start(bin, cores)?;
    let pid = server.pid();
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
    let answers = runtime.block_on(clients(&addr, Arc::new(loaded), options.clients, deadline))?;
    let wall = start.elapsed().as_secs_f64();
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
        "\nService (`gongkai serve -j {cores}`, default queue): {} clients for {} s on 127.0.0.1, \
         {} files (mixed formats) posted round-robin to `/api/convert`; a client that gets 503 \
         waits 10–30 ms. The load generator runs in one thread on the same machine.\n",
        options.clients,
        options.seconds,
        files.len()
    )?;
    writeln!(out, "| reports/s | CLI batch reports/s (same files, -j {cores}) | service/CLI | p50 ms | p99 ms | 200 | 503 | other errors | peak RSS | RSS by ¼ of the run | exit on SIGTERM |")?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    writeln!(
        out,
        "| {rate:.0} | {cli_rate:.0} | {:.0}% | {:.1} | {:.1} | {} | {busy} | {errors} {:?} | {:.1} MB | {:.1} / {:.1} / {:.1} / {:.1} MB | {} |",
        100.0 * rate / cli_rate,
        percentile(&ok, 0.5).as_secs_f64() * 1000.0,
        percentile(&ok, 0.99).as_secs_f64() * 1000.0,
        ok.len(),
        by_code
            .iter()
            .filter(|(c, _)| **c != 200 && **c != 503)
            .collect::<Vec<_>>(),
        mb(peak),
        mb(at(0.25)),
        mb(at(0.5)),
        mb(at(0.75)),
        mb(at(1.0)),
        exit.map(|c| c.to_string()).unwrap_or_else(|| "signal".into()),
    )?;
    Ok(out)
}
