//! The bilingual site built from the sample into a temporary folder: its pages, links between the
//! languages, Thai conventions, headline figures, and that it loads nothing from elsewhere.
//!
//! Long because it walks the whole built sample: page set, languages, links, metadata and the
//! pages' own words.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ecotown::data::Lang;
use ecotown::diagnostics::{Diagnostics, Severity};

/// Builds `root` into a temporary folder and returns it with the list of files (relative paths).
fn build(root: &Path) -> (tempfile::TempDir, BTreeSet<String>) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut diags = Diagnostics::new();
    let result = ecotown::build::build(root, &site, &mut diags);
    let messages: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(result.is_ok(), "build failed:\n{}", messages.join("\n"));
    let files = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&site)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    (out, files)
}

fn read(out: &tempfile::TempDir, rel: &str) -> String {
    std::fs::read_to_string(out.path().join("site").join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn sample() -> &'static (tempfile::TempDir, BTreeSet<String>) {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, BTreeSet<String>)> =
        std::sync::OnceLock::new();
    SITE.get_or_init(|| build(&common::repo_root()))
}

fn html_pages(files: &BTreeSet<String>) -> impl Iterator<Item = &String> {
    files.iter().filter(|f| f.ends_with(".html"))
}

/// The pages with the site's header, navigation and footer: all but the charts' embed pages,
/// which are the chart alone (with its own checks in `explore` and `embed_pages_…`).
fn site_pages(files: &BTreeSet<String>) -> impl Iterator<Item = &String> {
    html_pages(files).filter(|f| !f.contains("/embed/"))
}

#[test]
fn every_page_exists_in_both_languages() {
    let (_, files) = sample();
    let data = ecotown::build::load(&common::repo_root(), &mut Diagnostics::new())
        .unwrap()
        .data;
    let mut expected: Vec<String> = vec!["index.html".into(), "404.html".into()];
    for lang in ["th", "en"] {
        for page in [
            "index.html",
            "provinces/index.html",
            "areas/index.html",
            "indicators/index.html",
            "methodology/index.html",
            "about/index.html",
        ] {
            expected.push(format!("{lang}/{page}"));
        }
        expected.extend(
            data.provinces
                .iter()
                .map(|p| format!("{lang}/provinces/{}/index.html", p.code.to_lowercase())),
        );
        expected.extend(
            data.areas
                .iter()
                .map(|a| format!("{lang}/areas/{}/index.html", a.id)),
        );
        expected.extend(
            data.indicators
                .iter()
                .map(|i| format!("{lang}/indicators/{}/index.html", i.id)),
        );
        for d in [
            "physical",
            "economic",
            "environmental",
            "social",
            "management",
        ] {
            expected.push(format!("{lang}/dimensions/{d}/index.html"));
        }
    }
    let missing: Vec<&String> = expected.iter().filter(|p| !files.contains(*p)).collect();
    assert!(missing.is_empty(), "missing pages: {missing:?}");
    assert_eq!(expected.len(), 2 + 2 * (6 + 15 + 18 + 30 + 5));
    assert!(files.contains("th/provinces/th-21/index.html"));
    assert!(files.contains("en/areas/rayong-map-ta-phut/index.html"));
}

#[test]
fn pages_declare_language_twins_and_canonical() {
    let (out, files) = sample();
    for page in site_pages(files).filter(|p| p.starts_with("th/") || p.starts_with("en/")) {
        let html = read(out, page);
        let lang = &page[..2];
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{page}: html lang"
        );
        let pretty = page.trim_end_matches("index.html");
        let th = format!("https://ecotown.example.go.th/th{}", &pretty[2..]);
        let en = format!("https://ecotown.example.go.th/en{}", &pretty[2..]);
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"th\" href=\"{th}\">"
            )),
            "{page}: hreflang th"
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"en\" href=\"{en}\">"
            )),
            "{page}: hreflang en"
        );
        let canonical = if lang == "th" { &th } else { &en };
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")),
            "{page}: canonical"
        );
        let twin = format!("{}{}", if lang == "th" { "en" } else { "th" }, &page[2..]);
        assert!(files.contains(&twin), "{page}: twin {twin} missing");
        assert!(
            html.contains("class=\"lang-switch\""),
            "{page}: language switcher"
        );
        // The icon and the language's update feed, both relative (the site works from any
        // folder and from disk).
        let depth = page.matches('/').count();
        let root = "../".repeat(depth);
        assert!(
            html.contains(&format!(
                "<link rel=\"icon\" href=\"{root}static/favicon.svg\" type=\"image/svg+xml\">"
            )),
            "{page}: favicon"
        );
        assert!(
            html.contains(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{root}{lang}/updates/atom.xml\""
            )),
            "{page}: Atom feed autodiscovery"
        );
    }
    assert!(files.contains("static/favicon.svg"));
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    Some(&text[from..from + text[from..].find(end)?])
}

