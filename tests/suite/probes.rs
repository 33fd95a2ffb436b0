//! Probes: hostile text planted in every text field of every input, and a check that none of it
//! survives as markup, script, formula or broken syntax in any file of the built site.
//!
//! The site is official and public, and its inputs are typed by many people, so any field may
//! hold something that would run in a reader's browser or spreadsheet, by accident (text pasted
//! from a web page) or not. Each field gets a marker (`PROBE-<file>-<field>`) and the payloads
//! below; the site is rendered in memory from the mini fixture and every output file is checked
//! for where its text lands: HTML (text and attributes), inline and standalone SVG, JSON, XML
//! (sitemap, Atom feeds) and CSV downloads (formula injection). Every marker must reach some
//! output, so a probe cannot pass by being silently dropped.
//!
//! The theme (`templates/`, including the interface strings) is not probed: a site's templates
//! are code, trusted like the tool itself, and can put any HTML on a page by design.
//!
//! The second half checks paths: ids that climb out of the site, absolute paths and symbolic
//! links leaving `content/` or `templates/` are refused with a diagnostic, and the writer never
//! writes outside the output folder.
//!
//! Long because every input field is probed and every output format checked.

use crate::common;
use crate::markup;

use std::collections::BTreeMap;
use std::path::Path;

use ecotown::diagnostics::Diagnostics;
use ecotown::output::SiteFiles;

/// What a probe carries after its marker: markup, script, broken-out attributes and CDATA,
/// pre-escaped text that must not be unescaped, and a template expression.
const PAYLOAD: &str = "<script>alert(1)</script> \"><img src=x onerror=alert(1)> \
    javascript:alert(1) </title><script>alert(2)</script> ]]> &lt;script&gt; \
    '><svg onload=alert(3)> {{ 7*7 }} \u{2028}";

/// The starts of a cell that a spreadsheet runs as a formula; probes cycle through them.
/// Full-width forms and the Unicode minus count: spreadsheets in Thai and CJK locales read them as
/// the ASCII operators. A tab or carriage return in front can hide an operator.
const FORMULA_STARTS: [&str; 11] = [
    "=HYPERLINK(\"http://evil.example\",\"x\") ",
    "+",
    "-",
    "@",
    "\t=",
    "\r=",
    "\u{ff1d}",
    "\u{ff0b}",
    "\u{ff0d}",
    "\u{ff20}",
    "\u{2212}",
];

/// What a cell must not start with once written, unless it is a number.
const RUNS_AS_FORMULA: [char; 11] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}', '\u{2212}',
];

/// The text fields of each CSV file (every column that is not an id, code, number or choice).
const TEXT_COLUMNS: [(&str, &[&str]); 4] = [
    ("data/provinces.csv", &["name_th", "name_en"]),
    ("data/areas.csv", &["name_th", "name_en"]),
    (
        "data/indicators.csv",
        &[
            "name_th",
            "name_en",
            "unit_th",
            "unit_en",
            "source_th",
            "source_en",
        ],
    ),
    ("data/observations.csv", &["note_th", "note_en"]),
];

/// A probe: its marker, then the payload, starting with a formula character.
fn probe(marker: &str, index: usize) -> String {
    let start = FORMULA_STARTS[index % FORMULA_STARTS.len()];
    format!("{start}{marker} {PAYLOAD}")
}

/// Rewrites `text` (a CSV file) with `column` of every data row set to a probe; returns the file
/// and the markers planted.
fn plant_in_csv(
    file: &str,
    text: &str,
    columns: &[&str],
    counter: &mut usize,
) -> (String, Vec<String>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    let mut markers = Vec::new();
    let stem = file.trim_start_matches("data/").trim_end_matches(".csv");
    for (row_index, record) in reader.records().enumerate() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        for column in columns {
            let i = header.iter().position(|h| h == column).unwrap();
            // Notes on the first rows of each series are enough; names on every row.
            if file.ends_with("observations.csv") && row_index % 9 != 0 {
                continue;
            }
            let marker = format!("PROBE-{stem}-{column}-{row_index}");
            cells[i] = probe(&marker, *counter);
            *counter += 1;
            markers.push(marker);
        }
        writer.write_record(&cells).unwrap();
    }
    (
        String::from_utf8(writer.into_inner().unwrap()).unwrap(),
        markers,
    )
}

