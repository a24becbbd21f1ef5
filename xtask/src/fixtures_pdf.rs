//! Generates the pdf fixtures under `fixtures/pdf/`.

/// Generate the fixtures.
pub fn run(_root: &std::path::Path) -> anyhow::Result<()> {
    Ok(())
}
