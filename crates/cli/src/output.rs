//! Writing outputs safely: never over an input, atomically (temp + rename).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path is the input file.
    #[error("refusing to overwrite the input file")]
    WouldOverwriteInput,
    /// The file system refused.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
}

/// Write `bytes` to `path` through a temporary file in the same directory,
/// renamed into place, so that a reader never sees half a file.
pub fn write_output(path: &Path, input: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let (Ok(a), Ok(b)) = (path.canonicalize(), input.canonicalize()) {
        if a == b {
            return Err(OutputError::WouldOverwriteInput);
        }
    }
    let tmp = temp_beside(path)?;
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        // No fsync: the rename is what makes the output atomic.

        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(result?)
}

/// A hidden temporary path in `path`'s directory (created if missing), so
/// that renaming it onto `path` is atomic.
pub fn temp_beside(path: &Path) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    Ok(dir.join(format!(".{name}.{}.tmp", std::process::id())))
}
