//! Rendering: turns a loaded [`Site`] into the files of the static site.
//!
//! The renderer is kept apart from the model (mdBook's rule): [`pages`] builds a small context
//! per page from the model, [`crate::theme`] supplies the templates, and this module renders every page
//! of both languages in parallel. Each file goes to a [`Sink`] as soon as it is ready (memory, or
//! a build's staging folder and site check), so a site far larger than the sample is never held
//! in memory whole. Nothing here touches the disk.
//!
//! Past 600 lines: the order in which a build draws charts and renders pages (a language at a
//! time, the areas a batch at a time, the files the site check settles links against first) is
//! one function, [`render_site_with`], and reads best beside the jobs it orders.

pub mod briefs;
pub mod charts;
pub mod compare;
pub mod downloads;
pub mod embed;
pub mod flows;
pub mod pages;
pub mod progress;
pub mod search;
pub mod sitemap;
pub mod updates;
pub mod view;

use rayon::prelude::*;
use serde::Serialize;

use crate::data::{Dimension, Lang};
use crate::diagnostics::Diagnostics;
use crate::i18n::{Collators, Strings, format};
use crate::site::Site;

/// The files of a rendered site, as paths relative to the output folder with their bytes.
/// A `BTreeMap` keeps the write order (and any listing of it) deterministic.
pub type SiteFiles = std::collections::BTreeMap<String, Vec<u8>>;

/// Where rendered files go, each as soon as it is ready. Pages and charts are rendered in
/// parallel, so `put` is called from many threads at once.
pub trait Sink: Sync {
    fn put(&self, path: String, bytes: Vec<u8>);
}

/// Collects the files in memory, for `check` and for tests.
impl Sink for std::sync::Mutex<SiteFiles> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        let mut files = self.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path, bytes);
    }
}

/// Which files a build renders. A full build renders all of them; an incremental build
/// (`crate::deps`) only those that depend on what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The pages that show these narratives, in both languages (a narrative missing in one
    /// language falls back to the other's), the pages rendered with these templates, and each
    /// language's search index, which holds the narratives' text. Nothing else reads a
    /// narrative's body or a page template; a narrative's front matter (title, description,
    /// pinned indicators) is read elsewhere, so a change there is not this scope.
    Some {
        narratives: std::collections::BTreeSet<crate::content::NarrativeKey>,
        templates: std::collections::BTreeSet<String>,
    },
}

/// The templates pages are rendered with, one per kind of page ([`Job::template`]), that a
/// scoped build can render again alone. Not `downloads.html`: its pages list the open data, which
/// only a full build makes.
pub const PAGE_TEMPLATES: &[&str] = &[
    "404.html",
    "about.html",
    "area.html",
    "areas.html",
    "brief.html",
    "dimension.html",
    "embed.html",
    "home.html",
    "indicator.html",
    "indicators.html",
    "methodology.html",
    "page.html",
    "progress.html",
    "province.html",
    "provinces.html",
    "search.html",
    "symbiosis.html",
    "updates.html",
];

impl Scope {
    fn all(&self) -> bool {
        matches!(self, Scope::All)
    }

    /// Whether `job`'s page is in scope.
    fn has(&self, job: &Job) -> bool {
        use crate::content::NarrativeKey as K;
        let Scope::Some {
            narratives,
            templates,
        } = self
        else {
            return true;
        };
        if templates.contains(job.template()) {
            return true;
        }
        let key = match job {
            Job::Home(_) => K::Home,
            Job::Province(_, p) | Job::Brief(_, p) => K::Province(p.code.clone()),
            Job::Area(_, a) => K::Area(a.id.clone()),
            Job::Indicator(_, i) => K::Indicator(i.id.clone()),
            Job::Methodology(_) => K::Page("methodology".into()),
            Job::About(_) => K::Page("about".into()),
            Job::FreePage(_, slug) => K::Page(slug.clone()),
            _ => return false,
        };
        narratives.contains(&key)
    }

