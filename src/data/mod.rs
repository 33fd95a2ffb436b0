//! The data layer: the CSV contract, how files are decoded and read, and the model they become.
//!
//! Split by job: [`text`] decodes bytes, [`table`] reads a CSV by column name, [`numbers`] and
//! [`cells`] read single values, [`load`] turns files into the [`model`] and checks references,
//! reading them through [`files`] (the site's folder, or memory for tests and fuzzers).

pub mod cells;
pub mod files;
pub mod load;
pub mod model;
pub mod numbers;
pub mod table;
pub mod text;
pub mod workbook;

pub use files::{Files, MemoryFiles};
pub use load::{load_dataset, load_dataset_from};
pub use model::*;
