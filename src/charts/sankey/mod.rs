//! The material-flow chart: a Sankey diagram of one area's flows in one year, in tonnes.
//!
//! Nodes are columns of bars, each band as wide as its quantity; return flows (recycling loops)
//! run in lanes below the diagram ([`layout`] says how they are chosen and placed). Drawn for a
//! phone's width like every chart: three or four columns at most in practice, labels beside the
//! bars (to the right, and to the left in the last column) wrapped at word boundaries, over the
//! bands with a white halo. A band's material category is told by colour *and* by pattern (waste
//! is hatched, products dotted, by-products solid), with a legend; the flow table beside the
//! chart names every flow. Water and energy are never in it: one diagram, one unit.
//!
//! The description states the headline a reader wants first: how much of the by-products and
//! wastes stays in the area (reaches a factory, a utility or a community rather than treatment,
//! landfill or a party outside), and how much is exchanged between factories.

pub mod layout;

use std::fmt::Write;

use self::layout::{Frame, LinkIn, NodeIn};
use super::palette::{Colour, INK, SERIES};
use super::svg::{Anchor, Canvas, Font, num};
use super::table::{self, Csv};
use super::text::{ASCENT, fit};
use super::{About, Chart, Table, Words, chart_id};
use crate::data::flows::{Flows, Unit};
use crate::data::{Area, Lang};
use crate::i18n::Strings;
use crate::i18n::format::{self, fiscal_year_short};

const WIDTH: f64 = super::PHONE_WIDTH;
const PAD: f64 = 6.0;
const NODE_WIDTH: f64 = 10.0;
const VALUE_HEIGHT: f64 = 190.0;
const FONT: Font = Font {
    size: super::MIN_TEXT,
    bold: false,
};
const NAME: Font = Font {
    size: super::MIN_TEXT,
    bold: true,
};
/// A label's lines at most: the name's, then its quantity.
const NAME_LINES: usize = 3;
/// Between a bar and its label.
const LABEL_GAP: f64 = 4.0;
/// The widest a return band is drawn (see `material_flows`).
const MAX_RETURN: f64 = 40.0;
/// The thinnest band drawn, so that a small flow stays visible.
const MIN_BAND: f64 = 1.5;

/// Waste: Okabe–Ito orange, hatched.
const WASTE: Colour = Colour(0xE6, 0x9F, 0x00);
/// Products (recycled material going back into production): bluish green, dotted.
const PRODUCT: Colour = Colour(0x00, 0x9E, 0x73);
const NODE: Colour = Colour(0x33, 0x33, 0x33);

/// How a material category is drawn: its colour and its pattern (none for by-products).
fn style(category: &str) -> (Colour, Option<&'static str>) {
    match category {
        "waste" | "emission" => (WASTE, Some("hatch")),
        "product" => (PRODUCT, Some("dots")),
        _ => (SERIES, None),
    }
}