    /// Which charts the pages in scope show (the search index reads the comparison charts).
    fn charts(&self) -> charts::Wanted {
        use crate::content::NarrativeKey as K;
        let Scope::Some {
            narratives,
            templates,
        } = self
        else {
            return charts::Wanted::All;
        };
        if !templates.is_empty() {
            return charts::Wanted::All;
        }
        let mut areas = Vec::new();
        for key in narratives {
            match key {
                K::Area(id) => areas.push(id.clone()),
                K::Page(_) => {}
                _ => return charts::Wanted::All,
            }
        }
        charts::Wanted::Areas(areas)
    }
}

/// Takes files and keeps none: where the files a scoped build does not publish again go.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: String, _: Vec<u8>) {}
}

/// What every page of one language shares, converted to template values once per build.
/// (tera values are reference-counted, so handing them to each page costs a pointer copy.)
pub struct Globals {
    pub t: tera::Value,
    pub site: tera::Value,
}

#[derive(Serialize)]
struct SiteInfo {
    title: String,
    publisher: String,
    sample: bool,
    /// The sample banner: the built-in words, with the site's `[sample_note]` if it has one.
    sample_banner: String,
    data_as_of: String,
    /// When the data last changed: the newest entry of the update log (the build's date when
    /// the log is empty), as every page's footer says.
    updated: String,
    licence: String,
    base_url: String,
    /// The path part of `base_url` (`/` or `/repo/`), for a site's own templates that link from
    /// the server's root; the built-in 404.html, served at any depth, links to absolute addresses
    /// built from `base_url` instead.
    base_path: String,
    /// The site's brand colour (`[look] brand`, checked), if it sets one.
    brand: Option<String>,
    /// The site's logo (`[look] logo`, a path under the published `static/`), if it has one.
    logo: Option<String>,
}

fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Everything the page builders need, borrowed from the loaded site.
pub struct Renderer<'s> {
    pub site: &'s Site,
    pub strings: &'s Strings,
    pub collators: Collators,
    pub globals: [Globals; 2],
    /// The open-data files (without their bytes, which have gone out already), for the
    /// downloads page to list; filled in by [`render_site_into`].
    pub downloads: Vec<crate::publish::downloads::Download>,
    /// Every chart, drawn once per language (indexed by `Lang as usize`). While a site renders,
    /// only the language being rendered has its charts here, and of the areas' charts only
    /// those of the batch being rendered ([`charts::batches`]).
    pub charts: [charts::ChartSet; 2],
    /// The indicators whose pages show every area's chart ([`charts::small_multiples`]).
    pub small_multiples: std::collections::BTreeSet<String>,
}

/// One page to render: where it goes, with which template and context.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    /// What the page is, for error messages ("area 'rayong-map-ta-phut' (th)").
    pub what: String,
    pub context: tera::Context,
}

impl Page {
    /// Adds the fields of `context` to the page's context: each template's own inputs are one
    /// `#[derive(Serialize)]` struct (see the end of `pages.rs`), so they read in one place.
    pub fn add(&mut self, context: &impl Serialize) {
        // A struct always serialises to a map, which is all `from_serialize` needs.
        if let Ok(fields) = tera::Context::from_serialize(context) {
            self.context.extend(fields);
        }
    }
}

