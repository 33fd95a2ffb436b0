//! Progress status: known-answer tests of the Open SDG / Statistics Canada method on small
//! hand-built datasets (the arithmetic is in the comments), the diagnostics of `check`, the factory
//! pace, `progress.json`, and a run on the shipped sample.
//!
//! Values are chosen so that growth rates come out round: 100 → 121 in two years is exactly 10 %
//! a year, so a reader can verify every expected number by hand.
//!
//! Long because the progress method is the site's most consequential calculation: every rule of
//! docs/progress.md has a worked example here.

use crate::common;

use std::collections::BTreeMap;

use ecotown::data::{
    Area, Dataset, Direction, FactoryCount, Indicator, Observation, Province, Target, Text,
    ValueStatus as ObservationStatus,
};
use ecotown::diagnostics::{Diagnostics, Severity};
use ecotown::progress::{self, FactoryProgress, Progress, SeriesProgress, Status, Summary};

// ---------------------------------------------------------------------------------------------
// Building datasets

fn indicator(
    id: &str,
    direction: Direction,
    base_year: Option<i32>,
    target: Option<(f64, i32)>,
) -> Indicator {
    Indicator {
        id: id.to_string(),
        dimension: "environmental".into(),
        theme: None,
        name: Text::new(id, id),
        unit: Text::new("หน่วย", "unit"),
        direction,
        decimals: 1,
        base_year,
        target: target.map(|(value, year)| Target { value, year }),
        source: Text::new("แหล่ง", "source"),
        measured_by: None,
        line: 2,
    }
}

/// An indicator with a target, no explicit base year, increasing.
fn up(id: &str, target: Option<(f64, i32)>) -> Indicator {
    indicator(id, Direction::Increase, None, target)
}

fn down(id: &str, target: Option<(f64, i32)>) -> Indicator {
    indicator(id, Direction::Decrease, None, target)
}

/// Observation rows for area `a`, numbered from line 2 in the order given.
fn rows(area: &str, indicator: &str, values: &[(i32, Option<f64>)]) -> Vec<Observation> {
    values
        .iter()
        .enumerate()
        .map(|(i, &(year, value))| Observation {
            area_id: area.to_string(),
            indicator_id: indicator.to_string(),
            year,
            value,
            status: ObservationStatus::Final,
            note: Text::default(),
            line: 2 + i as u64,
        })
        .collect()
}

fn area(id: &str, province: &str) -> Area {
    Area {
        id: id.to_string(),
        province_code: province.to_string(),
        name: Text::new(id, id),
        phase: 1,
        line: 2,
    }
}

/// Two provinces: TH-21 with areas `a` and `b`, TH-90 with area `c`.
fn dataset(indicators: Vec<Indicator>, observations: Vec<Observation>) -> Dataset {
    Dataset {
        provinces: vec![
            Province {
                code: "TH-21".into(),
                name: Text::new("ระยอง", "Rayong"),
                line: 2,
            },
            Province {
                code: "TH-90".into(),
                name: Text::new("สงขลา", "Songkhla"),
                line: 3,
            },
        ],
        areas: vec![area("a", "TH-21"), area("b", "TH-21"), area("c", "TH-90")],
        indicators,
        observations,
        factories: Vec::new(),
        levels: Vec::new(),
        taxonomy: Default::default(),
        flows: Default::default(),
        index: Default::default(),
    }
}

/// The progress of the single series `x` of area `a`.
fn one(indicator: Indicator, values: &[(i32, Option<f64>)]) -> SeriesProgress {
    let id = indicator.id.clone();
    let data = dataset(vec![indicator], rows("a", &id, values));
    let progress = Progress::compute(&data);
    progress.series("a", &id).expect("series").clone()
}

/// The site's built-in interface strings (the words statuses are shown with).
fn sample_strings() -> ecotown::i18n::Strings {
    let read = |lang: &str| {
        std::fs::read_to_string(common::repo_root().join(format!("templates/i18n/{lang}.toml")))
            .unwrap()
    };
    ecotown::i18n::Strings::parse(&read("th"), &read("en"), &mut Diagnostics::new()).unwrap()
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|a| (a - expected).abs() < 1e-6)
}

#[track_caller]
fn assert_close(actual: Option<f64>, expected: f64) {
    assert!(close(actual, expected), "{actual:?} != {expected}");
}

// ---------------------------------------------------------------------------------------------
// One series, with a target

#[test]
fn target_achieved_scores_five() {
    // 100 → 121 against a target of 120: 121 ≥ 120, achieved whatever the pace.
    let s = one(
        up("x", Some((120.0, 2025))),
        &[(2019, Some(100.0)), (2021, Some(121.0))],
    );
    assert_eq!(s.status, Status::TargetAchieved);
    assert_eq!(s.score, Some(5.0));
    // CAGR(121, 100, 2021, 2019) = 1.21^(1/2) − 1 = 0.1; no required growth or ratio is needed.
    assert_close(s.observed_growth, 0.1);
    assert_eq!((s.required_growth, s.ratio, s.reason), (None, None, None));
}

