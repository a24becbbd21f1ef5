//! Generates the scanned-report fixtures under `fixtures/ocr/`: PDF
//! fixtures rendered as page images (`pdftoppm -gray -r 200`), as scanners
//! and web pages hand them out, some of them degraded:
//! - `NAME.png`: the pages stacked into one tall image (a long screenshot);
//! - `NAME.tif`: one TIFF page per PDF page (Deflate);
//! - `NAME-rotated.tif`: the same pages turned by 1° (a crooked scan);
//! - `NAME-q75.jpg`: the tall image as a JPEG of quality 75.
//!
//! Each is checked against its source fixture's hand-written expectation
//! (`fixtures/pdf/NAME.expected.json`, read by `tests/ocr.rs`); none is copied
//! here, so that the fixture walk, which needs no Tesseract, skips them.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use image::{GrayImage, ImageEncoder, Luma};

/// (PDF fixture, the degradations made of it).
const SOURCES: &[(&str, &[Degradation])] = &[
    (
        "full-2021",
        &[Degradation::Tall, Degradation::Tiff, Degradation::Rotated],
    ),
    ("layout-2019", &[Degradation::Jpeg]),
];

/// One way of handing out a scan.
#[derive(Debug, Clone, Copy)]
enum Degradation {
    Tall,
    Tiff,
    Rotated,
    Jpeg,
}

/// The crooked scan's rotation, in degrees.
const ROTATION_DEGREES: f32 = 1.0;

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    let out = root.join("fixtures/ocr");
    std::fs::create_dir_all(&out)?;
    let tmp = std::env::temp_dir().join("gongkai-ocr-fixtures");
    std::fs::create_dir_all(&tmp)?;
    for (name, degradations) in SOURCES {
        let pages = render(root, name, &tmp)?;
        for degradation in *degradations {
            let (file, bytes) = match degradation {
                Degradation::Tall => (format!("{name}.png"), png(&stack(&pages))?),
                Degradation::Tiff => (format!("{name}.tif"), tiff(&pages)?),
                Degradation::Rotated => {
                    let turned: Vec<GrayImage> = pages.iter().map(rotate).collect();
                    (format!("{name}-rotated.tif"), tiff(&turned)?)
                }
                Degradation::Jpeg => (format!("{name}-q75.jpg"), jpeg(&stack(&pages), 75)?),
            };
            std::fs::write(out.join(&file), bytes)?;
        }
    }
    Ok(())
}

/// The PDF fixture's pages as grey images at 200 dpi.
fn render(root: &Path, name: &str, tmp: &Path) -> Result<Vec<GrayImage>> {
    let prefix = tmp.join(name);
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", "200", "-png"])
        .arg(root.join(format!("fixtures/pdf/{name}.pdf")))
        .arg(&prefix)
        .status()
        .context("pdftoppm (Debian package poppler-utils)")?;
    if !status.success() {
        bail!("pdftoppm failed on {name}.pdf");
    }
    let mut pages = Vec::new();
    for n in 1.. {
        let path = tmp.join(format!("{name}-{n}.png"));
        if !path.exists() {
            break;
        }
        pages.push(image::open(&path)?.into_luma8());
    }
    Ok(pages)
}

/// The pages one under another, as one tall image.
fn stack(pages: &[GrayImage]) -> GrayImage {
    let width = pages.iter().map(GrayImage::width).max().unwrap_or(0);
    let height = pages.iter().map(GrayImage::height).sum();
    let mut tall = GrayImage::from_pixel(width, height, Luma([255]));
    let mut top = 0;
    for page in pages {
        for (x, y, p) in page.enumerate_pixels() {
            tall.put_pixel(x, top + y, *p);
        }
        top += page.height();
    }
    tall
}

/// The page turned by [`ROTATION_DEGREES`] about its centre, paper filling the corners.
fn rotate(page: &GrayImage) -> GrayImage {
    let (sin, cos) = ROTATION_DEGREES.to_radians().sin_cos();
    let (w, h) = (page.width() as f32, page.height() as f32);
    let grey = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= i64::from(page.width()) || y >= i64::from(page.height()) {
            255.0
        } else {
            f32::from(page.get_pixel(x as u32, y as u32).0[0])
        }
    };
    GrayImage::from_fn(page.width(), page.height(), |x, y| {
        let (dx, dy) = (x as f32 - w / 2.0, y as f32 - h / 2.0);
        let sx = w / 2.0 + dx * cos + dy * sin;
        let sy = h / 2.0 - dx * sin + dy * cos;
        let (fx, fy) = (sx - sx.floor(), sy - sy.floor());
        let (ix, iy) = (sx.floor() as i64, sy.floor() as i64);
        let top = grey(ix, iy) * (1.0 - fx) + grey(ix + 1, iy) * fx;
        let bottom = grey(ix, iy + 1) * (1.0 - fx) + grey(ix + 1, iy + 1) * fx;
        Luma([(top * (1.0 - fy) + bottom * fy).round() as u8])
    })
}

fn png(image: &GrayImage) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Best,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        image::ExtendedColorType::L8,
    )?;
    Ok(out)
}

fn jpeg(image: &GrayImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        image::ExtendedColorType::L8,
    )?;
    Ok(out)
}

/// A multi-page grey TIFF, Deflate-compressed.
fn tiff(pages: &[GrayImage]) -> Result<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    let mut encoder = tiff::encoder::TiffEncoder::new(&mut out)?.with_compression(
        tiff::encoder::Compression::Deflate(tiff::encoder::DeflateLevel::Best),
    );
    for page in pages {
        encoder.write_image::<tiff::encoder::colortype::Gray8>(
            page.width(),
            page.height(),
            page.as_raw(),
        )?;
    }
    Ok(out.into_inner())
}
