//! The time-series chart: one indicator in one area over fiscal years.
//!
//! A missing year (a blank value or no row) breaks the line, so a gap is never drawn as if it
//! were data. Provisional points are hollow circles and estimated points diamonds. The target is
//! a dashed line from the base year to the target year ending in a labelled marker; the base year
//! is a dotted vertical line. The x-axis runs to the target year, the y-axis over a "nice" range
//! that includes the target (and zero, for percentages and for values that start near zero).
//!
//! Past 800 lines with its tests (40 of them): the time-series chart is the site's most used and
//! most constrained drawing (phone width, Thai labels, target lines, small-multiple frames), and
//! its layout decisions depend on each other.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::layout;
use super::legend::{self, Entry, Placed, Symbol};
use super::palette::{AXIS, BASE_YEAR, GRID, SERIES, TARGET};
use super::plot::{Axis, Plot, nice_axis};
use super::svg::{Anchor, Canvas, Font, Rect, least_crowded};
use super::table::{self, Csv};
use super::text::{ASCENT, DESCENT, fit};
use super::{About, Chart, Size, Table, Words, chart_id};
use crate::data::{Area, Indicator, Lang, Observation, Target, ValueStatus};
use crate::i18n::Strings;
use crate::i18n::format::{fiscal_year_short, number, year as year_text};

/// One fiscal year's value as the chart sees it.
#[derive(Debug, Clone)]
struct Point {
    year: i32,
    value: Option<f64>,
    status: ValueStatus,
    note: String,
}

/// The time-series chart of `indicator` in `area`. `series` is that area's observations of the
/// indicator in any order; a year listed twice keeps its last row.
pub fn time_series(
    lang: Lang,
    indicator: &Indicator,
    area: &Area,
    series: &[Observation],
    strings: &Strings,
    size: Size,
) -> Chart {
    time_series_over(lang, indicator, area, series, strings, size, None)
}

/// What a set of small multiples shares, so that they compare at a glance: the fiscal years
/// (C.E., inclusive) and the range of values every chart's axes cover at least.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub years: (i32, i32),
    pub values: (f64, f64),
}

/// [`time_series`] with its axes covering at least `frame`: the small multiples of one indicator
/// share one frame, so that their years line up and their slopes compare.
pub fn time_series_over(
    lang: Lang,
    indicator: &Indicator,
    area: &Area,
    series: &[Observation],
    strings: &Strings,
    size: Size,
    frame: Option<Frame>,
) -> Chart {
    let words = Words::new(lang, strings);
    let points = collect(series, lang);
    let id = chart_id(&["ts", &area.id, &indicator.id, lang.code()]);
    let title = words.fill(
        "chart_series_title",
        &[
            ("indicator", indicator.name.get(lang)),
            ("area", area.name.get(lang)),
        ],
    );
    let desc = describe(&words, indicator, &points);
    let table = table_of(&words, indicator, &points, &title);
    let csv = csv_of(lang, indicator, area, &points);
    let canvas = draw(&words, indicator, &points, size, frame);
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "series", "img")
}

fn collect(series: &[Observation], lang: Lang) -> Vec<Point> {
    let mut by_year: BTreeMap<i32, Point> = BTreeMap::new();
    for o in series {
        let value = o.value.filter(|v| v.is_finite());
        let note = o.note.get(lang).to_string();
        by_year.insert(
            o.year,
            Point {
                year: o.year,
                value,
                status: o.status,
                note,
            },
        );
    }
    by_year.into_values().collect()
}

