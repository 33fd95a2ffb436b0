//! Provincial briefs: the printable page of every province in both languages, its print style,
//! and `build --pdf`, which prints every brief to an A4 PDF of at most two pages with headless
//! Chromium, and publishes nothing when Chromium is missing or fails.
//!
//! The PDF test needs Chromium and poppler-utils (`pdfinfo`, `pdftotext`). Locally it skips with
//! a loud message when they are missing; in CI (`CI=true`) it fails instead, because `.ci/run`
//! installs them.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ecotown::build::{self, BuildError, BuildOptions};
use ecotown::data::{Dataset, Lang};
use ecotown::diagnostics::Diagnostics;
use ecotown::i18n::format;
use ecotown::pdf::{PdfError, PdfOptions};

/// What a brief must say about one province in one language.
struct Expected {
    lang: &'static str,
    code: String,
    name: String,
    total: String,
    upgraded: String,
    remaining: String,
}

fn expected(data: &Dataset) -> Vec<Expected> {
    let mut all = Vec::new();
    for lang in Lang::ALL {
        for p in &data.provinces {
            let latest: Vec<_> = data
                .areas_in(&p.code)
                .filter_map(|a| data.factories_of(&a.id).last())
                .collect();
            let total: u32 = latest.iter().map(|f| f.total).sum();
            let upgraded: u32 = latest.iter().map(|f| f.upgraded).sum();
            all.push(Expected {
                lang: lang.code(),
                code: p.code.to_lowercase(),
                name: p.name.get(lang).to_string(),
                total: format::integer(total.into()),
                upgraded: format::integer(upgraded.into()),
                remaining: format::integer((total - upgraded).into()),
            });
        }
    }
    all
}

fn sample_data() -> Dataset {
    build::load(&common::repo_root(), &mut Diagnostics::new())
        .expect("the sample loads")
        .data
}

fn build_into(root: &Path, out: &Path, options: &BuildOptions) -> Result<(), String> {
    let mut diags = Diagnostics::new();
    build::build_with(root, out, options, &mut diags).map_err(|err| {
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        format!("{err:?}\n{}", messages.join("\n"))
    })?;
    Ok(())
}

/// The sample built without PDFs, once for this file's tests.
fn sample() -> &'static Path {
    static SITE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        build_into(
            &common::repo_root(),
            &dir.path().join("site"),
            &BuildOptions::default(),
        )
        .unwrap();
        dir
    })
    .path()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_province_has_a_brief_in_both_languages_with_what_officers_need() {
    let site = sample().join("site");
    let data = sample_data();
    let briefs = expected(&data);
    assert_eq!(briefs.len(), 30);
    for b in &briefs {
        let page = format!("{}/briefs/{}/index.html", b.lang, b.code);
        let html = read(&site.join(&page));
        let (fiscal_year, as_of) = match b.lang {
            "th" => ("ปีงบประมาณ 2564", "30 กันยายน 2564"),
            _ => ("FY2021", "30 September 2021"),
        };
        let address = format!(
            "https://ecotown.example.go.th/{}/provinces/{}/",
            b.lang, b.code
        );
        for needle in [
            format!("<html lang=\"{}\">", b.lang).as_str(),
            &format!("<h1>{} ", b.name),
            b.total.as_str(),
            &b.upgraded,
            &b.remaining,
            fiscal_year,
            as_of,
            &format!("<a href=\"{address}\">{address}</a>"),
            "class=\"sample-banner\"",
            "class=\"lang-switch\"",
            "static/brief.css",
            "<svg role=\"img\"",
            "counter(page)",
            "brief-table brief-key",
            // A QR code to the province's page, whom to contact, and the rank among provinces.
            "<svg class=\"qr-code\"",
            &format!("aria-label=\"{address}\""),
            "mailto:ecotown@example.go.th",
            if b.lang == "th" {
                "จาก 15 จังหวัด"
            } else {
                "of 15 provinces"
            },
        ] {
            assert!(html.contains(needle), "{page} lacks {needle}");
        }
        // Key indicators: at most twelve rows, each with its last years drawn as a sparkline.
        let rows = html.matches("class=\"brief-indicator-name\"").count();
        assert!((4..=12).contains(&rows), "{page}: {rows} key indicators");
        assert!(
            html.matches("<svg class=\"sparkline\"").count() >= rows - 1,
            "{page}"
        );
        // Without --pdf nothing links to a PDF.
        assert!(!html.contains(".pdf\""), "{page} links to a PDF");
        let province = read(&site.join(format!("{}/provinces/{}/index.html", b.lang, b.code)));
        assert!(
            province.contains(&format!(
                "href=\"../../../{}/briefs/{}/index.html\"",
                b.lang, b.code
            )),
            "the province page of {} {} links to its brief",
            b.lang,
            b.code
        );
        assert!(!province.contains(".pdf\""));
    }
}

