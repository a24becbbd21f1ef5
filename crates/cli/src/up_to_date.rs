//! Where a batch decides an input's outputs are up to date (and skips it):
//! every output was recorded (in `journal.rs`) as made from the same input
//! bytes by the same gongkai version with the same options, and is still
//! the file written then. Times alone say nothing: a file copied with its
//! old time, or a clock put back, would pass for up to date.

use std::path::PathBuf;

use gongkai::ir::ReadOptions;
use gongkai::WriteOptions;

use crate::journal::{modified_ns, Journal};
use crate::status::Status;

/// This gongkai's version and a fingerprint of the options that shape an
/// output: every read option (the limits) and write option (pretty or
/// compact JSON), whole, so that an option added later counts too.
pub(crate) fn stamp(read: &ReadOptions, write: &WriteOptions) -> String {
    let options = format!("{read:?} {write:?}");
    let hash = gongkai::sha256_hex(options.as_bytes());
    format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        hash.get(..16).unwrap_or(&hash)
    )
}

/// One output of an input: its key in the record and its path.
pub(crate) struct Planned {
    /// Relative to `-o` (`journal::key`); `None` when it cannot be recorded.
    pub key: Option<String>,
    /// Where it is written.
    pub path: PathBuf,
}

/// The status recorded when every output of an input is up to date:
/// recorded under `stamp`, unchanged since, all from one input whose bytes
/// hash to `input_sha256()` now. The input is read (and hashed) only when
/// everything else holds.
pub(crate) fn up_to_date(
    journal: &Journal,
    outputs: &[Planned],
    stamp: &str,
    input_sha256: impl FnOnce() -> Option<String>,
) -> Option<Status> {
    let mut recorded: Option<(&str, &str)> = None;
    for out in outputs {
        let entry = journal.get(out.key.as_deref()?)?;
        if entry.stamp != stamp {
            return None;
        }
        // Not followed: a link put in an output's place is not our output.
        let meta = std::fs::symlink_metadata(&out.path).ok()?;
        if !meta.file_type().is_file()
            || meta.len() != entry.size
            || modified_ns(&meta)? != entry.modified
        {
            return None;
        }
        match recorded {
            Some((input, _)) if input != entry.input => return None,
            Some(_) => {}
            None => recorded = Some((&entry.input, &entry.status)),
        }
    }
    let (input, status) = recorded?;
    (input_sha256()? == input).then(|| Status::from_word(status).unwrap_or(Status::Ok))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Appender, Entry};

    #[test]
    fn up_to_date_needs_the_same_input_bytes_stamp_and_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.json");
        std::fs::write(&out, "{}").unwrap();
        let meta = std::fs::metadata(&out).unwrap();
        let read = ReadOptions::default();
        let write = WriteOptions { pretty: true };
        let stamp = stamp(&read, &write);
        let entry = Entry::new("abc", &stamp, &meta, "incomplete").unwrap();
        Appender::open(dir.path())
            .unwrap()
            .record(&[("a.json".into(), entry)])
            .unwrap();
        let journal = Journal::load(dir.path());
        let planned = [Planned {
            key: Some("a.json".into()),
            path: out.clone(),
        }];
        let hash = |h: &'static str| move || Some(h.to_string());
        assert_eq!(
            up_to_date(&journal, &planned, &stamp, hash("abc")),
            Some(Status::Incomplete)
        );
        // Other input bytes, other options, another output.
        assert_eq!(up_to_date(&journal, &planned, &stamp, hash("abd")), None);
        let compact = super::stamp(&read, &WriteOptions { pretty: false });
        assert_ne!(compact, stamp);
        assert_eq!(up_to_date(&journal, &planned, &compact, hash("abc")), None);
        std::fs::write(&out, "{ }").unwrap();
        assert_eq!(up_to_date(&journal, &planned, &stamp, hash("abc")), None);
        let unrecorded = [Planned {
            key: Some("b.json".into()),
            path: dir.path().join("b.json"),
        }];
        assert_eq!(up_to_date(&journal, &unrecorded, &stamp, hash("abc")), None);
    }
}
