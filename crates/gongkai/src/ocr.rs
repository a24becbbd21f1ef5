//! Pictures on pages: a reader whose pages can show images (PDF) reads its
//! text layer and says where each image is drawn, the raster reader reads
//! the wanted ones by OCR, and `--ocr` says which. The readers stay apart (a
//! PDF reader that knows no pixels, a raster reader that knows no PDF); this
//! is where the two meet: a picture's blocks go into the text layer's where
//! the picture is drawn.

use std::cell::RefCell;

use gongkai_format_image::{read_pictures, PictureUse};
use gongkai_ir::{
    Block, Diagnostic, Document, OcrMode, Placement, ReadError, ReadOptions, Reader, Severity,
    Unsupported, OCR_ENGINE, OCR_INSTALL,
};

/// A picture covering less of its page than this is not read (a seal, a
/// logo, an icon). The end of a table continued from the page before, pasted
/// as a picture, covers about a tenth of an A4 page.
const MIN_PICTURE_SHARE: f32 = 1.0 / 12.0;
/// The code of the warning for pictures left unread by `--ocr never`.
pub(crate) const OCR_NOT_READ: &str = "ocr.not_read";
/// The code of the warning for pictures left unread because the engine
/// cannot start (its own code: the remedy is to install, not a flag).
pub(crate) const OCR_UNAVAILABLE: &str = "ocr.unavailable";

/// Read a file of a format whose pages can show images (a PDF): its text
/// layer, and by OCR the pictures `--ocr` wants. A page without text is
/// read from the pictures it shows; a picture among text that covers none
/// of it (a table pasted as a picture) gives its tables, at its place; a
/// picture under text (a scan with its own OCR layer) is left to its text,
/// unless `--ocr always`. `--ocr never` reads the text layer alone and warns
/// of the pictures it leaves.
pub(crate) fn read_paged(
    reader: &'static dyn Reader,
    data: &[u8],
    options: &ReadOptions,
) -> Result<Document, ReadError> {
    let (text, no_text) = match reader.read(data, options) {
        Ok(doc) => (doc, None),
        Err(ReadError::NoTextLayer(why)) if options.ocr == OcrMode::Never => {
            return Err(ReadError::NoTextLayer(gongkai_ir::NoText::OcrNever(
                Box::new(why),
            )))
        }
        Err(ReadError::NoTextLayer(why)) => (Document::default(), Some(why)),
        Err(e) => return Err(e),
    };
    let layer = TextLayer::of(&text);
    if options.ocr == OcrMode::Never {
        return warn_unread(reader, data, options, text, &layer);
    }
    let pictures = reader.page_images(data, &options.limits, &|at| {
        layer.use_of(at, options.ocr).is_some()
    })?;
    let wanted: Vec<_> = pictures
        .into_iter()
        .filter_map(|image| {
            let what = layer.use_of(image.at.as_ref()?, options.ocr)?;
            Some((image, what))
        })
        .collect();
    if wanted.is_empty() {
        return match no_text {
            Some(why) => Err(ReadError::NoTextLayer(why)),
            None => Ok(text),
        };
    }
    let readings = match read_pictures(&wanted, options) {
        Ok(readings) => readings,
        // Without the engine, a file with text is read from its text alone,
        // saying what is left unread and what to install.
        Err(ReadError::Unsupported(Unsupported::NoOcr { missing })) if no_text.is_none() => {
            let mut text = text;
            text.diagnostics.push(unread(
                &wanted.iter().filter_map(|(i, _)| i.at).collect::<Vec<_>>(),
                &layer,
                OCR_UNAVAILABLE,
                &format!("Tesseract cannot start ({missing}); {OCR_INSTALL}"),
            ));
            return Ok(text);
        }
        Err(e) => return Err(e),
    };
    let mut doc = text;
    doc.diagnostics.extend(readings.diagnostics);
    for ((image, what), blocks) in wanted.iter().zip(readings.blocks) {
        if let Some(at) = &image.at {
            place(&mut doc.blocks, at, *what, blocks);
        }
    }
    Ok(doc)
}

