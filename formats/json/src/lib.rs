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

mod indent;

use gongkai_ir::{ReadError, Sniff, Unsupported};
use gongkai_report::{
    Report, ReportReader, ReportReaderEntry, Source, WriteError, WriteOptions, Writer, WriterEntry,
    SCHEMA_ID,
};
use indent::Indented;

/// The JSON writer: pretty (serde_json's layout) unless
/// `WriteOptions::pretty` is false.
pub struct JsonWriter;

inventory::submit! { WriterEntry(&JsonWriter) }

impl Writer for JsonWriter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extension(&self) -> &'static str {
        "json"
    }

    fn to_bytes(&self, report: &Report, options: &WriteOptions) -> Result<Vec<u8>, WriteError> {
        // Rendered into a buffer, not through `dyn Write`: the serializer
        // makes many small writes, and each would cost a call that cannot be
        // inlined.
        let mut buf = Vec::with_capacity(64 * 1024);
        let result = if options.pretty {
            serde::Serialize::serialize(
                report,
                &mut serde_json::Serializer::with_formatter(&mut buf, Indented::default()),
            )
        } else {
            serde::Serialize::serialize(report, &mut serde_json::Serializer::new(&mut buf))
        };
        result.map_err(|e| WriteError::Render {
            format: "json",
            reason: e.to_string(),
        })?;
        buf.push(b'\n');
        Ok(buf)
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
        // Bytes, not text: every input of a batch passes through here.
        let head = data.get(..data.len().min(4096)).unwrap_or(data);
        let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let starts_object = body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
        let id = SCHEMA_ID.as_bytes();
        if starts_object && body.windows(id.len()).any(|w| w == id) {
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
                reason: gongkai_ir::Flaw::parser(e),
            })?;
        if report.schema != SCHEMA_ID {
            return Err(ReadError::Unsupported(Unsupported::JsonSchema {
                schema: report.schema,
                expected: SCHEMA_ID,
            }));
        }
        // The report's own source names the original document; keep it, but
        // fill what is missing from the file read now.
        if report.source.file.is_empty() {
            report.source = source;
        }
        // The values may have been edited: the checks in the file are
        // dropped, and the pipeline (`gongkai::load`) runs them again.
        report.checks.clear();
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_drops_stale_checks() {
        let mut report = Report::empty(Source {
            file: "a.txt".into(),
            format: "text".into(),
            sha256: String::new(),
            ocr: None,
        });
        report.review_litigation = Some(gongkai_report::ReviewLitigation::blank());
        report.checks = gongkai_report::run_checks(&report);
        let mut buf = Vec::new();
        JsonWriter
            .write(&report, &WriteOptions::default(), &mut buf)
            .unwrap();
        assert_eq!(JsonReportReader.sniff(&buf), Sniff::Yes);
        let back = JsonReportReader.read(&buf, Source::default()).unwrap();
        assert_eq!(back.review_litigation, report.review_litigation);
        assert!(back.checks.is_empty());
        assert!(JsonReportReader
            .read(b"{\"schema\": 1}", Source::default())
            .is_err());
        // A hand-written report needs neither `source` nor `sections`.
        let minimal = br#"{"schema": "gongkai.report/1", "title": "t", "review_litigation": null}"#;
        let report = JsonReportReader.read(minimal, Source::default()).unwrap();
        assert_eq!(report.title.as_deref(), Some("t"));
    }
}
