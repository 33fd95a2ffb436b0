//! Loading the six CSV files of the data contract into a [`Dataset`], checking each row as it goes.
//!
//! Files are read in dependency order (provinces → areas → indicators → observations, factories,
//! levels) so that every reference can be checked against what was already loaded, while the row
//! that makes it is at hand to locate the diagnostic. A row with any bad cell is reported and
//! dropped; loading always continues so that one run shows every problem.
//!
//! The columns of each table are the contract's ([`crate::data::contract`]); the taxonomy the
//! indicators and levels refer to is read first, by [`crate::data::taxonomy`].

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::data::cells;
use crate::data::contract::columns;
use crate::data::files::Files;
use crate::data::model::*;
use crate::data::sources::{Sources, Tables};
use crate::data::table::Row;
use crate::data::taxonomy::{Loaded, in_taxonomy, load_taxonomy, on_the_scale};
use crate::diagnostics::{Diagnostic, Diagnostics};

pub const PROVINCES: &str = "data/provinces.csv";
pub const AREAS: &str = "data/areas.csv";
pub const INDICATORS: &str = "data/indicators.csv";
pub const OBSERVATIONS: &str = "data/observations.csv";
pub const FACTORIES: &str = "data/factories.csv";
pub const LEVELS: &str = "data/levels.csv";
pub const DIMENSIONS: &str = "data/dimensions.csv";
pub const THEMES: &str = "data/themes.csv";
pub const LEVEL_SCALE: &str = "data/level_scale.csv";

/// Loads every file under `root`; the dataset holds only rows without errors.
pub fn load_dataset(root: &Path, diags: &mut Diagnostics) -> Dataset {
    crate::data::sources::report_unknown_files(root, diags);
    load_dataset_from(root, diags)
}

/// The contract's tables by name, in the order they are loaded (a table's file is
/// `data/<name>.csv` or `data/<name>.xlsx`, and the files in `data/<name>/`).
pub const TABLES: [&str; 13] = [
    "dimensions",
    "themes",
    "level_scale",
    "provinces",
    "areas",
    "indicators",
    "observations",
    "factories",
    "levels",
    "materials",
    "flow_nodes",
    "flows",
    "symbiosis",
];

/// The files of the data contract, in the order they are read.
pub const CONTRACT: [&str; 13] = [
    DIMENSIONS,
    THEMES,
    LEVEL_SCALE,
    PROVINCES,
    AREAS,
    INDICATORS,
    OBSERVATIONS,
    FACTORIES,
    LEVELS,
    crate::data::flows::load::MATERIALS,
    crate::data::flows::load::FLOW_NODES,
    crate::data::flows::load::FLOWS,
    crate::data::flows::load::SYMBIOSIS,
];

/// Loads the six files from `root` (a folder, or files in memory), checking every row.
pub fn load_dataset_from<F: Files + ?Sized>(files: &F, diags: &mut Diagnostics) -> Dataset {
    let root = &Sources::new(files);
    let taxonomy = load_taxonomy(root, diags);
    let (provinces, province_ids) = load_provinces(root, diags);
    let (areas, area_ids) = load_areas(root, &province_ids, diags);
    let (indicators, indicator_ids) = load_indicators(root, &taxonomy, diags);
    let flows = crate::data::flows::load::load_flows(root, &area_ids, diags);
    let measured = Measured {
        indicators: (indicators.iter())
            .filter_map(|i| Some((i.id.as_str(), (i.measured_by.as_deref()?, i.decimals))))
            .collect(),
        flows: &flows,
    };
    let observations = load_observations(root, &area_ids, &indicator_ids, &measured, diags);
    Dataset {
        observations,
        flows,
        factories: load_factories(root, &area_ids, diags),
        levels: load_levels(root, &area_ids, &taxonomy, diags),
        provinces,
        areas,
        indicators,
        taxonomy: taxonomy.taxonomy,
        index: Default::default(),
    }
}

/// The ids a file declares, including those on rows rejected for another reason: a reference to
/// an area whose row has a typo in its phase is not a second problem, so it must not be reported.
fn declared_ids(table: &Tables, column: usize, upper: bool) -> BTreeSet<String> {
    table
        .rows()
        .map(|row| row.get(column))
        .filter(|id| !id.is_empty())
        .map(|id| {
            if upper {
                id.to_ascii_uppercase()
            } else {
                id.to_string()
            }
        })
        .collect()
}

