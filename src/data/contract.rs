//! The data contract, declared once: every table a site's `data/` folder may hold, its columns,
//! their types and rules, and both languages' titles and descriptions.
//!
//! Three things are made from this one declaration, so they cannot drift apart: the loader's
//! header checks ([`crate::data::load`] reads each table with [`columns`]), the open-data
//! schemas published beside the downloads (Table Schema and the CKAN records in
//! [`crate::publish`], which copy a table's [`TableSpec`] and fill in the taxonomy's values), and
//! the tables of `docs/data-format.md` ([`reference`], checked by a test that fails when the
//! page is stale).
//!
//! A column's rules are the input's: [`Need`] says whether the column must be in the header and
//! whether its cells may be blank, [`Column::default`] what a blank cell means. A vocabulary that
//! comes from the taxonomy (`dimension`, `theme`, `level`) names its table rather than listing
//! values, because a site defines its own.

use std::sync::LazyLock;

use crate::data::model::{Taxonomy, Text};

/// A column's type, named as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    /// A fiscal year, C.E. (Table Schema's `year` type: four digits).
    Year,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Year => "year",
        }
    }
}

/// What a table needs of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The column must be there and no cell may be blank.
    Value,
    /// The column must be there; a blank cell is a missing value (`value` of an observation).
    Column,
    /// The column may be left out, and its cells blank.
    Optional,
}

/// One column: its name in the files, its type and rules, and what it means in both languages.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub title: Text,
    pub description: Text,
    pub need: Need,
    /// What a blank cell stands for (`final` for an observation's `status`).
    pub default: Option<&'static str>,
    pub unique: bool,
    /// Allowed values (empty: any, or see `vocabulary`).
    pub choices: Vec<String>,
    /// The taxonomy table whose ids are the allowed values (`dimensions`).
    pub vocabulary: Option<&'static str>,
    /// Inclusive bounds for integers and years.
    pub range: Option<(i64, i64)>,
    /// A regular expression every value matches (ids and codes).
    pub pattern: Option<&'static str>,
    /// The unit of a value column, when the table has one.
    pub unit: Option<Text>,
}

impl Column {
    /// Whether the loader requires the column in the header.
    pub fn in_header(&self) -> bool {
        self.need != Need::Optional
    }

    /// Whether every cell of the published table has a value (Table Schema's `required`).
    pub fn required(&self) -> bool {
        self.need == Need::Value || self.default.is_some()
    }

    pub fn need(mut self, need: Need) -> Self {
        self.need = need;
        self
    }

    pub fn value_required(self) -> Self {
        self.need(Need::Value)
    }

    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    pub fn choices(mut self, choices: &[&str]) -> Self {
        self.choices = choices.iter().map(|c| c.to_string()).collect();
        self
    }

    pub fn range(mut self, low: i64, high: i64) -> Self {
        self.range = Some((low, high));
        self
    }

    pub fn pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }

    fn default_value(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    fn vocabulary(mut self, table: &'static str) -> Self {
        self.vocabulary = Some(table);
        self
    }
}

/// A column that may be left out: the start of every declaration.
pub fn col(
    name: &'static str,
    kind: Kind,
    title: (&str, &str),
    description: (&str, &str),
) -> Column {
    Column {
        name,
        kind,
        title: Text::new(title.0, title.1),
        description: Text::new(description.0, description.1),
        need: Need::Optional,
        default: None,
        unique: false,
        choices: Vec::new(),
        vocabulary: None,
        range: None,
        pattern: None,
        unit: None,
    }
}

/// A foreign key: `field` of this table refers to `field` of `resource`.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub field: &'static str,
    pub resource: &'static str,
}

/// One table of the contract.
#[derive(Debug, Clone)]
pub struct TableSpec {
    /// `observations`: its file is `data/observations.csv` (or `.xlsx`, or a folder of files).
    pub name: &'static str,
    pub title: Text,
    pub description: Text,
    pub columns: Vec<Column>,
    pub primary_key: Vec<&'static str>,
    pub foreign_keys: Vec<ForeignKey>,
    /// A taxonomy table: built in when the site has none.
    pub optional: bool,
    /// A few rows, header first, for the documentation.
    pub example: &'static str,
}

