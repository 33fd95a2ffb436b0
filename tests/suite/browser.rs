//! The built site in a real browser (headless Chromium) and through the usual checkers: at a
//! 360 px phone width no page may scroll sideways (wide tables and charts scroll inside their own
//! regions instead); axe-core and HTML_CodeSniffer (through pa11y) find no WCAG 2 AA failure; and
//! the Nu Html Checker (vnu.jar, the W3C validator) finds no markup error.
//!
//! Needs Chromium, and for the checkers their files from npm (`ECOTOWN_AXE`, `ECOTOWN_PA11Y`,
//! `ECOTOWN_VNU`) with Node.js and Java. Locally a test skips with a loud message when something
//! is missing; in CI (`CI=true`) it fails instead, because `.ci/run` installs all of them.
//!
//! Long because each check drives a real browser over the built sample and says, when it fails,
//! exactly where a reader would meet the problem; the probes share one runner (`probe_result`).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use ecotown::diagnostics::Diagnostics;

/// The browser tests take turns: each drives Chromium (several processes) on a two-core machine,
/// and run together they starve one another into timeouts; in turn the suite takes about as long.
pub(crate) fn one_browser_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

pub(crate) fn chromium() -> Option<String> {
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

/// Opens the probe page `probe` (HTML whose script writes `RESULT\n…\nEND` into the page) in
/// headless Chromium with a fresh profile beside it, and returns what it wrote.
fn probe_result(browser: &str, probe: &Path, scrollbars: bool) -> String {
    let profile = probe.with_extension("profile");
    let mut args = vec![
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--allow-file-access-from-files",
        "--virtual-time-budget=600000",
        "--dump-dom",
    ];
    if !scrollbars {
        args.push("--hide-scrollbars");
    }
    let output = Command::new(browser)
        .args(args)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", probe.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    dom.split("RESULT\n")
        .nth(1)
        .and_then(|r| r.split("\nEND").next())
        .unwrap_or_else(|| panic!("no result from the browser:\n{dom}"))
        .to_string()
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
    let _turn = one_browser_at_a_time();
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
            "symbiosis/index.html",
            "methodology/index.html",
            "about/index.html",
            "updates/index.html",
            "downloads/index.html",
            "briefs/th-21/index.html",
            "search/index.html",
        ] {
            pages.push(format!("{lang}/{p}"));
        }
    }
    let probe = out.path().join("measure.html");
    std::fs::write(&probe, measuring_page(&site, &pages)).unwrap();
    let result = probe_result(&browser, &probe, true);
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
    let _turn = one_browser_at_a_time();
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
            "symbiosis/index.html",
            "methodology/index.html",
            "downloads/index.html",
            "updates/index.html",
            "briefs/th-90/index.html",
            // The controls the scripts add: the comparison drawn (a province's box mixed, one
            // ticked), the tables' sort buttons, the share panel open with its copy buttons.
            "indicators/energy-intensity/index.html?areas=rayong-map-ta-phut,chon-buri,khon-kaen&provinces=TH-90",
            "areas/index.html?sort=0.1.desc&filter=0.province.th-21",
            "embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html#share",
            "embed/programme/map/index.html",
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
    let result = probe_result(&browser, &file, true);
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

pub(crate) fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The file `var` points at; `None` (after a loud message) when it is unset or missing locally.
pub(crate) fn tool_from_env(var: &str, what: &str, install: &str) -> Option<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from) {
        Some(path) if path.exists() => Some(path),
        _ if in_ci() => panic!("{var} must point at {what} in CI"),
        _ => {
            eprintln!("\n*** SKIPPED: set {var} to {what} ({install}) to run this check ***\n");
            None
        }
    }
}

/// Whether `program --version`-style `args` runs; skips loudly locally, fails in CI.
fn runs(program: &str, args: &[&str], install: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    match ok {
        true => true,
        false if in_ci() => panic!("{program} is required in CI"),
        false => {
            eprintln!("\n*** SKIPPED: {program} not found; {install} to run this check ***\n");
            false
        }
    }
}

