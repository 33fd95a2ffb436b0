//! The open-data downloads: every file present, CSV that Excel and parsers read back to the same
//! rows, formula cells neutralised, numbers untouched, both languages in per-indicator files, a
//! Data Package that matches the files and that the `frictionless` validator accepts, and the same
//! bytes on every build.

use crate::common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use ecotown::diagnostics::{Diagnostics, Severity};
use ecotown::publish::downloads::{Download, open_data};
use ecotown::site::Site;
use serde_json::Value;

use ecotown::data::load::TABLES as DATASETS;

const PROBE: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn load(root: &Path) -> Site {
    let mut diags = Diagnostics::new();
    let site = ecotown::build::load(root, &mut diags);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "site has errors:\n{}", errors.join("\n"));
    site.expect("site loads")
}

fn by_path(downloads: &[Download]) -> BTreeMap<&str, &Download> {
    downloads.iter().map(|d| (d.path.as_str(), d)).collect()
}

/// Parses a CSV download (after checking its BOM and CRLF line ends) into header and rows.
fn parse_csv(download: &Download) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = &download.bytes;
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no BOM",
        download.path
    );
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(
        text.ends_with("\r\n"),
        "{} must end with CRLF",
        download.path
    );
    let bare_lf = text
        .match_indices('\n')
        .any(|(i, _)| i == 0 || text.as_bytes()[i - 1] != b'\r');
    assert!(!bare_lf, "{} has a bare LF line end", download.path);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn column<'a>(header: &[String], rows: &'a [Vec<String>], name: &str) -> Vec<&'a str> {
    let i = header.iter().position(|h| h == name).expect(name);
    rows.iter().map(|r| r[i].as_str()).collect()
}

fn json(download: &Download) -> Value {
    assert!(
        download.bytes.ends_with(b"\n"),
        "{} must end with a newline",
        download.path
    );
    serde_json::from_slice(&download.bytes)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", download.path))
}

#[test]
fn every_file_is_present_and_sorted() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let paths: Vec<&str> = downloads.iter().map(|d| d.path.as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "downloads are sorted by path");
    let files = by_path(&downloads);
    let mut expected = vec![
        "data/datapackage.json".to_string(),
        "data/README.md".to_string(),
    ];
    for name in DATASETS {
        for ext in ["csv", "json"] {
            expected.push(format!("data/{name}.{ext}"));
        }
        expected.push(format!("data/metadata/{name}.json"));
    }
    for i in &site.data.indicators {
        for ext in ["csv", "json"] {
            expected.push(format!("data/indicators/{}.{ext}", i.id));
        }
        expected.push(format!("data/metadata/indicators/{}.json", i.id));
    }
    for path in &expected {
        assert!(files.contains_key(path.as_str()), "missing {path}");
    }
    assert_eq!(downloads.len(), expected.len(), "unexpected extra files");
    assert!(!files.contains_key("data/progress.json"));
    for d in &downloads {
        assert!(
            matches!(d.format, "csv" | "json") || d.path == "data/README.md",
            "{}",
            d.path
        );
        assert!(d.path.ends_with(&format!(".{}", d.format)), "{}", d.path);
        assert!(
            !d.title.th.is_empty() && !d.title.en.is_empty(),
            "{}",
            d.path
        );
        assert!(
            !d.description.th.is_empty() && !d.description.en.is_empty(),
            "{}",
            d.path
        );
    }
    // The sample says so in every description: a file travels without its page.
    assert!(
        downloads
            .iter()
            .all(|d| d.description.en.contains("illustrative"))
    );
}

#[test]
fn progress_is_included_verbatim() {
    let site = load(&common::fixture("mini"));
    let progress = b"{\"areas\": [1, 2]}\n";
    let downloads = open_data(&site, Some(progress));
    let files = by_path(&downloads);
    assert_eq!(files["data/progress.json"].bytes, progress);
    let package = json(files["data/datapackage.json"]);
    let names: Vec<&str> = resources(&package)
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"progress"));
}

