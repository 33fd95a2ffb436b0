//! Interface text: one strings file per language, so that no UI text lives in templates.
//!
//! `templates/i18n/th.toml` and `templates/i18n/en.toml` map keys to text. Both languages must
//! have exactly the same keys: a key present in one file only is an error that `check` reports, so
//! a page can never show a key name or an empty label to a reader.

use std::collections::BTreeMap;

use crate::data::Lang;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The strings of both languages.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    pub th: BTreeMap<String, String>,
    pub en: BTreeMap<String, String>,
}

/// Where the strings of `lang` live, relative to the site root.
pub fn strings_path(lang: Lang) -> String {
    format!("templates/i18n/{}.toml", lang.code())
}

impl Strings {
    pub fn get(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Th => &self.th,
            Lang::En => &self.en,
        }
    }

    /// The text of `key` in `lang`; the key itself if it is missing (which `check` reports).
    pub fn text<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.get(lang).get(key).map(String::as_str).unwrap_or(key)
    }

    /// Parses both files (given as text) and checks they have the same keys.
    pub fn parse(th: &str, en: &str, diags: &mut Diagnostics) -> Option<Strings> {
        let strings = Strings {
            th: parse_file(th, &strings_path(Lang::Th), diags)?,
            en: parse_file(en, &strings_path(Lang::En), diags)?,
        };
        strings.check_pairs(th, en, diags);
        Some(strings)
    }

    fn check_pairs(&self, th_text: &str, en_text: &str, diags: &mut Diagnostics) {
        for (lang, have, other, text) in [
            (Lang::Th, &self.th, &self.en, en_text),
            (Lang::En, &self.en, &self.th, th_text),
        ] {
            for key in other.keys().filter(|k| !have.contains_key(*k)) {
                let other_file = strings_path(lang.other());
                let mut d = Diagnostic::error(
                    "missing-translation",
                    &strings_path(lang),
                    format!("key '{key}' is in {other_file} but not here"),
                )
                .with_value(key.clone())
                .with_hint(format!(
                    "add `{key} = \"…\"` with the {} text",
                    lang_name(lang)
                ));
                if let Some(line) = line_of_key(text, key) {
                    d = d.with_hint(format!(
                        "add `{key} = \"…\"` with the {} text (see {other_file}:{line})",
                        lang_name(lang)
                    ));
                }
                diags.push(d);
            }
        }
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Th => "Thai",
        Lang::En => "English",
    }
}

fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.split('=')
                .next()
                .is_some_and(|k| k.trim().trim_matches('"') == key)
        })
        .map(|i| i + 1)
}

fn parse_file(text: &str, file: &str, diags: &mut Diagnostics) -> Option<BTreeMap<String, String>> {
    match toml::from_str::<BTreeMap<String, String>>(text) {
        Ok(map) => {
            for (key, value) in &map {
                if value.trim().is_empty() {
                    let line = line_of_key(text, key).unwrap_or(1) as u64;
                    diags.push(
                        Diagnostic::error(
                            "empty-translation",
                            file,
                            format!("key '{key}' has no text"),
                        )
                        .at_line(line)
                        .with_hint("write the text, or delete the key from both files"),
                    );
                }
            }
            Some(map)
        }
        Err(err) => {
            let mut d = Diagnostic::error("bad-strings", file, err.message().to_string());
            if let Some(span) = err.span() {
                let (line, column) = crate::data::text::line_column(&text.as_bytes()[..span.start]);
                d = d.at(line, column);
            }
            diags.push(d.with_hint("each line is `key = \"text\"`; quote the text"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_keys_are_reported_in_the_file_that_lacks_them() {
        let mut diags = Diagnostics::new();
        let strings = Strings::parse("a = \"ก\"\n", "a = \"A\"\nb = \"B\"\n", &mut diags).unwrap();
        let d = diags.iter().next().unwrap();
        assert_eq!(
            (d.code, d.file.as_str()),
            ("missing-translation", "templates/i18n/th.toml")
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("templates/i18n/en.toml:2")
        );
        assert_eq!(strings.text(Lang::Th, "a"), "ก");
    }

    #[test]
    fn syntax_errors_are_located() {
        let mut diags = Diagnostics::new();
        assert!(Strings::parse("a = ก\n", "a = \"A\"\n", &mut diags).is_none());
        assert_eq!(diags.iter().next().unwrap().line, Some(1));
    }
}
