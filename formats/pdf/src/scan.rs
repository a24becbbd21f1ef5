//! Pictures on pages (a scanned page, a table pasted as a picture): each
//! image a page draws, where it lands on the page (the matrix it is drawn
//! under, followed through forms) and its data as the file stores it, for
//! the raster (OCR) reader to decode. The PDF knowledge stays here (content
//! operators, image dictionaries, filters, colour spaces, fax parameters);
//! pixels are the raster reader's, and which pictures to read the caller's.
//!
//! An image's stated size is checked against `--max-image-pixels` before
//! its stream is inflated, and the stream is inflated to at most the bytes
//! that size needs: a stream that lies about its size is an error, never a
//! big allocation.

use gongkai_ir::{
    Amount, EmbeddedImage, Flaw, ImageEncoding, Limit, Limits, Lock, Oversize, Placement,
    ReadError, ScanCodec, Unsupported,
};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::budget::{Budget, Source};
use crate::content::{
    apply, check_depth, count_op, form_matrix, mul, Matrix, IDENTITY, MAX_CONTENT, MAX_SAVES,
};
use crate::objects::{deref, flawed, get, get_dict, stream_data};
use crate::orient::{Frame, Turn};
use crate::page_tree::{self, PageInfo};

/// Bytes a sample stream may decode to past what its size needs (padding
/// some producers add); more than this is a stream lying about its size.
const SAMPLE_SLACK: usize = 4096;

/// The images the pages draw where `wanted` says yes, with where each is
/// drawn, in page order and drawing order (an image drawn twice on a page
/// once). JBIG2 and JPEG 2000 images are refused.
pub fn page_images(
    data: &[u8],
    limits: &Limits,
    wanted: &dyn Fn(&Placement) -> bool,
) -> Result<Vec<EmbeddedImage>, ReadError> {
    if !names_images(data) {
        return Ok(Vec::new());
    }
    let mut budget = Budget::new(limits);
    budget.scan(data, Source::File)?;
    let (doc, _) = crate::lopdf_backend::load(data, &budget)?;
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
        for (stream, at) in drawn_images(&doc, info, number, limits)? {
            if !wanted(&at) {
                continue;
            }
            limits.check(Limit::OcrPages, out.len() as u64 + 1, || {
                Oversize::ScanPages(pages.len() as u64)
            })?;
            let mut image = embedded(&doc, stream, number, limits)?;
            image.at = Some(at);
            out.push(image);
        }
    }
    Ok(out)
}

/// Whether the file writes the name `/Image` (not `/ImageB` of a
/// `/ProcSet`). An image XObject is a stream, and a stream is never inside
/// an object stream: a file that never writes the name draws no image (most
/// text PDFs), and is not loaded a second time.
fn names_images(data: &[u8]) -> bool {
    const NAME: &[u8] = b"/Image";
    memchr::memmem::find_iter(data, NAME).any(|at| {
        data.get(at + NAME.len())
            .is_none_or(|&next| next.is_ascii_whitespace() || b"()<>[]{}/%".contains(&next))
    })
}

/// The image XObjects a page draws (directly or through forms), each with
/// the box it fills on the upright page; an image drawn twice counts once.
fn drawn_images<'a>(
    doc: &'a Document,
    info: &PageInfo<'a>,
    page: u32,
    limits: &'a Limits,
) -> Result<Vec<(&'a Stream, Placement)>, ReadError> {
    let mut walk = Walk {
        doc,
        limits,
        page,
        ops: 0,
        decoded: 0,
        forms: Vec::new(),
        found: Vec::new(),
    };
    let content = walk.page_content(info)?;
    walk.run(&content, info.resources, IDENTITY, 0)?;
    let frame = Frame::new(info.media, Turn::from_rotate(info.rotate));
    let (page_width, page_height) = frame.size();
    Ok(walk
        .found
        .into_iter()
        .map(|(_, stream, [x0, y0, x1, y1])| {
            let (ax, ay) = frame.point(x0, y0);
            let (bx, by) = frame.point(x1, y1);
            let at = Placement {
                page,
                left: ax.min(bx),
                top: ay.min(by),
                right: ax.max(bx),
                bottom: ay.max(by),
                page_width,
                page_height,
            };
            (stream, at)
        })
        .collect())
}

/// A walk through a page's content for the images it draws: only the
/// matrix is followed (no text, no paths), within the page's operator limit.
struct Walk<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    page: u32,
    ops: usize,
    /// Bytes of content decoded, against [`MAX_CONTENT`].
    decoded: usize,
    /// Forms being walked (cycles).
    forms: Vec<ObjectId>,
    /// Each image drawn: its object, its stream and its user-space box.
    found: Vec<(ObjectId, &'a Stream, [f32; 4])>,
}

impl<'a> Walk<'a> {
    /// The page's content streams, decoded and joined.
    fn page_content(&mut self, info: &PageInfo<'a>) -> Result<Vec<u8>, ReadError> {
        let contents = info.dict.get(b"Contents").ok();
        let streams: Vec<&Object> = match contents.and_then(|o| deref(self.doc, o)) {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(_) => contents.into_iter().collect(),
            None => Vec::new(),
        };
        let mut content = Vec::new();
        for s in streams {
            if let Some(Object::Stream(stream)) = deref(self.doc, s) {
                // A stream that cannot be inflated draws nothing here; the
                // text path reports it.
                if let Ok(d) = stream_data(stream, MAX_CONTENT.saturating_sub(self.decoded)) {
                    self.decoded = self.decoded.saturating_add(d.len());
                    content.extend_from_slice(&d);
                }
                content.push(b'\n');
            }
        }
        Budget::new(self.limits).scan(
            &content,
            Source::Content(gongkai_ir::PdfSource::Page(self.page)),
        )?;
        Ok(content)
    }

