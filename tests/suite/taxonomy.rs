//! The programme grows without a change to the program: a sixth dimension, a new theme and
//! phase-2 areas in a sixteenth province are rows in the data, and the pages follow them.

use crate::common;
use ecotown::diagnostics::{Diagnostics, Severity};

/// Appends `rows` to the CSV file `rel` of the site at `root`.
fn append(root: &std::path::Path, rel: &str, rows: &[&str]) {
    let path = root.join(rel);
    let mut text = std::fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn page(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_new_theme_a_sixth_dimension_and_a_sixteenth_province_in_phase_2_need_no_code() {
    let site = common::copy_site(&common::repo_root());
    let root = site.path();
    append(
        root,
        "data/dimensions.csv",
        &[
            "circular-economy,มิติเศรษฐกิจหมุนเวียน,Circular economy,การหมุนเวียนวัสดุและการใช้ของเสียเป็นวัตถุดิบ,Material loops and waste used as raw material",
        ],
    );
    append(
        root,
        "data/themes.csv",
        &["circularity,การหมุนเวียน,Circularity"],
    );
    append(root, "data/provinces.csv", &["TH-71,กาญจนบุรี,Kanchanaburi"]);
    append(
        root,
        "data/areas.csv",
        &[
            "kanchanaburi-tha-muang,TH-71,ท่าม่วง,Tha Muang,2",
            "kanchanaburi-tha-maka,TH-71,ท่ามะกา,Tha Maka,3",
        ],
    );
    append(
        root,
        "data/indicators.csv",
        &[
            "waste-reused,circular-economy,circularity,ของเสียที่นำกลับมาใช้,Waste reused,ร้อยละ,%,increase,1,2022,50,2026,ข้อมูลตัวอย่าง,Illustrative sample,",
        ],
    );
    append(
        root,
        "data/observations.csv",
        &[
            "kanchanaburi-tha-muang,waste-reused,2022,20.5,final,,",
            "kanchanaburi-tha-muang,waste-reused,2023,27.0,provisional,,",
            "rayong-map-ta-phut,waste-reused,2022,31.0,final,,",
        ],
    );
    append(
        root,
        "data/factories.csv",
        &[
            "kanchanaburi-tha-muang,2021,40,0",
            "kanchanaburi-tha-maka,2021,25,0",
        ],
    );
    // The sample banner's note quotes the old national total: the build says so, at the note,
    // rather than publish a banner claiming more than the data.
    let diags = common::check(root);
    let stale: Vec<_> = diags
        .iter()
        .filter(|d| d.code == "sample-note-disagrees")
        .collect();
    // One for the Thai note, the same in the English one on the next line said with it.
    assert_eq!(stale.len(), 1, "{stale:?}");
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let th_line = toml
        .lines()
        .position(|l| l.starts_with("th = \"ยกเว้น"))
        .unwrap();
    let d = stale[0];
    assert_eq!(
        (d.line, d.value.as_deref()),
        (Some(th_line as u64 + 1), Some("4,494"))
    );
    assert!(d.message.contains("and 1 more on line"), "{d}");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("4,559 factories in scope"),
        "{d}"
    );
    // The new indicator has FY2023 figures: the data are current to the end of that year.
    let toml = toml.replace("4,494", "4,559");
    let toml = toml.replace("data_as_of = \"2021-09-30\"", "data_as_of = \"2023-09-30\"");
    std::fs::write(root.join("site.toml"), toml).unwrap();

    let out = tempfile::tempdir().unwrap();
    let mut diags = Diagnostics::new();
    let built = ecotown::build::build(root, &out.path().join("site"), &mut diags);
    let problems: Vec<String> = (diags.iter())
        .filter(|d| d.severity <= Severity::Warning)
        .map(|d| d.to_string())
        .collect();
    assert!(built.is_ok() && problems.is_empty(), "{problems:#?}");
    let out = out.path().join("site");

    // Counts and phases come from the data, in both languages.
    let provinces = page(&out, "en/provinces/index.html");
    assert!(
        provinces.contains("The 16 phases 1, 2 and 3 target provinces"),
        "en provinces lead"
    );
    let thai = page(&out, "th/provinces/index.html");
    assert!(
        thai.contains("16 จังหวัดเป้าหมายระยะที่ 1, 2 และ 3"),
        "th provinces lead"
    );
    let home = page(&out, "en/index.html");
    assert!(
        home.contains("4,559 factories in scope and 1,760 upgraded"),
        "banner"
    );
    assert!(
        home.contains("Indicators in 6 dimensions"),
        "home dimensions heading"
    );
    assert!(
        home.contains("Circular economy"),
        "home lists the new dimension"
    );
    let areas = page(&out, "en/areas/index.html");
    assert!(
        areas.contains("The 20 phases 1, 2 and 3 target areas"),
        "areas lead"
    );
    assert!(
        areas.contains("Tha Muang") && areas.contains("Phase 2"),
        "areas list"
    );
    // Long lists of several phases can be narrowed to one, without script.
    assert!(
        areas.contains("Phase 2 (1)") && areas.contains("All (20)"),
        "phase filter"
    );
    let phase = page(&out, "en/phases/2/index.html");
    assert!(
        phase.contains("Tha Muang") && !phase.contains("Map Ta Phut"),
        "phase 2 list"
    );
    assert!(phase.contains(r#"aria-current="page">Phase 2 (1)"#));
    let thai_phase = page(&out, "th/phases/3/index.html");
    assert!(thai_phase.contains("พื้นที่เป้าหมายระยะที่ 3") && thai_phase.contains("ท่ามะกา"));
    let area = page(&out, "en/areas/kanchanaburi-tha-muang/index.html");
    assert!(area.contains("Phase 2"), "area page shows its phase");
    let thai_area = page(&out, "th/areas/kanchanaburi-tha-maka/index.html");
    assert!(
        thai_area.contains("ระยะที่ 3"),
        "Thai area page shows its phase"
    );

    // The new dimension has its page, and the indicator its dimension and theme.
    let dimension = page(&out, "en/dimensions/circular-economy/index.html");
    assert!(
        dimension.contains("Waste reused"),
        "dimension page lists its indicator"
    );
    let indicator = page(&out, "th/indicators/waste-reused/index.html");
    assert!(indicator.contains("มิติเศรษฐกิจหมุนเวียน") && indicator.contains("การหมุนเวียน"));

    // The open data carry the taxonomy, and the schema allows the new values.
    let dimensions = page(&out, "data/dimensions.csv");
    assert!(dimensions.contains("circular-economy"));
    let package = page(&out, "data/datapackage.json");
    assert!(
        package.contains("\"circularity\""),
        "theme in the schema's enum"
    );
}

/// An indicator naming a dimension the site's `dimensions.csv` does not have is an error at its
/// cell, pointing at the file the dimension would be added to.
#[test]
fn a_dimension_missing_from_the_taxonomy_is_located_with_its_file() {
    let site = common::copy_site(&common::repo_root());
    let root = site.path();
    append(
        root,
        "data/indicators.csv",
        &[
            "waste-reused,circular-econmy,,ของเสียที่นำกลับมาใช้,Waste reused,ร้อยละ,%,increase,1,,,,ข้อมูลตัวอย่าง,Illustrative sample,",
        ],
    );
    let diags = common::check(root);
    let d = common::only(&diags, "unknown-reference");
    assert_eq!(d.file, "data/indicators.csv");
    assert_eq!(d.column, Some(14));
    let hint = d.hint.as_deref().unwrap();
    assert!(hint.contains("data/dimensions.csv"), "{hint}");
    // Without the file, the built-in values are named and the file that would add one.
    std::fs::remove_file(root.join("data/dimensions.csv")).unwrap();
    let diags = common::check(root);
    let d = common::only(&diags, "unknown-value");
    let hint = d.hint.as_deref().unwrap();
    assert!(
        hint.contains("physical, economic, environmental, social, management")
            && hint.contains("define your own in data/dimensions.csv"),
        "{hint}"
    );
}

/// The level scale is data: a scale of four is what the methodology and the level charts show,
/// and against a scale of two the sample's level-3 rows are off the scale.
#[test]
fn the_level_scale_is_data() {
    let site = common::copy_site(&common::repo_root());
    let root = site.path();
    let scale = "level,name_th,name_en\n1,เริ่มต้น,Starting\n2,พัฒนา,Developing\n3,,\n4,ต้นแบบ,Model\n";
    std::fs::write(root.join("data/level_scale.csv"), scale).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut diags = Diagnostics::new();
    let built = ecotown::build::build(root, &out.path().join("site"), &mut diags);
    assert!(built.is_ok(), "{diags:?}");
    let methodology = page(&out.path().join("site"), "en/methodology/index.html");
    assert!(methodology.contains("describe 4 levels of development"));
    assert!(methodology.contains("Level 1: Starting") && methodology.contains("Level 4: Model"));
    assert!(methodology.contains("Level 3: its name in the criteria is not confirmed"));
    let chart = page(&out.path().join("site"), "en/areas/saraburi/index.html");
    assert!(
        chart.contains(">Level 4<"),
        "the level chart's scale reaches level 4"
    );

    let scale = "level,name_th,name_en\n1,เริ่มต้น,Starting\n2,พัฒนา,Developing\n";
    std::fs::write(root.join("data/level_scale.csv"), scale).unwrap();
    let diags = common::check(root);
    let off: Vec<_> = diags.iter().filter(|d| d.code == "out-of-range").collect();
    assert!(
        !off.is_empty(),
        "the sample's level-3 rows are off a scale of two"
    );
    assert!(
        off.iter().all(|d| d.file == "data/levels.csv"
            && d.hint
                .as_deref()
                .unwrap()
                .contains("from 1 to 2 (the levels of data/level_scale.csv)")),
        "{off:?}"
    );
}
