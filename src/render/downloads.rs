//! The downloads page: every open-data file with its format, size and description.

use serde::Serialize;

use crate::data::Lang;
use crate::i18n::format;
use crate::render::view::Link;
use crate::render::{Page, Renderer};
use crate::urls;

#[derive(Serialize)]
struct DownloadView {
    url: String,
    name: String,
    title: String,
    description: String,
    format: String,
    size: String,
    /// "1,234 rows", for a table's file.
    rows: Option<String>,
}

/// "181.8 KB": sizes in kilobytes (1,000 bytes) with one decimal, as file managers show them.
fn size(bytes: usize) -> String {
    if bytes < 1_000 {
        format!("{} B", format::integer(bytes as i64))
    } else if bytes < 1_000_000 {
        format!("{} KB", format::number(bytes as f64 / 1_000.0, 1))
    } else {
        format!("{} MB", format::number(bytes as f64 / 1_000_000.0, 1))
    }
}

impl Renderer<'_> {
    pub fn downloads_page(&self, lang: Lang) -> Page {
        let crumbs = vec![Link {
            name: self.t(lang, "nav_home"),
            url: urls::home(lang),
        }];
        let title = self.t(lang, "nav_downloads");
        let mut page = self.page_shell(
            lang,
            urls::page(lang, "downloads"),
            "downloads.html",
            &title,
            self.t(lang, "downloads_lead"),
            crumbs,
        );
        let (main, per_indicator): (Vec<DownloadView>, Vec<DownloadView>) = self
            .downloads
            .iter()
            .map(|d| DownloadView {
                url: d.path.clone(),
                name: d.path.rsplit('/').next().unwrap_or(&d.path).to_string(),
                title: d.title.get(lang).to_string(),
                description: d.description.get(lang).to_string(),
                format: d.format.to_ascii_uppercase(),
                size: size(d.size),
                rows: d.rows.map(|n| {
                    self.fill(
                        lang,
                        "downloads_rows",
                        &[("count", &format::integer(n as i64))],
                    )
                }),
            })
            .partition(|d| {
                !d.url.starts_with("data/indicators/") && !d.url.starts_with("data/metadata/")
            });
        page.add(&DownloadsContext {
            files: main,
            indicator_files: per_indicator,
        });
        page
    }
}

/// What `downloads.html` reads beyond what every page shares.
#[derive(Serialize)]
struct DownloadsContext {
    files: Vec<DownloadView>,
    /// The per-indicator files, listed apart.
    indicator_files: Vec<DownloadView>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::size(728), "728 B");
        assert_eq!(super::size(181_795), "181.8 KB");
        assert_eq!(super::size(3_450_000), "3.5 MB");
    }
}
