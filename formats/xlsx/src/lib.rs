//! The xlsx format (not yet implemented).
