//! Tracing a problem found in the rendered site back to the file someone wrote.
//!
//! The site check ([`crate::check::sitecheck`]) reads the pages a build produced, so it finds a
//! missing `alt` or a broken link at `site/en/about/index.html:19:54`: a file nobody wrote, and,
//! for a mistake in `templates/base.html`, once on every page (157 times on the sample). A
//! publisher needs it once, where it was written. So every problem located in a page is traced:
//!
//! - to a **narrative** shown on that page, when a value of the offending tag (its `src`, `href`,
//!   `id`…) is written in the narrative's Markdown, at that line and column;
//! - else to the **template** tag the page's tag was rendered from: each tag of each template is a
//!   pattern whose `{{ … }}` and `{% … %}` parts match anything, and the pattern with the most
//!   literal text that matches the rendered tag, if only one does, is its origin.
//!
//! Problems traced to the same place are then reported once, with the number of pages they
//! affect and the first of them, so `templates/base.html:19:5` says "on 157 pages". A problem
//! that cannot be traced (a tag the program draws, or one several templates could have made) stays
//! at its page, as before: an honest location is better than a guess.

use std::collections::{BTreeMap, HashMap};

use crate::content::{Content, NarrativeKey};
use crate::data::Lang;
use crate::diagnostics::{Diagnostic, Severity};
use crate::html::{self, Lines, Token};
use crate::theme::ThemeFiles;
use crate::urls;

/// Where the tags of a site's pages may have been written: its templates and narratives.
pub struct Origins<'a> {
    templates: Vec<TemplateTag>,
    /// Narratives by the page they are shown on (both languages: a page may show the other
    /// language's text when its own is missing).
    narratives: HashMap<String, Vec<Written<'a>>>,
}

/// A narrative's Markdown body and where it sits in its file.
#[derive(Clone, Copy)]
struct Written<'a> {
    file: &'a str,
    body: &'a str,
    body_line: u64,
}

/// One start tag of a template, as a pattern to match rendered tags against.
struct TemplateTag {
    file: String,
    line: u64,
    column: u64,
    /// The tag's text with runs of white space made one space; `None` stands for a tera
    /// expression or statement, which may have printed anything.
    pattern: Vec<Option<u8>>,
    /// How many literal bytes the pattern has: the more, the surer a match.
    literal: usize,
}

