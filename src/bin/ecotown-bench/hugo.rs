//! The Hugo twin of a scaled site, so that ecotown's speed is compared with Hugo's on this
//! machine, on the same work, rather than with a figure measured elsewhere.
//!
//! The twin has the same pages in both languages at the same addresses (home, province, brief,
//! area, indicator and dimension pages, their lists, methodology, about, updates, progress,
//! downloads, 404), the same narratives, and on each page a table of the figures ecotown shows there, read
//! from the same CSV data (converted to Hugo data files) through templates doing comparable work:
//! the area page looks up every indicator's values by year, the indicator page every area's.
//! Narratives keep their figures live: each ecotown shortcode becomes a Hugo shortcode that looks
//! the value up in the data. The interface strings are ecotown's, as Hugo i18n files.
//!
//! What is not equivalent, on purpose or because Hugo cannot: no charts (Hugo cannot draw them),
//! so no chart files and no inline SVG; no open-data downloads, update log, Atom feed, progress
//! computation or link check; numbers are formatted by Hugo (`lang.FormatNumber`), not Thai
//! collation-sorted; links are root-relative rather than relative. The comparison is therefore
//! generous to Hugo: ecotown does strictly more work per page.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::scale::{Csv, read_csv};

const LANGS: [&str; 2] = ["th", "en"];
const DIMENSIONS: [&str; 5] = [
    "physical",
    "economic",
    "environmental",
    "social",
    "management",
];

/// Writes the Hugo twin of the ecotown site at `site` into `out`.
pub fn generate(site: &Path, out: &Path) -> io::Result<()> {
    let tables = Tables::read(site)?;
    let strings = read_strings(site)?;
    fs::create_dir_all(out)?;
    fs::write(out.join("config.toml"), config(&strings))?;
    write_data(out, &tables)?;
    for lang in LANGS {
        write_content(site, out, lang, &tables, &strings[lang])?;
        let i18n: String = strings[lang]
            .iter()
            .map(|(k, v)| format!("{k} = {}\n", toml_string(v)))
            .collect();
        fs::create_dir_all(out.join("i18n"))?;
        fs::write(out.join(format!("i18n/{lang}.toml")), i18n)?;
    }
    // The same stylesheet and fonts as ecotown's pages, at the same address.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/static");
    crate::scale::copy_tree(&theme, &out.join("static/static"))?;
    for (path, text) in LAYOUTS {
        let path = out.join("layouts").join(path);
        fs::create_dir_all(path.parent().unwrap_or(out))?;
        fs::write(path, text)?;
    }
    Ok(())
}

/// The six data files, as read from the ecotown site.
struct Tables {
    provinces: Csv,
    areas: Csv,
    indicators: Csv,
    observations: Csv,
    factories: Csv,
    levels: Csv,
}

impl Tables {
    fn read(site: &Path) -> io::Result<Tables> {
        let read = |name: &str| read_csv(&site.join("data").join(name));
        Ok(Tables {
            provinces: read("provinces.csv")?,
            areas: read("areas.csv")?,
            indicators: read("indicators.csv")?,
            observations: read("observations.csv")?,
            factories: read("factories.csv")?,
            levels: read("levels.csv")?,
        })
    }
}

/// ecotown's interface strings (`templates/i18n/*.toml`), which the site may override.
fn read_strings(site: &Path) -> io::Result<BTreeMap<&'static str, BTreeMap<String, String>>> {
    let mut all = BTreeMap::new();
    for lang in LANGS {
        let own = site.join(format!("templates/i18n/{lang}.toml"));
        let theme =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/i18n/{lang}.toml"));
        let text = fs::read_to_string(if own.exists() { own } else { theme })?;
        let table: toml::Table = toml::from_str(&text).map_err(io::Error::other)?;
        let strings = table
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_str()?.to_string())))
            .collect();
        all.insert(lang, strings);
    }
    Ok(all)
}