#[test]
fn decrease_target_achieved_when_at_or_below() {
    // 800 → 450 against a target of 450 (lower is better): 450 ≤ 450.
    let s = one(
        down("x", Some((450.0, 2027))),
        &[(2016, Some(800.0)), (2021, Some(450.0))],
    );
    assert_eq!(s.status, Status::TargetAchieved);
}

#[test]
fn on_track_is_substantial_progress() {
    // Observed 100 → 121 in 2019–2021: CAGR_o = 0.1.
    // Target 146.41 by 2023: CAGR_r = 1.4641^(1/4) − 1 = 1.1 − 1 = 0.1.
    // R = s·d·CAGR_o / |CAGR_r| = 1 · 1 · 0.1 / 0.1 = 1.0 ≥ 0.95 → substantial.
    // Score between (0.95, 2.5) and (1.3, 5): 2.5 + 2.5 · (1.0 − 0.95) / 0.35 = 2.857143.
    let s = one(
        up("x", Some((146.41, 2023))),
        &[
            (2019, Some(100.0)),
            (2020, Some(110.0)),
            (2021, Some(121.0)),
        ],
    );
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_close(s.observed_growth, 0.1);
    assert_close(s.required_growth, 0.1);
    assert_close(s.ratio, 1.0);
    assert_close(s.score, 2.5 + 2.5 * 0.05 / 0.35);
    assert_eq!(s.growth_index, None);
    assert_eq!((s.base_year, s.current_year), (Some(2019), Some(2021)));
    assert_eq!((s.target, s.target_year), (Some(146.41), Some(2023)));
}

#[test]
fn moderate_progress() {
    // Target 160.1806640625 = 100 · 1.125^4 by 2023: CAGR_r = 0.125.
    // R = 0.1 / 0.125 = 0.8: 0.6 ≤ R < 0.95 → moderate.
    // Score between (0.6, 0) and (0.95, 2.5): 2.5 · (0.8 − 0.6) / 0.35 = 1.428571.
    let s = one(
        up("x", Some((160.1806640625, 2023))),
        &[(2019, Some(100.0)), (2021, Some(121.0))],
    );
    assert_eq!(s.status, Status::ModerateProgress);
    assert_close(s.required_growth, 0.125);
    assert_close(s.ratio, 0.8);
    assert_close(s.score, 2.5 * 0.2 / 0.35);
}

#[test]
fn limited_progress() {
    // Target 207.36 = 100 · 1.2^4 by 2023: CAGR_r = 0.2. R = 0.1 / 0.2 = 0.5 → limited.
    // Score between (0, −2.5) and (0.6, 0): −2.5 + 2.5 · 0.5 / 0.6 = −0.416667.
    let s = one(
        up("x", Some((207.36, 2023))),
        &[(2019, Some(100.0)), (2021, Some(121.0))],
    );
    assert_eq!(s.status, Status::LimitedProgress);
    assert_close(s.ratio, 0.5);
    assert_close(s.score, -2.5 + 2.5 * 0.5 / 0.6);
}

#[test]
fn deterioration_with_a_target() {
    // 100 → 81 in two years: CAGR_o = 0.81^(1/2) − 1 = −0.1; target 146.41 needs +0.1.
    // R = −0.1 / 0.1 = −1 < 0 → deterioration; below −0.6 the score is clamped to −5.
    let s = one(
        up("x", Some((146.41, 2023))),
        &[(2019, Some(100.0)), (2021, Some(81.0))],
    );
    assert_eq!(s.status, Status::Deterioration);
    assert_close(s.ratio, -1.0);
    assert_eq!(s.score, Some(-5.0));
}

#[test]
fn decrease_indicator_on_track() {
    // Lower is better (d = −1). 800 → 648 in 2016–2018: CAGR_o = 0.81^(1/2) − 1 = −0.1.
    // Target 524.88 = 800 · 0.9^4 by 2020: CAGR_r = −0.1, |CAGR_r| = 0.1.
    // R = 1 · (−1) · (−0.1) / 0.1 = 1.0 → substantial, score 2.857143.
    let s = one(
        down("x", Some((524.88, 2020))),
        &[(2016, Some(800.0)), (2018, Some(648.0))],
    );
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_eq!(s.direction, Direction::Decrease);
    assert_close(s.ratio, 1.0);
    assert_close(s.score, 2.5 + 2.5 * 0.05 / 0.35);
}

