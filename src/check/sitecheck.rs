//! Checking the rendered site before it is published: links and anchors that lead nowhere, pages
//! missing their twin in the other language, images without text alternatives, duplicate ids,
//! pages without a language, and interface-string keys printed instead of their translation.
//!
//! Validation of the input cannot see these: they come from templates, narratives and the way
//! pages link to each other, and readers only meet them once the site is live. So the check runs
//! on the rendered files themselves ([`SiteFiles`]), in two passes. The first scans every page once
//! (in parallel) and records its ids, its links and the problems visible within the page; the
//! second resolves every link against the file list and the ids of the page it points to. Both
//! passes are linear in the size of the site, and diagnostics come out in file order whatever
//! order the work finished in. A [`Checker`] takes the files one at a time as they are rendered
//! and keeps only what the second pass needs, so a build need not hold the whole site in memory.
//!
//! Every problem is an error located at the offending tag or attribute (`site/th/index.html:12:4`);
//! a build then carries it back to the template or narrative that wrote it
//! ([`crate::check::origin`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::{self, Lines, Tag, Token};
use crate::render::SiteFiles;

/// What the check needs to know beyond the files.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The published address (`base_url` in `site.toml`, ending in `/`). Links that start with it
    /// (canonical and hreflang links) are checked like relative ones, and links from the root
    /// (`/…`, used by `404.html`) must start with its path. Empty: absolute URLs are not checked
    /// and `/x` means `x` at the site root.
    pub base_url: String,
    /// The output folder as diagnostics name it: `site` gives `site/th/index.html`.
    pub folder: String,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            base_url: String::new(),
            folder: "site".into(),
        }
    }
}

/// Checks `files` with the default options (no base URL, files named under `site/`).
pub fn check_site(files: &SiteFiles, diags: &mut Diagnostics) {
    check_site_with(files, &CheckOptions::default(), diags);
}

/// Checks every page, stylesheet, SVG and XML file of `files`, adding one error per problem.
pub fn check_site_with(files: &SiteFiles, options: &CheckOptions, diags: &mut Diagnostics) {
    let checker = Checker::new(options);
    files
        .par_iter()
        .for_each(|(path, bytes)| checker.scan(path, bytes));
    checker.finish(&|path| files.get(path).cloned(), diags);
}

/// A check of a site whose files arrive one at a time, from any thread, as they are rendered.
/// Each file is scanned when it arrives (the first pass) and only its ids, problems and the links
/// that cannot be settled yet are kept; [`Checker::finish`] resolves those (the second pass).
pub struct Checker {
    options: CheckOptions,
    base: Base,
    scanned: Mutex<Vec<Scanned>>,
    paths: Mutex<HashSet<String>>,
}

impl Checker {
    pub fn new(options: &CheckOptions) -> Checker {
        Checker {
            options: options.clone(),
            base: Base::new(&options.base_url),
            scanned: Mutex::default(),
            paths: Mutex::default(),
        }
    }

    /// The first pass over one file of the site.
    pub fn scan(&self, path: &str, bytes: &[u8]) {
        lock(&self.paths).insert(path.to_string());
        if is_chart_download(path) {
            return;
        }
        let Some(mut page) = scan_file(path, bytes) else {
            return;
        };
        // A link without a fragment to a file already here needs no second look. Files come
        // in build order, charts and data files before the pages that link to them, so this
        // settles most links at once and the check keeps only the rest.
        let mut links = std::mem::take(&mut page.links);
        let paths = lock(&self.paths);
        links.retain(|link| !settled(&page, link, &self.base, &paths));
        drop(paths);
        page.links = links;
        lock(&self.scanned).push(page);
    }

    /// A file that will be in the published site although it is not scanned (a PDF printed
    /// later from the staged pages): links to it count as present.
    pub fn expect(&self, path: &str) {
        lock(&self.paths).insert(path.to_string());
    }

