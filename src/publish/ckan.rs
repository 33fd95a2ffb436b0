//! `data/metadata/<dataset>.json`: a catalogue record per dataset, in the fields of data.go.th.
//!
//! Thailand's government data catalogue runs CKAN with the `ckanext-thai_gdc` extension, whose
//! dataset schema (`ckan_dataset.json`, a ckanext-scheming file) adds the fields below to CKAN's
//! own. An agency registering these downloads there (or a harvester) can copy each record field
//! for field. Keys are the CKAN/thai_gdc `field_name`s; where thai_gdc takes a value from a fixed
//! Thai list, the key holds that Thai value and `<key>_en` its English; free text is split into
//! `<key>_th` and `<key>_en`.
//!
//! | key                              | thai_gdc label (th / en)                                          |
//! |----------------------------------|-------------------------------------------------------------------|
//! | `name`                           | URL (slug; CKAN core)                                             |
//! | `title_th`, `title_en`           | ชื่อชุดข้อมูล / Dataset Name (`title`)                                |
//! | `notes_th`, `notes_en`           | รายละเอียด / Description (`notes`)                                  |
//! | `data_type`                      | ประเภทชุดข้อมูล / Data Type: ข้อมูลสถิติ or ข้อมูลระเบียน                   |
//! | `objective`                      | วัตถุประสงค์ / Objective (thai_gdc choices) + `objective_detail_*`    |
//! | `update_frequency_unit`, `_interval` | หน่วยและค่าความถี่ของการปรับปรุงข้อมูล / Update Frequency: ปี, 1     |
//! | `geo_coverage`                   | ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่ / Geo Coverage: จังหวัด + `geo_coverage_detail_*` |
//! | `data_source_th`, `_en`          | แหล่งที่มา / Data Source                                              |
//! | `data_format`                    | รูปแบบการเก็บข้อมูล / Data Format: CSV, JSON                          |
//! | `groups`                         | หมวดหมู่ / category (CKAN groups): environment, industry            |
//! | `data_category`                  | หมวดหมู่ข้อมูลตามธรรมาภิบาลข้อมูลภาครัฐ / Data Category: ข้อมูลสาธารณะ    |
//! | `license_id`                     | License (thai_gdc choice) + `license_spdx`, `license_url`         |
//! | `data_language`                  | ภาษาที่ใช้ / Data Language: ไทย, อังกฤษ (+ `data_language_codes`)     |
//! | `last_updated_date`              | วันที่ปรับปรุงข้อมูลล่าสุด / Last updated date (`data_as_of`)            |
//! | `first_year_of_data`, `last_…`   | ปีข้อมูลที่เริ่มต้นจัดทำ / ปีข้อมูลล่าสุดที่เผยแพร่, in B.E. as Thai catalogues write them (`_ce`: C.E.) |
//! | `unit_of_measure_th`, `_en`      | หน่วยวัด / Unit of measure                                           |
//! | `unit_of_multiplier`             | หน่วยตัวคูณ / Unit of multiplier: หน่วย (values are not scaled)       |
//! | `calculation_method_th`, `_en`   | วิธีการคำนวณ / Calculation method                                    |
//! | `disaggregate`                   | การจัดจำแนก / Disaggregate: ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่           |
//! | `maintainer_th`, `_en`, `url`, `tag_string`, `resources` | CKAN core: contact, home page, tags, files |
//!
//! Statistical-only fields (years, unit, multiplier, disaggregate) are `null` for the lists of
//! provinces, areas and indicators, which are registers (ข้อมูลระเบียน), so every record has the
//! same keys.

use serde::Serialize;

use super::datapackage::{licence, package_name};
use super::downloads::sample_note;
use super::schema::{Subject, Table};
use crate::config::Config;
use crate::data::{Dataset, Direction, Text};
use crate::i18n::format::BE_OFFSET;

