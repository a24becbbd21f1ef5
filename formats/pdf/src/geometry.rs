//! The geometry tolerances of the table grid, in one place: when two rules
//! are one line, when a rule separates two cells, which cell a glyph is in,
//! when glyphs are one line of text, and when columns are the same.
//!
//! Lengths are in points (1/72 inch) or in shares of the glyph size, as each
//! says; the page is measured from its top left.

// What the content stream draws that counts as a rule.

/// Largest thickness of a filled rectangle read as a rule, in points: a
/// thicker one is a background or a shaded box.
pub const RULE_THICKNESS: f32 = 3.0;
/// Slack for calling a stroked line horizontal or vertical, in points: the
/// producer's rounding tilts it by a fraction of a point.
pub const AXIS_SLACK: f32 = 0.5;
/// Shortest stroked line kept (|dx| + |dy|), in points: a shorter one is a dot.
pub const MIN_STROKE: f32 = 0.5;

// Ruled grid: rules into lines, lines into cells.

/// Rules closer than this are one line, in points: a double rule, a
/// rectangle's edge drawn beside a stroke, the ends of two touching rules,
/// the two borders a browser paints between cells of a row (2.6 pt apart in
/// Chromium's print of a collapsed-border table).
pub const SNAP: f32 = 3.0;
/// Rules shorter than this are ignored, in points: tick marks and dots.
pub const MIN_RULE: f32 = 3.0;
/// Rules across that run on this far past the last rule along, in points,
/// close the table there: its closing rule is missing (a table's part cut
/// by a page break, a side left open); a smaller overhang is a corner.
pub const OPEN_EDGE: f32 = 4.0;
/// Rules across that end at one place inside a grid, this many or more,
/// mark a cell side there even where none is drawn.
pub const RULE_ENDS: usize = 2;
/// Slack at the ends of the covered middle of a side (the share is
/// `gongkai_lattice::COVER_SHARE`), in points (rounding).
pub const COVER_SLACK: f32 = 0.5;

// Glyphs into cells.

/// A glyph is in the cell that holds its middle, this many glyph sizes above
/// the baseline: descenders and a baseline on a rule stay in their cell.
pub const GLYPH_MIDDLE: f32 = 0.35;

/// A glyph whose middle is within this share of its size of a rule between
/// two rows sits on the rule: which row it belongs to is a guess.
pub const ON_RULE: f32 = 0.25;

/// Text outside a table's cells but within this many glyph sizes of its top
/// or bottom edge, inside its width, may belong to it (a row whose rule is
/// missing): a doubt to say.
pub const NEAR_TABLE: f32 = 1.5;

// Glyphs into lines of text (cells, paragraphs, rule-less tables).

/// Smallest glyph size (or width) the tolerances scale with, in points: a
/// zero-size font must not make every gap wide and every line one.
pub const MIN_SIZE: f32 = 1.0;
/// Baselines closer than this share of the larger glyph size are one line:
/// mixed fonts and sizes on one line sit a little apart.
pub const SAME_BASELINE: f32 = 0.45;
/// The same glyph again closer than this share of its width is fake bold
/// (drawn twice, slightly moved) and kept once.
pub const OVERPRINT: f32 = 0.3;
/// A gap wider than this share of the glyph size beside CJK text is a space:
/// CJK text has none of its own but is often spread out.
pub const CJK_SPACE: f32 = 0.9;
/// A gap wider than this share of the glyph size between Latin glyphs is a
/// space: kerning alone never opens that much.
pub const LATIN_SPACE: f32 = 0.2;
/// A gap wider than this many glyph sizes inside a line of free text parts
/// two columns (a web page's side column beside its main column, a
/// metadata box's fields): the two sides are separate lines.
pub const COLUMN_GAP: f32 = 4.0;
/// Where the glyph size changes (by more than [`SAME_SIZE`]), a gap wider
/// than this many of the smaller size parts two columns: text of one
/// paragraph changes size without a gap.
pub const SIZE_STEP_GAP: f32 = 1.0;
/// A cell's line that ends within this many glyph sizes of the cell's right
/// edge filled the cell, so the next line goes on without a line break.
pub const CELL_FULL: f32 = 1.8;
/// Lines of a cell further apart than this many glyph sizes are separate
/// lines (a blank line between), even after a full one.
pub const CELL_PITCH: f32 = 2.0;

// Rule-less tables, from the text positions alone.

/// A gap wider than this many glyph sizes separates two runs of a line: cell
/// padding without rules can be under one character.
pub const RUN_GAP: f32 = 0.6;
/// Lines closer than this share of the usual row pitch are one row: a
/// wrapped cell, or values centred beside one.
pub const SAME_ROW: f32 = 0.88;
/// Lines further apart than this many glyph sizes are not one table.
pub const MAX_PITCH: f32 = 2.6;
/// Glyph sizes within this share of each other are one size: a table is set
/// in one size, its caption and the prose around it often are not.
pub const SAME_SIZE: f32 = 0.15;
/// Row pitches are counted in steps of this, in points, a step either way
/// counting as the same pitch: baselines jitter by a fraction of a point.
pub const PITCH_STEP: f32 = 0.5;
/// A cell is centred under a wider span when its middle is within this share
/// of its own width of the span's middle (a value under a merged header).
pub const CENTRED: f32 = 0.25;
/// A rule-less table's top edge, this many glyph sizes above its first
/// baseline: above the tallest glyphs of the first row.
pub const TABLE_TOP: f32 = 1.2;

// What goes on from the page before.

/// Column boundaries of a table and of its continuation on the next page are
/// the same within this, in points: the two grids are drawn separately.
pub const COLUMN_MATCH: f32 = 3.0;
/// A paragraph at the top of a page goes on from the page before only when
/// it starts within this of the body's left margin, in points (no indent).
pub const FLUSH_LEFT: f32 = 1.0;