    /// The second pass: every link against the files and their ids; one error per problem.
    /// `read` gives a file's bytes again, to locate problems in it (only files with problems are
    /// read).
    pub fn finish(self, read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync), diags: &mut Diagnostics) {
        let options = &self.options;
        let mut pages = self.scanned.into_inner().unwrap_or_else(|e| e.into_inner());
        let paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        let files: HashSet<&str> = paths.iter().map(String::as_str).collect();
        // Files arrive in any order; problems are reported in path order.
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let by_path: HashMap<&str, &Scanned> = pages
            .iter()
            .filter(|p| p.kind.has_anchors())
            .map(|p| (p.path.as_ref(), p))
            .collect();
        let site = Site {
            files: &files,
            pages: by_path,
            base: self.base,
        };
        let link_problems: Vec<Vec<Diagnostic>> = pages
            .par_iter()
            .map(|page| locate(&page.path, check_links(page, &site), read))
            .collect();
        let mut found: Vec<Diagnostic> = Vec::new();
        for (page, links) in pages.iter().zip(link_problems) {
            found.extend(page.found.iter().cloned());
            found.extend(links);
        }
        let mut sorted: Vec<&str> = files.iter().copied().collect();
        sorted.sort_unstable();
        found.extend(missing_twins(&sorted, &files));
        // Pages were checked in file order; within a page, keep problems in the order of the text.
        found.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        for mut diagnostic in found {
            diagnostic.file = display_path(&options.folder, &diagnostic.file);
            diags.push(diagnostic);
        }
    }
}

/// A chart's standalone SVG (`charts/…/<id>.svg`): the same drawing as the SVG inlined on the
/// pages that show the chart, which are checked, so reading it again finds nothing new; a large
/// site has a hundred thousand of them.
fn is_chart_download(path: &str) -> bool {
    path.starts_with("charts/") && path.ends_with(".svg")
}

/// Whether `link` is known to be fine already: it leaves the site, or it names a file (without a
/// fragment) that is in `paths`.
fn settled(page: &Scanned, link: &Link, base: &Base, paths: &HashSet<String>) -> bool {
    let url = link.url.trim_matches(|c: char| c.is_ascii_whitespace());
    match resolve(page, url, base) {
        Target::Outside => true,
        Target::File(path, None) => paths.contains(&path),
        _ => false,
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn display_path(folder: &str, path: &str) -> String {
    if folder.is_empty() {
        path.to_string()
    } else {
        format!("{}/{path}", folder.trim_end_matches('/'))
    }
}

/// What kind of file a path is, by its extension; `None` for files the check does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Svg,
    Css,
    Xml,
}

impl Kind {
    fn of(path: &str) -> Option<Kind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Kind::Html),
            "svg" => Some(Kind::Svg),
            "css" => Some(Kind::Css),
            "xml" => Some(Kind::Xml),
            _ => None,
        }
    }

    /// Whether a `#fragment` pointing into such a file can be checked against its ids.
    fn has_anchors(self) -> bool {
        matches!(self, Kind::Html | Kind::Svg)
    }
}

/// One scanned file: what other files may point at, what it points at, and its own problems
/// (named by site path; the output folder is added when they are reported).
struct Page<'a> {
    path: &'a str,
    kind: Kind,
    text: Cow<'a, str>,
    lines: OnceLock<Lines>,
    /// Ids, and names of `<a name>`, that a `#fragment` may name.
    anchors: HashSet<String>,
    links: Vec<Link>,
    found: Vec<Diagnostic>,
}

impl Page<'_> {
    fn position(&self, at: usize) -> (u64, u64) {
        self.lines
            .get_or_init(|| Lines::new(&self.text))
            .position(&self.text, at)
    }

    fn error(&self, code: &'static str, at: usize, message: String) -> Diagnostic {
        let (line, column) = self.position(at);
        Diagnostic::error(code, self.path, message).at(line, column)
    }
}

/// A URL in a file, with the attribute (or `url()`) it was found in.
struct Link {
    at: usize,
    source: &'static str,
    url: Box<str>,
}

/// What the second pass needs of a scanned file, without its text. A large site keeps one per
/// file until the end, so it is kept small: sorted anchors to search, exact-size strings.
struct Scanned {
    path: Box<str>,
    kind: Kind,
    /// Sorted, each once.
    anchors: Vec<Box<str>>,
    links: Vec<Link>,
    found: Vec<Diagnostic>,
}

impl Scanned {
    /// An error in this file, given its line and column later by [`locate`].
    fn error(&self, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::error(code, &self.path, message)
    }

    /// The page's folder with a trailing `/` (empty at the root), for hints.
    fn folder(&self) -> &str {
        self.path.rfind('/').map_or("", |i| &self.path[..=i])
    }
}

