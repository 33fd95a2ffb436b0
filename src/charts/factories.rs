//! Factory upgrade charts: upgraded vs remaining, per area and over fiscal years.
//!
//! "Upgraded" is solid blue, "remaining" very light grey with a dark outline: they differ in
//! lightness and outline as well as hue, and every bar carries its numbers as text (counts and
//! percentage), so neither colour vision nor a colour printer is needed to read them.

use plotters::prelude::*;

use super::layout::{self, RowLabels};
use super::legend::{self, Entry, Placed, Symbol};
use super::palette::{AXIS, GRID, REMAINING, REMAINING_EDGE, UPGRADED};
use super::plot::{Plot, nice_axis};
use super::svg::{Anchor, Canvas, Font};
use super::table::{self, Csv};
use super::text::{ASCENT, DESCENT, fit};
use super::{About, Chart, Table, Words, chart_id};
use crate::data::Lang;
use crate::i18n::Strings;
use crate::i18n::format::{fiscal_year_short, integer, number, percent, year as year_text};

const WIDTH: f64 = super::PHONE_WIDTH;
const PAD: f64 = 8.0;
const LABEL_SHARE: f64 = 0.42;
const BAR: f64 = 20.0;

/// Share upgraded, 0–1 (0 when there are no factories; never above 1).
fn share(upgraded: u32, total: u32) -> f64 {
    if total == 0 {
        0.0
    } else {
        (f64::from(upgraded) / f64::from(total)).min(1.0)
    }
}

fn counts(upgraded: u32, total: u32) -> (u32, u32) {
    let upgraded = upgraded.min(total);
    (upgraded, total - upgraded)
}

/// Which factory chart a chart is: `key` names it in its id (`fp-th-21-en`), so the id and the
/// file names stay the same when the figures or names change; `place`, when it has one, ends
/// its title ("Factory upgrade progress – Rayong"), so the chart names its place wherever it is
/// shown alone (its embed page, its PNG, its downloads).
#[derive(Debug, Clone, Copy)]
pub struct ChartPlace<'a> {
    pub key: &'a str,
    pub place: Option<&'a str>,
}

impl ChartPlace<'_> {
    fn title(&self, words: &Words, name: &str) -> String {
        let base = words.get(name);
        match self.place {
            Some(place) => format!("{base} – {place}"),
            None => base.to_string(),
        }
    }
}

/// One stacked bar per row (areas of a province, or all areas), in the order given: `rows` are
/// (name, upgraded, total). Bars show shares (so small and large areas compare); the counts and
/// percentage are printed beside each bar.
pub fn factory_progress(
    lang: Lang,
    placed: ChartPlace,
    rows: &[(String, u32, u32)],
    strings: &Strings,
) -> Chart {
    let words = Words::new(lang, strings);
    let id = chart_id(&["fp", placed.key, lang.code()]);
    let title = placed.title(&words, "chart_factory_progress_title");
    let desc = describe_progress(&words, rows);
    let table = progress_table(&words, rows, &title);
    let csv = progress_csv(rows);
    let canvas = draw_progress(&words, rows);
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "factories", "img")
}

fn describe_progress(words: &Words, rows: &[(String, u32, u32)]) -> String {
    let (upgraded, total) = rows.iter().fold((0u32, 0u32), |acc, r| {
        let (u, rest) = counts(r.1, r.2);
        (
            acc.0.saturating_add(u),
            acc.1.saturating_add(u.saturating_add(rest)),
        )
    });
    let mut clauses = vec![words.fill(
        "chart_factory_progress_desc",
        &[
            ("upgraded", &integer(i64::from(upgraded))),
            ("total", &integer(i64::from(total))),
            ("percent", &percent(share(upgraded, total))),
            ("remaining", &integer(i64::from(total - upgraded))),
        ],
    )];
    let mut ranked: Vec<&(String, u32, u32)> = rows.iter().filter(|r| r.2 > 0).collect();
    ranked.sort_by(|a, b| share(b.1, b.2).total_cmp(&share(a.1, a.2)));
    if let (true, Some(high), Some(low)) = (ranked.len() > 1, ranked.first(), ranked.last()) {
        clauses.push(words.fill(
            "chart_factory_progress_range",
            &[
                ("high", &high.0),
                ("high_percent", &percent(share(high.1, high.2))),
                ("low", &low.0),
                ("low_percent", &percent(share(low.1, low.2))),
            ],
        ));
    }
    words.sentence(&clauses)
}

