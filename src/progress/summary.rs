//! Summaries: one status for a group of series (an area, an area's dimension, a province, an
//! indicator across areas, the country), as Open SDG aggregates them.
//!
//! The summary score is the plain mean of the scores of the assessed series, and its status is
//! read off the score bands. Averaging scores rather than raw growth rates is what lets indicators
//! in different units (tonnes, per cent, complaints) be combined. A group shows `target_achieved`
//! only if every assessed series achieved its target, because a mean of 5 can also come from
//! series that are merely far ahead of schedule. Counts of assessed and not-assessed series travel
//! with every summary so that a reader can see how much of the picture it covers.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::data::Dataset;
use crate::progress::json::round_option;
use crate::progress::method::settle;
use crate::progress::{SeriesProgress, Status};

/// The lower bounds of the score bands of a summary: [2.5, 5] substantial, [0, 2.5) moderate,
/// [−2.5, 0) limited, [−5, −2.5) deterioration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreBands {
    pub substantial_progress: f64,
    pub moderate_progress: f64,
    pub limited_progress: f64,
}

pub const SCORE_BANDS: ScoreBands = ScoreBands {
    substantial_progress: 2.5,
    moderate_progress: 0.0,
    limited_progress: -2.5,
};

/// The status of a group of series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub status: Status,
    /// The mean score of the assessed series (settled to 9 decimals, like progress values, so that
    /// a mean of exactly 2.5 is not computed as 2.4999…); `None` when none was assessed.
    #[serde(serialize_with = "round_option")]
    pub score: Option<f64>,
    pub assessed: usize,
    pub not_assessed: usize,
    /// How many of the assessed series achieved their target.
    pub target_achieved: usize,
    /// How many of the assessed series rest on a stand-in for a base value or target of 0, so a
    /// reader can see how much of the average an artefact of the method may carry.
    pub zero_replaced: usize,
}

impl Summary {
    /// Summarises any set of series.
    pub fn of<'a>(series: impl IntoIterator<Item = &'a SeriesProgress>) -> Summary {
        let mut summary = Summary {
            status: Status::NotAssessed,
            score: None,
            assessed: 0,
            not_assessed: 0,
            target_achieved: 0,
            zero_replaced: 0,
        };
        let mut total = 0.0;
        for s in series {
            match s.score.filter(|_| s.is_assessed()) {
                Some(score) => {
                    summary.assessed += 1;
                    total += score;
                    if s.status == Status::TargetAchieved {
                        summary.target_achieved += 1;
                    }
                    if s.zero_replaced {
                        summary.zero_replaced += 1;
                    }
                }
                None => summary.not_assessed += 1,
            }
        }
        if summary.assessed > 0 {
            let mean = settle(total / summary.assessed as f64);
            summary.score = Some(mean);
            summary.status = if summary.target_achieved == summary.assessed {
                Status::TargetAchieved
            } else {
                band(mean)
            };
        }
        summary
    }
}

/// The status band of a mean score.
pub fn band(score: f64) -> Status {
    if score >= SCORE_BANDS.substantial_progress {
        Status::SubstantialProgress
    } else if score >= SCORE_BANDS.moderate_progress {
        Status::ModerateProgress
    } else if score >= SCORE_BANDS.limited_progress {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// Every summary of a dataset's series. Each area, province and indicator of the dataset gets an
/// entry even without series, so that the renderer never has to guess whether one is missing.
pub(crate) struct Summaries {
    pub by_area: BTreeMap<String, Summary>,
    /// Keyed by area id and dimension id.
    pub by_area_dimension: BTreeMap<(String, String), Summary>,
    pub by_province: BTreeMap<String, Summary>,
    pub by_indicator: BTreeMap<String, Summary>,
    pub national: Summary,
}

impl Summaries {
    pub fn new(data: &Dataset, series: &[SeriesProgress]) -> Summaries {
        let dimension_of: BTreeMap<&str, &str> = data
            .indicators
            .iter()
            .map(|i| (i.id.as_str(), i.dimension.as_str()))
            .collect();
        let province_of: BTreeMap<&str, &str> = data
            .areas
            .iter()
            .map(|a| (a.id.as_str(), a.province_code.as_str()))
            .collect();
        let dimensions: BTreeSet<&str> = dimension_of.values().copied().collect();

        // Grouped in one pass: filtering every series for every area grew with the square of
        // the number of areas.
        let mut per_area: BTreeMap<&str, Vec<&SeriesProgress>> = BTreeMap::new();
        let mut per_province: BTreeMap<&str, Vec<&SeriesProgress>> = BTreeMap::new();
        for s in series {
            per_area.entry(s.area_id.as_str()).or_default().push(s);
            if let Some(province) = province_of.get(s.area_id.as_str()) {
                per_province.entry(province).or_default().push(s);
            }
        }
        let mut by_area = BTreeMap::new();
        let mut by_area_dimension = BTreeMap::new();
        for area in &data.areas {
            let of_area: &[&SeriesProgress] =
                per_area.get(area.id.as_str()).map_or(&[], Vec::as_slice);
            by_area.insert(area.id.clone(), Summary::of(of_area.iter().copied()));
            for &dimension in &dimensions {
                let in_dimension = of_area
                    .iter()
                    .copied()
                    .filter(|s| dimension_of.get(s.indicator_id.as_str()) == Some(&dimension));
                by_area_dimension.insert(
                    (area.id.clone(), dimension.to_string()),
                    Summary::of(in_dimension),
                );
            }
        }
        let by_province = data
            .provinces
            .iter()
            .map(|p| {
                let in_province = per_province
                    .get(p.code.as_str())
                    .map_or(&[][..], Vec::as_slice);
                (p.code.clone(), Summary::of(in_province.iter().copied()))
            })
            .collect();
        let by_indicator = data
            .indicators
            .iter()
            .map(|i| {
                let of_indicator = series.iter().filter(|s| s.indicator_id == i.id);
                (i.id.clone(), Summary::of(of_indicator))
            })
            .collect();
        Summaries {
            by_area,
            by_area_dimension,
            by_province,
            by_indicator,
            national: Summary::of(series),
        }
    }
}
