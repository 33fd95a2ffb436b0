//! A build in named phases, as the rest of the code expects them: load → validate → render → write.
//!
//! Each phase adds to one [`Diagnostics`] list. A phase runs only if the ones before it found no
//! error, and nothing is published unless every phase succeeded, so `build` never publishes from
//! input that `check` would reject. A build streams each rendered file through the site check
//! into the staging folder as soon as it is ready, so memory stays bounded on large sites; the
//! staging folder is swapped in only when everything passed. A build whose inputs are those of
//! the last one, into the output that build left untouched, stops before rendering
//! ([`crate::fingerprint`]).

mod incremental;
pub mod pngstore;

use std::path::{Path, PathBuf};

use crate::check::sitecheck::{CheckOptions, Checker};
use crate::config::Config;
use crate::content::Content;
use crate::data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fingerprint;
use crate::output::{self, SiteFiles, Staging};
use crate::pdf::{PdfError, PdfOptions};
use crate::progress::Progress;
use crate::render;
use crate::theme::ThemeFiles;
use crate::updates::{self, UpdateLog};

pub use crate::site::Site;

/// What a build does beyond the defaults.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also print every provincial brief to PDF with headless Chromium (`build --pdf`).
    pub pdf: Option<PdfOptions>,
    /// Keep the charts for the next build of this process, and reuse the last build's when
    /// their inputs are unchanged (`serve`).
    pub charts: Option<std::sync::Arc<render::charts::ChartCache>>,
}

/// Phases 1 and 2: read every input and check it. Returns the site only if there was no error.
/// A problem repeated on many lines of a file is reported once, listing the lines.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Site> {
    let site = load_inputs(root, diags);
    diags.collapse_repeats();
    site
}

fn load_inputs(root: &Path, diags: &mut Diagnostics) -> Option<Site> {
    let config = Config::load(root, diags);
    let data = data::load_dataset(root, diags);
    crate::timings::mark("load data");
    data::load::check_coverage(&data, diags);
    if let Some(config) = &config {
        config.check_sample_note(root, &data.headline_figures(), diags);
    }
    let progress = Progress::assess(&data, diags);
    crate::timings::mark("check progress");
    let data_failed = diags.has_errors();
    let theme = ThemeFiles::load(root, diags);
    let strings = theme.strings(diags).map(|s| s.with_data_facts(&data));
    let tera = theme.build_tera(diags);
    // Narratives are always checked, so that one run shows every problem: a CSV or site.toml
    // error must not hide a narrative's. What they say about the data can only be trusted when
    // the data loaded cleanly; otherwise a reference to a row dropped for its own error would
    // repeat that error, so such findings are held back and counted in one note instead.
    let options = config
        .as_ref()
        .map(|c| c.content.clone())
        .unwrap_or_default();
    let content = match &strings {
        Some(strings) => {
            let mut found = Diagnostics::new();
            let content = Content::load_with(root, &data, strings, &options, &mut found);
            merge_narrative_findings(found, data_failed, diags);
            content
        }
        None => return None,
    };
    crate::timings::mark("theme and narratives");
    if diags.has_errors() {
        return None;
    }
    let config = config?;
    let store = pngstore::DiskStore::new(pngstore::folder(root));
    let raster = std::sync::Arc::new(raster_for(&theme).with_store(std::sync::Arc::new(store)));
    Some(Site {
        root: root.to_path_buf(),
        built: updates::build_date(config.as_of),
        config,
        theme,
        tera: tera?,
        strings: strings?,
        content,
        updates: UpdateLog::default(),
        progress,
        pdf_briefs: false,
        raster,
        data,
    })
}

/// The charts' rasteriser, with the theme's chart fonts (a site's own, when it overrides them).
fn raster_for(theme: &crate::theme::ThemeFiles) -> crate::charts::raster::Rasterizer {
    let fonts: Vec<&[u8]> = [
        "static/fonts/ecotown-sans-400.ttf",
        "static/fonts/ecotown-sans-700.ttf",
    ]
    .iter()
    .filter_map(|path| theme.file(path))
    .collect();
    crate::charts::raster::Rasterizer::new(&fonts)
}

