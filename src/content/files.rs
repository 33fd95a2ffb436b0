//! Finding narrative files under `content/` and working out what each one is about.
//!
//! The file name is the only link between a text and its page, so every name is checked: a file
//! that matches no pattern, or names a province, area or indicator the data do not have, would
//! otherwise never be published and nobody would notice. The walk is sorted so that diagnostics
//! come out in the same order on every machine, and symbolic links are refused rather than
//! followed, so a site can never publish a file from outside its own folder.

use std::path::Path;

use walkdir::{DirEntry, WalkDir};

use crate::config::ContentOptions;
use crate::data::cells::is_slug;
use crate::data::{Dataset, Lang};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::{Narrative, NarrativeKey, frontmatter, nearest};

const FOLDERS: [&str; 4] = ["provinces", "areas", "indicators", "pages"];
const PATTERNS: &str = "narratives are named content/index.th.md, content/provinces/<code>.th.md, \
    content/areas/<area_id>.th.md, content/indicators/<indicator_id>.th.md or \
    content/pages/<slug>.th.md, with .en.md for the English text";

/// A narrative file whose name made sense.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub key: NarrativeKey,
    pub lang: Lang,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// False when the file names a province, area or indicator missing from the data (reported):
    /// its text is still checked, but it has no page to appear on.
    pub target_exists: bool,
}

/// Every narrative file under `root/content/`, in file-name order; anything else there is
/// reported. Dotfiles and dot-folders are skipped (editors and operating systems leave them).
pub fn find(root: &Path, data: &Dataset, diags: &mut Diagnostics) -> Vec<Found> {
    let dir = root.join("content");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut walk = WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diags.push(walk_error(&dir, &err));
                continue;
            }
        };
        let rel = relative(&dir, entry.path());
        if entry.path_is_symlink() {
            diags.push(symlink(&rel));
        } else if entry.file_type().is_dir() {
            if !(entry.depth() == 1 && FOLDERS.contains(&name_of(&entry).as_str())) {
                diags.push(unknown_folder(&rel, &name_of(&entry)));
                walk.skip_current_dir();
            }
        } else if let Some(item) = classify(&rel, data, diags) {
            found.push(item);
        }
    }
    found
}

/// Reads and splits one narrative file. `None` (reported) when it cannot be read or decoded, or
/// its front matter never ends.
pub fn read(
    root: &Path,
    found: &Found,
    options: &ContentOptions,
    diags: &mut Diagnostics,
) -> Option<Narrative> {
    let bytes = match std::fs::read(root.join(&found.file)) {
        Ok(bytes) => bytes,
        Err(err) => {
            let message = format!("cannot read the file: {err}");
            diags.push(Diagnostic::error("unreadable-file", &found.file, message));
            return None;
        }
    };
    let text = crate::data::text::decode(&bytes, &found.file, diags)?;
    let parts = frontmatter::split(&text, &found.file, diags)?;
    let header = &text[..text.len() - parts.body.len()];
    let brief_indicators = parts
        .front
        .brief_indicators
        .unwrap_or_default()
        .into_iter()
        .map(|id| super::Pinned::locate(id, header))
        .collect();
    Some(Narrative {
        key: found.key.clone(),
        lang: found.lang,
        file: found.file.clone(),
        title: parts.front.title,
        description: parts.front.description,
        brief_indicators,
        body: parts.body.to_string(),
        body_line: parts.body_line,
        allow_raw_html: options.allow_raw_html,
        rendered: Default::default(),
    })
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && name_of(entry).starts_with('.')
}

fn name_of(entry: &DirEntry) -> String {
    entry.file_name().to_string_lossy().into_owned()
}

/// `content/areas/x.th.md` for a path under `dir` (the content folder).
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("content/{}", parts.join("/"))
}

