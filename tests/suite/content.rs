//! Narratives on the mini site: file names, front matter, shortcodes in both languages, the
//! Markdown rules, and every diagnostic with its exact location, value and hint.

use crate::common;

use ecotown::content::{Content, NarrativeKey};
use ecotown::data::Lang;
use ecotown::diagnostics::{Diagnostic, Diagnostics, Severity};
use ecotown::i18n::Strings;

fn strings() -> Strings {
    let map = |pairs: [(&str, &str); 6]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    Strings {
        th: map([
            ("status_provisional", "เบื้องต้น"),
            ("status_estimated", "ประมาณการ"),
            ("shortcode_level", "ระดับ {level}"),
            ("shortcode_tonnes", "{n} ตัน/ปี"),
            ("shortcode_co2e", "{n} ตันคาร์บอนไดออกไซด์เทียบเท่า/ปี"),
            ("shortcode_pairs", "{n} คู่โรงงาน"),
        ]),
        en: map([
            ("status_provisional", "provisional"),
            ("status_estimated", "estimated"),
            ("shortcode_level", "level {level}"),
            ("shortcode_tonnes", "{n} t/yr"),
            ("shortcode_co2e", "{n} t CO₂e/yr"),
            ("shortcode_pairs", "{n} factory pairs"),
        ]),
    }
}

/// The mini site with extra files, loaded: data (which must be clean) and content.
struct Site {
    _dir: tempfile::TempDir,
    content: Content,
    diags: Diagnostics,
}

fn site(files: &[(&str, &str)]) -> Site {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    load(common::mini_with(&bytes))
}

fn load(dir: tempfile::TempDir) -> Site {
    let mut data_diags = Diagnostics::new();
    let data = ecotown::data::load_dataset(dir.path(), &mut data_diags);
    assert!(!data_diags.has_errors(), "mini data: {:?}", data_diags);
    let mut diags = Diagnostics::new();
    let content = Content::load(dir.path(), &data, &strings(), &mut diags);
    Site {
        _dir: dir,
        content,
        diags,
    }
}

/// The mini observations with some rows edited.
fn observations_with(edits: &[(&str, &str)]) -> String {
    let path = common::fixture("mini").join("data/observations.csv");
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    text
}

impl Site {
    fn html(&self, key: NarrativeKey, lang: Lang) -> String {
        let narrative = self.content.get(&key, lang).expect("narrative");
        narrative.rendered.html.clone()
    }

    /// Warnings and errors only (the mini site lacks most narratives, which are notes).
    fn problems(&self) -> Vec<String> {
        let serious = self.diags.iter().filter(|d| d.severity != Severity::Note);
        serious.map(|d| d.to_string()).collect()
    }
}

fn both(key: &str, body: &str) -> Vec<(String, String)> {
    ["th", "en"]
        .iter()
        .map(|l| (format!("content/{key}.{l}.md"), body.to_string()))
        .collect()
}

fn site_owned(files: Vec<(String, String)>) -> Site {
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    site(&borrowed)
}

fn assert_diag(
    d: &Diagnostic,
    file: &str,
    at: Option<(u64, u64)>,
    value: Option<&str>,
    hint: &str,
) {
    assert_eq!(d.file, file, "{d}");
    assert_eq!(
        (d.line, d.column),
        at.map_or((None, None), |(l, c)| (Some(l), Some(c))),
        "{d}"
    );
    assert_eq!(d.value.as_deref(), value, "{d}");
    assert_eq!(d.hint.as_deref(), Some(hint), "{d}");
}

const PAGE_TH: &str = "content/pages/about.th.md";

#[test]
fn front_matter_and_body_are_read() {
    let s = site(&[
        (
            PAGE_TH,
            "\u{FEFF}+++\ntitle = \"เกี่ยวกับ\"\ndescription = \"คำอธิบาย\"\n+++\n\nเนื้อหา\n",
        ),
        ("content/pages/about.en.md", "No front matter\n"),
    ]);
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let key = NarrativeKey::Page("about".into());
    let th = s.content.get(&key, Lang::Th).unwrap();
    assert_eq!(
        (th.title.as_deref(), th.description.as_deref()),
        (Some("เกี่ยวกับ"), Some("คำอธิบาย"))
    );
    assert_eq!(
        (th.body.as_str(), th.body_line, th.file.as_str()),
        ("\nเนื้อหา\n", 5, PAGE_TH)
    );
    let en = s.content.get(&key, Lang::En).unwrap();
    assert_eq!(
        (en.title.as_ref(), en.body_line, en.lang),
        (None, 1, Lang::En)
    );
    assert_eq!(s.content.pages(), ["about"]);
}

