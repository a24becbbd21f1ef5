//! Limits, encryption, uncached formulas and garbage.

use gongkai_format_xlsx::XlsxReader;
use gongkai_ir::{Limits, ReadError, ReadOptions, Reader, Sniff};
use rust_xlsxwriter::{Formula, Workbook};

fn workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..10u32 {
        for c in 0..10u16 {
            ws.write_number(r, c, f64::from(r) * 10.0 + f64::from(c))
                .unwrap();
        }
    }
    ws.write_formula(12, 0, Formula::new("=SUM(A1:A10)"))
        .unwrap();
    without_cached_values(&wb.save_to_buffer().unwrap())
}

/// The workbook with the formula's cached value removed, as a generator
/// that never calculates would save it.
fn without_cached_values(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let s = String::from_utf8(text).unwrap();
            let s = s.replace("</f><v>0</v>", "</f>");
            assert!(!s.contains("</f><v>"));
            text = s.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn options(f: impl FnOnce(&mut Limits)) -> ReadOptions {
    let mut o = ReadOptions::default();
    f(&mut o.limits);
    o
}

#[test]
fn uncached_formula_is_reported() {
    let doc = XlsxReader
        .read(&workbook(), &ReadOptions::default())
        .unwrap();
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "cell.formula_uncached")
        .unwrap_or_else(|| panic!("{}", gongkai_ir::dump(&doc)));
    assert_eq!(d.at.as_deref(), Some("sheet Sheet1!A13"));
}

#[test]
fn cell_limit() {
    let err = XlsxReader
        .read(&workbook(), &options(|l| l.max_cells = 50))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::Limit {
                limit: gongkai_ir::Limit::Cells,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn zip_limits() {
    let err = XlsxReader
        .read(&workbook(), &options(|l| l.max_entry_bytes = 100))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::Limit {
                limit: gongkai_ir::Limit::EntryBytes,
                ..
            }
        ),
        "{err}"
    );
    let err = XlsxReader
        .read(&workbook(), &options(|l| l.max_total_bytes = 1000))
        .unwrap_err();
    assert!(
        matches!(
            err,
            ReadError::Limit {
                limit: gongkai_ir::Limit::TotalBytes,
                ..
            }
        ),
        "{err}"
    );
}

/// An OLE compound file whose directory names an `EncryptedPackage` stream.
fn encrypted() -> Vec<u8> {
    let mut data = vec![0u8; 2048];
    data[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    data[1024..1024 + name.len()].copy_from_slice(&name);
    data[1024 + 64] = (name.len() + 2) as u8;
    data[1024 + 66] = 2;
    data
}

#[test]
fn encrypted_package_is_refused() {
    let data = encrypted();
    assert_eq!(XlsxReader.sniff(&data), Sniff::Maybe);
    let err = XlsxReader.read(&data, &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, ReadError::Encrypted { .. }), "{err}");
}

#[test]
fn truncated_and_mangled_input_is_an_error_not_a_panic() {
    let good = workbook();
    for cut in [10, 100, good.len() / 2, good.len() - 10] {
        let _ = XlsxReader.read(&good[..cut], &ReadOptions::default());
    }
    // Flip bytes through the file; reading may fail but must not panic.
    for i in (0..good.len()).step_by(good.len() / 40 + 1) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        let _ = XlsxReader.read(&bad, &ReadOptions::default());
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xlsx");
    for name in ["one-sheet-xls.xls", "one-sheet-ods.ods"] {
        if let Ok(good) = std::fs::read(dir.join(name)) {
            for cut in [600, good.len() / 2, good.len() - 100] {
                let _ = XlsxReader.read(&good[..cut.min(good.len())], &ReadOptions::default());
            }
            for i in (0..good.len()).step_by(good.len() / 40 + 1) {
                let mut bad = good.clone();
                bad[i] ^= 0x5A;
                let _ = XlsxReader.read(&bad, &ReadOptions::default());
            }
        }
    }
}
