//! `--log json`: one JSON Lines record per input, in input order, so that a
//! script can follow a batch (ripgrep's `--json` habit).

use std::io::Write;

use crate::summary::Row;

/// Where the records go; a closed pipe ends the log quietly, not the run.
pub(crate) struct Log {
    sink: Option<Box<dyn Write>>,
}

impl Log {
    /// A log to `sink` when `json` is asked for, else none.
    pub(crate) fn new(json: bool, sink: impl FnOnce() -> Box<dyn Write>) -> Log {
        Log {
            sink: json.then(sink),
        }
    }

    /// Writes the record of one input (flushed: a reader follows live).
    pub(crate) fn record(&mut self, row: &Row) {
        let Some(sink) = self.sink.as_mut() else {
            return;
        };
        let line = record(row).to_string();
        let written = writeln!(sink, "{line}").and_then(|()| sink.flush());
        if written.is_err() {
            // The reader went away (`| head`): the conversions go on.
            self.sink = None;
        }
    }
}

/// The JSON of one input's row.
pub(crate) fn record(row: &Row) -> serde_json::Value {
    let mut value = serde_json::json!({
        "input": row.path,
        "status": row.status.word(),
        "outputs": row.outputs,
    });
    if let (Some(info), Some(map)) = (&row.info, value.as_object_mut()) {
        let totals: Vec<Option<f64>> = info.totals.iter().map(|v| v.map(|n| n.0)).collect();
        let facts = serde_json::json!({
            "organ": info.organ,
            "year": info.year,
            "totals": totals,
            "checks": info.checks,
            "failed": info.failed,
            "uncertain": info.uncertain,
            "failed_ids": info.failed_ids,
            "uncertain_ids": info.uncertain_ids,
            "diagnostics": {
                "error": info.diagnostics[0],
                "warning": info.diagnostics[1],
                "info": info.diagnostics[2],
            },
            // English, like the diagnostics in JSON: a script matches it.
            "incomplete": info.incomplete.as_ref().map(ToString::to_string),
        });
        if let Some(facts) = facts.as_object() {
            map.extend(facts.clone());
        }
    }
    // English, like the diagnostics in JSON: a script matches it.
    let error = row.error_en.as_ref().or(row.error.as_ref());
    if let (Some(error), Some(map)) = (error, value.as_object_mut()) {
        map.insert("error".into(), error.clone().into());
    }
    value
}
