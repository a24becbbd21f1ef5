//! The manual pages: `gongkai(1)`, which refers to one page per subcommand
//! (`gongkai-convert(1)`, …), all made from the one clap definition.

use clap::CommandFactory;

use crate::args::Cli;
use crate::help::english;

/// The subcommands that get a page of their own, in `--help` order.
fn subcommands() -> Vec<clap::Command> {
    english(Cli::command())
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .cloned()
        .collect()
}

/// The page of `gongkai` (`None`) or of one subcommand, in roff; `None`
/// when no subcommand has that name.
pub fn page(subcommand: Option<&str>) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    let Some(name) = subcommand else {
        clap_mangen::Man::new(english(Cli::command())).render(&mut out)?;
        let refs: Vec<String> = subcommands()
            .iter()
            .map(|c| format!("\\fBgongkai\\-{}\\fR(1)", c.get_name()))
            .collect();
        out.extend_from_slice(format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", ")).as_bytes());
        return Ok(Some(out));
    };
    let Some(sub) = subcommands().into_iter().find(|c| c.get_name() == name) else {
        return Ok(None);
    };
    let sub = sub
        .name(format!("gongkai-{name}"))
        .bin_name(format!("gongkai {name}"))
        .version(env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(sub).render(&mut out)?;
    out.extend_from_slice(b".SH \"SEE ALSO\"\n\\fBgongkai\\fR(1)\n");
    Ok(Some(out))
}

/// Every page with its file name (`gongkai.1`, `gongkai-convert.1`, …), for
/// `cargo xtask man`.
pub fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut all = Vec::new();
    if let Some(top) = page(None)? {
        all.push(("gongkai.1".to_string(), top));
    }
    for sub in subcommands() {
        let name = sub.get_name().to_string();
        if let Some(p) = page(Some(&name))? {
            all.push((format!("gongkai-{name}.1"), p));
        }
    }
    Ok(all)
}