/// A page to build, before its context exists; jobs are built and rendered in parallel.
enum Job<'s> {
    Home(Lang),
    ProvinceList(Lang),
    Province(Lang, &'s crate::data::Province),
    Brief(Lang, &'s crate::data::Province),
    AreaList(Lang),
    /// The areas of one programme phase, when there is more than one.
    PhaseAreas(Lang, u8),
    Area(Lang, &'s crate::data::Area),
    IndicatorList(Lang),
    Indicator(Lang, &'s crate::data::Indicator),
    Dimension(Lang, &'s Dimension),
    Methodology(Lang),
    About(Lang),
    FreePage(Lang, String),
    Updates(Lang),
    Progress(Lang),
    /// The programme's material flows and symbiosis, when the site has flows.
    Symbiosis(Lang),
    Downloads(Lang),
    /// The search page (its index is written beside it by `render_site_with`).
    Search(Lang),
    /// A chart's embed page.
    Embed(Lang, charts::ChartView),
    NotFound,
}

impl Job<'_> {
    /// The template its page is rendered with (one of [`PAGE_TEMPLATES`]).
    fn template(&self) -> &'static str {
        match self {
            Job::Home(_) => "home.html",
            Job::ProvinceList(_) => "provinces.html",
            Job::Province(..) => "province.html",
            Job::Brief(..) => "brief.html",
            Job::AreaList(_) | Job::PhaseAreas(..) => "areas.html",
            Job::Area(..) => "area.html",
            Job::IndicatorList(_) => "indicators.html",
            Job::Indicator(..) => "indicator.html",
            Job::Dimension(..) => "dimension.html",
            Job::Methodology(_) => "methodology.html",
            Job::About(_) => "about.html",
            Job::FreePage(..) => "page.html",
            Job::Updates(_) => "updates.html",
            Job::Progress(_) => "progress.html",
            Job::Symbiosis(_) => "symbiosis.html",
            Job::Downloads(_) => "downloads.html",
            Job::Search(_) => "search.html",
            Job::Embed(..) => "embed.html",
            Job::NotFound => "404.html",
        }
    }
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site) -> Renderer<'s> {
        let globals = Lang::ALL.map(|lang| Globals {
            t: tera::Value::from_serializable(site.strings.get(lang)),
            site: tera::Value::from_serializable(&SiteInfo {
                title: site.config.title.get(lang).to_string(),
                publisher: site.config.publisher.get(lang).to_string(),
                sample: site.config.sample,
                sample_banner: match &site.config.sample_note {
                    Some(note) => (site.strings.text(lang, "sample_banner_note"))
                        .replace("{note}", note.get(lang).trim()),
                    None => site.strings.text(lang, "sample_banner").to_string(),
                },
                data_as_of: format::date(lang, site.config.as_of),
                updated: site.updates.last().map_or_else(
                    || format::date(lang, site.built),
                    |d| format::date_text(lang, d),
                ),
                licence: site.config.licence.clone(),
                base_url: site.config.base_url.clone(),
                base_path: base_path(&site.config.base_url),
                brand: site.config.look.brand.clone(),
                logo: site.config.look.logo.clone(),
            }),
        });
        Renderer {
            site,
            strings: &site.strings,
            collators: Collators::new(),
            charts: Default::default(),
            small_multiples: charts::small_multiples(site),
            globals,
            downloads: Vec::new(),
        }
    }

    /// The pages of `lang` (and, with Thai, the bilingual 404 page), but not the downloads page,
    /// which [`render_site_into`] renders first.
    fn jobs(&self, lang: Lang) -> Vec<Job<'s>> {
        let data = &self.site.data;
        let mut jobs = match lang {
            Lang::Th => vec![Job::NotFound],
            Lang::En => Vec::new(),
        };
        jobs.extend([
            Job::Home(lang),
            Job::ProvinceList(lang),
            Job::AreaList(lang),
            Job::IndicatorList(lang),
        ]);
        jobs.extend([
            Job::Methodology(lang),
            Job::About(lang),
            Job::Updates(lang),
            Job::Progress(lang),
            Job::Search(lang),
        ]);
        if !data.flows.is_empty() {
            jobs.push(Job::Symbiosis(lang));
        }
        jobs.extend(data.provinces.iter().map(|p| Job::Province(lang, p)));
        jobs.extend(data.provinces.iter().map(|p| Job::Brief(lang, p)));
        jobs.extend(data.areas.iter().map(|a| Job::Area(lang, a)));
        let phases = data.phases();
        if phases.len() > 1 {
            jobs.extend(phases.into_iter().map(|p| Job::PhaseAreas(lang, p)));
        }
        jobs.extend(data.indicators.iter().map(|i| Job::Indicator(lang, i)));
        jobs.extend((data.taxonomy.dimensions.iter()).map(|d| Job::Dimension(lang, d)));
        let free = self
            .site
            .content
            .pages()
            .into_iter()
            .filter(|s| s != "about" && s != "methodology");
        jobs.extend(free.map(|slug| Job::FreePage(lang, slug)));
        jobs
    }

    fn build_page(&self, job: &Job) -> Page {
        match job {
            Job::Home(lang) => self.home(*lang),
            Job::ProvinceList(lang) => self.province_list(*lang),
            Job::Province(lang, p) => self.province(*lang, p),
            Job::Brief(lang, p) => self.brief(*lang, p),
            Job::AreaList(lang) => self.area_list(*lang),
            Job::PhaseAreas(lang, phase) => self.phase_areas(*lang, *phase),
            Job::Area(lang, a) => self.area(*lang, a),
            Job::IndicatorList(lang) => self.indicator_list(*lang),
            Job::Indicator(lang, i) => self.indicator(*lang, i),
            Job::Dimension(lang, d) => self.dimension(*lang, d),
            Job::Methodology(lang) => self.methodology(*lang),
            Job::About(lang) => self.about(*lang),
            Job::FreePage(lang, slug) => self.free_page(*lang, slug),
            Job::Updates(lang) => self.updates_page(*lang, &self.site.updates),
            Job::Progress(lang) => self.progress_page(*lang),
            Job::Symbiosis(lang) => self.symbiosis_page(*lang),
            Job::Downloads(lang) => self.downloads_page(*lang),
            Job::Search(lang) => self.search_page(*lang),
            Job::Embed(lang, chart) => self.embed_page(*lang, chart),
            Job::NotFound => self.not_found(),
        }
    }

    fn render_page(&self, page: &Page, diags: &mut Diagnostics) -> Option<Vec<u8>> {
        match self.site.tera.render(page.template, &page.context) {
            Ok(html) => Some(html.into_bytes()),
            Err(err) => {
                diags.push(crate::theme::template_diagnostic(&err, Some(&page.what)));
                None
            }
        }
    }
}

