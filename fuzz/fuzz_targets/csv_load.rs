//! Fuzz target: the six CSV files of `data/` through decoding, parsing and every check.
//!
//! The input replaces one or more files of the `tests/fixtures/mini` site, so that references
//! between files (areas → provinces, observations → areas and indicators) are exercised with
//! real ids. An input holding the byte 0x1E is split at it into files in load order (provinces,
//! areas, indicators, observations, factories, levels); otherwise its first byte picks the one
//! file the rest replaces. Loading must report, never panic, and then the dataset-wide checks
//! and progress, which a build runs next, must hold too.
#![no_main]

use std::sync::OnceLock;

use ecotown::data::{self, MemoryFiles};
use ecotown::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

const FILES: [&str; 6] = [
    data::load::PROVINCES,
    data::load::AREAS,
    data::load::INDICATORS,
    data::load::OBSERVATIONS,
    data::load::FACTORIES,
    data::load::LEVELS,
];

fn mini() -> &'static MemoryFiles {
    static MINI: OnceLock<MemoryFiles> = OnceLock::new();
    MINI.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/mini");
        FILES
            .iter()
            .map(|rel| {
                (
                    rel.to_string(),
                    std::fs::read(root.join(rel)).expect("mini fixture"),
                )
            })
            .collect()
    })
}

fuzz_target!(|input: &[u8]| {
    let mut files = mini().clone();
    if input.contains(&0x1E) {
        for (rel, part) in FILES.iter().zip(input.split(|&b| b == 0x1E)) {
            files.insert(rel.to_string(), part.to_vec());
        }
    } else if let Some((&pick, rest)) = input.split_first() {
        files.insert(
            FILES[usize::from(pick) % FILES.len()].to_string(),
            rest.to_vec(),
        );
    }
    let mut diags = Diagnostics::new();
    let dataset = data::load_dataset_from(&files, &mut diags);
    data::load::check_coverage(&dataset, &mut diags);
    ecotown::progress::check(&dataset, &mut diags);
    let _ = ecotown::progress::Progress::compute(&dataset);
    for d in diags.iter() {
        let _ = d.to_string();
    }
});