/// Readers tell pages apart by their window titles, and search results by their descriptions;
/// screen-reader users move between regions by their names, and read a table's caption first.
#[test]
fn titles_descriptions_regions_and_tables_are_named_apart() {
    let (out, files) = sample();
    let mut titles: std::collections::HashMap<String, &String> = Default::default();
    let mut descriptions: std::collections::HashMap<String, &String> = Default::default();
    // The site root shows the Thai home page itself.
    for page in html_pages(files).filter(|p| *p != "index.html") {
        let html = read(out, page);
        let title = between(&html, "<title>", "</title>").expect("a title");
        if let Some(other) = titles.insert(title.to_string(), page) {
            panic!("{page} and {other} have the same title: {title}");
        }
        if page != "404.html" {
            let description = between(&html, "<meta name=\"description\" content=\"", "\"")
                .unwrap_or_else(|| panic!("{page}: no description"));
            if let Some(other) = descriptions.insert(description.to_string(), page) {
                panic!("{page} and {other} have the same description: {description}");
            }
        }
        let mut names = BTreeSet::new();
        for (i, _) in html.match_indices("role=\"region\"") {
            let tag = &html[html[..i].rfind('<').unwrap()..i + html[i..].find('>').unwrap()];
            let name = between(tag, "aria-label=\"", "\"")
                .or_else(|| between(tag, "aria-labelledby=\"", "\""))
                .unwrap_or_else(|| panic!("{page}: a region without a name: {tag}"));
            assert!(names.insert(name), "{page}: two regions named '{name}'");
        }
        for (i, _) in html.match_indices("<table") {
            let after = html[i + html[i..].find('>').unwrap() + 1..].trim_start();
            assert!(
                after.starts_with("<caption"),
                "{page}: a table without a caption, before {}",
                after.chars().take(60).collect::<String>()
            );
        }
    }
}

/// The 404 page is served in place of any missing address, at any depth: its links are absolute.
#[test]
fn the_404_page_links_to_absolute_addresses() {
    let (out, _) = sample();
    let html = read(out, "404.html");
    for (i, _) in html.match_indices("href=\"") {
        let href = &html[i + 6..i + 6 + html[i + 6..].find('"').unwrap()];
        assert!(
            href.starts_with("https://ecotown.example.go.th/"),
            "404.html links to {href}"
        );
    }
    assert!(html.contains("href=\"https://ecotown.example.go.th/en/\""));
}

#[test]
fn thai_pages_use_buddhist_era_years_and_english_pages_common_era() {
    let (out, _) = sample();
    let th = read(out, "th/areas/rayong-map-ta-phut/index.html");
    assert!(th.contains("ปีงบประมาณ 2564"), "Thai fiscal year label");
    assert!(!th.contains("FY20"), "no C.E. fiscal years on Thai pages");
    let en = read(out, "en/areas/rayong-map-ta-phut/index.html");
    assert!(en.contains("FY2021"));
    assert!(!en.contains("2564"));
    let th_indicator = read(out, "th/indicators/energy-intensity/index.html");
    for year in 2559..=2564 {
        assert!(
            th_indicator.contains(&format!(">{year}</th>")),
            "B.E. column {year}"
        );
    }
}

#[test]
fn home_shows_the_seed_headline_figures() {
    let (out, _) = sample();
    for page in ["th/index.html", "en/index.html", "index.html"] {
        let html = read(out, page);
        for figure in ["4,494", "1,760", "2,734", "39.2%", ">15<", ">18<"] {
            assert!(html.contains(figure), "{page} lacks {figure}");
        }
    }
}

#[test]
fn every_page_says_the_data_are_a_sample() {
    let (out, files) = sample();
    for page in site_pages(files).filter(|p| *p != "404.html") {
        assert!(
            read(out, page).contains("class=\"sample-banner\""),
            "{page}: sample banner"
        );
    }
}

#[test]
fn nothing_is_unrendered_and_nothing_loads_from_elsewhere() {
    let (out, files) = sample();
    for file in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".css"))
    {
        let text = read(out, file);
        for tag in ["{{", "}}", "{%", "%}", "{#"] {
            assert!(!text.contains(tag), "{file}: unrendered template tag {tag}");
        }
        // Only the site's own script, each an enhancement of a page that is whole without it:
        // every page's sort, filter and print and an embed page's copy buttons (site.js; not
        // the 404 page, served at any depth); the search page's three (it lists everything A–Z
        // without them); an indicator page's comparison and its data.
        let scripts = text.matches("<script").count();
        let own = (crate::markup::tags(&text).iter())
            .filter(|t| t.name == "script" && crate::markup::is_own_script(t))
            .count();
        let expected = if file.ends_with("/search/index.html") {
            4
        } else if file.contains("/indicators/") && file.matches('/').count() == 3 {
            3
        } else if file == "404.html" || !file.ends_with(".html") {
            0
        } else {
            1
        };
        assert_eq!((scripts, own), (expected, expected), "{file}: script");
        assert!(!text.contains("<iframe"), "{file}: iframe");
        let mut loads = outside_loads(&text);
        // 404.html is served in place of any missing address, at any depth, so it loads the
        // site's own style sheets from the published address (base_url) rather than relatively.
        if file == "404.html" {
            loads.retain(|l| !l.starts_with("https://ecotown.example.go.th/"));
        }
        assert!(
            loads.is_empty(),
            "{file} loads {loads:?} from outside the site"
        );
    }
}

