//! Loading the six CSV files of the data contract into a [`Dataset`], checking each row as it goes.
//!
//! Files are read in dependency order (provinces → areas → indicators → observations, factories,
//! levels) so that every reference can be checked against what was already loaded, while the row
//! that makes it is at hand to locate the diagnostic. A row with any bad cell is reported and
//! dropped; loading always continues so that one run shows every problem.
//!
//! Past 600 lines: the loader spec of each of the six tables sits beside the cross-table checks
//! that need all of them; splitting it is due when the contract is written once (the Excel and
//! taxonomy issue).

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::data::cells;
use crate::data::contract::columns;
use crate::data::files::Files;
use crate::data::model::*;
use crate::data::sources::{Sources, Tables};
use crate::data::table::Row;
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
    report_unknown_files(root, diags);
    load_dataset_from(root, diags)
}

/// The contract's tables by name, in the order they are loaded (a table's file is
/// `data/<name>.csv` or `data/<name>.xlsx`, and the files in `data/<name>/`).
pub const TABLES: [&str; 9] = [
    "dimensions",
    "themes",
    "level_scale",
    "provinces",
    "areas",
    "indicators",
    "observations",
    "factories",
    "levels",
];

/// The files of the data contract, in the order they are read.
pub const CONTRACT: [&str; 9] = [
    DIMENSIONS,
    THEMES,
    LEVEL_SCALE,
    PROVINCES,
    AREAS,
    INDICATORS,
    OBSERVATIONS,
    FACTORIES,
    LEVELS,
];

/// Whether the workbook at `path` has a sheet named after a table (a workbook of several tables).
fn shares_tables(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    crate::data::workbook::sheet_names(&bytes).iter().any(|n| {
        TABLES
            .iter()
            .any(|t| crate::data::workbook::is_sheet_of(n, t))
    })
}

/// A file in `data/` that the contract does not know is never read: say so, naming the files that
/// are, rather than let a publisher's `observations-rayong-2565.csv` vanish without a word.
/// `data/geo/` holds the sources of the map bundled into the program, kept for reference.
fn report_unknown_files(root: &Path, diags: &mut Diagnostics) {
    let data = root.join("data");
    let mut unknown: Vec<String> = walkdir::WalkDir::new(&data)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let name = e.file_name().to_string_lossy();
            let ignored =
                rel.starts_with("data/geo/") || name.starts_with('.') || name.starts_with("~$");
            let as_csv = rel.strip_suffix(".xlsx").map(|stem| format!("{stem}.csv"));
            // A part of a table in its folder: `data/observations/rayong.csv`.
            let part = rel.rsplit_once('/').is_some_and(|(folder, file)| {
                CONTRACT.contains(&format!("{folder}.csv").as_str())
                    && (file.ends_with(".csv") || file.ends_with(".xlsx"))
            });
            let known = part
                || CONTRACT.contains(&rel.as_str())
                || as_csv.is_some_and(|csv| CONTRACT.contains(&csv.as_str()))
                || (rel.ends_with(".xlsx") && shares_tables(e.path()));
            (!ignored && !known).then_some(rel)
        })
        .collect();
    unknown.sort();
    for rel in unknown {
        let hint = if rel.ends_with(".xlsx") || rel.ends_with(".xls") || rel.ends_with(".ods") {
            let tables: Vec<String> = CONTRACT
                .iter()
                .map(|c| c.replace(".csv", ".xlsx"))
                .collect();
            format!(
                "a workbook is read when it is named after its table ({}), or when its sheets are",
                tables.join(", ")
            )
        } else {
            format!(
                "only these files are read: {}; put its rows into the matching file, or move it out of data/",
                CONTRACT.join(", ")
            )
        };
        diags.push(
            Diagnostic::warning(
                "unknown-data-file",
                &rel,
                "this file is not part of the data contract and is not read",
            )
            .with_hint(hint),
        );
    }
}

