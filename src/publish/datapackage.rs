//! `data/datapackage.json`: a Frictionless Data Package (v1) describing every download.
//!
//! Data portals and tools (frictionless, CKAN's datapackager, R and Python readers) take a package
//! and know each CSV's encoding, dialect, column types, keys and links without guessing. Each
//! table becomes a `tabular-data-resource` with a Table Schema written from the same column list
//! the CSV was written from (see [`super::tables`]); each JSON twin is a plain `data-resource`.
//! Custom properties carry what the spec has no slot for: Thai titles (`title_th`), `unit`,
//! `data_as_of` and `sample`. The package is dated by `data_as_of` from site.toml, never by the
//! clock, so the same input gives the same bytes.

use serde::Serialize;

use super::downloads::sample_note;
use super::schema::{Subject, Table};
use super::tableschema;
use crate::config::Config;
use crate::data::{Dataset, Text};

/// A table with the sizes of its two files, which the package records as `bytes`.
pub struct Entry<'a> {
    pub table: &'a Table,
    pub csv_bytes: usize,
    pub json_bytes: usize,
}

#[derive(Serialize)]
struct Package {
    profile: &'static str,
    name: String,
    id: String,
    title: String,
    title_th: String,
    description: String,
    description_th: String,
    homepage: String,
    version: String,
    created: String,
    data_as_of: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sample: bool,
    keywords: Vec<String>,
    licenses: Vec<Licence>,
    sources: Vec<Source>,
    contributors: Vec<Contributor>,
    resources: Vec<Resource>,
}

/// A licence by SPDX id, with what the Data Package and CKAN catalogues call it.
#[derive(Serialize, Clone)]
pub struct Licence {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'static str>,
}

#[derive(Serialize)]
struct Source {
    title: String,
    title_th: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
}

#[derive(Serialize)]
struct Contributor {
    title: String,
    title_th: String,
    role: &'static str,
    path: String,
}

#[derive(Serialize)]
struct Resource {
    name: String,
    path: String,
    profile: &'static str,
    title: String,
    title_th: String,
    description: String,
    description_th: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dialect: Option<tableschema::Dialect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<tableschema::Schema>,
}

/// The package descriptor. `progress_bytes` is the size of `progress.json`, when there is one.
pub fn write(
    config: &Config,
    data: &Dataset,
    entries: &[Entry],
    progress_bytes: Option<usize>,
) -> Vec<u8> {
    let mut resources = Vec::new();
    for entry in entries {
        resources.push(csv_resource(entry.table, entry.csv_bytes));
        resources.push(json_resource(entry.table, entry.json_bytes));
    }
    if let Some(bytes) = progress_bytes {
        resources.push(progress_resource(bytes));
    }
    let description = describe(config);
    let package = Package {
        profile: "data-package",
        name: package_name(config),
        id: format!("{}data/datapackage.json", config.base_url),
        title: config.title.en.clone(),
        title_th: config.title.th.clone(),
        description: description.en,
        description_th: description.th,
        homepage: config.base_url.clone(),
        version: version(config.as_of),
        // Bangkok time: the date the data are current to, not the moment of the build.
        created: format!("{}T00:00:00+07:00", config.as_of),
        data_as_of: config.data_as_of.clone(),
        sample: config.sample,
        keywords: keywords(config),
        licenses: vec![licence(&config.licence)],
        sources: sources(config, data),
        contributors: vec![Contributor {
            title: config.publisher.en.clone(),
            title_th: config.publisher.th.clone(),
            role: "publisher",
            path: config.base_url.clone(),
        }],
        resources,
    };
    super::jsonout::pretty(&package)
}

/// A package name from the English title: `eco-industrial-towns-of-thailand`.
pub fn package_name(config: &Config) -> String {
    let name = crate::data::cells::slugify(&config.title.en);
    if name.is_empty() {
        "ecotown".to_string()
    } else {
        name
    }
}

/// A calendar version from the data date (`2021-09-30` → `2021.9.30`): it changes whenever the
/// data are brought up to a new date, and is valid semantic versioning (no leading zeros).
fn version(data_as_of: jiff::civil::Date) -> String {
    let d = data_as_of;
    format!("{}.{}.{}", d.year(), d.month(), d.day())
}

fn describe(config: &Config) -> Text {
    let th = format!(
        "ข้อมูลตัวชี้วัดของโครงการเมืองอุตสาหกรรมเชิงนิเวศ ได้แก่ จังหวัด พื้นที่เป้าหมาย ตัวชี้วัด ค่าตัวชี้วัดรายพื้นที่รายปี \
         จำนวนโรงงาน และระดับเมืองอุตสาหกรรมเชิงนิเวศ ตามที่เผยแพร่ที่ {} ปีในข้อมูลเป็นปีงบประมาณแบบ ค.ศ. \
         เช่น 2021 คือปีงบประมาณ พ.ศ. 2564 (1 ต.ค. 2563 – 30 ก.ย. 2564)",
        config.base_url
    );
    let en = format!(
        "Indicator data of Thailand's eco-industrial town programme (เมืองอุตสาหกรรมเชิงนิเวศ): provinces, \
         target areas, indicators, yearly values by area, factory counts and levels, as published at {}. \
         Years are fiscal years in C.E. (FY2021 = 1 Oct 2020 to 30 Sep 2021 = B.E. 2564).",
        config.base_url
    );
    sample_note(&Text::new(th, en), config.sample)
}

