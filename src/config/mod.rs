//! `site.toml`: the few settings a site makes, read strictly so that a typo is an error, not a
//! silently ignored key.

pub mod contact;
pub mod look;

pub use contact::Contact;
pub use look::{
    Look, MIN_CONTRAST, MIN_GRAPHIC_CONTRAST, contrast_with_white, hex_colour, relative_luminance,
};

use std::path::Path;

use serde::Deserialize;

use jiff::civil::Date;

use crate::data::Text;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub const CONFIG_FILE: &str = "site.toml";

/// The site configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's name in both languages.
    pub title: Text,
    /// Who publishes the site, in both languages.
    pub publisher: Text,
    /// Where the site is published, ending in `/` (used for canonical links and the sitemap).
    pub base_url: String,
    /// True while the data are an illustrative sample: every page then says so.
    #[serde(default)]
    pub sample: bool,
    /// What the sample banner adds about the figures that are real (`[sample_note]`, both
    /// languages): the site's own words, whose numbers `check` holds to the data
    /// ([`Config::check_sample_note`]).
    #[serde(default)]
    pub sample_note: Option<Text>,
    /// The date the data are current to (ISO 8601, `YYYY-MM-DD`), shown as "data as of": as
    /// written, for messages; [`Config::as_of`] is the date.
    pub data_as_of: String,
    /// `data_as_of` as a date, parsed once when the file is read.
    #[serde(skip, default = "unset_date")]
    pub as_of: Date,
    /// The licence of the published data.
    #[serde(default = "default_licence")]
    pub licence: String,
    /// The public repository the site is published from (`https://github.com/org/repo`): each
    /// entry of the update log then links to the commit that made the change.
    #[serde(default)]
    pub repository: Option<String>,
    /// How narratives are published (`[content]`).
    #[serde(default)]
    pub content: ContentOptions,
    /// The site's own look (`[look]`).
    #[serde(default)]
    pub look: Look,
    /// Whom a brief's reader contacts (`[contact]`), printed on every brief.
    #[serde(default)]
    pub contact: Option<Contact>,
}

/// The `[content]` table: how narratives are published.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentOptions {
    /// Publish HTML written in narratives as it is, instead of keeping only the sanitiser's
    /// allow-list. Only for a site whose every author is trusted: such HTML can run script.
    #[serde(default)]
    pub allow_raw_html: bool,
}

/// The numbers a text quotes: runs of digits (ASCII or Thai) with thousands commas, as integers;
/// decimals and years (C.E. 1900–2199, B.E. 2400–2699) aside, and numbers under ten.
fn quoted_numbers(text: &str) -> Vec<(String, i64)> {
    let mut found = Vec::new();
    let mut run = String::new();
    let mut chars = text.chars().chain(std::iter::once(' ')).peekable();
    while let Some(c) = chars.next() {
        let digit = match c {
            '0'..='9' => Some(c),
            '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10),
            _ => None,
        };
        let inner = (c == ',' || c == '.') && !run.is_empty();
        let next_is_digit = chars
            .peek()
            .is_some_and(|n| n.is_ascii_digit() || ('๐'..='๙').contains(n));
        match digit {
            Some(d) => run.push(d),
            None if inner && next_is_digit => run.push(c),
            None => {
                let decimal = run.contains('.');
                if let (false, Ok(n)) = (decimal, run.replace(',', "").parse::<i64>()) {
                    let year = (1900..2200).contains(&n) || (2400..2700).contains(&n);
                    if n >= 10 && (run.contains(',') || !year) {
                        found.push((run.clone(), n));
                    }
                }
                run.clear();
            }
        }
    }
    found
}

fn unset_date() -> Date {
    jiff::civil::date(1970, 1, 1)
}

fn default_licence() -> String {
    "CC-BY-4.0".to_string()
}

