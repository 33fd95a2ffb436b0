//! Exploring and sharing, in a real browser (headless Chromium), as a journalist would: choose
//! three areas to compare, reload the shared address, switch language and find the same three;
//! sort a table by status in Thai and in English; open a chart's embed page and follow its link
//! back; feed script and handler probes to every parameter the pages read from the address; and
//! turn script off and find everything still there.
//!
//! Each probe page loads the site's pages into frames and reads their documents; a frame with
//! `sandbox="allow-same-origin"` runs no script, which is how "JavaScript disabled" is tested.

use crate::browser::{chromium, one_browser_at_a_time};

use std::path::Path;
use std::process::Command;

/// Runs `body` (the body of an async function given `load(url, noScript)`, which resolves to the
/// frame's document, and `say(line)`) in a probe page beside the site, and returns what it said.
fn probe(site: &Path, body: &str) -> Vec<String> {
    let browser = chromium().expect("checked by the caller");
    let root = format!("file://{}/", site.display());
    let page = format!(
        r#"<!doctype html><html><body><pre id="out"></pre><script>
const ROOT = {root:?}; const out = [];
function say(line) {{ out.push(String(line)); }}
function load(url, noScript) {{
  return new Promise((resolve) => {{
    const old = document.querySelector('iframe'); if (old) old.remove();
    const f = document.createElement('iframe');
    f.style.width = '390px'; f.style.height = '800px';
    if (noScript) f.setAttribute('sandbox', 'allow-same-origin');
    f.onload = () => setTimeout(() => resolve(f.contentDocument), 300);
    f.src = url.startsWith('file:') ? url : ROOT + url;
    document.body.appendChild(f);
  }});
}}
(async () => {{
  try {{ {body} }} catch (e) {{ say('ERROR ' + e); }}
  document.getElementById('out').textContent = 'RESULT\n' + out.join('\n') + '\nEND';
}})();
</script></body></html>"#
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("probe.html");
    std::fs::write(&file, page).unwrap();
    let profile = dir.path().join("probe-profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=600000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let result = dom
        .split("RESULT\n")
        .nth(1)
        .and_then(|r| r.split("\nEND").next())
        .unwrap_or_else(|| panic!("no result from the browser:\n{dom}"));
    // `--dump-dom` writes the text escaped.
    let lines: Vec<String> = result.lines().map(crate::markup::decode_entities).collect();
    assert!(
        !lines.iter().any(|l| l.starts_with("ERROR")),
        "the probe failed:\n{}",
        lines.join("\n")
    );
    lines
}

/// The sample, built once for the browser tests, and a folder of this test's own beside it.
fn sample() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    chromium()?;
    let out = tempfile::tempdir().unwrap();
    let site = crate::browser::built_sample().join("site");
    Some((out, site))
}

fn value<'a>(lines: &'a [String], key: &str) -> &'a str {
    let prefix = format!("{key} ");
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no '{key}' in:\n{}", lines.join("\n")))
}