fn config(strings: &BTreeMap<&str, BTreeMap<String, String>>) -> String {
    let mut text = String::from(
        "baseURL = \"https://ecotown.example.go.th/\"\n\
         defaultContentLanguage = \"th\"\n\
         defaultContentLanguageInSubdir = true\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\
         enableRobotsTXT = true\n\
         [languages]\n",
    );
    for (weight, lang) in LANGS.iter().enumerate() {
        let title = strings[lang].get("home_title").cloned().unwrap_or_default();
        text.push_str(&format!(
            "[languages.{lang}]\ncontentDir = \"content/{lang}\"\nweight = {}\ntitle = {}\n",
            weight + 1,
            toml_string(&title)
        ));
    }
    text
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Rows of a CSV file as JSON objects keyed by column name.
fn records(table: &Csv) -> Vec<Map<String, Value>> {
    table
        .rows
        .iter()
        .map(|row| {
            table
                .header
                .iter()
                .zip(row)
                .map(|(h, v)| (h.clone(), Value::String(v.clone())))
                .collect()
        })
        .collect()
}

/// `{"2016": {"th": "2559", "en": "FY2016"}, …}` for every year the site mentions: Thai pages show
/// Buddhist-era years.
fn year_labels(tables: &Tables) -> Value {
    let indicators = &tables.indicators;
    let mut years: Vec<i64> = Vec::new();
    let columns = [(indicators, "base_year"), (indicators, "target_year")];
    let columns = columns.into_iter().chain([
        (&tables.observations, "year"),
        (&tables.factories, "year"),
        (&tables.levels, "year"),
    ]);
    for (table, name) in columns {
        let Ok(column) = table.column(name) else {
            continue;
        };
        years.extend(
            table
                .rows
                .iter()
                .filter_map(|r| r[column].parse::<i64>().ok()),
        );
    }
    let labels: Map<String, Value> = years
        .into_iter()
        .map(|y| {
            (
                y.to_string(),
                json!({ "th": (y + 543).to_string(), "en": format!("FY{y}") }),
            )
        })
        .collect();
    Value::Object(labels)
}

fn number(text: &str) -> Value {
    text.replace(',', "")
        .trim()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// Hugo data files: the lists (in CSV order), and per area its series keyed by indicator and
/// year, its factory counts and its levels, so that templates look values up rather than scan.
/// Two things are worked out here rather than in templates, to spare Hugo work that ecotown does
/// while it builds: each series' latest value, and each year's label in both languages.
fn write_data(out: &Path, tables: &Tables) -> io::Result<()> {
    let data = out.join("data");
    fs::create_dir_all(data.join("series"))?;
    let write = |name: &str, value: &Value| fs::write(data.join(name), value.to_string());
    write("provinces.json", &json!(records(&tables.provinces)))?;
    write("areas.json", &json!(records(&tables.areas)))?;
    write("indicators.json", &json!(records(&tables.indicators)))?;
    // Keyed by the first column, the id.
    let by_id = |table: &Csv| -> Map<String, Value> {
        let ids = table.rows.iter().map(|row| row[0].clone());
        ids.zip(records(table).into_iter().map(Value::Object))
            .collect()
    };
    write("area_by_id.json", &Value::Object(by_id(&tables.areas)))?;
    write(
        "indicator_by_id.json",
        &Value::Object(by_id(&tables.indicators)),
    )?;
    write(
        "province_by_code.json",
        &Value::Object(by_id(&tables.provinces)),
    )?;
    let mut years = std::collections::BTreeSet::new();
    let mut series: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for row in records(&tables.observations) {
        let text = |k: &str| row[k].as_str().unwrap_or_default().to_string();
        years.insert(text("year"));
        let by_indicator = series.entry(text("area_id")).or_default();
        let one = by_indicator
            .entry(text("indicator_id"))
            .or_insert_with(|| json!({ "years": {}, "latest": null }));
        let (value, status) = (number(&text("value")), text("status"));
        let newer = one["latest"]["y"]
            .as_str()
            .is_none_or(|y| y <= text("year").as_str());
        if !value.is_null() && newer {
            one["latest"] = json!({ "v": value, "y": text("year"), "s": status });
        }
        one["years"][text("year")] = json!({ "v": value, "s": status });
    }
    write("years.json", &json!(years))?;
    write("year_labels.json", &year_labels(tables))?;
    for (area, indicators) in series {
        write(&format!("series/{area}.json"), &Value::Object(indicators))?;
    }
    let mut factories: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for row in records(&tables.factories) {
        let text = |k: &str| row[k].as_str().unwrap_or_default().to_string();
        factories.entry(text("area_id")).or_default().push(json!({
            "year": text("year"),
            "total": number(&text("factories_total")),
            "upgraded": number(&text("factories_upgraded")),
        }));
    }
    write("factories.json", &json!(factories))?;
    let mut levels: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for row in records(&tables.levels) {
        let text = |k: &str| row[k].as_str().unwrap_or_default().to_string();
        levels
            .entry(text("area_id"))
            .or_default()
            .push(json!({ "year": text("year"), "level": number(&text("level")) }));
    }
    write("levels.json", &json!(levels))
}

/// One language's content tree: a Markdown file per page, with the narrative where there is one.
fn write_content(
    site: &Path,
    out: &Path,
    lang: &str,
    tables: &Tables,
    strings: &BTreeMap<String, String>,
) -> io::Result<()> {
    let content = out.join("content").join(lang);
    let t = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
    let name = |table: &Csv, row: &Vec<String>| -> String {
        let column = table.column(&format!("name_{lang}")).unwrap_or(1);
        row[column].clone()
    };
    let page = |rel: &str, front: toml::Table, narrative: Option<String>| {
        write_page(&content.join(rel), front, narrative.as_deref(), site, lang)
    };
    page(
        "_index.md",
        front(&t("home_title"), &[]),
        Some("content/index".into()),
    )?;
    page("provinces/_index.md", front(&t("nav_provinces"), &[]), None)?;
    for row in &tables.provinces.rows {
        let code = row[0].to_ascii_lowercase();
        let narrative = format!("content/provinces/{code}");
        let front = front(&name(&tables.provinces, row), &[("province", &row[0])]);
        page(&format!("provinces/{code}.md"), front, Some(narrative))?;
    }
    // The printable briefs, one per province; like the dimensions, they have no list page.
    let mut list = front(&t("nav_provinces"), &[]);
    list.insert("_build".into(), toml::Value::Table(build_never()));
    page("briefs/_index.md", list, None)?;
    for row in &tables.provinces.rows {
        let code = row[0].to_ascii_lowercase();
        let narrative = format!("content/provinces/{code}");
        let front = front(&name(&tables.provinces, row), &[("province", &row[0])]);
        page(&format!("briefs/{code}.md"), front, Some(narrative))?;
    }
    page("areas/_index.md", front(&t("nav_areas"), &[]), None)?;
    let province = tables.areas.column("province_code")?;
    for row in &tables.areas.rows {
        let id = &row[0];
        let params = [("area", id.as_str()), ("province", row[province].as_str())];
        let front = front(&name(&tables.areas, row), &params);
        page(
            &format!("areas/{id}.md"),
            front,
            Some(format!("content/areas/{id}")),
        )?;
    }
    page(
        "indicators/_index.md",
        front(&t("nav_indicators"), &[]),
        None,
    )?;
    for row in &tables.indicators.rows {
        let id = &row[0];
        let front = front(&name(&tables.indicators, row), &[("indicator", id)]);
        let narrative = format!("content/indicators/{id}");
        page(&format!("indicators/{id}.md"), front, Some(narrative))?;
    }
    // The dimension pages have no list page in ecotown, so Hugo's is not rendered either.
    let mut list = front(&t("nav_indicators"), &[]);
    list.insert("_build".into(), toml::Value::Table(build_never()));
    page("dimensions/_index.md", list, None)?;
    for d in DIMENSIONS {
        let front = front(&t(&format!("dimension_{d}")), &[("dimension", d)]);
        page(&format!("dimensions/{d}.md"), front, None)?;
    }
    for slug in ["methodology", "about"] {
        let front = front(&t(&format!("nav_{slug}")), &[]);
        page(
            &format!("{slug}.md"),
            front,
            Some(format!("content/pages/{slug}")),
        )?;
    }
    for slug in ["updates", "progress", "downloads"] {
        page(
            &format!("{slug}.md"),
            front(&t(&format!("nav_{slug}")), &[]),
            None,
        )?;
    }
    Ok(())
}

fn front(title: &str, params: &[(&str, &str)]) -> toml::Table {
    let mut table = toml::Table::new();
    table.insert("title".into(), title.into());
    for (k, v) in params {
        table.insert((*k).into(), (*v).into());
    }
    table
}

fn build_never() -> toml::Table {
    let mut table = toml::Table::new();
    table.insert("render".into(), "never".into());
    table
}

/// Writes one page: front matter (the narrative's own title and description win), then the
/// narrative's body with its shortcodes turned into Hugo's.
fn write_page(
    path: &Path,
    mut front: toml::Table,
    narrative: Option<&str>,
    site: &Path,
    lang: &str,
) -> io::Result<()> {
    let text = narrative
        .map(|stem| fs::read_to_string(site.join(format!("{stem}.{lang}.md"))))
        .and_then(Result::ok)
        .unwrap_or_default();
    let (own, body) = split_front(&text);
    for (k, v) in own {
        front.insert(k, v);
    }
    fs::create_dir_all(path.parent().unwrap_or(path))?;
    fs::write(
        path,
        format!("+++\n{front}+++\n\n{}", hugo_shortcodes(body)),
    )
}

/// A narrative's TOML front matter (between `+++` lines) and its body.
fn split_front(text: &str) -> (toml::Table, &str) {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return (toml::Table::new(), text);
    };
    let Some(end) = rest.find("\n+++") else {
        return (toml::Table::new(), text);
    };
    let front = toml::from_str(&rest[..end]).unwrap_or_default();
    let body = rest[end + 4..].trim_start_matches('\n');
    (front, body)
}

/// `{{ latest(area="x", indicator="y") }}` → `{{< latest area="x" indicator="y" >}}`.
pub fn hugo_shortcodes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let call = rest[start + 2..start + len].trim();
        match call.split_once('(') {
            Some((name, args)) => {
                let args = args.trim_end_matches(')').replace("\", ", "\" ");
                out.push_str(&format!("{{{{< {} {} >}}}}", name.trim(), args.trim()));
            }
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The Hugo layouts: a base page like ecotown's (header, navigation, language switch, sample
/// banner, breadcrumbs, footer), one template per kind of page, and the four shortcodes.
const LAYOUTS: &[(&str, &str)] = &[
    ("_default/baseof.html", include_str!("hugo/baseof.html")),
    ("_default/single.html", include_str!("hugo/single.html")),
    ("_default/list.html", include_str!("hugo/single.html")),
    ("index.html", include_str!("hugo/home.html")),
    ("404.html", include_str!("hugo/404.html")),
    ("provinces/list.html", include_str!("hugo/provinces.html")),
    ("provinces/single.html", include_str!("hugo/province.html")),
    ("briefs/single.html", include_str!("hugo/brief.html")),
    ("areas/list.html", include_str!("hugo/areas.html")),
    ("areas/single.html", include_str!("hugo/area.html")),
    ("indicators/list.html", include_str!("hugo/indicators.html")),
    (
        "indicators/single.html",
        include_str!("hugo/indicator.html"),
    ),
    (
        "dimensions/single.html",
        include_str!("hugo/dimension.html"),
    ),
    (
        "partials/area_table.html",
        include_str!("hugo/area_table.html"),
    ),
    (
        "partials/indicator_rows.html",
        include_str!("hugo/indicator_rows.html"),
    ),
    (
        "shortcodes/latest.html",
        include_str!("hugo/sc_latest.html"),
    ),
    (
        "shortcodes/factories.html",
        include_str!("hugo/sc_factories.html"),
    ),
    ("shortcodes/level.html", include_str!("hugo/sc_level.html")),
    (
        "shortcodes/symbiosis.html",
        include_str!("hugo/sc_symbiosis.html"),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_become_hugo_shortcodes() {
        assert_eq!(
            hugo_shortcodes(
                "a {{ latest(area=\"x\", indicator=\"y\") }} b {{ level(area=\"x\") }}"
            ),
            "a {{< latest area=\"x\" indicator=\"y\" >}} b {{< level area=\"x\" >}}"
        );
        assert_eq!(hugo_shortcodes("no {{ close"), "no {{ close");
    }
}