/// The significance rule on the sample: every indicator deteriorating in one of Rayong's areas is
/// on its brief (what the issue found missing: complaints, and the like), under "needs
/// attention", in both languages; then the largest improvements; and shares change in points.
#[test]
fn rayongs_brief_shows_its_worsening_indicators() {
    let data = sample_data();
    let progress = ecotown::progress::Progress::compute(&data);
    let areas: Vec<&str> = data.areas_in("TH-21").map(|a| a.id.as_str()).collect();
    let worsening: std::collections::BTreeSet<&str> = progress
        .series
        .iter()
        .filter(|s| areas.contains(&s.area_id.as_str()))
        .filter(|s| s.status == ecotown::progress::Status::Deterioration)
        .map(|s| s.indicator_id.as_str())
        .collect();
    assert!(worsening.contains("community-complaints"), "{worsening:?}");
    assert!(worsening.len() >= 8, "{worsening:?}");
    for lang in ["th", "en"] {
        let page = format!("{lang}/briefs/th-21/index.html");
        let html = read(&sample().join("site").join(&page));
        let attention = &html[html
            .find("brief-group-attention")
            .expect("a needs-attention group")..];
        let attention = &attention[..attention.find("</tbody>").unwrap()];
        for id in &worsening {
            assert!(
                attention.contains(&format!("id=\"bk-r-{id}-")),
                "{page}: the worsening indicator {id} is not under needs attention"
            );
        }
        assert!(
            html.contains("brief-group-improving"),
            "{page}: no improvements"
        );
        let points = if lang == "th" {
            "จุดร้อยละ"
        } else {
            "pp"
        };
        assert!(html.contains(points), "{page}: shares change in points");
        // Buffer-zone compliance worsens in both areas: one row, the other area told on it.
        let also = if lang == "th" {
            "พื้นที่อื่น:"
        } else {
            "Other areas: "
        };
        assert!(html.contains(also), "{page}");
    }
}

/// A province pins what its brief must show in the narrative's front matter; a wrong id is an
/// error at its line, with the nearest id.
#[test]
fn a_narrative_pins_its_briefs_indicators_and_a_wrong_id_is_located() {
    let site = common::copy_site(&common::repo_root());
    let file = site.path().join("content/provinces/th-21.en.md");
    let text = read(&file);
    let pinned = text.replacen(
        "+++\n",
        "+++\nbrief_indicators = [\"air-emissions-compliant\", \"chemical-incidents\"]\n",
        1,
    );
    std::fs::write(&file, &pinned).unwrap();
    let out = site.path().join("site");
    build_into(site.path(), &out, &BuildOptions::default()).unwrap();
    let html = read(&out.join("en/briefs/th-21/index.html"));
    let group = &html[html.find("brief-group-pinned").expect("a pinned group")..];
    let first = group
        .find("id=\"bk-r-air-emissions-compliant-")
        .expect("pinned first");
    let second = group
        .find("id=\"bk-r-chemical-incidents-")
        .expect("pinned second");
    assert!(first < second);
    assert!(group.find("brief-group-attention").unwrap() > second);
    // The Thai brief follows its own narrative, which pins nothing.
    assert!(!read(&out.join("th/briefs/th-21/index.html")).contains("brief-group-pinned"));

    std::fs::write(
        &file,
        pinned.replace("chemical-incidents", "chemical-incident"),
    )
    .unwrap();
    let diags = common::check(site.path());
    let d = common::only(&diags, "unknown-brief-indicator");
    assert_eq!(d.file, "content/provinces/th-21.en.md");
    assert_eq!((d.line, d.column), (Some(2), Some(49)), "{d}");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("did you mean 'chemical-incidents'?"),
        "{d}"
    );
}

