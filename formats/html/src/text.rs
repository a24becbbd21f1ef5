//! Text as a browser shows it: white space collapsed, `&nbsp;` and the
//! full-width space blank, and no space between two Chinese characters, so
//! that a label split over spans with runs of `&nbsp;` between them
//! (`社会&nbsp;&nbsp;<span>公益</span>组织`) reads as one word.

/// Append a text node to a buffer: every kind of white space becomes one
/// plain space (line breaks in the source are white space in HTML);
/// characters that print nothing are dropped.
pub(crate) fn push_text(buffer: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200a}' => {
                buffer.push(' ')
            }
            '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => buffer.push(c),
        }
    }
}

/// Chinese characters and punctuation: a space between two of them is an
/// artefact of the markup, not of the text.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF | 0x3001..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF01..=0xFF60 | 0x201C..=0x201D | 0x2018..=0x2019)
}

/// A line's final text: runs of spaces as one, none at the ends, none
/// between two Chinese characters.
pub(crate) fn collapse(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let joins = out.chars().next_back().is_some_and(is_cjk) && is_cjk(c);
            if !joins {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(parts: &[&str]) -> String {
        let mut b = String::new();
        for p in parts {
            push_text(&mut b, p);
        }
        collapse(&b)
    }

    #[test]
    fn split_labels_join() {
        assert_eq!(
            read(&["社会", "\u{a0}\u{a0}\u{a0}", "公益", " ", "组织"]),
            "社会公益组织"
        );
        assert_eq!(
            read(&["三、本", "\u{a0}", "年度办", "\u{3000}", "理结果"]),
            "三、本年度办理结果"
        );
    }

    #[test]
    fn spaces_next_to_latin_and_digits_stay_one() {
        assert_eq!(read(&["  2024 年，共  12\n件 "]), "2024 年，共 12 件");
        assert_eq!(read(&["a   b"]), "a b");
    }

    #[test]
    fn blank_and_breaks() {
        assert_eq!(read(&["\u{a0}", "\u{3000}"]), "");
        assert_eq!(read(&["商业", "\n"]), "商业");
        assert_eq!(read(&[" 企业\u{200b}"]), "企业");
    }
}
