//! Organ names as the year checks match them: normalized, and mapped
//! through an alias file for organs that were renamed.

use std::collections::HashMap;
use std::path::Path;

use crate::DatasetError;

/// The name with white space, punctuation and full-width forms folded:
/// `示例县 人民政府（办公室）` and `示例县人民政府(办公室)` match.
pub fn normalize_organ(name: &str) -> String {
    name.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            };
            (!c.is_whitespace() && !c.is_ascii_punctuation() && !"·、，。".contains(c))
                .then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// Renamed organs: each name (normalized) to the canonical name it is
/// matched as.
#[derive(Debug, Clone, Default)]
pub struct OrganAliases {
    canonical: HashMap<String, String>,
}

impl OrganAliases {
    /// Read `name,canonical` lines (UTF-8, an optional BOM, an optional
    /// header line `name,canonical`).
    pub fn load(path: &Path) -> Result<OrganAliases, DatasetError> {
        let text = std::fs::read_to_string(path)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut canonical = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let record = record?;
            let (Some(name), Some(to)) = (record.get(0), record.get(1)) else {
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                return Err(DatasetError::BadAlias {
                    path: path.to_path_buf(),
                    line: i + 1,
                });
            };
            if i == 0 && name.trim() == "name" {
                continue;
            }
            canonical.insert(normalize_organ(name), normalize_organ(to));
        }
        Ok(OrganAliases { canonical })
    }

    /// The key an organ is matched by.
    pub fn key(&self, organ: &str) -> String {
        let key = normalize_organ(organ);
        match self.canonical.get(&key) {
            Some(to) => to.clone(),
            None => key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_space_punctuation_and_width() {
        assert_eq!(
            normalize_organ("示例县 人民政府（办公室）"),
            normalize_organ("示例县人民政府(办公室)")
        );
        assert_ne!(
            normalize_organ("甲县人民政府"),
            normalize_organ("乙县人民政府")
        );
    }
}