#[test]
fn unknown_front_matter_key() {
    let s = site(&[(
        PAGE_TH,
        "+++\ntitle = \"ก\"\ndescripton = \"ข\"\n+++\nเนื้อหา\n",
    )]);
    let d = common::only(&s.diags, "unknown-front-matter-key");
    assert_diag(
        &d,
        PAGE_TH,
        Some((3, 1)),
        Some("descripton"),
        "did you mean 'description'? front matter keys are title, description, brief_indicators",
    );
    // The body is still there, so its page can be checked further.
    assert!(
        s.content
            .get(&NarrativeKey::Page("about".into()), Lang::Th)
            .is_some()
    );
}

#[test]
fn unclosed_front_matter() {
    let s = site(&[(PAGE_TH, "+++\ntitle = \"ก\"\n\nเนื้อหา\n")]);
    let d = common::only(&s.diags, "unclosed-front-matter");
    assert_diag(
        &d,
        PAGE_TH,
        Some((1, 1)),
        Some("+++"),
        "end the front matter with a line holding only +++, before the text begins",
    );
    assert!(s.content.pages().is_empty());
}

#[test]
fn narrative_for_an_unknown_area() {
    let s = site(&[("content/areas/songkhla-sadoa.en.md", "Text\n")]);
    let d = common::only(&s.diags, "unknown-narrative-target");
    assert_eq!(d.severity, Severity::Error);
    let hint = "did you mean 'songkhla-sadao'? the name must match an id in data/areas.csv";
    assert_diag(
        &d,
        "content/areas/songkhla-sadoa.en.md",
        None,
        Some("songkhla-sadoa"),
        hint,
    );
    let s = site(&[("content/provinces/th-99.th.md", "Text\n")]);
    let d = common::only(&s.diags, "unknown-narrative-target");
    assert_eq!(
        d.message,
        "there is no province 'th-99' in data/provinces.csv"
    );
}

#[test]
fn other_files_folders_and_dotfiles() {
    let s = site(&[
        ("content/notes.txt", "x"),
        ("content/area/rayong-map-ta-phut.th.md", "x"),
        ("content/.DS_Store", "x"),
        ("content/pages/.draft.en.md", "x"),
    ]);
    let found: Vec<_> = s
        .diags
        .iter()
        .filter(|d| d.code == "unknown-content-file")
        .collect();
    assert_eq!(found.len(), 2, "{:?}", s.problems());
    assert_eq!(
        (found[0].file.as_str(), found[0].value.as_deref()),
        ("content/area", Some("area"))
    );
    let hint = found[0].hint.as_deref().unwrap();
    assert!(
        hint.starts_with("did you mean content/areas/? narratives are named"),
        "{hint}"
    );
    assert_eq!(
        (found[1].file.as_str(), found[1].value.as_deref()),
        ("content/notes.txt", Some("notes.txt"))
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_refused() {
    let dir = common::mini_with(&[]);
    let outside = dir.path().join("secret.en.md");
    std::fs::write(&outside, "secret").unwrap();
    std::fs::create_dir_all(dir.path().join("content/pages")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.path().join("content/pages/secret.en.md")).unwrap();
    let s = load(dir);
    let d = common::only(&s.diags, "symlink-in-content");
    assert_eq!(
        (d.file.as_str(), d.severity),
        ("content/pages/secret.en.md", Severity::Error)
    );
    assert!(s.content.pages().is_empty());
}

#[test]
fn missing_narratives_and_fallbacks() {
    let s = site(&[("content/areas/songkhla-chalung.th.md", "ข้อความ\n")]);
    let notes: Vec<_> = s
        .diags
        .iter()
        .filter(|d| d.code == "missing-narrative")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "content/provinces/th-21.th.md",
            "content/provinces/th-90.th.md",
            "content/areas/rayong-map-ta-phut.th.md",
            "content/areas/songkhla-sadao.th.md"
        ]
    );
    let d = common::only(&s.diags, "narrative-fallback");
    assert_eq!(d.severity, Severity::Warning);
    let hint = "write content/areas/songkhla-chalung.en.md; until then the Thai text is shown on English pages, marked";
    assert_diag(&d, "content/areas/songkhla-chalung.th.md", None, None, hint);
    let key = NarrativeKey::Area("songkhla-chalung".into());
    assert_eq!(s.content.get(&key, Lang::En).unwrap().lang, Lang::Th);
}

