//! Generates the scanned-report fixtures under `fixtures/ocr/`: PDF
//! fixtures rendered as page images (`pdftoppm -gray -r 200`), as scanners
//! and web pages hand them out, some of them degraded:
//! - `NAME.png`: the pages stacked into one tall image (a long screenshot);
//! - `NAME.tif`: one TIFF page per PDF page (Deflate);
//! - `NAME-rotated.tif`: the same pages turned by 1° (a crooked scan);
//! - `NAME-q75.jpg`: the tall image as a JPEG of quality 75;
//! - `NAME-scan.pdf`: a scanned PDF as an office scanner makes it: each
//!   page turned by 0.8°, grain and specks, a red seal over part of 表四,
//!   a colour JPEG of quality 70 in a DCTDecode stream;
//! - `NAME-fax.pdf`: a fax-like PDF: each page turned by 1.5°, cut to
//!   1 bit, CCITT Group 4 in a CCITTFaxDecode stream.
//!
//! Hostile scans go to `fixtures/bad/`: `pdf-image-inflates.pdf` (a
//! 100×100 image whose stream inflates to 64 MB), `pdf-image-short.pdf`
//! (a 3000×3000 image of 1000 bytes) and `pdf-image-jbig2.pdf`.
//!
//! Each is checked against its source fixture's hand-written expectation
//! (`fixtures/pdf/NAME.expected.json`, read by `tests/ocr.rs`); none is copied
//! here, so that the fixture walk, which needs no Tesseract, skips them.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use gongkai_testkit::pdf::{scanned, ScannedPage};
use image::{GrayImage, ImageEncoder, Luma, Rgb, RgbImage};

/// (PDF fixture, the degradations made of it).
const SOURCES: &[(&str, &[Degradation])] = &[
    (
        "full-2021",
        &[
            Degradation::Tall,
            Degradation::Tiff,
            Degradation::Rotated,
            Degradation::ScanPdf,
            Degradation::FaxPdf,
        ],
    ),
    (
        "layout-2019",
        &[Degradation::Jpeg, Degradation::ScanPdf, Degradation::FaxPdf],
    ),
];

/// One way of handing out a scan.
#[derive(Debug, Clone, Copy)]
enum Degradation {
    Tall,
    Tiff,
    Rotated,
    Jpeg,
    ScanPdf,
    FaxPdf,
}

/// The crooked scan's rotation, in degrees.
const ROTATION_DEGREES: f32 = 1.0;
/// The office scan's rotation, JPEG quality and grain (grey levels either way).
const SCAN_DEGREES: f32 = 0.8;
const SCAN_QUALITY: u8 = 70;
const SCAN_GRAIN: i32 = 8;
/// The fax's rotation and the grey level below which a pixel is black.
const FAX_DEGREES: f32 = 1.5;
const FAX_THRESHOLD: u8 = 200;
/// The resolution the pages are rendered at.
const DPI: f32 = 200.0;
/// The office scan of the named fixtures.
const OFFICE_SCAN: ScanStyle = ScanStyle {
    degrees: SCAN_DEGREES,
    quality: SCAN_QUALITY,
    grain: SCAN_GRAIN,
    dpi: DPI,
    seed: 18,
};

/// How an office scanner degrades a document's pages.
pub(crate) struct ScanStyle {
    /// The turn of each page, in degrees.
    pub degrees: f32,
    /// JPEG quality.
    pub quality: u8,
    /// Grain, in grey levels either way.
    pub grain: i32,
    /// The resolution the pages were rendered at.
    pub dpi: f32,
    /// The grain's seed.
    pub seed: u64,
}
/// The red seal on the page with 表四: centre and radius in points from the
/// page's top left (over the 行政复议 block's numbers).
const SEAL: (f32, f32, f32) = (150.0, 400.0, 62.0);

