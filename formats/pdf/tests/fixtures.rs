//! The edge PDFs, the real report and hostile input.

use gongkai_format_pdf::PdfReader;
use gongkai_ir::{Block, Document, ReadError, ReadOptions, Reader};

use gongkai_testkit::pdf::{build_pdf, stream};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> Result<Document, ReadError> {
    let data = std::fs::read(root().join(rel)).unwrap();
    PdfReader.read(&data, &ReadOptions::default())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

const REPORT_TEXT: &[&str] = &[
    "2023年政府信息公开工作年度报告（ＡＢＣ全角）",
    "项目",
    "数量",
    "备注",
    "收到申请",
    "自然人",
    "12",
    "法人",
    "3",
    "合并块",
    "嵌套",
    "合计：15件",
];

#[test]
fn edge_title_pdfs() {
    for f in ["cjk_UniGB-UCS2-H", "cjk_GBK-EUC-H", "cjk_Identity-H"] {
        let doc = read(&format!("fixtures/edge/{f}.pdf")).unwrap();
        assert_eq!(squash(&doc.plain_text()), "政府信息公开工作年度报告", "{f}");
    }
}

#[test]
fn edge_report_pdfs() {
    for f in [
        "rl_stsong_cid",
        "rl_wqy_ttf_subset",
        "fpdf_identityH",
        "fpdf_identityH_noToUnicode",
    ] {
        let doc = read(&format!("fixtures/edge/{f}.pdf")).unwrap();
        let Some(Block::Paragraph(title)) = doc.blocks.first() else {
            panic!("{f}: no title");
        };
        assert_eq!(title.text, REPORT_TEXT[0], "{f}");
        let Some(Block::Table(t)) = doc.blocks.get(1) else {
            panic!("{f}: no table");
        };
        let cells: Vec<String> = t
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| squash(&c.text)))
            .filter(|s| !s.is_empty())
            .collect();
        let mut want: Vec<String> = REPORT_TEXT[1..].iter().map(|s| s.to_string()).collect();
        let mut got = cells.clone();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{f}");
        // 收到申请 spans two rows, 合计：15件 three columns.
        let grid = t.grid();
        let merged = t.rows.iter().flat_map(|r| &r.cells);
        assert!(merged
            .clone()
            .any(|c| c.text == "收到申请" && c.row_span == 2));
        assert!(merged
            .clone()
            .any(|c| c.text == "合计：15件" && c.col_span == 3));
        assert_eq!(grid.width, 4);
        assert!(doc.diagnostics.is_empty(), "{f}: {:?}", doc.diagnostics);
    }
}

#[test]
fn edge_table_merged() {
    let doc = read("fixtures/edge/cjk_table_merged.pdf").unwrap();
    let [Block::Table(t)] = doc.blocks.as_slice() else {
        panic!("{}", gongkai_ir::dump(&doc));
    };
    let rows: Vec<Vec<&str>> = t
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(rows[0], ["信息内容", "本年新制发件数"]);
    assert_eq!(rows[1], ["规章", "规范性文件", "合计"]);
    assert_eq!(rows[2], ["规章", "3", "5", "8"]);
    assert_eq!(t.rows[0].cells[0].row_span, 2);
    assert_eq!(t.rows[0].cells[1].col_span, 3);
    insta::assert_snapshot!("cjk_table_merged", gongkai_ir::dump(&doc));
}

fn find_row<'a>(doc: &'a Document, label: &str) -> Vec<&'a str> {
    for b in &doc.blocks {
        if let Block::Table(t) = b {
            for r in &t.rows {
                if r.cells.iter().any(|c| c.text == label) {
                    return r.cells.iter().map(|c| c.text.as_str()).collect();
                }
            }
        }
    }
    panic!("no row {label}");
}

