//! Assembling a chart's SVG: plotters' drawing, our own shapes, and the text layer.
//!
//! plotters draws axes, grid lines, bars and series; everything textual is drawn here instead,
//! because a label must be measured against its box (plotters' SVG text has no box, sizes text at
//! `size / 1.24` and cannot wrap), and because the chart needs `role`, `<title>`, `<desc>` and a
//! responsive `viewBox` that plotters does not write. Reference lines (targets, base years) are
//! drawn here too: one `<line stroke-dasharray>` instead of plotters' one element per dash.
//!
//! Every label is recorded as a [`TextBox`] so that tests (and [`super::check_labels`]) can
//! verify that no measured width exceeds its box and that no two labels overlap.

use std::fmt::Write as _;

use serde::Serialize;

use super::palette::{Colour, INK};
use super::text::{ASCENT, DESCENT, FONT_STACK, LINE_HEIGHT, measure};
use super::{About, Chart};

/// Horizontal alignment of a label relative to its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg(self) -> Option<&'static str> {
        match self {
            Anchor::Start => None,
            Anchor::Middle => Some("middle"),
            Anchor::End => Some("end"),
        }
    }

    /// The left edge of something `width` wide anchored at `x`.
    pub fn left(self, x: f64, width: f64) -> f64 {
        match self {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        }
    }
}

/// An axis-aligned rectangle in chart pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn new(left: f64, top: f64, right: f64, bottom: f64) -> Self {
        Rect {
            left,
            top,
            right,
            bottom,
        }
    }

    /// A square of half-size `r` around a point.
    pub fn around(x: f64, y: f64, r: f64) -> Self {
        Rect::new(x - r, y - r, x + r, y + r)
    }

    pub fn overlap(&self, other: &Rect) -> f64 {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    pub fn inside(&self, outer: &Rect) -> bool {
        const SLACK: f64 = 0.5;
        self.left >= outer.left - SLACK
            && self.right <= outer.right + SLACK
            && self.top >= outer.top - SLACK
            && self.bottom <= outer.bottom + SLACK
    }
}

/// One line of text as placed in a chart, with the box it was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextBox {
    pub text: String,
    pub x: f64,
    /// The baseline.
    pub y: f64,
    pub anchor: Anchor,
    pub size: f64,
    pub bold: bool,
    /// The width the font gives the text.
    pub measured: f64,
    /// The widest the text may be.
    pub max_width: f64,
    /// Drawn with a white outline, so it stays readable over grid and reference lines.
    pub halo: bool,
}

impl TextBox {
    /// Where the text's ink is (measured width, ascent to descent).
    pub fn ink(&self) -> Rect {
        let left = self.anchor.left(self.x, self.measured);
        Rect::new(
            left,
            self.y - ASCENT * self.size,
            left + self.measured,
            self.y + DESCENT * self.size,
        )
    }

    /// The box the text was given.
    pub fn slot(&self) -> Rect {
        let left = self.anchor.left(self.x, self.max_width);
        Rect::new(
            left,
            self.y - ASCENT * self.size,
            left + self.max_width,
            self.y + DESCENT * self.size,
        )
    }
}

/// Style of a label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub fn regular(size: f64) -> Self {
        Font { size, bold: false }
    }

    pub fn bold(size: f64) -> Self {
        Font { size, bold: true }
    }

    pub fn width(self, text: &str) -> f64 {
        measure(text, self.size, self.bold)
    }

    pub fn line_height(self) -> f64 {
        self.size * LINE_HEIGHT
    }

    /// The height of `lines` lines of text, from the top of the first to the bottom of the last.
    pub fn block_height(self, lines: usize) -> f64 {
        let lines = lines.max(1) as f64;
        (ASCENT + DESCENT) * self.size + (lines - 1.0) * self.line_height()
    }

    /// The ink box of a label that would be placed at `x`, `baseline`.
    pub fn ink(self, text: &str, x: f64, baseline: f64, anchor: Anchor) -> Rect {
        let w = self.width(text);
        let left = anchor.left(x, w);
        Rect::new(
            left,
            baseline - ASCENT * self.size,
            left + w,
            baseline + DESCENT * self.size,
        )
    }
}

/// A chart being drawn: layers of SVG markup in painting order, then the text on top.
#[derive(Debug, Clone)]
pub struct Canvas {
    pub width: f64,
    pub height: f64,
    layers: String,
    texts: Vec<TextBox>,
}

impl Canvas {
    pub fn new(width: f64, height: f64) -> Self {
        Canvas {
            width,
            height,
            layers: String::new(),
            texts: Vec::new(),
        }
    }

    /// The whole canvas as a rectangle.
    pub fn bounds(&self) -> Rect {
        Rect::new(0.0, 0.0, self.width, self.height)
    }

