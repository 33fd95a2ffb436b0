//! Heading ids: every heading of a narrative gets a stable, unique `id`, so that a link to a
//! section (shared by e-mail, cited in a report) keeps working when the site is rebuilt.
//!
//! Ids are made from the heading text. Thai is kept as it is (browsers handle it in `#` links, and
//! a transliteration would be guesswork); spaces become `-` and repeats get `-2`, `-3`. An explicit
//! `{#id}` always wins, even over an earlier heading whose text would make the same id.

use std::collections::HashSet;

/// Assigns unique heading ids: explicit `{#id}`s first, then slugs of the heading text with `-2`,
/// `-3` added to repeats.
pub struct HeadingIds {
    reserved: HashSet<String>,
    used: HashSet<String>,
}

impl HeadingIds {
    /// `reserved`: ids that are taken before any heading is seen (explicit ids, footnotes).
    pub fn new(reserved: HashSet<String>) -> Self {
        HeadingIds {
            reserved,
            used: HashSet::new(),
        }
    }

    /// The id for a heading with `explicit` id (if any) and plain `text`.
    pub fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        let id = match explicit {
            Some(id) if !self.used.contains(id) => id.to_string(),
            Some(id) => self.unique(id),
            None => self.unique(&slugify(text)),
        };
        self.used.insert(id.clone());
        id
    }

    fn unique(&self, base: &str) -> String {
        let free = |id: &str| !self.used.contains(id) && !self.reserved.contains(id);
        if free(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| free(id))
            .unwrap_or_default()
    }
}

/// A heading's text as an id: ASCII lower-cased, punctuation dropped, spaces as `-`; Thai and
/// other scripts kept as they are, since browsers handle them in `#` links.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && !is_punctuation(c) {
            slug.extend(c.to_lowercase());
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

/// Non-ASCII punctuation and symbols common in Thai and English text: Latin-1 signs, general
/// punctuation (dashes, curly quotes, ellipsis), Thai ๏ ๚ ๛, CJK and full-width punctuation.
fn is_punctuation(c: char) -> bool {
    matches!(c, '\u{00A1}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' | '\u{2000}'..='\u{206F}'
        | '\u{0E4F}' | '\u{0E5A}' | '\u{0E5B}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Upgrading factories!"), "upgrading-factories");
        assert_eq!(slugify("การยกระดับ โรงงาน"), "การยกระดับ-โรงงาน");
        assert_eq!(slugify(" A — B (2021) "), "a-b-2021");
        assert_eq!(slugify("???"), "section");
    }

    #[test]
    fn repeats_are_numbered_around_reserved_ids() {
        let mut ids = HeadingIds::new(HashSet::from(["data-2".to_string()]));
        assert_eq!(ids.assign(None, "Data"), "data");
        assert_eq!(ids.assign(None, "Data"), "data-3");
        assert_eq!(ids.assign(Some("data-2"), "Other"), "data-2");
        assert_eq!(ids.assign(Some("data"), "Again"), "data-4");
    }
}
