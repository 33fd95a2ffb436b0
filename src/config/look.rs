//! `[look]` in `site.toml`: the colours and logo a site changes without copying the style sheet,
//! and the WCAG contrast arithmetic that decides whether a colour may be used (`check` refuses a
//! brand colour under 4.5:1 or a chart colour under 3:1 against white).

use serde::Deserialize;

/// The `[look]` table: what a site changes of the built-in look without copying the style sheet.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    /// The brand colour (`#rrggbb`): the header, navigation (a shade darker), headline figures
    /// and the briefs' accents. It carries white text and is itself text on white, so `check`
    /// requires 4.5:1 against white (WCAG 2.1 AA).
    pub brand: Option<String>,
    /// The charts' data colour (`#rrggbb`, the built-in Okabe–Ito blue #0072b2): every series,
    /// column and upgraded-factories bar, inline, downloaded and printed. A graphic on white, so
    /// `check` requires 3:1 against white (WCAG 2.1 AA, 1.4.11).
    pub series: Option<String>,
    /// The charts' target colour (built-in vermillion #d55e00), always drawn dashed as well; 3:1
    /// against white like `series`.
    pub target: Option<String>,
    /// An image shown before the site's name in the header (`static/logo.svg`, a file of the
    /// site's `templates/static/`). The name beside it says what it is, so it is decorative.
    pub logo: Option<String>,
}

/// The least contrast WCAG 2.1 AA asks of body text (1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;
/// The least contrast WCAG 2.1 AA asks of graphics such as a chart's lines and bars (1.4.11).
pub const MIN_GRAPHIC_CONTRAST: f64 = 3.0;

/// The colour of `#rrggbb`, as 0–255 channels.
pub fn hex_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// The relative luminance of a colour (WCAG 2.1), 0 for black to 1 for white.
pub fn relative_luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb.map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// The WCAG 2.1 contrast ratio of a colour against white.
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    1.05 / (relative_luminance(rgb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        let ratio = |hex: &str| contrast_with_white(hex_colour(hex).unwrap());
        assert!((ratio("#000000") - 21.0).abs() < 0.01);
        assert!((ratio("#ffffff") - 1.0).abs() < 0.01);
        assert!((ratio("#0b5d3b") - 7.9).abs() < 0.1, "{}", ratio("#0b5d3b"));
        assert!(ratio("#7fd1a8") < MIN_CONTRAST);
        assert_eq!(hex_colour("#0b5d3"), None);
        assert_eq!(hex_colour("0b5d3b"), None);
        assert_eq!(hex_colour("#0b5d3g"), None);
    }
}
