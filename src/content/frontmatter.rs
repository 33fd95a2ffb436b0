//! Front matter: the header at the top of a narrative, TOML between two `+++` lines or YAML
//! between two `---` lines (what Hugo and Zola authors write; read with the same keys and checks,
//! never published as page text).
//!
//! It holds the page title and meta description and, in a province's narrative, the indicators its
//! brief must show (`brief_indicators`, checked against the data when the content is loaded).
//! Only known keys are accepted, so that a typo such
//! as `titel` is reported instead of silently leaving the page without a title. Errors are located
//! in the `.md` file itself (the header starts on line 2), not in the fragment.

use serde::Deserialize;

use crate::data::text::line_column;
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::nearest;

const FENCE: &str = "+++";
const YAML_FENCE: &str = "---";
const KEYS: [&str; 3] = ["title", "description", "brief_indicators"];

/// The keys a narrative may set.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Indicator ids the province's brief shows first, in this order (province narratives only).
    pub brief_indicators: Option<Vec<String>>,
}

/// A narrative file split into its front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub struct Parts<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// 1-based line where `body` starts.
    pub body_line: u64,
}

/// Splits `text` (the whole file) and parses its front matter. A file that does not start with
/// `+++` is all body. Returns `None` only when the front matter is never closed, since then there
/// is no telling where the text begins; a TOML error is reported and the body is still returned,
/// so its shortcodes get checked in the same run.
pub fn split<'a>(text: &'a str, file: &str, diags: &mut Diagnostics) -> Option<Parts<'a>> {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| is_fence(l) || is_yaml_fence(l)) else {
        return Some(Parts {
            front: FrontMatter::default(),
            body: text,
            body_line: 1,
        });
    };
    let yaml = is_yaml_fence(first);
    let closes = |line: &str| match yaml {
        true => is_yaml_fence(line) || line.trim_end() == "...",
        false => is_fence(line),
    };
    let toml_start = first.len();
    let mut offset = toml_start;
    for (index, line) in lines.enumerate() {
        if closes(line) {
            let header = &text[toml_start..offset];
            let front = match yaml {
                true => parse_yaml(header, file, diags),
                false => parse(header, file, diags),
            };
            return Some(Parts {
                front,
                body: &text[offset + line.len()..],
                body_line: index as u64 + 3,
            });
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::error(
            "unclosed-front-matter",
            file,
            "the front matter is never closed",
        )
        .at(1, 1)
        .with_value(first.trim_end())
        .with_hint(format!(
            "end the front matter with a line holding only {}, before the text begins",
            first.trim_end()
        )),
    );
    None
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == FENCE
}

fn is_yaml_fence(line: &str) -> bool {
    line.trim_end() == YAML_FENCE
}

/// YAML front matter, with the same keys and the same diagnostics as TOML.
fn parse_yaml(yaml: &str, file: &str, diags: &mut Diagnostics) -> FrontMatter {
    if yaml.trim().is_empty() {
        return FrontMatter::default();
    }
    match serde_norway::from_str::<FrontMatter>(yaml) {
        Ok(front) => front,
        Err(err) => {
            let (line, column) = err
                .location()
                .map(|l| (l.line() as u64, l.column() as u64))
                .unwrap_or((1, 1));
            let message = err.to_string();
            // "unknown field `titel`, expected `title` or `description` at line 2 column 1"
            let found = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string);
            diags.push(front_error(
                found,
                &message,
                line,
                column,
                file,
                "title: \"…\"",
            ));
            FrontMatter::default()
        }
    }
}

fn parse(toml_text: &str, file: &str, diags: &mut Diagnostics) -> FrontMatter {
    match toml::from_str::<FrontMatter>(toml_text) {
        Ok(front) => front,
        Err(err) => {
            diags.push(toml_error(toml_text, &err, file));
            FrontMatter::default()
        }
    }
}

fn toml_error(toml_text: &str, err: &toml::de::Error, file: &str) -> Diagnostic {
    let span = err.span().unwrap_or(0..0);
    let found = toml_text.get(span.clone()).unwrap_or("").to_string();
    let (line, column) = line_column(&toml_text.as_bytes()[..span.start.min(toml_text.len())]);
    let unknown = err
        .message()
        .starts_with("unknown field")
        .then_some(found.clone());
    let mut d = front_error(unknown, err.message(), line, column, file, "title = \"…\"");
    if d.value.is_none() && !found.is_empty() {
        d = d.with_value(found);
    }
    d
}

