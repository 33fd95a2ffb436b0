//! Small marks for the printed briefs: a sparkline per key indicator and a QR code to the
//! province's page.
//!
//! Both are written by hand rather than drawn with plotters: a sparkline is one polyline and a dot,
//! a QR code one path of squares, and at this size axes, fonts and legends would be noise. Both are
//! inline SVG without an XML declaration (HTML forbids one), deterministic, and labelled for
//! screen readers and tagged PDFs: the sparkline's label lists its values, the QR code's names the
//! address it encodes (printed beside it as text as well).

use std::fmt::Write;

use super::palette::SERIES;

/// Width and height of a sparkline's view box; it prints at about 18 × 5 mm.
const SPARK: (f64, f64) = (64.0, 18.0);

/// A sparkline of `points` (year, value), oldest first, with `label` as its accessible name.
/// `None` with fewer than two points, since one point makes no line.
pub fn sparkline(points: &[(i32, f64)], label: &str) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let (first, last) = (points[0].0, points[points.len() - 1].0);
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let (w, h, pad) = (SPARK.0, SPARK.1, 2.5);
    let x = |year: i32| {
        pad + (w - 2.0 * pad) * f64::from(year - first) / f64::from((last - first).max(1))
    };
    // A flat series is drawn at mid-height, not on the floor.
    let y = |v: f64| match hi > lo {
        true => h - pad - (h - 2.0 * pad) * (v - lo) / (hi - lo),
        false => h / 2.0,
    };
    let mut line = String::new();
    for (i, (year, value)) in points.iter().enumerate() {
        let command = if i == 0 { 'M' } else { 'L' };
        let _ = write!(line, "{command}{:.1} {:.1}", x(*year), y(*value));
    }
    let (end_year, end_value) = points[points.len() - 1];
    let colour = SERIES.hex();
    Some(format!(
        "<svg class=\"sparkline\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{label}\">\
         <path d=\"{line}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\
         <circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"{colour}\"/></svg>",
        x(end_year),
        y(end_value),
        label = crate::escape::markup(label),
    ))
}

/// A QR code of `url` (error correction M: a crease or a coffee ring still scans) as one path,
/// with the four-module quiet zone the standard asks for; `None` if the address is too long for a
/// QR code (over 2,331 bytes at level M).
pub fn qr_code(url: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let _ = write!(path, "M{} {}h1v1h-1z", i % width + quiet, i / width + quiet);
        }
    }
    Some(format!(
        "<svg class=\"qr-code\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>",
        crate::escape::markup(label)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparkline_spans_its_box_and_needs_two_points() {
        assert!(sparkline(&[(2021, 1.0)], "x").is_none());
        let svg = sparkline(&[(2017, 10.0), (2019, 20.0), (2021, 15.0)], "a < b").unwrap();
        assert!(svg.contains("M2.5 15.5L32.0 2.5L61.5 9.0"), "{svg}");
        assert!(svg.contains("aria-label=\"a &lt; b\""), "{svg}");
        // Flat: mid-height.
        let flat = sparkline(&[(2020, 3.0), (2021, 3.0)], "f").unwrap();
        assert!(flat.contains("M2.5 9.0L61.5 9.0"), "{flat}");
    }

    #[test]
    fn a_qr_code_has_its_quiet_zone_and_scans_as_the_address() {
        let url = "https://ecotown.example.go.th/th/provinces/th-21/";
        let svg = qr_code(url, url).unwrap();
        // Version 4 (33 modules) at level M for 49 bytes, plus 4 on each side.
        assert!(svg.contains("viewBox=\"0 0 41 41\""), "{}", &svg[..120]);
        // The top-left finder pattern starts at the quiet zone's edge.
        assert!(svg.contains("M4 4h1v1h-1z"));
        assert!(!svg.contains("<?xml"));
        assert!(qr_code(&"x".repeat(3000), "long").is_none());
    }
}
