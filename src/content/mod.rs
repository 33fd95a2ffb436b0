//! Narratives: the Markdown texts written for the home page, provinces, areas, indicators and free
//! pages, one file per language, with shortcodes that pull figures from the data.
//!
//! Narratives are written by programme staff, not programmers, and they quote figures that change
//! every year. Shortcodes (`{{ latest(area="…", indicator="…") }}`) let a text cite the data instead
//! of copying numbers that would go stale. Everything is checked when the site is loaded, so that
//! `ecotown check` reports a mistyped id in a narrative just like one in a CSV file. Each narrative
//! is rendered to HTML once, then, with its diagnostics reported and the section the printed brief
//! shows found in the Markdown's events; pages take the HTML from [`Narrative::rendered`].
//!
//! The pieces: `files` finds the narratives, `frontmatter` splits off the front matter (TOML or
//! YAML), `shortcodes` expands the shortcodes (read by `syntax`, checked by `arguments`,
//! evaluated by `values`), `markdown` turns the result into
//! HTML with stable `headings` ids, and `sanitize` keeps that HTML to a safe allow-list.

mod arguments;
mod files;
mod frontmatter;
mod headings;
mod markdown;
pub use markdown::{BRIEF_HEADINGS, Rendered};
pub mod sanitize;
mod shortcodes;
mod syntax;
mod values;

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::ContentOptions;
use crate::data::{Dataset, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;

/// What a narrative is about, which decides the page it appears on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NarrativeKey {
    Home,
    /// Upper-case ISO code, as in the dataset (`TH-21`).
    Province(String),
    Area(String),
    Indicator(String),
    /// A free page, by its slug (`about`).
    Page(String),
}

impl NarrativeKey {
    /// The file that holds this narrative in `lang`, relative to the site root.
    pub fn path(&self, lang: Lang) -> String {
        let lang = lang.code();
        match self {
            NarrativeKey::Home => format!("content/index.{lang}.md"),
            NarrativeKey::Province(code) => {
                format!("content/provinces/{}.{lang}.md", code.to_ascii_lowercase())
            }
            NarrativeKey::Area(id) => format!("content/areas/{id}.{lang}.md"),
            NarrativeKey::Indicator(id) => format!("content/indicators/{id}.{lang}.md"),
            NarrativeKey::Page(slug) => format!("content/pages/{slug}.{lang}.md"),
        }
    }
}

/// One narrative file, split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrative {
    pub key: NarrativeKey,
    /// The language the text is written in (not necessarily the page's: see [`Content::get`]).
    pub lang: Lang,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub title: Option<String>,
    /// For the page's meta description.
    pub description: Option<String>,
    /// The indicators a province's brief shows first (`brief_indicators` in the front matter),
    /// each where it is written so a wrong id is reported at its line.
    pub brief_indicators: Vec<Pinned>,
    /// The Markdown after the front matter, shortcodes not yet expanded.
    pub body: String,
    /// 1-based line of the file where `body` starts, so diagnostics point into the file.
    pub body_line: u64,
    /// Publish raw HTML as written (`[content] allow_raw_html` in `site.toml`) instead of
    /// sanitising it.
    pub allow_raw_html: bool,
    /// The body as HTML (shortcodes expanded, Markdown rendered, unsafe markup neutralised) and
    /// its brief section: rendered once, when the site is loaded and checked.
    pub rendered: markdown::Rendered,
}

/// An indicator id named in a narrative's front matter, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Pinned {
    pub id: String,
    pub line: u64,
    pub column: u64,
}

impl Pinned {
    /// Finds `id` in the front matter (`header`, the file's text before the body) for its line
    /// and column; the fence line if it cannot be found (it always can for TOML and YAML lists).
    pub(crate) fn locate(id: String, header: &str) -> Pinned {
        let at = header
            .find(&format!("\"{id}\""))
            .map(|i| i + 1)
            .or_else(|| header.find(id.as_str()))
            .unwrap_or(0);
        let (line, column) = crate::data::text::line_column(&header.as_bytes()[..at]);
        Pinned { id, line, column }
    }
}

/// Every narrative of a site, by subject and language.
#[derive(Debug, Clone, Default)]
pub struct Content {
    narratives: BTreeMap<(NarrativeKey, Lang), Narrative>,
}

impl Content {
    /// Reads every file under `root/content/`, checks names, front matter, shortcodes and Markdown,
    /// and reports which provinces and areas lack a narrative and which narratives exist in one
    /// language only. Files with errors that leave no usable text are left out.
    pub fn load(
        root: &Path,
        data: &Dataset,
        strings: &Strings,
        diags: &mut Diagnostics,
    ) -> Content {
        Self::load_with(root, data, strings, &ContentOptions::default(), diags)
    }