/// Addresses the page would fetch (stylesheets, images, fonts, media) that are not relative.
fn outside_loads(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (needle, end) in [
        ("src=\"", '"'),
        ("url(", ')'),
        ("@import \"", '"'),
        ("srcset=\"", '"'),
    ] {
        for (i, _) in lower.match_indices(needle) {
            let rest = &text[i + needle.len()..];
            let target = rest
                .split(end)
                .next()
                .unwrap_or("")
                .trim_matches(['"', '\'']);
            if is_outside(target) {
                found.push(target.to_string());
            }
        }
    }
    for (i, _) in lower.match_indices("<link ") {
        let tag = &text[i..i + text[i..].find('>').unwrap_or(0)];
        let is_load = ["stylesheet", "icon", "preload", "manifest", "modulepreload"]
            .iter()
            .any(|r| tag.contains(&format!("rel=\"{r}\"")));
        let href = tag
            .split("href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next());
        if let Some(href) = href.filter(|h| is_load && is_outside(h)) {
            found.push(href.to_string());
        }
    }
    found
}

fn is_outside(target: &str) -> bool {
    target.starts_with("http:") || target.starts_with("https:") || target.starts_with("//")
}

#[test]
fn outside_load_detector_works() {
    assert_eq!(
        outside_loads("<img src=\"https://cdn.example/x.png\">"),
        ["https://cdn.example/x.png"]
    );
    assert_eq!(
        outside_loads("<link rel=\"stylesheet\" href=\"//cdn/x.css\">"),
        ["//cdn/x.css"]
    );
    assert_eq!(
        outside_loads("@font-face { src: url(https://f/x.woff2) }"),
        ["https://f/x.woff2"]
    );
    assert!(
        outside_loads("<link rel=\"canonical\" href=\"https://site/\"><a href=\"https://x\">")
            .is_empty()
    );
}

#[test]
fn internal_links_resolve() {
    let (out, files) = sample();
    let site = out.path().join("site");
    for page in html_pages(files) {
        let html = read(out, page);
        let dir: PathBuf = Path::new(page)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for href in html
            .split("href=\"")
            .skip(1)
            .filter_map(|h| h.split('"').next())
        {
            if is_outside(href)
                || href.starts_with('#')
                || href.starts_with("mailto:")
                || page == "404.html"
            {
                continue;
            }
            let path = href.split('#').next().unwrap();
            let target = site.join(&dir).join(path);
            assert!(target.exists(), "{page}: broken link {href}");
        }
    }
}

#[test]
fn thai_lists_use_thai_collation() {
    let (out, _) = sample();
    let html = read(out, "th/provinces/index.html");
    let order: Vec<usize> = ["ขอนแก่น", "ฉะเชิงเทรา", "ชลบุรี", "นครปฐม", "สงขลา"]
        .iter()
        .map(|name| {
            html.find(&format!(">{name}</a>"))
                .unwrap_or_else(|| panic!("{name}"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "Thai order: {order:?}"
    );
}

#[test]
fn a_missing_translation_falls_back_visibly() {
    let site = common::copy_site(&common::fixture("mini"));
    let content = site.path().join("content/areas");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(
        content.join("songkhla-sadao.th.md"),
        "+++\ndescription = \"สะเดา\"\n+++\n\nด่านชายแดนสะเดา\n",
    )
    .unwrap();
    let (out, _) = build(site.path());
    let en = read(&out, "en/areas/songkhla-sadao/index.html");
    assert!(
        en.contains("<div class=\"narrative prose\" lang=\"th\">"),
        "fallback block is marked Thai"
    );
    assert!(en.contains("This section is available in Thai only"));
    assert!(en.contains("ด่านชายแดนสะเดา"));
    let th = read(&out, "th/areas/songkhla-sadao/index.html");
    assert!(!th.contains("fallback-note"));
}

#[test]
fn a_site_overrides_templates_and_strings() {
    let site = common::copy_site(&common::fixture("mini"));
    let templates = site.path().join("templates");
    std::fs::create_dir_all(templates.join("i18n")).unwrap();
    let en = std::fs::read_to_string(common::repo_root().join("templates/i18n/en.toml")).unwrap();
    std::fs::write(
        templates.join("i18n/en.toml"),
        en.replace("\"Areas\"", "\"Zones\""),
    )
    .unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>custom page</p>{% endblock content %}",
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("content/pages")).unwrap();
    std::fs::write(
        site.path().join("content/pages/contact.en.md"),
        "+++\ntitle = \"Contact\"\n+++\nHello\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/pages/contact.th.md"),
        "+++\ntitle = \"ติดต่อ\"\n+++\nสวัสดี\n",
    )
    .unwrap();
    let (out, files) = build(site.path());
    assert!(read(&out, "en/index.html").contains(">Zones</a>"));
    assert!(
        read(&out, "th/index.html").contains(">พื้นที่</a>"),
        "Thai strings still from the theme"
    );
    assert!(files.contains("th/contact/index.html"));
    assert!(read(&out, "en/contact/index.html").contains("<p>custom page</p>"));
}

#[test]
fn template_errors_are_located_and_nothing_is_built() {
    let site = common::mini_with(&[("templates/area.html", b"{% extends \"base.html\" %}\n{% block content %}\n{{ area.nonexistent_field }}\n{% endblock content %}\n")]);
    let out = tempfile::tempdir().unwrap();
    let mut diags = Diagnostics::new();
    assert!(ecotown::build::build(site.path(), &out.path().join("site"), &mut diags).is_err());
    let d = diags
        .iter()
        .find(|d| d.code == "template")
        .expect("a template diagnostic");
    assert_eq!(
        (d.file.as_str(), d.line),
        ("templates/area.html", Some(3)),
        "{d}"
    );
    assert!(d.message.contains("failed to render area '"), "{d}");
    assert!(!out.path().join("site").exists());
}

/// A site's own key (for its own templates) in one language only is an error in the other's file.
#[test]
fn a_missing_translation_key_is_an_error() {
    let en = "site_own_label = \"Mine\"\n";
    let site = common::mini_with(&[("templates/i18n/en.toml", en.as_bytes())]);
    let diags = common::check(site.path());
    let d = common::only(&diags, "missing-translation");
    assert_eq!(d.file, "templates/i18n/th.toml");
    assert_eq!(d.value.as_deref(), Some("site_own_label"));
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("templates/i18n/en.toml:1"),
        "{d}"
    );
}

/// Changing one label takes one line: the site's strings file overrides the built-in texts key by
/// key, and everything it does not name keeps the built-in text.
#[test]
fn a_one_key_strings_file_changes_one_label() {
    let en = "nav_areas = \"Eco-town zones\"\n";
    let site = common::mini_with(&[("templates/i18n/en.toml", en.as_bytes())]);
    let mut diags = Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    assert!(
        diags.iter().all(|d| d.severity == Severity::Note),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    assert_eq!(loaded.strings.text(Lang::En, "nav_areas"), "Eco-town zones");
    // The rest of English and all of Thai are the built-in texts.
    let builtin =
        std::fs::read_to_string(common::repo_root().join("templates/i18n/en.toml")).unwrap();
    assert!(
        builtin.contains("nav_home = \"Home\""),
        "the built-in English says Home"
    );
    assert_eq!(loaded.strings.text(Lang::En, "nav_home"), "Home");
    assert_ne!(loaded.strings.text(Lang::Th, "nav_areas"), "Eco-town zones");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let page = String::from_utf8(files["en/index.html"].clone()).unwrap();
    assert!(
        page.contains("Eco-town zones"),
        "the new label is on the page"
    );
}

/// A near miss of a built-in key is reported as the typo it is, where it is written.
#[test]
fn a_misspelt_strings_key_is_located_with_the_key_it_meant() {
    let en = "nav_home = \"Start\"\nnav_aeras = \"Zones\"\n";
    let site = common::mini_with(&[("templates/i18n/en.toml", en.as_bytes())]);
    let d = common::only(&common::check(site.path()), "unknown-string-key");
    assert_eq!(
        (d.file.as_str(), d.line),
        ("templates/i18n/en.toml", Some(2))
    );
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("did you mean 'nav_areas'?"),
        "{d}"
    );
}

#[test]
fn a_free_page_cannot_take_a_section_address() {
    let site = common::mini_with(&[("content/pages/areas.en.md", b"Hello\n")]);
    let d = common::only(&common::check(site.path()), "reserved-page-name");
    assert_eq!(d.file, "content/pages/areas.en.md");
}

/// The inline SVG charts of a page.
/// The charts inlined in a page (not the small icons, which are SVG too).
fn charts_in(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + 6])
        .filter(|svg| svg[..svg.find('>').unwrap_or(svg.len())].contains("class=\"chart "))
        .collect()
}

