//! A chart's data as CSV for download, written by the site's one CSV writer
//! ([`crate::csvfile`]: BOM, CRLF, formula-safe text, plain numbers). Years are C.E. as in the
//! data files, with a B.E. column added on Thai charts.

use crate::csvfile::{Field, Writer};

/// One CSV cell.
pub enum Cell {
    /// Free text (names, notes): neutralised against formula injection.
    Text(String),
    /// A number or code we produced ourselves: written as is.
    Raw(String),
}

/// A CSV file being built.
pub struct Csv {
    out: Writer,
}

impl Csv {
    pub fn new(header: &[&str]) -> Self {
        let mut out = Writer::new();
        out.record(header.iter().map(|h| Field::plain(*h)));
        Csv { out }
    }

    pub fn row(&mut self, cells: &[Cell]) {
        self.out.record(cells.iter().map(|cell| match cell {
            Cell::Text(t) => Field::text(t.as_str()),
            Cell::Raw(t) => Field::plain(t.as_str()),
        }));
    }

    pub fn finish(self) -> String {
        String::from_utf8(self.out.finish()).unwrap_or_default()
    }
}

/// A raw number: the shortest text that reads back as the same value; empty when missing.
pub fn raw(value: Option<f64>) -> Cell {
    match Field::number(value) {
        Field::Plain(text) | Field::Text(text) => Cell::Raw(text.into_owned()),
    }
}

pub fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

pub fn int(value: impl std::fmt::Display) -> Cell {
    Cell::Raw(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_excel_friendly_and_safe() {
        let mut csv = Csv::new(&["name", "value"]);
        csv.row(&[text("=cmd()"), raw(Some(-1.5))]);
        csv.row(&[text("a, \"b\""), raw(None)]);
        csv.row(&[text("ระยอง"), raw(Some(4494.0))]);
        csv.row(&[text("\u{ff1d}1+1"), raw(Some(-0.0))]);
        assert_eq!(
            csv.finish(),
            "\u{FEFF}name,value\r\n'=cmd(),-1.5\r\n\"a, \"\"b\"\"\",\r\nระยอง,4494\r\n'\u{ff1d}1+1,0\r\n"
        );
    }
}
