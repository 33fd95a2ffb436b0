//! The check of the rendered site (`check::sitecheck`): one test per rule on pages written by
//! hand, a fixture site with a planted broken link and anchor, and the sample site, which must
//! pass without a single problem.
//!
//! Long because every rule of the site check has a page written by hand beside the problem it must
//! report.

use crate::common;

use std::path::Path;
use std::time::Instant;

use ecotown::check::sitecheck::{self, CheckOptions};
use ecotown::diagnostics::{Diagnostic, Diagnostics};
use ecotown::output::SiteFiles;

/// A page whose body starts on line 5.
fn page(lang: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head><title>t</title></head>\n<body>\n{body}\n</body>\n</html>\n"
    )
}

fn site(files: &[(&str, &str)]) -> SiteFiles {
    files
        .iter()
        .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
        .collect()
}

/// `th/index.html` with `body`, and a plain English twin.
fn thai_home(body: &str) -> SiteFiles {
    site(&[
        ("th/index.html", &page("th", body)),
        ("en/index.html", &page("en", "<p>Home</p>")),
    ])
}

fn check_with(files: &SiteFiles, options: &CheckOptions) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    sitecheck::check_site_with(files, options, &mut diags);
    diags.iter().cloned().collect()
}

fn check(files: &SiteFiles) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    sitecheck::check_site(files, &mut diags);
    diags.iter().cloned().collect()
}

/// The only problem found, checked for its code.
fn only(found: &[Diagnostic], code: &str) -> Diagnostic {
    let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem:\n{}",
        shown.join("\n")
    );
    assert_eq!(found[0].code, code, "{}", found[0]);
    assert!(found[0].is_error());
    found[0].clone()
}

/// (file, line, column, value) of a diagnostic.
fn place(d: &Diagnostic) -> (&str, Option<u64>, Option<u64>, Option<&str>) {
    (d.file.as_str(), d.line, d.column, d.value.as_deref())
}

#[test]
fn a_clean_site_has_no_problems() {
    let files = site(&[
        (
            "th/index.html",
            &page(
                "th",
                "<a href=\"#main\">ข้าม</a>\n<main id=\"main\"><a href=\"../en/index.html#main\">English</a> <a href=\"a/\">a</a> <a href=\"https://example.org/x\">x</a> <a href=\"mailto:a@b.example\">m</a></main>",
            ),
        ),
        (
            "th/a/index.html",
            &page("th", "<a href=\"../index.html\">^</a>"),
        ),
        ("en/index.html", &page("en", "<main id=\"main\"></main>")),
        ("en/a/index.html", &page("en", "<a href=\"..\">^</a>")),
    ]);
    assert_eq!(check(&files), []);
}

#[test]
fn broken_link() {
    let files = thai_home("<p><a href=\"areas/x/\">x</a></p>");
    let d = only(&check(&files), "broken-link");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(5), Some(7), Some("areas/x/"))
    );
    assert_eq!(
        d.message,
        "href 'areas/x/' points to th/areas/x/index.html, which is not in the site"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "fix the address in the template or narrative, or publish the missing file; links are relative to the page's folder (th/)"
        )
    );
}

#[test]
fn a_link_to_a_folder_needs_its_slash() {
    let mut files = thai_home("<p><a href=\"about#x\">about</a></p>");
    files.insert(
        "th/about/index.html".into(),
        page("th", "<h2 id=\"x\">x</h2>").into_bytes(),
    );
    files.insert("en/about/index.html".into(), page("en", "").into_bytes());
    let d = only(&check(&files), "broken-link");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(5), Some(7), Some("about#x"))
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "th/about is a folder: link to 'about/' (or its index.html) so the link also works when the site is opened from disk"
        )
    );
}

#[test]
fn a_link_above_the_root_is_broken() {
    let files = thai_home("<a href=\"../../x.html\">x</a>");
    let d = only(&check(&files), "broken-link");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(5), Some(4), Some("../../x.html"))
    );
    assert_eq!(
        d.message,
        "href '../../x.html' goes above the site's root folder"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("remove a '../': links are relative to the page's folder (th/)")
    );
}