/// Generate the fixtures.
pub fn run(root: &Path) -> Result<()> {
    hostile(root)?;
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
                    let turned: Vec<GrayImage> =
                        pages.iter().map(|p| rotate(p, ROTATION_DEGREES)).collect();
                    (format!("{name}-rotated.tif"), tiff(&turned)?)
                }
                Degradation::ScanPdf => (
                    format!("{name}-scan.pdf"),
                    scan_pdf(&pages, &OFFICE_SCAN, Some((pages.len(), SEAL)))?,
                ),
                Degradation::FaxPdf => {
                    (format!("{name}-fax.pdf"), fax_pdf(&pages, FAX_DEGREES, DPI))
                }
                Degradation::Jpeg => (format!("{name}-q75.jpg"), jpeg(&stack(&pages), 75)?),
            };
            std::fs::write(out.join(&file), bytes)?;
        }
    }
    Ok(())
}

/// Scanned PDFs whose image lies about its size, or is JBIG2.
fn hostile(root: &Path) -> Result<()> {
    use std::io::Write;
    let dir = root.join("fixtures/bad");
    let grey = "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode";
    let mut bomb = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![255u8; 1 << 20];
    for _ in 0..64 {
        bomb.write_all(&chunk)?;
    }
    let bomb = bomb.finish()?;
    let mut short = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    short.write_all(&[255u8; 1000])?;
    let short = short.finish()?;
    let one = |width, height, dict, data| {
        scanned(
            &[ScannedPage {
                width,
                height,
                dict,
                data,
            }],
            DPI,
        )
    };
    std::fs::write(
        dir.join("pdf-image-inflates.pdf"),
        one(100, 100, grey, &bomb),
    )?;
    std::fs::write(
        dir.join("pdf-image-short.pdf"),
        one(3000, 3000, grey, &short),
    )?;
    std::fs::write(
        dir.join("pdf-image-jbig2.pdf"),
        one(
            100,
            100,
            "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode",
            b"\x97JB2\r\n\x1a\n",
        ),
    )?;
    Ok(())
}

/// The PDF fixture's pages as grey images at 200 dpi.
fn render(root: &Path, name: &str, tmp: &Path) -> Result<Vec<GrayImage>> {
    render_pdf(&root.join(format!("fixtures/pdf/{name}.pdf")), DPI, tmp)
}

