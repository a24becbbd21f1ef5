//! The API's handlers: convert, validate, the page's view of one report,
//! the formats, and health.

use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Query, State as Shared};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use gongkai::ir::Severity;
use gongkai::report::{CheckStatus, Report, Writer};
use gongkai::status::{incompleteness, Status, TableGap};
use gongkai::{ReadOptions, WriteOptions};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::pool::Refused;
use crate::upload::{self, Upload};
use crate::State;

/// `?to=` and `?compact=` of `/api/convert`.
#[derive(Debug, Deserialize)]
pub(crate) struct ConvertQuery {
    /// The output format (`json`, `xlsx`, `md`, `html`); JSON by default.
    to: Option<String>,
    /// Compact JSON instead of pretty JSON.
    #[serde(default)]
    compact: bool,
}

/// A JSON answer.
fn json_response(code: StatusCode, value: &Value) -> Response {
    (
        code,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// Read the upload and run `work` on the report it holds, on the pool.
async fn on_report<T, F>(
    state: &State,
    multipart: Result<Multipart, MultipartRejection>,
    work: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(Report, Option<String>) -> Result<T, ApiError> + Send + 'static,
{
    let mut multipart = upload::open(multipart)?;
    // Admitted before the upload is read: a refusal costs no upload bytes,
    // and a waiting request holds its connection, not its file.
    let admitted = async {
        let mut admission = state.pool.admit()?;
        state.pool.may_upload(&mut admission).await?;
        Ok::<_, Refused>(admission)
    };
    let admission = match admitted.await {
        Ok(admission) => admission,
        Err(refused) => {
            upload::discard(&mut multipart, &state.options).await;
            return Err(refused.into());
        }
    };
    let Upload { data, name } = upload::read(multipart, &state.options).await?;
    let options: Arc<ReadOptions> = state.options.clone();
    state
        .pool
        .run_admitted(admission, move || {
            let report = gongkai::load(&data, name.as_deref(), &options)?;
            drop(data);
            work(report, name)
        })
        .await?
}

impl From<gongkai::RenderError> for ApiError {
    fn from(e: gongkai::RenderError) -> Self {
        ApiError::internal(e.to_string())
    }
}

/// Checks a `?to=` name against the registered writers.
fn writer_for(to: Option<&str>) -> Result<&'static dyn Writer, ApiError> {
    gongkai::writer(to.unwrap_or("json")).map_err(|e| ApiError::bad_request(e.to_string()))
}

/// The content type of a writer's output.
fn content_type(writer: &dyn Writer) -> &'static str {
    match writer.extension() {
        "json" => "application/json",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "md" => "text/markdown; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `POST /api/convert[?to=FORMAT]`: the report in JSON or another format.
pub(crate) async fn convert(
    Shared(state): Shared<State>,
    Query(query): Query<ConvertQuery>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let writer = writer_for(query.to.as_deref())?;
    let options = WriteOptions {
        pretty: !query.compact,
    };
    let bytes = on_report(&state, multipart, move |report, _| {
        writer
            .to_bytes(&report, &options)
            .map_err(|e| ApiError::internal(e.to_string()))
    })
    .await?;
    let mut response = ([(header::CONTENT_TYPE, content_type(writer))], bytes).into_response();
    if writer.extension() != "json" {
        // A fixed name: the client's file name names nothing here.
        let disposition = format!("attachment; filename=\"report.{}\"", writer.extension());
        if let Ok(value) = HeaderValue::from_str(&disposition) {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    Ok(response)
}

/// The one-report summary the page's table and the batch summary show.
fn summary(report: &Report, name: Option<&str>) -> Value {
    // The service's JSON keeps the English words, like its diagnostics;
    // the page words the tables at fault in its own language.
    let why = incompleteness(report);
    let incomplete_tables = why.as_ref().map(|i| {
        i.gaps
            .iter()
            .map(|(table, gap)| {
                let gap = match gap {
                    TableGap::Missing => "missing",
                    TableGap::Empty => "empty",
                };
                json!({ "table": table.name(), "gap": gap })
            })
            .collect::<Vec<_>>()
    });
    let incomplete = why.map(|i| i.to_string());
    let failed = report.count_checks(CheckStatus::Fail);
    let status = Status::of(incomplete.is_some(), failed);
    let totals = report.totals();
    let num = |v: gongkai::report::Value| v.map(|n| n.0);
    let severity = |s: Severity| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    json!({
        "file": name,
        "status": status.word(),
        "title": report.title,
        "organ": report.organ,
        "year": report.year,
        "incomplete": incomplete,
        "incomplete_tables": incomplete_tables,
        "checks": report.checks.len(),
        "passed": report.count_checks(CheckStatus::Pass),
        "failed": failed,
        "uncertain": report.count_checks(CheckStatus::Uncertain),
        "errors": severity(Severity::Error),
        "warnings": severity(Severity::Warning),
        "totals": {
            "new_received": num(totals.new_received),
            "carried_over": num(totals.carried_over),
            "total_processed": num(totals.total_processed),
            "carried_forward": num(totals.carried_forward),
            "review": num(totals.review),
            "litigation": num(totals.litigation),
        },
    })
}

/// `POST /api/validate`: the summary, the checks that did not pass and the
/// diagnostics (errors and warnings).
pub(crate) async fn validate(
    Shared(state): Shared<State>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let value = on_report(&state, multipart, |report, name| {
        let mut value = summary(&report, name.as_deref());
        if let Value::Object(map) = &mut value {
            let not_passed: Vec<_> = report
                .checks
                .iter()
                .filter(|c| c.status != CheckStatus::Pass)
                .collect();
            let diagnostics: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.severity != Severity::Info)
                .collect();
            map.insert("not_passed".into(), json!(not_passed));
            map.insert("diagnostics".into(), json!(diagnostics));
        }
        Ok(value)
    })
    .await?;
    Ok(json_response(StatusCode::OK, &value))
}

/// The `<body>` of the HTML writer's page: the report laid out like the
/// official form, and the checks that did not pass. Every document string
/// in it is escaped by the writer.
fn form_html(report: &Report) -> String {
    let page = gongkai_format_html::render(report);
    let body = page
        .split_once("<body>")
        .and_then(|(_, rest)| rest.rsplit_once("</body>"))
        .map(|(body, _)| body);
    body.unwrap_or_default().trim().to_string()
}

/// The checks that did not pass, each with where the cells it reads were
/// found in the source (page, table, row), as `gongkai validate` prints.
fn located(report: &Report) -> Value {
    let checks: Vec<Value> = report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Pass)
        .map(|c| {
            let read_at: Vec<Value> = c
                .located(&report.locations)
                .into_iter()
                .map(|(path, at)| json!({ "path": path.as_str(), "at": at }))
                .collect();
            json!({
                "id": c.id,
                "status": c.status,
                "subject": c.subject.as_str(),
                "message": c.message,
                "read_at": read_at,
            })
        })
        .collect();
    Value::Array(checks)
}

/// `POST /api/view`: what the page shows of one report: the summary, the
/// report itself and its tables as HTML.
pub(crate) async fn view(
    Shared(state): Shared<State>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let value = on_report(&state, multipart, |report, name| {
        Ok(json!({
            "summary": summary(&report, name.as_deref()),
            "html": form_html(&report),
            "located": located(&report),
            "report": report,
        }))
    })
    .await?;
    Ok(json_response(StatusCode::OK, &value))
}

/// `GET /api/formats`: the readers and writers.
pub(crate) async fn formats() -> Response {
    let readers: Vec<Value> = gongkai::readers()
        .iter()
        .map(|r| json!({ "name": r.name(), "extensions": r.extensions() }))
        .chain(
            gongkai::report_readers()
                .iter()
                .map(|r| json!({ "name": r.name(), "extensions": r.extensions(), "report": true })),
        )
        .collect();
    let writers: Vec<Value> = gongkai::writers()
        .iter()
        .map(|w| json!({ "name": w.name(), "extension": w.extension() }))
        .collect();
    json_response(
        StatusCode::OK,
        &json!({ "readers": readers, "writers": writers }),
    )
}

/// `GET /healthz`: up, and how busy.
pub(crate) async fn health(Shared(state): Shared<State>) -> Response {
    json_response(
        StatusCode::OK,
        &json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "max_input_bytes": state.options.limits.max_input_bytes,
            "pool": state.pool.load(),
        }),
    )
}

/// Any other path.
pub(crate) async fn not_found() -> ApiError {
    ApiError {
        code: StatusCode::NOT_FOUND,
        status: "error",
        reason: "no such page or API".into(),
    }
}