    /// Follow one content stream's matrix to each `Do`.
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut ctm: Matrix,
        depth: usize,
    ) -> Result<(), ReadError> {
        check_depth(self.limits, depth)?;
        let mut stack: Vec<Matrix> = Vec::new();
        for op in Content::decode_iter(content) {
            // A malformed stream draws nothing past the fault (as on the text path).
            let Ok(op) = op else { break };
            count_op(self.limits, &mut self.ops, self.page)?;
            match op.operator.as_str() {
                "q" if stack.len() < MAX_SAVES => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    let f = |i: usize| {
                        op.operands
                            .get(i)
                            .and_then(crate::objects::num)
                            .unwrap_or(0.0)
                    };
                    ctm = mul(&[f(0), f(1), f(2), f(3), f(4), f(5)], &ctm);
                }
                "Do" => {
                    if let Some(Object::Name(name)) = op.operands.first() {
                        self.xobject(name, resources, &ctm, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `Do`: note an image where it lands, or walk a form.
    fn xobject(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: &Matrix,
        depth: usize,
    ) -> Result<(), ReadError> {
        let doc = self.doc;
        let Some(Object::Reference(id)) = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|d| d.get(name).ok())
        else {
            return Ok(());
        };
        let Ok(Object::Stream(stream)) = doc.get_object(*id) else {
            return Ok(());
        };
        match get(doc, &stream.dict, b"Subtype") {
            Some(Object::Name(n)) if n == b"Image" => {
                if self.found.iter().any(|(seen, _, _)| seen == id) {
                    return Ok(());
                }
                // An image fills the unit square of the matrix it is drawn under.
                let corners =
                    [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)].map(|(x, y)| apply(ctm, x, y));
                let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for (x, y) in corners {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
                self.found.push((*id, stream, [x0, y0, x1, y1]));
            }
            Some(Object::Name(n)) if n == b"Form" => {
                if self.forms.contains(id) {
                    return Ok(());
                }
                let Ok(data) = stream_data(stream, MAX_CONTENT.saturating_sub(self.decoded)) else {
                    return Ok(());
                };
                self.decoded = self.decoded.saturating_add(data.len());
                let matrix = mul(&form_matrix(doc, stream), ctm);
                let inner = get_dict(doc, &stream.dict, b"Resources").or(resources);
                self.forms.push(*id);
                let walked = self.run(&data, inner, matrix, depth + 1);
                self.forms.pop();
                walked?;
            }
            _ => {}
        }
        Ok(())
    }
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
        at: None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_testkit::pdf::{one_page, stream};

    /// A 2×2 grey image as object 6, a form drawing it as object 7.
    fn objects() -> (Vec<u8>, Vec<u8>) {
        let image = stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &[0, 255, 255, 0],
        );
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Matrix [1 0 0 1 10 20] /Resources << /XObject << /Im 6 0 R >> >>",
            b"q 100 0 0 50 0 0 cm /Im Do Q",
        );
        (image, form)
    }

    fn images(content: &[u8]) -> Vec<EmbeddedImage> {
        let (image, form) = objects();
        let pdf = one_page(
            content,
            "/XObject << /Im 6 0 R /Fm 7 0 R >>",
            &[&image, &form],
        );
        page_images(&pdf, &Limits::default(), &|_| true).unwrap()
    }

    #[test]
    fn an_image_is_placed_where_its_matrix_draws_it() {
        let found = images(b"BT /F 12 Tf 72 800 Td (Text) Tj ET q 200 0 0 100 50 600 cm /Im Do Q");
        assert_eq!(found.len(), 1);
        let at = found[0].at.unwrap();
        assert_eq!((at.page, at.page_width, at.page_height), (1, 595.0, 842.0));
        assert_eq!(
            (at.left, at.top, at.right, at.bottom),
            (50.0, 142.0, 250.0, 242.0)
        );
        assert_eq!(found[0].data, vec![0, 255, 255, 0]);
    }

    #[test]
    fn an_image_drawn_by_a_form_is_placed_through_both_matrices() {
        let found = images(b"q 2 0 0 2 0 0 cm /Fm Do Q /Im Do");
        // Drawn twice (by the form, then directly): once, where first drawn.
        assert_eq!(found.len(), 1);
        let at = found[0].at.unwrap();
        assert_eq!(
            (at.left, at.top, at.right, at.bottom),
            (20.0, 702.0, 220.0, 802.0)
        );
    }

    #[test]
    fn a_file_that_names_no_image_is_not_looked_at_again() {
        assert!(!names_images(
            b"/ProcSet [/PDF /Text /ImageB /ImageC /ImageI]"
        ));
        assert!(names_images(b"<< /Subtype /Image /Width 2"));
        assert!(names_images(b"<</Subtype/Image/Width 2"));
    }

    #[test]
    fn unwanted_images_are_not_copied_and_undrawn_ones_not_seen() {
        let (image, form) = objects();
        let pdf = one_page(b"", "/XObject << /Im 6 0 R /Fm 7 0 R >>", &[&image, &form]);
        assert!(page_images(&pdf, &Limits::default(), &|_| true)
            .unwrap()
            .is_empty());
        let pdf = one_page(b"/Im Do", "/XObject << /Im 6 0 R >>", &[&image]);
        let seen = std::cell::Cell::new(0);
        let found = page_images(&pdf, &Limits::default(), &|_| {
            seen.set(seen.get() + 1);
            false
        })
        .unwrap();
        assert!(found.is_empty());
        assert_eq!(seen.get(), 1);
    }
}
