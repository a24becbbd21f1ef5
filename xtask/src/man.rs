//! `cargo xtask man`: the manual pages under `docs/man`, one per subcommand,
//! made from the command line's one clap definition.

use std::path::Path;

use anyhow::{Context, Result};

/// Writes every page to `docs/man`, removing pages of subcommands gone.
pub fn run(root: &Path) -> Result<()> {
    let dir = root.join("docs/man");
    std::fs::create_dir_all(&dir)?;
    let pages = gongkai_cli::man_pages()?;
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let stale = name.is_some_and(|n| n.ends_with(".1") && !pages.iter().any(|(p, _)| *p == n));
        if stale {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, page) in pages {
        let path = dir.join(&name);
        std::fs::write(&path, page).with_context(|| path.display().to_string())?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