/// Runs of consecutive years that all have values: the line's segments.
fn segments(points: &[Point]) -> Vec<Vec<(i32, f64)>> {
    let mut out: Vec<Vec<(i32, f64)>> = Vec::new();
    let mut current: Vec<(i32, f64)> = Vec::new();
    for p in points {
        let continues = current.last().is_some_and(|&(y, _)| y + 1 == p.year);
        if !continues && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        match p.value {
            Some(v) => current.push((p.year, v)),
            None => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Years between the first and last observation that have no value.
fn gap_years(points: &[Point]) -> Vec<i32> {
    let with_values: Vec<i32> = points
        .iter()
        .filter(|p| p.value.is_some())
        .map(|p| p.year)
        .collect();
    let (Some(&first), Some(&last)) = (with_values.first(), with_values.last()) else {
        return Vec::new();
    };
    (first..=last)
        .filter(|y| !with_values.contains(y))
        .collect()
}

fn is_percentage(indicator: &Indicator) -> bool {
    indicator.unit.en.trim_start().starts_with('%')
        || indicator.unit.th.trim_start().starts_with("ร้อยละ")
}

// ---------------------------------------------------------------------------------------------
// Words: description, table, CSV

fn describe(words: &Words, indicator: &Indicator, points: &[Point]) -> String {
    let lang = words.lang;
    let mut clauses = vec![trend_clause(words, indicator, points)];
    if let Some(t) = indicator.target {
        let target = number(t.value, indicator.decimals);
        let year = fiscal_year_short(lang, t.year);
        clauses.push(words.fill(
            "chart_trend_target",
            &[("target", &target), ("year", &year)],
        ));
    }
    let years = |list: Vec<i32>| {
        let labels: Vec<String> = list
            .into_iter()
            .map(|y| fiscal_year_short(lang, y))
            .collect();
        words.list(&labels)
    };
    let gaps = gap_years(points);
    if !gaps.is_empty() {
        clauses.push(words.fill("chart_gap_years", &[("years", &years(gaps))]));
    }
    for (status, key) in [
        (ValueStatus::Provisional, "chart_provisional_years"),
        (ValueStatus::Estimated, "chart_estimated_years"),
    ] {
        let list: Vec<i32> = points
            .iter()
            .filter(|p| p.value.is_some() && p.status == status)
            .map(|p| p.year)
            .collect();
        if !list.is_empty() {
            clauses.push(words.fill(key, &[("years", &years(list))]));
        }
    }
    clauses.push(words.fill("chart_unit", &[("unit", indicator.unit.get(lang))]));
    words.sentence(&clauses)
}

/// "fell from 812 in FY2016 to 655 in FY2021" (or rose, unchanged, a single value, no data),
/// comparing the first and last values.
fn trend_clause(words: &Words, indicator: &Indicator, points: &[Point]) -> String {
    let fmt = |v: f64| number(v, indicator.decimals);
    let year = |y: i32| fiscal_year_short(words.lang, y);
    let valued: Vec<(i32, f64)> = points
        .iter()
        .filter_map(|p| Some((p.year, p.value?)))
        .collect();
    match (valued.first(), valued.last()) {
        (Some(&(y0, a)), Some(&(y1, b))) if y0 != y1 => {
            let key = if fmt(a) == fmt(b) {
                "chart_trend_flat"
            } else if b < a {
                "chart_trend_fell"
            } else {
                "chart_trend_rose"
            };
            let args = [
                ("from", fmt(a)),
                ("from_year", year(y0)),
                ("to", fmt(b)),
                ("to_year", year(y1)),
            ];
            words.fill(
                key,
                &args
                    .iter()
                    .map(|(k, v)| (*k, v.as_str()))
                    .collect::<Vec<_>>(),
            )
        }
        (Some(&(y, v)), _) => words.fill(
            "chart_trend_single",
            &[("to", &fmt(v)), ("to_year", &year(y))],
        ),
        _ => words.get("chart_no_data").to_string(),
    }
}

fn status_text<'a>(words: &Words<'a>, status: ValueStatus) -> &'a str {
    match status {
        ValueStatus::Final => words.get("status_final"),
        ValueStatus::Provisional => words.get("status_provisional"),
        ValueStatus::Estimated => words.get("status_estimated"),
    }
}

fn table_of(words: &Words, indicator: &Indicator, points: &[Point], title: &str) -> Table {
    let lang = words.lang;
    let mut caption = title.to_string();
    if let Some(t) = indicator.target {
        let target = words.fill(
            "chart_trend_target",
            &[
                ("target", &number(t.value, indicator.decimals)),
                ("year", &fiscal_year_short(lang, t.year)),
            ],
        );
        caption = format!("{caption} ({target})");
    }
    let has_notes = points.iter().any(|p| !p.note.is_empty());
    let mut header = vec![
        words.get("col_year").to_string(),
        format!(
            "{} ({})",
            words.get("chart_value"),
            indicator.unit.get(lang)
        ),
        words.get("col_status").to_string(),
    ];
    if has_notes {
        header.push(words.get("chart_note").to_string());
    }
    let mut rows = Vec::new();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Table {
            caption,
            header,
            rows,
        };
    };
    for year in first.year..=last.year {
        let point = points.iter().find(|p| p.year == year);
        let (value, status) = match point.and_then(|p| p.value.map(|v| (v, p.status))) {
            Some((v, s)) => (
                number(v, indicator.decimals),
                status_text(words, s).to_string(),
            ),
            None => ("–".to_string(), words.get("status_missing").to_string()),
        };
        let mut row = vec![fiscal_year_short(lang, year), value, status];
        if has_notes {
            row.push(point.map(|p| p.note.clone()).unwrap_or_default());
        }
        rows.push(row);
    }
    Table {
        caption,
        header,
        rows,
    }
}

