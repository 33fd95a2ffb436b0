//! The province map: Thailand's 77 provinces, the target provinces shaded by share upgraded.
//!
//! Boundaries come from geoBoundaries (ODbL, from OpenStreetMap; see `data/geo/README.md`),
//! compiled into the binary and turned into SVG paths once per process: an equirectangular
//! projection corrected by cos(latitude) at the country's middle, each shared border simplified
//! once (Douglas–Peucker, so neighbours still meet exactly) and coordinates rounded to 0.1 px
//! as relative moves, which keeps the map around 60 KB.
//!
//! Target provinces are links (`<a href>` with a `<title>` naming the province and its figure),
//! so they are reachable by keyboard and screen reader; the SVG is therefore a labelled group,
//! not an image (an image's content is hidden from assistive technology). Other provinces are
//! light grey and hidden from assistive technology. Shading uses five classes of a viridis scale
//! plus a thin dark outline, so target provinces stand out in greyscale as well.

use std::fmt::Write as _;
use std::sync::OnceLock;

use super::palette::{Colour, MAP_BORDER, MAP_NO_DATA, MAP_OTHER, MAP_TARGET_EDGE, SEQUENTIAL};
use super::svg::{Anchor, Canvas, Font, num};
use super::table::{self, Csv};
use super::text::{ASCENT, DESCENT, fit};
use super::topojson::{self, Topology};
use super::{About, Chart, Table, Words, chart_id};
use crate::data::Lang;
use crate::escape::markup as escape;
use crate::i18n::Strings;
use crate::i18n::format::percent;

static TOPOJSON: &str = include_str!("../../data/geo/thailand-provinces.topojson");
const OBJECT: &str = "THA-ADM1-36821470";
/// The short attribution ODbL requires on the map itself (the about page carries the full one).
pub const ATTRIBUTION: &str = "© OpenStreetMap contributors, ODbL · geoBoundaries";

const WIDTH: f64 = super::PHONE_WIDTH;
const PAD: f64 = 8.0;
/// Space under the country for the attribution line.
const FOOTER: f64 = 22.0;
/// Douglas–Peucker tolerance in pixels: below what a reader can see at the map's size.
const TOLERANCE: f64 = 0.4;

/// A target province on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapProvince {
    /// ISO 3166-2 code, e.g. `TH-21`.
    pub iso: String,
    /// Its name in the page's language.
    pub name: String,
    /// Its page, relative to the page the map is on.
    pub url: String,
    /// Share of its factories upgraded, 0–1; `None` without figures.
    pub share_upgraded: Option<f64>,
}

/// The provinces as SVG path data, computed once.
struct Geometry {
    height: f64,
    /// (ISO code, path data), in the file's order.
    shapes: Vec<(String, String)>,
    /// Where the legend goes: the open sea of the Gulf of Thailand, east of the southern
    /// peninsula and south of Trat, where it covers no province.
    legend_at: (f64, f64),
}

fn geometry() -> Option<&'static Geometry> {
    static GEOMETRY: OnceLock<Option<Geometry>> = OnceLock::new();
    GEOMETRY
        .get_or_init(|| topojson::parse(TOPOJSON, OBJECT).ok().map(|t| build(&t)))
        .as_ref()
}

