//! Parts imported into the main document by `w:altChunk` (content a
//! generator embedded as another file: a Word document, HTML, MHT, RTF,
//! text). Word merges them into the body when it opens the file. An
//! embedded Word document is read in place; any other kind is named in a
//! diagnostic, never dropped silently. Embedded parts are inflated within
//! the same limits as the package they are in.

use gongkai_ir::{Diagnostic, Limits, Origin, ReadError, Severity};
use gongkai_ooxml::Package;

use crate::package::{content_type_overrides, decode_xml, for_each_element, open_main};

/// Content types of an embedded Word document (`.docx`, `.docm`, templates).
const WORD_TYPES: [&str; 4] = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    "application/vnd.ms-word.document.macroEnabled.12",
    "application/vnd.ms-word.template.macroEnabled.12",
];

/// What kind of content a part holds, for messages, by its content type
/// or else its extension: `(content type or extension, kind)`.
const KINDS: [(&str, &str); 14] = [
    ("docx", "Word document"),
    ("docm", "Word document"),
    ("dotx", "Word document"),
    ("dotm", "Word document"),
    ("text/html", "HTML"),
    ("application/xhtml+xml", "HTML"),
    ("html", "HTML"),
    ("htm", "HTML"),
    ("message/rfc822", "MHT (web archive)"),
    ("mht", "MHT (web archive)"),
    ("application/rtf", "RTF"),
    ("rtf", "RTF"),
    ("text/plain", "text"),
    ("txt", "text"),
];

/// The main document of an embedded Word document, decoded.
pub(crate) struct WordChunk {
    /// The embedded part's name.
    pub(crate) name: String,
    /// Its main document's XML.
    pub(crate) xml: String,
    /// What decoding it noticed.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// What an altChunk leads to.
pub(crate) enum Chunk {
    /// An embedded Word document, to be read in place.
    Word(WordChunk),
    /// Content that is not read, with the diagnostic that names it.
    Unread(Diagnostic),
}

/// Where the parts of altChunks come from.
pub(crate) trait ChunkSource {
    /// The part that relationship `id` of the main document names.
    fn chunk(&mut self, id: &str, at: &Origin) -> Result<Chunk, ReadError>;
}

/// Something said about an altChunk: the code, severity and message of
/// each, in one table.
pub(crate) enum ChunkNote<'a> {
    /// An embedded Word document read in place.
    Read { id: &'a str, name: &'a str },
    /// A part of a kind the reader does not read.
    NotRead {
        id: &'a str,
        name: &'a str,
        kind: &'a str,
    },
    /// The relationship or its part is not there (or points outside).
    Missing { id: &'a str, why: &'a str },
    /// An embedded Word document that is damaged; what was read is kept.
    Damaged { name: &'a str, reason: &'a str },
}

impl ChunkNote<'_> {
    /// The diagnostic, at `at`.
    pub(crate) fn diagnostic(&self, at: &Origin) -> Diagnostic {
        let (severity, code, message, raw) = match *self {
            ChunkNote::Read { id, name } => (
                Severity::Info,
                "docx.alt_chunk",
                format!("the Word document embedded as {name} (altChunk {id}) was read in place"),
                name,
            ),
            ChunkNote::NotRead { id, name, kind } => (
                Severity::Warning,
                "docx.alt_chunk",
                format!(
                    "the {kind} content embedded as {name} (altChunk {id}) was not read and is \
                     missing from the output; open the file in Word and save it as .docx to \
                     merge it into the document"
                ),
                name,
            ),
            ChunkNote::Missing { id, why } => (
                Severity::Warning,
                "docx.alt_chunk",
                format!("embedded content (altChunk {id}) was not read: {why}"),
                id,
            ),
            ChunkNote::Damaged { name, reason } => (
                Severity::Warning,
                "docx.alt_chunk",
                format!(
                    "the Word document embedded as {name} is damaged ({reason}); what was read \
                     of it is kept"
                ),
                name,
            ),
        };
        Diagnostic::new(severity, code, message)
            .with_raw(raw)
            .with_at(at)
    }
}