/// Works out key and language from a file's path, reporting names that fit no pattern.
fn classify(rel: &str, data: &Dataset, diags: &mut Diagnostics) -> Option<Found> {
    let parts: Vec<&str> = rel.split('/').skip(1).collect();
    let name = parts.last().copied().unwrap_or("");
    let Some((stem, lang)) = split_name(name) else {
        diags.push(bad_name(rel, name));
        return None;
    };
    let (key, exists) = match parts.as_slice() {
        [_] if stem == "index" => (NarrativeKey::Home, true),
        [folder, _] if is_slug(stem) => target(folder, stem, data),
        [folder, _] => {
            diags.push(not_a_slug(rel, stem, lang, folder));
            return None;
        }
        _ => {
            diags.push(unknown_file(rel, name, PATTERNS.to_string()));
            return None;
        }
    };
    if !exists {
        diags.push(unknown_target(rel, &key, stem, data));
    }
    if matches!(&key, NarrativeKey::Page(slug) if crate::urls::RESERVED_SLUGS.contains(&slug.as_str()))
    {
        diags.push(
            Diagnostic::error(
                "reserved-page-name",
                rel,
                format!("a free page cannot be called '{stem}'"),
            )
            .with_value(stem)
            .with_hint("that address belongs to a section of the site; choose another file name"),
        );
        return None;
    }
    Some(Found {
        key,
        lang,
        file: rel.to_string(),
        target_exists: exists,
    })
}

/// `th-21.en.md` → (`th-21`, English).
fn split_name(name: &str) -> Option<(&str, Lang)> {
    let (stem, lang) = name.strip_suffix(".md")?.rsplit_once('.')?;
    let lang = Lang::ALL.into_iter().find(|l| l.code() == lang)?;
    Some((stem, lang))
}

/// The key a file in `folder` names, and whether the data have it.
fn target(folder: &str, stem: &str, data: &Dataset) -> (NarrativeKey, bool) {
    match folder {
        "provinces" => {
            let code = stem.to_ascii_uppercase();
            let exists = data.province(&code).is_some();
            (NarrativeKey::Province(code), exists)
        }
        "areas" => (
            NarrativeKey::Area(stem.to_string()),
            data.area(stem).is_some(),
        ),
        "indicators" => (
            NarrativeKey::Indicator(stem.to_string()),
            data.indicator(stem).is_some(),
        ),
        _ => (NarrativeKey::Page(stem.to_string()), true),
    }
}

fn bad_name(rel: &str, name: &str) -> Diagnostic {
    let hint = match name.strip_suffix(".md") {
        Some(stem) if !stem.contains('.') => {
            format!(
                "add the language to the name: {stem}.th.md for Thai or {stem}.en.md for English"
            )
        }
        _ => PATTERNS.to_string(),
    };
    unknown_file(rel, name, hint)
}

fn not_a_slug(rel: &str, stem: &str, lang: Lang, folder: &str) -> Diagnostic {
    let lower = stem.to_ascii_lowercase();
    let hint = if is_slug(&lower) {
        format!(
            "file names are lower case: content/{folder}/{lower}.{}.md",
            lang.code()
        )
    } else {
        "use lower-case letters a–z, digits and single hyphens in the name, as in the ids of data/"
            .to_string()
    };
    unknown_file(rel, stem, hint)
}

fn unknown_file(rel: &str, value: &str, hint: String) -> Diagnostic {
    Diagnostic::error(
        "unknown-content-file",
        rel,
        "this file is not a narrative ecotown knows",
    )
    .with_value(value)
    .with_hint(hint)
}

fn unknown_folder(rel: &str, name: &str) -> Diagnostic {
    let hint = match nearest(name, FOLDERS) {
        Some(folder) => format!("did you mean content/{folder}/? {PATTERNS}"),
        None => PATTERNS.to_string(),
    };
    Diagnostic::error(
        "unknown-content-file",
        rel,
        "this folder is not one ecotown reads",
    )
    .with_value(name)
    .with_hint(hint)
}

