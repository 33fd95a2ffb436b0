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
//!
//! The parts: this file runs the passes and holds what they share; `markup` scans one page (the
//! first pass), `addresses` reads URLs out of `srcset` and CSS, `links` resolves every link (the
//! second pass), `twins` pairs the languages.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

mod addresses;
mod links;
mod markup;
mod twins;

pub(crate) use links::percent_decode;

use addresses::css_urls;
use links::{Base, LinkIndex, Target, check_links, resolve};
use markup::scan_markup;
use twins::missing_twins;

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
    scanned: Mutex<Scans>,
    paths: Mutex<Paths>,
}

/// The paths of the site's files, held as hashes of the paths: the check only asks whether a
/// path is there, and a large site's 380,000 paths took 50 MB as text (a false "there" would
/// need two paths with the same 64-bit hash). The pages, whose paths the twin check lists, keep
/// theirs in [`Scanned`].
#[derive(Default)]
pub(super) struct Paths(HashSet<u64>);

impl Paths {
    fn insert(&mut self, path: &str) {
        self.0.insert(path_hash(path));
    }

    pub(super) fn contains(&self, path: &str) -> bool {
        self.0.contains(&path_hash(path))
    }
}

/// The scanned files, and where each is among them (by a hash of its path, checked against the
/// path: the index holds no second copy of a large site's paths).
#[derive(Default)]
struct Scans {
    pages: Vec<Scanned>,
    at: HashMap<u64, usize>,
}

impl Scans {
    fn push(&mut self, page: Scanned) {
        self.at.insert(path_hash(&page.path), self.pages.len());
        self.pages.push(page);
    }

    fn get(&self, path: &str) -> Option<&Scanned> {
        let page = &self.pages[*self.at.get(&path_hash(path))?];
        (*page.path == *path).then_some(page)
    }
}

fn path_hash(path: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(path)
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
        lock(&self.paths).insert(path);
        if is_chart_download(path) {
            return;
        }
        let Some(mut page) = scan_file(path, bytes) else {
            return;
        };
        // A link to a file already here, and to one of its ids if it has a fragment, needs no
        // second look. Files come in build order, the static files, charts and data files before
        // the pages that link to them, an area's page before its charts' embed pages, so this
        // settles most links at once and the check keeps only the rest: at 100× the sample
        // (130,000 pages), 0.8 of 1.8 million links.
        let mut links = std::mem::take(&mut page.links);
        let paths = lock(&self.paths);
        let mut scanned = lock(&self.scanned);
        links.retain(|link| !settled(&page, link, &self.base, &paths, &scanned));
        drop(paths);
        // Kept to the end of a build: without its room for the links settled now, a large
        // site's check held 70 MB more.
        links.shrink_to_fit();
        page.links = links;
        scanned.push(page);
    }

    /// A page of the published site that this build does not render again (an incremental
    /// build): its ids count as anchors for the links of the pages that are checked, and it was
    /// checked itself when it was written, so its own links and problems are not looked at.
    pub fn known(&self, path: &str, bytes: &[u8]) {
        lock(&self.paths).insert(path);
        if let Some(mut page) = scan_file(path, bytes) {
            page.links.clear();
            page.found.clear();
            lock(&self.scanned).push(page);
        }
    }

    /// Settles the links of the scanned pages that their published versions (`published`) had
    /// already, to files not scanned now: an incremental build renders a few pages again, and a
    /// link the last build checked, into a page that has not changed since, is still good. Only
    /// the links that are new need the pages they point into.
    pub fn trust_published_links(&self, published: &dyn Fn(&str) -> Option<Vec<u8>>) {
        let mut scanned = lock(&self.scanned);
        let here: HashSet<String> = scanned.pages.iter().map(|p| p.path.to_string()).collect();
        for page in scanned.pages.iter_mut() {
            if page.links.is_empty() {
                continue;
            }
            let Some(old) = published(&page.path).and_then(|b| scan_file(&page.path, &b)) else {
                continue;
            };
            let before: HashSet<&str> = old.links.iter().map(|l| l.url.as_ref()).collect();
            let mut links = std::mem::take(&mut page.links);
            links.retain(|link| {
                let url = link.url.trim_matches(|c: char| c.is_ascii_whitespace());
                let unchanged_target = match resolve(page, url, &self.base) {
                    Target::File(path, _) => !here.contains(&path),
                    _ => false,
                };
                !(unchanged_target && before.contains(link.url.as_ref()))
            });
            page.links = links;
        }
    }

    /// The files that links with a fragment point into but that were not scanned: an
    /// incremental build reads them with [`Checker::known`] before [`Checker::finish`].
    pub fn anchor_targets(&self) -> Vec<String> {
        let scanned = lock(&self.scanned);
        let here: HashSet<&str> = scanned.pages.iter().map(|p| p.path.as_ref()).collect();
        let mut targets: Vec<String> = Vec::new();
        for page in scanned.pages.iter() {
            for link in &page.links {
                let url = link.url.trim_matches(|c: char| c.is_ascii_whitespace());
                if let Target::File(path, Some(_)) = resolve(page, url, &self.base)
                    && !here.contains(path.as_str())
                {
                    targets.push(path);
                }
            }
        }
        targets.sort_unstable();
        targets.dedup();
        targets
    }

    /// The ids of a page as the check reads them (for an incremental build to tell whether a
    /// page it renders again lost an id that unchanged pages may link to).
    pub fn anchors_of(path: &str, bytes: &[u8]) -> Vec<String> {
        scan_file(path, bytes)
            .map(|p| p.anchors.iter().map(|a| a.to_string()).collect())
            .unwrap_or_default()
    }

    /// A file that will be in the published site although it is not scanned (a PDF printed
    /// later from the staged pages): links to it count as present.
    pub fn expect(&self, path: &str) {
        lock(&self.paths).insert(path);
    }

    /// The second pass: every link against the files and their ids; one error per problem.
    /// `read` gives a file's bytes again, to locate problems in it (only files with problems are
    /// read).
    pub fn finish(self, read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync), diags: &mut Diagnostics) {
        let options = &self.options;
        let scans = self.scanned.into_inner().unwrap_or_else(|e| e.into_inner());
        drop(scans.at);
        let mut pages = scans.pages;
        let files = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        // Files arrive in any order; problems are reported in path order.
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        let by_path: HashMap<&str, &Scanned> = pages
            .iter()
            .filter(|p| p.kind.has_anchors())
            .map(|p| (p.path.as_ref(), p))
            .collect();
        let site = LinkIndex {
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
        let sorted: Vec<&str> = pages.iter().map(|p| p.path.as_ref()).collect();
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

/// Whether `link` is known to be fine already: it leaves the site, or it names a file that is in
/// `paths` and, with a fragment, one of its ids (the page itself, or one in `scanned`). Anything
/// else waits for the second pass, which also words the problem.
fn settled(page: &Scanned, link: &Link, base: &Base, paths: &Paths, scanned: &Scans) -> bool {
    let url = link.url.trim_matches(|c: char| c.is_ascii_whitespace());
    match resolve(page, url, base) {
        Target::Outside => true,
        Target::File(path, None) => paths.contains(&path),
        Target::File(path, Some(fragment)) => {
            if !paths.contains(&path) {
                return false;
            }
            let target = match *path == *page.path {
                true => Some(page),
                false => scanned.get(&path),
            };
            target.is_some_and(|t| {
                t.kind.has_anchors()
                    && (links::is_implicit_anchor(&fragment)
                        || (t.anchors.binary_search_by(|a| a.as_ref().cmp(&fragment))).is_ok())
            })
        }
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
