//! Shared helpers for the integration tests: fixture sites copied into temporary folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ecotown::diagnostics::{Diagnostic, Diagnostics};

/// The repository root (the sample site).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Copies the folder `from` into a new temporary folder.
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        // The PNG folder comes along (`.ecotown-cache`): a copy then draws only the charts its
        // test changed, as an author's next build would.
        if rel.starts_with("site") || rel.starts_with("target") || rel.starts_with(".git") {
            continue;
        }
        let to = dir.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

/// The mini fixture with some files replaced.
pub fn mini_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = copy_site(&fixture("mini"));
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// Runs the load and validate phases on `root`.
pub fn check(root: &Path) -> Diagnostics {
    let mut diags = Diagnostics::new();
    ecotown::build::load(root, &mut diags);
    diags
}

/// The single diagnostic with `code`; fails the test, listing everything found, if there is not
/// exactly one.
pub fn only(diags: &Diagnostics, code: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one '{code}', got:\n{}",
        all.join("\n")
    );
    found[0].clone()
}

/// Every file under `dir`, by path relative to it (with `/`), with its bytes: a whole built site,
/// to compare two builds or a site before and after.
#[allow(dead_code)]
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect()
}
