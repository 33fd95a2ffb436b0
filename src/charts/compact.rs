//! Fewer bytes for the same pixels: rewriting a chart's drawing layer before it is written.
//!
//! plotters writes one element per mark with every presentation attribute spelled out
//! (`<circle cx cy r fill stroke="none" stroke-width="1"/>` for each point of a series), and the
//! sample's pages carry tens of charts each, inline and again as downloads. This pass rewrites
//! that markup into what draws the same:
//!
//! - attributes equal to SVG's initial value are dropped (`stroke="none"` with its width,
//!   `stroke-width="1"`, opacities of 1): only at the top level of the drawing, where nothing is
//!   inherited that they would override;
//! - `<polyline>`, `<polygon>`, `<line>`, `<rect>` and `<circle>` become path data (a circle is
//!   two arcs), and a run of consecutive shapes painted alike becomes one `<path>`.
//!
//! What is never merged, because one path paints differently from its parts there: shapes with
//! an opacity below 1 (overlaps would no longer darken), filled paths written by plotters
//! (their subpaths' winding is unknown, and opposite windings would cut holes), and anything with
//! an `id`, a class, ARIA or data attributes, or inside a group or a link (the map's provinces).
//! Paint order between shapes is kept: only neighbours merge.
//!
//! The test `charts::compaction_keeps_every_pixel` (tests/suite/charts.rs) rasterises every chart
//! kind both ways with resvg and compares them.

use std::fmt::Write as _;

/// Attributes that place a shape; everything else is how it is painted.
const GEOMETRY: &[&str] = &[
    "x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d",
];
/// Painting attributes a merged path may carry (anything else keeps the element as written).
const PAINT: &[&str] = &[
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linejoin",
    "stroke-linecap",
    "fill-opacity",
    "stroke-opacity",
];

/// The drawing layer rewritten (see the module doc). Markup it does not recognise is copied as
/// it is.
pub fn drawing(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() / 2);
    let mut run: Option<Run> = None;
    let mut depth = 0usize;
    let mut rest = markup;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        rest = &rest[start + len + 1..];
        // Line breaks between merged shapes go with them; any other text stays where it was.
        if run.is_none() || !text.trim().is_empty() {
            flush(&mut out, &mut run);
            out.push_str(text);
        }
        let closing = tag.starts_with("</");
        let self_closing = tag.ends_with("/>");
        if depth == 0
            && self_closing
            && let Some(shape) = Shape::parse(tag)
        {
            match &mut run {
                Some(r) if r.paint == shape.paint && r.mergeable && shape.mergeable => {
                    r.d.push_str(&shape.d);
                }
                _ => {
                    flush(&mut out, &mut run);
                    run = Some(Run {
                        mergeable: shape.mergeable,
                        paint: shape.paint,
                        d: shape.d,
                    });
                }
            }
            continue;
        }
        flush(&mut out, &mut run);
        out.push_str(tag);
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !tag.starts_with("<!") && !tag.starts_with("<?") {
            depth += 1;
        }
    }
    flush(&mut out, &mut run);
    if out.ends_with('\n') {
        rest = rest.trim_start_matches('\n');
    }
    out.push_str(rest);
    out
}

/// Consecutive shapes painted alike, as one path.
struct Run<'a> {
    paint: Vec<(&'a str, &'a str)>,
    mergeable: bool,
    d: String,
}