#[test]
fn area_and_indicator_pages_carry_their_charts_in_both_languages() {
    let (out, _) = sample();
    let data = ecotown::build::load(&common::repo_root(), &mut Diagnostics::new())
        .unwrap()
        .data;
    for lang in ["th", "en"] {
        for area in &data.areas {
            let html = read(out, &format!("{lang}/areas/{}/index.html", area.id));
            let charts = charts_in(&html);
            // One time series per indicator with data, the factory history, the level history and
            // a material-flow diagram per year with flows.
            let with_data = data
                .indicators
                .iter()
                .filter(|i| !data.series(&area.id, &i.id).is_empty())
                .count();
            let flow_years = data.flows.years_of(&area.id).len();
            assert_eq!(
                charts.len(),
                with_data + 2 + flow_years,
                "{lang} {}",
                area.id
            );
            for svg in charts {
                assert!(svg.contains("role=\"img\""), "{svg:.200}");
                assert!(
                    svg.contains("<title id=") && svg.contains("<desc id="),
                    "{svg:.200}"
                );
            }
        }
        for indicator in &data.indicators {
            let html = read(
                out,
                &format!("{lang}/indicators/{}/index.html", indicator.id),
            );
            let charts = charts_in(&html);
            assert!(
                charts.len() >= 2,
                "{lang} {}: comparison and series",
                indicator.id
            );
            assert!(html.contains("class=\"chart-figure chart-figure-comparison\""));
        }
    }
}

