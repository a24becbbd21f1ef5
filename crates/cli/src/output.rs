//! Writing outputs safely: never over an input, never outside `-o`,
//! atomically (a temporary file renamed into place).

use std::collections::HashSet;
use std::fs::Metadata;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::file_id::FileId;
use crate::temp;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path is an input of the run.
    #[error("refusing to overwrite an input file")]
    WouldOverwriteInput,
    /// A directory on the way is a link that leads out of `-o`.
    #[error("{} leads outside the output directory (a symbolic link); nothing written", .0.display())]
    Outside(PathBuf),
    /// The file system refused.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
}

/// Where a batch writes: the output directory as given and as resolved.
#[derive(Debug, Clone)]
pub struct OutputDir {
    /// As given with `-o`; outputs are this joined with relative names.
    pub given: PathBuf,
    /// Resolved: every output's directory must resolve inside it.
    pub canonical: PathBuf,
}

impl OutputDir {
    /// Makes the directory if needed and resolves it.
    pub fn create(given: &Path) -> std::io::Result<OutputDir> {
        std::fs::create_dir_all(given)?;
        Ok(OutputDir {
            given: given.to_path_buf(),
            canonical: given.canonicalize()?,
        })
    }

    /// Makes sure `dir` (below `given`) exists and lies inside the output
    /// directory once links are resolved, creating what is missing one
    /// level at a time, so that no directory is made through a link that
    /// leads out. A link inside the tree to elsewhere inside it is fine.
    pub fn prepare(&self, dir: &Path) -> Result<(), OutputError> {
        match dir.canonicalize() {
            Ok(real) if real.starts_with(&self.canonical) => return Ok(()),
            Ok(_) => return Err(OutputError::Outside(dir.to_path_buf())),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            Err(_) => {}
        }
        let rel = dir
            .strip_prefix(&self.given)
            .map_err(|_| OutputError::Outside(dir.to_path_buf()))?;
        let mut at = self.given.clone();
        for c in rel.components() {
            let Component::Normal(name) = c else {
                return Err(OutputError::Outside(dir.to_path_buf()));
            };
            at.push(name);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    let real = at.canonicalize()?;
                    if !real.starts_with(&self.canonical) {
                        return Err(OutputError::Outside(at));
                    }
                }
                Ok(_) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        format!("{} is not a directory", at.display()),
                    )
                    .into())
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match std::fs::create_dir(&at) {
                        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                            return Err(e.into())
                        }
                        _ => {}
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }
}

/// The identities of a run's inputs: no output, nor the summary, may
/// replace one of them.
#[derive(Debug, Default)]
pub struct Inputs(pub HashSet<FileId>);

impl Inputs {
    /// True when something exists at `path` and it is one of the inputs
    /// (a link to one included).
    pub fn holds(&self, path: &Path) -> bool {
        !self.0.is_empty() && FileId::at(path).is_some_and(|id| self.0.contains(&id))
    }
}

/// Writes `bytes` to `path` through a new temporary file in the same
/// directory, renamed into place so that a reader never sees half a file.
/// The rename replaces what is at `path` itself, a link included, and never
/// writes through it. Refuses to replace an input. Returns the new file's
/// metadata (for the record of outputs).
pub fn write_output(path: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<Metadata, OutputError> {
    let dir = directory_of(path);
    let mut tmp = match temp::create_in(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // The directory is made only when missing: one call less per
            // file in a batch, where it exists after the first.
            std::fs::create_dir_all(dir)?;
            temp::create_in(dir)?
        }
        other => other?,
    };
    tmp.write_all(bytes)?;
    // No fsync: the rename is what makes the output atomic. A new output is
    // placed without a `stat` (renameat2 NOREPLACE where there is one).
    let tmp = match tmp.persist_noclobber(path) {
        Ok(file) => return Ok(file.metadata()?),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => e.file,
        Err(e) => return Err(e.error.into()),
    };
    // Something is there already: replace it, unless it is an input.
    if inputs.holds(path) {
        return Err(OutputError::WouldOverwriteInput);
    }
    let file = tmp.persist(path).map_err(|e| e.error)?;
    Ok(file.metadata()?)
}

/// The directory `path` is in (`.` for a bare name).
pub fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs_of(paths: &[&Path]) -> Inputs {
        Inputs(paths.iter().filter_map(|p| FileId::at(p)).collect())
    }

    #[test]
    fn a_new_output_is_written_and_an_old_one_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("r.txt");
        let out = dir.path().join("out").join("r.json");
        std::fs::write(&input, "in").unwrap();
        let inputs = inputs_of(&[&input]);
        write_output(&out, &inputs, b"first").unwrap();
        let meta = write_output(&out, &inputs, b"second").unwrap();
        assert_eq!(meta.len(), 6);
        assert_eq!(std::fs::read(&out).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn an_output_name_of_255_bytes_works() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format!("a{}.json", "名".repeat(83)));
        assert_eq!(out.file_name().unwrap().len(), 255);
        write_output(&out, &Inputs::default(), b"x").unwrap();
        assert!(out.exists());
    }

    #[test]
    fn the_input_is_never_replaced_even_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("r.json");
        std::fs::write(&input, "in").unwrap();
        let inputs = inputs_of(&[&input]);
        let err = write_output(&input, &inputs, b"out").unwrap_err();
        assert!(matches!(err, OutputError::WouldOverwriteInput));
        #[cfg(unix)]
        {
            // An output path that is a link to an input.
            let link = dir.path().join("r.md");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            let err = write_output(&link, &inputs, b"out").unwrap_err();
            assert!(matches!(err, OutputError::WouldOverwriteInput));
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"in");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert!(names
            .iter()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".tmp")));
    }

    #[cfg(unix)]
    #[test]
    fn no_directory_is_made_through_a_link_that_leads_out() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::create(&dir.path().join("out")).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.given.join("away")).unwrap();
        std::os::unix::fs::symlink(out.given.join("in"), out.given.join("inside")).unwrap();
        std::fs::create_dir(out.given.join("in")).unwrap();
        for bad in ["away", "away/new/deeper"] {
            let err = out.prepare(&out.given.join(bad)).unwrap_err();
            assert!(matches!(err, OutputError::Outside(_)), "{bad}: {err}");
        }
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        out.prepare(&out.given.join("inside/new")).unwrap();
        assert!(out.given.join("in/new").is_dir());
        out.prepare(&out.given.join("a/b")).unwrap();
        assert!(out.given.join("a/b").is_dir());
    }
}