#[test]
fn decrease_indicator_going_up_deteriorates() {
    // 800 → 968 = 800 · 1.1^2 in two years: CAGR_o = +0.1, target 524.88 needs −0.1.
    // R = 1 · (−1) · 0.1 / 0.1 = −1 → deterioration, score −5.
    let s = one(
        down("x", Some((524.88, 2020))),
        &[(2016, Some(800.0)), (2018, Some(968.0))],
    );
    assert_eq!(s.status, Status::Deterioration);
    assert_close(s.ratio, -1.0);
}

#[test]
fn both_negative_with_a_target() {
    // Higher is better, values below 0. −100 → −81 in 2019–2021: CAGR_o = 0.81^(1/2) − 1 = −0.1,
    // s = −1 because x_b < 0. Target −65.61 = −100 · 0.9^4 by 2023: CAGR_r = −0.1.
    // R = (−1) · 1 · (−0.1) / 0.1 = 1.0 → substantial (the value rose towards the target).
    let s = one(
        up("x", Some((-65.61, 2023))),
        &[(2019, Some(-100.0)), (2021, Some(-81.0))],
    );
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_close(s.observed_growth, -0.1);
    assert_close(s.ratio, 1.0);
}

#[test]
fn target_equal_to_base_not_yet_met_is_not_assessed() {
    // Base 4 and target 4: CAGR_r = 4/4 − 1 = 0, so R would divide by zero; 2 < 4 is not met.
    let s = one(
        up("x", Some((4.0, 2024))),
        &[(2016, Some(4.0)), (2020, Some(2.0))],
    );
    assert_eq!(s.status, Status::NotAssessed);
    assert_eq!(s.reason, Some("no_required_growth"));
    assert_eq!((s.score, s.ratio, s.observed_growth), (None, None, None));
    // Met, the same target is simply achieved.
    let s = one(
        up("x", Some((4.0, 2024))),
        &[(2016, Some(4.0)), (2020, Some(5.0))],
    );
    assert_eq!(s.status, Status::TargetAchieved);
}

#[test]
fn zero_target_uses_a_stand_in() {
    // Lower is better, target 0 by 2019 → 0.001. 8 → 2 in 2016–2018: CAGR_o = 0.25^(1/2) − 1 = −0.5.
    // CAGR_r = (0.001 / 8)^(1/3) − 1 = 0.000125^(1/3) − 1 = 0.05 − 1 = −0.95.
    // R = 1 · (−1) · (−0.5) / 0.95 = 0.526316 → limited.
    // Score: −2.5 + 2.5 · 0.526316 / 0.6 = −0.307018.
    let s = one(
        down("x", Some((0.0, 2019))),
        &[(2016, Some(8.0)), (2018, Some(2.0))],
    );
    assert_eq!(s.status, Status::LimitedProgress);
    assert_close(s.required_growth, -0.95);
    assert_close(s.ratio, 0.5 / 0.95);
    assert_close(s.score, -2.5 + 2.5 * (0.5 / 0.95) / 0.6);
    assert!(s.zero_replaced);
    assert_eq!(s.target, Some(0.0), "the target is shown as written");
}

#[test]
fn zero_target_reached_is_achieved_without_a_stand_in() {
    // 0 ≤ 0: achieved; from a base of 0 no growth rate is shown and nothing was replaced.
    let s = one(
        down("x", Some((0.0, 2025))),
        &[(2016, Some(0.0)), (2021, Some(0.0))],
    );
    assert_eq!(s.status, Status::TargetAchieved);
    assert!(!s.zero_replaced);
    assert_eq!(s.observed_growth, None);
}

// ---------------------------------------------------------------------------------------------
// One series, without a target

#[test]
fn without_target_bands_and_scores() {
    // One year each, so P = s·d·(x_c / x_b − 1).
    let cases = [
        // 100 → 102: P = 0.02 → substantial; at the curve's last point, score 5.
        (102.0, Status::SubstantialProgress, 0.02, 5.0),
        // 100 → 101.5: P = 0.015 → substantial; at the point (0.015, 2.5).
        (101.5, Status::SubstantialProgress, 0.015, 2.5),
        // 100 → 101: P = 0.01 → moderate; halfway (0.005, 0)–(0.015, 2.5): 1.25.
        (101.0, Status::ModerateProgress, 0.01, 1.25),
        // 100 → 100.25: P = 0.0025 → limited; halfway (0, −2.5)–(0.005, 0): −1.25.
        (100.25, Status::LimitedProgress, 0.0025, -1.25),
        // 100 → 100: P = 0 → limited (0 is the band's lower bound); score −2.5.
        (100.0, Status::LimitedProgress, 0.0, -2.5),
        // 100 → 99: P = −0.01 → deterioration; halfway (−0.02, −5)–(0, −2.5): −3.75.
        (99.0, Status::Deterioration, -0.01, -3.75),
        // 100 → 90: P = −0.1, beyond −0.02: clamped to −5.
        (90.0, Status::Deterioration, -0.1, -5.0),
        // 100 → 150: P = 0.5, beyond 0.02: clamped to 5.
        (150.0, Status::SubstantialProgress, 0.5, 5.0),
    ];
    for (current, status, p, score) in cases {
        let s = one(up("x", None), &[(2016, Some(100.0)), (2017, Some(current))]);
        assert_eq!(s.status, status, "100 → {current}");
        assert_close(s.growth_index, p);
        assert_close(s.score, score);
        assert_eq!((s.ratio, s.required_growth), (None, None));
    }
}

