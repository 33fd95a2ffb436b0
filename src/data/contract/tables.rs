//! The declaration of each table of the contract, in load order: columns, keys and an example
//! for the documentation. The column kinds several tables share are in the parent module.

use super::*;

fn province_code(description: (&str, &str)) -> Column {
    col(
        "province_code",
        Kind::String,
        ("รหัสจังหวัด", "Province code"),
        description,
    )
    .value_required()
    .pattern(PROVINCE_CODE)
}

pub(super) fn declare() -> Vec<TableSpec> {
    vec![
        dimensions(),
        themes(),
        level_scale(),
        provinces(),
        areas(),
        indicators(),
        observations(),
        factories(),
        levels(),
    ]
}

fn dimensions() -> TableSpec {
    let mut t = spec(
        "dimensions",
        (
            "มิติของเกณฑ์",
            "มิติของเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศที่ใช้จัดกลุ่มตัวชี้วัด ตามลำดับที่แสดงบนเว็บไซต์",
        ),
        (
            "Dimensions",
            "The dimensions of the eco-industrial town criteria that indicators are grouped by, in the order the site shows them.",
        ),
    );
    let [name_th, name_en] = name_columns("มิติ", "Dimension");
    t.columns =
        vec![
        col(
            "dimension",
            Kind::String,
            ("รหัสมิติ", "Dimension id"),
            (
                "รหัสมิติ ใช้ในคอลัมน์ dimension ของ indicators และในที่อยู่หน้าเว็บ",
                "Dimension id, used in the `dimension` column of indicators and in page addresses",
            ),
        )
        .value_required()
        .unique()
        .pattern(SLUG),
        name_th,
        name_en,
        col(
            "summary_th",
            Kind::String,
            ("คำอธิบาย (ไทย)", "Summary (Thai)"),
            ("สิ่งที่มิตินี้ครอบคลุม ภาษาไทย", "What the dimension covers, in Thai"),
        ),
        col(
            "summary_en",
            Kind::String,
            ("คำอธิบาย (อังกฤษ)", "Summary (English)"),
            ("สิ่งที่มิตินี้ครอบคลุม ภาษาอังกฤษ", "What the dimension covers, in English"),
        ),
    ];
    t.primary_key = vec!["dimension"];
    t.absent = Absent::BuiltIn;
    t.example = "dimension,name_th,name_en,summary_th,summary_en\n\
        social,มิติสังคม,Social,ความปลอดภัย เรื่องร้องเรียน และการทำงานร่วมกับชุมชน,\"Safety, complaints and work with communities\"";
    t
}

fn themes() -> TableSpec {
    let mut t = spec(
        "themes",
        (
            "ประเด็น",
            "ประเด็นที่ใช้จัดกลุ่มตัวชี้วัดได้อีกทางหนึ่ง เช่น ประเด็นการยกระดับโรงงานของกรมโรงงานอุตสาหกรรม",
        ),
        (
            "Themes",
            "Themes indicators may also be grouped by, such as the DIW's factory-upgrade themes.",
        ),
    );
    let [name_th, name_en] = name_columns("ประเด็น", "Theme");
    t.columns = vec![
        col(
            "theme",
            Kind::String,
            ("รหัสประเด็น", "Theme id"),
            (
                "รหัสประเด็น ใช้ในคอลัมน์ theme ของ indicators",
                "Theme id, used in the `theme` column of indicators",
            ),
        )
        .value_required()
        .unique()
        .pattern(SLUG),
        name_th,
        name_en,
    ];
    t.primary_key = vec!["theme"];
    t.absent = Absent::BuiltIn;
    t.example = "theme,name_th,name_en\nenergy,พลังงาน,Energy";
    t
}

fn level_scale() -> TableSpec {
    let mut t = spec(
        "level_scale",
        (
            "ระดับเมืองอุตสาหกรรมเชิงนิเวศตามเกณฑ์",
            "ระดับการพัฒนาที่เกณฑ์กำหนด จากระดับต่ำสุดถึงสูงสุด พร้อมชื่อของแต่ละระดับหากมี",
        ),
        (
            "Eco-industrial town level scale",
            "The levels of development the criteria define, lowest to highest, with each level's name where the criteria give one.",
        ),
    );
    t.columns = vec![
        col(
            "level",
            Kind::Integer,
            ("ระดับ", "Level"),
            ("หมายเลขระดับ", "The level's number"),
        )
        .value_required()
        .unique()
        .range(1, 20),
        col(
            "name_th",
            Kind::String,
            ("ชื่อระดับ (ไทย)", "Level name (Thai)"),
            (
                "ชื่อระดับภาษาไทย เว้นว่างหากแหล่งข้อมูลไม่ได้ยืนยันชื่อ",
                "The level's name in Thai; blank where the sources do not confirm one",
            ),
        ),
        col(
            "name_en",
            Kind::String,
            ("ชื่อระดับ (อังกฤษ)", "Level name (English)"),
            (
                "ชื่อระดับภาษาอังกฤษ เว้นว่างหากแหล่งข้อมูลไม่ได้ยืนยันชื่อ",
                "The level's name in English; blank where the sources do not confirm one",
            ),
        ),
    ];
    t.primary_key = vec!["level"];
    t.absent = Absent::BuiltIn;
    t.example = "level,name_th,name_en\n1,การมีส่วนร่วม,Engagement\n2,การส่งเสริม,Enhancement\n3,,";
    t
}