fn flush(out: &mut String, run: &mut Option<Run<'_>>) {
    let Some(run) = run.take() else {
        return;
    };
    out.push_str("<path");
    for (name, value) in &run.paint {
        let _ = write!(out, r#" {name}="{value}""#);
    }
    let _ = writeln!(out, r#" d="{}"/>"#, run.d);
}

/// One shape element read as path data and its paint.
struct Shape<'a> {
    paint: Vec<(&'a str, &'a str)>,
    mergeable: bool,
    d: String,
}

impl<'a> Shape<'a> {
    /// `None` for anything that is not a plain shape this pass can rewrite exactly.
    fn parse(tag: &'a str) -> Option<Shape<'a>> {
        let body = tag.strip_prefix('<')?.strip_suffix("/>")?;
        let (name, attrs) = body.split_once(char::is_whitespace)?;
        let attrs = attributes(attrs)?;
        if attrs
            .iter()
            .any(|(n, _)| !GEOMETRY.contains(n) && !PAINT.contains(n))
        {
            return None;
        }
        let get = |key: &str| attrs.iter().find(|(n, _)| *n == key).map(|(_, v)| *v);
        // Plain finite numbers only (no units, percentages, NaN or infinity): one bad shape in a
        // merged path would stop the renderer drawing the rest of it.
        let number = |key: &str| -> Option<f64> {
            match get(key) {
                None => Some(0.0),
                Some(v) => finite(v),
            }
        };
        let (d, known_winding) = match name {
            "path" => {
                let d = get("d")?.trim();
                // A relative first move would be read from the previous path's end.
                if !d.starts_with('M') {
                    return None;
                }
                (d.to_string(), false)
            }
            "polyline" | "polygon" => {
                let points = get("points")?.trim();
                let numbers: Option<Vec<f64>> = (points.split([',', ' ']))
                    .filter(|p| !p.is_empty())
                    .map(finite)
                    .collect();
                if numbers.is_none_or(|n| n.is_empty() || n.len() % 2 != 0) {
                    return None;
                }
                let close = if name == "polygon" { "Z" } else { "" };
                (format!("M{points}{close}"), false)
            }
            "line" => {
                let (x1, y1) = (number("x1")?, number("y1")?);
                let (x2, y2) = (number("x2")?, number("y2")?);
                (format!("M{},{} {},{}", n(x1), n(y1), n(x2), n(y2)), true)
            }
            "rect" => {
                let (x, y) = (number("x")?, number("y")?);
                let (w, h) = (number("width")?, number("height")?);
                if w <= 0.0 || h <= 0.0 {
                    return None;
                }
                (
                    format!("M{} {}h{}v{}h-{}Z", n(x), n(y), n(w), n(h), n(w)),
                    true,
                )
            }
            "circle" => {
                let (cx, cy, r) = (number("cx")?, number("cy")?, number("r")?);
                if r <= 0.0 {
                    return None;
                }
                // As SVG draws a circle: from its rightmost point, clockwise (so a dash pattern
                // falls where it did, and the winding is a rect's, so the two merge without holes).
                let (right, y, w) = (n(cx + r), n(cy), n(2.0 * r));
                let r = n(r);
                (
                    format!("M{right} {y}a{r} {r} 0 1 1-{w} 0a{r} {r} 0 1 1 {w} 0"),
                    true,
                )
            }
            _ => return None,
        };
        let mut paint: Vec<(&str, &str)> = Vec::new();
        let stroked = get("stroke").is_some_and(|s| s != "none");
        for (name, value) in &attrs {
            if GEOMETRY.contains(name) {
                continue;
            }
            let initial = match *name {
                "stroke" => *value == "none",
                "stroke-width" => !stroked || *value == "1",
                "stroke-dasharray" | "stroke-linejoin" | "stroke-linecap" | "stroke-opacity" => {
                    !stroked
                }
                "fill-opacity" => *value == "1",
                _ => false,
            };
            let initial = initial || (*name == "stroke-opacity" && *value == "1");
            if !initial {
                paint.push((name, value));
            }
        }
        // A line, polyline or polygon written without a fill is filled black by SVG's rules; a
        // line never is, so its path says so.
        if name == "line" && get("fill").is_none() {
            paint.push(("fill", "none"));
        }
        paint.sort();
        let translucent = paint
            .iter()
            .any(|(n, v)| n.ends_with("opacity") && v.trim() != "1");
        let filled = paint.iter().any(|(n, v)| *n == "fill" && *v != "none")
            || !paint.iter().any(|(n, _)| *n == "fill");
        // Fill and stroke together would paint all fills, then all strokes: only for shapes
        // whose subpaths cannot cover a neighbour's stroke differently is that the same, so such
        // shapes stay apart.
        let mergeable = !translucent && (!filled || (known_winding && !stroked));
        Some(Shape {
            paint,
            mergeable,
            d,
        })
    }
}

/// `name="value"` pairs; `None` if the tag has anything else in it.
fn attributes(s: &str) -> Option<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let (name, after) = rest.split_once('=')?;
        let after = after.strip_prefix('"')?;
        let end = after.find('"')?;
        out.push((name.trim(), &after[..end]));
        rest = after[end + 1..].trim_start();
    }
    Some(out)
}

