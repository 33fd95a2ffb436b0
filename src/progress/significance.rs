//! Which series matter most to someone deciding: the rule that picks a brief's key indicators.
//!
//! A governor reading a two-page brief asks "what is going wrong, and what is going right?", not
//! "what comes first in `indicators.csv`". So a province's series are ranked by what their
//! assessment says, in three bands, and the brief shows the top of each:
//!
//! 1. **Needs attention**, worst first:
//!    - a series that is *deteriorating* (moving away from its target, or worsening without one);
//!    - a *target at risk*: a series with a target whose progress is limited or moderate, so the
//!      target will be missed at the current pace (limited before moderate);
//!    - any other series whose latest value is worse than its base value.
//!
//!    Within a step, the larger adverse change first.
//! 2. **Improving**: a series whose latest value is better than its base value, the largest
//!    improvement first (a target achieved counts as an improvement of its size).
//!
//! An indicator gets one row per band, at the area where it ranks highest; its other areas in the
//! same band are named on that row, so a province with several areas still sees as many
//! different indicators as there are rows. Series that cannot be assessed, or have no change, are
//! not picked. "Change" is the change from
//! the base value to the latest one as a share of the base, signed so that positive is better for
//! the indicator's direction; from a base of 0 any change counts as 100 %. One measure for every
//! unit makes a share of factories and a tonnage comparable; for shares this equals the change in
//! percentage points over the base.
//!
//! The rule is deterministic: ties keep the order of areas and indicators in the data. A province
//! can pin indicators in its narrative's front matter (`brief_indicators`); pinned indicators come
//! first, in the order written, and the rule fills the rest. `docs/progress.md` documents the rule
//! for readers; the methodology page links there.

use super::{SeriesProgress, Status};
use crate::data::model::Direction;

/// Why a series is on the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Named in the province narrative's `brief_indicators`.
    Pinned,
    /// Deteriorating, a target at risk, or worse than at the base year.
    Attention,
    /// Better than at the base year.
    Improving,
}

/// One indicator chosen, at the area where it matters most, with why and by how much it changed.
#[derive(Debug, Clone)]
pub struct Pick<'a> {
    pub series: &'a SeriesProgress,
    pub reason: Reason,
    /// The change since the base as a share of the base, positive when better (`None` only for a
    /// pinned series that could not be assessed).
    pub change: Option<f64>,
    /// The same indicator's series in the province's other areas that fall in the same band,
    /// in the band's order: told on the same row rather than given rows of their own.
    pub also: Vec<&'a SeriesProgress>,
}

/// The change from base to latest as a share of the base, positive when better.
pub fn relative_change(series: &SeriesProgress) -> Option<f64> {
    let (base, latest) = (series.base_value?, series.current_value?);
    let raw = if base == 0.0 {
        (latest - base).signum()
    } else {
        (latest - base) / base.abs()
    };
    let signed = match series.direction {
        Direction::Increase => raw,
        Direction::Decrease => -raw,
    };
    signed.is_finite().then_some(signed)
}

/// How urgent a series needing attention is: lower first.
fn attention_step(series: &SeriesProgress, change: f64) -> Option<u8> {
    let has_target = series.target.is_some();
    match series.status {
        Status::Deterioration => Some(0),
        Status::LimitedProgress if has_target => Some(1),
        Status::ModerateProgress if has_target => Some(2),
        Status::NotAssessed => None,
        _ if change < 0.0 => Some(3),
        _ => None,
    }
}