fn count_header(words: &Words) -> Vec<String> {
    [
        "col_factories_total",
        "col_factories_upgraded",
        "col_factories_remaining",
        "chart_share_upgraded",
    ]
    .iter()
    .map(|k| words.get(k).to_string())
    .collect()
}

fn count_cells(upgraded: u32, total: u32) -> Vec<String> {
    let (u, rest) = counts(upgraded, total);
    vec![
        integer(i64::from(total)),
        integer(i64::from(u)),
        integer(i64::from(rest)),
        percent(share(upgraded, total)),
    ]
}

fn progress_table(words: &Words, rows: &[(String, u32, u32)], title: &str) -> Table {
    let mut header = vec![words.get("col_area").to_string()];
    header.extend(count_header(words));
    let rows = rows
        .iter()
        .map(|(name, u, t)| {
            let mut row = vec![name.clone()];
            row.extend(count_cells(*u, *t));
            row
        })
        .collect();
    Table {
        caption: title.to_string(),
        header,
        rows,
    }
}

fn progress_csv(rows: &[(String, u32, u32)]) -> String {
    let mut csv = Csv::new(&["name", "total", "upgraded", "remaining", "share_upgraded"]);
    for (name, u, t) in rows {
        let (up, rest) = counts(*u, *t);
        csv.row(&[
            table::text(name),
            table::int(t),
            table::int(up),
            table::int(rest),
            table::raw(Some(share(*u, *t))),
        ]);
    }
    csv.finish()
}

fn key_entries(words: &Words) -> Vec<Entry> {
    vec![
        Entry {
            symbol: Symbol::Swatch(UPGRADED, None),
            text: words.get("chart_upgraded").to_string(),
        },
        Entry {
            symbol: Symbol::Swatch(REMAINING, Some(REMAINING_EDGE)),
            text: words.get("chart_remaining").to_string(),
        },
    ]
}

const FONT: Font = Font {
    size: super::TEXT,
    bold: false,
};
const SMALL: Font = Font {
    size: super::MIN_TEXT,
    bold: false,
};

/// Beside each bar, on two lines so that the bar keeps its width on a phone: the share
/// ("40.0%") and the counts ("120/300").
fn figures(rows: &[(String, u32, u32)]) -> Vec<[String; 2]> {
    rows.iter()
        .map(|&(_, u, t)| {
            let (up, _) = counts(u, t);
            [
                percent(share(u, t)),
                format!("{}/{}", integer(i64::from(up)), integer(i64::from(t))),
            ]
        })
        .collect()
}

fn draw_progress(words: &Words, rows: &[(String, u32, u32)]) -> Canvas {
    if rows.is_empty() {
        return layout::no_data(words, WIDTH, 80.0, FONT);
    }
    let labels = RowLabels::new(
        rows.iter().map(|r| r.0.as_str()),
        FONT,
        WIDTH * LABEL_SHARE,
        BAR,
    );
    let figures = figures(rows);
    let figures_w = layout::widest(figures.iter().map(|f| f[0].clone()), FONT)
        .max(layout::widest(figures.iter().map(|f| f[1].clone()), SMALL));
    // Two lines of figures need the row height of a two-line name.
    let labels = labels.at_least_lines(2);
    let (legend, legend_rows) =
        legend::layout(&key_entries(words), PAD, PAD, WIDTH - 2.0 * PAD, SMALL);
    let top = PAD + legend::height(legend_rows, SMALL) + 10.0;
    let x_label_y = top + labels.height() + 6.0 + ASCENT * SMALL.size;
    let height = (x_label_y + DESCENT * SMALL.size + PAD).ceil();
    let plot = Plot {
        width: WIDTH as u32,
        height: height as u32,
        left: (PAD + labels.width + 10.0).ceil() as i32,
        top: top as i32,
        right: (WIDTH - PAD - figures_w - 8.0).floor() as i32,
        bottom: (top + labels.height()) as i32,
        x: 0.0..100.0,
        y: 0.0..1.0,
    };
    let mut canvas = Canvas::new(WIDTH, height);
    canvas.push(&draw_progress_bars(&plot, &labels, top, rows, &legend));
    legend::draw_texts(&mut canvas, &legend, SMALL);
    labels.draw(&mut canvas, PAD + labels.width, top);
    for (i, [share, counts]) in figures.iter().enumerate() {
        let x = f64::from(plot.right) + 8.0;
        let first = labels.centre(top, i) - FONT.block_height(2) / 2.0 + ASCENT * FONT.size;
        canvas.text(share, x, first, Anchor::Start, FONT, figures_w);
        let second = first + FONT.line_height();
        canvas.text(counts, x, second, Anchor::Start, SMALL, figures_w);
    }
    // Every quarter when the labels leave a gap between them, else every half.
    let quarter = f64::from(plot.right - plot.left) / 4.0;
    let every = if SMALL.width("100%") + 8.0 <= quarter {
        1
    } else {
        2
    };
    for t in PERCENT_TICKS.iter().copied().step_by(every) {
        let (x, _) = plot.px(t, 0.0);
        let text = format!("{t}%");
        canvas.text(
            &text,
            x,
            x_label_y,
            Anchor::Middle,
            SMALL,
            SMALL.width(&text),
        );
    }
    canvas
}