#[derive(Serialize)]
struct Record {
    name: String,
    title_th: String,
    title_en: String,
    notes_th: String,
    notes_en: String,
    data_type: &'static str,
    data_type_en: &'static str,
    objective: [&'static str; 3],
    objective_en: [&'static str; 3],
    objective_detail_th: &'static str,
    objective_detail_en: &'static str,
    update_frequency_unit: &'static str,
    update_frequency_unit_en: &'static str,
    update_frequency_interval: u32,
    geo_coverage: &'static str,
    geo_coverage_en: &'static str,
    geo_coverage_detail_th: String,
    geo_coverage_detail_en: String,
    data_source_th: String,
    data_source_en: String,
    data_format: [&'static str; 2],
    groups: [Group; 2],
    data_category: &'static str,
    data_category_en: &'static str,
    license_id: &'static str,
    license_spdx: String,
    license_url: Option<&'static str>,
    data_language: [&'static str; 2],
    data_language_en: [&'static str; 2],
    data_language_codes: [&'static str; 2],
    last_updated_date: String,
    first_year_of_data: Option<String>,
    last_year_of_data: Option<String>,
    first_year_of_data_ce: Option<i64>,
    last_year_of_data_ce: Option<i64>,
    unit_of_measure_th: Option<String>,
    unit_of_measure_en: Option<String>,
    unit_of_multiplier: Option<&'static str>,
    calculation_method_th: String,
    calculation_method_en: String,
    disaggregate: Option<[&'static str; 1]>,
    maintainer_th: String,
    maintainer_en: String,
    url: String,
    tag_string: String,
    sample: bool,
    resources: [ResourceLink; 2],
}

#[derive(Serialize)]
struct Group {
    name: &'static str,
    title_th: &'static str,
    title_en: &'static str,
}

#[derive(Serialize)]
struct ResourceLink {
    name: String,
    url: String,
    format: &'static str,
    mimetype: &'static str,
}

/// The catalogue record of one published table.
pub fn write(config: &Config, data: &Dataset, table: &Table) -> Vec<u8> {
    let statistical = !matches!(
        table.subject,
        Subject::Dimensions
            | Subject::Themes
            | Subject::LevelScale
            | Subject::Provinces
            | Subject::Areas
            | Subject::Indicators
            | Subject::Materials
            | Subject::FlowNodes
    );
    let years = table.year_span().filter(|_| statistical);
    let unit = unit(data, table);
    let method = method(data, table);
    let source = source(config, data, table);
    let notes = sample_note(&table.description, config.sample);
    let licence = licence(&config.licence);
    let record = Record {
        name: ckan_name(config, table),
        title_th: table.title.th.clone(),
        title_en: table.title.en.clone(),
        notes_th: notes.th,
        notes_en: notes.en,
        data_type: if statistical {
            "ข้อมูลสถิติ"
        } else {
            "ข้อมูลระเบียน"
        },
        data_type_en: if statistical {
            "Statistical data"
        } else {
            "Record data"
        },
        objective: ["ยุทธศาสตร์ชาติ", "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ", "พันธกิจหน่วยงาน"],
        objective_en: [
            "National Strategy",
            "National Economic and Social Development Plan",
            "Agency mission",
        ],
        objective_detail_th: "ติดตามการพัฒนาเมืองอุตสาหกรรมเชิงนิเวศตามยุทธศาสตร์ชาติ 20 ปี ยุทธศาสตร์ที่ 5 และแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 12 ยุทธศาสตร์ที่ 4 และเก็บข้อมูลตัวชี้วัดรายพื้นที่เพื่อการวางแผน",
        objective_detail_en: "To follow the development of eco-industrial towns under the 20-year National Strategy (strategy 5) and the 12th National Economic and Social Development Plan (strategy 4), and to collect indicator data per area for planning.",
        update_frequency_unit: "ปี",
        update_frequency_unit_en: "year",
        update_frequency_interval: 1,
        geo_coverage: "จังหวัด",
        geo_coverage_en: "Province",
        geo_coverage_detail_th: format!(
            "{} จังหวัด {} พื้นที่เป้าหมาย (ตำบล อำเภอ หรือเขตประกอบการอุตสาหกรรม)",
            data.provinces.len(),
            data.areas.len()
        ),
        geo_coverage_detail_en: format!(
            "{} provinces, {} target areas (tambons, amphoes or industrial zones)",
            data.provinces.len(),
            data.areas.len()
        ),
        data_source_th: source.th,
        data_source_en: source.en,
        data_format: ["CSV", "JSON"],
        groups: [
            Group {
                name: "environment",
                title_th: "สิ่งแวดล้อม",
                title_en: "Environment",
            },
            Group {
                name: "industry",
                title_th: "อุตสาหกรรม",
                title_en: "Industry",
            },
        ],
        data_category: "ข้อมูลสาธารณะ",
        data_category_en: "Public data",
        license_id: ckan_licence(&config.licence),
        license_spdx: licence.name,
        license_url: licence.path,
        data_language: ["ไทย", "อังกฤษ"],
        data_language_en: ["Thai", "English"],
        data_language_codes: ["th", "en"],
        last_updated_date: config.data_as_of.clone(),
        first_year_of_data: years.map(|(first, _)| (first + i64::from(BE_OFFSET)).to_string()),
        last_year_of_data: years.map(|(_, last)| (last + i64::from(BE_OFFSET)).to_string()),
        first_year_of_data_ce: years.map(|(first, _)| first),
        last_year_of_data_ce: years.map(|(_, last)| last),
        unit_of_measure_th: unit.as_ref().map(|u| u.th.clone()),
        unit_of_measure_en: unit.map(|u| u.en),
        unit_of_multiplier: statistical.then_some("หน่วย"),
        calculation_method_th: method.th,
        calculation_method_en: method.en,
        disaggregate: statistical.then_some(["ขอบเขตเชิงภูมิศาสตร์หรือเชิงพื้นที่"]),
        maintainer_th: config.publisher.th.clone(),
        maintainer_en: config.publisher.en.clone(),
        url: config.base_url.clone(),
        tag_string: tags(data, table),
        sample: config.sample,
        resources: [
            link(config, table, "csv", "CSV", "text/csv"),
            link(config, table, "json", "JSON", "application/json"),
        ],
    };
    super::jsonout::pretty(&record)
}

fn link(
    config: &Config,
    table: &Table,
    ext: &str,
    format: &'static str,
    mime: &'static str,
) -> ResourceLink {
    ResourceLink {
        name: format!("{}.{ext}", table.stem),
        url: format!("{}data/{}.{ext}", config.base_url, table.stem),
        format,
        mimetype: mime,
    }
}

/// thai_gdc's `license_id` choices name licences by family.
fn ckan_licence(spdx: &str) -> &'static str {
    match spdx {
        s if s.starts_with("CC-BY-SA") => "Creative Commons Attribution Share-Alike",
        s if s.starts_with("CC-BY-NC") => "Creative Commons Non-Commercial (Any)",
        s if s.starts_with("CC-BY") => "Creative Commons Attributions",
        "ODC-By-1.0" | "ODbL-1.0" | "PDDL-1.0" => "Open Data Common",
        "GFDL-1.3" | "GFDL-1.3-or-later" => "GNU Free Documentation License",
        _ => "อื่นๆ",
    }
}

/// CKAN dataset names are global to a catalogue, so they start with the package name; CKAN
/// allows 2 to 100 characters.
fn ckan_name(config: &Config, table: &Table) -> String {
    let mut name = format!("{}-{}", package_name(config), table.name);
    name.truncate(100);
    name.trim_end_matches('-').to_string()
}

/// CKAN's comma-separated tags. A CKAN tag may not hold punctuation other than `-_.`, so the
/// subject's name is used rather than its title (which may hold a colon), and stray punctuation
/// becomes a space.
fn tags(data: &Dataset, table: &Table) -> String {
    let subject = match &table.subject {
        Subject::Indicator(id) => data.indicator(id).map(|i| i.name.clone()),
        _ => Some(table.title.clone()),
    };
    let mut tags = vec!["เมืองอุตสาหกรรมเชิงนิเวศ", "eco-industrial town", "Eco Factory"];
    if let Some(name) = &subject {
        tags.extend([name.th.as_str(), name.en.as_str()]);
    }
    tags.iter()
        .map(|t| {
            t.replace(
                |c: char| c.is_ascii_punctuation() && !"-_.".contains(c),
                " ",
            )
        })
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

fn unit(data: &Dataset, table: &Table) -> Option<Text> {
    match &table.subject {
        Subject::Dimensions
        | Subject::Themes
        | Subject::LevelScale
        | Subject::Provinces
        | Subject::Areas
        | Subject::Indicators
        | Subject::Materials
        | Subject::FlowNodes => None,
        Subject::Flows => Some(Text::new(
            "ตามคอลัมน์ unit: ตัน/ปี ลบ.ม./ปี MWh/ปี หรือ GJ/ปี",
            "As the unit column says: t/yr, m3/yr, MWh/yr or GJ/yr",
        )),
        Subject::Symbiosis => Some(Text::new(
            "คู่ความร่วมมือ ตัน/ปี ตันคาร์บอนไดออกไซด์เทียบเท่า/ปี บาท/ปี",
            "factory pairs; t/yr; t CO2e/yr; baht/yr",
        )),
        Subject::Observations => Some(Text::new(
            "ตามหน่วยของแต่ละตัวชี้วัด (คอลัมน์ unit_th ใน indicators.csv)",
            "The unit of each indicator (column unit_en of indicators.csv)",
        )),
        Subject::Factories => Some(Text::new("โรงงาน", "factories")),
        Subject::Levels => {
            let top = data.taxonomy.top_level();
            Some(Text::new(
                format!("ระดับ (1–{top})"),
                format!("level (1 to {top})"),
            ))
        }
        Subject::Indicator(id) => data.indicator(id).map(|i| i.unit.clone()),
    }
}

/// Who the figures come from: the publisher, or for indicator data also each indicator's source.
fn source(config: &Config, data: &Dataset, table: &Table) -> Text {
    let mut th = vec![config.publisher.th.clone()];
    let mut en = vec![config.publisher.en.clone()];
    let indicators: Vec<_> = match &table.subject {
        Subject::Indicators | Subject::Observations => data.indicators.iter().collect(),
        Subject::Indicator(id) => data.indicator(id).into_iter().collect(),
        _ => Vec::new(),
    };
    for i in indicators {
        if !en.contains(&i.source.en) || !th.contains(&i.source.th) {
            th.push(i.source.th.clone());
            en.push(i.source.en.clone());
        }
    }
    Text::new(th.join("; "), en.join("; "))
}

fn method(data: &Dataset, table: &Table) -> Text {
    match &table.subject {
        Subject::Dimensions | Subject::Themes | Subject::LevelScale => Text::new(
            "คำจำกัดความตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศที่เว็บไซต์ใช้ ไม่มีการคำนวณ",
            "Definitions from the eco-industrial town criteria the site follows; nothing is calculated.",
        ),
        Subject::Materials | Subject::FlowNodes => Text::new(
            "รายการวัสดุและจุดของผังการไหลของวัสดุ (กลุ่มหรือประเภทอุตสาหกรรม ไม่ระบุชื่อโรงงาน) ไม่มีการคำนวณ",
            "Lists of the materials and nodes of the material-flow diagrams (groups or sectors, not named factories); nothing is calculated.",
        ),
        Subject::Flows => Text::new(
            "ปริมาณที่ไหลระหว่างจุดต่าง ๆ ของแต่ละพื้นที่ต่อปีงบประมาณ ตามการวิเคราะห์การไหลของวัสดุ ปริมาณต่างหน่วยไม่นำมารวมกัน",
            "Quantities flowing between the nodes of each area per fiscal year, from the material-flow analysis; quantities in different units are never added.",
        ),
        Subject::Symbiosis => Text::new(
            "การไหลที่เป็นการพึ่งพาอาศัยกันทางอุตสาหกรรม จำนวนคู่โรงงาน และประโยชน์ที่รายงาน (ของเสียที่ไม่ต้องฝังกลบ ก๊าซเรือนกระจกที่ลดได้ ค่าใช้จ่ายที่ประหยัดได้) โดยไม่ปรับแก้",
            "The flows that are industrial symbiosis, their factory pairs and the benefits reported (landfill diverted, emissions avoided, money saved), unadjusted.",
        ),
        Subject::Provinces => Text::new(
            "รายชื่อจังหวัดตามรหัส ISO 3166-2:TH ไม่มีการคำนวณ",
            "A list of provinces by ISO 3166-2:TH code; nothing is calculated.",
        ),
        Subject::Areas => Text::new(
            "รายชื่อพื้นที่เป้าหมายของโครงการ ไม่มีการคำนวณ",
            "The programme's list of target areas; nothing is calculated.",
        ),
        Subject::Indicators => Text::new(
            "นิยามตัวชี้วัดตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศของกรมโรงงานอุตสาหกรรม (พ.ศ. 2560) ไม่มีการคำนวณ",
            "Indicator definitions after the DIW eco-industrial town criteria (B.E. 2560); nothing is calculated.",
        ),
        Subject::Observations => Text::new(
            "ค่าที่รายงานต่อพื้นที่ ตัวชี้วัด และปีงบประมาณ โดยไม่ปรับแก้ สถานะ final คือค่าสุดท้าย provisional คือค่าเบื้องต้นที่อาจแก้ไข estimated คือค่าประมาณ",
            "Values as reported per area, indicator and fiscal year, unadjusted; status final, provisional (may be revised) or estimated.",
        ),
        Subject::Factories => Text::new(
            "นับจำนวนโรงงานในขอบเขตโครงการของแต่ละพื้นที่ต่อปีงบประมาณ และจำนวนโรงงานที่ได้รับการยกระดับเป็น Eco Factory +SV แบบสะสม โรงงานที่ยังต้องยกระดับ = factories_total − factories_upgraded",
            "Factories in the programme's scope per area and fiscal year, and the cumulative number upgraded to Eco Factory +SV; still to upgrade = factories_total − factories_upgraded.",
        ),
        Subject::Levels => Text::new(
            "ระดับที่พื้นที่ได้รับจากการประเมินตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศของกรมโรงงานอุตสาหกรรม (ระดับต่าง ๆ ดูที่ level_scale)",
            "The level each area was assessed at under the DIW eco-industrial town criteria (the levels are listed in level_scale).",
        ),
        Subject::Indicator(id) => match data.indicator(id) {
            Some(i) => indicator_method(i),
            None => Text::default(),
        },
    }
}

fn indicator_method(i: &crate::data::Indicator) -> Text {
    let (better_th, better_en) = match i.direction {
        Direction::Increase => ("ค่าที่สูงขึ้นดีกว่า", "higher is better"),
        Direction::Decrease => ("ค่าที่ต่ำลงดีกว่า", "lower is better"),
    };
    let mut th = format!(
        "ค่า{} หน่วย {} ของแต่ละพื้นที่ต่อปีงบประมาณตามที่รายงาน {better_th}",
        i.name.th, i.unit.th
    );
    let mut en = format!(
        "{} in {} per area and fiscal year, as reported; {better_en}.",
        i.name.en, i.unit.en
    );
    if let Some(base) = i.base_year {
        th.push_str(&format!(" ปีฐาน พ.ศ. {}", base + BE_OFFSET));
        en.push_str(&format!(" Base year FY{base}."));
    }
    if let Some(target) = i.target {
        let value = crate::csvfile::number(target.value);
        th.push_str(&format!(
            " ค่าเป้าหมาย {value} ภายในปีงบประมาณ พ.ศ. {}",
            target.year + BE_OFFSET
        ));
        en.push_str(&format!(" Target {value} by FY{}.", target.year));
    }
    Text::new(th, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licences_map_to_thai_gdc_choices() {
        assert_eq!(ckan_licence("CC-BY-4.0"), "Creative Commons Attributions");
        assert_eq!(
            ckan_licence("CC-BY-SA-4.0"),
            "Creative Commons Attribution Share-Alike"
        );
        assert_eq!(
            ckan_licence("CC-BY-NC-4.0"),
            "Creative Commons Non-Commercial (Any)"
        );
        assert_eq!(ckan_licence("ODbL-1.0"), "Open Data Common");
        assert_eq!(ckan_licence("OGL-TH"), "อื่นๆ");
    }
}
