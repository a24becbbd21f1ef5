//! Writing outputs safely: never over an input, atomically (temp + rename).

use std::io::Write;
use std::path::Path;

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

/// Write `bytes` to `path` through a temporary file in the same directory
/// (made by tempfile: `O_EXCL`, an unpredictable name), renamed into place,
/// so that a reader never sees half a file.
pub fn write_output(path: &Path, input: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let mut tmp = match temp_beside(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The directory is made only when missing: one call less per
            // file in a batch, where it exists after the first.
            std::fs::create_dir_all(directory_of(path))?;
            temp_beside(path)?
        }
        other => other?,
    };
    tmp.write_all(bytes)?;
    // No fsync: the rename is what makes the output atomic. A new output is
    // placed without a `stat` (renameat2 NOREPLACE where there is one).
    let tmp = match tmp.persist_noclobber(path) {
        Ok(_) => return Ok(()),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.file,
        Err(e) => return Err(e.error.into()),
    };
    // Something is there already: replace it, unless it is the input.
    if is_same_file(path, input) {
        return Err(OutputError::WouldOverwriteInput);
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new hidden temporary file in `path`'s directory, so that renaming it
/// onto `path` is atomic; removed when dropped unless persisted.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(directory_of(path))
}

/// True when `output` exists and is `input` itself (a link to it included).
fn is_same_file(output: &Path, input: &Path) -> bool {
    // A missing output cannot be the input: one `stat`, no path resolution.
    let Ok(out) = std::fs::metadata(output) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(input).is_ok_and(|i| (i.dev(), i.ino()) == (out.dev(), out.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = out;
        matches!((output.canonicalize(), input.canonicalize()), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_output_is_written_and_an_old_one_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("r.txt");
        let out = dir.path().join("out").join("r.json");
        std::fs::write(&input, "in").unwrap();
        write_output(&out, &input, b"first").unwrap();
        write_output(&out, &input, b"second").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn the_input_is_never_replaced_even_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("r.json");
        std::fs::write(&input, "in").unwrap();
        let err = write_output(&input, &input, b"out").unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput));
        #[cfg(unix)]
        {
            // An input named otherwise that is a link to the output's path.
            let link = dir.path().join("r.txt");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            let err = write_output(&input, &link, b"out").unwrap_err();
            assert!(matches!(err, OutputError::WouldOverwriteInput));
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"in");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert!(names
            .iter()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));
    }
}