impl<'a> Origins<'a> {
    pub fn new(theme: &ThemeFiles, content: &'a Content) -> Origins<'a> {
        let mut templates = Vec::new();
        for (name, bytes) in theme.templates() {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let text = crate::data::text::normalize_newlines(text);
            let text = text.trim_start_matches('\u{feff}');
            templates.extend(template_tags(&format!("templates/{name}"), text));
        }
        let mut narratives: HashMap<String, Vec<Written<'a>>> = HashMap::new();
        for narrative in content.iter() {
            let written = Written {
                file: &narrative.file,
                body: &narrative.body,
                body_line: narrative.body_line,
            };
            for lang in [narrative.lang, narrative.lang.other()] {
                for page in pages_of(&narrative.key, lang) {
                    narratives.entry(page).or_default().push(written);
                }
            }
        }
        Origins {
            templates,
            narratives,
        }
    }

    /// `found` (problems in the site under `folder`, as the site check names them) with every
    /// problem that can be traced moved to where it was written, and merged with the others
    /// traced to the same place. `read` gives a page's bytes, by path under the site.
    pub fn trace(
        &self,
        found: impl IntoIterator<Item = Diagnostic>,
        folder: &str,
        read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    ) -> Vec<Diagnostic> {
        let prefix = match folder.trim_end_matches('/') {
            "" => String::new(),
            folder => format!("{folder}/"),
        };
        let mut pages: HashMap<String, Option<String>> = HashMap::new();
        // In the order first met, each place with the pages it was found on.
        let mut traced: Vec<(Diagnostic, Vec<String>)> = Vec::new();
        let mut index: BTreeMap<(Place, &'static str, Severity), usize> = BTreeMap::new();
        let mut out = Vec::new();
        for diagnostic in found {
            let page = diagnostic.file.strip_prefix(&prefix).map(str::to_string);
            let origin = page.as_deref().and_then(|page| {
                let text = pages
                    .entry(page.to_string())
                    .or_insert_with(|| read(page).map(|b| String::from_utf8_lossy(&b).into()));
                self.origin(page, text.as_deref()?, &diagnostic)
            });
            let Some(place) = origin else {
                out.push(diagnostic);
                continue;
            };
            let key = (place.clone(), diagnostic.code, diagnostic.severity);
            let seen = diagnostic.location();
            match index.get(&key) {
                Some(&i) => traced[i].1.push(seen),
                None => {
                    index.insert(key, traced.len());
                    let mut moved = diagnostic;
                    moved.file = place.file;
                    moved.line = Some(place.line);
                    moved.column = Some(place.column);
                    traced.push((moved, vec![seen]));
                }
            }
        }
        for (mut diagnostic, seen) in traced {
            diagnostic.message = match seen.len() {
                1 => format!("{} (on {})", diagnostic.message, seen[0]),
                n => format!(
                    "{} (on {n} pages, the first {})",
                    diagnostic.message, seen[0]
                ),
            };
            out.push(diagnostic);
        }
        out
    }

    /// Where the tag `diagnostic` points at in `page` (whose text is `text`) was written.
    fn origin(&self, page: &str, text: &str, diagnostic: &Diagnostic) -> Option<Place> {
        if !page.ends_with(".html") {
            return None;
        }
        let at = offset(text, diagnostic.line?, diagnostic.column?)?;
        let open = text[..=at.min(text.len().saturating_sub(1))].rfind('<')?;
        let tag = match html::tokens(&text[open..]).next()? {
            Token::Start(tag) if open + tag.end > at => tag,
            _ => return None,
        };
        let written = &text[open..open + tag.end];
        if let Some(place) = self.in_narrative(page, &tag) {
            return Some(place);
        }
        self.in_template(written)
    }

    /// The first narrative shown on `page` whose Markdown holds a value of `tag`.
    fn in_narrative(&self, page: &str, tag: &html::Tag<'_>) -> Option<Place> {
        let narratives = self.narratives.get(page)?;
        let mut values: Vec<&str> = ["src", "href", "srcset", "id", "name"]
            .iter()
            .filter_map(|name| tag.value(name))
            .collect();
        values.extend(tag.attrs.iter().map(html::Attr::text));
        for value in values.into_iter().filter(|v| v.trim().chars().count() >= 3) {
            let decoded = super::sitecheck::percent_decode(value);
            for written in narratives {
                let found = [value, decoded.as_str()]
                    .into_iter()
                    .find_map(|v| written.body.find(v));
                if let Some(at) = found {
                    let (line, column) = Lines::new(written.body).position(written.body, at);
                    return Some(Place {
                        file: written.file.to_string(),
                        line: written.body_line + line - 1,
                        column,
                    });
                }
            }
        }
        None
    }

    /// The one template tag with the most literal text that `written` matches.
    fn in_template(&self, written: &str) -> Option<Place> {
        let rendered = squeeze(written);
        let mut best: Option<&TemplateTag> = None;
        let mut tied = false;
        for tag in &self.templates {
            if !matches(&tag.pattern, rendered.as_bytes()) {
                continue;
            }
            match best {
                Some(b) if b.literal > tag.literal => {}
                Some(b) if b.literal == tag.literal => tied = true,
                _ => {
                    best = Some(tag);
                    tied = false;
                }
            }
        }
        let tag = best.filter(|_| !tied)?;
        Some(Place {
            file: tag.file.clone(),
            line: tag.line,
            column: tag.column,
        })
    }
}

/// A place in a file someone wrote.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    file: String,
    line: u64,
    column: u64,
}

/// The pages a narrative is shown on in `lang`.
fn pages_of(key: &NarrativeKey, lang: Lang) -> Vec<String> {
    match key {
        NarrativeKey::Home => vec![urls::home(lang)],
        NarrativeKey::Province(code) => vec![urls::province(lang, code), urls::brief(lang, code)],
        NarrativeKey::Area(id) => vec![urls::area(lang, id)],
        NarrativeKey::Indicator(id) => vec![urls::indicator(lang, id)],
        NarrativeKey::Page(slug) => vec![urls::page(lang, slug)],
    }
}

/// The byte offset of 1-based `line` and character `column` in `text`.
fn offset(text: &str, line: u64, column: u64) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line as usize - 2)?.0 + 1
    };
    let rest = &text[start..];
    let skip = column.saturating_sub(1) as usize;
    Some(start + rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i))
}

/// `text` with every run of white space made one space, as tags are compared.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(ch);
    }
    out
}

