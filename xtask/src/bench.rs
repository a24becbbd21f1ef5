//! `cargo xtask bench`: end-to-end throughput of the release binary per input
//! format, on one core and on all cores, next to `pandoc -f docx -t json`,
//! `pandoc -f html -t json` and `pdftotext -layout` on the same files, plus
//! peak memory of large batches.
//! Prints one table and writes it to `target/bench/report.md`.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// The bench's command line.
pub const USAGE: &str = "cargo xtask bench [--files N] [--peer-files N] [--quick] [--formats pdf,html,...] [--serve-only] [--clients N] [--seconds N] [--queue N] [--bin PATH] [--no-build] [--dataset-only] [--ocr-only]";

/// The formats measured, each with its file extensions (also the service's
/// mixed corpus).
pub(crate) const FORMATS: [(&str, &[&str]); 5] = [
    ("txt", &["txt"]),
    ("docx", &["docx"]),
    ("xlsx", &["xlsx", "xls", "ods"]),
    ("pdf", &["pdf"]),
    ("html", &["html", "htm", "mht"]),
];

/// Options of one benchmark run.
pub struct Options {
    /// Files per format in the corpus.
    pub files: usize,
    /// Files sampled for the single-file peers (pandoc, pdftotext).
    pub peer_files: usize,
    /// Skip the 10,000-file memory run.
    pub quick: bool,
    /// Only the service's load run.
    pub serve_only: bool,
    /// The service's load run.
    pub serve: crate::bench_serve::ServeOptions,
    /// Only the `--dataset` measurement.
    pub dataset_only: bool,
    /// Only the scanned pages' section (OCR).
    pub ocr_only: bool,
    /// Measure this gongkai binary instead of building the release one.
    pub bin: Option<PathBuf>,
    /// Only these formats' rows of the table (`--formats pdf`), and none of
    /// the other sections; all formats and sections when empty.
    pub formats: Vec<String>,
    /// Measure the release binary as it is, without building it first.
    pub no_build: bool,
}

impl Options {
    /// Parse `--files N`, `--peer-files N`, `--quick`.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut o = Options {
            files: 2000,
            peer_files: 40,
            quick: false,
            serve_only: false,
            serve: crate::bench_serve::ServeOptions {
                clients: 200,
                seconds: 30,
                per_format: 100,
                queue: None,
            },
            dataset_only: false,
            ocr_only: false,
            bin: None,
            formats: Vec::new(),
            no_build: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--files" => o.files = it.next().context("--files N")?.parse()?,
                "--peer-files" => o.peer_files = it.next().context("--peer-files N")?.parse()?,
                "--quick" => o.quick = true,
                "--serve-only" => o.serve_only = true,
                "--clients" => o.serve.clients = it.next().context("--clients N")?.parse()?,
                "--seconds" => o.serve.seconds = it.next().context("--seconds N")?.parse()?,
                "--queue" => o.serve.queue = Some(it.next().context("--queue N")?.parse()?),
                "--dataset-only" => o.dataset_only = true,
                "--ocr-only" => o.ocr_only = true,
                "--bin" => o.bin = Some(it.next().context("--bin PATH")?.into()),
                "--formats" => {
                    let list = it.next().context("--formats pdf,html,...")?;
                    o.formats = list.split(',').map(str::to_string).collect();
                    if let Some(bad) = o
                        .formats
                        .iter()
                        .find(|f| !FORMATS.iter().any(|(k, _)| k == f))
                    {
                        bail!("unknown format {bad} in --formats; usage: {USAGE}");
                    }
                }
                "--no-build" => o.no_build = true,
                other => bail!("unknown option {other}; usage: {USAGE}"),
            }
        }
        Ok(o)
    }
}

/// What one measured process did.
pub(crate) struct Run {
    pub(crate) wall: f64,
    pub(crate) cpu: f64,
    max_rss_kb: i64,
    /// The exit code (`None` when killed by a signal).
    code: Option<i32>,
}

impl Run {
    /// What the exit code says of the batch, for the table: gongkai exits 3
    /// when every input converted but some report lacks 表三 or 表四.
    fn note(&self) -> &'static str {
        match self.code {
            Some(0) => "",
            Some(3) => " (some reports incomplete)",
            _ => " (some inputs failed)",
        }
    }
}