/// `text` as a finite number, if it is one and nothing else.
fn finite(text: &str) -> Option<f64> {
    let text = text.trim();
    let plain = !text.is_empty()
        && (text.bytes())
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    text.parse().ok().filter(|v: &f64| plain && v.is_finite())
}

/// A number as path data writes it: at most two decimals, no trailing zeros.
fn n(v: f64) -> String {
    // Most of plotters' coordinates are whole pixels: written without float formatting.
    if v.fract() == 0.0 && v.abs() < 1e9 {
        return (v as i64).to_string();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_of_one_colour_become_one_path_of_arcs() {
        let before = concat!(
            r##"<circle cx="54" cy="45" r="4" fill="#0072B2" stroke="none" stroke-width="1"/>"##,
            "\n",
            r##"<circle cx="99" cy="45" r="4" fill="#0072B2" stroke="none" stroke-width="1"/>"##,
            "\n"
        );
        assert_eq!(
            drawing(before),
            "<path fill=\"#0072B2\" d=\"M58 45a4 4 0 1 1-8 0a4 4 0 1 1 8 0M103 45a4 4 0 1 1-8 0a4 4 0 1 1 8 0\"/>\n"
        );
    }

    #[test]
    fn paint_order_and_groups_are_kept() {
        let before = concat!(
            r##"<circle cx="1" cy="1" r="4" fill="#FFFFFF" stroke="none" stroke-width="1"/>"##,
            r##"<circle cx="1" cy="1" r="4" fill="none" stroke="#0072B2" stroke-width="2"/>"##,
            r##"<circle cx="9" cy="1" r="4" fill="#FFFFFF" stroke="none" stroke-width="1"/>"##,
            r##"<g stroke-width="0.8"><path d="M1,1 2,2" stroke="#000" stroke-width="1"/></g>"##,
        );
        let after = drawing(before);
        assert_eq!(after.matches("<path").count(), 4, "{after}");
        assert!(
            after.contains(r##"<path d="M1,1 2,2" stroke="#000" stroke-width="1"/>"##),
            "inside a group nothing changes: {after}"
        );
    }

    #[test]
    fn lines_and_polylines_merge_and_keep_their_dashes() {
        let before = concat!(
            r##"<polyline fill="none" stroke="#595959" stroke-width="1" points="161,51 161,861 "/>"##,
            r##"<polyline fill="none" stroke="#595959" stroke-width="1" points="1,5 1,8 "/>"##,
            r##"<line x1="46" y1="28" x2="46" y2="171" stroke="#595959" stroke-width="1.5" stroke-dasharray="2 3"/>"##,
        );
        assert_eq!(
            drawing(before),
            concat!(
                "<path fill=\"none\" stroke=\"#595959\" d=\"M161,51 161,861M1,5 1,8\"/>\n",
                "<path fill=\"none\" stroke=\"#595959\" stroke-dasharray=\"2 3\" stroke-width=\"1.5\" d=\"M46,28 46,171\"/>\n"
            )
        );
    }

    #[test]
    fn shapes_with_anything_but_plain_numbers_are_left_as_written() {
        for tag in [
            r##"<line x1="50%" y1="0" x2="1" y2="1" stroke="#000"/>"##,
            r##"<polyline points="1,2 3" fill="none" stroke="#000"/>"##,
            r##"<circle cx="NaN" cy="1" r="2" fill="#000"/>"##,
            r##"<rect x="inf" y="1" width="2" height="2" fill="#000"/>"##,
        ] {
            assert_eq!(drawing(tag), tag, "{tag}");
        }
    }

    #[test]
    fn translucent_and_named_shapes_stay_apart() {
        let before = concat!(
            r##"<path d="M0,0L5,5Z" fill="#0072B2" fill-opacity="0.55"/>"##,
            r##"<path d="M0,0L5,5Z" fill="#0072B2" fill-opacity="0.55"/>"##,
            r##"<path d="M0,0L9,9Z" data-iso="TH-21" fill="#0072B2"/>"##,
        );
        let after = drawing(before);
        assert_eq!(after.matches("<path").count(), 3, "{after}");
        assert!(after.contains(r#"data-iso="TH-21""#));
    }
}