#[test]
fn three_chosen_areas_survive_a_reload_and_the_language_switch() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    // Nakhon Ratchasima's latest value is provisional.
    let chosen = "rayong-map-ta-phut,chon-buri,nakhon-ratchasima";
    let lines = probe(
        &site,
        &format!(
            r#"
const page = 'th/indicators/energy-intensity/index.html?areas={chosen}';
const checked = (d) => [...d.querySelectorAll('#compare input[name=areas]:checked')].map(b => b.value).sort().join(',');
let d = await load(page);
say('th-visible ' + !d.getElementById('compare').hidden);
say('th ' + checked(d));
say('th-columns ' + d.querySelectorAll('.compare-table thead th').length);
say('th-rows ' + d.querySelectorAll('.compare-table tbody tr').length);
say('th-lines ' + d.querySelectorAll('.compare-chart svg path').length);
say('th-title ' + d.querySelector('.compare-chart svg title').textContent);
say('th-status ' + d.querySelector('.compare-status').textContent);
// Provisional values are marked in the comparison as everywhere else.
say('th-marked ' + d.querySelectorAll('.compare-table sup.marker').length + ' ' + d.querySelectorAll('.compare-chart circle.hollow').length);
say('th-address ' + d.defaultView.location.search);
d = await load(d.defaultView.location.href);
say('reloaded ' + checked(d));
const twin = d.querySelector('a.lang-switch').href;
say('twin ' + twin.split('/en/')[1]);
d = await load(twin);
say('en-lang ' + d.documentElement.lang);
say('en ' + checked(d));
say('en-title ' + d.querySelector('.compare-chart svg title').textContent);
// A box ticked by the reader goes into the address and the switch.
d.querySelector('#compare input[value="saraburi"]').click();
say('en-after ' + d.defaultView.location.search);
say('en-twin ' + d.querySelector('a.lang-switch').getAttribute('href'));
"#
        ),
    );
    let sorted = {
        let mut ids: Vec<&str> = chosen.split(',').collect();
        ids.sort();
        ids.join(",")
    };
    assert_eq!(value(&lines, "th-visible"), "true");
    assert_eq!(value(&lines, "th"), sorted);
    // Fiscal year, three areas, the mean and how many areas it is over.
    assert_eq!(value(&lines, "th-columns"), "6");
    assert!(value(&lines, "th-rows").parse::<u32>().unwrap() >= 2);
    // Three areas and the mean, each a line.
    assert!(value(&lines, "th-lines").parse::<u32>().unwrap() >= 4);
    let title = value(&lines, "th-title");
    for name in ["มาบตาพุด", "ชลบุรี", "นครราชสีมา"]
    {
        assert!(
            title.contains(name),
            "{name} not in the chart's title: {title}"
        );
        assert!(value(&lines, "th-status").contains(name));
    }
    assert!(value(&lines, "th-address").contains(chosen));
    let marked: Vec<u32> = (value(&lines, "th-marked").split(' '))
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(marked[0] > 0, "no provisional value marked in the table");
    assert_eq!(
        marked[0], marked[1],
        "the table and the chart mark different values"
    );
    assert_eq!(value(&lines, "reloaded"), sorted);
    assert_eq!(
        value(&lines, "twin"),
        format!("indicators/energy-intensity/index.html?areas={chosen}")
    );
    assert_eq!(value(&lines, "en-lang"), "en");
    assert_eq!(value(&lines, "en"), sorted);
    assert!(value(&lines, "en-title").contains("Chon Buri"));
    let after = value(&lines, "en-after");
    assert!(
        after.contains("saraburi") && after.contains("chon-buri"),
        "{after}"
    );
    assert!(value(&lines, "en-twin").contains("saraburi"));
}

