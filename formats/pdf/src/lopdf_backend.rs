//! The lopdf backend: lopdf parses the file (xref, streams, decryption); we
//! walk the page tree and interpret content streams for glyphs and rules.

use std::collections::{HashMap, HashSet};

use gongkai_ir::{Diagnostic, Limits, ReadError, Severity};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::backend::{Backend, Glyph, Page, Segment};
use crate::font::{Code, Font};

/// Largest decompressed content stream (one page), in bytes.
const MAX_CONTENT: usize = 128 << 20;
/// Most operators interpreted on one page, Form XObjects included.
const MAX_OPS: usize = 20_000_000;
/// Most rule segments kept from one page (the table code is quadratic in them).
const MAX_SEGMENTS: usize = 200_000;

/// Backend on lopdf.
pub struct LopdfBackend;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn limit(what: impl Into<String>, limit: usize, flag: &'static str) -> ReadError {
    ReadError::Limit {
        what: what.into(),
        limit: limit.to_string(),
        flag,
    }
}

fn malformed(reason: impl std::fmt::Display) -> ReadError {
    ReadError::Malformed {
        format: "pdf",
        reason: reason.to_string(),
    }
}

impl Backend for LopdfBackend {
    fn pages(
        &self,
        data: &[u8],
        limits: &Limits,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Page>, ReadError> {
        let options = LoadOptions {
            max_decompressed_size: Some(MAX_CONTENT),
            ..LoadOptions::default()
        };
        let doc = Document::load_mem_with_options(data, options).map_err(|e| match e {
            lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ReadError::Encrypted {
                format: "pdf",
                reason: e.to_string(),
            },
            e => malformed(e),
        })?;
        if doc.trailer.get(b"Encrypt").is_ok() && doc.encryption_state.is_none() {
            return Err(ReadError::Encrypted {
                format: "pdf",
                reason: "a password is needed to open it".into(),
            });
        }
        if doc.objects.len() > limits.max_pdf_objects {
            return Err(limit(
                format!("{} PDF objects", doc.objects.len()),
                limits.max_pdf_objects,
                "--max-pdf-objects",
            ));
        }
        let page_dicts = page_tree(&doc, limits)?;
        let mut interp = Interp {
            doc: &doc,
            limits,
            font_ids: HashMap::new(),
            fonts: Vec::new(),
            chars: 0,
            reported: HashSet::new(),
            diagnostics,
        };
        let mut pages = Vec::with_capacity(page_dicts.len());
        for (n, info) in page_dicts.iter().enumerate() {
            pages.push(interp.page(n as u32 + 1, info)?);
        }
        Ok(pages)
    }
}

/// A page dictionary with its inherited attributes.
struct PageInfo<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
    media: [f32; 4],
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn rect(doc: &Document, o: Option<&Object>) -> Option<[f32; 4]> {
    let Object::Array(a) = deref(doc, o?)? else {
        return None;
    };
    let v: Vec<f32> = a
        .iter()
        .filter_map(|o| deref(doc, o).and_then(num))
        .collect();
    match v.as_slice() {
        [x0, y0, x1, y1] if (x1 - x0).abs() > 1.0 && (y1 - y0).abs() > 1.0 => {
            Some([x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)])
        }
        _ => None,
    }
}

