//! What the gongkai tests share, as a dev-dependency: random reports for
//! property tests, a sample report with values everywhere, the words of real
//! reports for random documents, the walkers over `fixtures/`, and minimal
//! PDFs written byte by byte, and the multipart body of an upload.

#[cfg(feature = "arb")]
pub mod arb;
pub mod blocks;
pub mod english;
pub mod fixtures;
pub mod pdf;
pub mod sample;
pub mod upload;
pub mod words;
