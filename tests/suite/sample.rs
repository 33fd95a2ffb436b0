//! The shipped sample site: it must validate cleanly, reproduce the seed's figures exactly, and
//! cover the programme's real structure (15 provinces, 18 areas, five dimensions, six themes).

use crate::common;

use std::collections::BTreeSet;

use ecotown::data::Taxonomy;
use ecotown::diagnostics::{Diagnostics, Severity};

fn sample() -> ecotown::site::Site {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(&common::repo_root(), &mut diags);
    // The sample checks clean: no error and no warning (what `ecotown check` prints as
    // "0 errors, 0 warnings"); notes only say what the method did.
    let problems: Vec<String> = diags
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert!(
        problems.is_empty(),
        "the sample has problems:\n{}",
        problems.join("\n")
    );
    site.expect("sample loads")
}

#[test]
fn sample_reproduces_the_seed_factory_figures() {
    let site = sample();
    let national = site.data.national_factories();
    let (total, upgraded) = national[&2021];
    assert_eq!((total, upgraded, total - upgraded), (4494, 1760, 2734));
    assert_eq!(
        format!("{:.1}", 100.0 * upgraded as f64 / total as f64),
        "39.2"
    );
}

#[test]
fn sample_has_the_real_structure() {
    let site = sample();
    let data = &site.data;
    assert_eq!(data.provinces.len(), 15);
    assert_eq!(data.areas.len(), 18);
    assert!(
        site.config.sample,
        "site.toml must mark the sample as a sample"
    );
    // The sample keeps the DIW criteria's five dimensions and six themes, as files, each used.
    let mut taxonomy = data.taxonomy.clone();
    taxonomy.dimensions.iter_mut().for_each(|d| d.line = 0);
    taxonomy.themes.iter_mut().for_each(|t| t.line = 0);
    taxonomy.levels.iter_mut().for_each(|l| l.line = 0);
    assert_eq!(
        taxonomy,
        Taxonomy::default(),
        "data/ holds the built-in taxonomy"
    );
    let dimensions: BTreeSet<&str> = data
        .indicators
        .iter()
        .map(|i| i.dimension.as_str())
        .collect();
    assert_eq!(dimensions.len(), 5);
    let themes: BTreeSet<&str> = data
        .indicators
        .iter()
        .filter_map(|i| i.theme.as_deref())
        .collect();
    assert_eq!(themes.len(), 6);
    assert!((24..=40).contains(&data.indicators.len()));
    let years: BTreeSet<i32> = data.observations.iter().map(|o| o.year).collect();
    assert_eq!(
        years.into_iter().collect::<Vec<_>>(),
        (2016..=2021).collect::<Vec<_>>()
    );
    for (code, areas) in [("TH-13", 2), ("TH-21", 2), ("TH-90", 2), ("TH-11", 1)] {
        assert_eq!(data.areas_in(code).count(), areas, "{code}");
    }
}

#[test]
fn sample_has_gaps_and_provisional_values() {
    let site = sample();
    let obs = &site.data.observations;
    assert!(
        obs.iter().any(|o| o.value.is_none()),
        "a few realistic gaps"
    );
    assert!(
        obs.iter()
            .any(|o| o.status == ecotown::data::ValueStatus::Provisional)
    );
    assert!(
        obs.iter()
            .any(|o| o.status == ecotown::data::ValueStatus::Estimated)
    );
}
