//! Minimal PDFs written byte by byte, for tests and hostile fixtures: numbered
//! objects in order and a correct cross-reference table, nothing else.

/// A PDF from object bodies (numbered from 1, in order) with a correct xref
/// table; object 1 is the catalog.
pub fn build_pdf(objects: &[&[u8]]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object: `dict` entries (without `<< >>`) and its data.
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A one-page PDF (595 × 842) drawing `content` with Helvetica as /F;
/// `resources` adds entries to its resources and `objects` follow as
/// objects 6….
pub fn one_page(content: &[u8], resources: &str, objects: &[&[u8]]) -> Vec<u8> {
    let page = format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F 5 0 R >> {resources} >> >>"
    );
    let content = stream("", content);
    let mut all: Vec<&[u8]> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        page.as_bytes(),
        &content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ];
    all.extend_from_slice(objects);
    build_pdf(&all)
}

/// One scanned page: an image XObject's dictionary entries (without
/// `/Type /XObject /Subtype /Image`, `/Width`, `/Height` and `/Length`) and
/// its stream data, shown over the whole page.
pub struct ScannedPage<'a> {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Dictionary entries: `/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`.
    pub dict: &'a str,
    /// The image stream's bytes, as filtered.
    pub data: &'a [u8],
}

/// A PDF of scanned pages (as `img2pdf` makes): each page is one image at
/// `dpi`, and no text.
pub fn scanned(pages: &[ScannedPage<'_>], dpi: f32) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 pages, then per page: page, content, image.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
    let mut bodies: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
    ];
    for (i, p) in pages.iter().enumerate() {
        let (w, h) = (p.width as f32 * 72.0 / dpi, p.height as f32 * 72.0 / dpi);
        let first = 3 + 3 * i;
        bodies.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2} {h:.2}] /Contents {} 0 R \
                 /Resources << /XObject << /Im0 {} 0 R >> >> >>",
                first + 1,
                first + 2
            )
            .into_bytes(),
        );
        bodies.push(stream(
            "",
            format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Im0 Do Q").as_bytes(),
        ));
        bodies.push(stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} {}",
                p.width, p.height, p.dict
            ),
            p.data,
        ));
    }
    let refs: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
    build_pdf(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xref_points_at_each_object() {
        let pdf = build_pdf(&[b"<< /Type /Catalog >>".as_slice(), b"42"]);
        let find = |needle: &[u8]| pdf.windows(needle.len()).position(|w| w == needle);
        let xref = find(b"xref\n").unwrap();
        let table = std::str::from_utf8(&pdf[xref..]).unwrap();
        let offsets: Vec<usize> = table
            .lines()
            .skip(3)
            .take(2)
            .map(|l| l[..10].parse().unwrap())
            .collect();
        assert!(pdf[offsets[0]..].starts_with(b"1 0 obj"));
        assert!(pdf[offsets[1]..].starts_with(b"2 0 obj"));
        assert!(table.ends_with(&format!("startxref\n{xref}\n%%EOF\n")));
    }
}
