//! The allow-list for HTML in narratives, and the sanitiser that enforces it.
//!
//! Narratives are written by many people and published on an official site, so whatever HTML
//! they hold must not be able to run code, load a tracker, restyle the page or break out of the
//! text's place in the template. Unless `site.toml` says `[content] allow_raw_html = true`, the
//! HTML of a rendered narrative (Markdown's own markup and any raw HTML the author wrote) goes
//! through `ammonia`, an HTML5 parser-based sanitiser, keeping only the tags and attributes below:
//! text formatting, lists, tables, figures, links and images. Scripts, styles, frames, forms and
//! event handlers go, and so do `javascript:`, `data:` and `vbscript:` addresses. Because the
//! fragment is parsed as HTML5 and written back out, stray end tags (`</div></main>`) cannot close
//! the template's elements either.
//!
//! [`removed`] finds what the sanitiser will drop from one piece of raw HTML, so that `check` can
//! tell the author where and what, rather than the text silently changing on the site.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::html::{self, Attr, Token};

/// Tags kept in narratives.
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
];

/// Attributes kept on every allowed tag.
pub const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title"];

/// Attributes kept on particular tags. `id` and `class` are there because the Markdown renderer
/// puts them on headings and footnotes; `style` on table cells carries only `text-align`, which
/// is how Markdown tables align their columns.
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "alt"]),
    ("ol", &["start"]),
    ("th", &["colspan", "rowspan", "style"]),
    ("td", &["colspan", "rowspan", "style"]),
    ("h1", &["id", "class"]),
    ("h2", &["id", "class"]),
    ("h3", &["id", "class"]),
    ("h4", &["id", "class"]),
    ("h5", &["id", "class"]),
    ("h6", &["id", "class"]),
    ("div", &["id", "class"]),
    ("sup", &["class"]),
    ("code", &["class"]),
];

/// The only CSS property kept in a `style` attribute.
const STYLE_PROPERTIES: &[&str] = &["text-align"];

/// Address schemes a link may use; anything without a scheme (a page of this site) is kept too.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Tags removed together with everything inside them: their content is code or a form, not text.
const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select",
    "svg", "math", "title",
];

/// Added to every link, so that a page opened from a narrative cannot reach back into this one.
pub const LINK_REL: &str = "noopener noreferrer";

/// `html` with everything outside the allow-list removed. Never fails: the worst input gives an
/// empty string.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let attributes: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
            .iter()
            .map(|(tag, names)| (*tag, names.iter().copied().collect()))
            .collect();
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(TAGS.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(attributes)
            .url_schemes(LINK_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some(LINK_REL))
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
            .filter_style_properties(STYLE_PROPERTIES.iter().copied().collect())
            .strip_comments(true)
            .attribute_filter(|tag, attribute, value| {
                let keep = match (tag, attribute) {
                    ("img", "src") => is_safe_image(value),
                    (_, "href") => !has_unsafe_scheme(value),
                    _ => true,
                };
                keep.then_some(Cow::Borrowed(value))
            });
        builder
    })
}

/// Images load as the page opens, so they come from this site (a relative address) or over
/// https; never `http:` (mixed content) or `data:`.
fn is_safe_image(src: &str) -> bool {
    match scheme(src) {
        None => !src.trim_start().starts_with("//"),
        Some(scheme) => scheme == "https",
    }
}

/// `javascript:`, `data:` and `vbscript:`, however disguised with case, spaces or control
/// characters (browsers ignore those).
pub fn has_unsafe_scheme(url: &str) -> bool {
    matches!(
        scheme(url).as_deref(),
        Some("javascript" | "data" | "vbscript")
    )
}

/// The lower-cased scheme of `url` (`https` in `https://…`), if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    let scheme = &cleaned[..end];
    let valid = cleaned[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_string())
}

/// Something in a piece of raw HTML that the sanitiser drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte offset in the fragment.
    pub offset: usize,
    /// What was written: `<script>`, `onclick="x()"`, `href="javascript:…"`.
    pub value: String,
}

/// What [`clean`] would remove from `fragment`, a piece of raw HTML as the author wrote it: tags
/// outside the allow-list, attributes outside it, and unsafe addresses (their character
/// references decoded, as a browser would). An approximation for telling the author (the
/// sanitiser itself does the removing), read with the site check's scanner, which never fails.
pub fn removed(fragment: &str) -> Vec<Removed> {
    let mut found = Vec::new();
    for token in html::tokens(fragment) {
        let Token::Start(tag) = token else { continue };
        let written = |from: usize, to: usize| short(fragment.get(from..to).unwrap_or(""));
        if !TAGS.contains(&tag.name.as_ref()) {
            found.push(Removed {
                offset: tag.at,
                value: written(tag.at, tag.end),
            });
            continue;
        }
        found.extend(
            tag.attrs
                .iter()
                .filter(|a| !attribute_allowed(&tag.name, a))
                .map(|a| Removed {
                    offset: a.at,
                    value: written(a.at, a.end),
                }),
        );
    }
    found
}

