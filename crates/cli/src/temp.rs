//! Temporary files: made beside their target with a short, unpredictable
//! name that says whose it is (`.gongkai-XXXXXXXX.tmp`: never longer than
//! 21 bytes, so a 255-byte output name still works), locked while written,
//! and removed by the next run when a killed run left them behind.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// How every temporary file's name starts.
const PREFIX: &str = ".gongkai-";
/// How every temporary file's name ends.
const SUFFIX: &str = ".tmp";
/// Random characters in the name.
const RANDOM: usize = 8;
/// A temporary file is locked from a few microseconds after it is made; one
/// this old and unlocked belongs to no running gongkai.
const STALE_AFTER: Duration = Duration::from_secs(2);

/// A new temporary file in `dir` (tempfile: `O_EXCL`, an unpredictable
/// name, removed when dropped unless persisted), locked so that another
/// run's clean-up leaves it alone.
pub(crate) fn create_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(PREFIX).rand_bytes(RANDOM).suffix(SUFFIX);
    // The file becomes an output: made like any new file (0666 less the
    // umask), not tempfile's owner-only 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    // A file system without locks only loses the protection against a
    // clean-up racing a slow write.
    let _ = tmp.as_file().try_lock();
    Ok(tmp)
}

/// True when `name` is one of ours.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(PREFIX)
        .and_then(|rest| rest.strip_suffix(SUFFIX))
        .is_some_and(|r| r.len() == RANDOM && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// True when the temporary file at `path` was left by a run that is gone:
/// old enough, and nobody holds its lock.
fn is_stale(path: &Path, meta: &std::fs::Metadata, now: SystemTime) -> bool {
    let old = meta
        .modified()
        .ok()
        .and_then(|t| now.duration_since(t).ok())
        .is_some_and(|age| age >= STALE_AFTER);
    old && std::fs::File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}

/// Removes the temporary files a killed run left in `dir`, `depth` levels
/// down (links not followed: a link named like ours is removed, never what
/// it points to). Returns how many were removed.
pub(crate) fn remove_stale(dir: &Path, depth: usize) -> usize {
    let now = SystemTime::now();
    let mut removed = 0;
    let walker = walkdir::WalkDir::new(dir).max_depth(depth).into_iter();
    for entry in walker.flatten() {
        if !entry.file_name().to_str().is_some_and(is_temp_name) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let ours = meta.file_type().is_symlink()
            || (meta.file_type().is_file() && is_stale(entry.path(), &meta, now));
        if ours && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_name_is_short_and_ours() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = create_in(dir.path()).unwrap();
        let name = tmp
            .path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(is_temp_name(&name), "{name}");
        assert!(name.len() <= 21, "{name}");
        assert!(!is_temp_name(".gongkai-abc.tmp"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Whatever the umask, not owner-only unless it says so.
            let mode = tmp.as_file().metadata().unwrap().permissions().mode() & 0o777;
            // Linux tells the umask without changing it.
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let umask = status
                .lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|m| u32::from_str_radix(m.trim(), 8).ok());
            if let Some(umask) = umask {
                assert_eq!(mode, 0o666 & !umask);
            }
        }
        assert!(!is_temp_name("report.tmp"));
    }

    #[test]
    fn only_old_unlocked_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        // Left by a killed run: old, unlocked.
        let left = sub.join(".gongkai-AbCd1234.tmp");
        let f = std::fs::File::create(&left).unwrap();
        f.set_modified(old).unwrap();
        drop(f);
        // Being written: old (a slow disk) but locked.
        let busy = create_in(&sub).unwrap();
        busy.as_file().set_modified(old).unwrap();
        // Just made.
        let young = dir.path().join(".gongkai-young123.tmp");
        std::fs::write(&young, "x").unwrap();
        // Not ours.
        let other = dir.path().join(".other.tmp");
        std::fs::write(&other, "x").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&other)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(remove_stale(dir.path(), usize::MAX), 1);
        assert!(!left.exists());
        assert!(busy.path().exists() && young.exists() && other.exists());
        assert_eq!(remove_stale(dir.path(), 1), 0);
    }
}
