//! Material flows and symbiosis: each validation rule at its file, line, column, value and hint,
//! and the figures the sample's flows give.

use crate::common::{self, check, only};
use ecotown::diagnostics::{Diagnostic, Severity};

const MATERIALS: &str = "material_id,name_th,name_en,category,hazardous\n\
    fly-ash,เถ้าลอย,Fly ash,by-product,no\n\
    plastic-scrap,เศษพลาสติก,Plastic scrap,waste,no\n\
    recycled-pellets,เม็ดพลาสติกรีไซเคิล,Recycled pellets,product,no\n\
    steam,ไอน้ำ,Steam,energy,no\n\
    treated-water,น้ำบำบัดแล้ว,Treated water,water,no\n";

const NODES: &str = "node_id,kind,name_th,name_en,balance_tolerance\n\
    mtp-power,factory-group,โรงไฟฟ้า,Power plants,\n\
    mtp-cement,outside,โรงงานปูนซีเมนต์,Cement plants,\n\
    mtp-petrochem,factory-group,ปิโตรเคมี,Petrochemical plants,\n\
    mtp-recyclers,factory-group,ผู้รีไซเคิล,Recyclers,2\n\
    mtp-landfill,treatment,หลุมฝังกลบ,Landfill,\n\
    mtp-community,community,ชุมชน,Communities,\n";

/// Flows with a recycling loop that balances at the recyclers (1,000 in; 880 + 120 out).
const FLOWS: &str = "area_id,year,source,target,material,quantity,unit,status,note_th,note_en\n\
    rayong-map-ta-phut,2021,mtp-power,mtp-cement,fly-ash,5000,t/yr,final,,\n\
    rayong-map-ta-phut,2021,mtp-petrochem,mtp-recyclers,plastic-scrap,1000,t/yr,final,,\n\
    rayong-map-ta-phut,2021,mtp-recyclers,mtp-petrochem,recycled-pellets,880,t/yr,final,,\n\
    rayong-map-ta-phut,2021,mtp-recyclers,mtp-landfill,plastic-scrap,120,t/yr,final,,\n\
    rayong-map-ta-phut,2021,mtp-power,mtp-petrochem,steam,2000,GJ/yr,final,,\n\
    rayong-map-ta-phut,2021,mtp-power,mtp-community,treated-water,90000,m3/yr,final,,\n";

const LINKS: &str = "area_id,year,link_id,kind,source,target,material,pairs,landfill_diverted_t,co2e_avoided_t,saving_baht\n\
    rayong-map-ta-phut,2021,fly-ash-to-cement,factory-factory,mtp-power,mtp-cement,fly-ash,3,5000,700,\n\
    rayong-map-ta-phut,2021,scrap-to-recyclers,factory-factory,mtp-petrochem,mtp-recyclers,plastic-scrap,2,1000,,\n\
    rayong-map-ta-phut,2021,pellets-back,factory-factory,mtp-recyclers,mtp-petrochem,recycled-pellets,,,,\n\
    rayong-map-ta-phut,2021,water-to-farms,factory-community,mtp-power,mtp-community,treated-water,1,,,\n";

/// The mini site with the four flow tables, each replaced by `edit` of its text first.
fn with_flows(edit: &dyn Fn(&str, &str) -> String) -> tempfile::TempDir {
    let files = [
        ("data/materials.csv", MATERIALS),
        ("data/flow_nodes.csv", NODES),
        ("data/flows.csv", FLOWS),
        ("data/symbiosis.csv", LINKS),
    ];
    let edited: Vec<(&str, String)> = files.iter().map(|(p, t)| (*p, edit(p, t))).collect();
    let borrowed: Vec<(&str, &[u8])> = edited.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    common::mini_with(&borrowed)
}

fn unchanged(_: &str, text: &str) -> String {
    text.to_string()
}

/// The one error `code` of the mini site with `file`'s `from` replaced by `to`.
fn error_for(file: &str, from: &str, to: &str, code: &str) -> Diagnostic {
    let site = with_flows(&|p, t| match p == file {
        true => {
            assert!(t.contains(from), "{from}");
            t.replacen(from, to, 1)
        }
        false => t.to_string(),
    });
    let d = only(&check(site.path()), code);
    assert_eq!(d.severity, Severity::Error, "{d}");
    d
}

fn at(d: &Diagnostic, file: &str, line: u64, column: u64, value: &str, hint: &str) {
    assert_eq!(d.file, file, "{d}");
    assert_eq!((d.line, d.column), (Some(line), Some(column)), "{d}");
    assert_eq!(d.value.as_deref(), Some(value), "{d}");
    let h = d.hint.as_deref().unwrap_or("");
    assert!(h.contains(hint), "hint {h:?} lacks {hint:?}");
}

