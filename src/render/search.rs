//! Site search: one index per language, made at build time, and the search page that uses it.
//!
//! Thai has no spaces between words, so the index cannot split text at spaces as lunr or MiniSearch
//! do. It splits Thai with ICU4X's dictionary word segmenter, the same one the charts wrap lines
//! with. The browser segments the query the same way (`Intl.Segmenter`, also ICU's dictionary),
//! or, without it, against the index's own vocabulary (`static/search.js`). The index is written
//! as a script (`th/search/search-index.js`) rather than JSON, so the search works from `file://`,
//! from any sub-path of a web server and in `ecotown serve`, with no request to another host.
//!
//! What is indexed, per page: its names in both scripts (an area, a province, an indicator, its
//! province's names for an area), its title, units and sources, its narrative and description, and
//! the descriptions of its charts. Fields weigh differently: a name counts most, then the title,
//! then units and sources, then text. A short passage of each page's text is kept to show under
//! its result with the match highlighted; the rest of the ranking is the browser's
//! (`static/search.js`): prefixes, other-script names, misspellings by edit distance, and fiscal
//! years in both eras (2564 ↔ 2021).
//!
//! Shaped as data, not code: `Doc` is what a result shows, `Index` what the browser loads, and
//! [`tokens`] is the one tokenizer the index is made with; `search.js` normalises queries the
//! same way ([`normalize`]: lower case, Thai digits as ASCII, no zero-width characters).

use std::collections::BTreeMap;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use serde::Serialize;

use crate::content::NarrativeKey;
use crate::data::Lang;
use crate::render::view::Link;
use crate::render::{Page, Renderer};
use crate::urls;

/// Characters of text kept per page for the passage under its result.
const PASSAGE_CHARS: usize = 600;

/// The weights of the fields a term is found in; a page keeps the highest.
const NAME: u8 = 8;
const TITLE: u8 = 6;
const LABEL: u8 = 2;
const TEXT: u8 = 1;

/// One page as the search shows it.
#[derive(Debug, Serialize)]
struct Doc {
    /// The page, from the site root.
    u: String,
    /// Its kind: `area`, `province`, `indicator`, `dimension` or `page`.
    k: &'static str,
    /// Its title.
    t: String,
    /// Its names, in both scripts (compared whole with the query: a place typed in full, or
    /// misspelt, finds its page first).
    n: Vec<String>,
    /// The start of its text, for the passage.
    x: String,
}

/// What the browser loads: the pages and, per term, the pages it is in with their weight
/// (`[page, weight, page, weight, …]`).
#[derive(Debug, Serialize)]
struct Index {
    lang: &'static str,
    docs: Vec<Doc>,
    terms: BTreeMap<String, Vec<u32>>,
}

/// A page's text before indexing: each field with its weight.
struct Source {
    doc: Doc,
    fields: Vec<(u8, String)>,
}