/// Projects, simplifies and writes every province.
fn build(topology: &Topology) -> Geometry {
    let points = topology.arcs.iter().flatten();
    let (mut lon0, mut lon1, mut lat0, mut lat1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lon, lat) in points {
        lon0 = lon0.min(lon);
        lon1 = lon1.max(lon);
        lat0 = lat0.min(lat);
        lat1 = lat1.max(lat);
    }
    let k = ((lat0 + lat1) / 2.0).to_radians().cos();
    let scale = (WIDTH - 2.0 * PAD) / ((lon1 - lon0) * k).max(f64::EPSILON);
    let project =
        |(lon, lat): (f64, f64)| (PAD + (lon - lon0) * k * scale, PAD + (lat1 - lat) * scale);
    // Each arc projected, simplified, and rounded to tenths of a pixel.
    let arcs: Vec<Vec<(i64, i64)>> = topology
        .arcs
        .iter()
        .map(|arc| {
            let projected: Vec<(f64, f64)> = arc.iter().copied().map(project).collect();
            simplify(&projected, TOLERANCE)
                .into_iter()
                .map(|(x, y)| ((x * 10.0).round() as i64, (y * 10.0).round() as i64))
                .collect()
        })
        .collect();
    let shapes = topology
        .shapes
        .iter()
        .map(|shape| {
            let iso = shape
                .properties
                .get("shapeISO")
                .cloned()
                .unwrap_or_default();
            let rings: Vec<Vec<(i64, i64)>> = shape
                .polygons
                .iter()
                .flatten()
                .map(|refs| topojson::ring(&arcs, refs))
                .collect();
            (iso, path_data(&rings))
        })
        .collect();
    Geometry {
        height: (PAD + (lat1 - lat0) * scale + PAD + FOOTER).ceil(),
        shapes,
        legend_at: project((101.75, 11.4)),
    }
}

/// Douglas–Peucker simplification that keeps both ends (iterative, so no deep recursion).
fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut farthest = (0usize, 0.0f64);
        for i in a + 1..b {
            let d = distance_to_segment(points[i], points[a], points[b]);
            if d > farthest.1 {
                farthest = (i, d);
            }
        }
        if farthest.1 > tolerance {
            keep[farthest.0] = true;
            stack.push((a, farthest.0));
            stack.push((farthest.0, b));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    if length2 == 0.0 {
        return (p.0 - a.0).hypot(p.1 - a.1);
    }
    let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0);
    (p.0 - (a.0 + t * dx)).hypot(p.1 - (a.1 + t * dy))
}

/// Path data in tenths of a pixel: an absolute move, then relative lines, per ring. Rings that
/// simplification reduced to nothing visible are left out.
fn path_data(rings: &[Vec<(i64, i64)>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut points = ring.clone();
        points.dedup();
        if points.len() < 4 {
            continue;
        }
        let (x0, y0) = points[0];
        let _ = write!(d, "M{} {}", tenths(x0), tenths(y0));
        let mut last = (x0, y0);
        for &(x, y) in &points[1..points.len() - 1] {
            let _ = write!(d, "l{} {}", tenths(x - last.0), tenths(y - last.1));
            last = (x, y);
        }
        d.push('z');
    }
    d
}

fn tenths(v: i64) -> String {
    num(v as f64 / 10.0)
}

/// The class (0–4) of a share: 0–20 %, 20–40 %, … 80–100 %.
fn class_of(share: f64) -> usize {
    ((share.clamp(0.0, 1.0) * 5.0).floor() as usize).min(4)
}

/// The map of Thailand with `provinces` (the target provinces) shaded and linked.
pub fn province_map(lang: Lang, provinces: &[MapProvince], strings: &Strings) -> Chart {
    let words = Words::new(lang, strings);
    let id = chart_id(&["map-provinces", lang.code()]);
    let title = words.get("chart_map_title").to_string();
    let desc = describe(&words, provinces);
    let table = table_of(&words, provinces, &title);
    let csv = csv_of(provinces);
    let canvas = draw(&words, provinces);
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "map", "group")
}

