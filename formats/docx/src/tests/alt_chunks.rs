//! Content imported by `w:altChunk`, and packages behind a prefix.

use gongkai_ir::{Block, Limits, ReadError, Reader, Sniff};

use super::{docx, first_table, paras, read_with, zip_of, NS};
use crate::{DocxReader, Scanner};

const AF_CHUNK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk";

/// A package whose body is `body`, with the parts `extra` and a relationship
/// for each `(id, target, mode)`.
fn package(body: &str, rels: &[(&str, &str, &str)], extra: &[(&str, &[u8])]) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    );
    let rels: String = rels
        .iter()
        .map(|(id, target, mode)| {
            format!(r#"<Relationship Id="{id}" Type="{AF_CHUNK}" Target="{target}" {mode}/>"#)
        })
        .collect();
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
    );
    let types = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/><Default Extension="mht" ContentType="message/rfc822"/><Override PartName="/word/note.bin" ContentType="text/html"/></Types>"#;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("word/document.xml", xml.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
    ];
    entries.extend_from_slice(extra);
    zip_of(&entries)
}

fn para(t: &str) -> String {
    format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>")
}

#[test]
fn an_embedded_word_document_is_read_in_place() {
    let inner = docx(&format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        para("嵌入段落"),
        para("嵌入表格")
    ));
    let body = format!(
        r#"{}<w:altChunk r:id="rId5"><w:altChunkPr><w:matchSrc/></w:altChunkPr></w:altChunk>{}<w:altChunk r:id="rId6"/>"#,
        para("前"),
        para("后")
    );
    let data = package(
        &body,
        &[("rId5", "chunks/table.docx", ""), ("rId6", "note.bin", "")],
        &[
            ("word/chunks/table.docx", &inner),
            ("word/note.bin", b"<p>x</p>"),
        ],
    );
    for scanner in [Scanner::On, Scanner::Off] {
        let doc = DocxReader
            .read_with(&data, &Default::default(), scanner)
            .unwrap();
        assert_eq!(paras(&doc), ["前", "嵌入段落", "后"]);
        assert!(matches!(doc.blocks[2], Block::Table(_)));
        assert_eq!(first_table(&doc).rows[0].cells[0].text, "嵌入表格");
        // Numbered as Word numbers the merged body.
        assert_eq!(doc.blocks[3].origin().to_string(), "paragraph 3");
        let codes: Vec<(&str, &str)> = doc
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.raw.as_deref().unwrap_or_default()))
            .collect();
        assert_eq!(
            codes,
            [
                ("docx.alt_chunk", "word/chunks/table.docx"),
                ("docx.alt_chunk", "word/note.bin")
            ]
        );
        let html = &doc.diagnostics[1].message;
        assert!(
            html.contains("HTML content embedded as word/note.bin"),
            "{html}"
        );
        assert_eq!(doc.diagnostics[0].at.as_deref(), Some("paragraph 2"));
        assert_eq!(doc.diagnostics[1].at.as_deref(), Some("paragraph 4"));
    }
}

#[test]
fn other_chunks_are_named_never_lost() {
    let body = r#"<w:altChunk r:id="rId1"/><w:altChunk r:id="rId2"/><w:altChunk r:id="rId3"/><w:altChunk r:id="rId9"/><w:tbl><w:tr><w:tc><w:altChunk r:id="rId1"/><w:p/></w:tc></w:tr></w:tbl>"#;
    let data = package(
        body,
        &[
            ("rId1", "afchunk.mht", ""),
            (
                "rId2",
                "http://example.com/x.htm",
                r#"TargetMode="External""#,
            ),
            ("rId3", "gone.rtf", ""),
        ],
        &[("word/afchunk.mht", b"MIME-Version: 1.0")],
    );
    let doc = read_with(&data, Limits::default()).unwrap();
    let messages: Vec<&str> = doc.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages[0].contains("MHT (web archive) content embedded as word/afchunk.mht"));
    assert!(messages[1].ends_with("it points outside the file"));
    assert!(messages[2].ends_with("the part it names is not in the package"));
    assert!(messages[3].ends_with("the main document has no relationship with that id"));
    assert_eq!(
        doc.diagnostics[4].at.as_deref(),
        Some("table 1 row 1 cell 1")
    );
}

#[test]
fn an_embedded_document_in_a_cell_becomes_the_cell_content() {
    let inner = docx(&format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
        para("说明"),
        para("内")
    ));
    let body = r#"<w:tbl><w:tr><w:tc><w:altChunk r:id="rId1"/><w:p/></w:tc></w:tr></w:tbl>"#;
    let data = package(body, &[("rId1", "a.docx", "")], &[("word/a.docx", &inner)]);
    let doc = read_with(&data, Limits::default()).unwrap();
    let cell = &first_table(&doc).rows[0].cells[0];
    assert_eq!(cell.text, "说明");
    assert_eq!(cell.tables.len(), 1);
}

#[test]
fn embedded_documents_count_towards_the_limits_and_go_one_level_deep() {
    let deepest = docx(&para("最内"));
    let inner = package(
        &format!(r#"{}<w:altChunk r:id="rId1"/>"#, para("内")),
        &[("rId1", "c.docx", "")],
        &[("word/c.docx", &deepest)],
    );
    let data = package(
        r#"<w:altChunk r:id="rId1"/>"#,
        &[("rId1", "b.docx", "")],
        &[("word/b.docx", &inner)],
    );
    let doc = read_with(&data, Limits::default()).unwrap();
    assert_eq!(paras(&doc), ["内"]);
    assert!(doc.diagnostics[0]
        .message
        .ends_with("content embedded in embedded content is not followed"));
    // A bomb inside the embedded package is stopped like any other.
    let bomb = zip_of(&[("word/document.xml", &vec![b' '; 3 << 20])]);
    let data = package(
        r#"<w:altChunk r:id="rId1"/>"#,
        &[("rId1", "b.docx", "")],
        &[("word/b.docx", &bomb)],
    );
    let err = read_with(&data, Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::Limit { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("in the document embedded as word/b.docx"),
        "{err}"
    );
    // A damaged embedded document is named; the rest is read.
    let data = package(
        &format!(r#"<w:altChunk r:id="rId1"/>{}"#, para("后")),
        &[("rId1", "b.docx", "")],
        &[("word/b.docx", b"PK\x03\x04 cut short")],
    );
    let doc = read_with(&data, Limits::default()).unwrap();
    assert_eq!(paras(&doc), ["后"]);
    assert!(
        doc.diagnostics[0].message.contains("is damaged"),
        "{:?}",
        doc.diagnostics
    );
}

#[test]
fn a_package_behind_a_prefix_is_a_docx_refused_with_the_repair() {
    let data = docx(&para("正文"));
    let prefixed = [b"<html>stray output</html>\r\n".as_slice(), &data].concat();
    assert_eq!(DocxReader.sniff(&prefixed), Sniff::Maybe);
    let err = DocxReader.read(&prefixed, &Default::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a valid docx file: the zip package starts after 27 bytes of something else \
         (junk prepended by a download, or a stub); remove them to read it: \
         tail -c +28 FILE > fixed.docx"
    );
    // A spreadsheet behind a prefix is not claimed.
    let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_eq!(
        DocxReader.sniff(&[b"junk".as_slice(), &xlsx].concat()),
        Sniff::No
    );
}
