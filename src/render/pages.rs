//! One builder per kind of page: each turns the model into the small context its template needs.
//!
//! A builder knows its page's address, title and breadcrumbs; `Renderer::page` adds what every
//! page shares (language, links to the twin page, canonical and hreflang addresses, the site's
//! strings). Builders do not render: the caller renders all pages in parallel.
//!
//! Each template's own inputs are one `#[derive(Serialize)]` struct, at the end of this file
//! (the progress, downloads and updates pages keep theirs beside their builders).
//!
//! Past 800 lines: one builder per page kind, each short, and the context struct of each
//! template; they share the crumbs, narrative and link helpers here.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use crate::content::NarrativeKey;
use crate::data::{Area, Dimension, Indicator, Lang, Province};
use crate::i18n::format;
use crate::render::charts::{self, ChartView, view, view_titled};
use crate::render::progress::{CalcRow, LegendGroup, PaceView, Story, SummaryOf, SummaryView};
use crate::render::view::{AreaRow, DimensionGroup, Factories, IndicatorRow, Link};
use crate::render::{Page, Renderer};
use crate::urls;

/// A rendered narrative and whether it is shown in place of a missing translation.
#[derive(Debug, Serialize)]
pub(crate) struct NarrativeView {
    pub(crate) html: String,
    /// The part of `html` for the printed brief, if the narrative marks one.
    #[serde(skip)]
    pub(crate) brief: Option<String>,
    pub(crate) lang: &'static str,
    pub(crate) fallback: bool,
    title: Option<String>,
    description: Option<String>,
}

/// The most areas whose trend charts an indicator page shows side by side (the programme has 18;
/// the benchmark's scaled sites have thousands).
pub const SMALL_MULTIPLES_MAX: usize = 60;

