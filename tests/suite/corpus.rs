//! The broken-input corpus: every kind of input a publisher can get wrong, each asserting the
//! diagnostic they would see (code, file, line, column, value, part of the hint), and none
//! allowed to panic.
//!
//! Each case is a folder in `tests/corpus/`: the files that differ from the `tests/fixtures/mini`
//! site, at their place in a site, and `expected.toml`:
//!
//! ```toml
//! # What is broken, in one line.
//! code = "wrong-delimiter"          # the diagnostic's code (exactly one, about this file)
//! file = "data/areas.csv"
//! line = 1                          # leave out line, column or value when there is none
//! column = 1
//! value = "area_id;province_code;…"
//! hint = "Comma delimited"          # a part of the hint
//! severity = "warning"              # default "error"
//! phase = "render"                  # default "load"; "render" renders the site in memory too
//! remove = ["data/levels.csv"]      # files of the mini site to delete
//! ```
//!
//! A few cases are generated in [`generated_cases`] and checked the same way: inputs too big to
//! keep as files (lines of a million characters), and broken copies of the built-in interface
//! strings, which must follow the theme as it grows.

use crate::common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use ecotown::diagnostics::{Diagnostic, Diagnostics, Severity};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    code: String,
    file: String,
    line: Option<u64>,
    column: Option<u64>,
    value: Option<String>,
    hint: String,
    #[serde(default = "error")]
    severity: String,
    #[serde(default = "load")]
    phase: String,
    #[serde(default)]
    remove: Vec<String>,
}

fn error() -> String {
    "error".to_string()
}

fn load() -> String {
    "load".to_string()
}

/// One case: a name, the mini site's files to replace or delete, and the expected diagnostic.
struct Case {
    name: String,
    files: Vec<(String, Vec<u8>)>,
    expected: Expected,
}

fn corpus_dir() -> PathBuf {
    common::repo_root().join("tests/corpus")
}

/// The cases stored as folders, in name order.
fn stored_cases() -> Vec<Case> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().map(|name| stored_case(&name)).collect()
}

fn stored_case(name: &str) -> Case {
    let dir = corpus_dir().join(name);
    let text = std::fs::read_to_string(dir.join("expected.toml"))
        .unwrap_or_else(|e| panic!("{name}/expected.toml: {e}"));
    let expected: Expected =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/expected.toml: {e}"));
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = relative(&dir, entry.path());
        if entry.file_type().is_file() && rel != "expected.toml" {
            files.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    Case {
        name: name.to_string(),
        files,
        expected,
    }
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Cases whose input is generated: lines too long to keep in the repository.
fn generated_cases() -> Vec<Case> {
    let mini = |rel: &str| std::fs::read_to_string(common::fixture("mini").join(rel)).unwrap();
    let long = "x".repeat(1_000_000);
    // A million-character cell in an extra column before a bad value: the column is counted in
    // characters, and fast.
    let observations = mini("data/observations.csv");
    let mut rows: Vec<String> = observations.lines().map(|row| format!(",{row}")).collect();
    rows[0] = format!("remark{}", rows[0]);
    rows[1] = format!("\"{long}\"{}", rows[1].replacen("812.0", "8l2", 1));
    let long_note = rows.join("\n");
    let ones = "9".repeat(100_000);
    let long_value = observations.replacen("812.0", &ones, 1);
    let toml = mini("site.toml");
    let long_key = format!("{toml}\n{} = 1\n", "k".repeat(200_000));
    let narrative = format!("{long} {{{{ level(area=\"nowhere\") }}}}\n");
    let expected = |code: &str, file: &str, line, column, hint: &str| Expected {
        code: code.to_string(),
        file: file.to_string(),
        line: Some(line),
        column: Some(column),
        value: None,
        hint: hint.to_string(),
        severity: error(),
        phase: load(),
        remove: Vec::new(),
    };
    let case = |name: &str, rel: &str, text: String, expected| Case {
        name: name.to_string(),
        files: vec![(rel.to_string(), text.into_bytes())],
        expected,
    };
    let obs = "data/observations.csv";
    let narrative_file = "content/areas/songkhla-sadao.en.md";
    // A site's strings file is laid over the built-in one key by key; these start from the current
    // built-in files (which grow with the theme) and break one line or add a key of the site's own
    // in one language only.
    let theme = |lang: &str| {
        let path = common::repo_root().join(format!("templates/i18n/{lang}.toml"));
        std::fs::read_to_string(path).unwrap()
    };
    let (en, th) = (theme("en"), theme("th"));
    let own_key_in_one_language = format!("{en}site_own_label = \"Mine\"\n");
    let broken_line = th
        .lines()
        .position(|l| l.starts_with("nav_home = \""))
        .unwrap();
    let unquoted = th.replacen("nav_home = \"", "nav_home = ", 1);
    let strings_error =
        |code: &str, file: &str, line, column, hint: &str, value: Option<&str>| Expected {
            line,
            column,
            value: value.map(str::to_string),
            ..expected(code, file, 0, 0, hint)
        };
    vec![
        case(
            "generated-strings-missing-key",
            "templates/i18n/en.toml",
            own_key_in_one_language,
            strings_error(
                "missing-translation",
                "templates/i18n/th.toml",
                None,
                None,
                "with the Thai text",
                Some("site_own_label"),
            ),
        ),
        case(
            "generated-strings-unquoted-text",
            "templates/i18n/th.toml",
            unquoted,
            strings_error(
                "bad-strings",
                "templates/i18n/th.toml",
                Some(broken_line as u64 + 1),
                Some(12),
                "quote the text",
                None,
            ),
        ),
        case(
            "generated-very-long-cell",
            obs,
            long_note,
            expected("not-a-number", obs, 2, 1_000_003 + 42, "plain number"),
        ),
        case(
            "generated-very-long-number",
            obs,
            long_value,
            expected("not-finite", obs, 2, 42, "leave the cell blank"),
        ),
        case(
            "generated-very-long-toml-key",
            "site.toml",
            long_key,
            expected("bad-config", "site.toml", 24, 1, "site.toml"),
        ),
        case(
            "generated-very-long-narrative-line",
            narrative_file,
            narrative,
            expected(
                "unknown-reference",
                narrative_file,
                1,
                1_000_001 + 15,
                "data/areas.csv",
            ),
        ),
    ]
}

/// Runs one case; `Err` describes how it failed (including a panic).
fn run(case: &Case) -> Result<(), String> {
    let site = common::copy_site(&common::fixture("mini"));
    for rel in &case.expected.remove {
        std::fs::remove_file(site.path().join(rel)).map_err(|e| format!("remove {rel}: {e}"))?;
    }
    for (rel, bytes) in &case.files {
        let path = site.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let root = site.path().to_path_buf();
    let phase = case.expected.phase.clone();
    let outcome = catch_unwind(AssertUnwindSafe(move || {
        let mut diags = Diagnostics::new();
        let ok = match phase.as_str() {
            "render" => ecotown::build::render(&root, &root.join("site"), &mut diags).is_some(),
            _ => ecotown::build::load(&root, &mut diags).is_some(),
        };
        (ok, diags)
    }));
    let (ok, diags) = outcome.map_err(|panic| format!("PANICKED: {}", panic_message(&panic)))?;
    let d = only(&diags, &case.expected.code, &case.expected.file)?;
    check(&d, &case.expected)?;
    match (d.severity, ok) {
        (Severity::Error, true) => Err("an error, yet the phase succeeded".into()),
        (Severity::Warning, false) => Err(format!("the site failed: {}", list(&diags))),
        _ => Ok(()),
    }
}

/// The one diagnostic with `code` about `file`.
fn only(diags: &Diagnostics, code: &str, file: &str) -> Result<Diagnostic, String> {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.code == code && d.file == file)
        .collect();
    match found.as_slice() {
        [d] => Ok((*d).clone()),
        _ => Err(format!(
            "expected one '{code}' in {file}, got {}:\n{}",
            found.len(),
            list(diags)
        )),
    }
}

fn check(d: &Diagnostic, expected: &Expected) -> Result<(), String> {
    let mut problems = Vec::new();
    if d.file != expected.file {
        problems.push(format!("file {:?}, expected {:?}", d.file, expected.file));
    }
    if (d.line, d.column) != (expected.line, expected.column) {
        problems.push(format!(
            "at {:?}:{:?}, expected {:?}:{:?}",
            d.line, d.column, expected.line, expected.column
        ));
    }
    if expected.value.is_some() && d.value != expected.value {
        problems.push(format!(
            "value {:?}, expected {:?}",
            d.value, expected.value
        ));
    }
    let hint = d.hint.as_deref().unwrap_or("");
    if !hint.contains(&expected.hint) {
        problems.push(format!("hint {hint:?} lacks {:?}", expected.hint));
    }
    if d.severity.as_str() != expected.severity {
        problems.push(format!("severity {}", d.severity.as_str()));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  got: {}",
            problems.join("; "),
            short(&d.to_string())
        ))
    }
}