/// Remembers the first line of each key and reports repeats. The file's name is borrowed from
/// the table (a large dataset has hundreds of thousands of rows), as the key may be.
pub(super) struct Uniques<'t, K> {
    /// Where each key was first seen: its file and line.
    seen: BTreeMap<K, (&'t str, u64)>,
}

impl<'t, K: Ord> Uniques<'t, K> {
    pub(super) fn new() -> Self {
        Uniques {
            seen: BTreeMap::new(),
        }
    }

    /// True if `key` is new; otherwise reports the duplicate at `column` of `row`.
    pub(super) fn check(
        &mut self,
        key: K,
        row: &Row<'t>,
        column: usize,
        what: &str,
        diags: &mut Diagnostics,
    ) -> bool {
        if let Some((file, line)) = self.seen.get(&key) {
            // A workbook's sheet has rows, not lines.
            let unit = match crate::diagnostics::is_sheet(file) {
                true => "row",
                false => "line",
            };
            let first = match *file == row.file() {
                true => format!("{unit} {line}"),
                false => format!("{file} {unit} {line}"),
            };
            diags.push(
                row.error(
                    "duplicate",
                    column,
                    format!("{what} appears more than once"),
                )
                .with_hint(format!(
                    "{first} has the same {what}; keep one row and delete the other"
                )),
            );
            return false;
        }
        self.seen.insert(key, (row.file(), row.line()));
        true
    }
}

fn load_provinces<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> (Vec<Province>, BTreeSet<String>) {
    let Some(table) = Tables::read(root, PROVINCES, columns("provinces"), diags) else {
        return (Vec::new(), BTreeSet::new());
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let code = cells::province_code(&row, 0, diags);
        let name_th = cells::text(&row, 1, diags);
        let name_en = cells::text(&row, 2, diags);
        let (Some(code), Some(th), Some(en)) = (code, name_th, name_en) else {
            continue;
        };
        if unique.check(code.clone(), &row, 0, "province_code", diags) {
            list.push(Province {
                code,
                name: Text::new(th, en),
                line: row.line(),
            });
        }
    }
    (list, declared_ids(&table, 0, true))
}

fn load_areas<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    provinces: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> (Vec<Area>, BTreeSet<String>) {
    let Some(table) = Tables::read(root, AREAS, columns("areas"), diags) else {
        return (Vec::new(), BTreeSet::new());
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let id = cells::slug(&row, 0, diags);
        let province = cells::province_code(&row, 1, diags);
        if province.as_ref().is_some_and(|p| !provinces.contains(p)) {
            if !provinces.is_empty() {
                cells::unknown_reference(&row, 1, provinces, PROVINCES, diags);
            }
            continue;
        }
        let name_th = cells::text(&row, 2, diags);
        let name_en = cells::text(&row, 3, diags);
        let phase = cells::integer(&row, 4, 1, 3, diags);
        let (Some(id), Some(province_code), Some(th), Some(en), Some(phase)) =
            (id, province, name_th, name_en, phase)
        else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, "area_id", diags) {
            let name = Text::new(th, en);
            list.push(Area {
                id,
                province_code,
                name,
                phase: phase as u8,
                line: row.line(),
            });
        }
    }
    (list, declared_ids(&table, 0, false))
}

fn load_indicators<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    taxonomy: &Loaded,
    diags: &mut Diagnostics,
) -> (Vec<Indicator>, BTreeSet<String>) {
    let Some(table) = Tables::read(root, INDICATORS, columns("indicators"), diags) else {
        return (Vec::new(), BTreeSet::new());
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let Some(indicator) = indicator_row(&row, taxonomy, diags) else {
            continue;
        };
        if unique.check(indicator.id.clone(), &row, 0, "indicator_id", diags) {
            list.push(indicator);
        }
    }
    (list, declared_ids(&table, 0, false))
}

