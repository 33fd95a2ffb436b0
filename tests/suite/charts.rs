//! Chart tests: every chart kind in Thai and English, compared with committed SVG snapshots, and
//! checked for accessibility, Thai years, gaps, markers, label fit, determinism and XML syntax.
//!
//! Snapshots live in `tests/snapshots/`. A missing snapshot is written on first run; set
//! `UPDATE_SNAPSHOTS=1` to rewrite them after an intended change (and review the diff).
//!
//! Long because each chart kind has its own layout rules at phone width, each pinned by a test and
//! a snapshot.

use std::path::PathBuf;

use ecotown::charts::{self, Chart, MapProvince, Size};
use ecotown::data::{Area, Direction, Indicator, Lang, Observation, Target, Text, ValueStatus};
use ecotown::i18n::Strings;

/// The chart strings, as the lead adds them to `templates/i18n/{th,en}.toml`.
const STRINGS: &[(&str, &str, &str)] = &[
    ("chart_base_year", "ปีฐาน", "base year"),
    (
        "chart_comparison_desc",
        "ค่าล่าสุดของ {count} พื้นที่ เรียงจากดีที่สุด ตั้งแต่ {best} ({best_value}) ถึง {worst} ({worst_value})",
        "latest values in {count} areas, best first: from {best} ({best_value}) to {worst} ({worst_value})",
    ),
    (
        "chart_comparison_target",
        "{met} จาก {count} พื้นที่ถึงเป้าหมาย {target} แล้ว",
        "{met} of {count} areas meet the target of {target}",
    ),
    (
        "chart_comparison_title",
        "{indicator} ค่าล่าสุดรายพื้นที่",
        "{indicator}: latest value by area",
    ),
    (
        "chart_estimated_years",
        "ค่าประมาณ: ปี {years}",
        "estimated: {years}",
    ),
    (
        "chart_factory_history_desc",
        "โรงงานที่ยกระดับแล้ว {from} โรงงานในปี {from_year} และ {to} จาก {total} โรงงาน ({percent}) ในปี {to_year}",
        "factories upgraded: {from} in {from_year}, {to} of {total} ({percent}) in {to_year}",
    ),
    (
        "chart_factory_history_title",
        "การยกระดับโรงงานรายปีงบประมาณ",
        "Factory upgrades by fiscal year",
    ),
    (
        "chart_factory_progress_desc",
        "ยกระดับแล้ว {upgraded} จาก {total} โรงงาน ({percent}) คงเหลือ {remaining} โรงงาน",
        "{upgraded} of {total} factories upgraded ({percent}); {remaining} remaining",
    ),
    (
        "chart_factory_progress_range",
        "สัดส่วนสูงสุด {high} ({high_percent}) ต่ำสุด {low} ({low_percent})",
        "highest share {high} ({high_percent}), lowest {low} ({low_percent})",
    ),
    (
        "chart_factory_progress_title",
        "ความคืบหน้าการยกระดับโรงงาน",
        "Factory upgrade progress",
    ),
    ("chart_gap_years", "ไม่มีข้อมูลปี {years}", "no data for {years}"),
    (
        "chart_level_desc",
        "ระดับ {from} ในปี {from_year} และระดับ {to} ในปี {to_year}",
        "level {from} in {from_year}, level {to} in {to_year}",
    ),
    (
        "chart_level_single",
        "ระดับ {to} ในปี {to_year}",
        "level {to} in {to_year}",
    ),
    (
        "chart_level_title",
        "ระดับเมืองอุตสาหกรรมเชิงนิเวศ {area}",
        "Eco-industrial town level: {area}",
    ),
    (
        "chart_map_desc",
        "จังหวัดเป้าหมาย {count} จังหวัดแรเงาตามสัดส่วนโรงงานที่ยกระดับแล้ว ตั้งแต่ {min} ({min_name}) ถึง {max} ({max_name}) จังหวัดอื่นแสดงเป็นสีเทา",
        "{count} target provinces shaded by the share of factories upgraded, from {min} ({min_name}) to {max} ({max_name}); other provinces in grey",
    ),
    ("chart_map_legend", "โรงงานที่ยกระดับแล้ว", "Factories upgraded"),
    ("chart_map_no_data", "ไม่มีข้อมูล", "no data"),
    ("chart_map_other", "จังหวัดอื่น", "other provinces"),
    (
        "chart_map_province",
        "{name}: ยกระดับแล้ว {percent}",
        "{name}: {percent} upgraded",
    ),
    (
        "chart_map_title",
        "สัดส่วนโรงงานที่ยกระดับแล้วรายจังหวัด",
        "Share of factories upgraded by province",
    ),
    ("chart_no_data", "ไม่มีข้อมูล", "no data"),
    ("chart_note", "หมายเหตุ", "Note"),
    (
        "chart_provisional_areas",
        "ข้อมูลเบื้องต้น: {names}",
        "provisional: {names}",
    ),
    (
        "chart_provisional_years",
        "ข้อมูลเบื้องต้น: ปี {years}",
        "provisional: {years}",
    ),
    ("chart_remaining", "คงเหลือ", "remaining"),
    (
        "chart_series_title",
        "{indicator} – {area}",
        "{indicator} – {area}",
    ),
    ("chart_share_upgraded", "ร้อยละที่ยกระดับแล้ว", "Share upgraded"),
    ("chart_target", "เป้าหมาย", "target"),
    (
        "chart_trend_fell",
        "ลดลงจาก {from} ในปี {from_year} เป็น {to} ในปี {to_year}",
        "fell from {from} in {from_year} to {to} in {to_year}",
    ),
    (
        "chart_trend_flat",
        "คงที่ที่ {to} ตั้งแต่ปี {from_year} ถึงปี {to_year}",
        "unchanged at {to} from {from_year} to {to_year}",
    ),
    (
        "chart_trend_rose",
        "เพิ่มขึ้นจาก {from} ในปี {from_year} เป็น {to} ในปี {to_year}",
        "rose from {from} in {from_year} to {to} in {to_year}",
    ),
    (
        "chart_trend_single",
        "{to} ในปี {to_year}",
        "{to} in {to_year}",
    ),
    (
        "chart_trend_target",
        "เป้าหมาย {target} ภายในปี {year}",
        "target {target} by {year}",
    ),
    ("chart_unit", "หน่วย: {unit}", "unit: {unit}"),
    ("chart_upgraded", "ยกระดับแล้ว", "upgraded"),
    ("chart_value", "ค่า", "Value"),
    ("col_area", "พื้นที่", "Area"),
    ("col_factories_remaining", "คงเหลือ", "Remaining"),
    (
        "col_factories_total",
        "โรงงานในโครงการ",
        "Factories in scope",
    ),
    ("col_factories_upgraded", "ยกระดับแล้ว", "Upgraded"),
    ("col_level", "ระดับ", "Level"),
    ("col_province", "จังหวัด", "Province"),
    ("col_status", "สถานะข้อมูล", "Data status"),
    ("col_year", "ปีงบประมาณ", "Fiscal year"),
    ("level_number", "ระดับ {level}", "Level {level}"),
    (
        "chart_flows_title",
        "การไหลของวัสดุ {area} {year}",
        "Material flows: {area}, {year}",
    ),
    (
        "chart_flows_kept",
        "ร้อยละ {share} ({total}) อยู่ในพื้นที่",
        "{share} ({total}) stay in the area",
    ),
    (
        "chart_flows_exchanged",
        "แลกเปลี่ยน {tonnes}",
        "{tonnes} exchanged",
    ),
    ("col_flow_from", "จาก", "From"),
    ("col_flow_to", "ไปยัง", "To"),
    ("col_material", "วัสดุ", "Material"),
    ("col_quantity", "ปริมาณ", "Quantity"),
    ("flow_category_by_product", "ผลพลอยได้", "By-product"),
    ("flow_category_product", "ผลิตภัณฑ์รีไซเคิล", "Recycled product"),
    ("flow_category_waste", "ของเสีย", "Waste"),
    (
        "flow_returns",
        "ไหลกลับ (วงจรรีไซเคิล)",
        "Returned (recycling loop)",
    ),
    ("flow_unit_tonnes", "ตัน/ปี", "t/yr"),
    ("status_estimated", "ค่าประมาณ", "estimated"),
    ("status_final", "ข้อมูลสมบูรณ์", "final"),
    ("status_missing", "ไม่มีข้อมูล", "no data"),
    ("status_provisional", "ข้อมูลเบื้องต้น", "provisional"),
];