fn describe(words: &Words, provinces: &[MapProvince]) -> String {
    let with: Vec<(&MapProvince, f64)> = provinces
        .iter()
        .filter_map(|p| Some((p, p.share_upgraded.filter(|s| s.is_finite())?)))
        .collect();
    let low = with.iter().min_by(|a, b| a.1.total_cmp(&b.1));
    let high = with.iter().max_by(|a, b| a.1.total_cmp(&b.1));
    let mut clauses = Vec::new();
    if let (Some(low), Some(high)) = (low, high) {
        clauses.push(words.fill(
            "chart_map_desc",
            &[
                ("count", &provinces.len().to_string()),
                ("min", &percent(low.1)),
                ("min_name", &low.0.name),
                ("max", &percent(high.1)),
                ("max_name", &high.0.name),
            ],
        ));
    }
    let missing: Vec<String> = provinces
        .iter()
        .filter(|p| p.share_upgraded.is_none())
        .map(|p| p.name.clone())
        .collect();
    if !missing.is_empty() {
        clauses.push(format!(
            "{}: {}",
            words.get("chart_map_no_data"),
            words.list(&missing)
        ));
    }
    words.sentence(&clauses)
}

fn share_text(words: &Words, share: Option<f64>) -> String {
    match share.filter(|s| s.is_finite()) {
        Some(s) => percent(s),
        None => words.get("chart_map_no_data").to_string(),
    }
}

fn table_of(words: &Words, provinces: &[MapProvince], title: &str) -> Table {
    let header = vec![
        words.get("col_province").to_string(),
        words.get("chart_share_upgraded").to_string(),
    ];
    let rows = provinces
        .iter()
        .map(|p| vec![p.name.clone(), share_text(words, p.share_upgraded)])
        .collect();
    Table {
        caption: title.to_string(),
        header,
        rows,
    }
}

fn csv_of(provinces: &[MapProvince]) -> String {
    let mut csv = Csv::new(&["province_code", "province", "share_upgraded"]);
    for p in provinces {
        csv.row(&[
            table::text(&p.iso),
            table::text(&p.name),
            table::raw(p.share_upgraded),
        ]);
    }
    csv.finish()
}

fn draw(words: &Words, provinces: &[MapProvince]) -> Canvas {
    let small = Font::regular(super::MIN_TEXT);
    let Some(geo) = geometry() else {
        return super::layout::no_data(words, WIDTH, 100.0, small);
    };
    let mut canvas = Canvas::new(WIDTH, geo.height);
    canvas.push(&other_provinces(geo, provinces));
    canvas.push(&target_provinces(geo, provinces, words));
    draw_legend(&mut canvas, words, provinces, geo.legend_at, small);
    let attribution = Font::regular(super::MIN_TEXT);
    let baseline = geo.height - PAD + 2.0 - DESCENT * attribution.size;
    canvas.text(
        ATTRIBUTION,
        PAD,
        baseline,
        Anchor::Start,
        attribution,
        WIDTH - 2.0 * PAD,
    );
    canvas
}

fn target_of<'a>(provinces: &'a [MapProvince], iso: &str) -> Option<&'a MapProvince> {
    provinces.iter().find(|p| p.iso.eq_ignore_ascii_case(iso))
}

