//! Scanned pages: the picture each page shows, as the file stores it, for
//! the raster (OCR) reader to decode. The PDF knowledge stays here (image
//! dictionaries, filters, colour spaces, fax parameters); pixels are the
//! raster reader's.
//!
//! An image's stated size is checked against `--max-image-pixels` before
//! its stream is inflated, and the stream is inflated to at most the bytes
//! that size needs: a stream that lies about its size is an error, never a
//! big allocation.

use gongkai_ir::{
    Amount, EmbeddedImage, Flaw, ImageEncoding, Limit, Limits, Lock, Oversize, ReadError,
    ScanCodec, Unsupported,
};
use lopdf::{Dictionary, Document, Object, Stream};

use crate::budget::{Budget, Source};
use crate::objects::{deref, flawed, get, get_dict, stream_data};
use crate::page_tree::{self, PageInfo};

/// Bytes a sample stream may decode to past what its size needs (padding
/// some producers add); more than this is a stream lying about its size.
const SAMPLE_SLACK: usize = 4096;

/// The largest image each page shows (a scan is one image a page), in page
/// order; pages without an image are left out. JBIG2 and JPEG 2000 images
/// are refused.
pub fn page_images(data: &[u8], limits: &Limits) -> Result<Vec<EmbeddedImage>, ReadError> {
    let mut budget = Budget::new(limits);
    budget.scan(data, Source::File)?;
    let doc = crate::lopdf_backend::load(data, &budget)?;
    if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
        return Err(ReadError::Encrypted {
            format: "pdf",
            reason: Lock::PdfPassword,
        });
    }
    let pages = page_tree::pages(&doc, limits)?;
    let mut out = Vec::new();
    for (i, info) in pages.iter().enumerate() {
        gongkai_ir::checkpoint()?;
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let Some(stream) = largest_image(&doc, info) else {
            continue;
        };
        limits.check(Limit::OcrPages, out.len() as u64 + 1, || {
            Oversize::ScanPages(pages.len() as u64)
        })?;
        out.push(embedded(&doc, stream, number, limits)?);
    }
    Ok(out)
}

