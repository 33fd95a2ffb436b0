//! Shortcodes: finding `{{ name(key="value", …) }}` in a narrative and replacing each with text.
//!
//! Shortcodes are expanded on the Markdown source, before Markdown is parsed, as Zola does, so a
//! figure can sit anywhere a word can (in a heading, a table cell, a list). Each replacement is
//! remembered in an [`Expanded`] so that later diagnostics (from the Markdown pass) can still be
//! located in the file as written. `\{{` writes literal braces. How one shortcode is read is in
//! [`super::syntax`], what it means in [`super::values`].

use std::ops::Range;

use crate::diagnostics::{Diagnostic, Diagnostics};

use super::Source;
use super::syntax::parse;
use super::values::{self, Context};

/// A narrative body with its shortcodes replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded {
    pub text: String,
    splices: Vec<Splice>,
}

/// One replacement: `original` bytes of the source became `expanded` bytes of the result.
#[derive(Debug, Clone, PartialEq)]
struct Splice {
    original: Range<usize>,
    expanded: Range<usize>,
}

impl Expanded {
    /// A text without shortcodes.
    #[cfg(test)]
    pub fn unchanged(text: &str) -> Self {
        Expanded {
            text: text.to_string(),
            splices: Vec::new(),
        }
    }

    /// The source offset that `offset` in the expanded text came from; inside a replacement, the
    /// start of the shortcode.
    pub fn original_offset(&self, offset: usize) -> usize {
        let index = self.splices.partition_point(|s| s.expanded.start <= offset);
        let Some(splice) = index.checked_sub(1).map(|i| &self.splices[i]) else {
            return offset;
        };
        if offset < splice.expanded.end {
            splice.original.start
        } else {
            splice.original.end + (offset - splice.expanded.end)
        }
    }
}

/// Replaces every shortcode in `source`; problems are reported and the shortcode is replaced by
/// an em dash (or left as written when it is never closed).
pub fn expand(source: &Source, context: &Context, diags: &mut Diagnostics) -> Expanded {
    let text = source.text;
    let mut out = Expanded {
        text: String::with_capacity(text.len()),
        splices: Vec::new(),
    };
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let at = from + found;
        from = at + 2;
        if text[..at].ends_with('\\') {
            splice(&mut out, text, &mut copied, at - 1..at + 2, "{{");
            continue;
        }
        let Some(end) = closing(text, at) else {
            diags.push(unterminated(source, at));
            continue;
        };
        let replacement = match parse(text, at, end) {
            Ok(call) => values::evaluate(&call, source, context, diags),
            Err(err) => {
                diags.push(err.report(source));
                values::DASH.to_string()
            }
        };
        splice(&mut out, text, &mut copied, at..end, &replacement);
        from = end;
    }
    out.text.push_str(&text[copied..]);
    out
}

fn splice(out: &mut Expanded, text: &str, copied: &mut usize, original: Range<usize>, with: &str) {
    out.text.push_str(&text[*copied..original.start]);
    let start = out.text.len();
    out.text.push_str(with);
    *copied = original.end;
    out.splices.push(Splice {
        original,
        expanded: start..out.text.len(),
    });
}

/// The offset just after the `}}` closing the shortcode at `start`. A shortcode ends within its
/// paragraph: a blank line, another `{{` or the end of the text first means it was never closed.
fn closing(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start + 2..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            return None;
        }
        let close = line.find("}}");
        let reopen = line.find("{{");
        match (close, reopen) {
            (Some(c), Some(r)) if r < c => return None,
            (Some(c), _) => return Some(start + 2 + offset + c + 2),
            (None, Some(_)) => return None,
            (None, None) => offset += line.len(),
        }
    }
    None
}

fn unterminated(source: &Source, at: usize) -> Diagnostic {
    let line = source.text[at..].lines().next().unwrap_or("").trim_end();
    source
        .error(
            "unterminated-shortcode",
            at,
            "this shortcode is never closed with }}",
        )
        .with_value(line)
        .with_hint("end it with }} in the same paragraph, or write \\{{ to show the braces as text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_stays_in_the_paragraph() {
        assert_eq!(closing("{{ a(\n b=\"c\") }} x", 0), Some(16));
        assert_eq!(closing("{{ a(\n\n) }}", 0), None);
        assert_eq!(closing("{{ a( {{ b() }}", 0), None);
        assert_eq!(closing("{{ a(", 0), None);
    }

    #[test]
    fn offsets_map_back_through_replacements() {
        let expanded = Expanded {
            text: "ab12345cd".into(),
            splices: vec![Splice {
                original: 2..20,
                expanded: 2..7,
            }],
        };
        assert_eq!(expanded.original_offset(1), 1);
        assert_eq!(expanded.original_offset(4), 2);
        assert_eq!(expanded.original_offset(7), 20);
        assert_eq!(expanded.original_offset(8), 21);
    }
}
