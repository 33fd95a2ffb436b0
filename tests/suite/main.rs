//! Every integration test, in one test binary (as ripgrep and mdBook do): one link of the library
//! instead of sixteen. Each module is one topic; `cargo test --test suite <module>::` runs one,
//! e.g. `cargo test --test suite browser::`. The fixture sites are under `tests/fixtures/` and
//! `tests/corpus/`, the helpers in `common/` and `support/`.

mod common;
#[path = "support/markup.rs"]
mod markup;

mod briefs;
mod browser;
mod charts;
mod cli;
mod content;
mod corpus;
mod downloads;
mod explore;
mod faults;
mod flows;
mod probes;
mod progress;
mod properties;
mod publish;
mod sample;
mod search;
mod site;
mod sitecheck;
mod taxonomy;
mod validation;
mod workbooks;
mod workflows;