    /// Appends markup (plotters' output or shapes drawn here).
    pub fn push(&mut self, markup: &str) {
        self.layers.push_str(markup);
    }

    /// Places one line of text, given the widest it may be.
    pub fn text(
        &mut self,
        text: &str,
        x: f64,
        baseline: f64,
        anchor: Anchor,
        font: Font,
        max_width: f64,
    ) {
        if text.is_empty() {
            return;
        }
        self.texts.push(TextBox {
            text: text.to_string(),
            x,
            y: baseline,
            anchor,
            size: font.size,
            bold: font.bold,
            measured: font.width(text),
            max_width,
            halo: false,
        });
    }

    /// [`Canvas::text`] with a white outline under the letters, for text that may cross lines.
    pub fn text_over(
        &mut self,
        text: &str,
        x: f64,
        baseline: f64,
        anchor: Anchor,
        font: Font,
        max_width: f64,
    ) {
        self.text(text, x, baseline, anchor, font, max_width);
        if let Some(last) = self.texts.last_mut() {
            last.halo = true;
        }
    }

    /// Places lines of text, the first baseline at `baseline`, each following one line lower.
    pub fn lines(
        &mut self,
        lines: &[String],
        x: f64,
        baseline: f64,
        anchor: Anchor,
        font: Font,
        max_width: f64,
    ) {
        for (i, line) in lines.iter().enumerate() {
            let y = baseline + i as f64 * font.line_height();
            self.text(line, x, y, anchor, font, max_width);
        }
    }

    /// The ink boxes of the text placed so far (for keeping new labels clear of them).
    pub fn text_rects(&self) -> Vec<Rect> {
        self.texts.iter().map(TextBox::ink).collect()
    }

    /// A straight line, optionally dashed (`dash` is an SVG dash array such as "6 4").
    pub fn line(
        &mut self,
        from: (f64, f64),
        to: (f64, f64),
        colour: Colour,
        width: f64,
        dash: Option<&str>,
    ) {
        let _ = write!(
            self.layers,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}""#,
            num(from.0),
            num(from.1),
            num(to.0),
            num(to.1),
            colour.hex(),
            num(width)
        );
        if let Some(dash) = dash {
            let _ = write!(self.layers, r#" stroke-dasharray="{dash}""#);
        }
        self.layers.push_str("/>\n");
    }

    /// The finished chart: the drawing around what `about` says. `kind` names its style
    /// (`chart-{kind}`); `role` is "img" for charts (their content is summarised by title and
    /// desc) and "group" for the map, whose province links must stay reachable.
    pub fn into_chart(self, about: About, kind: &str, role: &str) -> Chart {
        let (width, height) = (self.width as u32, self.height as u32);
        let (svg, boxes) = self.finish(&about.id, &about.title, &about.desc, kind, role);
        Chart {
            id: about.id,
            title: about.title,
            desc: about.desc,
            svg,
            table: about.table,
            csv: about.csv,
            width,
            height,
            boxes,
        }
    }