#[test]
fn links_from_the_root_start_with_the_base_path() {
    let not_found = page(
        "th",
        "<link rel=\"stylesheet\" href=\"/repo/static/style.css\">\n<a href=\"/repo/th/\">th</a> <a href=\"/th/\">th</a>",
    );
    let files = site(&[
        ("404.html", &not_found),
        ("static/style.css", "p {}"),
        ("th/index.html", &page("th", "")),
        ("en/index.html", &page("en", "")),
    ]);
    let options = CheckOptions {
        base_url: "https://h.example/repo/".into(),
        ..CheckOptions::default()
    };
    let d = only(&check_with(&files, &options), "broken-link");
    assert_eq!(
        place(&d),
        ("site/404.html", Some(6), Some(31), Some("/th/"))
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("links from the root must start with /repo/, the path of base_url in site.toml")
    );
    // Without a base URL, `/x` is `x` at the site root: `/repo/…` is then missing.
    let found = check(&files);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|d| d.code == "broken-link"));
    assert_eq!(found[0].value.as_deref(), Some("/repo/static/style.css"));
}

#[test]
fn canonical_and_alternate_links_are_checked_against_the_base_url() {
    let head = "<link rel=\"canonical\" href=\"https://h.example/th/\">\n<link rel=\"alternate\" hreflang=\"en\" href=\"https://h.example/en/gone/\">";
    let files = thai_home(head);
    let options = CheckOptions {
        base_url: "https://h.example/".into(),
        folder: "out".into(),
    };
    let d = only(&check_with(&files, &options), "broken-link");
    assert_eq!(
        place(&d),
        (
            "out/th/index.html",
            Some(6),
            Some(37),
            Some("https://h.example/en/gone/")
        )
    );
    assert_eq!(check(&files), [], "without a base URL they are other sites");
}

#[test]
fn broken_anchor_on_the_same_page() {
    let files = thai_home(
        "<h2 id=\"sources\">s</h2>\n<p><a href=\"#source\">s</a> <a href=\"#top\">^</a> <a href=\"#\">^</a></p>",
    );
    let d = only(&check(&files), "broken-anchor");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(6), Some(7), Some("#source"))
    );
    assert_eq!(
        d.message,
        "href '#source': this page has no element with id 'source'"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "add id=\"source\" to the element the link is meant for, or correct the fragment; did you mean '#sources'?"
        )
    );
}

#[test]
fn broken_anchor_on_another_page() {
    let files = site(&[
        (
            "th/index.html",
            &page(
                "th",
                "<a href=\"../en/index.html#main\">en</a>\n<a href=\"../en/index.html#nothing-like-it\">en</a>",
            ),
        ),
        (
            "en/index.html",
            &page("en", "<main id=\"main\"><a name=\"old\"></a></main>"),
        ),
    ]);
    let d = only(&check(&files), "broken-anchor");
    assert_eq!(
        place(&d),
        (
            "site/th/index.html",
            Some(6),
            Some(4),
            Some("../en/index.html#nothing-like-it")
        )
    );
    assert_eq!(
        d.message,
        "href '../en/index.html#nothing-like-it': en/index.html has no element with id 'nothing-like-it'"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "add id=\"nothing-like-it\" to the element the link is meant for, or correct the fragment"
        )
    );
    let named = site(&[
        (
            "th/index.html",
            &page("th", "<a href=\"../en/#old\">en</a>"),
        ),
        ("en/index.html", &page("en", "<a name=\"old\"></a>")),
    ]);
    assert_eq!(check(&named), [], "<a name> is an anchor");
}

#[test]
fn addresses_are_decoded_before_they_are_resolved() {
    let mut files = thai_home(
        "<a href=\"a%20b.html?x=1&amp;y=2#%E0%B8%81\">a</a> <img alt=\"\" role=\"presentation\" src=\"ก.png\">",
    );
    files.insert(
        "th/a b.html".into(),
        page("th", "<p id=\"ก\">ก</p>").into_bytes(),
    );
    files.insert("en/a b.html".into(), page("en", "").into_bytes());
    files.insert("th/ก.png".into(), vec![0x89, b'P', b'N', b'G']);
    assert_eq!(check(&files), []);
}

#[test]
fn broken_reference() {
    let files = thai_home(
        "<section aria-labelledby=\"h1 h2\">\n<h2 id=\"h1\">t</h2>\n<label for=\"q\">q</label><input id=\"q\">\n<label for=\"nothing\">x</label>\n</section>",
    );
    let found = check(&files);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|d| d.code == "broken-reference"));
    assert_eq!(
        place(&found[0]),
        ("site/th/index.html", Some(5), Some(10), Some("h2"))
    );
    assert_eq!(
        found[0].message,
        "aria-labelledby names id 'h2', but no element on this page has it"
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some("give the element it means id=\"h2\", or correct the reference")
    );
    assert_eq!(
        place(&found[1]),
        ("site/th/index.html", Some(8), Some(8), Some("nothing"))
    );
}

