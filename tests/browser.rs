//! The built site in a real browser (headless Chromium): at a 360 px phone width no page may
//! scroll sideways (wide tables and charts scroll inside their own regions instead).
//!
//! Needs Chromium. Locally the test skips with a loud message when it is missing; in CI
//! (`CI=true`) it fails instead, because `.ci/run` installs Chromium.

mod common;

use std::path::Path;
use std::process::Command;

use ecotown::diagnostics::Diagnostics;

fn chromium() -> Option<String> {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    let found = candidates.iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    match found {
        Some(c) => Some(c.to_string()),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("Chromium is required in CI")
        }
        None => {
            eprintln!(
                "\n*** SKIPPED: Chromium not found; install it (apt-get install chromium) to run the browser tests ***\n"
            );
            None
        }
    }
}

/// A page that loads each site page in a 360-px-wide frame and records the page's scroll width.
fn measuring_page(site: &Path, pages: &[String]) -> String {
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("\"file://{}/{}\"", site.display(), p))
        .collect();
    format!(
        r#"<!doctype html><html><body><pre id="out"></pre><script>
const pages = [{}]; let i = 0; const out = [];
function next() {{
  if (i >= pages.length) {{ document.getElementById('out').textContent = 'RESULT\n' + out.join('\n') + '\nEND'; return; }}
  const f = document.createElement('iframe'); f.style.width = '360px'; f.style.height = '700px'; f.src = pages[i];
  f.onload = () => {{ const d = f.contentDocument.documentElement; out.push(pages[i] + ' ' + d.scrollWidth + ' ' + d.clientWidth); f.remove(); i++; next(); }};
  document.body.appendChild(f);
}}
next();
</script></body></html>"#,
        urls.join(",")
    )
}

#[test]
fn no_page_scrolls_sideways_on_a_360_px_phone() {
    let Some(browser) = chromium() else { return };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut diags = Diagnostics::new();
    ecotown::build::build(&common::repo_root(), &site, &mut diags).expect("sample builds");
    // One page of each kind in both languages is enough: pages of a kind share their template.
    let mut pages = vec!["index.html".to_string()];
    for lang in ["th", "en"] {
        for p in [
            "index.html",
            "provinces/index.html",
            "provinces/th-21/index.html",
            "areas/index.html",
            "areas/rayong-map-ta-phut/index.html",
            "areas/pathum-thani-lat-lum-kaeo/index.html",
            "indicators/index.html",
            "indicators/energy-intensity/index.html",
            "dimensions/environmental/index.html",
            "progress/index.html",
            "methodology/index.html",
            "about/index.html",
            "updates/index.html",
            "downloads/index.html",
            "briefs/th-21/index.html",
        ] {
            pages.push(format!("{lang}/{p}"));
        }
    }
    let probe = out.path().join("measure.html");
    std::fs::write(&probe, measuring_page(&site, &pages)).unwrap();
    let profile = out.path().join("profile");
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=120000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", probe.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let result = dom
        .split("RESULT\n")
        .nth(1)
        .and_then(|r| r.split("\nEND").next())
        .expect("measurements");
    let mut measured = 0;
    for line in result.lines() {
        let parts: Vec<&str> = line.rsplitn(3, ' ').collect();
        let (client, scroll, page) = (
            parts[0].parse::<u32>().unwrap(),
            parts[1].parse::<u32>().unwrap(),
            parts[2],
        );
        assert!(
            scroll <= client,
            "{page} scrolls sideways at 360 px: content {scroll} px wide, viewport {client} px"
        );
        measured += 1;
    }
    assert_eq!(measured, pages.len());
}

/// axe-core (the accessibility engine behind Lighthouse) checks WCAG 2.1 A and AA rules on one page
/// of each kind, in both languages. `.ci/run` installs it from npm and points `ECOTOWN_AXE` at
/// `axe.min.js`; locally the test skips loudly when it is missing.
#[test]
fn pages_pass_the_automated_wcag_2_1_aa_checks() {
    let Some(browser) = chromium() else { return };
    let axe = match std::env::var("ECOTOWN_AXE") {
        Ok(path) if Path::new(&path).exists() => std::fs::read_to_string(path).unwrap(),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("ECOTOWN_AXE must point at axe.min.js in CI")
        }
        _ => {
            eprintln!(
                "\n*** SKIPPED: set ECOTOWN_AXE to axe-core's axe.min.js (npm install axe-core) to run the WCAG checks ***\n"
            );
            return;
        }
    };
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut diags = Diagnostics::new();
    ecotown::build::build(&common::repo_root(), &site, &mut diags).expect("sample builds");
    let mut pages = Vec::new();
    for lang in ["th", "en"] {
        for p in [
            "index.html",
            "provinces/th-21/index.html",
            "areas/rayong-map-ta-phut/index.html",
            "indicators/energy-intensity/index.html",
            "progress/index.html",
            "methodology/index.html",
            "downloads/index.html",
            "updates/index.html",
            "briefs/th-90/index.html",
        ] {
            pages.push(format!("{lang}/{p}"));
        }
    }
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("\"file://{}/{}\"", site.display(), p))
        .collect();
    // The engine is loaded into each page's own window, then run on its document.
    let probe = format!(
        r#"<!doctype html><html><body><pre id="out"></pre><script>
const AXE = {axe:?};
const pages = [{}]; let i = 0; const out = [];
async function next() {{
  if (i >= pages.length) {{ document.getElementById('out').textContent = 'RESULT\n' + out.join('\n') + '\nEND'; return; }}
  const f = document.createElement('iframe'); f.style.width = '390px'; f.style.height = '800px'; f.src = pages[i];
  f.onload = async () => {{
    f.contentWindow.eval(AXE);
    const r = await f.contentWindow.axe.run(f.contentDocument, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }});
    for (const v of r.violations) out.push(pages[i] + ' ' + v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
    out.push(pages[i] + ' checked');
    f.remove(); i++; next();
  }};
  document.body.appendChild(f);
}}
next();
</script></body></html>"#,
        urls.join(",")
    );
    let file = out.path().join("axe.html");
    std::fs::write(&file, probe).unwrap();
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=300000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            out.path().join("profile").display()
        ))
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let result = dom
        .split("RESULT\n")
        .nth(1)
        .and_then(|r| r.split("\nEND").next())
        .expect("axe results");
    let violations: Vec<&str> = result
        .lines()
        .filter(|l| !l.ends_with(" checked"))
        .collect();
    assert_eq!(
        result.lines().filter(|l| l.ends_with(" checked")).count(),
        pages.len(),
        "{result}"
    );
    assert!(
        violations.is_empty(),
        "WCAG violations:\n{}",
        violations.join("\n")
    );
}
