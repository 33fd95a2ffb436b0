//! Site search in a real browser: queries typed into the search box of the built sample find the
//! pages a reader expects, with `Intl.Segmenter` and without it (the vocabulary fallback); and
//! nothing from `?q=` ever runs or freezes the tab. The index itself (words, weights) is tested in
//! `src/render/search.rs`; the ranking against Pagefind is a benchmark (`tools/bench/search`).
//!
//! Needs Chromium and pa11y's Puppeteer (`ECOTOWN_PA11Y`), like the other browser tests: skips
//! loudly locally without them, fails under `CI=true`.

use std::process::Command;

use crate::browser::{built_sample, one_browser_at_a_time, puppeteer};

/// (language, what a reader types, a part of the page they expect among the first five).
const CASES: &[(&str, &str, &str)] = &[
    // Thai place names, whole, with a space typed inside, and misspelt.
    ("th", "มาบตาพุด", "areas/rayong-map-ta-phut/"),
    ("th", "มาบ ตาพุด", "areas/rayong-map-ta-phut/"),
    ("th", "มาบตะพุด", "areas/rayong-map-ta-phut/"),
    ("th", "ฉลุง", "areas/songkhla-chalung/"),
    // Thai topics, and a compound's first word.
    ("th", "ก๊าซเรือนกระจก", "indicators/ghg-emissions/"),
    ("th", "น้ำเสีย", "indicators/central-wastewater-coverage/"),
    // The other script on each site.
    ("th", "Rayong", "provinces/th-21/"),
    ("en", "ระยอง", "provinces/th-21/"),
    // English terms and a typo.
    (
        "en",
        "wastewater",
        "indicators/central-wastewater-coverage/",
    ),
    ("en", "greenhouse gas", "indicators/ghg-emissions/"),
    ("en", "Songkhal", "provinces/th-90/"),
    ("en", "symbiosis links", "indicators/symbiosis-links/"),
    // Fiscal years in the other era, and in two digits after ปี.
    ("en", "2564", "updates/"),
    ("th", "ปีงบ 63", "updates/"),
];

/// Without script the search page is still the way to everything: it links every province, area
/// and indicator, A–Z in the page language's collation (Thai order on the Thai page).
#[test]
fn without_script_the_search_page_lists_everything_a_to_z() {
    let site = built_sample().join("site");
    let data = ecotown::build::load(&crate::common::repo_root(), &mut Default::default())
        .expect("the sample loads")
        .data;
    for lang in ["th", "en"] {
        let html = std::fs::read_to_string(site.join(lang).join("search/index.html")).unwrap();
        let az = &html[html.find("search-az").unwrap()..];
        let links = |kind: &str, ids: Vec<String>| {
            for id in ids {
                let href = format!("href=\"../../{lang}/{kind}/{id}/index.html\"");
                assert!(az.contains(&href), "{lang}: no link {href}");
            }
        };
        links(
            "provinces",
            data.provinces
                .iter()
                .map(|p| p.code.to_lowercase())
                .collect(),
        );
        links("areas", data.areas.iter().map(|a| a.id.clone()).collect());
        links(
            "indicators",
            data.indicators.iter().map(|i| i.id.clone()).collect(),
        );
        // A real form, its query in the URL.
        assert!(html.contains("method=\"get\""));
        assert!(html.contains("type=\"search\" ") || html.contains("type=\"search\">"));
        assert!(html.contains("name=\"q\""));
        assert!(html.contains("aria-live=\"polite\""));
    }
    // Thai collation: ขอนแก่น before ฉะเชิงเทรา before ชลบุรี.
    let th = std::fs::read_to_string(site.join("th/search/index.html")).unwrap();
    let at = |name: &str| th.find(&format!(">{name}</a>")).unwrap();
    assert!(at("ขอนแก่น") < at("ฉะเชิงเทรา") && at("ฉะเชิงเทรา") < at("ชลบุรี"));
}