#[test]
fn missing_twin() {
    let files = site(&[
        ("th/index.html", &page("th", "")),
        ("en/index.html", &page("en", "")),
        ("th/only/index.html", &page("th", "")),
        ("en/solo/index.html", &page("en", "")),
        ("index.html", &page("th", "")),
        ("404.html", &page("th", "")),
    ]);
    let found = check(&files);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|d| d.code == "missing-twin"));
    assert_eq!(
        place(&found[0]),
        (
            "site/en/solo/index.html",
            None,
            None,
            Some("th/solo/index.html")
        )
    );
    assert_eq!(
        place(&found[1]),
        (
            "site/th/only/index.html",
            None,
            None,
            Some("en/only/index.html")
        )
    );
    assert_eq!(
        found[1].message,
        "th/only/index.html has no English twin: en/only/index.html is missing"
    );
    assert_eq!(
        found[1].hint.as_deref(),
        Some(
            "every page is published in Thai and English (the language switch links to the twin): render the English page too, or remove this Thai one"
        )
    );
}

#[test]
fn missing_alt() {
    let body = [
        "<img src=\"a.png\">",
        "<img src=\"a.png\" alt=\"\">",
        "<img src=\"a.png\" alt=\"\" role=\"presentation\"><img src=\"a.png\" alt=\"\" aria-hidden=\"true\"><img src=\"a.png\" alt=\"แผนที่\">",
        "<svg role=\"img\" viewBox=\"0 0 1 1\"><g><title>not a child</title></g></svg>",
        "<svg role=\"img\"><title>แผนภูมิ</title></svg><svg role=\"img\" aria-label=\"chart\"/><svg aria-hidden=\"true\"></svg>",
        "<svg role=\"img\"><title> </title></svg>",
        "<map name=\"m\"><area href=\"a.png\" shape=\"rect\" coords=\"0,0,1,1\"></map>",
        "<input type=\"IMAGE\" src=\"a.png\" alt=\"\">",
    ]
    .join("\n");
    let mut files = thai_home(&body);
    files.insert("th/a.png".into(), vec![0]);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(place).collect();
    assert_eq!(
        got,
        [
            ("site/th/index.html", Some(5), Some(1), Some("a.png")),
            ("site/th/index.html", Some(8), Some(1), Some("svg")),
            ("site/th/index.html", Some(10), Some(1), Some("svg")),
            ("site/th/index.html", Some(11), Some(15), Some("a.png")),
            ("site/th/index.html", Some(12), Some(1), Some("a.png")),
        ]
    );
    assert!(found.iter().all(|d| d.code == "missing-alt"));
    let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "<img> has no alt attribute",
            "<svg role=\"img\"> has no accessible name",
            "<svg role=\"img\"> has no accessible name",
            "<area> has no alt attribute",
            "<input type=\"image\"> has no alt text",
        ]
    );
    assert_eq!(
        found[0].hint.as_deref(),
        Some(
            "describe what the image shows in alt=\"…\"; a purely decorative image takes alt=\"\""
        )
    );
    assert_eq!(
        found[1].hint.as_deref(),
        Some("give the chart a <title> as its first child, or an aria-label or aria-labelledby")
    );
}

#[test]
fn duplicate_id() {
    let files = thai_home("<h2 id=\"x\">a</h2>\n<p>ข้อความ <span id=\"x\">b</span></p>");
    let d = only(&check(&files), "duplicate-id");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(6), Some(18), Some("x"))
    );
    assert_eq!(
        d.message,
        "id 'x' is used twice on this page (first at line 5, column 5)"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(
            "ids must be unique on a page: rename one of them (links and labels reach only the first)"
        )
    );
}