/// The pages in order, walking the tree with a visited set (loops) and a depth limit.
fn page_tree<'a>(doc: &'a Document, limits: &Limits) -> Result<Vec<PageInfo<'a>>, ReadError> {
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .ok_or_else(|| malformed("no document catalog"))?;
    let pages = root
        .get(b"Pages")
        .ok()
        .ok_or_else(|| malformed("no page tree"))?;
    let mut out = Vec::new();
    let mut seen: HashSet<ObjectId> = HashSet::new();
    // (node, depth, inherited resources, inherited media box)
    type Node<'b> = (&'b Object, usize, Option<&'b Dictionary>, Option<[f32; 4]>);
    let mut stack: Vec<Node<'a>> = vec![(pages, 0, None, None)];
    // Page-tree nodes whose objects are missing: in a truncated file lopdf
    // rebuilds the xref from what is left, and reading on would drop pages
    // without a word.
    let mut missing = 0usize;
    while let Some((node, depth, res, media)) = stack.pop() {
        if depth > limits.max_pdf_depth {
            return Err(limit(
                "page tree depth",
                limits.max_pdf_depth,
                "--max-pdf-depth",
            ));
        }
        if let Object::Reference(id) = node {
            if !seen.insert(*id) {
                continue; // a loop in the page tree
            }
        }
        let Some(dict) = deref(doc, node).and_then(|o| o.as_dict().ok()) else {
            missing += 1;
            continue;
        };
        let res = dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
            .or(res);
        let media = rect(doc, dict.get(b"CropBox").ok())
            .or_else(|| rect(doc, dict.get(b"MediaBox").ok()))
            .or(media);
        match dict.get(b"Kids").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Array(kids)) => {
                for kid in kids.iter().rev() {
                    stack.push((kid, depth + 1, res, media));
                }
            }
            _ => {
                if out.len() >= limits.max_pages {
                    return Err(limit(
                        format!("more than {} pages", limits.max_pages),
                        limits.max_pages,
                        "--max-pages",
                    ));
                }
                out.push(PageInfo {
                    dict,
                    resources: res,
                    media: media.unwrap_or([0.0, 0.0, 595.0, 842.0]),
                });
            }
        }
    }
    if missing > 0 {
        return Err(malformed(format!(
            "{missing} page(s) of the page tree are missing (the file is truncated or damaged)"
        )));
    }
    Ok(out)
}

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

struct Interp<'a, 'd> {
    doc: &'a Document,
    limits: &'a Limits,
    /// Index into `fonts` of each font dictionary seen.
    font_ids: HashMap<FontKey, usize>,
    fonts: Vec<Font>,
    chars: usize,
    reported: HashSet<String>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

#[derive(Hash, PartialEq, Eq)]
enum FontKey {
    Ref(ObjectId),
    Direct(usize),
}

struct PageState {
    glyphs: Vec<Glyph>,
    /// Lines in user space: (x0, y0, x1, y1).
    lines: Vec<[f32; 4]>,
    ops: usize,
    /// Form XObjects being interpreted (cycles).
    forms: Vec<ObjectId>,
    codes: Vec<Code>,
}

/// A path under construction, in user space (CTM applied).
#[derive(Default)]
struct Path {
    /// Subpaths as point lists, with a closed flag.
    subpaths: Vec<(Vec<(f32, f32)>, bool)>,
}

impl<'a> Interp<'a, '_> {
    fn page(&mut self, number: u32, info: &PageInfo<'a>) -> Result<Page, ReadError> {
        let [x0, y0, x1, y1] = info.media;
        let mut content = Vec::new();
        let contents = info.dict.get(b"Contents").ok();
        let streams: Vec<&Object> = match contents.and_then(|o| deref(self.doc, o)) {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(_) => contents.into_iter().collect(),
            None => Vec::new(),
        };
        for s in streams {
            if let Some(Object::Stream(st)) = deref(self.doc, s) {
                match st.decompressed_content_with_limit(MAX_CONTENT) {
                    Ok(d) => content.extend_from_slice(&d),
                    Err(_) if st.dict.get(b"Filter").is_err() => {
                        content.extend_from_slice(&st.content)
                    }
                    Err(e) => self.note(
                        Severity::Warning,
                        "pdf.content.undecodable",
                        format!("page {number}: a content stream cannot be decoded: {e}"),
                    ),
                }
                content.push(b'\n');
            }
        }
        let mut state = PageState {
            glyphs: Vec::new(),
            lines: Vec::new(),
            ops: 0,
            forms: Vec::new(),
            codes: Vec::new(),
        };
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
        self.run(&content, info.resources, gs, &mut state, 0, number)?;
        // To top-left coordinates.
        let height = y1 - y0;
        let glyphs = state
            .glyphs
            .into_iter()
            .map(|mut g| {
                g.x -= x0;
                g.y = y1 - g.y;
                g
            })
            .collect();
        let segments = state
            .lines
            .into_iter()
            .map(|[ax, ay, bx, by]| Segment {
                x0: ax.min(bx) - x0,
                x1: ax.max(bx) - x0,
                y0: y1 - ay.max(by),
                y1: y1 - ay.min(by),
            })
            .collect();
        Ok(Page {
            number,
            width: x1 - x0,
            height,
            glyphs,
            segments,
        })
    }

