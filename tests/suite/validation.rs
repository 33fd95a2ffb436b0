//! One fixture per validation rule of the data contract, each asserting the diagnostic a
//! publisher sees: its code, file, line, column, offending value and hint.
//!
//! Each fixture is the `mini` site with one file changed, so the test shows the broken input and
//! the expected message side by side.
//!
//! Long because every rule of the data contract has its fixture beside the diagnostic a publisher
//! sees.

use crate::common;

use common::{check, fixture, mini_with, only};
use ecotown::diagnostics::Severity;

/// The mini fixture's `rel` file with `from` replaced by `to` (which must occur).
fn patched(rel: &str, from: &str, to: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture("mini").join(rel)).unwrap();
    assert!(text.contains(from), "fixture {rel} has no {from:?}");
    text.replacen(from, to, 1).into_bytes()
}

/// Asserts the place, value and a part of the hint of a diagnostic.
macro_rules! assert_diag {
    ($d:expr, $file:expr, $line:expr, $col:expr, $value:expr, $hint:expr) => {{
        let d = &$d;
        assert_eq!(d.file, $file, "{d}");
        assert_eq!((d.line, d.column), (Some($line), Some($col)), "{d}");
        assert_eq!(d.value.as_deref(), $value, "{d}");
        let hint = d.hint.as_deref().unwrap_or("");
        assert!(hint.contains($hint), "hint {hint:?} lacks {:?}", $hint);
        assert_eq!(d.severity, Severity::Error, "{d}");
    }};
}

const OBS: &str = "data/observations.csv";
const IND: &str = "data/indicators.csv";
const FAC: &str = "data/factories.csv";