/// No package behind the main document (it was given alone), or an
/// embedded document's own altChunks, which are not followed: one level
/// of embedding is what generators write.
pub(crate) struct NoChunks {
    /// Why nothing is read.
    pub(crate) why: &'static str,
}

impl ChunkSource for NoChunks {
    fn chunk(&mut self, id: &str, at: &Origin) -> Result<Chunk, ReadError> {
        let why = self.why;
        Ok(Chunk::Unread(ChunkNote::Missing { id, why }.diagnostic(at)))
    }
}

/// A relationship of the main document part.
#[derive(Clone)]
struct Rel {
    id: String,
    target: String,
    /// `TargetMode="External"`: a link out of the file.
    external: bool,
}

/// What `[Content_Types].xml` declares.
struct ContentTypes {
    /// `(part name, type)` of the `Override` elements.
    overrides: Vec<(String, String)>,
    /// `(extension, type)` of the `Default` elements.
    defaults: Vec<(String, String)>,
}

/// The parts of the package the main document was read from.
pub(crate) struct PackageChunks<'p, 'a> {
    package: &'p mut Package<'a>,
    limits: &'a Limits,
    /// The main document part's name.
    main: &'p str,
    /// Its relationships, read at the first altChunk.
    rels: Option<Vec<Rel>>,
    /// The package's content types, read at the first altChunk.
    types: Option<ContentTypes>,
    /// Bytes inflated from embedded packages so far.
    embedded: u64,
}

impl<'p, 'a> PackageChunks<'p, 'a> {
    /// The altChunks of main document part `main` of `package`.
    pub(crate) fn new(package: &'p mut Package<'a>, main: &'p str, limits: &'a Limits) -> Self {
        PackageChunks {
            package,
            limits,
            main,
            rels: None,
            types: None,
            embedded: 0,
        }
    }

    /// The relationships of the main document part.
    fn rels(&mut self) -> Result<&[Rel], ReadError> {
        if self.rels.is_none() {
            let (dir, file) = split_part(self.main);
            let name = format!("{dir}_rels/{file}.rels");
            let mut rels = Vec::new();
            if self.package.contains(&name) {
                let xml = self.package.read(&name)?;
                for_each_element(&xml, "Relationship", |attr| {
                    if let (Some(id), Some(target)) = (attr("Id"), attr("Target")) {
                        let external =
                            attr("TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                        rels.push(Rel {
                            id,
                            target,
                            external,
                        });
                    }
                });
            }
            self.rels = Some(rels);
        }
        Ok(self.rels.as_deref().unwrap_or_default())
    }

    /// The content type the package declares for part `name`: its
    /// `Override`, else the `Default` of its extension.
    fn content_type(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        if self.types.is_none() {
            let file = "[Content_Types].xml";
            let xml = if self.package.contains(file) {
                self.package.read(file)?
            } else {
                Vec::new()
            };
            let mut defaults = Vec::new();
            for_each_element(&xml, "Default", |attr| {
                if let (Some(ext), Some(ty)) = (attr("Extension"), attr("ContentType")) {
                    defaults.push((ext, ty));
                }
            });
            self.types = Some(ContentTypes {
                overrides: content_type_overrides(&xml),
                defaults,
            });
        }
        let Some(ContentTypes {
            overrides,
            defaults,
        }) = &self.types
        else {
            return Ok(None);
        };
        let part = format!("/{name}");
        let ext = extension(name);
        let declared = overrides
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(&part))
            .or_else(|| defaults.iter().find(|(e, _)| e.eq_ignore_ascii_case(ext)));
        Ok(declared.map(|(_, ty)| ty.clone()))
    }

    /// Read the embedded Word document `name`, within what the limits leave.
    fn word(&mut self, name: &str) -> Result<WordChunk, ReadError> {
        let bytes = self.package.read(name)?;
        let used = self.package.inflated().saturating_add(self.embedded);
        let limits = Limits {
            max_total_bytes: self.limits.max_total_bytes.saturating_sub(used),
            ..self.limits.clone()
        };
        let (inner, part) = open_main(&bytes, &limits).map_err(|e| match e {
            // Say which package the entry is in: both have a word/document.xml.
            ReadError::Limit { limit, what, max } => ReadError::Limit {
                limit,
                what: gongkai_ir::Oversize::Embedded {
                    what: Box::new(what),
                    document: name.to_string(),
                },
                max,
            },
            other => other,
        })?;
        self.embedded = self.embedded.saturating_add(inner.inflated());
        let mut diagnostics = Vec::new();
        let xml = decode_xml(&part.bytes, &part.name, &mut diagnostics).into_owned();
        Ok(WordChunk {
            name: name.to_string(),
            xml,
            diagnostics,
        })
    }
}

