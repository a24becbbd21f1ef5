//! Unit tests: small document.xml strings zipped in memory.

use gongkai_ir::{Block, Document, Limits, Origin, ReadError, ReadOptions, Reader, Sniff, Table};

use crate::DocxReader;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// A zip holding the given entries, deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    gongkai_ooxml::testing::zip_of(entries).unwrap()
}

/// A package whose document.xml body is `body`.
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

fn read_with(data: &[u8], limits: Limits) -> Result<Document, ReadError> {
    DocxReader.read(
        data,
        &ReadOptions {
            limits,
            ..ReadOptions::default()
        },
    )
}

fn read(body: &str) -> Document {
    read_with(&docx(body), Limits::default()).unwrap()
}

/// The paragraphs' texts.
fn paras(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect()
}

/// The text of a one-paragraph body.
fn text(body: &str) -> String {
    paras(&read(body)).join("|")
}

fn first_table(doc: &Document) -> &Table {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap()
}

#[test]
fn tabs_breaks_and_hyphens() {
    assert_eq!(
        text("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r></w:p>"),
        "a\tb\nc\nd-ef"
    );
}

#[test]
fn full_width_spaces_are_kept() {
    assert_eq!(
        text("<w:p><w:r><w:t xml:space=\"preserve\">　　2023年，我局</w:t></w:r></w:p>"),
        "　　2023年，我局"
    );
}

#[test]
fn entities_and_char_refs() {
    assert_eq!(
        text("<w:p><w:r><w:t>a&amp;b&lt;c&#x4E2D;&#25991;</w:t></w:r></w:p>"),
        "a&b<c中文"
    );
}

#[test]
fn symbols_map_or_warn() {
    let doc = read(
        r#"<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:sym w:font="Wingdings" w:char="F0A8"/><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Webdings" w:char="F021"/></w:r></w:p>"#,
    );
    assert_eq!(paras(&doc), ["☑□•"]);
    let d = &doc.diagnostics[0];
    assert_eq!(d.code, "text.symbol");
    assert!(d.message.contains("Webdings") && d.message.contains("F021"));
    assert_eq!(d.at.as_deref(), Some("paragraph 1"));
}

#[test]
fn field_results_not_codes() {
    let body = r#"<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>/5</w:t></w:r></w:fldSimple></w:p>"#;
    assert_eq!(text(body), "第3页/5");
}

#[test]
fn nested_fields_show_only_results() {
    // An IF field whose code holds a nested field: only the outer result shows.
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>IF </w:instrText><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/><w:instrText> = 1 "x"</w:instrText><w:fldChar w:fldCharType="separate"/><w:t>x</w:t><w:fldChar w:fldCharType="end"/><w:t>!</w:t></w:r></w:p>"#;
    assert_eq!(text(body), "x!");
}

#[test]
fn broken_field_does_not_hide_later_paragraphs() {
    let body = r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText></w:r></w:p><w:p><w:r><w:t>later</w:t></w:r></w:p>"#;
    assert_eq!(text(body), "later");
}

#[test]
fn hyperlinks_smarttags_customxml_sdt_ins_kept() {
    let body = r#"<w:p><w:hyperlink r:id="rId1"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag w:element="date"><w:r><w:t>2024年</w:t></w:r></w:smartTag><w:customXml w:element="x"><w:r><w:t>自定义</w:t></w:r></w:customXml><w:sdt><w:sdtPr><w:alias w:val="a"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt><w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>"#;
    assert_eq!(text(body), "链接2024年自定义控件插入");
}

#[test]
fn hidden_runs_are_not_printed() {
    let body = r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>也可见</w:t></w:r></w:p>"#;
    assert_eq!(text(body), "可见也可见");
}

#[test]
fn text_boxes_follow_their_anchor_once() {
    let body = r#"<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>框一</w:t></w:r></w:p><w:p><w:r><w:t>框二</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框一</w:t></w:r></w:p><w:p><w:r><w:t>框二</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p><w:p><w:r><w:t>下一段</w:t></w:r></w:p>"#;
    let doc = read(body);
    assert_eq!(paras(&doc), ["前后", "框一", "框二", "下一段"]);
    let origins: Vec<&Origin> = doc.blocks.iter().map(Block::origin).collect();
    assert_eq!(
        origins,
        [
            &Origin::Paragraph(1),
            &Origin::Paragraph(1),
            &Origin::Paragraph(1),
            &Origin::Paragraph(2)
        ]
    );
}

#[test]
fn vml_text_box_alone() {
    let body = r#"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>VML</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#;
    assert_eq!(text(body), "VML");
}

#[test]
fn any_prefix_is_resolved_by_namespace() {
    let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p><w:p xmlns:w="urn:not-word"><w:r><w:t>别的</w:t></w:r></w:p></x:body></x:document>"#;
    let doc = read_with(
        &zip_of(&[("word/document.xml", xml.as_bytes())]),
        Limits::default(),
    )
    .unwrap();
    assert_eq!(paras(&doc), ["前缀"]);
}

