//! How close a label must be and how far the table readers look: every
//! tuning number of label matching and table reading, in one table.

/// A fuzzy label match below this similarity is not accepted.
pub const LABEL_SIMILARITY: f64 = 0.78;

/// A section heading must match a title at least this closely.
pub const HEADING_SIMILARITY: f64 = 0.85;

/// Text with more non-blank characters than this is body text, not a
/// heading (checked before folding: body paragraphs are long).
pub const HEADING_MAX_CHARS: usize = 50;

/// A folded heading longer than this is not compared.
pub const HEADING_CORE_MAX_CHARS: usize = 40;

/// A heading that matches a title by its start only is longer than this
/// when it is a sentence that merely starts like a title.
pub const HEADING_PREFIX_MAX_CHARS: usize = 24;

/// Labels and aliases shorter than this match exactly, or as a prefix only
/// before a bracketed note (`其他` must not claim `其他法律行政法规禁止公开`).
pub const SHORT_LABEL_CHARS: usize = 4;

/// How many rows of table 三 are looked at for its applicant header.
pub const APPLICANT_HEADER_ROWS: usize = 8;

/// The longest text taken as the first half of a table 三 label split over
/// two rows.
pub const SPLIT_LABEL_MAX_CHARS: usize = 30;

/// How many layout tables deep (tables holding the report's tables in
/// their cells) the normalizer opens; deeper ones are read as tables. Web
/// pages laid out by tables nest them a dozen deep; the readers' nesting
/// limit (`--max-xml-depth`, four elements a table level in HTML) stays
/// below this.
pub const LAYOUT_MAX_DEPTH: usize = 64;

/// A table 四 row with text in it is a row of values (the text notes in
/// value cells) only with at least this many numbers per text cell: a row
/// of prose or of check results holds a number or two among its texts.
pub const NUMBERS_PER_NOTE: usize = 3;

/// The longest title taken from before a web page's article, in characters.
pub const PAGE_TITLE_MAX_CHARS: usize = 80;

/// The longest value kept from a metadata box (发布机构, 发文日期), in
/// characters.
pub const META_VALUE_MAX_CHARS: usize = 40;
