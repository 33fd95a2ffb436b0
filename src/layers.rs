//! The phases the modules belong to, and a test that no module reaches forward into a later one.
//!
//! A build runs load → derive → render → check → write (`build` and `serve` run them). A module
//! may use its own phase and earlier ones, never a later one: a renderer that imported the
//! orchestrator, or a loader that imported the renderer, made the code a knot that could only be
//! changed whole. The test reads every `crate::…` path in the source (comments aside), so a new
//! top-level module must be given its phase here before it compiles into a passing test.
//! docs/architecture.md explains the phases.

/// Each top-level module and its phase, earliest first.
pub const PHASES: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["diagnostics", "html", "timings", "csvfile", "escape"],
    ),
    (
        "load",
        &[
            "config", "data", "history", "i18n", "content", "theme", "urls",
        ],
    ),
    ("derive", &["progress", "charts", "updates", "site"]),
    ("render", &["render", "publish"]),
    ("check", &["check"]),
    ("write", &["output", "fingerprint", "deps", "pdf"]),
    ("run", &["build", "serve", "layers"]),
];

/// The phase number of a top-level module, if it has one.
pub fn phase_of(module: &str) -> Option<usize> {
    PHASES
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The top-level modules a line of code names with `crate::…`.
    fn named(line: &str) -> Vec<&str> {
        let code = line.split("//").next().unwrap_or("");
        code.match_indices("crate::")
            .filter(|(at, _)| {
                // `ecotown::crate::…` does not occur; skip `$crate::` in macros.
                !code[..*at].ends_with('$')
            })
            .map(|(at, m)| {
                let rest = &code[at + m.len()..];
                // `use crate::{a, b}` would hide its modules from this reading: refused below.
                if rest.starts_with('{') {
                    return "{";
                }
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .filter(|name| !name.is_empty())
            .collect()
    }

    #[test]
    fn no_module_imports_from_a_later_phase() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut wrong = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(&src).unwrap().to_path_buf();
            let rel = rel.to_string_lossy().replace('\\', "/");
            // This file names modules in its messages; the binaries and the crate root sit
            // above every phase.
            let above = ["main.rs", "lib.rs", "layers.rs"].contains(&rel.as_str());
            if !rel.ends_with(".rs") || rel.starts_with("bin/") || above {
                continue;
            }
            let module = rel.split(['/', '.']).next().unwrap();
            let Some(own) = phase_of(module) else {
                wrong.push(format!(
                    "src/{rel}: module '{module}' has no phase in src/layers.rs"
                ));
                continue;
            };
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for target in named(line) {
                    match phase_of(target) {
                        Some(p) if p <= own => {}
                        Some(p) => wrong.push(format!(
                            "src/{rel}:{}: '{module}' ({}) uses crate::{target} ({})",
                            n + 1,
                            PHASES[own].0,
                            PHASES[p].0
                        )),
                        None if target == "{" => wrong.push(format!(
                            "src/{rel}:{}: write one `use crate::module::…` per module, not \
                             `use crate::{{…}}`, so that this test can read it",
                            n + 1
                        )),
                        None => wrong.push(format!(
                            "src/{rel}:{}: crate::{target} has no phase in src/layers.rs",
                            n + 1
                        )),
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn paths_are_read_from_code_not_comments() {
        assert_eq!(
            named("use crate::data::{Lang, Text}; // crate::build"),
            ["data"]
        );
        assert_eq!(
            named("let x = crate::urls::home(crate::data::Lang::Th);"),
            ["urls", "data"]
        );
    }
}
