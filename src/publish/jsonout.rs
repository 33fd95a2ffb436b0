//! JSON downloads: tables as arrays of objects, pretty-printed, byte-for-byte reproducible.
//!
//! Objects keep the columns' order (the data contract's) rather than an alphabetical one, so a
//! JSON row reads like its CSV line; this is done by serialising rows as maps in column order,
//! independent of whether `serde_json` preserves insertion order. Numbers are JSON numbers, a
//! missing value is `null`, and text is written as given: JSON is not opened by spreadsheets, so
//! the CSV formula guard does not apply here.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::schema::{Cell, Column, Table};

/// One row as an object, leaving out the columns named in `skip`.
pub struct Row<'a> {
    pub columns: &'a [Column],
    pub cells: &'a [Cell],
    pub skip: &'a [&'a str],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            if !self.skip.contains(&column.name) {
                map.serialize_entry(column.name, &CellValue(cell))?;
            }
        }
        map.end()
    }
}

struct CellValue<'a>(&'a Cell);

impl Serialize for CellValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Integer(n) => serializer.serialize_i64(*n),
            Cell::Number(x) => serializer.serialize_f64(*x),
            Cell::Missing => serializer.serialize_none(),
        }
    }
}

/// The rows of `table`, leaving out the columns in `skip`.
pub fn rows<'a>(table: &'a Table, skip: &'a [&'a str]) -> Vec<Row<'a>> {
    table
        .rows
        .iter()
        .map(|cells| Row {
            columns: &table.columns,
            cells,
            skip,
        })
        .collect()
}

/// The table as a JSON array of objects.
pub fn write(table: &Table) -> Vec<u8> {
    pretty(&rows(table, &[]))
}

/// Pretty-printed JSON (two-space indent, UTF-8 text unescaped) ending with a newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Serialising plain data into memory cannot fail (no I/O, no maps with non-string keys); the
    // fallback only keeps this function total.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_else(|_| b"null".to_vec());
    bytes.push(b'\n');
    bytes
}
