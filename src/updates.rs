//! What changed: the update log that tells readers which figures are new or revised.
//!
//! The log is made from the data's own history ([`crate::history`]): each commit that changed
//! `data/` is compared with the one before, and dated by its commit time, so the log lives in the
//! repository and rebuilds the same from any full clone, whatever happened to the last published
//! site or a CI cache. Data not yet committed are compared with the last commit and dated by the
//! build. Without a history (not a repository, or a shallow clone) the build falls back to
//! comparing with the site it replaces, read back from the previous site's `data/` downloads (the
//! same CSV contract as the input), carrying that site's log forward, and says so in a note.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::data::{self, Dataset};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where the log is kept, relative to the site root.
pub const LOG_PATH: &str = "data/updates.json";

/// One data update, as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateEntry {
    /// `YYYY-MM-DD`, from `SOURCE_DATE_EPOCH` or the data's `data_as_of` (never the clock).
    pub date: String,
    /// True for the first publication, when there was no previous site to compare with.
    #[serde(default)]
    pub first: bool,
    pub new_years: Vec<i32>,
    pub new_areas: Vec<String>,
    pub new_indicators: Vec<String>,
    /// Values that changed (or appeared in a year that already had data, or disappeared).
    pub revised: Vec<Revision>,
    /// How many values the update added in total.
    pub added_values: usize,
    /// Rows of `data/factories.csv` (area × year) added, revised or removed.
    #[serde(default, skip_serializing_if = "RowChanges::is_empty")]
    pub factory_rows: RowChanges,
    /// Rows of `data/levels.csv` (area × year) added, revised or removed.
    #[serde(default, skip_serializing_if = "RowChanges::is_empty")]
    pub level_rows: RowChanges,
    /// The areas whose figures the update changed (values, factory or level rows) and the
    /// indicators whose values it changed: what dates each page's "figures last changed" line.
    /// Both are empty for the first publication, which changed everything, and in a log written
    /// before they were kept, which is read as "may have changed anything" ([`Self::touches`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<String>,
    /// The commit that made the change (abbreviated), when the log comes from the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
}

impl UpdateEntry {
    /// Whether the update changed figures of any of `areas` or `indicators` (always, when the
    /// entry does not say which it changed).
    pub fn touches(&self, areas: &[&str], indicators: &[&str]) -> bool {
        (self.areas.is_empty() && self.indicators.is_empty())
            || areas.iter().any(|a| self.areas.iter().any(|x| x == a))
            || indicators
                .iter()
                .any(|i| self.indicators.iter().any(|x| x == i))
    }
}

/// How the rows of a table keyed by area and year changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RowChanges {
    pub added: usize,
    pub revised: usize,
    pub removed: usize,
}

impl RowChanges {
    pub fn is_empty(&self) -> bool {
        *self == RowChanges::default()
    }