const SCRIPT: &str = r#"
const puppeteer = require(process.env.PUPPETEER);
const cases = JSON.parse(process.env.CASES);
const site = process.env.SITE;
(async () => {
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const mode of ['segmenter', 'fallback']) {
      const page = await browser.newPage();
      if (mode === 'fallback') await page.evaluateOnNewDocument(() => { delete Intl.Segmenter; });
      for (const [lang, query, expected] of cases) {
        await page.goto('file://' + site + '/' + lang + '/search/index.html', { waitUntil: 'load' });
        await page.type('#search-q', query);
        await page.waitForFunction((q) => document.getElementById('search-status').textContent.includes(q),
          { timeout: 10000 }, query);
        const hrefs = await page.$$eval('#search-results li > a', (as) => as.map((a) => a.getAttribute('href')));
        const rank = hrefs.slice(0, 5).findIndex((h) => h.includes(expected));
        const segmenter = await page.evaluate(() => typeof Intl.Segmenter);
        console.log(`CASE ${mode} (${segmenter}) ${lang} "${query}" -> ${rank < 0 ? 'MISSING' : 'rank ' + (rank + 1)} ${rank < 0 ? hrefs.slice(0, 5).join(' ') : ''}`);
      }
      await page.close();
    }
    // Probes: nothing in ?q= becomes markup or runs; odd queries get a calm answer.
    const probes = [
      '"><img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      "'><svg onload=window.__xss=1>",
      'javascript:window.__xss=1',
      'x'.repeat(10000),
      '\u0001\u0002\u001f ระยอง \u007f',
      '      ',
    ];
    // Percent-encoded bytes that are not UTF-8 (what a lone surrogate becomes in a URL).
    const raw = { '%ED%A0%80%20lone%20%ED%BF%BF': 'lone surrogates' };
    const page = await browser.newPage();
    page.on('dialog', async (d) => { console.log('DIALOG ' + d.message()); await d.dismiss(); });
    const queries = probes.map((p) => [encodeURIComponent(p), p]).concat(Object.entries(raw));
    for (const [query, probe] of queries) {
      await page.goto('file://' + site + '/en/search/index.html?q=' + query, { waitUntil: 'load' });
      const state = await page.evaluate(() => ({
        xss: window.__xss === 1,
        markup: document.querySelectorAll('#search-results img, #search-results script, #search-results svg, #search-status *').length,
        status: document.getElementById('search-status').textContent,
      }));
      console.log(`PROBE ${JSON.stringify(probe.slice(0, 40))} xss=${state.xss} markup=${state.markup} status=${JSON.stringify(state.status.slice(0, 80))}`);
    }
  } finally {
    await browser.close();
  }
})().catch((e) => { console.log('ERROR ' + e.stack); process.exit(1); });
"#;

#[test]
fn typed_queries_find_their_pages_and_nothing_in_the_url_runs() {
    let _turn = one_browser_at_a_time();
    let Some((chromium, puppeteer)) = puppeteer() else {
        return;
    };
    let site = built_sample().join("site");
    let cases: Vec<[&str; 3]> = CASES.iter().map(|(l, q, e)| [*l, *q, *e]).collect();
    let output = Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .env("PUPPETEER", &puppeteer)
        .env("CHROMIUM", &chromium)
        .env("SITE", &site)
        .env("CASES", serde_json::to_string(&cases).unwrap())
        .output()
        .expect("run node");
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{out}\n{err}");
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("CASE ")).collect();
    assert_eq!(lines.len(), 2 * CASES.len(), "{out}\n{err}");
    // Both ways of segmenting were really used.
    assert!(out.contains("CASE segmenter (function)"), "{out}");
    assert!(out.contains("CASE fallback (undefined)"), "{out}");
    let missing: Vec<&&str> = lines.iter().filter(|l| l.contains("MISSING")).collect();
    assert!(
        missing.is_empty(),
        "not in the first five:\n{}",
        missing
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let probes: Vec<&str> = out.lines().filter(|l| l.starts_with("PROBE ")).collect();
    assert_eq!(probes.len(), 8, "{out}\n{err}");
    for probe in &probes {
        assert!(probe.contains("xss=false markup=0"), "{probe}");
        // A calm answer to every probe (a frozen tab would have failed the evaluation above).
        assert!(!probe.ends_with("status=\"\""), "no answer: {probe}");
    }
    assert!(!out.contains("DIALOG"), "{out}");
}
