//! Formatting numbers, years and dates for a page's language.
//!
//! Thai and English pages share number formatting (1,234,567.89 with Arabic digits, as Thai
//! government web pages do) but differ in years: Thai pages show Buddhist-era years (C.E. + 543)
//! and fiscal years as "ปีงบประมาณ 2564", English pages C.E. and "FY2021". Data always store C.E.;
//! conversion happens only here, at display time.

use crate::data::Lang;

/// Buddhist Era = Common Era + 543.
pub const BE_OFFSET: i32 = 543;

/// `1234567.891` with 2 decimals → `1,234,567.89`. Rounds half away from zero on the decimal
/// text, so 2.345 shown with 2 decimals is 2.35 as a reader checking by hand would expect.
pub fn number(value: f64, decimals: u8) -> String {
    let rounded = round_half_away(value, decimals);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (integer, fraction) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if rounded < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    out.push_str(&group_thousands(integer));
    if let Some(f) = fraction {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn round_half_away(value: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(decimals as i32);
    let scaled = value * factor;
    // Correct for binary representation error (2.345 is stored as 2.34499…) before rounding.
    let nudged = scaled + scaled.signum() * scaled.abs() * f64::EPSILON * 4.0;
    nudged.round() / factor
}

/// A whole number with thousands separators.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = group_thousands(&digits);
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A share (0.392) as a percentage with one decimal: `39.2%`.
pub fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0, 1))
}

/// A calendar or fiscal year number in the page's era: 2021 → "2564" (th) or "2021" (en).
pub fn year(lang: Lang, ce: i32) -> String {
    match lang {
        Lang::Th => (ce + BE_OFFSET).to_string(),
        Lang::En => ce.to_string(),
    }
}

/// A fiscal year label: 2021 → "ปีงบประมาณ 2564" (th) or "FY2021" (en).
pub fn fiscal_year(lang: Lang, ce: i32) -> String {
    match lang {
        Lang::Th => format!("ปีงบประมาณ {}", ce + BE_OFFSET),
        Lang::En => format!("FY{ce}"),
    }
}

/// A short fiscal year for table headers and chart axes: "2564" (th) or "FY2021" (en).
pub fn fiscal_year_short(lang: Lang, ce: i32) -> String {
    match lang {
        Lang::Th => (ce + BE_OFFSET).to_string(),
        Lang::En => format!("FY{ce}"),
    }
}

const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as each language writes it: `30 กันยายน 2564` (B.E.) or `30 September 2021`.
pub fn date(lang: Lang, date: jiff::civil::Date) -> String {
    let (y, m, d) = (i32::from(date.year()), date.month() as usize, date.day());
    match lang {
        Lang::Th => format!("{d} {} {}", MONTHS_TH[m - 1], y + BE_OFFSET),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[m - 1]),
    }
}

/// [`date`] of a `YYYY-MM-DD` text (the update log's); anything else is shown as written.
pub fn date_text(lang: Lang, iso: &str) -> String {
    match iso.parse::<jiff::civil::Date>() {
        Ok(day) => date(lang, day),
        Err(_) => iso.to_string(),
    }
}

/// The change of a share, in percentage points ("+9.0 pp").
pub fn points_change(base: Option<f64>, latest: Option<f64>, points: &str) -> String {
    match (base, latest) {
        (Some(base), Some(latest)) => format!("{} {points}", signed(latest - base)),
        _ => "—".to_string(),
    }
}

/// A number with one decimal and its sign (a true minus), no sign for zero.
pub fn signed(value: f64) -> String {
    let text = number(value.abs(), 1);
    if text.bytes().all(|b| b == b'0' || b == b'.') {
        text
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("\u{2212}{text}")
    }
}

/// The change from `base` to `latest` as a signed percentage of the base ("+25.0%"); "—"
/// from a base of 0, where a relative change means nothing.
pub fn change(base: Option<f64>, latest: Option<f64>) -> String {
    match (base, latest) {
        (Some(base), Some(latest)) if base != 0.0 => {
            format!("{}%", signed((latest - base) / base.abs() * 100.0))
        }
        _ => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed_percentages_of_the_base() {
        assert_eq!(change(Some(8.0), Some(10.0)), "+25.0%");
        assert_eq!(change(Some(10.0), Some(8.0)), "\u{2212}20.0%");
        assert_eq!(change(Some(-10.0), Some(-5.0)), "+50.0%");
        assert_eq!(change(Some(5.0), Some(5.0)), "0.0%");
        assert_eq!(change(Some(0.0), Some(5.0)), "—");
        assert_eq!(change(None, Some(5.0)), "—");
    }

    #[test]
    fn changes_of_shares_are_percentage_points() {
        assert_eq!(points_change(Some(6.9), Some(15.9), "pp"), "+9.0 pp");
        assert_eq!(points_change(Some(15.9), Some(6.9), "pp"), "\u{2212}9.0 pp");
        assert_eq!(points_change(Some(0.0), Some(5.0), "pp"), "+5.0 pp");
        assert_eq!(points_change(Some(5.0), None, "pp"), "—");
    }

    #[test]
    fn numbers() {
        assert_eq!(number(1234567.891, 2), "1,234,567.89");
        assert_eq!(number(4494.0, 0), "4,494");
        assert_eq!(number(999.5, 0), "1,000");
        assert_eq!(number(2.345, 2), "2.35");
        assert_eq!(number(-1234.5, 1), "-1,234.5");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(number(0.0, 3), "0.000");
        assert_eq!(number(100.0, 0), "100");
        assert_eq!(integer(-1234567), "-1,234,567");
        assert_eq!(integer(12), "12");
        assert_eq!(percent(1760.0 / 4494.0), "39.2%");
    }

    #[test]
    fn years_and_dates() {
        assert_eq!(year(Lang::Th, 2021), "2564");
        assert_eq!(year(Lang::En, 2021), "2021");
        assert_eq!(fiscal_year(Lang::Th, 2021), "ปีงบประมาณ 2564");
        assert_eq!(fiscal_year(Lang::En, 2021), "FY2021");
        assert_eq!(date_text(Lang::Th, "2021-09-30"), "30 กันยายน 2564");
        assert_eq!(date_text(Lang::En, "2021-09-30"), "30 September 2021");
        assert_eq!(date_text(Lang::En, "soon"), "soon");
    }
}
