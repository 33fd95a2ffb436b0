//! The shape of a published table: typed columns, cells, keys, and the columns several tables
//! share.
//!
//! Every download format is written from a [`Table`] (CSV by [`super::csvout`], JSON by
//! [`super::jsonout`], the Table Schema by [`super::datapackage`]), so the columns, their order and
//! their types cannot drift apart between formats. The columns of the input tables are the data
//! contract's own ([`crate::data::contract`], also what docs/data-format.md is made from), so that
//! a validator checking a download checks what `ecotown check` checked on the way in.

pub use crate::data::contract::{
    Column, ForeignKey, Kind, PROVINCE_CODE, SLUG, YEARS, area_key, col, name_columns,
    note_columns, refers, status_column, value_column, year_column,
};
use crate::data::{Dataset, Text};

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

/// Which published table this is, for the catalogue metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Dimensions,
    Themes,
    LevelScale,
    Provinces,
    Areas,
    Indicators,
    Observations,
    Factories,
    Levels,
    Materials,
    FlowNodes,
    Flows,
    Symbiosis,
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

/// The published table of the contract's table `name`: its titles, columns and keys, with each
/// taxonomy column's allowed values filled in from the dataset's taxonomy (rows left to fill).
pub(super) fn contract_table(name: &'static str, subject: Subject, data: &Dataset) -> Table {
    let spec = crate::data::contract::table(name);
    let taxonomy = &data.taxonomy;
    let columns = spec.columns.iter().map(|c| {
        let mut c = c.clone();
        if let Some(vocabulary) = c.vocabulary {
            c.choices = taxonomy.ids(vocabulary);
        }
        // A level is an integer: its allowed values are a range when the scale has no gaps.
        if c.kind == Kind::Integer && !c.choices.is_empty() {
            let numbers: Vec<i64> = c.choices.iter().filter_map(|v| v.parse().ok()).collect();
            if let (Some(&low), Some(&high)) = (numbers.iter().min(), numbers.iter().max()) {
                c.range = Some((low, high));
            }
            c.choices.clear();
        }
        c
    });
    Table {
        name: name.to_string(),
        stem: name.to_string(),
        subject,
        title: spec.title.clone(),
        description: spec.description.clone(),
        columns: columns.collect(),
        rows: Vec::new(),
        primary_key: spec.primary_key.clone(),
        foreign_keys: spec.foreign_keys.clone(),
        unit: None,
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
