//! Diagnostics: every problem ecotown finds in a site's input, with where it is and how to fix it.
//!
//! Publishers are not programmers, so a failed build has to say *exactly* what is wrong: the file,
//! the line and column, the value we could not accept, and a hint phrased as the fix. Loading and
//! validation never stop at the first problem; they push into a [`Diagnostics`] list and keep going,
//! so one run reports everything. The list is sorted before printing so that output is stable.

use std::fmt;

/// How serious a problem is. Only errors fail `check` and stop `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable kebab-case identifier (e.g. `unknown-area`), for tests and machine output.
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, when the problem sits on a line.
    pub line: Option<u64>,
    /// 1-based column in characters (not bytes, so Thai text counts as an editor shows it).
    pub column: Option<u64>,
    pub message: String,
    /// The offending value exactly as written in the input.
    pub value: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: &str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            value: None,
            hint: None,
        }
    }

    pub fn error(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    pub fn warning(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    pub fn note(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, file, message)
    }

    /// Places the diagnostic at a line and column.
    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, leaving out what is unknown; in a workbook's sheet
    /// (`data/levels.xlsx[levels]`), the cell as Excel names it (`…[levels]!C5`) or its row
    /// (`…[levels]!5:5`).
    pub fn location(&self) -> String {
        if is_sheet(&self.file) {
            return match (self.line, self.column) {
                (Some(l), Some(c)) => {
                    format!("{}!{}{l}", self.file, column_name(c.saturating_sub(1)))
                }
                (Some(l), None) => format!("{}!{l}:{l}", self.file),
                _ => self.file.clone(),
            };
        }
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.file, l, c),
            (Some(l), None) => format!("{}:{}", self.file, l),
            _ => self.file.clone(),
        }
    }
}

/// `C` for 0-based column 2, `AA` for 26: how Excel names a column.
pub fn column_name(mut index: u64) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Whether `file` names a workbook's sheet (`data/levels.xlsx[levels]`).
pub fn is_sheet(file: &str) -> bool {
    file.ends_with(']') && file.contains(".xlsx[")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}: {}",
            self.severity.as_str(),
            self.code,
            self.location(),
            self.message
        )?;
        if let Some(value) = &self.value {
            write!(f, "\n    value: {}", quote_value(value))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// Quotes a value for display, showing invisible troublemakers (tabs, NULs, line breaks) as escapes
/// and cutting very long values so one bad cell cannot flood the terminal.
fn quote_value(value: &str) -> String {
    const MAX_CHARS: usize = 120;
    let mut out = String::from("\"");
    for (i, ch) in value.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        match ch {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The problems found in one run, in the order they were found until [`Diagnostics::sorted`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Merges a problem repeated on many lines of one file (the same code, message, value and
    /// hint) into its first occurrence, which then lists the other lines: one renamed area makes
    /// every row that uses it wrong, and a publisher needs the rename, not 178 copies of it.
    pub fn collapse_repeats(&mut self) {
        type Key<'a> = (
            Severity,
            &'static str,
            &'a str,
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
        );
        let mut first: std::collections::HashMap<Key<'_>, usize> = Default::default();
        let mut more: Vec<Vec<u64>> = vec![Vec::new(); self.items.len()];
        let mut keep = vec![true; self.items.len()];
        for (i, d) in self.items.iter().enumerate() {
            let Some(line) = d.line else { continue };
            let key = (
                d.severity,
                d.code,
                d.file.as_str(),
                d.message.as_str(),
                d.value.as_deref(),
                d.hint.as_deref(),
            );
            match first.get(&key) {
                Some(&at) if self.items[at].line != Some(line) => {
                    more[at].push(line);
                    keep[i] = false;
                }
                Some(_) => {}
                None => {
                    first.insert(key, i);
                }
            }
        }
        let mut keep = keep.into_iter();
        let mut more = more.into_iter();
        self.items.retain_mut(|d| {
            let lines = more.next().unwrap_or_default();
            if !lines.is_empty() {
                d.message = format!(
                    "{} (and {} more on line{} {})",
                    d.message,
                    lines.len(),
                    if lines.len() == 1 { "" } else { "s" },
                    line_ranges(lines)
                );
            }
            keep.next().unwrap_or(true)
        });
    }

    /// The diagnostics, in the order they were found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Errors first, then warnings, then notes (what must be fixed comes before what may be), each
    /// ordered by file, then line, then column, so that output never depends on the order in which
    /// parallel work finished. Ties keep the order they were found in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut list: Vec<&Diagnostic> = self.items.iter().collect();
        list.sort_by(|a, b| {
            (a.severity, a.file.as_str(), a.line, a.column).cmp(&(
                b.severity,
                b.file.as_str(),
                b.line,
                b.column,
            ))
        });
        list
    }

    /// One line such as "2 errors, 1 warning, 3 notes".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "{}, {}, {}",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            plural(self.count(Severity::Note), "note")
        )
    }
}

