//! Progress status: how far each area has come on each indicator, measured the way Open SDG and
//! Statistics Canada measure progress towards the Sustainable Development Goals.
//!
//! The site promises readers a plain answer to "is this area getting better, and fast enough?".
//! Open SDG's method gives one that is simple, published and the same for every indicator: compare
//! the compound annual growth since the base year with the growth the target needs (or with fixed
//! rates when there is no target), put the result in one of five statuses and on a −5…+5 score,
//! and average scores to summarise areas, provinces and the country. Using a published method
//! exactly, rather than one of our own, is what makes the statuses defensible.
//!
//! Split by job: [`method`] assesses one series, [`summary`] averages them, [`factories`] measures
//! the pace of factory upgrades, [`mod@check`] turns what the calculation had to work around into
//! diagnostics, [`significance`] ranks series by what a decision-maker must see first (the briefs'
//! key indicators), and [`json`] writes `progress.json`. `docs/progress.md` documents every field.

pub mod check;
pub mod factories;
pub mod json;
pub mod method;
pub mod significance;
pub mod summary;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::data::{Dataset, Indicator, Observation};
use crate::diagnostics::Diagnostics;

pub use check::check;
pub use factories::FactoryProgress;
pub use method::SeriesProgress;
pub use summary::Summary;

/// Where a series (or a group of series) stands. The serialized codes are part of
/// `progress.json`'s contract and are also used as CSS classes and label keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    TargetAchieved,
    SubstantialProgress,
    ModerateProgress,
    LimitedProgress,
    Deterioration,
    NotAssessed,
}

impl Status {
    /// Best first, as a legend lists them.
    pub const ALL: [Status; 6] = [
        Status::TargetAchieved,
        Status::SubstantialProgress,
        Status::ModerateProgress,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::NotAssessed,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Status::TargetAchieved => "target_achieved",
            Status::SubstantialProgress => "substantial_progress",
            Status::ModerateProgress => "moderate_progress",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::NotAssessed => "not_assessed",
        }
    }
}

/// What a status measures, which decides the words it is shown with. The statuses and scores come
/// from one method, but "on track" only means something where there is a track: a series with a
/// target is worded as Open SDG and Statistics Canada word it (distance to the target), a series
/// without one by its trend (improving, little change, worsening: nothing to be on track to), and a
/// summary by the band its mean score falls in. Every page, legend, brief, the methodology page and
/// `progress.json` take their words from [`label_key`], so one status never has two names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Target,
    Trend,
    Summary,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Target, Basis::Trend, Basis::Summary];

    pub fn code(&self) -> &'static str {
        match self {
            Basis::Target => "target",
            Basis::Trend => "trend",
            Basis::Summary => "summary",
        }
    }

    /// The statuses a status of this basis can take, best first (a trend has no target to achieve).
    pub fn statuses(&self) -> &'static [Status] {
        match self {
            Basis::Trend => &Status::ALL[1..],
            _ => &Status::ALL,
        }
    }
}

/// The key of a status's words in the site's strings (`templates/i18n/*.toml`), e.g.
/// `status_trend_deterioration` ("Worsening").
pub fn label_key(status: Status, basis: Basis) -> String {
    format!("status_{}_{}", basis.code(), status.code())
}

/// The progress of every series in a dataset, with its summaries and the factory-upgrade pace.
#[derive(Debug, Clone)]
pub struct Progress {
    /// One per area × indicator that has at least one observation row, sorted by area, indicator.
    pub series: Vec<SeriesProgress>,
    /// Every area in the dataset, even one without series (then `not_assessed`).
    pub by_area: BTreeMap<String, Summary>,
    /// Every area × every dimension that has at least one indicator.
    /// Keyed by area id and dimension id.
    pub by_area_dimension: BTreeMap<(String, String), Summary>,
    /// Every province: the mean over all series of all its areas.
    pub by_province: BTreeMap<String, Summary>,
    /// Every indicator: the mean over the areas that report it.
    pub by_indicator: BTreeMap<String, Summary>,
    pub national: Summary,
    /// Areas with factory counts.
    pub factories_by_area: BTreeMap<String, FactoryProgress>,
    /// Provinces with at least one area with factory counts.
    pub factories_by_province: BTreeMap<String, FactoryProgress>,
    /// `None` only when the dataset has no factory counts at all.
    pub factories_national: Option<FactoryProgress>,
}

