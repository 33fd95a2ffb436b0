//! Charts: accessible, Thai-correct SVG charts drawn with plotters, and a province map.
//!
//! Each function returns a [`Chart`]: inline SVG for the page, the same numbers as a [`Table`]
//! (shown next to the chart, for screen readers and for readers who want the figures) and as CSV
//! (for download). The SVG carries `role`, `<title>` and `<desc>` (the trend in words), scales
//! with its container (`viewBox`, `width="100%"`), has no external references, and is the same
//! bytes for the same input.
//!
//! plotters draws axes, grid lines, bars and series. Text is measured with the site's font and
//! emitted as SVG `<text>` for the browser to shape (see [`text`]); Thai labels wrap at
//! dictionary word boundaries. Thai charts show Buddhist-era years, English charts C.E. fiscal
//! years. Interface words come from the site's strings (`templates/i18n/*.toml`); [`KEYS`] lists
//! the keys the charts use.
//!
//! - [`time_series`]: an indicator in one area over fiscal years, with target and base year.
//! - [`comparison`]: the latest value of an indicator in every area, best first.
//! - [`factory_progress`], [`factory_history`]: factories upgraded vs remaining.
//! - [`level_history`]: an area's eco-town level by fiscal year.
//! - [`province_map`]: the 77 provinces, target provinces shaded by share upgraded.
//! - [`material_flows`]: an area's material flows in a year, as a Sankey diagram with loops.

mod bars;
pub mod compact;
mod factories;
mod layout;
mod legend;
mod levels;
mod map;
pub mod marks;
pub mod palette;
mod plot;
pub mod raster;
mod sankey;
mod series;
pub mod svg;
mod table;
pub mod text;
mod topojson;

use serde::Serialize;

use crate::data::Lang;
use crate::i18n::Strings;

pub use bars::{comparison, comparison_desc};
pub use factories::{ChartPlace, factory_history, factory_progress};
pub use levels::level_history;
pub use map::{MapProvince, province_map};
pub use sankey::material_flows;
pub use series::{Frame, time_series, time_series_over};
pub use svg::TextBox;
pub use text::{measure, wrap};

/// Phone first: every chart is laid out for the width a phone gives it (a 360 px screen less the
/// page margins shows it about 328 px wide) and only scaled up, a little, on wider screens
/// (`svg.chart` has a `max-width` in the stylesheet). One layout rather than a narrow and a wide
/// variant: the same bytes serve every screen, and the text sizes below are what a reader sees,
/// give or take 5 % on a phone. [`MIN_TEXT`] at 328/340 is 12 CSS px, above the 11 px floor the
/// browser test (`tests/suite/browser.rs`) holds every chart to at 360 and 1280 px.
pub const PHONE_WIDTH: f64 = 340.0;
/// Body text of a chart (labels, values).
pub const TEXT: f64 = 13.5;
/// The smallest text any chart draws (units, ticks, legends, notes, the map's attribution).
pub const MIN_TEXT: f64 = 12.5;

/// How large a time-series chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// Small multiples on an area or indicator page, one per indicator or area (320 × 200): the
    /// grid they sit in never makes a column narrower than 320 px.
    Compact,
    /// The indicator page's main chart ([`PHONE_WIDTH`] × 260).
    Full,
}

/// A finished chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable and unique per chart and language, e.g. `ts-rayong-map-ta-phut-energy-intensity-th`;
    /// the SVG's `<title>` and `<desc>` ids are `{id}-title` and `{id}-desc`.
    pub id: String,
    pub title: String,
    /// The chart's message in words (trend, target, gaps, provisional values).
    pub desc: String,
    /// Inline SVG (no XML declaration, no fixed size).
    pub svg: String,
    /// The same figures, formatted for the page's language.
    pub table: Table,
    /// The figures as CSV: UTF-8 with a byte-order mark (so Excel reads Thai), a header row and
    /// raw numbers; Thai charts add a Buddhist-era year column.
    pub csv: String,
    /// The `viewBox` size in pixels (the chart's natural size; it scales with its container).
    pub width: u32,
    pub height: u32,
    /// Every text line in the SVG with its measured width and the box it was given.
    pub boxes: Vec<TextBox>,
}

/// What a chart says besides its drawing, which every kind of chart works out before drawing:
/// [`svg::Canvas::into_chart`] puts the two together.
pub struct About {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub table: Table,
    pub csv: String,
}

/// A chart's data as a table for the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Table {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Chart {
    /// The SVG as a standalone file: with the SVG namespace, its natural size, and a `<style>`
    /// giving text the site's font stack (no `@font-face`: a standalone file cannot load the
    /// page's fonts, so readers see their installed Noto or sans-serif fonts), and the language
    /// of its text (`xml:lang`; inline, the chart inherits the page's `lang`).
    pub fn standalone_svg(&self, lang: Lang) -> String {
        let Some(end) = self.svg.find('>') else {
            return self.svg.clone();
        };
        let opening = self.svg[..end]
            .replacen(
                "<svg ",
                &format!(
                    r#"<svg xmlns="http://www.w3.org/2000/svg" xml:lang="{}" "#,
                    lang.code()
                ),
                1,
            )
            .replacen(
                r#"width="100%""#,
                &format!(r#"width="{}" height="{}""#, self.width, self.height),
                1,
            );
        let style = "<style>text{font-family:\"Ecotown Sans\",\"Noto Sans Thai\",\"Noto Sans\",sans-serif}</style>";
        format!("{opening}>\n{style}{}", &self.svg[end + 1..])
    }
}