/// A front matter error at `line`/`column` of the header (which starts on the file's line 2): an
/// unknown key (`unknown`) with the nearest known one, or any other `message`, with an example
/// of a key written right in the header's language (`example`).
fn front_error(
    unknown: Option<String>,
    message: &str,
    line: u64,
    column: u64,
    file: &str,
    example: &str,
) -> Diagnostic {
    let at = |d: Diagnostic| d.at(line + 1, column);
    if let Some(found) = unknown {
        let hint = match nearest(&found, KEYS) {
            Some(key) => {
                format!(
                    "did you mean '{key}'? front matter keys are {}",
                    KEYS.join(", ")
                )
            }
            None => format!(
                "front matter has only the keys {}; delete this line",
                KEYS.join(", ")
            ),
        };
        let message = format!("'{found}' is not a front matter key");
        return at(Diagnostic::error("unknown-front-matter-key", file, message))
            .with_value(found)
            .with_hint(hint);
    }
    at(Diagnostic::error(
        "bad-front-matter",
        file,
        message.to_string(),
    ))
    .with_hint(format!(
        "write each key on its own line, with the text in double quotes: {example}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<Parts<'_>>, Vec<Diagnostic>) {
        let mut diags = Diagnostics::new();
        let parts = split(text, "content/index.en.md", &mut diags);
        (parts, diags.iter().cloned().collect())
    }

    #[test]
    fn front_matter_and_body() {
        let (parts, diags) = run("+++\r\ntitle = \"T\"\ndescription = \"D\"\n+++\nBody\n");
        let parts = parts.unwrap();
        assert!(diags.is_empty());
        assert_eq!(parts.front.title.as_deref(), Some("T"));
        assert_eq!(parts.front.description.as_deref(), Some("D"));
        assert_eq!((parts.body, parts.body_line), ("Body\n", 5));
    }

    #[test]
    fn yaml_front_matter_is_read_like_toml() {
        let (parts, diags) = run("---\ntitle: Map Ta Phut\ndescription: \"D\"\n---\nBody\n");
        let parts = parts.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(parts.front.title.as_deref(), Some("Map Ta Phut"));
        assert_eq!(parts.front.description.as_deref(), Some("D"));
        assert_eq!((parts.body, parts.body_line), ("Body\n", 5));
        // The same key check, located in the file: `titel` on line 3.
        let (parts, diags) = run("---\ntitle: T\ntitel: x\n---\nBody");
        assert_eq!(parts.unwrap().body, "Body");
        let d = &diags[0];
        assert_eq!(d.code, "unknown-front-matter-key");
        assert_eq!((d.line, d.column), (Some(3), Some(1)), "{d}");
        assert_eq!(d.value.as_deref(), Some("titel"));
        assert!(d.hint.as_deref().unwrap().contains("did you mean 'title'?"));
        // Not YAML at all: located, and the body still read.
        let (parts, diags) = run("---\ntitle: [unclosed\n---\nBody");
        assert_eq!(parts.unwrap().body, "Body");
        assert_eq!(diags[0].code, "bad-front-matter");
        assert_eq!(diags[0].line.map(|l| l >= 2), Some(true), "{}", diags[0]);
        // Never closed.
        let (parts, diags) = run("---\ntitle: T\nBody");
        assert!(parts.is_none());
        assert_eq!(diags[0].code, "unclosed-front-matter");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (parts, _) = run("Just text\n+++\n");
        let parts = parts.unwrap();
        assert_eq!((parts.body, parts.body_line), ("Just text\n+++\n", 1));
        assert_eq!(parts.front, FrontMatter::default());
    }

    #[test]
    fn unknown_keys_are_located_with_a_suggestion() {
        let (parts, diags) = run("+++\ntitle = \"T\"\ntitel = \"x\"\n+++\nBody");
        assert_eq!(parts.unwrap().body, "Body");
        let d = &diags[0];
        assert_eq!(d.code, "unknown-front-matter-key");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.value.as_deref(), Some("titel"));
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean 'title'?")
        );
    }

    #[test]
    fn toml_errors_are_located_in_the_md_file() {
        let (_, diags) = run("+++\ntitle = 3\n+++\n");
        let d = &diags[0];
        assert_eq!(
            (d.code, d.line, d.column),
            ("bad-front-matter", Some(2), Some(9))
        );
        assert_eq!(d.value.as_deref(), Some("3"));
    }

    #[test]
    fn unclosed_front_matter() {
        let (parts, diags) = run("+++\ntitle = \"T\"\nBody\n");
        assert!(parts.is_none());
        let d = &diags[0];
        assert_eq!(
            (d.code, d.line, d.column),
            ("unclosed-front-matter", Some(1), Some(1))
        );
    }
}
