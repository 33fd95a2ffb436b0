//! The comparison chart: the latest value of one indicator in every area, as horizontal bars.
//!
//! Bars are sorted best first (highest first when higher is better, lowest first otherwise), so
//! the order itself answers "who is doing well". Area names sit in a label column as wide as the
//! widest name needs (up to a cap), wrapped to at most two lines at Thai word boundaries. Values
//! are printed at the bar ends; a value from an older year says which year. Values that are not
//! final are drawn as outlined bars, and the target is a dashed vertical line with its label.

use plotters::prelude::*;

use super::layout::{self, RowLabels};
use super::legend::{self, Entry, Placed, Symbol};
use super::palette::{AXIS, Colour, GRID, SERIES, TARGET};
use super::plot::{Axis, Plot, nice_axis};
use super::svg::{Anchor, Canvas, Font};
use super::table::{self, Csv};
use super::text::{ASCENT, DESCENT, fit};
use super::{About, Chart, Table, Words, chart_id};
use crate::data::{Direction, Indicator, Lang, ValueStatus};
use crate::i18n::Strings;
use crate::i18n::format::{fiscal_year_short, number, year as year_text};

const WIDTH: f64 = super::PHONE_WIDTH;
const PAD: f64 = 8.0;
/// The label column never takes more than this share of the width.
const LABEL_SHARE: f64 = 0.42;
const BAR: f64 = 18.0;
/// Light tint for provisional and estimated bars (outlined in the series colour).
const NOT_FINAL: Colour = Colour(0xCC, 0xE3, 0xF0);

struct Row {
    name: String,
    value: f64,
    year: i32,
    status: ValueStatus,
}

/// Horizontal bars of each area's latest value. `rows` are (area name, value, fiscal year C.E.,
/// status); non-finite values are left out.
pub fn comparison(
    lang: Lang,
    indicator: &Indicator,
    rows: &[(String, f64, i32, ValueStatus)],
    strings: &Strings,
) -> Chart {
    let words = Words::new(lang, strings);
    let rows = best_first(indicator, rows);
    let id = chart_id(&["cmp", &indicator.id, lang.code()]);
    let title = words.fill(
        "chart_comparison_title",
        &[("indicator", indicator.name.get(lang))],
    );
    let desc = describe(&words, indicator, &rows);
    let table = table_of(&words, indicator, &rows, &title);
    let csv = csv_of(lang, indicator, &rows);
    let canvas = draw(&words, indicator, &rows);
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "comparison", "img")
}

/// The description [`comparison`] gives its chart, without drawing it (the search index reads
/// it on builds that draw no comparison).
pub fn comparison_desc(
    lang: Lang,
    indicator: &Indicator,
    rows: &[(String, f64, i32, ValueStatus)],
    strings: &Strings,
) -> String {
    describe(
        &Words::new(lang, strings),
        indicator,
        &best_first(indicator, rows),
    )
}

/// The rows with a value, best first.
fn best_first(indicator: &Indicator, rows: &[(String, f64, i32, ValueStatus)]) -> Vec<Row> {
    let mut rows: Vec<Row> = rows
        .iter()
        .filter(|r| r.1.is_finite())
        .map(|(name, value, year, status)| Row {
            name: name.clone(),
            value: *value,
            year: *year,
            status: *status,
        })
        .collect();
    // Stable sort: equal values keep the caller's order.
    match indicator.direction {
        Direction::Increase => rows.sort_by(|a, b| b.value.total_cmp(&a.value)),
        Direction::Decrease => rows.sort_by(|a, b| a.value.total_cmp(&b.value)),
    }
    rows
}

fn meets(indicator: &Indicator, value: f64, target: f64) -> bool {
    match indicator.direction {
        Direction::Increase => value >= target,
        Direction::Decrease => value <= target,
    }
}

