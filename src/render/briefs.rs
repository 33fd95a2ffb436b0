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

use crate::charts;
use crate::content::NarrativeKey;
use crate::data::{Area, Lang, Province};
use crate::i18n::format;
use crate::progress::SeriesProgress;
use crate::progress::significance::{self, Reason};
use crate::render::charts::{ChartView, view_titled};
use crate::render::progress::{PaceView, StatusView, SummaryOf, SummaryView, value_in_year};
use crate::render::view::Factories;
use crate::render::{Page, Renderer};
use crate::site::Site;
use crate::urls;

/// Rows of key indicators a brief shows: with the rest of the brief this fits two A4 pages at
/// 10 pt for every province of the sample, in both languages (tested).
pub const KEY_ROWS: usize = 12;
/// Rows kept for improvements whenever there are any, however much needs attention: a brief that
/// only lists what goes wrong misleads as much as one that only lists what goes right.
pub const IMPROVING_ROWS: usize = 2;
/// Improvements shown at most, when little needs attention.
pub const IMPROVING_MAX: usize = 4;

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
    /// Rank among the provinces of the headline factory figures, largest first.
    ranks: Option<Ranks>,
    /// The key indicators by why they are shown (pinned, attention, improving).
    groups: Vec<BriefGroup>,
    /// "N more series need attention", when the rows could not hold them all.
    more: Option<String>,
    /// Whether the rows name the area (the province has several).
    several_areas: bool,
    sources: Vec<String>,
    contact: Option<ContactView>,
    /// The QR code of `address`, as inline SVG.
    qr: Option<String>,
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
struct Ranks {
    total: String,
    upgraded: String,
    percent: String,
}

#[derive(Debug, Serialize)]
struct ContactView {
    office: String,
    phone: Option<String>,
    email: Option<String>,
}

/// The key indicators shown for one reason.
#[derive(Debug, Serialize)]
struct BriefGroup {
    /// `pinned`, `attention` or `improving`: the heading's key and the ids of the header cells.
    id: &'static str,
    heading: String,
    rows: Vec<BriefRow>,
}

/// One series: an indicator in one area, base → latest, change, status and its last five years.
#[derive(Debug, Serialize)]
struct BriefRow {
    /// Unique in the brief, for the header ids: indicator and area.
    id: String,
    name: String,
    /// The area, when the province has several.
    area: Option<String>,
    unit: String,
    direction: &'static str,
    target: Option<String>,
    sparkline: Option<String>,
    base: String,
    latest: String,
    /// `provisional` or `estimated` when the latest value is not final.
    latest_status: Option<&'static str>,
    change: String,
    status: StatusView,
    /// The other areas where the indicator falls in the same band, with their values.
    also: Option<String>,
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
        let pinned: Vec<String> = site
            .content
            .get(&key, lang)
            .map(|n| n.brief_indicators.iter().map(|p| p.id.clone()).collect())
            .unwrap_or_default();
        let narrative = self.narrative(&key, lang);
        let several_areas = areas.len() > 1;
        let (picks, left_out) = self.key_picks(areas, &pinned);
        let name = province.name.get(lang);
        let address = format!(
            "{}{}",
            site.config.base_url,
            urls::pretty(&urls::province(lang, &province.code))
        );
        BriefView {
            name: name.to_string(),
            name_other: province.name.get(lang.other()).to_string(),
            fiscal_year: factories.as_ref().map(|f| f.year.clone()),
            qr: charts::marks::qr_code(&address, &address),
            address,
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
                .map(|c| {
                    view_titled(
                        c,
                        "factories",
                        &self.t(lang, "chart_factory_progress_title"),
                    )
                }),
            narrative_lang: narrative.as_ref().map_or(lang.code(), |n| n.lang),
            narrative_fallback: narrative.as_ref().is_some_and(|n| n.fallback),
            narrative: narrative.map(|n| n.brief.unwrap_or(n.html)),
            ranks: self.ranks(lang, &province.code),
            groups: self.brief_groups(lang, &picks, several_areas),
            more: (left_out > 0).then(|| {
                self.fill(
                    lang,
                    "brief_more",
                    &[("count", &format::integer(left_out as i64))],
                )
            }),
            several_areas,
            sources: self.brief_sources(lang, &picks),
            contact: self.contact(lang),
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

    /// The key indicators by the significance rule ([`significance::rank`]) over every series of
    /// the province's areas, pinned ones (`brief_indicators` in the narrative) first: up to
    /// [`KEY_ROWS`] rows, keeping [`IMPROVING_ROWS`] for improvements. The picks, grouped by
    /// reason, and how many series needing attention did not fit.
    fn key_picks<'a>(
        &'a self,
        areas: &[&Area],
        pinned: &[String],
    ) -> (Vec<significance::Pick<'a>>, usize) {
        let progress = &self.site.progress;
        let series: Vec<&SeriesProgress> = areas
            .iter()
            .flat_map(|a| progress.series_of_area(&a.id))
            .collect();
        let ranked = significance::rank(&series, pinned);
        let count = |reason| ranked.iter().filter(|p| p.reason == reason).count();
        let pinned_rows = count(Reason::Pinned).min(KEY_ROWS);
        let improving = count(Reason::Improving);
        let room = KEY_ROWS - pinned_rows;
        let attention =
            count(Reason::Attention).min(room.saturating_sub(improving.min(IMPROVING_ROWS)));
        let improving = improving.min(room - attention).min(IMPROVING_MAX);
        let mut taken = (0, 0, 0);
        let picks = ranked
            .into_iter()
            .filter(|p| {
                let (n, max) = match p.reason {
                    Reason::Pinned => (&mut taken.0, pinned_rows),
                    Reason::Attention => (&mut taken.1, attention),
                    Reason::Improving => (&mut taken.2, improving),
                };
                *n += 1;
                *n <= max
            })
            .collect();
        (picks, taken.1.saturating_sub(attention))
    }