#[test]
fn the_site_prints_on_a4_and_the_briefs_have_their_own_print_style() {
    let site = sample().join("site");
    let brief = read(&site.join("static/brief.css"));
    for needle in [
        "@page",
        "size: A4",
        "break-inside: avoid",
        "table-header-group",
        "@media print",
    ] {
        assert!(brief.contains(needle), "brief.css lacks {needle}");
    }
    assert!(
        !without_comments(&brief).contains("break-all"),
        "Thai must not be broken anywhere"
    );
    let style = read(&site.join("static/style.css"));
    let print = &style[style.find("@page").expect("style.css has @page")..];
    for needle in [
        "size: A4",
        "@media print",
        ".site-nav",
        "break-inside: avoid",
        "counter(page)",
    ] {
        assert!(
            print.contains(needle),
            "style.css print rules lack {needle}"
        );
    }
}

fn without_comments(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Chromium and poppler's tools, or `None` (with a loud message) when missing outside CI.
fn pdf_tools() -> Option<PathBuf> {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let chromium = ecotown::pdf::find_chromium(None);
    let poppler = ["pdfinfo", "pdftotext"]
        .iter()
        .all(|t| Command::new(t).arg("-v").output().is_ok());
    match (chromium, poppler) {
        (Ok(chromium), true) => Some(chromium),
        (chromium, _) => {
            let why = match chromium {
                Err(err) => err.to_string(),
                Ok(_) => "pdfinfo/pdftotext not found: apt-get install poppler-utils".into(),
            };
            assert!(!in_ci, "the PDF brief test needs its tools in CI: {why}");
            eprintln!("\n*** SKIPPED: PDF briefs not tested: {why} ***\n");
            None
        }
    }
}

/// A Python with pypdf (`ECOTOWN_PDF_PYTHON`), to read the briefs as a PDF library does; `None`
/// with a loud message outside CI, a failure in CI.
fn pdf_python() -> Option<String> {
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let python = std::env::var("ECOTOWN_PDF_PYTHON").ok();
    let works = python.as_ref().is_some_and(|p| {
        (Command::new(p).args(["-c", "import pypdf"]).output()).is_ok_and(|o| o.status.success())
    });
    if !works {
        let why = "set ECOTOWN_PDF_PYTHON to a python with pypdf (.ci/run installs one)";
        assert!(!in_ci, "the PDF text test needs pypdf in CI: {why}");
        eprintln!("\n*** SKIPPED: briefs' text not read with pypdf: {why} ***\n");
        return None;
    }
    python
}

/// The PDF/UA basics, read with pypdf: a tagged document (`/MarkInfo /Marked true`, a structure
/// tree) in the brief's language that shows its title, every Figure with alternate text, and XMP
/// metadata with the PDF/UA identifier and the title in both languages. What is wrong, one per
/// line.
fn pdf_ua_basics(python: &str, path: &str, lang: &str) -> String {
    let script = r#"
import sys, pypdf
r = pypdf.PdfReader(sys.argv[1]); lang = sys.argv[2]
root = r.trailer['/Root']; problems = []
if not root.get('/MarkInfo', {}).get('/Marked'): problems.append('not marked as tagged')
if root.get('/Lang') != lang: problems.append('language %r' % root.get('/Lang'))
if not root.get('/ViewerPreferences', {}).get('/DisplayDocTitle'): problems.append('title not displayed')
figures = []
def walk(node):
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for k in node: walk(k)
        return
    if not isinstance(node, pypdf.generic.DictionaryObject): return
    if node.get('/S') == '/Figure': figures.append(node)
    if '/K' in node: walk(node['/K'])
walk(root['/StructTreeRoot'])
bare = [f for f in figures if not str(f.get('/Alt', '')).strip()]
if not figures: problems.append('no Figure in the structure tree')
if bare: problems.append('%d of %d Figures without /Alt' % (len(bare), len(figures)))
xmp = root['/Metadata'].get_object().get_data().decode('utf-8') if '/Metadata' in root else ''
for needle in ['<pdfuaid:part>1</pdfuaid:part>', 'xml:lang="th"', 'xml:lang="en"', 'xml:lang="x-default"']:
    if needle not in xmp: problems.append('XMP lacks ' + needle)
print('\n'.join(problems))
"#;
    tool(python, &["-c", script, path, lang])
}

/// What a brief prints, as the words to find in its PDF: the text of `<main>` without drawings
/// and visually hidden text, each figure (a run of digits) and each run of Thai letters (Thai has
/// no spaces, so a run is several words, which must then come back in one piece, as printed).
fn printed_words(html: &str) -> std::collections::BTreeSet<String> {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    let mut text = String::new();
    let mut rest = main;
    // Drop drawings and visually hidden elements (none of them nest), then every tag.
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        let tag = &rest[..rest.find('>').unwrap() + 1];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name == "svg" || tag.contains("visually-hidden") {
            let close = format!("</{name}>");
            rest = &rest[rest.find(&close).unwrap() + close.len()..];
        } else {
            rest = &rest[tag.len()..];
        }
        text.push(' ');
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let thai = |c: char| ('\u{0E01}'..='\u{0E5B}').contains(&c);
    let mut words = std::collections::BTreeSet::new();
    for piece in text.split(|c: char| !(thai(c) || c.is_ascii_alphanumeric() || c == ',')) {
        let thai_runs = piece.split(|c: char| !thai(c));
        let latin_runs = piece.split(|c: char| !c.is_ascii_alphabetic());
        let figures = piece
            .split(|c: char| !(c.is_ascii_digit() || c == ','))
            .map(|n| n.trim_matches(','));
        for run in thai_runs.chain(latin_runs).chain(figures) {
            if run.chars().count() >= 2 {
                words.insert(run.to_string());
            }
        }
    }
    words
}

/// The words of `words` that pypdf and pdfminer do not find in the PDF at `path`, one extractor
/// per line (empty when both find them all). One difference is allowed, and only that one: the
/// shaper (HarfBuzz, in every browser but Safari) draws SARA AM (ำ) as NIKHAHIT and SARA AA (ํา),
/// with the nikhahit moved before a tone mark (น้ำ is drawn น ํ ้ า); these two libraries read the
/// drawn glyphs, not the /ActualText that keeps the original, so both sides are compared after
/// NFKC (which splits ำ the same way) and with the nikhahit put back after the tone mark.
/// pdftotext reads /ActualText and is compared exactly.
fn python_extractors(
    python: &str,
    path: &str,
    words: &std::collections::BTreeSet<String>,
) -> String {
    let list = tempfile::NamedTempFile::new().unwrap();
    let joined: Vec<&str> = words.iter().map(String::as_str).collect();
    std::fs::write(list.path(), joined.join("\n")).unwrap();
    let script = r#"
import re, sys, unicodedata, pypdf
from pdfminer.high_level import extract_text
def norm(t):
    t = unicodedata.normalize('NFKC', t)
    t = re.sub('\u0e4d([\u0e48-\u0e4b]+)', lambda m: m.group(1) + '\u0e4d', t)
    return re.sub('[\n\r\x0c]', '', t)
words = [w for w in open(sys.argv[2], encoding='utf-8').read().split('\n') if w]
texts = {
    'pypdf': ''.join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages),
    'pdfminer': extract_text(sys.argv[1]),
}
for name, text in texts.items():
    flat = norm(text)
    missing = [w for w in words if norm(w) not in flat]
    nuls = text.count('\0')
    if missing or nuls:
        sys.stdout.buffer.write(f'{name}: {nuls} NUL, lacks {missing[:12]}\n'.encode('utf-8'))
"#;
    tool(python, &["-c", script, path, list.path().to_str().unwrap()])
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().expect(name);
    assert!(out.status.success(), "{name} {args:?}: {:?}", out);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn build_pdf_prints_every_brief_on_at_most_two_a4_pages() {
    let Some(chromium) = pdf_tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let options = BuildOptions {
        pdf: Some(PdfOptions {
            chromium: Some(chromium),
            ..PdfOptions::default()
        }),
        ..BuildOptions::default()
    };
    build_into(&common::repo_root(), &site, &options).unwrap();
    let data = sample_data();
    let briefs = expected(&data);
    let pdfs: Vec<PathBuf> = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 30, "{pdfs:?}");
    let python = pdf_python();
    let mut pages = BTreeMap::new();
    for b in &briefs {
        let pdf = site.join(format!("{}/briefs/{}.pdf", b.lang, b.code));
        let path = pdf.to_str().unwrap();
        let info = tool("pdfinfo", &[path]);
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
        assert!(size.contains("(A4)"), "{path}: {size}");
        // The document names the program that made it, not the browser that printed it.
        let creator = info
            .lines()
            .find(|l| l.starts_with("Creator:"))
            .unwrap_or("");
        assert_eq!(
            creator.trim_start_matches("Creator:").trim(),
            "ecotown",
            "{path}"
        );
        let count: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        pages.insert(format!("{}/{}", b.lang, b.code), count);
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        // Reproducible: the dates are the build's, and no link leads into the machine that printed.
        assert!(
            text.contains("/CreationDate (D:20210930000000+00'00')")
                || std::env::var("SOURCE_DATE_EPOCH").is_ok(),
            "{path}: creation date not fixed"
        );
        assert!(!text.contains("file://"), "{path} links to a local file");
        // Every word printed comes back from all three extractors: names and figures, and every
        // Thai word whole (no NUL for a stacked mark, no line or space inside a cluster).
        let html = read(&site.join(format!("{}/briefs/{}/index.html", b.lang, b.code)));
        let words = printed_words(&html);
        for needle in b
            .name
            .split(' ')
            .chain([&*b.total, &b.upgraded, &b.remaining])
        {
            assert!(words.contains(needle), "{path}: the page lacks {needle}");
        }
        // Lines joined (a run may wrap between words), spaces kept: a space inside a run is a
        // word split by the extractor.
        let extracted: String = tool("pdftotext", &[path, "-"])
            .chars()
            .filter(|c| !matches!(c, '\n' | '\r' | '\x0c'))
            .collect();
        let missing: Vec<&String> = words
            .iter()
            .filter(|w| !extracted.contains(w.as_str()))
            .collect();
        assert!(missing.is_empty(), "{path}: pdftotext lacks {missing:?}");
        if let Some(python) = &python {
            let report = python_extractors(python, path, &words);
            assert!(report.trim().is_empty(), "{path}: {report}");
            let report = pdf_ua_basics(python, path, b.lang);
            assert!(report.trim().is_empty(), "{path}: {report}");
        }
        // The printed QR code scans to the province's page (a phone's camera, played by zbarimg).
        if b.code == "th-21" {
            let address = format!(
                "https://ecotown.example.go.th/{}/provinces/{}/",
                b.lang, b.code
            );
            let png = dir.path().join(format!("qr-{}", b.lang));
            tool(
                "pdftoppm",
                &[
                    "-r",
                    "150",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-png",
                    "-singlefile",
                    path,
                    png.to_str().unwrap(),
                ],
            );
            let png = png.with_extension("png");
            match Command::new("zbarimg")
                .args(["--raw", "-q"])
                .arg(&png)
                .output()
            {
                Ok(out) => assert_eq!(
                    String::from_utf8_lossy(&out.stdout).trim(),
                    address,
                    "{path}"
                ),
                Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                    panic!("zbarimg is needed in CI (.ci/run installs zbar-tools)")
                }
                Err(_) => eprintln!(
                    "\n*** SKIPPED: QR code not scanned (apt-get install zbar-tools) ***\n"
                ),
            }
        }
        // The incremental update that adds the metadata leaves a well-formed file.
        let check = Command::new("qpdf").args(["--check", path]).output();
        match check {
            Ok(out) => assert!(out.status.success(), "{path}: qpdf --check: {out:?}"),
            Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!("qpdf is needed in CI (.ci/run installs it)")
            }
            Err(_) => eprintln!("\n*** SKIPPED: qpdf --check (apt-get install qpdf) ***\n"),
        }
        let province = read(&site.join(format!("{}/provinces/{}/index.html", b.lang, b.code)));
        assert!(province.contains(&format!(
            "href=\"../../../{}/briefs/{}.pdf\"",
            b.lang, b.code
        )));
    }
    let long: Vec<_> = pages.iter().filter(|(_, n)| **n > 2).collect();
    assert!(long.is_empty(), "briefs longer than two pages: {long:?}");
}