#[test]
fn provinces_are_compared_through_their_areas() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let lines = probe(
        &site,
        r#"
const areas = (d) => [...d.querySelectorAll('#compare input[name=areas]:checked')].map(b => b.value).sort().join(',');
const box = (d, code) => d.querySelector('#compare input[name=provinces][value="' + code + '"]');
const state = (b) => b.disabled ? 'disabled' : b.indeterminate ? 'mixed' : b.checked ? 'on' : 'off';
// An address may name provinces, in any case; each stands for its areas.
let d = await load('en/indicators/energy-intensity/index.html?provinces=th-21,TH-20,TH-99');
say('chosen ' + areas(d));
say('rayong ' + state(box(d, 'TH-21')));
say('address ' + d.defaultView.location.search);
say('twin ' + d.querySelector('a.lang-switch').getAttribute('href'));
say('note ' + d.querySelector('#compare .url-note').textContent);
// A province's box ticks all its areas; one area cleared leaves the box mixed.
box(d, 'TH-90').click();
say('songkhla ' + areas(d));
say('pathum ' + state(box(d, 'TH-13')));
d.querySelector('#compare input[value="rayong-irpc"]').click();
say('rayong-after ' + state(box(d, 'TH-21')));
box(d, 'TH-90').click();
say('songkhla-off ' + areas(d));
// The Thai page groups the same areas under the province's Thai name.
d = await load('th/indicators/energy-intensity/index.html?provinces=TH-21');
say('th-group ' + box(d, 'TH-21').closest('[role=group]').getAttribute('aria-label'));
say('th-chosen ' + areas(d));
"#,
    );
    assert_eq!(
        value(&lines, "chosen"),
        "chon-buri,rayong-irpc,rayong-map-ta-phut"
    );
    assert_eq!(value(&lines, "rayong"), "on");
    let address = value(&lines, "address");
    assert!(
        address.contains("areas=rayong-irpc,rayong-map-ta-phut,chon-buri")
            && !address.contains("provinces"),
        "the address should name the areas the provinces stood for: {address}"
    );
    assert!(value(&lines, "twin").ends_with("?areas=rayong-irpc,rayong-map-ta-phut,chon-buri"));
    assert!(value(&lines, "note").contains("TH-99"));
    assert_eq!(
        value(&lines, "songkhla"),
        "chon-buri,rayong-irpc,rayong-map-ta-phut,songkhla-chalung,songkhla-sadao"
    );
    // Five chosen: Pathum Thani's two areas would make seven.
    assert_eq!(value(&lines, "pathum"), "disabled");
    assert_eq!(value(&lines, "rayong-after"), "mixed");
    assert_eq!(
        value(&lines, "songkhla-off"),
        "chon-buri,rayong-map-ta-phut"
    );
    assert_eq!(value(&lines, "th-group"), "ระยอง");
    assert_eq!(value(&lines, "th-chosen"), "rayong-irpc,rayong-map-ta-phut");
}