#[test]
fn the_mini_fixture_is_valid() {
    let diags = check(&fixture("mini"));
    assert!(
        !diags.has_errors(),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn unclosed_quote() {
    let site = mini_with(&[(
        OBS,
        &patched(
            OBS,
            "songkhla-sadao,water-reuse,2017",
            "\"songkhla-sadao,water-reuse,2017",
        ),
    )]);
    let d = only(&check(site.path()), "unclosed-quote");
    assert_diag!(d, OBS, 45, 1, None, "closing '\"'");
}

#[test]
fn too_many_cells_from_an_unquoted_thousands_separator() {
    let site = mini_with(&[(
        FAC,
        &patched(
            FAC,
            "rayong-map-ta-phut,2016,300,20",
            "rayong-map-ta-phut,2016,1,300,20",
        ),
    )]);
    let d = only(&check(site.path()), "field-count");
    assert_diag!(
        d,
        FAC,
        2,
        1,
        Some("rayong-map-ta-phut,2016,1,300,20"),
        "must be quoted"
    );
}

#[test]
fn misspelled_column_suggests_the_right_name() {
    let site = mini_with(&[(
        "data/areas.csv",
        &patched("data/areas.csv", "province_code", "provnce_code"),
    )]);
    let d = only(&check(site.path()), "missing-column");
    assert_diag!(
        d,
        "data/areas.csv",
        1,
        1,
        Some("provnce_code"),
        "did you mean 'province_code'?"
    );
}

#[test]
fn missing_column_lists_the_header() {
    let site = mini_with(&[(
        "data/levels.csv",
        b"area_id,year\nrayong-map-ta-phut,2016\n",
    )]);
    let d = only(&check(site.path()), "missing-column");
    assert_diag!(d, "data/levels.csv", 1, 1, None, "area_id,year,level");
}

#[test]
fn wrong_type() {
    let site = mini_with(&[(
        OBS,
        &patched(
            OBS,
            "rayong-map-ta-phut,energy-intensity,2017,787.0",
            "rayong-map-ta-phut,energy-intensity,2017,787 kWh",
        ),
    )]);
    let d = only(&check(site.path()), "not-a-number");
    assert_diag!(d, OBS, 3, 42, Some("787 kWh"), "plain number");
}

#[test]
fn nan_and_infinity() {
    let site = mini_with(&[(OBS, &patched(OBS, "2017,787.0", "2017,NaN"))]);
    let d = only(&check(site.path()), "not-finite");
    assert_diag!(d, OBS, 3, 42, Some("NaN"), "leave the cell blank");
    let site = mini_with(&[(IND, &patched(IND, ",600,2024,", ",inf,2024,"))]);
    let d = only(&check(site.path()), "not-finite");
    assert_eq!((d.file.as_str(), d.line), (IND, Some(2)));
}

#[test]
fn invalid_id() {
    let site = mini_with(&[(
        "data/areas.csv",
        &patched(
            "data/areas.csv",
            "songkhla-sadao,TH-90",
            "Songkhla Sadao,TH-90",
        ),
    )]);
    let d = only(&check(site.path()), "bad-id");
    assert_diag!(
        d,
        "data/areas.csv",
        4,
        1,
        Some("Songkhla Sadao"),
        "'songkhla-sadao'"
    );
}

#[test]
fn duplicate_id() {
    let site = mini_with(&[(
        "data/areas.csv",
        &patched(
            "data/areas.csv",
            "songkhla-sadao,TH-90",
            "songkhla-chalung,TH-90",
        ),
    )]);
    let d = only(&check(site.path()), "duplicate");
    assert_diag!(
        d,
        "data/areas.csv",
        4,
        1,
        Some("songkhla-chalung"),
        "line 3 has the same area_id"
    );
}

#[test]
fn area_refers_to_unknown_province() {
    let site = mini_with(&[(
        "data/areas.csv",
        &patched(
            "data/areas.csv",
            "songkhla-sadao,TH-90",
            "songkhla-sadao,TH-91",
        ),
    )]);
    let d = only(&check(site.path()), "unknown-reference");
    assert_diag!(
        d,
        "data/areas.csv",
        4,
        16,
        Some("TH-91"),
        "data/provinces.csv"
    );
}

#[test]
fn observation_refers_to_unknown_area_and_indicator() {
    let broken = patched(
        OBS,
        "songkhla-sadao,water-reuse,2017",
        "songkhla-sadoa,water-reuse,2017",
    );
    let broken = String::from_utf8(broken).unwrap().replacen(
        "songkhla-sadao,water-reuse,2018",
        "songkhla-sadao,water-reus,2018",
        1,
    );
    let site = mini_with(&[(OBS, broken.as_bytes())]);
    let diags = check(site.path());
    let unknown: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "unknown-reference")
        .collect();
    assert_eq!(unknown.len(), 2);
    assert_diag!(
        unknown[0],
        OBS,
        45,
        1,
        Some("songkhla-sadoa"),
        "did you mean 'songkhla-sadao'?"
    );
    assert_diag!(
        unknown[1],
        OBS,
        46,
        16,
        Some("water-reus"),
        "did you mean 'water-reuse'?"
    );
}

#[test]
fn factories_refer_to_unknown_area() {
    let site = mini_with(&[(FAC, &patched(FAC, "songkhla-sadao,2021", "sadao,2021"))]);
    let d = only(&check(site.path()), "unknown-reference");
    assert_diag!(d, FAC, 19, 1, Some("sadao"), "data/areas.csv");
}

#[test]
fn duplicate_observation() {
    let site = mini_with(&[(
        OBS,
        &patched(
            OBS,
            "rayong-map-ta-phut,energy-intensity,2017",
            "rayong-map-ta-phut,energy-intensity,2016",
        ),
    )]);
    let d = only(&check(site.path()), "duplicate");
    assert_diag!(
        d,
        OBS,
        3,
        37,
        Some("2016"),
        "line 2 has the same (area_id, indicator_id, year)"
    );
}

#[test]
fn target_without_target_year() {
    let site = mini_with(&[(IND, &patched(IND, ",600,2024,", ",600,,"))]);
    let d = only(&check(site.path()), "target-without-year");
    assert_eq!((d.file.as_str(), d.line), (IND, Some(2)));
    assert!(d.hint.unwrap().contains("target_year") || d.message.contains("target_year"));
}

#[test]
fn target_year_not_after_base_year() {
    let site = mini_with(&[(IND, &patched(IND, ",600,2024,", ",600,2016,"))]);
    let d = only(&check(site.path()), "target-before-base");
    assert_eq!(
        (d.file.as_str(), d.line, d.value.as_deref()),
        (IND, Some(2), Some("2016"))
    );
    assert!(d.hint.unwrap().contains("after the base year 2016"));
}

#[test]
fn upgraded_exceeds_total() {
    let site = mini_with(&[(
        FAC,
        &patched(
            FAC,
            "songkhla-chalung,2018,80,25",
            "songkhla-chalung,2018,80,95",
        ),
    )]);
    let d = only(&check(site.path()), "upgraded-exceeds-total");
    assert_diag!(
        d,
        FAC,
        10,
        26,
        Some("95"),
        "must not exceed 'factories_total' (80)"
    );
}

#[test]
fn upgraded_decreases() {
    let site = mini_with(&[(
        FAC,
        &patched(
            FAC,
            "songkhla-chalung,2019,80,35",
            "songkhla-chalung,2019,80,15",
        ),
    )]);
    let d = only(&check(site.path()), "upgraded-decreases");
    assert_diag!(d, FAC, 11, 26, Some("15"), "cumulative");
    assert!(
        d.message.contains("from 25 in 2018 to 15 in 2019"),
        "{}",
        d.message
    );
}

#[test]
fn level_out_of_range() {
    let site = mini_with(&[(
        "data/levels.csv",
        &patched(
            "data/levels.csv",
            "songkhla-sadao,2021,3",
            "songkhla-sadao,2021,6",
        ),
    )]);
    let d = only(&check(site.path()), "out-of-range");
    assert_diag!(d, "data/levels.csv", 19, 21, Some("6"), "from 1 to 5");
}

#[test]
fn buddhist_era_year() {
    let site = mini_with(&[(
        "data/levels.csv",
        &patched(
            "data/levels.csv",
            "songkhla-sadao,2021,3",
            "songkhla-sadao,2564,3",
        ),
    )]);
    let d = only(&check(site.path()), "buddhist-era-year");
    assert_diag!(
        d,
        "data/levels.csv",
        19,
        16,
        Some("2564"),
        "subtract 543 (write 2021)"
    );
}

#[test]
fn empty_file() {
    let site = mini_with(&[("data/provinces.csv", b"")]);
    let d = only(&check(site.path()), "empty-file");
    assert_eq!((d.file.as_str(), d.line), ("data/provinces.csv", None));
    assert!(d.hint.unwrap().contains("province_code,name_th,name_en"));
}

#[test]
fn header_only() {
    let site = mini_with(&[("data/levels.csv", b"area_id,year,level\n")]);
    let d = only(&check(site.path()), "no-rows");
    assert_eq!((d.file.as_str(), d.line), ("data/levels.csv", Some(1)));
}

#[test]
fn semicolon_delimiter() {
    let site = mini_with(&[(
        "data/levels.csv",
        b"area_id;year;level\nrayong-map-ta-phut;2016;1\n",
    )]);
    let d = only(&check(site.path()), "wrong-delimiter");
    assert_diag!(
        d,
        "data/levels.csv",
        1,
        1,
        Some("area_id;year;level"),
        "Comma delimited"
    );
}

#[test]
fn duplicate_header() {
    let site = mini_with(&[(
        "data/levels.csv",
        &patched(
            "data/levels.csv",
            "area_id,year,level",
            "area_id,year,level,year",
        ),
    )]);
    let text =
        String::from_utf8(std::fs::read(site.path().join("data/levels.csv")).unwrap()).unwrap();
    let fixed: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{l},x")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(site.path().join("data/levels.csv"), fixed).unwrap();
    let d = only(&check(site.path()), "duplicate-column");
    assert_diag!(d, "data/levels.csv", 1, 20, Some("year"), "rename one");
}

#[test]
fn direction_is_required_never_defaulted() {
    let site = mini_with(&[(
        IND,
        &patched(
            IND,
            "kWh per tonne of product,decrease,",
            "kWh per tonne of product,,",
        ),
    )]);
    let d = only(&check(site.path()), "empty-cell");
    assert_eq!(
        (d.file.as_str(), d.line, d.value.as_deref()),
        (IND, Some(2), Some(""))
    );
    assert!(d.hint.unwrap().contains("increase, decrease"));
}

#[test]
fn unknown_dimension_and_decimals_out_of_range() {
    let text = patched(
        IND,
        "energy-intensity,environmental,",
        "energy-intensity,enviro,",
    );
    let text = String::from_utf8(text).unwrap().replacen(
        "kWh per tonne of product,decrease,1,",
        "kWh per tonne of product,decrease,9,",
        1,
    );
    let site = mini_with(&[(IND, text.as_bytes())]);
    let diags = check(site.path());
    let d = only(&diags, "unknown-value");
    assert_diag!(
        d,
        IND,
        2,
        18,
        Some("enviro"),
        "physical, economic, environmental, social, management"
    );
    let d = only(&diags, "out-of-range");
    assert_eq!((d.line, d.value.as_deref()), (Some(2), Some("9")));
}

#[test]
fn nul_byte() {
    let site = mini_with(&[(
        "data/levels.csv",
        b"area_id,year,level\nrayong-map-ta-phut,2016,\x001\n",
    )]);
    let d = only(&check(site.path()), "nul-byte");
    assert_eq!((d.line, d.column), (Some(2), Some(25)));
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let levels = patched(
        "data/levels.csv",
        "songkhla-sadao,2021,3",
        "songkhla-sadao,2564,9",
    );
    let factories = patched(
        FAC,
        "songkhla-chalung,2018,80,25",
        "songkhla-chalung,2018,80,95",
    );
    let site = mini_with(&[("data/levels.csv", &levels), (FAC, &factories)]);
    let diags = check(site.path());
    assert_eq!(
        diags.count(Severity::Error),
        3,
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
}

#[test]
fn spreadsheet_habits_are_accepted() {
    // A UTF-8 BOM, CRLF line ends, Thai digits and a quoted thousands separator.
    let factories = "\u{feff}area_id,year,factories_total,factories_upgraded\r\n\
        rayong-map-ta-phut,๒๐๑๖,\"1,300\",๒๐\r\n\
        songkhla-chalung,2016,80,5\r\nsongkhla-sadao,2016,60,2\r\n";
    let site = mini_with(&[(FAC, factories.as_bytes())]);
    let diags = check(site.path());
    assert!(
        !diags.has_errors(),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    let site_data =
        ecotown::build::load(site.path(), &mut ecotown::diagnostics::Diagnostics::new()).unwrap();
    let first = &site_data.data.factories_of("rayong-map-ta-phut")[0];
    assert_eq!((first.year, first.total, first.upgraded), (2016, 1300, 20));
}

#[test]
fn windows_874_is_decoded_with_a_note() {
    let text = std::fs::read_to_string(fixture("mini").join("data/provinces.csv")).unwrap();
    let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(&text);
    let site = mini_with(&[("data/provinces.csv", &bytes)]);
    let diags = check(site.path());
    assert!(!diags.has_errors());
    let d = only(&diags, "decoded-windows-874");
    assert_eq!(
        (d.severity, d.file.as_str()),
        (Severity::Note, "data/provinces.csv")
    );
    let site_data =
        ecotown::build::load(site.path(), &mut ecotown::diagnostics::Diagnostics::new()).unwrap();
    assert_eq!(site_data.data.provinces[0].name.th, "ระยอง");
}

#[test]
fn extra_columns_are_noted_once() {
    let text = std::fs::read_to_string(fixture("mini").join("data/levels.csv")).unwrap();
    let wide: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l},checked_by,remark")
            } else {
                format!("{l},x,y")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let site = mini_with(&[("data/levels.csv", wide.as_bytes())]);
    let d = only(&check(site.path()), "extra-columns");
    assert_eq!(d.severity, Severity::Note);
    assert!(d.message.contains("checked_by, remark"));
}

#[test]
fn bad_site_toml_is_located() {
    let toml = std::fs::read_to_string(fixture("mini").join("site.toml"))
        .unwrap()
        .replacen("sample = true", "sample = yes", 1);
    let site = mini_with(&[("site.toml", toml.as_bytes())]);
    let d = only(&check(site.path()), "bad-config");
    let line = toml.lines().position(|l| l.starts_with("sample")).unwrap() as u64 + 1;
    assert_eq!((d.file.as_str(), d.line), ("site.toml", Some(line)));
}

// ---------------------------------------------------------------------------------------------
// Line ends as Excel, Notepad and old Macs write them: every location stays exact.

/// `text` with its line ends made `ending` ("\r\n" for Windows, "\r" for old Macs).
fn with_line_ends(text: &[u8], ending: &str) -> Vec<u8> {
    String::from_utf8(text.to_vec())
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\n', ending)
        .into_bytes()
}

#[test]
fn csv_locations_are_exact_with_windows_and_old_mac_line_ends() {
    for ending in ["\r\n", "\r"] {
        let levels = patched(
            "data/levels.csv",
            "songkhla-sadao,2021,3",
            "songkhla-sadao,2021,6",
        );
        let site = mini_with(&[("data/levels.csv", &with_line_ends(&levels, ending))]);
        let d = only(&check(site.path()), "out-of-range");
        assert_diag!(d, "data/levels.csv", 19, 21, Some("6"), "from 1 to 5");
        // A bad year on the second line points at the second line, not the header.
        let levels = with_line_ends(
            &std::fs::read(fixture("mini").join("data/levels.csv")).unwrap(),
            ending,
        );
        let text = String::from_utf8(levels)
            .unwrap()
            .replacen(",2016,", ",2564,", 1);
        let site = mini_with(&[("data/levels.csv", text.as_bytes())]);
        let d = only(&check(site.path()), "buddhist-era-year");
        assert_diag!(d, "data/levels.csv", 2, 20, Some("2564"), "subtract 543");
    }
}

#[test]
fn csv_locations_are_exact_with_a_bom_and_windows_874_and_crlf() {
    let levels = patched(
        "data/levels.csv",
        "songkhla-sadao,2021,3",
        "songkhla-sadao,2021,6",
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(with_line_ends(&levels, "\r\n"));
    let site = mini_with(&[("data/levels.csv", &bom)]);
    let d = only(&check(site.path()), "out-of-range");
    assert_diag!(d, "data/levels.csv", 19, 21, Some("6"), "from 1 to 5");
    // Windows-874 (Thai Windows' "ANSI"), CRLF: a Thai name in the file, the error after it.
    let areas =
        String::from_utf8(std::fs::read(fixture("mini").join("data/provinces.csv")).unwrap())
            .unwrap()
            .replace("\r\n", "\n")
            .replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(&areas);
    let site = mini_with(&[
        ("data/provinces.csv", &bytes),
        ("data/levels.csv", &with_line_ends(&levels, "\r\n")),
    ]);
    let d = only(&check(site.path()), "out-of-range");
    assert_diag!(d, "data/levels.csv", 19, 21, Some("6"), "from 1 to 5");
}

#[test]
fn site_toml_locations_are_exact_with_windows_line_ends() {
    let toml = patched(
        "site.toml",
        "data_as_of = \"2021-09-30\"",
        "data_as_of = \"2564-09-30\"",
    );
    let site = mini_with(&[("site.toml", &with_line_ends(&toml, "\r\n"))]);
    let d = only(&check(site.path()), "bad-config");
    assert_diag!(
        d,
        "site.toml",
        11,
        15,
        Some("2564-09-30"),
        "subtract 543 (write data_as_of = \"2021-09-30\")"
    );
}

#[test]
fn narrative_locations_are_exact_with_windows_line_ends() {
    let text = "+++\r\ntitle = \"Map Ta Phut\"\r\n+++\r\n\r\nThe latest value is {{ lates(area=\"rayong-map-ta-phut\") }}.\r\n";
    let site = mini_with(&[("content/areas/rayong-map-ta-phut.en.md", text.as_bytes())]);
    let d = only(&check(site.path()), "unknown-shortcode");
    assert_eq!(d.file, "content/areas/rayong-map-ta-phut.en.md");
    assert_eq!((d.line, d.column), (Some(5), Some(24)), "{d}");
}

#[test]
fn template_and_strings_locations_are_exact_with_windows_line_ends() {
    let template = "{% extends \"base.html\" %}\r\n{% block content %}\r\n<h1>{{ page.title }</h1>\r\n{% endblock content %}\r\n";
    let site = mini_with(&[("templates/about.html", template.as_bytes())]);
    let diags = check(site.path());
    let d = diags
        .iter()
        .find(|d| d.file == "templates/about.html")
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
            )
        });
    assert_eq!(d.line, Some(3), "{d}");
    let strings = std::fs::read_to_string(common::repo_root().join("templates/i18n/en.toml"))
        .unwrap()
        .replacen("nav_home = ", "nav_home = = ", 1)
        .replace('\n', "\r\n");
    let line = strings
        .lines()
        .position(|l| l.starts_with("nav_home"))
        .unwrap() as u64
        + 1;
    let site = mini_with(&[("templates/i18n/en.toml", strings.as_bytes())]);
    let diags = check(site.path());
    let d = diags
        .iter()
        .find(|d| d.file == "templates/i18n/en.toml")
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
            )
        });
    assert_eq!((d.line, d.column), (Some(line), Some(12)), "{d}");
}

