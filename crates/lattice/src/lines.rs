//! Rules into lines, lines into boundaries. Every function here works on
//! one direction at a time and is used for both: "along" is the direction
//! the boundaries are for, "across" the other one.

use crate::{Options, Rule};

/// Merge collinear rules that touch or overlap: rules within `snap` across
/// of a group's first are one line (at the group's mean), and their pieces
/// that touch along are one rule. Lines shorter than `min_rule` go.
pub fn merge(mut rules: Vec<Rule>, options: &Options) -> Vec<Rule> {
    let snap = options.snap;
    rules.sort_by(|a, b| a.at.total_cmp(&b.at).then(a.lo.total_cmp(&b.lo)));
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for r in rules {
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|f| (r.at - f.at).abs() <= snap) => g.push(r),
            _ => groups.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        let at = g.iter().map(|r| r.at).sum::<f32>() / g.len() as f32;
        g.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Rule> = None;
        for r in g {
            cur = match cur {
                Some(c) if r.lo <= c.hi + snap => Some(Rule {
                    at,
                    lo: c.lo,
                    hi: c.hi.max(r.hi),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Rule { at, ..r })
                }
                None => Some(Rule { at, ..r }),
            };
        }
        out.extend(cur);
    }
    out.retain(|r| r.hi - r.lo >= options.min_rule);
    out
}

/// The boundaries of one table along one direction: where its lines
/// (`along`) lie, closed and completed by the lines across.
pub fn boundaries(along: &[Rule], across: &[Rule], options: &Options) -> Vec<f32> {
    let mut lines = cluster(along.iter().map(|r| r.at).collect(), options.snap);
    if let Some(open_edge) = options.open_edge {
        close_open_edges(&mut lines, across, open_edge);
    }
    if let Some(rule_ends) = options.rule_ends {
        add_rule_ends(&mut lines, across, rule_ends, options);
    }
    lines
}

/// Cluster values: values within `snap` of their cluster's first are one,
/// at their mean.
fn cluster(mut values: Vec<f32>, snap: f32) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((first, sum, n)) if v - *first <= snap => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, v, 1)),
        }
    }
    out.into_iter().map(|(_, s, n)| s / n as f32).collect()
}

/// Close a grid whose first or last line (`lines`, sorted) is missing:
/// when two lines across or more run on past it further than `open_edge`,
/// the grid ends where the furthest of them ends. A table's part at the
/// foot of a page often has no closing rule (nor its rest at the head of
/// the next), and some tables leave a side open; without this their last
/// row or column is lost.
fn close_open_edges(lines: &mut Vec<f32>, across: &[Rule], open_edge: f32) {
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
        return;
    };
    let past_end: Vec<f32> = across
        .iter()
        .filter(|r| r.hi > last + open_edge)
        .map(|r| r.hi)
        .collect();
    if past_end.len() >= 2 {
        lines.push(past_end.iter().copied().fold(last, f32::max));
    }
    let before_start: Vec<f32> = across
        .iter()
        .filter(|r| r.lo < first - open_edge)
        .map(|r| r.lo)
        .collect();
    if before_start.len() >= 2 {
        lines.insert(0, before_start.iter().copied().fold(first, f32::min));
    }
}

/// Add the lines where lines across end inside the grid, `least` or more
/// at one place: a rule ends only where another cell's side is, drawn or
/// not (a browser paints only the borders the page's CSS asks for).
fn add_rule_ends(lines: &mut Vec<f32>, across: &[Rule], least: usize, options: &Options) {
    let snap = options.snap;
    let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
        return;
    };
    let inside = |v: f32| v > first + snap && v < last - snap;
    let mut ends: Vec<f32> = across
        .iter()
        .filter(|r| r.hi - r.lo >= options.rule_end_length)
        .flat_map(|r| [r.lo, r.hi])
        .filter(|&v| inside(v) && lines.iter().all(|&l| (l - v).abs() > snap))
        .collect();
    ends.sort_by(f32::total_cmp);
    let mut i = 0;
    while let Some(&start) = ends.get(i) {
        let n = ends
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&v| v - start <= snap)
            .count();
        if n >= least {
            let sum: f32 = ends.get(i..i + n).unwrap_or_default().iter().sum();
            lines.push(sum / n as f32);
        }
        i += n.max(1);
    }
    lines.sort_by(f32::total_cmp);
}