impl Config {
    /// Reads `root/site.toml`, reporting every problem with its position.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
        let text = match std::fs::read(root.join(CONFIG_FILE)) {
            Ok(bytes) => crate::data::text::decode(&bytes, CONFIG_FILE, diags)?,
            Err(err) => {
                diags.push(
                    Diagnostic::error(
                        "missing-file",
                        CONFIG_FILE,
                        format!("cannot read the site configuration: {err}"),
                    )
                    .with_hint("run ecotown in the site's folder, or pass --root DIR"),
                );
                return None;
            }
        };
        let config = Self::parse(&text, diags)?;
        // The logo is a file of the site's own theme folder, published under `static/`.
        if let Some(logo) = &config.look.logo {
            let file = root.join("templates").join(logo);
            let safe = logo.starts_with("static/") && !logo.split('/').any(|p| p == "..");
            if !safe || !file.is_file() {
                diags.push(bad_value(
                    &text,
                    "logo",
                    &format!("the logo templates/{logo} is not a file of the site's theme"),
                    "put the image in templates/static/ and write logo = \"static/<its name>\"",
                    logo,
                ));
                return None;
            }
        }
        Some(config)
    }

    /// The address printed on briefs and in feeds while a site still has the example's.
    pub const EXAMPLE_BASE_URL: &str = "https://ecotown.example.go.th/";

    /// Warnings about settings that still describe something else: a `data_as_of` from before the
    /// fiscal year of the newest figures (FY2022 began on 1 Oct 2021, so data for it cannot be as of
    /// September 2021), and, when PDFs are printed, the example `base_url` that every printed
    /// brief would carry.
    pub fn check_against_data(
        &self,
        root: &Path,
        latest_year: Option<i32>,
        printing: bool,
        diags: &mut Diagnostics,
    ) {
        let text = std::fs::read(root.join(CONFIG_FILE))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let warn = |key: &str, message: String, hint: String, value: &str| {
            let mut d = bad_value(&text, key, &message, &hint, value);
            d.severity = crate::diagnostics::Severity::Warning;
            d.code = "stale-config";
            d
        };
        if let Some(year) = latest_year {
            let begins = jiff::civil::date((year - 1) as i16, 10, 1);
            if self.as_of < begins {
                diags.push(warn(
                    "data_as_of",
                    format!(
                        "'data_as_of' {} is before fiscal year {year} began ({begins}), yet the data \
                         have figures for it",
                        self.data_as_of
                    ),
                    format!(
                        "set data_as_of to the date the newest figures are current to (e.g. \
                         \"{year}-09-30\" for the whole of FY{year})"
                    ),
                    &self.data_as_of,
                ));
            }
        }
        if printing && self.base_url == Self::EXAMPLE_BASE_URL {
            diags.push(warn(
                "base_url",
                "every printed brief will carry the example address".to_string(),
                "set base_url to the address the site is published at".to_string(),
                &self.base_url,
            ));
        }
        if let Some(email) = self
            .contact
            .as_ref()
            .filter(|c| printing && c.is_example())
            .and_then(|c| c.email.as_ref())
        {
            diags.push(warn(
                "email",
                "every printed brief will carry the example contact address".to_string(),
                "set [contact] email (and phone) to the office readers should write to".to_string(),
                email,
            ));
        }
    }

    /// A sample banner says which figures are not illustrative; it must not claim more than the
    /// data say. Every number `[sample_note]` quotes (years aside) must be one of `facts`
    /// (what the data give: latest national factory totals, counts), or it is an error at the
    /// note, naming the facts. Reads `site.toml` again to locate it.
    pub fn check_sample_note(&self, root: &Path, facts: &[(&str, i64)], diags: &mut Diagnostics) {
        let Some(note) = &self.sample_note else {
            return;
        };
        let text = std::fs::read(root.join(CONFIG_FILE))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        let known: Vec<String> = facts
            .iter()
            .map(|(what, n)| format!("{} {what}", crate::i18n::format::integer(*n)))
            .collect();
        let lines: Vec<&str> = text.lines().collect();
        let section = lines.iter().position(|l| l.trim() == "[sample_note]");
        for (lang, words) in [("th", &note.th), ("en", &note.en)] {
            // The line of `th = …` or `en = …` in the [sample_note] table.
            let line = section.and_then(|s| {
                (s + 1..lines.len()).find(|&i| {
                    let key = lines[i].split('=').next().unwrap_or("").trim();
                    key == lang
                })
            });
            for (written, n) in quoted_numbers(words) {
                if facts.iter().any(|(_, f)| *f == n) {
                    continue;
                }
                let mut d = Diagnostic::error(
                    "sample-note-disagrees",
                    CONFIG_FILE,
                    format!(
                        "the sample note quotes {written}, which is not a figure of the data: \
                         the banner would claim more than the data say"
                    ),
                )
                .with_value(&written)
                .with_hint(format!(
                    "the data give {}; correct [sample_note], or remove it",
                    known.join(", ")
                ));
                if let Some(i) = line {
                    let at = lines[i].find(&written).unwrap_or(0);
                    d = d.at(i as u64 + 1, lines[i][..at].chars().count() as u64 + 1);
                }
                diags.push(d);
            }
        }
    }

    pub fn parse(text: &str, diags: &mut Diagnostics) -> Option<Config> {
        let config: Config = match toml::from_str(text) {
            Ok(config) => config,
            Err(err) => {
                let mut diagnostic =
                    Diagnostic::error("bad-config", CONFIG_FILE, err.message().to_string());
                if let Some(span) = err.span() {
                    let (line, column) =
                        crate::data::text::line_column(&text.as_bytes()[..span.start]);
                    diagnostic = diagnostic.at(line, column).with_value(&text[span.clone()]);
                }
                diags.push(diagnostic.with_hint(
                    "see README.md, section \"site.toml\", for the keys and their format",
                ));
                return None;
            }
        };
        let mut config = config;
        let valid = config.validate(text, diags);
        config.as_of = iso_date(&config.data_as_of).unwrap_or_else(unset_date);
        valid.then_some(config)
    }

    fn validate(&self, text: &str, diags: &mut Diagnostics) -> bool {
        let mut ok = true;
        let mut fail = |key: &str, message: &str, hint: &str, value: &str| {
            diags.push(bad_value(text, key, message, hint, value));
            ok = false;
        };
        if !is_site_address(&self.base_url) {
            fail(
                "base_url",
                "'base_url' must be an http(s) address ending in '/'",
                "e.g. base_url = \"https://ecotown.example.go.th/\" (no spaces, quotes or <>)",
                &self.base_url,
            );
        }
        if let Some(repository) = &self.repository
            && !(repository.starts_with("https://")
                && is_site_address(&format!("{}/", repository.trim_end_matches('/'))))
        {
            fail(
                "repository",
                "'repository' must be the https address of the site's public repository",
                "e.g. repository = \"https://github.com/diw/ecotown-site\"",
                repository,
            );
        }
        if let Some(contact) = &self.contact {
            for p in contact.problems() {
                fail(p.key, p.message, p.hint, p.value);
            }
        }
        if iso_date(&self.data_as_of).is_none() {
            // A Thai date keeps its Buddhist-era year: say exactly what to write instead.
            let hint = match buddhist_era_date(&self.data_as_of) {
                Some(ce) => format!(
                    "{} looks like a Buddhist-era year: subtract 543 (write data_as_of = \"{ce}\")",
                    &self.data_as_of[..4]
                ),
                None => "e.g. data_as_of = \"2021-09-30\"".to_string(),
            };
            fail(
                "data_as_of",
                "'data_as_of' must be a date written YYYY-MM-DD (C.E.)",
                &hint,
                &self.data_as_of,
            );
        }
        let colours = [
            (
                &self.look.brand,
                "brand",
                "#0b5d3b",
                "the built-in deep green",
                MIN_CONTRAST,
            ),
            (
                &self.look.series,
                "series",
                "#0072b2",
                "the charts' built-in blue",
                MIN_GRAPHIC_CONTRAST,
            ),
            (
                &self.look.target,
                "target",
                "#d55e00",
                "the built-in vermillion",
                MIN_GRAPHIC_CONTRAST,
            ),
        ];
        for (value, key, builtin, name, least) in colours {
            let Some(value) = value else { continue };
            let what = match least == MIN_CONTRAST {
                true => "white text on it, and it on white, have",
                false => "its lines and bars on white have",
            };
            let needs = match least == MIN_CONTRAST {
                true => "text",
                false => "graphics",
            };
            match hex_colour(value) {
                None => fail(
                    key,
                    &format!("'{key}' must be a colour written #rrggbb"),
                    &format!("e.g. {key} = \"{builtin}\" ({name})"),
                    value,
                ),
                Some(rgb) if contrast_with_white(rgb) < least => fail(
                    key,
                    &format!(
                        "'{key}' {value} is too light: {what} a contrast of {:.1}:1, below the \
                         {least}:1 WCAG 2.1 AA asks for {needs}",
                        contrast_with_white(rgb)
                    ),
                    &format!(
                        "choose a darker shade ({name} {builtin} has {:.1}:1)",
                        hex_colour(builtin).map_or(0.0, contrast_with_white)
                    ),
                    value,
                ),
                Some(_) => {}
            }
        }
        for (key, value) in [("th", &self.title.th), ("en", &self.title.en)] {
            if value.trim().is_empty() {
                fail(
                    "[title]",
                    "the site title is blank",
                    &format!("fill in title.{key}"),
                    value,
                );
            }
        }
        ok
    }
}

