//! The "material flows and symbiosis" section of an area's page: the Sankey diagram of its
//! latest year with flows (earlier years folded below), the symbiosis links of that year, the
//! tonnes by material category against the year before, and the water and energy exchanged
//! (never in the diagram: one diagram, one unit).
//!
//! Every figure is the loaded data's, formatted for the page's language; nothing here adds
//! quantities of different units.

use serde::Serialize;

use super::Renderer;
use super::charts::{ChartView, view};
use crate::data::flows::{Flow, Unit};
use crate::data::{Area, Lang};
use crate::i18n::format;

/// What `area.html` shows of an area's flows.
#[derive(Debug, Serialize)]
pub struct AreaFlows {
    /// The latest fiscal year with flows, as the page writes years.
    year: String,
    chart: Option<ChartView>,
    /// The earlier years' diagrams, newest first.
    earlier: Vec<(String, ChartView)>,
    links: Vec<LinkRow>,
    /// Tonnes by material category: this year, the year before, the change.
    totals: Vec<TotalRow>,
    previous_year: Option<String>,
    /// Water and energy flows of the year, each in its own unit.
    other_units: Vec<FlowRow>,
}

#[derive(Debug, Serialize)]
struct LinkRow {
    from: String,
    to: String,
    material: String,
    kind: String,
    quantity: String,
    pairs: String,
    diverted: String,
    co2e: String,
}

#[derive(Debug, Serialize)]
struct TotalRow {
    category: String,
    now: String,
    before: String,
    change: String,
}

#[derive(Debug, Serialize)]
struct FlowRow {
    from: String,
    to: String,
    material: String,
    quantity: String,
}

impl Renderer<'_> {
    /// The flows section of `area`'s page, or `None` when the area has no flows.
    pub fn area_flows(&self, lang: Lang, area: &Area) -> Option<AreaFlows> {
        let flows = &self.site.data.flows;
        let years = flows.years_of(&area.id);
        let &latest = years.last()?;
        let set = &self.charts[lang as usize];
        let chart_of = |y: i32| {
            set.flows
                .get(&(area.id.clone(), y))
                .map(|c| view(c, "flows"))
        };
        let name = |id: &str| {
            flows
                .node(id)
                .map_or(id.to_string(), |n| n.name.get(lang).into())
        };
        let material =
            |id: &str| (flows.material(id)).map_or(id.to_string(), |m| m.name.get(lang).into());
        let quantity = |f: &Flow| {
            format!(
                "{} {}",
                format::number(f.quantity, 0),
                self.unit_word(lang, f.unit)
            )
        };
        let dash = || "—".to_string();
        let amount = |v: Option<f64>| v.map_or_else(dash, |v| format::number(v, 0));
        let links = (flows.links_of(&area.id, latest).iter())
            .map(|l| LinkRow {
                from: name(&l.source),
                to: name(&l.target),
                material: material(&l.material),
                kind: self.t(lang, &format!("link_kind_{}", l.kind.replace('-', "_"))),
                quantity: flows.flow_of(l).map_or_else(dash, quantity),
                pairs: format::integer(i64::from(l.pairs)),
                diverted: amount(l.landfill_diverted_t),
                co2e: amount(l.co2e_avoided_t),
            })
            .collect();
        let previous = years.iter().rev().nth(1).copied();
        let tonnes = |year: i32, category: &str| -> f64 {
            (flows.of(&area.id, year).iter())
                .filter(|f| f.unit == Unit::Tonnes)
                .filter(|f| {
                    flows
                        .material(&f.material)
                        .is_some_and(|m| m.category == category)
                })
                .map(|f| f.quantity)
                .sum()
        };
        let totals = crate::data::contract::MATERIAL_CATEGORIES
            .iter()
            .filter(|c| !matches!(**c, "energy" | "water"))
            .filter_map(|c| {
                let now = tonnes(latest, c);
                let before = previous.map(|y| tonnes(y, c));
                if now == 0.0 && before.unwrap_or(0.0) == 0.0 {
                    return None;
                }
                let unit = self.t(lang, "flow_unit_tonnes");
                Some(TotalRow {
                    category: self.t(lang, &format!("flow_category_{}", c.replace('-', "_"))),
                    now: format!("{} {unit}", format::number(now, 0)),
                    before: before
                        .map_or_else(dash, |b| format!("{} {unit}", format::number(b, 0))),
                    change: format::change(before, Some(now)),
                })
            })
            .collect();
        let other_units = (flows.of(&area.id, latest).iter())
            .filter(|f| f.unit != Unit::Tonnes)
            .map(|f| FlowRow {
                from: name(&f.source),
                to: name(&f.target),
                material: material(&f.material),
                quantity: quantity(f),
            })
            .collect();
        Some(AreaFlows {
            year: format::fiscal_year(lang, latest),
            chart: chart_of(latest),
            earlier: (years.iter().rev().skip(1))
                .filter_map(|&y| Some((format::fiscal_year(lang, y), chart_of(y)?)))
                .collect(),
            links,
            totals,
            previous_year: previous.map(|y| format::fiscal_year(lang, y)),
            other_units,
        })
    }

    /// A flow unit as the page's language writes it.
    fn unit_word(&self, lang: Lang, unit: Unit) -> String {
        let key = match unit {
            Unit::Tonnes => "flow_unit_tonnes",
            Unit::CubicMetres => "flow_unit_m3",
            Unit::Mwh => "flow_unit_mwh",
            Unit::Gj => "flow_unit_gj",
        };
        self.t(lang, key)
    }
}

