//! Property tests: the loaders and parsers take any input without panicking, and keep their
//! promises (positions inside the file, numbers that read back, no script out of the sanitiser).
//!
//! Publishers' files are typed by hand and exported from spreadsheets, so "any input" is meant
//! literally: arbitrary bytes and strings, and text built from the pieces that trip parsers up
//! (quotes, delimiters, line ends, Thai digits, shortcode braces, HTML). The fuzz targets in
//! `fuzz/` run the same entry points for much longer; these run on every `cargo test`, and so do
//! the inputs the fuzzers found (`fuzz/regressions/<target>/`, replayed by
//! [`fuzz_findings_stay_fixed`]). `PROPTEST_CASES=10000 cargo test --release --test suite properties::`
//! runs the properties harder.

use crate::common;
use crate::markup;

use std::sync::OnceLock;

use ecotown::config::Config;
use ecotown::data::numbers::{parse_decimal, parse_integer, parse_year};
use ecotown::data::table::{Column, Table, optional, required};
use ecotown::data::{self, Dataset, MemoryFiles};
use ecotown::diagnostics::Diagnostics;
use ecotown::i18n::Strings;
use proptest::prelude::*;

fn spec() -> [Column; 4] {
    [
        required("area_id"),
        required("year"),
        required("value"),
        optional("note_en"),
    ]
}

/// Text made of the pieces that make CSV parsing hard.
fn csv_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "area_id",
        "year",
        "value",
        "note_en",
        "Area ID",
        ",",
        ";",
        "\t",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        " ",
        "2021",
        "๒๕๖๔",
        "1,234",
        "\"1,234\"",
        "-",
        "−3",
        "NaN",
        "x",
        "ระยอง",
        "\u{feff}",
        "=HYPERLINK(\"x\")",
        "",
        "é",
        "🙂",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
}

/// Text made of the pieces of narratives: front matter, shortcodes, Markdown and HTML.
fn narrative_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "+++\n",
        "title = \"T\"\n",
        "titel = 1\n",
        "{{",
        "}}",
        "\\{{",
        " latest(",
        "factories(",
        "level(",
        "area=\"rayong-map-ta-phut\"",
        "indicator=\"energy-intensity\"",
        "measure=\"percent\"",
        "area=",
        "\"",
        "'",
        ",",
        ")",
        "(",
        "\n",
        "\n\n",
        "# ",
        "## ",
        "{#id}",
        "[a](",
        "javascript:alert(1)",
        "https://x.go.th/",
        "![i](",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"",
        "\">",
        "<b>",
        "</b>",
        "<div",
        " onclick=",
        ">",
        "</div>",
        "<!--",
        "-->",
        "| a | b |\n|---|:-:|\n",
        "[^1]",
        "[^1]: n\n",
        "`",
        "```\n",
        "> ",
        "- ",
        "1. ",
        "ระยอง",
        "**",
        "~~",
        "&lt;",
        "&",
        "\u{0}",
        "\r",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

/// The mini site's data and the built-in strings, loaded once.
fn mini() -> &'static (Dataset, Strings, MemoryFiles) {
    static MINI: OnceLock<(Dataset, Strings, MemoryFiles)> = OnceLock::new();
    MINI.get_or_init(|| {
        let root = common::fixture("mini");
        let mut diags = Diagnostics::new();
        let data = data::load_dataset(&root, &mut diags);
        let theme = ecotown::theme::ThemeFiles::load(&root, &mut diags);
        let strings = theme.strings(&mut diags).expect("built-in strings");
        let files = CSV_FILES
            .iter()
            .map(|rel| (rel.to_string(), std::fs::read(root.join(rel)).unwrap()))
            .collect();
        (data, strings, files)
    })
}

const CSV_FILES: [&str; 6] = [
    data::load::PROVINCES,
    data::load::AREAS,
    data::load::INDICATORS,
    data::load::OBSERVATIONS,
    data::load::FACTORIES,
    data::load::LEVELS,
];

/// Every diagnostic points inside the text it is about (lines and columns start at 1).
fn assert_positions_inside(diags: &Diagnostics, text: &str) {
    let lines = text.split('\n').count() as u64;
    for d in diags.iter() {
        if let Some(line) = d.line {
            assert!(
                (1..=lines + 1).contains(&line),
                "{d} (text has {lines} lines)"
            );
        }
        if let Some(column) = d.column {
            assert!(column >= 1, "{d}");
        }
        let _ = d.to_string();
    }
}

