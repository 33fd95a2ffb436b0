//! The data layer: the contract, how files are decoded and read, and the model they become.
//!
//! Split by job: [`text`] decodes bytes, [`table`] reads a CSV (or a workbook's sheet, read by
//! [`workbook`]) by column name, [`sources`] gathers a table's files (its CSV or workbook, a shared
//! workbook's sheet, a folder of files), [`numbers`] and [`cells`] read single values, [`load`]
//! turns tables into the [`model`] and checks references, reading them through [`files`] (the
//! site's folder, or memory for tests and fuzzers). [`taxonomy`] reads the dimensions, themes and levels the
//! other tables refer to (or builds them in). [`contract`] declares every table once, for
//! the loader, the published schemas and the documentation alike.

pub mod cells;
pub mod contract;
pub mod files;
pub mod flows;
pub mod load;
pub mod model;
pub mod numbers;
pub mod sources;
pub mod table;
pub mod taxonomy;
pub mod text;
pub mod workbook;

pub use files::{Files, MemoryFiles};
pub use load::{load_dataset, load_dataset_from};
pub use model::*;
