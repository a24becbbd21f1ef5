//! Markdown to the IR: ATX and setext headings and paragraphs become
//! paragraphs, GFM pipe tables become tables (header row included).
//! Inline markup is kept as written, except backslash escapes and `<br>`
//! in cells, which the writer produces.

use gongkai_ir::Limit;
use gongkai_ir::{
    Block, Cell, Diagnostic, Document, Origin, Paragraph, ReadError, ReadOptions, Row, Severity,
    Sniff, Table,
};

/// The text of `data`, without a byte-order mark; `None` if not UTF-8 text.
fn text_of(data: &[u8]) -> Option<&str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    if data.contains(&0) {
        return None;
    }
    std::str::from_utf8(data).ok()
}

/// Maybe, for UTF-8 text with an ATX heading or a pipe table.
pub(crate) fn sniff(data: &[u8]) -> Sniff {
    // Only the start is looked at: enough to see a heading or a table.
    let head = data.get(..data.len().min(64 * 1024)).unwrap_or(data);
    // Most inputs have neither mark: no need to decode or split them.
    if !head.contains(&b'#') && !head.contains(&b'|') {
        return Sniff::No;
    }
    let head = match std::str::from_utf8(head) {
        Ok(s) => s,
        // The cut may fall inside a character.
        Err(e) => head
            .get(..e.valid_up_to())
            .and_then(|h| std::str::from_utf8(h).ok())
            .unwrap_or_default(),
    };
    if head.is_empty() || head.contains('\0') {
        return Sniff::No;
    }
    let mut previous: Option<&str> = None;
    for line in head.lines() {
        let table = previous.is_some_and(|p| p.trim_start().starts_with('|')) && is_delimiter(line);
        if table || atx_heading(line).is_some() {
            return Sniff::Maybe;
        }
        previous = Some(line);
    }
    Sniff::No
}

/// The text of an ATX heading line (`## 一、总体情况` → `一、总体情况`).
fn atx_heading(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = t.get(level..)?;
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    // A closing sequence of `#` after a space is not part of the text.
    let rest = rest.trim();
    let stripped = rest.trim_end_matches('#');
    let text = if stripped.is_empty() || stripped.ends_with(' ') {
        stripped.trim_end()
    } else {
        rest
    };
    Some(text)
}

/// True for a GFM table delimiter row (`| --- | :-: |`).
fn is_delimiter(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('-') {
        return false;
    }
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').all(|c| {
        let c = c.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.chars().all(|ch| ch == '-')
    })
}

/// A line that can be a table row: it has an unescaped pipe.
fn has_pipe(line: &str) -> bool {
    split_cells(line).len() > 1 || line.trim_start().starts_with('|')
}

/// Split a table row on unescaped pipes, without the outer pipes.
fn split_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cur.push('\\');
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    cells.push(cur);
    if t.starts_with('|') && !cells.is_empty() {
        cells.remove(0);
    }
    if t.ends_with('|') && !t.ends_with("\\|") && cells.len() > 1 {
        cells.pop();
    }
    cells
}

/// Resolve backslash escapes of ASCII punctuation.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.peek().copied() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// A cell's text: trimmed, `<br>` as a line break, escapes resolved.
fn cell_text(raw: &str) -> String {
    let mut s = raw.trim().to_string();
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        s = s.replace(br, "\n");
    }
    unescape(&s)
}

fn is_rule(line: &str, ch: char) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == ch || c == ' ')
}

/// Read Markdown into the IR.
pub fn read_markdown(data: &[u8], options: &ReadOptions) -> Result<Document, ReadError> {
    let limits = &options.limits;
    let text = text_of(data).ok_or(ReadError::Encoding(gongkai_ir::Undecodable::NotUtf8))?;
    limits.check_text(text.chars().count())?;
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::default();
    let mut para: Vec<String> = Vec::new();
    let mut para_line = 0u32;
    let flush = |para: &mut Vec<String>, at: u32, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(Paragraph::new(
                para.join("\n"),
                Origin::Line(at),
            )));
            para.clear();
        }
    };
    let mut i = 0usize;
    let mut fence: Option<&str> = None;
    let mut in_comment = false;
    while let Some(line) = lines.get(i).copied() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if i.is_multiple_of(1024) {
            gongkai_ir::checkpoint()?;
        }
        i += 1;
        let trimmed = line.trim();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
                flush(&mut para, para_line, &mut doc.blocks);
            } else {
                if para.is_empty() {
                    para_line = n;
                }
                para.push(line.to_string());
            }
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("<!--") {
            flush(&mut para, para_line, &mut doc.blocks);
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut para, para_line, &mut doc.blocks);
            fence = Some(if trimmed.starts_with('`') {
                "```"
            } else {
                "~~~"
            });
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut para, para_line, &mut doc.blocks);
            continue;
        }
        if let Some(h) = atx_heading(line) {
            flush(&mut para, para_line, &mut doc.blocks);
            if !h.is_empty() {
                doc.blocks.push(Block::Paragraph(Paragraph::new(
                    unescape(h),
                    Origin::Line(n),
                )));
            }
            continue;
        }
        // A setext underline turns the paragraph above into a heading.
        if !para.is_empty() && (is_rule(line, '=') || is_rule(line, '-')) {
            flush(&mut para, para_line, &mut doc.blocks);
            continue;
        }
        let rule = is_rule(line, '-') || is_rule(line, '*') || is_rule(line, '_');
        if rule && trimmed.chars().filter(|c| !c.is_whitespace()).count() >= 3 {
            flush(&mut para, para_line, &mut doc.blocks);
            continue;
        }
        if has_pipe(line) && lines.get(i).is_some_and(|next| is_delimiter(next)) {
            flush(&mut para, para_line, &mut doc.blocks);
            let (table, next) = read_table(&lines, i - 1, options)?;
            doc.blocks.push(Block::Table(table));
            i = next;
            continue;
        }
        if para.is_empty() {
            para_line = n;
        }
        para.push(unescape(trimmed));
    }
    flush(&mut para, para_line, &mut doc.blocks);
    if fence.is_some() {
        doc.diagnostics.push(Diagnostic::new(
            Severity::Info,
            "markdown.unclosed_fence",
            "a fenced code block is not closed; its lines were read as a paragraph",
        ));
    }
    Ok(doc)
}