#[test]
fn spans_grid_before_and_missing_cells() {
    let tc = |attrs: &str, t: &str| {
        format!("<w:tc><w:tcPr>{attrs}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
    };
    let body = format!(
        "<w:tbl><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        tc(r#"<w:vMerge w:val="restart"/>"#, "A"),
        tc(r#"<w:gridSpan w:val="2"/>"#, "B"),
        tc("", "C"),
        tc("", "D"),
        tc("", "E"),
        tc(r#"<w:gridSpan w:val="2.0"/>"#, "F"),
        tc(r#"<w:vMerge/>"#, ""),
    );
    let doc = read(&body);
    let t = first_table(&doc);
    let cells = |r: usize| -> Vec<(usize, usize, usize, &str)> {
        t.rows[r]
            .cells
            .iter()
            .map(|c| (c.col, c.row_span, c.col_span, c.text.as_str()))
            .collect()
    };
    assert_eq!(cells(0), [(0, 1, 1, "A"), (1, 1, 2, "B"), (3, 1, 1, "C")]);
    // gridBefore leaves column 0 empty; the row then has a missing cell at the end.
    assert_eq!(cells(1), [(1, 1, 1, "D"), (2, 1, 1, "E")]);
    // The continuation in row 3 is not under A (A's merge ended at row 2).
    assert_eq!(cells(2), [(0, 1, 2, "F"), (2, 1, 1, "")]);
    assert_eq!(
        t.rows[1].cells[0].at,
        Origin::TableCell {
            table: 1,
            row: 2,
            cell: 1
        }
    );
    let grid = t.grid();
    assert!(grid.rows[1][0].is_none());
    assert!(grid.rows[1][3].is_none());
}

#[test]
fn vertical_merge_spans_rows_and_drops_continuations() {
    let row = |a: &str, b: &str| {
        format!("<w:tr><w:tc><w:tcPr>{a}</w:tcPr><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>")
    };
    let body = format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row(r#"<w:vMerge w:val="restart"/>"#, "合并"),
        row(r#"<w:vMerge w:val="continue"/>"#, ""),
        row("<w:vMerge/>", ""),
        row("", "单独"),
    );
    let doc = read(&body);
    let t = first_table(&doc);
    assert_eq!(t.rows[0].cells[0].row_span, 3);
    assert_eq!(t.rows[1].cells.len(), 1);
    assert_eq!(t.rows[1].cells[0].col, 1);
    assert_eq!(t.rows[3].cells[0].text, "单独");
}

#[test]
fn cell_paragraphs_join_and_nested_tables_are_kept() {
    let body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>二</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>";
    let doc = read(body);
    let cell = &first_table(&doc).rows[0].cells[0];
    assert_eq!(cell.text, "一\n二");
    assert_eq!(cell.tables.len(), 1);
    assert_eq!(cell.full_text(), "一\n二\n内");
    // The nested table's cells point at the outer cell.
    assert_eq!(
        cell.tables[0].rows[0].cells[0].at,
        Origin::TableCell {
            table: 1,
            row: 1,
            cell: 1
        }
    );
    assert_eq!(doc.blocks[1].origin(), &Origin::Paragraph(1));
}

#[test]
fn body_paragraph_numbers_count_empty_paragraphs() {
    let doc = read("<w:p/><w:p><w:r><w:t>二</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>三</w:t></w:r></w:p>");
    let origins: Vec<&Origin> = doc.blocks.iter().map(Block::origin).collect();
    assert_eq!(origins[0], &Origin::Paragraph(2));
    assert_eq!(origins[2], &Origin::Paragraph(3));
}

#[test]
fn billion_laughs_does_not_expand() {
    let xml = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let doc = read_with(
        &zip_of(&[("word/document.xml", xml.as_bytes())]),
        Limits::default(),
    )
    .unwrap();
    assert_eq!(paras(&doc), ["&lol3;"]);
    assert_eq!(doc.diagnostics[0].code, "xml.entity");
}

#[test]
fn deep_nesting_hits_the_limit() {
    let body = format!(
        "{}{}",
        "<w:customXml>".repeat(300),
        "</w:customXml>".repeat(300)
    );
    match read_with(&docx(&body), Limits::default()) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::XmlDepth),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn too_many_cells_hits_the_limit() {
    let body = format!(
        "<w:tbl><w:tr>{}</w:tr></w:tbl>",
        "<w:tc><w:p/></w:tc>".repeat(20)
    );
    let limits = Limits {
        max_cells: 10,
        ..Limits::default()
    };
    match read_with(&docx(&body), limits) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::Cells),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn too_much_text_hits_the_limit() {
    let limits = Limits {
        max_text_chars: 5,
        ..Limits::default()
    };
    match read_with(
        &docx("<w:p><w:r><w:t>一二三四五六</w:t></w:r></w:p>"),
        limits,
    ) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::TextChars),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn entry_size_and_ratio_limits() {
    let big = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "0".repeat(3 << 20));
    let data = docx(&big);
    let small_entry = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    match read_with(&data, small_entry) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::EntryBytes),
        other => panic!("unexpected {other:?}"),
    }
    // 3 MB of zeros deflate far beyond 200:1.
    match read_with(&data, Limits::default()) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::ZipRatio),
        other => panic!("unexpected {other:?}"),
    }
    let small_total = Limits {
        max_total_bytes: 1 << 20,
        max_zip_ratio: 100_000,
        ..Limits::default()
    };
    match read_with(&data, small_total) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::TotalBytes),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn lying_size_header_is_caught_while_inflating() {
    // Patch the declared uncompressed size in both headers down to 100 bytes:
    // the reader must stop at the real limit, not trust the header.
    let body = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "x".repeat(2 << 20));
    let mut data = docx(&body);
    let patch = |data: &mut Vec<u8>, sig: &[u8], offset: usize| {
        let pos = data.windows(4).position(|w| w == sig).unwrap();
        data[pos + offset..pos + offset + 4].copy_from_slice(&100u32.to_le_bytes());
    };
    patch(&mut data, b"PK\x03\x04", 22);
    patch(&mut data, b"PK\x01\x02", 24);
    let limits = Limits {
        max_entry_bytes: 1 << 20,
        max_zip_ratio: 100_000,
        ..Limits::default()
    };
    match read_with(&data, limits) {
        Err(ReadError::Limit { limit, .. }) => assert_eq!(limit, gongkai_ir::Limit::EntryBytes),
        Err(ReadError::Malformed { .. }) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn garbage_and_truncated_zips_are_malformed() {
    let data = docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    for bad in [&data[..data.len() / 2], b"PK\x03\x04garbage".as_slice()] {
        assert_eq!(DocxReader.sniff(bad), Sniff::Maybe);
        match read_with(bad, Limits::default()) {
            Err(ReadError::Malformed { format, .. }) => assert_eq!(format, "docx"),
            other => panic!("unexpected {other:?}"),
        }
    }
    let xml_broken = zip_of(&[(
        "word/document.xml",
        b"<w:document><w:body><w:p></w:r>".as_slice(),
    )]);
    assert!(matches!(
        read_with(&xml_broken, Limits::default()),
        Err(ReadError::Malformed { .. })
    ));
}

#[test]
fn sniff_by_content_and_find_main_part_elsewhere() {
    let doc = docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    assert_eq!(DocxReader.sniff(&doc), Sniff::Yes);
    // A Word package whose main part is not word/document.xml.
    let xml = format!(
        r#"<w:document {NS}><w:body><w:p><w:r><w:t>别处</w:t></w:r></w:p></w:body></w:document>"#
    );
    let ct = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/main/doc.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let moved = zip_of(&[
        ("[Content_Types].xml", ct.as_bytes()),
        ("main/doc.xml", xml.as_bytes()),
    ]);
    assert_eq!(DocxReader.sniff(&moved), Sniff::Yes);
    assert_eq!(
        paras(&read_with(&moved, Limits::default()).unwrap()),
        ["别处"]
    );
    // Found through _rels/.rels alone.
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/main/doc.xml"/></Relationships>"#;
    let by_rels = zip_of(&[
        ("_rels/.rels", rels.as_bytes()),
        ("main/doc.xml", xml.as_bytes()),
    ]);
    assert_eq!(
        paras(&read_with(&by_rels, Limits::default()).unwrap()),
        ["别处"]
    );
    // A workbook is not ours.
    let xl_ct = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
    let xl_rels = rels.replace("/main/doc.xml", "xl/workbook.xml");
    let xlsx = zip_of(&[
        ("[Content_Types].xml", xl_ct.as_bytes()),
        ("_rels/.rels", xl_rels.as_bytes()),
        ("xl/workbook.xml", b"<workbook/>".as_slice()),
    ]);
    assert_eq!(DocxReader.sniff(&xlsx), Sniff::No);
    assert_eq!(DocxReader.sniff(b"plain text"), Sniff::No);
}

#[test]
fn legacy_doc_is_refused() {
    let data = gongkai_ooxml::testing::compound_file(&["WordDocument"]);
    assert_eq!(DocxReader.sniff(&data), Sniff::Yes);
    let err = read_with(&data, Limits::default()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("legacy Word/WPS") && msg.contains("soffice --headless --convert-to docx"),
        "{msg}"
    );
}

#[test]
fn headers_are_not_read() {
    let xml = format!(
        r#"<w:document {NS}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#
    );
    let hdr = format!(r#"<w:hdr {NS}><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>"#);
    let data = zip_of(&[
        ("word/document.xml", xml.as_bytes()),
        ("word/header1.xml", hdr.as_bytes()),
    ]);
    assert_eq!(
        paras(&read_with(&data, Limits::default()).unwrap()),
        ["正文"]
    );
}

#[test]
fn utf16_document_is_decoded() {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-16"?><w:document {NS}><w:body><w:p><w:r><w:t>十六位</w:t></w:r></w:p></w:body></w:document>"#
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let data = zip_of(&[("word/document.xml", &bytes)]);
    assert_eq!(
        paras(&read_with(&data, Limits::default()).unwrap()),
        ["十六位"]
    );
}

#[test]
fn revised_cell_properties_are_not_applied() {
    // w:tcPrChange holds the properties before a tracked change: not in force.
    let body = r#"<w:tbl><w:tr><w:tc><w:tcPr><w:tcPrChange w:id="1"><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let doc = read(body);
    let cols: Vec<(usize, usize)> = first_table(&doc).rows[0]
        .cells
        .iter()
        .map(|c| (c.col, c.col_span))
        .collect();
    assert_eq!(cols, [(0, 1), (1, 1)]);
}

/// A table whose property blocks are read three ways: skipped ahead of the
/// reader (compact XML), skipped after it read their start tag (spaces
/// before them), and by quick-xml (a comment inside them).
#[test]
fn property_blocks_read_alike_however_they_are_reached() {
    let body = |sep: &str, extra: &str| {
        let tc = |pr: &str, t: &str| {
            format!(
                "<w:tc>{sep}<w:tcPr>{extra}{pr}</w:tcPr><w:p>{sep}<w:pPr>{extra}<w:jc w:val=\"x\"/></w:pPr><w:r>{sep}<w:rPr>{extra}{}</w:rPr><w:t>{t}</w:t></w:r></w:p></w:tc>",
                if t == "hidden" { "<w:vanish/>" } else { "<w:b/>" }
            )
        };
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{sep}<w:trPr>{extra}<w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/><w:tcW w:w="1"/>"#, "A"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "hidden"),
            tc(r#"<w:vMerge/><w:tcW w:w="1"/>"#, ""),
            tc(r#"<w:gridSpan w:val="2"/>"#, "B"),
            tc(r#"<w:tcW w:w="1"/>"#, "C"),
        )
    };
    let compact = read(&body("", ""));
    let t = first_table(&compact);
    let cells: Vec<Vec<(usize, usize, usize, &str)>> = t
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| (c.col, c.row_span, c.col_span, c.text.as_str()))
                .collect()
        })
        .collect();
    assert_eq!(
        cells,
        [
            vec![(0, 2, 1, "A"), (1, 1, 2, "")],
            vec![(1, 1, 2, "B")],
            vec![(1, 1, 1, "C")]
        ]
    );
    assert_eq!(read(&body(" ", "")), compact);
    assert_eq!(read(&body("", "<!-- c -->")), compact);
}

/// Property blocks met again are recognised by their bytes: a block that
/// differs only near its end is not taken for one seen before.
#[test]
fn repeated_property_blocks_are_told_apart() {
    let tc = |pr: &str| {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"100\" w:type=\"dxa\"/><w:tcBorders><w:top w:val=\"single\"/></w:tcBorders>{pr}</w:tcPr><w:p/></w:tc>")
    };
    let span = |n: u32| tc(&format!("<w:gridSpan w:val=\"{n}\"/>"));
    let row = |cells: &[String]| format!("<w:tr>{}</w:tr>", cells.concat());
    let body = format!(
        "<w:tbl>{}{}{}</w:tbl>",
        row(&[span(2), span(3), tc("")]),
        row(&[span(3), span(2), tc(""), tc("")]),
        row(&[tc(""), span(2), span(2)]),
    );
    let doc = read(&body);
    let spans: Vec<Vec<usize>> = first_table(&doc)
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.col_span).collect())
        .collect();
    assert_eq!(spans, [vec![2, 3, 1], vec![3, 2, 1, 1], vec![1, 2, 2]]);
}

/// A byte order mark left at the start of the text (a part saved with two)
/// does not shift the property blocks read.
#[test]
fn leading_byte_order_mark_does_not_shift_properties() {
    let body = "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r><w:r> <w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:r><w:t>显</w:t></w:r></w:p>";
    let xml = format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#);
    let with_bom = format!("\u{feff}{xml}");
    let options = ReadOptions::default();
    let plain = crate::read_document_xml(&xml, &options).unwrap();
    assert_eq!(paras(&plain), ["显"]);
    assert_eq!(
        crate::read_document_xml(&with_bom, &options).unwrap(),
        plain
    );
}

mod alt_chunks;
mod revisions;
