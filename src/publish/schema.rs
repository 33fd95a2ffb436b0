//! The shape of a published table: typed columns, cells, keys, and the columns several tables
//! share.
//!
//! Every download format is written from a [`Table`] (CSV by [`super::csvout`], JSON by
//! [`super::jsonout`], the Table Schema by [`super::datapackage`]), so the columns, their order and
//! their types cannot drift apart between formats. Column types are named as Table Schema names
//! them, and constraints are the data contract's (docs/data-format.md), so that a validator
//! checking a download checks what `ecotown check` checked on the way in.

use crate::data::{Text, ValueStatus};

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

/// One column: its name in the files and what the Table Schema says about it.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub title: Text,
    /// English; the Thai title is in `title`.
    pub description: String,
    pub required: bool,
    pub unique: bool,
    /// Allowed values (empty: any).
    pub choices: Vec<&'static str>,
    /// Inclusive bounds for integers and years.
    pub range: Option<(i64, i64)>,
    /// A regular expression every value matches (ids and codes).
    pub pattern: Option<&'static str>,
    /// The unit of a value column, when the table has one.
    pub unit: Option<Text>,
}

pub(super) const SLUG: &str = "[a-z0-9]+(-[a-z0-9]+)*";
pub(super) const PROVINCE_CODE: &str = "TH-[0-9]{2}";
/// The years the data contract accepts (C.E.).
pub(super) const YEARS: (i64, i64) = (1950, 2399);

pub(super) fn col(name: &'static str, kind: Kind, th: &str, en: &str, description: &str) -> Column {
    Column {
        name,
        kind,
        title: Text::new(th, en),
        description: description.to_string(),
        required: false,
        unique: false,
        choices: Vec::new(),
        range: None,
        pattern: None,
        unit: None,
    }
}

impl Column {
    pub(super) fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub(super) fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    pub(super) fn choices(mut self, choices: Vec<&'static str>) -> Self {
        self.choices = choices;
        self
    }

    pub(super) fn range(mut self, low: i64, high: i64) -> Self {
        self.range = Some((low, high));
        self
    }

    pub(super) fn pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }
}

/// One cell. Text is kept as given here; CSV neutralising happens only when writing CSV.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    Number(f64),
    Missing,
}

pub(super) fn text(value: &str) -> Cell {
    if value.is_empty() {
        Cell::Missing
    } else {
        Cell::Text(value.to_string())
    }
}

pub(super) fn number(value: Option<f64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Number)
}

pub(super) fn integer(value: Option<i64>) -> Cell {
    value.map_or(Cell::Missing, Cell::Integer)
}

/// A foreign key: `field` of this table refers to `field` of `resource`.
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub field: &'static str,
    pub resource: &'static str,
}

/// Which published table this is, for the catalogue metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Provinces,
    Areas,
    Indicators,
    Observations,
    Factories,
    Levels,
    /// The observations of one indicator, by id.
    Indicator(String),
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Resource name in the Data Package (lower-case, `[a-z0-9-]`).
    pub name: String,
    /// Path under `data/` without the extension: `observations`, `indicators/energy-intensity`.
    pub stem: String,
    pub subject: Subject,
    pub title: Text,
    pub description: Text,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub primary_key: Vec<&'static str>,
    pub foreign_keys: Vec<ForeignKey>,
    /// The unit of the values (per-indicator tables only).
    pub unit: Option<Text>,
}

impl Table {
    /// The first and last year in the table's `year` column, if it has one.
    pub fn year_span(&self) -> Option<(i64, i64)> {
        let index = self.columns.iter().position(|c| c.name == "year")?;
        let years = self.rows.iter().filter_map(|row| match row.get(index) {
            Some(Cell::Integer(year)) => Some(*year),
            _ => None,
        });
        years.fold(None, |span, y| match span {
            None => Some((y, y)),
            Some((low, high)) => Some((low.min(y), high.max(y))),
        })
    }
}

pub(super) fn table(name: &str, subject: Subject, th: (&str, &str), en: (&str, &str)) -> Table {
    Table {
        name: name.to_string(),
        stem: name.to_string(),
        subject,
        title: Text::new(th.0, en.0),
        description: Text::new(th.1, en.1),
        columns: Vec::new(),
        rows: Vec::new(),
        primary_key: Vec::new(),
        foreign_keys: Vec::new(),
        unit: None,
    }
}

pub(super) fn area_key() -> Column {
    col(
        "area_id",
        Kind::String,
        "รหัสพื้นที่",
        "Area id",
        "Area id (see areas)",
    )
    .required()
    .pattern(SLUG)
}

pub(super) fn year_column() -> Column {
    col(
        "year",
        Kind::Year,
        "ปีงบประมาณ (ค.ศ.)",
        "Fiscal year (C.E.)",
        "Fiscal year, C.E.: FY2021 = 1 Oct 2020 to 30 Sep 2021 (B.E. 2564)",
    )
    .required()
    .range(YEARS.0, YEARS.1)
}

pub(super) fn name_columns(what_th: &str, what_en: &str) -> [Column; 2] {
    [
        col(
            "name_th",
            Kind::String,
            &format!("ชื่อ{what_th} (ไทย)"),
            &format!("{what_en} name (Thai)"),
            &format!("{what_en} name in Thai"),
        )
        .required(),
        col(
            "name_en",
            Kind::String,
            &format!("ชื่อ{what_th} (อังกฤษ)"),
            &format!("{what_en} name (English)"),
            &format!("{what_en} name in English"),
        )
        .required(),
    ]
}

pub(super) fn vocabulary<T: Copy>(all: &[T], spell: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| spell(*v)).collect()
}

pub(super) fn status_column() -> Column {
    col(
        "status",
        Kind::String,
        "สถานะของค่า",
        "Status",
        "How final the value is",
    )
    .required()
    .choices(vocabulary(ValueStatus::ALL, ValueStatus::as_str))
}

pub(super) fn value_column(description: &str) -> Column {
    col("value", Kind::Number, "ค่า", "Value", description)
}

pub(super) fn note_columns() -> [Column; 2] {
    [
        col(
            "note_th",
            Kind::String,
            "หมายเหตุ (ไทย)",
            "Note (Thai)",
            "A remark on the value, in Thai",
        ),
        col(
            "note_en",
            Kind::String,
            "หมายเหตุ (อังกฤษ)",
            "Note (English)",
            "A remark on the value, in English",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_span_reads_the_year_column() {
        let mut t = table("t", Subject::Levels, ("", ""), ("", ""));
        t.columns = vec![area_key(), year_column()];
        assert_eq!(t.year_span(), None);
        for year in [2018, 2016, 2021] {
            t.rows.push(vec![text("a"), Cell::Integer(year)]);
        }
        assert_eq!(t.year_span(), Some((2016, 2021)));
    }

    #[test]
    fn blank_text_is_missing() {
        assert_eq!(text(""), Cell::Missing);
        assert_eq!(number(None), Cell::Missing);
        assert_eq!(integer(Some(3)), Cell::Integer(3));
    }
}
