//! What a page draws besides upright text: turned pages (`/Rotate`, own or
//! inherited, and content turned with `cm`), filled form fields (widget
//! appearance streams) and Form XObjects drawn over and over.

use std::time::{Duration, Instant};

use gongkai_format_pdf::PdfReader;
use gongkai_ir::{dump, Block, Document, Limit, ReadError, ReadOptions, Reader};

use gongkai_testkit::pdf::{build_pdf, one_page, stream};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(data: &[u8]) -> Result<Document, ReadError> {
    PdfReader.read(data, &ReadOptions::default())
}

fn read_file(rel: &str) -> Document {
    read(&std::fs::read(root().join(rel)).unwrap()).unwrap()
}

/// What the reader saw, without the file name.
fn seen(doc: &Document) -> String {
    dump(doc).lines().skip(1).collect::<Vec<_>>().join("\n")
}

#[test]
fn turned_pages_of_a_real_report_read_as_the_upright_one() {
    // full-2021.pdf with page 1 turned by its content (`cm`, no /Rotate),
    // page 2 a landscape-style page (/Rotate 270 over turned content) and
    // page 3 turned by /Rotate 180 alone (made by `cargo xtask fixtures pdf`
    // with qpdf).
    let upright = read_file("fixtures/pdf/full-2021.pdf");
    let turned = read_file("fixtures/pdf/full-2021-rotated.pdf");
    assert_eq!(seen(&turned), seen(&upright));
}

/// A landscape page's drawing (842 × 595, y up): a title and a ruled
/// two-by-two table.
const LANDSCAPE: &str = "BT /F 14 Tf 72 540 Td (Annual report 2023) Tj ET \
     0.5 w 72 400 m 472 400 l S 72 440 m 472 440 l S 72 480 m 472 480 l S \
     72 400 m 72 480 l S 272 400 m 272 480 l S 472 400 m 472 480 l S \
     BT /F 10 Tf 80 455 Td (Requests received) Tj 200 0 Td (95) Tj ET \
     BT /F 10 Tf 80 415 Td (Requests answered) Tj 200 0 Td (93) Tj ET";

/// A one-page PDF with `pages` extra entries on the page-tree root and
/// `page` on the page.
fn page_in_tree(content: &str, pages: &str, page: &str) -> Vec<u8> {
    let pages = format!("<< /Type /Pages /Kids [3 0 R] /Count 1 {pages} >>");
    let page = format!(
        "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F 5 0 R >> >> {page} >>"
    );
    build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages.as_bytes(),
        page.as_bytes(),
        &stream("", content.as_bytes()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])
}

#[test]
fn a_page_reads_the_same_however_it_is_turned() {
    let landscape = "/MediaBox [0 0 842 595]";
    let portrait = "/MediaBox [0 0 595 842]";
    let upright = read(&page_in_tree(LANDSCAPE, "", landscape)).unwrap();
    let tables = upright
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)));
    assert_eq!(tables.count(), 1, "{}", dump(&upright));
    // The landscape drawing put on a portrait page, turned a quarter
    // counter-clockwise, so that a viewer turning it clockwise shows it
    // upright.
    let quarter = format!("q 0 1 -1 0 595 0 cm {LANDSCAPE} Q");
    let half = format!("q -1 0 0 -1 842 595 cm {LANDSCAPE} Q");
    let cases = [
        // A real landscape page: /Rotate 90 inherited from the page tree.
        (
            "inherited /Rotate 90",
            page_in_tree(&quarter, "/Rotate 90", portrait),
        ),
        // The same drawing with no /Rotate: the content alone is turned.
        ("turned by cm", page_in_tree(&quarter, "", portrait)),
        // Turned after the fact (qpdf --rotate): upright content.
        (
            "/Rotate 270 alone",
            page_in_tree(LANDSCAPE, "/Rotate 270", landscape),
        ),
        (
            "/Rotate 90 alone",
            page_in_tree(LANDSCAPE, "/Rotate -270", landscape),
        ),
        ("upside down", page_in_tree(&half, "/Rotate 180", landscape)),
    ];
    for (what, pdf) in cases {
        let doc = read(&pdf).unwrap();
        assert_eq!(seen(&doc), seen(&upright), "{what}");
    }
}

