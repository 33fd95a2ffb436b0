//! Builds a CI can trust: byte-identical rebuilds, unchanged files left alone, and an update log
//! that records what changed between two datasets.

use crate::common;

use std::path::Path;

use ecotown::diagnostics::Diagnostics;

fn build_into(root: &Path, out: &Path) -> ecotown::build::BuildReport {
    let mut diags = Diagnostics::new();
    let result = ecotown::build::build(root, out, &mut diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    result.unwrap_or_else(|e| panic!("build failed: {e:?}\n{}", errors.join("\n")))
}

#[test]
fn two_builds_are_byte_identical() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    build_into(&common::repo_root(), &a);
    build_into(&common::repo_root(), &b);
    let (ta, tb) = (common::snapshot(&a), common::snapshot(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_rebuild_of_the_same_input_changes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(&common::fixture("mini"), &site);
    let before = common::snapshot(&site);
    let report = build_into(&common::fixture("mini"), &site);
    assert_eq!(report.written, 0, "every file should be unchanged");
    assert_eq!(common::snapshot(&site), before);
}

#[test]
fn the_update_log_records_revisions_and_new_years() {
    let input = common::copy_site(&common::fixture("mini"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(input.path(), &site);

    // Revise one value and add fiscal year 2022 for one series.
    let path = input.path().join("data/observations.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("rayong-map-ta-phut,energy-intensity,2020,712.0,final"));
    let text = text.replace(
        "rayong-map-ta-phut,energy-intensity,2020,712.0,final",
        "rayong-map-ta-phut,energy-intensity,2020,705.5,final",
    ) + "rayong-map-ta-phut,energy-intensity,2022,650.0,provisional,,\n";
    std::fs::write(&path, text).unwrap();
    // Dated a year later (without SOURCE_DATE_EPOCH the build is dated by the data's as-of).
    let config = input.path().join("site.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, toml.replace("2021-09-30", "2022-09-30")).unwrap();
    build_into(input.path(), &site);

    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("data/updates.json")).unwrap()).unwrap();
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{log:#}");
    let latest = &entries[0];
    assert_eq!(latest["new_years"], serde_json::json!([2022]));
    assert_eq!(latest["revised"][0]["area_id"], "rayong-map-ta-phut");
    assert_eq!(latest["revised"][0]["year"], 2020);
    assert_eq!(latest["revised"][0]["old"], 712.0);
    assert_eq!(latest["revised"][0]["new"], 705.5);

    let page = std::fs::read_to_string(site.join("en/updates/index.html")).unwrap();
    assert!(
        page.contains("href=\"../../en/indicators/energy-intensity/index.html\""),
        "revised value links to its indicator"
    );
    assert!(page.contains("712.0") && page.contains("705.5"));
    assert!(page.contains("FY2022"));
    let th = std::fs::read_to_string(site.join("th/updates/index.html")).unwrap();
    assert!(th.contains("ปีงบประมาณ 2565"));
    let feed = std::fs::read_to_string(site.join("en/updates/atom.xml")).unwrap();
    assert_eq!(feed.matches("<entry>").count(), 2);

    // Each page about one place or indicator says when its own figures last changed.
    let (first, second) = (
        entries[1]["date"].as_str().unwrap(),
        latest["date"].as_str().unwrap(),
    );
    assert_ne!(
        first, second,
        "set apart by data_as_of (unless SOURCE_DATE_EPOCH is set)"
    );
    {
        let footer = |page: &str| {
            let html = std::fs::read_to_string(site.join(page)).unwrap();
            let start = html.find("class=\"page-updated\"").expect("a footer date");
            html[start..start + html[start..].find("</p>").unwrap()].to_string()
        };
        let said = |page: &str, date: &str| {
            let footer = footer(page);
            assert!(
                footer.contains("Figures on this page last changed")
                    && footer.contains(&ecotown::i18n::format::date_text(
                        ecotown::data::Lang::En,
                        date
                    )),
                "{page} should date its figures {date}: {footer}"
            );
        };
        said("en/areas/rayong-map-ta-phut/index.html", second);
        said("en/provinces/th-21/index.html", second);
        let brief = std::fs::read_to_string(site.join("en/briefs/th-21/index.html")).unwrap();
        let brief_date = ecotown::i18n::format::date_text(ecotown::data::Lang::En, second);
        assert!(brief.contains(&format!("Figures on this page last changed {brief_date}")));
        said("en/indicators/energy-intensity/index.html", second);
        // Untouched by the revision: dated by the first publication.
        said("en/areas/songkhla-sadao/index.html", first);
        said("en/provinces/th-90/index.html", first);
        said("en/indicators/water-reuse/index.html", first);
        // A page about the whole programme gives the site's date.
        assert!(footer("en/index.html").contains("Last updated"));
        let th = footer("th/areas/songkhla-sadao/index.html");
        assert!(
            th.contains("ตัวเลขในหน้านี้ปรับปรุงล่าสุดเมื่อ") && th.contains("2564"),
            "{th}"
        );
    }

    // Building the same data again adds nothing.
    build_into(input.path(), &site);
    let again: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("data/updates.json")).unwrap()).unwrap();
    assert_eq!(again, log);
}

#[test]
fn sitemap_lists_every_page_with_its_twin() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(&common::fixture("mini"), &site);
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let pages = common::snapshot(&site)
        .keys()
        .filter(|p| p.starts_with("th/") && p.ends_with("index.html"))
        .filter(|p| !p.starts_with("th/embed/"))
        .count();
    assert!(
        !sitemap.contains("/embed/"),
        "an embed page is framed, not found"
    );
    assert_eq!(sitemap.matches("<url>").count(), 2 * pages);
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://ecotown.example.go.th/en/areas/songkhla-sadao/\"/>"));
    // Every page, in either language, names the Thai page as the default for other languages.
    assert_eq!(sitemap.matches("hreflang=\"x-default\"").count(), 2 * pages);
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://ecotown.example.go.th/th/areas/songkhla-sadao/\"/>"));
    assert!(
        std::fs::read_to_string(site.join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://ecotown.example.go.th/sitemap.xml")
    );
}

#[test]
fn a_rebuild_with_nothing_changed_stops_before_rendering() {
    let input = common::copy_site(&common::fixture("mini"));
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let first = build_into(input.path(), &site);
    assert!(!first.up_to_date);
    let before = common::snapshot(&site);
    let again = build_into(input.path(), &site);
    assert!(
        again.up_to_date,
        "the second build should take the shortcut"
    );
    assert_eq!(
        (again.files, again.bytes, again.written),
        (first.files, first.bytes, 0)
    );
    assert_eq!(
        common::snapshot(&site),
        before,
        "a skipped build leaves the site as it was"
    );
    assert!(
        !site.join(".ecotown-build").exists() && out.path().join("site.fingerprint").exists(),
        "the fingerprint lives beside the site, not in it"
    );
}

#[test]
fn any_changed_input_or_output_means_a_full_build() {
    let input = common::copy_site(&common::fixture("mini"));
    let root = input.path();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(root, &site);
    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(from), "{rel} should contain {from:?}");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let changes: [(&str, &dyn Fn()); 4] = [
        ("data", &|| edit("data/observations.csv", "712.0", "712.5")),
        ("content", &|| {
            edit("content/index.en.md", "", "An overview.\n")
        }),
        ("templates", &|| {
            edit("templates/static/extra.css", "", "p{}\n")
        }),
        ("site.toml", &|| {
            edit("site.toml", "Eco-Industrial Towns", "Eco Towns")
        }),
    ];
    for (what, change) in changes {
        change();
        let report = build_into(root, &site);
        assert!(
            !report.up_to_date,
            "a change to {what} must rebuild the site"
        );
        assert!(report.written > 0, "a change to {what} changes some files");
        assert!(
            build_into(root, &site).up_to_date,
            "and then nothing is left to do"
        );
    }
    // The output counts too: a file removed from the site is put back by a full build.
    std::fs::remove_file(site.join("robots.txt")).unwrap();
    let report = build_into(root, &site);
    assert!(!report.up_to_date && site.join("robots.txt").exists());
}

/// Runs `git` in `dir` with fixed names and dates, so the history is the same on every machine.
fn git(dir: &Path, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Rayong office")
        .env("GIT_AUTHOR_EMAIL", "rayong@example.go.th")
        .env("GIT_COMMITTER_NAME", "Rayong office")
        .env("GIT_COMMITTER_EMAIL", "rayong@example.go.th")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// The update log lives in the repository: a fresh clone with three commits that changed the
/// data (and one that did not) builds a log of three dated entries, with no previous site.
#[test]
fn the_update_log_is_made_from_the_history_of_a_fresh_clone() {
    let work = tempfile::tempdir().unwrap();
    let repo = work.path().join("repo");
    let mini = common::copy_site(&common::fixture("mini"));
    std::fs::rename(mini.path(), &repo)
        .or_else(|_| {
            std::fs::create_dir_all(&repo)?;
            for entry in walkdir::WalkDir::new(mini.path()) {
                let entry = entry?;
                let to = repo.join(entry.path().strip_prefix(mini.path()).unwrap());
                match entry.file_type().is_dir() {
                    true => std::fs::create_dir_all(&to)?,
                    false => std::fs::copy(entry.path(), &to).map(|_| ())?,
                }
            }
            Ok::<_, std::io::Error>(())
        })
        .unwrap();
    // A public repository: each entry links to its commit there.
    let toml = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let toml = format!("repository = \"https://github.com/diw/ecotown-site\"\n{toml}");
    std::fs::write(repo.join("site.toml"), toml).unwrap();
    git(&repo, &["init", "-q", "-b", "main"], "2021-01-15T10:00:00Z");
    git(&repo, &["add", "-A"], "2021-01-15T10:00:00Z");
    git(
        &repo,
        &["commit", "-q", "-m", "First data"],
        "2021-01-15T10:00:00Z",
    );
    let observations = repo.join("data/observations.csv");
    let text = std::fs::read_to_string(&observations).unwrap();
    // A new fiscal year for one series.
    let text = text + "rayong-map-ta-phut,energy-intensity,2022,650.0,provisional,,\n";
    std::fs::write(&observations, &text).unwrap();
    // And that year's factory count.
    let factories = repo.join("data/factories.csv");
    let counts = std::fs::read_to_string(&factories).unwrap();
    std::fs::write(&factories, counts + "rayong-map-ta-phut,2022,300,90\n").unwrap();
    git(&repo, &["commit", "-qam", "FY2022"], "2022-02-01T09:00:00Z");
    // A page's words change: no entry.
    std::fs::create_dir_all(repo.join("content")).unwrap();
    std::fs::write(
        repo.join("content/index.en.md"),
        "+++\ntitle = \"Home\"\n+++\nHello.\n",
    )
    .unwrap();
    git(&repo, &["add", "-A"], "2022-03-01T09:00:00Z");
    git(&repo, &["commit", "-qm", "Words"], "2022-03-01T09:00:00Z");
    // Two values revised.
    let text = text
        .replace(
            "rayong-map-ta-phut,energy-intensity,2020,712.0,final",
            "rayong-map-ta-phut,energy-intensity,2020,705.5,final",
        )
        .replace(
            "rayong-map-ta-phut,energy-intensity,2022,650.0,provisional",
            "rayong-map-ta-phut,energy-intensity,2022,648.0,final",
        );
    std::fs::write(&observations, &text).unwrap();
    git(
        &repo,
        &["commit", "-qam", "Revised"],
        "2022-06-01T09:00:00Z",
    );

    let clone = work.path().join("clone");
    let status = std::process::Command::new("git")
        .args(["clone", "-q"])
        .arg(&repo)
        .arg(&clone)
        .status()
        .unwrap();
    assert!(status.success());
    let site = work.path().join("published");
    assert!(!site.exists(), "no previous site");
    build_into(&clone, &site);
    let log: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.join("data/updates.json")).unwrap()).unwrap();
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{log:#}");
    let field = |i: usize, key: &str| entries[i][key].clone();
    let count = |i: usize, key: &str| entries[i][key].as_array().map_or(0, Vec::len);
    // Newest first: the revision (two values, nothing added), the new year (one value), then the
    // first publication with every value of the first commit.
    assert_eq!(field(0, "date"), "2022-06-01");
    assert_eq!(
        (
            count(0, "revised"),
            count(0, "new_years"),
            field(0, "added_values")
        ),
        (2, 0, 0.into())
    );
    assert_eq!(field(1, "date"), "2022-02-01");
    assert_eq!(field(1, "new_years"), serde_json::json!([2022]));
    assert_eq!(
        (count(1, "revised"), field(1, "added_values")),
        (0, 1.into())
    );
    assert_eq!(
        field(1, "factory_rows"),
        serde_json::json!({"added": 1, "revised": 0, "removed": 0})
    );
    assert!(field(0, "factory_rows").is_null(), "no factory row changed");
    let page = std::fs::read_to_string(site.join("en/updates/index.html")).unwrap();
    assert!(page.contains("Factory counts: 1 added, 0 revised, 0 removed"));
    assert_eq!(field(2, "date"), "2021-01-15");
    assert_eq!(field(2, "first"), true);
    let first =
        std::fs::read_to_string(common::fixture("mini").join("data/observations.csv")).unwrap();
    let first_values = first
        .lines()
        .skip(1)
        .filter(|l| !l.split(',').nth(3).unwrap_or("").is_empty())
        .count();
    assert_eq!(field(2, "added_values"), first_values);
    assert!(
        entries
            .iter()
            .all(|e| e["commit"].as_str().is_some_and(|c| c.len() == 7))
    );
}

/// A build after an edit renders only what depends on it (`ecotown::deps`) and leaves the output
/// byte for byte what a full build from the same previous site writes: after a narrative edit and
/// a page template edit (incremental), a CSV row edit and a narrative removed (full builds, which
/// keep the atomic swap), and nothing at all. The full build
/// runs into a copy of the site as it was before the edit (the update log reads the previous
/// site), which has no dependency record and so is built in full.
#[test]
fn an_incremental_build_writes_what_a_full_build_writes() {
    let input = common::copy_site(&common::repo_root());
    let root = input.path();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    assert!(
        !build_into(root, &site).incremental,
        "the first build is full"
    );
    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} should contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let narrative = "content/areas/rayong-map-ta-phut.th.md";
    let body = std::fs::read_to_string(root.join(narrative)).unwrap();
    let last_line = body.trim_end().lines().last().unwrap().to_string();
    type Edit<'a> = (
        &'a str,
        Box<dyn Fn() + 'a>,
        Option<std::ops::RangeInclusive<usize>>,
    );
    let edits: Vec<Edit> = vec![
        (
            // The Thai area page and the Thai search index; the English page has its own text.
            "a narrative's body",
            Box::new(|| {
                edit(
                    narrative,
                    &last_line,
                    &format!("{last_line}\n\nมีการแก้ไขข้อความ"),
                )
            }),
            Some(2..=2),
        ),
        (
            "a page template",
            Box::new(|| {
                edit(
                    "templates/area.html",
                    "{% endblock content %}",
                    "<p>edited</p>\n{% endblock content %}",
                )
            }),
            Some(36..=36),
        ),
        (
            "a CSV row",
            Box::new(|| {
                edit(
                    "data/observations.csv",
                    "samut-prakan,green-area-share,2017,6.2,",
                    "samut-prakan,green-area-share,2017,6.4,",
                )
            }),
            None,
        ),
        (
            "a narrative removed",
            Box::new(|| {
                std::fs::remove_file(root.join("content/areas/songkhla-sadao.en.md")).unwrap()
            }),
            None,
        ),
        ("nothing", Box::new(|| {}), None),
    ];
    for (i, (what, change, written)) in edits.into_iter().enumerate() {
        let full = out.path().join(format!("full-{i}"));
        copy_tree(&site, &full);
        change();
        let report = build_into(root, &site);
        if what != "nothing" {
            assert_eq!(
                report.incremental,
                written.is_some(),
                "after {what}: incremental or full"
            );
        }
        if let Some(range) = written {
            assert!(
                range.contains(&report.written),
                "after {what}: {} files written, expected {range:?}",
                report.written
            );
        }
        let whole = build_into(root, &full);
        assert!(!whole.incremental && !whole.up_to_date, "{what}");
        let (a, b) = (common::snapshot(&site), common::snapshot(&full));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "after {what}: the same files"
        );
        for (path, bytes) in &a {
            assert!(
                bytes == &b[path],
                "after {what}: {path} differs from a full build"
            );
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// An incremental build checks what it renders against the published site: a narrative's new
/// link to an id that an unchanged page does not have is an error at the narrative's line, and
/// nothing is written; a new link to an id it does have, or an old link, passes.
#[test]
fn an_incremental_build_checks_new_links_against_pages_it_did_not_render() {
    let input = common::copy_site(&common::repo_root());
    let root = input.path();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(root, &site);
    let before = common::snapshot(&site);
    let narrative = root.join("content/areas/rayong-map-ta-phut.en.md");
    let text = std::fs::read_to_string(&narrative).unwrap();
    let with = |link: &str| format!("{text}\nSee [Khon Kaen]({link}).\n");
    std::fs::write(&narrative, with("../khon-kaen/index.html#no-such-id")).unwrap();
    let mut diags = Diagnostics::new();
    assert!(ecotown::build::build(root, &site, &mut diags).is_err());
    let broken: Vec<_> = diags.iter().filter(|d| d.code == "broken-anchor").collect();
    assert_eq!(
        broken.len(),
        1,
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    assert!(
        broken[0].file.ends_with("rayong-map-ta-phut.en.md"),
        "{}",
        broken[0]
    );
    assert_eq!(common::snapshot(&site), before, "nothing was written");
    assert!(!out.path().join("site.patch").exists());
    std::fs::write(&narrative, with("../khon-kaen/index.html#physical")).unwrap();
    let report = build_into(root, &site);
    assert!(report.incremental && report.written == 2, "{report:?}");
}

/// Committing data whose files are already built changes the update log (it is made from the
/// history) though no file of the site changed: the next build is not skipped, and writes what a
/// full build writes.
#[test]
fn committing_built_data_is_a_new_input() {
    let repo = common::copy_site(&common::fixture("mini"));
    let root = repo.path();
    git(root, &["init", "-q", "-b", "main"], "2021-01-15T10:00:00Z");
    git(root, &["add", "-A"], "2021-01-15T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "First data"],
        "2021-01-15T10:00:00Z",
    );
    let observations = root.join("data/observations.csv");
    let text = std::fs::read_to_string(&observations).unwrap();
    std::fs::write(
        &observations,
        text + "rayong-map-ta-phut,energy-intensity,2022,650.0,provisional,,\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build_into(root, &site);
    git(root, &["commit", "-qam", "FY2022"], "2022-02-01T09:00:00Z");
    let full = out.path().join("full");
    copy_tree(&site, &full);
    let again = build_into(root, &site);
    assert!(!again.up_to_date, "a new commit of the data is a new input");
    build_into(root, &full);
    assert_eq!(common::snapshot(&site), common::snapshot(&full));
}

/// A full build draws the areas' charts a batch at a time and renders each batch's pages while it
/// holds them (`charts::batches`), so that memory stays bounded on a large site. The site must be
/// the same as when every chart is drawn at once: here the sample scaled to 72 areas (past the
/// 60 whose indicator pages show every area's chart, so those charts are let go after their
/// batch) in batches of 7, and the sample itself (whose indicator pages keep every area's chart)
/// in batches of 5.
#[test]
fn the_site_is_the_same_whatever_the_batch_of_areas() {
    let scaled = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ecotown-bench"))
        .args(["generate", "--scale", "4", "--out"])
        .arg(scaled.path())
        .arg("--root")
        .arg(common::repo_root())
        .output()
        .expect("ecotown-bench runs");
    assert!(status.status.success(), "{status:?}");
    for (root, small, large) in [
        (scaled.path().join("ecotown"), 7, 1000),
        (common::repo_root(), 5, 1000),
    ] {
        let mut diags = Diagnostics::new();
        let site = ecotown::build::load(&root, &mut diags).expect("loads");
        // What the two sites are here for: the scaled one lets some indicators' charts go after
        // their batch, the sample keeps every one for its indicator pages.
        let kept = ecotown::render::charts::small_multiples(&site).len();
        if root == common::repo_root() {
            assert_eq!(kept, site.data.indicators.len());
        } else {
            assert!(kept < site.data.indicators.len(), "{kept} kept");
        }
        assert!(
            site.data.areas.len() > small,
            "{} areas",
            site.data.areas.len()
        );
        let render = |batch| {
            let mut diags = Diagnostics::new();
            let files = ecotown::render::render_site_in_batches_of(&site, batch, &mut diags);
            assert!(!diags.has_errors(), "{diags:?}");
            files.expect("renders")
        };
        let (a, b) = (render(small), render(large));
        assert!(a.len() > 1000, "{} files", a.len());
        let differ: Vec<&String> = (a.keys().chain(b.keys()))
            .filter(|p| a.get(*p) != b.get(*p))
            .take(5)
            .collect();
        assert!(differ.is_empty(), "{}: {differ:?}", root.display());
    }
}