#[test]
fn missing_lang() {
    let files = site(&[
        ("404.html", "<!doctype html>\n<html>\n<body></body></html>"),
        (
            "index.html",
            "<!doctype html>\n<html  lang=\"fr\">\n</html>",
        ),
        ("th/index.html", &page("en", "")),
        ("en/index.html", &page("en", "")),
        ("x.html", "<p>no html element</p>"),
    ]);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(|d| (d.code, place(d))).collect();
    assert_eq!(
        got,
        [
            (
                "missing-lang",
                ("site/404.html", Some(2), Some(1), Some(""))
            ),
            (
                "missing-lang",
                ("site/index.html", Some(2), Some(8), Some("fr"))
            ),
            (
                "wrong-lang",
                ("site/th/index.html", Some(2), Some(7), Some("en"))
            ),
            ("missing-lang", ("site/x.html", Some(1), Some(1), Some(""))),
        ]
    );
    assert_eq!(found[0].message, "<html> has no lang attribute");
    assert_eq!(found[1].message, "<html lang=\"fr\"> is neither th nor en");
    assert_eq!(found[2].message, "a page under th/ declares lang=\"en\"");
    assert_eq!(
        found[2].hint.as_deref(),
        Some(
            "the page's template should start with <html lang=\"th\">; screen readers and search engines read the language from it"
        )
    );
}

#[test]
fn untranslated_key() {
    let body = [
        "<nav aria-label=\"nav_label\"><a href=\"#x\" id=\"x\">nav_home</a></nav>",
        "<p>Read nav_home here</p><code>area_id</code><pre><b>fiscal_year</b></pre>",
        "<p><b> col_area </b> and text</p><p>FY_2021</p><p>th-21</p>",
    ]
    .join("\n");
    let files = thai_home(&body);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(place).collect();
    assert_eq!(
        got,
        [
            ("site/th/index.html", Some(5), Some(6), Some("nav_label")),
            ("site/th/index.html", Some(5), Some(49), Some("nav_home")),
            ("site/th/index.html", Some(7), Some(8), Some("col_area")),
        ]
    );
    assert!(found.iter().all(|d| d.code == "untranslated-key"));
    assert_eq!(
        found[1].message,
        "'nav_home' looks like an interface-string key shown instead of its text"
    );
    assert_eq!(
        found[1].hint.as_deref(),
        Some(
            "give 'nav_home' a text in templates/i18n/th.toml, or print it in the template as {{ t.nav_home }}"
        )
    );
}

#[test]
fn stylesheets_and_style_elements_are_checked() {
    let mut files = thai_home(
        "<style>\np { background: url(../gone.png) }\n</style>\n<p style=\"background: url('missing.png')\">x</p>",
    );
    files.insert(
        "static/style.css".into(),
        b"/* url(no.png) */\n@import \"fonts/fonts.css\";\nbody { background: url(\"img/missing.png\"); }\n"
            .to_vec(),
    );
    files.insert(
        "static/fonts/fonts.css".into(),
        b"@font-face { src: url(x.woff2) format(\"woff2\"); }".to_vec(),
    );
    files.insert("static/fonts/x.woff2".into(), vec![0]);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(|d| (d.code, place(d))).collect();
    assert_eq!(
        got,
        [
            (
                "broken-link",
                (
                    "site/static/style.css",
                    Some(3),
                    Some(20),
                    Some("img/missing.png")
                )
            ),
            (
                "broken-link",
                ("site/th/index.html", Some(6), Some(17), Some("../gone.png"))
            ),
            (
                "broken-link",
                ("site/th/index.html", Some(8), Some(4), Some("missing.png"))
            ),
        ]
    );
    assert_eq!(
        found[0].message,
        "url() 'img/missing.png' points to static/img/missing.png, which is not in the site"
    );
}

#[test]
fn images_scripts_and_sources_are_checked() {
    let mut files = thai_home(
        "<img alt=\"x\" src=\"a.png\" srcset=\"a.png 1x, b.png 2x\">\n<script src=\"app.js\"></script>\n<picture><source srcset=\"c.webp\"></picture>",
    );
    files.insert("th/a.png".into(), vec![0]);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(place).collect();
    assert_eq!(
        got,
        [
            ("site/th/index.html", Some(5), Some(26), Some("b.png")),
            ("site/th/index.html", Some(6), Some(9), Some("app.js")),
            ("site/th/index.html", Some(7), Some(18), Some("c.webp")),
        ]
    );
}

