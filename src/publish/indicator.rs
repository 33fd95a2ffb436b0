//! Indicators: the `indicators` dataset, and one table per indicator with all its observations.
//!
//! A per-indicator download has to be readable alone, so it carries both languages' labels. The
//! CSV stays tidy, one row per observation with the indicator's name and unit repeated on every
//! row (what a pivot table or a chart tool expects); the JSON holds the indicator's metadata once,
//! in an `indicator` object, with the observations beside it.

use serde::Serialize;

use super::jsonout::{self, Row};
use super::schema::*;
use crate::data::{Dataset, Dimension, Direction, Indicator, Theme};
use crate::i18n::format::BE_OFFSET;
use crate::site::Site;

/// Buddhist Era offset, widened for the schema's bounds.
const BE: i64 = BE_OFFSET as i64;

/// The indicator columns of the data contract, in its order.
pub fn metadata_columns() -> Vec<Column> {
    let both = |name_th: &'static str, name_en: &'static str, th: &str, en: &str| {
        [
            col(
                name_th,
                Kind::String,
                &format!("{th} (ไทย)"),
                &format!("{en} (Thai)"),
                &format!("{en} in Thai"),
            )
            .required(),
            col(
                name_en,
                Kind::String,
                &format!("{th} (อังกฤษ)"),
                &format!("{en} (English)"),
                &format!("{en} in English"),
            )
            .required(),
        ]
    };
    let [name_th, name_en] = both("name_th", "name_en", "ชื่อตัวชี้วัด", "Indicator name");
    let [unit_th, unit_en] = both("unit_th", "unit_en", "หน่วย", "Unit");
    let [source_th, source_en] = both("source_th", "source_en", "แหล่งที่มา", "Source");
    vec![
        col(
            "indicator_id",
            Kind::String,
            "รหัสตัวชี้วัด",
            "Indicator id",
            "Indicator id",
        )
        .required()
        .unique()
        .pattern(SLUG),
        col(
            "dimension",
            Kind::String,
            "มิติ",
            "Dimension",
            "Dimension of the DIW eco-industrial town criteria (B.E. 2560)",
        )
        .required()
        .choices(vocabulary(Dimension::ALL, Dimension::as_str)),
        col(
            "theme",
            Kind::String,
            "ประเด็น",
            "Theme",
            "DIW factory-upgrade theme, or community; blank when none",
        )
        .choices(vocabulary(Theme::ALL, Theme::as_str)),
        name_th,
        name_en,
        unit_th,
        unit_en,
        col(
            "direction",
            Kind::String,
            "ทิศทางที่ดี",
            "Desired direction",
            "Which way is better: increase or decrease",
        )
        .required()
        .choices(vocabulary(Direction::ALL, Direction::as_str)),
        col(
            "decimals",
            Kind::Integer,
            "ทศนิยม",
            "Decimals",
            "Decimal places shown on the site",
        )
        .required()
        .range(0, 6),
        col(
            "base_year",
            Kind::Year,
            "ปีฐาน (ค.ศ.)",
            "Base year (C.E.)",
            "Fiscal year progress is measured from; blank: the first year with data",
        )
        .range(YEARS.0, YEARS.1),
        col(
            "target",
            Kind::Number,
            "ค่าเป้าหมาย",
            "Target",
            "Target value, in the indicator's unit",
        ),
        col(
            "target_year",
            Kind::Year,
            "ปีเป้าหมาย (ค.ศ.)",
            "Target year (C.E.)",
            "Fiscal year by which the target should be reached",
        )
        .range(YEARS.0, YEARS.1),
        source_th,
        source_en,
    ]
}

/// One indicator as cells of [`metadata_columns`].
pub fn metadata_cells(i: &Indicator) -> Vec<Cell> {
    vec![
        text(&i.id),
        text(i.dimension.as_str()),
        i.theme.map_or(Cell::Missing, |t| text(t.as_str())),
        text(&i.name.th),
        text(&i.name.en),
        text(&i.unit.th),
        text(&i.unit.en),
        text(i.direction.as_str()),
        Cell::Integer(i.decimals.into()),
        integer(i.base_year.map(i64::from)),
        number(i.target.map(|t| t.value)),
        integer(i.target.map(|t| i64::from(t.year))),
        text(&i.source.th),
        text(&i.source.en),
    ]
}

pub fn dataset(data: &Dataset) -> Table {
    let mut t = table(
        "indicators",
        Subject::Indicators,
        (
            "ตัวชี้วัด",
            "ตัวชี้วัดเมืองอุตสาหกรรมเชิงนิเวศ: มิติ หน่วย ทิศทางที่ดี ปีฐาน ค่าเป้าหมาย และแหล่งที่มา",
        ),
        (
            "Indicators",
            "Eco-industrial town indicators: dimension, unit, desired direction, base year, target and source.",
        ),
    );
    t.columns = metadata_columns();
    t.primary_key = vec!["indicator_id"];
    t.rows = data.indicators.iter().map(metadata_cells).collect();
    t
}

/// Columns of a per-indicator table that repeat the indicator's labels on every row (the CSV is
/// tidy: one row per observation, readable without a second file). The JSON keeps them once, in
/// its `indicator` object, and leaves them out of its rows.
pub const LABELS: [&str; 5] = [
    "indicator_id",
    "indicator_name_th",
    "indicator_name_en",
    "unit_th",
    "unit_en",
];

