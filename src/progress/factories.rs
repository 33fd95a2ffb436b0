//! The pace of factory upgrades: how many factories are upgraded a year, and when every factory in
//! scope would be upgraded if that pace held.
//!
//! The programme's headline question is "how long until all 4,494 factories are upgraded?". The
//! answer uses the average yearly gain over the last three fiscal years (long enough to smooth one
//! slow year, short enough to reflect the current effort) and projects the remaining factories
//! forward at that pace. Provinces and the country add up their areas year by year, carrying an
//! area's latest earlier count into a year it has not reported, exactly as
//! [`Dataset::national_factories`] does, so that the figures here and on the pages agree.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::data::Dataset;
use crate::progress::json::{round, round_option};

/// How many fiscal years the pace is averaged over.
pub const PACE_YEARS: i32 = 3;

/// Factory upgrades in one scope (an area, a province or the country) at the latest fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FactoryProgress {
    /// The latest fiscal year (C.E.) with counts; every other field is as of this year.
    pub latest_year: i32,
    pub total: u64,
    pub upgraded: u64,
    pub remaining: u64,
    /// upgraded / total, 0–1 (0 when no factory is in scope).
    #[serde(serialize_with = "round")]
    pub share: f64,
    /// Factories upgraded a year, averaged over `pace_years`; `None` when only one year exists.
    #[serde(serialize_with = "round_option")]
    pub pace: Option<f64>,
    /// How many years the pace covers: 3, or fewer when the counts start later.
    pub pace_years: usize,
    /// The fiscal year by which every factory would be upgraded at `pace`: the latest year when
    /// already complete, `None` when stalled or when the pace is unknown.
    pub completion_year: Option<i32>,
    /// No factory remains.
    pub complete: bool,
    /// Factories remain but none were upgraded over the pace years: not at the current pace.
    pub stalled: bool,
}

impl FactoryProgress {
    /// Measures cumulative counts per fiscal year, `year → (total, upgraded)`; `None` if empty.
    pub fn from_years(years: &BTreeMap<i32, (u64, u64)>) -> Option<FactoryProgress> {
        let (&latest_year, &(total, upgraded)) = years.last_key_value()?;
        let (&from_year, &(_, upgraded_then)) = years
            .range(latest_year.saturating_sub(PACE_YEARS)..)
            .next()?;
        let span = u64::try_from(latest_year - from_year).unwrap_or(0);
        let gained = i128::from(upgraded) - i128::from(upgraded_then);
        let remaining = total.saturating_sub(upgraded);
        let complete = remaining == 0;
        let pace = (span > 0).then(|| gained as f64 / span as f64);
        Some(FactoryProgress {
            latest_year,
            total,
            upgraded,
            remaining,
            share: if total == 0 {
                0.0
            } else {
                upgraded as f64 / total as f64
            },
            pace,
            pace_years: span as usize,
            completion_year: completion_year(latest_year, remaining, span, gained),
            complete,
            stalled: !complete && span > 0 && gained <= 0,
        })
    }
}

/// latest + ⌈remaining / pace⌉ with pace = gained / span, in whole numbers so that no rounding
/// error can move the year.
fn completion_year(latest: i32, remaining: u64, span: u64, gained: i128) -> Option<i32> {
    if remaining == 0 {
        return Some(latest);
    }
    if span == 0 || gained <= 0 {
        return None;
    }
    let numerator = i128::from(remaining) * i128::from(span);
    let years = (numerator + gained - 1) / gained;
    i32::try_from(i128::from(latest) + years).ok()
}

/// The factory progress of every area, province and the country.
pub(crate) struct Factories {
    pub by_area: BTreeMap<String, FactoryProgress>,
    pub by_province: BTreeMap<String, FactoryProgress>,
    pub national: Option<FactoryProgress>,
}

impl Factories {
    pub fn new(data: &Dataset) -> Factories {
        let counts = counts_by_area(data);
        let mut by_area = BTreeMap::new();
        for area in &data.areas {
            let own = yearly_sum(&counts, &[area.id.as_str()]);
            if let Some(progress) = FactoryProgress::from_years(&own) {
                by_area.insert(area.id.clone(), progress);
            }
        }
        let mut by_province = BTreeMap::new();
        for province in &data.provinces {
            let areas: Vec<&str> = data
                .areas_in(&province.code)
                .map(|a| a.id.as_str())
                .collect();
            if let Some(progress) = FactoryProgress::from_years(&yearly_sum(&counts, &areas)) {
                by_province.insert(province.code.clone(), progress);
            }
        }
        let all: Vec<&str> = data.areas.iter().map(|a| a.id.as_str()).collect();
        Factories {
            by_area,
            by_province,
            national: FactoryProgress::from_years(&yearly_sum(&counts, &all)),
        }
    }
}

type Counts<'a> = BTreeMap<&'a str, BTreeMap<i32, (u64, u64)>>;

/// Each area's counts by year, whatever order the dataset holds them in.
fn counts_by_area(data: &Dataset) -> Counts<'_> {
    let mut counts: Counts = BTreeMap::new();
    for f in &data.factories {
        counts
            .entry(f.area_id.as_str())
            .or_default()
            .insert(f.year, (u64::from(f.total), u64::from(f.upgraded)));
    }
    counts
}

/// The counts of `areas` added up for every year any of them reported, each area contributing its
/// latest count up to that year (nothing before its first).
fn yearly_sum(counts: &Counts, areas: &[&str]) -> BTreeMap<i32, (u64, u64)> {
    let own: Vec<&BTreeMap<i32, (u64, u64)>> =
        areas.iter().filter_map(|id| counts.get(id)).collect();
    let years: BTreeSet<i32> = own.iter().flat_map(|c| c.keys().copied()).collect();
    years
        .into_iter()
        .map(|year| {
            let mut sum = (0, 0);
            for area in &own {
                if let Some((_, &(total, upgraded))) = area.range(..=year).next_back() {
                    sum.0 += total;
                    sum.1 += upgraded;
                }
            }
            (year, sum)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_rounds_up_in_whole_numbers() {
        // 70 remaining, 20 gained over 3 years: 70 × 3 / 20 = 10.5 → 11 years → 2032.
        assert_eq!(completion_year(2021, 70, 3, 20), Some(2032));
        // 60 remaining at exactly 20 a year (60 over 3 years): 3 years → 2024, not 4.
        assert_eq!(completion_year(2021, 60, 3, 60), Some(2024));
        assert_eq!(completion_year(2021, 0, 0, 0), Some(2021));
        assert_eq!(completion_year(2021, 5, 3, 0), None);
        assert_eq!(completion_year(2021, 5, 0, 0), None);
        // Far beyond any calendar: no year rather than an overflow.
        assert_eq!(completion_year(i32::MAX - 1, 5, 3, 1), None);
    }
}