const PERCENT_TICKS: [f64; 5] = [0.0, 25.0, 50.0, 75.0, 100.0];

/// plotters: grid, one 100 % bar per row (upgraded from the left), the axis, legend keys.
fn draw_progress_bars(
    plot: &Plot,
    labels: &RowLabels,
    top: f64,
    rows: &[(String, u32, u32)],
    legend: &[Placed],
) -> String {
    plot.draw(|chart, root| {
        let grid = GRID.rgb().stroke_width(1);
        chart.draw_series(
            PERCENT_TICKS
                .iter()
                .map(|&t| PathElement::new(vec![(t, 0.0), (t, 1.0)], grid)),
        )?;
        let (x0, _) = plot.px(0.0, 0.0);
        let (x1, _) = plot.px(100.0, 0.0);
        for (i, &(_, u, t)) in rows.iter().enumerate() {
            let c = labels.centre(top, i);
            let (y0, y1) = ((c - BAR / 2.0) as i32, (c + BAR / 2.0) as i32);
            let (xs, _) = plot.px(share(u, t) * 100.0, 0.0);
            let rest = [(xs as i32, y0), (x1 as i32, y1)];
            root.draw(&Rectangle::new(rest, REMAINING.rgb().filled()))?;
            root.draw(&Rectangle::new(rest, REMAINING_EDGE.rgb().stroke_width(1)))?;
            if xs > x0 {
                root.draw(&Rectangle::new(
                    [(x0 as i32, y0), (xs as i32, y1)],
                    UPGRADED.rgb().filled(),
                ))?;
            }
        }
        let axis = AXIS.rgb().stroke_width(1);
        root.draw(&PathElement::new(
            vec![(x0 as i32, plot.top), (x0 as i32, plot.bottom)],
            axis,
        ))?;
        legend::draw_keys(root, legend, 6)
    })
}

/// The national picture over fiscal years: `years` are (fiscal year C.E., total, upgraded), one
/// stacked column per year (upgraded at the bottom), labelled directly at the right and with the
/// percentage upgraded above each column.
pub fn factory_history(
    lang: Lang,
    placed: ChartPlace,
    years: &[(i32, u32, u32)],
    strings: &Strings,
) -> Chart {
    let words = Words::new(lang, strings);
    let mut years: Vec<(i32, u32, u32)> = years.to_vec();
    years.sort_by_key(|y| y.0);
    years.dedup_by_key(|y| y.0);
    let id = chart_id(&["fh", placed.key, lang.code()]);
    let title = placed.title(&words, "chart_factory_history_title");
    let desc = describe_history(&words, &years);
    let table = history_table(&words, &years, &title);
    let csv = history_csv(lang, &years);
    let canvas = draw_history(&words, &years);
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "factories", "img")
}

