//! A small HTML scanner: the tags of a page with their attributes and where they sit, its text,
//! and the raw contents of `<script>` and `<style>`. The site check reads every page with it, and
//! the narrative checker reads authors' raw HTML with it to say what the sanitiser will drop.
//!
//! The site check only needs tags, attributes and text with their byte offsets, not a document
//! tree, so a scanner of a few hundred lines does the job faster than a full HTML5 parser and
//! without a dependency. It follows the HTML tokenizer where it matters for our pages — quoted and
//! unquoted attribute values, character references in values, comments, doctype, CDATA and the raw
//! text of script and style — and is lenient everywhere else: it never fails and never panics,
//! whatever bytes it is given. Names of tags and attributes are lower-cased (HTML is case-blind),
//! borrowing from the page when they already are, as ours always are: the check scans every byte
//! of a large site, so it allocates as little as it can.

use std::borrow::Cow;

/// One piece of a page, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Start(Tag<'a>),
    End {
        name: Cow<'a, str>,
        at: usize,
    },
    /// Text between tags, as written (character references are not decoded).
    Text {
        text: &'a str,
        at: usize,
    },
    /// The contents of `<script>` or `<style>`, which are not HTML.
    Raw {
        text: &'a str,
        at: usize,
    },
}

/// A start tag such as `<a href="x">`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tag<'a> {
    pub name: Cow<'a, str>,
    pub attrs: Vec<Attr<'a>>,
    /// Written `<x/>`: in SVG this closes the element.
    pub self_closing: bool,
    /// Offset of the `<`.
    pub at: usize,
    /// Offset just after the tag's `>` (or the end of the text).
    pub end: usize,
}

/// One attribute, its value with character references decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr<'a> {
    pub name: Cow<'a, str>,
    /// `None` for a bare attribute such as `hidden`.
    pub value: Option<Cow<'a, str>>,
    /// Offset of the attribute's name.
    pub at: usize,
    /// Offset just after the attribute as written (its value and closing quote, if any).
    pub end: usize,
}

impl<'a> Tag<'a> {
    /// The first attribute called `name` (browsers ignore later duplicates).
    pub fn attr(&self, name: &str) -> Option<&Attr<'a>> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The value of attribute `name`; a bare attribute has the empty value.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.attr(name).map(Attr::text)
    }
}

impl Attr<'_> {
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }
}

/// Elements that never have contents or an end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The tokens of `text`, in order.
pub fn tokens(text: &str) -> Scanner<'_> {
    Scanner {
        text,
        pos: 0,
        raw_until: None,
    }
}

/// An iterator over the tokens of a page.
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    /// Inside `<script>`, `<style>`, `<title>` or `<textarea>`: the element whose end tag ends
    /// the contents (nothing inside them is a tag).
    raw_until: Option<&'static str>,
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_until.take()
            && let Some(token) = self.raw_contents(name)
        {
            return Some(token);
        }
        while self.pos < self.text.len() {
            let bytes = self.text.as_bytes();
            if bytes[self.pos] != b'<' {
                return Some(self.text_run());
            }
            let next = bytes.get(self.pos + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                return Some(self.start_tag());
            }
            if next == b'/' && bytes.get(self.pos + 2).is_some_and(u8::is_ascii_alphabetic) {
                return Some(self.end_tag());
            }
            if next == b'!' || next == b'?' || next == b'/' {
                self.skip_markup();
                continue;
            }
            // A `<` that starts nothing is text.
            return Some(self.text_run());
        }
        None
    }
}

impl<'a> Scanner<'a> {
    /// Text up to the next `<` that is not the one at the current position.
    fn text_run(&mut self) -> Token<'a> {
        let at = self.pos;
        // The search starts after the character at `at`, which may be longer than one byte.
        let next = at + self.text[at..].chars().next().map_or(1, char::len_utf8);
        // memchr rather than `str::find`: the check scans every byte of a large site, and the
        // latter compares each match again through a call to memcmp.
        let end = memchr::memchr(b'<', &self.text.as_bytes()[next..])
            .map_or(self.text.len(), |i| next + i);
        self.pos = end;
        Token::Text {
            text: &self.text[at..end],
            at,
        }
    }

    /// Comments, doctype, CDATA, processing instructions and `</ >`: nothing the check needs.
    fn skip_markup(&mut self) {
        let rest = &self.text[self.pos..];
        let end = if rest.starts_with("<!--") {
            find_after(rest, 4, "-->")
        } else if rest.starts_with("<![CDATA[") {
            find_after(rest, 9, "]]>")
        } else {
            find_after(rest, 1, ">")
        };
        self.pos += end;
    }

    fn start_tag(&mut self) -> Token<'a> {
        let at = self.pos;
        self.pos += 1;
        let name = lower(self.take_name());
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    break;
                }
                Some(b'/') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        self_closing = true;
                        break;
                    }
                }
                Some(_) => attrs.push(self.attribute()),
            }
        }
        if !self_closing {
            self.raw_until = raw_text_element(&name);
        }
        Token::Start(Tag {
            name,
            attrs,
            self_closing,
            at,
            end: self.pos,
        })
    }

    fn end_tag(&mut self) -> Token<'a> {
        let at = self.pos;
        self.pos += 2;
        let name = lower(self.take_name());
        // Anything else in an end tag (attributes, spaces) is ignored, as browsers do.
        self.pos += find_after(&self.text[self.pos..], 0, ">");
        Token::End { name, at }
    }

    /// `name`, `name=value`, `name="value"` or `name='value'`.
    fn attribute(&mut self) -> Attr<'a> {
        let at = self.pos;
        // A name may begin with `=` (a stray one is part of the name, as in the HTML tokenizer).
        let first = if self.peek() == Some(b'=') { 1 } else { 0 };
        self.pos += first;
        let rest = self.take_name();
        let name = lower(&self.text[at..at + first + rest.len()]);
        let before_value = self.pos;
        self.skip_space();
        if self.peek() != Some(b'=') {
            self.pos = before_value;
            return Attr {
                name,
                value: None,
                at,
                end: before_value,
            };
        }
        self.pos += 1;
        self.skip_space();
        let raw = match self.peek() {
            Some(quote @ (b'"' | b'\'')) => {
                let start = self.pos + 1;
                let end = memchr::memchr(quote, &self.text.as_bytes()[start..])
                    .map_or(self.text.len(), |i| start + i);
                self.pos = (end + 1).min(self.text.len());
                &self.text[start..end]
            }
            _ => {
                let start = self.pos;
                let end = self.text[start..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(self.text.len(), |i| start + i);
                self.pos = end;
                &self.text[start..end]
            }
        };
        Attr {
            name,
            value: Some(decode_entities(raw)),
            at,
            end: self.pos,
        }
    }

    /// The contents of a raw-text element up to its end tag (which is left for the next call).
    fn raw_contents(&mut self, name: &str) -> Option<Token<'a>> {
        let at = self.pos;
        let end = find_end_tag(&self.text[at..], name).map_or(self.text.len(), |i| at + i);
        self.pos = end;
        let text = &self.text[at..end];
        match name {
            "script" | "style" => Some(Token::Raw { text, at }),
            _ if text.is_empty() => None,
            _ => Some(Token::Text { text, at }),
        }
    }

    /// Characters up to a space, `/`, `>` or `=`.
    fn take_name(&mut self) -> &'a str {
        let start = self.pos;
        // The delimiters are ASCII, so a byte search stops on a character boundary.
        let end = self.text.as_bytes()[start..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'='))
            .map_or(self.text.len(), |i| start + i);
        self.pos = end;
        &self.text[start..end]
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }
}

