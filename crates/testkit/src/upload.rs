//! A file upload as the service takes it, built by hand: the multipart body
//! the end-to-end tests and the load generator post.

/// The boundary of the bodies built here (in no fixture).
const BOUNDARY: &str = "gongkai-test-boundary-0c5f3a9e";

/// The `Content-Type` and body of a `multipart/form-data` upload of `data`
/// as the `file` field named `name`.
pub fn multipart(name: &str, data: &[u8]) -> (String, Vec<u8>) {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}