#[test]
fn valid_flows_load_and_give_their_figures() {
    let site = with_flows(&unchanged);
    let diags = check(site.path());
    assert!(
        !diags.has_errors(),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    let flows = &loaded.data.flows;
    assert_eq!(flows.flows.len(), 6);
    let measure = |m| flows.measure(m, "rayong-map-ta-phut", 2021);
    // Factory-factory links in tonnes: 5,000 + 1,000 + 880; the water link is not tonnes.
    assert_eq!(measure("exchanged-tonnes"), Some(6880.0));
    // Pairs: 3 + 2 + 1 (blank) + 1.
    assert_eq!(measure("symbiosis-links"), Some(7.0));
    assert_eq!(measure("landfill-diverted"), Some(6000.0));
    assert_eq!(measure("co2e-avoided"), Some(700.0));
    // No flows that year: no figure, rather than a zero.
    assert_eq!(
        flows.measure("symbiosis-links", "rayong-map-ta-phut", 2020),
        None
    );
}

#[test]
fn unknown_nodes_and_materials_are_located_with_the_nearest() {
    let d = error_for(
        "data/flows.csv",
        "mtp-power,mtp-cement",
        "mtp-powr,mtp-cement",
        "unknown-reference",
    );
    at(
        &d,
        "data/flows.csv",
        2,
        25,
        "mtp-powr",
        "did you mean 'mtp-power'?",
    );
    let d = error_for(
        "data/flows.csv",
        "fly-ash,5000",
        "flyash,5000",
        "unknown-reference",
    );
    at(
        &d,
        "data/flows.csv",
        2,
        46,
        "flyash",
        "did you mean 'fly-ash'?",
    );
}

#[test]
fn a_negative_quantity_is_refused() {
    let d = error_for(
        "data/flows.csv",
        "fly-ash,5000",
        "fly-ash,-5000",
        "negative-quantity",
    );
    at(&d, "data/flows.csv", 2, 54, "-5000", "swapped");
}

#[test]
fn a_flow_from_a_node_to_itself_is_refused() {
    let d = error_for(
        "data/flows.csv",
        "mtp-power,mtp-cement",
        "mtp-power,mtp-power",
        "self-flow",
    );
    at(
        &d,
        "data/flows.csv",
        2,
        35,
        "mtp-power",
        "two different nodes",
    );
}

#[test]
fn a_unit_its_material_is_not_measured_in_is_refused() {
    let d = error_for("data/flows.csv", "5000,t/yr", "5000,m3/yr", "unit-mismatch");
    at(&d, "data/flows.csv", 2, 59, "m3/yr", "write t/yr");
    assert!(d.message.contains("'fly-ash' is by-product"), "{d}");
}

#[test]
fn energy_in_two_units_in_one_diagram_is_refused() {
    let site = with_flows(&|p, t| match p {
        "data/flows.csv" => format!(
            "{t}rayong-map-ta-phut,2021,mtp-petrochem,mtp-power,steam,10,MWh/yr,final,,\nrayong-map-ta-phut,2021,mtp-power,mtp-recyclers,steam,20,GJ/yr,final,,\n"
        ),
        _ => t.to_string(),
    });
    let d = only(&check(site.path()), "mixed-units");
    at(&d, "data/flows.csv", 8, 58, "MWh/yr", "1 MWh = 3.6 GJ");
}

#[test]
fn a_link_citing_no_flow_is_refused() {
    let d = error_for(
        "data/symbiosis.csv",
        "mtp-power,mtp-cement,fly-ash",
        "mtp-power,mtp-cement,plastic-scrap",
        "link-without-flow",
    );
    at(
        &d,
        "data/symbiosis.csv",
        2,
        80,
        "plastic-scrap",
        "are of fly-ash",
    );
}

#[test]
fn a_node_that_does_not_balance_is_reported_with_the_numbers() {
    let d = error_for(
        "data/flows.csv",
        "recycled-pellets,880",
        "recycled-pellets,700",
        "mass-balance",
    );
    at(&d, "data/flow_nodes.csv", 5, 51, "2", "mtp-recyclers");
    assert!(
        d.message
            .contains("inputs 1,000 t/yr, outputs 820 t/yr, 180 apart (18.0%, tolerance 2%)"),
        "{d}"
    );
}

#[test]
fn a_flow_given_twice_is_a_duplicate() {
    let site = with_flows(&|p, t| match p {
        "data/flows.csv" => {
            format!("{t}rayong-map-ta-phut,2021,mtp-power,mtp-cement,fly-ash,10,t/yr,final,,\n")
        }
        _ => t.to_string(),
    });
    let d = only(&check(site.path()), "duplicate");
    assert_eq!(
        (d.file.as_str(), d.line),
        ("data/flows.csv", Some(8)),
        "{d}"
    );
    assert!(d.hint.as_deref().unwrap().contains("line 2"), "{d}");
}

#[test]
fn an_indicator_measured_by_the_flows_must_agree_with_them() {
    let mini = |rel: &str| std::fs::read_to_string(common::fixture("mini").join(rel)).unwrap();
    let indicators = mini("data/indicators.csv");
    let mut lines: Vec<String> = indicators.lines().map(str::to_string).collect();
    lines[0].push_str(",measured_by");
    for l in lines.iter_mut().skip(1) {
        l.push(',');
    }
    lines.push("symbiosis-links,economic,resources,คู่ความร่วมมือ,Symbiosis links,คู่,links,increase,0,,,,ข้อมูลตัวอย่าง,Illustrative,symbiosis-links".into());
    let indicators = lines.join("\n") + "\n";
    let observations = format!(
        "{}rayong-map-ta-phut,symbiosis-links,2021,9,final,,\nrayong-map-ta-phut,symbiosis-links,2020,4,final,,\n",
        mini("data/observations.csv")
    );
    let obs_line = observations.lines().count() as u64 - 1;
    let files = [
        ("data/materials.csv", MATERIALS.as_bytes()),
        ("data/flow_nodes.csv", NODES.as_bytes()),
        ("data/flows.csv", FLOWS.as_bytes()),
        ("data/symbiosis.csv", LINKS.as_bytes()),
        ("data/indicators.csv", indicators.as_bytes()),
        ("data/observations.csv", observations.as_bytes()),
    ];
    let site = common::mini_with(&files);
    let d = only(&check(site.path()), "disagrees-with-flows");
    // 2021 has flows (7 pairs); 2020 has none, so its 4 is not checked.
    at(
        &d,
        "data/observations.csv",
        obs_line,
        41,
        "9",
        "factory pairs in data/symbiosis.csv",
    );
    assert!(
        d.message
            .contains("which give 7 for rayong-map-ta-phut in 2021"),
        "{d}"
    );
}

/// The sample's flows load cleanly, and its indicators measured by them agree: Map Ta Phut's
/// known answers for FY2021.
#[test]
fn the_sample_flows_agree_with_its_indicators() {
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let site = ecotown::build::load(&common::repo_root(), &mut diags).expect("loads");
    assert!(!diags.has_errors());
    let flows = &site.data.flows;
    let areas: std::collections::BTreeSet<&str> =
        flows.flows.iter().map(|f| f.area_id.as_str()).collect();
    assert_eq!(areas.len(), 18, "every area has flows");
    let measure = |m| flows.measure(m, "rayong-map-ta-phut", 2021);
    assert_eq!(measure("exchanged-tonnes"), Some(97_980.0));
    assert_eq!(measure("symbiosis-links"), Some(38.0));
}

/// Known answers: the figures the diagram's description and the programme page state, worked
/// out by hand from the fixture's flows.
#[test]
fn the_diagram_and_the_programme_page_state_the_right_figures() {
    let site = with_flows(&unchanged);
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    let files = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    // By-products and wastes: 5,000 fly ash to cement outside, 1,000 scrap to the recyclers,
    // 120 scrap to landfill: 6,120 t, of which 1,000 (16.3%) stay. Exchanged between factories:
    // 5,000 + 1,000 + 880 (the pellets' return).
    let area = page("en/areas/rayong-map-ta-phut/index.html");
    assert!(
        area.contains("16.3% of by-products and wastes (6,120 t/yr) stay in the area"),
        "diagram description"
    );
    assert!(area.contains("6,880 t/yr are exchanged between factories"));
    let thai = page("th/areas/rayong-map-ta-phut/index.html");
    assert!(thai.contains("ผลพลอยได้และของเสีย 16.3% (6,120 ตัน/ปี)"));
    let programme = page("en/symbiosis/index.html");
    // FY2021: 1 area, 7 pairs, 6,880 t exchanged, 6,000 t kept from landfill, 700 t CO2e.
    let row = ["FY2021", ">1<", ">7<", ">6,880<", ">6,000<", ">700<"];
    let at = programme.find("FY2021").expect("the year's row");
    let tail = &programme[at..];
    let end = tail.find("</tr>").unwrap();
    for cell in row {
        assert!(tail[..end].contains(cell), "{cell} in {}", &tail[..end]);
    }
    assert!(
        programme.contains(">16.3%<"),
        "kept in the area, ranked table"
    );
    // The home page points to it.
    assert!(page("en/index.html").contains("symbiosis/index.html"));
}

/// `{{ symbiosis(…) }}` in a narrative states the flows' figures, in the page's language, and a
/// mistake in it is located at its argument.
#[test]
fn the_symbiosis_shortcode_states_the_flows_figures() {
    let page = "+++\ntitle = \"x\"\n+++\n\
        A {{ symbiosis(measure=\"exchanged-tonnes\", area=\"rayong-map-ta-phut\") }}\n\n\
        B {{ symbiosis(measure=\"symbiosis-links\", area=\"rayong-map-ta-phut\", year=\"2021\") }}\n\n\
        C {{ symbiosis(measure=\"co2e-avoided\", area=\"rayong-map-ta-phut\") }}\n";
    let mut files: Vec<(&str, &[u8])> = vec![
        ("data/materials.csv", MATERIALS.as_bytes()),
        ("data/flow_nodes.csv", NODES.as_bytes()),
        ("data/flows.csv", FLOWS.as_bytes()),
        ("data/symbiosis.csv", LINKS.as_bytes()),
        ("content/pages/figures.en.md", page.as_bytes()),
        ("content/pages/figures.th.md", page.as_bytes()),
    ];
    let site = common::mini_with(&files);
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let loaded = ecotown::build::load(site.path(), &mut diags).expect("loads");
    assert!(
        !diags.has_errors(),
        "{:?}",
        diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    );
    let out = ecotown::render::render_site(&loaded, &mut diags).expect("renders");
    let html = |p: &str| String::from_utf8(out[p].clone()).unwrap();
    let en = html("en/figures/index.html");
    assert!(en.contains("<p>A 6,880 t/yr (FY2021)</p>"), "{en}");
    assert!(en.contains("<p>B 7 factory pairs (FY2021)</p>"));
    assert!(en.contains("<p>C 700 t CO₂e/yr (FY2021)</p>"));
    let th = html("th/figures/index.html");
    assert!(th.contains("<p>A 6,880 ตัน/ปี (ปีงบประมาณ 2564)</p>"), "{th}");

    // A misspelt measure, and a year without flows.
    let wrong = "+++\ntitle = \"x\"\n+++\n\
        A {{ symbiosis(measure=\"exchanged-tons\", area=\"rayong-map-ta-phut\") }}\n\n\
        B {{ symbiosis(measure=\"symbiosis-links\", area=\"rayong-map-ta-phut\", year=\"2019\") }}\n";
    files[4] = ("content/pages/figures.en.md", wrong.as_bytes());
    let site = common::mini_with(&files);
    let diags = check(site.path());
    let d = only(&diags, "unknown-value");
    assert_eq!(
        (d.file.as_str(), d.line, d.column),
        ("content/pages/figures.en.md", Some(4), Some(24)),
        "{d}"
    );
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("did you mean 'exchanged-tonnes'?"),
        "{d}"
    );
    let d = only(&diags, "no-data");
    assert!(d.message.contains("no material flows in 2019"), "{d}");
}