/// Problems with a chart's text: a label wider than its box, a label outside the chart, or two
/// labels overlapping. Empty when every label fits.
pub fn check_labels(chart: &Chart) -> Vec<String> {
    let bounds = svg::Rect::new(0.0, 0.0, f64::from(chart.width), f64::from(chart.height));
    let mut problems = Vec::new();
    for b in &chart.boxes {
        if b.measured > b.max_width + 0.5 {
            problems.push(format!(
                "{}: '{}' is {:.1}px wide in a {:.1}px box",
                chart.id, b.text, b.measured, b.max_width
            ));
        }
        if !b.ink().inside(&bounds) {
            problems.push(format!(
                "{}: '{}' reaches outside the chart",
                chart.id, b.text
            ));
        }
    }
    for (i, a) in chart.boxes.iter().enumerate() {
        for b in &chart.boxes[i + 1..] {
            if a.ink().overlap(&b.ink()) > 1.0 {
                problems.push(format!("{}: '{}' overlaps '{}'", chart.id, a.text, b.text));
            }
        }
    }
    problems
}

/// The strings keys the charts use (besides shared ones such as `status_final`).
pub const KEYS: &[&str] = &[
    "chart_base_year",
    "chart_comparison_desc",
    "chart_comparison_target",
    "chart_comparison_title",
    "chart_estimated_years",
    "chart_factory_history_desc",
    "chart_factory_history_title",
    "chart_factory_progress_desc",
    "chart_factory_progress_range",
    "chart_factory_progress_title",
    "chart_flows_exchanged",
    "chart_flows_kept",
    "chart_flows_title",
    "chart_gap_years",
    "chart_level_desc",
    "chart_level_single",
    "chart_level_title",
    "chart_map_desc",
    "chart_map_legend",
    "chart_map_no_data",
    "chart_map_other",
    "chart_map_province",
    "chart_map_title",
    "chart_no_data",
    "chart_note",
    "chart_provisional_areas",
    "chart_provisional_years",
    "chart_remaining",
    "chart_series_title",
    "chart_share_upgraded",
    "chart_target",
    "chart_trend_fell",
    "chart_trend_flat",
    "chart_trend_rose",
    "chart_trend_single",
    "chart_trend_target",
    "chart_unit",
    "chart_upgraded",
    "chart_value",
    "col_area",
    "col_factories_remaining",
    "col_factories_total",
    "col_factories_upgraded",
    "col_flow_from",
    "col_flow_to",
    "col_level",
    "col_material",
    "col_province",
    "col_quantity",
    "col_status",
    "col_year",
    "flow_category_by_product",
    "flow_category_product",
    "flow_category_waste",
    "flow_returns",
    "flow_unit_tonnes",
    "level_number",
    "status_estimated",
    "status_final",
    "status_missing",
    "status_provisional",
];

/// Interface words in one language.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    pub lang: Lang,
    strings: &'a Strings,
}

impl<'a> Words<'a> {
    pub fn new(lang: Lang, strings: &'a Strings) -> Self {
        Words { lang, strings }
    }

    pub fn get(&self, key: &'a str) -> &'a str {
        self.strings.text(self.lang, key)
    }

    /// The text of `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &'a str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Joins clauses into one description: Thai separates clauses with a space, English with
    /// "; " and starts with a capital and ends with a full stop.
    pub fn sentence(&self, clauses: &[String]) -> String {
        let clauses: Vec<&str> = clauses
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        match self.lang {
            Lang::Th => clauses.join(" "),
            Lang::En => {
                let joined = clauses.join("; ");
                let mut chars = joined.chars();
                match chars.next() {
                    Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
                    None => joined,
                }
            }
        }
    }

    /// A list of names or years: "2560 2561 และ 2562" (Thai separates items with spaces) or
    /// "FY2017, FY2018 and FY2019".
    pub fn list(&self, items: &[String]) -> String {
        let (separator, and) = match self.lang {
            Lang::Th => (" ", " และ "),
            Lang::En => (", ", " and "),
        };
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{}{and}{last}", init.join(separator)),
        }
    }
}

/// A chart id from parts: lower-case ASCII letters, digits and hyphens only.
pub(crate) fn chart_id(parts: &[&str]) -> String {
    let joined = parts.join("-").to_ascii_lowercase();
    let mut id = String::with_capacity(joined.len());
    for c in joined.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && id.ends_with('-')) {
            id.push(c);
        }
    }
    id.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_clean() {
        assert_eq!(
            chart_id(&["ts", "Rayong Map_Ta", "x", "th"]),
            "ts-rayong-map-ta-x-th"
        );
    }

    #[test]
    fn words_fill_and_join() {
        let mut strings = Strings::default();
        strings
            .en
            .insert("k".into(), "fell from {from} to {to}".into());
        let w = Words::new(Lang::En, &strings);
        assert_eq!(
            w.fill("k", &[("from", "812"), ("to", "655")]),
            "fell from 812 to 655"
        );
        assert_eq!(
            w.sentence(&["fell".into(), "".into(), "target 600".into()]),
            "Fell; target 600."
        );
        assert_eq!(w.list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(
            Words::new(Lang::Th, &strings).sentence(&["ก".into(), "ข".into()]),
            "ก ข"
        );
    }
}
