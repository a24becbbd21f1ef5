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

/// Inline style declarations (spaces removed, lower case) that hide an element.
pub(crate) const HIDDEN_STYLES: &[&str] = &["display:none", "visibility:hidden", "mso-hide:all"];

/// Text that only a report's body holds: section headings and table 三/四
/// labels. The smallest element holding every block with one of them is the
/// article; what lies outside it is the site's chrome.
pub(crate) const ARTICLE_MARKERS: &[&str] = &[
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "行政复议、行政诉讼情况",
    "存在的主要问题",
    "其他需要报告的事项",
    "本年新收",
    "上年结转",
    "结转下年度继续办理",
    "第二十条第",
];

/// What a report's title holds; the nearest block before the article that
/// holds it is its title when the article itself does not.
pub(crate) const TITLE_MARKER: &str = "年度报告";

/// The longest title taken from outside the article, in characters.
pub(crate) const TITLE_MAX_CHARS: usize = 80;

/// Labels of the site's metadata box kept as diagnostics, with the code each
/// is reported under.
pub(crate) const META_LABELS: &[(&str, &str)] = &[
    ("发布机构", "html.meta.publisher"),
    ("发文机关", "html.meta.publisher"),
    ("发文日期", "html.meta.date"),
    ("成文日期", "html.meta.date"),
    ("发布日期", "html.meta.date"),
];

/// A metadata box: a block holding this and one of [`META_LABELS`] is
/// chrome, even inside the article.
pub(crate) const META_BOX_MARKER: &str = "索引号";

/// The longest metadata value kept, in characters.
pub(crate) const META_VALUE_MAX_CHARS: usize = 40;

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