#[test]
fn csv_reads_back_to_the_input_rows_in_contract_order() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    let data = &site.data;
    let counts = [
        data.taxonomy.dimensions.len(),
        data.taxonomy.themes.len(),
        data.taxonomy.levels.len(),
        data.provinces.len(),
        data.areas.len(),
        data.indicators.len(),
        data.observations.len(),
        data.factories.len(),
        data.levels.len(),
    ];
    for (name, count) in DATASETS.iter().zip(counts) {
        let (header, rows) = parse_csv(files[format!("data/{name}.csv").as_str()]);
        assert_eq!(rows.len(), count, "{name}.csv rows");
        let input =
            std::fs::read_to_string(common::repo_root().join(format!("data/{name}.csv"))).unwrap();
        let input_header: Vec<&str> = input.lines().next().unwrap().split(',').collect();
        assert_eq!(
            header, input_header,
            "{name}.csv columns follow the contract"
        );
        let array = json(files[format!("data/{name}.json").as_str()]);
        assert_eq!(array.as_array().unwrap().len(), count, "{name}.json rows");
        let keys: Vec<&String> = array[0].as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), header.len(), "{name}.json fields");
    }
}

#[test]
fn numbers_are_plain_and_missing_is_blank_or_null() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    let (header, rows) = parse_csv(files["data/observations.csv"]);
    let values = column(&header, &rows, "value");
    for (cell, o) in values.iter().zip(&site.data.observations) {
        match o.value {
            Some(v) => assert_eq!(cell.parse::<f64>().ok(), Some(v), "{cell}"),
            None => assert_eq!(*cell, ""),
        }
    }
    let years = column(&header, &rows, "year");
    assert!(
        years
            .iter()
            .all(|y| (1950..2400).contains(&y.parse::<i32>().unwrap()))
    );
    let array = json(files["data/observations.json"]);
    for (row, o) in array
        .as_array()
        .unwrap()
        .iter()
        .zip(&site.data.observations)
    {
        assert_eq!(row["value"].as_f64(), o.value);
        assert_eq!(row["year"].as_i64(), Some(o.year.into()));
    }
    let (header, rows) = parse_csv(files["data/factories.csv"]);
    let totals = column(&header, &rows, "factories_total");
    assert!(
        totals
            .iter()
            .all(|t| !t.contains(',') && t.parse::<u32>().is_ok())
    );
}

fn probed_site() -> tempfile::TempDir {
    let mini = common::fixture("mini/data");
    let areas = std::fs::read_to_string(mini.join("areas.csv"))
        .unwrap()
        .replace("Amphoe Sadao", "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    let observations = std::fs::read_to_string(mini.join("observations.csv"))
        .unwrap()
        .replace(
            "rayong-map-ta-phut,energy-intensity,2016,812.0,final,,",
            "rayong-map-ta-phut,energy-intensity,2016,-3.5,final,@SUM(A1),\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        )
        .replace(
            "rayong-map-ta-phut,energy-intensity,2017,787.0,final,,",
            "rayong-map-ta-phut,energy-intensity,2017,787.0,final,-คำอธิบาย,+1",
        );
    common::mini_with(&[
        ("data/areas.csv", areas.as_bytes()),
        ("data/observations.csv", observations.as_bytes()),
    ])
}

#[test]
fn formula_cells_are_neutralised_and_numbers_kept() {
    let dir = probed_site();
    let site = load(dir.path());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);

    let (header, rows) = parse_csv(files["data/areas.csv"]);
    assert!(column(&header, &rows, "name_en").contains(&format!("'{PROBE}").as_str()));

    for path in [
        "data/observations.csv",
        "data/indicators/energy-intensity.csv",
    ] {
        let (header, rows) = parse_csv(files[path]);
        let notes_en = column(&header, &rows, "note_en");
        let notes_th = column(&header, &rows, "note_th");
        assert!(notes_en.contains(&format!("'{PROBE}").as_str()), "{path}");
        assert!(notes_th.contains(&"'@SUM(A1)"), "{path}");
        assert!(notes_th.contains(&"'-คำอธิบาย"), "{path}");
        assert!(notes_en.contains(&"'+1"), "{path}");
        // The negative number stays a number.
        assert!(column(&header, &rows, "value").contains(&"-3.5"), "{path}");
    }
    let (header, rows) = parse_csv(files["data/indicators/energy-intensity.csv"]);
    assert!(
        column(&header, &rows, "area_name_en")
            .iter()
            .all(|n| !n.starts_with('='))
    );

    // No CSV anywhere has a cell that a spreadsheet would run.
    for d in downloads.iter().filter(|d| d.format == "csv") {
        let (_, rows) = parse_csv(d);
        for cell in rows.iter().flatten() {
            let risky = cell.starts_with(['=', '+', '@', '\t', '\r']);
            let dash = cell.starts_with('-') && cell.parse::<f64>().is_err();
            assert!(!risky && !dash, "{}: {cell}", d.path);
        }
    }
    // JSON is not for spreadsheets: text as given, numbers as numbers.
    let array = json(files["data/observations.json"]);
    let probed = array
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["indicator_id"] == "energy-intensity" && r["year"] == 2016)
        .unwrap();
    assert_eq!(probed["note_en"], PROBE);
    assert_eq!(probed["note_th"], "@SUM(A1)");
    assert_eq!(probed["value"], -3.5);
}