/// A stand-in for Chromium that fails the way a broken browser would.
fn fake_chromium(dir: &Path) -> PathBuf {
    let path = dir.join("fake-chromium");
    std::fs::write(
        &path,
        "#!/bin/sh\necho 'fake chromium: cannot print' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

/// A brief that prints past two pages is a warning at its province's narrative, in its language,
/// with the fix; the build still publishes. A stand-in browser prints every page on three pages.
#[cfg(unix)]
#[test]
fn a_brief_longer_than_two_pages_is_a_warning_at_its_narrative() {
    let dir = tempfile::tempdir().unwrap();
    let browser = dir.path().join("three-pages");
    let pdf = "%PDF-1.4\n1 0 obj <</Type /Pages /Count 3>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type /Page>>\n4 0 obj <</Type /Page>>\n%%EOF\n";
    let three = dir.path().join("three.pdf");
    std::fs::write(&three, pdf).unwrap();
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) cp '{}' \"${{a#--print-to-pdf=}}\";; esac; done\n",
        three.display()
    );
    std::fs::write(&browser, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let options = BuildOptions {
        pdf: Some(PdfOptions {
            chromium: Some(browser),
            ..PdfOptions::default()
        }),
        ..BuildOptions::default()
    };
    let mut diags = Diagnostics::new();
    let site = dir.path().join("site");
    build::build_with(&common::fixture("mini"), &site, &options, &mut diags).unwrap();
    let long: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "brief-too-long")
        .collect();
    assert_eq!(long.len(), 4, "{long:?}");
    let rayong = long
        .iter()
        .find(|d| d.file == "content/provinces/th-21.th.md")
        .expect("the Thai brief of Rayong, at its narrative");
    assert!(
        rayong
            .message
            .contains("th/briefs/th-21.pdf prints on 3 A4 pages"),
        "{rayong}"
    );
    assert_eq!(rayong.value.as_deref(), Some("ระยอง"));
    assert!(
        rayong.hint.as_deref().unwrap().contains("## Brief"),
        "{rayong}"
    );
    assert!(
        site.join("th/briefs/th-21.pdf").exists(),
        "a warning, not a failure"
    );
}

