//! The record of a batch's outputs, `OUT/.gongkai-outputs`: one JSON line
//! per output written, with the SHA-256 of the input it was made from,
//! gongkai's version and options, and the output's size and time as
//! written. It is what makes an output up to date (see `up_to_date.rs`),
//! and what tells a later run that a file in `-o` (or the summary, wherever
//! it is) is an output, not an input. A line is appended as each input
//! completes, so a killed run keeps what it finished; a later run folds
//! repeated lines away.

use std::collections::HashMap;
use std::fs::Metadata;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::output::{write_output, Inputs};

/// The record's file name in the output directory (hidden: never walked).
pub(crate) const FILE_NAME: &str = ".gongkai-outputs";

/// A record larger than this is not read (every output is then redone).
const MAX_BYTES: u64 = 256 << 20;

/// What was recorded of one output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// SHA-256 of the input's bytes, lower-case hex.
    pub input: String,
    /// gongkai's version and the options' fingerprint (`up_to_date::stamp`).
    pub stamp: String,
    /// The output's size when written.
    pub size: u64,
    /// The output's modification time when written, in nanoseconds.
    pub modified: u64,
    /// The input's status then (`ok`, `incomplete`, `failed-checks`).
    pub status: String,
}

impl Entry {
    /// The entry for an output just written with `meta`.
    pub(crate) fn new(input: &str, stamp: &str, meta: &Metadata, status: &str) -> Option<Entry> {
        Some(Entry {
            input: input.to_string(),
            stamp: stamp.to_string(),
            size: meta.len(),
            modified: modified_ns(meta)?,
            status: status.to_string(),
        })
    }

    fn line(&self, key: &str) -> String {
        serde_json::json!({
            "output": key,
            "input": self.input,
            "stamp": self.stamp,
            "size": self.size,
            "modified": self.modified,
            "status": self.status,
        })
        .to_string()
    }
}

/// One line of the record.
enum Line {
    /// An output, by key.
    Output(String, Entry),
    /// A summary written by a batch into this directory: its resolved
    /// path, size and time.
    Summary(String, (u64, u64)),
}

impl Line {
    fn parse(line: &str) -> Option<Line> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let number = |k: &str| v.get(k).and_then(serde_json::Value::as_u64);
        if let Some(path) = text("summary") {
            return Some(Line::Summary(path, (number("size")?, number("modified")?)));
        }
        Some(Line::Output(
            text("output")?,
            Entry {
                input: text("input")?,
                stamp: text("stamp")?,
                size: number("size")?,
                modified: number("modified")?,
                status: text("status")?,
            },
        ))
    }
}

fn summary_line(path: &str, (size, modified): (u64, u64)) -> String {
    serde_json::json!({ "summary": path, "size": size, "modified": modified }).to_string()
}

/// A file's size and time, the way the record keeps them.
fn size_and_time(meta: &Metadata) -> Option<(u64, u64)> {
    Some((meta.len(), modified_ns(meta)?))
}

/// A file's modification time in nanoseconds since 1970.
pub(crate) fn modified_ns(meta: &Metadata) -> Option<u64> {
    let t = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    u64::try_from(t.as_nanos()).ok()
}

/// The key of an output: its path relative to `-o`, `/`-separated; `None`
/// for a name that is not UTF-8 (such outputs are never up to date).
pub(crate) fn key(rel: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// The record as read at the start of a run.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    entries: HashMap<String, Entry>,
    summaries: HashMap<String, (u64, u64)>,
    /// Lines read, repeated and unreadable ones included.
    lines: usize,
}

impl Journal {
    /// Reads the record in `dir`; a missing or unreadable one is empty.
    pub(crate) fn load(dir: &Path) -> Journal {
        let path = dir.join(FILE_NAME);
        let small = std::fs::symlink_metadata(&path)
            .is_ok_and(|m| m.file_type().is_file() && m.len() <= MAX_BYTES);
        let text = if small {
            std::fs::read_to_string(&path).unwrap_or_default()
        } else {
            String::new()
        };
        let mut journal = Journal::default();
        for line in text.lines() {
            journal.lines += 1;
            // A line cut short by a killed run is simply not there.
            match Line::parse(line) {
                Some(Line::Output(key, entry)) => {
                    journal.entries.insert(key, entry);
                }
                Some(Line::Summary(path, mark)) => {
                    journal.summaries.insert(path, mark);
                }
                None => {}
            }
        }
        journal
    }

    /// What was recorded of the output `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Every output recorded, relative to the output directory.
    pub(crate) fn outputs(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.entries.keys().map(PathBuf::from)
    }

    /// True when the file at `path` is a summary an earlier batch into this
    /// directory wrote, unchanged since (so not an input, though a walk
    /// may meet it).
    pub(crate) fn is_earlier_summary(&self, path: &Path) -> bool {
        let meta = std::fs::symlink_metadata(path);
        let Some(meta) = meta.ok().filter(|m| m.file_type().is_file()) else {
            return false;
        };
        let Ok(real) = path.canonicalize() else {
            return false;
        };
        real.to_str()
            .and_then(|key| self.summaries.get(key))
            .is_some_and(|mark| Some(*mark) == size_and_time(&meta))
    }

