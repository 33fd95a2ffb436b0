//! Reading the tags of generated HTML, SVG and XML, to find markup that could run code.
//!
//! Shared by the property tests and the probe tests (`#[path]`-included). A small scanner, not a
//! full parser: it reads the tags and attributes of output that ecotown wrote, and reports any
//! element or attribute that a browser would run: `<script>` and friends, `on…=` handlers, and
//! `javascript:`, `data:` or `vbscript:` addresses, including ones hidden behind entities.

#![allow(dead_code)]

/// One start tag: its name and attributes (values with entities decoded), lower-cased names.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// Every start tag in `html`, skipping comments, doctypes and processing instructions.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|p| p + i) {
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |p| at + p + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(html.len(), |p| at + p + 1);
            continue;
        }
        let name_end = scan(bytes, at + 1, |b| {
            b.is_ascii_alphanumeric() || b == b'-' || b == b':'
        });
        if name_end == at + 1 {
            i = at + 1;
            continue;
        }
        let name = html[at + 1..name_end].to_ascii_lowercase();
        let (attributes, end) = read_attributes(html, name_end);
        found.push(Tag { name, attributes });
        i = end;
    }
    found
}

/// The site's own script, the only one it has: the search page's form, its words (JSON, which
/// does not run) and its two scripts; every page's `static/site.js` (sort, filter, print); an
/// indicator page's `static/compare.js` and its data (JSON). All are files of the site itself.
/// Also an embed page's `<base target="_top">`, which sends its links to the reader's window and
/// changes no address (a `<base href>` would). Anything else that would run is a danger.
pub fn is_own_script(tag: &Tag) -> bool {
    let attr = |name: &str| {
        (tag.attributes.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let local = |src: &str| !src.contains(':') && !src.starts_with("//");
    match tag.name.as_str() {
        "form" => attr("id") == Some("search-form"),
        "base" => attr("target") == Some("_top") && tag.attributes.len() == 1,
        "script" => {
            let json = attr("type") == Some("application/json");
            (json && matches!(attr("id"), Some("search-strings" | "compare-data")))
                || attr("src").is_some_and(|src| {
                    local(src)
                        && (src == "search-index.js"
                            || ["static/search.js", "static/site.js", "static/compare.js"]
                                .iter()
                                .any(|own| src.ends_with(own)))
                })
        }
        _ => false,
    }
}

/// Everything in `html` that would run code in a reader's browser, described.
pub fn dangers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in tags(html) {
        if !is_own_script(&tag)
            && matches!(
                tag.name.as_str(),
                "script" | "iframe" | "object" | "embed" | "frame" | "applet" | "base" | "form"
            )
        {
            found.push(format!("<{}> element", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") {
                found.push(format!("{name}= handler on <{}>", tag.name));
            }
            let url_attribute = matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset" | "poster"
            );
            if url_attribute && unsafe_url(value) {
                found.push(format!("{name}=\"{value}\" on <{}>", tag.name));
            }
            if name == "style" && value.to_ascii_lowercase().contains("url(") {
                found.push(format!("style with url() on <{}>", tag.name));
            }
        }
    }
    found
}

/// A `javascript:`, `data:` or `vbscript:` address however spelt.
pub fn unsafe_url(value: &str) -> bool {
    let cleaned: String = decode_entities(value)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// Decodes the entities a browser would in an attribute: named basics and numeric references.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "amp" => Some('&' as u32),
        "lt" => Some('<' as u32),
        "gt" => Some('>' as u32),
        "quot" => Some('"' as u32),
        "apos" => Some('\'' as u32),
        "colon" => Some(':' as u32),
        "Tab" => Some('\t' as u32),
        "NewLine" => Some('\n' as u32),
        _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            Some(hex) => number(hex, 16),
            None => name.strip_prefix('#').and_then(|d| number(d, 10)),
        },
    };
    code.and_then(char::from_u32)
}

fn read_attributes(html: &str, start: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut list = Vec::new();
    let mut i = start;
    loop {
        i = scan(bytes, i, |b| b.is_ascii_whitespace() || b == b'/');
        match bytes.get(i) {
            None => return (list, html.len()),
            Some(b'>') => return (list, i + 1),
            Some(_) => {}
        }
        let name_end = scan(bytes, i, |b| {
            !(b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
        })
        .max(i + 1);
        let name = html.get(i..name_end).unwrap_or("").to_ascii_lowercase();
        i = scan(bytes, name_end, |b| b.is_ascii_whitespace());
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i = scan(bytes, i + 1, |b| b.is_ascii_whitespace());
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = scan(bytes, i + 1, |b| b != q);
                    value = html.get(i + 1..close).unwrap_or("").to_string();
                    i = (close + 1).min(html.len());
                }
                _ => {
                    let end = scan(bytes, i, |b| !(b.is_ascii_whitespace() || b == b'>'));
                    value = html.get(i..end).unwrap_or("").to_string();
                    i = end;
                }
            }
        } else {
            i = name_end;
        }
        list.push((name, decode_entities(&value)));
    }
}

fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let from = from.min(bytes.len());
    bytes[from..]
        .iter()
        .position(|&b| !keep(b))
        .map_or(bytes.len(), |p| from + p)
}
