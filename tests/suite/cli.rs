//! The `ecotown` binary as a publisher runs it: exit codes, messages, and a failed build that
//! leaves the previous site untouched.

use crate::common;

use std::process::Command;

fn ecotown(args: &[&str], root: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run ecotown")
}

#[test]
fn check_passes_on_the_mini_site() {
    let out = ecotown(&["check"], &common::fixture("mini"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_fails_with_located_messages_and_exit_code_1() {
    let site = common::mini_with(&[(
        "data/levels.csv",
        b"area_id,year,level\nrayong-map-ta-phut,2564,1\n",
    )]);
    let out = ecotown(&["check"], site.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[buddhist-era-year]: data/levels.csv:2:20:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: years are stored in C.E.: subtract 543 (write 2021)"),
        "{stderr}"
    );
    assert!(stderr.contains("1 error"), "{stderr}");
}

#[test]
fn failed_build_writes_nothing_and_keeps_the_previous_site() {
    let site = common::copy_site(&common::fixture("mini"));
    let out = ecotown(&["build"], site.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = site.path().join("site/index.html");
    let before = std::fs::read(&index).unwrap();

    std::fs::write(
        site.path().join("data/levels.csv"),
        "area_id,year,level\nrayong-map-ta-phut,2016,7\n",
    )
    .unwrap();
    let out = ecotown(&["build"], site.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was written"));
    assert_eq!(std::fs::read(&index).unwrap(), before);
    assert!(!site.path().join("site.tmp").exists());
}

#[test]
fn usage_errors_exit_with_2_and_version_works() {
    let out = Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .arg("bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ecotown "));
}

#[test]
fn strict_check_fails_on_a_missing_translation() {
    let site = common::mini_with(&[(
        "content/areas/songkhla-sadao.th.md",
        "+++\ndescription = \"สะเดา\"\n+++\n\nด่านชายแดนสะเดา\n".as_bytes(),
    )]);
    let out = ecotown(&["check"], site.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning[narrative-fallback]: content/areas/songkhla-sadao.th.md"),
        "{stderr}"
    );
    let out = ecotown(&["check", "--strict"], site.path());
    assert_eq!(out.status.code(), Some(1));
}

/// Under GitHub Actions each problem becomes an annotation on its line, once: a workflow's later
/// steps set `ECOTOWN_ANNOTATIONS=off` so the build does not repeat what the check said.
#[test]
fn problems_are_annotated_under_github_actions_unless_turned_off() {
    let site = common::mini_with(&[(
        "data/levels.csv",
        b"area_id,year,level\nrayong-map-ta-phut,2564,1\n",
    )]);
    let run = |annotations: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ecotown"));
        command
            .args(["check", "--root"])
            .arg(site.path())
            .env("GITHUB_ACTIONS", "true");
        match annotations {
            Some(value) => command.env("ECOTOWN_ANNOTATIONS", value),
            None => command.env_remove("ECOTOWN_ANNOTATIONS"),
        };
        String::from_utf8_lossy(&command.output().unwrap().stdout).into_owned()
    };
    let annotated = run(None);
    assert!(
        annotated.contains("::error file=data/levels.csv,line=2"),
        "{annotated}"
    );
    assert!(!run(Some("off")).contains("::error"));
}
