//! Everything that depends on the reader's language: interface strings, number and year
//! formatting (B.E. on Thai pages), and Thai collation.

pub mod collate;
pub mod format;
pub mod strings;

pub use collate::Collators;
pub use strings::Strings;
