//! The markdown format (not yet implemented).
