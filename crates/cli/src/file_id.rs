//! What a path is: its identity (so that one file reached by two paths is
//! one input, and an output or the summary never replaces an input) and
//! whether it is a regular file (a FIFO or a device would block or never end).

use std::fs::Metadata;
use std::path::Path;

use crate::messages::{lang, say, Lang, Msg};

/// One file, however it is reached: device and inode on Unix, the canonical
/// path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FileId(
    #[cfg(unix)] (u64, u64),
    #[cfg(not(unix))] std::path::PathBuf,
);

impl FileId {
    /// The identity of the file `meta` describes, found at `path`.
    pub(crate) fn of(meta: &Metadata, path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            path.canonicalize().ok().map(FileId)
        }
    }

    /// The identity of the file at `path`, links followed; `None` when
    /// there is none.
    pub(crate) fn at(path: &Path) -> Option<FileId> {
        std::fs::metadata(path)
            .ok()
            .and_then(|m| FileId::of(&m, path))
    }
}

/// What a file that is not a regular file is, in words (`a named pipe
/// (FIFO)`); `None` for a regular file. Reading a FIFO waits for a writer
/// and a device may never end, so neither is read.
pub(crate) fn not_regular(meta: &Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The kinds [`not_regular`] names, in Chinese.
const KINDS_ZH: &[(&str, &str)] = &[
    ("a directory", "目录"),
    ("a named pipe (FIFO)", "命名管道（FIFO）"),
    ("a character device", "字符设备"),
    ("a block device", "块设备"),
    ("a socket", "套接字"),
    ("not a regular file", "其他"),
];

/// The one-line reason a non-regular file is not read, in this run's
/// language.
pub(crate) fn not_regular_reason(kind: &str) -> String {
    let kind = match lang() {
        Lang::Zh => KINDS_ZH
            .iter()
            .find(|(en, _)| *en == kind)
            .map_or(kind, |(_, zh)| *zh),
        Lang::En => kind,
    };
    say(Msg::NotRegular, &[("kind", &kind)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_regular_and_has_one_identity_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(not_regular(&meta), None);
        assert_eq!(
            not_regular(&std::fs::metadata(dir.path()).unwrap()),
            Some("a directory")
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("b.txt");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(FileId::at(&link), FileId::at(&file));
            assert!(FileId::at(&file).is_some());
            let zero = std::fs::metadata("/dev/zero").unwrap();
            assert_eq!(not_regular(&zero), Some("a character device"));
        }
        assert_eq!(FileId::at(&dir.path().join("missing")), None);
    }
}
