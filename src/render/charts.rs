//! Every chart of the site, drawn once per language and reused wherever it appears.
//!
//! An area's time series shows on its area page and again on the indicator page, so charts are
//! computed up front, in parallel, into a [`ChartSet`] per language; pages then borrow them. Each
//! chart is also published as a standalone SVG and a CSV under `charts/`, linked beside it.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::build::Site;
use crate::charts::{self, Chart, MapProvince, Size};
use crate::data::{Lang, Status};
use crate::i18n::Collators;
use crate::output::SiteFiles;
use crate::render::urls;

/// Stands in for the page's path to the site root in map links, because the map is inlined on
/// pages at different depths (`index.html` and `th/index.html`); replaced per page.
pub const ROOT_TOKEN: &str = "@ROOT@";

/// The charts of one language.
#[derive(Default)]
pub struct ChartSet {
    /// Area × indicator time series (compact), keyed by (area_id, indicator_id).
    pub series: BTreeMap<(String, String), Chart>,
    /// Latest values across areas, per indicator.
    pub comparison: BTreeMap<String, Chart>,
    /// Level history per area.
    pub levels: BTreeMap<String, Chart>,
    /// Factory upgrades over fiscal years, per area.
    pub area_factories: BTreeMap<String, Chart>,
    /// Upgraded vs remaining per area, per province.
    pub province_factories: BTreeMap<String, Chart>,
    pub all_areas_factories: Option<Chart>,
    pub national_history: Option<Chart>,
    pub map: Option<Chart>,
}

/// What a template needs to show a chart: the inline SVG, its data table, download links.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub svg: String,
    pub table: charts::Table,
    pub svg_url: String,
    pub csv_url: String,
}

pub fn view(chart: &Chart, kind: &'static str) -> ChartView {
    ChartView {
        id: chart.id.clone(),
        kind,
        title: chart.title.clone(),
        svg: chart.svg.clone(),
        table: chart.table.clone(),
        svg_url: format!("charts/{}.svg", chart.id),
        csv_url: format!("charts/{}.csv", chart.id),
    }
}