/// A problem found in the second pass and the byte offset it is at: the text is no longer at
/// hand, so lines and columns are worked out afterwards, for the few files that have problems.
type Located = (Diagnostic, usize);

/// Gives each problem its line and column, reading each file with problems once with `read`
/// (from the staging folder, or memory); without the text, a problem is put at line 1.
fn locate(
    file: &str,
    problems: Vec<Located>,
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Vec<Diagnostic> {
    if problems.is_empty() {
        return Vec::new();
    }
    let bytes = read(file).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let lines = Lines::new(&text);
    problems
        .into_iter()
        .map(|(diagnostic, at)| {
            let (line, column) = match text.is_empty() {
                true => (1, 1),
                false => lines.position(&text, at),
            };
            diagnostic.at(line, column)
        })
        .collect()
}

fn sorted(anchors: HashSet<String>) -> Vec<Box<str>> {
    let mut anchors: Vec<Box<str>> = anchors.into_iter().map(String::into_boxed_str).collect();
    anchors.sort_unstable();
    anchors
}

fn scan_file(path: &str, bytes: &[u8]) -> Option<Scanned> {
    let page = scan_page(path, bytes)?;
    Some(Scanned {
        path: path.into(),
        kind: page.kind,
        anchors: sorted(page.anchors),
        links: page.links,
        found: page.found,
    })
}

fn scan_page<'a>(path: &'a str, bytes: &'a [u8]) -> Option<Page<'a>> {
    let kind = Kind::of(path)?;
    // Validated once: a valid page (every one we write) is read in place.
    let (text, invalid) = match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(err) => (String::from_utf8_lossy(bytes), Some(err)),
    };
    let mut page = Page {
        path,
        kind,
        text,
        lines: OnceLock::new(),
        anchors: HashSet::new(),
        links: Vec::new(),
        found: Vec::new(),
    };
    if let Some(err) = invalid {
        // Offsets in the lossy text match the bytes up to the first bad one.
        let at = err.valid_up_to();
        let problem = page
            .error("invalid-utf8", at, format!("{path} is not valid UTF-8"))
            .with_value(path)
            .with_hint("pages are written as UTF-8: check the template or narrative that produced this byte");
        page.found.push(problem);
    }
    match kind {
        Kind::Css => {
            let urls = css_urls(&page.text);
            for (at, url) in urls {
                page.links.push(Link {
                    at,
                    source: "url()",
                    url: url.into(),
                });
            }
        }
        _ => scan_markup(&mut page),
    }
    Some(page)
}

/// Attributes whose value lists ids of elements on the same page.
const ID_REFERENCES: &[&str] = &[
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
const SVG_URL_ATTRIBUTES: &[&str] = &[
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
const TEXT_ATTRIBUTES: &[&str] = &["aria-label", "alt", "title", "placeholder"];

/// Elements whose text is code, where a `snake_case` word is expected.
const CODE_ELEMENTS: &[&str] = &["code", "pre", "kbd", "samp", "var", "script", "style"];

/// How far up the open elements an end tag is matched: enough for any real page, and it keeps a
/// page full of unclosed tags from making the scan quadratic.
const MAX_MATCH_DEPTH: usize = 256;

/// The state of scanning one HTML, SVG or XML file whose text lives for `'t`.
struct MarkupScan<'p, 'a, 't> {
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
struct Open<'t> {
    name: Cow<'t, str>,
    /// For `<svg role="img">` without a name in its attributes: where it starts, until a
    /// `<title>` child names it.
    unnamed_svg: Option<usize>,
}

/// Scans an HTML, SVG or XML file into `page`.
fn scan_markup(page: &mut Page<'_>) {
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
fn unnamed_svg(tag: &Tag<'_>) -> Option<usize> {
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
fn looks_like_key(text: &str) -> bool {
    text.contains('_')
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.split('_').all(is_key_part)
}

fn is_key_part(part: &str) -> bool {
    !part.is_empty()
        && part
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The URLs of a `srcset`: each candidate is a URL, then an optional descriptor, then a comma.
fn srcset_urls(srcset: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(',');
        urls.push(url);
        // A descriptor, if any, runs to the next comma; a URL ending in a comma has none.
        rest = if rest[..end].ends_with(',') {
            &rest[end..]
        } else {
            rest[end..].find(',').map_or("", |i| &rest[end + i..])
        };
    }
}

/// The URLs of `url(…)` and `@import "…"` in CSS, with the offset of each `url(` or string.
/// Comments are skipped, and so are other strings (`content: "url(x)"` loads nothing).
fn css_urls(css: &str) -> Vec<(usize, String)> {
    let bytes = css.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    let mut after_import = false;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(b"/*") {
            i = css[i + 2..].find("*/").map_or(css.len(), |j| i + 2 + j + 2);
        } else if b == b'"' || b == b'\'' {
            let end = css[i + 1..]
                .find(b as char)
                .map_or(css.len(), |j| i + 1 + j);
            if after_import {
                urls.push((i, css[i + 1..end].to_string()));
            }
            after_import = false;
            i = (end + 1).min(css.len());
        } else if is_url_function(css, i) {
            let (url, end) = url_argument(css, i + 4);
            urls.push((i, url));
            after_import = false;
            i = end;
        } else if bytes[i..].starts_with(b"@import") {
            after_import = true;
            i += 7;
        } else {
            if !b.is_ascii_whitespace() {
                after_import = false;
            }
            i += 1;
        }
    }
    urls
}

/// `url(` at `i`, not the end of a longer name such as `myurl(`.
fn is_url_function(css: &str, i: usize) -> bool {
    let bytes = css.as_bytes();
    bytes.len() >= i + 4
        && bytes[i..i + 4].eq_ignore_ascii_case(b"url(")
        && (i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'-' | b'_')))
}