fn strings() -> Strings {
    let mut s = Strings::default();
    for (key, th, en) in STRINGS {
        s.th.insert((*key).to_string(), (*th).to_string());
        s.en.insert((*key).to_string(), (*en).to_string());
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Fixed inputs

fn energy() -> Indicator {
    Indicator {
        id: "energy-intensity".into(),
        dimension: "environmental".into(),
        theme: Some("energy".into()),
        name: Text::new("ความเข้มการใช้พลังงาน", "Energy intensity"),
        unit: Text::new("กิโลวัตต์ชั่วโมงต่อตันผลิตภัณฑ์", "kWh per tonne of product"),
        direction: Direction::Decrease,
        decimals: 0,
        base_year: Some(2016),
        target: Some(Target {
            value: 600.0,
            year: 2027,
        }),
        source: Text::new("กรมโรงงานอุตสาหกรรม", "Department of Industrial Works"),
        measured_by: None,
        line: 2,
    }
}

fn map_ta_phut() -> Area {
    Area {
        id: "rayong-map-ta-phut".into(),
        province_code: "TH-21".into(),
        name: Text::new("เขตควบคุมมลพิษมาบตาพุด", "Map Ta Phut Pollution Control Zone"),
        phase: 1,
        line: 8,
    }
}

fn obs(year: i32, value: Option<f64>, status: ValueStatus) -> Observation {
    Observation {
        area_id: "rayong-map-ta-phut".into(),
        indicator_id: "energy-intensity".into(),
        year,
        value,
        status,
        note: Text::default(),
        line: 1,
    }
}

/// 2016–2021 with 2019 blank (a gap), 2020 estimated and 2021 provisional.
fn energy_series() -> Vec<Observation> {
    vec![
        obs(2016, Some(812.0), ValueStatus::Final),
        obs(2017, Some(787.0), ValueStatus::Final),
        obs(2018, Some(762.0), ValueStatus::Final),
        obs(2019, None, ValueStatus::Final),
        obs(2020, Some(690.0), ValueStatus::Estimated),
        obs(2021, Some(655.0), ValueStatus::Provisional),
    ]
}

const AREAS: &[(&str, &str)] = &[
    ("สมุทรปราการ", "Samut Prakan"),
    ("ตำบลบางกะดี", "Tambon Bang Kadi"),
    ("อำเภอลาดหลุมแก้ว", "Amphoe Lat Lum Kaeo"),
    ("พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("สระบุรี", "Saraburi"),
    ("ชลบุรี", "Chon Buri"),
    ("เขตควบคุมมลพิษมาบตาพุด", "Map Ta Phut Pollution Control Zone"),
    ("เขตประกอบการไออาร์พีซี", "IRPC Industrial Zone"),
    ("ฉะเชิงเทรา", "Chachoengsao"),
    ("ปราจีนบุรี", "Prachin Buri"),
    ("นครราชสีมา", "Nakhon Ratchasima"),
    ("ขอนแก่น", "Khon Kaen"),
    ("ราชบุรี", "Ratchaburi"),
    ("นครปฐม", "Nakhon Pathom"),
    ("สมุทรสาคร", "Samut Sakhon"),
    ("สุราษฎร์ธานี", "Surat Thani"),
    ("ตำบลฉลุง", "Tambon Chalung"),
    ("อำเภอสะเดา", "Amphoe Sadao"),
];

fn name(lang: Lang, i: usize) -> String {
    let (th, en) = AREAS[i % AREAS.len()];
    match lang {
        Lang::Th => th.to_string(),
        Lang::En => en.to_string(),
    }
}

fn comparison_rows(lang: Lang) -> Vec<(String, f64, i32, ValueStatus)> {
    (0..AREAS.len())
        .map(|i| {
            let value = 560.0 + ((i * 37) % 300) as f64;
            let year = if i == 4 { 2020 } else { 2021 };
            let status = if i % 5 == 0 {
                ValueStatus::Provisional
            } else {
                ValueStatus::Final
            };
            (name(lang, i), value, year, status)
        })
        .collect()
}

fn progress_rows(lang: Lang) -> Vec<(String, u32, u32)> {
    vec![
        (name(lang, 6), 120, 300),
        (name(lang, 7), 45, 60),
        (name(lang, 3), 0, 410),
        (name(lang, 16), 98, 98),
    ]
}

/// Names long enough to wrap to two lines, and one that must be shortened.
fn long_rows(lang: Lang) -> Vec<(String, u32, u32)> {
    let names = match lang {
        Lang::Th => [
            "เขตควบคุมมลพิษมาบตาพุดและพื้นที่ต่อเนื่องในจังหวัดระยอง",
            "เขตประกอบการอุตสาหกรรมไออาร์พีซีจังหวัดระยองและพื้นที่ใกล้เคียงทั้งหมดตามแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ",
            "ระยอง",
        ],
        Lang::En => [
            "Map Ta Phut Pollution Control Zone and neighbouring tambons of Mueang Rayong",
            "IRPC Industrial Zone with every neighbouring community in the national economic and social development plan",
            "Rayong",
        ],
    };
    names
        .iter()
        .zip([(10, 100), (5, 50), (1, 2)])
        .map(|(n, (u, t))| (n.to_string(), u, t))
        .collect()
}

/// The factory charts' places (their ids; no place in the title, as the golden files have it).
const RAYONG: charts::ChartPlace = charts::ChartPlace {
    key: "th-21",
    place: None,
};
const ALL: charts::ChartPlace = charts::ChartPlace {
    key: "all-areas",
    place: None,
};
const NATIONAL: charts::ChartPlace = charts::ChartPlace {
    key: "national",
    place: None,
};

fn history() -> Vec<(i32, u32, u32)> {
    vec![
        (2016, 4380, 150),
        (2017, 4410, 420),
        (2018, 4440, 780),
        (2019, 4460, 1110),
        (2020, 4480, 1450),
        (2021, 4494, 1760),
    ]
}

fn levels() -> Vec<(i32, u8)> {
    vec![
        (2016, 1),
        (2017, 1),
        (2018, 2),
        (2020, 3),
        (2021, 3),
        (2022, 4),
    ]
}

const TARGET_PROVINCES: &[(&str, &str, &str)] = &[
    ("TH-11", "สมุทรปราการ", "Samut Prakan"),
    ("TH-13", "ปทุมธานี", "Pathum Thani"),
    ("TH-14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    ("TH-19", "สระบุรี", "Saraburi"),
    ("TH-20", "ชลบุรี", "Chon Buri"),
    ("TH-21", "ระยอง", "Rayong"),
    ("TH-24", "ฉะเชิงเทรา", "Chachoengsao"),
    ("TH-25", "ปราจีนบุรี", "Prachin Buri"),
    ("TH-30", "นครราชสีมา", "Nakhon Ratchasima"),
    ("TH-40", "ขอนแก่น", "Khon Kaen"),
    ("TH-70", "ราชบุรี", "Ratchaburi"),
    ("TH-73", "นครปฐม", "Nakhon Pathom"),
    ("TH-74", "สมุทรสาคร", "Samut Sakhon"),
    ("TH-84", "สุราษฎร์ธานี", "Surat Thani"),
    ("TH-90", "สงขลา", "Songkhla"),
];

fn map_provinces(lang: Lang) -> Vec<MapProvince> {
    TARGET_PROVINCES
        .iter()
        .enumerate()
        .map(|(i, (iso, th, en))| MapProvince {
            iso: (*iso).to_string(),
            name: if lang == Lang::Th {
                (*th).to_string()
            } else {
                (*en).to_string()
            },
            url: format!("../provinces/{}/", iso.to_ascii_lowercase()),
            share_upgraded: if i == 9 {
                None
            } else {
                Some((i as f64 * 0.067) % 1.0)
            },
        })
        .collect()
}

/// Every chart kind in one language, with a file name for its snapshot.
fn all_charts(lang: Lang) -> Vec<(String, Chart)> {
    let s = strings();
    let l = lang.code();
    let mut charts = vec![
        (
            format!("series-full-{l}"),
            charts::time_series(
                lang,
                &energy(),
                &map_ta_phut(),
                &energy_series(),
                &s,
                Size::Full,
            ),
        ),
        (
            format!("series-compact-{l}"),
            charts::time_series(
                lang,
                &energy(),
                &map_ta_phut(),
                &energy_series(),
                &s,
                Size::Compact,
            ),
        ),
        (
            format!("comparison-{l}"),
            charts::comparison(lang, &energy(), &comparison_rows(lang), &s),
        ),
        (
            format!("factory-progress-{l}"),
            charts::factory_progress(lang, RAYONG, &progress_rows(lang), &s),
        ),
        (
            format!("factory-progress-long-{l}"),
            charts::factory_progress(lang, ALL, &long_rows(lang), &s),
        ),
        (
            format!("factory-history-{l}"),
            charts::factory_history(lang, NATIONAL, &history(), &s),
        ),
        (
            format!("levels-{l}"),
            charts::level_history(lang, &map_ta_phut(), &levels(), 5, &s),
        ),
        (
            format!("map-{l}"),
            charts::province_map(lang, &map_provinces(lang), &s),
        ),
    ];
    // The material-flow diagram in each shape its layout has a rule for.
    for shape in ["chain", "fan", "loop", "single"] {
        let flows = flow_shape(shape);
        let chart = charts::material_flows(lang, &map_ta_phut(), 2021, &flows, &s)
            .expect("the shape has flows in tonnes");
        charts.push((format!("flows-{shape}-{l}"), chart));
    }
    charts
}

/// Material flows of Map Ta Phut in FY2021 in one shape: a chain (A → B → C), a fan in and out
/// (two into one, one into two), a recycling loop, or a single flow.
fn flow_shape(shape: &str) -> ecotown::data::flows::Flows {
    use ecotown::data::flows::{Flow, FlowNode, Flows, Material, Unit};
    let node = |id: &str, kind: &str, th: &str, en: &str| FlowNode {
        id: id.into(),
        kind: kind.into(),
        name: Text::new(th, en),
        balance_tolerance: None,
        line: 2,
    };
    let material = |id: &str, category: &str, th: &str, en: &str| Material {
        id: id.into(),
        name: Text::new(th, en),
        category: category.into(),
        hazardous: false,
        line: 2,
    };
    let flow = |source: &str, target: &str, material: &str, quantity: f64| Flow {
        area_id: "rayong-map-ta-phut".into(),
        year: 2021,
        source: source.into(),
        target: target.into(),
        material: material.into(),
        quantity,
        unit: Unit::Tonnes,
        status: ValueStatus::Final,
        note: Text::default(),
        line: 2,
    };
    let flows = match shape {
        "chain" => vec![
            flow("power", "cement", "fly-ash", 40_000.0),
            flow("cement", "landfill", "waste", 3_000.0),
        ],
        "fan" => vec![
            flow("power", "cement", "fly-ash", 40_000.0),
            flow("petrochem", "cement", "waste", 12_000.0),
            flow("cement", "landfill", "waste", 3_000.0),
            flow("cement", "community", "fly-ash", 8_000.0),
        ],
        "loop" => vec![
            flow("petrochem", "recyclers", "waste", 12_000.0),
            flow("recyclers", "petrochem", "pellets", 10_500.0),
            flow("recyclers", "landfill", "waste", 1_500.0),
        ],
        _ => vec![flow("power", "cement", "fly-ash", 40_000.0)],
    };
    Flows {
        materials: vec![
            material("fly-ash", "by-product", "เถ้าลอย", "Fly ash"),
            material("waste", "waste", "ของเสีย", "Waste"),
            material("pellets", "product", "เม็ดพลาสติกรีไซเคิล", "Recycled pellets"),
        ],
        nodes: vec![
            node(
                "power",
                "factory-group",
                "โรงไฟฟ้าและผลิตไอน้ำ",
                "Power and steam plants",
            ),
            node("cement", "factory-group", "โรงงานปูนซีเมนต์", "Cement plants"),
            node(
                "petrochem",
                "factory-group",
                "โรงงานปิโตรเคมี",
                "Petrochemical plants",
            ),
            node(
                "recyclers",
                "factory-group",
                "โรงงานรีไซเคิลพลาสติก",
                "Plastic recyclers",
            ),
            node("landfill", "treatment", "หลุมฝังกลบ", "Landfill"),
            node(
                "community",
                "community",
                "ชุมชนรอบพื้นที่",
                "Surrounding communities",
            ),
        ],
        flows,
        links: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Compares `actual` with the committed snapshot, writing it when missing or when asked to.
fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_dir().join(format!("{name}.svg"));
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    if update || !path.exists() {
        std::fs::create_dir_all(snapshot_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    if expected == actual {
        return;
    }
    let (e_lines, a_lines): (Vec<&str>, Vec<&str>) =
        (expected.lines().collect(), actual.lines().collect());
    let first = e_lines
        .iter()
        .zip(&a_lines)
        .position(|(e, a)| e != a)
        .unwrap_or(e_lines.len().min(a_lines.len()));
    panic!(
        "chart '{name}' differs from {} at line {}:\n  expected: {}\n  actual:   {}\n({} vs {} lines). \
         If the change is intended, run `UPDATE_SNAPSHOTS=1 cargo test --test suite charts::` and review the diff.",
        path.display(),
        first + 1,
        e_lines.get(first).unwrap_or(&"<end of file>"),
        a_lines.get(first).unwrap_or(&"<end of file>"),
        e_lines.len(),
        a_lines.len()
    );
}

/// The text content of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn snapshots_match() {
    for lang in Lang::ALL {
        for (name, chart) in all_charts(lang) {
            assert_snapshot(&name, &chart.svg);
        }
    }
}

#[test]
fn charts_are_accessible_and_well_formed() {
    for lang in Lang::ALL {
        for (name, chart) in all_charts(lang) {
            let svg = &chart.svg;
            assert!(
                svg.starts_with("<svg "),
                "{name}: no XML declaration, SVG first"
            );
            assert!(
                svg.contains(r#"width="100%""#) && svg.contains("viewBox=\"0 0 "),
                "{name}"
            );
            assert!(
                !svg.contains("height=\"") || !svg[..svg.find('>').unwrap()].contains("height="),
                "{name}: no fixed height"
            );
            let role = if name.starts_with("map") {
                "group"
            } else {
                "img"
            };
            assert!(svg.contains(&format!(r#"role="{role}""#)), "{name}");
            assert!(
                svg.contains(&format!(r#"<title id="{}-title">"#, chart.id)),
                "{name}"
            );
            assert!(
                svg.contains(&format!(r#"<desc id="{}-desc">"#, chart.id)),
                "{name}"
            );
            assert!(!chart.title.is_empty() && !chart.desc.is_empty(), "{name}");
            assert!(
                !svg.contains("http://") && !svg.contains("https://"),
                "{name}: no external references"
            );
            assert!(
                svg.contains("Ecotown Sans, Noto Sans Thai, Noto Sans, sans-serif"),
                "{name}"
            );
            let standalone = chart.standalone_svg(lang);
            let doc = roxmltree::Document::parse(&standalone).expect("standalone SVG parses");
            assert_eq!(
                doc.root_element().tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            // A file on its own has no page to inherit a language from.
            assert_eq!(
                doc.root_element()
                    .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
                Some(lang.code()),
                "{name}: xml:lang"
            );
            texts(svg);
            assert!(chart.csv.starts_with('\u{FEFF}'), "{name}: CSV has a BOM");
            assert!(
                !chart.table.header.is_empty() && !chart.table.caption.is_empty(),
                "{name}"
            );
            for row in &chart.table.rows {
                assert_eq!(
                    row.len(),
                    chart.table.header.len(),
                    "{name}: table rows match the header"
                );
            }
        }
    }
}

#[test]
fn labels_fit_their_boxes() {
    for lang in Lang::ALL {
        for (name, chart) in all_charts(lang) {
            let problems = charts::check_labels(&chart);
            assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
            assert!(!chart.boxes.is_empty(), "{name}");
        }
    }
}

#[test]
fn output_is_deterministic() {
    for lang in Lang::ALL {
        let a = all_charts(lang);
        let b = all_charts(lang);
        for ((name, x), (_, y)) in a.iter().zip(&b) {
            assert_eq!(x, y, "{name} differs between two runs");
        }
    }
}

#[test]
fn thai_series_uses_buddhist_era_years() {
    let s = strings();
    let th = charts::time_series(
        Lang::Th,
        &energy(),
        &map_ta_phut(),
        &energy_series(),
        &s,
        Size::Full,
    );
    let axis = texts(&th.svg);
    assert!(axis.iter().any(|t| t == "2564"), "{axis:?}");
    assert!(
        axis.iter().any(|t| t == "2570"),
        "the axis runs to the target year: {axis:?}"
    );
    assert!(!axis.iter().any(|t| t.contains("2016")), "{axis:?}");
    assert!(
        th.desc
            .starts_with("ลดลงจาก 812 ในปี 2559 เป็น 655 ในปี 2564 เป้าหมาย 600 ภายในปี 2570"),
        "{}",
        th.desc
    );
    assert!(th.desc.contains("ไม่มีข้อมูลปี 2562"), "{}", th.desc);
    assert!(th.desc.contains("ข้อมูลเบื้องต้น: ปี 2564"), "{}", th.desc);
    assert_eq!(th.id, "ts-rayong-map-ta-phut-energy-intensity-th");
    assert_eq!(th.table.rows[0][0], "2559");
    assert_eq!(th.table.rows[3][1], "–");
    assert!(th.csv.contains("year,year_be,value"), "{}", th.csv);
    assert!(
        th.csv
            .contains("rayong-map-ta-phut,energy-intensity,2016,2559,812,"),
        "{}",
        th.csv
    );

    let en = charts::time_series(
        Lang::En,
        &energy(),
        &map_ta_phut(),
        &energy_series(),
        &s,
        Size::Full,
    );
    let axis = texts(&en.svg);
    assert!(axis.iter().any(|t| t == "FY2027"), "{axis:?}");
    assert!(!axis.iter().any(|t| t.contains("2559")), "{axis:?}");
    assert!(
        en.desc
            .starts_with("Fell from 812 in FY2016 to 655 in FY2021; target 600 by FY2027"),
        "{}",
        en.desc
    );
    assert!(!en.csv.contains("year_be"));
}

#[test]
fn gaps_break_the_line_and_statuses_have_their_own_markers() {
    let s = strings();
    let chart = charts::time_series(
        Lang::En,
        &energy(),
        &map_ta_phut(),
        &energy_series(),
        &s,
        Size::Full,
    );
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let series_lines = lines_stroked(&doc, "#0072B2");
    assert_eq!(
        series_lines, 2,
        "2016–2018 is one line, 2020–2021 another (2019 is blank)"
    );
    let rings: usize = doc
        .descendants()
        .filter(|n| n.attribute("fill") == Some("none") && n.attribute("stroke") == Some("#0072B2"))
        .map(|n| subpaths(n).filter(|d| d.contains('a')).count())
        .sum();
    assert_eq!(
        rings, 2,
        "one provisional point drawn hollow, and its legend key"
    );
    let diamonds: usize = doc
        .descendants()
        .filter(|n| n.attribute("fill") == Some("#0072B2"))
        .map(|n| subpaths(n).filter(|d| d.ends_with('Z')).count())
        .sum();
    assert!(diamonds >= 1, "the estimated point is a diamond");
    assert!(
        chart.svg.contains(r#"stroke-dasharray="6 4""#),
        "target line dashed"
    );
    assert!(
        chart.svg.contains(r#"stroke-dasharray="2 3""#),
        "base year dotted"
    );
    let texts = texts(&chart.svg);
    assert!(texts.iter().any(|t| t == "target 600"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "base year"), "{texts:?}");
}

#[test]
fn a_series_split_by_a_gap_draws_two_lines() {
    let s = strings();
    let mut series = energy_series();
    series[4].status = ValueStatus::Final;
    series[5].status = ValueStatus::Final;
    let chart = charts::time_series(
        Lang::Th,
        &energy(),
        &map_ta_phut(),
        &series,
        &s,
        Size::Compact,
    );
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    assert_eq!(lines_stroked(&doc, "#0072B2"), 2);
}

/// How many separate lines are drawn in `colour`: the open, straight subpaths of its paths
/// (shapes painted alike are written as one path; a marker is a subpath of arcs, a diamond one
/// closed with Z).
fn lines_stroked(doc: &roxmltree::Document, colour: &str) -> usize {
    doc.descendants()
        .filter(|n| n.attribute("stroke") == Some(colour))
        .map(|n| {
            subpaths(n)
                .filter(|d| !d.contains('a') && !d.ends_with('Z'))
                .count()
        })
        .sum()
}

/// A path's subpaths, each from its `M` (a polyline is one).
fn subpaths<'a>(node: roxmltree::Node<'a, 'a>) -> Box<dyn Iterator<Item = String> + 'a> {
    match node.tag_name().name() {
        "polyline" => Box::new(std::iter::once(String::new())),
        "path" => Box::new(
            node.attribute("d")
                .unwrap_or("")
                .split('M')
                .filter(|d| !d.trim().is_empty())
                .map(|d| d.trim().to_string()),
        ),
        _ => Box::new(std::iter::empty()),
    }
}

#[test]
fn the_map_has_77_provinces_and_15_links() {
    let s = strings();
    for lang in Lang::ALL {
        let chart = charts::province_map(lang, &map_provinces(lang), &s);
        let doc = roxmltree::Document::parse(&chart.svg).unwrap();
        let shapes = doc
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("data-iso").is_some())
            .count();
        assert_eq!(shapes, 77);
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 15);
        for link in &links {
            assert!(
                link.attribute("href")
                    .is_some_and(|h| h.starts_with("../provinces/th-"))
            );
            let title = link
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or("");
            assert!(!title.is_empty());
        }
        assert!(
            chart
                .svg
                .contains("© OpenStreetMap contributors, ODbL · geoBoundaries")
        );
        assert!(
            chart.svg.len() < 150_000,
            "map is {} bytes",
            chart.svg.len()
        );
        assert_eq!(chart.table.rows.len(), 15);
    }
    let th = charts::province_map(Lang::Th, &map_provinces(Lang::Th), &s);
    assert!(
        th.svg.contains("<title>ระยอง: ยกระดับแล้ว 33.5%</title>"),
        "{}",
        &th.svg[..2000]
    );
}

#[test]
fn comparison_sorts_best_first_and_fits_long_thai_names() {
    let s = strings();
    let chart = charts::comparison(Lang::Th, &energy(), &comparison_rows(Lang::Th), &s);
    // Lower is better for energy intensity: values ascend down the table.
    let values: Vec<f64> = chart
        .table
        .rows
        .iter()
        .map(|r| r[1].replace(',', "").parse().unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "{values:?}");
    let texts = texts(&chart.svg);
    assert!(
        texts.iter().any(|t| t.starts_with("เป้าหมาย 600")),
        "{texts:?}"
    );
    // The older value says which year it is from.
    assert!(texts.iter().any(|t| t.contains("(2563)")), "{texts:?}");
    assert!(charts::check_labels(&chart).is_empty());
}

#[test]
fn strings_cover_every_key() {
    let keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
    for key in charts::KEYS {
        assert!(keys.contains(key), "{key} has no test text");
    }
}

#[test]
fn degenerate_input_does_not_panic() {
    let s = strings();
    let mut no_target = energy();
    no_target.target = None;
    no_target.base_year = None;
    for lang in Lang::ALL {
        let charts = [
            charts::time_series(lang, &no_target, &map_ta_phut(), &[], &s, Size::Compact),
            charts::time_series(
                lang,
                &energy(),
                &map_ta_phut(),
                &[obs(2016, Some(f64::NAN), ValueStatus::Final)],
                &s,
                Size::Full,
            ),
            charts::time_series(
                lang,
                &no_target,
                &map_ta_phut(),
                &[obs(2016, Some(5.0), ValueStatus::Final)],
                &s,
                Size::Full,
            ),
            charts::comparison(lang, &energy(), &[], &s),
            charts::comparison(
                lang,
                &energy(),
                &[("=x".into(), -5.0, 2021, ValueStatus::Estimated)],
                &s,
            ),
            charts::factory_progress(lang, ALL, &[], &s),
            charts::factory_progress(lang, ALL, &[("a".into(), 9, 3), ("b".into(), 0, 0)], &s),
            charts::factory_history(lang, NATIONAL, &[], &s),
            charts::level_history(lang, &map_ta_phut(), &[], 5, &s),
            charts::level_history(lang, &map_ta_phut(), &[(2016, 0), (2016, 9)], 5, &s),
            charts::province_map(lang, &[], &s),
        ];
        for chart in &charts {
            roxmltree::Document::parse(&chart.svg).expect("well-formed");
            assert!(
                charts::check_labels(chart).is_empty(),
                "{:?}",
                charts::check_labels(chart)
            );
        }
        assert!(
            charts[4].csv.contains("'=x"),
            "formula neutralised: {}",
            charts[4].csv
        );
    }
}

/// Every series of the sample site, in both sizes and languages, lays out without a label
/// overflowing or overlapping.
#[test]
fn every_sample_series_has_clean_labels() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let data = ecotown::data::load_dataset(&root, &mut diags);
    let s = strings();
    let mut problems = Vec::new();
    for area in &data.areas {
        for indicator in &data.indicators {
            let series = data.series(&area.id, &indicator.id);
            for lang in Lang::ALL {
                for size in [Size::Compact, Size::Full] {
                    let chart = charts::time_series(lang, indicator, area, series, &s, size);
                    problems.extend(charts::check_labels(&chart));
                }
            }
        }
        for lang in Lang::ALL {
            let levels: Vec<(i32, u8)> = data
                .levels_of(&area.id)
                .iter()
                .map(|l| (l.year, l.level))
                .collect();
            problems.extend(charts::check_labels(&charts::level_history(
                lang, area, &levels, 5, &s,
            )));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// Writes every chart into `$TMPDIR/charts-{th,en}.html`, and each into `$TMPDIR/chart-{name}.html`
/// (with the site's fonts), for looking at in a browser:
/// `cargo test --test suite charts:: -- --ignored preview`.
#[test]
#[ignore]
fn preview() {
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/static/fonts/fonts.css");
    let head = |lang: Lang| {
        format!(
            "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"file://{}\">\
             <style>body{{font-family:'Ecotown Sans',sans-serif;margin:8px;max-width:760px}}\
             .compact{{display:inline-block;width:320px;margin:4px;vertical-align:top}}\
             .full{{max-width:720px}} .map{{max-width:400px}} figure{{margin:0 0 24px;border:1px dashed #ccc}}</style>",
            lang.code(),
            fonts.display()
        )
    };
    for lang in Lang::ALL {
        let mut html = head(lang);
        for (name, chart) in all_charts(lang) {
            let class = if name.contains("compact") {
                "compact"
            } else if name.starts_with("map") {
                "map"
            } else {
                "full"
            };
            let figure = format!(
                "<figure class=\"{class}\"><figcaption>{}</figcaption>{}</figure>",
                chart.title, chart.svg
            );
            html.push_str(&figure);
            std::fs::write(
                std::env::temp_dir().join(format!("chart-{name}.html")),
                format!("{}{figure}", head(lang)),
            )
            .unwrap();
        }
        std::fs::write(
            std::env::temp_dir().join(format!("charts-{}.html", lang.code())),
            html,
        )
        .unwrap();
    }
}

#[test]
fn long_thai_names_wrap_at_word_boundaries_within_three_lines() {
    let s = strings();
    let two_lines = "เขตควบคุมมลพิษมาบตาพุดและพื้นที่ต่อเนื่องในจังหวัดระยอง";
    let too_long =
        "เขตประกอบการอุตสาหกรรมไออาร์พีซีจังหวัดระยองและพื้นที่ใกล้เคียงทั้งหมดตามแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ";
    let rows = vec![
        (two_lines.to_string(), 10, 100),
        (too_long.to_string(), 5, 50),
        ("ระยอง".to_string(), 1, 2),
    ];
    let chart = charts::factory_progress(Lang::Th, ALL, &rows, &s);
    assert!(
        charts::check_labels(&chart).is_empty(),
        "{:?}",
        charts::check_labels(&chart)
    );
    let lines: Vec<&str> = chart.boxes.iter().map(|b| b.text.as_str()).collect();
    // Wrapped, whole, in at most three lines of the phone-width label column.
    let at = lines
        .iter()
        .position(|l| two_lines.starts_with(l) && *l != two_lines)
        .expect("wrapped");
    let joined2 = format!("{}{}", lines[at], lines[at + 1]);
    let joined3 = format!("{joined2}{}", lines[at + 2]);
    assert!(joined2 == two_lines || joined3 == two_lines, "{lines:?}");
    let cut = lines
        .iter()
        .position(|l| too_long.starts_with(l) && *l != too_long)
        .expect("wrapped");
    assert!(lines[cut + 2].ends_with('…'), "{lines:?}");
    assert!(
        !lines[cut + 3].starts_with(&too_long[..6]),
        "at most three lines"
    );
    for line in &lines {
        assert!(!line.starts_with(
            |c| matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
        ));
    }
    // The break falls between two words.
    let words = [
        "เขต",
        "ควบคุม",
        "มลพิษ",
        "มาบตาพุด",
        "พุด",
        "และ",
        "พื้นที่",
        "ต่อเนื่อง",
        "ใน",
        "จังหวัด",
        "ระยอง",
    ];
    assert!(
        words.iter().any(|w| lines[at].ends_with(w)),
        "{}",
        lines[at]
    );
    assert!(
        words.iter().any(|w| lines[at + 1].starts_with(w)),
        "{}",
        lines[at + 1]
    );
}

#[test]
fn check_labels_reports_overflow_and_overlap() {
    let s = strings();
    let mut chart = charts::level_history(Lang::En, &map_ta_phut(), &levels(), 5, &s);
    assert!(charts::check_labels(&chart).is_empty());
    let mut wide = chart.boxes[0].clone();
    wide.max_width = wide.measured / 2.0;
    chart.boxes.push(wide);
    let problems = charts::check_labels(&chart);
    assert!(
        problems.iter().any(|p| p.contains("px box")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("overlaps")),
        "{problems:?}"
    );
}

/// Writes every compact chart of one sample area to `$TMPDIR/chart-sample-{th,en}.html`.
#[test]
#[ignore]
fn preview_sample_area() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fonts = root.join("templates/static/fonts/fonts.css");
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let data = ecotown::data::load_dataset(&root, &mut diags);
    let s = strings();
    let area = data.area("rayong-map-ta-phut").unwrap();
    for lang in Lang::ALL {
        let mut html = format!(
            "<!doctype html><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"file://{}\">\
             <style>body{{font-family:'Ecotown Sans';margin:8px}} figure{{display:inline-block;width:320px;margin:4px;vertical-align:top;border:1px dashed #ccc}}</style>",
            fonts.display()
        );
        for indicator in &data.indicators {
            let chart = charts::time_series(
                lang,
                indicator,
                area,
                data.series(&area.id, &indicator.id),
                &s,
                Size::Compact,
            );
            html.push_str(&format!("<figure>{}</figure>", chart.svg));
        }
        std::fs::write(
            std::env::temp_dir().join(format!("chart-sample-{}.html", lang.code())),
            html,
        )
        .unwrap();
    }
}

/// The compacted drawing paints what plotters' own markup paints: every chart kind, in both
/// languages, rasterised with resvg at twice its size with the bundled fonts, before compaction
/// (`charts::svg::uncompacted`) and after. Anti-aliasing may differ along an edge where a circle
/// became two arcs or two shapes became one path; a mark moved, lost, recoloured or restyled
/// changes whole runs of pixels by far more, which is what the limits catch.
#[test]
fn compaction_keeps_every_pixel() {
    use resvg::{tiny_skia, usvg};
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/static/fonts");
    let mut options = usvg::Options {
        font_family: "Ecotown Sans".into(),
        ..usvg::Options::default()
    };
    for file in ["ecotown-sans-400.ttf", "ecotown-sans-700.ttf"] {
        let data = std::fs::read(fonts.join(file)).expect("the bundled font is there");
        options.fontdb_mut().load_font_data(data);
    }
    let raster = |svg: &str| {
        let tree = usvg::Tree::from_str(svg, &options).expect("the chart parses");
        let size = tree.size().to_int_size();
        let mut pixmap = tiny_skia::Pixmap::new(size.width() * 2, size.height() * 2).unwrap();
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(2.0, 2.0),
            &mut pixmap.as_mut(),
        );
        pixmap
    };
    let mut kinds = 0;
    for lang in Lang::ALL {
        let after = all_charts(lang);
        let before = charts::svg::uncompacted(|| all_charts(lang));
        for ((name, new), (_, old)) in after.iter().zip(&before) {
            assert_ne!(new.svg, old.svg, "{name}: compaction changed nothing");
            assert!(
                new.svg.len() < old.svg.len(),
                "{name}: {} bytes compacted, {} before",
                new.svg.len(),
                old.svg.len()
            );
            let (a, b) = (
                raster(&new.standalone_svg(lang)),
                raster(&old.standalone_svg(lang)),
            );
            assert_eq!((a.width(), a.height()), (b.width(), b.height()), "{name}");
            let ink = b
                .pixels()
                .iter()
                .filter(|p| p.red() < 250 || p.green() < 250 || p.blue() < 250)
                .count();
            assert!(
                ink > 1000,
                "{name}: the chart drew something ({ink} pixels)"
            );
            let mut worst = 0u8;
            let mut changed = 0usize;
            for (p, q) in a.pixels().iter().zip(b.pixels()) {
                let d = [
                    p.red().abs_diff(q.red()),
                    p.green().abs_diff(q.green()),
                    p.blue().abs_diff(q.blue()),
                ]
                .into_iter()
                .max()
                .unwrap();
                worst = worst.max(d);
                if d > 16 {
                    changed += 1;
                }
            }
            eprintln!(
                "{name}: {} → {} bytes, worst pixel {worst}, {changed} of {ink} inked pixels off by more than 16",
                old.svg.len(),
                new.svg.len()
            );
            assert!(
                changed * 1000 <= ink,
                "{name}: {changed} pixels of {ink} changed by more than 16 of 255"
            );
            assert!(worst <= 32, "{name}: a pixel changed by {worst} of 255");
            kinds += 1;
        }
    }
    assert_eq!(kinds, 2 * 12, "every chart kind in both languages");
}

/// Every chart the sample site draws, of every kind and in both languages, as the build draws it
/// (the comparisons with all 18 areas, the provinces' factory charts, the flows, the map): no
/// label wider than its box, outside the chart or over another. The comparison of greenhouse-gas
/// emissions once printed "10,000,000" over "20,000,000" under its bars.
#[test]
fn every_chart_the_sample_draws_has_clean_labels() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let site = ecotown::build::load(&root, &mut diags).expect("the sample loads");
    let collators = ecotown::i18n::Collators::new();
    let mut problems = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for lang in Lang::ALL {
        for chart in ecotown::render::charts::draw_every(&site, lang, &collators) {
            kinds.insert(chart.id.split('-').next().unwrap_or("").to_string());
            problems.extend(charts::check_labels(&chart));
        }
    }
    assert!(kinds.len() >= 6, "every kind of chart: {kinds:?}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}

/// A chart's PNG for slides, in Thai and in English: a PNG of slide size (its longest side 1,600
/// pixels), inked, linked beside the chart, and the same bytes whether drawn afresh or read from
/// the site's PNG folder (`.ecotown-cache/png/`). Thai marks, the title above and the source
/// line below were looked at by eye (`cmp-energy-intensity-th.png`); this checks what a program
/// can.
#[test]
fn png_exports_are_slide_sized_drawn_with_the_bundled_fonts_and_linked() {
    use resvg::tiny_skia;
    let copy = crate::common::copy_site(&crate::common::repo_root());
    let cache = copy.path().join(".ecotown-cache/png");
    let _ = std::fs::remove_dir_all(&cache);
    let out = tempfile::tempdir().unwrap();
    let build = |name: &str| {
        let site = out.path().join(name);
        let mut diags = ecotown::diagnostics::Diagnostics::new();
        ecotown::build::build(copy.path(), &site, &mut diags).expect("sample builds");
        site
    };
    let cold = build("cold");
    let kept = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert!(kept > 50, "{kept} PNGs kept for the next build");
    let site = build("warm");
    let mut drawn = Vec::new();
    for lang in ["th", "en"] {
        let stem = format!("charts/cmp-energy-intensity-{lang}");
        let png = std::fs::read(site.join(format!("{stem}.png"))).expect("a PNG beside the SVG");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{stem}: not a PNG");
        assert!(
            (20_000..400_000).contains(&png.len()),
            "{stem}.png: {} bytes",
            png.len()
        );
        let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("the PNG decodes");
        assert_eq!(pixmap.width().max(pixmap.height()), 1600, "{stem}");
        assert!(pixmap.width() >= 500, "{stem}: {} px wide", pixmap.width());
        let ink = (pixmap.pixels().iter())
            .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
            .count();
        let share = ink as f64 / pixmap.pixels().len() as f64;
        assert!(
            (0.02..0.6).contains(&share),
            "{stem}: {share:.3} of the pixels inked"
        );
        let afresh = std::fs::read(cold.join(format!("{stem}.png"))).unwrap();
        assert!(
            afresh == png,
            "{stem}: the kept PNG differs from the one drawn afresh"
        );
        let page = std::fs::read_to_string(
            site.join(format!("{lang}/indicators/energy-intensity/index.html")),
        )
        .unwrap();
        assert!(
            page.contains(&format!("{stem}.png\" download>PNG")),
            "{lang}: no PNG link"
        );
        drawn.push(png);
    }
    assert_ne!(drawn[0], drawn[1], "the Thai and English PNGs are the same");
    // Slide charts only: an area's small series charts keep their SVG.
    assert!(site.join("charts/map-provinces-th.png").exists());
    let area_pngs = walkdir::WalkDir::new(site.join("charts/areas"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .count();
    assert_eq!(area_pngs, 0);
}

/// A chart's id is its figure's anchor and its files' names: readers link to them, so they must
/// not change when the figures or the names in it do (the factory charts' ids were once hashes
/// of their contents).
#[test]
fn a_chart_keeps_its_id_when_its_figures_change() {
    let s = strings();
    for lang in [Lang::Th, Lang::En] {
        let before = charts::factory_history(lang, NATIONAL, &history(), &s);
        let mut revised = history();
        revised[0].2 += 1;
        revised.push((2030, 5000, 4000));
        let after = charts::factory_history(lang, NATIONAL, &revised, &s);
        assert_eq!(before.id, after.id);
        let before = charts::factory_progress(lang, RAYONG, &progress_rows(lang), &s);
        let mut renamed = progress_rows(lang);
        renamed[0].0.push_str(" (renamed)");
        renamed[1].1 += 3;
        let after = charts::factory_progress(lang, RAYONG, &renamed, &s);
        assert_eq!(before.id, after.id);
        assert_eq!(after.id, format!("fp-th-21-{}", lang.code()));
    }
}
