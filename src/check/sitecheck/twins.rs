//! Every page in one language has its twin in the other.

use super::*;

/// Pages under `th/` without the same page under `en/`, and the other way round; `sorted` holds
/// the scanned files' paths (every page among them) in path order.
pub(super) fn missing_twins(sorted: &[&str], files: &Paths) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for &path in sorted.iter().filter(|p| Kind::of(p) == Some(Kind::Html)) {
        let Some((lang, other, rest)) = split_lang(path) else {
            continue;
        };
        let twin = format!("{other}/{rest}");
        if !files.contains(&twin) {
            found.push(
                Diagnostic::error(
                    "missing-twin",
                    path,
                    format!("{path} has no {} twin: {twin} is missing", language_name(other)),
                )
                .with_value(twin)
                .with_hint(format!(
                    "every page is published in Thai and English (the language switch links to the twin): render the {} page too, or remove this {} one",
                    language_name(other),
                    language_name(lang)
                )),
            );
        }
    }
    found
}

/// `th/x/index.html` → (`th`, `en`, `x/index.html`).
pub(super) fn split_lang(path: &str) -> Option<(&'static str, &'static str, &str)> {
    if let Some(rest) = path.strip_prefix("th/") {
        Some(("th", "en", rest))
    } else {
        path.strip_prefix("en/").map(|rest| ("en", "th", rest))
    }
}

pub(super) fn language_name(lang: &str) -> &'static str {
    if lang == "th" { "Thai" } else { "English" }
}
