//! What each shortcode means: `latest`, `factories` and `level`, checked against the data and
//! formatted in the narrative's language.
//!
//! The output is data text (units, notes, strings) pasted into Markdown, so it is escaped twice
//! over: HTML-special characters become entities and Markdown-special ones get a backslash, so no
//! value can ever add markup to a page. A shortcode that cannot be evaluated becomes an em dash,
//! the same mark the tables use for a missing value.

use crate::data::{Area, Dataset, Indicator, Lang, ValueStatus};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::i18n::format;
use crate::i18n::strings::strings_path;

use super::arguments::{self, Args, MEASURES};
use super::syntax::{Call, Token};
use super::{Source, nearest};

/// What a shortcode shows when it has no value.
pub const DASH: &str = "—";

/// The interface strings shortcodes use, with an example for the hint when one is missing.
pub const STRING_KEYS: [(&str, &str, &str); 6] = [
    ("status_provisional", "เบื้องต้น", "provisional"),
    ("status_estimated", "ประมาณการ", "estimated"),
    ("shortcode_level", "ระดับ {level}", "level {level}"),
    ("shortcode_tonnes", "{n} ตัน/ปี", "{n} t/yr"),
    (
        "shortcode_co2e",
        "{n} ตันคาร์บอนไดออกไซด์เทียบเท่า/ปี",
        "{n} t CO₂e/yr",
    ),
    ("shortcode_pairs", "{n} คู่โรงงาน", "{n} factory pairs"),
];

/// What shortcodes read and which language they write in.
pub struct Context<'a> {
    pub lang: Lang,
    pub data: &'a Dataset,
    pub strings: &'a Strings,
}

/// Reports a strings file that lacks a key shortcodes need. A language with no strings at all is
/// left alone: its file failed to load, which has been reported already.
pub fn check_strings(strings: &Strings, diags: &mut Diagnostics) {
    for lang in Lang::ALL {
        let map = strings.get(lang);
        for (key, th, en) in STRING_KEYS {
            if map.is_empty() || map.contains_key(key) {
                continue;
            }
            let example = if lang == Lang::Th { th } else { en };
            let file = strings_path(lang);
            diags.push(
                Diagnostic::error("missing-string", &file, format!("key '{key}' is missing"))
                    .with_value(key)
                    .with_hint(format!(
                        "add `{key} = \"{example}\"`: narratives' shortcodes use it"
                    )),
            );
        }
    }
}

/// The text for one well-formed shortcode (already escaped), or an em dash after reporting why
/// there is none.
pub fn evaluate(
    call: &Call,
    source: &Source,
    context: &Context,
    diags: &mut Diagnostics,
) -> String {
    let Some(spec) = arguments::spec(call.name.text) else {
        return DASH.to_string();
    };
    let Some(args) = arguments::check_args(spec, call, source, diags) else {
        return DASH.to_string();
    };
    let at = Place {
        call,
        source,
        args: &args,
    };
    let text = match spec.name {
        "latest" => latest(&at, context, diags),
        "factories" => factories(&at, context, diags),
        "symbiosis" => symbiosis(&at, context, diags),
        _ => level(&at, context, diags),
    };
    text.map_or_else(|| DASH.to_string(), |t| crate::escape::markdown(&t))
}

/// One shortcode call with its checked arguments, to read values and locate problems.
struct Place<'a> {
    call: &'a Call<'a>,
    source: &'a Source<'a>,
    args: &'a Args<'a>,
}