#[cfg(unix)]
#[test]
fn a_brief_chromium_fails_on_fails_the_build_and_the_previous_site_stays() {
    let root = common::fixture("mini");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build_into(&root, &site, &BuildOptions::default()).unwrap();
    let before = common::snapshot(&site);
    let options = BuildOptions {
        pdf: Some(PdfOptions {
            chromium: Some(fake_chromium(dir.path())),
            ..PdfOptions::default()
        }),
        ..BuildOptions::default()
    };
    let mut diags = Diagnostics::new();
    let result = build::build_with(&root, &site, &options, &mut diags);
    let Err(BuildError::Pdf(PdfError::Failed(failures))) = result else {
        panic!("expected the PDF step to fail: {result:?}");
    };
    // Two provinces in the mini site, in two languages: every failure is reported at its page.
    assert_eq!(failures.len(), 4);
    let reported: Vec<_> = diags.iter().filter(|d| d.code == "pdf-failed").collect();
    assert_eq!(reported.len(), 4);
    assert!(
        reported[0].message.contains("exited with"),
        "{}",
        reported[0]
    );
    assert!(
        reported[0].message.contains("fake chromium: cannot print"),
        "{}",
        reported[0]
    );
    assert!(
        reported[0].file.ends_with("/briefs/th-21/index.html"),
        "{}",
        reported[0].file
    );
    assert_eq!(common::snapshot(&site), before, "the previous site changed");
    assert!(!dir.path().join("site.tmp").exists());
}

