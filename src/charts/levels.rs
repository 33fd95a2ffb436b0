//! The level chart: an area's eco-industrial town level by fiscal year, as columns.
//!
//! The y-axis runs from nothing to the top of the taxonomy's level scale (level 5 of the DIW
//! criteria), each grid line labelled "Level n", wrapped at word boundaries to fit the label
//! column. Each column also carries its level number, and a year without a record has no column.

use plotters::prelude::*;

use super::layout::{self, RowLabels};
use super::palette::{AXIS, GRID, SERIES};
use super::plot::Plot;
use super::svg::{Anchor, Canvas, Font};
use super::table::{self, Csv};
use super::text::{ASCENT, DESCENT};
use super::{About, Chart, Table, Words, chart_id};
use crate::data::{Area, Lang};
use crate::i18n::Strings;
use crate::i18n::format::{fiscal_year_short, year as year_text};

const WIDTH: f64 = super::PHONE_WIDTH;
const HEIGHT: f64 = 270.0;
const PAD: f64 = 8.0;

/// `levels` are (fiscal year C.E., level 1–`top`) in any order; a year listed twice keeps its
/// last. `top` is the highest level of the scale.
pub fn level_history(
    lang: Lang,
    area: &Area,
    levels: &[(i32, u8)],
    top: u8,
    strings: &Strings,
) -> Chart {
    let words = Words::new(lang, strings);
    let mut unique: Vec<(i32, u8)> = Vec::with_capacity(levels.len());
    for (year, level) in levels_sorted(levels) {
        match unique.last_mut() {
            Some(last) if last.0 == year => last.1 = level,
            _ => unique.push((year, level)),
        }
    }
    let levels = unique;
    let id = chart_id(&["lv", &area.id, lang.code()]);
    let title = words.fill("chart_level_title", &[("area", area.name.get(lang))]);
    let desc = describe(&words, &levels);
    let table = table_of(&words, &levels, &title);
    let csv = csv_of(lang, area, &levels);
    let canvas = draw(&words, &levels, top.max(1));
    let about = About {
        id,
        title,
        desc,
        table,
        csv,
    };
    canvas.into_chart(about, "levels", "img")
}

fn levels_sorted(levels: &[(i32, u8)]) -> Vec<(i32, u8)> {
    let mut sorted = levels.to_vec();
    sorted.sort_by_key(|l| l.0); // stable: the last of equal years stays last
    sorted
}

fn level_name(words: &Words, level: u8) -> String {
    words.fill("level_number", &[("level", &level.to_string())])
}

fn describe(words: &Words, levels: &[(i32, u8)]) -> String {
    let lang = words.lang;
    let mut clauses = Vec::new();
    match (levels.first(), levels.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => clauses.push(words.fill(
            "chart_level_desc",
            &[
                ("from", &a.1.to_string()),
                ("from_year", &fiscal_year_short(lang, a.0)),
                ("to", &b.1.to_string()),
                ("to_year", &fiscal_year_short(lang, b.0)),
            ],
        )),
        (Some(only), _) => clauses.push(words.fill(
            "chart_level_single",
            &[
                ("to", &only.1.to_string()),
                ("to_year", &fiscal_year_short(lang, only.0)),
            ],
        )),
        _ => clauses.push(words.get("chart_no_data").to_string()),
    }
    if let (Some(a), Some(b)) = (levels.first(), levels.last()) {
        let gaps: Vec<String> = (a.0..=b.0)
            .filter(|y| !levels.iter().any(|l| l.0 == *y))
            .map(|y| fiscal_year_short(lang, y))
            .collect();
        if !gaps.is_empty() {
            clauses.push(words.fill("chart_gap_years", &[("years", &words.list(&gaps))]));
        }
    }
    words.sentence(&clauses)
}

fn table_of(words: &Words, levels: &[(i32, u8)], title: &str) -> Table {
    let header = vec![
        words.get("col_year").to_string(),
        words.get("col_level").to_string(),
    ];
    let rows = levels
        .iter()
        .map(|&(y, l)| vec![fiscal_year_short(words.lang, y), level_name(words, l)])
        .collect();
    Table {
        caption: title.to_string(),
        header,
        rows,
    }
}

fn csv_of(lang: Lang, area: &Area, levels: &[(i32, u8)]) -> String {
    let thai = lang == Lang::Th;
    let mut header = vec!["area_id", "year"];
    if thai {
        header.push("year_be");
    }
    header.push("level");
    let mut csv = Csv::new(&header);
    for &(y, l) in levels {
        let mut cells = vec![table::text(&area.id), table::int(y)];
        if thai {
            cells.push(table::int(year_text(Lang::Th, y)));
        }
        cells.push(table::int(l));
        csv.row(&cells);
    }
    csv.finish()
}

const FONT: Font = Font {
    size: super::TEXT,
    bold: false,
};
const NUMBER: Font = Font {
    size: super::TEXT,
    bold: true,
};
const NOTE: Font = Font {
    size: super::MIN_TEXT,
    bold: false,
};

