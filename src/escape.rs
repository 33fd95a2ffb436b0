//! Escaping text for the languages the site writes by hand, one function per language.
//!
//! Templates are escaped by tera. Everything the program writes itself goes through here:
//! [`markup`] for HTML and XML (SVG charts, the Atom feed, the sitemap, the preview's overlay),
//! [`markdown`] for data quoted into a narrative before it becomes HTML, [`css_string`] for text
//! put into a style sheet (the briefs' running headers), [`script_json`] for JSON written inside a
//! `<script>` element or script file (the search index and its words). CSV has its own rules
//! ([`crate::csvfile`]).

/// Text made safe as HTML or XML content and as a quoted attribute value: the five markup
/// characters become references (`&#39;` for `'`, which HTML and XML both read), and control
/// characters XML 1.0 forbids become spaces rather than making the file unreadable.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_markup(&mut out, c);
    }
    out
}

/// Data text made inert in Markdown and HTML: [`markup`]'s references, and a backslash before
/// every character Markdown could read as markup.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '#' | '|' | '`' | '~' | '{' | '}'
        ) {
            out.push('\\');
            out.push(c);
        } else {
            push_markup(&mut out, c);
        }
    }
    out
}

/// JSON (already serialised) made safe inside a `<script>` element: `</` becomes `<\/`, which
/// JSON reads as the same two characters, so no string in it can close the element.
pub fn script_json(json: &str) -> String {
    json.replace("</", "<\\/")
}

/// A CSS string literal, quotes included: `"…"` with quotes, backslashes, line breaks and `<`
/// escaped (the last so that the text can never close the `<style>` element it sits in).
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\A "),
            '<' => out.push_str("\\3C "),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn push_markup(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_inert() {
        assert_eq!(
            markup("a<b & \"c\" 'd'"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(markup("x\u{1}y\tz"), "x y\tz");
        assert_eq!(markup("ระยอง"), "ระยอง");
    }

    #[test]
    fn css_strings_cannot_escape_their_quotes_or_the_style_element() {
        assert_eq!(css_string("a\"b\\c</style>"), "\"a\\\"b\\\\c\\3C /style>\"");
    }

    #[test]
    fn markdown_is_inert() {
        assert_eq!(markdown("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(
            markdown("*x* _y_ [z](u) # | `c` \\ ~~s~~"),
            "\\*x\\* \\_y\\_ \\[z\\](u) \\# \\| \\`c\\` \\\\ \\~\\~s\\~\\~"
        );
    }
}
