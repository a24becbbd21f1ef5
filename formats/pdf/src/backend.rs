//! What a PDF backend gives the layout code: glyphs, rule segments, page boxes.

use gongkai_ir::{Diagnostic, Limits, ReadError};

/// One glyph (or a ligature) with its position, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The Unicode text of the glyph (usually one character).
    pub text: String,
    /// Left edge of the glyph.
    pub x: f32,
    /// Baseline, measured down from the top edge.
    pub y: f32,
    /// Advance width.
    pub width: f32,
    /// Effective font size (the glyph's height in points).
    pub size: f32,
}

/// A horizontal or vertical rule, in points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    /// Start x (x0 <= x1).
    pub x0: f32,
    /// Start y (y0 <= y1).
    pub y0: f32,
    /// End x.
    pub x1: f32,
    /// End y.
    pub y1: f32,
}

impl Segment {
    /// True when the segment runs left to right.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// One page's content.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Rule segments (stroked lines, thin filled rectangles, rectangle edges).
    pub segments: Vec<Segment>,
}

/// A source of pages: parses the file and interprets the content streams.
pub trait Backend {
    /// All pages of `data`, honouring `limits`; notes go to `diagnostics`.
    fn pages(
        &self,
        data: &[u8],
        limits: &Limits,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<Vec<Page>, ReadError>;
}