    /// Rewrites the record in `dir` with one line per output that still
    /// exists, when it holds repeated lines (outputs written again, by
    /// this run or an earlier one). Atomic, like any output.
    pub(crate) fn fold(dir: &Path, inputs: &Inputs) -> std::io::Result<()> {
        let journal = Journal::load(dir);
        if journal.lines <= journal.entries.len() + journal.summaries.len() {
            return Ok(());
        }
        let mut keys: Vec<&String> = journal.entries.keys().collect();
        keys.sort();
        let mut text = String::new();
        for key in keys {
            let Some(entry) = journal.entries.get(key) else {
                continue;
            };
            if dir.join(key).exists() {
                text.push_str(&entry.line(key));
                text.push('\n');
            }
        }
        let mut summaries: Vec<(&String, &(u64, u64))> = journal.summaries.iter().collect();
        summaries.sort();
        for (path, mark) in summaries {
            if Path::new(path).exists() {
                text.push_str(&summary_line(path, *mark));
                text.push('\n');
            }
        }
        write_output(&dir.join(FILE_NAME), inputs, text.as_bytes())
            .map(|_| ())
            .map_err(std::io::Error::other)
    }
}

/// Appends lines to the record as inputs complete.
pub(crate) struct Appender {
    file: std::fs::File,
}

impl Appender {
    /// Opens (or creates) the record in `dir` for appending, without
    /// following a link planted at its name.
    pub(crate) fn open(dir: &Path) -> std::io::Result<Appender> {
        use std::io::{Read, Seek, SeekFrom};
        let mut options = std::fs::OpenOptions::new();
        options.read(true).append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = options.open(dir.join(FILE_NAME))?;
        // A line a killed run cut short is ended, so the next one is whole.
        if file.metadata()?.len() > 0 {
            let mut last = [0u8];
            file.seek(SeekFrom::End(-1))?;
            file.read_exact(&mut last)?;
            if last != *b"\n" {
                file.write_all(b"\n")?;
            }
        }
        Ok(Appender { file })
    }

    /// Records the summary just written at `path`, so that a later batch
    /// into this directory does not take it for an input.
    pub(crate) fn record_summary(&mut self, path: &Path) -> std::io::Result<()> {
        let real = path.canonicalize()?;
        let meta = std::fs::metadata(&real)?;
        let (Some(key), Some(mark)) = (real.to_str(), size_and_time(&meta)) else {
            return Ok(());
        };
        self.file
            .write_all(format!("{}\n", summary_line(key, mark)).as_bytes())
    }

    /// Records the outputs of one input, in one write so that a run killed
    /// meanwhile leaves whole lines.
    pub(crate) fn record(&mut self, entries: &[(String, Entry)]) -> std::io::Result<()> {
        let mut text = String::new();
        for (key, entry) in entries {
            text.push_str(&entry.line(key));
            text.push('\n');
        }
        self.file.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(input: &str) -> Entry {
        Entry {
            input: input.into(),
            stamp: "0.1.0 abc".into(),
            size: 3,
            modified: 7,
            status: "ok".into(),
        }
    }

    #[test]
    fn entries_are_appended_read_back_and_folded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.json"), "x").unwrap();
        let mut log = Appender::open(dir.path()).unwrap();
        log.record(&[
            ("a.json".into(), entry("1")),
            ("gone.json".into(), entry("1")),
        ])
        .unwrap();
        log.record(&[("a.json".into(), entry("2"))]).unwrap();
        // A line cut short by a kill.
        std::fs::OpenOptions::new()
            .append(true)
            .open(dir.path().join(FILE_NAME))
            .unwrap()
            .write_all(b"{\"output\":\"b.js")
            .unwrap();
        let mut log = Appender::open(dir.path()).unwrap();
        log.record(&[("c.json".into(), entry("3"))]).unwrap();
        let journal = Journal::load(dir.path());
        assert_eq!(journal.get("a.json"), Some(&entry("2")));
        assert_eq!(journal.get("c.json"), Some(&entry("3")));
        assert_eq!(journal.lines, 5);
        Journal::fold(dir.path(), &Inputs::default()).unwrap();
        let folded = Journal::load(dir.path());
        assert_eq!(folded.lines, 1);
        assert_eq!(folded.get("a.json"), Some(&entry("2")));
        assert_eq!(key(Path::new("sub/a.json")).as_deref(), Some("sub/a.json"));
        // A summary written, recorded, then changed by someone else.
        let summary = dir.path().join("s.csv");
        std::fs::write(&summary, "x").unwrap();
        Appender::open(dir.path())
            .unwrap()
            .record_summary(&summary)
            .unwrap();
        assert!(Journal::load(dir.path()).is_earlier_summary(&summary));
        Journal::fold(dir.path(), &Inputs::default()).unwrap();
        assert!(Journal::load(dir.path()).is_earlier_summary(&summary));
        std::fs::write(&summary, "yy").unwrap();
        assert!(!Journal::load(dir.path()).is_earlier_summary(&summary));
        assert_eq!(key(Path::new("../a.json")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_record_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "mine").unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&victim, out.join(FILE_NAME)).unwrap();
        assert!(Appender::open(&out).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    }
}
