//! Web archives (`.mht`, `.mhtml`) as browsers save them: a MIME
//! `multipart/related` message whose first `text/html` part is the page,
//! quoted-printable or base64, with its charset in the part's header.
//! Images and style sheets in the other parts are not read.

use base64::Engine as _;
use gongkai_ir::{Flaw, Limit, Oversize, ReadError, ReadOptions};

use crate::decode::find;
use crate::phrases::MHT_FORMAT;

/// The page inside an archive: its bytes and the charset its part declares.
#[derive(Debug)]
pub(crate) struct Page {
    /// The decoded bytes of the `text/html` part.
    pub bytes: Vec<u8>,
    /// The part's `charset` parameter.
    pub charset: Option<String>,
}

fn malformed(reason: Flaw) -> ReadError {
    ReadError::Malformed {
        format: MHT_FORMAT,
        reason,
    }
}

/// True when `data` starts like a MIME message of related parts.
pub(crate) fn looks_like_mht(data: &[u8]) -> bool {
    let head = data.get(..data.len().min(4096)).unwrap_or(data);
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let is_header = first.iter().position(|&b| b == b':').is_some_and(|i| {
        i > 0
            && first
                .iter()
                .take(i)
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    });
    is_header && find(&head.to_ascii_lowercase(), b"multipart/related").is_some()
}

/// Split a part into its header block and body at the first blank line.
fn split_head(part: &[u8]) -> (&[u8], &[u8]) {
    for sep in [&b"\r\n\r\n"[..], b"\n\n"] {
        if let Some(at) = find(part, sep) {
            return (
                part.get(..at).unwrap_or_default(),
                part.get(at + sep.len()..).unwrap_or_default(),
            );
        }
    }
    (part, &[])
}

/// A header's value (folded lines joined), by lower-case name.
fn header(head: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(head)
        .replace("\r\n", "\n")
        .replace("\n ", " ")
        .replace("\n\t", " ");
    text.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

/// A parameter of a header value (`boundary`, `charset`), quotes removed.
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').trim_matches('\'').to_string())
    })
}

/// The page of an archive, within `--max-entry-bytes`.
pub(crate) fn page(data: &[u8], options: &ReadOptions) -> Result<Page, ReadError> {
    let (head, body) = split_head(data);
    let content_type =
        header(head, "content-type").ok_or_else(|| malformed(Flaw::MhtNoContentType))?;
    let boundary = param(&content_type, "boundary")
        .filter(|b| !b.is_empty())
        .ok_or_else(|| malformed(Flaw::MhtNoBoundary))?;
    let delimiter = format!("--{boundary}");
    let mut rest = body;
    let mut index = 0usize;
    while let Some(at) = find(rest, delimiter.as_bytes()) {
        gongkai_ir::checkpoint()?;
        let after = rest.get(at + delimiter.len()..).unwrap_or_default();
        if after.starts_with(b"--") {
            break;
        }
        let end = find(after, delimiter.as_bytes()).unwrap_or(after.len());
        let part = after.get(..end).unwrap_or_default();
        rest = after.get(end..).unwrap_or_default();
        index += 1;
        let part = part
            .strip_prefix(b"\r\n")
            .or_else(|| part.strip_prefix(b"\n"))
            .unwrap_or(part);
        let (part_head, part_body) = split_head(part);
        let kind = header(part_head, "content-type").unwrap_or_default();
        if !kind.to_ascii_lowercase().starts_with("text/html") {
            continue;
        }
        let encoding = header(part_head, "content-transfer-encoding").unwrap_or_default();
        let bytes = decode_body(part_body, &encoding, index, options)?;
        return Ok(Page {
            bytes,
            charset: param(&kind, "charset"),
        });
    }
    Err(malformed(Flaw::MhtNoPage))
}

/// A part's body after its transfer encoding, refused past `--max-entry-bytes`
/// before it is decoded.
fn decode_body(
    body: &[u8],
    encoding: &str,
    index: usize,
    options: &ReadOptions,
) -> Result<Vec<u8>, ReadError> {
    let limits = &options.limits;
    let too_big = |size: usize| {
        limits.check(Limit::EntryBytes, size as u64, || Oversize::ArchivePart {
            part: index,
            bytes: size as u64,
        })
    };
    match encoding.trim().to_ascii_lowercase().as_str() {
        "base64" => {
            let clean: Vec<u8> = body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            too_big(clean.len() / 4 * 3)?;
            base64::engine::general_purpose::STANDARD
                .decode(clean.trim_ascii_end())
                .or_else(|_| {
                    base64::engine::general_purpose::STANDARD_NO_PAD.decode(clean.trim_ascii_end())
                })
                .map_err(|e| {
                    malformed(Flaw::MhtBase64 {
                        part: index,
                        detail: e.to_string(),
                    })
                })
        }
        "quoted-printable" => {
            too_big(body.len())?;
            Ok(quoted_printable(body))
        }
        _ => {
            too_big(body.len())?;
            Ok(body.to_vec())
        }
    }
}

/// Quoted-printable: `=XX` is a byte, `=` at a line end joins the lines;
/// a malformed escape is kept as written (as mail readers do).
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while let Some(&b) = body.get(i) {
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        match (body.get(i + 1), body.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&h), Some(&l)) => match (hex(h), hex(l)) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            },
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MHT: &str = "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n------MultipartBoundary--abc----\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=D5=FE=B8=AE a=\r\nb</p>\r\n------MultipartBoundary--abc----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------MultipartBoundary--abc------\r\n";

    #[test]
    fn the_html_part_is_found_and_decoded() {
        assert!(looks_like_mht(MHT.as_bytes()));
        let page = page(MHT.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(page.charset.as_deref(), Some("gb2312"));
        let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(&page.bytes);
        assert_eq!(text, "<p>政府 ab</p>\r\n");
    }

    #[test]
    fn base64_parts_are_bounded() {
        let mut options = ReadOptions::default();
        options.limits.max_entry_bytes = 10;
        let mht = "Content-Type: multipart/related; boundary=B\n\n--B\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\nPHA+5pS/5bqc5L+h5oGv5YWs5byAPC9wPg==\n--B--\n";
        let err = page(mht.as_bytes(), &options).unwrap_err();
        assert!(err.to_string().contains("--max-entry-bytes"), "{err}");
        let ok = page(mht.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(String::from_utf8(ok.bytes).unwrap(), "<p>政府信息公开</p>");
    }

    #[test]
    fn broken_archives_are_errors() {
        assert!(page(
            b"Content-Type: multipart/related\n\n",
            &ReadOptions::default()
        )
        .is_err());
        let no_html = "Content-Type: multipart/related; boundary=B\n\n--B\nContent-Type: image/png\n\nxx\n--B--\n";
        assert!(page(no_html.as_bytes(), &ReadOptions::default()).is_err());
        assert!(!looks_like_mht(b"<html>"));
    }
}
