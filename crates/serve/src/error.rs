//! The API's errors: a status code and the one-line reason the CLI prints
//! for the same input, as JSON `{"error": reason, "status": word}`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use gongkai::ir::ReadError;
use gongkai::LoadError;

use crate::pool::Refused;

/// An error answer.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub code: StatusCode,
    /// The input's status word (`error`, `unsupported`, `busy`…).
    pub status: &'static str,
    /// The one-line reason.
    pub reason: String,
}

impl ApiError {
    /// 400: the request is not what the API takes.
    pub fn bad_request(reason: impl Into<String>) -> Self {
        ApiError {
            code: StatusCode::BAD_REQUEST,
            status: "error",
            reason: reason.into(),
        }
    }

    /// 413: the upload is over `--max-input-bytes`.
    pub fn too_large(reason: impl Into<String>) -> Self {
        ApiError {
            code: StatusCode::PAYLOAD_TOO_LARGE,
            status: "error",
            reason: reason.into(),
        }
    }

    /// 500: a bug.
    pub fn internal(reason: impl Into<String>) -> Self {
        ApiError {
            code: StatusCode::INTERNAL_SERVER_ERROR,
            status: "error",
            reason: reason.into(),
        }
    }
}

impl From<LoadError> for ApiError {
    fn from(e: LoadError) -> Self {
        let (code, status) = match &e {
            LoadError::Empty => (StatusCode::BAD_REQUEST, "error"),
            LoadError::UnknownFormat(_) => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported"),
            LoadError::Read(ReadError::Unsupported(_)) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported")
            }
            LoadError::Read(ReadError::Limit { .. }) => (StatusCode::PAYLOAD_TOO_LARGE, "error"),
            // Asked to stop: only the time limit does that here.
            LoadError::Read(ReadError::Stopped) => (StatusCode::GATEWAY_TIMEOUT, "error"),
            LoadError::NotAReport(_) => (StatusCode::UNPROCESSABLE_ENTITY, "error"),
            LoadError::Panic { .. } | LoadError::Read(ReadError::Internal(_)) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "error")
            }
            // Malformed, encrypted, scanned, undecodable, unreadable.
            _ => (StatusCode::BAD_REQUEST, "error"),
        };
        ApiError {
            code,
            status,
            reason: e.to_string(),
        }
    }
}

impl From<Refused> for ApiError {
    fn from(e: Refused) -> Self {
        let (code, status) = match &e {
            Refused::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy"),
            Refused::TimedOut(_) => (StatusCode::GATEWAY_TIMEOUT, "error"),
            Refused::Panicked => (StatusCode::INTERNAL_SERVER_ERROR, "error"),
        };
        ApiError {
            code,
            status,
            reason: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.reason, "status": self.status });
        let mut response = (
            self.code,
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response();
        if self.code == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        response
    }
}