/// A rendered file: its path in the site and its bytes.
type RenderedFile = (String, Vec<u8>);

impl Renderer<'_> {
    /// When the figures of a page about one area, province, indicator or dimension last
    /// changed: the newest update-log entry that changed them, in the page's language. Other
    /// pages (and a page no entry touched) show the site's newest entry instead.
    fn figures_changed(&self, job: &Job) -> Option<String> {
        let data = &self.site.data;
        let log = &self.site.updates;
        let (lang, date) = match job {
            Job::Area(lang, a) => (lang, log.last_touching(&[a.id.as_str()], &[])),
            Job::Province(lang, p) | Job::Brief(lang, p) => {
                let areas: Vec<&str> = data.areas_in(&p.code).map(|a| a.id.as_str()).collect();
                (lang, log.last_touching(&areas, &[]))
            }
            Job::Indicator(lang, i) => (lang, log.last_touching(&[], &[i.id.as_str()])),
            Job::Dimension(lang, d) => {
                let ids: Vec<&str> = (data.indicators.iter())
                    .filter(|i| i.dimension == d.id)
                    .map(|i| i.id.as_str())
                    .collect();
                (lang, log.last_touching(&[], &ids))
            }
            _ => return None,
        };
        date.map(|d| format::date_text(*lang, d))
    }

    fn render_job(&self, job: &Job, diags: &mut Diagnostics) -> Vec<RenderedFile> {
        let mut page = self.build_page(job);
        if let Some(date) = self.figures_changed(job) {
            page.context.insert("figures_changed", &date);
        }
        // An incremental build picks pages by template: the two must agree.
        debug_assert_eq!(page.template, job.template(), "{}", page.what);
        let mut files = Vec::new();
        if let Some(html) = self.render_page(&page, diags) {
            files.push((page.path.clone(), html));
        }
        // The site root shows the Thai home itself rather than redirecting: no script or
        // meta refresh is needed, and its canonical link points at /th/.
        if matches!(job, Job::Home(Lang::Th)) {
            page.context.insert("root", "");
            page.path = "index.html".into();
            if let Some(html) = self.render_page(&page, diags) {
                files.push((page.path, html));
            }
        }
        files
    }
}