/// The argument of a `url(` whose contents start at `start`, and the offset after its `)`.
fn url_argument(css: &str, start: usize) -> (String, usize) {
    let inner_start = start + (css[start..].len() - css[start..].trim_start().len());
    let rest = &css[inner_start..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let end = rest[1..].find(quote).map_or(rest.len(), |j| 1 + j);
        let close = rest[end..]
            .find(')')
            .map_or(css.len(), |j| inner_start + end + j + 1);
        (rest[1..end].to_string(), close)
    } else {
        let end = rest.find(')').unwrap_or(rest.len());
        (
            rest[..end].trim().to_string(),
            (inner_start + end + 1).min(css.len()),
        )
    }
}

/// What the link check looks things up in.
struct Site<'a> {
    files: &'a HashSet<&'a str>,
    pages: HashMap<&'a str, &'a Scanned>,
    base: Base,
}

/// The published address, split for resolving absolute links.
struct Base {
    /// `https://host/path/`, or empty when unknown.
    url: String,
    /// `/path/`.
    path: String,
}

impl Base {
    fn new(base_url: &str) -> Base {
        let url = if base_url.is_empty() || base_url.ends_with('/') {
            base_url.to_string()
        } else {
            format!("{base_url}/")
        };
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let path = after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string());
        Base { url, path }
    }
}

/// Where a link leads, once resolved against its page.
enum Target {
    /// Nothing to check: another site, an e-mail address, the page itself without a fragment.
    Outside,
    /// A file of the site, and the fragment (decoded) if there is one.
    File(String, Option<String>),
    /// `../` beyond the root of the site.
    AboveRoot,
    /// `/x` that does not start with the base path.
    OutsideBase,
}

fn check_links(page: &Scanned, site: &Site<'_>) -> Vec<Located> {
    let mut found = Vec::new();
    for link in &page.links {
        // CSS fragments (`url(#x)` in a stylesheet file) name things in the page using it.
        if page.kind == Kind::Css && link.url.trim_start().starts_with('#') {
            continue;
        }
        if let Some(problem) = check_link(page, link, site) {
            found.push(problem);
        }
    }
    found
}

fn check_link(page: &Scanned, link: &Link, site: &Site<'_>) -> Option<Located> {
    link_problem(page, link, site).map(|problem| (problem, link.at))
}

