//! Fixtures for issue #14 in the DOCX reader, the normalizer and the zip
//! guard, made by editing `fixtures/docx/full-2021.docx` (run after
//! `fixtures docx`). In `fixtures/docx/`, each with its expected report
//! (`full-2021.expected.json` and the edits): `notes-in-cells`,
//! `table-three-breaks` (spacer, tracked-deleted row, revised cell, header
//! repeated at a page break), `layout-table`, `alt-chunk` (section 四 as an
//! embedded Word document, a note as HTML). In `fixtures/bad/`:
//! `zip-prefixed.{docx,xlsx}` (a script's stray output first),
//! `zip-sfx-stub.docx` (a stub the offsets count, as `zip -A` leaves
//! them) and `docx-alt-chunk-bomb.docx` (a zip bomb embedded).

use std::io::{Read, Write};
use std::ops::Range;
use std::path::Path;

use anyhow::{bail, Context, Result};
use quick_xml::events::Event;
use serde_json::{json, Value};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// What a PHP download script prints before the file when it fails.
const STRAY_OUTPUT: &str = "<br />\n<b>Warning</b>:  Cannot modify header information - headers \
                            already sent in <b>/var/www/html/download.php</b> on line <b>12</b><br />\n";

const AF_CHUNK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk";

/// Where the body's blocks, a table's rows and a row's cells are in a
/// document.xml, as byte ranges.
struct Body {
    /// Top-level paragraphs.
    paras: Vec<Range<usize>>,
    /// Top-level tables, each with its rows.
    tables: Vec<(Range<usize>, Vec<RowAt>)>,
}

/// A row and its cells.
struct RowAt {
    range: Range<usize>,
    cells: Vec<Range<usize>>,
}

impl Body {
    fn map(xml: &str) -> Result<Body> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut body = Body {
            paras: Vec::new(),
            tables: Vec::new(),
        };
        let (mut tbl_depth, mut p_depth) = (0usize, 0usize);
        let mut starts: Vec<usize> = Vec::new();
        let mut cells: Vec<Range<usize>> = Vec::new();
        loop {
            let before = reader.buffer_position() as usize;
            let event = reader.read_event()?;
            let after = reader.buffer_position() as usize;
            match &event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "tbl" => {
                        tbl_depth += 1;
                        if tbl_depth == 1 {
                            body.tables.push((before..before, Vec::new()));
                        }
                    }
                    "tr" | "tc" if tbl_depth == 1 => starts.push(before),
                    "p" if tbl_depth == 0 => {
                        p_depth += 1;
                        starts.push(before);
                    }
                    _ => {}
                },
                Event::Empty(e) if tbl_depth == 0 && e.local_name().as_ref() == "p" => {
                    body.paras.push(before..after);
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "tbl" => {
                        if tbl_depth == 1 {
                            if let Some((range, _)) = body.tables.last_mut() {
                                range.end = after;
                            }
                        }
                        tbl_depth -= 1;
                    }
                    "tr" if tbl_depth == 1 => {
                        let start = starts.pop().context("unbalanced w:tr")?;
                        let (_, rows) = body.tables.last_mut().context("w:tr outside w:tbl")?;
                        rows.push(RowAt {
                            range: start..after,
                            cells: std::mem::take(&mut cells),
                        });
                    }
                    "tc" if tbl_depth == 1 => {
                        cells.push(starts.pop().context("unbalanced w:tc")?..after);
                    }
                    "p" if tbl_depth == 0 && p_depth > 0 => {
                        p_depth -= 1;
                        body.paras
                            .push(starts.pop().context("unbalanced w:p")?..after);
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(body)
    }

    fn table(&self, t: usize) -> Result<&(Range<usize>, Vec<RowAt>)> {
        self.tables.get(t).with_context(|| format!("no table {t}"))
    }

    fn row(&self, t: usize, r: usize) -> Result<&RowAt> {
        self.table(t)?
            .1
            .get(r)
            .with_context(|| format!("no row {r} in table {t}"))
    }

    fn cell(&self, t: usize, r: usize, c: usize) -> Result<Range<usize>> {
        let row = self.row(t, r)?;
        row.cells
            .get(c)
            .cloned()
            .with_context(|| format!("no cell {t}/{r}/{c}"))
    }

    /// The top-level paragraph holding `text`.
    fn para_with(&self, xml: &str, text: &str) -> Result<Range<usize>> {
        self.paras
            .iter()
            .find(|p| xml.get((*p).clone()).is_some_and(|s| s.contains(text)))
            .cloned()
            .with_context(|| format!("no paragraph holds {text}"))
    }
}

/// Replacements of byte ranges of a document, applied together.
#[derive(Default)]
struct Edits(Vec<(Range<usize>, String)>);

impl Edits {
    fn put(&mut self, range: Range<usize>, with: impl Into<String>) {
        self.0.push((range, with.into()));
    }

