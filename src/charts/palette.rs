//! The charts' colours, chosen so that every chart reads without colour vision and in greyscale.
//!
//! - **Categories** use the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
//!   stays distinct for the common forms of colour blindness. We use few of its colours and always
//!   pair colour with something else: marker shape, line dash, outline or a direct label.
//! - **The map** uses five steps of viridis (van der Walt & Smith, matplotlib), a sequential scale
//!   that is colour-blind safe and whose lightness rises monotonically, so the classes keep their
//!   order when printed in black and white.
//! - Text is black and there are no background fills, so charts print cleanly and cheaply.
//! - **A site's colours** (`[look] series` and `target` in `site.toml`) replace the two role
//!   colours a site may change, [`SERIES`] and [`TARGET`], in each finished chart
//!   ([`recolour`]): every chart is drawn in the built-in palette, whose role colours appear in
//!   no other part of a chart, so one pass over its SVG recolours it whole, inline, downloaded
//!   and printed alike.

use plotters::style::RGBColor;

/// An sRGB colour usable both by plotters and in SVG attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    pub fn rgb(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }

    /// `#RRGGBB`, upper case like plotters writes it.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Text, axes and outlines.
pub const INK: Colour = Colour(0, 0, 0);
/// Axis lines and tick marks: dark grey, quieter than the data.
pub const AXIS: Colour = Colour(0x59, 0x59, 0x59);
/// Grid lines: light, but still visible on paper.
pub const GRID: Colour = Colour(0xD9, 0xD9, 0xD9);
/// The data series (Okabe–Ito blue): dark enough to read as near-black in greyscale.
pub const SERIES: Colour = Colour(0x00, 0x72, 0xB2);
/// Targets (Okabe–Ito vermillion), always drawn dashed as well.
pub const TARGET: Colour = Colour(0xD5, 0x5E, 0x00);
/// Base-year marks, always drawn dotted.
pub const BASE_YEAR: Colour = Colour(0x59, 0x59, 0x59);
/// Factories upgraded: the series blue, solid.
pub const UPGRADED: Colour = SERIES;
/// Factories still to upgrade: very light grey with a dark outline, so it differs from
/// "upgraded" by lightness and outline as well as hue.
pub const REMAINING: Colour = Colour(0xEE, 0xEE, 0xEE);
pub const REMAINING_EDGE: Colour = Colour(0x59, 0x59, 0x59);
/// Map: provinces outside the programme.
pub const MAP_OTHER: Colour = Colour(0xE3, 0xE3, 0xE3);
/// Map: province borders between non-target provinces.
pub const MAP_BORDER: Colour = Colour(0xFF, 0xFF, 0xFF);
/// Map: the outline of target provinces.
pub const MAP_TARGET_EDGE: Colour = Colour(0x1A, 0x1A, 0x1A);
/// Map: a target province without a figure (white with the dark outline).
pub const MAP_NO_DATA: Colour = Colour(0xFF, 0xFF, 0xFF);

/// Five-step viridis (R's `viridis(5)`), light (few upgraded) to dark (most upgraded), with the
/// lightest step taken at 0.9 instead of 1.0 (#BDDF26, not #FDE725) so that it stands apart from
/// the light grey of provinces outside the programme.
pub const SEQUENTIAL: [Colour; 5] = [
    Colour(0xBD, 0xDF, 0x26),
    Colour(0x5D, 0xC8, 0x63),
    Colour(0x21, 0x90, 0x8C),
    Colour(0x3B, 0x52, 0x8B),
    Colour(0x44, 0x01, 0x54),
];

/// `svg` with the series and target colours replaced by a site's (`None` keeps the built-in).
pub fn recolour(svg: &str, series: Option<[u8; 3]>, target: Option<[u8; 3]>) -> String {
    let mut svg = svg.to_string();
    for (role, colour) in [(SERIES, series), (TARGET, target)] {
        if let Some([r, g, b]) = colour {
            let to = Colour(r, g, b).hex();
            svg = svg.replace(&format!("\"{}\"", role.hex()), &format!("\"{to}\""));
        }
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance (WCAG 2.1).
    fn luminance(c: Colour) -> f64 {
        crate::config::relative_luminance([c.0, c.1, c.2])
    }

    #[test]
    fn role_colours_are_used_by_no_other_part_of_a_chart() {
        let others = [
            INK,
            AXIS,
            GRID,
            BASE_YEAR,
            REMAINING,
            REMAINING_EDGE,
            MAP_OTHER,
        ];
        let others = others
            .iter()
            .chain(&SEQUENTIAL)
            .chain(&[MAP_BORDER, MAP_TARGET_EDGE]);
        for other in others {
            assert_ne!(*other, SERIES);
            assert_ne!(*other, TARGET);
        }
        let svg = r##"<rect fill="#0072B2"/><path stroke="#D55E00"/><text fill="#000000"/>"##;
        let out = recolour(svg, Some([0x1d, 0x4e, 0xd8]), None);
        assert_eq!(
            out,
            r##"<rect fill="#1D4ED8"/><path stroke="#D55E00"/><text fill="#000000"/>"##
        );
    }

    #[test]
    fn sequential_gets_darker_so_greyscale_keeps_the_order() {
        for pair in SEQUENTIAL.windows(2) {
            assert!(luminance(pair[0]) > luminance(pair[1]) + 0.05, "{pair:?}");
        }
    }

    #[test]
    fn upgraded_and_remaining_differ_in_lightness() {
        assert!(luminance(REMAINING) - luminance(UPGRADED) > 0.5);
        assert_eq!(SERIES.hex(), "#0072B2");
    }
}