/// `name` in lower case, borrowed when it already is.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// Elements whose contents are not markup.
fn raw_text_element(name: &str) -> Option<&'static str> {
    match name {
        "script" => Some("script"),
        "style" => Some("style"),
        "title" => Some("title"),
        "textarea" => Some("textarea"),
        _ => None,
    }
}

/// Offset just past `needle` in `text`, searching from `from`; the end of `text` if it is absent.
fn find_after(text: &str, from: usize, needle: &str) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find(needle))
        .map_or(text.len(), |i| from + i + needle.len())
}

/// Offset of `</name` (any case) followed by a space, `/` or `>` (or the end), in `text`.
fn find_end_tag(text: &str, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find("</") {
        let start = from + i;
        let name_end = start + 2 + name.len();
        let matches_name = bytes
            .get(start + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let delimited = bytes
            .get(name_end)
            .is_none_or(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>');
        if matches_name && delimited {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// Decodes the character references in an attribute value: every named reference HTML defines
/// and numeric ones (the `html-escape` crate). Anything else is left as written.
pub fn decode_entities(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    html_escape::decode_html_entities(raw)
}

/// Turns byte offsets into 1-based lines and columns counted in characters. It keeps only where
/// each line starts, so it can be built once per file and kept beside the text.
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts }
    }

    /// `(line, column)` of byte offset `at` in `text` (the text `new` was given), clamped to the
    /// text and to a character boundary.
    pub fn position(&self, text: &str, at: usize) -> (u64, u64) {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1].min(at);
        let column = text[start..at].chars().count() + 1;
        (line as u64, column as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(html: &str) -> Vec<Tag<'_>> {
        tokens(html)
            .filter_map(|t| match t {
                Token::Start(tag) => Some(tag),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes() {
        let tags = starts("<A HREF='x y' title=\"a>b\" data-n=3 hidden>");
        let a = &tags[0];
        assert_eq!(a.name, "a");
        assert_eq!(a.value("href"), Some("x y"));
        assert_eq!(a.value("title"), Some("a>b"));
        assert_eq!(a.value("data-n"), Some("3"));
        assert_eq!(a.value("hidden"), Some(""));
        assert!(a.attr("hidden").unwrap().value.is_none());
        assert_eq!(a.attr("title").unwrap().at, 14);
    }

    #[test]
    fn decodes_references_in_values() {
        let tags = starts("<a href=\"a?x=1&amp;y=2&#39;&#x41;&bogus;&\">");
        assert_eq!(tags[0].value("href"), Some("a?x=1&y=2'A&bogus;&"));
    }

    #[test]
    fn skips_comments_and_raw_text() {
        let html = "<!-- <a href=x> --><script>if (a<b) '<a href=y>'</script ><p>t</p>";
        let kinds: Vec<String> = tokens(html)
            .map(|t| match t {
                Token::Start(tag) => format!("<{}>", tag.name),
                Token::End { name, .. } => format!("</{name}>"),
                Token::Text { text, .. } => text.to_string(),
                Token::Raw { text, .. } => format!("raw:{text}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "<script>",
                "raw:if (a<b) '<a href=y>'",
                "</script>",
                "<p>",
                "t",
                "</p>"
            ]
        );
    }

    #[test]
    fn survives_truncated_markup() {
        for html in [
            "<a href=\"x",
            "<a href=",
            "<!-- x",
            "<script>x",
            "<",
            "</",
            "<a b",
            "&#",
        ] {
            let _ = tokens(html).count();
        }
        assert!(starts("<svg/><p>")[0].self_closing);
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\nไทย<x>";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text, 0), (1, 1));
        assert_eq!(lines.position(text, text.find('<').unwrap()), (2, 4));
        assert_eq!(lines.position(text, 999), (2, 7));
    }
}
