//! Page images from PNG, JPEG and (multi-page) TIFF bytes, each checked
//! against the pixel limit before its pixels are decoded.

use gongkai_ir::{Amount, Flaw, Limit, Limits, Oversize, ReadError};
use std::io::Cursor;

/// One page as 8-bit grey levels, row by row (0 black, 255 white).
#[derive(Debug, Clone)]
pub struct Page {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height` grey levels.
    pub pixels: Vec<u8>,
}

impl Page {
    /// The grey level at (x, y); white outside the page.
    pub fn at(&self, x: usize, y: usize) -> u8 {
        if x >= self.width {
            return 255;
        }
        y.checked_mul(self.width)
            .and_then(|row| self.pixels.get(row + x))
            .copied()
            .unwrap_or(255)
    }
}

/// The file kinds this reader decodes, told by their magic numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// PNG.
    Png,
    /// JPEG (JFIF or EXIF).
    Jpeg,
    /// TIFF, little or big endian.
    Tiff,
}

impl Kind {
    /// The kind of `data`, from its first bytes.
    pub fn of(data: &[u8]) -> Option<Kind> {
        if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Kind::Png)
        } else if data.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(Kind::Jpeg)
        } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
            Some(Kind::Tiff)
        } else {
            None
        }
    }
}

/// An image the decoder refuses, in its words.
fn malformed(e: impl std::fmt::Display) -> ReadError {
    flawed(Flaw::parser(e))
}

fn flawed(reason: Flaw) -> ReadError {
    ReadError::Malformed {
        format: "image",
        reason,
    }
}

/// Refuse a page of more pixels than `--max-image-pixels` allows.
fn check_pixels(limits: &Limits, width: u64, height: u64, page: usize) -> Result<(), ReadError> {
    let pixels = width.saturating_mul(height);
    limits.check(Limit::ImagePixels, pixels, || Oversize::Image {
        page: page as u64,
        width,
        height,
    })
}

/// Decode every page of `data`; pages beyond `--max-pages` are refused.
pub fn pages(data: &[u8], limits: &Limits) -> Result<Vec<Page>, ReadError> {
    match Kind::of(data) {
        Some(Kind::Tiff) => tiff_pages(data, limits),
        Some(kind) => single(data, kind, limits).map(|p| vec![p]),
        None => Err(flawed(Flaw::NotAnImage)),
    }
}

/// A PNG's size from its IHDR chunk, which the format fixes at bytes 16..24:
/// read before the decoder, which wants the first data chunk too.
fn png_size(data: &[u8]) -> Option<(u64, u64)> {
    let word = |at: usize| -> Option<u64> {
        let bytes: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
        Some(u64::from(u32::from_be_bytes(bytes)))
    };
    (data.get(12..16) == Some(b"IHDR")).then_some(())?;
    Some((word(16)?, word(20)?))
}

/// A JPEG (of a scanned PDF's page `page`) to a grey page.
pub fn jpeg(data: &[u8], limits: &Limits, page: usize) -> Result<Page, ReadError> {
    single_page(data, Kind::Jpeg, limits, page)
}

fn single(data: &[u8], kind: Kind, limits: &Limits) -> Result<Page, ReadError> {
    single_page(data, kind, limits, 1)
}

fn single_page(data: &[u8], kind: Kind, limits: &Limits, page: usize) -> Result<Page, ReadError> {
    use image::ImageDecoder;
    if let Some((w, h)) = png_size(data) {
        check_pixels(limits, w, h, page)?;
    }
    let format = match kind {
        Kind::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(data), format);
    let mut decoder_limits = image::Limits::default();
    // Four bytes a pixel at most while decoding (RGBA), under the memory budget.
    decoder_limits.max_alloc = Some(
        limits
            .max_image_pixels
            .saturating_mul(4)
            .min(limits.max_memory),
    );
    reader.limits(decoder_limits);
    let decoder = reader.into_decoder().map_err(malformed)?;
    let (w, h) = decoder.dimensions();
    check_pixels(limits, u64::from(w), u64::from(h), page)?;
    let image = image::DynamicImage::from_decoder(decoder).map_err(malformed)?;
    let (width, height) = (image.width() as usize, image.height() as usize);
    let pixels = if image.color().has_color() {
        grey_of(image.into_rgb8().as_raw(), 3)
    } else {
        image.into_luma8().into_raw()
    };
    Ok(Page {
        width,
        height,
        pixels,
    })
}

fn tiff_pages(data: &[u8], limits: &Limits) -> Result<Vec<Page>, ReadError> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::ColorType;
    let mut tiff_limits = tiff::decoder::Limits::default();
    let budget = usize::try_from(limits.max_image_pixels.saturating_mul(4)).unwrap_or(usize::MAX);
    tiff_limits.decoding_buffer_size = budget;
    tiff_limits.intermediate_buffer_size = budget;
    let mut decoder = Decoder::new(Cursor::new(data))
        .map_err(malformed)?
        .with_limits(tiff_limits);
    let mut out = Vec::new();
    loop {
        let number = out.len() + 1;
        limits.check(Limit::Pages, number as u64, || {
            Oversize::TiffPages(Amount::MoreThan(number as u64 - 1))
        })?;
        limits.check(Limit::OcrPages, number as u64, || {
            Oversize::TiffOcrPages(Amount::MoreThan(number as u64 - 1))
        })?;
        let (w, h) = decoder.dimensions().map_err(malformed)?;
        check_pixels(limits, u64::from(w), u64::from(h), number)?;
        let colour = decoder.colortype().map_err(malformed)?;
        let result = decoder.read_image().map_err(malformed)?;
        let (width, height) = (w as usize, h as usize);
        let samples: Vec<u8> = match result {
            DecodingResult::U8(v) => v,
            DecodingResult::U16(v) => v.into_iter().map(|s| (s >> 8) as u8).collect(),
            _ => return Err(flawed(Flaw::TiffBits)),
        };
        let pixels = match colour {
            ColorType::Gray(_) => samples,
            ColorType::RGB(_) => grey_of(&samples, 3),
            ColorType::RGBA(_) => grey_of(&samples, 4),
            ColorType::GrayA(_) => samples
                .chunks_exact(2)
                .map(|c| c.first().copied().unwrap_or(255))
                .collect(),
            other => return Err(flawed(Flaw::TiffColour(format!("{other:?}")))),
        };
        if pixels.len() != width.saturating_mul(height) {
            return Err(flawed(Flaw::TiffShort));
        }
        out.push(Page {
            width,
            height,
            pixels,
        });
        if !decoder.more_images() {
            break;
        }
        decoder.next_image().map_err(malformed)?;
    }
    Ok(out)
}

/// Grey levels of packed RGB(A) samples, coloured ink dropped (see [`paper_grey`]).
fn grey_of(samples: &[u8], channels: usize) -> Vec<u8> {
    samples
        .chunks_exact(channels)
        .map(|c| match c {
            [r, g, b, ..] => paper_grey(*r, *g, *b),
            _ => 255,
        })
        .collect()
}

/// The grey level of a colour pixel, taken as its brightest channel: black
/// print stays dark in every channel, while a red or blue stamp or
/// signature over a table is bright in its own channel and drops out.
pub fn paper_grey(r: u8, g: u8, b: u8) -> u8 {
    r.max(g).max(b)
}