impl Progress {
    pub fn compute(data: &Dataset) -> Progress {
        Progress::assess(data, &mut Diagnostics::new())
    }

    /// [`Progress::compute`], reporting what the method had to refuse or work around (a target
    /// not after the base year, a 0 replaced by 0.001) at the CSV lines to look at. Each series
    /// is assessed once, for the pages and the checks alike.
    pub fn assess(data: &Dataset, diags: &mut Diagnostics) -> Progress {
        let mut findings = check::Findings::default();
        let series: Vec<SeriesProgress> = series_of(data)
            .into_iter()
            .map(|rows| {
                let progress = method::assess(rows.area_id, rows.indicator, &rows.observations);
                findings.see(&rows, &progress, diags);
                progress
            })
            .collect();
        findings.finish(diags);
        let summaries = summary::Summaries::new(data, &series);
        let factories = factories::Factories::new(data);
        Progress {
            by_area: summaries.by_area,
            by_area_dimension: summaries.by_area_dimension,
            by_province: summaries.by_province,
            by_indicator: summaries.by_indicator,
            national: summaries.national,
            factories_by_area: factories.by_area,
            factories_by_province: factories.by_province,
            factories_national: factories.national,
            series,
        }
    }

    /// Every series of one area (the list is sorted by area): a slice, not a scan, because area
    /// and province pages ask for it once each.
    pub fn series_of_area(&self, area_id: &str) -> &[SeriesProgress] {
        let start = self
            .series
            .partition_point(|s| s.area_id.as_str() < area_id);
        let end = self
            .series
            .partition_point(|s| s.area_id.as_str() <= area_id);
        &self.series[start..end]
    }

    /// The progress of one series, if the area reports the indicator at all.
    pub fn series(&self, area_id: &str, indicator_id: &str) -> Option<&SeriesProgress> {
        let key = (area_id, indicator_id);
        self.series
            .binary_search_by(|s| (s.area_id.as_str(), s.indicator_id.as_str()).cmp(&key))
            .ok()
            .map(|i| &self.series[i])
    }

    /// `progress.json`: pretty-printed, and byte-for-byte the same for the same data; each status
    /// carries its words in both languages from `strings`.
    pub fn to_json(&self, strings: &crate::i18n::Strings) -> String {
        json::to_json(self, strings)
    }
}

/// The observation rows of one area × indicator series, oldest first.
pub(crate) struct SeriesRows<'a> {
    pub area_id: &'a str,
    pub indicator: &'a Indicator,
    pub observations: Vec<&'a Observation>,
}

/// Every series in the dataset, sorted by area id, then indicator id. Rows whose area or
/// indicator the dataset does not know are skipped: without the indicator there is no direction
/// to measure against. Grouping here, rather than relying on the dataset's sort order, keeps
/// hand-built datasets (in tests) working too.
pub(crate) fn series_of(data: &Dataset) -> Vec<SeriesRows<'_>> {
    let areas: BTreeSet<&str> = data.areas.iter().map(|a| a.id.as_str()).collect();
    let indicators: BTreeMap<&str, &Indicator> =
        data.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut groups: BTreeMap<(&str, &str), Vec<&Observation>> = BTreeMap::new();
    for observation in &data.observations {
        let key = (
            observation.area_id.as_str(),
            observation.indicator_id.as_str(),
        );
        if areas.contains(key.0) && indicators.contains_key(key.1) {
            groups.entry(key).or_default().push(observation);
        }
    }
    groups
        .into_iter()
        .map(|((area_id, indicator_id), mut observations)| {
            observations.sort_by_key(|o| o.year);
            SeriesRows {
                area_id,
                indicator: indicators[indicator_id],
                observations,
            }
        })
        .collect()
}