    /// The SVG and its text boxes (see [`Canvas::into_chart`]).
    fn finish(
        self,
        id: &str,
        title: &str,
        desc: &str,
        kind: &str,
        role: &str,
    ) -> (String, Vec<TextBox>) {
        let mut svg = String::with_capacity(self.layers.len() + self.texts.len() * 120 + 512);
        let labelling = if role == "img" {
            format!(r#"aria-labelledby="{id}-title {id}-desc""#)
        } else {
            format!(r#"aria-labelledby="{id}-title" aria-describedby="{id}-desc""#)
        };
        let _ = write!(
            svg,
            r#"<svg role="{role}" {labelling} viewBox="0 0 {} {}" width="100%" class="chart chart-{kind}">"#,
            num(self.width),
            num(self.height)
        );
        let _ = write!(
            svg,
            "\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            crate::escape::markup(title),
            crate::escape::markup(desc)
        );
        if verbose() {
            svg.push_str(&self.layers);
            let _ = writeln!(
                svg,
                r#"<g font-family="{FONT_STACK}" fill="{}">"#,
                INK.hex()
            );
            for t in &self.texts {
                let _ = writeln!(
                    svg,
                    "<text{}>{}</text>",
                    style_of(t, None),
                    crate::escape::markup(&t.text)
                );
            }
        } else {
            svg.push_str(&super::compact::drawing(&self.layers));
            write_texts(&mut svg, &self.texts);
        }
        svg.push_str("</g>\n</svg>\n");
        (svg, self.texts)
    }
}

thread_local! {
    static VERBOSE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn verbose() -> bool {
    VERBOSE.with(std::cell::Cell::get)
}

/// Runs `draw` with charts written as they were before [`super::compact`]: every element with
/// all its attributes, as plotters writes it, and every label with its own font size and
/// anchor. Only for the test that proves compaction changes no pixel; on this thread only.
pub fn uncompacted<T>(draw: impl FnOnce() -> T) -> T {
    VERBOSE.with(|v| v.set(true));
    let out = draw();
    VERBOSE.with(|v| v.set(false));
    out
}

/// The labels, grouped by style: the group sets the commonest font size once, and neighbouring
/// labels styled alike (centred, bold, haloed) share a `<g>` that says so once.
fn write_texts(svg: &mut String, texts: &[TextBox]) {
    let key = |t: &TextBox| (num(t.size), t.anchor, t.bold, t.halo);
    let mut sizes: Vec<(String, usize)> = Vec::new();
    for t in texts {
        let size = num(t.size);
        match sizes.iter_mut().find(|(s, _)| *s == size) {
            Some((_, n)) => *n += 1,
            None => sizes.push((size, 1)),
        }
    }
    let common = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    let _ = write!(svg, r#"<g font-family="{FONT_STACK}" fill="{}""#, INK.hex());
    if !common.is_empty() {
        let _ = write!(svg, r#" font-size="{common}""#);
    }
    svg.push_str(">\n");
    // Only neighbours share a group: labels keep the order they are painted in (a halo may
    // reach a neighbour by a pixel).
    let mut groups: Vec<(_, Vec<&TextBox>)> = Vec::new();
    for t in texts {
        match groups.last_mut() {
            Some((k, members)) if *k == key(t) => members.push(t),
            _ => groups.push((key(t), vec![t])),
        }
    }
    for (_, members) in groups {
        let style = style_of(members[0], Some(&common));
        let grouped = members.len() > 1 && !style.is_empty();
        let own = if grouped { "" } else { style.as_str() };
        if grouped {
            let _ = writeln!(svg, "<g{style}>");
        }
        for t in members {
            let _ = writeln!(
                svg,
                r#"<text x="{}" y="{}"{own}>{}</text>"#,
                num(t.x),
                num(t.y),
                crate::escape::markup(&t.text)
            );
        }
        if grouped {
            svg.push_str("</g>\n");
        }
    }
}

/// A label's attributes: position (unless `common` is given, for a group) and style, leaving
/// out the font size when it is `common`.
fn style_of(t: &TextBox, common: Option<&str>) -> String {
    let mut out = String::new();
    let size = num(t.size);
    if common.is_none() {
        let _ = write!(out, r#" x="{}" y="{}""#, num(t.x), num(t.y));
    }
    if common != Some(size.as_str()) {
        let _ = write!(out, r#" font-size="{size}""#);
    }
    if let Some(anchor) = t.anchor.svg() {
        let _ = write!(out, r#" text-anchor="{anchor}""#);
    }
    if t.bold {
        out.push_str(r#" font-weight="bold""#);
    }
    if t.halo {
        out.push_str(
            r##" stroke="#FFFFFF" stroke-width="3" stroke-linejoin="round" paint-order="stroke""##,
        );
    }
    out
}

/// A coordinate with at most one decimal, without a trailing ".0" (and never "-0").
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    if abs.is_multiple_of(10) {
        format!("{sign}{}", abs / 10)
    } else {
        format!("{sign}{}.{}", abs / 10, abs % 10)
    }
}

/// Picks the first candidate rectangle that overlaps none of `obstacles` and lies within
/// `bounds`; failing that, the one with the least overlap.
pub fn least_crowded(candidates: &[Rect], obstacles: &[Rect], bounds: &Rect) -> usize {
    let mut best = (0, f64::INFINITY);
    for (i, c) in candidates.iter().enumerate() {
        let outside = if c.inside(bounds) { 0.0 } else { 1e6 };
        let cost = outside + obstacles.iter().map(|o| c.overlap(o)).sum::<f64>();
        if cost == 0.0 {
            return i;
        }
        if cost < best.1 {
            best = (i, cost);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(-1.25), "-1.3");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn finish_writes_accessible_svg() {
        let mut c = Canvas::new(100.0, 50.0);
        c.text(
            "ปี 2564",
            10.0,
            20.0,
            Anchor::Start,
            Font::regular(12.0),
            80.0,
        );
        let (svg, boxes) = c.finish("x-th", "T<", "D", "test", "img");
        assert!(svg.starts_with(
            r#"<svg role="img" aria-labelledby="x-th-title x-th-desc" viewBox="0 0 100 50""#
        ));
        assert!(svg.contains("<title id=\"x-th-title\">T&lt;</title>"));
        assert_eq!(boxes.len(), 1);
        assert!(boxes[0].measured < 80.0);
    }
}
