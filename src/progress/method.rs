//! The progress of one series (one area × one indicator), calculated exactly as Open SDG and
//! Statistics Canada do.
//!
//! The method compares compound annual growth rates (CAGR). With a target, the growth observed
//! since the base year is divided by the growth the target needs (the ratio R); without one, the
//! observed growth itself, signed so that "better" is positive (the growth index P), is compared
//! with fixed rates. Each is placed in a status band and on a −5…+5 score curve. Every constant
//! the method uses is defined here, once, so that `progress.json` and `docs/progress.md` can quote
//! them and a reviewer can compare them with the published method line by line.

use serde::Serialize;

use crate::data::{Direction, Indicator, Observation, Target};
use crate::progress::json::round_option;
use crate::progress::{Basis, Status};

/// A base value or target of exactly 0 is replaced by this: growth from or to 0 is undefined in
/// an exponential model, and Open SDG uses 0.001.
pub const ZERO_REPLACEMENT: f64 = 0.001;

/// The lower bounds of the three progress bands; anything below `limited` is deterioration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    pub substantial_progress: f64,
    pub moderate_progress: f64,
    pub limited_progress: f64,
}

/// Bands for R, the ratio of observed to required growth.
pub const WITH_TARGET: Thresholds = Thresholds {
    substantial_progress: 0.95,
    moderate_progress: 0.60,
    limited_progress: 0.0,
};

/// Bands for P, the observed growth signed by direction (1.5 % a year is "substantial").
pub const WITHOUT_TARGET: Thresholds = Thresholds {
    substantial_progress: 0.015,
    moderate_progress: 0.005,
    limited_progress: 0.0,
};

/// A score curve: (progress value, score) points, joined by straight lines and flat outside.
pub type Curve = [(f64, f64); 5];

/// The score for R. The points sit on the band limits, so a score of 2.5 or more always means
/// substantial progress, 0 to 2.5 moderate, and so on; summaries rely on that.
pub const WITH_TARGET_CURVE: Curve = [
    (-0.6, -5.0),
    (0.0, -2.5),
    (0.6, 0.0),
    (0.95, 2.5),
    (1.3, 5.0),
];

/// The score for P.
pub const WITHOUT_TARGET_CURVE: Curve = [
    (-0.02, -5.0),
    (0.0, -2.5),
    (0.005, 0.0),
    (0.015, 2.5),
    (0.02, 5.0),
];

/// Progress values and mean scores are rounded to this many decimals before they are banded and
/// scored. Binary floating point computes a growth of exactly 1.5 % as 1.4999999999999902 %, which
/// would fall below the 1.5 % threshold a reader checking by hand expects it to meet; and `powf`
/// may differ in its last bit between platforms, which must not flip a status.
pub const SETTLE_DECIMALS: i32 = 9;

/// Rounds a progress value or mean score to [`SETTLE_DECIMALS`] places. Values too large to
/// need it (or to scale safely) are returned as they are.
pub fn settle(value: f64) -> f64 {
    if !value.is_finite() || value.abs() > 1e6 {
        return value;
    }
    let factor = 10f64.powi(SETTLE_DECIMALS);
    (value * factor).round() / factor
}

/// The score of a series that has reached its target, whatever its trend.
pub const ACHIEVED_SCORE: f64 = 5.0;

/// Why a series was not assessed: the codes in `progress.json`'s `reason`.
pub mod reason {
    /// Fewer than two values from the base year on (including no value at all).
    pub const TOO_FEW_VALUES: &str = "too_few_values";
    /// Every value lies before the base year, so there is nothing to measure from it.
    pub const CURRENT_NOT_AFTER_BASE: &str = "current_not_after_base";
    /// The base and current values have opposite signs: the growth rate is undefined.
    pub const OPPOSITE_SIGNS: &str = "opposite_signs";
    /// The target needs no growth (it equals the base value) or its growth is undefined (it has
    /// the opposite sign of the base value), and it is not yet met: R cannot be formed.
    pub const NO_REQUIRED_GROWTH: &str = "no_required_growth";
    /// The target year is not after the base year (a data error that `check` reports).
    pub const TARGET_NOT_AFTER_BASE: &str = "target_not_after_base";
    /// A growth rate overflowed (values many orders of magnitude apart).
    pub const NOT_COMPUTABLE: &str = "not_computable";
}