/// A `bad-config` error at the value of `key` in `text` (the line of the key, and the column
/// where its value starts, or the key's own).
fn bad_value(text: &str, key: &str, message: &str, hint: &str, value: &str) -> Diagnostic {
    let found = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with(key));
    let mut d = Diagnostic::error("bad-config", CONFIG_FILE, message)
        .with_value(value)
        .with_hint(hint);
    if let Some((i, l)) = found {
        let at = l
            .split_once('=')
            .and_then(|(k, v)| v.find(value).map(|p| k.len() + 1 + p))
            .filter(|_| !value.is_empty())
            .unwrap_or_else(|| l.len() - l.trim_start().len());
        d = d.at(i as u64 + 1, l[..at].chars().count() as u64 + 1);
    }
    d
}

/// An http(s) address ending in `/`, without the characters an address may not hold (spaces,
/// quotes, `<>` and the like). It is written into every page, the sitemap and the feeds, so it
/// must be nothing but an address.
fn is_site_address(url: &str) -> bool {
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let host = url.split("://").nth(1).unwrap_or("");
    let chars_ok = !url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
    });
    scheme_ok && chars_ok && !host.starts_with('/') && host.len() > 1 && url.ends_with('/')
}

/// The C.E. date of `text` if it is a valid date once 543 is taken from its year (a B.E. date as
/// Thai documents write it, e.g. 2564-09-30 → 2021-09-30).
pub fn buddhist_era_date(text: &str) -> Option<String> {
    let year: i32 = text.get(..4)?.parse().ok()?;
    let rest = text.get(4..)?;
    let ce = format!("{}{rest}", year - 543);
    ((2400..=2999).contains(&year) && iso_date(&ce).is_some()).then_some(ce)
}

