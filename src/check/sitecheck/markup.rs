//! The first pass over one page's markup: the ids and names a `#fragment` may point at, every
//! URL in an attribute, and the problems visible within the page (missing text alternatives,
//! duplicate ids, references to ids that are not there, a missing or wrong `lang`, interface
//! keys printed instead of their translation). One streaming walk over [`crate::html`]'s tokens;
//! the streaming scanner is kept over an HTML parser crate (html5ever, scraper) because it
//! locates every problem by byte offset with no tree in memory, and a large site scans 100,000
//! pages.

use super::*;

use super::addresses::{css_urls, srcset_urls};

/// Attributes whose value lists ids of elements on the same page.
pub(super) const ID_REFERENCES: &[&str] = &[
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-errormessage",
    "aria-flowto",
    "aria-activedescendant",
];

/// SVG attributes that may reference a gradient, clip path, marker or filter with `url(#id)`.
pub(super) const SVG_URL_ATTRIBUTES: &[&str] = &[
    "fill",
    "stroke",
    "clip-path",
    "mask",
    "filter",
    "marker-start",
    "marker-mid",
    "marker-end",
];

/// Attributes that readers see or hear as text, checked for untranslated keys.
pub(super) const TEXT_ATTRIBUTES: &[&str] = &["aria-label", "alt", "title", "placeholder"];

/// Elements whose text is code, where a `snake_case` word is expected.
pub(super) const CODE_ELEMENTS: &[&str] = &["code", "pre", "kbd", "samp", "var", "script", "style"];

/// How far up the open elements an end tag is matched: enough for any real page, and it keeps a
/// page full of unclosed tags from making the scan quadratic.
pub(super) const MAX_MATCH_DEPTH: usize = 256;

