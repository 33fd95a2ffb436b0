//! The loaded site: everything a build read and worked out before rendering, in one value that
//! every later phase borrows.
//!
//! It sits between the phases rather than in the orchestrator (`build`), so that rendering, the
//! open-data publishers and the checks can take it without importing the module that runs them:
//! layers point one way (docs/architecture.md).

use std::path::PathBuf;

use crate::config::Config;
use crate::content::Content;
use crate::data::Dataset;
use crate::i18n::Strings;
use crate::progress::Progress;
use crate::theme::ThemeFiles;
use crate::updates::UpdateLog;

/// A site's inputs after loading and validation.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub data: Dataset,
    pub theme: ThemeFiles,
    pub tera: tera::Tera,
    pub strings: Strings,
    pub content: Content,
    /// The update log to publish; filled in by [`crate::build`] from the site it replaces.
    pub updates: UpdateLog,
    /// Progress of every series, computed once per build from the data.
    pub progress: Progress,
    /// Whether this build prints the provincial briefs to PDF, so pages may link to the PDFs.
    pub pdf_briefs: bool,
    /// The date this build is stamped with ([`crate::updates::build_date`]).
    pub built: jiff::civil::Date,
    /// Makes the charts' PNGs with the theme's fonts (through the build's store, when it has one).
    pub raster: std::sync::Arc<crate::charts::raster::Rasterizer>,
}