fn link_problem(page: &Scanned, link: &Link, site: &Site<'_>) -> Option<Diagnostic> {
    let url = link.url.trim_matches(|c: char| c.is_ascii_whitespace());
    let source = link.source;
    match resolve(page, url, &site.base) {
        Target::Outside => None,
        Target::AboveRoot => Some(
            page.error(
                "broken-link",
                format!("{source} '{url}' goes above the site's root folder"),
            )
            .with_value(url)
            .with_hint(format!(
                "remove a '../': links are relative to the page's folder ({})",
                shown_folder(page)
            )),
        ),
        Target::OutsideBase => Some(
            page.error(
                "broken-link",
                format!(
                    "{source} '{url}' is outside the site's base path {}",
                    site.base.path
                ),
            )
            .with_value(url)
            .with_hint(format!(
                "links from the root must start with {}, the path of base_url in site.toml",
                site.base.path
            )),
        ),
        Target::File(path, fragment) => {
            if !site.files.contains(path.as_str()) {
                return Some(missing_file(page, link, url, &path, site));
            }
            let fragment = fragment?;
            let target = site.pages.get(path.as_str())?;
            let found = target
                .anchors
                .binary_search_by(|a| a.as_ref().cmp(&fragment));
            if found.is_ok() || is_implicit_anchor(&fragment) {
                return None;
            }
            Some(broken_anchor(page, link, url, target, &fragment))
        }
    }
}

fn missing_file(page: &Scanned, link: &Link, url: &str, path: &str, site: &Site<'_>) -> Diagnostic {
    let folder_index = format!("{path}/index.html");
    let hint = if site.files.contains(folder_index.as_str()) {
        format!(
            "{path} is a folder: link to '{}/' (or its index.html) so the link also works when the site is opened from disk",
            url.split(['#', '?']).next().unwrap_or(url)
        )
    } else {
        format!(
            "fix the address in the template or narrative, or publish the missing file; links are relative to the page's folder ({})",
            shown_folder(page)
        )
    };
    page.error(
        "broken-link",
        format!(
            "{} '{url}' points to {path}, which is not in the site",
            link.source
        ),
    )
    .with_value(url)
    .with_hint(hint)
}

fn broken_anchor(
    page: &Scanned,
    link: &Link,
    url: &str,
    target: &Scanned,
    fragment: &str,
) -> Diagnostic {
    let where_ = if std::ptr::eq(page, target) {
        "this page".to_string()
    } else {
        target.path.to_string()
    };
    let mut hint = format!(
        "add id=\"{fragment}\" to the element the link is meant for, or correct the fragment"
    );
    if let Some(near) = nearest(fragment, &target.anchors) {
        hint.push_str(&format!("; did you mean '#{near}'?"));
    }
    page.error(
        "broken-anchor",
        format!(
            "{} '{url}': {where_} has no element with id '{fragment}'",
            link.source
        ),
    )
    .with_value(url)
    .with_hint(hint)
}

/// The page's folder as hints show it.
fn shown_folder(page: &Scanned) -> String {
    match page.folder() {
        "" => "the site root".to_string(),
        folder => folder.to_string(),
    }
}

/// Fragments a browser understands without an element: the top of the page and text fragments.
fn is_implicit_anchor(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:")
}

/// The id closest to `wanted`, if one is close enough to be a likely typo.
fn nearest<'a>(wanted: &str, ids: &'a [Box<str>]) -> Option<&'a str> {
    ids.iter()
        .map(|id| (strsim::levenshtein(wanted, id), id.as_ref()))
        .filter(|&(distance, _)| distance <= 2.max(wanted.chars().count() / 4))
        .min()
        .map(|(_, id)| id)
}

/// Resolves `url` as written in `page` to a file of the site.
fn resolve(page: &Scanned, url: &str, base: &Base) -> Target {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((before, fragment)) => (before, Some(percent_decode(fragment))),
        None => (url, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    if let Some(rest) = (!base.url.is_empty())
        .then(|| path.strip_prefix(base.url.as_str()))
        .flatten()
    {
        return folder_path(Vec::new(), rest)
            .map_or(Target::AboveRoot, |p| Target::File(p, fragment));
    }
    if is_external(url) {
        return Target::Outside;
    }
    if path.is_empty() {
        return match fragment {
            Some(fragment) => Target::File(page.path.to_string(), Some(fragment)),
            None => Target::Outside,
        };
    }
    let (start, rest) = match path.strip_prefix('/') {
        Some(_) => match path.strip_prefix(base.path.as_str()) {
            Some(rest) => (Vec::new(), rest),
            None => return Target::OutsideBase,
        },
        None => (
            page.folder()
                .split('/')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            path,
        ),
    };
    folder_path(start, rest).map_or(Target::AboveRoot, |p| Target::File(p, fragment))
}

/// Walks `rest` from the folder `parts`; a path that ends in a folder means its `index.html`.
/// `None` if it climbs above the root.
fn folder_path(mut parts: Vec<String>, rest: &str) -> Option<String> {
    let mut is_folder = true;
    for segment in rest.split('/') {
        is_folder = true;
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => {
                parts.push(percent_decode(segment));
                is_folder = false;
            }
        }
    }
    if is_folder {
        parts.push("index.html".into());
    }
    Some(parts.join("/"))
}

