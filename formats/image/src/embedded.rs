//! Page images another reader found in a document (a scanned PDF's pages),
//! still encoded as the file stores them, decoded to grey pages here: JPEG
//! by `image`, CCITT fax by `fax`, raw samples by hand (they are only
//! bytes in rows).

use gongkai_ir::{EmbeddedImage, Flaw, ImageEncoding, Limits, ReadError};

use crate::decode::{self, Page};

fn malformed(reason: Flaw) -> ReadError {
    ReadError::Malformed {
        format: "image",
        reason,
    }
}

/// Decode one embedded image to a grey page.
pub fn decode(image: &EmbeddedImage, limits: &Limits) -> Result<Page, ReadError> {
    let (width, height) = (image.width as usize, image.height as usize);
    let page = match image.encoding {
        ImageEncoding::Jpeg => decode::jpeg(&image.data, limits, image.page as usize)?,
        ImageEncoding::Fax { k } => fax(&image.data, width, height, k, image.page)?,
        ImageEncoding::Samples {
            bits,
            components,
            inverted,
        } => samples(image, width, height, bits, components, inverted)?,
    };
    Ok(page)
}

/// CCITT Group 3 or 4 data to a grey page (black 0, white 255).
fn fax(data: &[u8], width: usize, height: usize, k: i32, page: u32) -> Result<Page, ReadError> {
    let w16 = u16::try_from(width).map_err(|_| {
        malformed(Flaw::FaxWidth {
            page,
            width: width as u64,
        })
    })?;
    let h16 = u16::try_from(height).map_err(|_| {
        malformed(Flaw::FaxHeight {
            page,
            height: height as u64,
        })
    })?;
    let mut pixels = Vec::with_capacity(width.saturating_mul(height));
    let mut rows = 0usize;
    let mut line = |transitions: &[u16]| {
        // A G3 stream may run on past its stated height: keep only that many rows.
        if rows < height {
            pixels.extend(fax::decoder::pels(transitions, w16).map(|c| match c {
                fax::Color::Black => 0u8,
                fax::Color::White => 255u8,
            }));
            rows += 1;
        }
    };
    let decoded = if k < 0 {
        fax::decoder::decode_g4(data.iter().copied(), w16, Some(h16), &mut line)
    } else {
        fax::decoder::decode_g3(data.iter().copied(), &mut line)
    };
    if decoded.is_none() && rows == 0 {
        return Err(malformed(Flaw::FaxUndecodable { page }));
    }
    if rows < height {
        return Err(malformed(Flaw::FaxRows {
            page,
            rows: rows as u64,
            height: height as u64,
        }));
    }
    // A PDF's `/BlackIs1` and `/Decode` say which fax colour prints as ink;
    // producers get them wrong both ways, but a scanned page is mostly
    // paper: the majority colour is paper.
    let mut out = Page {
        width,
        height,
        pixels,
    };
    paper_is_the_majority(&mut out);
    Ok(out)
}

/// Swap ink and paper when most of a page is "ink".
fn paper_is_the_majority(page: &mut Page) {
    let dark = page.pixels.iter().filter(|&&p| p < 128).count();
    if dark * 2 > page.pixels.len() {
        for p in &mut page.pixels {
            *p = 255 - *p;
        }
    }
}

/// Raw samples (rows padded to a byte) to a grey page.
fn samples(
    image: &EmbeddedImage,
    width: usize,
    height: usize,
    bits: u8,
    components: u8,
    inverted: bool,
) -> Result<Page, ReadError> {
    let per_pixel = usize::from(bits) * usize::from(components);
    let row_bytes = width.saturating_mul(per_pixel).div_ceil(8);
    let needed = row_bytes.saturating_mul(height);
    if image.data.len() < needed {
        return Err(malformed(Flaw::SamplesShort {
            page: image.page,
            bytes: image.data.len() as u64,
            width: width as u64,
            height: height as u64,
            needed: needed as u64,
        }));
    }
    let max = (1u32 << bits.min(16)) - 1;
    let mut pixels = Vec::with_capacity(width.saturating_mul(height));
    for row in image.data.chunks_exact(row_bytes.max(1)).take(height) {
        for x in 0..width {
            let mut levels = [0u8; 4];
            for (c, level) in levels.iter_mut().enumerate().take(usize::from(components)) {
                let v = sample(
                    row,
                    (x * usize::from(components) + c) * usize::from(bits),
                    bits,
                );
                *level = ((v * 255 + max / 2) / max.max(1)) as u8;
            }
            let [a, b, c, d] = levels;
            let grey = match components {
                // CMYK: ink is black plus the least of the colours.
                4 => 255u8.saturating_sub(d.saturating_add(a.min(b).min(c))),
                3 => decode::paper_grey(a, b, c),
                _ => a,
            };
            pixels.push(if inverted { 255 - grey } else { grey });
        }
    }
    Ok(Page {
        width,
        height,
        pixels,
    })
}

/// The sample of `bits` bits starting at bit `at` of `row` (most significant first).
fn sample(row: &[u8], at: usize, bits: u8) -> u32 {
    let byte = |i: usize| u32::from(row.get(i).copied().unwrap_or(0));
    match bits {
        8 => byte(at / 8),
        16 => (byte(at / 8) << 8) | byte(at / 8 + 1),
        _ => {
            let shift = 8usize.saturating_sub(at % 8 + usize::from(bits));
            (byte(at / 8) >> shift) & ((1 << bits) - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bit_samples_are_black_on_white() {
        let image = EmbeddedImage {
            page: 1,
            width: 10,
            height: 2,
            encoding: ImageEncoding::Samples {
                bits: 1,
                components: 1,
                inverted: false,
            },
            data: vec![0b0111_1111, 0b1100_0000, 0xff, 0xff],
            at: None,
        };
        let page = decode(&image, &Limits::default()).unwrap();
        assert_eq!(page.pixels[0], 0);
        assert_eq!(page.pixels[1], 255);
        assert_eq!(page.pixels.len(), 20);
    }

    #[test]
    fn short_samples_are_an_error() {
        let image = EmbeddedImage {
            page: 3,
            width: 100,
            height: 100,
            encoding: ImageEncoding::Samples {
                bits: 8,
                components: 1,
                inverted: false,
            },
            data: vec![0; 10],
            at: None,
        };
        let e = decode(&image, &Limits::default()).unwrap_err().to_string();
        assert!(e.contains("page 3") && e.contains("need 10000"), "{e}");
    }

    #[test]
    fn a_g4_page_decodes() {
        use fax::{encoder::Encoder, Color, VecWriter};
        let (w, h) = (64u16, 8u16);
        let mut encoder = Encoder::new(VecWriter::new());
        for y in 0..h {
            let line = (0..w).map(|x| {
                if x == y * 4 {
                    Color::Black
                } else {
                    Color::White
                }
            });
            encoder.encode_line(line, w).unwrap();
        }
        let data = encoder.finish().unwrap().finish();
        let image = EmbeddedImage {
            page: 1,
            width: u32::from(w),
            height: u32::from(h),
            encoding: ImageEncoding::Fax { k: -1 },
            data,
            at: None,
        };
        let page = decode(&image, &Limits::default()).unwrap();
        assert_eq!(page.pixels[0], 0);
        assert_eq!(page.pixels[1], 255);
        assert_eq!(page.pixels[64 + 4], 0);
    }
}