#[test]
fn tables_sort_by_status_in_thai_and_english() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let lines = probe(
        &site,
        r#"
for (const lang of ['th', 'en']) {
  let d = await load(lang + '/progress/index.html');
  const head = d.getElementById('mx-status');
  const ranks = () => [...d.querySelectorAll('table.matrix tbody tr')].map(r => {
    const s = r.cells[0].nextElementSibling.querySelector('[data-rank]');
    return s ? s.dataset.rank : '-';
  }).join(' ');
  head.querySelector('button').click();
  say(lang + '-asc ' + ranks());
  say(lang + '-aria ' + head.getAttribute('aria-sort'));
  say(lang + '-said ' + d.querySelector('table.matrix').closest('.table-scroll').nextElementSibling.textContent);
  head.querySelector('button').click();
  say(lang + '-desc ' + ranks());
  say(lang + '-aria2 ' + head.getAttribute('aria-sort'));
  say(lang + '-address ' + d.defaultView.location.search);
  // The sort in the address is applied on opening the page.
  d = await load(d.defaultView.location.href);
  say(lang + '-opened ' + ranks());
  // The sort goes with the language switch: the same column, the same order.
  const twin = d.querySelector('a.lang-switch');
  say(lang + '-twin ' + twin.getAttribute('href'));
  d = await load(twin.href);
  say(lang + '-switched ' + ranks() + ' ' + d.getElementById('mx-status').getAttribute('aria-sort'));
  // Sorting the provinces by name gives the page's own order: Thai collation on Thai pages.
  d = await load(lang + '/provinces/index.html');
  const names = () => [...d.querySelectorAll('tbody th[scope=row]')].map(c => c.textContent.trim()).join('|');
  const served = names();
  d.querySelector('thead th button').click();
  say(lang + '-names ' + (names() === served));
  // A lead that says the served order stops saying it once the table is sorted.
  d = await load(lang + '/areas/index.html');
  const lead = d.getElementById('table-lead');
  say(lang + '-lead-before ' + lead.textContent);
  d.querySelector('table.area-table thead th:nth-child(3) button').click();
  say(lang + '-lead-after ' + lead.textContent);
  d = await load(lang + '/progress/index.html?sort=0.0.desc');
  say(lang + '-caption ' + d.querySelector('table[data-sortable] caption').textContent);
}
"#,
    );
    for lang in ["th", "en"] {
        let ranks = |key: &str| -> Vec<u32> {
            value(&lines, &format!("{lang}-{key}"))
                .split(' ')
                .filter(|r| *r != "-")
                .map(|r| r.parse().unwrap())
                .collect()
        };
        let asc = ranks("asc");
        assert!(asc.len() > 10, "{lang}: {asc:?}");
        assert!(
            asc.windows(2).all(|w| w[0] <= w[1]),
            "{lang} ascending: {asc:?}"
        );
        assert!(
            asc.first() < asc.last(),
            "{lang}: every status alike, nothing tested"
        );
        let desc = ranks("desc");
        assert!(
            desc.windows(2).all(|w| w[0] >= w[1]),
            "{lang} descending: {desc:?}"
        );
        assert_eq!(value(&lines, &format!("{lang}-aria")), "ascending");
        assert_eq!(value(&lines, &format!("{lang}-aria2")), "descending");
        let said = value(&lines, &format!("{lang}-said"));
        let expected = if lang == "th" {
            "เรียงตาม"
        } else {
            "Sorted by"
        };
        assert!(
            said.contains(expected),
            "{lang}: the live region said '{said}'"
        );
        assert!(value(&lines, &format!("{lang}-address")).contains("sort="));
        assert_eq!(
            ranks("opened"),
            desc,
            "{lang}: the address's sort was not applied"
        );
        assert_eq!(value(&lines, &format!("{lang}-names")), "true");
        assert!(value(&lines, &format!("{lang}-twin")).contains("?sort="));
        let (by_province, unordered, caption) = if lang == "th" {
            ("เรียงตามจังหวัด", "18 พื้นที่เป้าหมายระยะที่ 1", "ความก้าวหน้ารายจังหวัด")
        } else {
            (
                ", by province",
                "The 18 phase 1 target areas",
                "Progress by province",
            )
        };
        assert!(value(&lines, &format!("{lang}-lead-before")).contains(by_province));
        let after = value(&lines, &format!("{lang}-lead-after"));
        assert!(
            after.starts_with(unordered) && !after.contains(by_province),
            "{lang}: the lead still says the served order: {after}"
        );
        assert_eq!(value(&lines, &format!("{lang}-caption")), caption);
        let switched = value(&lines, &format!("{lang}-switched"));
        let (switched_ranks, aria) = switched.rsplit_once(' ').unwrap();
        assert_eq!(
            aria, "descending",
            "{lang}: the other language lost the sort"
        );
        assert_eq!(
            switched_ranks
                .split(' ')
                .filter(|r| *r != "-")
                .map(|r| r.parse().unwrap())
                .collect::<Vec<u32>>(),
            desc,
            "{lang}: the other language sorted otherwise"
        );
    }
}

