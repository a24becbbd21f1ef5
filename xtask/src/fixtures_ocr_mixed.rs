//! Generates the mixed fixtures under `fixtures/ocr/`: PDFs with a text
//! layer where some of what the report prints is a picture.
//! - `full-2021-table-pictures.pdf`: `fixtures/pdf/full-2021.pdf` with 表三
//!   (both its parts, on pages 2 and 3) and 表四 pasted as pictures: each
//!   table's region is rendered at 200 dpi in grey (`pdftoppm -x -y -W -H`),
//!   what the page draws there (text and rules) is taken out of its content,
//!   and the picture is drawn in its place; the text around stays text.
//! - `layout-2019-scanned-tables.pdf`: page 1 of `fixtures/pdf/layout-2019.pdf`
//!   (text) followed by pages 2 and 3 of `fixtures/ocr/layout-2019-scan.pdf`
//!   (the table pages, scanned), put together by qpdf.
//!
//! Their expected JSON is their source fixture's (`tests/ocr.rs` reads it).

use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// The resolution the pictures are rendered at.
const DPI: f32 = 200.0;
/// Around each table's outer rules, so that the rules are inside its picture.
const MARGIN: f32 = 3.0;

/// A table of `full-2021.pdf` to paste as a picture: its page and its outer
/// rules in PDF user space (x from the left, y from the bottom), as the
/// page's content draws them.
struct TableRegion {
    page: u32,
    left: f32,
    bottom: f32,
    right: f32,
    top: f32,
}

const TABLE_PICTURES: &[TableRegion] = &[
    // 表三, from its header to the foot of page 2.
    TableRegion {
        page: 2,
        left: 53.5,
        bottom: 87.6,
        right: 541.9,
        top: 583.3,
    },
    // 表三's last rows, at the top of page 3.
    TableRegion {
        page: 3,
        left: 53.5,
        bottom: 646.7,
        right: 541.9,
        top: 764.1,
    },
    // 表四, below its heading on page 3.
    TableRegion {
        page: 3,
        left: 53.5,
        bottom: 426.8,
        right: 541.9,
        top: 524.6,
    },
];

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/ocr");
    std::fs::create_dir_all(&out)?;
    let tmp = std::env::temp_dir().join("gongkai-ocr-mixed");
    std::fs::create_dir_all(&tmp)?;
    let source = root.join("fixtures/pdf/full-2021.pdf");
    let pasted = table_pictures(&source, &tmp)?;
    std::fs::write(out.join("full-2021-table-pictures.pdf"), pasted)?;
    let status = Command::new("qpdf")
        .args(["--empty", "--deterministic-id", "--pages"])
        .arg(root.join("fixtures/pdf/layout-2019.pdf"))
        .arg("1")
        .arg(out.join("layout-2019-scan.pdf"))
        .arg("2-3")
        .arg("--")
        .arg(out.join("layout-2019-scanned-tables.pdf"))
        .status()
        .context("qpdf")?;
    if !status.success() {
        bail!("qpdf failed on layout-2019-scanned-tables.pdf");
    }
    Ok(())
}

/// `source` with each of [`TABLE_PICTURES`] drawn as a picture instead.
fn table_pictures(source: &Path, tmp: &Path) -> Result<Vec<u8>> {
    let mut doc = Document::load(source).context("full-2021.pdf")?;
    let pages = doc.get_pages();
    for (i, region) in TABLE_PICTURES.iter().enumerate() {
        let Some(&page_id) = pages.get(&region.page) else {
            bail!("full-2021.pdf has no page {}", region.page);
        };
        let name = format!("Table{i}");
        let (image, width, height) = render(source, region, &doc, page_id, tmp, i)?;
        let image_id = doc.add_object(image);
        // Take out what the page draws inside the region, then draw the picture.
        let mut content = Content::decode(&doc.get_page_content(page_id))?;
        content.operations = outside(content.operations, region);
        let (x, y) = (region.left - MARGIN, region.bottom - MARGIN);
        content.operations.extend([
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![
                    width.into(),
                    0.into(),
                    0.into(),
                    height.into(),
                    x.into(),
                    y.into(),
                ],
            ),
            Operation::new("Do", vec![Object::Name(name.clone().into_bytes())]),
            Operation::new("Q", vec![]),
        ]);
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content.encode()?));
        let mut resources = page_resources(&doc, page_id)?;
        let mut xobjects = match resources.get(b"XObject") {
            Ok(Object::Dictionary(d)) => d.clone(),
            Ok(Object::Reference(id)) => doc.get_dictionary(*id)?.clone(),
            _ => Dictionary::new(),
        };
        xobjects.set(name.into_bytes(), Object::Reference(image_id));
        resources.set("XObject", Object::Dictionary(xobjects));
        let page = doc.get_dictionary_mut(page_id)?;
        page.set("Contents", Object::Reference(content_id));
        page.set("Resources", Object::Dictionary(resources));
    }
    doc.prune_objects();
    doc.renumber_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

