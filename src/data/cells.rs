//! Reading single cells of a row into typed values, with a located diagnostic for each failure.
//!
//! Every function returns `None` after pushing an error, so a loader can check a whole row, report
//! every bad cell in it, and drop the row only at the end.

use std::collections::BTreeSet;

use crate::data::numbers::{self, NumberError, YearError};
use crate::data::table::Row;
use crate::diagnostics::Diagnostics;

/// A required, non-blank text cell.
pub fn text(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<String> {
    let value = row.get(column);
    if value.is_empty() {
        let name = row.name(column);
        diags.push(
            row.error("empty-cell", column, format!("'{name}' is blank"))
                .with_hint(format!("fill in '{name}': it is required")),
        );
        return None;
    }
    Some(value.to_string())
}

/// A lower-case ASCII slug such as `rayong-map-ta-phut`, used in URLs and file names.
pub fn slug(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<String> {
    let value = text(row, column, diags)?;
    if is_slug(&value) {
        return Some(value);
    }
    let name = row.name(column);
    let suggestion = slugify(&value);
    let hint = if is_slug(&suggestion) {
        format!("use lower-case letters a–z, digits and single hyphens, e.g. '{suggestion}'")
    } else {
        "use lower-case letters a–z, digits and single hyphens, e.g. 'rayong-map-ta-phut'"
            .to_string()
    };
    diags.push(
        row.error("bad-id", column, format!("'{name}' is not a valid id"))
            .with_hint(hint),
    );
    None
}

pub fn is_slug(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `value` as an id of the form [`is_slug`] accepts, as near as it can be: ASCII letters and
/// digits lower-cased, everything else a single hyphen (`Map Ta Phut` → `map-ta-phut`); Thai
/// letters are dropped, so a Thai name may give an empty id. The one slugifier of ids and file
/// names (heading anchors keep Thai and are made by `content::headings`).
pub fn slugify(value: &str) -> String {
    let lowered: String = value
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    lowered
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// An ISO 3166-2:TH province code; `th-21` is accepted and written as `TH-21`.
pub fn province_code(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<String> {
    let value = text(row, column, diags)?.to_ascii_uppercase();
    let valid = value.len() == 5
        && value.starts_with("TH-")
        && value[3..].bytes().all(|b| b.is_ascii_digit());
    if valid {
        return Some(value);
    }
    diags.push(
        row.error(
            "bad-province-code",
            column,
            "not an ISO 3166-2:TH province code",
        )
        .with_hint("write codes like TH-21 (Rayong) or TH-90 (Songkhla)"),
    );
    None
}

/// A fiscal year in C.E.; B.E. years get a hint with the C.E. year they probably mean.
pub fn year(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<i32> {
    let name = row.name(column);
    match numbers::parse_year(row.get(column)) {
        Ok(year) => Some(year),
        Err(YearError::BuddhistEra(ce)) => {
            diags.push(
                row.error(
                    "buddhist-era-year",
                    column,
                    format!("'{name}' looks like a Buddhist-era year"),
                )
                .with_hint(format!(
                    "years are stored in C.E.: subtract 543 (write {ce})"
                )),
            );
            None
        }
        Err(YearError::OutOfRange) => {
            diags.push(
                row.error(
                    "year-out-of-range",
                    column,
                    format!("'{name}' is out of range"),
                )
                .with_hint(format!(
                    "write a fiscal year in C.E. between {} and {}",
                    numbers::MIN_YEAR,
                    numbers::MAX_YEAR
                )),
            );
            None
        }
        Err(YearError::Number(err)) => {
            number_error(row, column, err, diags);
            None
        }
    }
}

/// An optional year: blank means absent.
pub fn optional_year(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<Option<i32>> {
    if row.get(column).is_empty() {
        return Some(None);
    }
    year(row, column, diags).map(Some)
}

/// A required decimal number.
pub fn decimal(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<f64> {
    match numbers::parse_decimal(row.get(column)) {
        Ok(value) => Some(value),
        Err(err) => {
            number_error(row, column, err, diags);
            None
        }
    }
}

/// An optional decimal number: blank means absent.
pub fn optional_decimal(row: &Row, column: usize, diags: &mut Diagnostics) -> Option<Option<f64>> {
    if row.get(column).is_empty() {
        return Some(None);
    }
    decimal(row, column, diags).map(Some)
}

/// A whole number within `min..=max`.
pub fn integer(
    row: &Row,
    column: usize,
    min: i64,
    max: i64,
    diags: &mut Diagnostics,
) -> Option<i64> {
    let value = match numbers::parse_integer(row.get(column)) {
        Ok(value) => value,
        Err(err) => {
            number_error(row, column, err, diags);
            return None;
        }
    };
    if (min..=max).contains(&value) {
        return Some(value);
    }
    let name = row.name(column);
    diags.push(
        row.error(
            "out-of-range",
            column,
            format!("'{name}' must be between {min} and {max}"),
        )
        .with_hint(format!("write a whole number from {min} to {max}")),
    );
    None
}

fn number_error(row: &Row, column: usize, err: NumberError, diags: &mut Diagnostics) {
    let name = row.name(column);
    let code = match err {
        NumberError::NotFinite => "not-finite",
        NumberError::Empty => "empty-cell",
        _ => "not-a-number",
    };
    diags.push(
        row.error(code, column, format!("'{name}' {}", err.describe()))
            .with_hint(err.hint()),
    );
}

/// A word from a closed list (dimension, direction, …); `required` decides whether blank is allowed.
pub fn choice<T>(
    row: &Row,
    column: usize,
    parse: fn(&str) -> Option<T>,
    choices: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    let name = row.name(column);
    if let Some(value) = parse(row.get(column)) {
        return Some(value);
    }
    let (code, message) = if row.get(column).is_empty() {
        ("empty-cell", format!("'{name}' is blank"))
    } else {
        (
            "unknown-value",
            format!("'{name}' is not one of the allowed values"),
        )
    };
    diags.push(
        row.error(code, column, message)
            .with_hint(format!("write one of: {choices}")),
    );
    None
}

/// Reports a reference to an id that does not exist, suggesting the closest one that does.
pub fn unknown_reference(
    row: &Row,
    column: usize,
    known: &BTreeSet<String>,
    target_file: &str,
    diags: &mut Diagnostics,
) {
    let value = row.get(column);
    let name = row.name(column);
    let closest = known
        .iter()
        .map(|k| (strsim::jaro_winkler(value, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k);
    let hint = match closest {
        Some(k) => format!("did you mean '{k}'? ids must match {target_file} exactly"),
        None => format!("add it to {target_file} first, or correct the spelling"),
    };
    diags.push(
        row.error(
            "unknown-reference",
            column,
            format!("'{name}' refers to '{value}', which is not in {target_file}"),
        )
        .with_hint(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("rayong-map-ta-phut"));
        assert!(is_slug("th21"));
        assert!(!is_slug("Rayong"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug("ระยอง"));
        assert_eq!(slugify(" Map Ta Phut "), "map-ta-phut");
    }
}
