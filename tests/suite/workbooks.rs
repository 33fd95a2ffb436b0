//! Tables as publishers keep them: Excel workbooks (`data/<table>.xlsx`) and one file per area or
//! province (`data/<table>/*.csv|xlsx`). The mini site kept either way renders the same site as
//! its CSV files, and every diagnostic names the file (and workbook sheet and cell) it is about. The workbooks are written here with `rust_xlsxwriter`, numbers as numbers and text as
//! text, as Excel saves them.

use crate::common;

use ecotown::diagnostics::Diagnostics;

use ecotown::data::load::TABLES as ALL_TABLES;

/// The tables the mini fixture gives (it leaves the taxonomy built in).
const TABLES: [&str; 6] = [
    "provinces",
    "areas",
    "indicators",
    "observations",
    "factories",
    "levels",
];

/// The CSV text as a workbook with one sheet named `sheet`: cells that read as numbers are
/// numbers (what Excel keeps for typed figures), the rest text.
fn workbook(csv_text: &str, sheet: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    fill_sheet(book.add_worksheet(), csv_text, sheet, 0);
    book.save_to_buffer().unwrap()
}

/// Writes the CSV text into `ws`, named `sheet`, from row `top` (0-based): numbers as numbers,
/// the rest as text.
fn fill_sheet(ws: &mut rust_xlsxwriter::Worksheet, csv_text: &str, sheet: &str, top: u32) {
    ws.set_name(sheet).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    for (r, record) in reader.records().enumerate() {
        for (c, cell) in record.unwrap().iter().enumerate() {
            let (r, c) = (r as u32 + top, c as u16);
            match cell.parse::<f64>() {
                Ok(x) if !cell.is_empty() && r > top => ws.write_number(r, c, x).map(|_| ()),
                _ if cell.is_empty() => Ok(()),
                _ => ws.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
}

fn mini_csv(table: &str) -> String {
    std::fs::read_to_string(common::fixture("mini").join(format!("data/{table}.csv"))).unwrap()
}

/// The mini site with every table as a workbook instead of CSV (`edit` may change a table's
/// CSV text first).
fn mini_as_workbooks(edit: &dyn Fn(&str, String) -> String) -> tempfile::TempDir {
    let books: Vec<(String, Vec<u8>)> = TABLES
        .iter()
        .map(|t| (format!("data/{t}.xlsx"), workbook(&edit(t, mini_csv(t)), t)))
        .collect();
    let files: Vec<(&str, &[u8])> = books
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let site = common::mini_with(&files);
    for t in TABLES {
        std::fs::remove_file(site.path().join(format!("data/{t}.csv"))).unwrap();
    }
    site
}

fn render(root: &std::path::Path) -> (ecotown::render::SiteFiles, Diagnostics) {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(root, &mut diags).expect("loads");
    let files = ecotown::render::render_site(&site, &mut diags).expect("renders");
    (files, diags)
}

/// Asserts that the site at `root` loads cleanly and renders byte for byte the mini site built
/// from its CSV files.
fn assert_same_site_as_csv(root: &std::path::Path) {
    let (got, diags) = render(root);
    assert!(
        !diags.has_errors() && diags.count(ecotown::diagnostics::Severity::Warning) == 0,
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    let csv = common::mini_with(&[]);
    let (want, _) = render(csv.path());
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{path} differs");
    }
}

#[test]
fn the_site_from_workbooks_is_the_site_from_csv() {
    let books = mini_as_workbooks(&|_, text| text);
    assert_same_site_as_csv(books.path());
}

#[test]
fn a_bad_cell_is_located_as_workbook_sheet_and_cell() {
    let books = mini_as_workbooks(&|table, text| match table {
        "levels" => text.replacen("songkhla-sadao,2021,3", "songkhla-sadao,2021,9", 1),
        _ => text,
    });
    let diags = common::check(books.path());
    let d = common::only(&diags, "out-of-range");
    let row = mini_csv("levels")
        .lines()
        .position(|l| l.starts_with("songkhla-sadao,2021,"))
        .unwrap()
        + 1;
    assert_eq!(d.file, "data/levels.xlsx[levels]");
    assert_eq!(d.location(), format!("data/levels.xlsx[levels]!C{row}"));
    assert_eq!(d.value.as_deref(), Some("9"));
    assert!(d.hint.as_deref().unwrap().contains("1 to 5"), "{d}");
}

#[test]
fn a_table_given_twice_or_a_workbook_named_csv_is_refused() {
    let levels = workbook(&mini_csv("levels"), "levels");
    let twice = common::mini_with(&[("data/levels.xlsx", &levels)]);
    let d = common::only(&common::check(twice.path()), "two-sources");
    assert_eq!(d.file, "data/levels.csv");
    assert!(d.message.contains("data/levels.xlsx"), "{d}");

    let shared = common::mini_with(&[("data/province-data.xlsx", &levels)]);
    let d = common::only(&common::check(shared.path()), "two-sources");
    assert!(
        d.message
            .contains("the sheet 'levels' of data/province-data.xlsx"),
        "{d}"
    );

    let renamed = common::mini_with(&[("data/levels.csv", &levels)]);
    let d = common::only(&common::check(renamed.path()), "workbook-as-csv");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("rename it to data/levels.xlsx"),
        "{d}"
    );
}

/// The mini site's observations split into one file per area under `data/observations/` (one of
/// them a workbook), with `data/observations.csv` gone.
fn observations_per_area(extra: &[(&str, String)]) -> tempfile::TempDir {
    let text = mini_csv("observations");
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let mut parts: std::collections::BTreeMap<String, String> = Default::default();
    for line in lines {
        let area = line.split(',').next().unwrap().to_string();
        parts
            .entry(area)
            .or_insert_with(|| format!("{header}\n"))
            .push_str(&format!("{line}\n"));
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (area, csv)) in parts.iter().enumerate() {
        match i {
            0 => files.push((
                format!("data/observations/{area}.xlsx"),
                workbook(csv, "observations"),
            )),
            _ => files.push((
                format!("data/observations/{area}.csv"),
                csv.clone().into_bytes(),
            )),
        }
    }
    for (rel, text) in extra {
        files.push((rel.to_string(), text.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let site = common::mini_with(&refs);
    std::fs::remove_file(site.path().join("data/observations.csv")).unwrap();
    site
}

#[test]
fn a_table_in_one_file_per_area_is_the_same_table() {
    let split = observations_per_area(&[]);
    assert_same_site_as_csv(split.path());
}

#[test]
fn a_row_in_two_files_is_a_duplicate_naming_both() {
    let text = mini_csv("observations");
    let header = text.lines().next().unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("songkhla-sadao,"))
        .unwrap();
    let site = observations_per_area(&[(
        "data/observations/zz-late-additions.csv",
        format!("{header}\n{row}\n"),
    )]);
    let d = common::only(&common::check(site.path()), "duplicate");
    assert_eq!(d.file, "data/observations/zz-late-additions.csv");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("data/observations/songkhla-sadao.csv line"),
        "{d}"
    );
}

/// The sample as Excel workbooks, one per table and then one workbook of nine sheets (the six tables and the taxonomy): each builds
/// the site its CSV files build, byte for byte.
#[test]
fn the_sample_as_workbooks_builds_the_same_site() {
    let root = common::repo_root();
    let csv = |t: &str| std::fs::read_to_string(root.join(format!("data/{t}.csv"))).unwrap();
    let (want, _) = render(&root);
    let same = |site: &tempfile::TempDir, what: &str| {
        let (got, diags) = render(site.path());
        assert!(
            !diags.has_errors() && diags.count(ecotown::diagnostics::Severity::Warning) == 0,
            "{what}: {:?}",
            diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(got.len(), want.len(), "{what}");
        for (path, bytes) in &want {
            assert!(got[path] == *bytes, "{what}: {path} differs");
        }
    };

    let per_table = common::copy_site(&root);
    for t in ALL_TABLES {
        let dir = per_table.path().join("data");
        std::fs::write(dir.join(format!("{t}.xlsx")), workbook(&csv(t), t)).unwrap();
        std::fs::remove_file(dir.join(format!("{t}.csv"))).unwrap();
    }
    same(&per_table, "one workbook per table");

    let one = common::copy_site(&root);
    let mut book = rust_xlsxwriter::Workbook::new();
    for t in ALL_TABLES {
        fill_sheet(book.add_worksheet(), &csv(t), t, 0);
        std::fs::remove_file(one.path().join(format!("data/{t}.csv"))).unwrap();
    }
    std::fs::write(
        one.path().join("data/ecotown.xlsx"),
        book.save_to_buffer().unwrap(),
    )
    .unwrap();
    same(&one, "one workbook of nine sheets");
}

/// One rule after another, planted in a workbook: each diagnostic names the sheet's cell (or row)
/// where Excel shows the mistake, with the value and hint the CSV would get.
#[test]
fn every_kind_of_cell_mistake_is_located_in_its_sheet() {
    // (table, a line of its CSV, what it becomes, code, expected location, hint part)
    let cases = [
        (
            "levels",
            "rayong-map-ta-phut,2018,2",
            "rayong-map-ta-phut,2561,2",
            "buddhist-era-year",
            "data/levels.xlsx[levels]!B4",
            "subtract 543",
        ),
        (
            "factories",
            "rayong-map-ta-phut,2018,300,40",
            "rayong-map-ta-phot,2018,300,40",
            "unknown-reference",
            "data/factories.xlsx[factories]!A4",
            "did you mean 'rayong-map-ta-phut'",
        ),
        (
            "observations",
            "rayong-map-ta-phut,energy-intensity,2017,787.0,final,,",
            "rayong-map-ta-phut,energy-intensity,2017,lots,final,,",
            "not-a-number",
            "data/observations.xlsx[observations]!D3",
            "",
        ),
        (
            "levels",
            "rayong-map-ta-phut,2018,2",
            "rayong-map-ta-phut,2017,2",
            "duplicate",
            "data/levels.xlsx[levels]!B4",
            "row 3 has the same",
        ),
    ];
    for (table, from, to, code, location, hint) in cases {
        let books = mini_as_workbooks(&|t, text| match t == table {
            true => text.replacen(from, to, 1),
            false => text,
        });
        let diags = common::check(books.path());
        let found: Vec<_> = diags.iter().filter(|d| d.code == code).collect();
        let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 1, "{code}:\n{}", shown.join("\n"));
        assert_eq!(found[0].location(), location, "{}", found[0]);
        assert!(
            found[0].hint.as_deref().unwrap_or("").contains(hint),
            "{}",
            found[0]
        );
    }
}

/// Offices put a title above their tables, merged across the columns, and a blank row under it:
/// the header is the first row naming a column of the contract, and rows keep their numbers.
#[test]
fn a_title_row_above_the_header_is_not_the_table() {
    let text = mini_csv("levels").replacen("songkhla-sadao,2021,3", "songkhla-sadao,2021,9", 1);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let format = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 0, 2, "ระดับเมืองอุตสาหกรรมเชิงนิเวศ (ข้อมูลตัวอย่าง)", &format)
        .unwrap();
    fill_sheet(ws, &text, "levels", 2);
    let bytes = book.save_to_buffer().unwrap();
    let site = common::mini_with(&[("data/levels.xlsx", &bytes)]);
    std::fs::remove_file(site.path().join("data/levels.csv")).unwrap();
    let diags = common::check(site.path());
    let d = common::only(&diags, "out-of-range");
    let row = text
        .lines()
        .position(|l| l.starts_with("songkhla-sadao,2021,"))
        .unwrap()
        + 3;
    assert_eq!(d.location(), format!("data/levels.xlsx[levels]!C{row}"));
    assert!(
        diags
            .iter()
            .all(|d| d.code == "out-of-range" || !d.is_error()),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
}
