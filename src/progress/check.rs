//! What the progress calculation had to refuse or work around, as diagnostics pointing at the CSV
//! line to look at.
//!
//! Two things cannot be seen row by row while loading, because they depend on a whole series:
//! a target due no later than the base year a series actually uses (the base year may be the
//! default, the first year with data, or fall to a later year when its value is blank), and a zero
//! base value or target, which the method silently replaces by 0.001. The first makes the measure
//! meaningless, so it is an error; the second is allowed but can swing a status, so the publisher
//! is warned and the page flags it.

use std::collections::BTreeMap;

use crate::data::load::{INDICATORS, OBSERVATIONS};
use crate::data::{Dataset, Indicator};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::progress::SeriesRows;
use crate::progress::method::{SeriesProgress, reason};

/// Reports `target-before-base` errors and `zero-replaced` warnings for every series.
pub fn check(data: &Dataset, diags: &mut Diagnostics) {
    let _ = super::Progress::assess(data, diags);
}

/// What the assessment of the series found, gathered while they are assessed (once, by
/// [`super::Progress::assess`]).
#[derive(Default)]
pub(super) struct Findings<'d> {
    /// A zero target is one cell, so it gets one warning however many areas it affects.
    zero_targets: BTreeMap<&'d str, (&'d Indicator, Vec<&'d str>)>,
}

impl<'d> Findings<'d> {
    /// Reports what is wrong with one assessed series.
    pub(super) fn see(
        &mut self,
        rows: &SeriesRows<'d>,
        progress: &SeriesProgress,
        diags: &mut Diagnostics,
    ) {
        if progress.reason == Some(reason::TARGET_NOT_AFTER_BASE) {
            diags.push(target_before_base(rows, progress));
        }
        if !progress.zero_replaced {
            return;
        }
        if progress.base_value == Some(0.0) {
            diags.push(zero_base(rows, progress));
        }
        if progress.target == Some(0.0) && progress.required_growth.is_some() {
            self.zero_targets
                .entry(&rows.indicator.id)
                .or_insert((rows.indicator, Vec::new()))
                .1
                .push(rows.area_id);
        }
    }

    /// Reports what concerns several series at once.
    pub(super) fn finish(self, diags: &mut Diagnostics) {
        for (indicator, areas) in self.zero_targets.into_values() {
            diags.push(zero_target(indicator, &areas));
        }
    }
}

fn target_before_base(rows: &SeriesRows, progress: &SeriesProgress) -> Diagnostic {
    let indicator = rows.indicator;
    let base = progress.base_year.unwrap_or_default();
    let target_year = progress.target_year.unwrap_or_default();
    let why = match indicator.base_year {
        Some(declared) => format!(
            "area '{}' has no value for the base year {declared}; its first value is in {base}",
            rows.area_id
        ),
        None => format!(
            "'base_year' is blank, so the base year is the first year with a value, {base} for area '{}'",
            rows.area_id
        ),
    };
    Diagnostic::error(
        "target-before-base",
        INDICATORS,
        format!(
            "'target_year' {target_year} of '{}' is not after the base year {base} of area '{}'",
            indicator.id, rows.area_id
        ),
    )
    .at_line(indicator.line)
    .with_hint(format!(
        "{why}: set 'base_year' to a year with a value before {target_year}, fill in that value, or move the target later"
    ))
}

fn zero_base(rows: &SeriesRows, progress: &SeriesProgress) -> Diagnostic {
    let line = rows
        .observations
        .iter()
        .find(|o| Some(o.year) == progress.base_year)
        .map(|o| o.line);
    let diagnostic = Diagnostic::warning(
        "zero-replaced",
        OBSERVATIONS,
        format!(
            "the base value of '{}' in area '{}' is 0; progress is measured from 0.001 instead",
            rows.indicator.id, rows.area_id
        ),
    )
    .with_value("0")
    .with_hint(
        "growth from 0 is undefined, so the status rests on a stand-in (the Open SDG convention) and \
         may overstate the change: check the value, or choose a base year with a non-zero value",
    );
    match line {
        Some(line) => diagnostic.at_line(line),
        None => diagnostic,
    }
}

/// A target of 0 (no chemical incidents) is a real target, and measuring towards 0.001 is the
/// method working as documented: a note, not a warning a publisher must act on.
fn zero_target(indicator: &Indicator, areas: &[&str]) -> Diagnostic {
    Diagnostic::note(
        "zero-target",
        INDICATORS,
        format!(
            "the target of '{}' is 0; progress towards it is measured as towards 0.001 (areas: {})",
            indicator.id,
            areas.join(", ")
        ),
    )
    .at_line(indicator.line)
    .with_value("0")
    .with_hint(
        "growth to 0 is undefined, so the required growth rests on a stand-in (the Open SDG \
         convention); areas that reach 0 still count as having achieved the target",
    )
}