#[test]
fn an_embed_page_has_its_language_a_link_back_and_the_licence() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let lines = probe(
        &site,
        r#"
for (const lang of ['th', 'en']) {
  let d = await load(lang + '/embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html');
  say(lang + '-lang ' + d.documentElement.lang);
  say(lang + '-svg ' + d.querySelectorAll('main svg[role=img]').length);
  say(lang + '-licence ' + d.querySelector('a[rel=license]').href);
  say(lang + '-code ' + d.getElementById('embed-code').value.startsWith('<iframe src="https://'));
  // The chart's "share or embed" link (…#share) opens the panel.
  d = await load(lang + '/embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html#share');
  say(lang + '-opened ' + d.getElementById('share').open);
  // The code and each citation have a copy button; a refused clipboard selects the text instead.
  const copies = d.querySelectorAll('.copy-button');
  say(lang + '-copies ' + copies.length + ' ' + d.querySelectorAll('.citation').length);
  copies[0].click();
  await new Promise((r) => setTimeout(r, 1500));
  const copied = d.querySelector('.copy-said').textContent;
  const selected = d.activeElement === d.getElementById('embed-code') ? d.getElementById('embed-code').value.slice(0, 7) : '';
  say(lang + '-copied ' + (copied ? copied : 'nothing said') + ' | ' + selected);
  // A citation is copied (or selected) with today's date for its access date.
  copies[1].click();
  await new Promise((r) => setTimeout(r, 1500));
  const cite = d.querySelectorAll('.citation')[0];
  say(lang + '-cited ' + cite.parentNode.querySelectorAll('.copy-said')[1].textContent + ' | ' + cite.textContent.includes(cite.dataset.access) + ' | ' + cite.textContent.includes(String(new Date().getFullYear() + (lang === 'th' ? 543 : 0))));
  const back = d.querySelector('.embed-back a');
  say(lang + '-back-target ' + back.target);
  const id = back.href.split('#')[1];
  say(lang + '-back-id ' + id);
  d = await load(back.href);
  say(lang + '-back-page ' + d.documentElement.lang + ' ' + !!d.getElementById(id));
  say(lang + '-share ' + d.getElementById(id).querySelector('a[href*="/embed/"]').getAttribute('href'));
}
"#,
    );
    for lang in ["th", "en"] {
        let v = |k: &str| value(&lines, &format!("{lang}-{k}")).to_string();
        assert_eq!(v("lang"), lang);
        assert_eq!(v("svg"), "1");
        assert_eq!(v("licence"), "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(v("code"), "true");
        // The code and the two citations (Thai and English).
        assert_eq!(v("copies"), "3 2");
        assert_eq!(v("opened"), "true");
        let copied = v("copied");
        let (said, selected) = copied.split_once(" | ").unwrap();
        let (done, chosen) = if lang == "th" {
            ("คัดลอกแล้ว", "เลือกข้อความแล้ว")
        } else {
            ("Copied.", "Selected:")
        };
        assert!(
            said == done || (said.starts_with(chosen) && selected == "<iframe"),
            "{lang}: the copy button said '{said}' with '{selected}' selected"
        );
        let cited = v("cited");
        let parts: Vec<&str> = cited.split(" | ").collect();
        assert!(
            parts[0] == done
                || (parts[0].starts_with(chosen) && parts[1] == "false" && parts[2] == "true"),
            "{lang}: the citation was not copied or selected with today's date: {cited}"
        );
        assert_eq!(v("back-target"), "_top");
        assert!(v("back-id").starts_with("ts-rayong-map-ta-phut-energy-intensity"));
        assert_eq!(v("back-page"), format!("{lang} true"));
        assert!(v("share").ends_with(
            "/embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html#share"
        ));
    }
}

/// Script and handler probes in every parameter a page reads: nothing from the address becomes
/// markup, and what is not a known value is dropped with a note that shows it as text.
#[test]
fn nothing_from_the_address_becomes_markup() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let probes = [
        "<script>parent.PWNED=1</script>",
        "\"><img src=x onerror=parent.PWNED=1>",
        "javascript:parent.PWNED=1",
        "<svg onload=parent.PWNED=1>",
    ];
    let encoded: Vec<String> = probes
        .iter()
        .map(|p| {
            p.bytes()
                .map(|b| match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect()
        })
        .collect();
    let mut addresses = Vec::new();
    for p in &encoded {
        addresses.push(format!(
            "th/indicators/energy-intensity/index.html?areas=chon-buri,{p},khon-kaen"
        ));
        addresses.push(format!("en/progress/index.html?sort={p}"));
        addresses.push(format!(
            "th/areas/index.html?filter=0.province.{p},{p}&sort=0.0.asc"
        ));
        addresses.push(format!(
            "en/indicators/energy-intensity/index.html?sort=1.1.{p}&areas={p}&provinces={p}&filter={p}"
        ));
        addresses.push(format!(
            "th/embed/indicators/energy-intensity/index.html?areas={p}&sort={p}"
        ));
    }
    let list: Vec<String> = addresses.iter().map(|a| format!("{a:?}")).collect();
    let lines = probe(
        &site,
        &format!(
            r#"
window.PWNED = 0;
for (const a of [{}]) {{
  const d = await load(a);
  const bad = d.querySelectorAll('img[src="x"], [onerror], [onload], main script:not([src]):not([type="application/json"])').length;
  const note = d.querySelector('.url-note:not([hidden])');
  say('page ' + a.split('?')[0] + ' ' + bad + ' ' + (note ? note.textContent.length > 0 : 'none'));
}}
say('pwned ' + window.PWNED);
"#,
            list.join(",")
        ),
    );
    assert_eq!(value(&lines, "pwned"), "0", "{}", lines.join("\n"));
    let pages: Vec<&String> = lines.iter().filter(|l| l.starts_with("page ")).collect();
    assert_eq!(pages.len(), addresses.len(), "{}", lines.join("\n"));
    for line in pages {
        let parts: Vec<&str> = line.split(' ').collect();
        assert_eq!(parts[2], "0", "markup from the address: {line}");
        // The embed page reads nothing from its address: no note there; elsewhere a note.
        if line.contains("/embed/") {
            assert_eq!(parts[3], "none", "{line}");
        } else {
            assert_eq!(parts[3], "true", "no note for a dropped value: {line}");
        }
    }
}

