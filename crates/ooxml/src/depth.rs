//! XML nesting depth, checked in one streaming pass before a parser that does
//! not bound it (calamine's) sees a part.

use std::io::BufRead;

use gongkai_ir::{Limit, Limits, Oversize, ReadError};
use quick_xml::events::Event;

/// The error for the XML of `name` nested deeper than `--max-xml-depth`.
pub fn too_deep(limits: &Limits, name: &str) -> ReadError {
    limits.exceeded(Limit::XmlDepth, Oversize::XmlNesting(name.to_string()))
}

/// Refuse the XML `part` (named `name` in errors) when it nests deeper than
/// `--max-xml-depth`. Malformed XML is not judged here: the format's own
/// parser reports it with its own words.
pub fn check_xml_depth(part: impl BufRead, name: &str, limits: &Limits) -> Result<(), ReadError> {
    let mut reader = quick_xml::Reader::from_reader(part);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth > limits.max_xml_depth {
                    return Err(too_deep(limits, name));
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}{}", "<a>".repeat(levels), "</a>".repeat(levels))
    }

    #[test]
    fn deeper_than_the_limit_is_refused() {
        let limits = Limits {
            max_xml_depth: 3,
            ..Limits::default()
        };
        assert!(check_xml_depth(nested(3).as_bytes(), "x.xml", &limits).is_ok());
        let err = check_xml_depth(nested(4).as_bytes(), "x.xml", &limits).unwrap_err();
        assert_eq!(
            err.to_string(),
            "XML nesting depth of x.xml exceeds the limit of 3 levels (raise it with --max-xml-depth)"
        );
    }

    #[test]
    fn malformed_xml_is_left_to_the_parser() {
        let limits = Limits {
            max_xml_depth: 3,
            ..Limits::default()
        };
        assert!(check_xml_depth(&b"<a><b></a>"[..], "x.xml", &limits).is_ok());
        assert!(check_xml_depth(&b"<a x='"[..], "x.xml", &limits).is_ok());
    }
}
