//! Data markers and legends, shared by the charts.
//!
//! A point's status is shown by shape and fill, not colour alone: final values are filled
//! circles, provisional values hollow circles, estimated values diamonds. Legends flow into rows
//! that fit the chart's width, each entry measured with the real font.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::palette::{Colour, SERIES};
use super::plot::DrawResult;
use super::svg::{Anchor, Canvas, Font};
use super::text::{ASCENT, DESCENT};
use crate::data::ValueStatus;

/// How a mark looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Symbol {
    /// Filled circle: a final value.
    Dot,
    /// Hollow circle: a provisional value.
    Ring,
    /// Filled diamond: an estimated value.
    Diamond,
    /// A filled square with an optional outline (bars, map classes).
    Swatch(Colour, Option<Colour>),
}

impl Symbol {
    pub fn for_status(status: ValueStatus) -> Symbol {
        match status {
            ValueStatus::Final => Symbol::Dot,
            ValueStatus::Provisional => Symbol::Ring,
            ValueStatus::Estimated => Symbol::Diamond,
        }
    }
}

/// Draws a point marker of radius `r` centred on pixel `(x, y)`.
pub fn draw_marker(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    (x, y): (i32, i32),
    symbol: Symbol,
    r: i32,
) -> DrawResult {
    let colour = SERIES.rgb();
    match symbol {
        Symbol::Dot => root.draw(&Circle::new((x, y), r, colour.filled()))?,
        Symbol::Ring => {
            // White inside, so the line does not show through the hollow marker.
            root.draw(&Circle::new((x, y), r, WHITE.filled()))?;
            root.draw(&Circle::new((x, y), r, colour.stroke_width(2)))?;
        }
        Symbol::Diamond => {
            let d = r + 1;
            let points = vec![(x, y - d), (x + d, y), (x, y + d), (x - d, y)];
            root.draw(&Polygon::new(points, colour.filled()))?;
        }
        Symbol::Swatch(..) => draw_key(root, (x, y), symbol, r)?,
    }
    Ok(())
}

/// Draws a legend key that is not a point marker.
fn draw_key(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    (x, y): (i32, i32),
    symbol: Symbol,
    r: i32,
) -> DrawResult {
    match symbol {
        Symbol::Swatch(fill, edge) => {
            let corners = [(x - r, y - r), (x + r, y + r)];
            root.draw(&Rectangle::new(corners, fill.rgb().filled()))?;
            if let Some(edge) = edge {
                root.draw(&Rectangle::new(corners, edge.rgb().stroke_width(1)))?;
            }
        }
        _ => draw_marker(root, (x, y), symbol, r)?,
    }
    Ok(())
}

/// One legend entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub symbol: Symbol,
    pub text: String,
}

/// A legend entry placed on the chart.
#[derive(Debug, Clone)]
pub struct Placed {
    pub symbol: Symbol,
    pub text: String,
    /// The symbol's centre.
    pub cx: f64,
    pub cy: f64,
    /// Where the text starts, and its baseline.
    pub tx: f64,
    pub baseline: f64,
    /// The width the text may use.
    pub max_width: f64,
}

const KEY_WIDTH: f64 = 16.0;
const KEY_GAP: f64 = 5.0;
const ENTRY_GAP: f64 = 14.0;

/// Lays entries out in rows from (`left`, `top`) within `width`; returns them and the number of
/// rows. An entry wider than a row gets a row of its own and its text is cut by the caller's box.
pub fn layout(
    entries: &[Entry],
    left: f64,
    top: f64,
    width: f64,
    font: Font,
) -> (Vec<Placed>, usize) {
    let mut placed = Vec::with_capacity(entries.len());
    let mut x = left;
    let mut row = 0usize;
    for entry in entries {
        let text_width = font.width(&entry.text);
        let needed = KEY_WIDTH + KEY_GAP + text_width;
        if x > left && x + needed > left + width {
            row += 1;
            x = left;
        }
        let baseline = top + ASCENT * font.size + row as f64 * font.line_height();
        let max_width = (left + width - (x + KEY_WIDTH + KEY_GAP)).max(0.0);
        placed.push(Placed {
            symbol: entry.symbol,
            text: entry.text.clone(),
            cx: x + KEY_WIDTH / 2.0,
            cy: baseline - 0.35 * font.size,
            tx: x + KEY_WIDTH + KEY_GAP,
            baseline,
            max_width,
        });
        x += needed + ENTRY_GAP;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (placed, rows)
}

/// The height of a legend of `rows` rows.
pub fn height(rows: usize, font: Font) -> f64 {
    if rows == 0 {
        0.0
    } else {
        (rows - 1) as f64 * font.line_height() + (ASCENT + DESCENT) * font.size
    }
}

/// Draws the keys (plotters) of placed entries.
pub fn draw_keys(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    placed: &[Placed],
    r: i32,
) -> DrawResult {
    for p in placed {
        let at = (p.cx.round() as i32, p.cy.round() as i32);
        draw_key(root, at, p.symbol, r)?;
    }
    Ok(())
}

/// Writes the texts of placed entries.
pub fn draw_texts(canvas: &mut Canvas, placed: &[Placed], font: Font) {
    for p in placed {
        let line = super::text::fit(&p.text, p.max_width, font.size, font.bold, 1);
        canvas.lines(&line, p.tx, p.baseline, Anchor::Start, font, p.max_width);
    }
}