#[test]
fn thai_charts_use_buddhist_era_years() {
    let (out, _) = sample();
    let th = read(out, "th/areas/rayong-map-ta-phut/index.html");
    let en = read(out, "en/areas/rayong-map-ta-phut/index.html");
    let th_svg = charts_in(&th).join("");
    let en_svg = charts_in(&en).join("");
    assert!(
        th_svg.contains(">2559<") && th_svg.contains(">2564<"),
        "B.E. axis labels"
    );
    assert!(
        !th_svg.contains(">2016<") && !th_svg.contains("FY20"),
        "no C.E. years in Thai charts"
    );
    assert!(en_svg.contains(">FY2016<"));
    let desc_start = th_svg.find("<desc").unwrap();
    assert!(
        th_svg[desc_start..].contains("ในปี 25"),
        "the description speaks in B.E. years"
    );
}

#[test]
fn the_home_carries_the_map_and_the_national_chart() {
    let (out, files) = sample();
    for page in ["th/index.html", "en/index.html", "index.html"] {
        let html = read(out, page);
        let charts = charts_in(&html);
        let map = charts
            .iter()
            .find(|s| s.contains("chart-map"))
            .expect("a map");
        assert_eq!(
            map.matches("<a ").count(),
            15,
            "{page}: one link per target province"
        );
        assert!(map.matches("<path").count() >= 77);
        assert!(
            html.contains("chart-figure-factories"),
            "{page}: national factory chart"
        );
        assert!(html.contains("OpenStreetMap"), "{page}: map attribution");
    }
    // Each chart is also offered as files to download.
    assert!(
        files
            .iter()
            .filter(|f| f.starts_with("charts/") && f.ends_with(".svg"))
            .count()
            > 1000
    );
    let csv = read(out, "charts/cmp-energy-intensity-th.csv");
    assert!(csv.starts_with('\u{feff}'));
}

#[test]
fn no_chart_label_overflows_its_box() {
    use ecotown::charts::{self, Size};
    let site = ecotown::build::load(&common::repo_root(), &mut Diagnostics::new()).unwrap();
    let (data, strings) = (&site.data, &site.strings);
    for lang in ecotown::data::Lang::ALL {
        let mut drawn = Vec::new();
        for area in &data.areas {
            for indicator in &data.indicators {
                let series = data.series(&area.id, &indicator.id);
                if !series.is_empty() {
                    drawn.push(charts::time_series(
                        lang,
                        indicator,
                        area,
                        series,
                        strings,
                        Size::Compact,
                    ));
                }
            }
            let levels: Vec<(i32, u8)> = data
                .levels_of(&area.id)
                .iter()
                .map(|l| (l.year, l.level))
                .collect();
            drawn.push(charts::level_history(
                lang,
                area,
                &levels,
                site.data.taxonomy.top_level(),
                strings,
            ));
            let years: Vec<(i32, u32, u32)> = data
                .factories_of(&area.id)
                .iter()
                .map(|f| (f.year, f.total, f.upgraded))
                .collect();
            let placed = charts::ChartPlace {
                key: &area.id,
                place: Some(area.name.get(lang)),
            };
            drawn.push(charts::factory_history(lang, placed, &years, strings));
        }
        let rows: Vec<(String, u32, u32)> = data
            .areas
            .iter()
            .filter_map(|a| {
                data.factories_of(&a.id)
                    .last()
                    .map(|f| (a.name.get(lang).to_string(), f.upgraded, f.total))
            })
            .collect();
        let placed = charts::ChartPlace {
            key: "all-areas",
            place: None,
        };
        drawn.push(charts::factory_progress(lang, placed, &rows, strings));
        for chart in drawn {
            let problems = charts::check_labels(&chart);
            assert!(problems.is_empty(), "{}: {problems:?}", chart.id);
        }
    }
}

/// A site with `extra` more areas than the mini fixture, each with two years of one indicator.
fn mini_with_areas(extra: usize) -> tempfile::TempDir {
    let fixture = common::fixture("mini");
    let mut areas = std::fs::read_to_string(fixture.join("data/areas.csv")).unwrap();
    let mut observations = std::fs::read_to_string(fixture.join("data/observations.csv")).unwrap();
    for a in 0..extra {
        let province = if a % 2 == 0 { "TH-21" } else { "TH-90" };
        areas.push_str(&format!("extra-{a:03},{province},พื้นที่ {a},Area {a},1\n"));
        for year in [2020, 2021] {
            let value = 500 + a + year as usize % 7;
            observations.push_str(&format!(
                "extra-{a:03},energy-intensity,{year},{value}.0,final,,\n"
            ));
        }
    }
    common::mini_with(&[
        ("data/areas.csv", areas.as_bytes()),
        ("data/observations.csv", observations.as_bytes()),
    ])
}