/// Provinces outside the programme: light grey, white borders, hidden from assistive technology.
fn other_provinces(geo: &Geometry, provinces: &[MapProvince]) -> String {
    let mut svg = format!(
        "<g fill=\"{}\" stroke=\"{}\" stroke-width=\"0.5\" aria-hidden=\"true\">\n",
        MAP_OTHER.hex(),
        MAP_BORDER.hex()
    );
    for (iso, d) in geo
        .shapes
        .iter()
        .filter(|(iso, _)| target_of(provinces, iso).is_none())
    {
        let _ = writeln!(svg, r#"<path data-iso="{}" d="{d}"/>"#, escape(iso));
    }
    svg.push_str("</g>\n");
    svg
}

/// Target provinces: shaded by class, outlined, each a link titled with its name and figure.
fn target_provinces(geo: &Geometry, provinces: &[MapProvince], words: &Words) -> String {
    let mut svg = format!(
        "<g stroke=\"{}\" stroke-width=\"0.8\" stroke-linejoin=\"round\">\n",
        MAP_TARGET_EDGE.hex()
    );
    for (iso, d) in &geo.shapes {
        let Some(p) = target_of(provinces, iso) else {
            continue;
        };
        let fill = match p.share_upgraded.filter(|s| s.is_finite()) {
            Some(s) => SEQUENTIAL[class_of(s)],
            None => MAP_NO_DATA,
        };
        let figure = share_text(words, p.share_upgraded);
        let label = words.fill(
            "chart_map_province",
            &[("name", &p.name), ("percent", &figure)],
        );
        let _ = writeln!(
            svg,
            r#"<a href="{}"><title>{}</title><path data-iso="{}" fill="{}" d="{d}"/></a>"#,
            escape(&p.url),
            escape(&label),
            escape(iso),
            fill.hex()
        );
    }
    svg.push_str("</g>\n");
    svg
}

/// The classes (with their share ranges), "no data" when a target province has no figure, and
/// "other provinces".
fn draw_legend(
    canvas: &mut Canvas,
    words: &Words,
    provinces: &[MapProvince],
    (x, y): (f64, f64),
    font: Font,
) {
    let width = WIDTH - PAD - x;
    let title = fit(words.get("chart_map_legend"), width, font.size, true, 2);
    let bold = Font::bold(font.size);
    canvas.lines(
        &title,
        x,
        y + ASCENT * font.size,
        Anchor::Start,
        bold,
        width,
    );
    let mut entries: Vec<(Colour, Colour, String)> = (0..5)
        .map(|i| {
            (
                SEQUENTIAL[i],
                MAP_TARGET_EDGE,
                format!("{}–{}%", i * 20, (i + 1) * 20),
            )
        })
        .collect();
    if provinces.iter().any(|p| p.share_upgraded.is_none()) {
        entries.push((
            MAP_NO_DATA,
            MAP_TARGET_EDGE,
            words.get("chart_map_no_data").to_string(),
        ));
    }
    entries.push((
        MAP_OTHER,
        MAP_OTHER,
        words.get("chart_map_other").to_string(),
    ));
    let row = font.line_height() + 3.0;
    let mut top = y + bold.block_height(title.len()) + 6.0;
    let mut swatches = String::from("<g aria-hidden=\"true\" stroke-width=\"0.8\">\n");
    for (fill, edge, text) in entries {
        let _ = writeln!(
            swatches,
            r#"<rect x="{}" y="{}" width="14" height="12" fill="{}" stroke="{}"/>"#,
            num(x),
            num(top),
            fill.hex(),
            edge.hex()
        );
        let lines = fit(&text, width - 20.0, font.size, false, 1);
        canvas.lines(
            &lines,
            x + 20.0,
            top + 6.0 + 0.35 * font.size,
            Anchor::Start,
            font,
            width - 20.0,
        );
        top += row;
    }
    swatches.push_str("</g>\n");
    canvas.push(&swatches);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_has_77_provinces_in_a_small_svg() {
        let geo = geometry().expect("bundled TopoJSON parses");
        assert_eq!(geo.shapes.len(), 77);
        assert!(
            geo.shapes
                .iter()
                .all(|(iso, d)| iso.starts_with("TH-") && d.starts_with('M'))
        );
        let bytes: usize = geo.shapes.iter().map(|(_, d)| d.len()).sum();
        assert!(bytes < 120_000, "{bytes} bytes of path data");
        assert!(geo.height > 600.0 && geo.height < 900.0, "{}", geo.height);
    }

    #[test]
    fn simplification_keeps_ends_and_drops_near_collinear_points() {
        let line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (3.0, 5.0)];
        assert_eq!(
            simplify(&line, 0.4),
            vec![(0.0, 0.0), (2.0, 0.0), (3.0, 5.0)]
        );
    }

    #[test]
    fn classes() {
        assert_eq!(class_of(0.0), 0);
        assert_eq!(class_of(0.392), 1);
        assert_eq!(class_of(1.0), 4);
        assert_eq!(class_of(-3.0), 0);
    }
}