#[test]
fn hzq2024() {
    let doc = read("fixtures/samples/hzq2024.pdf").unwrap();
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 3, "{}", gongkai_ir::dump(&doc));
    assert_eq!(find_row(&doc, "行政许可"), ["行政许可", "9487"]);
    assert_eq!(find_row(&doc, "行政处罚"), ["行政处罚", "2776"]);
    assert_eq!(find_row(&doc, "行政强制"), ["行政强制", "84"]);
    assert_eq!(find_row(&doc, "行政事业性收费"), ["行政事业性收费", "7545"]);
    assert_eq!(
        find_row(&doc, "行政规范性文件"),
        ["行政规范性文件", "3", "0", "8"]
    );
    assert_eq!(
        find_row(&doc, "一、本年新收政府信息公开申请数量"),
        [
            "一、本年新收政府信息公开申请数量",
            "95",
            "0",
            "0",
            "0",
            "0",
            "0",
            "95"
        ]
    );
    assert_eq!(
        find_row(&doc, "（七）总计")[2..],
        ["95", "0", "0", "0", "0", "0", "95"]
    );
    let t4 = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .nth(2)
        .unwrap();
    let values: Vec<&str> = t4.rows[3].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        values,
        ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]
    );
    // Page numbers are gone; the title is first.
    let text = doc.plain_text();
    assert!(!text
        .lines()
        .any(|l| l.trim() == "- 3 -" || l.trim() == "-3-"));
    assert!(text.starts_with("淮安市洪泽区人民政府\n2024年政府信息公开工作年度报告"));
    insta::assert_snapshot!("hzq2024", gongkai_ir::dump(&doc));
}

#[test]
fn libreoffice_two_page_table() {
    let doc = read("fixtures/pdf/narrow_t3_two_pages.pdf").unwrap();
    let tables: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1, "{}", gongkai_ir::dump(&doc));
    assert_eq!(tables[0].rows.len(), 28);
    assert_eq!(
        find_row(&doc, "四、结转下年度继续办理")[1..],
        ["3", "1", "4", "2", "0", "3", "13"]
    );
    assert!(tables[0].rows[5].cells[0].text == "三、本年度办理结果");
    assert_eq!(tables[0].rows[5].cells[0].row_span, 22);
    // The group label cut by the page break (「（五）不予处」 / 「理」) is one cell.
    let cell = tables[0].rows[18].cells[0].clone();
    assert_eq!((cell.text.as_str(), cell.row_span), ("（五）不予处理", 5));
}

#[test]
fn row_split_by_page_break_is_one_row() {
    // LibreOffice breaks the row 1.申请人无正当理由… after its first part: the
    // rest (「申请」) tops page 3 with empty value cells.
    let doc = read("fixtures/pdf/full-2021.pdf").unwrap();
    let row = find_row(
        &doc,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    );
    assert_eq!(row[row.len() - 7..], ["11", "2", "1", "0", "0", "1", "15"]);
    let t3 = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .nth(1)
        .unwrap();
    assert_eq!(t3.rows.len(), 28, "{}", gongkai_ir::dump(&doc));
    assert!(t3
        .rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.row_span <= 22)));
}

#[test]
fn scan_has_no_text_layer() {
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        &stream("", b"q 100 0 0 100 0 0 cm 0 0 m 1 1 l S Q"),
    ]);
    let err = PdfReader.read(&pdf, &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, ReadError::NoTextLayer(_)), "{err}");
}

