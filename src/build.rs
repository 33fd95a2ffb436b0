//! A build in named phases, as the rest of the code expects them: load → validate → render → write.
//!
//! Each phase adds to one [`Diagnostics`] list. A phase runs only if the ones before it found no
//! error, and nothing is written unless every phase succeeded, so `build` never publishes from
//! input that `check` would reject.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::Content;
use crate::data::{self, Dataset};
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::output::{self, SiteFiles};
use crate::progress::Progress;
use crate::render::{self, theme::Theme};
use crate::updates::{self, UpdateLog};

/// A site's inputs after loading and validation.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub data: Dataset,
    pub theme: Theme,
    pub tera: tera::Tera,
    pub strings: Strings,
    pub content: Content,
    /// The update log to publish; filled in by [`build`] from the site it replaces.
    pub updates: UpdateLog,
    /// Progress of every series, computed once per build from the data.
    pub progress: Progress,
}

/// Phases 1 and 2: read every input and check it. Returns the site only if there was no error.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Site> {
    let config = Config::load(root, diags);
    let data = data::load_dataset(root, diags);
    data::load::check_coverage(&data, diags);
    crate::progress::check(&data, diags);
    let theme = Theme::load(root, diags);
    let strings = theme.strings(diags);
    let tera = theme.build_tera(diags);
    // Narratives are checked against the data (and their shortcodes against the strings) only
    // when both loaded cleanly; otherwise every reference would repeat an error already reported.
    let content = match &strings {
        Some(strings) if !diags.has_errors() => Content::load(root, &data, strings, diags),
        _ => return None,
    };
    if diags.has_errors() {
        return None;
    }
    Some(Site {
        root: root.to_path_buf(),
        config: config?,
        theme,
        tera: tera?,
        strings: strings?,
        content,
        updates: UpdateLog::default(),
        progress: Progress::compute(&data),
        data,
    })
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub files: usize,
    pub bytes: usize,
    /// Files whose bytes changed (or are new) and so were written.
    pub written: usize,
    pub out: PathBuf,
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
}

/// Phase 3: renders the whole site in memory, as `build` would publish it into `out`.
/// `check` uses this too, so that it finds every problem a build would meet.
pub fn render(root: &Path, out: &Path, diags: &mut Diagnostics) -> Option<(Site, SiteFiles)> {
    let mut site = load(root, diags)?;
    let date = updates::build_date(&site.config.data_as_of);
    site.updates = updates::log_for_build(out, &site.data, &date, diags);
    let files = render::render_site(&site, diags)?;
    // Phase 4: check the finished pages (links, anchors, twins, text alternatives) before
    // anything is written, so a broken site is never published.
    let options = crate::publish::sitecheck::CheckOptions {
        base_url: site.config.base_url.clone(),
        folder: out.to_string_lossy().trim_start_matches("./").to_string(),
    };
    crate::publish::sitecheck::check_site_with(&files, &options, diags);
    if diags.has_errors() {
        return None;
    }
    Some((site, files))
}

/// Runs every phase and publishes into `out`; with any error nothing is written.
pub fn build(root: &Path, out: &Path, diags: &mut Diagnostics) -> Result<BuildReport, BuildError> {
    // Taken before reading the previous site, so the update log compares against a stable one.
    let _lock = output::BuildLock::acquire(out).map_err(|err| match err {
        output::LockError::Held(pid) => BuildError::Locked(pid),
        output::LockError::Io(err) => BuildError::Io(err),
    })?;
    let (_, files) = render(root, out, diags).ok_or(BuildError::Invalid)?;
    let stats = output::publish(out, &files).map_err(BuildError::Io)?;
    Ok(BuildReport {
        files: files.len(),
        bytes: files.values().map(Vec::len).sum(),
        written: stats.written,
        out: out.to_path_buf(),
    })
}
