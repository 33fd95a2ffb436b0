//! Indicators: the `indicators` dataset, and one table per indicator with all its observations.
//!
//! A per-indicator download has to be readable alone, so it carries both languages' labels. The
//! CSV stays tidy, one row per observation with the indicator's name and unit repeated on every
//! row (what a pivot table or a chart tool expects); the JSON holds the indicator's metadata once,
//! in an `indicator` object, with the observations beside it.

use serde::Serialize;

use super::jsonout::{self, Row};
use super::schema::*;
use crate::data::{Dataset, Indicator};
use crate::i18n::format::BE_OFFSET;
use crate::site::Site;

/// Buddhist Era offset, widened for the schema's bounds.
const BE: i64 = BE_OFFSET as i64;

/// The indicator columns of the data contract, in its order, with the taxonomy's values.
pub fn metadata_columns(data: &Dataset) -> Vec<Column> {
    contract_table("indicators", Subject::Indicators, data).columns
}

/// One indicator as cells of [`metadata_columns`].
pub fn metadata_cells(i: &Indicator) -> Vec<Cell> {
    vec![
        text(&i.id),
        text(&i.dimension),
        i.theme.as_deref().map_or(Cell::Missing, text),
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
        i.measured_by.as_deref().map_or(Cell::Missing, text),
    ]
}

pub fn dataset(data: &Dataset) -> Table {
    let mut t = contract_table("indicators", Subject::Indicators, data);
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
        refers("indicator_id", "indicators", "indicator_id"),
        refers("area_id", "areas", "area_id"),
        refers("province_code", "provinces", "province_code"),
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
    let mut value = value_column((
        &format!("ค่าในหน่วย {} ช่องว่างคือไม่มีข้อมูล", unit.th),
        &format!("The value in {} ({}); blank: missing", unit.en, unit.th),
    ));
    value.unit = Some(unit.clone());
    let [note_th, note_en] = note_columns();
    let [area_th, area_en] = name_columns("พื้นที่", "Area");
    let label = |name, title: (&str, &str), description: (&str, &str)| {
        col(name, Kind::String, title, description).value_required()
    };
    vec![
        label(
            "indicator_id",
            ("รหัสตัวชี้วัด", "Indicator id"),
            ("รหัสตัวชี้วัด (ดู indicators)", "Indicator id (see indicators)"),
        )
        .pattern(SLUG),
        label(
            "indicator_name_th",
            ("ชื่อตัวชี้วัด (ไทย)", "Indicator name (Thai)"),
            ("ชื่อตัวชี้วัดภาษาไทย", "Indicator name in Thai"),
        ),
        label(
            "indicator_name_en",
            ("ชื่อตัวชี้วัด (อังกฤษ)", "Indicator name (English)"),
            ("ชื่อตัวชี้วัดภาษาอังกฤษ", "Indicator name in English"),
        ),
        label(
            "unit_th",
            ("หน่วย (ไทย)", "Unit (Thai)"),
            ("หน่วยของค่า ภาษาไทย", "Unit of the values, in Thai"),
        ),
        label(
            "unit_en",
            ("หน่วย (อังกฤษ)", "Unit (English)"),
            ("หน่วยของค่า ภาษาอังกฤษ", "Unit of the values, in English"),
        ),
        area_key(),
        Column {
            name: "area_name_th",
            ..area_th
        },
        Column {
            name: "area_name_en",
            ..area_en
        },
        label(
            "province_code",
            ("รหัสจังหวัด", "Province code"),
            (
                "รหัส ISO 3166-2:TH ของจังหวัดที่ตั้งพื้นที่",
                "ISO 3166-2:TH code of the area's province",
            ),
        )
        .pattern(PROVINCE_CODE),
        year_column(),
        col(
            "year_be",
            Kind::Integer,
            ("ปีงบประมาณ (พ.ศ.)", "Fiscal year (B.E.)"),
            (
                "ปีงบประมาณเดียวกันเป็น พ.ศ. (ค.ศ. + 543)",
                "The same fiscal year in the Buddhist Era (C.E. + 543)",
            ),
        )
        .value_required()
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
    let columns = metadata_columns(&site.data);
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