/// Every observation of one indicator across the areas (in the areas' file order), with both
/// languages' labels.
pub fn observations(data: &Dataset, indicator: &Indicator) -> Table {
    let (name, unit) = (&indicator.name, &indicator.unit);
    let mut t = table(
        &format!("indicator-{}", indicator.id),
        Subject::Indicator(indicator.id.clone()),
        (
            &format!("{}: ค่ารายพื้นที่", name.th),
            &format!(
                "ค่า{} ({}) ของทุกพื้นที่ทุกปีงบประมาณ พร้อมชื่อภาษาไทยและภาษาอังกฤษ",
                name.th, unit.th
            ),
        ),
        (
            &format!("{}: values by area", name.en),
            &format!(
                "{} ({}) for every area and fiscal year, with Thai and English labels.",
                name.en, unit.en
            ),
        ),
    );
    t.stem = format!("indicators/{}", indicator.id);
    t.unit = Some(unit.clone());
    t.columns = observation_columns(indicator);
    t.primary_key = vec!["area_id", "year"];
    t.foreign_keys = vec![
        ForeignKey {
            field: "indicator_id",
            resource: "indicators",
        },
        ForeignKey {
            field: "area_id",
            resource: "areas",
        },
        ForeignKey {
            field: "province_code",
            resource: "provinces",
        },
    ];
    let labels = [&indicator.id, &name.th, &name.en, &unit.th, &unit.en].map(|s| text(s));
    for area in &data.areas {
        for o in data.series(&area.id, &indicator.id) {
            let mut row = labels.to_vec();
            row.extend([
                text(&area.id),
                text(&area.name.th),
                text(&area.name.en),
                text(&area.province_code),
            ]);
            let years = [o.year, o.year + BE_OFFSET].map(|y| Cell::Integer(y.into()));
            row.extend(years);
            row.extend([
                number(o.value),
                text(o.status.as_str()),
                text(&o.note.th),
                text(&o.note.en),
            ]);
            t.rows.push(row);
        }
    }
    t
}

fn observation_columns(indicator: &Indicator) -> Vec<Column> {
    let unit = &indicator.unit;
    let mut value = value_column(&format!(
        "The value in {} ({}); blank: missing",
        unit.en, unit.th
    ));
    value.unit = Some(unit.clone());
    let [note_th, note_en] = note_columns();
    let [area_th, area_en] = name_columns("พื้นที่", "Area");
    vec![
        col(
            "indicator_id",
            Kind::String,
            "รหัสตัวชี้วัด",
            "Indicator id",
            "Indicator id (see indicators)",
        )
        .required()
        .pattern(SLUG),
        col(
            "indicator_name_th",
            Kind::String,
            "ชื่อตัวชี้วัด (ไทย)",
            "Indicator name (Thai)",
            "Indicator name in Thai",
        )
        .required(),
        col(
            "indicator_name_en",
            Kind::String,
            "ชื่อตัวชี้วัด (อังกฤษ)",
            "Indicator name (English)",
            "Indicator name in English",
        )
        .required(),
        col(
            "unit_th",
            Kind::String,
            "หน่วย (ไทย)",
            "Unit (Thai)",
            "Unit of the values, in Thai",
        )
        .required(),
        col(
            "unit_en",
            Kind::String,
            "หน่วย (อังกฤษ)",
            "Unit (English)",
            "Unit of the values, in English",
        )
        .required(),
        area_key(),
        Column {
            name: "area_name_th",
            ..area_th
        },
        Column {
            name: "area_name_en",
            ..area_en
        },
        col(
            "province_code",
            Kind::String,
            "รหัสจังหวัด",
            "Province code",
            "ISO 3166-2:TH code of the area's province",
        )
        .required()
        .pattern(PROVINCE_CODE),
        year_column(),
        col(
            "year_be",
            Kind::Integer,
            "ปีงบประมาณ (พ.ศ.)",
            "Fiscal year (B.E.)",
            "The same fiscal year in the Buddhist Era (C.E. + 543)",
        )
        .required()
        .range(YEARS.0 + BE, YEARS.1 + BE),
        value,
        status_column(),
        note_th,
        note_en,
    ]
}

/// A per-indicator JSON file: the indicator's metadata once (both languages, the indicator
/// columns of the data contract), then its observations without the repeated label columns.
#[derive(Serialize)]
struct IndicatorFile<'a> {
    indicator: Row<'a>,
    data_as_of: &'a str,
    licence: &'a str,
    sample: bool,
    observations: Vec<Row<'a>>,
}

/// The per-indicator JSON file of `indicator`, whose observations `table` holds.
pub fn json(site: &Site, indicator: &Indicator, table: &Table) -> Vec<u8> {
    let columns = metadata_columns();
    let cells = metadata_cells(indicator);
    let file = IndicatorFile {
        indicator: Row {
            columns: &columns,
            cells: &cells,
            skip: &[],
        },
        data_as_of: &site.config.data_as_of,
        licence: &site.config.licence,
        sample: site.config.sample,
        observations: jsonout::rows(table, &LABELS),
    };
    jsonout::pretty(&file)
}