    /// Compares two tables keyed by (area, year): a key only in `new` is added, only in `old`
    /// removed, in both with another value revised.
    /// ... and adds the areas of the changed rows to `touched`.
    fn of<'a, V: PartialEq>(
        old: impl Iterator<Item = ((&'a str, i32), V)>,
        new: impl Iterator<Item = ((&'a str, i32), V)>,
        touched: &mut BTreeSet<String>,
    ) -> RowChanges {
        let old: BTreeMap<(&str, i32), V> = old.collect();
        let new: BTreeMap<(&str, i32), V> = new.collect();
        let mut changes = RowChanges::default();
        for (key, value) in &new {
            match old.get(key) {
                None => changes.added += 1,
                Some(before) if before != value => changes.revised += 1,
                Some(_) => continue,
            }
            touched.insert(key.0.to_string());
        }
        for key in old.keys().filter(|k| !new.contains_key(*k)) {
            changes.removed += 1;
            touched.insert(key.0.to_string());
        }
        changes
    }
}

fn factory_rows(data: &Dataset) -> impl Iterator<Item = ((&str, i32), (u32, u32))> {
    data.factories
        .iter()
        .map(|f| ((f.area_id.as_str(), f.year), (f.total, f.upgraded)))
}

fn level_rows(data: &Dataset) -> impl Iterator<Item = ((&str, i32), u8)> {
    data.levels
        .iter()
        .map(|l| ((l.area_id.as_str(), l.year), l.level))
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub area_id: String,
    pub indicator_id: String,
    pub year: i32,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

/// The whole log, newest entry first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateLog {
    pub entries: Vec<UpdateEntry>,
}

impl UpdateLog {
    /// The newest date of an update that changed figures of `areas` or `indicators`.
    pub fn last_touching(&self, areas: &[&str], indicators: &[&str]) -> Option<&str> {
        (self.entries.iter())
            .filter(|e| e.touches(areas, indicators))
            .map(|e| e.date.as_str())
            .max()
    }

    /// The newest date of any update.
    pub fn last(&self) -> Option<&str> {
        self.entries.iter().map(|e| e.date.as_str()).max()
    }

    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(self).unwrap_or_else(|_| "{\"entries\":[]}".into());
        text.push('\n');
        text
    }
}

/// The log for a build of the site at `root` into `out`: from the repository's history of
/// `data/`, or, without one, the previous site's log plus an entry if the data changed.
pub fn log_for_build(
    root: &Path,
    out: &Path,
    new: &Dataset,
    date: &str,
    diags: &mut Diagnostics,
) -> UpdateLog {
    log_for_build_over(root, out, new, date, false, diags)
}

/// [`log_for_build`], told whether `new` is the very data the site in `out` was built from (an
/// incremental build knows: the same `data/` files, an untouched output). Then, without a
/// history, the log is the published one, read rather than worked out again by loading the
/// previous site's data to find no difference.
pub fn log_for_build_over(
    root: &Path,
    out: &Path,
    new: &Dataset,
    date: &str,
    data_as_published: bool,
    diags: &mut Diagnostics,
) -> UpdateLog {
    match crate::history::data_versions(root) {
        Ok(versions) if !versions.is_empty() => {
            return log_from_history(&versions, new, date, diags);
        }
        Ok(_) => {}
        Err(why) => {
            let (what, hint) = match why {
                crate::history::Why::NoRepository => (
                    "the site is not in a git repository".to_string(),
                    "commit data/ to a repository to keep the update log with the data",
                ),
                crate::history::Why::Shallow => (
                    "the repository is a shallow clone without the data's history".to_string(),
                    "clone with full history (in GitHub Actions: actions/checkout with fetch-depth: 0)",
                ),
                crate::history::Why::Unreadable(err) => (
                    format!("the repository's history could not be read: {err}"),
                    "check the repository with `git fsck`",
                ),
            };
            diags.push(
                Diagnostic::note(
                    "update-log-from-previous-site",
                    "data/",
                    format!("{what}: the update log compares with the previous site instead"),
                )
                .with_hint(hint),
            );
        }
    }
    match data_as_published {
        true => read_log(out, diags),
        false => log_from_previous_site(out, new, date, diags),
    }
}

/// The log from the versions of `data/` in the history (oldest first), then the working data if
/// they differ from the last commit. A version whose data do not load is passed over (its
/// changes count with the next one that does).
fn log_from_history(
    versions: &[crate::history::Version],
    new: &Dataset,
    date: &str,
    diags: &mut Diagnostics,
) -> UpdateLog {
    let mut entries = Vec::new();
    let mut before: Option<Dataset> = None;
    let mut skipped = Vec::new();
    for version in versions {
        let mut found = Diagnostics::new();
        let data = data::load_dataset_from(&version.files, &mut found);
        if found.has_errors() {
            skipped.push(version.commit.clone());
            continue;
        }
        let day = date_from_epoch(version.time).map_or_else(|| date.to_string(), |d| d.to_string());
        let entry = match &before {
            None => Some(first_entry(&data, &day)),
            Some(old) => diff(old, &data, &day),
        };
        entries.extend(entry.map(|e| UpdateEntry {
            commit: Some(version.commit.clone()),
            ..e
        }));
        before = Some(data);
    }
    if !skipped.is_empty() {
        diags.push(
            Diagnostic::note(
                "update-log-skipped-commits",
                "data/",
                format!(
                    "the data of {} commit(s) did not load and are not in the update log: {}",
                    skipped.len(),
                    skipped.join(", ")
                ),
            )
            .with_hint("their changes are counted with the next commit whose data load"),
        );
    }
    let uncommitted = match &before {
        Some(old) => diff(old, new, date),
        None => Some(first_entry(new, date)),
    };
    entries.extend(uncommitted);
    entries.reverse();
    UpdateLog { entries }
}

/// Without a history: the previous site's log, plus an entry if the data changed.
fn log_from_previous_site(
    out: &Path,
    new: &Dataset,
    date: &str,
    diags: &mut Diagnostics,
) -> UpdateLog {
    let mut log = read_log(out, diags);
    let previous = previous_dataset(out);
    let entry = match &previous {
        Some(old) => diff(old, new, date),
        None if log.entries.is_empty() => Some(first_entry(new, date)),
        None => None,
    };
    if let Some(entry) = entry {
        log.entries.insert(0, entry);
    }
    log
}

fn read_log(out: &Path, diags: &mut Diagnostics) -> UpdateLog {
    let path = out.join(LOG_PATH);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return UpdateLog::default();
    };
    serde_json::from_str(&text).unwrap_or_else(|err| {
        diags.push(
            Diagnostic::warning(
                "unreadable-update-log",
                &path.to_string_lossy(),
                format!("the previous update log cannot be read: {err}"),
            )
            .with_hint("the log starts afresh with this build"),
        );
        UpdateLog::default()
    })
}

/// The previous site's data, read with the same loader as the input. `None` when there is no
/// previous site or its data cannot be read completely (then nothing is compared).
fn previous_dataset(out: &Path) -> Option<Dataset> {
    if !out.join(data::load::OBSERVATIONS).exists() {
        return None;
    }
    let mut ignored = Diagnostics::new();
    let dataset = data::load_dataset_from(&Published(out), &mut ignored);
    (!ignored.has_errors()).then_some(dataset)
}

/// A published site's folder as the loader's input: its `data/` holds each table whole, as one
/// CSV; its folders (`data/indicators/`, one download per indicator) are not parts of a table.
struct Published<'a>(&'a Path);