proptest! {
    #[test]
    fn decode_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut diags = Diagnostics::new();
        let text = data::text::decode(&bytes, "f.csv", &mut diags);
        prop_assert!(text.is_some() || diags.has_errors());
    }

    #[test]
    fn decode_keeps_utf8_and_utf16_text(text in "[^\u{0}\u{feff}]{0,100}") {
        // Kept as written, except that every line end becomes "\n" (CRLF and a lone CR alike),
        // and the lines stay the same lines.
        let expected = data::text::normalize_newlines(text.clone());
        prop_assert!(!expected.contains('\r'));
        prop_assert_eq!(expected.replace('\n', ""), text.replace("\r\n", "").replace(['\r', '\n'], ""));
        let mut diags = Diagnostics::new();
        prop_assert_eq!(data::text::decode(text.as_bytes(), "f", &mut diags), Some(expected.clone()));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        prop_assert_eq!(data::text::decode(&utf16, "f", &mut diags), Some(expected));
    }

    #[test]
    fn table_parse_takes_any_text(text in any::<String>()) {
        let mut diags = Diagnostics::new();
        parse_and_touch_every_cell(&text, &mut diags);
        assert_positions_inside(&diags, &text);
    }

    #[test]
    fn table_parse_takes_csv_like_text(body in csv_text()) {
        let text = format!("area_id,year,value,note_en\n{body}");
        let mut diags = Diagnostics::new();
        parse_and_touch_every_cell(&text, &mut diags);
        assert_positions_inside(&diags, &text);
    }

    #[test]
    fn numbers_take_any_text(text in any::<String>()) {
        let _ = parse_decimal(&text);
        let _ = parse_integer(&text);
        let _ = parse_year(&text);
    }

    #[test]
    fn numbers_take_number_like_text(text in "[-+−]?[0-9๐-๙,.eE%]{0,30}") {
        if let Ok(value) = parse_decimal(&text) {
            prop_assert!(value.is_finite());
        }
        if let Ok(year) = parse_year(&text) {
            prop_assert!((1950..=2399).contains(&year));
        }
    }

    #[test]
    fn finite_numbers_read_back(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
        prop_assert_eq!(parse_decimal(&value.to_string()), Ok(value));
    }

    #[test]
    fn grouped_and_thai_digits_read_back(value in 0i64..9_000_000_000_000) {
        let plain = value.to_string();
        let grouped = group(&plain);
        let thai: String = grouped
            .chars()
            .map(|c| c.to_digit(10).map_or(c, |d| char::from_u32('๐' as u32 + d).unwrap()))
            .collect();
        for text in [plain, grouped, thai] {
            prop_assert_eq!(parse_integer(&text), Ok(value), "{}", text);
        }
    }

    #[test]
    fn config_takes_any_text(text in any::<String>()) {
        let mut diags = Diagnostics::new();
        let config = Config::parse(&text, &mut diags);
        prop_assert!(config.is_some() || diags.has_errors());
        assert_positions_inside(&diags, &text);
    }

    #[test]
    fn config_keeps_any_title(th in any::<String>(), en in "\\PC{1,40}") {
        let text = format!(
            "base_url = \"https://x.go.th/\"\ndata_as_of = \"2021-09-30\"\n\
             [title]\nth = {}\nen = {}\n[publisher]\nth = \"p\"\nen = \"p\"\n",
            toml_string(&th), toml_string(&en)
        );
        let mut diags = Diagnostics::new();
        let config = Config::parse(&text, &mut diags);
        if th.trim().is_empty() || en.trim().is_empty() {
            prop_assert!(config.is_none());
        } else {
            let config = config.expect("valid config");
            prop_assert_eq!((config.title.th, config.title.en), (th, en));
        }
    }

    #[test]
    fn narratives_take_any_text(text in any::<String>(), allow in any::<bool>()) {
        let (data, strings, _) = mini();
        let mut diags = Diagnostics::new();
        let file = "content/pages/p.en.md";
        let html = ecotown::content::render_text(file, &text, data, strings, allow, &mut diags);
        prop_assert!(html.is_some() || diags.has_errors());
        assert_positions_inside(&diags, &text);
    }

    #[test]
    fn sanitised_narratives_never_carry_script(text in narrative_text()) {
        let (data, strings, _) = mini();
        let mut diags = Diagnostics::new();
        let file = "content/pages/p.en.md";
        if let Some(html) = ecotown::content::render_text(file, &text, data, strings, false, &mut diags) {
            let dangers = markup::dangers(&html);
            prop_assert!(dangers.is_empty(), "{:?} in {}", dangers, html);
            prop_assert!(!html.to_ascii_lowercase().contains("<script"), "{}", html);
        }
        assert_positions_inside(&diags, &text);
    }

    #[test]
    fn loading_takes_any_bytes_in_any_file(
        which in 0usize..6,
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let mut files = mini().2.clone();
        files.insert(CSV_FILES[which].to_string(), bytes);
        load_and_check(&files);
    }

    #[test]
    fn loading_takes_csv_like_rows_in_any_file(which in 0usize..6, body in csv_text()) {
        let mut files = mini().2.clone();
        let original = String::from_utf8(files[CSV_FILES[which]].clone()).unwrap();
        let header = original.lines().next().unwrap();
        files.insert(CSV_FILES[which].to_string(), format!("{header}\n{body}").into_bytes());
        load_and_check(&files);
    }

    #[test]
    fn loading_takes_any_cell_text(
        which in 0usize..6,
        line in 1usize..4,
        column in 0usize..8,
        cell in any::<String>(),
    ) {
        // One cell of a valid file replaced by anything, quoted as CSV requires: the file stays
        // well-formed, so every error must be about that cell, on its line.
        let mut files = mini().2.clone();
        let text = String::from_utf8(files[CSV_FILES[which]].clone()).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let line = 1 + (line - 1) % (lines.len() - 1);
        let mut cells: Vec<String> = lines[line].split(',').map(str::to_string).collect();
        let column = column % cells.len();
        cells[column] = format!("\"{}\"", cell.replace('"', "\"\""));
        lines[line] = cells.join(",");
        files.insert(CSV_FILES[which].to_string(), lines.join("\n").into_bytes());
        load_and_check(&files);
    }
}