fn describe_history(words: &Words, years: &[(i32, u32, u32)]) -> String {
    let lang = words.lang;
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return words.sentence(&[words.get("chart_no_data").to_string()]);
    };
    let (from, _) = counts(first.2, first.1);
    let (to, _) = counts(last.2, last.1);
    words.sentence(&[words.fill(
        "chart_factory_history_desc",
        &[
            ("from", &integer(i64::from(from))),
            ("from_year", &fiscal_year_short(lang, first.0)),
            ("to", &integer(i64::from(to))),
            ("total", &integer(i64::from(last.1))),
            ("percent", &percent(share(last.2, last.1))),
            ("to_year", &fiscal_year_short(lang, last.0)),
        ],
    )])
}

fn history_table(words: &Words, years: &[(i32, u32, u32)], title: &str) -> Table {
    let mut header = vec![words.get("col_year").to_string()];
    header.extend(count_header(words));
    let rows = years
        .iter()
        .map(|&(y, t, u)| {
            let mut row = vec![fiscal_year_short(words.lang, y)];
            row.extend(count_cells(u, t));
            row
        })
        .collect();
    Table {
        caption: title.to_string(),
        header,
        rows,
    }
}

fn history_csv(lang: Lang, years: &[(i32, u32, u32)]) -> String {
    let thai = lang == Lang::Th;
    let mut header = vec!["year"];
    if thai {
        header.push("year_be");
    }
    header.extend(["total", "upgraded", "remaining", "share_upgraded"]);
    let mut csv = Csv::new(&header);
    for &(y, t, u) in years {
        let (up, rest) = counts(u, t);
        let mut cells = vec![table::int(y)];
        if thai {
            cells.push(table::int(year_text(Lang::Th, y)));
        }
        cells.extend([
            table::int(t),
            table::int(up),
            table::int(rest),
            table::raw(Some(share(u, t))),
        ]);
        csv.row(&cells);
    }
    csv.finish()
}

const HISTORY_HEIGHT: f64 = 260.0;

fn draw_history(words: &Words, years: &[(i32, u32, u32)]) -> Canvas {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return layout::no_data(words, WIDTH, HISTORY_HEIGHT, FONT);
    };
    let span = (first.0, last.0);
    let max_total = years.iter().map(|y| y.1.max(y.2)).max().unwrap_or(0);
    let axis = nice_axis(0.0, f64::from(max_total), 5, true);
    let ticks: Vec<(f64, String)> = axis
        .ticks
        .iter()
        .map(|&t| (t, integer(t.round() as i64)))
        .collect();
    let unit = fit(
        words.get("col_factories_total"),
        WIDTH - 2.0 * PAD,
        SMALL.size,
        false,
        1,
    );
    // Room above the columns for the unit and the percentages.
    let top = PAD + SMALL.block_height(unit.len()) + 8.0 + SMALL.block_height(1) + 4.0;
    let tick_w = layout::widest(ticks.iter().map(|t| t.1.clone()), SMALL);
    let direct = [words.get("chart_upgraded"), words.get("chart_remaining")];
    let direct_w = layout::widest(direct.iter().map(|t| t.to_string()), SMALL);
    let x_label_y = HISTORY_HEIGHT - PAD - DESCENT * SMALL.size;
    let bottom = x_label_y - ASCENT * SMALL.size - layout::below_axis(SMALL);
    let plot = Plot {
        width: WIDTH as u32,
        height: HISTORY_HEIGHT as u32,
        left: (PAD + tick_w + 6.0).ceil() as i32,
        top: top as i32,
        right: (WIDTH - PAD - direct_w - 10.0).floor() as i32,
        bottom: bottom as i32,
        x: (f64::from(span.0) - 0.5)..(f64::from(span.1) + 0.5),
        y: axis.min..axis.max,
    };
    let half = column_half_width(&plot, span);
    let mut canvas = Canvas::new(WIDTH, HISTORY_HEIGHT);
    canvas.push(&draw_columns(&plot, &axis.ticks, years, half));
    canvas.lines(
        &unit,
        PAD,
        PAD + ASCENT * SMALL.size,
        Anchor::Start,
        SMALL,
        WIDTH - 2.0 * PAD,
    );
    layout::draw_value_ticks(&mut canvas, &plot, &ticks, SMALL, PAD);
    let labelled = layout::draw_years(&mut canvas, &plot, words.lang, span, x_label_y, SMALL);
    // The share above each column, in whole percent when one decimal would not leave a gap
    // between neighbours (six or more years on a phone).
    let per_year = f64::from(plot.right - plot.left) / f64::from((span.1 - span.0 + 1).max(1));
    let tenths_fit = years
        .iter()
        .all(|e| SMALL.width(&percent(share(e.2, e.1))) + 6.0 <= per_year);
    let whole_fit = years.iter().all(|e| {
        SMALL.width(&format!("{}%", number(share(e.2, e.1) * 100.0, 0))) + 4.0 <= per_year
    });
    for entry in years
        .iter()
        .filter(|e| tenths_fit || whole_fit || labelled.contains(&e.0))
    {
        let (x, y) = plot.px(f64::from(entry.0), f64::from(entry.1));
        let text = if tenths_fit {
            percent(share(entry.2, entry.1))
        } else {
            format!("{}%", number(share(entry.2, entry.1) * 100.0, 0))
        };
        canvas.text_over(
            &text,
            x,
            y - 5.0 - DESCENT * SMALL.size,
            Anchor::Middle,
            SMALL,
            SMALL.width(&text),
        );
    }
    label_last_column(&mut canvas, &plot, *last, half, direct, direct_w);
    canvas
}

