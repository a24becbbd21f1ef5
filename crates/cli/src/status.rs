//! How one input ended: defined in the facade, shared with `gongkai serve`.

pub use gongkai::status::{incompleteness, Incompleteness, Status};