    fn note(&mut self, severity: Severity, code: &str, message: String) {
        if self.reported.insert(format!("{code}{message}")) {
            self.diagnostics
                .push(Diagnostic::new(severity, code, message));
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<usize> {
        let fonts = resources?
            .get(b"Font")
            .ok()
            .and_then(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())?;
        let entry = fonts.get(name).ok()?;
        let key = match entry {
            Object::Reference(id) => FontKey::Ref(*id),
            o => FontKey::Direct(o as *const Object as usize),
        };
        if let Some(idx) = self.font_ids.get(&key) {
            return Some(*idx);
        }
        let dict = deref(self.doc, entry).and_then(|o| o.as_dict().ok())?;
        let font = Font::load(self.doc, dict);
        let idx = self.fonts.len();
        self.fonts.push(font);
        self.font_ids.insert(key, idx);
        Some(idx)
    }

    fn font_mut(&mut self, idx: usize) -> Option<&mut Font> {
        self.fonts.get_mut(idx)
    }

    #[allow(clippy::too_many_lines)]
    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: GState,
        st: &mut PageState,
        depth: usize,
        page: u32,
    ) -> Result<(), ReadError> {
        if depth > self.limits.max_pdf_depth {
            return Err(limit(
                "Form XObject nesting",
                self.limits.max_pdf_depth,
                "--max-pdf-depth",
            ));
        }
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        let mut font_cache: Option<(usize, *const Font)> = None;
        let _ = &mut font_cache;
        for op in Content::decode_iter(content) {
            let Ok(op) = op else {
                self.note(
                    Severity::Warning,
                    "pdf.content.malformed",
                    format!("page {page}: a content stream is malformed; the rest is skipped"),
                );
                break;
            };
            st.ops += 1;
            if st.ops > MAX_OPS {
                self.note(
                    Severity::Warning,
                    "pdf.content.too_long",
                    format!("page {page}: more than {MAX_OPS} operators; the rest is skipped"),
                );
                break;
            }
            let args = &op.operands;
            let f = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                // Unbalanced q floods are capped.
                "q" if stack.len() < 4096 => stack.push(gs.clone()),
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
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            gs.tw = f(0);
                            gs.tc = f(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    let items: Vec<&Object> = match args.last() {
                        Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
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
                "m" => {
                    let p = apply(&gs.ctm, f(0), f(1));
                    path.subpaths.push((vec![p], false));
                }
                "l" => {
                    let p = apply(&gs.ctm, f(0), f(1));
                    match path.subpaths.last_mut() {
                        Some((pts, _)) if pts.len() < 100_000 => pts.push(p),
                        Some(_) => {}
                        None => path.subpaths.push((vec![p], false)),
                    }
                }
                "c" | "v" | "y" => {
                    // Curves are not rules; keep the end point so the path stays connected.
                    let (x, y) = match op.operator.as_str() {
                        "c" => (f(4), f(5)),
                        _ => (f(2), f(3)),
                    };
                    let p = apply(&gs.ctm, x, y);
                    if let Some((pts, _)) = path.subpaths.last_mut() {
                        // A curve breaks straightness: start a fresh subpath there.
                        let _ = pts;
                    }
                    path.subpaths.push((vec![p], false));
                }
                "h" => {
                    if let Some((_, closed)) = path.subpaths.last_mut() {
                        *closed = true;
                    }
                }
                "re" => {
                    let (x, y, w, h) = (f(0), f(1), f(2), f(3));
                    let pts = vec![
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    if path.subpaths.len() < 100_000 {
                        path.subpaths.push((pts, true));
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    let close = matches!(op.operator.as_str(), "s" | "b" | "b*");
                    stroke(&path, close, &mut st.lines);
                    path = Path::default();
                }
                "f" | "F" | "f*" => {
                    fill(&path, &mut st.lines);
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
                    Severity::Warning,
                    "pdf.content.too_many_rules",
                    format!("page {page}: more than {MAX_SEGMENTS} rules; the rest are ignored"),
                );
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &GState,
        st: &mut PageState,
        depth: usize,
        page: u32,
    ) -> Result<(), ReadError> {
        let Some(entry) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(name).ok())
        else {
            return Ok(());
        };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        if let Some(id) = id {
            if st.forms.contains(&id) {
                return Ok(()); // a Form XObject that draws itself
            }
        }
        let Some(Object::Stream(stream)) = deref(self.doc, entry) else {
            return Ok(());
        };
        let is_form = matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form");
        if !is_form {
            return Ok(());
        }
        let data = match stream.decompressed_content_with_limit(MAX_CONTENT) {
            Ok(d) => d,
            Err(_) if stream.dict.get(b"Filter").is_err() => stream.content.clone(),
            Err(_) => return Ok(()),
        };
        let matrix = match stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| deref(self.doc, o))
        {
            Some(Object::Array(a)) if a.len() == 6 => {
                let v: Vec<f32> = a.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                [
                    v.first().copied().unwrap_or(1.0),
                    v.get(1).copied().unwrap_or(0.0),
                    v.get(2).copied().unwrap_or(0.0),
                    v.get(3).copied().unwrap_or(1.0),
                    v.get(4).copied().unwrap_or(0.0),
                    v.get(5).copied().unwrap_or(0.0),
                ]
            }
            _ => IDENTITY,
        };
        let res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(self.doc, o))
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        let mut inner = gs.clone();
        inner.ctm = mul(&matrix, &gs.ctm);
        if let Some(id) = id {
            st.forms.push(id);
        }
        let r = self.run(&data, res, inner, st, depth + 1, page);
        st.forms.pop();
        r
    }

    fn show(
        &mut self,
        bytes: &[u8],
        gs: &GState,
        tm: &mut Matrix,
        st: &mut PageState,
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
            font.resolve(doc);
            st.codes.clear();
            font.decode(bytes, &mut st.codes);
        }
        let vertical = font.vertical;
        let undecodable = std::mem::take(&mut font.undecodable);
        let font_name = font.name.clone();
        if undecodable {
            self.note(
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
                    return Err(limit(
                        format!(
                            "more than {} characters of text",
                            self.limits.max_text_chars
                        ),
                        self.limits.max_text_chars,
                        "--max-text-chars",
                    ));
                }
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

/// Largest thickness of a filled rectangle read as a rule, in points.
const RULE_THICKNESS: f32 = 3.0;
/// Slack for calling a line horizontal or vertical, in points.
const AXIS_SLACK: f32 = 0.5;

fn push_line(a: (f32, f32), b: (f32, f32), out: &mut Vec<[f32; 4]>) {
    let horizontal = (a.1 - b.1).abs() <= AXIS_SLACK;
    let vertical = (a.0 - b.0).abs() <= AXIS_SLACK;
    if (horizontal || vertical) && (a.0 - b.0).abs() + (a.1 - b.1).abs() > 0.5 {
        if horizontal {
            let y = (a.1 + b.1) / 2.0;
            out.push([a.0, y, b.0, y]);
        } else {
            let x = (a.0 + b.0) / 2.0;
            out.push([x, a.1, x, b.1]);
        }
    }
}

fn stroke(path: &Path, close_all: bool, out: &mut Vec<[f32; 4]>) {
    for (pts, closed) in &path.subpaths {
        for w in pts.windows(2) {
            if let [a, b] = w {
                push_line(*a, *b, out);
            }
        }
        if *closed || close_all {
            if let (Some(a), Some(b)) = (pts.last(), pts.first()) {
                if pts.len() > 2 {
                    push_line(*a, *b, out);
                }
            }
        }
    }
}

fn fill(path: &Path, out: &mut Vec<[f32; 4]>) {
    for (pts, _) in &path.subpaths {
        if pts.len() < 3 {
            continue;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for &(x, y) in pts {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let (w, h) = (x1 - x0, y1 - y0);
        // A thin filled rectangle is a rule; a big one is a background.
        if h <= RULE_THICKNESS && w > h {
            let y = (y0 + y1) / 2.0;
            out.push([x0, y, x1, y]);
        } else if w <= RULE_THICKNESS && h > w {
            let x = (x0 + x1) / 2.0;
            out.push([x, y0, x, y1]);
        }
    }
}
