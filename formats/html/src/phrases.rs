//! Every tag list, phrase and limit wording the reader uses, in one place.

/// Elements whose content is never report text (`aside`: a site's
/// sidebar, or the checks gongkai's own page lists beside the report).
pub(crate) const SKIPPED: &[&str] = &[
    "aside", "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
    "math", "select", "button", "textarea", "nav", "map", "canvas", "audio", "video",
];

/// Elements that start and end a line of text (a paragraph outside tables,
/// a line break inside a cell).
pub(crate) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "legend",
    "caption",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "body",
    "html",
];

/// Style declarations that hide an element: the property, and how its value
/// starts (letter case and spaces ignored).
pub(crate) const HIDDEN_STYLES: &[(&str, &str)] = &[
    ("display", "none"),
    ("visibility", "hidden"),
    ("mso-hide", "all"),
];

/// The widest `colspan` honoured (the HTML standard's clamp).
pub(crate) const MAX_COLSPAN: usize = 1000;

/// How many bytes of the page start are searched for a `<meta charset>`.
pub(crate) const CHARSET_PRESCAN_BYTES: usize = 4096;

/// How many bytes are fed to the parser between two checkpoints.
pub(crate) const PARSE_CHUNK_BYTES: usize = 16 * 1024;

/// How many nodes are visited between two checkpoints.
pub(crate) const NODES_PER_CHECKPOINT: usize = 4096;

/// The format name of web archives in errors.
pub(crate) const MHT_FORMAT: &str = "mht";
