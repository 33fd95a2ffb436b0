//! View models: the small, already-formatted records that templates display.
//!
//! Templates get strings ready to print (numbers grouped, years in the page's era, labels in the
//! page's language) and never the dataset itself. That keeps formatting rules in Rust, where they
//! are tested, and keeps each page's context as small as the page.

use serde::Serialize;

use crate::data::{Area, FactoryCount, Indicator, Lang, Observation, ValueStatus};
use crate::i18n::format;
use crate::render::Renderer;
use crate::render::progress::SummaryOf;
use crate::urls;

/// A link: text and a root-relative path.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// Factory upgrade progress at one point in time.
#[derive(Debug, Clone, Serialize)]
pub struct Factories {
    pub year: String,
    pub total: String,
    pub upgraded: String,
    pub remaining: String,
    pub percent: String,
    /// 0–100 with one decimal, for the width of a progress bar.
    pub share: String,
}

impl Factories {
    pub fn new(lang: Lang, year: i32, total: u32, upgraded: u32) -> Factories {
        let share = if total == 0 {
            0.0
        } else {
            upgraded as f64 / total as f64
        };
        Factories {
            year: format::fiscal_year(lang, year),
            total: format::integer(total as i64),
            upgraded: format::integer(upgraded as i64),
            remaining: format::integer(total.saturating_sub(upgraded) as i64),
            percent: format::percent(share),
            share: format!("{:.1}", share * 100.0),
        }
    }

    pub fn from_count(lang: Lang, count: &FactoryCount) -> Factories {
        Factories::new(lang, count.year, count.total, count.upgraded)
    }
}

/// One area in a table of areas.
#[derive(Debug, Clone, Serialize)]
pub struct AreaRow {
    pub name: String,
    pub url: String,
    pub province: Link,
    /// Latest eco-town level, e.g. "ระดับ 2".
    pub level: Option<String>,
    pub level_year: Option<String>,
    /// The programme phase the area joined in ("Phase 1", "ระยะที่ 1"), as lists show it.
    pub phase: String,
    /// What a filter of the area lists keeps in the address, the same in both languages:
    /// the province's code (`th-21`) and the phase's number.
    pub province_key: String,
    pub phase_key: u8,
    pub factories: Option<Factories>,
    pub progress: Option<crate::render::progress::SummaryView>,
}

/// The latest value of one indicator in one area.
#[derive(Debug, Clone, Serialize)]
pub struct Latest {
    pub value: String,
    pub year: String,
    /// The year alone ("2564" / "FY2021"), for a column already headed "fiscal year".
    pub year_short: String,
    /// `final`, `provisional` or `estimated`, for a CSS class and an icon.
    pub status: &'static str,
    pub status_label: String,
    pub note: String,
}

/// One indicator on an area page.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub url: String,
    pub unit: String,
    pub latest: Option<Latest>,
    pub source: String,
    pub status: Option<crate::render::progress::StatusView>,
}

/// A group of rows under a dimension heading.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionGroup<T> {
    pub id: String,
    pub name: String,
    pub url: String,
    pub rows: Vec<T>,
}

