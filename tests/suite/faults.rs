//! Faults: a build interrupted by a signal, two builds at once, and a million-row dataset.
//!
//! A publisher's machine or CI runner can kill a build at any moment (Ctrl-C, a job timeout, a
//! full disk), and two builds can be started on the same folder (a double click, two CI jobs).
//! None of that may leave readers with a broken or half-updated site: the previous `site/` must
//! stay byte-identical until a complete new one replaces it, and a later build must recover on
//! its own (taking over the lock of a build that died). Data can also grow: one observations file
//! per national programme for decades reaches a million rows, which must load and validate in
//! bounded memory and time, without steps that grow with the square of the rows.
//!
//! The tests run the real binary (`CARGO_BIN_EXE_ecotown`) on a generated site large enough to
//! keep it busy rendering for a while. The million-row test is `#[ignore]`d in debug builds (it
//! takes minutes there); `.ci/run` runs it in release:
//! `cargo test --release --test suite -- --ignored a_million_observations`.

use crate::common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A site like the mini fixture with `areas` areas (in its two provinces), `indicators`
/// indicators and `years` fiscal years of observations for every pair.
fn generated_site(areas: usize, indicators: usize, years: usize) -> tempfile::TempDir {
    let site = common::copy_site(&common::fixture("mini"));
    for (rel, text) in generated_data(areas, indicators, years) {
        std::fs::write(site.path().join(rel), text).unwrap();
    }
    site
}

fn generated_data(areas: usize, indicators: usize, years: usize) -> Vec<(&'static str, String)> {
    let area_id = |a: usize| format!("area-{a:05}");
    let indicator_id = |i: usize| format!("indicator-{i:03}");
    let mut area_rows = String::from("area_id,province_code,name_th,name_en,phase\n");
    let mut factory_rows = String::from("area_id,year,factories_total,factories_upgraded\n");
    let mut level_rows = String::from("area_id,year,level\n");
    for a in 0..areas {
        let province = if a % 2 == 0 { "TH-21" } else { "TH-90" };
        let _ = writeln!(
            area_rows,
            "{},{province},พื้นที่ {a},Area {a},{}",
            area_id(a),
            1 + a % 3
        );
        let _ = writeln!(
            factory_rows,
            "{},2021,{},{}",
            area_id(a),
            100 + a % 50,
            a % 50
        );
        let _ = writeln!(level_rows, "{},2021,{}", area_id(a), 1 + a % 5);
    }
    let mut indicator_rows = String::from(
        "indicator_id,dimension,name_th,name_en,unit_th,unit_en,direction,decimals,source_th,source_en\n",
    );
    for i in 0..indicators {
        let direction = if i % 2 == 0 { "increase" } else { "decrease" };
        let _ = writeln!(
            indicator_rows,
            "{},social,ตัวชี้วัด {i},Indicator {i},หน่วย,unit,{direction},1,แหล่ง,source",
            indicator_id(i)
        );
    }
    let mut observation_rows = String::with_capacity(areas * indicators * years * 48);
    observation_rows.push_str("area_id,indicator_id,year,value,status\n");
    for a in 0..areas {
        for i in 0..indicators {
            for y in 0..years {
                let value = (a * 7 + i * 13 + y * 3) % 1000;
                let _ = writeln!(
                    observation_rows,
                    "{},{},{},{value}.5,final",
                    area_id(a),
                    indicator_id(i),
                    2000 + y
                );
            }
        }
    }
    vec![
        ("data/areas.csv", area_rows),
        ("data/indicators.csv", indicator_rows),
        ("data/observations.csv", observation_rows),
        ("data/factories.csv", factory_rows),
        ("data/levels.csv", level_rows),
    ]
}

fn ecotown(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ecotown"));
    command
        .arg("build")
        .arg("--root")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Fails, naming the files that differ (not dumping their bytes), when `after` is not `before`.
fn assert_same(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>, what: &str) {
    let mut differ: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|path| before.get(*path) != after.get(*path))
        .collect();
    differ.sort();
    differ.dedup();
    let count = differ.len();
    differ.truncate(10);
    assert!(
        count == 0,
        "{what}: {count} files differ, such as {differ:?}"
    );
}