impl Renderer<'_> {
    pub(crate) fn narrative(&self, key: &NarrativeKey, lang: Lang) -> Option<NarrativeView> {
        let narrative = self.site.content.get(key, lang)?;
        Some(NarrativeView {
            html: narrative.rendered.html.clone(),
            brief: narrative.rendered.brief.clone(),
            lang: narrative.lang.code(),
            fallback: narrative.lang != lang,
            title: narrative.title.clone(),
            description: narrative.description.clone(),
        })
    }

    fn crumbs(&self, lang: Lang, trail: &[(&str, String)]) -> Vec<Link> {
        let mut links = vec![Link {
            name: self.t(lang, "nav_home"),
            url: urls::home(lang),
        }];
        links.extend(trail.iter().map(|(key, url)| Link {
            name: self.t(lang, key),
            url: url.clone(),
        }));
        links
    }

    pub fn home(&self, lang: Lang) -> Page {
        let data = &self.site.data;
        let national = data.national_factories();
        let factories = national
            .iter()
            .next_back()
            .map(|(&year, &(t, u))| Factories::new(lang, year, t, u));
        let narrative = self.narrative(&NarrativeKey::Home, lang);
        let mut page = self.page(
            lang,
            urls::home(lang),
            "home.html",
            &self.t(lang, "home_title"),
            self.t(lang, "site_description"),
            Vec::new(),
            &narrative,
        );
        let dimensions: Vec<_> = (data.taxonomy.dimensions.iter())
            .map(|d| DimensionCard {
                name: d.name.get(lang).to_string(),
                summary: d.summary.get(lang).to_string(),
                url: urls::dimension(lang, &d.id),
                indicators: data
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == d.id)
                    .count(),
            })
            .collect();
        let progress = &self.site.progress;
        let set = &self.charts[lang as usize];
        page.add(&HomeContext {
            symbiosis_url: (!data.flows.is_empty()).then(|| urls::page(lang, "symbiosis")),
            factories,
            national: self.summary_view(lang, &progress.national, SummaryOf::Ratings),
            pace: progress
                .factories_national
                .as_ref()
                .map(|f| self.pace_view(lang, f)),
            // The map's links carry a placeholder for the path to the site root, which the
            // template fills in: the home page is rendered at two depths.
            map: set.map.as_ref().map(|c| view(c, "map")),
            ranked_provinces: self.ranked_provinces(lang),
            root_token: charts::ROOT_TOKEN,
            national_chart: set.national_history.as_ref().map(|c| view(c, "factories")),
            areas_chart: set
                .all_areas_factories
                .as_ref()
                .map(|c| view(c, "factories")),
            province_count: data.provinces.len(),
            area_count: data.areas.len(),
            areas: self.area_rows(lang, data.areas.iter()),
            dimensions,
        });
        page
    }

    pub fn province_list(&self, lang: Lang) -> Page {
        let provinces = self.provinces_by_name(lang);
        let mut page = self.top_page(
            lang,
            urls::provinces(lang),
            "provinces.html",
            "nav_provinces",
            self.t(lang, "provinces_lead"),
            &None,
        );
        page.add(&ProvincesContext { provinces });
        page
    }

    fn province_row(&self, lang: Lang, province: &Province) -> ProvinceRow {
        let data = &self.site.data;
        let areas: Vec<&Area> = data.areas_in(&province.code).collect();
        ProvinceRow {
            name: province.name.get(lang).to_string(),
            url: urls::province(lang, &province.code),
            code: province.code.clone(),
            areas: areas.len(),
            factories: self.sum_factories(lang, &areas),
        }
    }

    /// Every province's row, in the page language's name order.
    fn provinces_by_name(&self, lang: Lang) -> Vec<ProvinceRow> {
        let mut rows: Vec<ProvinceRow> = self
            .site
            .data
            .provinces
            .iter()
            .map(|p| self.province_row(lang, p))
            .collect();
        self.collators.sort_by_name(lang, &mut rows, |r| &r.name);
        rows
    }

    /// Provinces ranked by the share of their factories upgraded, highest first (those without
    /// figures last, in name order): the list beside the map, so that the map's message does not
    /// rest on telling shades apart.
    fn ranked_provinces(&self, lang: Lang) -> Vec<ProvinceRow> {
        let mut rows = self.provinces_by_name(lang);
        let share = |r: &ProvinceRow| {
            r.factories
                .as_ref()
                .and_then(|f| f.share.parse::<f64>().ok())
                .unwrap_or(f64::NEG_INFINITY)
        };
        rows.sort_by(|a, b| share(b).total_cmp(&share(a)));
        rows
    }

    /// Factory counts summed over `areas`, each at its latest year.
    pub(crate) fn sum_factories(&self, lang: Lang, areas: &[&Area]) -> Option<Factories> {
        let latest: Vec<_> = areas
            .iter()
            .filter_map(|a| self.site.data.factories_of(&a.id).last())
            .collect();
        let year = latest.iter().map(|f| f.year).max()?;
        let total = latest.iter().map(|f| f.total).sum();
        let upgraded = latest.iter().map(|f| f.upgraded).sum();
        Some(Factories::new(lang, year, total, upgraded))
    }

    pub fn province(&self, lang: Lang, province: &Province) -> Page {
        let data = &self.site.data;
        let areas: Vec<&Area> = data.areas_in(&province.code).collect();
        let narrative = self.narrative(&NarrativeKey::Province(province.code.clone()), lang);
        let crumbs = self.crumbs(lang, &[("nav_provinces", urls::provinces(lang))]);
        let name = province.name.get(lang);
        let row = self.province_row(lang, province);
        let count = row.areas.to_string();
        let mut description = self.fill(
            lang,
            "description_province",
            &[("name", name), ("count", &count)],
        );
        if let Some(f) = &row.factories {
            description = format!("{description} {}", self.factories_sentence(lang, f));
        }
        let mut page = self.page(
            lang,
            urls::province(lang, &province.code),
            "province.html",
            name,
            description,
            crumbs,
            &narrative,
        );
        let progress = &self.site.progress;
        let code = &province.code;
        let chart = self.charts[lang as usize].province_factories.get(code);
        page.add(&ProvinceContext {
            // The kind of page in the window title: a province and its only area may share a
            // name.
            kind_title: self.fill(lang, "title_province", &[("name", name)]),
            province: row,
            story: self.province_story(lang, code),
            summary: (progress.by_province.get(code))
                .map(|s| self.summary_view(lang, s, SummaryOf::Ratings)),
            pace: (progress.factories_by_province.get(code)).map(|f| self.pace_view(lang, f)),
            areas: self.area_rows(lang, areas.iter().copied()),
            factories_chart: chart.map(|c| {
                view_titled(
                    c,
                    "factories",
                    &self.t(lang, "chart_factory_progress_title"),
                )
            }),
            brief: BriefLinks {
                url: urls::brief(lang, code),
                pdf: self.site.pdf_briefs.then(|| urls::brief_pdf(lang, code)),
            },
        });
        page.what = format!("province '{}' ({})", province.code, lang.code());
        page
    }

    pub fn area_list(&self, lang: Lang) -> Page {
        let mut page = self.top_page(
            lang,
            urls::areas(lang),
            "areas.html",
            "nav_areas",
            self.t(lang, "areas_lead"),
            &None,
        );
        page.add(&AreasContext {
            lead: self.t(lang, "areas_lead"),
            lead_unordered: self.t(lang, "areas_lead_unordered"),
            phases: self.phase_filter(lang, None),
            areas: self.area_rows(lang, self.site.data.areas.iter()),
        });
        page
    }

    /// The areas of one programme phase: the areas list filtered, for when phases make it long.
    pub fn phase_areas(&self, lang: Lang, phase: u8) -> Page {
        let data = &self.site.data;
        let areas: Vec<&Area> = data.areas.iter().filter(|a| a.phase == phase).collect();
        let (n, count) = (phase.to_string(), format::integer(areas.len() as i64));
        let values = [("n", n.as_str()), ("count", count.as_str())];
        let title = self.fill(lang, "phase_areas_title", &values);
        let lead = self.fill(lang, "phase_areas_lead", &values);
        let crumbs = self.crumbs(lang, &[("nav_areas", urls::areas(lang))]);
        let mut page = self.page(
            lang,
            urls::phase(lang, phase),
            "areas.html",
            &title,
            lead.clone(),
            crumbs,
            &None,
        );
        page.add(&AreasContext {
            lead,
            lead_unordered: self.fill(lang, "phase_areas_lead_unordered", &values),
            phases: self.phase_filter(lang, Some(phase)),
            areas: self.area_rows(lang, areas.into_iter()),
        });
        page.what = format!("phase {phase} areas ({})", lang.code());
        page
    }

    /// Links to the areas list and each phase's list, when the data have more than one phase
    /// (none otherwise), the one shown marked current.
    fn phase_filter(&self, lang: Lang, shown: Option<u8>) -> Vec<FilterLink> {
        let data = &self.site.data;
        let phases = data.phases();
        if phases.len() < 2 {
            return Vec::new();
        }
        let all = format::integer(data.areas.len() as i64);
        let mut links = vec![FilterLink {
            name: self.fill(lang, "phase_filter_all", &[("count", &all)]),
            url: urls::areas(lang),
            current: shown.is_none(),
        }];
        links.extend(phases.into_iter().map(|p| {
            let count = data.areas.iter().filter(|a| a.phase == p).count();
            let count = format::integer(count as i64);
            FilterLink {
                name: self.fill(
                    lang,
                    "phase_filter_one",
                    &[("n", &p.to_string()), ("count", &count)],
                ),
                url: urls::phase(lang, p),
                current: shown == Some(p),
            }
        }));
        links
    }

    pub fn area(&self, lang: Lang, area: &Area) -> Page {
        let data = &self.site.data;
        let narrative = self.narrative(&NarrativeKey::Area(area.id.clone()), lang);
        let crumbs = self.crumbs(lang, &[("nav_areas", urls::areas(lang))]);
        let name = area.name.get(lang);
        let row = self.area_row(lang, area);
        let mut description = self.fill(
            lang,
            "description_area",
            &[("name", name), ("province", &row.province.name)],
        );
        if let Some(f) = &row.factories {
            description = format!("{description} {}", self.factories_sentence(lang, f));
        }
        let mut page = self.page(
            lang,
            urls::area(lang, &area.id),
            "area.html",
            name,
            description,
            crumbs,
            &narrative,
        );
        let kind_title = self.fill(lang, "title_area", &[("name", name)]);
        let levels: Vec<LevelView> = data
            .levels_of(&area.id)
            .iter()
            .map(|l| LevelView {
                year: format::fiscal_year(lang, l.year),
                level: l.level,
                label: self.level_label(lang, l.level),
            })
            .collect();
        let factories: Vec<Factories> = data
            .factories_of(&area.id)
            .iter()
            .map(|f| Factories::from_count(lang, f))
            .collect();
        let set = &self.charts[lang as usize];
        let series: Vec<(String, Vec<ChartView>)> = (self.site.data.taxonomy.dimensions.iter())
            .map(|d| {
                let mut indicators: Vec<&Indicator> = self
                    .site
                    .data
                    .indicators
                    .iter()
                    .filter(|i| i.dimension == d.id)
                    .collect();
                self.collators
                    .sort_by_name(lang, &mut indicators, |i| i.name.get(lang));
                let charts = indicators
                    .into_iter()
                    .filter_map(|i| {
                        let chart = set.series.get(&(area.id.clone(), i.id.clone()))?;
                        // The page is the area's: each chart is titled by its indicator alone.
                        Some(view_titled(chart, "series", i.name.get(lang)))
                    })
                    .collect();
                (d.id.clone(), charts)
            })
            .filter(|(_, charts): &(String, Vec<ChartView>)| !charts.is_empty())
            .collect();
        let pace = self.site.progress.factories_by_area.get(&area.id);
        page.add(&AreaContext {
            kind_title,
            area: row,
            levels,
            level_chart: set.levels.get(&area.id).map(|c| view(c, "levels")),
            // The page names the area: the chart's title above it leaves the name out.
            factories_chart: (set.area_factories.get(&area.id))
                .map(|c| view_titled(c, "factories", &self.t(lang, "chart_factory_history_title"))),
            series_groups: series,
            story: self.story(lang, &area.id),
            factory_history: factories,
            groups: self.indicator_groups(lang, &area.id),
            dimension_summaries: self.dimension_summaries(lang, &area.id),
            pace: pace.map(|f| self.pace_view(lang, f)),
            flows: self.area_flows(lang, area),
        });
        page.what = format!("area '{}' ({})", area.id, lang.code());
        page
    }

    pub fn indicator_list(&self, lang: Lang) -> Page {
        let mut page = self.top_page(
            lang,
            urls::indicators(lang),
            "indicators.html",
            "nav_indicators",
            self.t(lang, "indicators_lead"),
            &None,
        );
        page.add(&IndicatorsContext {
            groups: self.dimension_groups(lang, |i| self.definition(lang, i)),
        });
        page
    }

    /// What an indicator is: its unit, direction, base year, target and source.
    fn definition(&self, lang: Lang, indicator: &Indicator) -> Definition {
        let taxonomy = &self.site.data.taxonomy;
        Definition {
            id: indicator.id.clone(),
            name: indicator.name.get(lang).to_string(),
            url: urls::indicator(lang, &indicator.id),
            unit: indicator.unit.get(lang).to_string(),
            direction: self.t(lang, &format!("direction_{}", indicator.direction.as_str())),
            direction_code: indicator.direction.as_str(),
            theme: (indicator.theme.as_deref())
                .and_then(|t| taxonomy.theme(t))
                .map(|t| t.name.get(lang).to_string()),
            theme_key: indicator.theme.clone(),
            dimension: Link {
                name: (taxonomy.dimension(&indicator.dimension))
                    .map_or_else(|| indicator.dimension.clone(), |d| d.name.get(lang).into()),
                url: urls::dimension(lang, &indicator.dimension),
            },
            base_year: indicator.base_year.map(|y| format::fiscal_year(lang, y)),
            target: indicator
                .target
                .map(|t| format::number(t.value, indicator.decimals)),
            target_year: indicator.target.map(|t| format::fiscal_year(lang, t.year)),
            source: indicator.source.get(lang).to_string(),
        }
    }

    pub fn indicator(&self, lang: Lang, indicator: &Indicator) -> Page {
        let data = &self.site.data;
        let narrative = self.narrative(&NarrativeKey::Indicator(indicator.id.clone()), lang);
        let crumbs = self.crumbs(lang, &[("nav_indicators", urls::indicators(lang))]);
        let name = indicator.name.get(lang);
        let definition = self.definition(lang, indicator);
        let mut description = self.fill(
            lang,
            "description_indicator",
            &[
                ("name", name),
                ("unit", &definition.unit),
                ("direction", &definition.direction),
                ("dimension", &definition.dimension.name),
            ],
        );
        if let (Some(target), Some(year)) = (&definition.target, &definition.target_year) {
            let sentence = self.fill(
                lang,
                "description_target",
                &[
                    ("target", target),
                    ("unit", &definition.unit),
                    ("year", year),
                ],
            );
            description = format!("{description} {sentence}");
        }
        let mut page = self.page(
            lang,
            urls::indicator(lang, &indicator.id),
            "indicator.html",
            name,
            description,
            crumbs,
            &narrative,
        );
        let years: BTreeSet<i32> = data
            .observations
            .iter()
            .filter(|o| o.indicator_id == indicator.id)
            .map(|o| o.year)
            .collect();
        let mut rows: Vec<ValuesRow> = data
            .areas
            .iter()
            .map(|area| {
                let series = data.series(&area.id, &indicator.id);
                let cells = years
                    .iter()
                    .map(|&year| {
                        let obs = series.iter().find(|o| o.year == year);
                        Cell {
                            value: obs
                                .and_then(|o| o.value)
                                .map(|v| format::number(v, indicator.decimals)),
                            status: obs.map(|o| o.status.as_str()).unwrap_or("missing"),
                            note: obs
                                .map(|o| o.note.get(lang).to_string())
                                .unwrap_or_default(),
                        }
                    })
                    .collect();
                ValuesRow {
                    name: area.name.get(lang).to_string(),
                    url: urls::area(lang, &area.id),
                    cells,
                }
            })
            .collect();
        self.collators.sort_by_name(lang, &mut rows, |r| &r.name);
        let year_labels: Vec<String> = years
            .iter()
            .map(|&y| format::fiscal_year_short(lang, y))
            .collect();
        let summary = self.site.progress.by_indicator.get(&indicator.id);
        let set = &self.charts[lang as usize];
        let drawn: Vec<(&ChartView, &str)> = self
            .area_order(lang)
            .into_iter()
            .filter_map(|a| {
                let chart = set.series.get(&(a.id.clone(), indicator.id.clone()))?;
                Some((chart, a.name.get(lang)))
            })
            .collect();
        // Past a few dozen areas a grid of every area's chart makes a page of many megabytes, too
        // heavy for a phone; each chart stays on its area's page, which the values table links.
        let trends_elsewhere = !self.small_multiples.contains(&indicator.id);
        let series: Vec<ChartView> = match trends_elsewhere {
            true => Vec::new(),
            // The page is the indicator's: each chart is titled by its area alone.
            false => drawn
                .into_iter()
                .map(|(c, area)| view_titled(c, "series", area))
                .collect(),
        };
        page.add(&IndicatorContext {
            indicator: definition,
            calc: self.calc_rows(lang, indicator),
            story: self.indicator_story(lang, &indicator.id),
            summary: summary.map(|s| self.summary_view(lang, s, SummaryOf::Areas)),
            years: year_labels,
            rows,
            comparison: (set.comparison.get(&indicator.id)).map(|c| view(c, "comparison")),
            series_charts: series,
            trends_elsewhere,
            compare: self.compare_view(lang, indicator, &years),
        });
        page.what = format!("indicator '{}' ({})", indicator.id, lang.code());
        page
    }

    pub fn dimension(&self, lang: Lang, dimension: &Dimension) -> Page {
        let crumbs = self.crumbs(lang, &[("nav_indicators", urls::indicators(lang))]);
        let name = dimension.name.get(lang).to_string();
        let summary = dimension.summary.get(lang).to_string();
        let description = match summary.is_empty() {
            true => self.fill(lang, "description_dimension_short", &[("name", &name)]),
            false => self.fill(
                lang,
                "description_dimension",
                &[("name", &name), ("summary", &summary)],
            ),
        };
        let mut page = self.page(
            lang,
            urls::dimension(lang, &dimension.id),
            "dimension.html",
            &name,
            description,
            crumbs,
            &None,
        );
        let mut indicators: Vec<Definition> = self
            .site
            .data
            .indicators
            .iter()
            .filter(|i| i.dimension == dimension.id)
            .map(|i| self.definition(lang, i))
            .collect();
        self.collators
            .sort_by_name(lang, &mut indicators, |d| &d.name);
        page.add(&DimensionContext {
            summary,
            indicators,
        });
        page.what = format!("dimension '{}' ({})", dimension.id, lang.code());
        page
    }

    pub fn methodology(&self, lang: Lang) -> Page {
        let narrative = self.narrative(&NarrativeKey::Page("methodology".into()), lang);
        let mut page = self.top_page(
            lang,
            urls::page(lang, "methodology"),
            "methodology.html",
            "nav_methodology",
            self.t(lang, "description_methodology"),
            &narrative,
        );
        // Every level of the scale by its number, as pages and charts show it, with its name
        // where the taxonomy gives one and a word that the sources do not otherwise.
        let levels: Vec<String> = (self.site.data.taxonomy.levels.iter())
            .map(|l| {
                let name = match l.name.get(lang) {
                    "" => self.t(lang, "level_unnamed"),
                    name => name.to_string(),
                };
                format!("{}: {name}", self.level_label(lang, l.level))
            })
            .collect();
        page.add(&MethodologyContext {
            groups: self.dimension_groups(lang, |i| self.definition(lang, i)),
            levels,
            legend: self.legend(lang),
        });
        page
    }

    pub fn about(&self, lang: Lang) -> Page {
        let narrative = self.narrative(&NarrativeKey::Page("about".into()), lang);
        let mut page = self.top_page(
            lang,
            urls::page(lang, "about"),
            "about.html",
            "nav_about",
            self.t(lang, "description_about"),
            &narrative,
        );
        let mut sources: Vec<String> = self
            .site
            .data
            .indicators
            .iter()
            .map(|i| i.source.get(lang).to_string())
            .collect();
        self.collators.sort_by_name(lang, &mut sources, |s| s);
        sources.dedup();
        page.add(&AboutContext { sources });
        page
    }

    /// A free page from `content/pages/<slug>`.
    pub fn free_page(&self, lang: Lang, slug: &str) -> Page {
        let narrative = self.narrative(&NarrativeKey::Page(slug.to_string()), lang);
        let title = narrative
            .as_ref()
            .and_then(|n| n.title.clone())
            .unwrap_or_else(|| slug.to_string());
        let crumbs = self.crumbs(lang, &[]);
        let mut page = self.page(
            lang,
            urls::page(lang, slug),
            "page.html",
            &title,
            title.clone(),
            crumbs,
            &narrative,
        );
        page.what = format!("page '{slug}' ({})", lang.code());
        page
    }

    /// The bilingual "page not found" page at the site root.
    pub fn not_found(&self) -> Page {
        let mut page = self.page(
            Lang::Th,
            "404.html".into(),
            "404.html",
            &self.t(Lang::Th, "not_found_title"),
            self.t(Lang::Th, "not_found_text"),
            Vec::new(),
            &None,
        );
        page.add(&NotFoundContext {
            t_en: &self.globals[1].t,
            home_en: urls::home(Lang::En),
        });
        page
    }

    /// Areas sorted by name in the page's language.
    fn area_order(&self, lang: Lang) -> Vec<&Area> {
        let mut areas: Vec<&Area> = self.site.data.areas.iter().collect();
        self.collators
            .sort_by_name(lang, &mut areas, |a| a.name.get(lang));
        areas
    }

    /// A page reached from the main navigation: its title is the navigation label `nav_key`, and
    /// its breadcrumbs lead only home.
    fn top_page(
        &self,
        lang: Lang,
        path: String,
        template: &'static str,
        nav_key: &str,
        description: String,
        narrative: &Option<NarrativeView>,
    ) -> Page {
        let crumbs = self.crumbs(lang, &[]);
        self.page(
            lang,
            path,
            template,
            &self.t(lang, nav_key),
            description,
            crumbs,
            narrative,
        )
    }

    /// A page without a narrative, for builders in other modules.
    pub(crate) fn page_shell(
        &self,
        lang: Lang,
        path: String,
        template: &'static str,
        title: &str,
        description: String,
        crumbs: Vec<Link>,
    ) -> Page {
        self.page(lang, path, template, title, description, crumbs, &None)
    }

    /// A page with the context every template shares; builders add their own entries.
    /// `description` says what this page is about (its `<meta name="description">`); a
    /// narrative's own description, when it has one, is used instead.
    #[allow(clippy::too_many_arguments)]
    fn page(
        &self,
        lang: Lang,
        path: String,
        template: &'static str,
        title: &str,
        description: String,
        crumbs: Vec<Link>,
        narrative: &Option<NarrativeView>,
    ) -> Page {
        let globals = &self.globals[lang as usize];
        let base = &self.site.config.base_url;
        let pretty = urls::pretty(&path).to_string();
        let twin = urls::twin(&path, lang);
        let description = narrative
            .as_ref()
            .and_then(|n| n.description.clone())
            .unwrap_or(description);
        let meta = PageMeta {
            title: title.to_string(),
            description,
            canonical: format!("{base}{pretty}"),
            alternate_th: format!(
                "{base}{}",
                urls::pretty(if lang == Lang::Th { &path } else { &twin })
            ),
            alternate_en: format!(
                "{base}{}",
                urls::pretty(if lang == Lang::En { &path } else { &twin })
            ),
            twin,
            crumbs,
        };
        let mut context = Context::new();
        context.insert("lang", lang.code());
        context.insert("other_lang", lang.other().code());
        context.insert("root", &urls::root_prefix(&path));
        context.insert_value("t", globals.t.clone());
        context.insert_value("t_other", self.globals[lang.other() as usize].t.clone());
        context.insert_value("site", globals.site.clone());
        context.insert("page", &meta);
        context.insert("narrative", narrative);
        Page {
            what: path.clone(),
            path,
            template,
            context,
        }
    }
}

