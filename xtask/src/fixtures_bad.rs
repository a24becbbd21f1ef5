//! Generates the hostile and broken inputs under `fixtures/bad/`, which
//! `tests/hostile.rs` runs through the binary: every one must fail with a
//! one-line error, quickly, without a panic.
//!
//! Built here: empty and random files of every format, truncated copies of
//! real fixtures, zip bombs (honest and lying headers), XML nested 200,000
//! deep, a billion-laughs DTD, long tables with one row 1,000 columns wide
//! (DOCX, text, Markdown),
//! PDFs with reference cycles, a page-tree loop,
//! a self-drawing form, a huge declared stream length and a Flate bomb, forms
//! drawing forms a hundred times six deep, an object stream holding one
//! huge array and one holding a million small values, text
//! in Shift_JIS and EUC-KR. Made with outside tools when present (skipped with
//! a note otherwise): an encrypted PDF (`qpdf`), an encrypted DOCX
//! (`msoffcrypto-tool`), a legacy `.doc` (`soffice`).
//!
//! Files that must not be committed (the 100 MB text, a PDF named `.docx`)
//! are made by the test itself.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// Inflated size of the zip and PDF bombs.
const BOMB_BYTES: u64 = 1 << 30;

/// Depth of the nested-XML document.
const DEEP: usize = 200_000;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn run(root: &Path) -> Result<()> {
    let dir = root.join("fixtures/bad");
    std::fs::create_dir_all(&dir)?;
    let put = |name: &str, bytes: &[u8]| -> Result<()> {
        std::fs::write(dir.join(name), bytes).with_context(|| format!("writing {name}"))
    };

    for ext in ["txt", "docx", "pdf", "xlsx", "md", "json"] {
        put(&format!("empty.{ext}"), b"")?;
    }
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for ext in ["txt", "docx", "pdf", "xlsx", "md", "json"] {
        put(&format!("random.{ext}"), &rng.bytes(4096))?;
    }

    let docx = std::fs::read(root.join("fixtures/samples/template-2021.docx"))?;
    put("truncated.docx", half(&docx))?;
    let xlsx = std::fs::read(root.join("fixtures/xlsx/one-sheet.xlsx"))?;
    put("truncated.xlsx", half(&xlsx))?;
    let pdf = std::fs::read(root.join("fixtures/samples/hzq2024.pdf"))?;
    put("truncated.pdf", half(&pdf))?;

    let bomb = zip_bomb()?;
    put("zip-bomb.docx", &bomb)?;
    put("zip-bomb-lying.docx", &lie_about_sizes(bomb)?)?;
    put("deep-nesting.docx", &docx_with(&deep_xml())?)?;
    put("billion-laughs.docx", &docx_with(&billion_laughs())?)?;
    put("wide-table.docx", &docx_with(&wide_table())?)?;
    put("wide-table.txt", wide_text('\t').as_bytes())?;
    put("wide-table.md", wide_text('|').as_bytes())?;

    put("pdf-cycle.pdf", &pdf_cycle())?;
    put("pdf-page-tree-loop.pdf", &pdf_page_tree_loop())?;
    put("pdf-huge-length.pdf", &pdf_huge_length())?;
    put("pdf-flate-bomb.pdf", &pdf_flate_bomb()?)?;
    put("pdf-form-laughs.pdf", &pdf_form_laughs())?;
    let zeros = |n: usize| [b"[".to_vec(), b"0 ".repeat(n), b"]".to_vec()].concat();
    put("pdf-huge-array.pdf", &pdf_object_stream(&zeros(300_000))?)?;
    let arrays = [b"[".to_vec(), zeros(1_000).repeat(1_100), b"]".to_vec()].concat();
    put("pdf-many-objects.pdf", &pdf_object_stream(&arrays)?)?;

    put("shift_jis.txt", &encode(JAPANESE, encoding_rs::SHIFT_JIS)?)?;
    put("euc-kr.txt", &encode(KOREAN, encoding_rs::EUC_KR)?)?;

    let tmp = std::env::temp_dir().join(format!("gongkai-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let tools = [
        encrypted_pdf(root, &dir),
        encrypted_docx(root, &dir),
        legacy_doc(root, &dir, &tmp),
    ];
    let _ = std::fs::remove_dir_all(&tmp);
    for (name, result) in ["encrypted.pdf", "encrypted.docx", "legacy.doc"]
        .iter()
        .zip(tools)
    {
        if let Err(e) = result {
            eprintln!("fixtures bad: {name} not regenerated: {e:#}");
        }
    }
    println!("fixtures/bad written");
    crate::bad_sheets_text::run(root)?;
    crate::bad_docx_norm::run(root)?;
    Ok(())
}

/// A small, seeded generator: the committed random files never change.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn half(data: &[u8]) -> &[u8] {
    data.get(..data.len() / 2).unwrap_or(data)
}

