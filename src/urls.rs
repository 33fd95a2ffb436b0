//! The site's addresses. They are stable — people link to them — so they live in one place.
//!
//! Paths are relative to the site root and name the file (`th/areas/x/index.html`), so that links
//! work from a web server and from a folder opened straight from disk. Templates prefix them with
//! the page's `root` (`../../../`), which makes every link relative and the site movable.

use crate::data::Lang;

pub fn home(lang: Lang) -> String {
    format!("{}/index.html", lang.code())
}

pub fn provinces(lang: Lang) -> String {
    format!("{}/provinces/index.html", lang.code())
}

pub fn province(lang: Lang, code: &str) -> String {
    format!(
        "{}/provinces/{}/index.html",
        lang.code(),
        code.to_ascii_lowercase()
    )
}

/// The printable brief of a province (`th/briefs/th-21/index.html`).
pub fn brief(lang: Lang, code: &str) -> String {
    format!(
        "{}/briefs/{}/index.html",
        lang.code(),
        code.to_ascii_lowercase()
    )
}

/// The brief printed to PDF by `ecotown build --pdf` (`th/briefs/th-21.pdf`).
pub fn brief_pdf(lang: Lang, code: &str) -> String {
    format!("{}/briefs/{}.pdf", lang.code(), code.to_ascii_lowercase())
}

pub fn areas(lang: Lang) -> String {
    format!("{}/areas/index.html", lang.code())
}

pub fn area(lang: Lang, id: &str) -> String {
    format!("{}/areas/{id}/index.html", lang.code())
}

pub fn indicators(lang: Lang) -> String {
    format!("{}/indicators/index.html", lang.code())
}

pub fn indicator(lang: Lang, id: &str) -> String {
    format!("{}/indicators/{id}/index.html", lang.code())
}

/// The list of one programme phase's areas (made only when the data have more than one phase).
pub fn phase(lang: Lang, phase: u8) -> String {
    format!("{}/phases/{phase}/index.html", lang.code())
}

/// A dimension's page, by its id in the taxonomy.
pub fn dimension(lang: Lang, id: &str) -> String {
    format!("{}/dimensions/{id}/index.html", lang.code())
}

/// Free pages from `content/pages/<slug>`, and the built-in `about` and `methodology` pages.
pub fn page(lang: Lang, slug: &str) -> String {
    format!("{}/{slug}/index.html", lang.code())
}

/// Slugs a free page cannot take because a section of the site already uses them.
pub const RESERVED_SLUGS: &[&str] = &[
    "provinces",
    "areas",
    "indicators",
    "dimensions",
    "progress",
    "phases",
    "symbiosis",
    "data",
    "updates",
    "briefs",
    "search",
    "static",
    "embed",
];

/// A chart's embed page (`th/embed/areas/rayong-map-ta-phut/indicators/water-reuse/index.html`):
/// `place` says which chart, the same in both languages, so the two embeds are twins.
pub fn embed(lang: Lang, place: &str) -> String {
    format!("{}/embed/{place}/index.html", lang.code())
}

/// The twin of `path` in the other language (`th/…` ↔ `en/…`).
pub fn twin(path: &str, lang: Lang) -> String {
    let rest = path.strip_prefix(lang.code()).unwrap_or(path);
    format!("{}{rest}", lang.other().code())
}

/// The address people see and share: `th/areas/x/` rather than `th/areas/x/index.html`.
pub fn pretty(path: &str) -> &str {
    path.strip_suffix("index.html").unwrap_or(path)
}

/// `../` once per folder level of `path`, so links from that page reach the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(province(Lang::Th, "TH-21"), "th/provinces/th-21/index.html");
        assert_eq!(
            twin("th/areas/x/index.html", Lang::Th),
            "en/areas/x/index.html"
        );
        assert_eq!(pretty("en/index.html"), "en/");
        assert_eq!(brief(Lang::En, "TH-90"), "en/briefs/th-90/index.html");
        assert_eq!(brief_pdf(Lang::Th, "TH-90"), "th/briefs/th-90.pdf");
        assert_eq!(root_prefix("th/areas/x/index.html"), "../../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