fn csv_of(lang: Lang, indicator: &Indicator, area: &Area, points: &[Point]) -> String {
    let thai = lang == Lang::Th;
    let mut header = vec!["area_id", "indicator_id", "year"];
    if thai {
        header.push("year_be");
    }
    header.extend(["value", "unit", "status", "note"]);
    let mut csv = Csv::new(&header);
    for p in points {
        let mut row = vec![
            table::text(&area.id),
            table::text(&indicator.id),
            table::int(p.year),
        ];
        if thai {
            row.push(table::int(year_text(Lang::Th, p.year)));
        }
        let status = if p.value.is_some() {
            p.status.as_str()
        } else {
            "missing"
        };
        row.extend([
            table::raw(p.value),
            table::text(indicator.unit.get(lang)),
            table::int(status),
            table::text(&p.note),
        ]);
        csv.row(&row);
    }
    csv.finish()
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// Sizes for each chart size.
struct Metrics {
    width: f64,
    height: f64,
    pad: f64,
    font: Font,
    small: Font,
    marker: i32,
    ticks: usize,
}

fn metrics(size: Size) -> Metrics {
    match size {
        Size::Full => Metrics {
            width: super::PHONE_WIDTH,
            height: 260.0,
            pad: 6.0,
            font: Font::regular(super::TEXT),
            small: Font::regular(super::MIN_TEXT),
            marker: 4,
            ticks: 5,
        },
        Size::Compact => Metrics {
            width: 320.0,
            height: 200.0,
            pad: 4.0,
            font: Font::regular(super::MIN_TEXT),
            small: Font::regular(super::MIN_TEXT),
            marker: 4,
            ticks: 4,
        },
    }
}

/// The chart's x and y extents in data units.
struct Extent {
    first: i32,
    last: i32,
    axis: Axis,
}

fn extent(
    indicator: &Indicator,
    points: &[Point],
    ticks: usize,
    frame: Option<Frame>,
) -> Option<Extent> {
    let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
    let mut years: Vec<i32> = points
        .iter()
        .filter(|p| p.value.is_some())
        .map(|p| p.year)
        .collect();
    let mut all = values.clone();
    if let Some(t) = indicator.target.filter(|t| t.value.is_finite()) {
        years.push(t.year);
        all.push(t.value);
    }
    if values.is_empty() && indicator.target.is_none() {
        return None;
    }
    years.extend(indicator.base_year);
    if let Some(frame) = frame {
        years.extend([frame.years.0, frame.years.1]);
        all.extend([frame.values.0, frame.values.1]);
    }
    let (first, last) = (*years.iter().min()?, *years.iter().max()?);
    let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let near_zero = lo >= 0.0 && lo <= 0.5 * hi;
    // A little room above and below, so no point or target sits on the frame (the x-axis).
    let room = 0.04 * (hi - lo);
    let share = is_percentage(indicator);
    let lo = if lo >= 0.0 && (near_zero || share) {
        0.0
    } else {
        lo - room
    };
    let hi = if share && hi <= 100.0 {
        (hi + room).min(100.0)
    } else {
        hi + room
    };
    Some(Extent {
        first,
        last,
        axis: nice_axis(lo, hi, ticks, indicator.decimals == 0),
    })
}

fn draw(
    words: &Words,
    indicator: &Indicator,
    points: &[Point],
    size: Size,
    frame: Option<Frame>,
) -> Canvas {
    let m = metrics(size);
    let mut canvas = Canvas::new(m.width, m.height);
    let Some(l) = layout(words, indicator, points, size, frame) else {
        let text = words.get("chart_no_data");
        let (x, y) = (m.width / 2.0, m.height / 2.0);
        canvas.text(text, x, y, Anchor::Middle, m.font, m.width - 2.0 * m.pad);
        return canvas;
    };
    canvas.push(&draw_grid(&l));
    draw_reference_lines(&mut canvas, &l, indicator, points);
    let marks = marks(&l, points);
    canvas.push(&draw_data(&l, points, &marks));
    draw_axis_text(&mut canvas, &l);
    let mut obstacles: Vec<Rect> = marks
        .iter()
        .map(|&((x, y), _)| Rect::around(f64::from(x), f64::from(y), f64::from(l.m.marker) + 2.0))
        .collect();
    obstacles.extend(segment_boxes(&l.plot, &segments(points)));
    obstacles.extend(canvas.text_rects());
    place_target_label(&mut canvas, &l, words, indicator, &mut obstacles);
    place_base_year_label(&mut canvas, &l, words, indicator, &obstacles);
    canvas
}

/// Where everything goes, worked out from measured text before anything is drawn.
struct Layout {
    m: Metrics,
    ext: Extent,
    plot: Plot,
    lang: Lang,
    unit: Vec<String>,
    legend: Vec<Placed>,
    /// Years with a label on the x-axis (they get longer ticks).
    labelled: Vec<i32>,
    x_baseline: f64,
    axis_title: Option<String>,
    target: Option<Target>,
}

fn layout(
    words: &Words,
    indicator: &Indicator,
    points: &[Point],
    size: Size,
    frame: Option<Frame>,
) -> Option<Layout> {
    let m = metrics(size);
    let ext = extent(indicator, points, m.ticks, frame)?;
    let lang = words.lang;
    let inner_width = m.width - 2.0 * m.pad;
    let unit = fit(
        indicator.unit.get(lang),
        inner_width,
        m.small.size,
        false,
        1,
    );
    let plot_top = m.pad + m.small.block_height(unit.len()) + 8.0;

    // Footer, bottom up: legend, x-axis title (Full only), year labels.
    let entries = legend_entries(words, points);
    let (_, legend_rows) = legend::layout(&entries, m.pad, 0.0, inner_width, m.small);
    let legend_h = legend::height(legend_rows, m.small);
    let legend_top = m.height - m.pad - legend_h;
    let (legend, _) = legend::layout(&entries, m.pad, legend_top, inner_width, m.small);
    let axis_title = (size == Size::Full).then(|| words.get("col_year").to_string());
    let title_h = if axis_title.is_some() {
        m.small.line_height()
    } else {
        0.0
    };
    let x_label_gap = layout::below_axis(m.small);
    let legend_gap = if legend_rows > 0 { 6.0 } else { 0.0 };
    let plot_bottom = legend_top - legend_gap - title_h - x_label_gap - m.small.block_height(1);

    // Sides: y labels on the left, half the last year label on the right.
    let tick_w = ext
        .axis
        .ticks
        .iter()
        .map(|&t| m.small.width(&number(t, ext.axis.decimals)))
        .fold(0.0, f64::max);
    let last_w = m.small.width(&fiscal_year_short(lang, ext.last));
    let plot = Plot {
        width: m.width as u32,
        height: m.height as u32,
        left: (m.pad + tick_w + 6.0).ceil() as i32,
        top: plot_top.ceil() as i32,
        right: (m.width - m.pad - last_w / 2.0).floor() as i32,
        bottom: plot_bottom.floor() as i32,
        x: (f64::from(ext.first) - 0.5)..(f64::from(ext.last) + 0.5),
        y: ext.axis.min..ext.axis.max,
    };

    // Label every year if the labels fit side by side, else every second, third, … counted back
    // from the last year, so that the newest year (or the target year) always has its label.
    let per_year = f64::from(plot.right - plot.left) / f64::from((ext.last - ext.first + 1).max(1));
    let widest = (ext.first..=ext.last)
        .map(|y| m.small.width(&fiscal_year_short(lang, y)))
        .fold(0.0, f64::max);
    let every = layout::year_step(per_year, widest);
    let labelled = (ext.first..=ext.last)
        .filter(|y| (ext.last - y) % every == 0)
        .collect();
    let x_baseline = f64::from(plot.bottom) + x_label_gap + ASCENT * m.small.size;
    Some(Layout {
        target: indicator.target.filter(|t| t.value.is_finite()),
        m,
        ext,
        plot,
        lang,
        unit,
        legend,
        labelled,
        x_baseline,
        axis_title,
    })
}

/// A legend of point statuses, only when some values are not final.
fn legend_entries(words: &Words, points: &[Point]) -> Vec<Entry> {
    let mut statuses: Vec<ValueStatus> = points
        .iter()
        .filter(|p| p.value.is_some())
        .map(|p| p.status)
        .collect();
    statuses.sort();
    statuses.dedup();
    if statuses.iter().all(|s| *s == ValueStatus::Final) {
        return Vec::new();
    }
    statuses
        .iter()
        .map(|&s| Entry {
            symbol: Symbol::for_status(s),
            text: status_text(words, s).to_string(),
        })
        .collect()
}

/// plotters: horizontal grid lines, the x-axis and a tick per year (longer where labelled).
fn draw_grid(l: &Layout) -> String {
    let (plot, ext) = (&l.plot, &l.ext);
    plot.draw(|chart, root| {
        let grid = GRID.rgb().stroke_width(1);
        let (x0, x1) = (plot.x.start, plot.x.end);
        chart.draw_series(
            ext.axis
                .ticks
                .iter()
                .map(|&t| PathElement::new(vec![(x0, t), (x1, t)], grid)),
        )?;
        let axis = AXIS.rgb().stroke_width(1);
        let y0 = plot.bottom;
        root.draw(&PathElement::new(
            vec![(plot.left, y0), (plot.right, y0)],
            axis,
        ))?;
        // A y-axis that does not start at 0 says so with a break mark (two short slashes) on
        // its foot, so that differences are not read as proportions.
        if ext.axis.min > 0.0 {
            for dx in [5, 10] {
                root.draw(&PathElement::new(
                    vec![(plot.left + dx - 3, y0 - 3), (plot.left + dx + 3, y0 - 9)],
                    axis,
                ))?;
            }
        }
        for year in ext.first..=ext.last {
            let (x, _) = plot.px(f64::from(year), ext.axis.min);
            let len = if l.labelled.contains(&year) { 5 } else { 3 };
            root.draw(&PathElement::new(
                vec![(x as i32, y0), (x as i32, y0 + len)],
                axis,
            ))?;
        }
        Ok(())
    })
}

/// The base year (dotted, full height) and the target (dashed, from the base year or the first
/// value to the target year).
fn draw_reference_lines(canvas: &mut Canvas, l: &Layout, indicator: &Indicator, points: &[Point]) {
    let (top, bottom) = (f64::from(l.plot.top), f64::from(l.plot.bottom));
    if let Some(base) = indicator.base_year {
        let (x, _) = l.plot.px(f64::from(base), l.ext.axis.min);
        canvas.line((x, top), (x, bottom), BASE_YEAR, 1.5, Some("2 3"));
    }
    if let Some(t) = l.target {
        let first_value = points.iter().find(|p| p.value.is_some()).map(|p| p.year);
        let from = indicator
            .base_year
            .or(first_value)
            .unwrap_or(t.year)
            .min(t.year);
        let a = l.plot.px(f64::from(from), t.value);
        let b = l.plot.px(f64::from(t.year), t.value);
        canvas.line(a, b, TARGET, 2.0, Some("6 4"));
    }
}

/// Each value's marker position and shape.
fn marks(l: &Layout, points: &[Point]) -> Vec<((i32, i32), Symbol)> {
    points
        .iter()
        .filter_map(|p| {
            let (x, y) = l.plot.px(f64::from(p.year), p.value?);
            Some(((x as i32, y as i32), Symbol::for_status(p.status)))
        })
        .collect()
}

fn target_px(l: &Layout) -> Option<(i32, i32)> {
    l.target.map(|t| {
        let (x, y) = l.plot.px(f64::from(t.year), t.value);
        (x as i32, y as i32)
    })
}

/// plotters: the line segments, the target marker, the value markers and the legend keys.
fn draw_data(l: &Layout, points: &[Point], marks: &[((i32, i32), Symbol)]) -> String {
    let segs = segments(points);
    let r = l.m.marker;
    l.plot.draw(|chart, root| {
        for seg in segs.iter().filter(|s| s.len() > 1) {
            let line = seg.iter().map(|&(y, v)| (f64::from(y), v));
            chart.draw_series(LineSeries::new(line, SERIES.rgb().stroke_width(2)))?;
        }
        if let Some(at) = target_px(l) {
            root.draw(&Circle::new(at, r + 1, WHITE.filled()))?;
            root.draw(&Circle::new(at, r + 1, TARGET.rgb().stroke_width(2)))?;
            root.draw(&Circle::new(at, 2, TARGET.rgb().filled()))?;
        }
        for &(at, symbol) in marks {
            legend::draw_marker(root, at, symbol, r)?;
        }
        legend::draw_keys(root, &l.legend, r)
    })
}

/// The unit, tick labels, year labels, the x-axis title and the legend texts.
fn draw_axis_text(canvas: &mut Canvas, l: &Layout) {
    let (m, plot, font) = (&l.m, &l.plot, l.m.small);
    let unit_baseline = m.pad + ASCENT * font.size;
    canvas.lines(
        &l.unit,
        m.pad,
        unit_baseline,
        Anchor::Start,
        font,
        m.width - 2.0 * m.pad,
    );
    let ticks: Vec<(f64, String)> = l
        .ext
        .axis
        .ticks
        .iter()
        .map(|&t| (t, number(t, l.ext.axis.decimals)))
        .collect();
    layout::draw_value_ticks(canvas, plot, &ticks, font, m.pad);
    layout::draw_years(
        canvas,
        plot,
        l.lang,
        (l.ext.first, l.ext.last),
        l.x_baseline,
        font,
    );
    if let Some(title) = &l.axis_title {
        let baseline = l.x_baseline + font.line_height();
        let centre = f64::from(plot.left + plot.right) / 2.0;
        let width = f64::from(plot.right - plot.left);
        canvas.text(title, centre, baseline, Anchor::Middle, font, width);
    }
    legend::draw_texts(canvas, &l.legend, font);
}

/// "target 600" beside the target marker: above or below it, to the left or right, wherever it
/// covers no data and no other text.
fn place_target_label(
    canvas: &mut Canvas,
    l: &Layout,
    words: &Words,
    indicator: &Indicator,
    obstacles: &mut Vec<Rect>,
) {
    let (Some(t), Some((tx, ty))) = (l.target, target_px(l)) else {
        return;
    };
    let text = format!(
        "{} {}",
        words.get("chart_target"),
        number(t.value, indicator.decimals)
    );
    let (x, y, r) = (f64::from(tx), f64::from(ty), f64::from(l.m.marker) + 1.0);
    let font = l.m.small;
    let above = y - r - 4.0 - DESCENT * font.size;
    let below = y + r + 4.0 + ASCENT * font.size;
    let options = [
        (x + r, above, Anchor::End),
        (x + r, below, Anchor::End),
        (x - r, above, Anchor::Start),
        (x - r, below, Anchor::Start),
        (x - r - 4.0, y + 0.35 * font.size, Anchor::End),
    ];
    let area = Rect::new(
        f64::from(l.plot.left),
        l.m.pad,
        l.m.width - l.m.pad,
        f64::from(l.plot.bottom) - 2.0,
    );
    let rects: Vec<Rect> = options
        .iter()
        .map(|&(ox, oy, a)| font.ink(&text, ox, oy, a))
        .collect();
    let (ox, oy, a) = options[least_crowded(&rects, obstacles, &area)];
    canvas.text_over(&text, ox, oy, a, font, font.width(&text));
    obstacles.push(font.ink(&text, ox, oy, a));
    // The dashed line itself, so the base-year label keeps off it.
    obstacles.push(Rect::new(f64::from(l.plot.left), y - 2.0, x, y + 2.0));
}

/// "base year" beside the dotted line: at its top or bottom, right or left of it.
fn place_base_year_label(
    canvas: &mut Canvas,
    l: &Layout,
    words: &Words,
    indicator: &Indicator,
    obstacles: &[Rect],
) {
    let Some(base) = indicator.base_year else {
        return;
    };
    let text = words.get("chart_base_year");
    let (x, _) = l.plot.px(f64::from(base), l.ext.axis.min);
    let font = l.m.small;
    let (top, bottom) = (f64::from(l.plot.top), f64::from(l.plot.bottom));
    let high = top + ASCENT * font.size + 2.0;
    let low = bottom - DESCENT * font.size - 3.0;
    let options = [
        (x + 4.0, high, Anchor::Start),
        (x - 4.0, high, Anchor::End),
        (x + 4.0, low, Anchor::Start),
        (x - 4.0, low, Anchor::End),
    ];
    let rects: Vec<Rect> = options
        .iter()
        .map(|&(ox, oy, a)| font.ink(text, ox, oy, a))
        .collect();
    let inner = Rect::new(f64::from(l.plot.left), top, l.m.width - l.m.pad, bottom);
    let (ox, oy, a) = options[least_crowded(&rects, obstacles, &inner)];
    canvas.text_over(text, ox, oy, a, font, font.width(text));
}

/// Small boxes along the drawn line segments, so labels keep clear of the line.
fn segment_boxes(plot: &Plot, segs: &[Vec<(i32, f64)>]) -> Vec<Rect> {
    let mut out = Vec::new();
    for seg in segs {
        for pair in seg.windows(2) {
            let a = plot.px(f64::from(pair[0].0), pair[0].1);
            let b = plot.px(f64::from(pair[1].0), pair[1].1);
            let length = (b.0 - a.0).hypot(b.1 - a.1);
            let steps = (length / 3.0).ceil().max(1.0) as usize;
            for i in 0..=steps {
                let t = i as f64 / steps as f64;
                out.push(Rect::around(
                    a.0 + (b.0 - a.0) * t,
                    a.1 + (b.1 - a.1) * t,
                    2.0,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Text;

    fn obs(year: i32, value: Option<f64>, status: ValueStatus) -> Observation {
        Observation {
            area_id: "a".into(),
            indicator_id: "i".into(),
            year,
            value,
            status,
            note: Text::default(),
            line: 1,
        }
    }

    #[test]
    fn gaps_split_the_line() {
        let points = collect(
            &[
                obs(2016, Some(1.0), ValueStatus::Final),
                obs(2017, Some(2.0), ValueStatus::Final),
                obs(2018, None, ValueStatus::Final),
                obs(2019, Some(3.0), ValueStatus::Final),
                obs(2021, Some(4.0), ValueStatus::Provisional),
                obs(2022, Some(f64::NAN), ValueStatus::Final),
            ],
            Lang::En,
        );
        let segs = segments(&points);
        assert_eq!(
            segs,
            vec![
                vec![(2016, 1.0), (2017, 2.0)],
                vec![(2019, 3.0)],
                vec![(2021, 4.0)]
            ]
        );
        assert_eq!(gap_years(&points), vec![2018, 2020]);
    }
}