fn draw(words: &Words, levels: &[(i32, u8)], top_level: u8) -> Canvas {
    let (Some(first), Some(last)) = (levels.first(), levels.last()) else {
        return layout::no_data(words, WIDTH, HEIGHT, FONT);
    };
    let span = (first.0, last.0);
    // Level names as y labels, in a column up to a third of the chart wide.
    let names: Vec<String> = (1..=top_level).map(|l| level_name(words, l)).collect();
    let labels = RowLabels::new(names.iter().map(String::as_str), FONT, WIDTH * 0.36, 0.0);
    let top = PAD + FONT.block_height(2) / 2.0 + FONT.block_height(1);
    let x_label_y = HEIGHT - PAD - DESCENT * FONT.size;
    let last_w = FONT.width(&fiscal_year_short(words.lang, span.1));
    let plot = Plot {
        width: WIDTH as u32,
        height: HEIGHT as u32,
        left: (PAD + labels.width + 10.0).ceil() as i32,
        top: top as i32,
        right: (WIDTH - PAD - last_w / 2.0).floor() as i32,
        bottom: (x_label_y - ASCENT * FONT.size - 6.0) as i32,
        x: (f64::from(span.0) - 0.5)..(f64::from(span.1) + 0.5),
        y: 0.0..f64::from(top_level),
    };
    let per_year = f64::from(plot.right - plot.left) / f64::from(span.1 - span.0 + 1);
    let half = (per_year * 0.3).min(24.0);
    let mut canvas = Canvas::new(WIDTH, HEIGHT);
    canvas.push(&draw_columns(&plot, levels, half, top_level));
    draw_level_names(&mut canvas, &plot, &labels);
    for &(y, l) in levels {
        let (x, column_top) = plot.px(f64::from(y), f64::from(l.min(top_level)));
        let baseline = column_top - 5.0 - DESCENT * NUMBER.size;
        canvas.text(
            &l.to_string(),
            x,
            baseline,
            Anchor::Middle,
            NUMBER,
            2.0 * half,
        );
    }
    mark_missing_years(&mut canvas, &plot, words, levels, per_year);
    layout::draw_years(&mut canvas, &plot, words.lang, span, x_label_y, FONT);
    canvas
}

/// plotters: a grid line per level, a column per recorded year, the axis.
fn draw_columns(plot: &Plot, levels: &[(i32, u8)], half: f64, top_level: u8) -> String {
    plot.draw(|chart, root| {
        let grid = GRID.rgb().stroke_width(1);
        let (x0, x1) = (plot.x.start, plot.x.end);
        chart.draw_series(
            (1..=top_level)
                .map(|l| PathElement::new(vec![(x0, f64::from(l)), (x1, f64::from(l))], grid)),
        )?;
        for &(y, l) in levels {
            let (cx, base) = plot.px(f64::from(y), 0.0);
            let (_, top) = plot.px(f64::from(y), f64::from(l.min(top_level)));
            let corners = [
                ((cx - half) as i32, top as i32),
                ((cx + half) as i32, base as i32),
            ];
            root.draw(&Rectangle::new(corners, SERIES.rgb().filled()))?;
        }
        let axis = AXIS.rgb().stroke_width(1);
        root.draw(&PathElement::new(
            vec![(plot.left, plot.bottom), (plot.right, plot.bottom)],
            axis,
        ))?;
        Ok(())
    })
}

/// The level names, each centred on its grid line.
fn draw_level_names(canvas: &mut Canvas, plot: &Plot, labels: &RowLabels) {
    let right = PAD + labels.width;
    for (i, lines) in labels.lines.iter().enumerate() {
        let (_, y) = plot.px(plot.x.start, (i + 1) as f64);
        let first = y - FONT.block_height(lines.len()) / 2.0 + ASCENT * FONT.size;
        canvas.lines(lines, right, first, Anchor::End, FONT, labels.width);
    }
}

/// A year without a record says so, rather than looking like level 0.
fn mark_missing_years(
    canvas: &mut Canvas,
    plot: &Plot,
    words: &Words,
    levels: &[(i32, u8)],
    per_year: f64,
) {
    let (Some(first), Some(last)) = (levels.first(), levels.last()) else {
        return;
    };
    let missing = words.get("status_missing");
    let text = if NOTE.width(missing) <= per_year - 4.0 {
        missing
    } else {
        "–"
    };
    for y in (first.0..=last.0).filter(|y| !levels.iter().any(|l| l.0 == *y)) {
        let (x, base) = plot.px(f64::from(y), 0.0);
        let slot = (per_year - 4.0).max(NOTE.width(text));
        canvas.text(
            text,
            x,
            base - 4.0 - DESCENT * NOTE.size,
            Anchor::Middle,
            NOTE,
            slot,
        );
    }
}