/// The page's image XObject with the most pixels.
fn largest_image<'a>(doc: &'a Document, info: &PageInfo<'a>) -> Option<&'a Stream> {
    let xobjects = get_dict(doc, info.resources?, b"XObject")?;
    xobjects
        .iter()
        .filter_map(|(_, o)| deref(doc, o)?.as_stream().ok())
        .filter(|s| matches!(s.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Image"))
        .max_by_key(|s| {
            let (w, h) = (int(doc, &s.dict, b"Width"), int(doc, &s.dict, b"Height"));
            w.unwrap_or(0).saturating_mul(h.unwrap_or(0))
        })
}

fn int(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<u64> {
    match get(doc, dict, key)? {
        Object::Integer(i) => u64::try_from(*i).ok(),
        _ => None,
    }
}

/// The filter names of a stream, in decoding order.
fn filters(doc: &Document, dict: &Dictionary) -> Vec<Vec<u8>> {
    match get(doc, dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o)?.as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    }
}

/// The image codec's filter (the last one), when it is one the raster reader takes.
enum Codec {
    Jpeg,
    Fax,
    Samples,
}

fn embedded(
    doc: &Document,
    stream: &Stream,
    page: u32,
    limits: &Limits,
) -> Result<EmbeddedImage, ReadError> {
    let dict = &stream.dict;
    let (Some(width), Some(height)) = (int(doc, dict, b"Width"), int(doc, dict, b"Height")) else {
        return Err(flawed(Flaw::ImageNoSize(page)));
    };
    limits.check(Limit::ImagePixels, width.saturating_mul(height), || {
        Oversize::Image {
            page: u64::from(page),
            width,
            height,
        }
    })?;
    let names = filters(doc, dict);
    let codec = match names.last().map(Vec::as_slice) {
        Some(b"DCTDecode") => Codec::Jpeg,
        Some(b"CCITTFaxDecode") => Codec::Fax,
        Some(b"JBIG2Decode") => return Err(unsupported(page, ScanCodec::Jbig2)),
        Some(b"JPXDecode") => return Err(unsupported(page, ScanCodec::Jpeg2000)),
        _ => Codec::Samples,
    };
    let (w32, h32) = (
        u32::try_from(width).unwrap_or(u32::MAX),
        u32::try_from(height).unwrap_or(u32::MAX),
    );
    let image = |encoding, data| EmbeddedImage {
        page,
        width: w32,
        height: h32,
        encoding,
        data,
    };
    // Both codecs compress at least 2:1 over 8-bit grey; their own decoders
    // check the data against the size.
    let coded_max = usize::try_from(width.saturating_mul(height).saturating_mul(4))
        .unwrap_or(usize::MAX)
        .saturating_add(SAMPLE_SLACK);
    match codec {
        Codec::Jpeg => Ok(image(
            ImageEncoding::Jpeg,
            before_codec(stream, names.len(), coded_max, page)?,
        )),
        Codec::Fax => {
            let params = fax_params(doc, dict, names.len());
            let k = params.and_then(|p| int_signed(doc, p, b"K")).unwrap_or(0);
            Ok(image(
                ImageEncoding::Fax {
                    k: i32::try_from(k).unwrap_or(-1),
                },
                before_codec(stream, names.len(), coded_max, page)?,
            ))
        }
        Codec::Samples => {
            let (bits, components, inverted) = sample_format(doc, dict, page)?;
            let encoding = ImageEncoding::Samples {
                bits,
                components,
                inverted,
            };
            let row = width
                .saturating_mul(u64::from(bits) * u64::from(components))
                .div_ceil(8);
            let needed = usize::try_from(row.saturating_mul(height)).unwrap_or(usize::MAX);
            let data = match stream_data(stream, needed.saturating_add(SAMPLE_SLACK)) {
                Ok(d) => d.into_owned(),
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => return Err(lying(page, width, height, needed, None)),
                Err(e) => {
                    return Err(flawed(Flaw::ImageUndecodable {
                        page,
                        detail: e.to_string(),
                    }))
                }
            };
            if data.len() < needed || data.len() > needed.saturating_add(SAMPLE_SLACK) {
                return Err(lying(page, width, height, needed, Some(data.len())));
            }
            Ok(image(encoding, data))
        }
    }
}

fn unsupported(page: u32, codec: ScanCodec) -> ReadError {
    ReadError::Unsupported(Unsupported::ScanCodec { page, codec })
}

/// The error for an image stream whose decoded length does not match its
/// stated size (`got`: what it decoded to, `None`: more than allowed).
fn lying(page: u32, width: u64, height: u64, needed: usize, got: Option<usize>) -> ReadError {
    let got = got.map_or_else(
        || Amount::MoreThan(needed.saturating_add(SAMPLE_SLACK) as u64),
        |n| Amount::Exactly(n as u64),
    );
    flawed(Flaw::ImageLength {
        page,
        width,
        height,
        needed: needed as u64,
        got,
    })
}

fn int_signed(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<i64> {
    match get(doc, dict, key)? {
        Object::Integer(i) => Some(*i),
        _ => None,
    }
}

/// The codec's `/DecodeParms` (the last of an array, for the last filter).
fn fax_params<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    filters: usize,
) -> Option<&'a Dictionary> {
    match get(doc, dict, b"DecodeParms")? {
        Object::Dictionary(d) => Some(d),
        Object::Array(a) => deref(doc, a.get(filters.checked_sub(1)?)?)?.as_dict().ok(),
        _ => None,
    }
}

/// The stream's data with every filter before the image codec undone
/// (usually none), decoded to at most `max` bytes.
fn before_codec(
    stream: &Stream,
    filters: usize,
    max: usize,
    page: u32,
) -> Result<Vec<u8>, ReadError> {
    if filters <= 1 {
        return Ok(stream.content.clone());
    }
    let mut outer = stream.clone();
    let names: Vec<Object> = match stream.dict.get(b"Filter") {
        Ok(Object::Array(a)) => a.iter().take(filters - 1).cloned().collect(),
        _ => Vec::new(),
    };
    outer.dict.set("Filter", Object::Array(names));
    outer.dict.remove(b"DecodeParms");
    stream_data(&outer, max)
        .map(std::borrow::Cow::into_owned)
        .map_err(|e| {
            flawed(Flaw::ImageUndecodable {
                page,
                detail: e.to_string(),
            })
        })
}

/// Bits a sample, samples a pixel, and whether ink and paper are swapped.
fn sample_format(
    doc: &Document,
    dict: &Dictionary,
    page: u32,
) -> Result<(u8, u8, bool), ReadError> {
    let mask = matches!(get(doc, dict, b"ImageMask"), Some(Object::Boolean(true)));
    let bits = if mask {
        1
    } else {
        int(doc, dict, b"BitsPerComponent").unwrap_or(8)
    };
    if !matches!(bits, 1 | 2 | 4 | 8 | 16) {
        return Err(flawed(Flaw::ImageBits { page, bits }));
    }
    let components = if mask {
        1
    } else {
        colour_components(doc, get(doc, dict, b"ColorSpace"))
            .ok_or_else(|| unsupported(page, ScanCodec::ColourMapped))?
    };
    // `/Decode [1 0]` (on a grey or mask image) swaps ink and paper.
    let inverted = match get(doc, dict, b"Decode") {
        Some(Object::Array(a)) => matches!(
            a.first().and_then(|o| deref(doc, o)).and_then(crate::objects::num),
            Some(v) if v > 0.5
        ),
        _ => false,
    };
    Ok((bits as u8, components, inverted))
}

/// Samples a pixel of a device or ICC colour space; `None` for the others.
fn colour_components(doc: &Document, space: Option<&Object>) -> Option<u8> {
    match space? {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Some(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
            b"DeviceCMYK" | b"CMYK" => Some(4),
            _ => None,
        },
        Object::Array(a) => {
            let family = deref(doc, a.first()?)?.as_name().ok()?;
            match family {
                b"ICCBased" => {
                    let profile = deref(doc, a.get(1)?)?.as_stream().ok()?;
                    match int(doc, &profile.dict, b"N")? {
                        n @ (1 | 3 | 4) => Some(n as u8),
                        _ => None,
                    }
                }
                b"CalGray" => Some(1),
                b"CalRGB" => Some(3),
                _ => None,
            }
        }
        _ => None,
    }
}
