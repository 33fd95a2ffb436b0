//! The six input datasets as published tables, from the loaded model.
//!
//! Each keeps the columns of the data contract (docs/data-format.md) in its documented order, so a
//! downloaded file can be edited and loaded again. Values come from the checked model, not from the
//! input files, so a download never carries a spreadsheet's quirks (Thai digits, thousands
//! separators, a stray B.E. year): numbers are numbers and years are C.E.

use super::indicator;
use super::schema::*;
use crate::data::Dataset;

/// The six input datasets, in the order of the data contract.
pub fn datasets(data: &Dataset) -> Vec<Table> {
    vec![
        provinces(data),
        areas(data),
        indicator::dataset(data),
        observations(data),
        factories(data),
        levels(data),
    ]
}

fn provinces(data: &Dataset) -> Table {
    let mut t = table(
        "provinces",
        Subject::Provinces,
        (
            "จังหวัดเป้าหมาย",
            "จังหวัดที่มีพื้นที่เป้าหมายเมืองอุตสาหกรรมเชิงนิเวศ พร้อมรหัส ISO 3166-2:TH และชื่อภาษาไทยและภาษาอังกฤษ",
        ),
        (
            "Provinces",
            "Provinces with eco-industrial town target areas: ISO 3166-2:TH code and Thai and English names.",
        ),
    );
    let code = col(
        "province_code",
        Kind::String,
        "รหัสจังหวัด",
        "Province code",
        "ISO 3166-2:TH code",
    )
    .required()
    .unique()
    .pattern(PROVINCE_CODE);
    let [th, en] = name_columns("จังหวัด", "Province");
    t.columns = vec![code, th, en];
    t.primary_key = vec!["province_code"];
    t.rows = data
        .provinces
        .iter()
        .map(|p| vec![text(&p.code), text(&p.name.th), text(&p.name.en)])
        .collect();
    t
}

fn areas(data: &Dataset) -> Table {
    let mut t = table(
        "areas",
        Subject::Areas,
        (
            "พื้นที่เป้าหมาย",
            "พื้นที่เป้าหมายของโครงการเมืองอุตสาหกรรมเชิงนิเวศ จังหวัดที่ตั้ง และระยะของโครงการ",
        ),
        (
            "Target areas",
            "The eco-industrial town programme's target areas, their province and programme phase.",
        ),
    );
    let id = area_key().unique();
    let province = col(
        "province_code",
        Kind::String,
        "รหัสจังหวัด",
        "Province code",
        "ISO 3166-2:TH code of the area's province (see provinces)",
    )
    .required()
    .pattern(PROVINCE_CODE);
    let [th, en] = name_columns("พื้นที่", "Area");
    let phase = col(
        "phase",
        Kind::Integer,
        "ระยะของโครงการ",
        "Programme phase",
        "Programme phase, 1 to 3",
    )
    .required()
    .range(1, 3);
    t.columns = vec![id, province, th, en, phase];
    t.primary_key = vec!["area_id"];
    t.foreign_keys = vec![ForeignKey {
        field: "province_code",
        resource: "provinces",
    }];
    t.rows = data
        .areas
        .iter()
        .map(|a| {
            let phase = Cell::Integer(a.phase.into());
            vec![
                text(&a.id),
                text(&a.province_code),
                text(&a.name.th),
                text(&a.name.en),
                phase,
            ]
        })
        .collect();
    t
}

