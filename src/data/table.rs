//! Reading one CSV file (or a workbook's sheet, [`crate::data::workbook`]) into rows addressed by
//! column name, with positions for diagnostics. Past 600 lines with its tests (about 100): the CSV
//! and sheet readers share the header and row checks, which must stay one.
//!
//! The data contract lets publishers order columns freely and add their own, so rows are read by
//! name, not by position. Header problems (a missing or misspelled column, a duplicate, the wrong
//! delimiter) are reported here, once per file, before any row is looked at. Exact character
//! columns are only computed when a diagnostic needs one: files with a million rows should not pay
//! for positions nobody asks for.

use crate::data::files::Files;
use crate::data::text;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// How many rows above its header a sheet may have (a title, a subtitle, blank lines).
pub const TITLE_ROWS: usize = 5;

/// A column the contract defines for a file ([`crate::data::contract`]): a table is read by its
/// names, and checked for those [`Column::in_header`] requires.
pub use crate::data::contract::Column;

/// A string column that must be in the header, for tests and tools reading their own tables.
pub fn required(name: &'static str) -> Column {
    use crate::data::contract::{Kind, col};
    col(name, Kind::String, ("", ""), ("", "")).value_required()
}

/// A string column that may be left out.
pub fn optional(name: &'static str) -> Column {
    use crate::data::contract::{Kind, col};
    col(name, Kind::String, ("", ""), ("", ""))
}

/// A CSV file whose header matched its contract.
pub struct Table {
    /// Display path relative to the site root.
    pub file: String,
    text: String,
    /// For each contract column (same order as the spec), its index in the file, if present.
    index: Vec<Option<usize>>,
    names: Vec<&'static str>,
    records: Vec<Record>,
    /// For a workbook's sheet, the 0-based column of its first used column: positions are then
    /// cells (row, column), not places in a text.
    first_column: Option<u64>,
    /// `,`, or a tab for what Excel saves as "Unicode Text" or "Text (Tab delimited)".
    delimiter: u8,
}

struct Record {
    line: u64,
    byte: usize,
    fields: csv::StringRecord,
}

/// One data row of a [`Table`].
#[derive(Clone, Copy)]
pub struct Row<'t> {
    table: &'t Table,
    record: &'t Record,
}

impl Table {
    /// Reads `rel` from `files` against `spec`. Returns `None` (with diagnostics) when the file is
    /// missing, unreadable, empty, or lacks a required column, so callers never see half a contract.
    pub fn read<F: Files + ?Sized>(
        files: &F,
        rel: &str,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let book = rel
            .strip_suffix(".csv")
            .map(|stem| format!("{stem}.xlsx"))
            .unwrap_or_default();
        let csv = files.read(rel);
        let workbook = match book.is_empty() {
            true => Err(std::io::ErrorKind::NotFound.into()),
            false => files.read(&book),
        };
        let not_found = |r: &std::io::Result<Vec<u8>>| {
            r.as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        };
        let bytes = match (csv, workbook) {
            (Ok(_), Ok(_)) => {
                diags.push(
                    Diagnostic::error(
                        "two-sources",
                        rel,
                        format!("the table is given twice, here and as {book}"),
                    )
                    .with_hint(format!(
                        "keep one of {rel} and {book}, and delete the other"
                    )),
                );
                return None;
            }
            (csv, Ok(bytes)) if not_found(&csv) => {
                // A part in `data/<table>/` belongs to the folder's table.
                let parts: Vec<&str> = rel.trim_end_matches(".csv").split('/').collect();
                let table = match parts.as_slice() {
                    ["data", table, _] => table,
                    _ => parts.last().unwrap_or(&rel),
                };
                let sheet = crate::data::workbook::read_sheet(&book, table, bytes, diags)?;
                return Self::from_sheet(sheet, spec, diags);
            }
            (Ok(bytes), _) if crate::data::workbook::looks_like_workbook(&bytes) => {
                diags.push(
                    Diagnostic::error(
                        "workbook-as-csv",
                        rel,
                        "this is an Excel workbook saved under a .csv name, not a CSV file",
                    )
                    .with_hint(format!(
                        "rename it to {book} (workbooks are read as they are), or save it from \
                         Excel as \"CSV UTF-8 (Comma delimited)\""
                    )),
                );
                return None;
            }
            (Ok(bytes), _) => bytes,
            (Err(err), _) if err.kind() == std::io::ErrorKind::NotFound => {
                diags.push(
                    Diagnostic::error("missing-file", rel, "the file does not exist").with_hint(
                        format!(
                            "create it (or {book}) with the header row: {}",
                            header_line(spec)
                        ),
                    ),
                );
                return None;
            }
            (Err(err), _) => {
                diags.push(Diagnostic::error(
                    "unreadable-file",
                    rel,
                    format!("cannot read: {err}"),
                ));
                return None;
            }
        };
        let text = text::decode(&bytes, rel, diags)?;
        Self::parse(rel, text, spec, diags)
    }