/// Diagnostics of narratives that depend on the data: with errors in the data they may only
/// repeat those errors (the row they refer to was dropped), so they wait for a clean data load.
/// A new data-dependent code in `content/` (values, files) belongs in this list.
const DATA_DEPENDENT: [&str; 6] = [
    "unknown-reference",
    "unknown-brief-indicator",
    "no-data",
    "unknown-value",
    "unknown-narrative-target",
    "missing-narrative",
];

fn merge_narrative_findings(found: Diagnostics, data_failed: bool, diags: &mut Diagnostics) {
    let mut held = 0;
    for d in found.iter() {
        if data_failed && DATA_DEPENDENT.contains(&d.code) {
            held += 1;
        } else {
            diags.push(d.clone());
        }
    }
    if held > 0 {
        diags.push(
            Diagnostic::note(
                "narratives-not-checked-against-data",
                "content/",
                format!(
                    "{held} reference(s) from narratives to the data were not checked, because data/ has errors"
                ),
            )
            .with_hint("fix the errors in data/ first; the next run checks these references"),
        );
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub files: usize,
    pub bytes: usize,
    /// Files whose bytes changed (or are new) and so were written.
    pub written: usize,
    pub out: PathBuf,
    /// Nothing had changed since the last build into `out`, so nothing was rendered.
    pub up_to_date: bool,
    /// Only the files that depend on what changed were rendered ([`crate::deps`]).
    pub incremental: bool,
}

/// Why a build published nothing.
#[derive(Debug)]
pub enum BuildError {
    /// The input has errors (listed in the diagnostics).
    Invalid,
    /// The site could not be written.
    Io(std::io::Error),
    /// Another build (this process id) is writing the same output.
    Locked(u32),
    /// The briefs could not be printed to PDF (no Chromium, or it failed on a page).
    Pdf(PdfError),
}

impl From<std::io::Error> for BuildError {
    fn from(err: std::io::Error) -> Self {
        BuildError::Io(err)
    }
}

/// Phase 3: renders the whole site in memory, as `build` would publish it into `out`.
/// `check` uses this too, so that it finds every problem a build would meet.
pub fn render(root: &Path, out: &Path, diags: &mut Diagnostics) -> Option<(Site, SiteFiles)> {
    render_with(root, out, &BuildOptions::default(), diags)
}

/// [`render()`] for a build with `options`.
pub fn render_with(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Option<(Site, SiteFiles)> {
    let charts = KeptCharts::of(root, options);
    let site = prepare(root, out, options, false, diags)?;
    let files = std::sync::Mutex::new(SiteFiles::new());
    let read = |path: &str| files.lock().ok()?.get(path).cloned();
    render_checked(&site, out, &files, &read, charts.as_render(), diags)?;
    Some((site, files.into_inner().unwrap_or_else(|e| e.into_inner())))
}

/// Phases 1 and 2 for a build into `out`: the site, with the update log that build would publish.
fn prepare(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    data_as_published: bool,
    diags: &mut Diagnostics,
) -> Option<Site> {
    let mut site = load(root, diags)?;
    site.pdf_briefs = options.pdf.is_some();
    let latest = (site.data.observations.iter().map(|o| o.year))
        .chain(site.data.factories.iter().map(|f| f.year))
        .chain(site.data.levels.iter().map(|l| l.year))
        .max();
    (site.config).check_against_data(root, latest, site.pdf_briefs, diags);
    let date = site.built.to_string();
    site.updates =
        updates::log_for_build_over(root, out, &site.data, &date, data_as_published, diags);
    Some(site)
}

/// The chart cache of [`BuildOptions::charts`] with the digest of this build's chart inputs.
struct KeptCharts(Option<(std::sync::Arc<render::charts::ChartCache>, String)>);

impl KeptCharts {
    /// Taken before the inputs are read: a file that changes while they are read then only costs
    /// the next build its shortcut, and charts are never kept under a digest they do not match.
    /// Unreadable inputs only cost the shortcut too.
    fn of(root: &Path, options: &BuildOptions) -> KeptCharts {
        KeptCharts(
            options
                .charts
                .as_ref()
                .and_then(|cache| Some((cache.clone(), fingerprint::chart_inputs(root).ok()?))),
        )
    }

    fn as_render(&self) -> Option<(&render::charts::ChartCache, &str)> {
        self.0
            .as_ref()
            .map(|(cache, inputs)| (&**cache, inputs.as_str()))
    }
}

/// How many files and bytes went through a [`Checked`] sink.
#[derive(Debug, Default, Clone, Copy)]
struct Count {
    files: usize,
    bytes: usize,
}

/// Hands every rendered file to the site check, then on to `out`, counting them.
struct Checked<'a> {
    checker: &'a Checker,
    out: &'a dyn render::Sink,
    count: std::sync::Mutex<Count>,
}

impl render::Sink for Checked<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.checker.scan(&path, &bytes);
        let mut count = self.count.lock().unwrap_or_else(|e| e.into_inner());
        count.files += 1;
        count.bytes += bytes.len();
        drop(count);
        self.out.put(path, bytes);
    }
}

