//! Generates the docx fixtures under `fixtures/docx/`.

/// Generate the fixtures.
pub fn run(_root: &std::path::Path) -> anyhow::Result<()> {
    Ok(())
}