/// An area's chart files sit in the area's own folder (one folder of every chart made a large
/// site's build spend most of its time in the file system), and the pages link them there.
#[test]
fn area_charts_are_published_in_the_area_folder() {
    let site = mini_with_areas(0);
    let (out, files) = build(site.path());
    for file in [
        "charts/areas/rayong-map-ta-phut/ts-rayong-map-ta-phut-energy-intensity-th.svg",
        "charts/areas/rayong-map-ta-phut/ts-rayong-map-ta-phut-energy-intensity-en.csv",
    ] {
        assert!(files.contains(file), "{file} missing");
    }
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("charts/ts-") || f.starts_with("charts/lv-")),
        "an area's chart outside its folder"
    );
    let page = read(&out, "th/areas/rayong-map-ta-phut/index.html");
    assert!(page.contains(
        "href=\"../../../charts/areas/rayong-map-ta-phut/ts-rayong-map-ta-phut-energy-intensity-th.svg\""
    ));
}

/// Up to `SMALL_MULTIPLES_MAX` areas an indicator page shows every area's trend; past that it
/// says where they are instead of growing to megabytes, and still tabulates every area.
#[test]
fn indicator_pages_inline_trends_only_for_a_few_dozen_areas() {
    use ecotown::render::pages::SMALL_MULTIPLES_MAX;
    let page = "en/indicators/energy-intensity/index.html";
    let trends = |html: &str| html.matches("chart-figure-series").count();

    // The mini fixture's own areas all have the indicator too.
    let areas = std::fs::read_to_string(common::fixture("mini").join("data/areas.csv")).unwrap();
    let own = areas.lines().count() - 1;

    let few = mini_with_areas(SMALL_MULTIPLES_MAX - own);
    let (out, _) = build(few.path());
    let html = read(&out, page);
    assert_eq!(trends(&html), SMALL_MULTIPLES_MAX, "every area's trend");
    assert!(!html.contains("too many areas"));

    let many = mini_with_areas(SMALL_MULTIPLES_MAX - own + 1);
    let (out, _) = build(many.path());
    let html = read(&out, page);
    assert_eq!(trends(&html), 0, "no grid past the limit");
    assert!(html.contains("too many areas to show every trend here"));
    assert!(html.contains("href=\"../../../en/areas/extra-000/index.html\""));
    let th = read(&out, "th/indicators/energy-intensity/index.html");
    assert!(th.contains("กราฟของแต่ละพื้นที่อยู่ในหน้าของพื้นที่นั้น"));
}

/// Every progress status shown on a page, as (page, words): the text of each `pstatus` badge
/// (its link text or plain text), without the icon or a caveat.
fn shown_statuses(html: &str) -> Vec<String> {
    // A brief keeps each part of Thai words on one line in its own `<span class="nw">`: unwrap.
    let mut html = html.to_string();
    while let Some(at) = html.find("<span class=\"nw\">") {
        html.replace_range(at..at + "<span class=\"nw\">".len(), "");
        if let Some(end) = html[at..].find("</span>") {
            html.replace_range(at + end..at + end + "</span>".len(), "");
        }
    }
    let mut found = Vec::new();
    for part in html.split("<span class=\"pstatus pstatus-").skip(1) {
        // `code"><span class="icon" aria-hidden="true">▲</span> words…`
        let Some(after_icon) = part.split("</span> ").nth(1) else {
            continue;
        };
        let words = match after_icon.strip_prefix("<a href=\"") {
            Some(link) => link.split('>').nth(1).unwrap_or("").split("</a").next(),
            None => after_icon.split(['<', '(']).next(),
        };
        found.push(words.unwrap_or("").trim().to_string());
    }
    found
}

/// The words of every status, per basis, as `progress.json` publishes them.
fn published_labels(out: &tempfile::TempDir) -> serde_json::Value {
    let json: serde_json::Value =
        serde_json::from_str(&read(out, "data/progress.json")).expect("progress.json");
    json["method"]["labels"].clone()
}