#[test]
fn everything_is_there_with_javascript_off() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let lines = probe(
        &site,
        r#"
let d = await load('th/indicators/energy-intensity/index.html?areas=chon-buri,khon-kaen', true);
say('compare-hidden ' + d.getElementById('compare').hidden);
say('charts ' + d.querySelectorAll('main svg[role=img]').length);
say('area-links ' + d.querySelectorAll('.values-table tbody th a').length);
say('sort-buttons ' + d.querySelectorAll('.sort-button').length);
say('share-links ' + d.querySelectorAll('a[href*="/embed/"]').length);
d = await load('en/progress/index.html', true);
say('matrix-rows ' + d.querySelectorAll('table.matrix tbody tr').length);
d = await load('en/embed/indicators/energy-intensity/index.html', true);
say('embed-chart ' + d.querySelectorAll('main svg[role=img]').length);
say('embed-share ' + !!d.getElementById('embed-code'));
"#,
    );
    assert_eq!(value(&lines, "compare-hidden"), "true");
    assert!(value(&lines, "charts").parse::<u32>().unwrap() >= 10);
    assert_eq!(value(&lines, "area-links"), "18");
    assert_eq!(
        value(&lines, "sort-buttons"),
        "0",
        "script ran in the frame: the test tests nothing"
    );
    assert!(value(&lines, "share-links").parse::<u32>().unwrap() >= 10);
    assert_eq!(value(&lines, "matrix-rows"), "18");
    assert_eq!(value(&lines, "embed-chart"), "1");
    assert_eq!(value(&lines, "embed-share"), "true");
}

/// The Nu Html Checker on the pages as the scripts leave them (the comparison drawn, a table
/// sorted and filterable), not only as served: `--dump-dom` gives the document after its scripts.
#[test]
fn the_pages_the_scripts_change_pass_the_nu_html_checker() {
    let _turn = one_browser_at_a_time();
    let Some(vnu) = crate::browser::tool_from_env(
        "ECOTOWN_VNU",
        "vnu.jar",
        "npm install vnu-jar: node_modules/vnu-jar/build/dist/vnu.jar",
    ) else {
        return;
    };
    let Some((out, site)) = sample() else { return };
    let browser = chromium().unwrap();
    let mut dumped = Vec::new();
    for (i, page) in [
        "th/indicators/energy-intensity/index.html?areas=chon-buri,khon-kaen&provinces=TH-21",
        "en/indicators/energy-intensity/index.html?areas=chon-buri,khon-kaen,nope",
        "th/progress/index.html?sort=1.1.desc",
        "en/areas/index.html?sort=0.0.asc",
        "th/embed/areas/rayong-map-ta-phut/indicators/energy-intensity/index.html#share",
    ]
    .iter()
    .enumerate()
    {
        let output = Command::new(&browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--allow-file-access-from-files",
                "--virtual-time-budget=10000",
                "--dump-dom",
            ])
            .arg(format!(
                "--user-data-dir={}",
                out.path().join("dump-profile").display()
            ))
            .arg(format!("file://{}/{page}", site.display()))
            .output()
            .expect("run chromium");
        let dom = String::from_utf8_lossy(&output.stdout).to_string();
        assert!(
            dom.contains("sort-button") || dom.contains("copy-button"),
            "{page}: the scripts did not run"
        );
        let file = out.path().join(format!("dumped-{i}.html"));
        std::fs::write(&file, &dom).unwrap();
        dumped.push(file);
    }
    let output = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "gnu"])
        .args(&dumped)
        .output()
        .expect("run the Nu Html Checker");
    let messages = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && messages.trim().is_empty(),
        "the Nu Html Checker on the pages after their scripts:\n{messages}"
    );
}

