//! `sitemap.xml` with hreflang alternates for every page (and `x-default`, the Thai page: the
//! site's default language), and `robots.txt` pointing to it.

use std::collections::BTreeSet;

use crate::escape::markup as xml_escape;
use crate::urls;

/// Whether the sitemap lists the file at `path`: a page of either language.
pub fn is_page(path: &str) -> bool {
    // A chart's embed page is made to be framed elsewhere, not found on its own.
    path.ends_with("index.html")
        && (path.starts_with("th/") || path.starts_with("en/"))
        && !path[2..].starts_with("/embed/")
}

/// The sitemap of every `th/…/index.html` page and its English twin, in path order; `files` are
/// the paths of the site's files (those that are not pages are left out).
pub fn sitemap(base_url: &str, files: &BTreeSet<String>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let pages = files.iter().filter(|p| is_page(p));
    for path in pages {
        let loc = format!("{base_url}{}", urls::pretty(path));
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&loc)));
        for (lang, hreflang) in [("th", "th"), ("en", "en"), ("th", "x-default")] {
            let twin = format!("{lang}{}", &path[2..]);
            if files.contains(&twin) {
                let href = format!("{base_url}{}", urls::pretty(&twin));
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>\n",
                    xml_escape(&href)
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n")
}
