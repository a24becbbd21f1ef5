//! The binary under test and the fixtures, for the end-to-end tests.

use std::path::PathBuf;

/// The real `gongkai` binary.
pub const BIN: &str = env!("CARGO_BIN_EXE_gongkai");

/// A file under `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}