#[test]
fn filled_form_fields_are_text() {
    // Made by tests/support/acroform_filled.py with reportlab: the values
    // are text widgets' appearance streams; a hidden field is left out.
    let doc = read_file("fixtures/pdf/acroform-filled.pdf");
    let text = doc.plain_text();
    assert!(text.contains("本年新收政府信息公开申请数量 95"), "{text}");
    assert!(text.contains("上年结转政府信息公开申请数量 3"), "{text}");
    assert!(!text.contains("999"), "{text}");
}

#[test]
fn a_widget_draws_its_appearance_where_it_lies() {
    // The appearance (100 × 20) is fitted to a Rect half its size, on the
    // line of the label; its font comes from the form's /DR. A button's
    // appearance states (a dictionary, not a stream) are not text.
    let appearance = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 100 20]",
        b"/Tx BMC BT /Helv 12 Tf 2 6 Td (12345) Tj ET EMC",
    );
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R 7 0 R] /DR << /Font << /Helv 5 0 R >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
          /Resources << /Font << /F 5 0 R >> >> /Annots [6 0 R 7 0 R] >>",
        &stream("", b"BT /F 12 Tf 72 760 Td (Requests received:) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (n) /Rect [200 757 250 767] /AP << /N 8 0 R >> >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Btn /T (b) /Rect [300 757 310 767] /AS /On \
          /AP << /N << /On 8 0 R /Off 8 0 R >> >> >>",
        &appearance,
    ]);
    let text = read(&pdf).unwrap().plain_text();
    assert_eq!(text.trim(), "Requests received: 12345");
}

/// Forms nested `levels` deep, each drawing the next `fan` times side by
/// side; the last shows one word.
fn form_laughs(levels: usize, fan: usize) -> Vec<u8> {
    let mut forms: Vec<Vec<u8>> = Vec::new();
    for level in 0..levels {
        let (resources, body) = if level + 1 < levels {
            let next = 6 + level + 1;
            (
                format!("/Resources << /XObject << /X {next} 0 R >> >>"),
                (0..fan)
                    .map(|k| format!("q 1 0 0 1 {} 0 cm /X Do Q ", 10 * k))
                    .collect(),
            )
        } else {
            (
                "/Resources << /Font << /F 5 0 R >> >>".to_string(),
                "BT /F 1 Tf (ha) Tj ET".to_string(),
            )
        };
        forms.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 10 10] {resources}"),
            body.as_bytes(),
        ));
    }
    let forms: Vec<&[u8]> = forms.iter().map(Vec::as_slice).collect();
    one_page(
        b"BT /F 12 Tf 72 720 Td (laughs) Tj ET /X Do",
        "/XObject << /X 6 0 R >>",
        &forms,
    )
}

#[test]
fn forms_drawn_again_and_again_are_bounded() {
    // 100 × 100 × … six deep: 10¹² operators. The old reader ran through
    // 20 million of them (37 s) and kept going on the next page.
    let pdf = form_laughs(6, 100);
    let start = Instant::now();
    let mut options = ReadOptions::default();
    options.limits.max_pdf_ops = 200_000;
    match PdfReader.read(&pdf, &options) {
        Err(ReadError::Limit { limit, what, .. }) => {
            assert_eq!(limit, Limit::PdfOps);
            assert!(what.to_string().contains("page 1"), "{what}");
        }
        other => panic!("expected the operator limit, got {:?}", other.map(|_| ())),
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // Drawn a few times, every drawing is there (a form is decoded once).
    let doc = read(&form_laughs(2, 3)).unwrap();
    assert_eq!(doc.plain_text().matches("ha").count(), 3, "{}", dump(&doc));
}
