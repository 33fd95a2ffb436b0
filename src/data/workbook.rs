//! Excel workbooks as the data's tables: `data/<table>.xlsx` is read like `data/<table>.csv`.
//!
//! Provincial offices keep their data in Excel on Thai Windows; saving every sheet as "CSV UTF-8"
//! with exact headers is a chore that loses nothing but time and invites mistakes. So a table may
//! be given as a workbook, read with the `calamine` crate: the sheet named after the table if there
//! is one (`levels`), else the first sheet. Each cell becomes the text a CSV would hold, so the
//! same checks, values and hints apply: whole numbers without `.0`, other numbers as the shortest
//! text that reads back the same, dates as `YYYY-MM-DD`, Excel's errors (`#N/A`) as written (and
//! then refused by the cell's own check). Every diagnostic names the workbook, the sheet and the
//! cell (`data/levels.xlsx[levels]!C5`): see [`crate::diagnostics::Diagnostic::location`].

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// One sheet's cells as text, ready for the table reader.
pub struct Sheet {
    /// How diagnostics name it: `data/levels.xlsx[levels]`.
    pub display: String,
    /// The 0-based column of the sheet's first used column (a table need not start at A).
    pub first_column: u32,
    /// Each row's 1-based number in the sheet and its cells' text, from the first used column.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The bytes start like a zip archive, which every `.xlsx` is.
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The names of the sheets of the workbook `bytes`, or none if it cannot be read.
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map(|book| book.sheet_names())
        .unwrap_or_default()
}

/// Whether a sheet called `name` is the sheet of `table` (names compared as Excel users type
/// them: case and surrounding spaces aside).
pub fn is_sheet_of(name: &str, table: &str) -> bool {
    name.trim().eq_ignore_ascii_case(table)
}

/// Reads the sheet of `table` from the workbook `rel` (bytes `bytes`): the sheet named after the
/// table, else (for a workbook of that table alone) the first.
pub fn read_sheet(
    rel: &str,
    table: &str,
    bytes: Vec<u8>,
    diags: &mut Diagnostics,
) -> Option<Sheet> {
    let mut workbook = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(err) => {
            diags.push(
                Diagnostic::error(
                    "unreadable-workbook",
                    rel,
                    format!("cannot read the workbook: {err}"),
                )
                .with_hint("save it again from Excel as \"Excel Workbook (*.xlsx)\""),
            );
            return None;
        }
    };
    let names = workbook.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| is_sheet_of(n, table))
        .or_else(|| names.first())
        .cloned()
    else {
        diags.push(Diagnostic::error(
            "empty-file",
            rel,
            "the workbook has no sheet",
        ));
        return None;
    };
    let display = format!("{rel}[{name}]");
    let range = match workbook.worksheet_range(&name) {
        Ok(range) => range,
        Err(err) => {
            diags.push(Diagnostic::error(
                "unreadable-workbook",
                &display,
                format!("cannot read the sheet: {err}"),
            ));
            return None;
        }
    };
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let number = u64::from(first_row) + i as u64 + 1;
            (number, cells.iter().map(cell_text).collect())
        })
        .collect();
    Some(Sheet {
        display,
        first_column,
        rows,
    })
}

/// A cell as the text a CSV saved from the same sheet would hold.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => number_text(*x),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        Data::DateTime(date) => {
            excel_date(date.as_f64()).unwrap_or_else(|| number_text(date.as_f64()))
        }
        Data::Error(err) => err.to_string(),
    }
}

/// `2021`, not `2021.0`; `6.3`, not `6.300000000000001` (Excel stores a double; the shortest text
/// that reads back the same is what the cell shows).
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// An Excel date serial (days since 1899-12-30, the 1900 date system) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    let days = serial.floor() as i64;
    let epoch = jiff::civil::date(1899, 12, 30);
    let date = epoch.checked_add(jiff::Span::new().days(days)).ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(2021.0)), "2021");
        assert_eq!(cell_text(&Data::Float(6.3)), "6.3");
        assert_eq!(cell_text(&Data::Int(-4)), "-4");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::String("ระยอง".into())), "ระยอง");
        assert_eq!(excel_date(44469.0).as_deref(), Some("2021-09-30"));
    }
}