/// The progress of one area on one indicator. Years are fiscal years in C.E.; values are as in
/// `data/observations.csv` (a zero base is shown as 0 even though 0.001 was used).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesProgress {
    pub area_id: String,
    pub indicator_id: String,
    pub status: Status,
    /// −5…+5; `None` when not assessed.
    #[serde(serialize_with = "round_option")]
    pub score: Option<f64>,
    /// The base year actually used (after moving past a base year without a value).
    pub base_year: Option<i32>,
    #[serde(serialize_with = "round_option")]
    pub base_value: Option<f64>,
    /// The latest year with a value.
    pub current_year: Option<i32>,
    #[serde(serialize_with = "round_option")]
    pub current_value: Option<f64>,
    #[serde(serialize_with = "round_option")]
    pub target: Option<f64>,
    pub target_year: Option<i32>,
    pub direction: Direction,
    /// CAGR(x_c, x_b): the yearly growth observed since the base year (left out for a series that
    /// achieved its target from a base of 0).
    #[serde(serialize_with = "round_option")]
    pub observed_growth: Option<f64>,
    /// CAGR(T, x_b): the yearly growth the target needs (only when it is not yet achieved).
    #[serde(serialize_with = "round_option")]
    pub required_growth: Option<f64>,
    /// R, for indicators with a target that is not yet achieved (settled, see [`settle`]).
    #[serde(serialize_with = "round_option")]
    pub ratio: Option<f64>,
    /// P, for indicators without a target (settled, see [`settle`]).
    #[serde(serialize_with = "round_option")]
    pub growth_index: Option<f64>,
    /// One of the [`reason`] codes when not assessed.
    pub reason: Option<&'static str>,
    /// The base value or target was 0 and 0.001 stood in for it in a growth rate that decided the
    /// status and score. Never set on a series that is not assessed or achieved its target.
    pub zero_replaced: bool,
}

impl SeriesProgress {
    pub(crate) fn new(area_id: &str, indicator: &Indicator) -> Self {
        SeriesProgress {
            area_id: area_id.to_string(),
            indicator_id: indicator.id.clone(),
            status: Status::NotAssessed,
            score: None,
            base_year: None,
            base_value: None,
            current_year: None,
            current_value: None,
            target: indicator.target.map(|t| t.value),
            target_year: indicator.target.map(|t| t.year),
            direction: indicator.direction,
            observed_growth: None,
            required_growth: None,
            ratio: None,
            growth_index: None,
            reason: None,
            zero_replaced: false,
        }
    }

    pub fn is_assessed(&self) -> bool {
        self.status != Status::NotAssessed
    }

    /// Measured against a target, or (without one) by its trend: decides the status's words.
    pub fn basis(&self) -> Basis {
        if self.target.is_some() {
            Basis::Target
        } else {
            Basis::Trend
        }
    }

    /// Marks the series as not assessed, keeping only what describes the data (years, values,
    /// target), so that no half-computed number is ever shown.
    fn not_assessed(&mut self, why: &'static str) {
        self.status = Status::NotAssessed;
        self.reason = Some(why);
        self.score = None;
        self.observed_growth = None;
        self.required_growth = None;
        self.ratio = None;
        self.growth_index = None;
        self.zero_replaced = false;
    }
}

/// Assesses one series; `observations` are its rows, oldest first.
pub fn assess(
    area_id: &str,
    indicator: &Indicator,
    observations: &[&Observation],
) -> SeriesProgress {
    let mut progress = SeriesProgress::new(area_id, indicator);
    if let Err(why) = measure(indicator, observations, &mut progress) {
        progress.not_assessed(why);
    }
    progress
}

/// The compound annual growth rate from `b` in year `t_b` to `a` in year `t_a`:
/// (a / b)^(1 / (t_a − t_b)) − 1.
pub fn cagr(a: f64, b: f64, t_a: i32, t_b: i32) -> f64 {
    let years = f64::from(t_a) - f64::from(t_b);
    (a / b).powf(1.0 / years) - 1.0
}

/// The score of a progress value on `curve`: linear between its points, flat beyond its ends
/// (so clamped to −5…+5).
pub fn score(value: f64, curve: &Curve) -> f64 {
    let (first, last) = (curve[0], curve[curve.len() - 1]);
    if value <= first.0 {
        return first.1;
    }
    for pair in curve.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if value <= x1 {
            // The fraction form is exact at the points themselves (t is exactly 0 or 1).
            let t = (value - x0) / (x1 - x0);
            return y0 + (y1 - y0) * t;
        }
    }
    last.1
}

