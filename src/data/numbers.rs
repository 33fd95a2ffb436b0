//! Parsing numbers and years the way Thai spreadsheets write them.
//!
//! Data arrives from hand-typed sheets and exports of official documents, so a number may use Thai
//! digits (๐–๙), thousands separators ("1,234"), a Unicode minus sign, or stray spaces. We accept all
//! of those, and reject anything ambiguous or non-finite with a reason the diagnostic can turn into a
//! hint. Parsing never panics: every failure is a [`NumberError`].

/// Why a cell could not be read as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// The cell is blank.
    Empty,
    /// The text is not a number at all.
    NotANumber,
    /// NaN or infinity, spelled out or overflowing.
    NotFinite,
    /// Commas that are not thousands separators ("12,34"), or a decimal comma ("1.234,5").
    BadGrouping,
    /// A percent sign; the unit belongs in indicators.csv, not in the value.
    PercentSign,
    /// A fraction where a whole number is required.
    NotWhole,
}

impl NumberError {
    /// A hint a publisher can act on.
    pub fn hint(self) -> &'static str {
        match self {
            NumberError::Empty => "fill in a number",
            NumberError::NotANumber => {
                "write a plain number such as 1234.5 or 1,234.5 (Thai digits ๐–๙ are fine)"
            }
            NumberError::NotFinite => {
                "NaN and infinity are not values: leave the cell blank if the value is missing"
            }
            NumberError::BadGrouping => {
                "use ',' only between groups of three digits and '.' for decimals, e.g. 1,234.5"
            }
            NumberError::PercentSign => {
                "write the number without '%'; the unit is given in data/indicators.csv"
            }
            NumberError::NotWhole => "this column takes a whole number, without decimals",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            NumberError::Empty => "is blank",
            NumberError::NotANumber => "is not a number",
            NumberError::NotFinite => "is not a finite number",
            NumberError::BadGrouping => "has misplaced thousands separators",
            NumberError::PercentSign => "contains a percent sign",
            NumberError::NotWhole => "is not a whole number",
        }
    }
}

/// Rewrites Thai digits and the Unicode minus to ASCII and trims spaces, including no-break spaces
/// that Excel inserts when numbers are formatted.
pub fn normalize_digits(raw: &str) -> String {
    raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            '\u{2212}' => '-',
            other => other,
        })
        .collect()
}

/// Parses a decimal number such as `1,234.5`, `-0.25` or `๑๒๓`.
pub fn parse_decimal(raw: &str) -> Result<f64, NumberError> {
    let text = normalize_digits(raw);
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    if text.ends_with('%') {
        return Err(NumberError::PercentSign);
    }
    let lower = text.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['-', '+']);
    if matches!(unsigned, "nan" | "inf" | "infinity" | "#num!" | "#div/0!") {
        return Err(NumberError::NotFinite);
    }
    let plain = strip_grouping(&text)?;
    // Rust's float parser accepts forms a spreadsheet never means ("1e5" is fine, but "infinity"
    // was handled above); insist on digits so that words never sneak through.
    if !plain.bytes().any(|b| b.is_ascii_digit())
        || !plain
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return Err(NumberError::NotANumber);
    }
    let value: f64 = plain.parse().map_err(|_| NumberError::NotANumber)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(NumberError::NotFinite)
    }
}

/// Parses a whole number; `12.0` is accepted (spreadsheets like to add it), `12.5` is not.
pub fn parse_integer(raw: &str) -> Result<i64, NumberError> {
    let value = parse_decimal(raw)?;
    if value.fract() != 0.0 {
        return Err(NumberError::NotWhole);
    }
    if value.abs() > 9.0e15 {
        return Err(NumberError::NotANumber);
    }
    Ok(value as i64)
}

