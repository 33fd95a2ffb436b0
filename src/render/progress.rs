//! How progress statuses appear on pages: a badge (icon + words, never colour alone) that links
//! to its calculation, the calculation rows on indicator pages, summaries, the factory pace, and
//! the progress page with its area × indicator matrix.
//!
//! About 600 lines: every view of the one progress vocabulary (status words, summaries, legend,
//! stories, the matrix) in one place, so that no page words a status its own way.

use serde::Serialize;

use crate::data::{Indicator, Lang};
use crate::i18n::format;
use crate::progress::{Basis, FactoryProgress, SeriesProgress, Status, Summary, label_key};
use crate::render::view::{DimensionGroup, Link};
use crate::render::{Page, Renderer};
use crate::urls;

/// A status as shown: its code (CSS class), icon, words, and the link to how it was computed.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub code: &'static str,
    pub icon: &'static str,
    pub label: String,
    pub url: Option<String>,
    /// Set when the status rests on a stand-in for a base value or target of 0: said next to the
    /// words wherever the status is shown, because the growth from "0.001" overstates the change.
    pub caveat: Option<String>,
    /// Its place in [`Status::ALL`], best first: what a table sorted by status orders by.
    pub rank: usize,
}

/// A summary of several series.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub status: StatusView,
    pub score: Option<String>,
    /// The score itself, for ranking.
    #[serde(skip)]
    pub score_value: Option<f64>,
    pub assessed: usize,
    pub not_assessed: usize,
    /// What the status averages, in words: "average score 1.93 of 26 indicators (scale −5 to +5)".
    pub averages: Option<String>,
    /// "4 not assessed", when any were not.
    pub unassessed: Option<String>,
    /// "2 with 0 replaced by 0.001", when any of the averaged statuses rest on the stand-in.
    pub zero_replaced: Option<String>,
}

/// What the series behind a summary are, so that it can say in words what it averages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryOf {
    /// One area's indicators (an area, or an area's dimension).
    Indicators,
    /// One indicator across the areas that report it.
    Areas,
    /// Every indicator of several areas (a province, the programme).
    Ratings,
}

impl SummaryOf {
    fn key(self) -> &'static str {
        match self {
            SummaryOf::Indicators => "summary_average_indicators",
            SummaryOf::Areas => "summary_average_areas",
            SummaryOf::Ratings => "summary_average_ratings",
        }
    }
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

/// One indicator in an area's story: what it was, what it is, how that changed, and its status.
#[derive(Debug, Clone, Serialize)]
pub struct StoryItem {
    pub name: String,
    pub url: String,
    pub base: String,
    pub latest: String,
    /// "+9.0 pp" for shares, "−12.3%" otherwise.
    pub change: String,
    pub status: StatusView,
}

/// The top of an area page: the indicators that worsened and improved most.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Story {
    pub worse: Vec<StoryItem>,
    pub better: Vec<StoryItem>,
}

/// What a story's items are named by: the page names the rest.
#[derive(Debug, Clone, Copy)]
enum Named {
    Indicator,
    IndicatorAndArea,
    Area,
}

/// How many indicators the story names on each side.
pub const STORY_WORSE: usize = 5;
pub const STORY_BETTER: usize = 3;

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

/// "799 (2564)" / "799 (FY2021)": a value of `indicator` with its fiscal year, or "—".
pub fn value_in_year(
    lang: Lang,
    indicator: &Indicator,
    year: Option<i32>,
    value: Option<f64>,
) -> String {
    match (year, value) {
        (Some(y), Some(v)) => format!(
            "{} ({})",
            format::number(v, indicator.decimals),
            format::fiscal_year_short(lang, y)
        ),
        _ => "—".to_string(),
    }
}

/// The anchor of an area's row in an indicator's calculation table.
pub fn calc_anchor(area_id: &str) -> String {
    format!("calc-{area_id}")
}

