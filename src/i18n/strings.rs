//! Interface text: one strings file per language, so that no UI text lives in templates.
//!
//! `templates/i18n/th.toml` and `templates/i18n/en.toml` map keys to text. Both languages must
//! have exactly the same keys: a key present in one file only is an error that `check` reports, so
//! a page can never show a key name or an empty label to a reader. A site's own strings files are
//! laid over the built-in ones key by key ([`Strings::overlaid`]): changing one label is one line.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::{Dataset, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::format;

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

    /// `self` (the built-in strings, complete in both languages) with a site's own strings files
    /// laid over them key by key: a site that wants one label changed writes one line. A key the
    /// built-in strings lack is the site's own (for its own templates) and must be in both
    /// languages; one that is a near miss of a built-in key is reported as the typo it likely is.
    /// `None` if a site file cannot be read as strings.
    pub fn overlaid(
        mut self,
        th: Option<&str>,
        en: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Option<Strings> {
        let mut sites: [Option<(BTreeMap<String, String>, &str)>; 2] = [None, None];
        for (lang, text) in [(Lang::Th, th), (Lang::En, en)] {
            if let Some(text) = text {
                let map = parse_file(text, &strings_path(lang), diags)?;
                sites[lang as usize] = Some((map, text));
            }
        }
        let known: BTreeSet<String> = self.th.keys().chain(self.en.keys()).cloned().collect();
        for lang in Lang::ALL {
            let Some((map, text)) = &sites[lang as usize] else {
                continue;
            };
            let other = sites[lang.other() as usize].as_ref().map(|(m, _)| m);
            for key in map.keys().filter(|k| !known.contains(*k)) {
                if other.is_some_and(|o| o.contains_key(key)) {
                    continue;
                }
                diags.push(own_key_problem(lang, key, text, &known));
            }
        }
        for lang in Lang::ALL {
            if let Some((map, _)) = sites[lang as usize].take() {
                let strings = match lang {
                    Lang::Th => &mut self.th,
                    Lang::En => &mut self.en,
                };
                strings.extend(map);
            }
        }
        Some(self)
    }

    /// Every text with the facts of the data put in for their placeholders, so that "The 15
    /// phase 1 target provinces" stays true when the data grow: `{province_count}`,
    /// `{area_count}`, `{phases}` (worded by the `area_phase` and `phases_many` strings) and
    /// `{factories_in_scope}`, `{factories_upgraded}` (the latest national totals), and
    /// `{dimension_count}`, `{level_count}` (the taxonomy's).
    pub fn with_data_facts(self, data: &Dataset) -> Strings {
        let numbers: Vec<String> = data.phases().iter().map(u8::to_string).collect();
        let latest = data.national_factories().values().next_back().copied();
        let count = |n: Option<u32>| n.map_or("—".into(), |n| format::integer(i64::from(n)));
        let facts: Vec<[(&'static str, String); 7]> = Lang::ALL
            .map(|lang| {
                let phases = match numbers.as_slice() {
                    [] => String::new(),
                    [one] => self.text(lang, "area_phase").replace("{n}", one),
                    [rest @ .., last] => self
                        .text(lang, "phases_many")
                        .replace("{list}", &rest.join(", "))
                        .replace("{last}", last),
                };
                [
                    (
                        "province_count",
                        format::integer(data.provinces.len() as i64),
                    ),
                    ("area_count", format::integer(data.areas.len() as i64)),
                    ("phases", phases),
                    ("factories_in_scope", count(latest.map(|(t, _)| t))),
                    ("factories_upgraded", count(latest.map(|(_, u)| u))),
                    (
                        "dimension_count",
                        format::integer(data.taxonomy.dimensions.len() as i64),
                    ),
                    (
                        "level_count",
                        format::integer(data.taxonomy.levels.len() as i64),
                    ),
                ]
            })
            .into();
        self.with_facts(|lang| facts[lang as usize].to_vec())
    }

    /// Every text with the facts of `facts(lang)` put in for their `{name}` placeholders.
    fn with_facts(mut self, facts: impl Fn(Lang) -> Vec<(&'static str, String)>) -> Strings {
        for lang in Lang::ALL {
            let facts = facts(lang);
            let strings = match lang {
                Lang::Th => &mut self.th,
                Lang::En => &mut self.en,
            };
            for text in strings.values_mut() {
                if !text.contains('{') {
                    continue;
                }
                for (name, value) in &facts {
                    *text = text.replace(&format!("{{{name}}}"), value);
                }
            }
        }
        self
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

/// A key in a site's strings file for `lang` that the built-in strings do not have and the other
/// language's file lacks: a typo of a built-in key (reported where it is written), or the site's
/// own key missing its translation (reported in the file that lacks it).
fn own_key_problem(lang: Lang, key: &str, text: &str, known: &BTreeSet<String>) -> Diagnostic {
    let file = strings_path(lang);
    let line = line_of_key(text, key).unwrap_or(1) as u64;
    let near = known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), k))
        .filter(|(score, _)| *score > 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, built_in)) = near {
        return Diagnostic::error(
            "unknown-string-key",
            &file,
            format!("key '{key}' is not one of the built-in strings"),
        )
        .at_line(line)
        .with_value(key)
        .with_hint(format!(
            "did you mean '{built_in}'? A site's strings file changes the built-in texts key by key; \
             a new key of its own needs both languages"
        ));
    }
    let other = strings_path(lang.other());
    Diagnostic::error(
        "missing-translation",
        &other,
        format!("key '{key}' is in {file} but not here"),
    )
    .with_value(key)
    .with_hint(format!(
        "add `{key} = \"…\"` with the {} text (see {file}:{line})",
        lang_name(lang.other())
    ))
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
    fn a_site_overrides_key_by_key() {
        let mut diags = Diagnostics::new();
        let builtin = Strings::parse(
            "a = \"ก\"\nb = \"ข\"\n",
            "a = \"A\"\nb = \"B\"\n",
            &mut diags,
        )
        .unwrap();
        let site = builtin
            .clone()
            .overlaid(None, Some("b = \"Bee\"\nown = \"Own\"\n"), &mut diags)
            .unwrap();
        assert_eq!(site.text(Lang::En, "a"), "A");
        assert_eq!(site.text(Lang::En, "b"), "Bee");
        assert_eq!(site.text(Lang::Th, "b"), "ข");
        let d = diags.iter().next().expect("own key in one language");
        assert_eq!(
            (d.code, d.file.as_str()),
            ("missing-translation", "templates/i18n/th.toml")
        );
        let mut diags = Diagnostics::new();
        let both = builtin.overlaid(Some("own = \"เอง\"\n"), Some("own = \"Own\"\n"), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(both.unwrap().text(Lang::Th, "own"), "เอง");
    }

    #[test]
    fn syntax_errors_are_located() {
        let mut diags = Diagnostics::new();
        assert!(Strings::parse("a = ก\n", "a = \"A\"\n", &mut diags).is_none());
        assert_eq!(diags.iter().next().unwrap().line, Some(1));
    }
}