impl Renderer<'_> {
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.strings.text(lang, key).to_string()
    }

    /// The interface string `key` with each `{name}` placeholder replaced by its value.
    pub fn fill(&self, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.t(lang, key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// "1,760 of 4,494 factories in scope upgraded (39.2%) by FY2024.", for a page's description.
    pub fn factories_sentence(&self, lang: Lang, f: &Factories) -> String {
        self.fill(
            lang,
            "description_factories",
            &[
                ("upgraded", &f.upgraded),
                ("total", &f.total),
                ("percent", &f.percent),
                ("year", &f.year),
            ],
        )
    }

    pub fn status_label(&self, lang: Lang, status: ValueStatus) -> String {
        self.t(lang, &format!("status_{}", status.as_str()))
    }

    /// "ระดับ 2" / "Level 2": every level by its number alike (only levels 1–2 have confirmed
    /// names; the methodology page gives them).
    /// "Level 3" / "ระดับ 3": levels are shown by their number, the scale's names beside it.
    pub fn level_label(&self, lang: Lang, level: u8) -> String {
        self.fill(lang, "level_number", &[("level", &level.to_string())])
    }

    pub fn area_row(&self, lang: Lang, area: &Area) -> AreaRow {
        let data = &self.site.data;
        let province = data.province(&area.province_code);
        let level = data.levels_of(&area.id).last();
        AreaRow {
            name: area.name.get(lang).to_string(),
            url: urls::area(lang, &area.id),
            province: Link {
                name: province
                    .map(|p| p.name.get(lang).to_string())
                    .unwrap_or_default(),
                url: urls::province(lang, &area.province_code),
            },
            level: level.map(|l| self.level_label(lang, l.level)),
            level_year: level.map(|l| format::fiscal_year(lang, l.year)),
            phase: self.fill(lang, "phase_label", &[("n", &area.phase.to_string())]),
            province_key: area.province_code.to_ascii_lowercase(),
            phase_key: area.phase,
            factories: data
                .factories_of(&area.id)
                .last()
                .map(|f| Factories::from_count(lang, f)),
            progress: self
                .site
                .progress
                .by_area
                .get(&area.id)
                .map(|s| self.summary_view(lang, s, SummaryOf::Indicators)),
        }
    }

    /// Areas as table rows, sorted by province then area name in the page language's collation.
    pub fn area_rows<'a>(&self, lang: Lang, areas: impl Iterator<Item = &'a Area>) -> Vec<AreaRow> {
        let mut rows: Vec<AreaRow> = areas.map(|a| self.area_row(lang, a)).collect();
        rows.sort_by(|a, b| {
            self.collators
                .compare(lang, &a.province.name, &b.province.name)
                .then_with(|| self.collators.compare(lang, &a.name, &b.name))
        });
        rows
    }

    pub fn latest(
        &self,
        lang: Lang,
        indicator: &Indicator,
        series: &[Observation],
    ) -> Option<Latest> {
        let obs = crate::data::model::latest_of(series)?;
        Some(Latest {
            value: format::number(obs.value?, indicator.decimals),
            year: format::fiscal_year(lang, obs.year),
            year_short: format::fiscal_year_short(lang, obs.year),
            status: obs.status.as_str(),
            status_label: self.status_label(lang, obs.status),
            note: obs.note.get(lang).to_string(),
        })
    }

    /// Every indicator of an area, grouped by dimension in the criteria's order, sorted by name.
    pub fn indicator_groups(&self, lang: Lang, area_id: &str) -> Vec<DimensionGroup<IndicatorRow>> {
        let data = &self.site.data;
        self.dimension_groups(lang, |indicator| IndicatorRow {
            name: indicator.name.get(lang).to_string(),
            url: urls::indicator(lang, &indicator.id),
            unit: indicator.unit.get(lang).to_string(),
            latest: self.latest(lang, indicator, data.series(area_id, &indicator.id)),
            source: indicator.source.get(lang).to_string(),
            status: self.series_status(lang, area_id, &indicator.id),
        })
    }

    /// Builds one row per indicator with `row`, grouped under the taxonomy's dimensions in its
    /// order (empty ones left out) and sorted by indicator name within each.
    pub fn dimension_groups<T>(
        &self,
        lang: Lang,
        row: impl Fn(&Indicator) -> T,
    ) -> Vec<DimensionGroup<T>> {
        let data = &self.site.data;
        data.taxonomy
            .dimensions
            .iter()
            .filter_map(|dimension| {
                let mut indicators: Vec<&Indicator> = data
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == dimension.id)
                    .collect();
                if indicators.is_empty() {
                    return None;
                }
                self.collators
                    .sort_by_name(lang, &mut indicators, |i| i.name.get(lang));
                Some(DimensionGroup {
                    id: dimension.id.clone(),
                    name: dimension.name.get(lang).to_string(),
                    url: urls::dimension(lang, &dimension.id),
                    rows: indicators.into_iter().map(&row).collect(),
                })
            })
            .collect()
    }
}