/// Phases 3 and 4: renders every file into `sink`, each checked as it goes (links, anchors,
/// twins, text alternatives); `None` if the site must not be published. `read` gives back a
/// file that went into `sink`, to point at a problem's line.
fn render_checked(
    site: &Site,
    out: &Path,
    sink: &dyn render::Sink,
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    charts: Option<(&render::charts::ChartCache, &str)>,
    diags: &mut Diagnostics,
) -> Option<Count> {
    let options = CheckOptions {
        base_url: site.config.base_url.clone(),
        folder: out.to_string_lossy().trim_start_matches("./").to_string(),
    };
    let checker = Checker::new(&options);
    let checked = Checked {
        checker: &checker,
        out: sink,
        count: Default::default(),
    };
    if !render::render_site_with(site, &checked, charts, diags) {
        return None;
    }
    // The PDFs are printed from the staged pages later: links to them count as present here.
    if site.pdf_briefs {
        for pdf in render::briefs::pdf_paths(site) {
            checker.expect(&pdf);
        }
    }
    let count = checked
        .count
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    finish_check(site, checker, &options, read, diags);
    crate::timings::mark("link check");
    (!diags.has_errors()).then_some(count)
}

/// The check's second pass, its problems traced back to the templates and narratives they came
/// from.
fn finish_check(
    site: &Site,
    checker: Checker,
    options: &CheckOptions,
    read: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    diags: &mut Diagnostics,
) {
    let mut found = Diagnostics::new();
    checker.finish(read, &mut found);
    // Only a failing check needs the templates read as patterns: a clean build pays nothing.
    if !found.is_empty() {
        let origins = crate::check::origin::Origins::new(&site.theme, &site.content);
        for diagnostic in origins.trace(found.into_vec(), &options.folder, read) {
            diags.push(diagnostic);
        }
    }
}

/// Runs every phase and publishes into `out`; with any error nothing is written.
pub fn build(root: &Path, out: &Path, diags: &mut Diagnostics) -> Result<BuildReport, BuildError> {
    build_with(root, out, &BuildOptions::default(), diags)
}

