//! One uploaded file, read into memory and counted against
//! `--max-input-bytes` as it streams in: never written to disk, and its
//! client-supplied name kept only as a label and a hint for the reader.

use axum::extract::multipart::{Multipart, MultipartRejection};
use gongkai::ir::Limit;
use gongkai::ReadOptions;

use crate::error::ApiError;

/// The multipart field that holds the file.
pub(crate) const FIELD: &str = "file";

/// Longest file name kept as a label, in characters.
const MAX_NAME_CHARS: usize = 200;

/// An uploaded file.
pub(crate) struct Upload {
    /// The bytes.
    pub(crate) data: Vec<u8>,
    /// The file's base name without control characters, if the client gave one.
    pub(crate) name: Option<String>,
}

/// The client's file name reduced to a label: its last path component,
/// without control characters, at most [`MAX_NAME_CHARS`] long. It names
/// no file here; the reader uses its extension to break ties.
pub(crate) fn label(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    let clean = clean.trim().to_string();
    (!clean.is_empty() && clean != "." && clean != "..").then_some(clean)
}

/// The refusal of an upload of `size` bytes or more.
fn too_large(size: u64, options: &ReadOptions) -> ApiError {
    match options.limits.check(Limit::InputBytes, size, || {
        gongkai::ir::Oversize::File(gongkai::ir::Amount::AtLeast(size))
    }) {
        Err(e) => ApiError::too_large(e.to_string()),
        Ok(()) => ApiError::internal("upload size check"),
    }
}

/// The multipart stream of a request, or why the request is not one.
pub(crate) fn open(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Multipart, ApiError> {
    multipart.map_err(|e| {
        ApiError::bad_request(format!(
            "expected a multipart/form-data upload with a `{FIELD}` field: {}",
            e.body_text()
        ))
    })
}

/// Read and drop the rest of a refused upload, up to `--max-input-bytes`,
/// so that the refusal reaches the client on a connection it can keep
/// (closing on unread bytes would reset it and lose the answer).
pub(crate) async fn discard(multipart: &mut Multipart, options: &ReadOptions) {
    let limit = options.limits.max_input_bytes;
    let mut seen: u64 = 0;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(chunk)) = field.chunk().await {
            seen = seen.saturating_add(chunk.len() as u64);
            if seen > limit {
                return;
            }
        }
    }
}

/// Read the `file` field (or the first field with a file name) of a
/// multipart upload, refusing it once it passes `--max-input-bytes`.
pub(crate) async fn read(
    mut multipart: Multipart,
    options: &ReadOptions,
) -> Result<Upload, ApiError> {
    let limit = options.limits.max_input_bytes;
    loop {
        let field = multipart
            .next_field()
            .await
            .map_err(|e| ApiError::bad_request(format!("broken upload: {}", e.body_text())))?;
        let Some(mut field) = field else {
            return Err(ApiError::bad_request(format!(
                "no `{FIELD}` field in the upload"
            )));
        };
        if field.name() != Some(FIELD) && field.file_name().is_none() {
            continue;
        }
        let name = field.file_name().and_then(label);
        let mut data = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| ApiError::bad_request(format!("broken upload: {}", e.body_text())))?
        {
            let size = (data.len() as u64).saturating_add(chunk.len() as u64);
            if size > limit {
                return Err(too_large(size, options));
            }
            data.extend_from_slice(&chunk);
        }
        return Ok(Upload { data, name });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_name_becomes_a_plain_label() {
        assert_eq!(label("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(label("C:\\x\\报告.pdf").as_deref(), Some("报告.pdf"));
        assert_eq!(label("a\u{0}b\nc.docx").as_deref(), Some("abc.docx"));
        assert_eq!(label(".."), None);
        assert_eq!(label("dir/"), None);
        assert_eq!(label(&"x".repeat(1000)).map(|l| l.len()), Some(200));
    }
}