/// Columns take 60 % of a year's width, at most 56 px.
fn column_half_width(plot: &Plot, (first, last): (i32, i32)) -> f64 {
    let per_year = f64::from(plot.right - plot.left) / f64::from((last - first + 1).max(1));
    (per_year * 0.3).min(28.0)
}

/// plotters: grid, one column per year (upgraded at the bottom, remaining above), the axis.
fn draw_columns(plot: &Plot, ticks: &[f64], years: &[(i32, u32, u32)], half: f64) -> String {
    plot.draw(|chart, root| {
        let grid = GRID.rgb().stroke_width(1);
        let (x0, x1) = (plot.x.start, plot.x.end);
        chart.draw_series(
            ticks
                .iter()
                .map(|&t| PathElement::new(vec![(x0, t), (x1, t)], grid)),
        )?;
        for &(y, t, u) in years {
            let (up, _) = counts(u, t);
            let (cx, base) = plot.px(f64::from(y), 0.0);
            let (_, mid) = plot.px(f64::from(y), f64::from(up));
            let (_, top) = plot.px(f64::from(y), f64::from(t));
            let (l, r) = ((cx - half) as i32, (cx + half) as i32);
            let rest = [(l, top as i32), (r, mid as i32)];
            root.draw(&Rectangle::new(rest, REMAINING.rgb().filled()))?;
            root.draw(&Rectangle::new(rest, REMAINING_EDGE.rgb().stroke_width(1)))?;
            root.draw(&Rectangle::new(
                [(l, mid as i32), (r, base as i32)],
                UPGRADED.rgb().filled(),
            ))?;
        }
        let axis = AXIS.rgb().stroke_width(1);
        root.draw(&PathElement::new(
            vec![(plot.left, plot.bottom), (plot.right, plot.bottom)],
            axis,
        ))?;
        Ok(())
    })
}

/// "upgraded" and "remaining" beside the last column's two parts (instead of a legend), pushed
/// apart when a part is too thin for its label.
fn label_last_column(
    canvas: &mut Canvas,
    plot: &Plot,
    (y, t, u): (i32, u32, u32),
    half: f64,
    texts: [&str; 2],
    width: f64,
) {
    let (up, _) = counts(u, t);
    let (x, base) = plot.px(f64::from(y), 0.0);
    let (_, mid) = plot.px(f64::from(y), f64::from(up));
    let (_, top) = plot.px(f64::from(y), f64::from(t));
    let gap = SMALL.line_height();
    let mut low = (base + mid) / 2.0 + 0.35 * SMALL.size;
    let mut high = (mid + top) / 2.0 + 0.35 * SMALL.size;
    if low - high < gap {
        let centre = (low + high) / 2.0;
        low = centre + gap / 2.0;
        high = centre - gap / 2.0;
    }
    canvas.text(texts[0], x + half + 6.0, low, Anchor::Start, SMALL, width);
    canvas.text(texts[1], x + half + 6.0, high, Anchor::Start, SMALL, width);
}