fn indicator_row(row: &Row, taxonomy: &Loaded, diags: &mut Diagnostics) -> Option<Indicator> {
    let id = cells::slug(row, 0, diags);
    let dimension = in_taxonomy(row, 1, &taxonomy.dimensions, DIMENSIONS, diags)
        .then(|| row.get(1).trim().to_ascii_lowercase());
    let name = bilingual(row, 3, 4, diags);
    let unit = bilingual(row, 5, 6, diags);
    let direction = cells::choice(row, 7, Direction::parse, &Direction::choices(), diags);
    let decimals = cells::integer(row, 8, 0, 6, diags);
    let base_year = cells::optional_year(row, 9, diags);
    let target = target(row, diags);
    let source = bilingual(row, 12, 13, diags);
    let measured_by = match row.get(14).is_empty() {
        true => Some(None),
        false => {
            let value = row.get(14).trim().to_ascii_lowercase();
            match crate::data::contract::MEASURES.contains(&value.as_str()) {
                true => Some(Some(value)),
                false => {
                    diags.push(
                        row.error(
                            "unknown-value",
                            14,
                            "'measured_by' is not one of the allowed values",
                        )
                        .with_hint(format!(
                            "write one of: {}; or leave it blank",
                            crate::data::contract::MEASURES.join(", ")
                        )),
                    );
                    None
                }
            }
        }
    };
    let theme = if row.get(2).is_empty() {
        Some(None)
    } else {
        in_taxonomy(row, 2, &taxonomy.themes, THEMES, diags)
            .then(|| Some(row.get(2).trim().to_ascii_lowercase()))
    };
    let indicator = Indicator {
        id: id?,
        dimension: dimension?,
        theme: theme?,
        name: name?,
        unit: unit?,
        direction: direction?,
        decimals: decimals? as u8,
        base_year: base_year?,
        target: target?,
        source: source?,
        measured_by: measured_by?,
        line: row.line(),
    };
    if let (Some(base), Some(target)) = (indicator.base_year, indicator.target)
        && target.year <= base
    {
        diags.push(
            row.error(
                "target-before-base",
                11,
                "'target_year' is not after 'base_year'",
            )
            .with_hint(format!("a target must lie after the base year {base}")),
        );
        return None;
    }
    Some(indicator)
}

pub(super) fn bilingual(row: &Row, th: usize, en: usize, diags: &mut Diagnostics) -> Option<Text> {
    let th = cells::text(row, th, diags);
    let en = cells::text(row, en, diags);
    Some(Text::new(th?, en?))
}

/// `target` and `target_year` come together or not at all.
fn target(row: &Row, diags: &mut Diagnostics) -> Option<Option<Target>> {
    let value = cells::optional_decimal(row, 10, diags)?;
    let year = cells::optional_year(row, 11, diags)?;
    match (value, year) {
        (Some(value), Some(year)) => Some(Some(Target { value, year })),
        (None, None) => Some(None),
        (Some(_), None) => {
            diags.push(
                row.error(
                    "target-without-year",
                    11,
                    "'target' is given but 'target_year' is blank",
                )
                .with_hint("give the fiscal year (C.E.) the target is due, or clear 'target'"),
            );
            None
        }
        (None, Some(_)) => {
            diags.push(
                row.error(
                    "year-without-target",
                    10,
                    "'target_year' is given but 'target' is blank",
                )
                .with_hint("give the target value, or clear 'target_year'"),
            );
            None
        }
    }
}

/// The indicators measured by the flows data (id → measure and decimals), and the flows: what
/// their observations must agree with.
struct Measured<'a> {
    indicators: std::collections::HashMap<&'a str, (&'a str, u8)>,
    flows: &'a crate::data::flows::Flows,
}

fn load_observations<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    indicators: &BTreeSet<String>,
    measured: &Measured,
    diags: &mut Diagnostics,
) -> Vec<Observation> {
    let Some(table) = Tables::read(root, OBSERVATIONS, columns("observations"), diags) else {
        return Vec::new();
    };
    // Rows are checked in parallel (a large dataset has hundreds of thousands), each into its own
    // diagnostics, which are then reported in row order; duplicates are found in order after.
    let rows: Vec<Row> = table.rows().collect();
    let checked: Vec<(Option<Observation>, Diagnostics)> = rows
        .par_iter()
        .map(|row| {
            let mut found = Diagnostics::new();
            let observation = observation(row, areas, indicators, &mut found)
                .filter(|o| agrees_with_flows(row, o, measured, &mut found));
            (observation, found)
        })
        .collect();
    let mut unique = Uniques::new();
    let mut list = Vec::with_capacity(table.len());
    for (row, (observation, found)) in rows.iter().zip(checked) {
        diags.extend(found);
        let Some(observation) = observation else {
            continue;
        };
        let key = (row.get(0), row.get(1), observation.year);
        if unique.check(key, row, 2, "(area_id, indicator_id, year)", diags) {
            list.push(observation);
        }
    }
    list.sort_by(|a, b| {
        (&a.area_id, &a.indicator_id, a.year).cmp(&(&b.area_id, &b.indicator_id, b.year))
    });
    list
}

