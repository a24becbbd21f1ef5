//! Which reports form year pairs: the same organ (by normalized name, or
//! an alias) in consecutive years. A report that cannot be paired for
//! certain is reported with `year.unmatched`, never guessed.

use std::collections::HashMap;

use gongkai_report::{year_checks, year_unmatched, ApplicationRow, Applications, Check, YearSide};

use crate::OrganAliases;

/// What the year checks need of one report.
#[derive(Debug, Clone)]
pub struct YearEntry {
    /// The input path, for messages.
    pub name: String,
    /// Who reports, as printed.
    pub organ: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// Table 三, if found.
    pub applications: Option<Applications>,
}

impl YearEntry {
    /// The entry of a report.
    pub fn of(name: &str, report: &gongkai_report::Report) -> YearEntry {
        YearEntry {
            name: name.to_string(),
            organ: report.organ.clone(),
            year: report.year,
            applications: report.applications.clone(),
        }
    }

    /// The entry with only the two rows the year checks read, so that a
    /// batch can keep one per report.
    pub fn slim(name: &str, report: &gongkai_report::Report) -> YearEntry {
        let applications = report.applications.as_ref().map(|t| Applications {
            layout: t.layout,
            rows: t
                .rows
                .iter()
                .filter(|(row, _)| {
                    matches!(
                        row,
                        ApplicationRow::CarriedOver | ApplicationRow::CarriedForward
                    )
                })
                .map(|(row, cols)| (*row, cols.clone()))
                .collect(),
        });
        YearEntry {
            name: name.to_string(),
            organ: report.organ.clone(),
            year: report.year,
            applications,
        }
    }
}

/// A year check and the entry (by index) it is about: the later year.
#[derive(Debug, Clone)]
pub struct YearResult {
    /// The index of the report the check is about.
    pub index: usize,
    /// The check.
    pub check: Check,
}

/// Pair the entries by organ and year and run the year checks. With exactly
/// two entries (`gongkai validate a b`), a report without organ or year, two
/// organs that do not match or years that are not consecutive are reported
/// too.
pub fn pair_years(entries: &[YearEntry], aliases: &OrganAliases) -> Vec<YearResult> {
    let mut out = Vec::new();
    let mut by_key: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        match (&e.organ, e.year) {
            (Some(organ), Some(year)) => by_key.entry((aliases.key(organ), year)).or_default().push(i),
            // Named only when two reports were given to be compared: in a
            // whole archive, the reports without organ or year are in the
            // reports table already.
            _ if entries.len() == 2 => out.push(YearResult {
                index: i,
                check: year_unmatched(&format!(
                    "{}: the organ or the year was not found, so it is not paired with another year",
                    e.name
                )),
            }),
            _ => {}
        }
    }
    let mut keys: Vec<&(String, i32)> = by_key.keys().collect();
    keys.sort();
    for key in keys {
        let Some(this) = by_key.get(key) else {
            continue;
        };
        let last = by_key.get(&(key.0.clone(), key.1 - 1));
        match (this.as_slice(), last.map(Vec::as_slice)) {
            ([i], Some([j])) => {
                let (Some(a), Some(b)) = (entries.get(*j), entries.get(*i)) else {
                    continue;
                };
                let last = YearSide {
                    name: &a.name,
                    year: key.1 - 1,
                    applications: a.applications.as_ref(),
                };
                let this = YearSide {
                    name: &b.name,
                    year: key.1,
                    applications: b.applications.as_ref(),
                };
                out.extend(
                    year_checks(&last, &this)
                        .into_iter()
                        .map(|check| YearResult { index: *i, check }),
                );
            }
            (these, Some(lasts)) if these.len() > 1 || lasts.len() > 1 => {
                let names = |ix: &[usize]| -> String {
                    ix.iter()
                        .filter_map(|k| entries.get(*k).map(|e| e.name.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let why = format!(
                    "several reports of one organ for {} ({}) or {} ({}): not paired",
                    key.1 - 1,
                    names(lasts),
                    key.1,
                    names(these)
                );
                out.extend(these.iter().map(|i| YearResult {
                    index: *i,
                    check: year_unmatched(&why),
                }));
            }
            _ => {}
        }
    }
    if let [a, b] = entries {
        let pair = |e: &YearEntry| Some((aliases.key(e.organ.as_deref()?), e.year?));
        if let (Some((ka, ya)), Some((kb, yb))) = (pair(a), pair(b)) {
            let (later, earlier) = if ya >= yb { (0, b) } else { (1, a) };
            let later_entry = if later == 0 { a } else { b };
            let why = if ka != kb {
                Some(format!(
                    "{} ({}) and {} ({}) are not the same organ by name: not paired (an --organ-alias file pairs renamed organs)",
                    a.organ.as_deref().unwrap_or_default(),
                    a.name,
                    b.organ.as_deref().unwrap_or_default(),
                    b.name
                ))
            } else if (ya - yb).abs() != 1 {
                Some(format!(
                    "{} ({}) and {} ({}) are not consecutive years: not paired",
                    earlier.year.unwrap_or_default(),
                    earlier.name,
                    later_entry.year.unwrap_or_default(),
                    later_entry.name
                ))
            } else {
                None
            };
            if let Some(why) = why {
                out.push(YearResult {
                    index: later,
                    check: year_unmatched(&why),
                });
            }
        }
    }
    out
}
