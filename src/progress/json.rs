//! `progress.json`: every series, summary and factory pace, with the method's constants, for
//! anyone who wants to check or reuse the statuses the site shows.
//!
//! The file must be byte-for-byte the same for the same data, on any machine. Maps are
//! `BTreeMap`s and lists are sorted, so order is fixed; numbers are rounded to six decimals,
//! because `powf` may differ in its last bit between platforms' maths libraries and the shortest
//! round-trip representation would show that difference. Six decimals is far finer than any
//! figure the site prints. Field meanings are documented in `docs/progress.md`.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::data::Dimension;
use crate::progress::factories::PACE_YEARS;
use crate::progress::method::{
    self, Curve, SeriesProgress, Thresholds, WITH_TARGET, WITH_TARGET_CURVE, WITHOUT_TARGET,
    WITHOUT_TARGET_CURVE,
};
use crate::progress::summary::{SCORE_BANDS, ScoreBands};
use crate::progress::{FactoryProgress, Progress, Status, Summary};

/// Decimal places kept for every number in `progress.json`.
pub const DECIMALS: i32 = 6;

/// Rounds to [`DECIMALS`] places, half away from zero; −0 becomes 0 so it never prints as `-0.0`.
pub fn round6(value: f64) -> f64 {
    let factor = 10f64.powi(DECIMALS);
    let rounded = (value * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Serializes an `f64` rounded (serde `serialize_with` helper).
pub fn round<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round6(*value))
}

/// Serializes an `Option<f64>` rounded, `None` as `null`.
pub fn round_option<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serializer.serialize_some(&round6(*v)),
        None => serializer.serialize_none(),
    }
}

pub fn to_json(progress: &Progress) -> String {
    let document = Document {
        method: Method::new(),
        series: &progress.series,
        summaries: Summaries {
            national: &progress.national,
            areas: &progress.by_area,
            area_dimensions: progress
                .by_area_dimension
                .iter()
                .map(|((area_id, dimension), summary)| AreaDimension {
                    area_id,
                    dimension: *dimension,
                    summary,
                })
                .collect(),
            provinces: &progress.by_province,
            indicators: &progress.by_indicator,
        },
        factories: Factories {
            national: progress.factories_national.as_ref(),
            provinces: &progress.factories_by_province,
            areas: &progress.factories_by_area,
        },
    };
    // Serializing plain structs, maps and numbers into a String cannot fail; an empty object is
    // the safe answer should it ever do so.
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

#[derive(Serialize)]
struct Document<'a> {
    method: Method,
    series: &'a [SeriesProgress],
    summaries: Summaries<'a>,
    factories: Factories<'a>,
}

#[derive(Serialize)]
struct Summaries<'a> {
    national: &'a Summary,
    areas: &'a BTreeMap<String, Summary>,
    area_dimensions: Vec<AreaDimension<'a>>,
    provinces: &'a BTreeMap<String, Summary>,
    indicators: &'a BTreeMap<String, Summary>,
}

#[derive(Serialize)]
struct AreaDimension<'a> {
    area_id: &'a str,
    dimension: Dimension,
    #[serde(flatten)]
    summary: &'a Summary,
}

#[derive(Serialize)]
struct Factories<'a> {
    national: Option<&'a FactoryProgress>,
    provinces: &'a BTreeMap<String, FactoryProgress>,
    areas: &'a BTreeMap<String, FactoryProgress>,
}

/// The method's constants, so that the file explains itself.
#[derive(Serialize)]
struct Method {
    name: &'static str,
    source: &'static str,
    reference: &'static str,
    statuses: Vec<&'static str>,
    zero_replacement: f64,
    achieved_score: f64,
    score_range: [f64; 2],
    with_target: Measure,
    without_target: Measure,
    summary_score_bands: ScoreBands,
    factory_pace_years: i32,
    settle_decimals: i32,
    decimals: i32,
}

#[derive(Serialize)]
struct Measure {
    /// Which series field holds the progress value.
    value: &'static str,
    thresholds: Thresholds,
    /// (progress value, score) points.
    score_curve: Curve,
}

impl Method {
    fn new() -> Method {
        Method {
            name: "Progress status",
            source: "Open SDG / Statistics Canada progress measure",
            reference: "https://github.com/open-sdg/open-sdg/blob/master/docs/progress-methodology.md",
            statuses: Status::ALL.iter().map(Status::code).collect(),
            zero_replacement: method::ZERO_REPLACEMENT,
            achieved_score: method::ACHIEVED_SCORE,
            score_range: [-5.0, 5.0],
            with_target: Measure {
                value: "ratio",
                thresholds: WITH_TARGET,
                score_curve: WITH_TARGET_CURVE,
            },
            without_target: Measure {
                value: "growth_index",
                thresholds: WITHOUT_TARGET,
                score_curve: WITHOUT_TARGET_CURVE,
            },
            summary_score_bands: SCORE_BANDS,
            factory_pace_years: PACE_YEARS,
            settle_decimals: method::SETTLE_DECIMALS,
            decimals: DECIMALS,
        }
    }
}