const SHORTCODES: &str = "+++\ntitle = \"x\"\n+++\n\
    A {{ latest(area=\"rayong-map-ta-phut\", indicator=\"energy-intensity\") }}\n\n\
    B {{ latest(area=\"rayong-map-ta-phut\", indicator=\"water-reuse\") }}\n\n\
    C {{ latest(area=\"rayong-map-ta-phut\", indicator=\"community-complaints\") }}\n\n\
    D {{ latest(area=\"songkhla-sadao\", indicator=\"water-reuse\") }}\n\n\
    E {{ factories(measure=\"total\") }} {{ factories(measure=\"upgraded\") }} {{ factories(measure=\"remaining\") }} {{ factories(measure=\"percent\") }}\n\n\
    F {{ factories(area=\"rayong-map-ta-phut\", measure=\"total\") }} {{ factories(measure=\"percent\", area=\"rayong-map-ta-phut\") }}\n\n\
    G {{ factories(province=\"th-90\", measure=\"upgraded\") }} {{ factories(province=\"TH-90\", measure=\"remaining\") }} {{ factories(province=\"TH-90\", measure=\"percent\") }}\n\n\
    H {{ level(area=\"songkhla-chalung\") }}\n";

fn shortcode_site() -> Site {
    let observations = observations_with(&[
        (
            "rayong-map-ta-phut,community-complaints,2021,25,provisional",
            "rayong-map-ta-phut,community-complaints,2021,,final",
        ),
        (
            "songkhla-sadao,water-reuse,2021,37.0,provisional",
            "songkhla-sadao,water-reuse,2021,37.0,estimated",
        ),
    ]);
    let mut files = both("pages/figures", SHORTCODES);
    files.push(("data/observations.csv".into(), observations));
    site_owned(files)
}

#[test]
fn shortcodes_in_english() {
    let s = shortcode_site();
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let html = s.html(NarrativeKey::Page("figures".into()), Lang::En);
    let expected = "<p>A 687.0 kWh per tonne of product (FY2021, provisional)</p>\n\
        <p>B 35.0% (FY2021, provisional)</p>\n\
        <p>C 28 complaints/yr (FY2020)</p>\n\
        <p>D 37.0% (FY2021, estimated)</p>\n\
        <p>E 440 177 263 40.2%</p>\n\
        <p>F 300 23.3%</p>\n\
        <p>G 107 33 76.4%</p>\n\
        <p>H level 3</p>\n";
    assert_eq!(html, expected);
}

#[test]
fn shortcodes_in_thai_use_buddhist_era_years() {
    let s = shortcode_site();
    let html = s.html(NarrativeKey::Page("figures".into()), Lang::Th);
    let expected = "<p>A 687.0 กิโลวัตต์ชั่วโมงต่อตันผลิตภัณฑ์ (ปีงบประมาณ 2564, เบื้องต้น)</p>\n\
        <p>B ร้อยละ 35.0 (ปีงบประมาณ 2564, เบื้องต้น)</p>\n\
        <p>C 28 เรื่องต่อปี (ปีงบประมาณ 2563)</p>\n\
        <p>D ร้อยละ 37.0 (ปีงบประมาณ 2564, ประมาณการ)</p>\n\
        <p>E 440 177 263 40.2%</p>\n\
        <p>F 300 23.3%</p>\n\
        <p>G 107 33 76.4%</p>\n\
        <p>H ระดับ 3</p>\n";
    assert_eq!(html, expected);
}

#[test]
fn shortcodes_follow_the_narrative_language_on_fallback_pages() {
    let s = site(&[(PAGE_TH, "{{ level(area=\"songkhla-sadao\") }}\n")]);
    let html = s.html(NarrativeKey::Page("about".into()), Lang::En);
    assert_eq!(html, "<p>ระดับ 3</p>\n");
}