    /// [`Content::load`] with the `[content]` settings of `site.toml`.
    pub fn load_with(
        root: &Path,
        data: &Dataset,
        strings: &Strings,
        options: &ContentOptions,
        diags: &mut Diagnostics,
    ) -> Content {
        values::check_strings(strings, diags);
        let mut narratives = BTreeMap::new();
        for found in files::find(root, data, diags) {
            let Some(mut narrative) = files::read(root, &found, options, diags) else {
                continue;
            };
            narrative.rendered = to_html(&narrative, data, strings, diags);
            check_brief_indicators(&narrative, data, diags);
            if found.target_exists {
                narratives.insert((found.key, found.lang), narrative);
            }
        }
        let content = Content { narratives };
        content.report_coverage(data, diags);
        content
    }

    /// The narrative for `key` in `lang`, or else the one in the other language. Compare the
    /// result's `lang` with the page's to mark a fallback for readers.
    pub fn get(&self, key: &NarrativeKey, lang: Lang) -> Option<&Narrative> {
        self.narratives
            .get(&(key.clone(), lang))
            .or_else(|| self.narratives.get(&(key.clone(), lang.other())))
    }

    /// The slugs of the free pages, sorted, each once whatever its languages.
    pub fn pages(&self) -> Vec<String> {
        let mut slugs: Vec<String> = self
            .narratives
            .keys()
            .filter_map(|(key, _)| match key {
                NarrativeKey::Page(slug) => Some(slug.clone()),
                _ => None,
            })
            .collect();
        slugs.dedup();
        slugs
    }

    /// Every narrative, in key then language order.
    pub fn iter(&self) -> impl Iterator<Item = &Narrative> {
        self.narratives.values()
    }

    fn has(&self, key: &NarrativeKey, lang: Lang) -> bool {
        self.narratives.contains_key(&(key.clone(), lang))
    }

    fn report_coverage(&self, data: &Dataset, diags: &mut Diagnostics) {
        let provinces = data
            .provinces
            .iter()
            .map(|p| NarrativeKey::Province(p.code.clone()));
        let areas = data.areas.iter().map(|a| NarrativeKey::Area(a.id.clone()));
        for key in provinces.chain(areas) {
            if !self.has(&key, Lang::Th) && !self.has(&key, Lang::En) {
                diags.push(missing_narrative(&key));
            }
        }
        for narrative in self.narratives.values() {
            if !self.has(&narrative.key, narrative.lang.other()) {
                diags.push(fallback_warning(narrative));
            }
        }
    }
}

fn missing_narrative(key: &NarrativeKey) -> Diagnostic {
    let (th, en) = (key.path(Lang::Th), key.path(Lang::En));
    let what = match key {
        NarrativeKey::Province(code) => format!("province {code}"),
        NarrativeKey::Area(id) => format!("area '{id}'"),
        _ => "this page".to_string(),
    };
    Diagnostic::note("missing-narrative", &th, format!("{what} has no narrative")).with_hint(
        format!("write {th} and {en}; until then its page shows only the data"),
    )
}

fn fallback_warning(narrative: &Narrative) -> Diagnostic {
    let missing = narrative.lang.other();
    let (written, other) = match narrative.lang {
        Lang::Th => ("Thai", "English"),
        Lang::En => ("English", "Thai"),
    };
    Diagnostic::warning(
        "narrative-fallback",
        &narrative.file,
        format!("this narrative has no {other} version"),
    )
    .with_hint(format!(
        "write {}; until then the {written} text is shown on {other} pages, marked",
        narrative.key.path(missing)
    ))
}

/// The narrative as an HTML fragment, with every problem reported: shortcodes expanded (and
/// checked against the data), Markdown rendered, unsafe markup neutralised. Shortcodes are
/// formatted in the narrative's own language, since the sentence around them is in that language
/// even when it stands in for a missing translation. [`Content::load`] runs this once per file
/// and keeps the result in [`Narrative::rendered`].
fn to_html(
    narrative: &Narrative,
    data: &Dataset,
    strings: &Strings,
    diags: &mut Diagnostics,
) -> markdown::Rendered {
    let source = Source::new(&narrative.file, &narrative.body, narrative.body_line);
    let context = values::Context {
        lang: narrative.lang,
        data,
        strings,
    };
    let expanded = shortcodes::expand(&source, &context, diags);
    markdown::to_html(&expanded, &source, narrative.allow_raw_html, diags)
}

/// A whole narrative file's text (front matter, shortcodes, Markdown) as the HTML a page would
/// show, with every problem reported; `None` when the front matter is never closed. For property
/// tests and fuzzers, which have text rather than files.
pub fn render_text(
    file: &str,
    text: &str,
    data: &Dataset,
    strings: &Strings,
    allow_raw_html: bool,
    diags: &mut Diagnostics,
) -> Option<String> {
    let parts = frontmatter::split(text, file, diags)?;
    let narrative = Narrative {
        key: NarrativeKey::Home,
        lang: Lang::En,
        file: file.to_string(),
        title: parts.front.title,
        description: parts.front.description,
        brief_indicators: Vec::new(),
        body: parts.body.to_string(),
        body_line: parts.body_line,
        allow_raw_html,
        rendered: markdown::Rendered::default(),
    };
    Some(to_html(&narrative, data, strings, diags).html)
}

