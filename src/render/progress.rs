//! How progress statuses appear on pages: a badge (icon + words, never colour alone) that links
//! to its calculation, the calculation rows on indicator pages, summaries, the factory pace, and
//! the progress page with its area × indicator matrix.

use serde::Serialize;

use crate::data::{Dimension, Indicator, Lang};
use crate::i18n::format;
use crate::progress::{FactoryProgress, SeriesProgress, Status, Summary};
use crate::render::view::{DimensionGroup, Link};
use crate::render::{Page, Renderer, urls};

/// A status as shown: its code (CSS class), icon, words, and the link to how it was computed.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub code: &'static str,
    pub icon: &'static str,
    pub label: String,
    pub url: Option<String>,
}

/// A summary of several series.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub status: StatusView,
    pub score: Option<String>,
    pub assessed: usize,
    pub not_assessed: usize,
}

/// One row of an indicator's progress calculation (one area).
#[derive(Debug, Clone, Serialize)]
pub struct CalcRow {
    pub anchor: String,
    pub area: Link,
    pub status: StatusView,
    pub base: String,
    pub current: String,
    pub observed_growth: String,
    pub required_growth: String,
    /// "R = 0.82" or "P = 1.2%".
    pub measure: String,
    pub score: String,
    pub reason: Option<String>,
    pub zero_replaced: bool,
}

/// Factory upgrade pace and the year all would be upgraded.
#[derive(Debug, Clone, Serialize)]
pub struct PaceView {
    pub pace: Option<String>,
    pub years: usize,
    pub completion: String,
}

/// The icon of each status: distinct shapes, so statuses differ in greyscale and for colour-blind
/// readers; the icon is decorative (`aria-hidden`) because the words always follow it.
pub fn icon(status: Status) -> &'static str {
    match status {
        Status::TargetAchieved => "✔",
        Status::SubstantialProgress => "▲",
        Status::ModerateProgress => "△",
        Status::LimitedProgress => "▷",
        Status::Deterioration => "▼",
        Status::NotAssessed => "○",
    }
}

/// The anchor of an area's row in an indicator's calculation table.
pub fn calc_anchor(area_id: &str) -> String {
    format!("calc-{area_id}")
}

fn percent_growth(value: Option<f64>) -> String {
    value
        .map(|g| format!("{}%", format::number(g * 100.0, 2)))
        .unwrap_or_else(|| "—".into())
}

