//! Rendering: turns a loaded [`Site`] into the files of the static site.
//!
//! For now the site is a single overview page; the full bilingual site replaces this module.

use crate::build::Site;
use crate::diagnostics::Diagnostics;
use crate::output::SiteFiles;

pub fn render_site(site: &Site, _diags: &mut Diagnostics) -> Option<SiteFiles> {
    let mut files = SiteFiles::new();
    let national = site.data.national_factories();
    let (year, (total, upgraded)) = national
        .iter()
        .next_back()
        .map(|(y, t)| (*y, *t))
        .unwrap_or((0, (0, 0)));
    let html = format!(
        "<!doctype html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body><h1>{}</h1>\n<p>FY{year}: {total} factories in scope, {upgraded} upgraded, {} remaining.</p></body></html>\n",
        escape(&site.config.title.th),
        escape(&site.config.title.th),
        total - upgraded
    );
    files.insert("index.html".to_string(), html.into_bytes());
    Some(files)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