/// Loads the six files from `root` (a folder, or files in memory), checking every row.
pub fn load_dataset_from<F: Files + ?Sized>(files: &F, diags: &mut Diagnostics) -> Dataset {
    let root = &Sources::new(files);
    let taxonomy = load_taxonomy(root, diags);
    let (provinces, province_ids) = load_provinces(root, diags);
    let (areas, area_ids) = load_areas(root, &province_ids, diags);
    let (indicators, indicator_ids) = load_indicators(root, &taxonomy, diags);
    Dataset {
        observations: load_observations(root, &area_ids, &indicator_ids, diags),
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

/// Remembers the first line of each key and reports repeats.
struct Uniques<K> {
    /// Where each key was first seen: its file and line.
    seen: BTreeMap<K, (String, u64)>,
}

impl<K: Ord> Uniques<K> {
    fn new() -> Self {
        Uniques {
            seen: BTreeMap::new(),
        }
    }

    /// True if `key` is new; otherwise reports the duplicate at `column` of `row`.
    fn check(
        &mut self,
        key: K,
        row: &Row,
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
            let first = match file == row.file() {
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
        self.seen.insert(key, (row.file().to_string(), row.line()));
        true
    }
}

/// The taxonomy as loaded, with which of its tables the site gave (the others are built in): a
/// reference to an unknown dimension then points at the file to add it to, or says to create it.
struct Loaded {
    taxonomy: Taxonomy,
    dimensions: Vocabulary,
    themes: Vocabulary,
    levels: Vocabulary,
}

/// A taxonomy's ids in its order, and its file when the site gave it (else it is built in).
struct Vocabulary {
    ids: Vec<String>,
    file: Option<&'static str>,
}

/// The three taxonomy tables, each from its files if the site has them, else built in.
fn load_taxonomy<F: Files + ?Sized>(root: &Sources<'_, F>, diags: &mut Diagnostics) -> Loaded {
    let builtin = Taxonomy::default();
    let dimensions = match root.has_table(DIMENSIONS) {
        true => load_dimensions(root, diags),
        false => builtin.dimensions,
    };
    let themes = match root.has_table(THEMES) {
        true => load_themes(root, diags),
        false => builtin.themes,
    };
    let levels = match root.has_table(LEVEL_SCALE) {
        true => load_level_scale(root, diags),
        false => builtin.levels,
    };
    let taxonomy = Taxonomy {
        dimensions,
        themes,
        levels,
    };
    let vocabulary = |table: &str, file: &'static str| Vocabulary {
        ids: taxonomy.ids(table),
        file: root.has_table(file).then_some(file),
    };
    Loaded {
        dimensions: vocabulary("dimensions", DIMENSIONS),
        themes: vocabulary("themes", THEMES),
        levels: vocabulary("level_scale", LEVEL_SCALE),
        taxonomy,
    }
}

fn load_dimensions<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Vec<Dimension> {
    let Some(table) = Tables::read(root, DIMENSIONS, columns("dimensions"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let id = cells::slug(&row, 0, diags);
        let name = bilingual(&row, 1, 2, diags);
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, "dimension", diags) {
            list.push(Dimension {
                id,
                name,
                summary: Text::new(row.get(3), row.get(4)),
                line: row.line(),
            });
        }
    }
    list
}

fn load_themes<F: Files + ?Sized>(root: &Sources<'_, F>, diags: &mut Diagnostics) -> Vec<Theme> {
    let Some(table) = Tables::read(root, THEMES, columns("themes"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let id = cells::slug(&row, 0, diags);
        let name = bilingual(&row, 1, 2, diags);
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, "theme", diags) {
            list.push(Theme {
                id,
                name,
                line: row.line(),
            });
        }
    }
    list
}

fn load_level_scale<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Vec<Level> {
    let Some(table) = Tables::read(root, LEVEL_SCALE, columns("level_scale"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let Some(level) = cells::integer(&row, 0, 1, 20, diags) else {
            continue;
        };
        if unique.check(level, &row, 0, "level", diags) {
            list.push(Level {
                level: level as u8,
                name: Text::new(row.get(1), row.get(2)),
                line: row.line(),
            });
        }
    }
    // The scale reads bottom to top whatever the order of the rows.
    list.sort_by_key(|l| l.level);
    list
}

/// Checks that the value in `column` is one of a taxonomy's `ids`: with "did you mean" when the
/// site gave the taxonomy's file, else naming the built-in values and the file that would add one.
fn in_taxonomy(
    row: &Row,
    column: usize,
    vocabulary: &Vocabulary,
    file: &str,
    diags: &mut Diagnostics,
) -> bool {
    let ids = &vocabulary.ids;
    let value = row.get(column).trim();
    if ids.iter().any(|id| id.eq_ignore_ascii_case(value)) {
        return true;
    }
    if value.is_empty() {
        return cells::text(row, column, diags).is_some();
    }
    match vocabulary.file {
        Some(file) => {
            let known: BTreeSet<String> = ids.iter().cloned().collect();
            cells::unknown_reference(row, column, &known, file, diags);
        }
        None if !ids.is_empty() => {
            let choices: Vec<&str> = ids.iter().map(String::as_str).collect();
            diags.push(
                row.error(
                    "unknown-value",
                    column,
                    format!("'{}' is not one of the allowed values", row.name(column)),
                )
                .with_hint(format!(
                    "write one of: {}; or define your own in {file} (see docs/data-format.md)",
                    choices.join(", ")
                )),
            );
        }
        None => {}
    }
    false
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

fn bilingual(row: &Row, th: usize, en: usize, diags: &mut Diagnostics) -> Option<Text> {
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

fn load_observations<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    indicators: &BTreeSet<String>,
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
            let observation = observation(row, areas, indicators, &mut found);
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
        let key = (
            row.get(0).to_string(),
            row.get(1).to_string(),
            observation.year,
        );
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

/// Checks that the id in `column` exists; an empty `known` set means its file already failed, so
/// every reference would be noise.
fn known(
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

/// Checks that a level is one of the scale's (1–5 unless `data/level_scale.csv` says otherwise).
fn on_the_scale(row: &Row, level: i64, levels: &Vocabulary, diags: &mut Diagnostics) -> bool {
    let scale = &levels.ids;
    if scale.is_empty() || scale.contains(&level.to_string()) {
        return true;
    }
    let whence = match levels.file {
        Some(file) => format!("the levels of {file}"),
        None => format!("the DIW criteria's levels; a different scale is defined in {LEVEL_SCALE}"),
    };
    diags.push(
        row.error(
            "out-of-range",
            2,
            format!("level {level} is not on the eco-town level scale"),
        )
        .with_hint(format!("write a level {} ({whence})", scale_words(scale))),
    );
    false
}

/// "from 1 to 5" for a scale without gaps, else "one of 1, 2, 4".
fn scale_words(scale: &[String]) -> String {
    let numbers: Vec<i64> = scale.iter().filter_map(|l| l.parse().ok()).collect();
    match (numbers.first(), numbers.last()) {
        (Some(&low), Some(&high)) if high - low + 1 == numbers.len() as i64 => {
            format!("from {low} to {high}")
        }
        _ => format!("one of {}", scale.join(", ")),
    }
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