#[test]
fn without_target_decrease() {
    // Lower is better: 100 → 98 in one year, CAGR = −0.02, P = 1 · (−1) · (−0.02) = 0.02 →
    // substantial, score 5. 100 → 101: P = −0.01 → deterioration, score −3.75.
    let s = one(down("x", None), &[(2016, Some(100.0)), (2017, Some(98.0))]);
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_close(s.growth_index, 0.02);
    assert_close(s.score, 5.0);
    let s = one(down("x", None), &[(2016, Some(100.0)), (2017, Some(101.0))]);
    assert_eq!(s.status, Status::Deterioration);
    assert_close(s.score, -3.75);
}

#[test]
fn negative_values_flip_the_sign() {
    // −100 → −90 in one year: CAGR = 0.9 − 1 = −0.1; s = −1 since x_b < 0.
    // Higher is better: P = (−1) · 1 · (−0.1) = 0.1 → substantial (rising towards 0).
    let s = one(up("x", None), &[(2016, Some(-100.0)), (2017, Some(-90.0))]);
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_close(s.observed_growth, -0.1);
    assert_close(s.growth_index, 0.1);
    // Lower is better: P = (−1) · (−1) · (−0.1) = −0.1 → deterioration.
    let s = one(
        down("x", None),
        &[(2016, Some(-100.0)), (2017, Some(-90.0))],
    );
    assert_eq!(s.status, Status::Deterioration);
    assert_close(s.growth_index, -0.1);
}

// ---------------------------------------------------------------------------------------------
// Base year, current year, and what cannot be assessed

#[test]
fn base_year_without_value_falls_to_the_next_year() {
    // Base year 2016 is blank; 2017 (100) becomes the base. 100 → 101 in one year: P = 0.01.
    let s = one(
        indicator("x", Direction::Increase, Some(2016), None),
        &[(2016, None), (2017, Some(100.0)), (2018, Some(101.0))],
    );
    assert_eq!((s.base_year, s.base_value), (Some(2017), Some(100.0)));
    assert_eq!(s.status, Status::ModerateProgress);
    assert_close(s.growth_index, 0.01);
}

#[test]
fn explicit_base_year_ignores_earlier_values() {
    // Base year 2018: the 2016 value (50) is not the base; 100 → 121 in 2018–2020: P = 0.1.
    let s = one(
        indicator("x", Direction::Increase, Some(2018), None),
        &[(2016, Some(50.0)), (2018, Some(100.0)), (2020, Some(121.0))],
    );
    assert_eq!(s.base_year, Some(2018));
    assert_close(s.growth_index, 0.1);
}

#[test]
fn default_base_year_is_the_first_year_and_current_the_latest_value() {
    // No base year: the first row (2018) is the base; the blank 2021 is skipped, so 2020 is current.
    let s = one(
        up("x", None),
        &[
            (2018, Some(100.0)),
            (2019, Some(105.0)),
            (2020, Some(121.0)),
            (2021, None),
        ],
    );
    assert_eq!((s.base_year, s.current_year), (Some(2018), Some(2020)));
    assert_eq!(s.current_value, Some(121.0));
    assert_close(s.growth_index, 0.1);
}

#[test]
fn rows_in_any_order_are_sorted_by_year() {
    let s = one(up("x", None), &[(2017, Some(121.0)), (2015, Some(100.0))]);
    assert_eq!((s.base_year, s.current_year), (Some(2015), Some(2017)));
    assert_close(s.growth_index, 0.1);
}

#[test]
fn only_one_year_is_not_assessed() {
    let s = one(up("x", Some((10.0, 2025))), &[(2021, Some(5.0))]);
    assert_eq!(s.status, Status::NotAssessed);
    assert_eq!(s.reason, Some("too_few_values"));
    assert_eq!(s.score, None);
    assert_eq!((s.current_year, s.current_value), (Some(2021), Some(5.0)));
    // One value among blanks is still one value.
    let s = one(
        up("x", None),
        &[(2016, None), (2019, Some(5.0)), (2021, None)],
    );
    assert_eq!(s.reason, Some("too_few_values"));
    // No value at all.
    let s = one(up("x", None), &[(2016, None)]);
    assert_eq!(s.reason, Some("too_few_values"));
}