/// The README states what the scripts add to a page (issue #20): the figures must be the
/// scripts' own, raw and gzipped, to a tenth of a kilobyte.
#[test]
fn the_readme_states_the_scripts_weight() {
    use std::io::Write;
    let root = crate::common::repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for (script, words) in [("site.js", "is "), ("compare.js", "")] {
        let bytes = std::fs::read(root.join("templates/static").join(script)).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).unwrap();
        let zipped = gz.finish().unwrap().len();
        let kb = |n: usize| n as f64 / 1024.0;
        let stated = format!("`static/{script}` {words}");
        let at = readme
            .find(&stated)
            .unwrap_or_else(|| panic!("the README does not state {script}'s weight"));
        let numbers: Vec<f64> = readme[at + stated.len()..]
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|w| !w.is_empty() && w != &".")
            .take(2)
            .map(|w| w.parse().unwrap())
            .collect();
        assert!(
            (numbers[0] - kb(bytes.len())).abs() <= 0.06,
            "README says {script} is {} KB; it is {:.1} KB",
            numbers[0],
            kb(bytes.len())
        );
        assert!(
            (numbers[1] - kb(zipped)).abs() <= 0.15,
            "README says {script} is {} KB gzipped; it is {:.1} KB",
            numbers[1],
            kb(zipped)
        );
    }
}

/// A filter is kept in the address by its code, so a shared link and the language switch show
/// the same rows; a filter the table does not have is dropped with a note.
#[test]
fn filters_live_in_the_address_and_cross_the_language_switch() {
    let _turn = one_browser_at_a_time();
    let Some((_out, site)) = sample() else { return };
    let lines = probe(
        &site,
        r#"
const shown = (d) => [...d.querySelectorAll('table.area-table tbody tr')].filter(r => !r.hidden).map(r => r.querySelector('th a').getAttribute('href').split('/areas/')[1].split('/')[0]).sort().join(',');
let d = await load('en/areas/index.html');
const select = d.getElementById('filter-0-0');
select.value = 'th-21';
select.dispatchEvent(new Event('change'));
say('en-shown ' + shown(d));
say('en-address ' + d.defaultView.location.search);
const twin = d.querySelector('a.lang-switch');
say('en-twin ' + twin.getAttribute('href'));
d = await load(twin.href);
say('th-shown ' + shown(d));
const th = d.getElementById('filter-0-0');
say('th-select ' + th.value + ' ' + th.options[th.selectedIndex].textContent);
d = await load('th/areas/index.html?filter=0.province.th-99,0.nope.x,0.province.th-90');
say('th-checked ' + shown(d) + ' | ' + d.querySelector('main .url-note').textContent);
"#,
    );
    let rayong = "rayong-irpc,rayong-map-ta-phut";
    assert_eq!(value(&lines, "en-shown"), rayong);
    assert!(value(&lines, "en-address").contains("filter=0.province.th-21"));
    assert!(value(&lines, "en-twin").ends_with("?filter=0.province.th-21"));
    assert_eq!(value(&lines, "th-shown"), rayong);
    assert_eq!(value(&lines, "th-select"), "th-21 ระยอง");
    let checked = value(&lines, "th-checked");
    let (rows, note) = checked.split_once(" | ").unwrap();
    assert_eq!(rows, "songkhla-chalung,songkhla-sadao");
    assert!(
        note.contains("0.province.th-99") && note.contains("0.nope.x"),
        "{note}"
    );
}
