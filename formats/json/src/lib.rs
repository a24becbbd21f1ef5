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

mod ser;

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
        out.write_all(&self.to_bytes(report)?)?;
        Ok(())
    }

    fn to_bytes(&self, report: &Report) -> Result<Vec<u8>, WriteError> {
        // Rendered into a buffer, not through `dyn Write`: the serializer
        // makes many small writes, and each would cost a call that cannot be
        // inlined.
        let mut buf = Vec::with_capacity(64 * 1024);
        let result = if self.pretty {
            ser::to_vec_with(&mut buf, Indented::default(), report)
        } else {
            ser::to_vec_with(&mut buf, serde_json::ser::CompactFormatter, report)
        };
        result.map_err(|e| WriteError::Render {
            format: "json",
            reason: e.to_string(),
        })?;
        buf.push(b'\n');
        Ok(buf)
    }
}

/// serde_json's pretty layout (two spaces), byte for byte, with each
/// indentation written at once: serde_json writes it two bytes at a time,
/// which cost a fifth of rendering a report.
#[derive(Default)]
struct Indented {
    level: usize,
    has_value: bool,
}

impl Indented {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W, first: bool) -> std::io::Result<()> {
        // `,`, the line break and up to 32 levels of indentation, cut to
        // size and written at once.
        const BREAK: &[u8; 66] =
            b",\n                                                                ";
        let indent = self.level * 2;
        let from = usize::from(first);
        match BREAK.get(from..2 + indent) {
            Some(piece) => w.write_all(piece),
            None => {
                w.write_all(BREAK.get(from..2).unwrap_or_default())?;
                for _ in 0..self.level {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            // The closing bracket goes on its own line, one level out.
            self.newline(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.newline(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
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

    #[test]
    fn indentation_is_serde_jsons_pretty_layout() {
        let mut report = Report::empty(Source::default());
        report.review_litigation = Some(gongkai_report::ReviewLitigation::blank());
        report.checks = run_checks(&report);
        // Deeper than one write of spaces (64 bytes = 32 levels).
        let mut nested = serde_json::json!(1);
        for _ in 0..40 {
            nested = serde_json::json!([nested]);
        }
        let deep = serde_json::json!({"a": [], "b": {}, "c": nested, "d": [{"e": null}]});
        for value in [serde_json::to_value(&report).unwrap(), deep] {
            let mut mine = Vec::new();
            ser::to_vec_with(&mut mine, Indented::default(), &value).unwrap();
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }
}
