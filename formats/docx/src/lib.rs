//! The docx format (not yet implemented).