impl data::Files for Published<'_> {
    fn read(&self, rel: &str) -> std::io::Result<Vec<u8>> {
        data::Files::read(self.0, rel)
    }

    fn exists(&self, rel: &str) -> bool {
        data::Files::exists(self.0, rel)
    }

    fn list(&self, _dir: &str) -> Vec<String> {
        Vec::new()
    }
}

fn first_entry(new: &Dataset, date: &str) -> UpdateEntry {
    UpdateEntry {
        date: date.to_string(),
        first: true,
        new_years: years(new).into_iter().collect(),
        new_areas: new.areas.iter().map(|a| a.id.clone()).collect(),
        new_indicators: new.indicators.iter().map(|i| i.id.clone()).collect(),
        revised: Vec::new(),
        added_values: new
            .observations
            .iter()
            .filter(|o| o.value.is_some())
            .count(),
        factory_rows: RowChanges::of(std::iter::empty(), factory_rows(new), &mut BTreeSet::new()),
        level_rows: RowChanges::of(std::iter::empty(), level_rows(new), &mut BTreeSet::new()),
        areas: Vec::new(),
        indicators: Vec::new(),
        commit: None,
    }
}

fn years(data: &Dataset) -> BTreeSet<i32> {
    data.observations.iter().map(|o| o.year).collect()
}