fn describe(words: &Words, indicator: &Indicator, rows: &[Row]) -> String {
    let fmt = |v: f64| number(v, indicator.decimals);
    let (Some(best), Some(worst)) = (rows.first(), rows.last()) else {
        return words.sentence(&[words.get("chart_no_data").to_string()]);
    };
    let count = rows.len().to_string();
    let mut clauses = vec![words.fill(
        "chart_comparison_desc",
        &[
            ("count", &count),
            ("best", &best.name),
            ("best_value", &fmt(best.value)),
            ("worst", &worst.name),
            ("worst_value", &fmt(worst.value)),
        ],
    )];
    if let Some(t) = indicator.target {
        let met = rows
            .iter()
            .filter(|r| meets(indicator, r.value, t.value))
            .count()
            .to_string();
        clauses.push(words.fill(
            "chart_comparison_target",
            &[("met", &met), ("count", &count), ("target", &fmt(t.value))],
        ));
    }
    let provisional: Vec<String> = rows
        .iter()
        .filter(|r| r.status != ValueStatus::Final)
        .map(|r| r.name.clone())
        .collect();
    if !provisional.is_empty() {
        clauses.push(words.fill(
            "chart_provisional_areas",
            &[("names", &words.list(&provisional))],
        ));
    }
    clauses.push(words.fill("chart_unit", &[("unit", indicator.unit.get(words.lang))]));
    words.sentence(&clauses)
}

fn status_key(status: ValueStatus) -> &'static str {
    match status {
        ValueStatus::Final => "status_final",
        ValueStatus::Provisional => "status_provisional",
        ValueStatus::Estimated => "status_estimated",
    }
}

fn table_of(words: &Words, indicator: &Indicator, rows: &[Row], title: &str) -> Table {
    let lang = words.lang;
    let header = vec![
        words.get("col_area").to_string(),
        format!(
            "{} ({})",
            words.get("chart_value"),
            indicator.unit.get(lang)
        ),
        words.get("col_year").to_string(),
        words.get("col_status").to_string(),
    ];
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                number(r.value, indicator.decimals),
                fiscal_year_short(lang, r.year),
                words.get(status_key(r.status)).to_string(),
            ]
        })
        .collect();
    Table {
        caption: title.to_string(),
        header,
        rows,
    }
}

fn csv_of(lang: Lang, indicator: &Indicator, rows: &[Row]) -> String {
    let thai = lang == Lang::Th;
    let mut header = vec!["indicator_id", "area", "year"];
    if thai {
        header.push("year_be");
    }
    header.extend(["value", "unit", "status"]);
    let mut csv = Csv::new(&header);
    for r in rows {
        let mut cells = vec![
            table::text(&indicator.id),
            table::text(&r.name),
            table::int(r.year),
        ];
        if thai {
            cells.push(table::int(year_text(Lang::Th, r.year)));
        }
        cells.extend([
            table::raw(Some(r.value)),
            table::text(indicator.unit.get(lang)),
            table::int(r.status.as_str()),
        ]);
        csv.row(&cells);
    }
    csv.finish()
}

const FONT: Font = Font {
    size: super::TEXT,
    bold: false,
};
const SMALL: Font = Font {
    size: super::MIN_TEXT,
    bold: false,
};

/// Where everything goes, from measured text.
struct BarLayout {
    labels: RowLabels,
    /// The value printed at each bar's end.
    values: Vec<String>,
    value_w: f64,
    unit: Vec<String>,
    /// The top of the first row.
    top: f64,
    axis: Axis,
    plot: Plot,
    legend: Vec<Placed>,
    x_label_y: f64,
    height: f64,
    target: Option<f64>,
}

fn draw(words: &Words, indicator: &Indicator, rows: &[Row]) -> Canvas {
    if rows.is_empty() {
        return layout::no_data(words, WIDTH, 80.0, FONT);
    }
    let l = layout_bars(words, indicator, rows);
    let mut canvas = Canvas::new(WIDTH, l.height);
    canvas.push(&draw_bars(&l, rows));
    if let Some(t) = l.target {
        let (x, _) = l.plot.px(t, 0.0);
        let (top, bottom) = (f64::from(l.plot.top) - 4.0, f64::from(l.plot.bottom));
        canvas.line((x, top), (x, bottom), TARGET, 2.0, Some("6 4"));
    }
    draw_text(&mut canvas, &l, words, indicator, rows);
    canvas
}

/// The value at a bar's end, with the year when it is older than the newest.
fn value_labels(lang: Lang, indicator: &Indicator, rows: &[Row]) -> Vec<String> {
    let newest = rows.iter().map(|r| r.year).max().unwrap_or(0);
    rows.iter()
        .map(|r| {
            let value = number(r.value, indicator.decimals);
            if r.year < newest {
                format!("{value} ({})", fiscal_year_short(lang, r.year))
            } else {
                value
            }
        })
        .collect()
}