impl Renderer<'_> {
    pub fn status_view(&self, lang: Lang, status: Status, url: Option<String>) -> StatusView {
        StatusView {
            code: status.code(),
            icon: icon(status),
            label: self.t(lang, &format!("progress_status_{}", status.code())),
            url,
        }
    }

    /// The status of one series, linking to its row on the indicator page.
    pub fn series_status(
        &self,
        lang: Lang,
        area_id: &str,
        indicator_id: &str,
    ) -> Option<StatusView> {
        let series = self.site.progress.series(area_id, indicator_id)?;
        let url = format!(
            "{}#{}",
            urls::indicator(lang, indicator_id),
            calc_anchor(area_id)
        );
        Some(self.status_view(lang, series.status, Some(url)))
    }

    pub fn summary_view(&self, lang: Lang, summary: &Summary) -> SummaryView {
        SummaryView {
            status: self.status_view(lang, summary.status, Some(urls::page(lang, "progress"))),
            score: summary.score.map(|s| format::number(s, 2)),
            assessed: summary.assessed,
            not_assessed: summary.not_assessed,
        }
    }

    pub fn pace_view(&self, lang: Lang, factories: &FactoryProgress) -> PaceView {
        let completion = if factories.complete {
            self.t(lang, "pace_complete")
        } else if let Some(year) = factories.completion_year {
            format!(
                "{} {}",
                self.t(lang, "pace_completion"),
                format::fiscal_year(lang, year)
            )
        } else {
            self.t(lang, "pace_stalled")
        };
        PaceView {
            pace: factories.pace.map(|p| format::number(p, 1)),
            years: factories.pace_years,
            completion,
        }
    }

    /// The calculation behind every area's status on one indicator, sorted by area name.
    pub fn calc_rows(&self, lang: Lang, indicator: &Indicator) -> Vec<CalcRow> {
        let data = &self.site.data;
        let mut rows: Vec<CalcRow> = self
            .site
            .progress
            .series
            .iter()
            .filter(|s| s.indicator_id == indicator.id)
            .filter_map(|s| Some(self.calc_row(lang, indicator, s, data.area(&s.area_id)?)))
            .collect();
        self.collators
            .sort_by_name(lang, &mut rows, |r| &r.area.name);
        rows
    }

    fn calc_row(
        &self,
        lang: Lang,
        indicator: &Indicator,
        s: &SeriesProgress,
        area: &crate::data::Area,
    ) -> CalcRow {
        let value = |year: Option<i32>, value: Option<f64>| match (year, value) {
            (Some(y), Some(v)) => format!(
                "{} ({})",
                format::number(v, indicator.decimals),
                format::fiscal_year_short(lang, y)
            ),
            _ => "—".to_string(),
        };
        let measure = match (s.ratio, s.growth_index) {
            (Some(r), _) => format!("R = {}", format::number(r, 2)),
            (None, Some(p)) => format!("P = {}%", format::number(p * 100.0, 2)),
            _ => "—".to_string(),
        };
        CalcRow {
            anchor: calc_anchor(&s.area_id),
            area: Link {
                name: area.name.get(lang).to_string(),
                url: urls::area(lang, &area.id),
            },
            status: self.status_view(lang, s.status, None),
            base: value(s.base_year, s.base_value),
            current: value(s.current_year, s.current_value),
            observed_growth: percent_growth(s.observed_growth),
            required_growth: percent_growth(s.required_growth),
            measure,
            score: s
                .score
                .map(|v| format::number(v, 2))
                .unwrap_or_else(|| "—".into()),
            reason: s
                .reason
                .map(|r| self.t(lang, &format!("progress_reason_{r}"))),
            zero_replaced: s.zero_replaced,
        }
    }

    /// The progress page: summaries and the area × indicator matrix.
    pub fn progress_page(&self, lang: Lang) -> Page {
        let data = &self.site.data;
        let progress = &self.site.progress;
        let crumbs = vec![Link {
            name: self.t(lang, "nav_home"),
            url: urls::home(lang),
        }];
        let title = self.t(lang, "nav_progress");
        let mut page = self.page_shell(
            lang,
            urls::page(lang, "progress"),
            "progress.html",
            &title,
            self.t(lang, "progress_lead"),
            crumbs,
        );
        let groups: Vec<DimensionGroup<MatrixColumn>> =
            self.dimension_groups(lang, |i| MatrixColumn {
                name: i.name.get(lang).to_string(),
                url: urls::indicator(lang, &i.id),
                id: i.id.clone(),
            });
        let columns: Vec<(&'static str, &MatrixColumn)> = groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|c| (g.id, c)))
            .collect();
        let mut rows: Vec<MatrixRow> = data
            .areas
            .iter()
            .map(|area| MatrixRow {
                area: Link {
                    name: area.name.get(lang).to_string(),
                    url: urls::area(lang, &area.id),
                },
                summary: progress
                    .by_area
                    .get(&area.id)
                    .map(|s| self.summary_view(lang, s)),
                id: area.id.clone(),
                cells: columns
                    .iter()
                    .map(|(group, c)| MatrixCell {
                        status: self.series_status(lang, &area.id, &c.id),
                        group,
                        column: c.id.clone(),
                    })
                    .collect(),
            })
            .collect();
        self.collators
            .sort_by_name(lang, &mut rows, |r| &r.area.name);
        let mut provinces: Vec<(Link, SummaryView)> = data
            .provinces
            .iter()
            .filter_map(|p| {
                let summary = progress.by_province.get(&p.code)?;
                Some((
                    Link {
                        name: p.name.get(lang).to_string(),
                        url: urls::province(lang, &p.code),
                    },
                    self.summary_view(lang, summary),
                ))
            })
            .collect();
        self.collators
            .sort_by_name(lang, &mut provinces, |(l, _)| &l.name);
        let legend: Vec<StatusView> = Status::ALL
            .iter()
            .map(|&s| self.status_view(lang, s, None))
            .collect();
        page.context
            .insert("national", &self.summary_view(lang, &progress.national));
        page.context.insert("provinces", &provinces);
        page.context.insert("groups", &groups);
        page.context.insert("rows", &rows);
        page.context.insert("legend", &legend);
        page
    }

    /// Summaries of one area's dimensions, in the criteria's order.
    pub fn dimension_summaries(&self, lang: Lang, area_id: &str) -> Vec<(String, SummaryView)> {
        Dimension::ALL
            .iter()
            .filter_map(|&d| {
                let summary = self
                    .site
                    .progress
                    .by_area_dimension
                    .get(&(area_id.to_string(), d))?;
                Some((
                    self.t(lang, &format!("dimension_{}", d.as_str())),
                    self.summary_view(lang, summary),
                ))
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
struct MatrixColumn {
    id: String,
    name: String,
    url: String,
}

/// One area's row of the matrix. The table has two levels of column headers (dimension, then
/// indicator), so every cell names its headers by id (`headers`): scope alone is ambiguous there.
#[derive(Debug, Serialize)]
struct MatrixRow {
    area: Link,
    /// The area's id, for the id of the row's header.
    id: String,
    summary: Option<SummaryView>,
    cells: Vec<MatrixCell>,
}

/// One area's status on one indicator, with the ids of its column headers.
#[derive(Debug, Serialize)]
struct MatrixCell {
    status: Option<StatusView>,
    /// The dimension (the column group) and the indicator (the column).
    group: &'static str,
    column: String,
}