#[test]
fn per_indicator_files_carry_both_languages() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    for indicator in &site.data.indicators {
        let csv = files[format!("data/indicators/{}.csv", indicator.id).as_str()];
        let (header, rows) = parse_csv(csv);
        let series = site
            .data
            .observations
            .iter()
            .filter(|o| o.indicator_id == indicator.id)
            .count();
        assert_eq!(rows.len(), series, "{}", indicator.id);
        for (name, value) in [
            ("indicator_name_th", &indicator.name.th),
            ("indicator_name_en", &indicator.name.en),
            ("unit_th", &indicator.unit.th),
            ("unit_en", &indicator.unit.en),
        ] {
            assert!(column(&header, &rows, name).iter().all(|v| v == value));
        }
        for name in ["area_name_th", "area_name_en", "province_code"] {
            assert!(column(&header, &rows, name).iter().all(|v| !v.is_empty()));
        }
        let ce = column(&header, &rows, "year");
        let be = column(&header, &rows, "year_be");
        for (ce, be) in ce.iter().zip(be) {
            assert_eq!(ce.parse::<i32>().unwrap() + 543, be.parse::<i32>().unwrap());
        }

        let doc = json(files[format!("data/indicators/{}.json", indicator.id).as_str()]);
        let meta = &doc["indicator"];
        for (key, value) in [
            ("name_th", &indicator.name.th),
            ("name_en", &indicator.name.en),
            ("unit_th", &indicator.unit.th),
            ("unit_en", &indicator.unit.en),
            ("source_th", &indicator.source.th),
            ("source_en", &indicator.source.en),
        ] {
            assert_eq!(meta[key].as_str(), Some(value.as_str()), "{key}");
        }
        assert_eq!(meta["direction"], indicator.direction.as_str());
        assert_eq!(meta["dimension"], indicator.dimension.as_str());
        let observations = doc["observations"].as_array().unwrap();
        assert_eq!(observations.len(), series);
        if let Some(first) = observations.first() {
            assert!(first.get("area_name_th").is_some() && first.get("year_be").is_some());
            assert!(first.get("indicator_name_th").is_none(), "labels only once");
        }
    }
}

fn resources(package: &Value) -> &Vec<Value> {
    package["resources"].as_array().expect("resources")
}

#[test]
fn datapackage_describes_the_files() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    let package = json(files["data/datapackage.json"]);
    assert_eq!(package["title"], site.config.title.en.as_str());
    assert_eq!(package["title_th"], site.config.title.th.as_str());
    assert_eq!(package["sample"], true);
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(package["created"], "2021-09-30T00:00:00+07:00");
    let mut described = Vec::new();
    for resource in resources(&package) {
        let name = resource["name"].as_str().unwrap();
        let valid = name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        assert!(valid, "resource name {name}");
        let path = format!("data/{}", resource["path"].as_str().unwrap());
        let file = files.get(path.as_str()).unwrap_or_else(|| panic!("{path}"));
        assert_eq!(resource["bytes"].as_u64(), Some(file.bytes.len() as u64));
        assert_eq!(resource["format"], file.format);
        if file.format == "csv" {
            assert_eq!(resource["encoding"], "utf-8-sig");
            assert_eq!(resource["dialect"]["lineTerminator"], "\r\n");
            let (header, _) = parse_csv(file);
            let fields: Vec<&str> = resource["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["name"].as_str().unwrap())
                .collect();
            assert_eq!(header, fields, "{path}");
        }
        described.push(path);
    }
    let data_files = downloads
        .iter()
        .filter(|d| !d.path.starts_with("data/metadata/"))
        .filter(|d| d.path != "data/datapackage.json" && d.path != "data/README.md");
    for d in data_files {
        assert!(
            described.contains(&d.path),
            "{} is not in the package",
            d.path
        );
    }
    let energy = resources(&package)
        .iter()
        .find(|r| r["name"] == "indicator-energy-intensity")
        .unwrap();
    assert_eq!(energy["unit"]["en"], "kWh per tonne of product");
}