    fn brief_groups(
        &self,
        lang: Lang,
        picks: &[significance::Pick],
        several_areas: bool,
    ) -> Vec<BriefGroup> {
        [
            (Reason::Pinned, "pinned"),
            (Reason::Attention, "attention"),
            (Reason::Improving, "improving"),
        ]
        .into_iter()
        .map(|(reason, id)| BriefGroup {
            id,
            heading: self.t(lang, &format!("brief_group_{id}")),
            rows: picks
                .iter()
                .filter(|p| p.reason == reason)
                .filter_map(|p| self.brief_row(lang, p, several_areas))
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
    }

    /// Base and latest values as the progress calculation used them (so the change agrees with
    /// the status beside it), and the last five years with a value as a sparkline.
    fn brief_row(
        &self,
        lang: Lang,
        pick: &significance::Pick,
        several_areas: bool,
    ) -> Option<BriefRow> {
        let progress = pick.series;
        let data = &self.site.data;
        let indicator = data.indicator(&progress.indicator_id)?;
        let area = data.area(&progress.area_id)?;
        let series = data.series(&area.id, &indicator.id);
        let base = progress.base_year.zip(progress.base_value);
        let latest = progress
            .current_year
            .zip(progress.current_value)
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
        let mut points: Vec<(i32, f64)> = series
            .iter()
            .filter_map(|o| Some((o.year, o.value?)))
            .collect();
        points.drain(..points.len().saturating_sub(5));
        let name = indicator.name.get(lang);
        let label = format!(
            "{}{}: {}",
            name,
            match several_areas {
                true => format!(" ({})", area.name.get(lang)),
                false => String::new(),
            },
            points
                .iter()
                .map(|(y, v)| shown(Some((*y, *v))))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Some(BriefRow {
            id: format!("{}-{}", indicator.id, area.id),
            name: name.to_string(),
            area: several_areas.then(|| area.name.get(lang).to_string()),
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
            sparkline: charts::marks::sparkline(&points, &label)
                .map(|svg| super::charts::recoloured(self.site, svg)),
            base: shown(base),
            latest: shown(latest),
            latest_status,
            change: self.change_text(lang, indicator, base.map(|b| b.1), latest.map(|l| l.1)),
            status: self.series_status_view(lang, progress, None),
            also: (!pick.also.is_empty()).then(|| {
                let areas: Vec<String> = pick
                    .also
                    .iter()
                    .filter_map(|s| {
                        let area = data.area(&s.area_id)?;
                        let point = |v: Option<f64>| {
                            v.map_or("—".to_string(), |v| format::number(v, indicator.decimals))
                        };
                        // With its own status where it differs from the row's: "also needs
                        // attention" may be a target at risk that is improving, too slowly.
                        // No-break spaces: "(71.4 → 66.9)" never splits across lines.
                        let values = format!(
                            "{}\u{a0}→\u{a0}{}",
                            point(s.base_value),
                            point(s.current_value)
                        );
                        let status = self.series_status_view(lang, s, None);
                        let same = s.status == progress.status && s.basis() == progress.basis();
                        Some(match same {
                            true => format!("{} ({values})", area.name.get(lang)),
                            false => format!(
                                "{} ({values}, {} {})",
                                area.name.get(lang),
                                status.icon,
                                status.label
                            ),
                        })
                    })
                    .collect();
                self.fill(lang, "brief_also", &[("areas", &areas.join(", "))])
            }),
        })
    }

    /// Where the province stands among the provinces on each headline figure, largest first
    /// ("rank 3 of 15"); ties share a rank.
    fn ranks(&self, lang: Lang, code: &str) -> Option<Ranks> {
        let all = &self.site.progress.factories_by_province;
        let own = all.get(code)?;
        let rank = |key: &dyn Fn(&crate::progress::FactoryProgress) -> f64| {
            let above = all.values().filter(|f| key(f) > key(own)).count();
            self.fill(
                lang,
                "brief_rank",
                &[
                    ("rank", &format::integer(above as i64 + 1)),
                    ("count", &format::integer(all.len() as i64)),
                ],
            )
        };
        Some(Ranks {
            total: rank(&|f| f.total as f64),
            upgraded: rank(&|f| f.upgraded as f64),
            percent: rank(&|f| f.share),
        })
    }

    fn contact(&self, lang: Lang) -> Option<ContactView> {
        let c = self.site.config.contact.as_ref()?;
        Some(ContactView {
            office: match lang {
                Lang::Th => c.th.clone(),
                Lang::En => c.en.clone(),
            },
            phone: c.phone.clone(),
            email: c.email.clone(),
        })
    }

    /// The sources of the indicators shown, each once, in the page language's order.
    fn brief_sources(&self, lang: Lang, picks: &[significance::Pick]) -> Vec<String> {
        let data = &self.site.data;
        let mut sources: Vec<String> = picks
            .iter()
            .filter_map(|p| data.indicator(&p.series.indicator_id))
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

/// The PDF of every brief, as `build --pdf` publishes them.
pub fn pdf_paths(site: &Site) -> Vec<String> {
    briefs(site)
        .map(|(lang, p)| urls::brief_pdf(lang, &p.code))
        .collect()
}

/// One brief to print for `build --pdf`: its page and its PDF, by path in the site, its
/// language, and its title in both languages, as the page's `<title>` words it (for the PDF's
/// metadata).
pub struct ToPrint {
    pub page: String,
    pub pdf: String,
    /// The province's code, and the brief's language.
    pub province: String,
    pub lang: Lang,
    pub titles: Vec<(Lang, String)>,
}

/// Every brief to print for `build --pdf`.
pub fn print_pages(site: &Site) -> Vec<ToPrint> {
    let title = |lang: Lang, p: &Province| {
        let kind = site
            .strings
            .get(lang)
            .get("brief_kind")
            .cloned()
            .unwrap_or_default();
        format!(
            "{kind}: {} · {}",
            p.name.get(lang),
            site.config.title.get(lang)
        )
    };
    briefs(site)
        .map(|(lang, p)| ToPrint {
            page: urls::brief(lang, &p.code),
            pdf: urls::brief_pdf(lang, &p.code),
            province: p.code.clone(),
            lang,
            titles: Lang::ALL.into_iter().map(|l| (l, title(l, p))).collect(),
        })
        .collect()
}

fn briefs(site: &Site) -> impl Iterator<Item = (Lang, &Province)> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| site.data.provinces.iter().map(move |p| (lang, p)))
}
