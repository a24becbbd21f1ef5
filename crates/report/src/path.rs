//! Report paths: the dotted path into the report's JSON that a check is
//! about, that a diagnostic concerns, or under which a row's source
//! location is kept (`applications.rows.granted.total`).

use std::borrow::Cow;
use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Applicant, ApplicationRow, DisclosureField, DisclosureRow, LitigationBlock, Outcome};

/// A place in the report, written as the dotted path into its JSON
/// (`review_litigation.review.total`). Built from the table keys, so that
/// it names a real place; it reads, compares and serializes as that string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportPath(Cow<'static, str>);

/// The segment a column-wise check puts for "every row".
const ANY_ROW: &str = "*";

impl ReportPath {
    /// `title`
    pub const TITLE: ReportPath = ReportPath::fixed("title");
    /// `organ`
    pub const ORGAN: ReportPath = ReportPath::fixed("organ");
    /// `year`
    pub const YEAR: ReportPath = ReportPath::fixed("year");
    /// `sections.overview` (一、总体情况)
    pub const SECTION_OVERVIEW: ReportPath = ReportPath::fixed("sections.overview");
    /// `sections.problems` (五、存在的主要问题及改进情况)
    pub const SECTION_PROBLEMS: ReportPath = ReportPath::fixed("sections.problems");
    /// `sections.other` (六、其他需要报告的事项)
    pub const SECTION_OTHER: ReportPath = ReportPath::fixed("sections.other");
    /// `active_disclosure`: table 二 as a whole.
    pub const ACTIVE_DISCLOSURE: ReportPath = ReportPath::fixed("active_disclosure");
    /// `active_disclosure.layout`
    pub const ACTIVE_DISCLOSURE_LAYOUT: ReportPath = ReportPath::fixed("active_disclosure.layout");
    /// `applications`: table 三 as a whole.
    pub const APPLICATIONS: ReportPath = ReportPath::fixed("applications");
    /// `applications.layout`
    pub const APPLICATIONS_LAYOUT: ReportPath = ReportPath::fixed("applications.layout");
    /// `review_litigation`: table 四 as a whole.
    pub const REVIEW_LITIGATION: ReportPath = ReportPath::fixed("review_litigation");

    const fn fixed(path: &'static str) -> Self {
        ReportPath(Cow::Borrowed(path))
    }

    /// `active_disclosure.<row>`: a row of table 二.
    pub fn disclosure_row(row: DisclosureRow) -> Self {
        let at = (row as usize, 0);
        PATHS.disclosure_rows.path(at, || disclosure_row_text(row))
    }

    /// `active_disclosure.<row>.<field>`: a value of table 二.
    pub fn disclosure_value(row: DisclosureRow, field: DisclosureField) -> Self {
        let at = (row as usize, field as usize);
        PATHS
            .disclosure_values
            .path(at, || disclosure_value_text(row, field))
    }

    /// `applications.rows.<row>`: a row of table 三.
    pub fn application_row(row: ApplicationRow) -> Self {
        let at = (row as usize, 0);
        PATHS
            .application_rows
            .path(at, || application_row_text(row))
    }

    /// `applications.rows.<row>.<column>`: a value of table 三.
    pub fn application_value(row: ApplicationRow, column: Applicant) -> Self {
        let at = (row as usize, column as usize);
        PATHS
            .application_values
            .path(at, || application_value_text(row, column))
    }

    /// `applications.rows.*.<column>`: a column of table 三, every row.
    pub fn application_column(column: Applicant) -> Self {
        let at = (column as usize, 0);
        PATHS
            .application_columns
            .path(at, || application_column_text(column))
    }

    /// `review_litigation.<block>`: a block of table 四.
    pub fn litigation_block(block: LitigationBlock) -> Self {
        let at = (block as usize, 0);
        PATHS
            .litigation_blocks
            .path(at, || litigation_block_text(block))
    }

    /// `review_litigation.<block>.<outcome>`: a value of table 四.
    pub fn litigation_value(block: LitigationBlock, outcome: Outcome) -> Self {
        let at = (block as usize, outcome as usize);
        PATHS
            .litigation_values
            .path(at, || litigation_value_text(block, outcome))
    }