/// [`build`] with `options`. With `pdf`, the briefs are printed from the staged site before it is
/// swapped in; if Chromium is missing or fails on any brief, nothing is published.
pub fn build_with(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    diags: &mut Diagnostics,
) -> Result<BuildReport, BuildError> {
    // Taken before reading the previous site, so the update log compares against a stable one.
    crate::timings::mark("start");
    let _lock = output::BuildLock::acquire(out).map_err(|err| match err {
        output::LockError::Held(pid) => BuildError::Locked(pid),
        output::LockError::Io(err) => BuildError::Io(err),
    })?;
    crate::deps::recover(out)?;
    // Looked for first, so that a missing browser is reported before any work is done.
    let chromium = match &options.pdf {
        Some(pdf) => {
            Some(crate::pdf::find_chromium(pdf.chromium.as_deref()).map_err(BuildError::Pdf)?)
        }
        None => None,
    };
    // Everything that decides the output besides the input files: the options, and the browser
    // that prints the PDFs.
    let options_text = format!(
        "{options:?} {:?}",
        chromium.as_deref().map(program_identity)
    );
    // Each input file is read once: the fingerprint and the dependency record share the digests.
    let files = fingerprint::input_files(root).ok();
    let settings = fingerprint::settings(root, &options_text).ok();
    let inputs = (settings.as_deref())
        .zip(files.as_ref())
        .map(|(settings, files)| fingerprint::inputs(settings, files));
    if let Some(last) = inputs.as_deref().and_then(|i| fingerprint::fresh(out, i)) {
        return Ok(BuildReport {
            files: last.files,
            bytes: last.bytes,
            written: 0,
            out: out.to_path_buf(),
            up_to_date: true,
            incremental: false,
        });
    }
    crate::timings::mark("fingerprint");
    let charts = KeptCharts::of(root, options);
    // The preview keeps its own charts and the PDFs are printed from a whole staged site: both
    // build in full.
    let may_patch = options.pdf.is_none() && options.charts.is_none();
    let mut before = incremental::Before::read(out, may_patch, files);
    crate::timings::mark("last build");
    let site = prepare(root, out, options, before.data_as_published(), diags)
        .ok_or(BuildError::Invalid)?;
    crate::timings::mark("load and validate");
    let deps_now = incremental::record_now(settings.as_deref(), &site, &before);
    if may_patch {
        let scope = match incremental::plan(&before, deps_now.as_ref(), &site) {
            crate::deps::Plan::Full => None,
            crate::deps::Plan::Scoped {
                narratives,
                templates,
            } => Some(render::Scope::Some {
                narratives,
                templates,
            }),
        };
        crate::timings::mark("plan");
        if let Some(scope) = scope
            && let Some(report) = incremental::build(
                &site,
                out,
                scope,
                inputs.clone(),
                (deps_now.clone(), before.last.take()),
                diags,
            )?
        {
            return Ok(report);
        }
    }
    crate::deps::forget(out)?;
    let staging = Staging::begin(out)?;
    let read = |path: &str| std::fs::read(staging.path().join(path)).ok();
    let count = render_checked(
        &site,
        out,
        &StagingSink(&staging),
        &read,
        charts.as_render(),
        diags,
    );
    // Dropping the staging folder removes it: the previous site stays as it was.
    let count = count.ok_or(BuildError::Invalid)?;
    let mut printed = Count::default();
    fingerprint::forget(out)?;
    let (stats, stamps) = staging.finish_stamped(|staging| {
        let (Some(chromium), Some(pdf)) = (&chromium, &options.pdf) else {
            return Ok(SiteFiles::new());
        };
        let pdfs = print_briefs(&site, staging, chromium, pdf, out, diags)?;
        printed.files = pdfs.len();
        printed.bytes = pdfs.values().map(Vec::len).sum();
        Ok::<_, BuildError>(pdfs)
    })?;
    let report = BuildReport {
        files: count.files + printed.files,
        bytes: count.bytes + printed.bytes,
        written: stats.written,
        out: out.to_path_buf(),
        up_to_date: false,
        incremental: false,
    };
    crate::timings::mark("swap");
    // Every slide PNG went through the store (none came from a kept chart cache): the rest of
    // the store is from older versions of the site.
    if charts.as_render().is_none() {
        site.raster.forget_unused();
    }
    remember(out, inputs, &stamps, &report);
    if let Some(mut record) = deps_now {
        record.stamps = stamps;
        let _ = crate::deps::write(out, &record);
    }
    crate::timings::mark("fingerprint saved");
    Ok(report)
}

/// Sends rendered files into the staging folder.
struct StagingSink<'a>(&'a Staging);

impl render::Sink for StagingSink<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) {
        self.0.put(&path, &bytes);
    }
}

