//! The URLs inside attribute values and style sheets: `srcset` candidates and CSS `url()`s.

/// The URLs of a `srcset`: each candidate is a URL, then an optional descriptor, then a comma.
pub(super) fn srcset_urls(srcset: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(',');
        urls.push(url);
        // A descriptor, if any, runs to the next comma; a URL ending in a comma has none.
        rest = if rest[..end].ends_with(',') {
            &rest[end..]
        } else {
            rest[end..].find(',').map_or("", |i| &rest[end + i..])
        };
    }
}

/// The URLs of `url(…)` and `@import "…"` in CSS, with the offset of each `url(` or string.
/// Comments are skipped, and so are other strings (`content: "url(x)"` loads nothing).
pub(super) fn css_urls(css: &str) -> Vec<(usize, String)> {
    let bytes = css.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    let mut after_import = false;
    while i < bytes.len() {
        let b = bytes[i];
        if bytes[i..].starts_with(b"/*") {
            i = css[i + 2..].find("*/").map_or(css.len(), |j| i + 2 + j + 2);
        } else if b == b'"' || b == b'\'' {
            let end = css[i + 1..]
                .find(b as char)
                .map_or(css.len(), |j| i + 1 + j);
            if after_import {
                urls.push((i, css[i + 1..end].to_string()));
            }
            after_import = false;
            i = (end + 1).min(css.len());
        } else if is_url_function(css, i) {
            let (url, end) = url_argument(css, i + 4);
            urls.push((i, url));
            after_import = false;
            i = end;
        } else if bytes[i..].starts_with(b"@import") {
            after_import = true;
            i += 7;
        } else {
            if !b.is_ascii_whitespace() {
                after_import = false;
            }
            i += 1;
        }
    }
    urls
}

/// `url(` at `i`, not the end of a longer name such as `myurl(`.
pub(super) fn is_url_function(css: &str, i: usize) -> bool {
    let bytes = css.as_bytes();
    bytes.len() >= i + 4
        && bytes[i..i + 4].eq_ignore_ascii_case(b"url(")
        && (i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'-' | b'_')))
}

/// The argument of a `url(` whose contents start at `start`, and the offset after its `)`.
pub(super) fn url_argument(css: &str, start: usize) -> (String, usize) {
    let inner_start = start + (css[start..].len() - css[start..].trim_start().len());
    let rest = &css[inner_start..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let end = rest[1..].find(quote).map_or(rest.len(), |j| 1 + j);
        let close = rest[end..]
            .find(')')
            .map_or(css.len(), |j| inner_start + end + j + 1);
        (rest[1..end].to_string(), close)
    } else {
        let end = rest.find(')').unwrap_or(rest.len());
        (
            rest[..end].trim().to_string(),
            (inner_start + end + 1).min(css.len()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_srcset_and_css_urls() {
        assert_eq!(
            srcset_urls("a.png 1x, b.png 2x,c.png"),
            ["a.png", "b.png", "c.png"]
        );
        assert_eq!(
            srcset_urls("data:image/png;base64,AA= 1x"),
            ["data:image/png;base64,AA="]
        );
        let css = "/* url(no) */ @import \"a.css\"; p { content: \"url(no)\"; background: URL( 'b c.png' ) } q { x: url(d.woff2) } myurl(no)";
        let urls: Vec<String> = css_urls(css).into_iter().map(|(_, u)| u).collect();
        assert_eq!(urls, ["a.css", "b c.png", "d.woff2"]);
        assert_eq!(css_urls("url(")[0].1, "");
        assert_eq!(css_urls("url('x")[0].1, "x");
    }
}