#[test]
fn catalogue_records_use_the_thai_gdc_fields() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    let record = json(files["data/metadata/observations.json"]);
    assert_eq!(record["data_type"], "ข้อมูลสถิติ");
    assert_eq!(record["update_frequency_unit"], "ปี");
    assert_eq!(record["geo_coverage"], "จังหวัด");
    assert_eq!(record["license_id"], "Creative Commons Attributions");
    assert_eq!(record["last_updated_date"], "2021-09-30");
    let first = site.data.observations.iter().map(|o| o.year).min().unwrap();
    assert_eq!(record["first_year_of_data_ce"], first);
    assert_eq!(record["first_year_of_data"], (first + 543).to_string());
    let indicator = json(files["data/metadata/indicators/energy-intensity.json"]);
    assert_eq!(indicator["unit_of_measure_en"], "kWh per tonne of product");
    assert!(
        indicator["calculation_method_th"]
            .as_str()
            .unwrap()
            .contains("กิโลวัตต์")
    );
    let register = json(files["data/metadata/provinces.json"]);
    assert_eq!(register["data_type"], "ข้อมูลระเบียน");
    assert!(register["first_year_of_data"].is_null());
}

#[test]
fn same_input_same_bytes() {
    let progress: &[u8] = b"{\"x\": 1}\n";
    let first = open_data(&load(&common::repo_root()), Some(progress));
    let second = open_data(&load(&common::repo_root()), Some(progress));
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.path, b.path);
        assert!(a.bytes == b.bytes, "{} differs between builds", a.path);
    }
}

fn write_files(downloads: &[Download]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for d in downloads {
        let path = dir.path().join(&d.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &d.bytes).unwrap();
    }
    dir
}

/// Runs `frictionless validate` on the package written to disk. Returns `None` when the tool is
/// not installed; CI installs it (`pip install frictionless`) and sets `CI=true`, and there a
/// missing tool fails the test rather than skipping it.
fn frictionless(downloads: &[Download]) -> Option<(bool, String)> {
    let dir = write_files(downloads);
    let package = dir.path().join("data/datapackage.json");
    let output = match Command::new("frictionless")
        .arg("validate")
        .arg("--json")
        .arg(&package)
        .current_dir(dir.path().join("data"))
        .output()
    {
        Ok(output) => output,
        Err(err) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!(
                "CI=true but the frictionless validator cannot run ({err}): pip install frictionless"
            )
        }
        Err(err) => {
            // Written to the real stderr, past the test harness's capture, so that a skip shows.
            let message = format!(
                "\n!!! SKIPPED: the frictionless validator is not installed ({err}).\n\
                 !!! Install it with `pip install frictionless` to validate datapackage.json.\n"
            );
            let _ = std::io::stderr().write_all(message.as_bytes());
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout).to_string();
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        panic!("frictionless printed no JSON report ({e}):\n{stdout}\n{stderr}")
    });
    Some((report["valid"] == true, stdout))
}

#[test]
fn frictionless_validates_the_sample_package() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, Some(b"{\"progress\": []}\n"));
    if let Some((valid, report)) = frictionless(&downloads) {
        assert!(valid, "frictionless rejects the package:\n{report}");
    }
}

#[test]
fn frictionless_validates_neutralised_cells() {
    let dir = probed_site();
    let downloads = open_data(&load(dir.path()), None);
    if let Some((valid, report)) = frictionless(&downloads) {
        assert!(valid, "frictionless rejects the package:\n{report}");
    }
}

/// The folder's README names each table's CSV with its row count, which is the number of records
/// in the file (a reader who saved one file from a chart's "full table" link can check it).
#[test]
fn the_readme_lists_every_table_with_its_row_count() {
    let site = load(&common::repo_root());
    let downloads = open_data(&site, None);
    let files = by_path(&downloads);
    let readme = String::from_utf8(files["data/README.md"].bytes.clone()).unwrap();
    assert!(readme.contains("CC-BY-4.0") && readme.contains("2021-09-30"));
    assert!(readme.contains("Illustrative sample data"));
    let mut listed = 0;
    for d in downloads.iter().filter(|d| d.format == "csv") {
        let records = csv::Reader::from_reader(d.bytes.as_slice())
            .records()
            .count();
        assert_eq!(d.rows, Some(records), "{}", d.path);
        let file = d.path.strip_prefix("data/").unwrap();
        let rows = ecotown::i18n::format::integer(records as i64);
        assert!(
            readme.contains(&format!("| `{file}` | {rows} |")),
            "{file} with {rows} rows is not in the README"
        );
        listed += 1;
    }
    assert!(listed > 40, "{listed} tables");
}