#[derive(Serialize)]
struct PageMeta {
    title: String,
    description: String,
    canonical: String,
    alternate_th: String,
    alternate_en: String,
    /// The same page in the other language (root-relative).
    twin: String,
    crumbs: Vec<Link>,
}

#[derive(Serialize)]
struct DimensionCard {
    name: String,
    summary: String,
    url: String,
    indicators: usize,
}

#[derive(Serialize)]
struct ProvinceRow {
    name: String,
    url: String,
    code: String,
    areas: usize,
    factories: Option<Factories>,
}

/// The province's printable brief, and its PDF when this build prints one.
#[derive(Serialize)]
struct BriefLinks {
    url: String,
    pdf: Option<String>,
}

#[derive(Serialize)]
struct LevelView {
    year: String,
    level: u8,
    label: String,
}

#[derive(Serialize)]
struct Definition {
    id: String,
    name: String,
    url: String,
    unit: String,
    direction: String,
    direction_code: &'static str,
    theme: Option<String>,
    /// The theme's id, which a filter keeps in the address.
    theme_key: Option<String>,
    dimension: Link,
    base_year: Option<String>,
    target: Option<String>,
    target_year: Option<String>,
    source: String,
}

#[derive(Serialize)]
struct ValuesRow {
    name: String,
    url: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Cell {
    value: Option<String>,
    status: &'static str,
    note: String,
}

// --- Template contexts ---------------------------------------------------------------------------
// One struct per template: what the template reads beyond what every page shares
// ([`Renderer::page`]: `lang`, `root`, `t`, `site`, `page`, `narrative`, …). A field's name is the
// template's variable.

/// `home.html`.
#[derive(Serialize)]
struct HomeContext {
    factories: Option<Factories>,
    national: SummaryView,
    pace: Option<PaceView>,
    map: Option<ChartView>,
    ranked_provinces: Vec<ProvinceRow>,
    root_token: &'static str,
    national_chart: Option<ChartView>,
    areas_chart: Option<ChartView>,
    province_count: usize,
    area_count: usize,
    areas: Vec<AreaRow>,
    dimensions: Vec<DimensionCard>,
    /// The programme's material-flow page, when the site has flows.
    symbiosis_url: Option<String>,
}

/// `provinces.html`.
#[derive(Serialize)]
struct ProvincesContext {
    provinces: Vec<ProvinceRow>,
}

/// `province.html`.
#[derive(Serialize)]
struct ProvinceContext {
    kind_title: String,
    province: ProvinceRow,
    story: Story,
    summary: Option<SummaryView>,
    pace: Option<PaceView>,
    areas: Vec<AreaRow>,
    factories_chart: Option<ChartView>,
    brief: BriefLinks,
}

/// `areas.html`.
#[derive(Serialize)]
struct AreasContext {
    lead: String,
    /// The lead without its "by province", for when the reader sorts the table otherwise.
    lead_unordered: String,
    /// The phase filter: empty unless the areas are in more than one phase.
    phases: Vec<FilterLink>,
    areas: Vec<AreaRow>,
}

/// A link of a filter: one of the views of a list, `current` for the one shown.
#[derive(Serialize)]
struct FilterLink {
    name: String,
    url: String,
    current: bool,
}

/// `area.html`.
#[derive(Serialize)]
struct AreaContext {
    kind_title: String,
    area: AreaRow,
    levels: Vec<LevelView>,
    level_chart: Option<ChartView>,
    factories_chart: Option<ChartView>,
    /// Each dimension (by id) with the trend charts of its indicators.
    series_groups: Vec<(String, Vec<ChartView>)>,
    story: Story,
    factory_history: Vec<Factories>,
    groups: Vec<DimensionGroup<IndicatorRow>>,
    dimension_summaries: Vec<(String, SummaryView)>,
    pace: Option<PaceView>,
    flows: Option<super::flows::AreaFlows>,
}

/// `indicators.html`.
#[derive(Serialize)]
struct IndicatorsContext {
    groups: Vec<DimensionGroup<Definition>>,
}

/// `indicator.html`.
#[derive(Serialize)]
struct IndicatorContext {
    indicator: Definition,
    calc: Vec<CalcRow>,
    story: Story,
    summary: Option<SummaryView>,
    /// The fiscal years of the values table's columns.
    years: Vec<String>,
    rows: Vec<ValuesRow>,
    comparison: Option<ChartView>,
    series_charts: Vec<ChartView>,
    /// Too many areas for small multiples: each trend chart is on its area's page.
    trends_elsewhere: bool,
    /// The "compare areas" control (shown by `static/compare.js`).
    compare: Option<crate::render::compare::CompareView>,
}

/// `dimension.html`.
#[derive(Serialize)]
struct DimensionContext {
    summary: String,
    indicators: Vec<Definition>,
}

/// `methodology.html`.
#[derive(Serialize)]
struct MethodologyContext {
    groups: Vec<DimensionGroup<Definition>>,
    /// "Level 3: not confirmed", one per level.
    levels: Vec<String>,
    legend: Vec<LegendGroup>,
}

/// `about.html`.
#[derive(Serialize)]
struct AboutContext {
    sources: Vec<String>,
}

/// `404.html`, which speaks both languages.
#[derive(Serialize)]
struct NotFoundContext<'a> {
    t_en: &'a tera::Value,
    home_en: String,
}