/// One chart to draw; drawing them is independent, so they run in parallel.
enum Job<'s> {
    Series(&'s crate::data::Area, &'s crate::data::Indicator),
    Comparison(&'s crate::data::Indicator),
    Levels(&'s crate::data::Area),
    AreaFactories(&'s crate::data::Area),
    ProvinceFactories(&'s crate::data::Province),
    AllAreas,
    National,
    Map,
}

enum Drawn {
    Series(String, String, Chart),
    Comparison(String, Chart),
    Levels(String, Chart),
    AreaFactories(String, Chart),
    ProvinceFactories(String, Chart),
    AllAreas(Chart),
    National(Chart),
    Map(Chart),
}

/// Draws every chart of `lang`.
pub fn draw_all(site: &Site, lang: Lang, collators: &Collators) -> ChartSet {
    let data = &site.data;
    let mut jobs = vec![Job::AllAreas, Job::National, Job::Map];
    for area in &data.areas {
        jobs.extend(data.indicators.iter().map(|i| Job::Series(area, i)));
        jobs.extend([Job::Levels(area), Job::AreaFactories(area)]);
    }
    jobs.extend(data.indicators.iter().map(Job::Comparison));
    jobs.extend(data.provinces.iter().map(Job::ProvinceFactories));
    let drawn: Vec<Option<Drawn>> = jobs
        .par_iter()
        .map(|job| draw(site, lang, collators, job))
        .collect();
    let mut set = ChartSet::default();
    for chart in drawn.into_iter().flatten() {
        match chart {
            Drawn::Series(a, i, c) => {
                set.series.insert((a, i), c);
            }
            Drawn::Comparison(i, c) => {
                set.comparison.insert(i, c);
            }
            Drawn::Levels(a, c) => {
                set.levels.insert(a, c);
            }
            Drawn::AreaFactories(a, c) => {
                set.area_factories.insert(a, c);
            }
            Drawn::ProvinceFactories(p, c) => {
                set.province_factories.insert(p, c);
            }
            Drawn::AllAreas(c) => set.all_areas_factories = Some(c),
            Drawn::National(c) => set.national_history = Some(c),
            Drawn::Map(c) => set.map = Some(c),
        }
    }
    set
}

fn draw(site: &Site, lang: Lang, collators: &Collators, job: &Job) -> Option<Drawn> {
    let data = &site.data;
    let strings = &site.strings;
    Some(match job {
        Job::Series(area, indicator) => {
            let series = data.series(&area.id, &indicator.id);
            if series.is_empty() {
                return None;
            }
            let chart = charts::time_series(lang, indicator, area, series, strings, Size::Compact);
            Drawn::Series(area.id.clone(), indicator.id.clone(), chart)
        }
        Job::Comparison(indicator) => {
            let rows: Vec<(String, f64, i32, Status)> = data
                .areas
                .iter()
                .filter_map(|area| {
                    let latest = data
                        .series(&area.id, &indicator.id)
                        .iter()
                        .rev()
                        .find(|o| o.value.is_some())?;
                    Some((
                        area.name.get(lang).to_string(),
                        latest.value?,
                        latest.year,
                        latest.status,
                    ))
                })
                .collect();
            if rows.is_empty() {
                return None;
            }
            Drawn::Comparison(
                indicator.id.clone(),
                charts::comparison(lang, indicator, &rows, strings),
            )
        }
        Job::Levels(area) => {
            let levels: Vec<(i32, u8)> = data
                .levels_of(&area.id)
                .iter()
                .map(|l| (l.year, l.level))
                .collect();
            if levels.is_empty() {
                return None;
            }
            Drawn::Levels(
                area.id.clone(),
                charts::level_history(lang, area, &levels, strings),
            )
        }
        Job::AreaFactories(area) => {
            let years: Vec<(i32, u32, u32)> = data
                .factories_of(&area.id)
                .iter()
                .map(|f| (f.year, f.total, f.upgraded))
                .collect();
            if years.is_empty() {
                return None;
            }
            Drawn::AreaFactories(
                area.id.clone(),
                charts::factory_history(lang, &years, strings),
            )
        }
        Job::ProvinceFactories(province) => {
            let areas: Vec<&crate::data::Area> = data.areas_in(&province.code).collect();
            let rows = factory_rows(site, lang, collators, &areas);
            if rows.is_empty() {
                return None;
            }
            Drawn::ProvinceFactories(
                province.code.clone(),
                charts::factory_progress(lang, &rows, strings),
            )
        }
        Job::AllAreas => {
            let areas: Vec<&crate::data::Area> = data.areas.iter().collect();
            let rows = factory_rows(site, lang, collators, &areas);
            Drawn::AllAreas(charts::factory_progress(lang, &rows, strings))
        }
        Job::National => {
            let years: Vec<(i32, u32, u32)> = data
                .national_factories()
                .into_iter()
                .map(|(y, (t, u))| (y, t, u))
                .collect();
            if years.is_empty() {
                return None;
            }
            Drawn::National(charts::factory_history(lang, &years, strings))
        }
        Job::Map => Drawn::Map(charts::province_map(
            lang,
            &map_provinces(site, lang),
            strings,
        )),
    })
}

/// (name, upgraded, total) for each area with counts, sorted by name in the page's language.
fn factory_rows(
    site: &Site,
    lang: Lang,
    collators: &Collators,
    areas: &[&crate::data::Area],
) -> Vec<(String, u32, u32)> {
    let mut rows: Vec<(String, u32, u32)> = areas
        .iter()
        .filter_map(|a| {
            let f = site.data.factories_of(&a.id).last()?;
            Some((a.name.get(lang).to_string(), f.upgraded, f.total))
        })
        .collect();
    collators.sort_by_name(lang, &mut rows, |r| &r.0);
    rows
}

fn map_provinces(site: &Site, lang: Lang) -> Vec<MapProvince> {
    site.data
        .provinces
        .iter()
        .map(|p| MapProvince {
            iso: p.code.clone(),
            name: p.name.get(lang).to_string(),
            url: format!("{ROOT_TOKEN}{}", urls::province(lang, &p.code)),
            share_upgraded: site
                .progress
                .factories_by_province
                .get(&p.code)
                .map(|f| f.share),
        })
        .collect()
}

/// The standalone SVG and the CSV of every chart, under `charts/`.
pub fn files(sets: &[ChartSet; 2], base_url: &str, out: &mut SiteFiles) {
    for set in sets {
        let all = set
            .series
            .values()
            .chain(set.comparison.values())
            .chain(set.levels.values())
            .chain(set.area_factories.values())
            .chain(set.province_factories.values())
            .chain(set.all_areas_factories.iter())
            .chain(set.national_history.iter())
            .chain(set.map.iter());
        for chart in all {
            // A downloaded map has no page to be relative to: its links point at the live site.
            let svg = chart.standalone_svg().replace(ROOT_TOKEN, base_url);
            out.insert(format!("charts/{}.svg", chart.id), svg.into_bytes());
            out.insert(
                format!("charts/{}.csv", chart.id),
                chart.csv.clone().into_bytes(),
            );
        }
    }
}