/// `symbiosis.html`: the programme's material flows and symbiosis, year by year and area by area.
#[derive(Debug, Serialize)]
pub struct SymbiosisContext {
    /// Programme totals per fiscal year, oldest first.
    years: Vec<YearRow>,
    /// The latest year's figures per area, most tonnes exchanged first.
    areas: Vec<AreaRank>,
    latest_year: String,
}

#[derive(Debug, Serialize)]
struct YearRow {
    year: String,
    areas: String,
    pairs: String,
    exchanged: String,
    diverted: String,
    co2e: String,
}

#[derive(Debug, Serialize)]
struct AreaRank {
    name: String,
    url: String,
    exchanged: String,
    pairs: String,
    kept: String,
}

impl Renderer<'_> {
    /// The programme page of material flows and symbiosis.
    pub fn symbiosis_page(&self, lang: Lang) -> super::Page {
        let crumbs = vec![crate::render::view::Link {
            name: self.t(lang, "nav_home"),
            url: crate::urls::home(lang),
        }];
        let mut page = self.page_shell(
            lang,
            crate::urls::page(lang, "symbiosis"),
            "symbiosis.html",
            &self.t(lang, "symbiosis_title"),
            self.t(lang, "symbiosis_lead"),
            crumbs,
        );
        if let Some(context) = self.symbiosis_context(lang) {
            page.add(&context);
        }
        page
    }

    /// The programme page's figures, or `None` when the site has no flows.
    pub fn symbiosis_context(&self, lang: Lang) -> Option<SymbiosisContext> {
        let data = &self.site.data;
        let flows = &data.flows;
        let years = flows.years();
        let &latest = years.last()?;
        let with_flows = |year: i32| -> Vec<&Area> {
            (data.areas.iter())
                .filter(|a| !flows.of(&a.id, year).is_empty())
                .collect()
        };
        let total = |year: i32, measure: &str| -> f64 {
            (with_flows(year).iter())
                .filter_map(|a| flows.measure(measure, &a.id, year))
                .sum()
        };
        let tonnes = |v: f64| format::number(v, 0);
        let rows = years
            .iter()
            .map(|&y| YearRow {
                year: format::fiscal_year(lang, y),
                areas: format::integer(with_flows(y).len() as i64),
                pairs: tonnes(total(y, "symbiosis-links")),
                exchanged: tonnes(total(y, "exchanged-tonnes")),
                diverted: tonnes(total(y, "landfill-diverted")),
                co2e: tonnes(total(y, "co2e-avoided")),
            })
            .collect();
        let mut ranked: Vec<(f64, &Area)> = (with_flows(latest).into_iter())
            .map(|a| {
                (
                    flows
                        .measure("exchanged-tonnes", &a.id, latest)
                        .unwrap_or(0.0),
                    a,
                )
            })
            .collect();
        // Most exchanged first; the area's order in its file among equals.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let areas = ranked
            .into_iter()
            .map(|(exchanged, a)| AreaRank {
                name: a.name.get(lang).to_string(),
                url: format!("{}#flows-heading", crate::urls::area(lang, &a.id)),
                exchanged: tonnes(exchanged),
                pairs: tonnes(
                    flows
                        .measure("symbiosis-links", &a.id, latest)
                        .unwrap_or(0.0),
                ),
                kept: (flows.kept_in_area(&a.id, latest))
                    .map_or("—".into(), |(kept, all)| format::percent(kept / all)),
            })
            .collect();
        Some(SymbiosisContext {
            years: rows,
            areas,
            latest_year: format::fiscal_year(lang, latest),
        })
    }
}

