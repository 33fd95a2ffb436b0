//! The theme: templates, interface strings and static assets, from the binary with site overrides.
//!
//! The default theme is embedded at compile time (see `build.rs`). A site overrides any file by
//! putting one at the same path under its own `templates/`, Hugo- and Zola-style, so an office can
//! change a label or a template without forking the tool.

use std::collections::BTreeMap;
use std::path::Path;

use crate::data::Lang;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::i18n::strings::strings_path;

include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));

/// The theme's files, by path under `templates/`, after the site's overrides.
pub struct ThemeFiles {
    files: BTreeMap<String, Vec<u8>>,
    /// The paths the site gave itself (under its own `templates/`).
    site_files: std::collections::BTreeSet<String>,
}

impl ThemeFiles {
    /// The embedded theme overlaid with the files of `root/templates/`.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> ThemeFiles {
        let mut files: BTreeMap<String, Vec<u8>> = EMBEDDED
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        let mut site_files = std::collections::BTreeSet::new();
        let dir = root.join("templates");
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err)
                    if err
                        .io_error()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) =>
                {
                    break;
                }
                Err(err) => {
                    diags.push(Diagnostic::error(
                        "unreadable-file",
                        "templates",
                        err.to_string(),
                    ));
                    continue;
                }
            };
            if entry.path_is_symlink() {
                let rel = display_path(root, entry.path());
                diags.push(
                    Diagnostic::error(
                        "symlink",
                        &rel,
                        "symbolic links are not followed in templates/",
                    )
                    .with_hint("copy the file into templates/ instead of linking to it"),
                );
                continue;
            }
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let key = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    site_files.insert(key.clone());
                    files.insert(key, bytes);
                }
                Err(err) => diags.push(Diagnostic::error(
                    "unreadable-file",
                    &display_path(root, entry.path()),
                    format!("cannot read: {err}"),
                )),
            }
        }
        ThemeFiles { files, site_files }
    }

    /// Template files (`*.html`, `*.xml`) by name, e.g. `area.html`.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter(|(path, _)| !path.starts_with("static/") && !path.starts_with("i18n/"))
            .filter(|(path, _)| path.ends_with(".html") || path.ends_with(".xml"))
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
    }

    /// Static assets by path under `static/`, copied to the site's `static/` folder.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(path, bytes)| Some((path.strip_prefix("static/")?, bytes.as_slice())))
    }

    /// One file's bytes, by path under `templates/`.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// The interface strings of both languages: the built-in ones, with the site's own
    /// `templates/i18n/*.toml` laid over them key by key, checked for keys in one language only.
    pub fn strings(&self, diags: &mut Diagnostics) -> Option<Strings> {
        let builtin = |lang: Lang| {
            let key = strings_path(lang);
            let key = key.trim_start_matches("templates/");
            let bytes = EMBEDDED.iter().find(|(p, _)| *p == key).map(|(_, b)| *b);
            String::from_utf8_lossy(bytes.unwrap_or_default()).into_owned()
        };
        let strings = Strings::parse(&builtin(Lang::Th), &builtin(Lang::En), diags)?;
        let th = self.site_text(Lang::Th, diags);
        let en = self.site_text(Lang::En, diags);
        strings.overlaid(th.as_deref(), en.as_deref(), diags)
    }

    /// The site's own strings file for `lang`, if it has one.
    fn site_text(&self, lang: Lang, diags: &mut Diagnostics) -> Option<String> {
        let file = strings_path(lang);
        let key = file.trim_start_matches("templates/");
        if !self.site_files.contains(key) {
            return None;
        }
        let bytes = self.files.get(key)?;
        crate::data::text::decode(bytes, &file, diags)
    }

    /// Parses every template into a tera instance; syntax errors become located diagnostics.
    pub fn build_tera(&self, diags: &mut Diagnostics) -> Option<tera::Tera> {
        let mut sources = Vec::new();
        for (name, bytes) in self.templates() {
            let file = format!("templates/{name}");
            if let Some(text) = crate::data::text::decode(bytes, &file, diags) {
                sources.push((name.to_string(), text));
            }
        }
        let mut tera = tera::Tera::new();
        // Templates escape by default; only the `safe` filter, applied to HTML the renderer built
        // itself (Markdown, charts), passes markup through.
        tera.autoescape_on(vec![".html", ".xml"]);
        match tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            Ok(()) => Some(tera),
            Err(err) => {
                diags.push(template_diagnostic(&err, None));
                None
            }
        }
    }
}

fn display_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Turns a tera error into a diagnostic located in the template, with what was being rendered.
pub fn template_diagnostic(err: &tera::Error, rendering: Option<&str>) -> Diagnostic {
    let context = rendering
        .map(|what| format!("failed to render {what}: "))
        .unwrap_or_default();
    match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            let file = format!("templates/{}", report.filename());
            Diagnostic::error("template", &file, format!("{context}{}", report.message()))
                .at(span.start_line as u64, span.start_col as u64 + 1)
                .with_hint("fix the template; `ecotown check` lists every template error")
        }
        _ => Diagnostic::error("template", "templates", format!("{context}{err}")),
    }
}