/// Records the finished build for the next one. A failure only costs the next build its
/// shortcut, so it is not an error.
fn remember(
    out: &Path,
    inputs: Option<String>,
    stamps: &[output::FileStamp],
    report: &BuildReport,
) {
    let Some(inputs) = inputs else { return };
    let record = fingerprint::Record {
        inputs,
        output: fingerprint::output_of(stamps),
        files: report.files,
        bytes: report.bytes,
    };
    let _ = fingerprint::write(out, &record);
}

/// Which program file this is, as far as a rebuild can tell: its path, size and time.
fn program_identity(path: &Path) -> String {
    let meta = std::fs::metadata(path).ok();
    let size = meta.as_ref().map(std::fs::Metadata::len);
    let time = meta.and_then(|m| m.modified().ok());
    format!("{} {size:?} {time:?}", path.display())
}

/// A brief is meant for two A4 pages; one that prints longer is a warning at the province's
/// narrative, the text its publisher controls (its brief section, or `brief_indicators`).
fn warn_if_long(
    site: &Site,
    brief: &render::briefs::ToPrint,
    pages: usize,
    diags: &mut Diagnostics,
) {
    const MAX_PAGES: usize = 2;
    let Some(province) = site.data.province(&brief.province) else {
        return;
    };
    if pages <= MAX_PAGES {
        return;
    }
    let (pdf, lang) = (&brief.pdf, brief.lang);
    let file = crate::content::NarrativeKey::Province(province.code.clone()).path(lang);
    let message = format!(
        "the brief {pdf} prints on {pages} A4 pages, not {MAX_PAGES}: it is meant to lie on one sheet"
    );
    diags.push(
        Diagnostic::warning("brief-too-long", &file, message)
            .with_value(province.name.get(lang))
            .with_hint(
                "give the brief a short version: a section headed \"## Brief\" (Thai: \"## สรุปสำหรับ\
                 ผู้บริหาร\") is all the brief takes from the narrative; or pin fewer \
                 brief_indicators",
            ),
    );
}

/// Prints every brief staged in `staging`; each one Chromium fails on is reported at its page.
fn print_briefs(
    site: &Site,
    staging: &Path,
    chromium: &Path,
    options: &PdfOptions,
    out: &Path,
    diags: &mut Diagnostics,
) -> Result<SiteFiles, BuildError> {
    let briefs = render::briefs::print_pages(site);
    let jobs: Vec<crate::pdf::PrintJob> = (briefs.iter())
        .map(|brief| crate::pdf::PrintJob {
            page: staging.join(&brief.page),
            metadata: crate::pdf::Metadata {
                lang: brief.lang.code().to_string(),
                titles: (brief.titles.iter())
                    .map(|(lang, title)| (lang.code().to_string(), title.clone()))
                    .collect(),
                publisher: site.config.publisher.get(brief.lang).to_string(),
                date: String::new(),
            },
            pdf: brief.pdf.clone(),
        })
        .collect();
    let date = site.built.to_string();
    match crate::pdf::print_all(chromium, &jobs, options, &date) {
        Ok(pdfs) => {
            // The PDFs come back in the order of the jobs.
            for (brief, (_, bytes)) in briefs.iter().zip(&pdfs) {
                warn_if_long(site, brief, crate::pdf::page_count(bytes), diags);
            }
            Ok(pdfs.into_iter().collect())
        }
        Err(PdfError::Failed(failures)) => {
            for failure in &failures {
                // Named where the page will be once published, as other diagnostics name pages.
                let page = failure.page.strip_prefix(staging).unwrap_or(&failure.page);
                let file = out.join(page).to_string_lossy().replace('\\', "/");
                let message = format!(
                    "Chromium could not print this brief to {}: {}",
                    failure.pdf, failure.reason
                );
                diags.push(Diagnostic::error("pdf-failed", &file, message).with_hint(
                    "open the page in Chromium to see what fails; nothing was published \
                         and the previous site is unchanged",
                ));
            }
            Err(BuildError::Pdf(PdfError::Failed(failures)))
        }
        Err(err) => Err(BuildError::Pdf(err)),
    }
}
