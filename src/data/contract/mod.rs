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
//!
//! Split in three: this file has the shape of a declaration and the column kinds several tables
//! share, [`tables`] the declaration of each table (long, because every column is described in
//! both languages), [`reference`] the documentation made from it.

use std::sync::LazyLock;

use crate::data::model::Text;

mod flows;
mod reference;
mod tables;

pub use flows::{FLOW_UNITS, LINK_KINDS, MATERIAL_CATEGORIES, MEASURES, NODE_KINDS};
pub use reference::{REFERENCE_MARKS, reference};

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

    pub(super) fn default_value(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }

    pub(super) fn vocabulary(mut self, table: &'static str) -> Self {
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

/// A foreign key: `field` of this table refers to column `to` of `resource`.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub field: &'static str,
    pub resource: &'static str,
    /// The column of `resource` it refers to.
    pub to: &'static str,
}

/// What a site that does not give a table gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// Nothing: the table is required (`missing-file`).
    Error,
    /// The built-in values (the taxonomy: the DIW criteria of B.E. 2560).
    BuiltIn,
    /// No rows: the parts of the site made from it are left out (material flows).
    Empty,
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
    /// What a site without the table gets.
    pub absent: Absent,
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
    static TABLES: LazyLock<Vec<TableSpec>> = LazyLock::new(|| {
        let mut all = tables::declare();
        all.extend(flows::declare());
        all
    });
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
/// `field` refers to the column of the same name in `resource`.
fn key(field: &'static str, resource: &'static str) -> ForeignKey {
    refers(field, resource, field)
}

/// `field` refers to column `to` of `resource`.
pub fn refers(field: &'static str, resource: &'static str, to: &'static str) -> ForeignKey {
    ForeignKey {
        field,
        resource,
        to,
    }
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
        absent: Absent::Error,
        example: "",
    }
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
                    assert!(
                        (tables().iter()).any(|r| r.name == v && r.absent == Absent::BuiltIn),
                        "{v}"
                    );
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
