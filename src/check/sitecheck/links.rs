//! The second pass: every link resolved against its page, the site's files and the ids of the page
//! it points at. URLs are resolved by hand rather than with the `url` crate because most links
//! are relative paths between files of a folder (`../../th/x/index.html#y`) that must also work
//! opened from disk, and the answer needed is a file of the site, not a URL.

use super::*;

/// What the link check looks things up in.
pub(super) struct LinkIndex<'a> {
    pub(super) files: &'a super::Paths,
    pub(super) pages: HashMap<&'a str, &'a Scanned>,
    pub(super) base: Base,
}

/// The published address, split for resolving absolute links.
pub(super) struct Base {
    /// `https://host/path/`, or empty when unknown.
    url: String,
    /// `/path/`.
    path: String,
}

impl Base {
    pub(super) fn new(base_url: &str) -> Base {
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
pub(super) enum Target {
    /// Nothing to check: another site, an e-mail address, the page itself without a fragment.
    Outside,
    /// A file of the site, and the fragment (decoded) if there is one.
    File(String, Option<String>),
    /// `../` beyond the root of the site.
    AboveRoot,
    /// `/x` that does not start with the base path.
    OutsideBase,
}

pub(super) fn check_links(page: &Scanned, site: &LinkIndex<'_>) -> Vec<Located> {
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

pub(super) fn check_link(page: &Scanned, link: &Link, site: &LinkIndex<'_>) -> Option<Located> {
    link_problem(page, link, site).map(|problem| (problem, link.at))
}

pub(super) fn link_problem(
    page: &Scanned,
    link: &Link,
    site: &LinkIndex<'_>,
) -> Option<Diagnostic> {
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

pub(super) fn missing_file(
    page: &Scanned,
    link: &Link,
    url: &str,
    path: &str,
    site: &LinkIndex<'_>,
) -> Diagnostic {
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

pub(super) fn broken_anchor(
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
pub(super) fn shown_folder(page: &Scanned) -> String {
    match page.folder() {
        "" => "the site root".to_string(),
        folder => folder.to_string(),
    }
}

/// Fragments a browser understands without an element: the top of the page and text fragments.
pub(super) fn is_implicit_anchor(fragment: &str) -> bool {
    fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || fragment.starts_with(":~:")
}

/// The id closest to `wanted`, if one is close enough to be a likely typo.
pub(super) fn nearest<'a>(wanted: &str, ids: &'a [Box<str>]) -> Option<&'a str> {
    ids.iter()
        .map(|id| (strsim::levenshtein(wanted, id), id.as_ref()))
        .filter(|&(distance, _)| distance <= 2.max(wanted.chars().count() / 4))
        .min()
        .map(|(_, id)| id)
}

/// Resolves `url` as written in `page` to a file of the site.
pub(super) fn resolve(page: &Scanned, url: &str, base: &Base) -> Target {
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
pub(super) fn folder_path(mut parts: Vec<String>, rest: &str) -> Option<String> {
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
pub(super) fn is_external(url: &str) -> bool {
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

/// Decodes `%XX` escapes (the `percent-encoding` crate); a malformed escape is kept as written,
/// and bytes that are not UTF-8 become U+FFFD.
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