    /// The path as its dotted string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The dotted segments, in order.
    pub fn segments(&self) -> std::str::Split<'_, char> {
        self.0.split('.')
    }

    /// True when the two paths lie one within the other: the same place, or
    /// one a table, row or block holding the other. A `*` segment on either
    /// side stands for any one segment.
    pub fn overlaps(&self, other: &str) -> bool {
        self.segments()
            .zip(other.split('.'))
            .all(|(a, b)| a == b || a == ANY_ROW || b == ANY_ROW)
    }
}

impl std::ops::Deref for ReportPath {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ReportPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ReportPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for ReportPath {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for ReportPath {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

/// A path as written elsewhere (a diagnostic's path, an edited JSON file),
/// kept as given.
impl From<&str> for ReportPath {
    fn from(path: &str) -> Self {
        ReportPath(Cow::Owned(path.to_string()))
    }
}

/// A path as written elsewhere, kept as given.
impl From<String> for ReportPath {
    fn from(path: String) -> Self {
        ReportPath(Cow::Owned(path))
    }
}

/// The dotted string, for `Diagnostic::with_path`.
impl From<ReportPath> for String {
    fn from(path: ReportPath) -> Self {
        path.0.into_owned()
    }
}

/// The dotted string, for `Diagnostic::with_path`.
impl From<&ReportPath> for String {
    fn from(path: &ReportPath) -> Self {
        path.0.to_string()
    }
}

impl Serialize for ReportPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ReportPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ReportPath::from)
    }
}

