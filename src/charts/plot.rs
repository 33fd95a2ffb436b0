//! The plotting frame: plotters' coordinate system for one chart, and "nice" axis ranges.
//!
//! A [`Plot`] fixes the pixel rectangle and the data ranges once. Each drawing pass creates its
//! own plotters SVG backend with exactly that frame, so that passes can be layered (grid, then our
//! reference lines, then the data) and the text layer can ask the very same coordinate system
//! where a value lands.

use std::fmt::Write as _;
use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::text;

pub type Cart = Cartesian2d<RangedCoordf64, RangedCoordf64>;
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// A chart's pixel rectangle (inclusive pixel bounds) and data ranges.
#[derive(Debug, Clone)]
pub struct Plot {
    pub width: u32,
    pub height: u32,
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub x: Range<f64>,
    pub y: Range<f64>,
}

impl Plot {
    /// The coordinate system plotters builds for this frame (see `ChartBuilder::build_cartesian_2d`:
    /// the plotting area's last pixel is the range end, and y runs upwards).
    fn spec(&self) -> Cart {
        Cartesian2d::new(
            self.x.clone(),
            self.y.clone(),
            (self.left..self.right, self.bottom..self.top),
        )
    }

    /// Where a data point lands, in chart pixels.
    pub fn px(&self, x: f64, y: f64) -> (f64, f64) {
        let (px, py) = self.spec().translate(&(x, y));
        (f64::from(px), f64::from(py))
    }

    /// Runs one plotters drawing pass over this frame and returns the SVG markup it produced
    /// (without plotters' own `<svg>` wrapper). A failed pass yields no markup rather than a panic.
    pub fn draw<F>(&self, draw: F) -> String
    where
        F: FnOnce(
            &mut ChartContext<'_, SVGBackend<'_>, Cart>,
            &DrawingArea<SVGBackend<'_>, Shift>,
        ) -> DrawResult,
    {
        text::register_with_plotters();
        let mut buf = String::new();
        let result = {
            let root =
                SVGBackend::with_string(&mut buf, (self.width, self.height)).into_drawing_area();
            let pass = || -> DrawResult {
                let mut chart = ChartBuilder::on(&root)
                    .margin_top(self.top.max(0))
                    .margin_left(self.left.max(0))
                    .margin_right((self.width as i32 - 1 - self.right).max(0))
                    .margin_bottom((self.height as i32 - 1 - self.bottom).max(0))
                    .build_cartesian_2d(self.x.clone(), self.y.clone())?;
                draw(&mut chart, &root)?;
                root.present()?;
                Ok(())
            };
            pass()
        };
        if result.is_err() {
            return String::new();
        }
        inner_markup(&buf)
    }
}

/// plotters' output without its `<svg …>` wrapper and with the default `opacity="1"` dropped.
fn inner_markup(svg: &str) -> String {
    let start = svg
        .find("<svg")
        .and_then(|s| svg[s..].find('>').map(|e| s + e + 1));
    let end = svg.rfind("</svg>");
    match (start, end) {
        (Some(s), Some(e)) if s <= e => {
            merge_polylines(&svg[s..e].trim_start().replace(r#" opacity="1""#, ""))
        }
        _ => String::new(),
    }
}

/// plotters writes each line as its own `<polyline>`; runs of lines drawn alike (a chart's grid,
/// its axis ticks) become one `<path>` of several segments, which draws the same pixels. A large
/// site has a hundred thousand charts, inlined on pages and published as files: this takes about a
/// fifth off each.
fn merge_polylines(markup: &str) -> String {
    const HEAD: &str = "<polyline ";
    const POINTS: &str = " points=\"";
    const TAIL: &str = "\"/>";
    let mut out = String::with_capacity(markup.len());
    // The run being merged: its attributes (besides the points), its first line as written, its
    // path data so far and how many lines it has.
    struct Run<'a> {
        attrs: &'a str,
        first: &'a str,
        d: String,
        count: usize,
    }
    let flush = |out: &mut String, run: &mut Option<Run>| match run.take() {
        Some(r) if r.count == 1 => out.push_str(r.first),
        Some(r) => {
            let _ = writeln!(out, "<path {} d=\"{}\"/>", r.attrs, r.d);
        }
        None => {}
    };
    let mut run: Option<Run> = None;
    for line in markup.split_inclusive('\n') {
        let parts = line
            .trim_end_matches('\n')
            .strip_prefix(HEAD)
            .and_then(|rest| rest.strip_suffix(TAIL))
            .and_then(|rest| rest.split_once(POINTS));
        let Some((attrs, points)) = parts else {
            flush(&mut out, &mut run);
            out.push_str(line);
            continue;
        };
        let points = points.trim();
        match &mut run {
            Some(r) if r.attrs == attrs && line.ends_with('\n') => {
                r.d.push('M');
                r.d.push_str(points);
                r.count += 1;
            }
            _ => {
                flush(&mut out, &mut run);
                run = Some(Run {
                    attrs,
                    first: line,
                    d: format!("M{points}"),
                    count: 1,
                });
            }
        }
    }
    flush(&mut out, &mut run);
    out
}

/// A rounded axis range with evenly spaced ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
    /// Decimals needed to print the ticks.
    pub decimals: u8,
}

