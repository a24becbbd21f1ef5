//! Property blocks (`w:tcPr`, `w:trPr`, `w:rPr`): the few properties the
//! reader uses, picked out of a block's raw text, from the children the byte
//! scanner listed or else with quick-xml.

use quick_xml::events::{BytesStart, Event};

use crate::scan;
use crate::tables::VMerge;
use crate::vocab::Tag;

/// The widest span taken from a file; Word tables have at most 63 columns.
const MAX_SPAN: usize = 1000;

/// A whole number from an attribute, leniently: `2`, `2.0`, ` 2 `.
fn parse_count(value: &str) -> Option<usize> {
    let v = value.trim();
    v.parse::<usize>().ok().or_else(|| {
        v.parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .map(|f| f.round().min(MAX_SPAN as f64) as usize)
    })
}

/// `w:val` of an on/off property: absent means on.
fn is_on(value: Option<&str>) -> bool {
    !matches!(value, Some("0" | "false" | "off"))
}

/// What a property block says, of what the reader uses; `None` leaves the
/// value as it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Props {
    /// Of a cell (`w:tcPr`): the grid columns it spans.
    pub(crate) col_span: Option<usize>,
    /// Of a cell: its part in a vertical merge.
    pub(crate) vmerge: Option<VMerge>,
    /// Of a cell: merged into the cell before.
    pub(crate) hmerge_continue: Option<bool>,
    /// Of a cell: deleted with tracked changes (`w:cellDel`), so gone from
    /// its row once the changes are accepted.
    pub(crate) cell_deleted: Option<bool>,
    /// Of a row (`w:trPr`), for a row with no cell yet.
    pub(crate) grid_before: Option<usize>,
    /// Of a row: deleted with tracked changes (`w:del`), so not printed
    /// once the changes are accepted.
    pub(crate) deleted: Option<bool>,
    /// Of a run (`w:rPr`).
    pub(crate) hidden: Option<bool>,
}

impl Props {
    /// The properties of the `w:tcPr`, `w:trPr` or `w:rPr` whose content is
    /// `raw`, with its direct children if they were listed.
    pub(crate) fn read(tag: Tag, raw: &str, children: Option<&[scan::Child]>) -> Props {
        let mut props = Props::default();
        match tag {
            Tag::TcPr
                if raw.contains("Span") || raw.contains("Merge") || raw.contains("cellDel") =>
            {
                let names = ["gridSpan", "vMerge", "hMerge", "cellDel"];
                for_each_property(raw, children, &names, |name, val| match name {
                    "gridSpan" => {
                        let span = val.and_then(parse_count).unwrap_or(1).clamp(1, MAX_SPAN);
                        props.col_span = Some(span);
                    }
                    "vMerge" => {
                        props.vmerge = Some(match val {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        });
                    }
                    "hMerge" => props.hmerge_continue = Some(val != Some("restart")),
                    "cellDel" => props.cell_deleted = Some(true),
                    _ => {}
                });
            }
            Tag::TrPr if raw.contains("gridBefore") || raw.contains("del") => {
                for_each_property(raw, children, &["gridBefore", "del"], |name, val| {
                    if name == "del" {
                        props.deleted = Some(true);
                    } else {
                        let n = val.and_then(parse_count).unwrap_or(0).min(MAX_SPAN);
                        props.grid_before = Some(n);
                    }
                });
            }
            // Any mention of `vanish` makes the run visible unless a
            // `w:vanish` says otherwise.
            Tag::RPr if raw.contains("vanish") => {
                let mut hidden = false;
                for_each_property(raw, children, &["vanish"], |_, val| hidden = is_on(val));
                props.hidden = Some(hidden);
            }
            _ => {}
        }
        props
    }
}

/// Call `f` with the local name and `val` attribute of each direct child
/// element named one of `names` in the raw content of a property block.
/// Nested content (such as the old properties in `w:tcPrChange`) is skipped.
/// Property children are all WordprocessingML, so local names suffice. When
/// the scan listed the children (`children`), their tags are read from
/// there: the scan accepts only content quick-xml reads without error, so
/// the result is the same.
fn for_each_property(
    raw: &str,
    children: Option<&[scan::Child]>,
    names: &[&str],
    mut f: impl FnMut(&str, Option<&str>),
) {
    let property = |e: &BytesStart<'_>, f: &mut dyn FnMut(&str, Option<&str>)| {
        let name = e.local_name();
        if !names.contains(&name.as_ref()) {
            return;
        }
        let val = e
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.local_name().as_ref() == "val")
            .map(|a| a.value);
        f(name.as_ref(), val.as_deref());
    };
    if let Some(children) = children {
        for c in children {
            if let Some(content) = raw.get(c.start..c.end) {
                property(&BytesStart::from_content(content, c.name_len), &mut f);
            }
        }
        return;
    }
    let mut reader = quick_xml::Reader::from_str(raw);
    loop {
        let (e, has_children) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::Eof) | Err(_) => return,
            Ok(_) => continue,
        };
        property(&e, &mut f);
        if has_children && reader.read_to_end(e.name()).is_err() {
            return;
        }
    }
}