    /// Parses already-decoded text; separate from [`Table::read`] so tests and fuzzers need no files.
    pub fn parse(
        rel: &str,
        text: String,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::error("empty-file", rel, "the file is empty")
                    .with_hint(format!("it needs a header row: {}", header_line(spec))),
            );
            return None;
        }
        if let Some(offset) = unclosed_quote(&text, delimiter_of(&text)) {
            let (line, column) = text::line_column(&text.as_bytes()[..offset]);
            diags.push(
                Diagnostic::error(
                    "unclosed-quote",
                    rel,
                    "a quoted cell is opened here but never closed",
                )
                .at(line, column)
                .with_hint("add the closing '\"' (write a quote inside a quoted cell as \"\")"),
            );
            return None;
        }
        let delimiter = delimiter_of(&text);
        let records = read_records(rel, &text, delimiter, diags)?;
        let mut table = Self::from_records(rel, text, None, records, spec, diags)?;
        table.delimiter = delimiter;
        Some(table)
    }

    /// A sheet of a workbook, read as the CSV saved from it would be; rows above the header (a
    /// title, blank lines; at most [`TITLE_ROWS`]) are not the table's and are skipped.
    pub fn from_sheet(
        sheet: crate::data::workbook::Sheet,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        // The header is the first row naming a column of the contract: rows above it are a
        // title (often merged across the columns) or blank, as offices lay their sheets out.
        let names_a_column = |cells: &[String]| {
            cells
                .iter()
                .any(|c| spec.iter().any(|col| normalize_header(c) == col.name))
        };
        let header = sheet
            .rows
            .iter()
            .take(TITLE_ROWS + 1)
            .position(|(_, cells)| names_a_column(cells));
        let skip_blank = |rows: &[(u64, Vec<String>)]| {
            rows.iter()
                .take_while(|(_, cells)| cells.iter().all(|c| c.trim().is_empty()))
                .count()
        };
        let first = header.unwrap_or_else(|| skip_blank(&sheet.rows));
        let records: Vec<Record> = sheet
            .rows
            .into_iter()
            .skip(first)
            .map(|(line, cells)| Record {
                line,
                byte: 0,
                fields: csv::StringRecord::from(cells),
            })
            .collect();
        if records.is_empty() {
            diags.push(
                Diagnostic::error("empty-file", &sheet.display, "the sheet is empty")
                    .with_hint(format!("it needs a header row: {}", header_line(spec))),
            );
            return None;
        }
        Self::from_records(
            &sheet.display,
            String::new(),
            Some(u64::from(sheet.first_column)),
            records,
            spec,
            diags,
        )
    }

    /// The table of `records` (the header first), checked against `spec`.
    fn from_records(
        rel: &str,
        text: String,
        first_column: Option<u64>,
        records: Vec<Record>,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            diags.push(Diagnostic::error("empty-file", rel, "the file is empty"));
            return None;
        };
        let mut table = Table {
            file: rel.to_string(),
            index: Vec::new(),
            names: spec.iter().map(|c| c.name).collect(),
            records: Vec::new(),
            text,
            first_column,
            delimiter: b',',
        };
        table.index = table.match_header(&header, spec, diags)?;
        let width = header.fields.len();
        for record in records {
            if record.fields.iter().all(|f| f.trim().is_empty()) {
                continue; // Spreadsheets leave rows of bare commas after the data.
            }
            if record.fields.len() != width {
                diags.push(field_count_error(rel, &record, width));
                continue;
            }
            table.records.push(record);
        }
        if table.records.is_empty() {
            diags.push(
                Diagnostic::error("no-rows", rel, "the file has a header but no data rows")
                    .at_line(header.line)
                    .with_hint("add the data under the header row"),
            );
        }
        Some(table)
    }

    fn match_header(
        &self,
        header: &Record,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Vec<Option<usize>>> {
        let rel = self.file.as_str();
        let names: Vec<String> = header.fields.iter().map(normalize_header).collect();
        if names.len() == 1 && names[0].contains(';') {
            let delimiter = "';'";
            diags.push(
                Diagnostic::error(
                    "wrong-delimiter",
                    rel,
                    format!("columns are separated by {delimiter}, not commas"),
                )
                .at(header.line, 1)
                .with_value(header.fields.get(0).unwrap_or(""))
                .with_hint("save the sheet as \"CSV UTF-8 (Comma delimited)\""),
            );
            return None;
        }
        let mut ok = true;
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                let (line, column) = self.position(header, i);
                diags.push(
                    Diagnostic::error(
                        "duplicate-column",
                        rel,
                        format!("column '{name}' appears twice in the header"),
                    )
                    .at(line, column)
                    .with_value(name.clone())
                    .with_hint("delete or rename one of the two columns"),
                );
                ok = false;
            }
        }
        let index: Vec<Option<usize>> = spec
            .iter()
            .map(|c| names.iter().position(|n| n == c.name))
            .collect();
        let extras: Vec<&String> = names
            .iter()
            .filter(|n| !spec.iter().any(|c| c.name == n.as_str()))
            .collect();
        for (column, found) in spec.iter().zip(&index) {
            if column.in_header() && found.is_none() {
                diags.push(missing_column(rel, header.line, column.name, &extras, spec));
                ok = false;
            }
        }
        let unmatched: Vec<&str> = extras
            .iter()
            .filter(|e| !e.is_empty() && nearest(e, spec).is_none())
            .map(|e| e.as_str())
            .collect();
        if !unmatched.is_empty() {
            diags.push(
                Diagnostic::note(
                    "extra-columns",
                    rel,
                    format!("extra columns are ignored: {}", unmatched.join(", ")),
                )
                .at_line(header.line),
            );
        }
        ok.then_some(index)
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(move |record| Row {
            table: self,
            record,
        })
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Line and character column where field `field` of `record` starts. Counted from the start
    /// of the record, whose line is known, never from the top of the file: a file with a bad cell
    /// on every one of a million rows must not cost a million scans of the file.
    fn position(&self, record: &Record, field: usize) -> (u64, u64) {
        if let Some(first) = self.first_column {
            return (record.line, first + field as u64 + 1);
        }
        let start = record.byte.min(self.text.len());
        let offset = field_offset(&self.text, start, field, self.delimiter);
        let (line, column) = text::line_column(&self.text.as_bytes()[start..offset]);
        (record.line + line - 1, column)
    }
}

