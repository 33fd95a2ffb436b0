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

use crate::data::Lang;
use crate::i18n::Strings;
use crate::progress::factories::PACE_YEARS;
use crate::progress::method::{
    self, Curve, SeriesProgress, Thresholds, WITH_TARGET, WITH_TARGET_CURVE, WITHOUT_TARGET,
    WITHOUT_TARGET_CURVE,
};
use crate::progress::summary::{SCORE_BANDS, ScoreBands};
use crate::progress::{Basis, FactoryProgress, Progress, Status, Summary, label_key};

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

/// `progress.json`, with every status in the words the pages use (from `strings`).
pub fn to_json(progress: &Progress, strings: &Strings) -> String {
    let summary = |s| summary(strings, s);
    let summaries = |map| summaries(strings, map);
    let document = Document {
        method: Method::new(strings),
        series: progress
            .series
            .iter()
            .map(|s| Labelled {
                basis: s.basis(),
                label: Label::new(strings, s.status, s.basis()),
                inner: s,
            })
            .collect(),
        summaries: Summaries {
            national: summary(&progress.national),
            areas: summaries(&progress.by_area),
            area_dimensions: progress
                .by_area_dimension
                .iter()
                .map(|((area_id, dimension), s)| AreaDimension {
                    area_id,
                    dimension,
                    summary: summary(s),
                })
                .collect(),
            provinces: summaries(&progress.by_province),
            indicators: summaries(&progress.by_indicator),
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
    series: Vec<Labelled<'a, SeriesProgress>>,
    summaries: Summaries<'a>,
    factories: Factories<'a>,
}

/// A status's words in both languages, exactly as the pages show them.
#[derive(Serialize)]
struct Label {
    th: String,
    en: String,
}

impl Label {
    fn new(strings: &Strings, status: Status, basis: Basis) -> Label {
        let key = label_key(status, basis);
        Label {
            th: strings.text(Lang::Th, &key).to_string(),
            en: strings.text(Lang::En, &key).to_string(),
        }
    }
}

fn summary<'a>(strings: &Strings, summary: &'a Summary) -> Labelled<'a, Summary> {
    Labelled {
        basis: Basis::Summary,
        label: Label::new(strings, summary.status, Basis::Summary),
        inner: summary,
    }
}

fn summaries<'a>(
    strings: &Strings,
    map: &'a BTreeMap<String, Summary>,
) -> BTreeMap<String, Labelled<'a, Summary>> {
    map.iter()
        .map(|(k, s)| (k.clone(), summary(strings, s)))
        .collect()
}

/// A series or summary with what its status measures and its words.
#[derive(Serialize)]
struct Labelled<'a, T> {
    #[serde(flatten)]
    inner: &'a T,
    basis: Basis,
    label: Label,
}

#[derive(Serialize)]
struct Summaries<'a> {
    national: Labelled<'a, Summary>,
    areas: BTreeMap<String, Labelled<'a, Summary>>,
    area_dimensions: Vec<AreaDimension<'a>>,
    provinces: BTreeMap<String, Labelled<'a, Summary>>,
    indicators: BTreeMap<String, Labelled<'a, Summary>>,
}

#[derive(Serialize)]
struct AreaDimension<'a> {
    area_id: &'a str,
    dimension: &'a str,
    #[serde(flatten)]
    summary: Labelled<'a, Summary>,
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
    /// The words of each status for each basis, as the pages show them.
    labels: BTreeMap<Basis, BTreeMap<Status, Label>>,
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
    fn new(strings: &Strings) -> Method {
        Method {
            labels: Basis::ALL
                .iter()
                .map(|&b| {
                    let words = b
                        .statuses()
                        .iter()
                        .map(|&s| (s, Label::new(strings, s, b)))
                        .collect();
                    (b, words)
                })
                .collect(),
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