#[test]
fn values_only_before_the_base_year_are_not_assessed() {
    let s = one(
        indicator("x", Direction::Increase, Some(2020), None),
        &[(2016, Some(1.0)), (2017, Some(2.0))],
    );
    assert_eq!(s.status, Status::NotAssessed);
    assert_eq!(s.reason, Some("current_not_after_base"));
}

#[test]
fn opposite_signs_are_not_assessed() {
    let s = one(up("x", None), &[(2016, Some(-5.0)), (2021, Some(5.0))]);
    assert_eq!(s.status, Status::NotAssessed);
    assert_eq!(s.reason, Some("opposite_signs"));
    // A zero base stands in as +0.001, so a negative current value is opposite to it.
    let s = one(up("x", None), &[(2016, Some(0.0)), (2021, Some(-1.0))]);
    assert_eq!(s.reason, Some("opposite_signs"));
    assert!(
        !s.zero_replaced,
        "not assessed, so nothing rests on the stand-in"
    );
}

#[test]
fn zero_base_uses_a_stand_in() {
    // 0 → 1 in 2016–2019: the base 0 becomes 0.001. CAGR = (1 / 0.001)^(1/3) − 1 = 10 − 1 = 9.
    // P = 9 → substantial, score clamped to 5.
    let s = one(up("x", None), &[(2016, Some(0.0)), (2019, Some(1.0))]);
    assert!(s.zero_replaced);
    assert_eq!(s.base_value, Some(0.0), "the base is shown as written");
    assert_close(s.observed_growth, 9.0);
    assert_eq!(s.status, Status::SubstantialProgress);
    assert_eq!(s.score, Some(5.0));
}

#[test]
fn target_year_not_after_the_base_year_used_is_not_assessed() {
    // No base year and data from 2021: the base is 2021, after the 2020 target.
    let s = one(
        up("x", Some((10.0, 2020))),
        &[(2021, Some(1.0)), (2022, Some(2.0))],
    );
    assert_eq!(s.status, Status::NotAssessed);
    assert_eq!(s.reason, Some("target_not_after_base"));
}

// ---------------------------------------------------------------------------------------------
// Summaries

/// Area `a`: achieved (5), on track (2.857143), deteriorating (−5) and one not assessed.
/// Area `b` (same province): achieved only. Area `c` (other province): nothing assessed.
fn mixed() -> Progress {
    let indicators = vec![
        up("achieved", Some((120.0, 2025))),
        up("on-track", Some((146.41, 2023))),
        up("worse", Some((146.41, 2023))),
        up("single", None),
    ];
    let mut observations = Vec::new();
    for area in ["a", "b"] {
        observations.extend(rows(
            area,
            "achieved",
            &[(2019, Some(100.0)), (2021, Some(121.0))],
        ));
    }
    observations.extend(rows(
        "a",
        "on-track",
        &[(2019, Some(100.0)), (2021, Some(121.0))],
    ));
    observations.extend(rows(
        "a",
        "worse",
        &[(2019, Some(100.0)), (2021, Some(81.0))],
    ));
    observations.extend(rows("a", "single", &[(2021, Some(3.0))]));
    observations.extend(rows("c", "single", &[(2021, Some(3.0))]));
    Progress::compute(&dataset(indicators, observations))
}

#[test]
fn summary_mixes_assessed_and_not_assessed() {
    let p = mixed();
    let a = p.by_area["a"];
    // Mean of the assessed: (5 + 2.857143 − 5) / 3 = 0.952381 → [0, 2.5) moderate.
    assert_close(a.score, (5.0 + (2.5 + 2.5 * 0.05 / 0.35) - 5.0) / 3.0);
    assert_eq!(a.status, Status::ModerateProgress);
    assert_eq!((a.assessed, a.not_assessed, a.target_achieved), (3, 1, 1));
}

#[test]
fn summary_is_target_achieved_only_when_every_assessed_series_is() {
    let p = mixed();
    // Area b: one series, achieved.
    let b = p.by_area["b"];
    assert_eq!(b.status, Status::TargetAchieved);
    assert_eq!(b.score, Some(5.0));
    // Indicator "achieved": achieved in a and b.
    assert_eq!(p.by_indicator["achieved"].status, Status::TargetAchieved);
    // Province TH-21 = a + b: 4 assessed, 2 achieved, mean (5 + 2.857143 − 5 + 5) / 4 = 1.964286.
    let th21 = p.by_province["TH-21"];
    assert_eq!(th21.status, Status::ModerateProgress);
    assert_eq!(
        (th21.assessed, th21.not_assessed, th21.target_achieved),
        (4, 1, 2)
    );
    assert_close(th21.score, (5.0 + 2.5 + 2.5 * 0.05 / 0.35) / 4.0);
}