/// The package parts every DOCX carries besides the document.
fn docx_skeleton(zip: &mut ZipWriter<std::io::Cursor<Vec<u8>>>) -> Result<()> {
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", opts)?;
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
    )?;
    zip.start_file("_rels/.rels", opts)?;
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    )?;
    Ok(())
}

fn docx_with(document_xml: &[u8]) -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    docx_skeleton(&mut zip)?;
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file("word/document.xml", opts)?;
    zip.write_all(document_xml)?;
    Ok(zip.finish()?.into_inner())
}

/// A DOCX whose `word/document.xml` inflates to 1 GiB: a paragraph of spaces,
/// streamed into the writer so the gigabyte never sits in memory.
fn zip_bomb() -> Result<Vec<u8>> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    docx_skeleton(&mut zip)?;
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(false);
    zip.start_file("word/document.xml", opts)?;
    let head = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t xml:space="preserve">"#
    );
    let tail = "</w:t></w:r></w:p></w:body></w:document>";
    zip.write_all(head.as_bytes())?;
    let chunk = vec![b' '; 1 << 20];
    let mut left = BOMB_BYTES - (head.len() + tail.len()) as u64;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zip.write_all(chunk.get(..n).unwrap_or(&chunk))?;
        left -= n as u64;
    }
    zip.write_all(tail.as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

/// The bomb with `word/document.xml`'s uncompressed size claimed to be 4 KiB
/// in both headers, so only a limit enforced while inflating stops it.
fn lie_about_sizes(mut zip: Vec<u8>) -> Result<Vec<u8>> {
    let name = b"word/document.xml";
    let claim = 4096u32.to_le_bytes();
    let mut patched = 0;
    let mut i = 0;
    while i + 4 <= zip.len() {
        let sig = zip.get(i..i + 4).unwrap_or_default();
        // Local header: size at 22, name length at 26, name at 30.
        // Central header: size at 24, name length at 28, name at 46.
        let (size_at, len_at, name_at) = match sig {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => {
                i += 1;
                continue;
            }
        };
        let len = zip
            .get(i + len_at..i + len_at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
            .unwrap_or(0);
        if zip.get(i + name_at..i + name_at + len) == Some(&name[..]) {
            if let Some(field) = zip.get_mut(i + size_at..i + size_at + 4) {
                field.copy_from_slice(&claim);
                patched += 1;
            }
        }
        i += 4;
    }
    if patched != 2 {
        bail!("expected to patch 2 size fields, patched {patched}");
    }
    Ok(zip)
}

fn deep_xml() -> Vec<u8> {
    let mut xml =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>"#)
            .into_bytes();
    for _ in 0..DEEP {
        xml.extend_from_slice(b"<w:sdt>");
    }
    xml.extend_from_slice(b"<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
    for _ in 0..DEEP {
        xml.extend_from_slice(b"</w:sdt>");
    }
    xml.extend_from_slice(b"</w:body></w:document>");
    xml
}

/// A long table with one row pushed 1,000 grid columns right: few cells,
/// but a dense grid of 20 million positions.
fn wide_table() -> Vec<u8> {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:tbl>"#
    );
    for i in 0..20_000 {
        xml.push_str(&format!(
            "<w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc></w:tr>"
        ));
    }
    xml.push_str(
        r#"<w:tr><w:trPr><w:gridBefore w:val="1000"/></w:trPr><w:tc><w:p/></w:tc></w:tr>"#,
    );
    xml.push_str("</w:tbl><w:p/></w:body></w:document>");
    xml.into_bytes()
}

/// The same as text (`\t`) or a Markdown pipe table (`|`): 20,000 rows of
/// two cells and one of 1,100.
fn wide_text(sep: char) -> String {
    let s = sep.to_string();
    let row = |cells: Vec<String>| {
        if sep == '|' {
            format!("| {} |\n", cells.join(" | "))
        } else {
            format!("{}\n", cells.join(&s))
        }
    };
    let mut out = String::from("二、主动公开政府信息情况\n\n");
    out.push_str(&row(vec!["信息内容".into(), "本年制发件数".into()]));
    if sep == '|' {
        out.push_str("| --- | --- |\n");
    }
    for i in 0..20_000 {
        out.push_str(&row(vec!["规章".into(), i.to_string()]));
    }
    out.push_str(&row((0..1_100).map(|i| i.to_string()).collect()));
    out
}

fn billion_laughs() -> Vec<u8> {
    let mut dtd = String::from("<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n");
    for i in 1..=9 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        let refs = format!("&{prev};").repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    dtd.push_str("]>\n");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
{dtd}<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
    )
    .into_bytes()
}

use gongkai_testkit::pdf::stream;

/// A PDF from numbered object bodies (1-based), with a correct xref table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let bodies: Vec<&[u8]> = objects.iter().map(Vec::as_slice).collect();
    gongkai_testkit::pdf::build_pdf(&bodies)
}

