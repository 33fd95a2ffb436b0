//! Markdown to HTML for narratives, with the few changes a public government site needs.
//!
//! pulldown-cmark does the parsing (tables, footnotes, strikethrough, heading attributes). On the
//! way to HTML we give every heading a stable `id` so that links to a section survive rebuilds,
//! and we disarm what a narrative must not carry: `javascript:`-style links become `#`, heading
//! attributes other than `{#id}` and `{.class}` are dropped (they would allow `onclick=`), and
//! the finished HTML goes through the sanitiser's allow-list ([`super::sanitize`]), which removes
//! scripts, event handlers, frames and the like from raw HTML. Each removal is reported where it
//! was written, through the offset map of the shortcode expansion. A site that trusts its authors
//! can publish raw HTML as written with `[content] allow_raw_html = true` in `site.toml`.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Diagnostics;

use super::Source;
use super::headings::HeadingIds;
use super::sanitize;
use super::shortcodes::Expanded;

const RAW_HTML: &str = "this HTML is not allowed in a narrative, so it is left out of the page";
const RAW_HTML_HINT: &str = "narratives keep simple formatting HTML only (docs/authoring.md lists \
    it): write this in Markdown, or, if every author is trusted, set allow_raw_html = true under \
    [content] in site.toml";

/// Prefix for footnote ids, so that a footnote never takes a heading's id.
const FOOTNOTE_PREFIX: &str = "fn-";

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Headings that mark a narrative's short version for the printed brief ("## Brief"), compared
/// without case.
pub const BRIEF_HEADINGS: &[&str] = &["brief", "สรุปสำหรับผู้บริหาร"];

/// A narrative body as HTML, and the part of it under a [`BRIEF_HEADINGS`] heading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    /// The HTML under the first heading named in [`BRIEF_HEADINGS`], up to the next heading of the
    /// same or a higher level; found in the Markdown's events, not by reading the HTML back.
    pub brief: Option<String>,
}

/// Renders the expanded body; `source` is the body as written, for locating warnings. Raw HTML
/// is sanitised to the allow-list unless `allow_raw_html`.
pub fn to_html(
    expanded: &Expanded,
    source: &Source,
    allow_raw_html: bool,
    diags: &mut Diagnostics,
) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let events: Vec<Spanned> = Parser::new_ext(&expanded.text, options)
        .into_offset_iter()
        .collect();
    let mut pass = Pass {
        expanded,
        source,
        diags,
        ids: HeadingIds::new(reserved_ids(&events)),
        out: Vec::with_capacity(events.len()),
        allow_raw_html,
    };
    let mut index = 0;
    while index < events.len() {
        index = pass.event(&events, index);
    }
    let finish = |events: &[Event<'_>]| {
        let mut html = String::with_capacity(expanded.text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
        match allow_raw_html {
            true => html,
            false => sanitize::clean(&html),
        }
    };
    let brief = brief_section(&pass.out).map(|events| finish(events).trim().to_string());
    Rendered {
        html: finish(&pass.out),
        brief,
    }
}

/// The events under the first heading named in [`BRIEF_HEADINGS`], up to the next heading of the
/// same or a higher level.
fn brief_section<'e, 'a>(events: &'e [Event<'a>]) -> Option<&'e [Event<'a>]> {
    let mut i = 0;
    while i < events.len() {
        let Event::Start(Tag::Heading { level, .. }) = &events[i] else {
            i += 1;
            continue;
        };
        let end = i + events[i..]
            .iter()
            .position(|e| matches!(e, Event::End(pulldown_cmark::TagEnd::Heading(_))))?;
        let text: String = events[i + 1..end]
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if BRIEF_HEADINGS
            .iter()
            .any(|h| text.trim().eq_ignore_ascii_case(h))
        {
            let stop = events[end + 1..]
                .iter()
                .position(
                    |e| matches!(e, Event::Start(Tag::Heading { level: l, .. }) if l <= level),
                )
                .map_or(events.len(), |p| end + 1 + p);
            return Some(&events[end + 1..stop]);
        }
        i = end + 1;
    }
    None
}

/// One walk over the events, rewriting what must change.
struct Pass<'a, 'd> {
    expanded: &'d Expanded,
    source: &'d Source<'d>,
    diags: &'d mut Diagnostics,
    ids: HeadingIds,
    out: Vec<Event<'a>>,
    allow_raw_html: bool,
}

