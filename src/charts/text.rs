//! Chart text: measuring labels with the site's font, and wrapping them at word boundaries.
//!
//! SVG `<text>` never wraps and a chart has fixed boxes, so every label is measured before it is
//! placed. The measurements use the font the page shows ("Ecotown Sans", bundled as TTF and
//! compiled in): plotters' built-in estimate counts bytes and makes Thai three times too wide.
//! ab_glyph does no shaping, but Thai combining marks have zero advance, so advance widths plus
//! kerning are within about 2 % of what the browser draws. We only measure here; the browser
//! shapes and draws the text, because ab_glyph would misplace stacked Thai marks.
//!
//! Thai has no spaces between words, so lines break where ICU4X's dictionary word segmenter finds
//! a word boundary (its LSTM model splits proper nouns such as มาบตาพุด wrongly). Latin text breaks
//! at spaces. A break never falls inside a grapheme cluster (a consonant with its vowel and tone
//! marks), before ๆ or ฯ, after an opening bracket or before closing punctuation.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{GraphemeClusterSegmenter, WordSegmenter};

/// The font stack every chart's text uses: the site's font first (inline SVG shares the page's
/// `@font-face` rules), then the fonts it was made from, then any sans-serif.
pub const FONT_STACK: &str = "Ecotown Sans, Noto Sans Thai, Noto Sans, sans-serif";

static REGULAR: &[u8] = include_bytes!("../../templates/static/fonts/ecotown-sans-400.ttf");
static BOLD: &[u8] = include_bytes!("../../templates/static/fonts/ecotown-sans-700.ttf");

/// Baseline-to-baseline distance of wrapped lines, in font sizes. Thai needs room above and
/// below for stacked vowels and tone marks.
pub const LINE_HEIGHT: f64 = 1.3;
/// How far text reaches above its baseline, in font sizes (a consonant with an upper vowel and a
/// tone mark), and below it (lower vowels, the tails of ฤ ฎ ฏ). Used for label boxes.
pub const ASCENT: f64 = 0.95;
pub const DESCENT: f64 = 0.3;

const ELLIPSIS: &str = "…";

struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Some(Fonts {
                regular: FontRef::try_from_slice(REGULAR).ok()?,
                bold: FontRef::try_from_slice(BOLD).ok()?,
            })
        })
        .as_ref()
}

/// Registers the bundled font with plotters under the name of our font stack, so that anything
/// plotters lays out is measured with the real font, and the `font-family` it writes is the
/// stack. Runs once; a font plotters cannot read only means plotters falls back to no text.
pub fn register_with_plotters() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        use plotters::style::{FontStyle, register_font};
        let _ = register_font(FONT_STACK, FontStyle::Normal, REGULAR);
        let _ = register_font(FONT_STACK, FontStyle::Bold, BOLD);
    });
}

/// The width in CSS pixels of `text` set in the site's font at `size_px` (the CSS font size, i.e.
/// pixels per em). Works in font units and scales by the em: ab_glyph's own `PxScale` is the
/// ascent-to-descent height, which for this font is 1.52 em, not the CSS size.
pub fn measure(text: &str, size_px: f64, bold: bool) -> f64 {
    let Some(fonts) = fonts() else {
        return estimate(text, size_px);
    };
    let font = if bold { &fonts.bold } else { &fonts.regular };
    let Some(units_per_em) = font.units_per_em().filter(|u| *u > 0.0) else {
        return estimate(text, size_px);
    };
    let mut units = 0f64;
    let mut previous = None;
    for ch in text.chars() {
        let glyph = font.glyph_id(ch);
        if let Some(prev) = previous {
            units += f64::from(font.kern_unscaled(prev, glyph));
        }
        units += f64::from(font.h_advance_unscaled(glyph));
        previous = Some(glyph);
    }
    units * size_px / f64::from(units_per_em)
}

/// A deliberately generous guess, used only if the compiled-in font could not be read.
fn estimate(text: &str, size_px: f64) -> f64 {
    let spacing = text.chars().filter(|&c| !is_combining_mark(c)).count();
    spacing as f64 * size_px * 0.65
}

/// Thai marks that sit above or below the preceding consonant and never start a line.
pub fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Splits `text` into lines no wider than `max_width_px` at `size_px` (regular weight).
///
/// Breaks only at word boundaries; a single word wider than the box is left whole on its own
/// line (see [`fit`] for a version that also shortens such words with an ellipsis).
pub fn wrap(text: &str, max_width_px: f64, size_px: f64) -> Vec<String> {
    wrap_with(text, max_width_px, size_px, false)
}

/// [`wrap`] for regular or bold text.
pub fn wrap_with(text: &str, max_width_px: f64, size_px: f64, bold: bool) -> Vec<String> {
    let text = text.trim();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let candidate = format!("{line}{piece}");
        if line.is_empty() || measure(candidate.trim_end(), size_px, bold) <= max_width_px {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_string());
            line = piece.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Wraps `text` into at most `max_lines` lines that each fit `max_width_px`. When the text does
/// not fit, the last line is shortened at a grapheme-cluster boundary and ends with "…"; so does
/// a single word wider than the box. The result always fits (unless even "…" does not).
pub fn fit(
    text: &str,
    max_width_px: f64,
    size_px: f64,
    bold: bool,
    max_lines: usize,
) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let mut lines = wrap_with(text, max_width_px, size_px, bold);
    let overflow = lines.len() > max_lines;
    lines.truncate(max_lines);
    let last = lines.len() - 1;
    for (i, line) in lines.iter_mut().enumerate() {
        let must_mark = overflow && i == last;
        if must_mark || measure(line, size_px, bold) > max_width_px {
            *line = ellipsize(line, max_width_px, size_px, bold, must_mark);
        }
    }
    lines
}