#[test]
fn summary_without_assessed_series_is_not_assessed() {
    let p = mixed();
    let c = p.by_area["c"];
    assert_eq!(c.status, Status::NotAssessed);
    assert_eq!((c.score, c.assessed, c.not_assessed), (None, 0, 1));
    assert_eq!(p.by_province["TH-90"].status, Status::NotAssessed);
    let single = p.by_indicator["single"];
    assert_eq!((single.assessed, single.not_assessed), (0, 2));
    // Every area gets an entry, and so does every area × dimension.
    assert_eq!(p.by_area.len(), 3);
    assert!(
        p.by_area_dimension
            .contains_key(&("c".to_string(), "environmental".to_string()))
    );
}

#[test]
fn national_summary_covers_every_series() {
    let p = mixed();
    // Assessed: a's achieved, on-track and worse, and b's achieved; not: a's and c's single.
    assert_eq!(
        (
            p.national.assessed,
            p.national.not_assessed,
            p.national.target_achieved
        ),
        (4, 2, 2)
    );
    assert_eq!(p.series.len(), 6);
    let order: Vec<(&str, &str)> = p
        .series
        .iter()
        .map(|s| (s.area_id.as_str(), s.indicator_id.as_str()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "series are sorted by area, indicator");
    assert!(p.series("b", "worse").is_none());
}

#[test]
fn summary_bands_include_their_lower_bound() {
    use ecotown::progress::summary::band;
    assert_eq!(band(5.0), Status::SubstantialProgress);
    assert_eq!(band(2.5), Status::SubstantialProgress);
    assert_eq!(band(2.4999), Status::ModerateProgress);
    assert_eq!(band(0.0), Status::ModerateProgress);
    assert_eq!(band(-0.0001), Status::LimitedProgress);
    assert_eq!(band(-2.5), Status::LimitedProgress);
    assert_eq!(band(-2.5001), Status::Deterioration);
    assert_eq!(band(-5.0), Status::Deterioration);
    assert_eq!(Summary::of([]).status, Status::NotAssessed);
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

fn diagnostics(data: &Dataset) -> Diagnostics {
    let mut diags = Diagnostics::new();
    progress::check(data, &mut diags);
    diags
}

#[test]
fn check_warns_about_a_zero_base_at_its_observation() {
    // Lines 2 (2015, blank), 3 (2016, 0), 4 (2019, 1): the base is the 0 on line 3.
    let data = dataset(
        vec![up("x", None)],
        rows(
            "a",
            "x",
            &[(2015, None), (2016, Some(0.0)), (2019, Some(1.0))],
        ),
    );
    let diags = diagnostics(&data);
    let d = common::only(&diags, "zero-replaced");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.file, "data/observations.csv");
    assert_eq!(d.line, Some(3));
    assert!(d.hint.is_some());
}

#[test]
fn check_notes_once_a_zero_target_at_the_indicator() {
    let mut x = down("x", Some((0.0, 2025)));
    x.line = 7;
    let mut observations = rows("a", "x", &[(2016, Some(8.0)), (2018, Some(2.0))]);
    observations.extend(rows("b", "x", &[(2016, Some(8.0)), (2018, Some(4.0))]));
    // Area c reached 0: achieved, so the stand-in played no part there.
    observations.extend(rows("c", "x", &[(2016, Some(8.0)), (2018, Some(0.0))]));
    let diags = diagnostics(&dataset(vec![x], observations));
    // A target of 0 is a real target (no incidents): the method working as documented, a note.
    let d = common::only(&diags, "zero-target");
    assert_eq!(d.severity, Severity::Note);
    assert_eq!((d.file.as_str(), d.line), ("data/indicators.csv", Some(7)));
    assert!(d.message.contains("a, b"), "{}", d.message);
}

#[test]
fn check_reports_a_target_before_the_default_base_year() {
    // No base_year: the first year with data, 2021, is after the 2020 target.
    let mut x = up("x", Some((10.0, 2020)));
    x.line = 5;
    let data = dataset(
        vec![x],
        rows("a", "x", &[(2021, Some(1.0)), (2022, Some(2.0))]),
    );
    let diags = diagnostics(&data);
    let d = common::only(&diags, "target-before-base");
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.file.as_str(), d.line), ("data/indicators.csv", Some(5)));
    assert!(d.hint.as_deref().unwrap_or("").contains("base_year"));
}