/// The status band a progress value falls in.
pub fn band(value: f64, thresholds: &Thresholds) -> Status {
    if value >= thresholds.substantial_progress {
        Status::SubstantialProgress
    } else if value >= thresholds.moderate_progress {
        Status::ModerateProgress
    } else if value >= thresholds.limited_progress {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// 0 becomes [`ZERO_REPLACEMENT`]; anything else is kept.
fn nonzero(value: f64) -> f64 {
    if value == 0.0 {
        ZERO_REPLACEMENT
    } else {
        value
    }
}

/// The base value is positive and the current negative, or the other way round. A current
/// value of 0 is not opposite to anything (its growth rate is −100 %).
fn opposite_signs(base: f64, current: f64) -> bool {
    (base < 0.0 && current > 0.0) || (base > 0.0 && current < 0.0)
}

/// The values of a series as (year, value), leaving out blank cells.
fn values(observations: &[&Observation]) -> Vec<(i32, f64)> {
    observations
        .iter()
        .filter_map(|o| Some((o.year, o.value?)))
        .collect()
}

/// Fills in `out` step by step; an `Err` says why the series cannot be assessed.
fn measure(
    indicator: &Indicator,
    observations: &[&Observation],
    out: &mut SeriesProgress,
) -> Result<(), &'static str> {
    let values = values(observations);
    let &(current_year, current) = values.last().ok_or(reason::TOO_FEW_VALUES)?;
    out.current_year = Some(current_year);
    out.current_value = Some(current);
    // The default base year is the first year with a row at all; a base year without a value
    // falls to the first later year that has one.
    let nominal_base = indicator
        .base_year
        .or(observations.first().map(|o| o.year))
        .unwrap_or(current_year);
    out.base_year = Some(nominal_base);
    let from_base: Vec<(i32, f64)> = values
        .into_iter()
        .filter(|&(year, _)| year >= nominal_base)
        .collect();
    let &(base_year, base) = from_base.first().ok_or(reason::CURRENT_NOT_AFTER_BASE)?;
    out.base_year = Some(base_year);
    out.base_value = Some(base);
    if from_base.len() < 2 {
        return Err(reason::TOO_FEW_VALUES);
    }
    if current_year <= base_year {
        return Err(reason::CURRENT_NOT_AFTER_BASE);
    }
    if indicator.target.is_some_and(|t| t.year <= base_year) {
        return Err(reason::TARGET_NOT_AFTER_BASE);
    }
    let base_used = nonzero(base);
    if opposite_signs(base_used, current) {
        return Err(reason::OPPOSITE_SIGNS);
    }
    let observed = finite(cagr(current, base_used, current_year, base_year))?;
    out.observed_growth = Some(observed);
    out.zero_replaced = base == 0.0;
    // Both negative: a growth rate below 0 means the value moved up towards 0, so the sign s
    // flips the direction.
    let sign = if base < 0.0 { -1.0 } else { 1.0 };
    let direction = match indicator.direction {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
    };
    let signed_growth = sign * direction * observed;
    match indicator.target {
        Some(target) => with_target(target, (base_year, base_used), signed_growth, out),
        None => {
            let index = settle(finite(signed_growth)?);
            out.growth_index = Some(index);
            out.status = band(index, &WITHOUT_TARGET);
            out.score = Some(score(index, &WITHOUT_TARGET_CURVE));
            Ok(())
        }
    }
}

/// The part for indicators with a target. `base` is the base year and the base value used (0
/// already replaced), `signed_growth` is s·d·CAGR(x_c, x_b), and `out` holds the current value.
fn with_target(
    target: Target,
    base: (i32, f64),
    signed_growth: f64,
    out: &mut SeriesProgress,
) -> Result<(), &'static str> {
    let current = out.current_value.ok_or(reason::TOO_FEW_VALUES)?;
    let achieved = match out.direction {
        Direction::Increase => current >= target.value,
        Direction::Decrease => current <= target.value,
    };
    if achieved {
        out.status = Status::TargetAchieved;
        out.score = Some(ACHIEVED_SCORE);
        // Reaching the target decides the status whatever the trend, so a growth rate from a
        // stand-in base would only mislead (0 → 0 would read as −100 % a year): drop both.
        if out.zero_replaced {
            out.observed_growth = None;
            out.zero_replaced = false;
        }
        return Ok(());
    }
    let required = cagr(nonzero(target.value), base.1, target.year, base.0);
    if !required.is_finite() || required == 0.0 {
        return Err(reason::NO_REQUIRED_GROWTH);
    }
    out.required_growth = Some(required);
    out.zero_replaced |= target.value == 0.0;
    let ratio = settle(finite(signed_growth / required.abs())?);
    out.ratio = Some(ratio);
    out.status = band(ratio, &WITH_TARGET);
    out.score = Some(score(ratio, &WITH_TARGET_CURVE));
    Ok(())
}