type Key<'a> = (&'a str, &'a str, i32);

fn values(data: &Dataset) -> BTreeMap<Key<'_>, Option<f64>> {
    data.observations
        .iter()
        .map(|o| {
            (
                (o.area_id.as_str(), o.indicator_id.as_str(), o.year),
                o.value,
            )
        })
        .collect()
}

/// The differences between two datasets, or `None` when readers would see no change in values,
/// years, areas or indicators.
pub fn diff(old: &Dataset, new: &Dataset, date: &str) -> Option<UpdateEntry> {
    let old_years = years(old);
    let new_years: Vec<i32> = years(new).difference(&old_years).copied().collect();
    let new_areas = added_ids(
        old.areas.iter().map(|a| &a.id),
        new.areas.iter().map(|a| &a.id),
    );
    let new_indicators = added_ids(
        old.indicators.iter().map(|i| &i.id),
        new.indicators.iter().map(|i| &i.id),
    );
    let (old_values, new_values) = (values(old), values(new));
    // A value of a new area or indicator is an addition, said by `new_areas`/`new_indicators`,
    // not a revision from "—".
    let known_area = |id: &str| old.areas.iter().any(|a| a.id == id);
    let known_indicator = |id: &str| old.indicators.iter().any(|i| i.id == id);
    let mut revised = Vec::new();
    let mut added_values = 0;
    // What each page's "figures last changed" is dated by.
    let mut areas: BTreeSet<String> = new_areas.iter().cloned().collect();
    let mut indicators: BTreeSet<String> = new_indicators.iter().cloned().collect();
    for (&(area, indicator, year), &value) in &new_values {
        match old_values.get(&(area, indicator, year)) {
            None if value.is_some() => {
                added_values += 1;
                areas.insert(area.to_string());
                indicators.insert(indicator.to_string());
                // A value in a year that already had data (a gap filled) is worth showing one by
                // one; a whole new year is summarised by `new_years`.
                if old_years.contains(&year) && known_area(area) && known_indicator(indicator) {
                    revised.push(revision(area, indicator, year, None, value));
                }
            }
            Some(&before) if !same(before, value) => {
                revised.push(revision(area, indicator, year, before, value))
            }
            _ => {}
        }
    }
    for (&(area, indicator, year), &before) in &old_values {
        if before.is_some() && !new_values.contains_key(&(area, indicator, year)) {
            revised.push(revision(area, indicator, year, before, None));
        }
    }
    for r in &revised {
        areas.insert(r.area_id.clone());
        indicators.insert(r.indicator_id.clone());
    }
    revised.sort_by(|a, b| {
        (&a.indicator_id, &a.area_id, a.year).cmp(&(&b.indicator_id, &b.area_id, b.year))
    });
    let factory_rows = RowChanges::of(factory_rows(old), factory_rows(new), &mut areas);
    let level_rows = RowChanges::of(level_rows(old), level_rows(new), &mut areas);
    let changed = !(new_years.is_empty()
        && new_areas.is_empty()
        && new_indicators.is_empty()
        && revised.is_empty()
        && factory_rows.is_empty()
        && level_rows.is_empty());
    changed.then(|| UpdateEntry {
        date: date.to_string(),
        first: false,
        new_years,
        new_areas,
        new_indicators,
        revised,
        added_values,
        factory_rows,
        level_rows,
        areas: areas.into_iter().collect(),
        indicators: indicators.into_iter().collect(),
        commit: None,
    })
}

fn added_ids<'a>(
    old: impl Iterator<Item = &'a String>,
    new: impl Iterator<Item = &'a String>,
) -> Vec<String> {
    let old: BTreeSet<&String> = old.collect();
    new.filter(|id| !old.contains(id)).cloned().collect()
}

fn revision(
    area: &str,
    indicator: &str,
    year: i32,
    old: Option<f64>,
    new: Option<f64>,
) -> Revision {
    Revision {
        area_id: area.to_string(),
        indicator_id: indicator.to_string(),
        year,
        old,
        new,
    }
}