impl<'t> Row<'t> {
    /// The trimmed text of contract column `column` (an index into the spec); "" when the optional
    /// column is absent from the file.
    pub fn get(&self, column: usize) -> &'t str {
        match self.table.index[column] {
            Some(i) => self.record.fields.get(i).unwrap_or("").trim(),
            None => "",
        }
    }

    pub fn has_column(&self, column: usize) -> bool {
        self.table.index[column].is_some()
    }

    pub fn line(&self) -> u64 {
        self.record.line
    }

    pub fn file(&self) -> &'t str {
        &self.table.file
    }

    /// An error about the cell in `column`, located and carrying the cell's value.
    pub fn error(
        &self,
        code: &'static str,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(Diagnostic::error(code, &self.table.file, message), column)
    }

    pub fn warning(
        &self,
        code: &'static str,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(Diagnostic::warning(code, &self.table.file, message), column)
    }

    fn diagnostic(&self, diagnostic: Diagnostic, column: usize) -> Diagnostic {
        match self.table.index[column] {
            Some(i) => {
                let (line, col) = self.table.position(self.record, i);
                diagnostic.at(line, col).with_value(self.get(column))
            }
            None => diagnostic.at(self.record.line, 1),
        }
    }

    /// The contract name of `column`, for messages.
    pub fn name(&self, column: usize) -> &'static str {
        self.table.names[column]
    }
}

/// A tab when the header row is separated by tabs and holds no comma (Excel's "Unicode Text" and
/// "Text (Tab delimited)"), else a comma.
fn delimiter_of(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match header.contains('\t') && !header.contains(',') {
        true => b'\t',
        false => b',',
    }
}

fn read_records(
    rel: &str,
    text: &str,
    delimiter: u8,
    diags: &mut Diagnostics,
) -> Option<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut fields = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut fields) {
            Ok(false) => return Some(records),
            Ok(true) => {
                let position = fields
                    .position()
                    .cloned()
                    .unwrap_or_else(csv::Position::new);
                records.push(Record {
                    line: position.line(),
                    byte: position.byte() as usize,
                    fields: fields.clone(),
                });
            }
            Err(err) => {
                let line = err.position().map(|p| p.line()).unwrap_or(1);
                diags.push(
                    Diagnostic::error(
                        "malformed-csv",
                        rel,
                        format!("the file is not valid CSV: {err}"),
                    )
                    .at_line(line),
                );
                return None;
            }
        }
    }
}

fn field_count_error(rel: &str, record: &Record, width: usize) -> Diagnostic {
    let found = record.fields.len();
    let hint = if found > width {
        "a number with a thousands separator must be quoted (\"1,234\"), or a cell contains an unquoted comma"
    } else {
        "a cell is missing: every row needs as many cells as the header has columns"
    };
    Diagnostic::error(
        "field-count",
        rel,
        format!("this row has {found} cells but the header has {width} columns"),
    )
    .at(record.line, 1)
    .with_value(record.fields.iter().collect::<Vec<_>>().join(","))
    .with_hint(hint)
}