impl ChunkSource for PackageChunks<'_, '_> {
    fn chunk(&mut self, id: &str, at: &Origin) -> Result<Chunk, ReadError> {
        let missing = |why| Ok(Chunk::Unread(ChunkNote::Missing { id, why }.diagnostic(at)));
        let rel = self.rels()?.iter().find(|r| r.id == id).cloned();
        let Some(Rel {
            target, external, ..
        }) = rel
        else {
            return missing("the main document has no relationship with that id");
        };
        if external {
            // Never fetched: a converter does not go on the network.
            return missing("it points outside the file");
        }
        let name = resolve(self.main, &target);
        if !self.package.contains(&name) {
            return missing("the part it names is not in the package");
        }
        let ty = self.content_type(&name)?.unwrap_or_default();
        let is_word = WORD_TYPES.iter().any(|w| ty.starts_with(w))
            || (ty.is_empty() || ty == "application/octet-stream")
                && kind_of(extension(&name)) == Some("Word document");
        if !is_word {
            let kind = kind_of(&ty)
                .or_else(|| kind_of(extension(&name)))
                .unwrap_or("embedded");
            let note = ChunkNote::NotRead {
                id,
                name: &name,
                kind,
            };
            return Ok(Chunk::Unread(note.diagnostic(at)));
        }
        match self.word(&name) {
            Ok(chunk) => Ok(Chunk::Word(chunk)),
            // A limit stops the whole file, as anywhere else.
            Err(e @ ReadError::Limit { .. }) => Err(e),
            Err(e) => {
                let reason = e.to_string();
                let note = ChunkNote::Damaged {
                    name: &name,
                    reason: &reason,
                };
                Ok(Chunk::Unread(note.diagnostic(at)))
            }
        }
    }
}

/// The kind of content a content type or extension names.
fn kind_of(key: &str) -> Option<&'static str> {
    let key = key.split(';').next().unwrap_or_default().trim();
    KINDS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, kind)| *kind)
}

/// The extension of a part name, without the dot (empty if none).
fn extension(name: &str) -> &str {
    let file = split_part(name).1;
    file.rsplit_once('.').map(|(_, e)| e).unwrap_or_default()
}

/// A part name's folder (with its `/`, or empty) and file name.
fn split_part(name: &str) -> (&str, &str) {
    match name.rfind('/') {
        Some(i) => (
            name.get(..=i).unwrap_or_default(),
            name.get(i + 1..).unwrap_or_default(),
        ),
        None => ("", name),
    }
}

/// The zip entry a relationship target of part `from` names: relative to
/// the part's folder, or from the package root when it starts with `/`.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => split_part(from)
            .0
            .split('/')
            .filter(|p| !p.is_empty())
            .collect(),
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_from_the_part_folder() {
        assert_eq!(
            resolve("word/document.xml", "afchunk.mht"),
            "word/afchunk.mht"
        );
        assert_eq!(
            resolve("word/document.xml", "../chunks/a.docx"),
            "chunks/a.docx"
        );
        assert_eq!(resolve("word/document.xml", "/word/b.htm"), "word/b.htm");
        assert_eq!(resolve("document.xml", "./c.rtf"), "c.rtf");
    }

    #[test]
    fn kinds_by_type_or_extension() {
        assert_eq!(kind_of("text/html; charset=utf-8"), Some("HTML"));
        assert_eq!(kind_of("message/rfc822"), Some("MHT (web archive)"));
        assert_eq!(
            kind_of(extension("word/afchunk.MHT")),
            Some("MHT (web archive)")
        );
        assert_eq!(kind_of(extension("word/x")), None);
    }
}