fn layout_bars(words: &Words, indicator: &Indicator, rows: &[Row]) -> BarLayout {
    let lang = words.lang;
    let target = indicator.target.map(|t| t.value).filter(|v| v.is_finite());
    let labels = RowLabels::new(
        rows.iter().map(|r| r.name.as_str()),
        FONT,
        WIDTH * LABEL_SHARE,
        BAR,
    );
    let values = value_labels(lang, indicator, rows);
    let value_w = layout::widest(values.iter().cloned(), FONT);

    // Top down: unit, target label, bars, x ticks, legend.
    let unit = fit(
        indicator.unit.get(lang),
        WIDTH - 2.0 * PAD,
        SMALL.size,
        false,
        1,
    );
    let mut top = PAD + SMALL.block_height(unit.len()) + 8.0;
    if target.is_some() {
        top += SMALL.block_height(1) + 4.0;
    }
    let x_label_y = top + labels.height() + 6.0 + ASCENT * SMALL.size;
    let legend_top = x_label_y + SMALL.line_height();
    let entries = legend_entries(words, rows);
    let (legend, legend_rows) = legend::layout(&entries, PAD, legend_top, WIDTH - 2.0 * PAD, SMALL);
    let height = (legend_top + legend::height(legend_rows, SMALL) + PAD).ceil();

    // Across: names, bars (from zero, covering the target), values.
    let values_range = rows.iter().map(|r| r.value).chain(target);
    let lo = values_range.clone().fold(0.0, f64::min);
    let hi = values_range.fold(0.0, f64::max);
    // As many ticks as fit the bars' width with room between their labels: on a phone-width
    // chart that is often three.
    let left = (PAD + labels.width + 10.0).ceil();
    let axis = (3..=5)
        .rev()
        .map(|n| nice_axis(lo, hi, n, indicator.decimals == 0))
        .find(|axis| {
            let widest =
                layout::widest(axis.ticks.iter().map(|&t| number(t, axis.decimals)), SMALL);
            let last = axis
                .ticks
                .last()
                .map_or(0.0, |&t| SMALL.width(&number(t, axis.decimals)));
            let right = WIDTH - PAD - (value_w + 6.0).max(last / 2.0);
            let gaps = axis.ticks.len().saturating_sub(1).max(1) as f64;
            (right - left) / gaps >= widest + 8.0
        })
        .unwrap_or_else(|| nice_axis(lo, hi, 2, indicator.decimals == 0));
    let last_tick = axis
        .ticks
        .last()
        .map(|&t| SMALL.width(&number(t, axis.decimals)))
        .unwrap_or(0.0);
    let plot = Plot {
        width: WIDTH as u32,
        height: height as u32,
        left: left as i32,
        top: top as i32,
        right: (WIDTH - PAD - (value_w + 6.0).max(last_tick / 2.0)).floor() as i32,
        bottom: (top + labels.height()) as i32,
        x: axis.min..axis.max,
        y: 0.0..1.0,
    };
    BarLayout {
        labels,
        values,
        value_w,
        unit,
        top,
        axis,
        plot,
        legend,
        x_label_y,
        height,
        target,
    }
}

/// plotters: vertical grid lines, the zero line, the bars and the legend keys. Final values are
/// solid; provisional values white and estimated values tinted, both outlined.
fn draw_bars(l: &BarLayout, rows: &[Row]) -> String {
    let plot = &l.plot;
    plot.draw(|chart, root| {
        let grid = GRID.rgb().stroke_width(1);
        chart.draw_series(
            l.axis
                .ticks
                .iter()
                .map(|&t| PathElement::new(vec![(t, 0.0), (t, 1.0)], grid)),
        )?;
        let (zero, _) = plot.px(0.0, 0.0);
        let axis = AXIS.rgb().stroke_width(1);
        root.draw(&PathElement::new(
            vec![(zero as i32, plot.top), (zero as i32, plot.bottom)],
            axis,
        ))?;
        for (i, r) in rows.iter().enumerate() {
            let (end, _) = plot.px(r.value, 0.0);
            let c = l.labels.centre(l.top, i);
            let corners = [
                (zero as i32, (c - BAR / 2.0) as i32),
                (end as i32, (c + BAR / 2.0) as i32),
            ];
            let fill = match r.status {
                ValueStatus::Final => SERIES.rgb(),
                ValueStatus::Provisional => WHITE,
                ValueStatus::Estimated => NOT_FINAL.rgb(),
            };
            root.draw(&Rectangle::new(corners, fill.filled()))?;
            if r.status != ValueStatus::Final {
                root.draw(&Rectangle::new(corners, SERIES.rgb().stroke_width(2)))?;
            }
        }
        legend::draw_keys(root, &l.legend, 6)
    })
}

