//! The data layer: the CSV contract, how files are decoded and read, and the model they become.
//!
//! Split by job: [`text`] decodes bytes, [`table`] reads a CSV by column name, [`numbers`] and
//! [`cells`] read single values, [`load`] turns files into the [`model`] and checks references.

pub mod cells;
pub mod load;
pub mod model;
pub mod numbers;
pub mod table;
pub mod text;

pub use load::load_dataset;
pub use model::*;