/// A text taken from a file at a known line, to turn byte offsets into the line and character
/// column an editor shows.
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
    first_line: u64,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// `text` starts at the beginning of line `first_line` of `file`.
    pub fn new(file: &'a str, text: &'a str, first_line: u64) -> Self {
        let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
        let line_starts = std::iter::once(0).chain(breaks).collect();
        Source {
            file,
            text,
            first_line,
            line_starts,
        }
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> (u64, u64) {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[index];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (self.first_line + index as u64, 1 + column as u64)
    }

    /// An error located at byte `offset`.
    pub fn error(
        &self,
        code: &'static str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.locate(Diagnostic::error(code, self.file, message), offset)
    }

    /// A warning located at byte `offset`.
    pub fn warning(
        &self,
        code: &'static str,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.locate(Diagnostic::warning(code, self.file, message), offset)
    }

    fn locate(&self, diagnostic: Diagnostic, offset: usize) -> Diagnostic {
        let (line, column) = self.position(offset);
        diagnostic.at(line, column)
    }
}

/// `brief_indicators` names indicators of the data, and only in a province's narrative (the only
/// subject with a brief): an unknown id stops the build at its line, with the nearest id; the key
/// anywhere else is a warning, since nothing would use it.
fn check_brief_indicators(narrative: &Narrative, data: &Dataset, diags: &mut Diagnostics) {
    let Some(first) = narrative.brief_indicators.first() else {
        return;
    };
    if !matches!(narrative.key, NarrativeKey::Province(_)) {
        diags.push(
            Diagnostic::warning(
                "brief-indicators-unused",
                &narrative.file,
                "only a province's narrative has a brief; brief_indicators is ignored here",
            )
            .at(first.line, first.column)
            .with_hint("move brief_indicators to the province's narrative in content/provinces/"),
        );
        return;
    }
    for pinned in &narrative.brief_indicators {
        if data.indicator(&pinned.id).is_some() {
            continue;
        }
        let ids = data.indicators.iter().map(|i| i.id.as_str());
        let hint = match nearest(&pinned.id, ids) {
            Some(id) => format!(
                "did you mean '{id}'? ids are the indicator_id column of data/indicators.csv"
            ),
            None => "use an indicator_id from data/indicators.csv".to_string(),
        };
        diags.push(
            Diagnostic::error(
                "unknown-brief-indicator",
                &narrative.file,
                format!(
                    "brief_indicators names '{}', which is not an indicator",
                    pinned.id
                ),
            )
            .at(pinned.line, pinned.column)
            .with_value(&pinned.id)
            .with_hint(hint),
        );
    }
}

/// The candidate closest to `value`, if it is close enough to be a likely typo.
pub(crate) fn nearest<'a>(
    value: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(value, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_the_body_line() {
        let source = Source::new("f.md", "ab\nระยอง x\n", 4);
        assert_eq!(source.position(0), (4, 1));
        assert_eq!(source.position(3), (5, 1));
        let x = "ab\nระยอง x".find('x').unwrap();
        assert_eq!(source.position(x), (5, 7));
        assert_eq!(source.position(999), (6, 1));
    }

    #[test]
    fn paths_and_nearest() {
        let key = NarrativeKey::Province("TH-21".into());
        assert_eq!(key.path(Lang::En), "content/provinces/th-21.en.md");
        assert_eq!(NarrativeKey::Home.path(Lang::Th), "content/index.th.md");
        assert_eq!(nearest("lates", ["latest", "level"]), Some("latest"));
        assert_eq!(nearest("zzz", ["latest", "level"]), None);
    }

    fn narrative(key: NarrativeKey, lang: Lang) -> Narrative {
        Narrative {
            file: key.path(lang),
            key,
            lang,
            title: None,
            description: None,
            brief_indicators: Vec::new(),
            body: String::new(),
            body_line: 1,
            allow_raw_html: false,
            rendered: Default::default(),
        }
    }

    #[test]
    fn get_falls_back_to_the_other_language() {
        let mut content = Content::default();
        for (key, lang) in [
            (NarrativeKey::Page("about".into()), Lang::Th),
            (NarrativeKey::Page("about".into()), Lang::En),
            (NarrativeKey::Area("x".into()), Lang::Th),
        ] {
            content
                .narratives
                .insert((key.clone(), lang), narrative(key, lang));
        }
        let area = NarrativeKey::Area("x".into());
        assert_eq!(content.get(&area, Lang::En).unwrap().lang, Lang::Th);
        assert!(content.get(&NarrativeKey::Home, Lang::En).is_none());
        assert_eq!(content.pages(), ["about"]);
        let mut diags = Diagnostics::new();
        content.report_coverage(&Dataset::default(), &mut diags);
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.file.as_str()),
            ("narrative-fallback", "content/areas/x.th.md")
        );
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "write content/areas/x.en.md; until then the Thai text is shown on English pages, marked"
            )
        );
    }
}