/// The Sankey diagram of `area`'s flows in tonnes in fiscal year `year`, or `None` when it has
/// none that year.
pub fn material_flows(
    lang: Lang,
    area: &Area,
    year: i32,
    flows: &Flows,
    strings: &Strings,
) -> Option<Chart> {
    let words = Words::new(lang, strings);
    let rows: Vec<_> = (flows.of(&area.id, year).iter())
        .filter(|f| f.unit == Unit::Tonnes)
        .collect();
    if rows.is_empty() {
        return None;
    }
    // Nodes in the order they first appear, which is the publisher's.
    let mut ids: Vec<&str> = Vec::new();
    for f in &rows {
        for id in [f.source.as_str(), f.target.as_str()] {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let name = |id: &str| {
        flows
            .node(id)
            .map_or(id.to_string(), |n| n.name.get(lang).to_string())
    };
    let category = |m: &str| flows.material(m).map_or("", |m| m.category.as_str());
    let material = |m: &str| {
        flows
            .material(m)
            .map_or(m.to_string(), |m| m.name.get(lang).to_string())
    };
    let unit = words.get("flow_unit_tonnes");

    let id = chart_id(&["mf", &area.id, &year.to_string(), lang.code()]);
    let year_text = fiscal_year_short(lang, year);
    let title = words.fill(
        "chart_flows_title",
        &[("area", area.name.get(lang)), ("year", &year_text)],
    );
    let desc = describe(&words, flows, (&area.id, year), unit);
    let table = Table {
        caption: title.clone(),
        header: [
            "col_flow_from",
            "col_flow_to",
            "col_material",
            "col_quantity",
        ]
        .map(|k| words.get(k).to_string())
        .to_vec(),
        rows: rows
            .iter()
            .map(|f| {
                vec![
                    name(&f.source),
                    name(&f.target),
                    material(&f.material),
                    format!("{} {unit}", format::number(f.quantity, 0)),
                ]
            })
            .collect(),
    };
    let csv = {
        let thai = lang == Lang::Th;
        let mut header = vec!["area_id", "year"];
        if thai {
            header.push("year_be");
        }
        header.extend(["source", "target", "material", "quantity", "unit"]);
        let mut csv = Csv::new(&header);
        for f in &rows {
            let mut cells = vec![table::text(&area.id), table::int(f.year)];
            if thai {
                cells.push(table::int(format::year(Lang::Th, f.year)));
            }
            cells.extend([
                table::text(&f.source),
                table::text(&f.target),
                table::text(&f.material),
                table::raw(Some(f.quantity)),
                table::text(f.unit.as_str()),
            ]);
            csv.row(&cells);
        }
        csv.finish()
    };

    let index = |id: &str| ids.iter().position(|i| *i == id).unwrap_or(0);
    let links: Vec<LinkIn> = rows
        .iter()
        .map(|f| LinkIn {
            source: index(&f.source),
            target: index(&f.target),
            value: f.quantity,
        })
        .collect();
    // Every label to the right of its bar, in the gap before the next column (the last column's
    // in a margin of its own), so that no two columns' labels meet.
    let graph = layout::Graph::of(ids.len(), &links);
    let (columns, largest_column) = (graph.columns, graph.largest_column());
    // One scale for every band. A return as thick as most of what its node receives would turn
    // under the diagram as a wide disc, so the scale also keeps the widest return within
    // [`MAX_RETURN`]: the whole diagram is then drawn smaller rather than a band out of scale.
    let largest_return = (links.iter().zip(&graph.back))
        .filter(|(_, b)| **b)
        .map(|(l, _)| l.value)
        .fold(0.0, f64::max);
    let value_height = match largest_return > 0.0 {
        true => VALUE_HEIGHT.min(MAX_RETURN * largest_column / largest_return),
        false => VALUE_HEIGHT,
    };
    let ky = if largest_column > 0.0 {
        value_height / largest_column
    } else {
        0.0
    };
    let right_room = graph.side_room(&links, ky, MIN_BAND);
    let label_width =
        ((WIDTH - 2.0 * PAD - right_room) / columns as f64 - NODE_WIDTH - 2.0 * LABEL_GAP)
            .max(56.0);
    let labels: Vec<Vec<String>> = ids
        .iter()
        .map(|id| {
            // A name too long for its lines ends in "…"; the table beside names it whole.
            fit(&name(id), label_width, NAME.size, true, NAME_LINES)
        })
        .collect();
    let nodes: Vec<NodeIn> = labels
        .iter()
        .map(|l| NodeIn {
            label_height: NAME.block_height(l.len()) + FONT.line_height(),
        })
        .collect();
    let frame = Frame {
        left: PAD,
        right: WIDTH - PAD - right_room - label_width - LABEL_GAP,
        top: PAD,
        node_width: NODE_WIDTH,
        value_height,
        gap: 10.0,
        lane_gap: 12.0,
        min_width: MIN_BAND,
    };
    let placed = layout::layout(&nodes, &links, &graph, frame);

    // The legend below the lanes: one swatch per category drawn.
    let mut seen: Vec<&str> = Vec::new();
    for f in &rows {
        let c = match category(&f.material) {
            "waste" | "emission" => "waste",
            "product" => "product",
            _ => "by-product",
        };
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.sort_by_key(|c| {
        ["by-product", "waste", "product"]
            .iter()
            .position(|x| x == c)
    });
    let legend_top = placed.bottom + 14.0;
    let height = (legend_top + FONT.line_height() * 2.0 + PAD).ceil();
    let mut canvas = Canvas::new(WIDTH, height);
    canvas.push(&patterns(&id));
    let legs = return_legs(&placed, &links);
    // Bands first, return lanes under everything, then the bars.
    let mut bands = String::new();
    for (k, (f, l)) in rows.iter().zip(&placed.links).enumerate() {
        let (s, t) = (
            &placed.nodes[links[k].source],
            &placed.nodes[links[k].target],
        );
        let (colour, pattern) = style(category(&f.material));
        let fill = match pattern {
            Some(p) => format!("url(#{id}-{p})"),
            None => colour.hex(),
        };
        let (x0, x1) = (s.x + NODE_WIDTH, t.x);
        match l.lane {
            None => {
                let xm = (x0 + x1) / 2.0;
                let (a0, a1) = (l.y_source - l.width / 2.0, l.y_source + l.width / 2.0);
                let (b0, b1) = (l.y_target - l.width / 2.0, l.y_target + l.width / 2.0);
                let _ = writeln!(
                    bands,
                    r#"<path d="M{},{}C{},{} {},{} {},{}L{},{}C{},{} {},{} {},{}Z" fill="{fill}" fill-opacity="0.55" stroke="{}" stroke-opacity="0.8" stroke-width="0.5"/>"#,
                    num(x0),
                    num(a0),
                    num(xm),
                    num(a0),
                    num(xm),
                    num(b0),
                    num(x1),
                    num(b0),
                    num(x1),
                    num(b1),
                    num(xm),
                    num(b1),
                    num(xm),
                    num(a1),
                    num(x0),
                    num(a1),
                    colour.hex()
                );
            }
            Some(lane) => {
                // Out of the right of the source, down to its lane, back left, and up into the
                // bottom of the target: no room is taken beside the first column.
                let (leg_s, entry) = legs[k];
                let r = (l.width / 2.0 + 4.0)
                    .min((lane - l.y_source) / 2.0)
                    .max(1.0);
                let rt = (l.width / 2.0 + 4.0).min((lane - t.y1) / 2.0).max(1.0);
                let _ = writeln!(
                    bands,
                    r#"<path d="M{},{}H{}A{r},{r} 0 0 1 {},{}V{}A{r},{r} 0 0 1 {},{}H{}A{rt},{rt} 0 0 1 {},{}V{}" fill="none" stroke="{fill}" stroke-opacity="0.55" stroke-width="{}"/>"#,
                    num(x0),
                    num(l.y_source),
                    num(leg_s - r),
                    num(leg_s),
                    num(l.y_source + r),
                    num(lane - r),
                    num(leg_s - r),
                    num(lane),
                    num(entry + rt),
                    num(entry),
                    num(lane - rt),
                    num(t.y1),
                    num(l.width),
                    r = num(r),
                    rt = num(rt)
                );
            }
        }
    }
    canvas.push(&bands);
    let mut bars = String::new();
    for n in &placed.nodes {
        let _ = writeln!(
            bars,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            num(n.x),
            num(n.y0),
            num(NODE_WIDTH),
            num(n.y1 - n.y0),
            NODE.hex()
        );
    }
    canvas.push(&bars);
    for (i, n) in placed.nodes.iter().enumerate() {
        let (x, anchor) = (n.x + NODE_WIDTH + LABEL_GAP, Anchor::Start);
        let mut baseline = n.y0 + ASCENT * NAME.size;
        for line in &labels[i] {
            canvas.text_over(line, x, baseline, anchor, NAME, label_width);
            baseline += NAME.line_height();
        }
        let amount = format!("{} {unit}", format::number(n.value, 0));
        canvas.text_over(&amount, x, baseline, anchor, FONT, label_width);
    }
    draw_legend(
        &mut canvas,
        &words,
        &id,
        &seen,
        legend_top,
        !placed.links.iter().all(|l| l.lane.is_none()),
    );
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    Some(canvas.into_chart(about, "flows", "img"))
}

/// For each return link, where its leg goes down beside the source (a deeper lane further out,
/// so legs never cross) and where it rises into the bottom of its target (the returns into one
/// node side by side under it, the deepest leftmost, so that no rising band crosses a shallower
/// lane). Forward links get zeros.
fn return_legs(placed: &layout::Layout, links: &[LinkIn]) -> Vec<(f64, f64)> {
    let mut legs = vec![(0.0, 0.0); links.len()];
    let mut returns: Vec<usize> = (0..links.len())
        .filter(|&i| placed.links[i].lane.is_some())
        .collect();
    returns.sort_by(|&a, &b| {
        let (la, lb) = (
            placed.links[a].lane.unwrap_or(0.0),
            placed.links[b].lane.unwrap_or(0.0),
        );
        la.total_cmp(&lb).then(a.cmp(&b))
    });
    let mut out_used: std::collections::HashMap<usize, f64> = Default::default();
    for &i in &returns {
        let (w, s) = (placed.links[i].width, &placed.nodes[links[i].source]);
        let used = out_used.entry(links[i].source).or_insert(0.0);
        let r = w / 2.0 + 4.0;
        legs[i].0 = s.x + NODE_WIDTH + 4.0 + r + *used;
        *used += w + 2.0;
    }
    let mut by_target: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &i in &returns {
        by_target.entry(links[i].target).or_default().push(i);
    }
    for (target, into) in by_target {
        let t = &placed.nodes[target];
        let total: f64 = into
            .iter()
            .map(|&i| placed.links[i].width + 2.0)
            .sum::<f64>()
            - 2.0;
        // Shallowest rightmost.
        let mut right = (t.x + NODE_WIDTH / 2.0 + total / 2.0).max(PAD + total);
        for &i in &into {
            let w = placed.links[i].width;
            legs[i].1 = right - w / 2.0;
            right -= w + 2.0;
        }
    }
    legs
}

/// The patterns bands are filled with, named after the chart so that two charts on one page
/// never share an id.
fn patterns(id: &str) -> String {
    format!(
        concat!(
            r#"<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">"#,
            r#"<rect width="6" height="6" fill="{waste}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{ink}" stroke-width="1.5"/></pattern>"#,
            r#"<pattern id="{id}-dots" width="5" height="5" patternUnits="userSpaceOnUse">"#,
            r#"<rect width="5" height="5" fill="{product}"/><circle cx="2.5" cy="2.5" r="1" fill="{ink}"/></pattern></defs>"#,
            "\n"
        ),
        id = id,
        waste = WASTE.hex(),
        product = PRODUCT.hex(),
        ink = INK.hex()
    )
}

fn draw_legend(
    canvas: &mut Canvas,
    words: &Words,
    id: &str,
    categories: &[&str],
    top: f64,
    returns: bool,
) {
    let mut x = PAD;
    let mut baseline = top + ASCENT * FONT.size;
    let mut entries: Vec<(Option<&str>, String)> = categories
        .iter()
        .map(|c| {
            (
                Some(*c),
                words
                    .get(match *c {
                        "waste" => "flow_category_waste",
                        "product" => "flow_category_product",
                        _ => "flow_category_by_product",
                    })
                    .to_string(),
            )
        })
        .collect();
    if returns {
        entries.push((None, words.get("flow_returns").to_string()));
    }
    for (category, text) in entries {
        let width = 14.0 + 4.0 + FONT.width(&text) + 12.0;
        if x + width > WIDTH - PAD && x > PAD {
            x = PAD;
            baseline += FONT.line_height();
        }
        let swatch_top = baseline - ASCENT * FONT.size + 1.0;
        match category {
            Some(c) => {
                let (colour, pattern) = style(c);
                let fill = match pattern {
                    Some(p) => format!("url(#{id}-{p})"),
                    None => colour.hex(),
                };
                canvas.push(&format!(
                    r#"<rect x="{}" y="{}" width="14" height="10" fill="{fill}" stroke="{}" stroke-width="0.5"/>"#,
                    num(x), num(swatch_top), colour.hex()
                ));
            }
            // A return: a band that turns back under the diagram.
            None => canvas.push(&format!(
                r#"<path d="M{},{}h6a4,4 0 0 1 0,8h-6" fill="none" stroke="{}" stroke-width="2.5"/>"#,
                num(x + 4.0),
                num(swatch_top + 1.0),
                NODE.hex()
            )),
        }
        canvas.text(
            &text,
            x + 18.0,
            baseline,
            Anchor::Start,
            FONT,
            WIDTH - PAD - x - 18.0,
        );
        x += width;
    }
}

/// "62% of by-products and wastes (4,200 t/yr) stay in the area; 3,100 t/yr are exchanged
/// between factories."
fn describe(words: &Words, flows: &Flows, (area, year): (&str, i32), unit: &str) -> String {
    let mut clauses = Vec::new();
    if let Some((kept, total)) = flows.kept_in_area(area, year) {
        clauses.push(words.fill(
            "chart_flows_kept",
            &[
                ("share", &format::percent(kept / total)),
                ("total", &format!("{} {unit}", format::number(total, 0))),
            ],
        ));
    }
    if let Some(exchanged) = flows
        .measure("exchanged-tonnes", area, year)
        .filter(|&t| t > 0.0)
    {
        clauses.push(words.fill(
            "chart_flows_exchanged",
            &[(
                "tonnes",
                &format!("{} {unit}", format::number(exchanged, 0)),
            )],
        ));
    }
    words.sentence(&clauses)
}