#[test]
fn hostile_inputs_do_not_panic() {
    let good = std::fs::read(root().join("fixtures/edge/rl_stsong_cid.pdf")).unwrap();
    // Truncations and garbage.
    for n in [0, 5, 100, good.len() / 3, good.len() / 2, good.len() - 10] {
        let _ = PdfReader.read(&good[..n], &ReadOptions::default());
    }
    let mut flipped = good.clone();
    for i in (0..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    let _ = PdfReader.read(&flipped, &ReadOptions::default());
    // A page tree that contains itself, a Form XObject that draws itself,
    // a huge declared stream length.
    let pdf = build_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /XObject << /X 5 0 R >> /Font << /F 6 0 R >> >> >>",
        b"<< /Length 999999999999 >>\nstream\nBT /F 12 Tf 10 10 Td (Hi) Tj ET /X Do\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >> /Length 5 >>\nstream\n/X Do\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]);
    match PdfReader.read(&pdf, &ReadOptions::default()) {
        Ok(doc) => assert!(doc.plain_text().contains("Hi")),
        Err(e) => assert!(!matches!(e, ReadError::Internal(_)), "{e}"),
    }
}

/// Lowers one limit in read options.
type LowerLimit = fn(&mut ReadOptions);

#[test]
fn limits_name_their_flag() {
    let data = std::fs::read(root().join("fixtures/samples/hzq2024.pdf")).unwrap();
    // Each flag with the limit lowered far enough to trip on this report.
    let lowered: [(&str, LowerLimit); 7] = [
        ("--max-pages", |o| o.limits.max_pages = 2),
        ("--max-text-chars", |o| o.limits.max_text_chars = 100),
        ("--max-cells", |o| o.limits.max_cells = 50),
        ("--max-pdf-objects", |o| o.limits.max_pdf_objects = 10),
        ("--max-pdf-depth", |o| o.limits.max_pdf_depth = 0),
        ("--max-pdf-array", |o| o.limits.max_pdf_array = 10),
        ("--max-pdf-ops", |o| o.limits.max_pdf_ops = 100),
    ];
    for (flag, lower) in lowered {
        let mut o = ReadOptions::default();
        lower(&mut o);
        match PdfReader.read(&data, &o) {
            Err(ReadError::Limit { limit, .. }) => assert_eq!(limit.to_string(), flag),
            other => panic!(
                "{flag}: expected a limit error, got {:?}",
                other.map(|_| ())
            ),
        }
    }
}

#[test]
fn encrypted() {
    for (user, ok) in [("", true), ("secret", false)] {
        let mut doc =
            lopdf::Document::load(root().join("fixtures/edge/cjk_UniGB-UCS2-H.pdf")).unwrap();
        let id = lopdf::Object::String(
            b"0123456789abcdef".to_vec(),
            lopdf::StringFormat::Hexadecimal,
        );
        doc.trailer
            .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
        let version = lopdf::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: user,
            key_length: 128,
            permissions: lopdf::Permissions::all(),
        };
        let state = lopdf::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        let r = PdfReader.read(&bytes, &ReadOptions::default());
        if ok {
            assert_eq!(squash(&r.unwrap().plain_text()), "政府信息公开工作年度报告");
        } else {
            assert!(matches!(r, Err(ReadError::Encrypted { .. })), "{r:?}");
        }
    }
}

#[test]
fn sniff() {
    assert_eq!(PdfReader.sniff(b"%PDF-1.7\n"), gongkai_ir::Sniff::Yes);
    assert_eq!(PdfReader.sniff(b"PK\x03\x04"), gongkai_ir::Sniff::No);
}

#[test]
fn ruleless_tables_from_text_positions() {
    // Three tables drawn without a single rule (HTML border=0).
    let doc = read("fixtures/pdf/ruleless_tables.pdf").unwrap();
    let tables = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(tables, 3, "{}", gongkai_ir::dump(&doc));
    assert_eq!(
        find_row(&doc, "行政规范性文件"),
        ["行政规范性文件", "23", "4", "187"]
    );
    // A value centred under a merged header spans its columns.
    assert_eq!(find_row(&doc, "行政许可"), ["行政许可", "9487"]);
    // A wrapped label and the values centred beside it are one row.
    let row = find_row(
        &doc,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    );
    assert_eq!(row[row.len() - 7..], ["2", "0", "3", "1", "4", "2", "12"]);
    assert!(doc
        .plain_text()
        .contains("四、政府信息公开行政复议、行政诉讼情况"));
}