/// `https:`, `mailto:`, `data:`, `//host/…`: anything with a scheme or a host.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let Some(end) = url.find([':', '/', '?', '#']) else {
        return false;
    };
    let scheme = &url[..end];
    url[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Pages under `th/` without the same page under `en/`, and the other way round; `sorted` is
/// `files` in path order.
fn missing_twins(sorted: &[&str], files: &HashSet<&str>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for &path in sorted.iter().filter(|p| Kind::of(p) == Some(Kind::Html)) {
        let Some((lang, other, rest)) = split_lang(path) else {
            continue;
        };
        let twin = format!("{other}/{rest}");
        if !files.contains(twin.as_str()) {
            found.push(
                Diagnostic::error(
                    "missing-twin",
                    path,
                    format!("{path} has no {} twin: {twin} is missing", language_name(other)),
                )
                .with_value(twin)
                .with_hint(format!(
                    "every page is published in Thai and English (the language switch links to the twin): render the {} page too, or remove this {} one",
                    language_name(other),
                    language_name(lang)
                )),
            );
        }
    }
    found
}

/// `th/x/index.html` → (`th`, `en`, `x/index.html`).
fn split_lang(path: &str) -> Option<(&'static str, &'static str, &str)> {
    if let Some(rest) = path.strip_prefix("th/") {
        Some(("th", "en", rest))
    } else {
        path.strip_prefix("en/").map(|rest| ("en", "th", rest))
    }
}

fn language_name(lang: &str) -> &'static str {
    if lang == "th" { "Thai" } else { "English" }
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

    #[test]
    fn knows_external_urls() {
        for url in [
            "https://x",
            "http:x",
            "mailto:a@b",
            "tel:+66",
            "//cdn/x",
            "data:image/png,xx",
            "javascript:void(0)",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in ["x.html", "../a:b", "a/b:c", "#x", "?q=a:b", "", "/x"] {
            assert!(!is_external(url), "{url}");
        }
    }

    #[test]
    fn walks_folders() {
        let up = |p: &str| p.split('/').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            folder_path(up("th/areas"), "../index.html").as_deref(),
            Some("th/index.html")
        );
        assert_eq!(
            folder_path(up("th/areas"), "x/").as_deref(),
            Some("th/areas/x/index.html")
        );
        assert_eq!(
            folder_path(up("th/areas"), "..").as_deref(),
            Some("th/index.html")
        );
        assert_eq!(
            folder_path(up("th/areas"), "./a%20b.csv").as_deref(),
            Some("th/areas/a b.csv")
        );
        assert_eq!(folder_path(up("th"), "../../x"), None);
    }

    #[test]
    fn reads_srcset_and_css_urls() {
        assert_eq!(
            srcset_urls("a.png 1x, b.png 2x,c.png"),
            ["a.png", "b.png", "c.png"]
        );
        assert_eq!(
            srcset_urls("data:image/png;base64,AA= 1x"),
            ["data:image/png;base64,AA="]
        );
        let css = "/* url(no) */ @import \"a.css\"; p { content: \"url(no)\"; background: URL( 'b c.png' ) } q { x: url(d.woff2) } myurl(no)";
        let urls: Vec<String> = css_urls(css).into_iter().map(|(_, u)| u).collect();
        assert_eq!(urls, ["a.css", "b c.png", "d.woff2"]);
        assert_eq!(css_urls("url(")[0].1, "");
        assert_eq!(css_urls("url('x")[0].1, "x");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("a%20b%E0%B8%81%zz%"), "a bก%zz%");
    }

    #[test]
    fn base_paths() {
        assert_eq!(Base::new("https://h.example/repo").path, "/repo/");
        assert_eq!(Base::new("https://h.example/").path, "/");
        assert_eq!(Base::new("").path, "/");
    }
}