#[test]
fn without_chromium_build_pdf_says_how_to_install_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .args([
            "build",
            "--pdf",
            "--chromium",
            "/nonexistent/chromium",
            "--out",
        ])
        .arg(&site)
        .arg("--root")
        .arg(common::fixture("mini"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Chromium is needed for --pdf: install it with `apt-get install chromium` (Debian/Ubuntu) or pass --chromium PATH"),
        "{stderr}"
    );
    assert!(!site.exists());
    // Without --pdf no browser is needed, and the province pages link only to the HTML brief.
    let out = Command::new(env!("CARGO_BIN_EXE_ecotown"))
        .env("PATH", "")
        .env_remove("ECOTOWN_CHROMIUM")
        .args(["build", "--out"])
        .arg(&site)
        .arg("--root")
        .arg(common::fixture("mini"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site.join("th/briefs/th-21/index.html").exists());
    assert!(!site.join("th/briefs/th-21.pdf").exists());
}

#[test]
fn a_narrative_with_a_brief_section_gives_only_that_section_to_the_brief() {
    let site = common::copy_site(&common::fixture("mini"));
    std::fs::create_dir_all(site.path().join("content/provinces")).unwrap();
    std::fs::write(
        site.path().join("content/provinces/th-21.en.md"),
        "Rayong's long background.\n\n## Brief\n\nThe short version for the governor.\n\n### Numbers\n\nStill part of the brief.\n\n## Details\n\nOnly on the province page.\n",
    )
    .unwrap();
    let out = site.path().join("site");
    build_into(site.path(), &out, &BuildOptions::default()).unwrap();
    let brief = read(&out.join("en/briefs/th-21/index.html"));
    assert!(brief.contains("The short version for the governor."));
    assert!(brief.contains("Still part of the brief."));
    assert!(!brief.contains("long background"));
    assert!(!brief.contains("Only on the province page."));
    let province = read(&out.join("en/provinces/th-21/index.html"));
    assert!(
        province.contains("long background") && province.contains("Only on the province page.")
    );
}

#[cfg(unix)]
#[test]
fn a_browser_that_hangs_is_stopped_at_the_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let browser = dir.path().join("hanging-chromium");
    std::fs::write(&browser, "#!/bin/sh\nexec sleep 30\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<!doctype html><title>x</title>").unwrap();
    let jobs = [ecotown::pdf::PrintJob {
        page,
        pdf: "th/briefs/th-21.pdf".into(),
        metadata: Default::default(),
    }];
    let options = PdfOptions {
        timeout: std::time::Duration::from_secs(1),
        ..PdfOptions::default()
    };
    let started = std::time::Instant::now();
    let result = ecotown::pdf::print_all(&browser, &jobs, &options, "2021-09-30");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let Err(PdfError::Failed(failures)) = result else {
        panic!("expected a failure: {result:?}");
    };
    assert!(
        failures[0].reason.contains("did not finish within 1 s"),
        "{}",
        failures[0].reason
    );
}