/// Unit, target label, names, values at the bar ends, x ticks and legend texts.
fn draw_text(
    canvas: &mut Canvas,
    l: &BarLayout,
    words: &Words,
    indicator: &Indicator,
    rows: &[Row],
) {
    canvas.lines(
        &l.unit,
        PAD,
        PAD + ASCENT * SMALL.size,
        Anchor::Start,
        SMALL,
        WIDTH - 2.0 * PAD,
    );
    if let Some(t) = l.target {
        let (x, _) = l.plot.px(t, 0.0);
        let text = format!(
            "{} {}",
            words.get("chart_target"),
            number(t, indicator.decimals)
        );
        let w = SMALL.width(&text);
        let x = x.clamp(f64::from(l.plot.left) + w / 2.0, WIDTH - PAD - w / 2.0);
        let baseline = f64::from(l.plot.top) - 8.0 - DESCENT * SMALL.size;
        canvas.text_over(&text, x, baseline, Anchor::Middle, SMALL, w);
    }
    l.labels.draw(canvas, PAD + l.labels.width, l.top);
    for (i, (r, text)) in rows.iter().zip(&l.values).enumerate() {
        let (end, _) = l.plot.px(r.value, 0.0);
        let baseline = l.labels.centre(l.top, i) + 0.35 * FONT.size;
        let (mut x, anchor) = if r.value < 0.0 {
            (end - 5.0, Anchor::End)
        } else {
            (end + 5.0, Anchor::Start)
        };
        // A value is never written across the target line: one that would be starts just past
        // it, so the figures a reader compares with the target stay whole.
        if let (Some(t), Anchor::Start) = (l.target, anchor) {
            let (tx, _) = l.plot.px(t, 0.0);
            if tx > x - 3.0 && tx < x + FONT.width(text) + 3.0 {
                x = tx + 5.0;
            }
        }
        canvas.text_over(text, x, baseline, anchor, FONT, l.value_w);
    }
    // When even the fewest ticks are closer than their labels are wide (figures in the millions
    // beside long names), a label that would touch the one before it is left out, keeping the
    // last: the scale still reads from zero to its end.
    let labels: Vec<(f64, String)> = (l.axis.ticks.iter())
        .map(|&t| (l.plot.px(t, 0.0).0, number(t, l.axis.decimals)))
        .collect();
    let half = |text: &str| SMALL.width(text) / 2.0;
    let mut kept: Vec<&(f64, String)> = Vec::new();
    for (i, label) in labels.iter().enumerate() {
        let clear_of = |other: &(f64, String)| {
            (label.0 - other.0).abs() >= half(&label.1) + half(&other.1) + 6.0
        };
        if kept.last().is_none_or(|k| clear_of(k)) {
            kept.push(label);
        } else if i + 1 == labels.len() && kept.len() > 1 {
            // The last tick ends the scale: it takes the place of the one before it.
            kept.pop();
            if kept.last().is_none_or(|k| clear_of(k)) {
                kept.push(label);
            }
        }
    }
    for (x, text) in kept {
        canvas.text(
            text,
            *x,
            l.x_label_y,
            Anchor::Middle,
            SMALL,
            SMALL.width(text),
        );
    }
    legend::draw_texts(canvas, &l.legend, SMALL);
}

/// A legend only when some bars are not final.
fn legend_entries(words: &Words, rows: &[Row]) -> Vec<Entry> {
    let mut statuses: Vec<ValueStatus> = rows.iter().map(|r| r.status).collect();
    statuses.sort();
    statuses.dedup();
    if statuses == [ValueStatus::Final] {
        return Vec::new();
    }
    statuses
        .into_iter()
        .map(|s| {
            let symbol = match s {
                ValueStatus::Final => Symbol::Swatch(SERIES, None),
                ValueStatus::Provisional => Symbol::Swatch(Colour(0xFF, 0xFF, 0xFF), Some(SERIES)),
                ValueStatus::Estimated => Symbol::Swatch(NOT_FINAL, Some(SERIES)),
            };
            Entry {
                symbol,
                text: words.get(status_key(s)).to_string(),
            }
        })
        .collect()
}