fn parse_and_touch_every_cell(text: &str, diags: &mut Diagnostics) {
    if let Some(table) = Table::parse("t.csv", text.to_string(), &spec(), diags) {
        for row in table.rows() {
            for column in 0..spec().len() {
                let _ = row.get(column);
                diags.push(row.error("probe", column, "m"));
            }
        }
    }
}

fn load_and_check(files: &MemoryFiles) {
    let mut diags = Diagnostics::new();
    let dataset = data::load_dataset_from(files, &mut diags);
    data::load::check_coverage(&dataset, &mut diags);
    ecotown::progress::check(&dataset, &mut diags);
    let _ = ecotown::progress::Progress::compute(&dataset);
    for d in diags.iter() {
        let _ = d.to_string();
        assert!(d.line.is_none_or(|l| l >= 1), "{d}");
    }
}

/// `1234567` → `1,234,567`.
fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every input a fuzz target ever failed on, replayed through what that target runs.
#[test]
fn fuzz_findings_stay_fixed() {
    type Replay = fn(&[u8]);
    let targets: [(&str, Replay); 3] = [
        ("csv_load", replay_csv_load),
        ("narrative", replay_narrative),
        ("site_toml", replay_site_toml),
    ];
    for (target, replay) in targets {
        let dir = common::repo_root().join("fuzz/regressions").join(target);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        inputs.sort();
        for input in inputs {
            let bytes = std::fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| replay(&bytes));
            assert!(outcome.is_ok(), "{} fails again", input.display());
        }
    }
}

/// As `fuzz/fuzz_targets/csv_load.rs`.
fn replay_csv_load(input: &[u8]) {
    let mut files = mini().2.clone();
    if input.contains(&0x1E) {
        for (rel, part) in CSV_FILES.iter().zip(input.split(|&b| b == 0x1E)) {
            files.insert(rel.to_string(), part.to_vec());
        }
    } else if let Some((&pick, rest)) = input.split_first() {
        files.insert(
            CSV_FILES[usize::from(pick) % CSV_FILES.len()].to_string(),
            rest.to_vec(),
        );
    }
    load_and_check(&files);
}

/// As `fuzz/fuzz_targets/narrative.rs`.
fn replay_narrative(input: &[u8]) {
    let Some((&flags, bytes)) = input.split_first() else {
        return;
    };
    let allow_raw_html = flags & 1 == 1;
    let file = "content/pages/fuzz.en.md";
    let mut diags = Diagnostics::new();
    let Some(text) = data::text::decode(bytes, file, &mut diags) else {
        return;
    };
    let (data, strings, _) = mini();
    let html =
        ecotown::content::render_text(file, &text, data, strings, allow_raw_html, &mut diags);
    if let (Some(html), false) = (html, allow_raw_html) {
        let dangers = markup::dangers(&html);
        assert!(dangers.is_empty(), "{dangers:?} survived in: {html}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    }
}

/// As `fuzz/fuzz_targets/site_toml.rs`.
fn replay_site_toml(input: &[u8]) {
    let mut diags = Diagnostics::new();
    if let Some(text) = data::text::decode(input, "site.toml", &mut diags) {
        let _ = Config::parse(&text, &mut diags);
    }
    for d in diags.iter() {
        let _ = d.to_string();
    }
}
