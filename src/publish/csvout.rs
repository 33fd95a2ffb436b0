//! An open-data table as a CSV download, written by the site's one CSV writer
//! ([`crate::csvfile`]: BOM, CRLF, formula-safe text, plain numbers).

use crate::csvfile::{Field, Writer};

use super::schema::{Cell, Table};

/// The table as a CSV file: BOM, header row of column names, one line per row.
pub fn write(table: &Table) -> Vec<u8> {
    let mut csv = Writer::new();
    csv.record(table.columns.iter().map(|c| Field::plain(c.name)));
    for row in &table.rows {
        csv.record(row.iter().map(field));
    }
    csv.finish()
}

fn field(cell: &Cell) -> Field<'_> {
    match cell {
        Cell::Text(text) => Field::text(text.as_str()),
        Cell::Integer(n) => Field::plain(n.to_string()),
        Cell::Number(x) => Field::number(Some(*x)),
        Cell::Missing => Field::plain(""),
    }
}
