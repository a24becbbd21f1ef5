//! Ruled tables from their rules: the one grid builder of gongkai's readers.
//!
//! A reader hands over the horizontal and vertical rules it found (the PDF
//! reader from drawn segments and thin filled rectangles, the raster reader
//! from long runs of ink), all in one coordinate space measured from the
//! top left, with [`Options`] in that space's units. The builder merges
//! collinear rules into lines, groups the lines that cross into tables,
//! puts column and row boundaries where the lines lie, and merges two
//! neighbouring cells into one region where no rule divides them.
//!
//! It knows neither PDF nor pixels: what a rule is, and how far apart two
//! rules must be to be two, is the reader's to say.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod build;
mod grid;
mod lines;
mod sets;
mod sides;

pub use build::{grids, grids_with, CellBox};
pub use grid::{Grid, Region};

/// Most (horizontal, vertical) line pairs tested for crossings on one page:
/// every pair is tested, and a page of thousands of rules each way is a
/// drawing (or a hostile file), not a table. Not a user-facing limit: the
/// readers report it as too many cells, which such a page also has.
pub const MAX_CROSSINGS: usize = 16_000_000;

/// A rule divides two cells when it covers their common side this share of
/// the side's length each way from the middle: rules stop short at corners,
/// and a scanned rule fades out before them.
pub const COVER_SHARE: f32 = 0.3;

/// One rule: where it lies across its direction, and its extent along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Its y (a horizontal rule) or x (a vertical rule).
    pub at: f32,
    /// Where it starts along its direction (`lo <= hi`).
    pub lo: f32,
    /// Where it ends along its direction.
    pub hi: f32,
}

/// The rules of a page, by direction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// Rules along x; `at` is their y.
    pub horizontal: Vec<Rule>,
    /// Rules along y; `at` is their x.
    pub vertical: Vec<Rule>,
}

/// How the rules of one source make a grid, in the rules' units.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Rules closer than this across are one line (a double rule, a thick
    /// rule's edges), and rules whose ends are this close along touch.
    pub snap: f32,
    /// Lines shorter than this, once merged, are not rules (tick marks, dots).
    pub min_rule: f32,
    /// Slack at the ends of the covered middle of a side ([`COVER_SHARE`]).
    pub cover_slack: f32,
    /// Close a grid whose first or last line is missing where two lines
    /// across or more run on past it further than this (a table cut by a
    /// page break, a side left open); `None`: never.
    pub open_edge: Option<f32>,
    /// Add a boundary where this many lines across, or more, end at one
    /// place inside a grid (a side a browser did not paint); `None`: never.
    pub rule_ends: Option<usize>,
    /// Lines shorter than this end nowhere for [`Options::rule_ends`]: a
    /// scan's glyph strokes pass for short rules, and those of one column
    /// of text end at one place (0: every line counts).
    pub rule_end_length: f32,
    /// Two cells of a row are divided also where a line above or below
    /// covers one of them and not the other, so that cells stay rectangles
    /// though the side between them is not drawn.
    pub implied_sides: bool,
    /// Most cells (rows × columns) in one grid.
    pub max_cells: usize,
}

/// Why a page's rules make no grids.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LatticeError {
    /// More line pairs to test for crossings than [`MAX_CROSSINGS`].
    #[error("{crossings} rule crossings to test on one page (at most {MAX_CROSSINGS})")]
    TooManyCrossings {
        /// Horizontal lines × vertical lines.
        crossings: usize,
    },
    /// A grid with more cells than [`Options::max_cells`].
    #[error("a ruled grid of {cells} cells (at most {max})")]
    TooManyCells {
        /// Rows × columns of the grid.
        cells: usize,
        /// The limit it passed.
        max: usize,
    },
}

impl LatticeError {
    /// The count that passed its limit (crossings or cells).
    pub fn count(&self) -> usize {
        match self {
            LatticeError::TooManyCrossings { crossings } => *crossings,
            LatticeError::TooManyCells { cells, .. } => *cells,
        }
    }
}

#[cfg(test)]
mod tests;
