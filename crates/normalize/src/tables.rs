//! The three statistical tables, read row by row by their labels: one
//! module each, over the cell reading and the diagnostics they share; and
//! the layout tables opened to find them.

pub mod cells;
mod diagnostics;

pub mod active_disclosure;
pub mod applications;
pub mod layout;
pub mod review_litigation;