#[test]
fn a_file_the_contract_does_not_know_is_reported() {
    let site = mini_with(&[
        (
            "data/observations-rayong-2565.csv",
            b"area_id,indicator_id,year,value\n",
        ),
        ("data/levels-2565.xlsx", b"PK\x03\x04"),
        ("data/~$levels.xlsx", b"lock"),
    ]);
    let diags = check(site.path());
    let unknown: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "unknown-data-file")
        .collect();
    assert_eq!(unknown.len(), 2, "{unknown:?}");
    assert_eq!(unknown[0].file, "data/levels-2565.xlsx");
    assert!(
        unknown[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("named after its table (data/dimensions.xlsx")
    );
    assert_eq!(unknown[1].file, "data/observations-rayong-2565.csv");
    assert!(
        unknown[1]
            .hint
            .as_deref()
            .unwrap()
            .contains("data/observations.csv")
    );
    assert_eq!(unknown[1].severity, Severity::Warning);
}

// ---------------------------------------------------------------------------------------------
// Every problem of every kind of input in one run.

#[test]
fn one_mistake_in_each_kind_of_input_all_reported_in_one_run() {
    let levels = patched(
        "data/levels.csv",
        "songkhla-sadao,2021,3",
        "songkhla-sadao,2021,6",
    );
    let toml = patched(
        "site.toml",
        "data_as_of = \"2021-09-30\"",
        "data_as_of = \"2564-09-30\"",
    );
    // A strings key misspelt in the site's own Thai strings file.
    let th = "nav_abuot = \"เกี่ยวกับ\"\n";
    let site = mini_with(&[
        ("data/levels.csv", &levels),
        ("site.toml", &toml),
        ("data/observations-rayong-2565.csv", b"area_id\n"),
        (
            "content/areas/rayong-map-ta-phut.en.md",
            b"---\ntitel: Map Ta Phut\n---\n\nSee {{ lates(area=\"rayong-map-ta-phut\") }}.\n",
        ),
        (
            "content/areas/rayong-irpc.th.md",
            "+++\ntitle = \"IRPC\"\n+++\n\nค่า {{ latest(area=\"rayong-irpc\") }}\n".as_bytes(),
        ),
        (
            "templates/about.html",
            b"{% extends \"base.html\" %}\n{% block content %}{{ x }\n{% endblock content %}\n",
        ),
        ("templates/i18n/th.toml", th.as_bytes()),
    ]);
    let diags = check(site.path());
    let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    for (code, file) in [
        ("out-of-range", "data/levels.csv"),
        ("bad-config", "site.toml"),
        ("unknown-data-file", "data/observations-rayong-2565.csv"),
        (
            "unknown-front-matter-key",
            "content/areas/rayong-map-ta-phut.en.md",
        ),
        (
            "unknown-shortcode",
            "content/areas/rayong-map-ta-phut.en.md",
        ),
        (
            "missing-shortcode-argument",
            "content/areas/rayong-irpc.th.md",
        ),
        ("unknown-string-key", "templates/i18n/th.toml"),
    ] {
        assert!(
            diags.iter().any(|d| d.code == code && d.file == file),
            "{code} in {file} not reported; got:\n{}",
            all.join("\n")
        );
    }
    assert!(
        diags
            .iter()
            .any(|d| d.file == "templates/about.html" && d.is_error()),
        "the template error is not reported; got:\n{}",
        all.join("\n")
    );
    // Errors come before warnings in what a publisher reads.
    let sorted = diags.sorted();
    let first_warning = sorted
        .iter()
        .position(|d| d.severity == Severity::Warning)
        .unwrap();
    assert!(sorted[first_warning..].iter().all(|d| !d.is_error()));
}

