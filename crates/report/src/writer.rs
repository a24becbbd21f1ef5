//! Writers (a `Report` to bytes) and report readers (bytes that already are a
//! report, such as `gongkai.report/1` JSON), with their `inventory` registries.

use gongkai_ir::{ReadError, Sniff};

use crate::{Report, Source};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Io(#[from] std::io::Error),
    /// The format could not represent the report.
    #[error("cannot render the report as {format}: {reason}")]
    Render {
        /// The output format.
        format: &'static str,
        /// What went wrong.
        reason: String,
    },
}

/// How a report is rendered; a writer uses what applies to its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Indent the output (JSON); compact when false.
    pub pretty: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions { pretty: true }
    }
}

/// A writer renders a report; it knows nothing of input formats.
pub trait Writer: Sync {
    /// Short format name used by `--to` (`json`, `xlsx`, `md`).
    fn name(&self) -> &'static str;
    /// The file extension of its output, without the dot.
    fn extension(&self) -> &'static str;
    /// Render the report into memory.
    fn to_bytes(&self, report: &Report, options: &WriteOptions) -> Result<Vec<u8>, WriteError>;
    /// Render the report to `out`.
    fn write(
        &self,
        report: &Report,
        options: &WriteOptions,
        out: &mut dyn std::io::Write,
    ) -> Result<(), WriteError> {
        out.write_all(&self.to_bytes(report, options)?)?;
        Ok(())
    }
}

/// A registered writer.
pub struct WriterEntry(pub &'static dyn Writer);

inventory::collect!(WriterEntry);

/// All registered writers, sorted by name.
pub fn writers() -> Vec<&'static dyn Writer> {
    let mut all: Vec<&'static dyn Writer> = inventory::iter::<WriterEntry>
        .into_iter()
        .map(|e| e.0)
        .collect();
    all.sort_by_key(|w| w.name());
    all
}

/// The writer for a `--to` name or extension.
pub fn find_writer(name: &str) -> Option<&'static dyn Writer> {
    let name = name.to_ascii_lowercase();
    writers()
        .into_iter()
        .find(|w| w.name() == name || w.extension() == name)
}

/// A reader of files that already hold a report (checks are re-run on read).
pub trait ReportReader: Sync {
    /// Short format name.
    fn name(&self) -> &'static str;
    /// File extensions it reads.
    fn extensions(&self) -> &'static [&'static str];
    /// How sure it is that `data` is its format.
    fn sniff(&self, data: &[u8]) -> Sniff;
    /// Read the report; `source` describes the file.
    fn read(&self, data: &[u8], source: Source) -> Result<Report, ReadError>;
}

/// A registered report reader.
pub struct ReportReaderEntry(pub &'static dyn ReportReader);

inventory::collect!(ReportReaderEntry);

/// All registered report readers, sorted by name.
pub fn report_readers() -> Vec<&'static dyn ReportReader> {
    let mut all: Vec<&'static dyn ReportReader> = inventory::iter::<ReportReaderEntry>
        .into_iter()
        .map(|e| e.0)
        .collect();
    all.sort_by_key(|r| r.name());
    all
}

/// The report reader that is certain of `data`, if any.
pub fn find_report_reader(data: &[u8]) -> Option<&'static dyn ReportReader> {
    report_readers()
        .into_iter()
        .find(|r| r.sniff(data) == Sniff::Yes)
}
