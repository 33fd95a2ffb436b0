//! The data behind an indicator page's "compare areas" control: every area's series of the
//! indicator and the programme's mean, as JSON inside the page for `static/compare.js`.
//!
//! Provinces are compared through their areas: the choices are grouped by province, and a
//! province with several areas has a box that chooses them all (`?provinces=` in an address
//! does the same). An indicator has no province-level value to draw — whether a province's
//! figure is the sum or the mean of its areas' depends on the indicator, and the data do not
//! say — so the chart never invents one.
//!
//! The page is whole without it: the server-drawn charts and the values table (each area linked)
//! stay as they are, and the control's section is `hidden` until the script shows it. The script
//! draws only from this data and the ids in it; it checks every id it reads from the address
//! against them, so nothing from the address reaches the page but a known area's name.

use serde::Serialize;

use crate::data::{Indicator, Lang, ValueStatus};
use crate::i18n::format;
use crate::render::Renderer;

/// The compare section of an indicator page.
#[derive(Serialize)]
pub struct CompareView {
    /// The areas to choose from, grouped by province, in the page language's order.
    pub groups: Vec<Group>,
    /// [`CompareData`] as JSON, safe inside `<script type="application/json">`.
    pub json: String,
}

/// One province's areas among the choices.
#[derive(Serialize)]
pub struct Group {
    /// ISO code (`TH-21`), the value of the province's box.
    pub code: String,
    pub name: String,
    pub areas: Vec<Choice>,
}

#[derive(Serialize)]
pub struct Choice {
    pub id: String,
    pub name: String,
    /// The province's name, for an area alone in its group whose name does not say it.
    pub province: Option<String>,
}

#[derive(Serialize)]
struct ProvinceAreas<'a> {
    code: &'a str,
    areas: Vec<&'a str>,
}

#[derive(Serialize)]
struct CompareData<'a> {
    lang: &'static str,
    title: &'a str,
    unit: &'a str,
    decimals: u8,
    /// The fiscal years' labels (B.E. on Thai pages), one per column.
    years: Vec<String>,
    /// The mean of the areas with a value, per year (`null` where none has one).
    mean: Vec<Option<f64>>,
    /// How many areas each year's mean is over.
    mean_n: Vec<usize>,
    target: Option<f64>,
    areas: Vec<Series>,
    /// Each province's areas (those with a value), for the province boxes and `?provinces=`.
    provinces: Vec<ProvinceAreas<'a>>,
}

#[derive(Serialize)]
struct Series {
    id: String,
    #[serde(skip)]
    province: String,
    /// The province's name, when the area's own name does not say it.
    #[serde(skip)]
    unsaid_province: Option<String>,
    name: String,
    /// The name as the chart, legend and table give it: with its province when the name does
    /// not say it ("Amphoe Sadao (Songkhla)").
    label: String,
    values: Vec<Option<f64>>,
    /// Per value: `""` final, `"p"` provisional, `"e"` estimated (marked as the values table
    /// and the server-drawn charts mark them).
    marks: Vec<&'static str>,
}

/// Most series the chart shows besides the mean: beyond six, lines cannot be told apart.
pub const MAX_AREAS: usize = 6;

impl Renderer<'_> {
    /// The compare section for `indicator`, or `None` when fewer than two areas have values.
    pub(crate) fn compare_view(
        &self,
        lang: Lang,
        indicator: &Indicator,
        years: &std::collections::BTreeSet<i32>,
    ) -> Option<CompareView> {
        let data = &self.site.data;
        let mut areas: Vec<Series> = (data.areas.iter())
            .filter_map(|area| {
                let series = data.series(&area.id, &indicator.id);
                let found: Vec<Option<&crate::data::Observation>> = (years.iter())
                    .map(|&y| series.iter().find(|o| o.year == y))
                    .collect();
                let values: Vec<Option<f64>> = (found.iter())
                    .map(|o| o.and_then(|o| o.value).filter(|v| v.is_finite()))
                    .collect();
                let marks = (found.iter())
                    .map(|o| match o.map(|o| o.status) {
                        Some(ValueStatus::Provisional) => "p",
                        Some(ValueStatus::Estimated) => "e",
                        _ => "",
                    })
                    .collect();
                let name = area.name.get(lang);
                let unsaid_province = (data.province(&area.province_code))
                    .map(|p| p.name.get(lang))
                    .filter(|p| !name.contains(p));
                let label = match unsaid_province {
                    Some(p) => format!("{name} ({p})"),
                    None => name.to_string(),
                };
                values.iter().any(Option::is_some).then(|| Series {
                    id: area.id.clone(),
                    province: area.province_code.clone(),
                    unsaid_province: unsaid_province.map(str::to_string),
                    name: name.to_string(),
                    label,
                    values,
                    marks,
                })
            })
            .collect();
        if areas.len() < 2 {
            return None;
        }
        self.collators.sort_by_name(lang, &mut areas, |s| &s.name);
        let columns = years.len();
        let mut mean = Vec::with_capacity(columns);
        let mut mean_n = Vec::with_capacity(columns);
        for column in 0..columns {
            let values: Vec<f64> = areas.iter().filter_map(|a| a.values[column]).collect();
            mean_n.push(values.len());
            mean.push(
                (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
            );
        }
        let mut provinces: Vec<&crate::data::Province> = (data.provinces.iter())
            .filter(|p| areas.iter().any(|a| a.province == p.code))
            .collect();
        self.collators
            .sort_by_name(lang, &mut provinces, |p| p.name.get(lang));
        let groups: Vec<Group> = (provinces.iter())
            .map(|p| {
                let mine: Vec<&Series> = areas.iter().filter(|a| a.province == p.code).collect();
                // A group of several is headed by its province; an area alone is not.
                let alone = mine.len() == 1;
                Group {
                    code: p.code.clone(),
                    name: p.name.get(lang).to_string(),
                    areas: (mine.iter())
                        .map(|a| Choice {
                            id: a.id.clone(),
                            name: a.name.clone(),
                            province: a.unsaid_province.clone().filter(|_| alone),
                        })
                        .collect(),
                }
            })
            .collect();
        let compare = CompareData {
            lang: lang.code(),
            title: indicator.name.get(lang),
            unit: indicator.unit.get(lang),
            decimals: indicator.decimals,
            years: years
                .iter()
                .map(|&y| format::fiscal_year_short(lang, y))
                .collect(),
            mean,
            mean_n,
            target: indicator.target.as_ref().map(|t| t.value),
            provinces: (groups.iter())
                .map(|g| ProvinceAreas {
                    code: &g.code,
                    areas: g.areas.iter().map(|a| a.id.as_str()).collect(),
                })
                .collect(),
            areas,
        };
        let json = serde_json::to_string(&compare).ok()?;
        Some(CompareView {
            // Inside a script element only `</script` (and `<!--`) could end it early.
            json: json.replace('<', "\\u003c"),
            groups,
        })
    }
}
