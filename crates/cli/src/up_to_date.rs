//! Where a batch decides an input's outputs are up to date (and skips it).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Every output exists and is not older than the input.
pub(crate) fn up_to_date(input: &Path, outputs: &[PathBuf]) -> bool {
    let Some(source) = modified(input) else {
        return false;
    };
    outputs
        .iter()
        .all(|o| modified(o).is_some_and(|t| t >= source))
}