/// The full path of a program found on `PATH` (Puppeteer wants a path, not a name).
pub(crate) fn on_path(program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        return Some(PathBuf::from(program));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// The sample site, built into `out/site`.
fn build_sample(out: &Path) -> PathBuf {
    let site = out.join("site");
    let mut diags = Diagnostics::new();
    ecotown::build::build(&common::repo_root(), &site, &mut diags).expect("sample builds");
    site
}

/// One page of each kind in both languages (pages of a kind share their template), and 404.html.
fn one_page_of_each_kind() -> Vec<String> {
    let mut pages = vec!["404.html".to_string()];
    for lang in ["th", "en"] {
        for p in [
            "index.html",
            "provinces/index.html",
            "provinces/th-21/index.html",
            "areas/index.html",
            "areas/rayong-map-ta-phut/index.html",
            "indicators/index.html",
            "indicators/energy-intensity/index.html",
            "dimensions/environmental/index.html",
            "progress/index.html",
            "symbiosis/index.html",
            "methodology/index.html",
            "about/index.html",
            "updates/index.html",
            "downloads/index.html",
            "briefs/th-21/index.html",
            "search/index.html",
            "embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html",
            "embed/programme/map/index.html",
        ] {
            pages.push(format!("{lang}/{p}"));
        }
    }
    pages
}

/// The Nu Html Checker (the engine of validator.w3.org) finds no error in any kind of page.
/// `.ci/run` installs it from npm (`vnu-jar`) and points `ECOTOWN_VNU` at `vnu.jar`.
#[test]
fn pages_pass_the_nu_html_checker() {
    let _turn = one_browser_at_a_time();
    let Some(vnu) = tool_from_env(
        "ECOTOWN_VNU",
        "vnu.jar",
        "npm install vnu-jar: node_modules/vnu-jar/build/dist/vnu.jar",
    ) else {
        return;
    };
    if !runs(
        "java",
        &["-version"],
        "install a Java runtime (apt-get install default-jre-headless)",
    ) {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let site = build_sample(out.path());
    let pages = one_page_of_each_kind();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .args(pages.iter().map(|p| site.join(p)))
        .output()
        .expect("run the Nu Html Checker");
    // The checker writes its messages to stderr and exits non-zero when it found any error.
    let messages = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = messages.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        output.status.success() && errors.is_empty(),
        "the Nu Html Checker found {} errors ({}):\n{}",
        errors.len(),
        output.status,
        errors.join("\n")
    );
}

/// pa11y runs HTML_CodeSniffer's WCAG 2 AA rules (a second engine beside axe-core: it catches,
/// for one, tables with several levels of headers whose cells do not name their headers) on
/// every kind of page, in one Node process that shares one Chromium. `.ci/run` installs pa11y
/// from npm and points `ECOTOWN_PA11Y` at its program (`node_modules/.bin/pa11y`).
#[test]
fn pages_pass_html_codesniffer_through_pa11y() {
    let _turn = one_browser_at_a_time();
    let Some(browser) = chromium() else { return };
    let Some(pa11y) = tool_from_env(
        "ECOTOWN_PA11Y",
        "the pa11y program",
        "PUPPETEER_SKIP_DOWNLOAD=1 npm install pa11y: node_modules/.bin/pa11y",
    ) else {
        return;
    };
    if !runs(
        "node",
        &["--version"],
        "install Node.js (apt-get install nodejs)",
    ) {
        return;
    }
    // node_modules/.bin/pa11y links to node_modules/pa11y/bin/pa11y.js: the package is two up.
    let program = std::fs::canonicalize(&pa11y).expect("pa11y program");
    let package = program
        .parent()
        .and_then(Path::parent)
        .expect("pa11y package folder")
        .to_path_buf();
    let executable = on_path(&browser).expect("Chromium's path");
    let out = tempfile::tempdir().unwrap();
    let site = build_sample(out.path());
    let pages = one_page_of_each_kind();
    let runner = out.path().join("pa11y-run.js");
    std::fs::write(&runner, PA11Y_RUNNER).unwrap();
    let output = Command::new("node")
        .arg(&runner)
        .arg(&package)
        .arg(&executable)
        .args(
            pages
                .iter()
                .map(|p| format!("file://{}", site.join(p).display())),
        )
        .output()
        .expect("run pa11y");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "pa11y failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let checked = stdout.lines().filter(|l| l.starts_with("CHECKED ")).count();
    assert_eq!(checked, pages.len(), "{stdout}\n{stderr}");
    let errors: Vec<&str> = stdout.lines().filter(|l| l.starts_with("ERROR ")).collect();
    assert!(
        errors.is_empty(),
        "HTML_CodeSniffer (WCAG2AA) found {} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// Runs pa11y on each address given after the pa11y package folder and Chromium's path, with the
/// settings of `pa11y -c` and `{"standard": "WCAG2AA", "runners": ["htmlcs"], "chromeLaunchConfig":
/// {"executablePath": …, "args": ["--no-sandbox"]}}`, one browser for all pages. Prints
/// `ERROR <page> <code>: <message> @ <selector>` per error and `CHECKED <page>` per page.
const PA11Y_RUNNER: &str = r#"
const [pkg, chromium, ...urls] = process.argv.slice(2);
const pa11y = require(pkg);
const puppeteer = require(require.resolve('puppeteer', { paths: [pkg] }));
(async () => {
  const browser = await puppeteer.launch({ executablePath: chromium, args: ['--no-sandbox'] });
  try {
    for (const url of urls) {
      const result = await pa11y(url, { browser, standard: 'WCAG2AA', runners: ['htmlcs'], timeout: 60000 });
      for (const issue of result.issues) {
        if (issue.type === 'error') {
          console.log(`ERROR ${url} ${issue.code}: ${issue.message} @ ${issue.selector}`);
        }
      }
      console.log(`CHECKED ${url}`);
    }
  } finally {
    await browser.close();
  }
})().catch(err => { console.error(err); process.exit(2); });
"#;

// ---------------------------------------------------------------------------------------------
// As a reader sees the pages: charts legible and whole at phone and desktop widths, the columns
// that matter on screen, and Thai never broken inside a word.

/// One page of each kind (both languages), for the layout checks below: the pages above but the
/// 404 page, whose stylesheet is on the published site (it is served at any depth).
fn page_kinds() -> Vec<String> {
    one_page_of_each_kind()
        .into_iter()
        .filter(|p| p != "404.html")
        .collect()
}

/// The sample built once for the layout tests.
pub(crate) fn built_sample() -> &'static Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let mut diags = Diagnostics::new();
        ecotown::build::build(&common::repo_root(), &out.path().join("site"), &mut diags)
            .expect("sample builds");
        out
    })
    .path()
}