fn provinces() -> TableSpec {
    let mut t = spec(
        "provinces",
        (
            "จังหวัดเป้าหมาย",
            "จังหวัดที่มีพื้นที่เป้าหมายเมืองอุตสาหกรรมเชิงนิเวศ พร้อมรหัส ISO 3166-2:TH และชื่อภาษาไทยและภาษาอังกฤษ",
        ),
        (
            "Provinces",
            "Provinces with eco-industrial town target areas: ISO 3166-2:TH code and Thai and English names.",
        ),
    );
    let [name_th, name_en] = name_columns("จังหวัด", "Province");
    t.columns = vec![
        province_code((
            "รหัส ISO 3166-2:TH เช่น TH-21 (th-21 ก็ได้ ระบบจะแปลงเป็นตัวพิมพ์ใหญ่)",
            "ISO 3166-2:TH code, e.g. `TH-21` (`th-21` is accepted and upper-cased)",
        ))
        .unique(),
        name_th,
        name_en,
    ];
    t.primary_key = vec!["province_code"];
    t.example = "province_code,name_th,name_en\nTH-21,ระยอง,Rayong";
    t
}

fn areas() -> TableSpec {
    let mut t = spec(
        "areas",
        (
            "พื้นที่เป้าหมาย",
            "พื้นที่เป้าหมายของโครงการเมืองอุตสาหกรรมเชิงนิเวศ จังหวัดที่ตั้ง และระยะของโครงการ",
        ),
        (
            "Target areas",
            "The eco-industrial town programme's target areas, their province and programme phase.",
        ),
    );
    let [name_th, name_en] = name_columns("พื้นที่", "Area");
    t.columns = vec![
        col(
            "area_id",
            Kind::String,
            ("รหัสพื้นที่", "Area id"),
            (
                "รหัสพื้นที่ ใช้ในที่อยู่หน้าเว็บ (/th/areas/rayong-map-ta-phut/)",
                "Area id, used in page addresses (`/th/areas/rayong-map-ta-phut/`)",
            ),
        )
        .value_required()
        .unique()
        .pattern(SLUG),
        province_code((
            "รหัส ISO 3166-2:TH ของจังหวัดที่ตั้ง (ดู provinces)",
            "ISO 3166-2:TH code of the area's province (see provinces)",
        )),
        name_th,
        name_en,
        col(
            "phase",
            Kind::Integer,
            ("ระยะของโครงการ", "Programme phase"),
            (
                "ระยะของโครงการที่พื้นที่เข้าร่วม (ระยะที่ 1 มี 18 พื้นที่ใน 15 จังหวัด)",
                "The programme phase the area joined in (phase 1: 18 areas in 15 provinces)",
            ),
        )
        .value_required()
        .range(1, 3),
    ];
    t.primary_key = vec!["area_id"];
    t.foreign_keys = vec![key("province_code", "provinces")];
    t.example = "area_id,province_code,name_th,name_en,phase\n\
        rayong-map-ta-phut,TH-21,เขตควบคุมมลพิษมาบตาพุด,Map Ta Phut Pollution Control Zone,1";
    t
}