/// Lines as ranges where they run on: `105–109, 200, 3012–3189`; past eight ranges, the rest is
/// counted.
fn line_ranges(mut lines: Vec<u64>) -> String {
    lines.sort_unstable();
    lines.dedup();
    let mut ranges: Vec<(u64, u64)> = Vec::new();
    for line in lines {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == line => *end = line,
            _ => ranges.push((line, line)),
        }
    }
    const SHOWN: usize = 8;
    let mut parts: Vec<String> = ranges
        .iter()
        .take(SHOWN)
        .map(|&(a, b)| match a == b {
            true => a.to_string(),
            false => format!("{a}–{b}"),
        })
        .collect();
    if ranges.len() > SHOWN {
        parts.push(format!("and {} more", ranges.len() - SHOWN));
    }
    parts.join(", ")
}

/// Machine-readable output (`check --format json`): a stable shape for editors and CI tools.
#[derive(serde::Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: &'static str,
    code: &'static str,
    file: &'a str,
    line: Option<u64>,
    column: Option<u64>,
    message: &'a str,
    value: Option<&'a str>,
    hint: Option<&'a str>,
}

impl Diagnostics {
    /// All diagnostics as one JSON document, sorted like the text output.
    pub fn to_json(&self) -> String {
        let report = JsonReport {
            diagnostics: self
                .sorted()
                .into_iter()
                .map(|d| JsonDiagnostic {
                    severity: d.severity.as_str(),
                    code: d.code,
                    file: &d.file,
                    line: d.line,
                    column: d.column,
                    message: &d.message,
                    value: d.value.as_deref(),
                    hint: d.hint.as_deref(),
                })
                .collect(),
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            notes: self.count(Severity::Note),
        };
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

impl Diagnostic {
    /// A GitHub Actions workflow command (`::error file=…,line=…::message`), so that the problem
    /// shows on the changed line of a pull request.
    pub fn github_annotation(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = format!("file={}", escape_property(&self.file));
        if let Some(line) = self.line {
            properties.push_str(&format!(",line={line}"));
        }
        if let Some(column) = self.column {
            properties.push_str(&format!(",col={column}"));
        }
        properties.push_str(&format!(",title={}", escape_property(self.code)));
        let mut message = self.message.clone();
        if let Some(value) = &self.value {
            message.push_str(&format!("\nvalue: {}", quote_value(value)));
        }
        if let Some(hint) = &self.hint {
            message.push_str(&format!("\nhint: {hint}"));
        }
        format!("::{level} {properties}::{}", escape_data(&message))
    }
}

/// Escaping for the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for `key=value` properties of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(2), "C");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn display_shows_location_value_and_hint() {
        let d = Diagnostic::error(
            "unknown-area",
            "data/levels.csv",
            "area 'x' is not in data/areas.csv",
        )
        .at(4, 1)
        .with_value("x\ty")
        .with_hint("check the spelling");
        let text = d.to_string();
        assert_eq!(
            text,
            "error[unknown-area]: data/levels.csv:4:1: area 'x' is not in data/areas.csv\n    value: \"x\\ty\"\n    hint: check the spelling"
        );
    }

    #[test]
    fn sorted_orders_errors_first_then_by_file_and_position() {
        let mut list = Diagnostics::new();
        list.push(Diagnostic::note("b", "b.csv", "m").at(1, 1));
        list.push(Diagnostic::warning("w", "a.csv", "m").at(1, 1));
        list.push(Diagnostic::error("a", "a.csv", "m").at(9, 2));
        list.push(Diagnostic::error("a", "c.csv", "m").at(3, 7));
        list.push(Diagnostic::error("a", "a.csv", "m").at(3, 7));
        let order: Vec<_> = list.sorted().iter().map(|d| d.location()).collect();
        assert_eq!(
            order,
            [
                "a.csv:3:7",
                "a.csv:9:2",
                "c.csv:3:7",
                "a.csv:1:1",
                "b.csv:1:1"
            ]
        );
        list.items.remove(1);
        assert_eq!(list.summary(), "3 errors, 0 warnings, 1 note");
    }

    #[test]
    fn github_annotations_are_escaped() {
        let d = Diagnostic::error("unknown-area", "data/a,b.csv", "100% wrong\nreally")
            .at(3, 7)
            .with_hint("fix: it");
        assert_eq!(
            d.github_annotation(),
            "::error file=data/a%2Cb.csv,line=3,col=7,title=unknown-area::100%25 wrong%0Areally%0Ahint: fix: it"
        );
    }

    #[test]
    fn json_report() {
        let mut list = Diagnostics::new();
        list.push(
            Diagnostic::warning("w", "f.csv", "m")
                .at(1, 2)
                .with_value("v"),
        );
        let json: serde_json::Value = serde_json::from_str(&list.to_json()).unwrap();
        assert_eq!(json["warnings"], 1);
        assert_eq!(json["diagnostics"][0]["column"], 2);
        assert_eq!(json["diagnostics"][0]["value"], "v");
    }

    #[test]
    fn long_values_are_cut() {
        let d = Diagnostic::error("x", "f", "m").with_value("a".repeat(500));
        assert!(d.to_string().contains("…\""));
    }
}
