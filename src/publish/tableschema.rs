//! Table Schema (Frictionless v1) for a published table, and the CSV dialect of the downloads.
//!
//! Written from the same [`Column`] list the CSV was written from, so the schema always matches the
//! file: names and order, Table Schema types (`string`, `integer`, `number`, `year`), and the data
//! contract's constraints (required, unique, enum, ranges, id patterns), keys and links. Custom
//! properties (`title_th`, `unit`) carry the Thai title and a value column's unit.

use serde::Serialize;

use super::schema::{Column, Kind, Table};
use crate::data::Text;

#[derive(Serialize)]
pub struct Dialect {
    delimiter: &'static str,
    #[serde(rename = "lineTerminator")]
    line_terminator: &'static str,
    #[serde(rename = "quoteChar")]
    quote_char: &'static str,
    #[serde(rename = "doubleQuote")]
    double_quote: bool,
    header: bool,
}

#[derive(Serialize)]
pub struct Schema {
    fields: Vec<Field>,
    #[serde(rename = "primaryKey")]
    primary_key: Vec<&'static str>,
    #[serde(rename = "foreignKeys", skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey>,
    #[serde(rename = "missingValues")]
    missing_values: [&'static str; 1],
}

#[derive(Serialize)]
struct Field {
    name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    title_th: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<Text>,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints,
}

#[derive(Serialize, Default)]
struct Constraints {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unique: bool,
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    choices: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'static str>,
}

impl Constraints {
    fn is_empty(&self) -> bool {
        !self.required
            && !self.unique
            && self.choices.is_empty()
            && self.minimum.is_none()
            && self.pattern.is_none()
    }
}

#[derive(Serialize)]
struct ForeignKey {
    fields: &'static str,
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: &'static str,
    fields: &'static str,
}

/// How the CSV downloads are written (see [`super::csvout`]).
pub fn csv_dialect() -> Dialect {
    Dialect {
        delimiter: ",",
        line_terminator: "\r\n",
        quote_char: "\"",
        double_quote: true,
        header: true,
    }
}

/// The schema of `table`'s CSV file. A blank cell is the only missing value.
pub fn schema(table: &Table) -> Schema {
    Schema {
        fields: table.columns.iter().map(field).collect(),
        primary_key: table.primary_key.clone(),
        foreign_keys: table
            .foreign_keys
            .iter()
            .map(|fk| ForeignKey {
                fields: fk.field,
                reference: Reference {
                    resource: fk.resource,
                    fields: fk.to,
                },
            })
            .collect(),
        missing_values: [""],
    }
}

fn field(column: &Column) -> Field {
    let (minimum, maximum) = column
        .range
        .map_or((None, None), |(lo, hi)| (Some(lo), Some(hi)));
    Field {
        name: column.name,
        kind: column.kind.as_str(),
        title: column.title.en.clone(),
        title_th: column.title.th.clone(),
        description: column.description.en.clone(),
        unit: column.unit.clone(),
        constraints: Constraints {
            required: column.required(),
            unique: column.unique,
            choices: column.choices.clone(),
            minimum,
            maximum,
            pattern: column.pattern.filter(|_| column.kind == Kind::String),
        },
    }
}
