//! Page furniture: page numbers and running headers and footers, dropped
//! from the text so they do not split or join paragraphs.

use std::collections::{HashMap, HashSet};

use crate::backend::Page;
use crate::lines::Line;

/// Is this text a page number: `3`, `-3-`, `— 5 —`, `第 3 页`, `第3页 共5页`, `3/5`?
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '―' | '‐' | '─'));
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if digits(t) {
        return t.chars().count() <= 3;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let parts: Vec<&str> = t
        .split(['第', '页', '共'])
        .filter(|s| !s.is_empty())
        .collect();
    t.starts_with('第') && t.contains('页') && !parts.is_empty() && parts.iter().all(|p| digits(p))
}

/// Drop page numbers and running headers/footers (same text, same place, most pages).
pub fn drop_furniture(pages: &[Page], page_lines: &mut [Vec<Line>]) {
    let margin = |page: &Page, l: &Line| l.y < page.height * 0.12 || l.y > page.height * 0.85;
    // Page numbers inside a running line differ from page to page.
    let key = |l: &Line| {
        let t: String = l
            .text
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        (t, (l.y / 4.0).round() as i64)
    };
    let mut counts: HashMap<(String, i64), usize> = HashMap::new();
    for (page, lines) in pages.iter().zip(page_lines.iter()) {
        let mut seen = HashSet::new();
        for l in lines.iter().filter(|l| margin(page, l)) {
            if seen.insert(key(l)) {
                *counts.entry(key(l)).or_default() += 1;
            }
        }
    }
    let repeated = |k: &(String, i64)| {
        pages.len() >= 3 && counts.get(k).copied().unwrap_or(0) * 2 > pages.len()
    };
    for (page, lines) in pages.iter().zip(page_lines.iter_mut()) {
        lines.retain(|l| !(margin(page, l) && (is_page_number(&l.text) || repeated(&key(l)))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "-3-",
            "— 5 —",
            "第 3 页",
            "第3页共5页",
            "- 12 -",
            "3/5",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024", "三、", "第三条", "合计 8", "2024年"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
