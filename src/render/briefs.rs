//! Provincial briefs: one printable page per province and language, for officers to take into
//! meetings with factories, communities and the governor (`th/briefs/th-21/index.html`).
//!
//! A brief fits on at most two A4 pages, so it shows a selection: the province's areas and their
//! eco-town level, factory upgrades (figures, pace and the province's chart, reused from the
//! chart set), a short narrative, and key indicators with their change since the base year and
//! their progress status. Everything a reader needs to check a figure is on the paper: the fiscal
//! year, the "data as of" date, the sources, and the address of the province's page.
//!
//! The printed brief must not send readers to files on the machine that printed it, so every link
//! visible on paper is an absolute address on the published site (`base_url`); the links that
//! are only useful on screen (back to the province, the other language) are hidden in print.
//! `ecotown build --pdf` prints these pages to PDF (`pdf`, run by `build`).

use serde::Serialize;

use crate::content::NarrativeKey;
use crate::data::{Area, Dimension, Indicator, Lang, Province};
use crate::i18n::format;
use crate::render::charts::{ChartView, view};
use crate::render::progress::{PaceView, StatusView, SummaryOf, SummaryView, value_in_year};
use crate::render::view::Factories;
use crate::render::{Page, Renderer};
use crate::site::Site;
use crate::urls;

/// Key indicators shown per dimension: ten in all, which with two areas (TH-13, TH-21, TH-90)
/// still fits the second page.
pub const PER_DIMENSION: usize = 2;

/// The brief of one province, as its template shows it.
#[derive(Debug, Serialize)]
struct BriefView {
    name: String,
    name_other: String,
    fiscal_year: Option<String>,
    /// The province page on the published site, as printed on the paper.
    address: String,
    /// The province page and the PDF, relative, for the links on screen.
    province_url: String,
    pdf_url: Option<String>,
    areas: Vec<BriefArea>,
    factories: Option<Factories>,
    summary: Option<SummaryView>,
    pace: Option<PaceView>,
    chart: Option<ChartView>,
    /// The province's material flows in a few lines, when it has any.
    exchanges: Option<super::flows::BriefExchanges>,
    /// The narrative (or its brief section) as HTML, and the language it is written in.
    narrative: Option<String>,
    narrative_lang: &'static str,
    narrative_fallback: bool,
    groups: Vec<BriefGroup>,
    /// Whether the indicator table needs a column naming the area.
    several_areas: bool,
    sources: Vec<String>,
    /// The `@page` rules with the running footer's text, for an inline style sheet.
    footer_css: String,
}

#[derive(Debug, Serialize)]
struct BriefArea {
    name: String,
    level: Option<String>,
    level_year: Option<String>,
    factories: Option<Factories>,
    status: Option<StatusView>,
}

#[derive(Debug, Serialize)]
struct BriefGroup {
    /// The dimension's id, for the ids that tie the table's cells to their headers.
    id: String,
    name: String,
    rows: Vec<BriefRow>,
}

/// One key indicator, with a line per area of the province.
#[derive(Debug, Serialize)]
struct BriefRow {
    /// The indicator's id (for header ids).
    id: String,
    name: String,
    unit: String,
    direction: &'static str,
    target: Option<String>,
    areas: Vec<BriefCell>,
}

/// One area's values of one indicator: base → latest, change, status.
#[derive(Debug, Serialize)]
struct BriefCell {
    /// The area's id (for header ids).
    area_id: String,
    area: String,
    base: String,
    latest: String,
    /// `provisional` or `estimated` when the latest value is not final.
    latest_status: Option<&'static str>,
    change: String,
    status: Option<StatusView>,
}