/// Settings that still describe something else are said: printing briefs with the example
/// address or contact, and a `data_as_of` from before the fiscal year of the newest figures. Both at their
/// line in `site.toml`, as warnings (the build goes on).
#[test]
fn stale_settings_are_warned_about_at_their_line() {
    let toml = std::fs::read_to_string(common::repo_root().join("site.toml")).unwrap();
    assert!(toml.contains("base_url = \"https://ecotown.example.go.th/\""));
    let old = toml.replace("data_as_of = \"2021-09-30\"", "data_as_of = \"2020-09-30\"");
    let site = common::copy_site(&common::repo_root());
    std::fs::write(site.path().join("site.toml"), &old).unwrap();
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        pdf: Some(PdfOptions {
            chromium: Some(fake_chromium(out.path())),
            ..PdfOptions::default()
        }),
        ..BuildOptions::default()
    };
    let mut diags = Diagnostics::new();
    // The stand-in browser fails to print: the warnings come before it is asked.
    let _ = build::build_with(site.path(), &out.path().join("site"), &options, &mut diags);
    let stale: Vec<_> = diags.iter().filter(|d| d.code == "stale-config").collect();
    assert_eq!(stale.len(), 3, "{stale:?}");
    let line = |key: &str| old.lines().position(|l| l.starts_with(key)).unwrap() as u64 + 1;
    let as_of = stale
        .iter()
        .find(|d| d.message.contains("data_as_of"))
        .unwrap();
    assert_eq!(
        (as_of.line, as_of.value.as_deref()),
        (Some(line("data_as_of")), Some("2020-09-30"))
    );
    assert!(
        as_of
            .message
            .contains("before fiscal year 2021 began (2020-10-01)"),
        "{as_of}"
    );
    let address = stale
        .iter()
        .find(|d| d.message.contains("example address"))
        .unwrap();
    assert_eq!(address.line, Some(line("base_url")));
    // The sample's contact is a placeholder too, said at its line in [contact].
    let contact = stale
        .iter()
        .find(|d| d.message.contains("example contact"))
        .unwrap();
    assert_eq!(contact.line, Some(line("email")));
    assert_eq!(contact.value.as_deref(), Some("ecotown@example.go.th"));
    // Without printing, the example address is no warning; with the right date, no warning.
    let mut diags = Diagnostics::new();
    let _ = build::build_with(
        &common::repo_root(),
        &out.path().join("plain"),
        &BuildOptions::default(),
        &mut diags,
    );
    assert!(!diags.iter().any(|d| d.code == "stale-config"));
}
