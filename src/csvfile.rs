//! Writing CSV the way Thai spreadsheet users open it, and safe to open: the one CSV writer of
//! every file the site publishes (open-data tables and chart downloads alike).
//!
//! Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without one, Thai text
//! turns into mojibake. So every CSV starts with a BOM and ends its lines with CRLF (what Excel
//! writes itself). Numbers are written plainly (`1234.5`, no thousands separators, C.E. years) so
//! that every tool reads them as numbers. Quoting is the `csv` crate's (RFC 4180: only fields
//! holding a comma, a quote or a line break are quoted).
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula ("CSV injection",
//! OWASP), and a tab or carriage return in front can hide one. Text cells starting with any of
//! these, their full-width forms, or the Unicode minus, get a leading `'`, which spreadsheets show
//! as text. Only text cells: numbers and codes the program wrote are [`Field::Plain`], so `-3.5`
//! stays a number.

use std::borrow::Cow;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Characters that make a spreadsheet read the rest of a cell as a formula, or that can hide
/// such a character at the start of a cell.
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{2212}', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}',
    '\u{ff20}',
];

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    /// Text someone wrote (names, notes, units): guarded against formulas.
    Text(Cow<'a, str>),
    /// A number, year, code or column name the program wrote: as is.
    Plain(Cow<'a, str>),
}

impl<'a> Field<'a> {
    pub fn text(text: impl Into<Cow<'a, str>>) -> Field<'a> {
        Field::Text(text.into())
    }

    pub fn plain(text: impl Into<Cow<'a, str>>) -> Field<'a> {
        Field::Plain(text.into())
    }

    /// A number as [`number`] writes it; empty when missing or not finite.
    pub fn number(value: Option<f64>) -> Field<'static> {
        match value {
            Some(v) if v.is_finite() => Field::Plain(number(v).into()),
            _ => Field::Plain("".into()),
        }
    }
}

/// A CSV file being written: BOM, then one CRLF-ended line per record.
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        let inner = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(BOM.as_bytes().to_vec());
        Writer { inner }
    }

    /// Writes one record.
    pub fn record<'f>(&mut self, fields: impl IntoIterator<Item = Field<'f>>) {
        let fields = fields.into_iter().map(|f| match f {
            Field::Text(text) => match neutralise(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(guarded) => Cow::Owned(guarded),
            },
            Field::Plain(text) => text,
        });
        // Writing into memory cannot fail.
        let _ = self.inner.write_record(fields.map(|f| f.into_owned()));
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.inner.into_inner().unwrap_or_default()
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
        assert_eq!(neutralise("\u{ff1d}1"), "'\u{ff1d}1");
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
    fn files_open_in_excel_and_run_nothing() {
        let mut csv = Writer::new();
        csv.record([Field::plain("name"), Field::plain("value")]);
        csv.record([Field::text("=cmd()"), Field::number(Some(-1.5))]);
        csv.record([Field::text("a, \"b\""), Field::number(None)]);
        csv.record([Field::text("line\nbreak"), Field::number(Some(4494.0))]);
        csv.record([Field::text("ระยอง"), Field::plain("-3")]);
        assert_eq!(
            String::from_utf8(csv.finish()).unwrap(),
            "\u{FEFF}name,value\r\n'=cmd(),-1.5\r\n\"a, \"\"b\"\"\",\r\n\"line\nbreak\",4494\r\nระยอง,-3\r\n"
        );
    }
}