impl<'a> Pass<'a, '_> {
    /// Handles the event at `index` (and any it needs to look at after it); returns the next index.
    fn event(&mut self, events: &[Spanned<'a>], index: usize) -> usize {
        let (event, range) = &events[index];
        match event {
            Event::Start(Tag::HtmlBlock) => return self.html_block(events, index),
            Event::Start(Tag::Heading { .. }) => self.heading(events, index),
            Event::Html(html) | Event::InlineHtml(html) => {
                if !is_comment(html) {
                    self.check_html(range);
                    self.out.push(event.clone());
                }
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let mut tag = tag.clone();
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                    *dest_url = self.safe_url(dest_url, range);
                }
                self.out.push(Event::Start(tag));
            }
            Event::FootnoteReference(label) => {
                self.out.push(Event::FootnoteReference(footnote_id(label)));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let tag = Tag::FootnoteDefinition(footnote_id(label));
                self.out.push(Event::Start(tag));
            }
            other => self.out.push(other.clone()),
        }
        index + 1
    }

    /// A heading start with its unique id, and without attributes that could carry script.
    fn heading(&mut self, events: &[Spanned<'a>], index: usize) {
        let (
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }),
            range,
        ) = &events[index]
        else {
            return;
        };
        if !attrs.is_empty() {
            let message = "this heading attribute was dropped";
            let hint = "only {#id} and {.class} are kept on a heading";
            self.warn("heading-attribute", range, message, hint);
        }
        let text = heading_text(&events[index + 1..]);
        let id = self.ids.assign(id.as_deref(), &text);
        self.out.push(Event::Start(Tag::Heading {
            level: *level,
            id: Some(id.into()),
            classes: classes.clone(),
            attrs: Vec::new(),
        }));
    }

    /// An HTML block is kept for the sanitiser (its removals reported), or left out if it is only
    /// a comment.
    fn html_block(&mut self, events: &[Spanned<'a>], start: usize) -> usize {
        let end = events[start..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::HtmlBlock)))
            .map_or(events.len(), |p| start + p);
        let text: String = events[start + 1..end]
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Html(t) | Event::Text(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        if !is_comment(&text) {
            self.check_html(&events[start].1);
            self.out
                .extend(events[start..end].iter().map(|(e, _)| e.clone()));
            self.out.push(Event::End(TagEnd::HtmlBlock));
        }
        end + 1
    }

    /// Reports what the sanitiser will remove from the raw HTML at `range` of the expanded text.
    fn check_html(&mut self, range: &Range<usize>) {
        if self.allow_raw_html {
            return;
        }
        let fragment = self.expanded.text.get(range.clone()).unwrap_or("");
        for removed in sanitize::removed(fragment) {
            let offset = self.expanded.original_offset(range.start + removed.offset);
            self.diags.push(
                self.source
                    .warning("raw-html", offset, RAW_HTML)
                    .with_value(removed.value)
                    .with_hint(RAW_HTML_HINT),
            );
        }
    }

    /// `#` instead of a URL that would run code; reported.
    fn safe_url(&mut self, url: &CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        if !is_unsafe_url(url) {
            return url.clone();
        }
        let offset = self.expanded.original_offset(range.start);
        self.diags.push(
            self.source
                .warning(
                    "unsafe-link",
                    offset,
                    "this link could run code in the reader's browser, so it was replaced by #",
                )
                .with_value(url.to_string())
                .with_hint("link to an https:// address or to a page of this site"),
        );
        "#".into()
    }

    /// A warning at the start of `range`, quoting the rest of that line as written.
    fn warn(&mut self, code: &'static str, range: &Range<usize>, message: &str, hint: &str) {
        let offset = self.expanded.original_offset(range.start);
        let value = self
            .source
            .text
            .get(offset..)
            .and_then(|t| t.lines().next())
            .unwrap_or("");
        self.diags.push(
            self.source
                .warning(code, offset, message)
                .with_value(value.trim_end())
                .with_hint(hint),
        );
    }
}

/// True for `javascript:`, `data:` and `vbscript:` URLs however they are disguised with case,
/// spaces or control characters (browsers ignore those).
fn is_unsafe_url(url: &str) -> bool {
    sanitize::has_unsafe_scheme(url)
}

fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

fn footnote_id<'a>(label: &str) -> CowStr<'a> {
    format!("{FOOTNOTE_PREFIX}{label}").into()
}

/// Ids taken before the first heading: explicit `{#id}`s and footnotes.
fn reserved_ids(events: &[Spanned]) -> HashSet<String> {
    let mut reserved = HashSet::new();
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => reserved.insert(id.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                reserved.insert(footnote_id(label).to_string())
            }
            _ => false,
        };
    }
    reserved
}

