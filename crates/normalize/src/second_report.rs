//! An organ's combined file holds several reports one after another (a
//! second title, its sections and tables again): the first report is read,
//! and one diagnostic says where the next begins, instead of every row of
//! the second set of tables being a duplicate.

use gongkai_ir::{Block, Diagnostic, Document, Severity};

use crate::fold;
use crate::label_kinds::SectionKind;
use crate::label_match::section_heading;

/// Most blocks between a report's title and its first section heading
/// looked through for that title (an intro paragraph, the organ's line).
const TITLE_BEFORE_HEADING: usize = 4;
/// Longest title line, in characters (folded).
const TITLE_MAX_CHARS: usize = 60;
/// Longest line that may head a title (the organ's name on its own line).
const TITLE_PART_MAX_CHARS: usize = 40;

/// The first report of `doc` and the diagnostic saying where a second one
/// begins, when one does; `None` when `doc` holds one report.
pub fn first_report(doc: &Document) -> Option<(Document, Diagnostic)> {
    let start = second_start(doc)?;
    let first = doc.blocks.get(start)?;
    // The title as printed: its lines up to the one naming the report.
    let mut title = String::new();
    for block in doc.blocks.get(start..)?.iter().take(TITLE_BEFORE_HEADING) {
        let Block::Paragraph(p) = block else { break };
        title.push_str(p.text.trim());
        if is_title(&p.text) {
            break;
        }
    }
    if !doc
        .blocks
        .get(start..)?
        .iter()
        .take(TITLE_BEFORE_HEADING)
        .any(|b| matches!(b, Block::Paragraph(p) if is_title(&p.text)))
    {
        title.clear();
    }
    let diagnostic = Diagnostic::new(
        Severity::Warning,
        "document.second_report",
        format!(
            "a second report begins here{}; only the first report is read",
            if title.is_empty() {
                String::new()
            } else {
                format!(" ({})", title.trim())
            }
        ),
    )
    .with_at(first.origin());
    let mut blocks = doc.blocks.clone();
    blocks.truncate(start);
    Some((
        Document {
            blocks,
            diagnostics: doc.diagnostics.clone(),
        },
        diagnostic,
    ))
}

/// Where the second report begins: section 一's heading again after a later
/// section's, moved back to the title lines before it.
fn second_start(doc: &Document) -> Option<usize> {
    let mut later_seen = false;
    let mut overview_seen = false;
    let mut again = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let Block::Paragraph(p) = block else { continue };
        match section_heading(&p.text) {
            Some(SectionKind::Overview) if overview_seen && later_seen => {
                again = Some(i);
                break;
            }
            Some(SectionKind::Overview) => overview_seen = true,
            Some(_) => later_seen = true,
            None => {}
        }
    }
    let heading = again?;
    let paragraph = |i: usize| match doc.blocks.get(i) {
        Some(Block::Paragraph(p)) => Some(p.text.as_str()),
        _ => None,
    };
    let Some(title) = (heading.saturating_sub(TITLE_BEFORE_HEADING)..heading)
        .find(|&i| paragraph(i).is_some_and(is_title))
    else {
        return Some(heading);
    };
    // Up to two short lines just before the title are its first lines.
    let mut start = title;
    while title - start < 2 && start > 0 && paragraph(start - 1).is_some_and(is_title_part) {
        start -= 1;
    }
    Some(start)
}

/// A report title's line: `…年度报告`, short.
fn is_title(text: &str) -> bool {
    let f = fold(text);
    f.contains("年度报告") && f.chars().count() <= TITLE_MAX_CHARS
}

/// A short line that may begin a title (the organ on its own line): no
/// sentence, no label.
fn is_title_part(text: &str) -> bool {
    let f = fold(text);
    let n = f.chars().count();
    n > 0 && n <= TITLE_PART_MAX_CHARS && !f.contains(':') && !f.ends_with('。')
}