/// A TOML basic string holding `text`.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{2028}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn site_toml(markers: &mut Vec<String>) -> String {
    let mut field = |name: &str, index| {
        let marker = format!("PROBE-site-{name}");
        markers.push(marker.clone());
        toml_string(&probe(&marker, index))
    };
    format!(
        "base_url = \"https://x.go.th/a&b'c/\"\nsample = true\ndata_as_of = \"2021-09-30\"\n\
         licence = {}\n[title]\nth = {}\nen = {}\n[publisher]\nth = {}\nen = {}\n",
        field("licence", 0),
        field("title-th", 1),
        field("title-en", 2),
        field("publisher-th", 3),
        field("publisher-en", 0)
    )
}

/// A narrative with probes in its front matter, headings, body, links, raw HTML, tables and
/// around shortcodes.
fn narrative(marker: &str) -> String {
    format!(
        "+++\ntitle = {title}\ndescription = {description}\n+++\n\
        # {marker}-heading <script>alert(1)</script>\n\n\
        {marker}-body {body}\n\n\
        [click](javascript:alert(1)) [c2](JaVaScRiPt:alert(1)) [t](https://x.go.th/ \"\\\"><script>alert(1)</script>\")\n\
        <a href=\"javascript:alert(1)\">raw</a> <a href=\"&#106;avascript:alert(1)\">entity</a> \
        <a href=\"data:text/html,<script>alert(1)</script>\">data</a>\n\n\
        <div onmouseover=\"alert(1)\" style=\"background:url(javascript:alert(1))\">div</div>\n\n\
        <iframe src=\"https://evil.example/\"></iframe><form action=\"https://evil.example/\"><input name=x></form>\n\n\
        </div></main></body><script>alert(1)</script>\n\n\
        {{{{ level(area=\"rayong-map-ta-phut\") }}}}<script>alert(1)</script>\
        {{{{ latest(area=\"rayong-map-ta-phut\", indicator=\"energy-intensity\") }}}}</title>\n\n\
        | <script>alert(1)</script> | <img src=x onerror=alert(1)> |\n|---|---|\n| `<script>` | ]]> |\n\n\
        <svg onload=alert(1)><circle/></svg>\n\
        <math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>\n\
        <img src=\"data:image/svg+xml,<svg onload=alert(1)>\">\n\
        <object data=\"https://evil.example/x\"></object><embed src=\"https://evil.example/x\">\n\
        <base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n\
        <link rel=stylesheet href=\"https://evil.example/x.css\"><style>body{{display:none}}</style>\n",
        // `{{` opens a shortcode in a body; written `\{{` it is text, and stays text.
        body = PAYLOAD.replace("{{", "\\{{"),
        title = toml_string(&format!("{marker}-title {PAYLOAD}")),
        description = toml_string(&format!("{marker}-description {PAYLOAD}")),
    )
}

const NARRATIVES: [&str; 6] = [
    "content/index.en.md",
    "content/areas/rayong-map-ta-phut.en.md",
    "content/areas/rayong-map-ta-phut.th.md",
    "content/provinces/th-21.th.md",
    "content/indicators/energy-intensity.en.md",
    "content/pages/probe.en.md",
];

/// The mini site with probes everywhere, and the markers planted.
fn probed_site() -> (tempfile::TempDir, Vec<String>) {
    let site = common::copy_site(&common::fixture("mini"));
    let mut markers = Vec::new();
    let mut counter = 0;
    for (file, columns) in TEXT_COLUMNS {
        let text = std::fs::read_to_string(site.path().join(file)).unwrap();
        let (planted, planted_markers) = plant_in_csv(file, &text, columns, &mut counter);
        std::fs::write(site.path().join(file), planted).unwrap();
        markers.extend(planted_markers);
    }
    std::fs::write(site.path().join("site.toml"), site_toml(&mut markers)).unwrap();
    for (i, file) in NARRATIVES.iter().enumerate() {
        let marker = format!("PROBE-narrative-{i}");
        let path = site.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, narrative(&marker)).unwrap();
        for part in ["title", "description", "heading", "body"] {
            markers.push(format!("{marker}-{part}"));
        }
    }
    (site, markers)
}