impl TableSpec {
    /// The table's main file, as diagnostics name it.
    pub fn file(&self) -> String {
        format!("data/{}.csv", self.name)
    }
}

pub const SLUG: &str = "[a-z0-9]+(-[a-z0-9]+)*";
pub const PROVINCE_CODE: &str = "TH-[0-9]{2}";
/// The years the data contract accepts (C.E.).
pub const YEARS: (i64, i64) = (1950, 2399);

/// The contract's tables in the order they are loaded (each one's references point back).
pub fn tables() -> &'static [TableSpec] {
    static TABLES: LazyLock<Vec<TableSpec>> = LazyLock::new(declare);
    &TABLES
}

/// The table called `name`. Panics on a name the contract does not declare: only the program's
/// own constants are passed.
pub fn table(name: &str) -> &'static TableSpec {
    tables()
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("the data contract has no table '{name}'"))
}

/// The columns of table `name`, in the contract's order (the loader reads cells by this order).
pub fn columns(name: &str) -> &'static [Column] {
    &table(name).columns
}

pub fn area_key() -> Column {
    col(
        "area_id",
        Kind::String,
        ("รหัสพื้นที่", "Area id"),
        ("รหัสพื้นที่ (ดู areas)", "Area id (see areas)"),
    )
    .value_required()
    .pattern(SLUG)
}

pub fn year_column() -> Column {
    col(
        "year",
        Kind::Year,
        ("ปีงบประมาณ (ค.ศ.)", "Fiscal year (C.E.)"),
        (
            "ปีงบประมาณเป็น ค.ศ.: FY2021 คือ 1 ต.ค. 2563 ถึง 30 ก.ย. 2564 (ปีงบประมาณ พ.ศ. 2564)",
            "Fiscal year, C.E.: FY2021 = 1 Oct 2020 to 30 Sep 2021 (B.E. 2564)",
        ),
    )
    .value_required()
    .range(YEARS.0, YEARS.1)
}

/// `name_th` and `name_en` of a thing (`พื้นที่` / `Area`).
pub fn name_columns(th: &str, en: &str) -> [Column; 2] {
    [
        col(
            "name_th",
            Kind::String,
            (&format!("ชื่อ{th} (ไทย)"), &format!("{en} name (Thai)")),
            (&format!("ชื่อ{th}ภาษาไทย"), &format!("{en} name in Thai")),
        )
        .value_required(),
        col(
            "name_en",
            Kind::String,
            (&format!("ชื่อ{th} (อังกฤษ)"), &format!("{en} name (English)")),
            (
                &format!("ชื่อ{th}ภาษาอังกฤษ"),
                &format!("{en} name in English"),
            ),
        )
        .value_required(),
    ]
}

pub fn status_column() -> Column {
    col(
        "status",
        Kind::String,
        ("สถานะของค่า", "Status"),
        ("ค่านี้เป็นค่าสุดท้ายเพียงใด", "How final the value is"),
    )
    .choices(&["final", "provisional", "estimated"])
    .default_value("final")
}

pub fn value_column(description: (&str, &str)) -> Column {
    col("value", Kind::Number, ("ค่า", "Value"), description).need(Need::Column)
}

pub fn note_columns() -> [Column; 2] {
    [
        col(
            "note_th",
            Kind::String,
            ("หมายเหตุ (ไทย)", "Note (Thai)"),
            ("หมายเหตุของค่า ภาษาไทย", "A remark on the value, in Thai"),
        ),
        col(
            "note_en",
            Kind::String,
            ("หมายเหตุ (อังกฤษ)", "Note (English)"),
            (
                "หมายเหตุของค่า ภาษาอังกฤษ",
                "A remark on the value, in English",
            ),
        ),
    ]
}

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

fn key(field: &'static str, resource: &'static str) -> ForeignKey {
    ForeignKey { field, resource }
}

/// A table called `name` with its Thai and English (title, description).
fn spec(name: &'static str, th: (&str, &str), en: (&str, &str)) -> TableSpec {
    TableSpec {
        name,
        title: Text::new(th.0, en.0),
        description: Text::new(th.1, en.1),
        columns: Vec::new(),
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
        optional: false,
        example: "",
    }
}

