//! A chart's data as CSV for download.
//!
//! The file starts with a UTF-8 byte-order mark, because Excel opens a UTF-8 CSV correctly only
//! with one and most of the site's readers open CSV in Excel. Numbers are raw (`4494`, `0.392`,
//! no thousands separators) so they compute; years are C.E. as in the data files, with a B.E.
//! column added on Thai charts. Text cells that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`.

/// One CSV cell.
pub enum Cell {
    /// Free text (names, notes): neutralised against formula injection.
    Text(String),
    /// A number or code we produced ourselves: written as is.
    Raw(String),
}

/// A CSV file being built.
pub struct Csv {
    out: String,
}

impl Csv {
    pub fn new(header: &[&str]) -> Self {
        let mut csv = Csv {
            out: String::from("\u{FEFF}"),
        };
        let cells: Vec<Cell> = header.iter().map(|h| Cell::Raw((*h).to_string())).collect();
        csv.row(&cells);
        csv
    }

    pub fn row(&mut self, cells: &[Cell]) {
        let line: Vec<String> = cells.iter().map(write_cell).collect();
        self.out.push_str(&line.join(","));
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn write_cell(cell: &Cell) -> String {
    let text = match cell {
        Cell::Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{t}"),
        Cell::Text(t) | Cell::Raw(t) => t.clone(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A raw number: the shortest text that reads back as the same value; empty when missing.
pub fn raw(value: Option<f64>) -> Cell {
    match value {
        Some(v) if v.is_finite() => Cell::Raw(format!("{v}")),
        _ => Cell::Raw(String::new()),
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
        assert_eq!(
            csv.finish(),
            "\u{FEFF}name,value\r\n'=cmd(),-1.5\r\n\"a, \"\"b\"\"\",\r\nระยอง,4494\r\n"
        );
    }
}
