//! Naming a batch's outputs: `IN/sub/NAME.pdf` → `OUT/sub/NAME.json`, and
//! `NAME.pdf.json` where two inputs in one place share a stem.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::inputs::Input;

/// How an input's outputs are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Naming {
    /// `a.pdf` → `a.json`.
    Stem,
    /// `a.pdf` → `a.pdf.json`, because another input there has the stem `a`.
    WholeName,
    /// The outputs would take the names of input N's.
    TakenBy(usize),
}

/// Names every input's outputs: the input's path relative to its argument,
/// with the extension dropped — unless another input in the same place has
/// the same stem (`a.pdf`, `a.docx`), in which case each keeps its whole name
/// (`a.pdf.json`, `a.docx.json`). Output paths are built per input when it
/// runs, so a large batch keeps one small tag per input, not paths.
pub(crate) fn plan(inputs: &[Input]) -> Vec<Naming> {
    fn key(rel: &Path) -> (&Path, &OsStr) {
        (
            rel.parent().unwrap_or(Path::new("")),
            rel.file_stem().unwrap_or_default(),
        )
    }
    // An input known to fail (a dangling link, a FIFO) writes nothing and
    // takes no name.
    let named = |input: &&Input| input.problem.is_none();
    let mut stems: HashMap<(&Path, &OsStr), usize> = HashMap::with_capacity(inputs.len());
    for input in inputs.iter().filter(named) {
        *stems.entry(key(&input.rel)).or_default() += 1;
    }
    let mut taken: HashMap<(&Path, &OsStr), usize> = HashMap::with_capacity(inputs.len());
    let mut out = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        if !named(&input) {
            out.push(Naming::Stem);
            continue;
        }
        let (parent, stem) = key(&input.rel);
        let (naming, name) = if stems.get(&(parent, stem)).copied().unwrap_or(0) > 1 {
            (Naming::WholeName, input.rel.file_name().unwrap_or_default())
        } else {
            (Naming::Stem, stem)
        };
        out.push(match taken.get(&(parent, name)) {
            Some(&other) => Naming::TakenBy(other),
            None => {
                taken.insert((parent, name), i);
                naming
            }
        });
    }
    out
}

/// The output path of an input under `dir`, without the format's extension.
pub(crate) fn output_base(
    dir: &Path,
    inputs: &[Input],
    i: usize,
    naming: Naming,
) -> Result<PathBuf, String> {
    let Some(input) = inputs.get(i) else {
        return Err("no such input".into());
    };
    let parent = input.rel.parent().unwrap_or(Path::new(""));
    let name = match naming {
        Naming::Stem => input.rel.file_stem(),
        Naming::WholeName => input.rel.file_name(),
        Naming::TakenBy(other) => {
            let other = inputs.get(other).map(|o| o.path.display().to_string());
            return Err(format!(
                "its outputs would take the names of those of {}; give the directory above both instead",
                other.unwrap_or_default()
            ));
        }
    };
    Ok(dir.join(parent).join(name.unwrap_or_default()))
}

pub(crate) fn with_extension(base: &Path, ext: &str) -> PathBuf {
    let mut s = base.as_os_str().to_owned();
    s.push(".");
    s.push(ext);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rel: &str) -> Input {
        Input {
            path: PathBuf::from("in").join(rel),
            rel: PathBuf::from(rel),
            problem: None,
            id: None,
        }
    }

    #[test]
    fn outputs_mirror_the_tree_and_same_stems_keep_their_extension() {
        let inputs = [
            input("a.pdf"),
            input("a.docx"),
            input("sub/b.pdf"),
            input("c.txt"),
        ];
        let dir = Path::new("out");
        let plans = plan(&inputs);
        let bases: Vec<PathBuf> = plans
            .iter()
            .enumerate()
            .map(|(i, n)| output_base(dir, &inputs, i, *n).unwrap())
            .collect();
        assert_eq!(
            bases,
            vec![
                dir.join("a.pdf"),
                dir.join("a.docx"),
                dir.join("sub/b"),
                dir.join("c")
            ]
        );
        assert_eq!(with_extension(&bases[0], "json"), dir.join("a.pdf.json"));
        assert_eq!(with_extension(&bases[2], "md"), dir.join("sub/b.md"));
    }

    #[test]
    fn an_input_known_to_fail_takes_no_name() {
        let dead = Input {
            problem: Some(crate::inputs::Problem::Error("dangling".into())),
            ..input("a.pdf")
        };
        let inputs = [dead, input("a.docx")];
        assert_eq!(plan(&inputs), vec![Naming::Stem, Naming::Stem]);
    }

    #[test]
    fn two_inputs_with_one_output_name_is_an_error_for_the_second() {
        let inputs = [
            Input {
                path: PathBuf::from("x/a.pdf"),
                ..input("a.pdf")
            },
            Input {
                path: PathBuf::from("y/a.pdf"),
                ..input("a.pdf")
            },
        ];
        let plans = plan(&inputs);
        assert_eq!(plans, vec![Naming::WholeName, Naming::TakenBy(0)]);
        let err = output_base(Path::new("out"), &inputs, 1, plans[1]).unwrap_err();
        assert!(err.contains("x/a.pdf"), "{err}");
    }
}