/// The start tags of a template, each with its place and pattern. A tag is `<` and a letter,
/// up to the `>` that is outside quotes and outside tera's `{{ }}`, `{% %}` and `{# #}`.
fn template_tags(file: &str, text: &str) -> Vec<TemplateTag> {
    let bytes = text.as_bytes();
    let lines = Lines::new(text);
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(end) = tera_block(bytes, i) {
            i = end;
            continue;
        }
        if bytes[i] == b'<'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
            && let Some((pattern, end)) = tag_pattern(bytes, i)
        {
            let (line, column) = lines.position(text, i);
            let literal = pattern.iter().filter(|p| p.is_some()).count();
            tags.push(TemplateTag {
                file: file.to_string(),
                line,
                column,
                pattern,
                literal,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    tags
}

/// If a tera block (`{{`, `{%` or `{#`) starts at `i`, the offset just after it.
fn tera_block(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes[i] != b'{' {
        return None;
    }
    let close = match bytes.get(i + 1)? {
        b'{' => b"}}",
        b'%' => b"%}",
        b'#' => b"#}",
        _ => return None,
    };
    let rest = &bytes[i + 2..];
    let end = rest.windows(2).position(|w| w == close)?;
    Some(i + 2 + end + 2)
}

/// The pattern of the tag starting at `start`, and the offset after its `>`.
fn tag_pattern(bytes: &[u8], start: usize) -> Option<(Vec<Option<u8>>, usize)> {
    let mut pattern: Vec<Option<u8>> = Vec::new();
    let mut quote: Option<u8> = None;
    // Inside `{% if %}` … `{% endif %}` (or a loop): text that may or may not be printed.
    let mut depth = 0usize;
    let mut i = start;
    while i < bytes.len() {
        if let Some(end) = tera_block(bytes, i) {
            // A comment prints nothing; an expression or statement, anything.
            if bytes[i + 1] != b'#' && pattern.last() != Some(&None) {
                pattern.push(None);
            }
            if bytes[i + 1] == b'%' {
                let statement = String::from_utf8_lossy(&bytes[i + 2..end - 2]);
                let word = statement.trim_matches(|c: char| c == '-' || c.is_whitespace());
                let word = word.split_whitespace().next().unwrap_or("");
                match word {
                    "if" | "for" | "filter" | "raw" => depth += 1,
                    w if w.starts_with("end") => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            i = end;
            continue;
        }
        let b = bytes[i];
        if depth > 0 {
            // Quotes and `>` inside a condition are the template's business; the tag ends
            // outside it.
            i += 1;
            continue;
        }
        match quote {
            Some(q) if b == q => quote = None,
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => {
                pattern.push(Some(b));
                return Some((squeeze_pattern(pattern), i + 1));
            }
            None if b == b'<' && i > start => return None,
            _ => {}
        }
        pattern.push(Some(b));
        i += 1;
    }
    None
}

/// The pattern with white space squeezed as [`squeeze`] does to the rendered tag; white space
/// next to a tera part may or may not be printed, so it becomes part of that wildcard.
fn squeeze_pattern(pattern: Vec<Option<u8>>) -> Vec<Option<u8>> {
    let mut out: Vec<Option<u8>> = Vec::with_capacity(pattern.len());
    for piece in pattern {
        match piece {
            Some(b) if b.is_ascii_whitespace() => {
                if !matches!(out.last(), Some(Some(b' ')) | Some(None) | None) {
                    out.push(Some(b' '));
                }
            }
            None => {
                if out.last() == Some(&Some(b' ')) {
                    out.pop();
                }
                if out.last() != Some(&None) {
                    out.push(None);
                }
            }
            piece => out.push(piece),
        }
    }
    out
}

/// Whether `text` matches `pattern`, where `None` matches any run of bytes (the classic
/// backtracking match of `*` wildcards: linear unless the pattern has many of them).
fn matches(pattern: &[Option<u8>], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(None) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Some(b)) if *b == text[t] => {
                p += 1;
                t += 1;
            }
            // A space the template printed next to a tera part may be left out around it.
            Some(Some(b' ')) if pattern.get(p + 1) == Some(&None) => p += 1,
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..]
        .iter()
        .all(|piece| piece.is_none() || *piece == Some(b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(tag: &str) -> Vec<Option<u8>> {
        tag_pattern(tag.as_bytes(), 0).unwrap().0
    }

    #[test]
    fn template_tags_are_patterns() {
        let p = pattern("<img src=\"{{ root }}logo.svg\"\n     alt=\"\">");
        assert!(matches(&p, b"<img src=\"../../logo.svg\" alt=\"\">"));
        assert!(!matches(&p, b"<img src=\"../../logo.png\" alt=\"\">"));
        let p = pattern("<a {% if here %}aria-current=\"page\" {% endif %}href=\"{{ url }}\">");
        assert!(matches(&p, b"<a aria-current=\"page\" href=\"x/\">"));
        assert!(matches(&p, b"<a href=\"x/\">"));
        assert!(!matches(&p, b"<img href=\"x/\">"));
        // A `>` inside an expression or quotes does not end the tag.
        let (p, end) = tag_pattern(b"<p class=\"{{ a > b }}\" title='x>y'>z", 0).unwrap();
        assert_eq!(end, 35);
        assert!(matches(&p, b"<p class=\"true\" title='x>y'>"));
    }

    #[test]
    fn offsets_count_characters() {
        let text = "ก\nขค<img>\n";
        assert_eq!(offset(text, 2, 3), Some(text.find('<').unwrap()));
        assert_eq!(offset(text, 1, 1), Some(0));
        assert_eq!(offset(text, 9, 1), None);
    }

    #[test]
    fn tags_of_a_template_skip_tera() {
        let tags = template_tags(
            "templates/x.html",
            "{# <b> #}\n{% if a < b %}<b>{{ x }}</b>{% endif %}\n  <i\n>",
        );
        let places: Vec<(u64, u64)> = tags.iter().map(|t| (t.line, t.column)).collect();
        assert_eq!(places, vec![(2, 15), (3, 3)]);
    }
}