/// The plain text of a heading whose start event came just before `events`.
fn heading_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str) -> (String, Diagnostics) {
        let source = Source::new("content/pages/x.en.md", body, 3);
        let expanded = Expanded::unchanged(body);
        let mut diags = Diagnostics::new();
        (to_html(&expanded, &source, false, &mut diags).html, diags)
    }

    #[test]
    fn heading_ids_are_unique_and_explicit_ids_win() {
        let (html, _) = render("# Data\n\n## Data\n\n## Other {#data-2}\n\n## ข้อมูล ล่าสุด\n");
        assert!(html.contains("<h1 id=\"data\">Data</h1>"), "{html}");
        assert!(html.contains("<h2 id=\"data-3\">Data</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"data-2\">Other</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"ข้อมูล-ล่าสุด\">"), "{html}");
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_dropped() {
        let (html, diags) = render("## T {#t .c onclick=alert(1)}\n");
        assert_eq!(html, "<h2 id=\"t\" class=\"c\">T</h2>\n");
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.line, d.column),
            ("heading-attribute", Some(3), Some(1))
        );
    }

    #[test]
    fn raw_html_is_sanitised_and_comments_vanish() {
        let body = "<script>alert(1)</script>\n\nA <b onclick=\"x()\">b</b> <!-- note -->\n\n\
            <!--\nhidden\n-->\n\n<div\n  onmouseover=\"x()\">d</div>\n";
        let (html, diags) = render(body);
        assert_eq!(html, "\n<p>A <b>b</b> </p>\n<div>d</div>\n");
        let found: Vec<_> = diags
            .iter()
            .map(|d| (d.code, d.line, d.column, d.value.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                ("raw-html", Some(3), Some(1), "<script>"),
                ("raw-html", Some(5), Some(6), "onclick=\"x()\""),
                ("raw-html", Some(12), Some(3), "onmouseover=\"x()\"")
            ]
        );
    }

    #[test]
    fn the_brief_section_is_found_by_its_heading() {
        let brief = |body: &str| {
            let source = Source::new("content/provinces/th-21.en.md", body, 1);
            let expanded = Expanded::unchanged(body);
            to_html(&expanded, &source, false, &mut Diagnostics::new()).brief
        };
        assert_eq!(
            brief("Intro\n\n## Brief\n\nShort.\n\n### Detail\n\nMore.\n\n## Later\n\nNot this.\n")
                .as_deref(),
            Some("<p>Short.</p>\n<h3 id=\"detail\">Detail</h3>\n<p>More.</p>")
        );
        assert_eq!(
            brief("## สรุปสำหรับผู้บริหาร\n\nสั้น\n").as_deref(),
            Some("<p>สั้น</p>")
        );
        assert_eq!(brief("## Background\n\nx\n"), None);
    }

    #[test]
    fn raw_html_is_kept_when_the_site_allows_it() {
        let source = Source::new("content/pages/x.en.md", "A <b onclick=\"x()\">b</b>\n", 1);
        let expanded = Expanded::unchanged(source.text);
        let mut diags = Diagnostics::new();
        let html = to_html(&expanded, &source, true, &mut diags).html;
        assert_eq!(html, "<p>A <b onclick=\"x()\">b</b></p>\n");
        assert!(diags.is_empty());
    }

    #[test]
    fn stray_end_tags_cannot_close_the_page() {
        let (html, _) = render("</div></main></body>\n\nText </p></div>\n");
        assert_eq!(html, "\n<p>Text </p><p></p>\n");
    }

    #[test]
    fn unsafe_links_become_hash() {
        let (html, diags) = render(
            "[a](JavaScript:alert(1)) [b](https://x.go.th/) ![i](data:image/png;base64,AA) <vbscript:x>\n",
        );
        let rel = "rel=\"noopener noreferrer\"";
        assert!(
            html.contains(&format!("<a href=\"#\" {rel}>a</a>")),
            "{html}"
        );
        assert!(
            html.contains(&format!("<a href=\"https://x.go.th/\" {rel}>b</a>")),
            "{html}"
        );
        assert!(html.contains("<img src=\"#\""), "{html}");
        assert_eq!(diags.len(), 3);
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.value.as_deref(), d.column),
            ("unsafe-link", Some("JavaScript:alert(1)"), Some(1))
        );
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let (html, _) =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n] ~~old~~\n\n[^n]: Source.\n");
        assert!(
            html.contains("<table>") && html.contains("<td>2</td>"),
            "{html}"
        );
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(
            html.contains("href=\"#fn-n\"") && html.contains("id=\"fn-n\""),
            "{html}"
        );
    }
}
