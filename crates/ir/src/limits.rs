//! Resource limits that keep hostile input from exhausting the machine.
//!
//! Every limit is one row of [`LIMITS`]: its field in [`Limits`], default,
//! command-line flag, unit and help. The struct, its defaults, the CLI flags
//! (built by the CLI from the table) and every reader's limit error
//! ([`Limits::exceeded`]) are made from those rows, so a flag name or a unit
//! is written once.

use std::fmt;

/// How a limit's value is written and parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Bytes; parsed with an optional `K`, `M` or `G` suffix (powers of 1024).
    Bytes,
    /// A ratio `N:1`; parsed as `N` or `N:1`.
    Ratio,
    /// A count of things, named by the noun (`cells`, `pages`).
    Count(&'static str),
}

impl Unit {
    /// The placeholder shown in `--help` (`BYTES`, `RATIO`, `N`).
    pub fn value_name(self) -> &'static str {
        match self {
            Unit::Bytes => "BYTES",
            Unit::Ratio => "RATIO",
            Unit::Count(_) => "N",
        }
    }

    /// A value written with its unit: `67108864 bytes`, `200:1`, `2000 pages`.
    pub fn show(self, value: u64) -> String {
        match self {
            Unit::Bytes => format!("{value} bytes"),
            Unit::Ratio => format!("{value}:1"),
            Unit::Count(noun) => format!("{value} {noun}"),
        }
    }

    /// Parse a flag's value: a whole number, for bytes with an optional
    /// `K`/`M`/`G` suffix (`64M`, `1G`, like ripgrep's `--max-filesize`), for
    /// a ratio with an optional `:1`.
    pub fn parse(self, text: &str) -> Result<u64, BadValue> {
        let text = text.trim();
        let (digits, multiplier) = match self {
            Unit::Bytes => match text.char_indices().last() {
                Some((i, c)) if c.is_ascii_alphabetic() => {
                    let shift = match c.to_ascii_uppercase() {
                        'K' => 10,
                        'M' => 20,
                        'G' => 30,
                        _ => return Err(BadValue::Suffix(c)),
                    };
                    (text.get(..i).unwrap_or_default(), 1u64 << shift)
                }
                _ => (text, 1),
            },
            Unit::Ratio => (text.strip_suffix(":1").unwrap_or(text), 1),
            Unit::Count(_) => (text, 1),
        };
        let n: u64 = digits
            .parse()
            .map_err(|_| BadValue::NotWhole(text.to_string()))?;
        n.checked_mul(multiplier)
            .ok_or_else(|| BadValue::TooLarge(text.to_string()))
    }
}

/// Why a limit flag's value is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadValue {
    /// A size suffix other than K, M or G.
    #[error("unknown size suffix {0:?} (use K, M or G)")]
    Suffix(char),
    /// Not a whole number.
    #[error("{0:?} is not a whole number")]
    NotWhole(String),
    /// Too large for a number.
    #[error("{0} is too large")]
    TooLarge(String),
}

/// One row of the limits table.
#[derive(Debug, Clone, Copy)]
pub struct LimitSpec {
    /// Which limit.
    pub limit: Limit,
    /// The long flag without its dashes (`max-cells`).
    pub flag: &'static str,
    /// The default value.
    pub default: u64,
    /// How the value is written.
    pub unit: Unit,
    /// The flag's one-line help.
    pub help: &'static str,
}

macro_rules! limits_table {
    ($( $variant:ident, $field:ident: $ty:ty = $default:expr, $flag:literal, $unit:expr, $help:literal; )*) => {
        /// Which resource limit (one row of [`LIMITS`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Limit {
            $(
                #[doc = $help]
                $variant,
            )*
        }

        /// Limits every reader honours; each has a CLI flag to raise it.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Limits {
            $(
                #[doc = $help]
                pub $field: $ty,
            )*
        }

        /// The limits table: one row per limit, in the order `--help` lists them.
        pub const LIMITS: &[LimitSpec] = &[
            $(
                LimitSpec {
                    limit: Limit::$variant,
                    flag: $flag,
                    default: $default,
                    unit: $unit,
                    help: $help,
                },
            )*
        ];

        impl Default for Limits {
            fn default() -> Self {
                Limits {
                    $( $field: $default as $ty, )*
                }
            }
        }

        impl Limits {
            /// The value of one limit.
            pub fn get(&self, limit: Limit) -> u64 {
                match limit {
                    $( Limit::$variant => self.$field as u64, )*
                }
            }

            /// Set one limit (a value too large for the field saturates).
            pub fn set(&mut self, limit: Limit, value: u64) {
                match limit {
                    $( Limit::$variant => self.$field = <$ty>::try_from(value).unwrap_or(<$ty>::MAX), )*
                }
            }
        }
    };
}