#[test]
fn svg_references_resolve_to_ids_on_the_page() {
    let files = thai_home(
        "<svg role=\"img\" aria-labelledby=\"t\"><title id=\"t\">แผนภูมิ</title><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><rect fill=\"url(#h)\"/><use href=\"#g\"/></svg>",
    );
    let d = only(&check(&files), "broken-anchor");
    assert_eq!(
        place(&d),
        ("site/th/index.html", Some(5), Some(131), Some("#h"))
    );
}

#[test]
fn a_page_that_is_not_utf8_is_reported_not_fatal() {
    let mut files = thai_home("<p>x</p>");
    files.insert(
        "th/index.html".into(),
        b"<html lang=\"th\">\n<p>\xff</p>".to_vec(),
    );
    let d = only(&check(&files), "invalid-utf8");
    assert_eq!(
        place(&d),
        (
            "site/th/index.html",
            Some(2),
            Some(4),
            Some("th/index.html")
        )
    );
}

#[test]
fn malformed_markup_never_panics() {
    let mut files = SiteFiles::new();
    let scraps = [
        "<a href=\"",
        "<a href=",
        "<!--",
        "<script>",
        "</",
        "<",
        "<a b c=d e='",
        "&#xZZ;",
        "<svg role=img><title>",
        "</p></p></div>",
        "<html lang=th>",
        "<style>url(",
        "ก<ข",
        "<a href=\"#\u{0}\">",
        "<a href=\"%\">",
        "<a href=\"%E0%B8\">",
    ];
    for (i, scrap) in scraps.iter().enumerate() {
        files.insert(format!("th/{i}.html"), scrap.as_bytes().to_vec());
        files.insert(format!("en/{i}.css"), scrap.as_bytes().to_vec());
    }
    let deep = "<div>".repeat(20_000) + &"</span>".repeat(20_000);
    files.insert("deep.html".into(), deep.into_bytes());
    let _ = check(&files);
}

/// The fixture has one broken link and one broken anchor planted in `th/about/index.html`.
#[test]
fn the_fixture_site_has_the_planted_problems() {
    let files = read_folder(&common::fixture("sitecheck"));
    assert!(files.len() >= 6);
    let found = check(&files);
    let got: Vec<_> = found.iter().map(|d| (d.code, place(d))).collect();
    assert_eq!(
        got,
        [
            (
                "broken-link",
                (
                    "site/th/about/index.html",
                    Some(13),
                    Some(9),
                    Some("../methodology/index.html")
                )
            ),
            (
                "broken-anchor",
                (
                    "site/th/about/index.html",
                    Some(13),
                    Some(59),
                    Some("../index.html#headline")
                )
            ),
        ]
    );
}

fn read_folder(root: &Path) -> SiteFiles {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The sample site must publish without a single problem.
#[test]
fn the_sample_site_passes() {
    let mut diags = Diagnostics::new();
    let root = common::repo_root();
    let loaded = ecotown::build::load(&root, &mut diags).expect("the sample loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("the sample renders");
    let options = CheckOptions {
        base_url: loaded.config.base_url.clone(),
        ..CheckOptions::default()
    };
    let started = Instant::now();
    let found = check_with(&files, &options);
    let took = started.elapsed();
    let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        shown.join("\n")
    );
    assert_eq!(check(&files), [], "and without the base URL");
    eprintln!("checked {} files of the sample in {took:?}", files.len());

    // The pass is not vacuous: a page that loses its `main` breaks its skip link.
    let mut files = files;
    let path = "en/areas/rayong-map-ta-phut/index.html";
    let html = String::from_utf8(files[path].clone()).unwrap();
    files.insert(
        path.into(),
        html.replacen("id=\"main\"", "", 1).into_bytes(),
    );
    let d = only(&check_with(&files, &options), "broken-anchor");
    assert_eq!(
        (d.file.as_str(), d.value.as_deref()),
        (format!("site/{path}").as_str(), Some("#main"))
    );
}

/// A site as large as the programme may grow (4,000 pages): checked in one pass, and a problem on
/// one page is found once.
#[test]
fn a_large_site_is_checked_quickly_and_exactly() {
    let mut files = SiteFiles::new();
    let count = 2_000;
    for lang in ["th", "en"] {
        let list: String = (0..count)
            .map(|i| format!("<li><a href=\"{i}/#main\">{i}</a></li>"))
            .collect();
        files.insert(
            format!("{lang}/index.html"),
            page(lang, &format!("<main id=\"main\"><ul>{list}</ul></main>")).into_bytes(),
        );
        for i in 0..count {
            let next = (i + 1) % count;
            let body = format!(
                "<main id=\"main\"><a href=\"../index.html#main\">up</a> <a href=\"../{next}/index.html#main\">next</a></main>"
            );
            files.insert(
                format!("{lang}/{i}/index.html"),
                page(lang, &body).into_bytes(),
            );
        }
    }
    let started = Instant::now();
    assert_eq!(check(&files), []);
    eprintln!("checked {} pages in {:?}", files.len(), started.elapsed());
    files.insert(
        "en/7/index.html".into(),
        page("en", "<a href=\"../8/#nope\">x</a>").into_bytes(),
    );
    let found = check(&files);
    assert_eq!(
        found,
        check(&files),
        "the same problems in the same order, run after run"
    );
    // The page lost its `main`: its own bad link, and the two links to it, are reported.
    let got: Vec<_> = found
        .iter()
        .map(|d| (d.code, d.file.as_str(), d.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "broken-anchor",
                "site/en/6/index.html",
                Some("../7/index.html#main")
            ),
            ("broken-anchor", "site/en/7/index.html", Some("../8/#nope")),
            ("broken-anchor", "site/en/index.html", Some("7/#main")),
        ]
    );
}