fn unknown_target(rel: &str, key: &NarrativeKey, stem: &str, data: &Dataset) -> Diagnostic {
    let (what, file, ids): (&str, &str, Vec<String>) = match key {
        NarrativeKey::Province(_) => (
            "province",
            "data/provinces.csv",
            data.provinces.iter().map(|p| p.slug()).collect(),
        ),
        NarrativeKey::Area(_) => (
            "area",
            "data/areas.csv",
            data.areas.iter().map(|a| a.id.clone()).collect(),
        ),
        _ => (
            "indicator",
            "data/indicators.csv",
            data.indicators.iter().map(|i| i.id.clone()).collect(),
        ),
    };
    let hint = match nearest(stem, ids.iter().map(String::as_str)) {
        Some(id) => format!("did you mean '{id}'? the name must match an id in {file}"),
        None => {
            format!("the name must match an id in {file}; add the {what} there or rename the file")
        }
    };
    Diagnostic::error(
        "unknown-narrative-target",
        rel,
        format!("there is no {what} '{stem}' in {file}"),
    )
    .with_value(stem)
    .with_hint(hint)
}

fn symlink(rel: &str) -> Diagnostic {
    Diagnostic::error(
        "symlink-in-content",
        rel,
        "this is a symbolic link, which ecotown does not follow",
    )
    .with_hint("copy the file into content/ instead of linking to it")
}

fn walk_error(dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let rel = err
        .path()
        .map_or_else(|| "content".to_string(), |p| relative(dir, p));
    Diagnostic::error("unreadable-file", &rel, format!("cannot read: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Area, Province, Text};

    fn data() -> Dataset {
        Dataset {
            provinces: vec![Province {
                code: "TH-21".into(),
                name: Text::default(),
                line: 2,
            }],
            areas: vec![Area {
                id: "rayong-map-ta-phut".into(),
                province_code: "TH-21".into(),
                name: Text::default(),
                phase: 1,
                line: 2,
            }],
            ..Dataset::default()
        }
    }

    fn run(rel: &str) -> (Option<Found>, Vec<Diagnostic>) {
        let mut diags = Diagnostics::new();
        let found = classify(rel, &data(), &mut diags);
        (found, diags.iter().cloned().collect())
    }

    #[test]
    fn names_map_to_keys() {
        let (found, diags) = run("content/provinces/th-21.en.md");
        assert!(diags.is_empty());
        let found = found.unwrap();
        assert_eq!(
            (found.key, found.lang),
            (NarrativeKey::Province("TH-21".into()), Lang::En)
        );
        assert_eq!(
            run("content/index.th.md").0.unwrap().key,
            NarrativeKey::Home
        );
        assert_eq!(
            run("content/pages/about.th.md").0.unwrap().key,
            NarrativeKey::Page("about".into())
        );
    }

    #[test]
    fn bad_names_are_reported() {
        let (found, diags) = run("content/pages/about.md");
        assert!(found.is_none());
        assert_eq!(diags[0].code, "unknown-content-file");
        assert_eq!(
            diags[0].hint.as_deref(),
            Some("add the language to the name: about.th.md for Thai or about.en.md for English")
        );
        let (_, diags) = run("content/provinces/TH-21.th.md");
        assert_eq!(
            diags[0].hint.as_deref(),
            Some("file names are lower case: content/provinces/th-21.th.md")
        );
        let (_, diags) = run("content/notes.txt");
        assert_eq!(diags[0].hint.as_deref(), Some(PATTERNS));
        let (_, diags) = run("content/home.en.md");
        assert_eq!(diags[0].value.as_deref(), Some("home.en.md"));
    }

    #[test]
    fn unknown_targets_suggest_the_nearest_id() {
        let (found, diags) = run("content/areas/rayong-map-taphut.th.md");
        assert!(!found.unwrap().target_exists);
        let d = &diags[0];
        assert_eq!(
            (d.code, d.value.as_deref()),
            ("unknown-narrative-target", Some("rayong-map-taphut"))
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("did you mean 'rayong-map-ta-phut'? the name must match an id in data/areas.csv")
        );
    }
}