/// One row of `observations.csv`, if every cell is valid (problems go to `diags`).
fn observation(
    row: &Row,
    areas: &BTreeSet<String>,
    indicators: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Option<Observation> {
    let area_ok = known(row, 0, areas, AREAS, diags);
    let indicator_ok = known(row, 1, indicators, INDICATORS, diags);
    let year = cells::year(row, 2, diags);
    let value = cells::optional_decimal(row, 3, diags);
    let status = if row.get(4).is_empty() {
        Some(ValueStatus::Final)
    } else {
        cells::choice(row, 4, ValueStatus::parse, &ValueStatus::choices(), diags)
    };
    let (true, true, Some(year), Some(value), Some(status)) =
        (area_ok, indicator_ok, year, value, status)
    else {
        return None;
    };
    Some(Observation {
        area_id: row.get(0).to_string(),
        indicator_id: row.get(1).to_string(),
        year,
        value,
        status,
        note: Text::new(row.get(5), row.get(6)),
        line: row.line(),
    })
}

/// An observation of an indicator `measured_by` the flows equals what the flows give for its area
/// and year (to the indicator's decimals), when the area has flows that year.
fn agrees_with_flows(
    row: &Row,
    observation: &Observation,
    measured: &Measured,
    diags: &mut Diagnostics,
) -> bool {
    let Some(&(measure, decimals)) = measured.indicators.get(observation.indicator_id.as_str())
    else {
        return true;
    };
    let (Some(value), Some(expected)) = (
        observation.value,
        (measured.flows).measure(measure, &observation.area_id, observation.year),
    ) else {
        return true;
    };
    let step = 10f64.powi(-i32::from(decimals));
    if (value - expected).abs() < step / 2.0 {
        return true;
    }
    let what = match measure {
        "exchanged-tonnes" => {
            "t/yr exchanged between factories (data/symbiosis.csv's factory-factory links, their flows in data/flows.csv)"
        }
        "symbiosis-links" => "factory pairs in data/symbiosis.csv",
        "landfill-diverted" => "t/yr diverted from landfill in data/symbiosis.csv",
        _ => "t CO2e/yr avoided in data/symbiosis.csv",
    };
    diags.push(
        row.error(
            "disagrees-with-flows",
            3,
            format!(
                "the value differs from the flows data, which give {} for {} in {}",
                crate::i18n::format::number(expected, decimals),
                observation.area_id,
                observation.year
            ),
        )
        .with_hint(format!(
            "the indicator is measured by the flows ({what}): correct the value or the flows, \
             or clear 'measured_by' in data/indicators.csv"
        )),
    );
    false
}

/// Checks that the id in `column` exists; an empty `known` set means its file already failed, so
/// every reference would be noise.
pub(super) fn known(
    row: &Row,
    column: usize,
    known: &BTreeSet<String>,
    file: &str,
    diags: &mut Diagnostics,
) -> bool {
    let value = row.get(column);
    if value.is_empty() {
        return cells::text(row, column, diags).is_some();
    }
    if known.contains(value) {
        return true;
    }
    if !known.is_empty() {
        cells::unknown_reference(row, column, known, file, diags);
    }
    false
}

fn load_factories<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Vec<FactoryCount> {
    let Some(table) = Tables::read(root, FACTORIES, columns("factories"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut rows: Vec<(FactoryCount, Row)> = Vec::new();
    for row in table.rows() {
        let area_ok = known(&row, 0, areas, AREAS, diags);
        let year = cells::year(&row, 1, diags);
        let total = cells::integer(&row, 2, 0, 10_000_000, diags);
        let upgraded = cells::integer(&row, 3, 0, 10_000_000, diags);
        let (true, Some(year), Some(total), Some(upgraded)) = (area_ok, year, total, upgraded)
        else {
            continue;
        };
        if upgraded > total {
            diags.push(
                row.error(
                    "upgraded-exceeds-total",
                    3,
                    "more factories upgraded than in scope",
                )
                .with_hint(format!(
                    "'factories_upgraded' must not exceed 'factories_total' ({total})"
                )),
            );
            continue;
        }
        if unique.check(
            (row.get(0).to_string(), year),
            &row,
            1,
            "(area_id, year)",
            diags,
        ) {
            let count = FactoryCount {
                area_id: row.get(0).to_string(),
                year,
                total: total as u32,
                upgraded: upgraded as u32,
                line: row.line(),
            };
            rows.push((count, row));
        }
    }
    rows.sort_by(|a, b| (&a.0.area_id, a.0.year).cmp(&(&b.0.area_id, b.0.year)));
    check_cumulative(&rows, diags);
    rows.into_iter().map(|(count, _)| count).collect()
}

/// `factories_upgraded` is cumulative, so within an area it can never go down.
fn check_cumulative(rows: &[(FactoryCount, Row)], diags: &mut Diagnostics) {
    for pair in rows.windows(2) {
        let (before, after) = (&pair[0].0, &pair[1].0);
        if before.area_id == after.area_id && after.upgraded < before.upgraded {
            diags.push(
                pair[1]
                    .1
                    .error(
                        "upgraded-decreases",
                        3,
                        format!(
                            "'factories_upgraded' falls from {} in {} to {} in {}",
                            before.upgraded, before.year, after.upgraded, after.year
                        ),
                    )
                    .with_hint(format!(
                        "the count is cumulative (all factories upgraded so far); check line {}",
                        before.line
                    )),
            );
        }
    }
}

fn load_levels<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    taxonomy: &Loaded,
    diags: &mut Diagnostics,
) -> Vec<LevelRecord> {
    let Some(table) = Tables::read(root, LEVELS, columns("levels"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let area_ok = known(&row, 0, areas, AREAS, diags);
        let year = cells::year(&row, 1, diags);
        let level = cells::integer(&row, 2, 1, 20, diags)
            .filter(|&level| on_the_scale(&row, level, &taxonomy.levels, diags));
        let (true, Some(year), Some(level)) = (area_ok, year, level) else {
            continue;
        };
        if unique.check(
            (row.get(0).to_string(), year),
            &row,
            1,
            "(area_id, year)",
            diags,
        ) {
            let area_id = row.get(0).to_string();
            list.push(LevelRecord {
                area_id,
                year,
                level: level as u8,
                line: row.line(),
            });
        }
    }
    list.sort_by(|a, b| (&a.area_id, a.year).cmp(&(&b.area_id, b.year)));
    list
}

/// Dataset-wide checks that need every file: things that are allowed but probably a mistake.
pub fn check_coverage(data: &Dataset, diags: &mut Diagnostics) {
    for province in &data.provinces {
        if data.areas_in(&province.code).next().is_none() {
            diags.push(
                Diagnostic::warning(
                    "province-without-areas",
                    PROVINCES,
                    format!("province {} has no areas", province.code),
                )
                .at_line(province.line)
                .with_hint("add its areas to data/areas.csv, or remove the province"),
            );
        }
    }
    for area in &data.areas {
        if data.factories_of(&area.id).is_empty() {
            diags.push(
                Diagnostic::warning(
                    "area-without-factories",
                    AREAS,
                    format!("area '{}' has no factory counts", area.id),
                )
                .at_line(area.line)
                .with_hint("add its rows to data/factories.csv"),
            );
        }
    }
    // One pass over the observations, not one per indicator: files can have a million rows.
    // Inserted one by one: collecting would sort all million ids first.
    let mut observed: BTreeSet<&str> = BTreeSet::new();
    for observation in &data.observations {
        observed.insert(observation.indicator_id.as_str());
    }
    for indicator in &data.indicators {
        if !observed.contains(indicator.id.as_str()) {
            diags.push(
                Diagnostic::note(
                    "indicator-without-data",
                    INDICATORS,
                    format!("indicator '{}' has no observations", indicator.id),
                )
                .at_line(indicator.line),
            );
        }
    }
}
