//! Report → bytes, through the writer registry.

use gongkai_report::{find_writer, Report, WriteError, Writer};

pub use gongkai_report::WriteOptions;

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No writer has that name or extension.
    #[error("unknown output format `{name}` (known: {known})")]
    UnknownFormat {
        /// The name asked for.
        name: String,
        /// The registered writers' names.
        known: String,
    },
    /// The writer failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// The writer for a format name (`json`, `xlsx`, `md`) or extension.
pub fn writer(format: &str) -> Result<&'static dyn Writer, RenderError> {
    find_writer(format).ok_or_else(|| {
        let known: Vec<&str> = gongkai_report::writers().iter().map(|w| w.name()).collect();
        RenderError::UnknownFormat {
            name: format.to_string(),
            known: known.join(", "),
        }
    })
}

/// Render a report in a format (`json`, `xlsx`, `md`, or an extension).
pub fn render(
    report: &Report,
    format: &str,
    options: &WriteOptions,
) -> Result<Vec<u8>, RenderError> {
    Ok(writer(format)?.to_bytes(report, options)?)
}
