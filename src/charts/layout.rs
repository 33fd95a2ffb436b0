//! Layout pieces the charts share: a column of row labels, year labels along an x-axis, value
//! labels along a y-axis, and the "no data" placeholder.
//!
//! Each piece measures its text first and reports the room it needs, so a chart can size its
//! plotting area before anything is drawn.

use super::Words;
use super::plot::Plot;
use super::svg::{Anchor, Canvas, Font};
use super::text::{ASCENT, fit};
use crate::data::Lang;
use crate::i18n::format::fiscal_year_short;

/// The gap between the lowest y label and the year labels under the axis: the y label's baseline
/// is 0.35 em below its tick, so its descent reaches 0.65 em below.
pub fn below_axis(font: Font) -> f64 {
    0.65 * font.size + 1.0
}

/// A chart that only says there is nothing to show.
pub fn no_data(words: &Words, width: f64, height: f64, font: Font) -> Canvas {
    let mut canvas = Canvas::new(width, height);
    let text = words.get("chart_no_data");
    let baseline = height / 2.0 + 0.35 * font.size;
    canvas.text(
        text,
        width / 2.0,
        baseline,
        Anchor::Middle,
        font,
        width - 16.0,
    );
    canvas
}

/// A row label wraps to at most this many lines (then ends with "…"): on a phone-width chart the
/// label column is ~140 px, and some Thai area names need three lines of it.
pub const MAX_LABEL_LINES: usize = 3;

/// Names in a label column beside horizontal bars: as wide as the widest name needs, up to
/// `max_width`, each wrapped to at most [`MAX_LABEL_LINES`] lines at word boundaries (shortened
/// with "…" only when those are not enough).
#[derive(Debug, Clone)]
pub struct RowLabels {
    pub width: f64,
    pub lines: Vec<Vec<String>>,
    /// The height of one row: room for the tallest label, and at least `bar` plus a gap.
    pub row_height: f64,
    font: Font,
}

impl RowLabels {
    pub fn new<'a>(
        names: impl Iterator<Item = &'a str> + Clone,
        font: Font,
        max_width: f64,
        bar: f64,
    ) -> Self {
        let natural = names.clone().map(|n| font.width(n)).fold(0.0, f64::max);
        let width = natural.min(max_width).ceil();
        let lines: Vec<Vec<String>> = names
            .map(|n| fit(n, width, font.size, font.bold, MAX_LABEL_LINES))
            .collect();
        let most = lines.iter().map(Vec::len).max().unwrap_or(1);
        let row_height = (font.block_height(most) + 10.0).max(bar + 10.0).ceil();
        RowLabels {
            width,
            lines,
            row_height,
            font,
        }
    }

    /// The same labels in rows tall enough for `lines` lines of text (for figures in two lines
    /// beside a one-line name).
    pub fn at_least_lines(mut self, lines: usize) -> Self {
        self.row_height = self
            .row_height
            .max((self.font.block_height(lines) + 10.0).ceil());
        self
    }

    /// The vertical centre of row `i` when the rows start at `top`.
    pub fn centre(&self, top: f64, i: usize) -> f64 {
        top + self.row_height * (i as f64 + 0.5)
    }

    /// The height of all rows.
    pub fn height(&self) -> f64 {
        self.row_height * self.lines.len() as f64
    }

    /// Writes the labels right-aligned at `right`, each centred on its row.
    pub fn draw(&self, canvas: &mut Canvas, right: f64, top: f64) {
        for (i, lines) in self.lines.iter().enumerate() {
            let first = self.centre(top, i) - self.font.block_height(lines.len()) / 2.0
                + ASCENT * self.font.size;
            canvas.lines(lines, right, first, Anchor::End, self.font, self.width);
        }
    }
}

/// Labels every `n`th year so that labels never touch: the smallest `n` whose spacing fits the
/// widest label.
pub fn year_step(per_year: f64, widest: f64) -> i32 {
    if per_year <= 0.0 {
        return 1;
    }
    ((widest + 6.0) / per_year).ceil().clamp(1.0, 1000.0) as i32
}

/// Year labels under an x-axis from `first` to `last` (one step per year), in the page's era:
/// every `year_step`th year counted back from `last`, so the newest year always has its label,
/// centred under its tick. Returns the years labelled.
pub fn draw_years(
    canvas: &mut Canvas,
    plot: &Plot,
    lang: Lang,
    (first, last): (i32, i32),
    baseline: f64,
    font: Font,
) -> Vec<i32> {
    let per_year = f64::from(plot.right - plot.left) / f64::from((last - first + 1).max(1));
    let widest = (first..=last)
        .map(|y| font.width(&fiscal_year_short(lang, y)))
        .fold(0.0, f64::max);
    let every = year_step(per_year, widest);
    let labelled: Vec<i32> = (first..=last).filter(|y| (last - y) % every == 0).collect();
    let slot = (per_year * f64::from(every) - 4.0).max(widest);
    for &year in &labelled {
        let (x, _) = plot.px(f64::from(year), plot.y.start);
        canvas.text(
            &fiscal_year_short(lang, year),
            x,
            baseline,
            Anchor::Middle,
            font,
            slot,
        );
    }
    labelled
}

/// Value labels left of a y-axis, right-aligned 6 px from the plot and vertically centred on their
/// ticks.
pub fn draw_value_ticks(
    canvas: &mut Canvas,
    plot: &Plot,
    ticks: &[(f64, String)],
    font: Font,
    pad: f64,
) {
    let right = f64::from(plot.left) - 6.0;
    for (value, text) in ticks {
        let (_, y) = plot.px(plot.x.start, *value);
        canvas.text(
            text,
            right,
            y + 0.35 * font.size,
            Anchor::End,
            font,
            right - pad,
        );
    }
}

/// The widest of some labels.
pub fn widest(texts: impl Iterator<Item = String>, font: Font) -> f64 {
    texts.map(|t| font.width(&t)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_step_spreads_labels() {
        assert_eq!(year_step(50.0, 40.0), 1);
        assert_eq!(year_step(23.0, 40.0), 2);
        assert_eq!(year_step(0.0, 40.0), 1);
    }

    #[test]
    fn row_labels_wrap_long_names_only() {
        let font = Font::regular(14.0);
        let names = ["ระยอง", "เขตควบคุมมลพิษมาบตาพุดและพื้นที่ต่อเนื่องในจังหวัดระยอง"];
        let labels = RowLabels::new(names.iter().copied(), font, 200.0, 18.0);
        assert_eq!(labels.width, 200.0);
        assert_eq!(labels.lines[0], ["ระยอง"]);
        assert_eq!(labels.lines[1].len(), 2);
        assert!(labels.row_height >= font.block_height(2) + 10.0);
    }
}