/// Every diagram of the sample, in both languages, has its labels inside their boxes, inside the
/// chart and clear of one another.
#[test]
fn every_sample_diagram_has_clean_labels() {
    let mut diags = ecotown::diagnostics::Diagnostics::new();
    let site = ecotown::build::load(&common::repo_root(), &mut diags).expect("loads");
    let mut problems = Vec::new();
    let mut drawn = 0;
    for area in &site.data.areas {
        for year in site.data.flows.years_of(&area.id) {
            for lang in ecotown::data::Lang::ALL {
                let chart = ecotown::charts::material_flows(
                    lang,
                    area,
                    year,
                    &site.data.flows,
                    &site.strings,
                )
                .expect("flows in tonnes");
                problems.extend(ecotown::charts::check_labels(&chart));
                drawn += 1;
            }
        }
    }
    assert_eq!(drawn, 18 * 3 * 2);
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Flows saved the way Excel on Thai Windows saves them, as "CSV (Comma delimited)" in
/// Windows-874 with CRLF line ends and Thai notes, or as "CSV UTF-8" with a byte-order mark:
/// read alike, and a mistake located at the same line and column.
#[test]
fn flows_saved_by_excel_are_read_and_located() {
    let with_note = FLOWS.replacen(
        "fly-ash,5000,t/yr,final,,",
        "fly-ash,-5000,t/yr,final,ส่งให้โรงปูน,to cement",
        1,
    );
    let crlf = with_note.replace('\n', "\r\n");
    let (windows_874, _, unmappable) = encoding_rs::WINDOWS_874.encode(&crlf);
    assert!(!unmappable);
    let mut utf8_bom = "\u{feff}".as_bytes().to_vec();
    utf8_bom.extend(crlf.as_bytes());
    for bytes in [windows_874.into_owned(), utf8_bom] {
        let site = with_flows(&|_, t| t.to_string());
        std::fs::write(site.path().join("data/flows.csv"), &bytes).unwrap();
        let d = only(&check(site.path()), "negative-quantity");
        at(&d, "data/flows.csv", 2, 54, "-5000", "swapped");
    }
}