/// Lower case, Thai digits as ASCII digits, zero-width characters and soft hyphens gone: what both
/// the index and the query are compared in.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
            )
        })
        .map(|c| match c {
            '\u{0e50}'..='\u{0e59}' => char::from(b'0' + (c as u32 - 0x0e50) as u8),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text`, normalised: Thai split by the dictionary segmenter, other scripts at
/// anything that is not a letter or digit, letters and digits apart ("fy2021" → "fy", "2021").
pub fn tokens(text: &str) -> Vec<String> {
    let text = normalize(text);
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let bounds: Vec<usize> = segmenter.segment_str(&text).collect();
    let mut out = Vec::new();
    for pair in bounds.windows(2) {
        let word = &text[pair[0]..pair[1]];
        let mut current = String::new();
        let mut class = 0u8;
        for c in word.chars() {
            let this = if c.is_numeric() {
                1
            } else if c.is_alphabetic() || is_thai_mark(c) {
                2
            } else {
                0
            };
            if this != class && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            if this != 0 {
                current.push(c);
            }
            class = this;
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0e31}' | '\u{0e33}'..='\u{0e3a}' | '\u{0e47}'..='\u{0e4e}')
}

/// Text of an HTML fragment, read with the site's own scanner: its text runs with character
/// references decoded, a space where a block (paragraph, item, heading, cell, line break) begins
/// or ends, none around inline markup (a word in `<strong>` stays one word).
fn text_of(html: &str) -> String {
    use crate::html::Token;
    let block = |name: &str| {
        matches!(
            name,
            "p" | "li"
                | "br"
                | "div"
                | "td"
                | "th"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "title"
                | "desc"
        )
    };
    let mut text = String::with_capacity(html.len());
    for token in crate::html::tokens(html) {
        match token {
            Token::Text { text: run, .. } => text.push_str(&crate::html::decode_entities(run)),
            Token::Start(tag) if block(&tag.name) => text.push(' '),
            Token::End { name, .. } if block(&name) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn passage(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    joined.chars().take(PASSAGE_CHARS).collect()
}

impl Renderer<'_> {
    /// The search index of `lang`, as the script the search page loads.
    pub fn search_index(&self, lang: Lang) -> String {
        use rayon::prelude::*;
        let sources = self.search_sources(lang);
        // Splitting Thai into words is most of the work: each page's fields on any core, then
        // merged in page order, so the index is the same bytes however the work was shared.
        let split: Vec<Vec<(String, u8)>> = sources
            .par_iter()
            .map(|source| {
                (source.fields.iter())
                    .flat_map(|(weight, text)| tokens(text).into_iter().map(|t| (t, *weight)))
                    .collect()
            })
            .collect();
        let mut terms: BTreeMap<String, BTreeMap<u32, u8>> = BTreeMap::new();
        let mut docs = Vec::with_capacity(sources.len());
        for (i, (source, words)) in sources.into_iter().zip(split).enumerate() {
            for (token, weight) in words {
                let best = terms.entry(token).or_default().entry(i as u32).or_insert(0);
                *best = (*best).max(weight);
            }
            docs.push(source.doc);
        }
        let index = Index {
            lang: lang.code(),
            docs,
            terms: terms
                .into_iter()
                .map(|(term, pages)| {
                    let flat = pages
                        .into_iter()
                        .flat_map(|(d, w)| [d, u32::from(w)])
                        .collect();
                    (term, flat)
                })
                .collect(),
        };
        let json = serde_json::to_string(&index).unwrap_or_else(|_| "null".into());
        // `</` never appears inside a string of the script (a title cannot end it early).
        format!(
            "window.ECOTOWN_SEARCH = {};\n",
            crate::escape::script_json(&json)
        )
    }

    /// Every page worth finding, with its fields.
    fn search_sources(&self, lang: Lang) -> Vec<Source> {
        let site = self.site;
        let data = &site.data;
        let other = lang.other();
        let narrative = |key: &NarrativeKey| {
            site.content
                .get(key, lang)
                .map(|n| text_of(&n.rendered.html))
                .unwrap_or_default()
        };
        // The text the comparison chart's `<desc>` gives a reader, read as from the drawing.
        let chart_desc = |desc: Option<&String>| {
            desc.map(|d| text_of(&format!("<desc>{}</desc>", crate::escape::markup(d))))
                .unwrap_or_default()
        };
        let charts = &self.charts[lang as usize];
        let mut sources = Vec::new();
        for p in &data.provinces {
            let text = narrative(&NarrativeKey::Province(p.code.clone()));
            let names = vec![p.name.get(lang).to_string(), p.name.get(other).to_string()];
            sources.push(Source {
                fields: vec![(NAME, names.join(" ")), (TEXT, text.clone())],
                doc: Doc {
                    u: urls::province(lang, &p.code),
                    k: "province",
                    t: p.name.get(lang).to_string(),
                    n: names,
                    x: passage(&[&text]),
                },
            });
        }
        for a in &data.areas {
            let text = narrative(&NarrativeKey::Area(a.id.clone()));
            let province = data.province(&a.province_code);
            let names = vec![a.name.get(lang).to_string(), a.name.get(other).to_string()];
            let mut fields = vec![(NAME, names.join(" ")), (TEXT, text.clone())];
            if let Some(p) = province {
                fields.push((LABEL, format!("{} {}", p.name.th, p.name.en)));
            }
            sources.push(Source {
                fields,
                doc: Doc {
                    u: urls::area(lang, &a.id),
                    k: "area",
                    t: a.name.get(lang).to_string(),
                    n: names,
                    x: passage(&[province.map_or("", |p| p.name.get(lang)), &text]),
                },
            });
        }
        for i in &data.indicators {
            let text = narrative(&NarrativeKey::Indicator(i.id.clone()));
            let names = vec![i.name.get(lang).to_string(), i.name.get(other).to_string()];
            let desc = chart_desc(charts.comparison_desc.get(&i.id));
            let labels = format!(
                "{} {} {} {}",
                i.unit.th,
                i.unit.en,
                i.source.get(lang),
                i.source.get(other)
            );
            sources.push(Source {
                fields: vec![
                    (NAME, names.join(" ")),
                    (LABEL, labels),
                    (TEXT, format!("{text} {desc}")),
                ],
                doc: Doc {
                    u: urls::indicator(lang, &i.id),
                    k: "indicator",
                    t: i.name.get(lang).to_string(),
                    n: names,
                    x: passage(&[i.unit.get(lang), &text, &desc, i.source.get(lang)]),
                },
            });
        }
        for d in &data.taxonomy.dimensions {
            let names = vec![d.name.get(lang).to_string(), d.name.get(other).to_string()];
            sources.push(Source {
                fields: vec![
                    (NAME, names.join(" ")),
                    (TEXT, d.summary.get(lang).to_string()),
                ],
                doc: Doc {
                    u: urls::dimension(lang, &d.id),
                    k: "dimension",
                    t: d.name.get(lang).to_string(),
                    n: names,
                    x: passage(&[d.summary.get(lang)]),
                },
            });
        }
        for (slug, title_key) in [
            ("methodology", "nav_methodology"),
            ("about", "nav_about"),
            ("updates", "nav_updates"),
            ("progress", "nav_progress"),
            ("downloads", "nav_downloads"),
        ] {
            let mut text = narrative(&NarrativeKey::Page(slug.to_string()));
            let title = self.t(lang, title_key);
            let other_title = self.t(other, title_key);
            let mut keywords = String::new();
            if slug == "updates" {
                // What each update brought, and the fiscal years of the data in both eras, so a
                // year typed in either era finds where its figures are announced.
                let entries = site.updates.entries.iter();
                let summaries: Vec<String> = entries.map(|e| self.summary(lang, e)).collect();
                text = format!("{} {text}", summaries.join(" "));
                let mut years: Vec<i32> = data.observations.iter().map(|o| o.year).collect();
                years.sort_unstable();
                years.dedup();
                for y in years {
                    keywords.push_str(&format!(" FY{y} {}", y + 543));
                }
            }
            let url = urls::page(lang, slug);
            sources.push(self.page_source(url, title, format!("{other_title}{keywords}"), text));
        }
        let free = site.content.pages();
        for slug in free.iter().filter(|s| *s != "about" && *s != "methodology") {
            let key = NarrativeKey::Page(slug.clone());
            let title = site
                .content
                .get(&key, lang)
                .and_then(|n| n.title.clone())
                .unwrap_or_else(|| slug.clone());
            let other_title = site
                .content
                .get(&key, other)
                .and_then(|n| n.title.clone())
                .unwrap_or_default();
            sources.push(self.page_source(
                urls::page(lang, slug),
                title,
                other_title,
                narrative(&key),
            ));
        }
        sources
    }

    /// A page found by its title, `also` (its other language's title, and words it must be found
    /// by as if they were its title), and its text.
    fn page_source(&self, url: String, title: String, also: String, text: String) -> Source {
        Source {
            fields: vec![(TITLE, format!("{title} {also}")), (TEXT, text.clone())],
            doc: Doc {
                u: url,
                k: "page",
                t: title,
                n: Vec::new(),
                x: passage(&[&text]),
            },
        }
    }

    /// The search page: the form, the results (filled in by `static/search.js`), and without
    /// script every province, area and indicator A–Z in the page language's collation.
    pub fn search_page(&self, lang: Lang) -> Page {
        let data = &self.site.data;
        let crumbs = vec![Link {
            name: self.t(lang, "nav_home"),
            url: urls::home(lang),
        }];
        let title = self.t(lang, "search_title");
        let mut page = self.page_shell(
            lang,
            urls::page(lang, "search"),
            "search.html",
            &title,
            self.t(lang, "search_lead"),
            crumbs,
        );
        // Each thing by its name in the page's language, in that language's collation.
        let sorted = |items: &mut dyn Iterator<Item = (&crate::data::Text, String)>| {
            let mut links: Vec<Link> = items
                .map(|(name, url)| Link {
                    name: name.get(lang).to_string(),
                    url,
                })
                .collect();
            self.collators.sort_by_name(lang, &mut links, |l| &l.name);
            links
        };
        let words: BTreeMap<&str, String> = [
            ("results", "search_results"),
            ("no_results", "search_no_results"),
            ("nothing_to_find", "search_nothing"),
            ("too_long", "search_too_long"),
            ("kind_area", "search_kind_area"),
            ("kind_province", "search_kind_province"),
            ("kind_indicator", "search_kind_indicator"),
            ("kind_dimension", "search_kind_dimension"),
            ("kind_page", "search_kind_page"),
        ]
        .into_iter()
        .map(|(name, key)| (name, self.t(lang, key)))
        .collect();
        let context = SearchContext {
            search_strings: crate::escape::script_json(
                &serde_json::to_string(&words).unwrap_or_else(|_| "{}".into()),
            ),
            provinces: sorted(
                &mut data
                    .provinces
                    .iter()
                    .map(|p| (&p.name, urls::province(lang, &p.code))),
            ),
            areas: sorted(
                &mut data
                    .areas
                    .iter()
                    .map(|a| (&a.name, urls::area(lang, &a.id))),
            ),
            indicators: sorted(
                &mut data
                    .indicators
                    .iter()
                    .map(|i| (&i.name, urls::indicator(lang, &i.id))),
            ),
        };
        page.add(&context);
        page.what = format!("search page ({})", lang.code());
        page
    }
}

/// The search page's own inputs.
#[derive(Serialize)]
struct SearchContext {
    /// The words the script shows, as JSON.
    search_strings: String,
    provinces: Vec<Link>,
    areas: Vec<Link>,
    indicators: Vec<Link>,
}

/// The text of a chart's `<desc>` in its SVG.
/// Where the search index of `lang` is written.
pub fn index_path(lang: Lang) -> String {
    format!("{}/search/search-index.js", lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_is_split_into_words_and_latin_at_letters_and_digits() {
        let words = tokens("น้ำเสียรวมของมาบตาพุด FY2021 ๒๕๖๔ Rayong's");
        assert!(
            words.contains(&"มาบตาพุด".to_string()) || words.contains(&"มาบ".to_string()),
            "{words:?}"
        );
        assert!(words.contains(&"fy".to_string()));
        assert!(words.contains(&"2021".to_string()));
        assert!(
            words.contains(&"2564".to_string()),
            "Thai digits: {words:?}"
        );
        assert!(words.contains(&"rayong".to_string()));
        assert!(!words.iter().any(|w| w.contains(' ') || w.is_empty()));
    }

    #[test]
    fn normalised_text_has_no_zero_width_characters() {
        assert_eq!(normalize("Ma\u{200b}p TA\u{ad}"), "map ta");
    }

    #[test]
    fn html_becomes_text() {
        assert_eq!(text_of("<p>A &amp; B</p><p>C</p>"), "A & B C");
        // Inline markup keeps a word whole; a block starts a new one.
        assert_eq!(
            text_of("<p>มาบ<strong>ตาพุด</strong></p><ul><li>x</li><li>y</li></ul>"),
            "มาบตาพุด x y"
        );
        assert_eq!(text_of("<desc>Rises &lt;5%</desc>"), "Rises <5%");
    }
}
