//! What a page draws besides its own content: Form XObjects (`Do`) and the
//! normal appearances of its widget annotations (filled form fields). Both
//! are content streams drawn under a matrix, counted against the page's
//! operators and decoded once per page however often they are drawn.

use std::rc::Rc;

use gongkai_ir::ReadError;
use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::{apply, mul, GState, Interp, Matrix, PageState, IDENTITY};
use crate::budget::{Budget, Source};
use crate::objects::{deref, get, get_dict, num, rect};
use crate::page_tree::PageInfo;

/// Annotation flags that keep an annotation off the screen: Hidden, NoView.
const HIDDEN: i64 = 2 | 32;

/// A form to draw: its stream, the matrix it is drawn under and the
/// resources its names are looked up in.
struct Form<'a> {
    id: ObjectId,
    stream: &'a Stream,
    matrix: Matrix,
    resources: Option<&'a Dictionary>,
}

impl<'a> Interp<'a, '_> {
    /// `Do`: draw the Form XObject `name` (images are not text).
    pub(super) fn xobject(
        &mut self,
        name: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &GState,
        st: &mut PageState<'a>,
        depth: usize,
        page: u32,
    ) -> Result<(), ReadError> {
        // A stream is always an indirect object.
        let Some(Object::Reference(id)) = resources
            .and_then(|r| get_dict(self.doc, r, b"XObject"))
            .and_then(|d| d.get(name).ok())
        else {
            return Ok(());
        };
        let Ok(Object::Stream(stream)) = self.doc.get_object(*id) else {
            return Ok(());
        };
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
            return Ok(());
        }
        let form = Form {
            id: *id,
            stream,
            matrix: self.form_matrix(stream),
            resources: get_dict(self.doc, &stream.dict, b"Resources").or(resources),
        };
        self.draw_form(form, gs, st, depth, page)
    }

    /// Draw each visible widget annotation's normal appearance where the
    /// annotation lies: the text of filled form fields.
    pub(super) fn annotations(
        &mut self,
        info: &PageInfo<'a>,
        gs: &GState,
        st: &mut PageState<'a>,
        page: u32,
    ) -> Result<(), ReadError> {
        let doc = self.doc;
        let Some(Object::Array(annots)) = get(doc, info.dict, b"Annots") else {
            return Ok(());
        };
        // Fields may leave their fonts to the form's default resources.
        let form_resources = get_dict(doc, &doc.trailer, b"Root")
            .and_then(|root| get_dict(doc, root, b"AcroForm"))
            .and_then(|form| get_dict(doc, form, b"DR"));
        for annot in annots {
            let Some(annot) = deref(doc, annot).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            let widget =
                matches!(get(doc, annot, b"Subtype"), Some(Object::Name(n)) if n == b"Widget");
            let flags = match get(doc, annot, b"F") {
                Some(Object::Integer(f)) => *f,
                _ => 0,
            };
            // A dictionary of states (not a stream) is a button's on/off
            // look, whose glyphs are symbols, not text.
            let Some(Object::Reference(id)) = get_dict(doc, annot, b"AP")
                .and_then(|ap| ap.get(b"N").ok())
                .filter(|_| widget && flags & HIDDEN == 0)
            else {
                continue;
            };
            let Ok(Object::Stream(stream)) = doc.get_object(*id) else {
                continue;
            };
            let (Some(target), Some(bbox)) = (
                rect(doc, annot.get(b"Rect").ok()),
                rect(doc, stream.dict.get(b"BBox").ok()),
            ) else {
                continue;
            };
            let matrix = self.form_matrix(stream);
            let Some(fit) = fit(&matrix, bbox, target) else {
                continue;
            };
            let form = Form {
                id: *id,
                stream,
                matrix: mul(&matrix, &fit),
                resources: get_dict(doc, &stream.dict, b"Resources").or(form_resources),
            };
            let mut top = gs.clone();
            top.ctm = IDENTITY;
            self.draw_form(form, &top, st, 0, page)?;
        }
        Ok(())
    }

    /// A form's `/Matrix` (identity when absent or not six numbers).
    fn form_matrix(&self, stream: &Stream) -> Matrix {
        form_matrix(self.doc, stream)
    }

    /// Interpret `form` at `depth`, skipping a form that draws itself.
    fn draw_form(
        &mut self,
        form: Form<'a>,
        gs: &GState,
        st: &mut PageState<'a>,
        depth: usize,
        page: u32,
    ) -> Result<(), ReadError> {
        let Form {
            id,
            stream,
            matrix,
            resources,
        } = form;
        if st.forms.contains(&id) {
            return Ok(());
        }
        let data = match st.form_data.get(&id) {
            Some(d) => Rc::clone(d),
            None => {
                let Some(d) = self.decode(stream, st, page) else {
                    return Ok(());
                };
                let what = gongkai_ir::PdfSource::Form {
                    object: id.0,
                    generation: id.1,
                    page,
                };
                Budget::new(self.limits).scan(&d, Source::Content(what))?;
                let d = Rc::new(d);
                st.form_data.insert(id, Rc::clone(&d));
                d
            }
        };
        let mut inner = gs.clone();
        inner.ctm = mul(&matrix, &gs.ctm);
        st.forms.push(id);
        let r = self.run(&data, resources, inner, st, depth + 1, page);
        st.forms.pop();
        r
    }
}

/// The matrix that fits `bbox` under `matrix` to the annotation's `rect`
/// (ISO 32000-1, 12.5.5); `None` when the box has no area.
fn fit(matrix: &Matrix, bbox: [f32; 4], rect: [f32; 4]) -> Option<Matrix> {
    let [x0, y0, x1, y1] = bbox;
    let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)].map(|(x, y)| apply(matrix, x, y));
    let (mut bx0, mut by0, mut bx1, mut by1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in corners {
        (bx0, by0, bx1, by1) = (bx0.min(x), by0.min(y), bx1.max(x), by1.max(y));
    }
    let [rx0, ry0, rx1, ry1] = rect;
    let (sx, sy) = ((rx1 - rx0) / (bx1 - bx0), (ry1 - ry0) / (by1 - by0));
    (sx.is_finite() && sy.is_finite() && sx > 0.0 && sy > 0.0).then_some([
        sx,
        0.0,
        0.0,
        sy,
        rx0 - bx0 * sx,
        ry0 - by0 * sy,
    ])
}

/// A form's `/Matrix` (identity when it has none).
pub(crate) fn form_matrix(doc: &lopdf::Document, stream: &Stream) -> Matrix {
    match get(doc, &stream.dict, b"Matrix") {
        Some(Object::Array(a)) => {
            let v: Vec<f32> = a.iter().map(|o| num(o).unwrap_or(0.0)).collect();
            <[f32; 6]>::try_from(v.as_slice()).unwrap_or(IDENTITY)
        }
        _ => IDENTITY,
    }
}