#[test]
fn shortcode_output_cannot_inject_markup() {
    let indicators = std::fs::read_to_string(common::fixture("mini").join("data/indicators.csv"))
        .unwrap()
        .replace(
            ",ร้อยละ,%,",
            ",ร้อยละ,\"<img src=x onerror=alert(1)> *x* [l](javascript:y) | `c`\",",
        );
    let s = site(&[
        ("data/indicators.csv", &indicators),
        (
            PAGE_TH,
            "| v |\n|---|\n| {{ latest(area=\"songkhla-sadao\", indicator=\"water-reuse\") }} |\n",
        ),
    ]);
    let html = s.html(NarrativeKey::Page("about".into()), Lang::En);
    assert!(
        !html.contains("<img")
            && !html.contains("<a ")
            && !html.contains("<em>")
            && !html.contains("<code>"),
        "{html}"
    );
    assert!(
        html.contains("<td>ร้อยละ 37.0 (ปีงบประมาณ 2564, เบื้องต้น)</td>"),
        "{html}"
    );
    let s = site(&[
        ("data/indicators.csv", &indicators),
        (
            "content/pages/about.en.md",
            "{{ latest(area=\"songkhla-sadao\", indicator=\"water-reuse\") }}\n",
        ),
    ]);
    let html = s.html(NarrativeKey::Page("about".into()), Lang::En);
    assert_eq!(
        html,
        "<p>37.0 &lt;img src=x onerror=alert(1)&gt; *x* [l](javascript:y) | `c` (FY2021, provisional)</p>\n"
    );
}

const ERRORS: &str = "+++\ntitle = \"ข้อผิดพลาด\"\n+++\n\
    a {{ lates(area=\"rayong-map-ta-phut\", indicator=\"water-reuse\") }}\n\
    b {{ latest(area=\"rayong-map-ta-phut\") }}\n\
    c {{ level(area=\"rayong-map-ta-phut\", year=\"2021\") }}\n\
    d {{ level(area=rayong-map-ta-phut) }}\n\
    e {{ level(area=\"rayong-map-taphut\") }}\n\
    f {{ latest(area=\"songkhla-sadao\", indicator=\"community-complaints\") }}\n\
    ระยอง {{ level(area=\"x\" }}\n\
    h {{ factories(measure=\"all\") }} {{ factories(measure=\"total\", area=\"songkhla-sadao\", province=\"TH-90\") }}\n\
    i {{ latest(area=\"songkhla-sadao\", indicator=\"water-reus\") }} {{ factories(province=\"TH-91\", measure=\"total\") }}\n\
    j \\{{ literal }} {{ level(area=\"songkhla-sadao\"\n\
    \n\
    k\n";

fn error_site() -> Site {
    let blank = |year: i32, value: i32| {
        (
            format!("songkhla-sadao,community-complaints,{year},{value},"),
            format!("songkhla-sadao,community-complaints,{year},,"),
        )
    };
    let edits: Vec<(String, String)> = (2016..=2021)
        .zip([42, 39, 36, 33, 30, 27])
        .map(|(y, v)| blank(y, v))
        .collect();
    let edits: Vec<(&str, &str)> = edits
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut files = both("pages/errors", ERRORS);
    files.truncate(1);
    files.push(("content/pages/errors.en.md".into(), "ok\n".into()));
    files.push(("data/observations.csv".into(), observations_with(&edits)));
    site_owned(files)
}

const ERRORS_FILE: &str = "content/pages/errors.th.md";

#[test]
fn shortcode_name_and_argument_errors() {
    let s = error_site();
    let d = common::only(&s.diags, "unknown-shortcode");
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((4, 6)),
        Some("lates"),
        "did you mean 'latest'? shortcodes are latest, factories, level and symbiosis",
    );
    let d = common::only(&s.diags, "missing-shortcode-argument");
    let value = "{{ latest(area=\"rayong-map-ta-phut\") }}";
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((5, 3)),
        Some(value),
        "add indicator=\"…\": {{ latest(area=\"…\", indicator=\"…\") }}",
    );
    let d = common::only(&s.diags, "unknown-shortcode-argument");
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((6, 39)),
        Some("year"),
        "level takes area",
    );
    let d = common::only(&s.diags, "shortcode-argument-type");
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((7, 17)),
        Some("rayong-map-ta-phut"),
        "put the value in double quotes: area=\"rayong-map-ta-phut\"",
    );
    let d = common::only(&s.diags, "bad-shortcode");
    assert_eq!(d.message, "expected , or ) after an argument");
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((10, 25)),
        Some("}}"),
        "write it as {{ level(area=\"…\") }}",
    );
}