fn build_ok(root: &Path) -> std::process::Output {
    let out = ecotown(root).output().unwrap();
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Changes one value, so that a new build would write a different site.
fn change_data(root: &Path) {
    let path = root.join("data/observations.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text.replacen(".5,final", ".25,final", 1);
    assert_ne!(text, changed);
    std::fs::write(path, changed).unwrap();
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// The site a complete build of the (changed) data at `root` writes over the current `site/`,
/// built elsewhere from a copy of that site: output is deterministic, so an interrupted build
/// may leave either the previous site or exactly this one, never anything else.
fn complete_new_site(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    for (rel, bytes) in common::snapshot(&root.join("site")) {
        let path = out.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let built = ecotown(root).arg("--out").arg(&out).output().unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    common::snapshot(&out)
}

/// Checks `site/` after an interrupted build: the previous site, or (when the signal came after
/// the swap, while the build was clearing away the old copy) the complete new one. True for the
/// previous site.
fn previous_or_complete(
    root: &Path,
    before: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
    what: &str,
) -> bool {
    let after = common::snapshot(&root.join("site"));
    if after == *new {
        return false;
    }
    assert_same(before, &after, what);
    true
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_previous_site_intact() {
    let site = generated_site(60, 4, 12);
    let root = site.path();
    build_ok(root);
    let before = common::snapshot(&root.join("site"));
    assert!(before.len() > 100, "the generated site is too small");
    change_data(root);
    let new = complete_new_site(root);
    assert_ne!(new, before);
    // Timed after the first builds, which drew the slide PNGs into the site's PNG folder: the
    // interrupted builds read them from there, and are timed alike (a first build, drawing them,
    // takes several times as long and would put every interruption after the swap).
    let elsewhere = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let timed = ecotown(root)
        .arg("--out")
        .arg(elsewhere.path().join("site"))
        .output()
        .unwrap();
    assert!(timed.status.success());
    let full_build = started.elapsed();
    // Interrupt at points spread over the build, with SIGTERM and SIGINT.
    let mut kept = 0;
    let fractions = [0.05, 0.15, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95];
    for (i, fraction) in fractions.iter().enumerate() {
        let name = if i % 2 == 0 { "TERM" } else { "INT" };
        let mut child = ecotown(root).spawn().unwrap();
        std::thread::sleep(full_build.mul_f64(*fraction));
        if child.try_wait().unwrap().is_some() {
            continue; // Finished first: nothing to interrupt this time.
        }
        signal(&child, name);
        if child.wait().unwrap().success() {
            continue;
        }
        let what = format!("site/ changed after SIG{name} at {fraction} of the build");
        if previous_or_complete(root, &before, &new, &what) {
            kept += 1;
        }
    }
    assert!(
        kept >= 2,
        "only {kept} builds were interrupted before their swap"
    );
    // The interrupted builds left a lock whose owner is gone, and maybe a staging folder or the
    // old copy: the next build takes them over and publishes the new data.
    build_ok(root);
    assert_same(
        &new,
        &common::snapshot(&root.join("site")),
        "the build after the interruptions",
    );
    for leftover in ["site.lock", "site.tmp", "site.old"] {
        assert!(!root.join(leftover).exists(), "{leftover} left behind");
    }
}

#[cfg(unix)]
#[test]
fn a_build_interrupted_while_writing_leaves_the_previous_site_intact() {
    // Watch for the staging folder (a full build's `site.tmp`, an incremental one's
    // `site.patch`) and interrupt as soon as it appears: the build is writing.
    let site = generated_site(60, 4, 12);
    let root = site.path();
    build_ok(root);
    let before = common::snapshot(&root.join("site"));
    change_data(root);
    let new = complete_new_site(root);
    let mut caught = 0;
    for attempt in 0..5 {
        let mut child = ecotown(root).spawn().unwrap();
        let staging = [root.join("site.tmp"), root.join("site.patch")];
        while !staging.iter().any(|s| s.exists()) && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
        if child.try_wait().unwrap().is_some() {
            continue;
        }
        signal(&child, if attempt % 2 == 0 { "TERM" } else { "INT" });
        if !child.wait().unwrap().success() {
            let what = format!("site/ changed, attempt {attempt}");
            if previous_or_complete(root, &before, &new, &what) {
                caught += 1;
            }
        }
    }
    assert!(caught >= 1, "no build was caught while writing");
    build_ok(root);
    assert_same(
        &new,
        &common::snapshot(&root.join("site")),
        "the build after the interruptions",
    );
}

#[test]
fn two_builds_at_once_do_not_corrupt_the_site() {
    let site = generated_site(40, 4, 12);
    let root = site.path();
    // The reference: the same input built alone, elsewhere. Output is deterministic.
    let reference_dir = tempfile::tempdir().unwrap();
    let reference_out = reference_dir.path().join("site");
    let out = ecotown(root)
        .arg("--out")
        .arg(&reference_out)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference = common::snapshot(&reference_out);
    let mut refused = 0;
    for _ in 0..3 {
        let first = ecotown(root).spawn().unwrap();
        let second = ecotown(root).spawn().unwrap();
        for child in [first, second] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            match out.status.code() {
                Some(0) => {}
                Some(3) => {
                    assert!(stderr.contains("another build (process "), "{stderr}");
                    assert!(stderr.contains("wait for it to finish"), "{stderr}");
                    refused += 1;
                }
                other => panic!("unexpected exit {other:?}: {stderr}"),
            }
        }
        let site = common::snapshot(&root.join("site"));
        assert_same(
            &reference,
            &site,
            "the site is not the one a single build writes",
        );
        assert!(!root.join("site.lock").exists());
    }
    assert!(refused >= 1, "the builds never overlapped");
}

/// Peak resident memory of this process so far, in bytes (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Loads and validates a generated site of `areas × 50 indicators × 20 years` observations in
/// this process; returns how long it took.
fn load_generated(areas: usize) -> Duration {
    let site = generated_site(areas, 50, 20);
    let started = Instant::now();
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags);
    let elapsed = started.elapsed();
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .take(5)
        .collect();
    let loaded = loaded.unwrap_or_else(|| panic!("{}", errors.join("\n")));
    assert_eq!(loaded.data.observations.len(), areas * 50 * 20);
    elapsed
}

#[test]
#[ignore = "a million rows take minutes in a debug build; .ci/run runs it with --release"]
fn a_million_observations_load_in_bounded_memory_and_linear_time() {
    // 100 areas (100,000 rows) then 1,000 areas (1,000,000 rows): ten times the rows must take
    // about ten times as long, far from the hundred times of a quadratic step.
    let small = load_generated(100);
    let large = load_generated(1_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    let peak = peak_memory().unwrap_or(0);
    eprintln!(
        "100,000 rows: {small:.2?}; 1,000,000 rows: {large:.2?} (×{ratio:.1}); peak memory {} MiB",
        peak / (1 << 20)
    );
    assert!(
        ratio < 25.0,
        "loading grows faster than the rows: ×{ratio:.1}"
    );
    assert!(peak < 2 << 30, "peak memory {} MiB", peak / (1 << 20));
}
