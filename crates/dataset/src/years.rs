//! Which reports form year pairs: the same organ (by normalized name, or
//! an alias) in consecutive years. A report that cannot be paired for
//! certain is reported with `year.unmatched`, never guessed.

use std::collections::HashMap;

use gongkai_report::{year_checks, year_unmatched, ApplicationRow, Applications, Check, YearSide};

use crate::OrganAliases;

/// Reports named in one `year.unmatched` message at most.
const NAMES_LISTED: usize = 3;

/// What the year checks need of one report.
#[derive(Debug, Clone, Default)]
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

/// Pair the entries by organ and year and run the year checks. Every report
/// that is in no pair gets one `year.unmatched` saying why: its organ or
/// year was not found, the batch holds several reports of its organ and
/// year (or of the year before or after), or none of the year before or
/// after. With exactly two entries (`gongkai validate a b`), the one
/// `year.unmatched` names the two organs or years that do not pair.
pub fn pair_years(entries: &[YearEntry], aliases: &OrganAliases) -> Vec<YearResult> {
    let mut out = Vec::new();
    let mut by_key: HashMap<(String, i32), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        match (&e.organ, e.year) {
            (Some(organ), Some(year)) => by_key.entry((aliases.key(organ), year)).or_default().push(i),
            _ => out.push(YearResult {
                index: i,
                check: year_unmatched(&format!(
                    "{}: the organ or the year was not found, so it is not paired with another year",
                    e.name
                )),
            }),
        }
    }
    // A few names, then how many more: an archive of one year may hold
    // thousands of copies of one organ's report.
    let names = |ix: &[usize]| -> String {
        let mut listed: Vec<&str> = ix
            .iter()
            .take(NAMES_LISTED)
            .filter_map(|k| entries.get(*k).map(|e| e.name.as_str()))
            .collect();
        let more = ix.len().saturating_sub(NAMES_LISTED);
        let more = format!("and {more} more");
        if ix.len() > NAMES_LISTED {
            listed.push(&more);
        }
        listed.join(", ")
    };
    let mut keys: Vec<&(String, i32)> = by_key.keys().collect();
    keys.sort();
    for key in keys {
        let Some(this) = by_key.get(key) else {
            continue;
        };
        let (organ, year) = (&key.0, key.1);
        let last = by_key.get(&(organ.clone(), year - 1)).map(Vec::as_slice);
        let next = by_key.get(&(organ.clone(), year + 1)).map(Vec::as_slice);
        let why = match (this.as_slice(), last, next) {
            ([i], Some([j]), _) => {
                let (Some(a), Some(b)) = (entries.get(*j), entries.get(*i)) else {
                    continue;
                };
                let last = YearSide {
                    name: &a.name,
                    year: year - 1,
                    applications: a.applications.as_ref(),
                };
                let this = YearSide {
                    name: &b.name,
                    year,
                    applications: b.applications.as_ref(),
                };
                out.extend(
                    year_checks(&last, &this)
                        .into_iter()
                        .map(|check| YearResult { index: *i, check }),
                );
                continue;
            }
            // Paired as the earlier year of the next one.
            ([_], None, Some([_])) => continue,
            ([_], Some(lasts), _) => format!(
                "several reports of one organ for {} ({}): {year} is not paired",
                year - 1,
                names(lasts),
            ),
            ([_], None, Some(nexts)) => format!(
                "no report of this organ for {}, and several for {} ({}): {year} is not paired",
                year - 1,
                year + 1,
                names(nexts),
            ),
            ([_], None, None) => format!(
                "no report of this organ for {} or {}: {year} is not paired",
                year - 1,
                year + 1
            ),
            (these, _, _) => format!(
                "several reports of one organ for {year} ({}): none is paired",
                names(these)
            ),
        };
        // Two reports: the one check below names both.
        if entries.len() == 2 {
            continue;
        }
        out.extend(this.iter().map(|i| YearResult {
            index: *i,
            check: year_unmatched(&why),
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, organ: Option<&str>, year: Option<i32>) -> YearEntry {
        YearEntry {
            name: name.to_string(),
            organ: organ.map(str::to_string),
            year,
            applications: None,
        }
    }

    /// The `year.unmatched` messages by entry name, in name order.
    fn unmatched(entries: &[YearEntry]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = pair_years(entries, &OrganAliases::default())
            .into_iter()
            .filter(|r| r.check.id == gongkai_report::YEAR_UNMATCHED)
            .filter_map(|r| Some((entries.get(r.index)?.name.clone(), r.check.message)))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn every_report_in_no_pair_is_named_once_with_why() {
        let entries = [
            entry("a22", Some("甲"), Some(2022)),
            entry("a23", Some("甲"), Some(2023)),
            entry("b21", Some("乙"), Some(2021)),
            entry("b23", Some("乙"), Some(2023)),
            entry("c23", Some("丙"), Some(2023)),
            entry("d23-1", Some("丁"), Some(2023)),
            entry("d23-2", Some("丁"), Some(2023)),
            entry("d24", Some("丁"), Some(2024)),
            entry("x", None, Some(2023)),
        ];
        let found = unmatched(&entries);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        // 甲 is a pair; everyone else is named.
        assert_eq!(
            names,
            ["b21", "b23", "c23", "d23-1", "d23-2", "d24", "x"],
            "{found:#?}"
        );
        let message = |name: &str| {
            found
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, m)| m.as_str())
                .unwrap_or_default()
        };
        assert_eq!(
            message("b23"),
            "no report of this organ for 2022 or 2024: 2023 is not paired"
        );
        assert_eq!(
            message("d23-1"),
            "several reports of one organ for 2023 (d23-1, d23-2): none is paired"
        );
        assert_eq!(
            message("d24"),
            "several reports of one organ for 2023 (d23-1, d23-2): 2024 is not paired"
        );
        assert!(message("x").contains("the organ or the year was not found"));
    }

    #[test]
    fn many_copies_are_named_by_the_first_few() {
        let entries: Vec<YearEntry> = (0..5)
            .map(|i| entry(&format!("c{i}"), Some("甲"), Some(2023)))
            .collect();
        let found = unmatched(&entries);
        assert_eq!(found.len(), 5);
        assert!(found.iter().all(|(_, m)| m
            == "several reports of one organ for 2023 (c0, c1, c2, and 2 more): none is paired"));
    }

    #[test]
    fn two_reports_get_one_check_naming_both() {
        let entries = [
            entry("a", Some("甲"), Some(2022)),
            entry("b", Some("乙"), Some(2023)),
        ];
        let found = unmatched(&entries);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found
            .iter()
            .all(|(n, m)| n == "b" && m.contains("not the same organ")));
    }
}