/// One renamed area makes every row that uses it wrong; the publisher is told once per file, with
/// the lines, not once per row.
#[test]
fn a_mistake_repeated_on_many_rows_is_reported_once_per_file() {
    let areas = patched(
        "data/areas.csv",
        "songkhla-sadao,TH-90",
        "songkhla-sadoa,TH-90",
    );
    let site = mini_with(&[("data/areas.csv", &areas)]);
    let diags = check(site.path());
    let refs: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.code == "unknown-reference")
        .collect();
    let files: Vec<&str> = refs.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(files, [FAC, "data/levels.csv", OBS], "{refs:#?}");
    let factories = refs[0];
    assert_eq!((factories.line, factories.column), (Some(14), Some(1)));
    assert!(
        factories.message.ends_with("(and 5 more on lines 15–19)"),
        "{factories}"
    );
    assert!(
        factories
            .hint
            .as_deref()
            .unwrap()
            .contains("'songkhla-sadoa'")
    );
    assert!(
        refs[2].message.contains("and 17 more on lines"),
        "{}",
        refs[2]
    );
}

/// Excel's "Unicode Text" (UTF-16 with a byte-order mark, tab-separated, CRLF) is read like CSV,
/// and a bad cell in it is located exactly.
#[test]
fn excel_unicode_text_is_read_and_located() {
    let text = std::fs::read_to_string(fixture("mini").join("data/levels.csv")).unwrap();
    let tsv = text.replace(',', "\t").replace('\n', "\r\n");
    let unicode_text = |tsv: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let site = mini_with(&[("data/levels.csv", &unicode_text(&tsv))]);
    let diags = check(site.path());
    assert!(
        !diags.has_errors() && diags.count(Severity::Warning) == 0,
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    let bad = tsv.replacen("songkhla-sadao\t2021\t3", "songkhla-sadao\t2021\t9", 1);
    let line = bad
        .lines()
        .position(|l| l.starts_with("songkhla-sadao\t2021\t"))
        .unwrap() as u64
        + 1;
    let site = mini_with(&[("data/levels.csv", &unicode_text(&bad))]);
    let d = only(&check(site.path()), "out-of-range");
    let column = "songkhla-sadao\t2021\t".chars().count() as u64 + 1;
    assert_diag!(d, "data/levels.csv", line, column, Some("9"), "1 to 5");
}

/// `docs/data-format.md` documents the contract the loader reads: its tables section is made from
/// the one declaration ([`ecotown::data::contract`]) and must be what that makes today. Run the
/// test with `ECOTOWN_UPDATE_DOCS=1` to write the section after changing the contract.
#[test]
fn the_data_format_page_is_made_from_the_contract() {
    let path = common::repo_root().join("docs/data-format.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ecotown::data::contract::REFERENCE_MARKS;
    let start = doc
        .find(begin)
        .expect("docs/data-format.md has the start mark")
        + begin.len();
    let stop = doc.find(end).expect("docs/data-format.md has the end mark");
    let made = ecotown::data::contract::reference(&ecotown::data::Taxonomy::default());
    let written = &doc[start..stop];
    if written.trim() != made.trim() {
        if std::env::var_os("ECOTOWN_UPDATE_DOCS").is_some() {
            let updated = format!("{}\n{}\n{}", &doc[..start], made.trim(), &doc[stop..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!(
            "docs/data-format.md is stale: its tables are not what src/data/contract.rs declares; \
             run `ECOTOWN_UPDATE_DOCS=1 cargo test --test suite data_format_page` to rewrite them"
        );
    }
    // And every table the loader reads has its section.
    for table in ecotown::data::load::TABLES {
        assert!(
            written.contains(&format!("### `data/{table}.csv`")),
            "{table}"
        );
    }
}
