//! CSV downloads the way Thai spreadsheet users open them, and safe to open.
//!
//! Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without one, Thai text
//! turns into mojibake. So every CSV starts with a BOM and ends its lines with CRLF (what Excel
//! writes itself). Numbers are written plainly (`1234.5`, no thousands separators, C.E. years) so
//! that every tool reads them as numbers.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula ("CSV injection",
//! OWASP), and a tab or carriage return in front can hide one. Text cells starting with any of
//! these, their full-width forms, or the Unicode minus, get a leading `'`, which spreadsheets show
//! as text. Only text cells: numeric columns are written as numbers, so `-3.5` stays a number.

use std::borrow::Cow;

use super::schema::{Cell, Table};

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";
/// Excel's own line end.
pub const LINE_END: &str = "\r\n";

/// Characters that make a spreadsheet read the rest of a cell as a formula, or that can hide
/// such a character at the start of a cell.
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{2212}', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}',
    '\u{ff20}',
];

/// The table as a CSV file: BOM, header row of column names, one line per row.
pub fn write(table: &Table) -> Vec<u8> {
    let mut out = String::from(BOM);
    let header: Vec<Cow<str>> = table.columns.iter().map(|c| field(c.name)).collect();
    push_line(&mut out, &header);
    for row in &table.rows {
        let cells: Vec<Cow<str>> = row.iter().map(cell).collect();
        push_line(&mut out, &cells);
    }
    out.into_bytes()
}

fn push_line(out: &mut String, fields: &[Cow<str>]) {
    out.push_str(&fields.join(","));
    out.push_str(LINE_END);
}

fn cell(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(text) => field(&neutralise(text)).into_owned().into(),
        Cell::Integer(n) => n.to_string().into(),
        Cell::Number(x) => number(*x).into(),
        Cell::Missing => "".into(),
    }
}

/// Quotes a field when it holds a comma, a quote or a line break (RFC 4180), doubling quotes.
fn field(text: &str) -> Cow<'_, str> {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

/// `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A number as plainly as it round-trips: `812`, `6.3`, `-0.25`; never an exponent or a
/// separator. Negative zero is written `0`.
pub fn number(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    // Rust's `Display` for f64 is the shortest text that reads back to the same number, and never
    // uses exponent notation.
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts_only() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\u{2212}3"), "'\u{2212}3");
        assert_eq!(neutralise("ระยอง"), "ระยอง");
        assert_eq!(neutralise("a=b"), "a=b");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn numbers_are_plain() {
        assert_eq!(number(812.0), "812");
        assert_eq!(number(6.3), "6.3");
        assert_eq!(number(-3.5), "-3.5");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(1234567.5), "1234567.5");
        assert_eq!(number(1e21), "1000000000000000000000");
    }

    #[test]
    fn quotes_when_needed() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("ระยอง"), "ระยอง");
    }
}