/// The page's resources as a dictionary of its own (inherited or shared
/// ones copied), to add the pictures to.
fn page_resources(doc: &Document, page_id: ObjectId) -> Result<Dictionary> {
    let (own, inherited) = doc.get_page_resources(page_id)?;
    if let Some(own) = own {
        return Ok(own.clone());
    }
    match inherited.first() {
        Some(id) => Ok(doc.get_dictionary(*id)?.clone()),
        None => Ok(Dictionary::new()),
    }
}

/// The region of the page rendered in grey at [`DPI`], as an image XObject
/// (Flate samples), with its size in points.
fn render(
    source: &Path,
    region: &TableRegion,
    doc: &Document,
    page_id: ObjectId,
    tmp: &Path,
    index: usize,
) -> Result<(Stream, f32, f32)> {
    let page_height = match doc.get_dictionary(page_id)?.get(b"MediaBox")? {
        Object::Array(a) => a.get(3).and_then(|o| o.as_float().ok()).unwrap_or(841.89),
        _ => 841.89,
    };
    let px = |points: f32| (points * DPI / 72.0).round() as u32;
    let (x, y) = (
        px(region.left - MARGIN),
        px(page_height - region.top - MARGIN),
    );
    let (w, h) = (
        px(region.right - region.left + 2.0 * MARGIN),
        px(region.top - region.bottom + 2.0 * MARGIN),
    );
    let prefix = tmp.join(format!("table-{index}"));
    let page = region.page.to_string();
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "200",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            &page,
            "-l",
            &page,
        ])
        .args(["-x", &x.to_string(), "-y", &y.to_string()])
        .args(["-W", &w.to_string(), "-H", &h.to_string()])
        .arg(source)
        .arg(&prefix)
        .status()
        .context("pdftoppm (Debian package poppler-utils)")?;
    if !status.success() {
        bail!("pdftoppm failed on page {page}");
    }
    let grey = image::open(prefix.with_extension("png"))?.into_luma8();
    let mut flate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    flate.write_all(grey.as_raw())?;
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => grey.width(),
        "Height" => grey.height(),
        "ColorSpace" => "DeviceGray",
        "BitsPerComponent" => 8,
        "Filter" => "FlateDecode",
    };
    let points = |pixels: u32| pixels as f32 * 72.0 / DPI;
    Ok((
        Stream::new(dict, flate.finish()?),
        points(grey.width()),
        points(grey.height()),
    ))
}

/// The operations outside `region`: each `q … Q` group at the top of the
/// page (LibreOffice draws every text run and every rule in one) whose
/// points (`Td`, `m`, `l`, `re`) all lie inside the region is left out.
fn outside(operations: Vec<Operation>, region: &TableRegion) -> Vec<Operation> {
    let inside = |x: f32, y: f32| {
        (region.left - MARGIN..=region.right + MARGIN).contains(&x)
            && (region.bottom - MARGIN..=region.top + MARGIN).contains(&y)
    };
    let mut out = Vec::new();
    let mut group: Vec<Operation> = Vec::new();
    let mut depth = 0usize;
    // The page's outer `q` (its clip) holds the groups.
    const GROUP_DEPTH: usize = 2;
    for op in operations {
        match op.operator.as_str() {
            "q" => depth += 1,
            "Q" => depth = depth.saturating_sub(1),
            _ => {}
        }
        let in_group = depth >= GROUP_DEPTH || (op.operator == "Q" && !group.is_empty());
        if !in_group {
            out.push(op);
            continue;
        }
        let closes = op.operator == "Q" && depth < GROUP_DEPTH;
        group.push(op);
        if closes {
            let points: Vec<(f32, f32)> = group
                .iter()
                .filter(|o| matches!(o.operator.as_str(), "Td" | "m" | "l" | "re"))
                .filter_map(|o| {
                    let x = o.operands.first()?.as_float().ok()?;
                    let y = o.operands.get(1)?.as_float().ok()?;
                    Some((x, y))
                })
                .collect();
            let drop = !points.is_empty() && points.iter().all(|&(x, y)| inside(x, y));
            if !drop {
                out.append(&mut group);
            }
            group.clear();
        }
    }
    out.append(&mut group);
    out
}