/// The brief's short block on a province's material flows: the latest year's totals in a
/// sentence, and its largest exchanges with their benefit.
#[derive(Debug, Serialize)]
pub struct BriefExchanges {
    summary: String,
    top: Vec<String>,
}

/// How many exchanges a brief names: one line in the factories section, so that the brief stays
/// within its two pages.
const BRIEF_EXCHANGES: usize = 1;

impl Renderer<'_> {
    pub fn brief_exchanges(&self, lang: Lang, areas: &[&Area]) -> Option<BriefExchanges> {
        let flows = &self.site.data.flows;
        let year = (areas.iter())
            .filter_map(|a| flows.years_of(&a.id).last().copied())
            .max()?;
        let sum = |measure: &str| -> f64 {
            (areas.iter())
                .filter_map(|a| flows.measure(measure, &a.id, year))
                .sum()
        };
        let unit = self.t(lang, "flow_unit_tonnes");
        let summary = self.fill(
            lang,
            "brief_exchanges_summary",
            &[
                ("year", &format::fiscal_year(lang, year)),
                (
                    "tonnes",
                    &format!("{} {unit}", format::number(sum("exchanged-tonnes"), 0)),
                ),
                ("pairs", &format::number(sum("symbiosis-links"), 0)),
                (
                    "diverted",
                    &format!("{} {unit}", format::number(sum("landfill-diverted"), 0)),
                ),
            ],
        );
        let mut links: Vec<(f64, &crate::data::flows::Link)> = (areas.iter())
            .flat_map(|a| flows.links_of(&a.id, year))
            .filter_map(|l| {
                let flow = flows.flow_of(l)?;
                (flow.unit == Unit::Tonnes).then_some((flow.quantity, l))
            })
            .collect();
        links.sort_by(|a, b| b.0.total_cmp(&a.0));
        let name = |id: &str| {
            flows
                .node(id)
                .map_or(id.to_string(), |n| n.name.get(lang).into())
        };
        let top = (links.into_iter().take(BRIEF_EXCHANGES))
            .map(|(quantity, l)| {
                let material = (flows.material(&l.material))
                    .map_or(l.material.clone(), |m| m.name.get(lang).to_string());
                self.fill(
                    lang,
                    "brief_exchange",
                    &[
                        ("material", &material),
                        ("from", &name(&l.source)),
                        ("to", &name(&l.target)),
                        ("tonnes", &format!("{} {unit}", format::number(quantity, 0))),
                        ("pairs", &format::integer(i64::from(l.pairs))),
                    ],
                )
            })
            .collect();
        Some(BriefExchanges { summary, top })
    }
}