fn observations(data: &Dataset) -> Table {
    let mut t = table(
        "observations",
        Subject::Observations,
        (
            "ค่าตัวชี้วัดรายพื้นที่",
            "ค่าตัวชี้วัดของแต่ละพื้นที่ต่อปีงบประมาณ (ค.ศ.) หนึ่งค่าต่อแถว ค่าว่างคือไม่มีข้อมูล (ดูเหตุผลในหมายเหตุ)",
        ),
        (
            "Indicator values by area",
            "Each area's indicator values per fiscal year (C.E.), one value per row; a blank value is missing (the note says why).",
        ),
    );
    let indicator = col(
        "indicator_id",
        Kind::String,
        "รหัสตัวชี้วัด",
        "Indicator id",
        "Indicator id (see indicators)",
    )
    .required()
    .pattern(SLUG);
    let [note_th, note_en] = note_columns();
    let value = value_column("The value, in the indicator's unit (see indicators); blank: missing");
    t.columns = vec![
        area_key(),
        indicator,
        year_column(),
        value,
        status_column(),
        note_th,
        note_en,
    ];
    t.primary_key = vec!["area_id", "indicator_id", "year"];
    t.foreign_keys = vec![
        ForeignKey {
            field: "area_id",
            resource: "areas",
        },
        ForeignKey {
            field: "indicator_id",
            resource: "indicators",
        },
    ];
    t.rows = data
        .observations
        .iter()
        .map(|o| {
            let year = Cell::Integer(o.year.into());
            let (id, indicator) = (text(&o.area_id), text(&o.indicator_id));
            let (status, th, en) = (text(o.status.as_str()), text(&o.note.th), text(&o.note.en));
            vec![id, indicator, year, number(o.value), status, th, en]
        })
        .collect();
    t
}

fn factories(data: &Dataset) -> Table {
    let mut t = table(
        "factories",
        Subject::Factories,
        (
            "จำนวนโรงงาน",
            "จำนวนโรงงานในขอบเขตโครงการ และจำนวนโรงงานที่ได้รับการยกระดับเป็น Eco Factory +SV (สะสม) ของแต่ละพื้นที่ต่อปีงบประมาณ",
        ),
        (
            "Factory counts",
            "Factories in the programme's scope and factories upgraded to Eco Factory +SV so far (cumulative), per area and fiscal year.",
        ),
    );
    let total = col(
        "factories_total",
        Kind::Integer,
        "โรงงานในขอบเขตโครงการ",
        "Factories in scope",
        "Factories in the programme's scope that year",
    )
    .required()
    .range(0, i64::from(u32::MAX));
    let upgraded = col(
        "factories_upgraded",
        Kind::Integer,
        "โรงงานที่ได้รับการยกระดับ (สะสม)",
        "Factories upgraded (cumulative)",
        "Factories upgraded to Eco Factory +SV so far (cumulative)",
    )
    .required()
    .range(0, i64::from(u32::MAX));
    t.columns = vec![area_key(), year_column(), total, upgraded];
    t.primary_key = vec!["area_id", "year"];
    t.foreign_keys = vec![ForeignKey {
        field: "area_id",
        resource: "areas",
    }];
    t.rows = data
        .factories
        .iter()
        .map(|f| {
            let counts = [f.year.into(), f.total.into(), f.upgraded.into()].map(Cell::Integer);
            let [year, total, upgraded] = counts;
            vec![text(&f.area_id), year, total, upgraded]
        })
        .collect();
    t
}

fn levels(data: &Dataset) -> Table {
    let mut t = table(
        "levels",
        Subject::Levels,
        (
            "ระดับเมืองอุตสาหกรรมเชิงนิเวศ",
            "ระดับของแต่ละพื้นที่ตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศของกรมโรงงานอุตสาหกรรม (ระดับ 1–5) ต่อปีงบประมาณ",
        ),
        (
            "Eco-industrial town levels",
            "Each area's level under the DIW eco-industrial town criteria (levels 1 to 5), per fiscal year.",
        ),
    );
    let level = col(
        "level",
        Kind::Integer,
        "ระดับ",
        "Level",
        "Eco-industrial town level: 1 Engagement, 2 Enhancement, 3 to 5",
    )
    .required()
    .range(1, 5);
    t.columns = vec![area_key(), year_column(), level];
    t.primary_key = vec!["area_id", "year"];
    t.foreign_keys = vec![ForeignKey {
        field: "area_id",
        resource: "areas",
    }];
    t.rows = data
        .levels
        .iter()
        .map(|l| {
            vec![
                text(&l.area_id),
                Cell::Integer(l.year.into()),
                Cell::Integer(l.level.into()),
            ]
        })
        .collect();
    t
}