fn obj(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// Cycles everywhere a reader follows references: the resources are a
/// reference chain that loops, the font is its own descendant and its own
/// ToUnicode, the form XObject draws itself, and object 9 is a reference to
/// itself.
fn pdf_cycle() -> Vec<u8> {
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R /Contents 5 0 R >>"),
        obj("<< /Font << /F1 6 0 R /F2 9 0 R >> /XObject << /X1 7 0 R >> /Parent 4 0 R /Self 8 0 R >>"),
        stream("", b"BT /F1 12 Tf 72 720 Td (cycle) Tj /F2 12 Tf (loop) Tj ET /X1 Do"),
        obj("<< /Type /Font /Subtype /Type0 /BaseFont /Loop /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 6 0 R >>"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources 4 0 R",
            b"/X1 Do BT /F1 12 Tf (again) Tj ET",
        ),
        obj("8 0 R"),
        obj("10 0 R"),
        obj("9 0 R"),
    ])
}

/// A page tree whose node lists itself and its parent as kids.
fn pdf_page_tree_loop() -> Vec<u8> {
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3 >>"),
        obj("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>"),
        stream("", b"BT 72 720 Td (loop) Tj ET"),
    ])
}

/// A content stream that declares a length of almost 100 GB (and a second
/// whose length is a reference to a huge number).
fn pdf_huge_length() -> Vec<u8> {
    pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] >>"),
        obj("<< /Length 99999999999 >>\nstream\nBT 72 720 Td (huge) Tj ET\nendstream"),
        obj("<< /Length 6 0 R >>\nstream\nBT 72 700 Td (huge) Tj ET\nendstream"),
        obj("18446744073709551615"),
    ])
}

/// A one-page PDF whose Flate content stream inflates to 1 GiB of spaces.
fn pdf_flate_bomb() -> Result<Vec<u8>> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..(BOMB_BYTES >> 20) {
        enc.write_all(&chunk)?;
    }
    let data = enc.finish()?;
    Ok(pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
        stream("/Filter /FlateDecode", &data),
    ]))
}

/// "Billion laughs" by Form XObject: the page draws a form that draws the
/// next one 100 times, six deep (10¹² operators), each drawing moved so that
/// nothing is the same glyph twice.
fn pdf_form_laughs() -> Vec<u8> {
    const LEVELS: usize = 6;
    let mut objects = vec![
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
        ),
        stream("", b"BT /F1 12 Tf 72 720 Td (laughs) Tj ET /X Do"),
        obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ];
    for level in 0..LEVELS {
        let form = "/Type /XObject /Subtype /Form /BBox [0 0 595 842]";
        objects.push(if level + 1 < LEVELS {
            let draws: String = (0..100)
                .map(|k| format!("q 1 0 0 1 {} 0 cm /X Do Q\n", k % 10))
                .collect();
            let next = 7 + level;
            stream(
                &format!("{form} /Resources << /XObject << /X {next} 0 R >> >>"),
                draws.as_bytes(),
            )
        } else {
            stream(
                &format!("{form} /Resources << /Font << /F1 5 0 R >> >>"),
                b"BT /F1 1 Tf (ha) Tj ET",
            )
        });
    }
    pdf(&objects)
}