fn indicators() -> TableSpec {
    let mut t = spec(
        "indicators",
        (
            "ตัวชี้วัด",
            "ตัวชี้วัดเมืองอุตสาหกรรมเชิงนิเวศ: มิติ หน่วย ทิศทางที่ดี ปีฐาน ค่าเป้าหมาย และแหล่งที่มา",
        ),
        (
            "Indicators",
            "Eco-industrial town indicators: dimension, unit, desired direction, base year, target and source.",
        ),
    );
    let both = |th_name: &'static str, en_name: &'static str, th: &str, en: &str| {
        [
            col(
                th_name,
                Kind::String,
                (&format!("{th} (ไทย)"), &format!("{en} (Thai)")),
                (&format!("{th} ภาษาไทย"), &format!("{en} in Thai")),
            )
            .value_required(),
            col(
                en_name,
                Kind::String,
                (&format!("{th} (อังกฤษ)"), &format!("{en} (English)")),
                (&format!("{th} ภาษาอังกฤษ"), &format!("{en} in English")),
            )
            .value_required(),
        ]
    };
    let [name_th, name_en] = both("name_th", "name_en", "ชื่อตัวชี้วัด", "Indicator name");
    let [unit_th, unit_en] = both("unit_th", "unit_en", "หน่วย", "Unit");
    let [source_th, source_en] = both("source_th", "source_en", "แหล่งที่มา", "Source");
    t.columns = vec![
        col(
            "indicator_id",
            Kind::String,
            ("รหัสตัวชี้วัด", "Indicator id"),
            (
                "รหัสตัวชี้วัด ใช้ในที่อยู่หน้าเว็บ",
                "Indicator id, used in page addresses",
            ),
        )
        .value_required()
        .unique()
        .pattern(SLUG),
        col(
            "dimension",
            Kind::String,
            ("มิติ", "Dimension"),
            (
                "มิติของเกณฑ์ที่ตัวชี้วัดนี้อยู่ (ดู dimensions)",
                "The dimension of the criteria the indicator belongs to (see dimensions)",
            ),
        )
        .value_required()
        .vocabulary("dimensions"),
        col(
            "theme",
            Kind::String,
            ("ประเด็น", "Theme"),
            (
                "ประเด็นของตัวชี้วัด (ดู themes) เว้นว่างหากไม่มี",
                "The indicator's theme (see themes); blank when none",
            ),
        )
        .vocabulary("themes"),
        name_th,
        name_en,
        unit_th,
        unit_en,
        col(
            "direction",
            Kind::String,
            ("ทิศทางที่ดี", "Desired direction"),
            (
                "ทิศทางที่ดีกว่า: increase (เพิ่มขึ้น) หรือ decrease (ลดลง) ไม่มีค่าเริ่มต้น",
                "Which way is better: increase or decrease. Never defaulted",
            ),
        )
        .value_required()
        .choices(&["increase", "decrease"]),
        col(
            "decimals",
            Kind::Integer,
            ("ทศนิยม", "Decimals"),
            (
                "จำนวนตำแหน่งทศนิยมที่แสดงบนเว็บไซต์",
                "Decimal places shown on the site",
            ),
        )
        .value_required()
        .range(0, 6),
        col(
            "base_year",
            Kind::Year,
            ("ปีฐาน (ค.ศ.)", "Base year (C.E.)"),
            (
                "ปีงบประมาณที่ใช้วัดความก้าวหน้า เว้นว่าง: ปีแรกที่มีข้อมูล",
                "Fiscal year progress is measured from; blank: the first year with data",
            ),
        )
        .range(YEARS.0, YEARS.1),
        col(
            "target",
            Kind::Number,
            ("ค่าเป้าหมาย", "Target"),
            (
                "ค่าเป้าหมายในหน่วยของตัวชี้วัด ให้มาพร้อม target_year เสมอ",
                "Target value, in the indicator's unit; given together with `target_year` or not at all",
            ),
        ),
        col(
            "target_year",
            Kind::Year,
            ("ปีเป้าหมาย (ค.ศ.)", "Target year (C.E.)"),
            (
                "ปีงบประมาณที่ควรบรรลุเป้าหมาย ต้องหลังปีฐาน",
                "Fiscal year by which the target should be reached; after `base_year`",
            ),
        )
        .range(YEARS.0, YEARS.1),
        source_th,
        source_en,
        col(
            "measured_by",
            Kind::String,
            ("วัดจากข้อมูลการไหล", "Measured by the flows"),
            (
                "เมื่อระบุ ค่าของตัวชี้วัดต้องตรงกับที่คำนวณได้จากข้อมูลการไหลของวัสดุ: ปริมาณที่แลกเปลี่ยนระหว่างโรงงาน (ตัน/ปี) จำนวนคู่ความร่วมมือ ของเสียที่ไม่ต้องฝังกลบ หรือก๊าซเรือนกระจกที่ลดได้",
                "When given, the indicator's values must agree with what the material-flow data give: tonnes exchanged between factories, symbiosis links (factory pairs), landfill diverted, or emissions avoided",
            ),
        )
        .choices(&MEASURES),
    ];
    t.primary_key = vec!["indicator_id"];
    t.foreign_keys = vec![key("dimension", "dimensions"), key("theme", "themes")];
    t.example = "indicator_id,dimension,theme,name_th,name_en,unit_th,unit_en,direction,decimals,base_year,target,target_year,source_th,source_en\n\
        energy-intensity,environmental,energy,ความเข้มการใช้พลังงาน,Energy intensity,กิโลวัตต์ชั่วโมงต่อตันผลิตภัณฑ์,kWh per tonne of product,decrease,0,2016,450,2027,กรมโรงงานอุตสาหกรรม (ข้อมูลตัวอย่าง),Department of Industrial Works (illustrative sample)";
    t
}