fn list(diags: &Diagnostics) -> String {
    let lines: Vec<String> = diags
        .sorted()
        .iter()
        .filter(|d| d.severity != Severity::Note)
        .map(|d| format!("  {}", short(&d.to_string())))
        .collect();
    lines.join("\n")
}

/// A diagnostic's text cut to a readable length (values of a million characters are cut already,
/// but messages may quote them).
fn short(text: &str) -> String {
    match text.char_indices().nth(400) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

fn run_all(cases: &[Case]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run(case).err().map(|e| format!("{}: {e}", case.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_stored_case_gives_its_diagnostic() {
    let cases = stored_cases();
    assert!(
        cases.len() >= 40,
        "the corpus has only {} cases",
        cases.len()
    );
    run_all(&cases);
}

#[test]
fn every_generated_case_gives_its_diagnostic() {
    run_all(&generated_cases());
}

/// The corpus covers every input a site has.
#[test]
fn the_corpus_covers_every_input() {
    let cases = stored_cases();
    let touched = |prefix: &str| {
        cases.iter().any(|c| {
            c.expected.file.starts_with(prefix)
                || c.files.iter().any(|(f, _)| f.starts_with(prefix))
        })
    };
    for input in [
        "data/provinces.csv",
        "data/areas.csv",
        "data/indicators.csv",
        "data/observations.csv",
        "data/factories.csv",
        "data/levels.csv",
        "site.toml",
        "content/areas/",
        "content/pages/",
        "content/provinces/",
        "templates/page.html",
    ] {
        assert!(touched(input), "no corpus case for {input}");
    }
    for code in [
        "unclosed-front-matter",
        "missing-shortcode-argument",
        "unknown-shortcode-argument",
        "unknown-narrative-target",
        "template",
        "raw-html",
        "wrong-delimiter",
        "unclosed-quote",
        "no-rows",
        "duplicate-column",
        "mixed-encoding",
        "nul-byte",
        "not-a-number",
        "out-of-range",
        "unknown-reference",
        "duplicate",
    ] {
        assert!(
            cases.iter().any(|c| c.expected.code == code),
            "no corpus case for {code}"
        );
    }
}