/// Renders `jobs` in parallel into `out`; diagnostics are added in the order of the jobs.
fn render_jobs(renderer: &Renderer, jobs: &[Job], out: &dyn Sink, diags: &mut Diagnostics) {
    let results: Vec<Diagnostics> = jobs
        .par_iter()
        .map(|job| {
            let mut local = Diagnostics::new();
            for (path, html) in renderer.render_job(job, &mut local) {
                out.put(path, html);
            }
            local
        })
        .collect();
    for local in results {
        diags.extend(local);
    }
}

/// Passes files on, remembering the paths of the pages the sitemap lists.
struct Recorder<'o> {
    out: &'o dyn Sink,
    paths: std::sync::Mutex<Vec<String>>,
}

impl Sink for Recorder<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        if sitemap::is_page(&path) {
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            paths.push(path.clone());
        }
        self.out.put(path, bytes);
    }
}

/// Renders every page of both languages and the static assets, in memory.
pub fn render_site(site: &Site, diags: &mut Diagnostics) -> Option<SiteFiles> {
    render_site_in_batches_of(site, charts::AREA_BATCH, diags)
}

/// Renders every page of both languages and the static assets into `out`, each file as soon as
/// it is ready. False if a page could not be rendered (the diagnostics say why).
pub fn render_site_into(site: &Site, out: &dyn Sink, diags: &mut Diagnostics) -> bool {
    render_site_with(site, out, None, diags)
}

/// [`render_site_into`], taking the charts from `charts` (a cache and the digest of this site's
/// chart inputs) when it holds them.
pub fn render_site_with(
    site: &Site,
    out: &dyn Sink,
    charts: Option<(&charts::ChartCache, &str)>,
    diags: &mut Diagnostics,
) -> bool {
    render_scoped(site, out, charts, &Scope::All, diags)
}

/// [`render_site_with`], rendering only what `scope` names.
pub fn render_scoped(
    site: &Site,
    out: &dyn Sink,
    charts: Option<(&charts::ChartCache, &str)>,
    scope: &Scope,
    diags: &mut Diagnostics,
) -> bool {
    render_batched(site, out, charts, scope, charts::AREA_BATCH, diags)
}

/// [`render_site`], drawing the areas' charts `area_batch` areas at a time when the site has
/// more: the output is the same whatever the batch (tested against drawing them all at once).
pub fn render_site_in_batches_of(
    site: &Site,
    area_batch: usize,
    diags: &mut Diagnostics,
) -> Option<SiteFiles> {
    let files = std::sync::Mutex::new(SiteFiles::new());
    let rendered = render_batched(site, &files, None, &Scope::All, area_batch, diags);
    rendered.then(|| files.into_inner().unwrap_or_else(|e| e.into_inner()))
}