/// Renders the site in memory as a build would, up to (not including) the check of the finished
/// site: that check judges links and accessibility, while this test judges what escaped.
fn render(root: &Path) -> SiteFiles {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(root, &mut diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    let mut site =
        site.unwrap_or_else(|| panic!("the probed site must load:\n{}", errors.join("\n")));
    let date = site.built.to_string();
    site.updates =
        ecotown::updates::log_for_build(root, &root.join("site"), &site.data, &date, &mut diags);
    let files = ecotown::render::render_site(&site, &mut diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    files.unwrap_or_else(|| panic!("the probed site must render:\n{}", errors.join("\n")))
}

fn probed() -> &'static (SiteFiles, Vec<String>) {
    static PROBED: std::sync::OnceLock<(SiteFiles, Vec<String>)> = std::sync::OnceLock::new();
    PROBED.get_or_init(|| {
        let (site, markers) = probed_site();
        (render(site.path()), markers)
    })
}

fn text_files(files: &SiteFiles, extensions: &[&str]) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, _)| extensions.iter().any(|e| path.ends_with(e)))
        .map(|(path, bytes)| (path.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect()
}

#[test]
fn every_probe_reaches_the_site() {
    let (files, markers) = probed();
    let all: Vec<String> = text_files(files, &[".html", ".svg", ".xml", ".json", ".csv", ".txt"])
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let missing: Vec<&String> = markers
        .iter()
        .filter(|m| !all.iter().any(|text| text.contains(m.as_str())))
        .collect();
    // Notes of observations appear only where their value is shown, and only free pages take
    // their title from the front matter (others are named by the data); every other field must.
    let missing: Vec<&&String> = missing
        .iter()
        .filter(|m| !m.contains("-note_"))
        .filter(|m| !m.ends_with("-title") || m.starts_with("PROBE-narrative-5"))
        .collect();
    assert!(
        missing.is_empty(),
        "these probes reached no output: {missing:?}"
    );
}

#[test]
fn no_markup_from_input_survives_in_html_svg_or_xml() {
    let (files, _) = probed();
    let mut problems = Vec::new();
    for (path, text) in text_files(files, &[".html", ".svg", ".xml"]) {
        let scripts = text.to_ascii_lowercase().matches("<script").count();
        let own = (markup::tags(&text).iter())
            .filter(|t| t.name == "script" && markup::is_own_script(t))
            .count();
        if scripts > own {
            problems.push(format!("{path}: a <script> element"));
        }
        for danger in markup::dangers(&text) {
            problems.push(format!("{path}: {danger}"));
        }
        for tag in markup::tags(&text) {
            // A page's description is text built from the data (names included), never loaded.
            let description = tag.name == "meta"
                && tag
                    .attributes
                    .iter()
                    .any(|(n, v)| n == "name" && v == "description");
            for (name, value) in &tag.attributes {
                let loads = match name.as_str() {
                    "href" | "src" | "action" | "data" => true,
                    "content" => !description,
                    _ => false,
                };
                if loads && value.contains("evil.example") {
                    problems.push(format!("{path}: <{} {name}=\"{value}\">", tag.name));
                }
                if tag.name == "meta" && name == "http-equiv" {
                    problems.push(format!("{path}: <meta http-equiv>"));
                }
            }
            if matches!(
                tag.name.as_str(),
                "style" | "link" | "meta" | "math" | "svg"
            ) && tag.attributes.iter().any(|(n, _)| n.starts_with("on"))
            {
                problems.push(format!("{path}: <{}> with a handler", tag.name));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn pages_keep_their_structure() {
    // A narrative's `</div></main></body>` and a name's `</title>` cannot close the template's
    // elements: each page still has one head with one <title>, one <main> and one </html>.
    let (files, _) = probed();
    for (path, text) in text_files(files, &[".html"]) {
        let (head, body) = text
            .split_once("</head>")
            .unwrap_or_else(|| panic!("{path}: no </head>"));
        assert_eq!(
            head.matches("<title").count(),
            1,
            "{path}: <title> in <head>"
        );
        let title = head
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next());
        assert!(
            title.is_some_and(|t| !t.contains('<')),
            "{path}: markup inside <title>: {title:?}"
        );
        assert_eq!(body.matches("</body>").count(), 1, "{path}: </body>");
        assert_eq!(body.matches("</html>").count(), 1, "{path}: </html>");
        if !path.ends_with("404.html") {
            assert_eq!(body.matches("<main").count(), 1, "{path}: <main>");
            assert_eq!(body.matches("</main>").count(), 1, "{path}: </main>");
        }
    }
}

#[test]
fn xml_and_svg_files_parse() {
    let (files, _) = probed();
    for (path, text) in text_files(files, &[".xml", ".svg"]) {
        if let Err(err) = roxmltree::Document::parse(&text) {
            panic!("{path} is not well-formed XML: {err}");
        }
    }
    let feeds = files.keys().filter(|p| p.ends_with("atom.xml")).count();
    assert!(feeds >= 2, "expected an Atom feed per language");
}

#[test]
fn inline_svg_parses_as_xml() {
    let (files, _) = probed();
    for (path, text) in text_files(files, &[".html"]) {
        let mut rest = text.as_str();
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").map(|e| start + e + 6);
            let Some(end) = end else {
                panic!("{path}: an <svg> that never ends");
            };
            let svg = &rest[start..end];
            // Inline SVG in HTML needs no namespace; roxmltree does.
            let svg = if svg.contains("xmlns=") {
                svg.to_string()
            } else {
                svg.replacen("<svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"", 1)
            };
            if let Err(err) = roxmltree::Document::parse(&svg) {
                panic!(
                    "{path}: inline SVG is not well-formed: {err}\n{}",
                    &svg[..svg.len().min(300)]
                );
            }
            rest = &rest[end..];
        }
    }
}

#[test]
fn json_files_parse_and_hold_probes_as_plain_text() {
    let (files, _) = probed();
    let mut strings = Vec::new();
    for (path, text) in text_files(files, &[".json"]) {
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"));
        collect_strings(&value, &mut strings);
    }
    let planted = format!("PROBE-areas-name_en-0 {}", PAYLOAD.trim_end());
    assert!(
        strings.iter().any(|s| s.contains(&planted)),
        "the probed area name is not in the JSON as plain text"
    );
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[test]
fn csv_downloads_neutralise_formulas() {
    let (files, _) = probed();
    let mut checked = 0;
    let mut in_charts = 0;
    for (path, text) in text_files(files, &[".csv"]) {
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.unwrap_or_else(|e| panic!("{path} is not valid CSV: {e}"));
            for cell in record.iter() {
                let runs = cell.starts_with(RUNS_AS_FORMULA);
                let number = cell.parse::<f64>().is_ok();
                assert!(!runs || number, "{path}: a formula in a cell: {cell:?}");
                if cell.contains("PROBE-") {
                    checked += 1;
                    in_charts += usize::from(path.starts_with("charts/"));
                    let planted = cell.trim_start_matches('\'').starts_with(RUNS_AS_FORMULA);
                    assert!(!planted || cell.starts_with('\''), "{path}: {cell:?}");
                }
            }
        }
    }
    assert!(checked > 0, "no probe reached a CSV download");
    assert!(in_charts > 0, "no probe reached a chart's CSV download");
}

// --- Paths ------------------------------------------------------------------------------------

/// The load diagnostics of the mini site with `areas.csv`'s third area renamed to `id`.
fn load_with_area_id(id: &str) -> Diagnostics {
    let text = std::fs::read_to_string(common::fixture("mini").join("data/areas.csv")).unwrap();
    let cell = if id.contains([',', '"']) {
        format!("\"{}\"", id.replace('"', "\"\""))
    } else {
        id.to_string()
    };
    let text = text.replace("songkhla-sadao,TH-90", &format!("{cell},TH-90"));
    let site = common::mini_with(&[("data/areas.csv", text.as_bytes())]);
    common::check(site.path())
}

#[test]
fn ids_that_are_paths_are_refused() {
    for id in [
        "..",
        "../../etc",
        "a/../../b",
        "/etc/passwd",
        "songkhla/sadao",
        "C:\\Windows",
        "%2e%2e",
        "a\0b",
        ".hidden",
        "songkhla-sadao ",
        "Songkhla-Sadao",
    ] {
        let diags = load_with_area_id(id);
        let found = diags.iter().any(|d| {
            d.code == "bad-id"
                && d.file == "data/areas.csv"
                && d.line == Some(4)
                && d.column == Some(1)
        });
        // A trailing space is trimmed away, so that id is valid; everything else is refused.
        if id == "songkhla-sadao " {
            assert!(!diags.has_errors(), "{id:?}");
        } else {
            assert!(
                found || diags.iter().any(|d| d.code == "nul-byte"),
                "{id:?} was not refused: {:?}",
                diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn narrative_names_that_are_paths_are_refused() {
    let site = common::mini_with(&[
        ("content/areas/a..b.en.md", b"x"),
        ("content/pages/sub/x.en.md", b"x"),
    ]);
    let diags = common::check(site.path());
    for file in ["content/areas/a..b.en.md", "content/pages/sub"] {
        assert!(
            diags
                .iter()
                .any(|d| d.code == "unknown-content-file" && d.file == file),
            "{file}: {:?}",
            diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
    }
}

/// A folder outside the site holding files a symbolic link could leak.
fn outside() -> tempfile::TempDir {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.en.md"), "SECRET").unwrap();
    std::fs::create_dir(outside.path().join("pages")).unwrap();
    std::fs::write(outside.path().join("pages/leak.en.md"), "SECRET").unwrap();
    std::fs::write(outside.path().join("base.html"), "SECRET").unwrap();
    outside
}

/// Loads `root`, which must fail, and returns every diagnostic as text, checking that nothing
/// from the outside folder was read.
fn load_refused(root: &Path) -> Vec<(String, String, bool)> {
    let mut diags = Diagnostics::new();
    assert!(
        ecotown::build::load(root, &mut diags).is_none(),
        "a site with symbolic links loaded"
    );
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(!all.iter().any(|d| d.contains("SECRET")), "{all:?}");
    diags
        .iter()
        .map(|d| (d.code.to_string(), d.file.clone(), d.is_error()))
        .collect()
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_content_are_refused() {
    let outside = outside();
    let site = common::copy_site(&common::fixture("mini"));
    let root = site.path();
    std::fs::create_dir_all(root.join("content/areas")).unwrap();
    let link = std::os::unix::fs::symlink;
    let file = root.join("content/areas/rayong-map-ta-phut.en.md");
    link(outside.path().join("secret.en.md"), file).unwrap();
    link(outside.path().join("pages"), root.join("content/pages")).unwrap();
    let found = load_refused(root);
    for file in ["content/areas/rayong-map-ta-phut.en.md", "content/pages"] {
        let expected = ("symlink-in-content".to_string(), file.to_string(), true);
        assert!(found.contains(&expected), "{file}: {found:?}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_leaving_templates_are_refused() {
    let outside = outside();
    let site = common::copy_site(&common::fixture("mini"));
    let root = site.path();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let target = outside.path().join("base.html");
    std::os::unix::fs::symlink(target, root.join("templates/base.html")).unwrap();
    let found = load_refused(root);
    let expected = (
        "symlink".to_string(),
        "templates/base.html".to_string(),
        true,
    );
    assert!(found.contains(&expected), "{found:?}");
}

#[test]
fn the_writer_never_leaves_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let mut good = SiteFiles::new();
    good.insert("index.html".into(), b"previous".to_vec());
    ecotown::output::publish(&out, &good).unwrap();
    for bad in [
        "../escaped.html",
        "/tmp/ecotown-escaped.html",
        "a/../../escaped.html",
        "",
    ] {
        let mut files: BTreeMap<String, Vec<u8>> = good.clone();
        files.insert(bad.to_string(), b"x".to_vec());
        assert!(
            ecotown::output::publish(&out, &files).is_err(),
            "{bad:?} was written"
        );
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"previous");
    }
    assert!(!dir.path().join("escaped.html").exists());
    assert!(!Path::new("/tmp/ecotown-escaped.html").exists());
    assert!(
        !dir.path().join("site.tmp").exists(),
        "staging folder left behind"
    );
}

#[test]
fn a_base_url_that_is_not_a_plain_address_is_refused() {
    let toml = std::fs::read_to_string(common::fixture("mini").join("site.toml")).unwrap();
    for url in [
        "https://x.go.th/\\\"><script>alert(1)</script>/",
        "https://x.go.th/ a/",
        "javascript:alert(1)//",
        "https://x.go.th/<b>/",
    ] {
        let text = toml.replacen(
            "\"https://ecotown.example.go.th/\"",
            &format!("\"{url}\""),
            1,
        );
        let site = common::mini_with(&[("site.toml", text.as_bytes())]);
        let diags = common::check(site.path());
        assert!(
            diags
                .iter()
                .any(|d| d.code == "bad-config" && d.line == Some(4)),
            "{url}: {:?}",
            diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
    }
}