limits_table! {
    InputBytes, max_input_bytes: u64 = 256 << 20, "max-input-bytes", Unit::Bytes,
        "Largest input file, in bytes (K, M, G suffixes allowed).";
    EntryBytes, max_entry_bytes: u64 = 64 << 20, "max-entry-bytes", Unit::Bytes,
        "Largest decompressed zip entry (DOCX, XLSX), in bytes.";
    TotalBytes, max_total_bytes: u64 = 256 << 20, "max-total-bytes", Unit::Bytes,
        "Largest total decompressed size of a zip file, in bytes.";
    ZipRatio, max_zip_ratio: u64 = 200, "max-zip-ratio", Unit::Ratio,
        "Largest compression ratio of a zip entry.";
    XmlDepth, max_xml_depth: usize = 256, "max-xml-depth", Unit::Count("levels"),
        "Deepest XML nesting.";
    PdfObjects, max_pdf_objects: usize = 1_000_000, "max-pdf-objects", Unit::Count("objects"),
        "Most objects in a PDF, values inside arrays and dictionaries included.";
    PdfDepth, max_pdf_depth: usize = 64, "max-pdf-depth", Unit::Count("levels"),
        "Deepest reference recursion in a PDF.";
    PdfArray, max_pdf_array: usize = 262_144, "max-pdf-array", Unit::Count("elements"),
        "Most elements in one PDF array or dictionary, or operands of one operator.";
    PdfOps, max_pdf_ops: usize = 2_000_000, "max-pdf-ops", Unit::Count("operators"),
        "Most operators drawn on one PDF page, Form XObjects included.";
    Pages, max_pages: usize = 2_000, "max-pages", Unit::Count("pages"),
        "Most pages read from a document.";
    Cells, max_cells: usize = 100_000, "max-cells", Unit::Count("cells"),
        "Most cells in one table.";
    TextChars, max_text_chars: usize = 20_000_000, "max-text-chars", Unit::Count("characters"),
        "Most characters of text in a document.";
    HtmlAttributes, max_html_attributes: usize = 1_000, "max-html-attributes", Unit::Count("attributes"),
        "Most attributes on one HTML tag.";
    ImagePixels, max_image_pixels: u64 = 64_000_000, "max-image-pixels", Unit::Count("pixels"),
        "Most pixels in one image read by OCR (width × height of a page).";
    OcrPages, max_ocr_pages: usize = 100, "max-ocr-pages", Unit::Count("pages"),
        "Most page images of one document read by OCR (a few seconds each).";
    Memory, max_memory: u64 = 1 << 30, "max-memory", Unit::Bytes,
        "Most memory one input may use while it is read, in bytes.";
}

impl Limit {
    /// This limit's row of [`LIMITS`].
    pub fn spec(self) -> &'static LimitSpec {
        // The table is built from the same macro rows as the enum, in order.
        &LIMITS[self as usize]
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--{}", self.spec().flag)
    }
}

impl Limits {
    /// The error for `what` going past `limit`; `what` says what was too big
    /// and where (`sheet 表三 with 2000000 cells`).
    pub fn exceeded(&self, limit: Limit, what: crate::Oversize) -> crate::ReadError {
        crate::ReadError::Limit {
            limit,
            what,
            max: self.get(limit),
        }
    }

    /// Refuse `value` above `limit`; `what` is only built when refused.
    pub fn check(
        &self,
        limit: Limit,
        value: u64,
        what: impl FnOnce() -> crate::Oversize,
    ) -> Result<(), crate::ReadError> {
        if value > self.get(limit) {
            return Err(self.exceeded(limit, what()));
        }
        Ok(())
    }

    /// Refuse a document with more than `max_text_chars` characters.
    pub fn check_text(&self, chars: usize) -> Result<(), crate::ReadError> {
        self.check(Limit::TextChars, chars as u64, || {
            crate::Oversize::Text(crate::Amount::Exactly(chars as u64))
        })
    }

    /// Refuse a table with more than `max_cells` cells.
    pub fn check_cells(&self, cells: usize) -> Result<(), crate::ReadError> {
        self.check(Limit::Cells, cells as u64, || {
            crate::Oversize::Table(crate::Amount::Exactly(cells as u64))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows_match_the_enum_order() {
        for (i, spec) in LIMITS.iter().enumerate() {
            assert_eq!(spec.limit as usize, i);
            assert_eq!(spec.limit.spec().flag, spec.flag);
            assert_eq!(Limits::default().get(spec.limit), spec.default);
            assert!(spec.flag.starts_with("max-"));
        }
    }

    #[test]
    fn set_then_get() {
        let mut limits = Limits::default();
        for spec in LIMITS {
            limits.set(spec.limit, 7);
            assert_eq!(limits.get(spec.limit), 7);
        }
    }

    #[test]
    fn byte_sizes_take_suffixes() {
        assert_eq!(Unit::Bytes.parse("64M"), Ok(64 << 20));
        assert_eq!(Unit::Bytes.parse("1g"), Ok(1 << 30));
        assert_eq!(Unit::Bytes.parse("512K"), Ok(512 << 10));
        assert_eq!(Unit::Bytes.parse("1000"), Ok(1000));
        assert!(Unit::Bytes.parse("12X").is_err());
        assert!(Unit::Bytes.parse("M").is_err());
        assert!(Unit::Bytes.parse("99999999999G").is_err());
        assert!(Unit::Count("cells").parse("10K").is_err());
        assert_eq!(Unit::Ratio.parse("200:1"), Ok(200));
        assert_eq!(Unit::Ratio.parse("50"), Ok(50));
    }

    #[test]
    fn errors_name_the_flag_and_unit() {
        let limits = Limits::default();
        let e = limits.exceeded(
            Limit::ZipRatio,
            crate::Oversize::ZipRatio {
                entry: "a.xml".into(),
                bytes: 2000,
                compressed: 1,
            },
        );
        assert_eq!(
            e.to_string(),
            "compression ratio of zip entry a.xml (2000 bytes from 1) exceeds the limit of 200:1 (raise it with --max-zip-ratio)"
        );
        let e = limits.check_cells(100_001).unwrap_err();
        assert!(e
            .to_string()
            .contains("100000 cells (raise it with --max-cells)"));
    }
}
