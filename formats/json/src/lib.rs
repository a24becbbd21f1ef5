//! `gongkai.report/1` JSON: the writer (pretty by default) and the reader,
//! so that a user can edit the JSON and regenerate the other formats.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

use gongkai_ir::{ReadError, Sniff};
use gongkai_report::{
    run_checks, Report, ReportReader, ReportReaderEntry, Source, WriteError, Writer, WriterEntry,
    SCHEMA_ID,
};

/// The JSON writer.
pub struct JsonWriter {
    /// Indent the output.
    pub pretty: bool,
}

/// The registered JSON writer (pretty).
pub static JSON_WRITER: JsonWriter = JsonWriter { pretty: true };

inventory::submit! { WriterEntry(&JSON_WRITER) }

impl Writer for JsonWriter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn write(&self, report: &Report, out: &mut dyn std::io::Write) -> Result<(), WriteError> {
        let result = if self.pretty {
            serde_json::to_writer_pretty(&mut *out, report)
        } else {
            serde_json::to_writer(&mut *out, report)
        };
        result.map_err(|e| WriteError::Render {
            format: "json",
            reason: e.to_string(),
        })?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// The reader of `gongkai.report/1` JSON.
pub struct JsonReportReader;

inventory::submit! { ReportReaderEntry(&JsonReportReader) }

impl ReportReader for JsonReportReader {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json"]
    }

    fn sniff(&self, data: &[u8]) -> Sniff {
        let head = data.get(..data.len().min(4096)).unwrap_or(data);
        let text = String::from_utf8_lossy(head);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') && text.contains(SCHEMA_ID) {
            Sniff::Yes
        } else {
            Sniff::No
        }
    }

    fn read(&self, data: &[u8], source: Source) -> Result<Report, ReadError> {
        let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        let mut report: Report =
            serde_json::from_slice(data).map_err(|e| ReadError::Malformed {
                format: "json",
                reason: e.to_string(),
            })?;
        if report.schema != SCHEMA_ID {
            return Err(ReadError::Unsupported {
                what: format!("JSON with schema `{}`", report.schema),
                hint: format!("gongkai reads `{SCHEMA_ID}` reports"),
            });
        }
        // The report's own source names the original document; keep it, but
        // fill what is missing from the file read now.
        if report.source.file.is_empty() {
            report.source = source;
        }
        // Checks are re-run: the values may have been edited.
        report.checks = run_checks(&report);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_reruns_checks() {
        let mut report = Report::empty(Source {
            file: "a.txt".into(),
            format: "text".into(),
            sha256: String::new(),
        });
        report.review_litigation = Some(gongkai_report::ReviewLitigation::blank());
        let mut buf = Vec::new();
        JSON_WRITER.write(&report, &mut buf).unwrap();
        assert_eq!(JsonReportReader.sniff(&buf), Sniff::Yes);
        let back = JsonReportReader.read(&buf, Source::default()).unwrap();
        assert_eq!(back.review_litigation, report.review_litigation);
        assert_eq!(back.checks.len(), 3);
        assert!(JsonReportReader
            .read(b"{\"schema\": 1}", Source::default())
            .is_err());
        // A hand-written report needs neither `source` nor `sections`.
        let minimal = br#"{"schema": "gongkai.report/1", "title": "t", "review_litigation": null}"#;
        let report = JsonReportReader.read(minimal, Source::default()).unwrap();
        assert_eq!(report.title.as_deref(), Some("t"));
    }
}
