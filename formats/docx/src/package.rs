//! The Word package: finding the main document part and decoding its text.
//! The zip itself is opened and inflated within the limits by the shared
//! container guard ([`gongkai_ooxml::Package`]).

use std::borrow::Cow;

use gongkai_ir::{Diagnostic, Limits, ReadError, Severity, Sniff};
use gongkai_ooxml::{Package, ZIP_MAGIC};
use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;

/// Where Word puts the main document.
pub const DEFAULT_MAIN: &str = "word/document.xml";

/// Content types of a Word main document part (document, macro-enabled, templates).
const MAIN_CONTENT_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// Most bytes read from a package's small metadata parts while sniffing.
const SNIFF_PART_BYTES: u64 = 1 << 20;

/// The main document part, inflated.
pub struct Part {
    /// The entry name in the zip.
    pub name: String,
    /// The inflated bytes.
    pub bytes: Vec<u8>,
}

/// How sure the reader is that `data` is a Word package.
pub fn sniff(data: &[u8]) -> Sniff {
    if !data.starts_with(ZIP_MAGIC) {
        return sniff_prefixed(data);
    }
    sniff_package(data)
}

/// How sure the reader is that the zip package in `data` is a Word package.
fn sniff_package(data: &[u8]) -> Sniff {
    let sniff_limits = Limits {
        max_entry_bytes: SNIFF_PART_BYTES,
        max_total_bytes: 4 * SNIFF_PART_BYTES,
        ..Limits::default()
    };
    let Ok(mut package) = Package::open(data, crate::FORMAT, &sniff_limits) else {
        // A damaged zip may still be a damaged DOCX; the extension decides.
        return Sniff::Maybe;
    };
    match locate_main(&mut package) {
        Ok(Some(_)) => Sniff::Yes,
        _ => Sniff::No,
    }
}

/// Open the package in `data` and inflate its main document part; the
/// package stays open for the parts the main document refers to.
pub fn open_main<'a>(data: &'a [u8], limits: &'a Limits) -> Result<(Package<'a>, Part), ReadError> {
    let mut package = Package::open(data, crate::FORMAT, limits)?;
    let name = locate_main(&mut package)?.ok_or(ReadError::Malformed {
        format: crate::FORMAT,
        reason: gongkai_ir::Flaw::NoMainDocument,
    })?;
    let bytes = package.read(&name)?;
    Ok((package, Part { name, bytes }))
}

/// A Word package behind a prefix (junk, a self-extracting stub) is a
/// DOCX the reader refuses with the way to repair it: `Maybe`, so that
/// content with a magic of its own (a PDF with a zip appended) stays what it is.
fn sniff_prefixed(data: &[u8]) -> Sniff {
    let Some(prefix) = gongkai_ooxml::zip_prefix(data) else {
        return Sniff::No;
    };
    let zip = usize::try_from(prefix)
        .ok()
        .and_then(|n| data.get(n..))
        .unwrap_or_default();
    if !zip.starts_with(ZIP_MAGIC) {
        return Sniff::Maybe;
    }
    match sniff_package(zip) {
        Sniff::No => Sniff::No,
        _ => Sniff::Maybe,
    }
}

/// The name of the main document part: `word/document.xml` when present,
/// else the part [Content_Types].xml or _rels/.rels names.
fn locate_main(package: &mut Package<'_>) -> Result<Option<String>, ReadError> {
    if package.contains(DEFAULT_MAIN) {
        return Ok(Some(DEFAULT_MAIN.to_string()));
    }
    let content_types = if package.contains("[Content_Types].xml") {
        Some(package.read("[Content_Types].xml")?)
    } else {
        None
    };
    let overrides = content_types
        .as_deref()
        .map(content_type_overrides)
        .unwrap_or_default();
    let is_word = |ty: &str| MAIN_CONTENT_TYPES.contains(&ty);
    if let Some((part, _)) = overrides.iter().find(|(_, ty)| is_word(ty)) {
        if let Some(name) = existing_name(package, part) {
            return Ok(Some(name));
        }
    }
    if package.contains("_rels/.rels") {
        let rels = package.read("_rels/.rels")?;
        if let Some(target) = office_document_target(&rels) {
            // The relationship also points at workbooks and presentations:
            // accept it only when the content types do not say otherwise.
            let declared = overrides
                .iter()
                .find(|(part, _)| part.trim_start_matches('/') == target.trim_start_matches('/'));
            if declared.is_none_or(|(_, ty)| is_word(ty)) {
                if let Some(name) = existing_name(package, &target) {
                    return Ok(Some(name));
                }
            }
        }
    }
    // Some generators change the case of part names.
    let lower = package
        .names()
        .find(|n| n.eq_ignore_ascii_case(DEFAULT_MAIN))
        .map(Cow::into_owned);
    Ok(lower)
}

/// The zip entry name for a part name (`/word/x.xml` → `word/x.xml`), if present.
fn existing_name(package: &Package<'_>, part: &str) -> Option<String> {
    let name = part.trim_start_matches('/');
    package.contains(name).then(|| name.to_string())
}

/// The `(PartName, ContentType)` pairs of the `Override` elements.
pub fn content_type_overrides(xml: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for_each_element(xml, "Override", |attr| {
        if let (Some(part), Some(ty)) = (attr("PartName"), attr("ContentType")) {
            out.push((part, ty));
        }
    });
    out
}

/// The target of the `officeDocument` relationship.
fn office_document_target(xml: &[u8]) -> Option<String> {
    let mut found = None;
    for_each_element(xml, "Relationship", |attr| {
        let is_main = attr("Type").is_some_and(|t| t.ends_with("/officeDocument"));
        if is_main && found.is_none() {
            found = attr("Target");
        }
    });
    found
}

/// Call `f` with an attribute getter for each element with local name `local`.
pub fn for_each_element(
    xml: &[u8],
    local: &str,
    mut f: impl FnMut(&dyn Fn(&str) -> Option<String>),
) {
    let Ok(text) = std::str::from_utf8(xml) else {
        return;
    };
    let mut reader = XmlReader::from_str(text.trim_start_matches('\u{feff}'));
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                let get = |name: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(Cow::into_owned)
                                .unwrap_or_else(|_| a.value.into_owned())
                        })
                };
                f(&get);
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// The part's bytes as text: UTF-8 (BOM dropped) or UTF-16 with a BOM;
/// invalid UTF-8 is replaced, with a diagnostic.
pub fn decode_xml<'a>(bytes: &'a [u8], name: &str, diags: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let utf16 = |be: bool, rest: &[u8]| -> Cow<'a, str> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| match *c {
                [a, b] if be => u16::from_be_bytes([a, b]),
                [a, b] => u16::from_le_bytes([a, b]),
                _ => 0xFFFD,
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        // The declaration still says UTF-16; the parser reads the decoded str.
        Cow::Owned(text.replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1))
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(false, rest),
        [0xFE, 0xFF, rest @ ..] => utf16(true, rest),
        _ => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            // simdutf8: std's check of a 250 KB document.xml took ~23 µs,
            // a twentieth of reading the template.
            match simdutf8::compat::from_utf8(body) {
                Ok(s) => Cow::Borrowed(s),
                Err(e) => {
                    diags.push(
                        Diagnostic::new(
                            Severity::Warning,
                            "text.encoding",
                            format!(
                                "{name} is not valid UTF-8 (at byte {}); undecodable bytes \
                                 were replaced with U+FFFD",
                                e.valid_up_to()
                            ),
                        )
                        .with_at(name),
                    );
                    Cow::Owned(String::from_utf8_lossy(body).into_owned())
                }
            }
        }
    }
}