/// The series ranked by the rule: `pinned` indicator ids first (each area's series of them, in
/// the order written), then every series that needs attention, then every improving series.
/// Callers take as many of each band as fit.
pub fn rank<'a>(series: &[&'a SeriesProgress], pinned: &[String]) -> Vec<Pick<'a>> {
    let mut picks: Vec<Pick<'a>> = pinned
        .iter()
        .flat_map(|id| series.iter().filter(move |s| &s.indicator_id == id))
        .map(|s| Pick {
            series: s,
            reason: Reason::Pinned,
            change: relative_change(s),
            also: Vec::new(),
        })
        .collect();
    let rest = series
        .iter()
        .filter(|s| !pinned.contains(&s.indicator_id) && s.is_assessed());
    let mut attention: Vec<(u8, f64, Pick<'a>)> = Vec::new();
    let mut improving: Vec<(f64, Pick<'a>)> = Vec::new();
    for s in rest {
        let Some(change) = relative_change(s) else {
            continue;
        };
        if let Some(step) = attention_step(s, change) {
            let reason = Reason::Attention;
            let pick = Pick {
                series: s,
                reason,
                change: Some(change),
                also: Vec::new(),
            };
            attention.push((step, change, pick));
        } else if change > 0.0 {
            let reason = Reason::Improving;
            let pick = Pick {
                series: s,
                reason,
                change: Some(change),
                also: Vec::new(),
            };
            improving.push((change, pick));
        }
    }
    // Stable sorts: equal keys keep the data's order.
    attention.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    improving.sort_by(|a, b| b.0.total_cmp(&a.0));
    picks.extend(attention.into_iter().map(|(_, _, p)| p));
    picks.extend(improving.into_iter().map(|(_, p)| p));
    one_row_per_indicator(picks)
}

/// Folds each pick into an earlier one of the same indicator and band, as one of its `also`.
fn one_row_per_indicator(picks: Vec<Pick<'_>>) -> Vec<Pick<'_>> {
    let mut rows: Vec<Pick> = Vec::with_capacity(picks.len());
    for pick in picks {
        let same = |r: &&mut Pick| {
            r.reason == pick.reason && r.series.indicator_id == pick.series.indicator_id
        };
        match rows.iter_mut().find(|r| same(r)) {
            Some(row) => row.also.push(pick.series),
            None => rows.push(pick),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Indicator;

    fn series(id: &str, status: Status, base: f64, latest: f64, target: bool) -> SeriesProgress {
        let text = |t: &str| crate::data::Text {
            th: t.to_string(),
            en: t.to_string(),
        };
        let indicator = Indicator {
            id: id.to_string(),
            dimension: "physical".to_string(),
            theme: None,
            name: text(id),
            unit: text("t"),
            direction: Direction::Increase,
            decimals: 1,
            base_year: None,
            target: None,
            source: text("s"),
            measured_by: None,
            line: 2,
        };
        let mut s = SeriesProgress::new("a", &indicator);
        s.status = status;
        s.base_value = Some(base);
        s.current_value = Some(latest);
        s.target = target.then_some(100.0);
        s
    }

    fn ids(picks: &[Pick]) -> Vec<String> {
        picks
            .iter()
            .map(|p| p.series.indicator_id.clone())
            .collect()
    }

    #[test]
    fn deteriorations_then_targets_at_risk_then_other_losses_then_improvements() {
        let all = [
            series("fine", Status::SubstantialProgress, 10.0, 20.0, true),
            series("slow", Status::LimitedProgress, 10.0, 10.5, true),
            series("small-loss", Status::Deterioration, 10.0, 9.5, true),
            series("big-loss", Status::Deterioration, 10.0, 5.0, false),
            series("moderate", Status::ModerateProgress, 10.0, 11.0, true),
            series("dipped", Status::SubstantialProgress, 10.0, 9.9, false),
            series("achieved", Status::TargetAchieved, 10.0, 12.0, true),
            series("flat", Status::LimitedProgress, 10.0, 10.0, false),
            series("unknown", Status::NotAssessed, 10.0, 1.0, true),
        ];
        let refs: Vec<&SeriesProgress> = all.iter().collect();
        let picks = rank(&refs, &[]);
        assert_eq!(
            ids(&picks),
            [
                "big-loss",
                "small-loss",
                "slow",
                "moderate",
                "dipped",
                "fine",
                "achieved"
            ]
        );
        assert!(picks[..5].iter().all(|p| p.reason == Reason::Attention));
        assert!(picks[5..].iter().all(|p| p.reason == Reason::Improving));
        assert_eq!(picks[0].change, Some(-0.5));
    }

    #[test]
    fn a_decreasing_indicator_improves_when_it_falls_and_pinned_ones_come_first() {
        let mut fewer = series("complaints", Status::SubstantialProgress, 50.0, 25.0, false);
        fewer.direction = Direction::Decrease;
        let mut more = series("incidents", Status::Deterioration, 2.0, 4.0, false);
        more.direction = Direction::Decrease;
        let zero = series("from-zero", Status::SubstantialProgress, 0.0, 3.0, false);
        assert_eq!(relative_change(&fewer), Some(0.5));
        assert_eq!(relative_change(&more), Some(-1.0));
        assert_eq!(relative_change(&zero), Some(1.0));
        let refs = [&fewer, &more, &zero];
        let picks = rank(&refs, &["complaints".to_string()]);
        assert_eq!(ids(&picks), ["complaints", "incidents", "from-zero"]);
        assert_eq!(picks[0].reason, Reason::Pinned);
    }

    #[test]
    fn an_indicator_worsening_in_two_areas_is_one_row_at_the_worse() {
        let a = series("buffer", Status::Deterioration, 10.0, 9.0, true);
        let mut b = series("buffer", Status::Deterioration, 10.0, 8.0, true);
        b.area_id = "b".into();
        let c = series("other", Status::Deterioration, 10.0, 9.5, true);
        let refs = [&a, &b, &c];
        let picks = rank(&refs, &[]);
        assert_eq!(ids(&picks), ["buffer", "other"]);
        assert_eq!(picks[0].series.area_id, "b");
        assert_eq!(picks[0].also.len(), 1);
        assert_eq!(picks[0].also[0].area_id, "a");
    }
}