/// Loads every page into a frame `width` px wide, opens every `<details>`, runs `check` (the body
/// of a JavaScript function of `(doc, win, page)` returning an array of problem strings) and
/// returns the problems. Panics if a page did not report.
fn in_frames(browser: &str, pages: &[String], width: u32, check: &str) -> Vec<String> {
    let site = built_sample().join("site");
    let urls: Vec<String> = pages
        .iter()
        .map(|p| format!("\"file://{}/{}\"", site.display(), p))
        .collect();
    let probe = format!(
        r#"<!doctype html><html><body><pre id="out"></pre><script>
const pages = [{urls}]; let i = 0; const out = [];
const check = (doc, win, page) => {{ {check} }};
function next() {{
  if (i >= pages.length) {{ document.getElementById('out').textContent = 'RESULT\n' + out.join('\n') + '\nEND'; return; }}
  const f = document.createElement('iframe'); f.style.width = '{width}px'; f.style.height = '800px'; f.style.border = '0'; f.src = pages[i];
  f.onload = async () => {{
    const doc = f.contentDocument;
    await doc.fonts.ready;
    for (const d of doc.querySelectorAll('details')) d.open = true;
    try {{ for (const p of check(doc, f.contentWindow, pages[i])) out.push(pages[i] + ' @' + '{width}px: ' + p); }}
    catch (e) {{ out.push(pages[i] + ' @' + '{width}px: script error ' + e); }}
    out.push(pages[i] + ' checked');
    f.remove(); i++; next();
  }};
  document.body.appendChild(f);
}}
next();
</script></body></html>"#,
        urls = urls.join(",")
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("probe.html");
    std::fs::write(&file, probe).unwrap();
    let result = probe_result(browser, &file, false);
    let checked = result.lines().filter(|l| l.ends_with(" checked")).count();
    assert_eq!(checked, pages.len(), "{result}");
    result
        .lines()
        .filter(|l| !l.ends_with(" checked"))
        .map(|l| {
            l.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// Every chart's text as displayed (its font size times the chart's scale) is at least 11 CSS px,
/// and at a phone width the chart lies whole inside the viewport, as do the table columns that
/// carry the latest value or the status (`th.key-col`), and no table cell's content spills over
/// its neighbour.
const LEGIBLE_AND_WHOLE: &str = r#"
  const problems = [];
  const vw = doc.documentElement.clientWidth;
  for (const svg of doc.querySelectorAll('svg.chart')) {
    const r = svg.getBoundingClientRect();
    if (r.width === 0) continue;
    const vb = svg.viewBox.baseVal;
    const scale = r.width / vb.width;
    let smallest = Infinity, which = '';
    for (const t of svg.querySelectorAll('text')) {
      const size = parseFloat(win.getComputedStyle(t).fontSize) * scale;
      if (size < smallest) { smallest = size; which = t.textContent; }
    }
    const name = svg.getAttribute('aria-labelledby') || svg.id || 'chart';
    if (smallest < 10.95) problems.push(`${name}: text '${which}' is ${smallest.toFixed(1)} px`);
    if (vw <= 400 && (r.left < -0.5 || r.right > vw + 0.5))
      problems.push(`${name}: chart spans ${r.left.toFixed(0)}..${r.right.toFixed(0)} px in a ${vw} px viewport`);
    for (let a = svg.parentElement; a && a !== doc.body; a = a.parentElement) {
      if (a.scrollWidth > a.clientWidth + 1 && win.getComputedStyle(a).overflowX !== 'visible')
        { problems.push(`${name}: scrolls sideways inside ${a.className}`); break; }
    }
  }
  if (vw <= 400) {
    // Nothing spills out of its table cell over the next one (a nowrap value, a long unit).
    for (const cell of doc.querySelectorAll('table th, table td')) {
      if (cell.closest('.visually-hidden') || cell.getClientRects().length === 0) continue;
      if (cell.scrollWidth > cell.clientWidth + 1)
        problems.push(`cell '${cell.textContent.trim().slice(0, 40)}' overflows by ${cell.scrollWidth - cell.clientWidth} px`);
    }
    for (const th of doc.querySelectorAll('th.key-col')) {
      const r = th.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > vw + 0.5) problems.push(`column '${th.textContent.trim()}' ends at ${r.right.toFixed(0)} px, outside the ${vw} px viewport`);
    }
  }
  return problems;
"#;

/// Every piece of text on a brief's sheet, outside its drawings, is set at 10 pt (13.33 CSS px) or
/// more: what Lighthouse calls legible, and what an officer reads across a table.
const BRIEF_TEXT_10PT: &str = r#"
  const problems = [];
  const sheet = doc.querySelector('.brief-page');
  const walk = doc.createTreeWalker(sheet, 4);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest('svg, .visually-hidden')) continue;
    const size = parseFloat(win.getComputedStyle(el).fontSize);
    if (size < 13.3) problems.push(`'${n.textContent.trim().slice(0, 40)}' is ${(size * 0.75).toFixed(1)} pt`);
  }
  return problems.slice(0, 5);
"#;

#[test]
fn brief_text_is_at_least_10_pt() {
    let _turn = one_browser_at_a_time();
    let Some(browser) = chromium() else { return };
    let pages: Vec<String> = ["th", "en"]
        .iter()
        .flat_map(|lang| {
            ["th-21", "th-13", "th-90"].map(|code| format!("{lang}/briefs/{code}/index.html"))
        })
        .collect();
    let mut problems = Vec::new();
    // A4's width at 96 dpi, and a phone's.
    for width in [794, 390] {
        problems.extend(in_frames(&browser, &pages, width, BRIEF_TEXT_10PT));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn charts_are_legible_and_whole_and_key_columns_visible() {
    let _turn = one_browser_at_a_time();
    let Some(browser) = chromium() else { return };
    let pages = page_kinds();
    let mut problems = Vec::new();
    for width in [360, 390, 1280] {
        problems.extend(in_frames(&browser, &pages, width, LEGIBLE_AND_WHOLE));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every line break inside Thai text falls on a word boundary as `Intl.Segmenter('th')` sees it
/// (or at a space): the browser lays the page out, and each Thai character's line is read from
/// its rectangle.
const THAI_BREAKS: &str = r#"
  const problems = [];
  const thai = /[\u0E00-\u0E7F]/;
  const seg = new Intl.Segmenter('th', { granularity: 'word' });
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  const range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data;
    if (!thai.test(text)) continue;
    const el = node.parentElement;
    if (!el || el.closest('svg, script, style, .visually-hidden')) continue;
    if (el.getClientRects().length === 0) continue;
    const bounds = new Set([0, text.length]);
    for (const s of seg.segment(text)) bounds.add(s.index);
    let lastTop = null;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xDC00 && c <= 0xDFFF) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rects = range.getClientRects();
      if (rects.length === 0) continue;
      const top = rects[0].top;
      if (lastTop !== null && top > lastTop + 2 && !bounds.has(i) && !/\s/.test(text[i - 1])) {
        const word = text.slice(Math.max(0, i - 12), i) + '|' + text.slice(i, i + 12);
        problems.push(`breaks inside a Thai word: "${word}" (in <${el.tagName.toLowerCase()} class="${el.className}">)`);
      }
      lastTop = top;
    }
  }
  return problems;
"#;

#[test]
fn thai_text_breaks_only_between_words() {
    let _turn = one_browser_at_a_time();
    let Some(browser) = chromium() else { return };
    let pages = page_kinds();
    let mut problems = Vec::new();
    for width in [390, 1280] {
        problems.extend(in_frames(&browser, &pages, width, THAI_BREAKS));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// `ecotown serve` in a real browser: live reload, the problems overlay, and safe paths.

/// What the browser does: load an area page, edit its narrative and wait for the page to show
/// the edit by itself; plant a CSV error and wait for the overlay; fix it and wait for the
/// overlay to go. Prints one line per step reached.
const SERVE_SCRIPT: &str = r#"
const fs = require('fs');
const puppeteer = require(process.env.PUPPETEER);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const trail = [];
async function until(page, test, what) {
  const end = Date.now() + 90000;
  while (Date.now() < end) {
    try { if (await page.evaluate(test)) return; } catch (e) { /* the page is reloading */ }
    await sleep(100);
  }
  throw new Error('timed out waiting for ' + what);
}
(async () => {
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // What the browser asked for and got, shown only if a step times out.
    const t0 = Date.now();
    const log = (m) => trail.push((Date.now() - t0) + ' ms ' + m);
    page.on('request', (r) => log('asked ' + r.url()));
    page.on('requestfinished', (r) => log('got ' + r.url()));
    page.on('requestfailed', (r) => log('failed ' + r.url() + ' ' + (r.failure() || {}).errorText));
    page.on('load', () => log('load event'));
    page.on('framenavigated', (f) => log('navigated ' + f.url()));
    // A first load has been seen to stall under a fully loaded machine (several browsers at
    // once); a second try shows whether the server is really not answering.
    for (let attempt = 1; ; attempt++) {
      try {
        await page.goto(process.env.URL + '/en/areas/rayong-map-ta-phut/', { waitUntil: 'load', timeout: 20000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        console.log('RETRY load ' + attempt + ': ' + e.message);
      }
    }
    await until(page, () => document.querySelector('h1') !== null, 'the page');
    console.log('STEP loaded');
    const narrative = process.env.SITE + '/content/areas/rayong-map-ta-phut.en.md';
    fs.appendFileSync(narrative, '\n\nLIVE RELOAD MARKER\n');
    await until(page, () => document.body.innerText.includes('LIVE RELOAD MARKER'), 'the edit');
    console.log('STEP reloaded');
    const levels = process.env.SITE + '/data/levels.csv';
    const good = fs.readFileSync(levels, 'utf8');
    const lines = good.split('\n');
    lines[1] = lines[1].replace(/,\d$/, ',9');
    fs.writeFileSync(levels, lines.join('\n'));
    await until(page, () => { const o = document.getElementById('ecotown-problems');
      return o !== null && o.innerText.includes('data/levels.csv:2:'); }, 'the overlay');
    console.log('STEP overlay');
    fs.writeFileSync(levels, good);
    await until(page, () => document.getElementById('ecotown-problems') === null
      && document.body.innerText.includes('LIVE RELOAD MARKER'), 'the overlay to go');
    console.log('STEP cleared');
  } finally { await browser.close(); }
})().catch((e) => { console.log('FAILED ' + e.message + '\n' + trail.join('\n')); process.exit(1); });
"#;

/// Starts `ecotown serve` on a free loopback port for the site at `root`, and waits for it to
/// listen. Returns the process, its port and its stderr lines.
fn start_serve(root: &Path) -> (std::process::Child, u16, std::sync::mpsc::Receiver<String>) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .arg("--root")
        .arg(root)
        .args(["serve", "--port", &port.to_string()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start ecotown serve");
    let stderr = server.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let started = std::time::Instant::now();
    loop {
        match rx.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(line) if line.starts_with("serving the site at") => break,
            Ok(_) => {}
            Err(_) => {
                let _ = server.kill();
                panic!("serve did not start within {:?}", started.elapsed());
            }
        }
    }
    (server, port, rx)
}

/// Stops `server` as Ctrl-C would, and checks it wrote nothing into the site folder `root`
/// (the preview lives in memory); fails with what it said if `result` (the test's body) failed.
fn stop_serve(
    mut server: std::process::Child,
    rx: std::sync::mpsc::Receiver<String>,
    result: std::thread::Result<()>,
    root: &Path,
) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status();
    let mut stopped = false;
    let mut said = Vec::new();
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_secs(30)) {
        if line.starts_with("stopped; the preview wrote nothing to disk") {
            stopped = true;
            break;
        }
        said.push(line);
    }
    let _ = server.kill();
    let _ = server.wait();
    if let Err(panic) = result {
        eprintln!("ecotown serve said:\n{}", said.join("\n"));
        std::panic::resume_unwind(panic);
    }
    assert!(
        stopped,
        "serve did not say it stopped:\n{}",
        said.join("\n")
    );
    for left in ["site", "site.tmp", "site.lock"] {
        assert!(!root.join(left).exists(), "serve wrote {left}");
    }
}

/// A GET over a fresh connection: (status, body).
fn http_get(port: u16, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    // HTTP/1.0, so that the body comes whole rather than in HTTP/1.1 chunks (which the server
    // uses for large pages, and this client does not decode).
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let response = String::from_utf8_lossy(&bytes).into_owned();
    let status = response.split_whitespace().nth(1).unwrap_or("").to_string();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls `path` until its body passes `test`, for up to two minutes.
fn wait_for(port: u16, path: &str, what: &str, test: impl Fn(&str) -> bool) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut last = (String::new(), String::new());
    while std::time::Instant::now() < end {
        last = http_get(port, path);
        if test(&last.1) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    let tail: String = last
        .1
        .chars()
        .rev()
        .take(400)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    panic!(
        "timed out waiting for {what}: {path} answered {} ({} bytes) ending {tail:?}",
        last.0,
        last.1.len()
    );
}

/// `ecotown serve` over HTTP, no browser: the live-reload channel announces each build, an edit
/// shows up in the served page, a CSV error puts the overlay on every page and fixing it clears
/// it, traversal attempts get 404, and SIGTERM leaves nothing behind.
#[test]
fn serve_rebuilds_on_edits_shows_problems_and_refuses_traversal() {
    let site = common::copy_site(&common::repo_root());
    let (server, port, rx) = start_serve(site.path());
    let root = site.path().to_path_buf();
    let result = std::panic::catch_unwind(move || {
        use std::io::{BufRead, Write};
        let page = "/en/areas/rayong-map-ta-phut/";
        let (status, body) = http_get(port, page);
        assert_eq!(status, "200");
        assert!(
            body.contains("<script src=\"/__ecotown/live.js\" data-generation=\""),
            "no live-reload script"
        );
        assert_eq!(http_get(port, "/__ecotown/live.js").0, "200");
        // A folder without its slash is sent to it, so that the page's relative links work.
        assert_eq!(http_get(port, "/en/areas/rayong-map-ta-phut").0, "301");
        for attack in [
            "/../Cargo.toml",
            "/%2e%2e/site.toml",
            "/en/%2E%2E/%2e%2e/site.toml",
            "/..%2fsite.toml",
            "/..%5csite.toml",
            "/en/index.html%00",
            "/%2e%2e%2f%2e%2e%2fetc/passwd",
        ] {
            assert_eq!(http_get(port, attack).0, "404", "{attack}");
        }
        // The live-reload channel: the current build at once, then the next one.
        let mut events = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            events,
            "GET /__ecotown/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        events
            .set_read_timeout(Some(std::time::Duration::from_secs(120)))
            .unwrap();
        let mut events = std::io::BufReader::new(events);
        let mut generations = Vec::new();
        let mut next_generation = |generations: &mut Vec<String>| loop {
            let mut line = String::new();
            if events.read_line(&mut line).unwrap_or(0) == 0 {
                panic!("the live-reload channel closed");
            }
            if let Some(g) = line.trim_end().strip_prefix("data: ") {
                generations.push(g.to_string());
                return;
            }
        };
        next_generation(&mut generations);
        let narrative = root.join("content/areas/rayong-map-ta-phut.en.md");
        let mut text = std::fs::read_to_string(&narrative).unwrap();
        text.push_str("\n\nLIVE RELOAD MARKER\n");
        std::fs::write(&narrative, text).unwrap();
        next_generation(&mut generations);
        assert_ne!(generations[0], generations[1], "a build was announced");
        wait_for(port, page, "the edit", |b| b.contains("LIVE RELOAD MARKER"));
        // A CSV error: the last good site stays, with the problems over it.
        let levels = root.join("data/levels.csv");
        let good = std::fs::read_to_string(&levels).unwrap();
        let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
        let cut = lines[1].rfind(',').unwrap();
        lines[1] = format!("{},9", &lines[1][..cut]);
        std::fs::write(&levels, lines.join("\n") + "\n").unwrap();
        wait_for(port, page, "the overlay", |b| {
            b.contains("id=\"ecotown-problems\"")
                && b.contains("data/levels.csv:2:")
                && b.contains("LIVE RELOAD MARKER")
        });
        wait_for(port, "/th/", "the overlay on every page", |b| {
            b.contains("id=\"ecotown-problems\"")
        });
        std::fs::write(&levels, good).unwrap();
        wait_for(port, page, "the overlay to go", |b| {
            !b.contains("id=\"ecotown-problems\"")
        });
    });
    stop_serve(server, rx, result, site.path());
}

/// The same in Chromium: the page reloads itself (server-sent events) after an edit, shows the
/// overlay after a CSV error and loses it after the fix. Skips without Chromium and pa11y's
/// Puppeteer locally; fails without them under `CI=true`.
/// Chromium's path and Puppeteer's folder (pa11y's, from `ECOTOWN_PA11Y`), for the tests that
/// drive the browser from Node.js; `None` after a loud message locally, a failure under CI.
pub(crate) fn puppeteer() -> Option<(PathBuf, PathBuf)> {
    let browser = chromium()?;
    let pa11y = tool_from_env(
        "ECOTOWN_PA11Y",
        "pa11y (its Puppeteer drives the browser)",
        "npm install pa11y",
    )?;
    let node_modules = pa11y.parent().and_then(Path::parent)?.to_path_buf();
    Some((on_path(&browser)?, node_modules.join("puppeteer")))
}

#[test]
fn serve_reloads_pages_in_chromium() {
    let _turn = one_browser_at_a_time();
    let Some((chromium, puppeteer)) = puppeteer() else {
        return;
    };
    let site = common::copy_site(&common::repo_root());
    let (server, port, rx) = start_serve(site.path());
    let root = site.path().to_path_buf();
    let result = std::panic::catch_unwind(move || {
        let output = Command::new("node")
            .arg("-e")
            .arg(SERVE_SCRIPT)
            .env("PUPPETEER", &puppeteer)
            .env("CHROMIUM", &chromium)
            .env("URL", format!("http://127.0.0.1:{port}"))
            .env("SITE", &root)
            .output()
            .expect("run node");
        let out = String::from_utf8_lossy(&output.stdout);
        for step in ["loaded", "reloaded", "overlay", "cleared"] {
            assert!(
                out.contains(&format!("STEP {step}")),
                "the browser did not get to '{step}':\n{out}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    });
    stop_serve(server, rx, result, site.path());
}