fn finite(value: f64) -> Result<f64, &'static str> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(reason::NOT_COMPUTABLE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn cagr_is_the_compound_yearly_rate() {
        // 100 → 121 in two years: (121 / 100)^(1/2) − 1 = 1.1 − 1 = 0.1.
        assert!(close(cagr(121.0, 100.0, 2021, 2019), 0.1));
        // 800 → 648 in two years: 0.81^(1/2) − 1 = −0.1.
        assert!(close(cagr(648.0, 800.0, 2018, 2016), -0.1));
        // Both negative: −100 → −90 in one year: 0.9 − 1 = −0.1 (s flips it later).
        assert!(close(cagr(-90.0, -100.0, 2017, 2016), -0.1));
    }

    #[test]
    fn scores_at_the_points_of_the_target_curve() {
        for (r, expected) in WITH_TARGET_CURVE {
            assert_eq!(score(r, &WITH_TARGET_CURVE), expected, "R = {r}");
        }
    }

    #[test]
    fn scores_at_the_points_of_the_no_target_curve() {
        for (p, expected) in WITHOUT_TARGET_CURVE {
            assert_eq!(score(p, &WITHOUT_TARGET_CURVE), expected, "P = {p}");
        }
    }

    #[test]
    fn scores_between_the_points_are_linear() {
        // R = 0.3, halfway from (0, −2.5) to (0.6, 0): −1.25.
        assert!(close(score(0.3, &WITH_TARGET_CURVE), -1.25));
        // R = −0.3, halfway from (−0.6, −5) to (0, −2.5): −3.75.
        assert!(close(score(-0.3, &WITH_TARGET_CURVE), -3.75));
        // R = 0.775, halfway from (0.6, 0) to (0.95, 2.5): 1.25.
        assert!(close(score(0.775, &WITH_TARGET_CURVE), 1.25));
        // R = 1.125, halfway from (0.95, 2.5) to (1.3, 5): 3.75.
        assert!(close(score(1.125, &WITH_TARGET_CURVE), 3.75));
        // P = 0.01, halfway from (0.005, 0) to (0.015, 2.5): 1.25.
        assert!(close(score(0.01, &WITHOUT_TARGET_CURVE), 1.25));
        // P = 0.0175, halfway from (0.015, 2.5) to (0.02, 5): 3.75.
        assert!(close(score(0.0175, &WITHOUT_TARGET_CURVE), 3.75));
        // P = −0.01, halfway from (−0.02, −5) to (0, −2.5): −3.75.
        assert!(close(score(-0.01, &WITHOUT_TARGET_CURVE), -3.75));
    }

    #[test]
    fn scores_are_clamped() {
        assert_eq!(score(-7.0, &WITH_TARGET_CURVE), -5.0);
        assert_eq!(score(12.0, &WITH_TARGET_CURVE), 5.0);
        assert_eq!(score(-0.5, &WITHOUT_TARGET_CURVE), -5.0);
        assert_eq!(score(9.0, &WITHOUT_TARGET_CURVE), 5.0);
    }

    #[test]
    fn bands_include_their_lower_bound() {
        assert_eq!(band(0.95, &WITH_TARGET), Status::SubstantialProgress);
        assert_eq!(band(0.6, &WITH_TARGET), Status::ModerateProgress);
        assert_eq!(band(0.0, &WITH_TARGET), Status::LimitedProgress);
        assert_eq!(band(-1e-12, &WITH_TARGET), Status::Deterioration);
        assert_eq!(band(0.015, &WITHOUT_TARGET), Status::SubstantialProgress);
        assert_eq!(band(0.005, &WITHOUT_TARGET), Status::ModerateProgress);
        assert_eq!(band(0.0, &WITHOUT_TARGET), Status::LimitedProgress);
        assert_eq!(band(-0.001, &WITHOUT_TARGET), Status::Deterioration);
    }

    #[test]
    fn the_curves_agree_with_the_bands() {
        // The band limits map to the summary score bands 2.5, 0 and −2.5.
        for (curve, t) in [
            (&WITH_TARGET_CURVE, WITH_TARGET),
            (&WITHOUT_TARGET_CURVE, WITHOUT_TARGET),
        ] {
            assert_eq!(score(t.substantial_progress, curve), 2.5);
            assert_eq!(score(t.moderate_progress, curve), 0.0);
            assert_eq!(score(t.limited_progress, curve), -2.5);
        }
    }

    #[test]
    fn settling_keeps_exact_thresholds_exact() {
        // 101.5 / 100 − 1 is 0.014999999999999902 in binary floating point.
        let raw = std::hint::black_box(101.5) / 100.0 - 1.0;
        assert!(raw < 0.015);
        assert_eq!(settle(raw), 0.015);
        assert_eq!(
            band(settle(raw), &WITHOUT_TARGET),
            Status::SubstantialProgress
        );
        assert_eq!(settle(1e300), 1e300);
    }

    #[test]
    fn opposite_signs_ignore_zero() {
        assert!(opposite_signs(-1.0, 2.0));
        assert!(opposite_signs(0.001, -2.0));
        assert!(!opposite_signs(5.0, 0.0));
        assert!(!opposite_signs(-5.0, 0.0));
        assert!(!opposite_signs(-5.0, -1.0));
    }
}