/// Removes thousands separators after checking that each sits between groups of three digits.
fn strip_grouping(text: &str) -> Result<String, NumberError> {
    if !text.contains(',') {
        return Ok(text.to_string());
    }
    let (sign, body) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (integer, fraction) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if fraction.is_some_and(|f| f.contains(',')) {
        return Err(NumberError::BadGrouping);
    }
    let groups: Vec<&str> = integer.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !(first_ok && rest_ok && digits_ok) {
        return Err(NumberError::BadGrouping);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(sign);
    out.push_str(&groups.concat());
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

/// The earliest and latest fiscal years (C.E.) that ecotown accepts.
pub const MIN_YEAR: i64 = 1950;
pub const MAX_YEAR: i64 = 2399;
/// Buddhist Era years are C.E. + 543; anything from here on is almost surely B.E.
pub const BUDDHIST_ERA_FROM: i64 = 2400;
pub const BUDDHIST_ERA_OFFSET: i64 = 543;

/// Why a year was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearError {
    Number(NumberError),
    /// Looks like a Buddhist Era year; carries the C.E. year it probably means.
    BuddhistEra(i64),
    OutOfRange,
}

/// Parses a fiscal year written in C.E., catching B.E. years with a specific error.
pub fn parse_year(raw: &str) -> Result<i32, YearError> {
    let year = parse_integer(raw).map_err(YearError::Number)?;
    if year >= BUDDHIST_ERA_FROM && year - BUDDHIST_ERA_OFFSET <= MAX_YEAR {
        return Err(YearError::BuddhistEra(year - BUDDHIST_ERA_OFFSET));
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(YearError::OutOfRange);
    }
    Ok(year as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_grouped_numbers() {
        assert_eq!(parse_decimal("1234.5"), Ok(1234.5));
        assert_eq!(parse_decimal(" 1,234.5 "), Ok(1234.5));
        assert_eq!(parse_decimal("1,234,567"), Ok(1234567.0));
        assert_eq!(parse_decimal("-0.25"), Ok(-0.25));
        assert_eq!(parse_decimal("\u{2212}3"), Ok(-3.0));
        assert_eq!(parse_decimal("\u{a0}12\u{a0}"), Ok(12.0));
        assert_eq!(parse_decimal("1e3"), Ok(1000.0));
    }

    #[test]
    fn thai_digits() {
        assert_eq!(parse_decimal("๑,๒๓๔.๕"), Ok(1234.5));
        assert_eq!(parse_integer("๒๕๖๔"), Ok(2564));
        assert_eq!(normalize_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
    }

    #[test]
    fn rejects_bad_numbers_with_a_reason() {
        assert_eq!(parse_decimal(""), Err(NumberError::Empty));
        assert_eq!(parse_decimal("  "), Err(NumberError::Empty));
        assert_eq!(parse_decimal("abc"), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("12 t"), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("NaN"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("-inf"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("1e999"), Err(NumberError::NotFinite));
        assert_eq!(parse_decimal("12,34"), Err(NumberError::BadGrouping));
        assert_eq!(parse_decimal("1.234,5"), Err(NumberError::BadGrouping));
        assert_eq!(parse_decimal(",123"), Err(NumberError::BadGrouping));
        assert_eq!(parse_decimal("45%"), Err(NumberError::PercentSign));
        assert_eq!(parse_decimal("-"), Err(NumberError::NotANumber));
        assert_eq!(parse_decimal("."), Err(NumberError::NotANumber));
        assert_eq!(parse_integer("12.5"), Err(NumberError::NotWhole));
        assert_eq!(parse_integer("12.0"), Ok(12));
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2021"), Ok(2021));
        assert_eq!(parse_year("๒๐๒๑"), Ok(2021));
        assert_eq!(parse_year("2564"), Err(YearError::BuddhistEra(2021)));
        assert_eq!(parse_year("1066"), Err(YearError::OutOfRange));
        assert_eq!(parse_year("20210"), Err(YearError::OutOfRange));
        assert_eq!(
            parse_year("FY21"),
            Err(YearError::Number(NumberError::NotANumber))
        );
    }
}