fn keywords(config: &Config) -> Vec<String> {
    let mut words: Vec<String> = [
        "eco-industrial town",
        "เมืองอุตสาหกรรมเชิงนิเวศ",
        "Eco Factory",
        "industry",
        "อุตสาหกรรม",
        "environment",
        "สิ่งแวดล้อม",
        "indicators",
        "ตัวชี้วัด",
        "Thailand",
        "ประเทศไทย",
    ]
    .map(String::from)
    .to_vec();
    words.push(config.publisher.en.clone());
    words.push(config.publisher.th.clone());
    words
}

/// What the Data Package (and the CKAN record) say about a licence given by SPDX id.
pub fn licence(spdx: &str) -> Licence {
    let known: Option<(&'static str, &'static str)> = match spdx {
        "CC-BY-4.0" => Some((
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0",
        )),
        "CC-BY-SA-4.0" => Some((
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "Creative Commons Attribution Share-Alike 4.0",
        )),
        "CC0-1.0" => Some((
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "Creative Commons CC0 1.0",
        )),
        "ODC-By-1.0" => Some((
            "https://opendatacommons.org/licenses/by/1-0/",
            "Open Data Commons Attribution License 1.0",
        )),
        "ODbL-1.0" => Some((
            "https://opendatacommons.org/licenses/odbl/1-0/",
            "Open Data Commons Open Database License 1.0",
        )),
        "PDDL-1.0" => Some((
            "https://opendatacommons.org/licenses/pddl/1-0/",
            "Open Data Commons Public Domain Dedication and License 1.0",
        )),
        _ => None,
    };
    Licence {
        name: spdx.to_string(),
        path: known.map(|k| k.0),
        title: known.map(|k| k.1),
    }
}

/// The publisher, then every distinct indicator source in file order.
fn sources(config: &Config, data: &Dataset) -> Vec<Source> {
    let mut list = vec![Source {
        title: config.publisher.en.clone(),
        title_th: config.publisher.th.clone(),
        path: Some(config.base_url.clone()),
    }];
    for indicator in &data.indicators {
        let source = &indicator.source;
        if !list
            .iter()
            .any(|s| s.title == source.en && s.title_th == source.th)
        {
            list.push(Source {
                title: source.en.clone(),
                title_th: source.th.clone(),
                path: None,
            });
        }
    }
    list
}

fn csv_resource(table: &Table, bytes: usize) -> Resource {
    Resource {
        name: table.name.clone(),
        path: format!("{}.csv", table.stem),
        profile: "tabular-data-resource",
        title: table.title.en.clone(),
        title_th: table.title.th.clone(),
        description: table.description.en.clone(),
        description_th: table.description.th.clone(),
        format: "csv",
        mediatype: "text/csv",
        // UTF-8 with a byte-order mark, so that Excel reads the Thai text.
        encoding: "utf-8-sig",
        bytes,
        unit: table.unit.clone(),
        dialect: Some(tableschema::csv_dialect()),
        schema: Some(tableschema::schema(table)),
    }
}

fn json_resource(table: &Table, bytes: usize) -> Resource {
    let layout = match table.subject {
        Subject::Indicator(_) => Text::new(
            "ไฟล์ JSON: ออบเจกต์ที่มีคำอธิบายตัวชี้วัดสองภาษา (indicator) และค่ารายพื้นที่ (observations)",
            "As JSON: an object with the indicator's metadata in both languages (`indicator`) and its values by area (`observations`).",
        ),
        _ => Text::new(
            format!(
                "ไฟล์ JSON: อาร์เรย์ของออบเจกต์ ฟิลด์เดียวกับ {}.csv (ตัวเลขเป็นตัวเลข null คือไม่มีข้อมูล)",
                table.stem
            ),
            format!(
                "As JSON: an array of objects with the fields of {}.csv (numbers as numbers, null for missing).",
                table.stem
            ),
        ),
    };
    Resource {
        name: format!("{}-json", table.name),
        path: format!("{}.json", table.stem),
        profile: "data-resource",
        title: format!("{} (JSON)", table.title.en),
        title_th: format!("{} (JSON)", table.title.th),
        description: format!("{} {}", table.description.en, layout.en),
        description_th: format!("{} {}", table.description.th, layout.th),
        format: "json",
        mediatype: "application/json",
        encoding: "utf-8",
        bytes,
        unit: table.unit.clone(),
        dialect: None,
        schema: None,
    }
}

fn progress_resource(bytes: usize) -> Resource {
    let text = super::downloads::progress_text();
    Resource {
        name: "progress".to_string(),
        path: "progress.json".to_string(),
        profile: "data-resource",
        title: text.0.en,
        title_th: text.0.th,
        description: text.1.en,
        description_th: text.1.th,
        format: "json",
        mediatype: "application/json",
        encoding: "utf-8",
        bytes,
        unit: None,
        dialect: None,
        schema: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_follows_the_data_date() {
        assert_eq!(version(jiff::civil::date(2021, 9, 30)), "2021.9.30");
        assert_eq!(version(jiff::civil::date(2024, 1, 5)), "2024.1.5");
    }

    #[test]
    fn licences_by_spdx_id() {
        let cc = licence("CC-BY-4.0");
        assert_eq!(
            cc.path,
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
        assert_eq!(cc.title, Some("Creative Commons Attribution 4.0"));
        let other = licence("OGL-TH");
        assert_eq!((other.name.as_str(), other.path), ("OGL-TH", None));
    }
}