#[test]
fn sitemap_addresses_are_checked_against_the_base_url() {
    let mut files = thai_home("");
    files.insert(
        "sitemap.xml".into(),
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>https://h.example/th/</loc></url>\n<url><loc>\n  https://h.example/en/gone/</loc><lastmod>2024_01</lastmod></url>\n</urlset>\n"
            .to_vec(),
    );
    let options = CheckOptions {
        base_url: "https://h.example/".into(),
        ..CheckOptions::default()
    };
    let d = only(&check_with(&files, &options), "broken-link");
    assert_eq!(
        place(&d),
        (
            "site/sitemap.xml",
            Some(5),
            Some(3),
            Some("https://h.example/en/gone/")
        )
    );
    assert_eq!(
        d.message,
        "<loc> 'https://h.example/en/gone/' points to en/gone/index.html, which is not in the site"
    );
}

/// A problem in the rendered pages is reported once, where it was written: a template's at the
/// template's tag with the number of pages it is on, a narrative's at its Markdown line.
#[test]
fn problems_in_pages_are_traced_to_the_template_or_narrative_that_wrote_them() {
    let base = std::fs::read_to_string(common::repo_root().join("templates/base.html")).unwrap();
    let body = base.find("<body>\n").unwrap() + "<body>\n".len();
    let line = base[..body].lines().count() as u64 + 1;
    let mut patched = base.clone();
    patched.insert_str(
        body,
        "<img class=\"logo\"\n  src=\"{{ root }}static/logo.svg\">\n",
    );
    let narrative = "+++\ntitle = \"Sadao\"\n+++\n\nText.\n\n<img src=\"sadao-plant.jpg\">\n";
    let site = common::mini_with(&[
        ("templates/base.html", patched.as_bytes()),
        ("content/areas/songkhla-sadao.en.md", narrative.as_bytes()),
    ]);
    let mut diags = Diagnostics::new();
    let out = site.path().join("site");
    let rendered = ecotown::build::render(site.path(), &out, &mut diags);
    assert!(rendered.is_none(), "the problems stop the build");
    let alt: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "missing-alt").collect();
    let shown: Vec<String> = alt.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        alt.len(),
        2,
        "once per place written:\n{}",
        shown.join("\n")
    );
    let template = alt
        .iter()
        .find(|d| d.file == "templates/base.html")
        .unwrap();
    assert_eq!((template.line, template.column), (Some(line), Some(1)));
    assert!(
        template.message.contains(" pages, the first ") && template.message.contains("site/en/"),
        "{template}"
    );
    let written = alt
        .iter()
        .find(|d| d.file == "content/areas/songkhla-sadao.en.md")
        .unwrap_or_else(|| panic!("not traced to the narrative:\n{}", shown.join("\n")));
    assert_eq!((written.line, written.column), (Some(7), Some(11)));
    assert!(
        written
            .message
            .contains("site/en/areas/songkhla-sadao/index.html:"),
        "{written}"
    );
    // Nothing is left at a page nobody wrote.
    assert!(
        diags.iter().all(|d| !d.file.contains("site/")),
        "{}",
        diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