impl Place<'_> {
    /// The value of argument `key` and where it was written; the whole call if it is absent.
    fn get(&self, key: &str) -> (&str, Token<'_>) {
        let found = self.args.iter().find(|(k, _, _)| *k == key);
        found.map_or(("", self.call.whole), |(_, v, t)| (v.as_str(), *t))
    }

    fn has(&self, key: &str) -> bool {
        self.args.iter().any(|(k, _, _)| *k == key)
    }

    /// Reports `diagnostic` and gives up on this shortcode.
    fn fail<T>(&self, diags: &mut Diagnostics, diagnostic: Diagnostic) -> Option<T> {
        diags.push(diagnostic);
        None
    }

    /// A missing value: a warning at the shortcode, which shows an em dash.
    fn no_data<T>(&self, diags: &mut Diagnostics, message: String, hint: &str) -> Option<T> {
        let warning = self
            .source
            .warning("no-data", self.call.whole.offset, message)
            .with_value(self.call.whole.text)
            .with_hint(format!("{hint}; until then the page shows —"));
        self.fail(diags, warning)
    }

    /// An id that is not in `file`, with the nearest one that is.
    fn unknown_id<'i, T>(
        &self,
        diags: &mut Diagnostics,
        key: &str,
        file: &str,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Option<T> {
        let (value, token) = self.get(key);
        let hint = match nearest(value, ids) {
            Some(id) => format!("did you mean '{id}'? ids must match {file} exactly"),
            None => format!("add it to {file} first, or correct the spelling"),
        };
        let message = format!("there is no {key} '{value}' in {file}");
        let error = self
            .source
            .error("unknown-reference", token.offset, message);
        self.fail(diags, error.with_value(value).with_hint(hint))
    }
}

fn area<'d>(at: &Place, data: &'d Dataset, diags: &mut Diagnostics) -> Option<&'d Area> {
    let ids = data.areas.iter().map(|a| a.id.as_str());
    data.area(at.get("area").0)
        .or_else(|| at.unknown_id(diags, "area", "data/areas.csv", ids))
}

fn indicator<'d>(at: &Place, data: &'d Dataset, diags: &mut Diagnostics) -> Option<&'d Indicator> {
    let ids = data.indicators.iter().map(|i| i.id.as_str());
    data.indicator(at.get("indicator").0)
        .or_else(|| at.unknown_id(diags, "indicator", "data/indicators.csv", ids))
}

/// `{{ latest(area, indicator) }}`: the newest non-blank value, its unit and fiscal year.
fn latest(at: &Place, context: &Context, diags: &mut Diagnostics) -> Option<String> {
    let (data, lang) = (context.data, context.lang);
    let area = area(at, data, diags)?;
    let indicator = indicator(at, data, diags)?;
    let latest = data.latest(&area.id, &indicator.id);
    let Some((observation, value)) = latest.and_then(|o| o.value.map(|v| (o, v))) else {
        let (a, i) = (&area.id, &indicator.id);
        let hint = format!("add a value for {a} × {i} to data/observations.csv");
        return at.no_data(diags, format!("'{a}' has no value for '{i}'"), &hint);
    };
    let mut when = format::fiscal_year(lang, observation.year);
    let status_key = match observation.status {
        ValueStatus::Final => None,
        ValueStatus::Provisional => Some("status_provisional"),
        ValueStatus::Estimated => Some("status_estimated"),
    };
    if let Some(key) = status_key {
        when = format!("{when}, {}", context.strings.text(lang, key));
    }
    let number = format::number(value, indicator.decimals);
    Some(format!(
        "{} ({when})",
        with_unit(lang, &number, indicator.unit.get(lang))
    ))
}

/// A number with its unit as each language writes it: `35.0%`, `612 kWh per tonne`, and in Thai
/// `ร้อยละ 35.0` (the percentage word comes first).
fn with_unit(lang: Lang, number: &str, unit: &str) -> String {
    const PERCENT_TH: &str = "ร้อยละ";
    match unit.strip_prefix(PERCENT_TH).map(str::trim_start) {
        Some("") if lang == Lang::Th => format!("{PERCENT_TH} {number}"),
        Some(rest) if lang == Lang::Th => format!("{PERCENT_TH} {number} {rest}"),
        _ if unit.is_empty() => number.to_string(),
        _ if unit.starts_with('%') => format!("{number}{unit}"),
        _ => format!("{number} {unit}"),
    }
}