/// A "nice" axis covering `lo..=hi` with about `ticks` ticks (one fewer to two more), using
/// steps of 1, 2, 2.5 or 5 times a power of ten and wasting as little of the range as possible.
/// With `whole`, steps are whole numbers (for counts, which have no 2.5 or 0.5). Degenerate input
/// (NaN, an empty or zero-width range) gives a sensible axis, never an error.
pub fn nice_axis(lo: f64, hi: f64, ticks: usize, whole: bool) -> Axis {
    let (lo, hi) = sane_range(lo, hi);
    let ticks = ticks.max(3);
    let raw = (hi - lo) / (ticks - 1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut best: Option<(f64, Axis)> = None;
    for power in [0.1, 1.0, 10.0] {
        for (factor, extra_decimal) in [(1.0, 0), (2.0, 0), (2.5, 1), (5.0, 0)] {
            let step = factor * magnitude * power;
            if whole && (step < 1.0 || step.fract() != 0.0) {
                continue;
            }
            let axis = axis_with_step(lo, hi, step, extra_decimal);
            let count = axis.ticks.len();
            if count + 1 < ticks || count > ticks + 2 {
                continue;
            }
            let waste = (axis.max - axis.min) / (hi - lo);
            let score = waste + 0.1 * (count as f64 - ticks as f64).abs();
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, axis));
            }
        }
    }
    // Counts over a tiny range cannot have enough whole ticks: step by one instead.
    let fallback = if whole { raw.ceil().max(1.0) } else { raw };
    best.map(|(_, a)| a)
        .unwrap_or_else(|| axis_with_step(lo, hi, fallback, 0))
}

fn sane_range(lo: f64, hi: f64) -> (f64, f64) {
    let (mut lo, mut hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo.min(hi), lo.max(hi)),
        (true, false) => (lo, lo),
        (false, true) => (hi, hi),
        (false, false) => (0.0, 1.0),
    };
    if hi - lo < f64::EPSILON * hi.abs().max(1.0) {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        let keep_zero = lo >= 0.0 && lo - pad < 0.0;
        lo = if keep_zero { 0.0 } else { lo - pad };
        hi += pad;
    }
    (lo, hi)
}

fn axis_with_step(lo: f64, hi: f64, step: f64, extra_decimal: i32) -> Axis {
    let min = (lo / step + 1e-9).floor() * step;
    let max = (hi / step - 1e-9).ceil() * step;
    let decimals = (-(step.log10().floor()) as i32 + extra_decimal).clamp(0, 6) as u8;
    let count = (((max - min) / step).round() as usize).min(100);
    let ticks = (0..=count)
        .map(|i| clean(min + i as f64 * step, decimals))
        .collect();
    Axis {
        min: clean(min, decimals),
        max: clean(max, decimals),
        step,
        ticks,
        decimals,
    }
}

/// Removes floating-point noise (0.30000000000000004) and negative zero.
fn clean(v: f64, decimals: u8) -> f64 {
    let factor = 10f64.powi(i32::from(decimals) + 2);
    let r = (v * factor).round() / factor;
    if r == 0.0 { 0.0 } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_alike_polylines_become_one_path() {
        let grid =
            r##"<polyline fill="none" stroke="#D9D9D9" stroke-width="1" points="1,2 3,2 "/>"##;
        let other =
            r##"<polyline fill="none" stroke="#595959" stroke-width="1" points="1,9 3,9 "/>"##;
        let markup = format!("{grid}\n{}\n{other}\n<rect/>\n", grid.replace(",2", ",5"));
        assert_eq!(
            merge_polylines(&markup),
            format!(
                "<path fill=\"none\" stroke=\"#D9D9D9\" stroke-width=\"1\" d=\"M1,2 3,2M1,5 3,5\"/>\n{other}\n<rect/>\n"
            )
        );
        // A lone line, or one without its newline, is left as written.
        assert_eq!(merge_polylines(grid), grid);
        assert_eq!(merge_polylines(&format!("{grid}\n")), format!("{grid}\n"));
    }

    #[test]
    fn nice_axes() {
        let a = nice_axis(655.0, 812.0, 5, false);
        assert_eq!((a.min, a.max, a.step), (650.0, 850.0, 50.0));
        assert_eq!(a.ticks, vec![650.0, 700.0, 750.0, 800.0, 850.0]);
        let b = nice_axis(0.0, 4494.0, 5, false);
        assert_eq!((b.min, b.max, b.step), (0.0, 5000.0, 1000.0));
        assert_eq!(b.decimals, 0);
        let c = nice_axis(0.0, 0.3, 4, false);
        assert_eq!(c.ticks, vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(c.decimals, 1);
        let d = nice_axis(5.0, 5.0, 5, false);
        assert!(d.min <= 5.0 && d.max > 5.0);
        let e = nice_axis(f64::NAN, f64::INFINITY, 5, false);
        assert_eq!((e.min, e.max), (0.0, 1.0));
        let f = nice_axis(0.0, 0.0, 5, false);
        assert_eq!((f.min, f.max), (0.0, 1.0));
        let counts = nice_axis(0.0, 8.0, 5, true);
        assert_eq!(counts.ticks, vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        let few = nice_axis(0.0, 2.0, 5, true);
        assert!(
            few.ticks.iter().all(|t| t.fract() == 0.0),
            "{:?}",
            few.ticks
        );
    }

    #[test]
    fn plot_maps_like_plotters_and_draws() {
        let plot = Plot {
            width: 200,
            height: 100,
            left: 20,
            top: 10,
            right: 189,
            bottom: 79,
            x: 0.0..10.0,
            y: 0.0..1.0,
        };
        assert_eq!(plot.px(0.0, 0.0), (20.0, 79.0));
        assert_eq!(plot.px(10.0, 1.0), (189.0, 10.0));
        let svg = plot.draw(|chart, _root| {
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (10.0, 1.0)],
                BLACK,
            )))?;
            Ok(())
        });
        assert!(svg.contains("points=\"20,79 189,10 \""), "{svg}");
        assert!(!svg.contains("<svg"));
    }
}