/// A one-page PDF whose object stream (Flate, so the file stays small)
/// holds one object, `body`: lopdf used to build it whole before any limit
/// could look. It is the page's font's `/Widths`, so that the reader needs
/// it (an object nothing refers to is never parsed).
fn pdf_object_stream(body: &[u8]) -> Result<Vec<u8>> {
    let data = [b"7 0 ".as_slice(), body].concat();
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(&data)?;
    Ok(pdf(&[
        obj("<< /Type /Catalog /Pages 2 0 R >>"),
        obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        obj(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R >> >> >>",
        ),
        stream("", b"BT /F1 12 Tf 72 720 Td (objects) Tj ET"),
        obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths 7 0 R >>"),
        stream(
            "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode",
            &enc.finish()?,
        ),
    ]))
}

const JAPANESE: &str = "令和5年度 情報公開年次報告\n\
    一、概要\n\
    本年度、当市は情報公開条例に基づき、行政文書の開示請求に対応しました。\n\
    開示請求件数\t123\n\
    全部開示\t100\n\
    部分開示\t20\n\
    不開示\t3\n";

const KOREAN: &str = "2023년 정보공개 연차보고서\n\
    1. 총괄 현황\n\
    올해 우리 시는 정보공개법에 따라 청구에 대응하였습니다.\n\
    청구 건수\t123\n\
    전부 공개\t100\n\
    부분 공개\t20\n";

fn encode(text: &str, encoding: &'static encoding_rs::Encoding) -> Result<Vec<u8>> {
    let (bytes, _, unmappable) = encoding.encode(text);
    if unmappable {
        bail!("{} cannot encode the sample text", encoding.name());
    }
    Ok(bytes.into_owned())
}

fn tool(cmd: &mut Command) -> Result<()> {
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {:?}", cmd.get_program()))?;
    if !out.status.success() {
        bail!(
            "{:?} failed: {}",
            cmd.get_program(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// A real report PDF encrypted by qpdf with a user password. AES-128 with
/// qpdf's fixed ID and IV makes the same bytes on every run: AES-256 draws
/// its file key at random, so each regeneration changed the committed file.
fn encrypted_pdf(root: &Path, dir: &Path) -> Result<()> {
    tool(
        Command::new("qpdf")
            .args(["--static-id", "--static-aes-iv"])
            .args(["--encrypt", "user-secret", "owner-secret", "128"])
            .args(["--use-aes=y", "--"])
            .arg(root.join("fixtures/pdf/narrow_t3_two_pages.pdf"))
            .arg(dir.join("encrypted.pdf")),
    )
}

/// The DOCX template encrypted (ECMA-376 agile encryption in an OLE
/// compound file) by msoffcrypto-tool. Its salt is random, so a committed
/// copy is kept rather than rewritten with new bytes on every run.
fn encrypted_docx(root: &Path, dir: &Path) -> Result<()> {
    if dir.join("encrypted.docx").exists() {
        return Ok(());
    }
    tool(
        Command::new("msoffcrypto-tool")
            .args(["-e", "-p", "secret"])
            .arg(root.join("fixtures/samples/template-2021.docx"))
            .arg(dir.join("encrypted.docx")),
    )
}

/// The DOCX template saved by LibreOffice as a Word 97 `.doc`. LibreOffice
/// stamps the save time into it, so a committed copy is kept rather than
/// rewritten with new bytes on every run.
fn legacy_doc(root: &Path, dir: &Path, tmp: &Path) -> Result<()> {
    if dir.join("legacy.doc").exists() {
        return Ok(());
    }
    tool(
        Command::new("soffice")
            .args(["--headless", "--convert-to", "doc", "--outdir"])
            .arg(tmp)
            .arg(root.join("fixtures/samples/template-2021.docx")),
    )?;
    std::fs::copy(tmp.join("template-2021.doc"), dir.join("legacy.doc"))?;
    Ok(())
}