fn missing_column(
    rel: &str,
    line: u64,
    name: &str,
    extras: &[&String],
    spec: &[Column],
) -> Diagnostic {
    let diagnostic = Diagnostic::error(
        "missing-column",
        rel,
        format!("required column '{name}' is missing"),
    )
    .at(line, 1);
    let suggestion = extras.iter().find(|e| nearest(e, spec) == Some(name));
    match suggestion {
        Some(found) => diagnostic.with_value(found.as_str()).with_hint(format!(
            "did you mean '{name}'? rename column '{found}' to '{name}'"
        )),
        None => diagnostic.with_hint(format!(
            "the header needs these columns: {}",
            header_line(spec)
        )),
    }
}

/// The contract column a misspelt header most likely means, if any is close enough.
fn nearest(header: &str, spec: &[Column]) -> Option<&'static str> {
    spec.iter()
        .map(|c| (c.name, strsim::damerau_levenshtein(header, c.name)))
        .filter(|&(name, distance)| distance <= 2.max(name.len() / 4))
        .min_by_key(|&(_, distance)| distance)
        .map(|(name, _)| name)
}

/// Header cells compare case-insensitively and ignore spaces around them; "Area ID" means area_id.
fn normalize_header(raw: &str) -> String {
    raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .to_lowercase()
        .replace([' ', '-'], "_")
}

fn header_line(spec: &[Column]) -> String {
    spec.iter()
        .filter(|c| c.in_header())
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",")
}

/// Byte offset of the first character of field `field` in the record starting at `start`,
/// following RFC 4180 quoting (a quote inside a quoted field is doubled).
fn field_offset(text: &str, start: usize, field: usize, delimiter: u8) -> usize {
    let bytes = text.as_bytes();
    let mut current = 0;
    let mut in_quotes = false;
    let mut i = start;
    while i < bytes.len() && current < field {
        match bytes[i] {
            b'"' => in_quotes = !in_quotes,
            b if b == delimiter && !in_quotes => current += 1,
            b'\n' if !in_quotes => break,
            _ => {}
        }
        i += 1;
    }
    i.min(text.len())
}

/// The byte offset of a quote that opens a cell and is never closed, if there is one.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at_field_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match open {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => open = None,
            Some(_) => {}
            None if b == b'"' && at_field_start => open = Some(i),
            None => {}
        }
        at_field_start = open.is_none() && (b == delimiter || matches!(b, b'\n' | b'\r'));
        i += 1;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Table>, Vec<Diagnostic>) {
        let mut diags = Diagnostics::new();
        let spec = [required("area_id"), required("year"), optional("note_en")];
        let table = Table::parse("t.csv", text.to_string(), &spec, &mut diags);
        (table, diags.iter().cloned().collect())
    }

    #[test]
    fn reads_by_name_in_any_order_with_crlf() {
        let (table, diags) = parse("year,Area ID,mine\r\n2021,a,x\r\n,,\r\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, "extra-columns");
        let table = table.unwrap();
        let row = table.rows().next().unwrap();
        assert_eq!((row.get(0), row.get(1), row.get(2)), ("a", "2021", ""));
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn misspelt_column_gets_a_suggestion() {
        let (table, diags) = parse("area_id,yaer\na,2021\n");
        assert!(table.is_none());
        assert_eq!(diags[0].code, "missing-column");
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean 'year'")
        );
    }

    #[test]
    fn cell_positions_count_characters_and_quotes() {
        let (table, _) = parse("area_id,note_en,year\n\"ระยอง, x\",\"a\"\"b\",20x\n");
        let table = table.unwrap();
        let row = table.rows().next().unwrap();
        let d = row.error("bad", 1, "m");
        assert_eq!((d.line, d.column), (Some(2), Some(19)));
        assert_eq!(d.value.as_deref(), Some("20x"));
    }

    #[test]
    fn unclosed_quote_is_located() {
        let (table, diags) = parse("area_id,year\na,2020\n\"b,2021\n");
        assert!(table.is_none());
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].column),
            ("unclosed-quote", Some(3), Some(1))
        );
    }

    #[test]
    fn wrong_delimiter_and_counts() {
        let (_, diags) = parse("area_id;year\na;2021\n");
        assert_eq!(diags[0].code, "wrong-delimiter");
        let (_, diags) = parse("area_id,year\na,1,234\n");
        assert_eq!(diags[0].code, "field-count");
        assert!(diags[0].hint.as_deref().unwrap().contains("quoted"));
    }
}