fn attribute_allowed(tag: &str, attribute: &Attr) -> bool {
    let name = attribute.name.as_ref();
    let value = attribute.text();
    let listed = GENERIC_ATTRIBUTES.contains(&name)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, names)| *t == tag && names.contains(&name));
    if !listed {
        return false;
    }
    match (tag, name) {
        ("img", "src") => is_safe_image(value),
        (_, "href") => {
            !has_unsafe_scheme(value)
                && scheme(value).is_none_or(|s| LINK_SCHEMES.contains(&s.as_str()))
        }
        (_, "style") => value.split(';').all(|declaration| {
            let property = declaration.split(':').next().unwrap_or("").trim();
            property.is_empty() || STYLE_PROPERTIES.contains(&property)
        }),
        _ => true,
    }
}

/// A value for a diagnostic, cut to a readable length.
fn short(text: &str) -> String {
    const MAX: usize = 80;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allow_list_is_consistent() {
        // ammonia panics on contradictory settings; building and using it once proves they are not.
        assert_eq!(clean("<p>a</p>"), "<p>a</p>");
        for tag in REMOVED_WITH_CONTENT {
            assert!(!TAGS.contains(tag), "{tag}");
        }
    }

    #[test]
    fn scripts_handlers_and_unsafe_urls_go() {
        let dirty = "<p onclick=\"x()\">Hi<script>alert(1)</script></p>\
            <a href=\"javascript:alert(1)\">a</a><a href=\" JaVa\tScript:alert(1)\">b</a>\
            <img src=x onerror=alert(1)><img src=\"data:image/png;base64,AA\">\
            <iframe src=\"https://evil\">inside</iframe><form><input></form>\
            <div style=\"position:fixed\">d</div></div></main><style>p{}</style>";
        let out = clean(dirty);
        assert_eq!(
            out,
            "<p>Hi</p><a rel=\"noopener noreferrer\">a</a><a rel=\"noopener noreferrer\">b</a>\
             <img src=\"x\"><img><div>d</div>"
        );
    }

    #[test]
    fn formatting_links_tables_and_figures_stay() {
        let html = "<figure><img src=\"https://x.go.th/a.png\" alt=\"A\"><figcaption>Cap</figcaption>\
            </figure><p><abbr title=\"Department\">DIW</abbr> CO<sub>2</sub> m<sup>3</sup> \
            <a href=\"../about/\" title=\"t\">about</a> <a href=\"mailto:a@b.th\">mail</a></p>\
            <table><tr><td style=\"text-align: center\">1</td></tr></table>";
        let out = clean(html);
        for part in [
            "<img src=\"https://x.go.th/a.png\" alt=\"A\">",
            "<abbr title=\"Department\">DIW</abbr>",
            "<a href=\"../about/\" title=\"t\" rel=\"noopener noreferrer\">about</a>",
            "<a href=\"mailto:a@b.th\" rel=\"noopener noreferrer\">mail</a>",
            "<td style=\"text-align:center\">1</td>",
            "<figcaption>Cap</figcaption>",
        ] {
            assert!(out.contains(part), "missing {part} in {out}");
        }
        assert!(!clean("<img src=\"http://x/a.png\">").contains("src"));
        assert!(!clean("<img src=\"//x/a.png\">").contains("src"));
    }

    #[test]
    fn removed_names_what_goes() {
        let found = removed("<div onclick=\"x()\" class=c>Hi</div><script src=a>x</script>");
        let values: Vec<(usize, &str)> =
            found.iter().map(|r| (r.offset, r.value.as_str())).collect();
        assert_eq!(values, [(5, "onclick=\"x()\""), (35, "<script src=a>")]);
        assert!(removed("<b>bold</b> <a href=\"https://x\">x</a> <!-- <script> -->").is_empty());
        let found = removed("<a href='javascript:alert(1)'>x</a><img src=x onerror=alert(1)>");
        let values: Vec<&str> = found.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(values, ["href='javascript:alert(1)'", "onerror=alert(1)"]);
        assert!(removed("<td style=\"text-align: left\">").is_empty());
        assert_eq!(removed("<td style=\"color: red\">").len(), 1);
        // An address hidden behind character references is read as a browser reads it.
        let found = removed("<a href=\"&#106;ava&#x73;cript:alert(1)\">x</a>");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].value, "href=\"&#106;ava&#x73;cript:alert(1)\"");
    }

    #[test]
    fn removed_never_fails_on_broken_markup() {
        for text in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"x",
            "</",
            "<!--",
            "<1>",
            "<ก>",
            "<a ก=ข>",
        ] {
            let _ = removed(text);
        }
    }

    #[test]
    fn schemes() {
        assert!(has_unsafe_scheme("javascript:alert(1)"));
        assert!(has_unsafe_scheme(" J\u{0}avaScript :x"));
        assert!(has_unsafe_scheme("DATA:text/html,x"));
        assert!(!has_unsafe_scheme("../javascript:x/"));
        assert!(!has_unsafe_scheme("https://x.go.th/"));
        assert_eq!(scheme("https://x").as_deref(), Some("https"));
        assert_eq!(scheme("#top"), None);
        assert_eq!(scheme("a/b:c"), None);
    }
}
