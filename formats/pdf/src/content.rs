//! The content-stream interpreter: graphics and text state, fonts; what a
//! page shows becomes glyphs with positions, what it paints goes to rule
//! collection. Form XObjects and annotations are drawn by [`forms`].

mod forms;
mod ops;

pub(crate) use forms::form_matrix;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use gongkai_ir::{Amount, Diagnostic, Limit, Limits, Oversize, ReadError, Severity};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::backend::{Glyph, Page};
use crate::budget::{Budget, Source};
use crate::font::{Code, Font};
use crate::font_arrays::Unparsed;
use crate::objects::{deref, get_dict, num, stream_data};
use crate::orient::{Frame, Turn, Votes};
use crate::page_tree::PageInfo;
use crate::rules::{Path, UserLine, MAX_SEGMENTS};
use ops::Operations;

/// Largest decompressed content of one page (its streams and the forms it
/// draws), in bytes.
pub(crate) const MAX_CONTENT: usize = 128 << 20;
/// Deepest `q` nesting kept: an unbalanced flood of `q` is capped.
pub(crate) const MAX_SAVES: usize = 4096;

/// An affine matrix `[a b c d e f]`, as PDF writes it.
pub(crate) type Matrix = [f32; 6];
pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1` then `m2` (PDF's row-vector order).
pub(crate) fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

/// The point `(x, y)` transformed by `m`.
pub(crate) fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One more operator drawn on page `page`, against `--max-pdf-ops`.
pub(crate) fn count_op(limits: &Limits, ops: &mut usize, page: u32) -> Result<(), ReadError> {
    *ops += 1;
    // Timed out or over the memory budget: stop here (cheaply: a
    // thread-local read every thousand operators).
    if ops.is_multiple_of(1024) {
        gongkai_ir::checkpoint()?;
    }
    if *ops > limits.max_pdf_ops {
        return Err(limits.exceeded(Limit::PdfOps, Oversize::PageOperators(page)));
    }
    Ok(())
}

/// A form drawn `depth` forms deep, against `--max-pdf-depth`.
pub(crate) fn check_depth(limits: &Limits, depth: usize) -> Result<(), ReadError> {
    if depth > limits.max_pdf_depth {
        return Err(limits.exceeded(Limit::PdfDepth, Oversize::FormNesting));
    }
    Ok(())
}

/// The graphics and text state that `q`/`Q` save and restore.
#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

/// The interpreter of one document's pages; fonts are loaded once for all pages.
pub struct Interp<'a, 'd> {
    doc: &'a Document,
    /// The object-stream members parsed without their `/Differences`.
    unparsed: &'a Unparsed,
    limits: &'a Limits,
    /// Index into `fonts` of each font dictionary seen.
    font_ids: HashMap<FontKey, usize>,
    fonts: Vec<Font>,
    /// Characters of text so far, against the text limit.
    chars: usize,
    /// Diagnostics already given (each once per document).
    reported: HashSet<String>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// A font resource: the object it refers to, or where a direct one lies.
#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Ref(ObjectId),
    Direct(usize),
}

/// What one page has drawn so far.
struct PageState<'a> {
    /// Glyphs in user space.
    glyphs: Vec<Glyph>,
    /// Rules in user space.
    lines: Vec<UserLine>,
    /// Operators interpreted, against `--max-pdf-ops`.
    ops: usize,
    /// Form XObjects being interpreted (cycles).
    forms: Vec<ObjectId>,
    codes: Vec<Code>,
    /// Bytes of content decoded for the page, against [`MAX_CONTENT`].
    decoded: usize,
    /// Each Form XObject's data, decoded once however often it is drawn.
    form_data: HashMap<ObjectId, Rc<Cow<'a, [u8]>>>,
    /// Which way the glyphs run, for the page's turn.
    votes: Votes,
}

impl<'a, 'd> Interp<'a, 'd> {
    /// An interpreter for `doc`'s pages; notes go to `diagnostics`.
    pub fn new(
        doc: &'a Document,
        unparsed: &'a Unparsed,
        limits: &'a Limits,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Interp {
            doc,
            unparsed,
            limits,
            font_ids: HashMap::new(),
            fonts: Vec::new(),
            chars: 0,
            reported: HashSet::new(),
            diagnostics,
        }
    }

    /// Page `number`: its glyphs and rules, on the upright page from its top left.
    pub fn page(&mut self, number: u32, info: &PageInfo<'a>) -> Result<Page, ReadError> {
        let mut state = PageState {
            glyphs: Vec::new(),
            lines: Vec::new(),
            ops: 0,
            forms: Vec::new(),
            codes: Vec::new(),
            decoded: 0,
            form_data: HashMap::new(),
            votes: Votes::default(),
        };
        let content = self.page_content(number, info, &mut state)?;
        let gs = GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        self.run(&content, info.resources, gs.clone(), &mut state, 0, number)?;
        self.annotations(info, &gs, &mut state, number)?;
        let frame = Frame::new(
            info.media,
            state.votes.winner(Turn::from_rotate(info.rotate)),
        );
        let glyphs = state
            .glyphs
            .into_iter()
            .map(|mut g| {
                (g.x, g.y) = frame.point(g.x, g.y);
                g
            })
            .collect();
        let segments = state.lines.into_iter().map(|l| frame.segment(l)).collect();
        let (width, height) = frame.size();
        Ok(Page {
            number,
            width,
            height,
            glyphs,
            segments,
        })
    }

    /// The page's content streams, decoded and joined, within the page's
    /// share of [`MAX_CONTENT`] and checked against `--max-pdf-array`.
    fn page_content(
        &mut self,
        number: u32,
        info: &PageInfo<'a>,
        st: &mut PageState<'a>,
    ) -> Result<Vec<u8>, ReadError> {
        let mut content = Vec::new();
        let contents = info.dict.get(b"Contents").ok();
        let streams: Vec<&Object> = match contents.and_then(|o| deref(self.doc, o)) {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(_) => contents.into_iter().collect(),
            None => Vec::new(),
        };
        for s in streams {
            if let Some(Object::Stream(stream)) = deref(self.doc, s) {
                if let Some(d) = self.decode(stream, st, number) {
                    content.extend_from_slice(&d);
                }
                content.push(b'\n');
            }
        }
        Budget::new(self.limits).scan(
            &content,
            Source::Content(gongkai_ir::PdfSource::Page(number)),
        )?;
        Ok(content)
    }

    /// A content stream's data within what is left of the page's
    /// [`MAX_CONTENT`]; `None` (and a warning) when it cannot be decoded.
    fn decode(
        &mut self,
        stream: &'a Stream,
        st: &mut PageState<'a>,
        page: u32,
    ) -> Option<Cow<'a, [u8]>> {
        match stream_data(stream, MAX_CONTENT.saturating_sub(st.decoded)) {
            Ok(d) => {
                st.decoded = st.decoded.saturating_add(d.len());
                Some(d)
            }
            Err(e) => {
                self.note(
                    page,
                    None,
                    Severity::Warning,
                    "pdf.content.undecodable",
                    format!("page {page}: a content stream cannot be decoded: {e}"),
                );
                None
            }
        }
    }

    /// Add a diagnostic about `page`, once per document; `raw` is the
    /// source text it concerns (a font's name).
    fn note(
        &mut self,
        page: u32,
        raw: Option<&str>,
        severity: Severity,
        code: &str,
        message: String,
    ) {
        if self.reported.insert(format!("{code}{message}")) {
            let mut d =
                Diagnostic::new(severity, code, message).with_at(format_args!("page {page}"));
            d.raw = raw.map(str::to_string);
            self.diagnostics.push(d);
        }
    }

    /// The font resource `name`, loaded on first use.
    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<usize> {
        let fonts = get_dict(self.doc, resources?, b"Font")?;
        let entry = fonts.get(name).ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Ref(*id),
            o => FontKey::Direct(o as *const Object as usize),
        };
        if let Some(idx) = self.font_ids.get(&key) {
            return Some(*idx);
        }
        // The object the font is (the end of a chain of references), if
        // it is one.
        let (id, dict) = self.doc.dereference(entry).ok()?;
        let dict = dict.as_dict().ok()?;
        let font = Font::load(self.doc, self.unparsed, dict, id);
        let idx = self.fonts.len();
        self.fonts.push(font);
        self.font_ids.insert(key, idx);
        Some(idx)
    }

    /// A loaded font by index.
    fn font_mut(&mut self, idx: usize) -> Option<&mut Font> {
        self.fonts.get_mut(idx)
    }

    /// Interpret one content stream (a page's, or a Form XObject's at `depth`).
    #[allow(clippy::too_many_lines)]
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: GState,
        st: &mut PageState<'a>,
        depth: usize,
        page: u32,
    ) -> Result<(), ReadError> {
        check_depth(self.limits, depth)?;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        let mut operations = Operations::new(content);
        while let Some(op) = operations.next() {
            let Ok(op) = op else {
                self.note(
                    page,
                    None,
                    Severity::Warning,
                    "pdf.content.malformed",
                    format!("page {page}: a content stream is malformed; the rest is skipped"),
                );
                break;
            };
            count_op(self.limits, &mut st.ops, page)?;
            let args = op.operands;
            let operator = op.operator;
            let f = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
            match operator {
                // Unbalanced q floods are capped.
                "q" if stack.len() < MAX_SAVES => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                "cm" => {
                    let m = [f(0), f(1), f(2), f(3), f(4), f(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    gs.font = match args.first() {
                        Some(Object::Name(n)) => self.font(resources, n),
                        _ => None,
                    };
                    gs.size = f(1);
                }
                "Tc" => gs.tc = f(0),
                "Tw" => gs.tw = f(0),
                "Tz" => gs.th = f(0) / 100.0,
                "TL" => gs.tl = f(0),
                "Ts" => gs.rise = f(0),
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.tl = -f(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, f(0), f(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [f(0), f(1), f(2), f(3), f(4), f(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if operator == "'" || operator == "\"" {
                        if operator == "\"" {
                            gs.tw = f(0);
                            gs.tc = f(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Object> = match args.last() {
                        Some(Object::Array(a)) if operator == "TJ" => a.iter().collect(),
                        Some(o) => vec![o],
                        None => Vec::new(),
                    };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, &gs, &mut tm, st, page)?;
                            }
                            o => {
                                let n = num(o).unwrap_or(0.0);
                                let vertical = gs
                                    .font
                                    .and_then(|i| self.font_mut(i))
                                    .is_some_and(|f| f.vertical);
                                let adj = -n / 1000.0 * gs.size;
                                let t = if vertical {
                                    [1.0, 0.0, 0.0, 1.0, 0.0, -adj]
                                } else {
                                    [1.0, 0.0, 0.0, 1.0, adj * gs.th, 0.0]
                                };
                                tm = mul(&t, &tm);
                            }
                        }
                    }
                }
                "m" => path.move_to(apply(&gs.ctm, f(0), f(1))),
                "l" => path.line_to(apply(&gs.ctm, f(0), f(1))),
                "c" | "v" | "y" => {
                    let (x, y) = match operator {
                        "c" => (f(4), f(5)),
                        _ => (f(2), f(3)),
                    };
                    path.curve_to(apply(&gs.ctm, x, y));
                }
                "h" => path.close(),
                "re" => {
                    let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                    path.rectangle([
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ]);
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    let close = matches!(operator, "s" | "b" | "b*");
                    path.stroke(close, &mut st.lines);
                    path = Path::default();
                }
                "f" | "F" | "f*" => {
                    path.fill(&mut st.lines);
                    path = Path::default();
                }
                "n" => path = Path::default(),
                "Do" => {
                    if let Some(Object::Name(n)) = args.first() {
                        self.xobject(n, resources, &gs, st, depth, page)?;
                    }
                }
                _ => {}
            }
            if st.lines.len() > MAX_SEGMENTS {
                st.lines.truncate(MAX_SEGMENTS);
                self.note(
                    page,
                    None,
                    Severity::Warning,
                    "pdf.content.too_many_rules",
                    format!("page {page}: more than {MAX_SEGMENTS} rules; the rest are ignored"),
                );
            }
        }
        Ok(())
    }

    /// Show a string: its glyphs at the text matrix `tm`, which moves on.
    fn show(
        &mut self,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        st: &mut PageState<'a>,
        page: u32,
    ) -> Result<(), ReadError> {
        let Some(idx) = gs.font else {
            return Ok(());
        };
        let doc = self.doc;
        let Some(font) = self.fonts.get_mut(idx) else {
            return Ok(());
        };
        st.codes.clear();
        font.decode(bytes, &mut st.codes);
        if font.wants_embedded() {
            // A code missing from ToUnicode: read the embedded font's cmap now.
            font.resolve(doc, self.unparsed);
            st.codes.clear();
            font.decode(bytes, &mut st.codes);
        }
        let vertical = font.vertical;
        let undecodable = std::mem::take(&mut font.undecodable);
        let font_name = font.name.clone();
        if undecodable {
            self.note(
                page,
                Some(&font_name),
                Severity::Error,
                "pdf.font.undecodable",
                format!(
                    "page {page}: font {font_name} has no ToUnicode map and no other way to \
                     map its codes to text; some text is missing"
                ),
            );
        }
        for code in &st.codes {
            let trm = mul(
                &[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise],
                &mul(tm, &gs.ctm),
            );
            let m = mul(tm, &gs.ctm);
            let scale_x = m[0].hypot(m[1]);
            let size = trm[2].hypot(trm[3]);
            let w = code.width / 1000.0 * gs.size;
            let space = if code.is_space { gs.tw } else { 0.0 };
            if !code.text.is_empty() {
                self.chars += code.text.chars().count();
                if self.chars > self.limits.max_text_chars {
                    return Err(self.limits.exceeded(
                        Limit::TextChars,
                        Oversize::Text(Amount::MoreThan(self.limits.max_text_chars as u64)),
                    ));
                }
                st.votes.add(Turn::of_baseline(m[0], m[1]));
                let (x, y) = (trm[4], trm[5]);
                let (x, y, width) = if vertical {
                    (x - size / 2.0, y - size * 0.88, size)
                } else {
                    (x, y, (w * gs.th) * scale_x)
                };
                st.glyphs.push(Glyph {
                    text: code.text.clone(),
                    x,
                    y,
                    width,
                    size,
                });
            }
            let t = if vertical {
                [1.0, 0.0, 0.0, 1.0, 0.0, -(gs.size + gs.tc + space)]
            } else {
                [1.0, 0.0, 0.0, 1.0, (w + gs.tc + space) * gs.th, 0.0]
            };
            *tm = mul(&t, tm);
        }
        Ok(())
    }
}