#[test]
fn check_reports_a_target_before_a_base_year_that_fell_later() {
    // base_year 2016 < target_year 2019 passes loading, but area a has no value until 2020.
    let x = indicator("x", Direction::Increase, Some(2016), Some((10.0, 2019)));
    let mut observations = rows(
        "a",
        "x",
        &[(2016, None), (2020, Some(1.0)), (2021, Some(2.0))],
    );
    // Area b has its 2016 value: no problem there.
    observations.extend(rows("b", "x", &[(2016, Some(1.0)), (2021, Some(2.0))]));
    let diags = diagnostics(&dataset(vec![x], observations));
    let d = common::only(&diags, "target-before-base");
    assert!(d.message.contains("'a'"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap_or("").contains("2016"));
}

#[test]
fn check_is_silent_on_the_mini_fixture() {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(&common::fixture("mini"), &mut diags).expect("mini loads");
    assert_eq!(diagnostics(&site.data).len(), 0);
}

// ---------------------------------------------------------------------------------------------
// Factory pace

fn years(counts: &[(i32, u64, u64)]) -> BTreeMap<i32, (u64, u64)> {
    counts.iter().map(|&(y, t, u)| (y, (t, u))).collect()
}

#[test]
fn pace_is_the_three_year_average() {
    // 2018: 10 of 100 upgraded, 2021: 30. Pace (30 − 10) / 3 = 6.667 a year.
    // Remaining 70: 70 / 6.667 = 10.5 → 11 years → FY2032.
    let f = FactoryProgress::from_years(&years(&[
        (2016, 100, 2),
        (2017, 100, 5),
        (2018, 100, 10),
        (2019, 100, 15),
        (2020, 100, 22),
        (2021, 100, 30),
    ]))
    .unwrap();
    assert_eq!(
        (f.latest_year, f.total, f.upgraded, f.remaining),
        (2021, 100, 30, 70)
    );
    assert_close(Some(f.share), 0.3);
    assert_close(f.pace, 20.0 / 3.0);
    assert_eq!(f.pace_years, 3);
    assert_eq!(f.completion_year, Some(2032));
    assert!(!f.complete && !f.stalled);
}

#[test]
fn pace_with_fewer_years_uses_what_exists() {
    // Only 2020 (10) and 2021 (16) of 40: pace 6 over 1 year; 24 remaining / 6 = 4 → FY2025.
    let f = FactoryProgress::from_years(&years(&[(2020, 40, 10), (2021, 40, 16)])).unwrap();
    assert_eq!(f.pace_years, 1);
    assert_close(f.pace, 6.0);
    assert_eq!(f.completion_year, Some(2025));
    // A single year has no pace at all.
    let f = FactoryProgress::from_years(&years(&[(2021, 40, 16)])).unwrap();
    assert_eq!((f.pace, f.pace_years, f.completion_year), (None, 0, None));
    assert!(!f.stalled);
}

#[test]
fn zero_pace_never_completes() {
    let f = FactoryProgress::from_years(&years(&[
        (2018, 50, 20),
        (2019, 50, 20),
        (2020, 50, 20),
        (2021, 50, 20),
    ]))
    .unwrap();
    assert_eq!(f.pace, Some(0.0));
    assert_eq!(f.completion_year, None);
    assert!(f.stalled);
}

#[test]
fn complete_when_nothing_remains() {
    let f = FactoryProgress::from_years(&years(&[(2020, 50, 50), (2021, 50, 50)])).unwrap();
    assert!(f.complete && !f.stalled);
    assert_eq!((f.remaining, f.completion_year), (0, Some(2021)));
    assert_close(Some(f.share), 1.0);
    assert!(FactoryProgress::from_years(&BTreeMap::new()).is_none());
}

#[test]
fn provinces_and_country_add_up_their_areas() {
    let count = |area: &str, year, total, upgraded| FactoryCount {
        area_id: area.to_string(),
        year,
        total,
        upgraded,
        line: 2,
    };
    let mut data = dataset(vec![], vec![]);
    data.factories = vec![
        count("a", 2018, 100, 10),
        count("a", 2021, 100, 40),
        count("b", 2018, 50, 0),
        count("b", 2021, 50, 30),
        // c stopped reporting after 2020: its 2020 count carries into 2021.
        count("c", 2018, 30, 3),
        count("c", 2020, 30, 9),
    ];
    let p = Progress::compute(&data);
    // TH-21 = a + b: 2018 10 of 150, 2021 70 of 150. Pace 60 / 3 = 20; 80 left → 4 years → 2025.
    let th21 = p.factories_by_province["TH-21"];
    assert_eq!((th21.total, th21.upgraded), (150, 70));
    assert_close(th21.pace, 20.0);
    assert_eq!(th21.completion_year, Some(2025));
    // Country: 2021 = 40 + 30 + 9 = 79 of 180; 2018 = 13. Pace 66 / 3 = 22; 101 left → 4.6 → 5.
    let national = p.factories_national.unwrap();
    assert_eq!(
        (national.latest_year, national.total, national.upgraded),
        (2021, 180, 79)
    );
    assert_close(national.pace, 22.0);
    assert_eq!(national.completion_year, Some(2026));
    // Area c: latest 2020; the window 2017–2020 starts at 2018: pace (9 − 3) / 2 = 3.
    let c = p.factories_by_area["c"];
    assert_eq!((c.latest_year, c.pace_years), (2020, 2));
    assert_close(c.pace, 3.0);
    // The dataset's own national sums agree.
    assert_eq!(data.national_factories()[&2021], (180, 79));
}

// ---------------------------------------------------------------------------------------------
// progress.json

#[test]
fn json_has_the_documented_shape_and_is_stable() {
    let p = mixed();
    let strings = sample_strings();
    let text = p.to_json(&strings);
    assert_eq!(text, mixed().to_json(&strings), "same data, same bytes");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let method = &json["method"];
    assert_eq!(
        method["source"],
        "Open SDG / Statistics Canada progress measure"
    );
    assert_eq!(
        method["with_target"]["thresholds"]["substantial_progress"],
        0.95
    );
    assert_eq!(method["without_target"]["score_curve"][4][1], 5.0);
    let series = json["series"].as_array().unwrap();
    assert_eq!(series.len(), 6);
    let on_track = series
        .iter()
        .find(|s| s["indicator_id"] == "on-track")
        .unwrap();
    let keys: Vec<&str> = on_track
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "area_id",
        "indicator_id",
        "status",
        "score",
        "base_year",
        "base_value",
        "current_year",
        "current_value",
        "target",
        "target_year",
        "direction",
        "observed_growth",
        "required_growth",
        "ratio",
        "growth_index",
        "reason",
        "zero_replaced",
        "basis",
        "label",
    ] {
        assert!(keys.contains(&key), "missing {key}");
    }
    assert_eq!(on_track["status"], "substantial_progress");
    assert_eq!(on_track["basis"], "target");
    assert_eq!(on_track["label"]["en"], "Substantial progress / on track");
    assert_eq!(on_track["label"]["th"], "ก้าวหน้ามาก ตามเป้าหมาย");
    // Every series without a target is worded by its trend, never as "on track".
    for s in series.iter().filter(|s| s["target"].is_null()) {
        assert_eq!(s["basis"], "trend", "{s}");
        assert!(!s["label"]["en"].as_str().unwrap().contains("track"), "{s}");
        assert!(
            !s["label"]["th"].as_str().unwrap().contains("เป้าหมาย"),
            "{s}"
        );
    }
    assert_eq!(
        method["labels"]["trend"]["deterioration"]["en"], "Worsening",
        "the method lists every basis's words"
    );
    assert!(method["labels"]["trend"]["target_achieved"].is_null());
    assert_eq!(json["summaries"]["national"]["basis"], "summary");
    assert_eq!(on_track["direction"], "increase");
    assert_eq!(on_track["base_year"], 2019, "years in C.E.");
    // 2.857142857… rounded to six decimals.
    assert_eq!(on_track["score"], 2.857143);
    let single = series
        .iter()
        .find(|s| s["indicator_id"] == "single")
        .unwrap();
    assert_eq!(single["reason"], "too_few_values");
    assert!(single["score"].is_null());
    let summaries = &json["summaries"];
    assert_eq!(summaries["areas"]["b"]["status"], "target_achieved");
    assert_eq!(
        summaries["area_dimensions"][0]["dimension"],
        "environmental"
    );
    assert_eq!(summaries["national"]["assessed"], 4);
    assert!(json["factories"]["national"].is_null());
}