impl Renderer<'_> {
    pub fn brief(&self, lang: Lang, province: &Province) -> Page {
        let areas = self.areas_by_name(lang, province);
        let title = format!(
            "{}: {}",
            self.t(lang, "brief_kind"),
            province.name.get(lang)
        );
        let brief = self.brief_view(lang, province, &areas);
        let mut description = self.fill(
            lang,
            "description_brief",
            &[("name", province.name.get(lang))],
        );
        if let Some(f) = &brief.factories {
            description = format!("{description} {}", self.factories_sentence(lang, f));
        }
        let mut page = self.page_shell(
            lang,
            urls::brief(lang, &province.code),
            "brief.html",
            &title,
            description,
            Vec::new(),
        );
        page.context.insert("brief", &brief);
        page.what = format!("brief '{}' ({})", province.code, lang.code());
        page
    }

    fn brief_view(&self, lang: Lang, province: &Province, areas: &[&Area]) -> BriefView {
        let site = self.site;
        let progress = &site.progress;
        let factories = self.sum_factories(lang, areas);
        let key = NarrativeKey::Province(province.code.clone());
        let narrative = self.narrative(&key, lang);
        let indicators = self.key_indicators(areas);
        let name = province.name.get(lang);
        BriefView {
            name: name.to_string(),
            name_other: province.name.get(lang.other()).to_string(),
            fiscal_year: factories.as_ref().map(|f| f.year.clone()),
            address: format!(
                "{}{}",
                site.config.base_url,
                urls::pretty(&urls::province(lang, &province.code))
            ),
            province_url: urls::province(lang, &province.code),
            pdf_url: site
                .pdf_briefs
                .then(|| urls::brief_pdf(lang, &province.code)),
            areas: areas.iter().map(|a| self.brief_area(lang, a)).collect(),
            summary: progress
                .by_province
                .get(&province.code)
                .map(|s| unlinked_summary(self.summary_view(lang, s, SummaryOf::Ratings))),
            pace: progress
                .factories_by_province
                .get(&province.code)
                .map(|f| self.pace_view(lang, f)),
            factories,
            exchanges: self.brief_exchanges(lang, areas),
            chart: self.charts[lang as usize]
                .province_factories
                .get(&province.code)
                .map(|c| view(c, "factories")),
            narrative_lang: narrative.as_ref().map_or(lang.code(), |n| n.lang),
            narrative_fallback: narrative.as_ref().is_some_and(|n| n.fallback),
            narrative: narrative.map(|n| n.brief.unwrap_or(n.html)),
            groups: self.brief_groups(lang, &indicators, areas),
            several_areas: areas.len() > 1,
            sources: self.brief_sources(lang, &indicators),
            footer_css: self.footer_css(lang, name),
        }
    }

    /// The province's areas, by name in the page's language.
    fn areas_by_name<'a>(&'a self, lang: Lang, province: &'a Province) -> Vec<&'a Area> {
        let mut areas: Vec<&Area> = self.site.data.areas_in(&province.code).collect();
        self.collators
            .sort_by_name(lang, &mut areas, |a| a.name.get(lang));
        areas
    }

    fn brief_area(&self, lang: Lang, area: &Area) -> BriefArea {
        let data = &self.site.data;
        let level = data.levels_of(&area.id).last();
        BriefArea {
            name: area.name.get(lang).to_string(),
            level: level.map(|l| self.level_label(lang, l.level)),
            level_year: level.map(|l| format::fiscal_year_short(lang, l.year)),
            factories: data
                .factories_of(&area.id)
                .last()
                .map(|f| Factories::from_count(lang, f)),
            status: self.site.progress.by_area.get(&area.id).map(|s| {
                unlinked_summary(self.summary_view(lang, s, SummaryOf::Indicators)).status
            }),
        }
    }

    /// The key indicators, per dimension in the criteria's order: up to [`PER_DIMENSION`] each,
    /// preferring indicators with data in these areas, then those with a target (their status
    /// measures the distance to an agreed goal), then those with a base year (a change can be
    /// shown), in the order of `indicators.csv`, which publishers order by importance.
    fn key_indicators(&self, areas: &[&Area]) -> Vec<(&Dimension, Vec<&Indicator>)> {
        let data = &self.site.data;
        let has_data = |i: &Indicator| {
            areas
                .iter()
                .any(|a| data.series(&a.id, &i.id).iter().any(|o| o.value.is_some()))
        };
        data.taxonomy
            .dimensions
            .iter()
            .map(|d| {
                let mut chosen: Vec<&Indicator> = data
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == d.id)
                    .collect();
                // A stable sort keeps the file's order among equals.
                chosen.sort_by_key(|i| (!has_data(i), i.target.is_none(), i.base_year.is_none()));
                chosen.truncate(PER_DIMENSION);
                (d, chosen)
            })
            .filter(|(_, chosen)| !chosen.is_empty())
            .collect()
    }

    fn brief_groups(
        &self,
        lang: Lang,
        indicators: &[(&Dimension, Vec<&Indicator>)],
        areas: &[&Area],
    ) -> Vec<BriefGroup> {
        indicators
            .iter()
            .map(|(d, chosen)| BriefGroup {
                id: d.id.clone(),
                name: d.name.get(lang).to_string(),
                rows: chosen
                    .iter()
                    .map(|i| self.brief_row(lang, i, areas))
                    .collect(),
            })
            .collect()
    }

    fn brief_row(&self, lang: Lang, indicator: &Indicator, areas: &[&Area]) -> BriefRow {
        BriefRow {
            id: indicator.id.clone(),
            name: indicator.name.get(lang).to_string(),
            unit: indicator.unit.get(lang).to_string(),
            direction: indicator.direction.as_str(),
            target: indicator.target.map(|t| {
                format!(
                    "{} {}",
                    format::number(t.value, indicator.decimals),
                    self.t(lang, "indicator_target_by")
                        .replace("{year}", &format::fiscal_year(lang, t.year))
                )
            }),
            areas: areas
                .iter()
                .map(|a| self.brief_cell(lang, indicator, a))
                .collect(),
        }
    }

    /// Base and latest values as the progress calculation used them (so the change agrees with
    /// the status beside it); a series the method could not assess still shows its latest value.
    fn brief_cell(&self, lang: Lang, indicator: &Indicator, area: &Area) -> BriefCell {
        let series = self.site.data.series(&area.id, &indicator.id);
        let progress = self.site.progress.series(&area.id, &indicator.id);
        let base = progress.and_then(|p| p.base_year.zip(p.base_value));
        let latest = progress
            .and_then(|p| p.current_year.zip(p.current_value))
            .or_else(|| {
                let o = crate::data::model::latest_of(series)?;
                Some((o.year, o.value?))
            });
        let shown = |point: Option<(i32, f64)>| {
            value_in_year(lang, indicator, point.map(|p| p.0), point.map(|p| p.1))
        };
        let latest_status = latest
            .and_then(|(year, _)| series.iter().find(|o| o.year == year))
            .map(|o| o.status.as_str())
            .filter(|s| *s != "final");
        BriefCell {
            area_id: area.id.clone(),
            area: area.name.get(lang).to_string(),
            base: shown(base),
            latest: shown(latest),
            latest_status,
            change: self.change_text(lang, indicator, base.map(|b| b.1), latest.map(|l| l.1)),
            status: progress.map(|p| self.series_status_view(lang, p, None)),
        }
    }

    /// The sources of the indicators shown, each once, in the page language's order.
    fn brief_sources(
        &self,
        lang: Lang,
        indicators: &[(&Dimension, Vec<&Indicator>)],
    ) -> Vec<String> {
        let mut sources: Vec<String> = indicators
            .iter()
            .flat_map(|(_, chosen)| chosen.iter())
            .map(|i| i.source.get(lang).to_string())
            .collect();
        self.collators.sort_by_name(lang, &mut sources, |s| s);
        sources.dedup();
        sources
    }

    /// The running footer as `@page` margin boxes: what the brief is on the left; the date and
    /// "page 1 of 2" on the right.
    fn footer_css(&self, lang: Lang, province: &str) -> String {
        let config = &self.site.config;
        let as_of = format::date(lang, config.as_of);
        let built = self.site.built;
        let mut date = format!("{} {as_of}", self.t(lang, "footer_data_as_of"));
        if built != config.as_of {
            let produced = format::date(lang, built);
            date.push_str(&format!(" · {} {produced}", self.t(lang, "brief_produced")));
        }
        let left = format!(
            "{} · {}: {province}",
            config.title.get(lang),
            self.t(lang, "brief_kind")
        );
        // "of" sits inside a literal shared with its spaces: its escaped text without the quotes.
        let of = crate::escape::css_string(&self.t(lang, "brief_page_of"));
        format!(
            "@page {{ @bottom-left {{ content: {}; }} @bottom-right {{ content: {} \" · \" {} \" \" counter(page) \" {} \" counter(pages); }} }}",
            crate::escape::css_string(&left),
            crate::escape::css_string(&date),
            crate::escape::css_string(&self.t(lang, "brief_page")),
            &of[1..of.len() - 1],
        )
    }
}

/// A summary whose status does not link anywhere: on paper a link is only clutter, and in a PDF a
/// relative link would point at the computer that printed it.
fn unlinked_summary(mut summary: SummaryView) -> SummaryView {
    summary.status.url = None;
    summary
}

/// The change from `base` to `latest` in percent of the base, signed: "+12.5%", "−3.0%".
/// The PDF of every brief, as `build --pdf` publishes them.
pub fn pdf_paths(site: &Site) -> Vec<String> {
    briefs(site)
        .map(|(lang, p)| urls::brief_pdf(lang, &p.code))
        .collect()
}

/// The pages to print for `build --pdf`: each brief's page and its PDF, by path in the site.
pub fn print_pages(site: &Site) -> Vec<(String, String)> {
    briefs(site)
        .map(|(lang, p)| (urls::brief(lang, &p.code), urls::brief_pdf(lang, &p.code)))
        .collect()
}

fn briefs(site: &Site) -> impl Iterator<Item = (Lang, &Province)> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| site.data.provinces.iter().map(move |p| (lang, p)))
}