/// A yearly growth rate as a reader can take it: a percentage, or, past doubling a year (which
/// only tiny bases produce), the factor it multiplies by ("×7.9 a year") rather than "+691.17%".
fn growth_text(value: Option<f64>, factor_words: &str) -> String {
    match value {
        Some(g) if g >= 1.0 => factor_words.replace("{factor}", &format::number(1.0 + g, 1)),
        Some(g) => format!("{}%", format::number(g * 100.0, 2)),
        None => "—".into(),
    }
}

impl Renderer<'_> {
    pub fn status_view(
        &self,
        lang: Lang,
        status: Status,
        basis: Basis,
        url: Option<String>,
    ) -> StatusView {
        StatusView {
            code: status.code(),
            icon: icon(status),
            label: self.t(lang, &label_key(status, basis)),
            url,
            caveat: None,
            rank: Status::ALL
                .iter()
                .position(|s| *s == status)
                .unwrap_or(Status::ALL.len()),
        }
    }

    /// The status of one series in its words, with the zero-replacement caveat when it applies.
    pub fn series_status_view(
        &self,
        lang: Lang,
        series: &SeriesProgress,
        url: Option<String>,
    ) -> StatusView {
        let mut view = self.status_view(lang, series.status, series.basis(), url);
        if series.zero_replaced {
            view.caveat = Some(self.t(lang, "progress_zero_caveat"));
        }
        view
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
        Some(self.series_status_view(lang, series, Some(url)))
    }

    pub fn summary_view(&self, lang: Lang, summary: &Summary, of: SummaryOf) -> SummaryView {
        // A true minus, as the "−5 to +5" beside it.
        let score = summary
            .score
            .map(|s| format::number(s, 2).replace('-', "\u{2212}"));
        SummaryView {
            status: self.status_view(
                lang,
                summary.status,
                Basis::Summary,
                Some(urls::page(lang, "progress")),
            ),
            averages: score.as_ref().map(|score| {
                self.t(lang, of.key())
                    .replace("{score}", score)
                    .replace("{n}", &format::integer(summary.assessed as i64))
            }),
            unassessed: (summary.not_assessed > 0).then(|| {
                self.t(lang, "summary_not_assessed")
                    .replace("{n}", &format::integer(summary.not_assessed as i64))
            }),
            zero_replaced: (summary.zero_replaced > 0).then(|| {
                self.t(lang, "summary_zero_replaced")
                    .replace("{n}", &format::integer(summary.zero_replaced as i64))
            }),
            score,
            score_value: summary.score,
            assessed: summary.assessed,
            not_assessed: summary.not_assessed,
        }
    }

    pub fn pace_view(&self, lang: Lang, factories: &FactoryProgress) -> PaceView {
        let completion = if factories.complete {
            self.t(lang, "pace_complete")
        } else if let Some(year) = factories.completion_year {
            // "ภายในปีงบประมาณ 2571": no space between Thai words.
            self.t(lang, "pace_completion")
                .replace("{year}", &format::fiscal_year(lang, year))
        } else {
            self.t(lang, "pace_stalled")
        };
        PaceView {
            // Whole factories: a pace of "397.3 factories a year" counts fractions of a factory.
            pace: factories.pace.map(|p| format::number(p.round(), 0)),
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
        let value = |year, value| value_in_year(lang, indicator, year, value);
        let measure = match (s.ratio, s.growth_index) {
            (Some(r), _) => format!("R = {}", format::number(r, 2)),
            (None, Some(p)) => format!("P = {}%", format::number(p * 100.0, 2)),
            _ => "—".to_string(),
        };
        let factor = self.t(lang, "progress_growth_factor");
        CalcRow {
            anchor: calc_anchor(&s.area_id),
            area: Link {
                name: area.name.get(lang).to_string(),
                url: urls::area(lang, &area.id),
            },
            status: self.series_status_view(lang, s, None),
            base: value(s.base_year, s.base_value),
            current: value(s.current_year, s.current_value),
            observed_growth: growth_text(s.observed_growth, &factor),
            required_growth: growth_text(s.required_growth, &factor),
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
        let columns: Vec<(&str, &str)> = groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|c| (g.id.as_str(), c.id.as_str())))
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
                    .map(|s| self.summary_view(lang, s, SummaryOf::Indicators)),
                id: area.id.clone(),
                cells: columns
                    .iter()
                    .map(|&(group, column)| MatrixCell {
                        status: self.series_status(lang, &area.id, column),
                        group: group.to_string(),
                        column: column.to_string(),
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
                    self.summary_view(lang, summary, SummaryOf::Ratings),
                ))
            })
            .collect();
        // Ranked by average score, best first (name order among equals and for the unassessed):
        // readers compare provinces here; the provinces page keeps them in name order.
        self.collators
            .sort_by_name(lang, &mut provinces, |(l, _)| &l.name);
        provinces.sort_by(|(_, a), (_, b)| {
            let score = |s: &SummaryView| s.score_value.unwrap_or(f64::NEG_INFINITY);
            score(b).total_cmp(&score(a))
        });
        page.add(&ProgressContext {
            legend: self.legend(lang),
            national: self.summary_view(lang, &progress.national, SummaryOf::Ratings),
            provinces,
            groups,
            rows,
        });
        page
    }

    /// Summaries of one area's dimensions, in the criteria's order.
    pub fn dimension_summaries(&self, lang: Lang, area_id: &str) -> Vec<(String, SummaryView)> {
        let taxonomy = &self.site.data.taxonomy;
        taxonomy
            .dimensions
            .iter()
            .filter_map(|d| {
                let summary = self
                    .site
                    .progress
                    .by_area_dimension
                    .get(&(area_id.to_string(), d.id.clone()))?;
                Some((
                    d.name.get(lang).to_string(),
                    self.summary_view(lang, summary, SummaryOf::Indicators),
                ))
            })
            .collect()
    }

    /// The change from base to latest in the indicator's terms: percentage points for a share,
    /// a percentage of the base otherwise.
    pub fn change_text(
        &self,
        lang: Lang,
        indicator: &Indicator,
        base: Option<f64>,
        latest: Option<f64>,
    ) -> String {
        if indicator.is_share() {
            return format::points_change(base, latest, &self.t(lang, "unit_points"));
        }
        // Past doubling (or from 0) a percentage reads as an artefact of a small base
        // ("+6,000%"): the change is told in the indicator's own unit instead ("+120").
        match (base, latest) {
            (Some(b), Some(l)) if b == 0.0 || ((l - b) / b).abs() > 1.0 => {
                let text = format::number((l - b).abs(), indicator.decimals);
                match (l - b).partial_cmp(&0.0) {
                    Some(std::cmp::Ordering::Greater) => format!("+{text}"),
                    Some(std::cmp::Ordering::Less) => format!("\u{2212}{text}"),
                    _ => text,
                }
            }
            _ => format::change(base, latest),
        }
    }

    /// What a resident asks first: which indicators got worse, and which got better, most.
    /// Worse: every series that moved the wrong way (a deteriorating status), lowest score first,
    /// then the steepest yearly decline. Better: the highest scores, then the steepest yearly
    /// improvement. A series whose growth rests on a stand-in for 0 ranks after the others, its
    /// growth being an artefact of the stand-in.
    pub fn story(&self, lang: Lang, area_id: &str) -> Story {
        let series = self.site.progress.series_of_area(area_id);
        self.story_of(lang, series.iter(), Named::Indicator)
    }

    /// The story of a province: its areas' series, each named "indicator (area)".
    pub fn province_story(&self, lang: Lang, province_code: &str) -> Story {
        let progress = &self.site.progress;
        let series = self
            .site
            .data
            .areas_in(province_code)
            .flat_map(|a| progress.series_of_area(&a.id));
        self.story_of(lang, series, Named::IndicatorAndArea)
    }

    /// The story of an indicator: the areas where it got worse or improved most.
    pub fn indicator_story(&self, lang: Lang, indicator_id: &str) -> Story {
        let series = self.site.progress.series.iter();
        self.story_of(
            lang,
            series.filter(|s| s.indicator_id == indicator_id),
            Named::Area,
        )
    }

    fn story_of<'s>(
        &self,
        lang: Lang,
        series: impl Iterator<Item = &'s SeriesProgress>,
        named: Named,
    ) -> Story {
        let data = &self.site.data;
        let mut assessed: Vec<(&SeriesProgress, &Indicator, f64)> = series
            .filter(|s| s.is_assessed())
            .filter_map(|s| {
                let indicator = data.indicator(&s.indicator_id)?;
                let sign = match indicator.direction {
                    crate::data::Direction::Increase => 1.0,
                    crate::data::Direction::Decrease => -1.0,
                };
                let base_sign = if s.base_value.unwrap_or(0.0) < 0.0 {
                    -1.0
                } else {
                    1.0
                };
                let better = sign * base_sign * s.observed_growth.unwrap_or(0.0);
                Some((s, indicator, better))
            })
            .collect();
        let item = |(s, indicator, _): &(&SeriesProgress, &Indicator, f64)| {
            let shown = |year, value| value_in_year(lang, indicator, year, value);
            let url = format!(
                "{}#{}",
                urls::indicator(lang, &indicator.id),
                calc_anchor(&s.area_id)
            );
            let area = data
                .area(&s.area_id)
                .map(|a| a.name.get(lang).to_string())
                .unwrap_or_default();
            let (name, link) = match named {
                Named::Indicator => (
                    indicator.name.get(lang).to_string(),
                    urls::indicator(lang, &indicator.id),
                ),
                Named::IndicatorAndArea => (
                    format!("{} ({area})", indicator.name.get(lang)),
                    urls::indicator(lang, &indicator.id),
                ),
                Named::Area => (area, urls::area(lang, &s.area_id)),
            };
            StoryItem {
                name,
                url: link,
                base: shown(s.base_year, s.base_value),
                latest: shown(s.current_year, s.current_value),
                change: self.change_text(lang, indicator, s.base_value, s.current_value),
                status: self.series_status_view(lang, s, Some(url)),
            }
        };
        let score = |s: &SeriesProgress| s.score.unwrap_or(0.0);
        assessed.sort_by(|a, b| {
            (a.0.zero_replaced.cmp(&b.0.zero_replaced))
                .then(score(a.0).total_cmp(&score(b.0)))
                .then(a.2.total_cmp(&b.2))
        });
        let worse = assessed
            .iter()
            .filter(|s| s.0.status == Status::Deterioration)
            .take(STORY_WORSE)
            .map(item)
            .collect();
        assessed.sort_by(|a, b| {
            (a.0.zero_replaced.cmp(&b.0.zero_replaced))
                .then(score(b.0).total_cmp(&score(a.0)))
                .then(b.2.total_cmp(&a.2))
        });
        let better = assessed
            .iter()
            .filter(|s| s.2 > 0.0 && s.0.status != Status::Deterioration)
            .take(STORY_BETTER)
            .map(item)
            .collect();
        Story { worse, better }
    }

    /// Every status in the words of each basis: the legend of the progress page and the
    /// methodology page, so both name the statuses exactly as the pages do.
    pub fn legend(&self, lang: Lang) -> Vec<LegendGroup> {
        Basis::ALL
            .iter()
            .map(|&basis| LegendGroup {
                heading: self.t(lang, &format!("status_basis_{}", basis.code())),
                statuses: basis
                    .statuses()
                    .iter()
                    .map(|&s| self.status_view(lang, s, basis, None))
                    .collect(),
            })
            .collect()
    }
}

/// The statuses of one basis, for a legend.
#[derive(Debug, Serialize)]
pub struct LegendGroup {
    pub heading: String,
    pub statuses: Vec<StatusView>,
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
    group: String,
    column: String,
}

/// What `progress.html` reads beyond what every page shares.
#[derive(Serialize)]
struct ProgressContext {
    legend: Vec<LegendGroup>,
    national: SummaryView,
    /// Each province's page and its summary, best first.
    provinces: Vec<(Link, SummaryView)>,
    /// The matrix's columns: indicators grouped by dimension.
    groups: Vec<DimensionGroup<MatrixColumn>>,
    rows: Vec<MatrixRow>,
}