/// `--ocr never` on a file with text: the text, and one warning when
/// pictures OCR would read are left unread.
fn warn_unread(
    reader: &'static dyn Reader,
    data: &[u8],
    options: &ReadOptions,
    mut text: Document,
    layer: &TextLayer,
) -> Result<Document, ReadError> {
    let seen = RefCell::new(Vec::new());
    // Nothing is wanted: the pictures are only looked at, never copied.
    reader.page_images(data, &options.limits, &|at| {
        if layer.use_of(at, OcrMode::Auto).is_some() {
            seen.borrow_mut().push(*at);
        }
        false
    })?;
    let seen = seen.into_inner();
    if !seen.is_empty() {
        text.diagnostics.push(unread(
            &seen,
            layer,
            OCR_NOT_READ,
            "OCR is turned off (--ocr never); drop it to read them",
        ));
    }
    Ok(text)
}

/// The warning `code` for pictures left unread, and why.
fn unread(pictures: &[Placement], layer: &TextLayer, code: &str, why: &str) -> Diagnostic {
    let pages = |scanned: bool| {
        let mut pages: Vec<u32> = pictures
            .iter()
            .filter(|p| layer.has_text(p.page) != scanned)
            .map(|p| p.page)
            .collect();
        pages.dedup();
        pages
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (scanned, among_text) = (pages(true), pages(false));
    let mut what = Vec::new();
    if !scanned.is_empty() {
        what.push(format!("page(s) {scanned} show only a picture (a scan)"));
    }
    if !among_text.is_empty() {
        what.push(format!(
            "page(s) {among_text} show a picture among the text that may hold a table"
        ));
    }
    Diagnostic::new(
        Severity::Warning,
        code,
        format!(
            "{}: not read, so the report may miss what they show; {why}",
            what.join("; ")
        ),
    )
}

/// Page and point of a place on a page; `None` for places of other kinds.
fn on_page(at: &gongkai_ir::Origin) -> Option<(u32, f32, f32)> {
    match at {
        gongkai_ir::Origin::Page { page, x, y } => Some((*page, *x, *y)),
        _ => None,
    }
}

/// Where the text layer has text: the pages, and the start of each block.
struct TextLayer {
    /// (page, x, y) of each block's start, in points from the page's top left.
    starts: Vec<(u32, f32, f32)>,
}

impl TextLayer {
    fn of(doc: &Document) -> TextLayer {
        let mut starts = Vec::new();
        for block in &doc.blocks {
            starts.extend(on_page(block.origin()));
            if let Block::Table(t) = block {
                starts.extend(t.rows.iter().filter_map(|r| on_page(&r.at)));
            }
        }
        TextLayer { starts }
    }

    fn has_text(&self, page: u32) -> bool {
        self.starts.iter().any(|(p, _, _)| *p == page)
    }

    /// What to read from a picture drawn at `at`, or `None` to leave it.
    fn use_of(&self, at: &Placement, mode: OcrMode) -> Option<PictureUse> {
        if at.page_share() < MIN_PICTURE_SHARE {
            return None;
        }
        if !self.has_text(at.page) {
            return Some(PictureUse::Page);
        }
        let covered = self
            .starts
            .iter()
            .any(|(p, x, y)| *p == at.page && at.contains(*x, *y));
        match (covered, mode) {
            (false, _) => Some(PictureUse::Tables),
            // Text over a picture is a scan's own OCR layer: trusted unless
            // `--ocr always` asks for the picture instead.
            (true, OcrMode::Always) => Some(PictureUse::Page),
            (true, _) => None,
        }
    }
}

/// Put a picture's blocks where it is drawn: before the first block of
/// its page that starts below its top (or of a later page); with
/// [`PictureUse::Page`], the text-layer blocks it covers give way to it.
fn place(blocks: &mut Vec<Block>, at: &Placement, what: PictureUse, read: Vec<Block>) {
    let on = |b: &Block| on_page(b.origin());
    if what == PictureUse::Page {
        blocks.retain(|b| !on(b).is_some_and(|(page, x, y)| page == at.page && at.contains(x, y)));
    }
    let index = blocks
        .iter()
        .position(|b| {
            on(b).is_some_and(|(page, _, y)| page > at.page || (page == at.page && y >= at.top))
        })
        .unwrap_or(blocks.len());
    blocks.splice(index..index, read);
}

/// The OCR engine a document was read with, as its reader named it.
pub(crate) fn engine(doc: &Document) -> Option<String> {
    doc.diagnostics
        .iter()
        .find(|d| d.code == OCR_ENGINE)
        .and_then(|d| d.raw.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_ir::{Origin, Paragraph};

    fn para(text: &str, page: u32, y: f32) -> Block {
        Block::Paragraph(Paragraph::new(text, Origin::Page { page, x: 72.0, y }))
    }

    fn picture(page: u32, top: f32, bottom: f32) -> Placement {
        Placement {
            page,
            left: 50.0,
            top,
            right: 545.0,
            bottom,
            page_width: 595.0,
            page_height: 842.0,
        }
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.as_str(),
                Block::Table(_) => "table",
            })
            .collect()
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            diagnostics: Vec::new(),
        }
    }

    #[test]
    fn a_picture_among_text_goes_where_it_is_drawn() {
        let mut blocks = vec![
            para("heading", 2, 100.0),
            para("after", 2, 600.0),
            para("next page", 3, 80.0),
        ];
        place(
            &mut blocks,
            &picture(2, 150.0, 550.0),
            PictureUse::Tables,
            vec![para("picture", 2, 160.0)],
        );
        assert_eq!(texts(&blocks), ["heading", "picture", "after", "next page"]);
        // A page without text: after the pages before it.
        place(
            &mut blocks,
            &picture(1, 0.0, 842.0),
            PictureUse::Page,
            vec![para("scan", 1, 10.0)],
        );
        assert_eq!(texts(&blocks)[0], "scan");
        place(
            &mut blocks,
            &picture(4, 0.0, 842.0),
            PictureUse::Page,
            vec![para("last", 4, 10.0)],
        );
        assert_eq!(texts(&blocks).last(), Some(&"last"));
    }

    #[test]
    fn which_pictures_are_read() {
        let layer = TextLayer::of(&doc(vec![
            para("heading", 2, 100.0),
            para("ocr layer", 3, 300.0),
        ]));
        let table = picture(2, 150.0, 550.0);
        assert_eq!(
            layer.use_of(&table, OcrMode::Auto),
            Some(PictureUse::Tables)
        );
        // A page without text.
        assert_eq!(
            layer.use_of(&picture(1, 0.0, 842.0), OcrMode::Auto),
            Some(PictureUse::Page)
        );
        // A seal: too small.
        let seal = Placement {
            right: 150.0,
            bottom: 250.0,
            ..table
        };
        assert_eq!(layer.use_of(&seal, OcrMode::Always), None);
        // Text over the picture: a scan's own OCR layer.
        let under = picture(3, 0.0, 842.0);
        assert_eq!(layer.use_of(&under, OcrMode::Auto), None);
        assert_eq!(
            layer.use_of(&under, OcrMode::Always),
            Some(PictureUse::Page)
        );
    }

    #[test]
    fn a_picture_read_instead_of_its_text_replaces_it() {
        let mut blocks = vec![para("ocr layer", 3, 300.0), para("page 4", 4, 80.0)];
        place(
            &mut blocks,
            &picture(3, 0.0, 842.0),
            PictureUse::Page,
            vec![para("read again", 3, 290.0)],
        );
        assert_eq!(texts(&blocks), ["read again", "page 4"]);
    }
}