/// The schema of a string: the JSON holds the dotted path.
impl schemars::JsonSchema for ReportPath {
    fn inline_schema() -> bool {
        String::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

fn disclosure_row_text(row: DisclosureRow) -> String {
    [ReportPath::ACTIVE_DISCLOSURE.as_str(), ".", row.key()].concat()
}

fn disclosure_value_text(row: DisclosureRow, field: DisclosureField) -> String {
    [disclosure_row_text(row).as_str(), ".", field.key()].concat()
}

fn application_row_text(row: ApplicationRow) -> String {
    [ReportPath::APPLICATIONS.as_str(), ".rows.", row.key()].concat()
}

fn application_value_text(row: ApplicationRow, column: Applicant) -> String {
    [application_row_text(row).as_str(), ".", column.key()].concat()
}

fn application_column_text(column: Applicant) -> String {
    [
        ReportPath::APPLICATIONS.as_str(),
        ".rows.",
        ANY_ROW,
        ".",
        column.key(),
    ]
    .concat()
}

fn litigation_block_text(block: LitigationBlock) -> String {
    [ReportPath::REVIEW_LITIGATION.as_str(), ".", block.key()].concat()
}

fn litigation_value_text(block: LitigationBlock, outcome: Outcome) -> String {
    [litigation_block_text(block).as_str(), ".", outcome.key()].concat()
}

/// Every path of one shape, rendered once: checks name hundreds of cells
/// per report, and a borrowed string costs nothing to hand out.
struct Rendered {
    texts: Vec<String>,
    width: usize,
}

impl Rendered {
    /// The paths of every `(outer, inner)` pair, `ALL` order by `ALL` order.
    fn new<A: Copy, B: Copy>(outer: &[A], inner: &[B], render: fn(A, B) -> String) -> Self {
        let texts = outer
            .iter()
            .flat_map(|a| inner.iter().map(move |b| render(*a, *b)))
            .collect();
        Rendered {
            texts,
            width: inner.len(),
        }
    }

    /// The path at `(outer, inner)`, by the keys' positions in `ALL`;
    /// rendered now if there is none (the keys' positions are always in).
    fn path(
        &'static self,
        (outer, inner): (usize, usize),
        render: impl FnOnce() -> String,
    ) -> ReportPath {
        let text = (inner < self.width)
            .then(|| self.texts.get(outer * self.width + inner))
            .flatten();
        match text {
            Some(text) => ReportPath(Cow::Borrowed(text.as_str())),
            None => ReportPath(Cow::Owned(render())),
        }
    }
}

/// The table paths, rendered on first use.
struct Paths {
    disclosure_rows: Rendered,
    disclosure_values: Rendered,
    application_rows: Rendered,
    application_values: Rendered,
    application_columns: Rendered,
    litigation_blocks: Rendered,
    litigation_values: Rendered,
}

// The key enums declare no discriminants: `key as usize` is its place in
// `ALL`, which is how the paths are laid out.
static PATHS: LazyLock<Paths> = LazyLock::new(|| Paths {
    disclosure_rows: Rendered::new(DisclosureRow::ALL, &[()], |row, ()| {
        disclosure_row_text(row)
    }),
    disclosure_values: Rendered::new(
        DisclosureRow::ALL,
        DisclosureField::ALL,
        disclosure_value_text,
    ),
    application_rows: Rendered::new(ApplicationRow::ALL, &[()], |row, ()| {
        application_row_text(row)
    }),
    application_values: Rendered::new(ApplicationRow::ALL, Applicant::ALL, application_value_text),
    application_columns: Rendered::new(Applicant::ALL, &[()], |column, ()| {
        application_column_text(column)
    }),
    litigation_blocks: Rendered::new(LitigationBlock::ALL, &[()], |block, ()| {
        litigation_block_text(block)
    }),
    litigation_values: Rendered::new(LitigationBlock::ALL, Outcome::ALL, litigation_value_text),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_today() {
        assert_eq!(
            ReportPath::application_value(ApplicationRow::Granted, Applicant::Total),
            "applications.rows.granted.total"
        );
        assert_eq!(
            ReportPath::application_column(Applicant::NaturalPerson).as_str(),
            "applications.rows.*.natural_person"
        );
        assert_eq!(
            ReportPath::application_row(ApplicationRow::CarriedForward),
            "applications.rows.carried_forward"
        );
        assert_eq!(
            ReportPath::disclosure_value(DisclosureRow::Fees, DisclosureField::Amount),
            "active_disclosure.fees.amount"
        );
        assert_eq!(
            ReportPath::disclosure_row(DisclosureRow::Regulations),
            "active_disclosure.regulations"
        );
        assert_eq!(
            ReportPath::litigation_block(LitigationBlock::Review),
            "review_litigation.review"
        );
        assert_eq!(
            ReportPath::litigation_value(LitigationBlock::LitigationPostReview, Outcome::Total),
            "review_litigation.litigation_post_review.total"
        );
        // Every key of every shape, last ones included.
        for row in ApplicationRow::ALL {
            for col in Applicant::ALL {
                assert_eq!(
                    ReportPath::application_value(*row, *col).as_str(),
                    format!("applications.rows.{}.{}", row.key(), col.key())
                );
            }
        }
        for row in DisclosureRow::ALL {
            for field in DisclosureField::ALL {
                assert_eq!(
                    ReportPath::disclosure_value(*row, *field).as_str(),
                    format!("active_disclosure.{}.{}", row.key(), field.key())
                );
            }
        }
    }

    #[test]
    fn serializes_as_its_string_and_orders_as_one() {
        let path = ReportPath::litigation_block(LitigationBlock::Review);
        let json = serde_json::to_string(&path).unwrap_or_default();
        assert_eq!(json, "\"review_litigation.review\"");
        let back: ReportPath = serde_json::from_str(&json).unwrap_or(ReportPath::TITLE);
        assert_eq!(back, path);
        let schema = schemars::schema_for!(ReportPath);
        assert_eq!(schema.get("type"), Some(&serde_json::json!("string")));
        // Locations are listed in string order (not the printed order), as
        // when they were strings.
        assert!(
            ReportPath::application_row(ApplicationRow::CarriedOver)
                < ReportPath::application_row(ApplicationRow::NewReceived)
        );
    }

    #[test]
    fn overlaps_within_and_by_wildcard() {
        let column = ReportPath::application_column(Applicant::Total);
        assert!(column.overlaps("applications.rows.carried_over.total"));
        assert!(column.overlaps("applications.rows.carried_over"));
        assert!(!column.overlaps("applications.rows.granted.natural_person"));
        let block = ReportPath::litigation_block(LitigationBlock::Review);
        assert!(block.overlaps("review_litigation.review.total"));
        assert!(block.overlaps("review_litigation"));
        assert!(!block.overlaps("active_disclosure.fees"));
    }
}