// ---------------------------------------------------------------------------------------------
// The shipped sample

#[test]
fn sample_gives_a_realistic_mix() {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(&common::repo_root(), &mut diags).expect("sample loads");
    let p = Progress::compute(&site.data);
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for s in &p.series {
        *counts.entry(s.status).or_default() += 1;
    }
    println!("status counts on the sample:");
    for status in Status::ALL {
        println!(
            "  {:<22}{:>4}",
            status.code(),
            counts.get(&status).unwrap_or(&0)
        );
    }
    for status in Status::ALL {
        assert!(
            counts.contains_key(&status),
            "no series is {}",
            status.code()
        );
    }
    assert_eq!(
        p.series.len(),
        site.data.areas.len() * site.data.indicators.len()
    );
    // The seed's factory figures, and the pace they imply.
    let national = p.factories_national.unwrap();
    assert_eq!(
        (national.total, national.upgraded, national.remaining),
        (4494, 1760, 2734)
    );
    assert_eq!(national.pace_years, 3);
    println!(
        "national: pace {:.1} a year, completion FY{:?}, summary {:?}",
        national.pace.unwrap(),
        national.completion_year,
        p.national
    );
    // No data errors and no warnings; a note about the target of 0 for chemical incidents.
    let mut checked = Diagnostics::new();
    progress::check(&site.data, &mut checked);
    assert!(!checked.has_errors());
    assert!(
        checked.iter().all(|d| d.severity == Severity::Note),
        "{checked:?}"
    );
    assert_eq!(
        p.to_json(&site.strings),
        Progress::compute(&site.data).to_json(&site.strings)
    );
}