/// The state of scanning one HTML, SVG or XML file whose text lives for `'t`.
pub(super) struct MarkupScan<'p, 'a, 't> {
    page: &'p mut Page<'a>,
    /// First offset of each id, for duplicates.
    ids: HashMap<String, usize>,
    /// Id references to check once every id is known: (offset, attribute, id).
    references: Vec<(usize, &'static str, String)>,
    open: Vec<Open<'t>>,
    saw_html: bool,
    /// The element just opened and the one text that followed it, while nothing else has.
    lone_text: Option<(usize, Option<(usize, &'t str)>)>,
    /// Index in `open` of an `<svg role="img">` whose `<title>` is being read.
    svg_title: Option<usize>,
    /// Reading a `<loc>` or `<link>` element of an XML file (sitemap or feed): which one.
    xml_link: Option<&'static str>,
}

/// An element that is open at the current point of the scan.
pub(super) struct Open<'t> {
    name: Cow<'t, str>,
    /// For `<svg role="img">` without a name in its attributes: where it starts, until a
    /// `<title>` child names it.
    unnamed_svg: Option<usize>,
}

/// Scans an HTML, SVG or XML file into `page`.
pub(super) fn scan_markup(page: &mut Page<'_>) {
    // The scan writes into `page` while it reads the text, so it reads its own handle on it
    // (a copy only for the rare page that was not valid UTF-8).
    let text = page.text.clone();
    let mut scan = MarkupScan {
        page,
        ids: HashMap::new(),
        references: Vec::new(),
        open: Vec::new(),
        saw_html: false,
        lone_text: None,
        svg_title: None,
        xml_link: None,
    };
    for token in html::tokens(&text) {
        scan.token(token);
    }
    scan.finish();
}

impl<'t> MarkupScan<'_, '_, 't> {
    fn token(&mut self, token: Token<'t>) {
        match token {
            Token::Start(tag) => self.start(&tag),
            Token::End { name, .. } => self.end(&name),
            Token::Text { text, at } => self.text(text, at),
            Token::Raw { text, at } => {
                self.lone_text = None;
                if self.open.last().is_some_and(|o| o.name == "style") {
                    self.style_urls(text, at);
                }
            }
        }
    }

    fn start(&mut self, tag: &Tag<'t>) {
        self.svg_title = None;
        // An Atom `<link href="…"/>` is empty: its address is the attribute, read below.
        self.xml_link = match (self.page.kind, tag.name.as_ref(), tag.self_closing) {
            (Kind::Xml, "loc", false) => Some("<loc>"),
            (Kind::Xml, "link", false) => Some("<link>"),
            _ => None,
        };
        if self.page.kind == Kind::Html && tag.name == "html" && !self.saw_html {
            self.saw_html = true;
            self.check_lang(tag);
        }
        self.record_ids(tag);
        self.record_references(tag);
        self.record_links(tag);
        if self.page.kind == Kind::Html {
            self.check_alt(tag);
        }
        if self.page.kind != Kind::Xml {
            self.check_text_attributes(tag);
        }
        if tag.name == "title" {
            self.svg_title = self
                .open
                .last()
                .filter(|o| o.unnamed_svg.is_some())
                .map(|_| self.open.len() - 1);
        }
        let is_void = self.page.kind == Kind::Html && html::is_void(&tag.name);
        let opens = !tag.self_closing && !is_void;
        if opens {
            self.open.push(Open {
                name: tag.name.clone(),
                unnamed_svg: unnamed_svg(tag),
            });
            self.lone_text = Some((self.open.len(), None));
        } else {
            self.lone_text = None;
            if let Some(at) = unnamed_svg(tag) {
                self.missing_svg_name(at);
            }
        }
    }

    fn end(&mut self, name: &str) {
        self.svg_title = None;
        self.xml_link = None;
        if let Some((depth, Some((at, text)))) = self.lone_text.take()
            && depth == self.open.len()
            && self.open.last().is_some_and(|o| o.name == name)
        {
            self.check_key(text, at);
        }
        let search_from = self.open.len().saturating_sub(MAX_MATCH_DEPTH);
        let found = self.open[search_from..]
            .iter()
            .rposition(|o| o.name == name);
        if let Some(i) = found {
            // Closes the elements left open inside it, innermost first.
            while self.open.len() > search_from + i {
                if let Some(open) = self.open.pop() {
                    self.close(open);
                }
            }
        }
    }

    fn text(&mut self, text: &'t str, at: usize) {
        if let Some(index) = self.svg_title.take()
            && !text.trim().is_empty()
        {
            self.open[index].unnamed_svg = None;
        }
        if let Some(source) = self.xml_link {
            let url = text.trim();
            if !url.is_empty() {
                let at = at + (text.len() - text.trim_start().len());
                self.page.links.push(Link {
                    at,
                    source,
                    url: url.into(),
                });
            }
        }
        self.lone_text = match self.lone_text.take() {
            Some((depth, None)) => Some((depth, Some((at, text)))),
            // A second text run means a stray `<` in the text: not a lone key.
            _ => None,
        };
    }

    fn close(&mut self, open: Open<'t>) {
        if let Some(at) = open.unnamed_svg {
            self.missing_svg_name(at);
        }
    }

    fn finish(mut self) {
        while let Some(open) = self.open.pop() {
            self.close(open);
        }
        if self.page.kind == Kind::Html && !self.saw_html {
            let problem = self
                .page
                .error("missing-lang", 0, "the page has no <html> element".into())
                .with_value("")
                .with_hint(
                    "start the page's template with <html lang=\"th\"> or <html lang=\"en\">",
                );
            self.page.found.push(problem);
        }
        let references = std::mem::take(&mut self.references);
        for (at, attribute, id) in references {
            if !self.ids.contains_key(&id) {
                let problem = self
                    .page
                    .error(
                        "broken-reference",
                        at,
                        format!("{attribute} names id '{id}', but no element on this page has it"),
                    )
                    .with_value(id.clone())
                    .with_hint(format!(
                        "give the element it means id=\"{id}\", or correct the reference"
                    ));
                self.page.found.push(problem);
            }
        }
        self.page.anchors.extend(self.ids.into_keys());
    }

    /// `<html lang>` must be `th` or `en`, and match the page's language folder.
    fn check_lang(&mut self, tag: &Tag<'_>) {
        let folder_lang = ["th", "en"]
            .into_iter()
            .find(|l| self.page.path.starts_with(&format!("{l}/")));
        let problem = match tag.attr("lang") {
            None => Some((
                "missing-lang",
                tag.at,
                "<html> has no lang attribute".to_string(),
                String::new(),
            )),
            Some(attr) if !matches!(attr.text(), "th" | "en") => Some((
                "missing-lang",
                attr.at,
                format!("<html lang=\"{}\"> is neither th nor en", attr.text()),
                attr.text().to_string(),
            )),
            Some(attr) => folder_lang.filter(|l| *l != attr.text()).map(|l| {
                (
                    "wrong-lang",
                    attr.at,
                    format!("a page under {l}/ declares lang=\"{}\"", attr.text()),
                    attr.text().to_string(),
                )
            }),
        };
        if let Some((code, at, message, value)) = problem {
            let lang = folder_lang.unwrap_or("th");
            let diagnostic = self
                .page
                .error(code, at, message)
                .with_value(value)
                .with_hint(format!(
                    "the page's template should start with <html lang=\"{lang}\">; screen readers and search engines read the language from it"
                ));
            self.page.found.push(diagnostic);
        }
    }

    fn record_ids(&mut self, tag: &Tag<'_>) {
        if tag.name == "a"
            && let Some(name) = tag.value("name").filter(|n| !n.is_empty())
        {
            self.page.anchors.insert(name.to_string());
        }
        let Some(attr) = tag.attr("id") else { return };
        let id = attr.text();
        if id.is_empty() {
            return;
        }
        match self.ids.get(id) {
            Some(&first) => {
                let (line, column) = self.page.position(first);
                let problem = self
                    .page
                    .error(
                        "duplicate-id",
                        attr.at,
                        format!("id '{id}' is used twice on this page (first at line {line}, column {column})"),
                    )
                    .with_value(id)
                    .with_hint("ids must be unique on a page: rename one of them (links and labels reach only the first)");
                self.page.found.push(problem);
            }
            None => {
                self.ids.insert(id.to_string(), attr.at);
            }
        }
    }

    fn record_references(&mut self, tag: &Tag<'_>) {
        for attr in &tag.attrs {
            let name = attr.name.as_ref();
            // Every attribute is looked at, so the common case (not `aria-…`) is decided first.
            let aria = name.starts_with("aria-");
            let attribute = match ID_REFERENCES.iter().find(|&&r| aria && r == name) {
                Some(&r) => r,
                None => match (tag.name.as_ref(), name) {
                    ("label" | "output", "for") => "for",
                    ("td" | "th", "headers") => "headers",
                    ("input", "list") => "list",
                    _ => continue,
                },
            };
            for id in attr.text().split_ascii_whitespace() {
                self.references.push((attr.at, attribute, id.to_string()));
            }
        }
    }

    fn record_links(&mut self, tag: &Tag<'_>) {
        for attr in &tag.attrs {
            let source: &'static str = match (tag.name.as_ref(), attr.name.as_ref()) {
                ("base", _) => continue,
                (_, "href") => "href",
                (_, "xlink:href") => "xlink:href",
                (_, "src") => "src",
                ("video", "poster") => "poster",
                ("object", "data") => "data",
                ("img" | "source", "srcset") => {
                    for url in srcset_urls(attr.text()) {
                        self.push_link(attr.at, "srcset", url.to_string());
                    }
                    continue;
                }
                (_, "style") => {
                    for (_, url) in css_urls(attr.text()) {
                        self.push_link(attr.at, "url()", url);
                    }
                    continue;
                }
                // Most `fill` and `stroke` values are colours: no `(`, no `url()` to read.
                (_, name) if attr.text().contains('(') && SVG_URL_ATTRIBUTES.contains(&name) => {
                    for (_, url) in css_urls(attr.text()) {
                        self.push_link(attr.at, "url()", url);
                    }
                    continue;
                }
                _ => continue,
            };
            self.push_link(attr.at, source, attr.text().to_string());
        }
    }

    fn push_link(&mut self, at: usize, source: &'static str, url: String) {
        self.page.links.push(Link {
            at,
            source,
            url: url.into(),
        });
    }

    fn style_urls(&mut self, css: &str, base: usize) {
        for (offset, url) in css_urls(css) {
            self.push_link(base + offset, "url()", url);
        }
    }

    /// Text alternatives of `<img>`, `<area>` and `<input type="image">`.
    fn check_alt(&mut self, tag: &Tag<'_>) {
        let alt = tag.attr("alt");
        let has_text = alt.is_some_and(|a| !a.text().trim().is_empty());
        let problem = match tag.name.as_ref() {
            // alt="" is how HTML marks an image decorative (WCAG technique H67): never an error.
            "img" if alt.is_none() => Some("<img> has no alt attribute"),
            "area" if alt.is_none() => Some("<area> has no alt attribute"),
            "area" if !has_text && tag.attr("href").is_some() => {
                Some("<area> links somewhere but its alt is empty")
            }
            "input"
                if tag
                    .value("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("image"))
                    && !has_text =>
            {
                Some("<input type=\"image\"> has no alt text")
            }
            _ => None,
        };
        if let Some(message) = problem {
            let value = tag
                .value("src")
                .or_else(|| tag.value("href"))
                .unwrap_or("")
                .to_string();
            let diagnostic = self
                .page
                .error("missing-alt", tag.at, message.to_string())
                .with_value(value)
                .with_hint("describe what the image shows in alt=\"…\"; a purely decorative image takes alt=\"\"");
            self.page.found.push(diagnostic);
        }
    }

    fn missing_svg_name(&mut self, at: usize) {
        let problem = self
            .page
            .error(
                "missing-alt",
                at,
                "<svg role=\"img\"> has no accessible name".into(),
            )
            .with_value("svg")
            .with_hint(
                "give the chart a <title> as its first child, or an aria-label or aria-labelledby",
            );
        self.page.found.push(problem);
    }

    /// `aria-label="nav_home"` and the like.
    fn check_text_attributes(&mut self, tag: &Tag<'_>) {
        for attr in &tag.attrs {
            if looks_like_key(attr.text()) && TEXT_ATTRIBUTES.contains(&attr.name.as_ref()) {
                let key = attr.text().to_string();
                self.report_key(&key, attr.at);
            }
        }
    }

    /// Text that is the whole contents of an element.
    fn check_key(&mut self, text: &str, at: usize) {
        let key = text.trim();
        if self.page.kind == Kind::Xml || !looks_like_key(key) {
            return;
        }
        let in_code = self
            .open
            .iter()
            .rev()
            .take(MAX_MATCH_DEPTH)
            .any(|o| CODE_ELEMENTS.contains(&o.name.as_ref()));
        if !in_code {
            let leading = text.len() - text.trim_start().len();
            self.report_key(key, at + leading);
        }
    }

    fn report_key(&mut self, key: &str, at: usize) {
        let lang = if self.page.path.starts_with("en/") {
            "en"
        } else {
            "th"
        };
        let problem = self
            .page
            .error(
                "untranslated-key",
                at,
                format!("'{key}' looks like an interface-string key shown instead of its text"),
            )
            .with_value(key)
            .with_hint(format!(
                "give '{key}' a text in templates/i18n/{lang}.toml, or print it in the template as {{{{ t.{key} }}}}"
            ));
        self.page.found.push(problem);
    }
}

/// Where an `<svg role="img">` starts, if its attributes give it no name (a `<title>` child may).
pub(super) fn unnamed_svg(tag: &Tag<'_>) -> Option<usize> {
    let is_image = tag.name == "svg"
        && tag
            .value("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("img"));
    if !is_image {
        return None;
    }
    let named = ["aria-label", "aria-labelledby"]
        .iter()
        .any(|a| tag.value(a).is_some_and(|v| !v.trim().is_empty()));
    (!named).then_some(tag.at)
}

/// `nav_home`: lower-case letters and digits in at least two parts joined by `_`, starting with a
/// letter. Labels people read are never written so, which keeps this cheap test precise.
pub(super) fn looks_like_key(text: &str) -> bool {
    text.contains('_')
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.split('_').all(is_key_part)
}

pub(super) fn is_key_part(part: &str) -> bool {
    !part.is_empty()
        && part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_keys() {
        for key in ["nav_home", "a_b", "col_factories_total", "step2_x"] {
            assert!(looks_like_key(key), "{key}");
        }
        for text in [
            "Home",
            "nav",
            "nav-home",
            "_nav",
            "nav_",
            "Nav_home",
            "nav__home",
            "2_x",
            "ไทย_x",
            "",
        ] {
            assert!(!looks_like_key(text), "{text}");
        }
    }
}