/// `text` as a date if it is written `YYYY-MM-DD` with a real month and day (the calendar is
/// jiff's; C.E. only, a B.E. year is caught by the range).
pub fn iso_date(text: &str) -> Option<Date> {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    let date: Date = text.parse().ok()?;
    (1950..=2399).contains(&date.year()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
base_url = "https://ecotown.example.go.th/"
sample = true
data_as_of = "2021-09-30"
[title]
th = "เมืองอุตสาหกรรมเชิงนิเวศ"
en = "Eco-Industrial Towns"
[publisher]
th = "กรมโรงงานอุตสาหกรรม"
en = "Department of Industrial Works"
"#;

    #[test]
    fn reads_a_good_config() {
        let mut diags = Diagnostics::new();
        let config = Config::parse(GOOD, &mut diags).unwrap();
        assert!(config.sample);
        assert_eq!(config.licence, "CC-BY-4.0");
        assert!(diags.is_empty());
    }

    #[test]
    fn unknown_key_is_located() {
        let mut diags = Diagnostics::new();
        let text = GOOD.replace("sample = true", "smaple = true");
        assert!(Config::parse(&text, &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        assert_eq!((d.code, d.line), ("bad-config", Some(3)));
        assert!(d.message.contains("smaple"), "{}", d.message);
    }

    #[test]
    fn numbers_quoted_in_a_note() {
        let found = quoted_numbers(
            "except 4,494 factories (๑,๗๖๐ upgraded, 39.2%) in 15 of 77 provinces, B.E. 2564, FY2021, phase 1",
        );
        let numbers: Vec<i64> = found.iter().map(|(_, n)| *n).collect();
        assert_eq!(numbers, [4494, 1760, 15, 77]);
    }

    #[test]
    fn a_repository_is_an_https_address() {
        let with = |repo: &str| {
            let text = format!("repository = \"{repo}\"\n{GOOD}");
            let mut diags = Diagnostics::new();
            (Config::parse(&text, &mut diags).is_some(), diags.len())
        };
        assert_eq!(with("https://github.com/diw/ecotown-site"), (true, 0));
        assert_eq!(with("github.com/diw/ecotown-site"), (false, 1));
        assert_eq!(with("https://github.com/diw/eco town"), (false, 1));
    }

    #[test]
    fn bad_values_are_reported_together() {
        let mut diags = Diagnostics::new();
        let text = GOOD
            .replace("https://ecotown.example.go.th/", "ecotown")
            .replace("2021-09-30", "2564-09-30");
        assert!(Config::parse(&text, &mut diags).is_none());
        assert_eq!(diags.len(), 2);
    }

    #[test]
    fn site_addresses() {
        assert!(is_site_address("https://ecotown.example.go.th/"));
        assert!(is_site_address("http://localhost:8000/a&b/"));
        for bad in [
            "ecotown/",
            "https:///",
            "https://x.go.th",
            "https://x.go.th/\"><script>/",
            "https://x .go.th/",
            "javascript:alert(1)//",
        ] {
            assert!(!is_site_address(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(iso_date("2024-02-29").is_some());
        assert!(iso_date("2023-02-29").is_none());
        assert!(iso_date("2564-01-01").is_none());
        assert!(iso_date("30/09/2021").is_none());
        assert!(iso_date("2021-9-30").is_none());
    }
}