/// The table starting at line index `start` (its header row); returns the
/// table and the index of the first line after it.
fn read_table(
    lines: &[&str],
    start: usize,
    options: &ReadOptions,
) -> Result<(Table, usize), ReadError> {
    let line_no = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
    let header = split_cells(lines.get(start).copied().unwrap_or_default());
    let width = header.len();
    let mut rows = vec![make_row(&header, width, line_no(start))];
    let mut cells = width;
    let mut i = start + 2;
    while let Some(line) = lines.get(i).copied() {
        if line.trim().is_empty() || !has_pipe(line) {
            break;
        }
        let raw = split_cells(line);
        cells = cells.saturating_add(raw.len().max(width));
        if cells > options.limits.max_cells {
            return Err(options
                .limits
                .exceeded(Limit::Cells, gongkai_ir::Oversize::TableAtLine(start + 1)));
        }
        rows.push(make_row(&raw, width, line_no(i)));
        i += 1;
    }
    let table = Table {
        rows,
        at: Origin::Line(line_no(start)),
    };
    // One long row widens the whole grid the normalizer builds.
    options.limits.check_cells(table.grid_area())?;
    Ok((table, i))
}

/// A row of cells, padded to the header's width (extra cells are kept).
fn make_row(raw: &[String], width: usize, line: u32) -> Row {
    let mut cells: Vec<Cell> = raw
        .iter()
        .map(|c| Cell::new(0, cell_text(c), Origin::Line(line)))
        .collect();
    while cells.len() < width {
        cells.push(Cell::new(0, "", Origin::Line(line)));
    }
    Row::sequential(cells, Origin::Line(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Document {
        read_markdown(s.as_bytes(), &ReadOptions::default()).unwrap()
    }

    #[test]
    fn headings_paragraphs_and_tables() {
        let doc = read(
            "# 标题 #\n\n一段\n第二行\n\n| a | b\\|c |\n|---|:-:|\n| 1 | x<br>y |\n| 2 |\n\n## 一、总体情况\n",
        );
        let text = gongkai_ir::dump(&doc);
        assert!(
            text.contains("[1] paragraph @ line 1\n    标题\n"),
            "{text}"
        );
        assert!(
            text.contains("[2] paragraph @ line 3\n    一段\n    第二行\n"),
            "{text}"
        );
        assert!(text.contains("[3] table 3×2 @ line 6"), "{text}");
        assert!(text.contains("1 | a | b|c"), "{text}");
        assert!(text.contains("2 | 1 | x⏎y"), "{text}");
        assert!(text.contains("3 | 2 | "), "{text}");
        assert!(
            text.contains("[4] paragraph @ line 11\n    一、总体情况"),
            "{text}"
        );
    }

    #[test]
    fn sniffs() {
        assert_eq!(sniff(b"# title\n"), Sniff::Maybe);
        assert_eq!(sniff(b"| a |\n| --- |\n"), Sniff::Maybe);
        assert_eq!(sniff(b"plain text\n"), Sniff::No);
        assert_eq!(sniff(b"#hashtag\n"), Sniff::No);
        assert_eq!(sniff(b"PK\x03\x04\0\0"), Sniff::No);
    }

    #[test]
    fn escapes_and_garbage() {
        let doc = read("\\# not a heading\n\n\\| not a table\n");
        assert_eq!(doc.plain_text(), "# not a heading\n| not a table\n");
        assert!(read_markdown(b"\xff\xfe", &ReadOptions::default()).is_err());
        let _ = read("|\n|-\n||||\n```\nx");
    }
}