/// Run a command, measuring wall time, CPU time and peak RSS of the child.
fn measure(cmd: &mut Command) -> Result<Run> {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    let pid = i32::try_from(child.id())?;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills in; `pid` is our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    if rc < 0 {
        bail!("wait4 failed for {cmd:?}");
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss,
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
    })
}

pub(crate) fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// Fixture inputs of one format (files with an expected JSON beside them).
pub(crate) fn fixture_inputs(root: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join("fixtures")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("bad") {
                    dirs.push(p);
                }
                continue;
            }
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let Some((stem, ext)) = name.rsplit_once('.') else {
                continue;
            };
            if exts.contains(&ext) && p.with_file_name(format!("{stem}.expected.json")).exists() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Vary the printed counts of a text report (cells that are only digits).
fn vary_text(text: &str, seed: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (n, line) in text.lines().enumerate() {
        let cells: Vec<String> = line
            .split('\t')
            .map(|cell| {
                if !cell.is_empty() && cell.len() < 6 && cell.bytes().all(|b| b.is_ascii_digit()) {
                    ((seed * 31 + n * 7) % 97).to_string()
                } else {
                    cell.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

/// Vary the printed counts of a DOCX: rewrite `<w:t>` runs that are only
/// digits in `word/document.xml`, copy the other entries as they are.
fn vary_docx(data: &[u8], seed: usize) -> Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(data))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name()?.to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        if name == "word/document.xml" {
            let xml = String::from_utf8_lossy(&bytes).into_owned();
            let mut varied = String::with_capacity(xml.len());
            let mut rest = xml.as_str();
            let mut k = 0;
            while let Some(pos) = rest.find("<w:t>") {
                let (head, tail) = rest.split_at(pos + 5);
                varied.push_str(head);
                let end = tail.find("</w:t>").unwrap_or(0);
                let text = &tail[..end];
                if !text.is_empty() && text.len() < 6 && text.bytes().all(|b| b.is_ascii_digit()) {
                    k += 1;
                    varied.push_str(&((seed * 13 + k * 5) % 89).to_string());
                } else {
                    varied.push_str(text);
                }
                rest = &tail[end..];
            }
            varied.push_str(rest);
            bytes = varied.into_bytes();
        }
        out.start_file(name, options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

/// Fill `dir` with `n` inputs made from `sources`, varied where the format
/// allows; returns the total bytes.
pub(crate) fn make_corpus(dir: &Path, sources: &[PathBuf], n: usize, kind: &str) -> Result<u64> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let originals: Vec<(String, Vec<u8>)> = sources
        .iter()
        .filter_map(|p| {
            let ext = p.extension()?.to_str()?.to_string();
            Some((ext, std::fs::read(p).ok()?))
        })
        .collect();
    if originals.is_empty() {
        bail!("no {kind} fixtures to build a corpus from");
    }
    let mut total = 0u64;
    for i in 0..n {
        let (ext, data) = &originals[i % originals.len()];
        // A mixed corpus varies each file as its own format.
        let kind = if kind == "mixed" { ext.as_str() } else { kind };
        let bytes = match kind {
            // Varied line by line, NUL padding would end up inside the
            // text (which the reader refuses): copy such files as they are.
            "txt" => match std::str::from_utf8(data) {
                Ok(text) if !text.contains('\0') => vary_text(text, i).into_bytes(),
                _ => data.clone(),
            },
            "docx" => vary_docx(data, i).unwrap_or_else(|_| data.clone()),
            _ => data.clone(),
        };
        // A few subdirectories, as an archive has.
        let sub = dir.join(format!("{:02}", i % 10));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("r{i:05}.{ext}")), &bytes)?;
        total += bytes.len() as u64;
    }
    Ok(total)
}

/// Run the batch converter over a directory: the best of three runs.
pub(crate) fn gongkai_batch(bin: &Path, input: &Path, out: &Path, jobs: usize) -> Result<Run> {
    let mut best: Option<Run> = None;
    for _ in 0..3 {
        let run = gongkai_batch_once(bin, input, out, jobs)?;
        if best.as_ref().is_none_or(|b| run.wall < b.wall) {
            best = Some(run);
        }
    }
    best.context("no run")
}

fn gongkai_batch_once(bin: &Path, input: &Path, out: &Path, jobs: usize) -> Result<Run> {
    gongkai_batch_with(bin, input, out, jobs, None)
}

/// One batch run, with `--dataset FILE` when given (a fresh file each run).
fn gongkai_batch_with(
    bin: &Path,
    input: &Path,
    out: &Path,
    jobs: usize,
    dataset: Option<&Path>,
) -> Result<Run> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    let mut cmd = Command::new(bin);
    cmd.arg("convert")
        .arg(input)
        .arg("--to")
        .arg("json")
        .arg("-o")
        .arg(out)
        .arg("--force")
        .arg("--quiet")
        .arg("-j")
        .arg(jobs.to_string());
    if let Some(file) = dataset {
        std::fs::remove_file(file).ok();
        cmd.arg("--dataset").arg(file);
    }
    measure(&mut cmd)
}

/// The corpora of the `--dataset` measurement: plain text (the cheapest
/// reader, so the worst case for the share the dataset adds) and every
/// format the bench builds, in the proportions of the fixtures (mostly PDF
/// and web pages, like a real archive).
fn dataset_corpora(root: &Path) -> Vec<(&'static str, Vec<PathBuf>)> {
    let every: Vec<&str> = FORMATS
        .iter()
        .flat_map(|(_, e)| e.iter().copied())
        .collect();
    vec![
        ("txt", fixture_inputs(root, &["txt"])),
        ("mixed", fixture_inputs(root, &every)),
    ]
}

/// Batches of `n` reports of each corpus without and with `--dataset
/// x.sqlite`: peak memory and the time the dataset adds (goals: under 100
/// MB, at most 20%), in wall time and in CPU time (the fairer figure on a
/// shared machine). Each the best of three runs, alternated so that both
/// see the same machine.
fn dataset_table(
    table: &mut String,
    bin: &Path,
    work: &Path,
    out_root: &Path,
    corpora: &[(&str, Vec<PathBuf>)],
    n: usize,
    cores: usize,
) -> Result<()> {
    writeln!(
        table,
        "\nA batch with `--dataset x.sqlite` (all cores, best of 3 each; load average before: {}):\n",
        load_average()
    )?;
    writeln!(
        table,
        "| corpus | files | without: wall s | CPU s | peak RSS | with: wall s | CPU s | peak RSS | added wall | added CPU | database |"
    )?;
    writeln!(table, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    for (name, sources) in corpora {
        if sources.is_empty() {
            continue;
        }
        let corpus = work.join("corpus").join(format!("dataset-{name}{n}"));
        make_corpus(
            &corpus,
            sources,
            n,
            if *name == "txt" { "txt" } else { "mixed" },
        )?;
        let out = out_root.join(format!("dataset{n}"));
        let db = out_root.join(format!("dataset{n}.sqlite"));
        let mut plain: Vec<Run> = Vec::new();
        let mut with: Vec<Run> = Vec::new();
        for _ in 0..3 {
            plain.push(gongkai_batch_with(bin, &corpus, &out, cores, None)?);
            with.push(gongkai_batch_with(bin, &corpus, &out, cores, Some(&db))?);
        }
        let best =
            |runs: &[Run], f: fn(&Run) -> f64| runs.iter().map(f).fold(f64::INFINITY, f64::min);
        let peak =
            |runs: &[Run]| runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0;
        let (pw, pc) = (best(&plain, |r| r.wall), best(&plain, |r| r.cpu));
        let (ww, wc) = (best(&with, |r| r.wall), best(&with, |r| r.cpu));
        let note = with.last().map(Run::note).unwrap_or_default();
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        writeln!(
            table,
            "| {name} | {n} | {pw:.2} | {pc:.2} | {:.1} MB | {ww:.2}{note} | {wc:.2} | {:.1} MB | {:+.0}% | {:+.0}% | {:.0} MB |",
            peak(&plain),
            peak(&with),
            (ww / pw - 1.0) * 100.0,
            (wc / pc - 1.0) * 100.0,
            size as f64 / 1e6
        )?;
        std::fs::remove_dir_all(&corpus).ok();
        std::fs::remove_dir_all(&out).ok();
        std::fs::remove_file(&db).ok();
    }
    writeln!(table, "\nLoad average after: {}.", load_average())?;
    Ok(())
}

/// The machine's load averages (`/proc/loadavg`), for the table: the
/// figures of a shared machine mean little without them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Run a single-file peer on every file, one at a time (`jobs` = 1) or two
/// at a time; returns the total wall time.
fn peer_run(files: &[PathBuf], jobs: usize, make: &dyn Fn(&Path) -> Command) -> Result<f64> {
    let start = Instant::now();
    for chunk in files.chunks(jobs.max(1)) {
        let mut children = Vec::new();
        for f in chunk {
            children.push(
                make(f)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()?,
            );
        }
        for mut c in children {
            c.wait()?;
        }
    }
    Ok(start.elapsed().as_secs_f64())
}

fn pdf_pages(files: &[PathBuf]) -> usize {
    files
        .iter()
        .map(|f| {
            let out = Command::new("pdfinfo").arg(f).output();
            out.ok()
                .and_then(|o| {
                    String::from_utf8_lossy(&o.stdout).lines().find_map(|l| {
                        l.strip_prefix("Pages:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(1))
                    })
                })
                .unwrap_or(1)
        })
        .sum()
}

/// Run the whole benchmark.
pub fn run(root: &Path, options: &Options) -> Result<()> {
    let bin = match &options.bin {
        Some(bin) => bin.clone(),
        None => {
            if !options.no_build {
                let status = Command::new("cargo")
                    .args(["build", "--release", "--quiet", "-p", "gongkai-bin"])
                    .current_dir(root)
                    .status()?;
                if !status.success() {
                    bail!("release build failed");
                }
            }
            // Where cargo put it: `CARGO_TARGET_DIR` when set, else `target/`.
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("target"));
            target.join("release/gongkai")
        }
    };
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work)?;
    // Outputs go to memory where possible: the disk's write-back of thousands
    // of small files would otherwise be measured instead of the converter.
    let shm = Path::new("/dev/shm");
    // One directory per checkout: two worktrees' benches must not clobber
    // each other's outputs.
    let checkout = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let out_root = if shm.is_dir() {
        shm.join(format!("gongkai-bench-{checkout}"))
    } else {
        work.join("out")
    };
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let dataset_files = if options.quick { 1000 } else { 10_000 };
    let dataset_sources = dataset_corpora(root);
    let dataset_run = |table: &mut String| {
        dataset_table(
            table,
            &bin,
            &work,
            &out_root,
            &dataset_sources,
            dataset_files,
            cores,
        )
    };
    if options.ocr_only {
        let table = crate::bench_ocr::section(root, &bin, &work)?;
        println!("{table}");
        return Ok(());
    }
    if options.dataset_only {
        let mut table = String::new();
        dataset_run(&mut table)?;
        println!("{table}");
        return Ok(());
    }

    let serve_section =
        || crate::bench_serve::section(root, &bin, &work, &out_root, cores, &options.serve);
    let mut table = String::new();
    if options.serve_only {
        table.push_str(&serve_section()?);
        println!("{table}");
        std::fs::write(work.join("report-serve.md"), &table)?;
        return Ok(());
    }
    let machine = Command::new("sh")
        .args(["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    writeln!(
        table,
        "Machine: {machine}, {cores} cores; {date}; {} files per format; outputs written to {}; best of 3 runs.\n",
        options.files,
        out_root.display()
    )?;
    writeln!(table, "| format | files | MB | 1 core: reports/s | MB/s | CPU ms/report | {cores} cores: reports/s | speed-up | peer | peer reports/s (1 core) | gongkai/peer |")?;
    writeln!(table, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    for (kind, exts) in FORMATS {
        if !options.formats.is_empty() && !options.formats.iter().any(|f| f == kind) {
            continue;
        }
        let sources = fixture_inputs(root, exts);
        if sources.is_empty() {
            continue;
        }
        let corpus = work.join("corpus").join(kind);
        let bytes = make_corpus(&corpus, &sources, options.files, kind)?;
        let out = out_root.join(kind);
        let one = gongkai_batch(&bin, &corpus, &out, 1)?;
        let all = gongkai_batch(&bin, &corpus, &out, cores)?;
        let n = options.files as f64;
        let mb = bytes as f64 / 1e6;
        let mut peer = ("—".to_string(), None::<f64>);
        let sample: Vec<PathBuf> = walk(&corpus).into_iter().take(options.peer_files).collect();
        if kind == "docx" && have("pandoc") {
            let t = peer_run(&sample, 1, &|f| {
                let mut c = Command::new("pandoc");
                c.args(["-f", "docx", "-t", "json", "-o", "/dev/null"])
                    .arg(f);
                c
            })?;
            peer = (
                "pandoc -f docx -t json".to_string(),
                Some(sample.len() as f64 / t),
            );
        }
        if kind == "html" && have("pandoc") {
            // pandoc reads no web archives: its sample is the pages alone.
            let pages: Vec<PathBuf> = walk(&corpus)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
                .take(options.peer_files)
                .collect();
            let t = peer_run(&pages, 1, &|f| {
                let mut c = Command::new("pandoc");
                c.args(["-f", "html", "-t", "json", "-o", "/dev/null"])
                    .arg(f);
                c
            })?;
            peer = (
                "pandoc -f html -t json".to_string(),
                Some(pages.len() as f64 / t),
            );
        }
        if kind == "pdf" && have("pdftotext") {
            let t = peer_run(&sample, 1, &|f| {
                let mut c = Command::new("pdftotext");
                c.arg("-layout").arg(f).arg("/dev/null");
                c
            })?;
            let pages = pdf_pages(&sample);
            peer = (
                format!(
                    "pdftotext -layout ({:.1} pages/report)",
                    pages as f64 / sample.len().max(1) as f64
                ),
                Some(sample.len() as f64 / t),
            );
        }
        let rate1 = n / one.wall;
        let rate_all = n / all.wall;
        let ratio = peer
            .1
            .map(|p| format!("{:.1}×", rate1 / p))
            .unwrap_or_else(|| "—".into());
        writeln!(
            table,
            "| {kind} | {} | {mb:.1} | {rate1:.0} | {:.1} | {:.3} | {rate_all:.0} | {:.2}× | {} | {} | {ratio} |{}",
            options.files,
            mb / one.wall,
            one.cpu * 1000.0 / n,
            rate_all / rate1,
            peer.0,
            peer.1.map(|p| format!("{p:.1}")).unwrap_or_else(|| "—".into()),
            if one.code == Some(0) { all.note() } else { one.note() },
        )?;
        print!("{kind}: done\r");
        std::io::stdout().flush()?;
    }
    if !options.formats.is_empty() {
        println!("{table}");
        std::fs::write(work.join("report-formats.md"), &table)?;
        return Ok(());
    }

    writeln!(
        table,
        "\nPeak RSS of a batch (txt, all cores, `convert DIR -o DIR`):\n"
    )?;
    writeln!(table, "| files | peak RSS | wall s |")?;
    writeln!(table, "|---|---|---|")?;
    let sizes: &[usize] = if options.quick {
        &[1000]
    } else {
        &[1000, 10_000]
    };
    let sources = fixture_inputs(root, &["txt"]);
    for &n in sizes {
        let corpus = work.join("corpus").join(format!("mem{n}"));
        make_corpus(&corpus, &sources, n, "txt")?;
        let out = out_root.join(format!("mem{n}"));
        let run = gongkai_batch(&bin, &corpus, &out, cores)?;
        writeln!(
            table,
            "| {n} | {:.1} MB | {:.2} |",
            run.max_rss_kb as f64 / 1024.0,
            run.wall
        )?;
        std::fs::remove_dir_all(&corpus).ok();
        std::fs::remove_dir_all(&out).ok();
    }
    table.push_str(&serve_section()?);
    table.push_str(&crate::bench_ocr::section(root, &bin, &work)?);
    dataset_run(&mut table)?;
    println!("{table}");
    std::fs::write(work.join("report.md"), &table)?;
    println!("written to {}", work.join("report.md").display());
    Ok(())
}

/// Every file under a directory.
pub(crate) fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