#[test]
fn shortcode_reference_and_data_errors() {
    let s = error_site();
    let refs: Vec<_> = s
        .diags
        .iter()
        .filter(|d| d.code == "unknown-reference")
        .collect();
    assert_eq!(refs.len(), 3, "{:?}", s.problems());
    let hint = "did you mean 'rayong-map-ta-phut'? ids must match data/areas.csv exactly";
    assert_diag(
        refs[0],
        ERRORS_FILE,
        Some((8, 17)),
        Some("rayong-map-taphut"),
        hint,
    );
    let hint = "did you mean 'water-reuse'? ids must match data/indicators.csv exactly";
    assert_diag(
        refs[1],
        ERRORS_FILE,
        Some((12, 46)),
        Some("water-reus"),
        hint,
    );
    let hint = "did you mean 'TH-90'? ids must match data/provinces.csv exactly";
    assert_diag(refs[2], ERRORS_FILE, Some((12, 85)), Some("TH-91"), hint);
    let d = common::only(&s.diags, "no-data");
    assert_eq!(d.severity, Severity::Warning);
    let value = "{{ latest(area=\"songkhla-sadao\", indicator=\"community-complaints\") }}";
    let hint = "add a value for songkhla-sadao × community-complaints to data/observations.csv; until then the page shows —";
    assert_diag(&d, ERRORS_FILE, Some((9, 3)), Some(value), hint);
    let d = common::only(&s.diags, "unknown-value");
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((11, 24)),
        Some("all"),
        "measure is one of: total, upgraded, remaining, percent",
    );
    let d = common::only(&s.diags, "conflicting-shortcode-arguments");
    let hint = "remove one: area=\"…\" counts one area, province=\"…\" all areas of a province";
    assert_diag(&d, ERRORS_FILE, Some((11, 96)), Some("TH-90"), hint);
    let d = common::only(&s.diags, "unterminated-shortcode");
    let hint = "end it with }} in the same paragraph, or write \\{{ to show the braces as text";
    assert_diag(
        &d,
        ERRORS_FILE,
        Some((13, 18)),
        Some("{{ level(area=\"songkhla-sadao\""),
        hint,
    );
}

#[test]
fn failed_shortcodes_render_a_dash_and_escaped_braces_are_literal() {
    let s = error_site();
    let html = s.html(NarrativeKey::Page("errors".into()), Lang::Th);
    assert!(
        html.contains(
            "a —\nb —\nc —\nd —\ne —\nf —\nระยอง —\nh — —\ni — —\nj {{ literal }} {{ level"
        ),
        "{html}"
    );
}

const MARKDOWN: &str = "+++\ntitle = \"T\"\n+++\n\
    # Upgrading factories\n\n\
    ## การยกระดับโรงงาน ระยะที่ 1\n\n\
    ## Upgrading factories\n\n\
    ## Data {#upgrading-factories-2}\n\n\
    <div onclick=\"x()\">Hi</div>\n\n\
    {{ level(area=\"songkhla-sadao\") }} [bad](javascript:alert(1)) [good](https://www.diw.go.th/)\n\n\
    | a | b |\n|---|---|\n| 1 | 2 |\n\n\
    Fact[^src].\n\n\
    [^src]: DIW.\n";

#[test]
fn markdown_ids_html_links_tables_and_footnotes() {
    let s = site(&[("content/pages/about.en.md", MARKDOWN)]);
    let html = s.html(NarrativeKey::Page("about".into()), Lang::En);
    for part in [
        "<h1 id=\"upgrading-factories\">Upgrading factories</h1>",
        "<h2 id=\"การยกระดับโรงงาน-ระยะที่-1\">การยกระดับโรงงาน ระยะที่ 1</h2>",
        "<h2 id=\"upgrading-factories-3\">Upgrading factories</h2>",
        "<h2 id=\"upgrading-factories-2\">Data</h2>",
        "<div>Hi</div>",
        "<p>level 3 <a href=\"#\" rel=\"noopener noreferrer\">bad</a> \
         <a href=\"https://www.diw.go.th/\" rel=\"noopener noreferrer\">good</a></p>",
        "<td>1</td><td>2</td>",
        "<sup class=\"footnote-reference\"><a href=\"#fn-src\" rel=\"noopener noreferrer\">1</a></sup>",
        "<div class=\"footnote-definition\" id=\"fn-src\">",
    ] {
        assert!(html.contains(part), "missing {part} in\n{html}");
    }
    let d = common::only(&s.diags, "unsafe-link");
    let hint = "link to an https:// address or to a page of this site";
    assert_diag(
        &d,
        "content/pages/about.en.md",
        Some((14, 36)),
        Some("javascript:alert(1)"),
        hint,
    );
    // Raw HTML is sanitised: the handler goes (and is reported), the element stays.
    let d = common::only(&s.diags, "raw-html");
    let hint = "narratives keep simple formatting HTML only (docs/authoring.md lists it): write \
        this in Markdown, or, if every author is trusted, set allow_raw_html = true under [content] \
        in site.toml";
    assert_diag(
        &d,
        "content/pages/about.en.md",
        Some((12, 6)),
        Some("onclick=\"x()\""),
        hint,
    );
}
