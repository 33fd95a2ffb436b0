//! Publishing beyond the pages: the open-data downloads that data portals and analysts take.
//!
//! [`downloads`] is the entry point. It lays the loaded model out once as tables ([`schema`] for
//! their shape, [`tables`], [`indicator`] and [`flowtables`] for their content), writes them as CSV ([`csvout`],
//! on the one CSV writer [`crate::csvfile`]: BOM, CRLF, formula-safe) and JSON ([`jsonout`]), and
//! describes them in a Frictionless Data
//! Package ([`datapackage`], with a Table Schema per CSV from [`tableschema`]) and data.go.th
//! catalogue records ([`ckan`]).

pub mod ckan;
pub mod csvout;
pub mod datapackage;
pub mod downloads;
pub mod flowtables;
pub mod indicator;
pub mod jsonout;
pub mod readme;
pub mod schema;
pub mod tables;
pub mod tableschema;