#[test]
fn no_status_says_on_track_without_a_target() {
    let (out, files) = sample();
    let data = ecotown::build::load(&common::repo_root(), &mut Diagnostics::new())
        .unwrap()
        .data;
    let mut checked = 0;
    for indicator in data.indicators.iter().filter(|i| i.target.is_none()) {
        for lang in ["th", "en"] {
            let page = format!("{lang}/indicators/{}/index.html", indicator.id);
            assert!(files.contains(&page));
            let html = read(out, &page);
            for words in shown_statuses(&html) {
                assert!(
                    !words.to_lowercase().contains("on track") && !words.contains("ตามเป้าหมาย"),
                    "{page}: '{words}' for an indicator without a target"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} statuses seen");
    // Nowhere in the built site is "on track" said of a series without a target: every page's
    // "on track" badges are as many as series with a target have that status there.
    let json: serde_json::Value = serde_json::from_str(&read(out, "data/progress.json")).unwrap();
    for s in json["series"].as_array().unwrap() {
        if s["target"].is_null() {
            assert_eq!(s["basis"], "trend");
            assert!(!s["label"]["en"].as_str().unwrap().contains("on track"));
            assert!(!s["label"]["th"].as_str().unwrap().contains("ตามเป้าหมาย"));
        }
    }
}

#[test]
fn statuses_use_one_vocabulary_everywhere() {
    let (out, files) = sample();
    let labels = published_labels(out);
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    for basis in labels.as_object().unwrap().values() {
        for words in basis.as_object().unwrap().values() {
            vocabulary.insert(words["th"].as_str().unwrap().to_string());
            vocabulary.insert(words["en"].as_str().unwrap().to_string());
        }
    }
    assert!(vocabulary.contains("Improving") && vocabulary.contains("ทรงตัว"));
    // Pages, briefs and legends show only those words.
    let mut seen = 0;
    for page in html_pages(files) {
        for words in shown_statuses(&read(out, page)) {
            assert!(
                vocabulary.contains(&words),
                "{page}: status '{words}' is not one of progress.json's words"
            );
            seen += 1;
        }
    }
    assert!(seen > 1000, "only {seen} statuses seen");
    // The methodology page names every status with the same words, in both languages.
    for lang in ["th", "en"] {
        let html = read(out, &format!("{lang}/methodology/index.html"));
        for basis in labels.as_object().unwrap().values() {
            for words in basis.as_object().unwrap().values() {
                let label = words[lang].as_str().unwrap();
                assert!(
                    html.contains(label),
                    "{lang} methodology does not name '{label}'"
                );
            }
        }
    }
    // Briefs show statuses in the same words.
    let brief = read(out, "en/briefs/th-21/index.html");
    assert!(
        shown_statuses(&brief)
            .iter()
            .all(|w| vocabulary.contains(w))
    );
    assert!(!shown_statuses(&brief).is_empty());
}

/// A brand colour in `site.toml` changes the header, navigation and headline figures without a
/// copied style sheet; one too light for text is refused where it is written, with its contrast.
#[test]
fn a_brand_colour_is_applied_and_a_too_light_one_is_refused() {
    let toml = std::fs::read_to_string(common::fixture("mini").join("site.toml")).unwrap();
    let blue = format!("{toml}\n[look]\nbrand = \"#1d4ed8\"\n");
    let site = common::mini_with(&[("site.toml", blue.as_bytes())]);
    let mut diags = Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    for page in ["th/index.html", "en/areas/index.html", "404.html"] {
        let html = String::from_utf8(files[page].clone()).unwrap();
        assert!(html.contains(":root { --brand: #1d4ed8; }"), "{page}");
    }
    let brief = files
        .keys()
        .find(|p| p.starts_with("th/briefs/"))
        .expect("a brief");
    let brief = String::from_utf8(files[brief].clone()).unwrap();
    assert!(brief.contains(":root { --brand: #1d4ed8; }"), "brief");
    // The navigation is a shade of the brand, not a fixed green.
    let css = String::from_utf8(files["static/style.css"].clone()).unwrap();
    assert!(css.contains("color-mix(in srgb, var(--brand) 80%, #000)"));

    let pale = format!("{toml}\n[look]\nbrand = \"#7fd1a8\"\n");
    let line = pale.lines().count() as u64;
    let site = common::mini_with(&[("site.toml", pale.as_bytes())]);
    let d = common::only(&common::check(site.path()), "bad-config");
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        ("site.toml", Some(line), Some(10)),
        "{d}"
    );
    assert!(
        d.message.contains("too light") && d.message.contains(":1"),
        "{d}"
    );
    assert_eq!(d.value.as_deref(), Some("#7fd1a8"));
    // Without [look], nothing is added: the built-in look is the style sheet's.
    let plain = common::mini_with(&[]);
    let mut diags = Diagnostics::new();
    let loaded = ecotown::build::load(plain.path(), &mut diags).expect("loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let home = String::from_utf8(files["th/index.html"].clone()).unwrap();
    assert!(!home.contains("--brand:"));
}

/// The charts' colours are the site's: `[look] series` and `target` recolour every chart, on the
/// page and in its SVG download, and a series colour too pale for a graphic on white is refused.
#[test]
fn chart_colours_come_from_the_site_and_a_too_pale_one_is_refused() {
    let toml = std::fs::read_to_string(common::fixture("mini").join("site.toml")).unwrap();
    let look = format!("{toml}\n[look]\nseries = \"#1d4ed8\"\ntarget = \"#b00020\"\n");
    let site = common::mini_with(&[("site.toml", look.as_bytes())]);
    let mut diags = Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let svgs: Vec<&String> = files.keys().filter(|p| p.ends_with(".svg")).collect();
    assert!(!svgs.is_empty());
    let mut targets = 0;
    for path in &svgs {
        let svg = String::from_utf8(files[*path].clone()).unwrap();
        assert!(
            !svg.contains("#0072B2") && !svg.contains("#D55E00"),
            "{path}"
        );
        targets += usize::from(svg.contains("#B00020"));
    }
    assert!(
        targets > 0,
        "some chart draws a target in the site's colour"
    );
    let page = files
        .keys()
        .find(|p| p.starts_with("en/indicators/") && p.ends_with("index.html"));
    let page = String::from_utf8(files[page.unwrap()].clone()).unwrap();
    assert!(page.contains("#1D4ED8") && !page.contains("#0072B2"));

    let pale = format!("{toml}\n[look]\nseries = \"#9ecae1\"\n");
    let site = common::mini_with(&[("site.toml", pale.as_bytes())]);
    let d = common::only(&common::check(site.path()), "bad-config");
    assert!(d.message.contains("'series' #9ecae1 is too light"), "{d}");
    assert!(
        d.message.contains("3:1") && d.hint.as_deref().unwrap().contains("#0072b2"),
        "{d}"
    );
}

/// Counts and phases in the interface texts come from the data: a province added in phase 2 makes
/// the lists say so, in both languages, with no change to the strings.
#[test]
fn counts_and_phases_follow_the_data() {
    let mini = |rel: &str| std::fs::read_to_string(common::fixture("mini").join(rel)).unwrap();
    let provinces = format!("{}TH-50,เชียงใหม่,Chiang Mai\n", mini("data/provinces.csv"));
    let areas = format!(
        "{}chiang-mai-nong-phueng,TH-50,ตำบลหนองผึ้ง,Tambon Nong Phueng,2\n",
        mini("data/areas.csv")
    );
    let site = common::mini_with(&[
        ("data/provinces.csv", provinces.as_bytes()),
        ("data/areas.csv", areas.as_bytes()),
    ]);
    let (n_provinces, n_areas) = (provinces.lines().count() - 1, areas.lines().count() - 1);
    let mut diags = Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    assert!(
        page("en/provinces/index.html").contains(&format!(
            "The {n_provinces} phases 1 and 2 target provinces"
        )),
        "English provinces lead"
    );
    assert!(
        page("th/areas/index.html").contains(&format!("{n_areas} พื้นที่เป้าหมายระยะที่ 1 และ 2")),
        "Thai areas lead"
    );
    assert!(page("en/index.html").contains(&format!("{n_provinces} provinces, {n_areas} areas")));
    // Each area says which phase it joined in, on its page and in the lists.
    assert!(page("en/areas/chiang-mai-nong-phueng/index.html").contains(" · Phase 2</p>"));
    assert!(page("th/areas/index.html").contains(" · ระยะที่ 2</span>"));
}

/// A logo from the site's own theme folder stands before its name in every page's header (alt=""
/// since the name beside it says what it is); a logo that is not there is refused at its line.
#[test]
fn a_logo_is_shown_and_a_missing_one_is_refused() {
    let toml = std::fs::read_to_string(common::fixture("mini").join("site.toml")).unwrap();
    let with_logo = format!("{toml}\n[look]\nlogo = \"static/diw-logo.svg\"\n");
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>";
    let site = common::mini_with(&[
        ("site.toml", with_logo.as_bytes()),
        ("templates/static/diw-logo.svg", svg),
    ]);
    let mut diags = Diagnostics::new();
    let out = site.path().join("site");
    let (_, files) = ecotown::build::render(site.path(), &out, &mut diags).unwrap_or_else(|| {
        panic!(
            "{:?}",
            diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        )
    });
    let home = String::from_utf8(files["th/index.html"].clone()).unwrap();
    assert!(home.contains("<img class=\"site-logo\" src=\"../static/diw-logo.svg\" alt=\"\">"));
    assert!(files.contains_key("static/diw-logo.svg"));

    let missing = common::mini_with(&[("site.toml", with_logo.as_bytes())]);
    let d = common::only(&common::check(missing.path()), "bad-config");
    let line = with_logo.lines().count() as u64;
    assert_eq!((d.line, d.column), (Some(line), Some(9)), "{d}");
    assert_eq!(d.value.as_deref(), Some("static/diw-logo.svg"));
}

/// Every chart has an embed page in each language: twins with their own `lang`, canonical and
/// hreflang addresses, a link back into the site, the licence, and the sample's words; framed
/// elsewhere, so not in the sitemap and not indexed.
#[test]
fn every_chart_has_an_embed_page_in_both_languages() {
    let (out, files) = sample();
    let charts = files
        .iter()
        .filter(|f| f.starts_with("charts/") && f.ends_with("-th.svg"))
        .count();
    let embeds: Vec<&String> = files
        .iter()
        .filter(|f| f.starts_with("th/embed/") && f.ends_with("index.html"))
        .collect();
    assert_eq!(embeds.len(), charts, "one embed per chart");
    let sitemap = read(out, "sitemap.xml");
    assert!(!sitemap.contains("/embed/"));
    for page in embeds {
        let twin = format!("en{}", &page[2..]);
        assert!(files.contains(&twin), "{page}: no twin");
        for (path, lang, sample) in [(page, "th", "ข้อมูลตัวอย่าง"), (&twin, "en", "sample data")]
        {
            let html = read(out, path);
            assert!(
                html.contains(&format!("<html lang=\"{lang}\">")),
                "{path}: lang"
            );
            assert!(
                html.contains("<meta name=\"robots\" content=\"noindex\">"),
                "{path}"
            );
            assert!(html.contains("hreflang=\"th\"") && html.contains("hreflang=\"en\""));
            assert!(html.contains("rel=\"license\""), "{path}: licence");
            assert!(html.contains("class=\"embed-back\""), "{path}: link back");
            assert!(
                html.contains(sample),
                "{path}: does not say the data are a sample"
            );
            assert!(html.contains("class=\"chart chart-"), "{path}: no chart");
        }
    }
}
