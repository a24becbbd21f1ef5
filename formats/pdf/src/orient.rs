//! Page orientation: which way up a page is read, and the map from user
//! space to the upright page, measured from its top left.
//!
//! A landscape table is printed two ways: on a page with `/Rotate 90` whose
//! content runs up the portrait page, or on a portrait page whose content is
//! turned with `cm`. A page turned with `/Rotate` after the fact (`qpdf
//! --rotate`) has upright content and a viewer shows it sideways. The way
//! the text runs settles all three: the page is read the way most of its
//! glyphs run left to right, and `/Rotate` decides when they do not say.

use crate::backend::Segment;
use crate::rules::UserLine;

/// A clockwise quarter-turn count (0–3) that sets the page upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Turn(u8);

impl Turn {
    /// The turn a page's `/Rotate` asks the viewer for (a multiple of 90,
    /// negative too); any other value is no turn.
    pub fn from_rotate(degrees: i64) -> Turn {
        if degrees % 90 != 0 {
            return Turn(0);
        }
        Turn((degrees / 90).rem_euclid(4) as u8)
    }

    /// The turn that makes text whose baseline runs along `(dx, dy)` in
    /// user space read left to right.
    pub fn of_baseline(dx: f32, dy: f32) -> Turn {
        if dx.abs() >= dy.abs() {
            Turn(if dx >= 0.0 { 0 } else { 2 })
        } else {
            Turn(if dy > 0.0 { 1 } else { 3 })
        }
    }
}

/// Glyphs counted by the turn that sets them upright.
#[derive(Debug, Default)]
pub struct Votes([usize; 4]);

impl Votes {
    /// Count one glyph.
    pub fn add(&mut self, turn: Turn) {
        if let Some(n) = self.0.get_mut(usize::from(turn.0)) {
            *n += 1;
        }
    }

    /// The turn most glyphs want; `default` unless another has more.
    pub fn winner(&self, default: Turn) -> Turn {
        let count = |t: Turn| self.0.get(usize::from(t.0)).copied().unwrap_or(0);
        (0..4).map(Turn).fold(
            default,
            |best, t| if count(t) > count(best) { t } else { best },
        )
    }
}

/// The map from user space to the upright page.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    turn: Turn,
    /// The page box: x0, y0, x1, y1 in user space.
    media: [f32; 4],
}

impl Frame {
    /// The upright page of the page box `media` turned by `turn`.
    pub fn new(media: [f32; 4], turn: Turn) -> Frame {
        Frame { turn, media }
    }

    /// Width and height of the upright page.
    pub fn size(&self) -> (f32, f32) {
        let [x0, y0, x1, y1] = self.media;
        match self.turn.0 {
            1 | 3 => (y1 - y0, x1 - x0),
            _ => (x1 - x0, y1 - y0),
        }
    }

    /// A user-space point on the upright page, y downwards.
    pub fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let [x0, y0, x1, y1] = self.media;
        match self.turn.0 {
            1 => (y - y0, x - x0),
            2 => (x1 - x, y - y0),
            3 => (y1 - y, x1 - x),
            _ => (x - x0, y1 - y),
        }
    }

    /// A user-space rule on the upright page, ends in order.
    pub fn segment(&self, [ax, ay, bx, by]: UserLine) -> Segment {
        let (ax, ay) = self.point(ax, ay);
        let (bx, by) = self.point(bx, by);
        Segment {
            x0: ax.min(bx),
            x1: ax.max(bx),
            y0: ay.min(by),
            y1: ay.max(by),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotate_values() {
        assert_eq!(Turn::from_rotate(0), Turn(0));
        assert_eq!(Turn::from_rotate(90), Turn(1));
        assert_eq!(Turn::from_rotate(-90), Turn(3));
        assert_eq!(Turn::from_rotate(450), Turn(1));
        assert_eq!(Turn::from_rotate(45), Turn(0));
    }

    #[test]
    fn a_turned_frame_reads_text_left_to_right() {
        let media = [0.0, 0.0, 600.0, 800.0];
        // Text running up the page (`/Rotate 90` landscape): two glyphs along
        // the baseline, then a second line to the right of the first.
        let frame = Frame::new(media, Turn::of_baseline(0.0, 1.0));
        assert_eq!(frame.size(), (800.0, 600.0));
        let (a, b, next) = (
            frame.point(100.0, 50.0),
            frame.point(100.0, 60.0),
            frame.point(120.0, 50.0),
        );
        assert!(a.0 < b.0 && a.1 == b.1 && next.1 > a.1);
        for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, -1.0)] {
            let frame = Frame::new(media, Turn::of_baseline(dx, dy));
            let (a, b) = (
                frame.point(300.0, 400.0),
                frame.point(300.0 + dx, 400.0 + dy),
            );
            assert!(a.0 < b.0 && (a.1 - b.1).abs() < 1e-3, "{dx} {dy}");
        }
    }

    #[test]
    fn glyphs_outvote_rotate() {
        let mut votes = Votes::default();
        assert_eq!(votes.winner(Turn(1)), Turn(1));
        votes.add(Turn(0));
        assert_eq!(votes.winner(Turn(1)), Turn(0));
        votes.add(Turn(1));
        assert_eq!(votes.winner(Turn(1)), Turn(1));
    }
}