/// Values read back from a CSV equal the originals exactly (both go through the same parser), so
/// plain equality is right; NaN cannot occur because the loader rejects it.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    a == b
}

/// The date a build is stamped with: `SOURCE_DATE_EPOCH` (the reproducible-builds convention, set
/// by CI from the commit time) if present and valid, else the data's `data_as_of`. Worked out
/// once per build ([`crate::site::Site::built`]).
pub fn build_date(data_as_of: jiff::civil::Date) -> jiff::civil::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(date_from_epoch)
        .unwrap_or(data_as_of)
}

/// The UTC date of `seconds` since 1970.
pub fn date_from_epoch(seconds: i64) -> Option<jiff::civil::Date> {
    let instant = jiff::Timestamp::from_second(seconds).ok()?;
    Some(instant.to_zoned(jiff::tz::TimeZone::UTC).date())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Observation, Text, ValueStatus};

    fn obs(area: &str, indicator: &str, year: i32, value: Option<f64>) -> Observation {
        Observation {
            area_id: area.into(),
            indicator_id: indicator.into(),
            year,
            value,
            status: ValueStatus::Final,
            note: Text::default(),
            line: 0,
        }
    }

    #[test]
    fn epoch_dates() {
        assert_eq!(date_from_epoch(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            date_from_epoch(1_632_960_000).unwrap().to_string(),
            "2021-09-30"
        );
        assert_eq!(
            date_from_epoch(951_782_400).unwrap().to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn factory_and_level_rows_are_counted() {
        use crate::data::model::{FactoryCount, LevelRecord};
        let count = |area: &str, year, upgraded| FactoryCount {
            area_id: area.into(),
            year,
            total: 10,
            upgraded,
            line: 0,
        };
        let level = |year, level| LevelRecord {
            area_id: "a".into(),
            year,
            level,
            line: 0,
        };
        let old = Dataset {
            factories: vec![count("a", 2020, 1), count("b", 2020, 2)],
            levels: vec![level(2020, 1)],
            ..Dataset::default()
        };
        let new = Dataset {
            factories: vec![count("a", 2020, 3), count("a", 2021, 4)],
            levels: vec![level(2020, 1), level(2021, 2)],
            ..Dataset::default()
        };
        let entry = diff(&old, &new, "2021-10-01").unwrap();
        let rows = |added, revised, removed| RowChanges {
            added,
            revised,
            removed,
        };
        assert_eq!(entry.factory_rows, rows(1, 1, 1));
        assert_eq!(entry.level_rows, rows(1, 0, 0));
        // Only factory rows changed: still an update readers are told of.
        let only = Dataset {
            factories: vec![count("a", 2020, 1), count("b", 2020, 5)],
            levels: vec![level(2020, 1)],
            ..Dataset::default()
        };
        let only = diff(&old, &only, "d").unwrap();
        assert_eq!(only.factory_rows, rows(0, 1, 0));
        // Only area b's page has new figures.
        assert_eq!(only.areas, ["b"]);
        assert!(only.indicators.is_empty());
        assert!(only.touches(&["b"], &[]) && !only.touches(&["a"], &["i"]));
        // a: factory rows revised and added, a level added; b: its factory row removed.
        assert_eq!(entry.areas, ["a", "b"]);
    }

    #[test]
    fn each_page_is_dated_by_the_newest_update_that_changed_its_figures() {
        let entry = |date: &str, areas: &[&str], indicators: &[&str]| UpdateEntry {
            date: date.into(),
            first: false,
            new_years: Vec::new(),
            new_areas: Vec::new(),
            new_indicators: Vec::new(),
            revised: Vec::new(),
            added_values: 0,
            factory_rows: RowChanges::default(),
            level_rows: RowChanges::default(),
            areas: areas.iter().map(|s| s.to_string()).collect(),
            indicators: indicators.iter().map(|s| s.to_string()).collect(),
            commit: None,
        };
        let log = UpdateLog {
            entries: vec![
                entry("2024-03-01", &["b"], &["j"]),
                entry("2023-06-01", &["a"], &["i"]),
                // The first publication changed everything.
                UpdateEntry {
                    first: true,
                    ..entry("2022-01-01", &[], &[])
                },
            ],
        };
        assert_eq!(log.last_touching(&["a"], &[]), Some("2023-06-01"));
        assert_eq!(log.last_touching(&["a", "b"], &[]), Some("2024-03-01"));
        assert_eq!(log.last_touching(&[], &["i"]), Some("2023-06-01"));
        assert_eq!(log.last_touching(&["c"], &[]), Some("2022-01-01"));
        assert_eq!(log.last(), Some("2024-03-01"));
        // A log from before entries named what they changed: any page may have changed.
        let old = UpdateLog {
            entries: vec![entry("2025-01-01", &[], &[])],
        };
        assert_eq!(old.last_touching(&["c"], &[]), Some("2025-01-01"));
        // and such a log still reads.
        let text = r#"{"entries":[{"date":"2025-01-01","new_years":[],"new_areas":[],"new_indicators":[],"revised":[],"added_values":0}]}"#;
        let read: UpdateLog = serde_json::from_str(text).unwrap();
        assert!(read.entries[0].areas.is_empty());
    }

    #[test]
    fn identical_data_gives_no_entry() {
        let data = Dataset {
            observations: vec![obs("a", "i", 2020, Some(1.0))],
            ..Dataset::default()
        };
        assert_eq!(diff(&data, &data.clone(), "2021-01-01"), None);
    }

    #[test]
    fn values_of_a_new_area_are_added_not_revised() {
        let area = |id: &str| crate::data::Area {
            id: id.into(),
            province_code: "TH-21".into(),
            name: Text::default(),
            phase: 1,
            line: 0,
        };
        let old = Dataset {
            areas: vec![area("a")],
            observations: vec![obs("a", "i", 2020, Some(1.0))],
            ..Dataset::default()
        };
        let new = Dataset {
            areas: vec![area("a"), area("b")],
            observations: vec![
                obs("a", "i", 2020, Some(1.0)),
                obs("b", "i", 2020, Some(2.0)),
            ],
            ..Dataset::default()
        };
        let entry = diff(&old, &new, "2022-01-01").unwrap();
        assert_eq!(entry.new_areas, ["b"]);
        assert!(entry.revised.is_empty(), "{:?}", entry.revised);
        assert_eq!(entry.added_values, 1);
    }

    #[test]
    fn revisions_new_years_and_filled_gaps() {
        let old = Dataset {
            observations: vec![
                obs("a", "i", 2020, Some(1.0)),
                obs("a", "j", 2020, None),
                obs("b", "i", 2020, Some(3.0)),
            ],
            ..Dataset::default()
        };
        let new = Dataset {
            observations: vec![
                obs("a", "i", 2020, Some(1.5)),
                obs("a", "i", 2021, Some(2.0)),
                obs("a", "j", 2020, Some(7.0)),
            ],
            ..Dataset::default()
        };
        let entry = diff(&old, &new, "2022-01-01").unwrap();
        assert_eq!(entry.new_years, [2021]);
        assert_eq!(entry.added_values, 1);
        assert_eq!(entry.areas, ["a", "b"]);
        assert_eq!(entry.indicators, ["i", "j"]);
        let changes: Vec<_> = entry
            .revised
            .iter()
            .map(|r| (r.area_id.as_str(), r.indicator_id.as_str(), r.old, r.new))
            .collect();
        assert_eq!(
            changes,
            [
                ("a", "i", Some(1.0), Some(1.5)),
                ("b", "i", Some(3.0), None),
                ("a", "j", None, Some(7.0))
            ]
        );
    }
}