fn declare() -> Vec<TableSpec> {
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
    t.optional = true;
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
    t.optional = true;
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
    t.optional = true;
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

/// The marks around the part of `docs/data-format.md` that [`reference`] writes.
pub const REFERENCE_MARKS: (&str, &str) = (
    "<!-- The tables below are made from src/data/contract.rs: edit that, not this. -->",
    "<!-- End of the tables made from src/data/contract.rs. -->",
);

/// The tables of `docs/data-format.md`: one section per table with its columns, their rules and
/// an example, in English (the page is the publishers' reference; the Thai titles are given too).
/// `builtin` is the built-in taxonomy, whose ids the taxonomy columns list.
pub fn reference(builtin: &Taxonomy) -> String {
    let builtin = &|vocabulary: &str| builtin.ids(vocabulary);
    let mut out = String::new();
    for t in tables() {
        out.push_str(&format!(
            "### `data/{}.csv` — {} ({})\n",
            t.name, t.title.en, t.title.th
        ));
        out.push_str(&t.description.en);
        if t.optional {
            out.push_str(&format!(
                " Optional: without this table the built-in values are used ({}).",
                code_list(&builtin(t.name))
            ));
        }
        out.push_str("\n\n| column | type | required | meaning |\n|---|---|---|---|\n");
        for c in &t.columns {
            let need = match (c.need, c.default) {
                (Need::Value, _) => "yes".to_string(),
                (Need::Column, _) => "the column; a blank cell is a missing value".to_string(),
                (Need::Optional, Some(default)) => format!("no (blank: `{default}`)"),
                (Need::Optional, None) => "no".to_string(),
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.kind.as_str(),
                need,
                meaning(t, c, builtin)
            ));
        }
        if !t.primary_key.is_empty() && t.primary_key.len() > 1 {
            let key: Vec<String> = t.primary_key.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(
                "\nEach ({}) appears at most once.\n",
                key.join(", ")
            ));
        }
        out.push_str(&format!("\n```csv\n{}\n```\n\n", t.example));
    }
    out
}

/// A column's meaning, with the rules the loader checks written out.
fn meaning(t: &TableSpec, c: &Column, builtin: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut parts = vec![c.description.en.clone()];
    if c.pattern == Some(SLUG) {
        parts.push("a lower-case slug (a–z, 0–9, single hyphens)".into());
    }
    if let Some((low, high)) = c.range
        && c.kind != Kind::Year
    {
        parts.push(format!("{low}–{high}"));
    }
    if !c.choices.is_empty() {
        let choices: Vec<String> = c.choices.clone();
        parts.push(format!("one of {}", code_list(&choices)));
    }
    if let Some(vocabulary) = c.vocabulary {
        parts.push(format!(
            "one of the ids of `{vocabulary}` (built in: {})",
            code_list(&builtin(vocabulary))
        ));
    }
    if let Some(fk) = t.foreign_keys.iter().find(|fk| fk.field == c.name)
        && c.vocabulary.is_none()
    {
        parts.push(format!("must exist in `{}`", fk.resource));
    }
    if c.unique || (t.primary_key.len() == 1 && t.primary_key[0] == c.name) {
        parts.push("unique".into());
    }
    let mut text = parts.join("; ");
    text.push('.');
    text.replace('|', "\\|")
}

fn code_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_names_a_column_and_every_reference_a_table() {
        for t in tables() {
            for k in &t.primary_key {
                assert!(t.columns.iter().any(|c| c.name == *k), "{}: {k}", t.name);
            }
            for fk in &t.foreign_keys {
                assert!(t.columns.iter().any(|c| c.name == fk.field), "{}", t.name);
                assert!(
                    tables().iter().any(|r| r.name == fk.resource),
                    "{}",
                    fk.resource
                );
            }
            for c in &t.columns {
                if let Some(v) = c.vocabulary {
                    assert!(tables().iter().any(|r| r.name == v && r.optional), "{v}");
                }
            }
        }
    }

    #[test]
    fn tables_refer_only_to_tables_loaded_before_them() {
        let names: Vec<&str> = tables().iter().map(|t| t.name).collect();
        for (i, t) in tables().iter().enumerate() {
            for fk in &t.foreign_keys {
                let at = names.iter().position(|n| *n == fk.resource).unwrap();
                assert!(at < i, "{} refers to {} loaded later", t.name, fk.resource);
            }
        }
    }
}