/// A PDF's pages as grey images at `dpi`, as it shows them.
pub(crate) fn render_pdf(pdf: &Path, dpi: f32, tmp: &Path) -> Result<Vec<GrayImage>> {
    let name = pdf
        .file_stem()
        .and_then(|s| s.to_str())
        .context("a PDF's name")?;
    let prefix = tmp.join(name);
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &format!("{dpi}"), "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .context("pdftoppm (Debian package poppler-utils)")?;
    if !status.success() {
        bail!("pdftoppm failed on {}", pdf.display());
    }
    let mut pages = Vec::new();
    for n in 1.. {
        // pdftoppm pads the page number to the width of the page count.
        let path = [1, 2, 3]
            .iter()
            .map(|w| tmp.join(format!("{name}-{n:0w$}.png", w = *w)))
            .find(|p| p.exists());
        let Some(path) = path else {
            break;
        };
        pages.push(image::open(&path)?.into_luma8());
        std::fs::remove_file(&path)?;
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

/// The pages as an office scanner hands them out: turned, grainy, specked,
/// a red seal on page `seal.0` (1-based; 表四) centred at `seal.1` (points
/// from the page's top left, and radius), colour JPEG in a PDF.
pub(crate) fn scan_pdf(
    pages: &[GrayImage],
    style: &ScanStyle,
    seal_at: Option<(usize, (f32, f32, f32))>,
) -> Result<Vec<u8>> {
    let mut noise = Lcg(style.seed);
    let mut jpegs = Vec::new();
    let grain_levels = 2 * style.grain.max(0) as u32 + 1;
    for (i, page) in pages.iter().enumerate() {
        let turned = rotate(page, style.degrees);
        let mut colour = RgbImage::from_fn(turned.width(), turned.height(), |x, y| {
            let grain = noise.below(grain_levels) as i32 - style.grain;
            // One pixel in 5000 is a dark speck of dust.
            let speck = noise.below(5000) == 0;
            let g = if speck {
                40
            } else {
                (i32::from(turned.get_pixel(x, y).0[0]) + grain).clamp(0, 255) as u8
            };
            Rgb([g, g, g])
        });
        // Scanners keep colour only for pages that have some (the seal's):
        // the others are grey JPEGs.
        let sealed = seal_at.filter(|(page, _)| *page == i + 1);
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, style.quality);
        if let Some((_, at)) = sealed {
            seal(&mut colour, style.dpi, at);
            encoder.write_image(
                colour.as_raw(),
                colour.width(),
                colour.height(),
                image::ExtendedColorType::Rgb8,
            )?;
        } else {
            let grey = image::DynamicImage::ImageRgb8(colour.clone()).into_luma8();
            encoder.write_image(
                grey.as_raw(),
                grey.width(),
                grey.height(),
                image::ExtendedColorType::L8,
            )?;
        }
        let space = if sealed.is_some() {
            "/DeviceRGB"
        } else {
            "/DeviceGray"
        };
        jpegs.push((colour.width(), colour.height(), space, out));
    }
    let dicts: Vec<String> = jpegs
        .iter()
        .map(|(_, _, space, _)| {
            format!("/ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode")
        })
        .collect();
    let pages: Vec<ScannedPage> = jpegs
        .iter()
        .zip(&dicts)
        .map(|((w, h, _, data), dict)| ScannedPage {
            width: *w,
            height: *h,
            dict,
            data,
        })
        .collect();
    Ok(scanned(&pages, style.dpi))
}

/// A red seal: a ring, an inner ring and a star, multiplied over the page
/// like ink (black print shows through).
fn seal(page: &mut RgbImage, dpi: f32, (cx, cy, r): (f32, f32, f32)) {
    let px = dpi / 72.0;
    let (cx, cy, r) = (cx * px, cy * px, r * px);
    let ring = 4.0 * px;
    for y in 0..page.height() {
        for x in 0..page.width() {
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let d = (dx * dx + dy * dy).sqrt();
            let on_ring = (d - r).abs() < ring / 2.0 || (d - 0.8 * r).abs() < ring / 4.0;
            // A five-pointed star's rough shape: radius varying with the angle.
            let angle = dy.atan2(dx) + std::f32::consts::FRAC_PI_2;
            let star = 0.25 * r * (1.0 + 0.6 * (5.0 * angle).cos());
            if on_ring || d < star {
                let p = page.get_pixel_mut(x, y);
                // Red ink of (230, 40, 40), multiplied with what is below.
                let ink = [230u32, 40, 40];
                for (c, i) in p.0.iter_mut().zip(ink) {
                    *c = (u32::from(*c) * i / 255) as u8;
                }
            }
        }
    }
}

/// The pages (rendered at `dpi`) as a fax machine sends them: turned by
/// `degrees`, 1 bit, CCITT Group 4.
pub(crate) fn fax_pdf(pages: &[GrayImage], degrees: f32, dpi: f32) -> Vec<u8> {
    use fax::{encoder::Encoder, Color, VecWriter};
    let mut encoded = Vec::new();
    for page in pages {
        let turned = rotate(page, degrees);
        let width = turned.width() as u16;
        let mut encoder = Encoder::new(VecWriter::new());
        for y in 0..turned.height() {
            let line = (0..turned.width()).map(|x| {
                if turned.get_pixel(x, y).0[0] < FAX_THRESHOLD {
                    Color::Black
                } else {
                    Color::White
                }
            });
            // VecWriter cannot fail.
            let _ = encoder.encode_line(line, width);
        }
        let data = match encoder.finish() {
            Ok(writer) => writer.finish(),
            Err(_) => Vec::new(),
        };
        let dict = format!(
            "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode \
             /DecodeParms << /K -1 /Columns {} /Rows {} /BlackIs1 false >>",
            turned.width(),
            turned.height()
        );
        encoded.push((turned.width(), turned.height(), dict, data));
    }
    let pages: Vec<ScannedPage> = encoded
        .iter()
        .map(|(w, h, dict, data)| ScannedPage {
            width: *w,
            height: *h,
            dict,
            data,
        })
        .collect();
    scanned(&pages, dpi)
}

/// A small deterministic pseudo-random sequence, so that fixtures regenerate byte for byte.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(n.max(1))) as u32
    }
}

/// The page turned by `degrees` about its centre, paper filling the corners.
fn rotate(page: &GrayImage, degrees: f32) -> GrayImage {
    let (sin, cos) = degrees.to_radians().sin_cos();
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