fn render_batched(
    site: &Site,
    out: &dyn Sink,
    charts: Option<(&charts::ChartCache, &str)>,
    scope: &Scope,
    area_batch: usize,
    diags: &mut Diagnostics,
) -> bool {
    let out = Recorder {
        out,
        paths: Default::default(),
    };
    let mut renderer = Renderer::new(site);
    crate::timings::mark("renderer");
    if scope.all() {
        // The static files first: every page links to them, and a link to a file already
        // written is settled when its page is checked.
        for (path, bytes) in site.theme.static_files() {
            out.put(format!("static/{path}"), bytes.to_vec());
        }
        // The open-data files go out as they are made (a large site's run to hundreds of
        // megabytes); the downloads page lists them.
        let progress = site.progress.to_json(&site.strings);
        let listed = std::sync::Mutex::new(Vec::new());
        crate::publish::downloads::each_download(site, Some(progress.as_bytes()), &|mut d| {
            out.put(d.path.clone(), std::mem::take(&mut d.bytes));
            listed.lock().unwrap_or_else(|e| e.into_inner()).push(d);
        });
        let mut listed = listed.into_inner().unwrap_or_else(|e| e.into_inner());
        listed.sort_by(|a, b| a.path.cmp(&b.path));
        renderer.downloads = listed;
        render_jobs(&renderer, &Lang::ALL.map(Job::Downloads), &out, diags);
        crate::timings::mark("open data");
    }
    // A scoped build's charts are as published already: their files are not sent again.
    let chart_files: &dyn Sink = if scope.all() { &out } else { &Discard };
    // A full build of a site of more than one batch of areas draws the areas' charts a batch at
    // a time, rendering each batch's area pages and embed pages while it holds them; the
    // preview's chart cache and a scoped build (a few areas) draw theirs at once.
    let batches = match (scope.charts(), charts) {
        (charts::Wanted::All, None) if site.data.areas.len() > area_batch => {
            charts::batches(site, area_batch)
        }
        (wanted, _) => vec![wanted],
    };
    // One language at a time: a language's charts are kept only while its pages need them.
    for lang in Lang::ALL {
        let mut pages: Vec<Job> = (renderer.jobs(lang).into_iter())
            .filter(|job| scope.has(job))
            .collect();
        let mut embeds = Vec::new();
        for batch in &batches {
            let set = match (charts, batch) {
                (Some((cache, inputs)), charts::Wanted::All) => {
                    cache.draw_all(inputs, site, lang, &renderer.collators, chart_files)
                }
                _ => charts::draw_wanted(site, lang, &renderer.collators, chart_files, batch),
            };
            let these: Vec<Job> = (set.all())
                .map(|chart| Job::Embed(lang, chart.clone()))
                .filter(|job| scope.has(job))
                .collect();
            renderer.charts[lang as usize].merge(set);
            let charts::Wanted::Areas(areas) = batch else {
                // Shown on pages of their own, or on every area's: rendered with the last pages.
                embeds.extend(these);
                continue;
            };
            let (now, later): (Vec<Job>, Vec<Job>) = pages
                .into_iter()
                .partition(|job| matches!(job, Job::Area(_, a) if areas.contains(&a.id)));
            pages = later;
            // The area pages first, so that the check settles the embed pages' links back into
            // them at once instead of holding them to the end.
            render_jobs(&renderer, &now, &out, diags);
            render_jobs(&renderer, &these, &out, diags);
            renderer.charts[lang as usize].forget_areas(&renderer.small_multiples);
        }
        renderer.charts[lang as usize].comparison_desc = charts::comparison_descs(site, lang);
        crate::timings::mark(&format!("charts and area pages ({})", lang.code()));
        pages.append(&mut embeds);
        render_jobs(&renderer, &pages, &out, diags);
        crate::timings::mark(&format!("pages ({})", lang.code()));
        let index = renderer.search_index(lang);
        out.put(search::index_path(lang), index.into_bytes());
        crate::timings::mark(&format!("search index ({})", lang.code()));
        renderer.charts[lang as usize] = charts::ChartSet::default();
        crate::timings::mark(&format!("drop charts ({})", lang.code()));
    }
    if !scope.all() {
        return !diags.has_errors();
    }
    for lang in Lang::ALL {
        let feed = renderer.atom_feed(lang, &site.updates);
        out.put(updates::feed_path(lang), feed.into_bytes());
    }
    out.put(
        crate::updates::LOG_PATH.to_string(),
        site.updates.to_json().into_bytes(),
    );
    let base = &site.config.base_url;
    let paths = out.paths.into_inner().unwrap_or_else(|e| e.into_inner());
    let paths: std::collections::BTreeSet<String> = paths.into_iter().collect();
    let sitemap = sitemap::sitemap(base, &paths);
    out.out.put("sitemap.xml".to_string(), sitemap.into_bytes());
    out.out
        .put("robots.txt".to_string(), sitemap::robots(base).into_bytes());
    crate::timings::mark("feeds and sitemap");
    !diags.has_errors()
}