    fn apply(mut self, xml: &str) -> Result<String> {
        self.0
            .sort_by_key(|(r, _)| std::cmp::Reverse((r.start, r.end)));
        let mut out = xml.to_string();
        let mut limit = usize::MAX;
        for (range, with) in self.0 {
            if range.end > limit {
                bail!("overlapping edits at {range:?}");
            }
            out.replace_range(range.clone(), &with);
            limit = range.start;
        }
        Ok(out)
    }
}

/// A cell's XML with its first run replaced by `runs` (the runs are
/// appended to its first paragraph when it has none).
fn with_runs(cell: &str, runs: &str) -> Result<String> {
    let run = cell
        .find("<w:r>")
        .or_else(|| cell.find("<w:r "))
        .and_then(|start| Some(start..start + cell[start..].find("</w:r>")? + "</w:r>".len()));
    Ok(match run {
        Some(r) => format!("{}{runs}{}", &cell[..r.start], &cell[r.end..]),
        None => {
            let at = cell.find("</w:p>").context("a cell without a paragraph")?;
            format!("{}{runs}{}", &cell[..at], &cell[at..])
        }
    })
}

fn text_run(text: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        quick_xml::escape::escape(text)
    )
}

/// A plain row of one-column cells (`""` for an empty one), `(span, text)`.
fn plain_row(cells: &[(usize, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(span, text)| {
            let span = if *span > 1 {
                format!("<w:gridSpan w:val=\"{span}\"/>")
            } else {
                String::new()
            };
            let runs = if text.is_empty() { String::new() } else { text_run(text) };
            format!("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/>{span}</w:tcPr><w:p>{runs}</w:p></w:tc>")
        })
        .collect();
    format!("<w:tr>{cells}</w:tr>")
}

/// A one-row table whose cells hold the given block XML.
fn layout_table(cells: &[String]) -> String {
    let grid: String = cells.iter().map(|_| "<w:gridCol w:w=\"4870\"/>").collect();
    let tcs: String = cells
        .iter()
        .map(|c| {
            format!("<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>{c}<w:p/></w:tc>")
        })
        .collect();
    format!("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr>{tcs}</w:tr></w:tbl>")
}

/// The base document, its package and its expected report.
struct Base {
    package: Vec<u8>,
    xml: String,
    expected: Value,
}

impl Base {
    fn load(root: &Path) -> Result<Base> {
        let dir = root.join("fixtures/docx");
        let package = std::fs::read(dir.join("full-2021.docx"))
            .context("fixtures/docx/full-2021.docx (run `cargo xtask fixtures docx` first)")?;
        let mut xml = String::new();
        ZipArchive::new(std::io::Cursor::new(&package))?
            .by_name("word/document.xml")?
            .read_to_string(&mut xml)?;
        let expected =
            serde_json::from_slice(&std::fs::read(dir.join("full-2021.expected.json"))?)?;
        Ok(Base {
            package,
            xml,
            expected,
        })
    }

    /// The expected report with `path` (dotted) set to `value`.
    fn expect(expected: &mut Value, path: &str, value: Value) -> Result<()> {
        let mut at = expected;
        for key in path.split('.') {
            at = at
                .get_mut(key)
                .with_context(|| format!("no {path} in the expected report"))?;
        }
        *at = value;
        Ok(())
    }
}

/// Write a package: the base's entries, `replace`d or added.
fn repack(base: &[u8], replace: &[(&str, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut zin = ZipArchive::new(std::io::Cursor::new(base))?;
    let mut zout = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let file = zin.by_index(i)?;
        let name = file.name()?.to_string();
        match replace.iter().find(|(n, _)| *n == name) {
            Some((_, bytes)) => {
                zout.start_file(name, opts)?;
                zout.write_all(bytes)?;
            }
            None => zout.raw_copy_file(file)?,
        }
    }
    for (name, bytes) in replace {
        if zin.index_for_name(name).is_none() {
            zout.start_file(*name, opts)?;
            zout.write_all(bytes)?;
        }
    }
    Ok(zout.finish()?.into_inner())
}

fn write_fixture(root: &Path, name: &str, docx: &[u8], expected: &Value) -> Result<()> {
    let dir = root.join("fixtures/docx");
    std::fs::write(dir.join(format!("{name}.docx")), docx)?;
    let json = serde_json::to_string_pretty(expected)? + "\n";
    std::fs::write(dir.join(format!("{name}.expected.json")), json)?;
    println!("fixtures/docx/{name}.docx");
    Ok(())
}

/// A diagnostic the expected report must hold.
fn diag(code: &str, path: &str, raw: &str) -> Value {
    let mut d = json!({ "code": code });
    if !path.is_empty() {
        d["path"] = json!(path);
    }
    if !raw.is_empty() {
        d["raw"] = json!(raw);
    }
    d
}

/// Table 三's first value cell of template row `tr` (the rest follow it).
fn t3_first_value(tr: usize) -> usize {
    match tr {
        3 | 4 | 27 => 1,
        5 | 6 | 26 => 2,
        _ => 3,
    }
}

/// 见附件 and placeholders in value cells of tables 二, 三 and 四.
fn notes_in_cells(base: &Base) -> Result<(Vec<u8>, Value)> {
    let body = Body::map(&base.xml)?;
    let mut edits = Edits::default();
    let mut expected = base.expected.clone();
    let mut diags = Vec::new();
    // (table, tr, tc, text, the value's path, its diagnostic code)
    let notes = [
        (
            0,
            2,
            1,
            "见附件",
            "active_disclosure.regulations.made",
            "cell.not_a_number",
        ),
        (
            0,
            10,
            1,
            "x",
            "active_disclosure.coercion.processed",
            "cell.blank_marker",
        ),
        (
            1,
            7,
            t3_first_value(7),
            "见附件",
            "applications.rows.denied_state_secret.natural_person",
            "cell.not_a_number",
        ),
        (
            1,
            19,
            t3_first_value(19) + 2,
            "—",
            "applications.rows.not_processed_repeat.legal_person_research",
            "cell.blank_marker",
        ),
        (
            1,
            25,
            t3_first_value(25) + 6,
            "详见附件",
            "applications.rows.other_other_reasons.total",
            "cell.not_a_number",
        ),
        (
            2,
            3,
            2,
            "见附件",
            "review_litigation.review.other",
            "cell.not_a_number",
        ),
    ];
    for (t, tr, tc, text, path, code) in notes {
        let cell = body.cell(t, tr, tc)?;
        edits.put(cell.clone(), with_runs(&base.xml[cell], &text_run(text))?);
        Base::expect(&mut expected, path, Value::Null)?;
        diags.push(diag(code, path, text));
    }
    expected["diagnostics"] = Value::Array(diags);
    expected["checks"] = json!([
        {"id": "t4.block_total", "subject": "review_litigation.review", "status": "uncertain"},
        {"id": "t4.block_total", "subject": "review_litigation.litigation_direct", "status": "pass"},
        {"id": "t3.row_total", "subject": "applications.rows.denied_state_secret.total", "status": "uncertain"},
    ]);
    let xml = edits.apply(&base.xml)?;
    Ok((
        repack(&base.package, &[("word/document.xml", xml.into_bytes())])?,
        expected,
    ))
}

/// Table 三 interrupted: a spacer row under its header, a row and a cell
/// deleted with tracked changes, a cell with deleted and inserted text, and its header
/// repeated at a page break (as pasted from a PDF) with a spacer after it.
fn table_three_breaks(base: &Base) -> Result<(Vec<u8>, Value)> {
    let xml = &base.xml;
    let body = Body::map(xml)?;
    let mut edits = Edits::default();
    let spacer = plain_row(&[(1, ""); 10]);
    // After the header (rows 0–2).
    let first = body.row(1, 3)?.range.start;
    edits.put(first..first, spacer.clone());
    // A deleted copy of `2.其他法律行政法规禁止公开` with other numbers,
    // before the real one; the merges above run on across it.
    let row = body.row(1, 8)?;
    let mut copy = Edits::default();
    for (k, cell) in row.cells.iter().enumerate().skip(t3_first_value(8)) {
        let local = cell.start - row.range.start..cell.end - row.range.start;
        copy.put(
            local,
            with_runs(&xml[cell.clone()], &text_run(&format!("9{k}")))?,
        );
    }
    let deleted = copy.apply(&xml[row.range.clone()])?.replacen(
        "<w:trPr>",
        r#"<w:trPr><w:del w:id="901" w:author="审核" w:date="2024-01-10T09:00:00Z"/>"#,
        1,
    );
    edits.put(row.range.start..row.range.start, deleted);
    // `4.保护第三方合法权益`, 自然人: 17 deleted, 11 inserted.
    let cell = body.cell(1, 10, t3_first_value(10))?;
    let revised = r#"<w:del w:id="902" w:author="审核" w:date="2024-01-10T09:00:00Z"><w:r><w:delText>17</w:delText></w:r></w:del><w:ins w:id="903" w:author="审核" w:date="2024-01-10T09:00:00Z"><w:r><w:t>11</w:t></w:r></w:ins>"#;
    edits.put(cell.clone(), with_runs(&xml[cell], revised)?);
    // A cell deleted with tracked changes among row 12's values (before
    // 科研机构): accepted, the row's cells are the template's again.
    let first = body.cell(1, 12, t3_first_value(12) + 2)?.start;
    let deleted_cell = r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/><w:cellDel w:id="904" w:author="审核" w:date="2024-01-10T09:00:00Z"/></w:tcPr><w:p><w:r><w:t>97</w:t></w:r></w:p></w:tc>"#;
    edits.put(first..first, deleted_cell.to_string());
    // The header again before `（四）无法提供`, then a spacer.
    let header = [
        plain_row(&[(3, ""), (1, "自然人"), (5, "法人或其他组织"), (1, "总计")]),
        plain_row(&[
            (3, ""),
            (1, ""),
            (1, "商业企业"),
            (1, "科研机构"),
            (1, "社会公益组织"),
            (1, "法律服务机构"),
            (1, "其他"),
            (1, ""),
        ]),
        spacer,
    ]
    .concat();
    let at = body.row(1, 15)?.range.start;
    edits.put(at..at, header);
    let mut expected = base.expected.clone();
    expected["diagnostics"] = json!([
        diag("docx.deleted_row", "", ""),
        diag("docx.deleted_cell", "", "")
    ]);
    let xml = edits.apply(xml)?;
    Ok((
        repack(&base.package, &[("word/document.xml", xml.into_bytes())])?,
        expected,
    ))
}

/// The whole body in a one-cell layout table, table 三 framed once more in
/// a cell beside its caption.
fn layout_table_report(base: &Base) -> Result<(Vec<u8>, Value)> {
    let xml = &base.xml;
    let body = Body::map(xml)?;
    let start = xml.find("<w:body>").context("no w:body")? + "<w:body>".len();
    let end = xml.rfind("<w:sectPr").context("no w:sectPr")?;
    let t3 = body.table(1)?.0.clone();
    let framed = layout_table(&[
        format!("<w:p>{}</w:p>", text_run("表三")),
        xml[t3.clone()].to_string(),
    ]);
    let content = format!("{}{framed}{}", &xml[start..t3.start], &xml[t3.end..end]);
    let xml = format!(
        "{}{}{}",
        &xml[..start],
        layout_table(&[content]),
        &xml[end..]
    );
    let mut expected = base.expected.clone();
    expected["diagnostics"] = json!([diag("table.layout", "", "")]);
    Ok((
        repack(&base.package, &[("word/document.xml", xml.into_bytes())])?,
        expected,
    ))
}

/// Section 四 (its heading and table 四) embedded as a Word document, and a
/// note after section 六 embedded as HTML.
fn alt_chunk(base: &Base) -> Result<(Vec<u8>, Value)> {
    let xml = &base.xml;
    let body = Body::map(xml)?;
    let heading = body.para_with(xml, "四、政府信息公开行政复议")?;
    let t4 = body.table(2)?.0.clone();
    let end = xml.rfind("<w:sectPr").context("no w:sectPr")?;
    let start = xml.find("<w:body>").context("no w:body")? + "<w:body>".len();
    let section_four = &xml[heading.start..t4.end];
    let embedded_xml = format!("{}{section_four}{}", &xml[..start], &xml[end..]);
    let embedded = repack(
        &base.package,
        &[("word/document.xml", embedded_xml.into_bytes())],
    )?;
    let mut edits = Edits::default();
    edits.put(heading.start..t4.end, r#"<w:altChunk r:id="rIdChunk1"/>"#);
    edits.put(
        end..end,
        r#"<w:altChunk r:id="rIdChunk2"><w:altChunkPr><w:matchSrc/></w:altChunkPr></w:altChunk>"#,
    );
    let document = edits.apply(xml)?;
    let part = |name: &str| -> Result<String> {
        let mut s = String::new();
        ZipArchive::new(std::io::Cursor::new(&base.package))?
            .by_name(name)?
            .read_to_string(&mut s)?;
        Ok(s)
    };
    let rels = part("word/_rels/document.xml.rels")?.replace(
        "</Relationships>",
        &format!(
            r#"<Relationship Id="rIdChunk1" Type="{AF_CHUNK}" Target="afchunk-section4.docx"/><Relationship Id="rIdChunk2" Type="{AF_CHUNK}" Target="afchunk-note.htm"/></Relationships>"#
        ),
    );
    let types = part("[Content_Types].xml")?.replace(
        "<Default Extension=\"xml\"",
        "<Default Extension=\"docx\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document\"/><Default Extension=\"htm\" ContentType=\"text/html\"/><Default Extension=\"xml\"",
    );
    let note = "<html><head><meta charset=\"utf-8\"></head><body><p>附件：政务公开工作说明（另行印发）</p></body></html>";
    let package = repack(
        &base.package,
        &[
            ("word/document.xml", document.into_bytes()),
            ("word/_rels/document.xml.rels", rels.into_bytes()),
            ("[Content_Types].xml", types.into_bytes()),
            ("word/afchunk-section4.docx", embedded),
            ("word/afchunk-note.htm", note.as_bytes().to_vec()),
        ],
    )?;
    let mut expected = base.expected.clone();
    expected["diagnostics"] = json!([
        diag("docx.alt_chunk", "", "word/afchunk-section4.docx"),
        diag("docx.alt_chunk", "", "word/afchunk-note.htm"),
    ]);
    Ok((package, expected))
}

/// `package` behind `prefix`, its zip offsets counted from the start of
/// the file when `absolute` (as `zip -A` leaves a self-extracting archive).
fn behind(prefix: &[u8], package: &[u8], absolute: bool) -> Result<Vec<u8>> {
    let mut out = [prefix, package].concat();
    if absolute {
        let shift = u32::try_from(prefix.len())?;
        // Central headers: local header offset at 42; the end record: the
        // directory offset at 16.
        for (sig, at) in [(b"PK\x01\x02", 42), (b"PK\x05\x06", 16)] {
            let mut from = prefix.len();
            while let Some(pos) = out[from..].windows(4).position(|w| w == sig) {
                let field = from + pos + at;
                let old = u32::from_le_bytes(out[field..field + 4].try_into()?);
                out[field..field + 4].copy_from_slice(&(old + shift).to_le_bytes());
                from += pos + 4;
            }
        }
    }
    Ok(out)
}

/// A DOCX whose altChunk is a zip bomb: 3 MiB of spaces in its document.
fn alt_chunk_bomb(base: &Base) -> Result<Vec<u8>> {
    let head = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">"#;
    let tail = "</w:t></w:r></w:p></w:body></w:document>";
    let inner = [head.as_bytes(), &vec![b' '; 3 << 20], tail.as_bytes()].concat();
    let bomb = repack(&base.package, &[("word/document.xml", inner)])?;
    let xml = base
        .xml
        .replacen("<w:body>", r#"<w:body><w:altChunk r:id="rIdChunk1"/>"#, 1);
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdChunk1" Type="{AF_CHUNK}" Target="bomb.docx"/></Relationships>"#
    );
    repack(
        &base.package,
        &[
            ("word/document.xml", xml.into_bytes()),
            ("word/_rels/document.xml.rels", rels.into_bytes()),
            ("word/bomb.docx", bomb),
        ],
    )
}

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let base = Base::load(root)?;
    for (name, make) in [
        (
            "notes-in-cells",
            notes_in_cells as fn(&Base) -> Result<(Vec<u8>, Value)>,
        ),
        ("table-three-breaks", table_three_breaks),
        ("layout-table", layout_table_report),
        ("alt-chunk", alt_chunk),
    ] {
        let (docx, expected) = make(&base).with_context(|| name.to_string())?;
        write_fixture(root, name, &docx, &expected)?;
    }
    let bad = root.join("fixtures/bad");
    let xlsx = std::fs::read(root.join("fixtures/xlsx/one-sheet.xlsx"))?;
    let stub = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0u8; 504]].concat();
    for (name, bytes) in [
        (
            "zip-prefixed.docx",
            behind(STRAY_OUTPUT.as_bytes(), &base.package, false)?,
        ),
        (
            "zip-prefixed.xlsx",
            behind(STRAY_OUTPUT.as_bytes(), &xlsx, false)?,
        ),
        ("zip-sfx-stub.docx", behind(&stub, &base.package, true)?),
        ("docx-alt-chunk-bomb.docx", alt_chunk_bomb(&base)?),
    ] {
        std::fs::write(bad.join(name), bytes).with_context(|| name.to_string())?;
        println!("fixtures/bad/{name}");
    }
    Ok(())
}