fn observations() -> TableSpec {
    let mut t = spec(
        "observations",
        (
            "ค่าตัวชี้วัดรายพื้นที่",
            "ค่าตัวชี้วัดของแต่ละพื้นที่ต่อปีงบประมาณ (ค.ศ.) หนึ่งค่าต่อแถว ค่าว่างคือไม่มีข้อมูล (ดูเหตุผลในหมายเหตุ)",
        ),
        (
            "Indicator values by area",
            "Each area's indicator values per fiscal year (C.E.), one value per row; a blank value is missing (the note says why).",
        ),
    );
    let [note_th, note_en] = note_columns();
    t.columns = vec![
        area_key(),
        col(
            "indicator_id",
            Kind::String,
            ("รหัสตัวชี้วัด", "Indicator id"),
            ("รหัสตัวชี้วัด (ดู indicators)", "Indicator id (see indicators)"),
        )
        .value_required()
        .pattern(SLUG),
        year_column(),
        value_column((
            "ค่าในหน่วยของตัวชี้วัด (ดู indicators) ช่องว่างคือไม่มีข้อมูล ให้บอกเหตุผลในหมายเหตุ",
            "The value, in the indicator's unit (see indicators); blank: missing (say why in a note)",
        )),
        status_column(),
        note_th,
        note_en,
    ];
    t.primary_key = vec!["area_id", "indicator_id", "year"];
    t.foreign_keys = vec![key("area_id", "areas"), key("indicator_id", "indicators")];
    t.example = "area_id,indicator_id,year,value,status,note_th,note_en\n\
        rayong-map-ta-phut,energy-intensity,2021,612,provisional,,\n\
        rayong-map-ta-phut,emergency-drills,2020,,final,งดการฝึกซ้อมเนื่องจากสถานการณ์โควิด-19,Drills suspended because of COVID-19";
    t
}

fn factories() -> TableSpec {
    let mut t = spec(
        "factories",
        (
            "จำนวนโรงงาน",
            "จำนวนโรงงานในขอบเขตโครงการ และจำนวนโรงงานที่ได้รับการยกระดับเป็น Eco Factory +SV (สะสม) ของแต่ละพื้นที่ต่อปีงบประมาณ",
        ),
        (
            "Factory counts",
            "Factories in the programme's scope and factories upgraded to Eco Factory +SV so far (cumulative), per area and fiscal year.",
        ),
    );
    let count = i64::from(u32::MAX);
    t.columns = vec![
        area_key(),
        year_column(),
        col(
            "factories_total",
            Kind::Integer,
            ("โรงงานในขอบเขตโครงการ", "Factories in scope"),
            (
                "จำนวนโรงงานในขอบเขตโครงการในปีนั้น",
                "Factories in the programme's scope that year",
            ),
        )
        .value_required()
        .range(0, count),
        col(
            "factories_upgraded",
            Kind::Integer,
            ("โรงงานที่ได้รับการยกระดับ (สะสม)", "Factories upgraded (cumulative)"),
            (
                "จำนวนโรงงานที่ได้รับการยกระดับเป็น Eco Factory +SV จนถึงปีนั้น (สะสม) ไม่เกินจำนวนในขอบเขต และไม่ลดลงจากปีก่อน",
                "Factories upgraded to Eco Factory +SV so far (cumulative): never above `factories_total`, never lower than the year before",
            ),
        )
        .value_required()
        .range(0, count),
    ];
    t.primary_key = vec!["area_id", "year"];
    t.foreign_keys = vec![key("area_id", "areas")];
    t.example =
        "area_id,year,factories_total,factories_upgraded\nrayong-map-ta-phut,2021,\"1,012\",412";
    t
}

fn levels() -> TableSpec {
    let mut t = spec(
        "levels",
        (
            "ระดับเมืองอุตสาหกรรมเชิงนิเวศ",
            "ระดับของแต่ละพื้นที่ตามเกณฑ์เมืองอุตสาหกรรมเชิงนิเวศของกรมโรงงานอุตสาหกรรม ต่อปีงบประมาณ",
        ),
        (
            "Eco-industrial town levels",
            "Each area's level under the DIW eco-industrial town criteria, per fiscal year.",
        ),
    );
    t.columns = vec![
        area_key(),
        year_column(),
        col(
            "level",
            Kind::Integer,
            ("ระดับ", "Level"),
            (
                "ระดับเมืองอุตสาหกรรมเชิงนิเวศ (ดู level_scale)",
                "Eco-industrial town level (see level_scale)",
            ),
        )
        .value_required()
        .vocabulary("level_scale"),
    ];
    t.primary_key = vec!["area_id", "year"];
    t.foreign_keys = vec![key("area_id", "areas"), key("level", "level_scale")];
    t.example = "area_id,year,level\nnakhon-ratchasima,2021,3";
    t
}
