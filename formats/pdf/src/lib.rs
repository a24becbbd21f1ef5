//! The pdf format (not yet implemented).