/// `{{ factories(measure, area | province) }}`: counts at the latest year, nationally by default.
fn factories(at: &Place, context: &Context, diags: &mut Diagnostics) -> Option<String> {
    let data = context.data;
    let (measure, measure_at) = at.get("measure");
    if !MEASURES.contains(&measure) {
        let list = format!("measure is one of: {}", MEASURES.join(", "));
        let hint = nearest(measure, MEASURES)
            .map_or(list.clone(), |m| format!("did you mean '{m}'? {list}"));
        let message = format!("'{measure}' is not a measure of factories");
        let error = at.source.error("unknown-value", measure_at.offset, message);
        return at.fail(diags, error.with_value(measure).with_hint(hint));
    }
    let counts = match (at.has("area"), at.has("province")) {
        (true, true) => {
            let (province, province_at) = at.get("province");
            let code = "conflicting-shortcode-arguments";
            let message = "give area or province, not both";
            let hint =
                "remove one: area=\"…\" counts one area, province=\"…\" all areas of a province";
            let error = at.source.error(code, province_at.offset, message);
            return at.fail(diags, error.with_value(province).with_hint(hint));
        }
        (true, false) => {
            let area = area(at, data, diags)?;
            let latest = data
                .factories_of(&area.id)
                .last()
                .map(|f| (f.total, f.upgraded));
            latest.or_else(|| factories_missing(at, diags, &format!("area '{}'", area.id)))?
        }
        (false, true) => province_counts(at, data, diags)?,
        (false, false) => {
            let latest = data.national_factories().values().last().copied();
            latest.or_else(|| factories_missing(at, diags, "any area"))?
        }
    };
    measure_text(at, measure, counts, diags)
}

fn factories_missing<T>(at: &Place, diags: &mut Diagnostics, whom: &str) -> Option<T> {
    let message = format!("data/factories.csv has no counts for {whom}");
    at.no_data(diags, message, "add the counts to data/factories.csv")
}

/// The sum over a province's areas, each at its latest year.
fn province_counts(at: &Place, data: &Dataset, diags: &mut Diagnostics) -> Option<(u32, u32)> {
    let code = at.get("province").0.to_ascii_uppercase();
    let Some(province) = data.province(&code) else {
        let codes = data.provinces.iter().map(|p| p.code.as_str());
        return at.unknown_id(diags, "province", "data/provinces.csv", codes);
    };
    let latest: Vec<(u32, u32)> = data
        .areas_in(&province.code)
        .filter_map(|a| {
            data.factories_of(&a.id)
                .last()
                .map(|f| (f.total, f.upgraded))
        })
        .collect();
    if latest.is_empty() {
        return factories_missing(at, diags, &format!("the areas of {}", province.code));
    }
    Some(
        latest
            .iter()
            .fold((0, 0), |sum, c| (sum.0 + c.0, sum.1 + c.1)),
    )
}

fn measure_text(
    at: &Place,
    measure: &str,
    (total, upgraded): (u32, u32),
    diags: &mut Diagnostics,
) -> Option<String> {
    Some(match measure {
        "total" => format::integer(total.into()),
        "upgraded" => format::integer(upgraded.into()),
        "remaining" => format::integer(total.saturating_sub(upgraded).into()),
        _ if total == 0 => {
            let hint = "a percentage needs at least one factory in scope";
            return at.no_data(diags, "there are no factories in scope".to_string(), hint);
        }
        _ => format::percent(upgraded as f64 / total as f64),
    })
}