/// Shortens `line` at a grapheme boundary until it fits with "…" appended. With `always`, the
/// ellipsis is added even when the line already fits (because text was cut after it).
fn ellipsize(line: &str, max_width_px: f64, size_px: f64, bold: bool, always: bool) -> String {
    if !always && measure(line, size_px, bold) <= max_width_px {
        return line.to_string();
    }
    let bounds: Vec<usize> = GraphemeClusterSegmenter::new().segment_str(line).collect();
    for &end in bounds.iter().rev() {
        let head = line[..end].trim_end();
        let candidate = format!("{head}{ELLIPSIS}");
        if measure(&candidate, size_px, bold) <= max_width_px || end == 0 {
            return candidate;
        }
    }
    ELLIPSIS.to_string()
}

/// The unbreakable pieces of `text`, in order; concatenated they give `text` back. A piece keeps
/// its trailing spaces so that a line can drop them when it ends there.
fn pieces(text: &str) -> Vec<&str> {
    let breaks = break_points(text);
    let mut out = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for b in breaks {
        out.push(&text[start..b]);
        start = b;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Byte offsets (excluding 0 and the end) where a line may break.
fn break_points(text: &str) -> Vec<usize> {
    let words: Vec<usize> = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default())
        .segment_str(text)
        .collect();
    let clusters: Vec<usize> = GraphemeClusterSegmenter::new().segment_str(text).collect();
    let mut out: Vec<usize> = Vec::new();
    for (i, c) in text.char_indices() {
        if i == 0 {
            continue;
        }
        let before = text[..i].chars().next_back();
        let after_space = before.is_some_and(char::is_whitespace) && !c.is_whitespace();
        let thai_word = words.binary_search(&i).is_ok()
            && (is_thai(c) || before.is_some_and(is_thai))
            && !c.is_whitespace();
        if (after_space || thai_word) && clusters.binary_search(&i).is_ok() && may_break(before, c)
        {
            out.push(i);
        }
    }
    out
}

/// Line-breaking rules on top of word boundaries.
fn may_break(before: Option<char>, after: char) -> bool {
    let opens = matches!(before, Some('(' | '[' | '{' | '“' | '‘' | '"' | '\''));
    let closes = matches!(
        after,
        ')' | ']' | '}' | ',' | '.' | ':' | ';' | '!' | '?' | '”' | '’' | '%' | '"' | '\''
    );
    let thai_repeat = matches!(after, 'ๆ' | 'ฯ');
    !(opens || closes || thai_repeat || is_combining_mark(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_thai_with_the_real_font() {
        let thai = measure("เขตควบคุมมลพิษมาบตาพุด", 14.0, false);
        // 22 characters, 4 of them zero-width marks; plotters' byte count would give ~3x.
        assert!(thai > 100.0 && thai < 200.0, "{thai}");
        assert!(measure("Rayong", 14.0, true) > measure("Rayong", 14.0, false));
        assert_eq!(measure("", 14.0, false), 0.0);
        // A combining mark adds no width.
        assert_eq!(measure("กี", 14.0, false), measure("ก", 14.0, false));
    }

    #[test]
    fn thai_wraps_at_word_boundaries_only() {
        let text = "เขตควบคุมมลพิษมาบตาพุด";
        let lines = wrap(text, 70.0, 14.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), text);
        let words: Vec<&str> = pieces(text);
        // Every line is a run of whole words.
        let mut at = 0;
        for line in &lines {
            let mut rest = line.as_str();
            while !rest.is_empty() {
                let w = words[at];
                assert!(rest.starts_with(w), "{line} splits the word {w}");
                rest = &rest[w.len()..];
                at += 1;
            }
        }
        assert!(
            words.contains(&"มาบตาพุด") || words.contains(&"มาบ"),
            "{words:?}"
        );
        for line in &lines {
            assert!(!line.starts_with(is_combining_mark), "{line}");
            let single_word = pieces(line).len() == 1;
            assert!(single_word || measure(line, 14.0, false) <= 70.0, "{line}");
        }
    }

    #[test]
    fn english_wraps_at_spaces() {
        let lines = wrap("Map Ta Phut Pollution Control Zone", 120.0, 14.0);
        assert!(lines.len() >= 2);
        assert_eq!(lines.join(" "), "Map Ta Phut Pollution Control Zone");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(wrap("t CO₂e/yr", 500.0, 14.0), ["t CO₂e/yr"]);
    }

    #[test]
    fn no_break_before_marks_or_closing_punctuation() {
        let text = "กรมโรงงานอุตสาหกรรม (ข้อมูลตัวอย่าง) ต่างๆ";
        for width in [30.0, 60.0, 90.0, 140.0] {
            for line in wrap(text, width, 13.0) {
                assert!(!line.starts_with(is_combining_mark), "{line}");
                assert!(!line.starts_with(')') && !line.ends_with('('), "{line}");
                assert!(!line.starts_with('ๆ'), "{line}");
            }
        }
    }

    #[test]
    fn fit_ellipsizes_what_does_not_fit() {
        let lines = fit(
            "เขตประกอบการอุตสาหกรรมไออาร์พีซีจังหวัดระยอง",
            60.0,
            14.0,
            false,
            2,
        );
        assert!(lines.len() <= 2);
        assert!(lines.last().unwrap().ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(measure(line, 14.0, false) <= 60.0, "{line}");
        }
        // A word too wide for the box is shortened, never split across lines.
        let long = fit("Supercalifragilistic", 40.0, 14.0, false, 2);
        assert_eq!(long.len(), 1);
        assert!(long[0].ends_with('…') && measure(&long[0], 14.0, false) <= 40.0);
        assert_eq!(fit("", 40.0, 14.0, false, 2), [""]);
    }
}