/// `{{ symbiosis(measure, area, year) }}`: a figure of an area's material flows (tonnes exchanged
/// between factories, factory pairs, tonnes kept from landfill, emissions avoided) in its latest
/// year with flows, or in `year`; the same figure an indicator `measured_by` it must report.
fn symbiosis(at: &Place, context: &Context, diags: &mut Diagnostics) -> Option<String> {
    let (data, lang) = (context.data, context.lang);
    let measures = crate::data::contract::MEASURES;
    let (measure, measure_at) = at.get("measure");
    if !measures.contains(&measure) {
        let list = format!("measure is one of: {}", measures.join(", "));
        let hint = nearest(measure, measures)
            .map_or(list.clone(), |m| format!("did you mean '{m}'? {list}"));
        let message = format!("'{measure}' is not a measure of the material flows");
        let error = at.source.error("unknown-value", measure_at.offset, message);
        return at.fail(diags, error.with_value(measure).with_hint(hint));
    }
    let area = area(at, data, diags)?;
    let years = data.flows.years_of(&area.id);
    let year = match at.has("year") {
        true => {
            let (text, year_at) = at.get("year");
            match crate::data::numbers::parse_decimal(text)
                .ok()
                .filter(|y| y.fract() == 0.0)
            {
                Some(y) if (1950.0..2400.0).contains(&y) => y as i32,
                _ => {
                    let message = format!("'{text}' is not a fiscal year (C.E.)");
                    let hint = "write the fiscal year in C.E., e.g. year=\"2021\" for B.E. 2564";
                    let error = at.source.error("bad-shortcode", year_at.offset, message);
                    return at.fail(diags, error.with_value(text).with_hint(hint));
                }
            }
        }
        false => match years.last() {
            Some(&y) => y,
            None => {
                let message = format!("'{}' has no material flows", area.id);
                return at.no_data(diags, message, "add its flows to data/flows.csv");
            }
        },
    };
    let Some(value) = data.flows.measure(measure, &area.id, year) else {
        let message = format!("'{}' has no material flows in {year}", area.id);
        return at.no_data(diags, message, "add its flows that year to data/flows.csv");
    };
    let key = match measure {
        "symbiosis-links" => "shortcode_pairs",
        "co2e-avoided" => "shortcode_co2e",
        _ => "shortcode_tonnes",
    };
    let figure = (context.strings.text(lang, key)).replace("{n}", &format::number(value, 0));
    Some(format!("{figure} ({})", format::fiscal_year(lang, year)))
}

/// `{{ level(area) }}`: the latest eco-town level, through the `shortcode_level` string.
fn level(at: &Place, context: &Context, diags: &mut Diagnostics) -> Option<String> {
    let area = area(at, context.data, diags)?;
    let Some(record) = context.data.levels_of(&area.id).last() else {
        let message = format!("data/levels.csv has no level for '{}'", area.id);
        let hint = format!("add a row for {} to data/levels.csv", area.id);
        return at.no_data(diags, message, &hint);
    };
    let template = context.strings.text(context.lang, "shortcode_level");
    Some(template.replace("{level}", &record.level.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_follow_each_language() {
        assert_eq!(with_unit(Lang::En, "35.0", "%"), "35.0%");
        assert_eq!(
            with_unit(Lang::En, "92.0", "% of samples"),
            "92.0% of samples"
        );
        assert_eq!(
            with_unit(Lang::En, "612", "kWh per tonne"),
            "612 kWh per tonne"
        );
        assert_eq!(with_unit(Lang::Th, "35.0", "ร้อยละ"), "ร้อยละ 35.0");
        assert_eq!(
            with_unit(Lang::Th, "92.0", "ร้อยละของจำนวนตัวอย่าง"),
            "ร้อยละ 92.0 ของจำนวนตัวอย่าง"
        );
        assert_eq!(with_unit(Lang::Th, "25", "เรื่องต่อปี"), "25 เรื่องต่อปี");
        assert_eq!(with_unit(Lang::En, "3", ""), "3");
    }

    #[test]
    fn missing_strings_are_reported_per_language() {
        let mut strings = Strings::default();
        strings
            .en
            .insert("status_provisional".into(), "provisional".into());
        let mut diags = Diagnostics::new();
        check_strings(&strings, &mut diags);
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.file.as_str(), d.value.as_deref().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                ("templates/i18n/en.toml", "status_estimated"),
                ("templates/i18n/en.toml", "shortcode_level"),
                ("templates/i18n/en.toml", "shortcode_tonnes"),
                ("templates/i18n/en.toml", "shortcode_co2e"),
                ("templates/i18n/en.toml", "shortcode_pairs")
            ]
        );
    }
}
