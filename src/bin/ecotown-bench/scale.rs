//! Scaled copies of a site for the benchmark: the sample at 1×, and 10× or 100× as many areas.
//!
//! Build speed has to be measured on sites larger than the sample, and the sites have to be the
//! same for everyone who runs the benchmark, so they are generated, deterministically, from the
//! sample itself. Copy `k` of an area gets the id `{id}-x{k}` and the name `{name} {k}`, and every
//! figure of that copy is the sample's times one factor between 0.90 and 1.00 chosen by hashing
//! the copy's id. One factor per area keeps every rule of the data contract true in the copy
//! (a percentage stays at most 100, upgraded factories stay at most the total and never fall),
//! because multiplying by a positive number and rounding keep order. Copy 1 is the original.
//!
//! Provinces are not copied: the contract requires ISO 3166-2 codes (`TH-21`), of which there are
//! only 77, fewer than 100 × 15. The copies join their original's province instead, so a
//! province page lists `N` times as many areas. Indicators and fiscal years stay the same.
//! `templates/` is not copied: the sample's templates are the theme built into `ecotown`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

/// The data files copied as they are (the per-area ones are rewritten; the taxonomy's and the
/// materials are shared by every copy).
const COPIED_AS_IS: &[&str] = &[
    "data/provinces.csv",
    "data/dimensions.csv",
    "data/themes.csv",
    "data/level_scale.csv",
    "data/materials.csv",
];

/// Writes a site `scale` times the size of the one at `source` into `out` (which must not hold
/// another site: files are overwritten, nothing is deleted).
pub fn generate(source: &Path, scale: u32, out: &Path) -> io::Result<()> {
    let scale = scale.max(1);
    fs::create_dir_all(out.join("data"))?;
    let config = fs::read_to_string(source.join("site.toml"))?;
    fs::write(out.join("site.toml"), without_sample_note(&config, scale))?;
    copy_tree(&source.join("content"), &out.join("content"))?;
    for file in COPIED_AS_IS {
        if source.join(file).exists() {
            fs::copy(source.join(file), out.join(file))?;
        }
    }
    // Indicators measured by the flows would have to agree with them to the unit in every copy,
    // which rounding each copy's figures separately cannot promise: the copies are not checked
    // against their flows (the original is, at 1×).
    let mut indicators = read_csv(&source.join("data/indicators.csv"))?;
    if let (true, Ok(measured)) = (scale > 1, indicators.column("measured_by")) {
        for row in &mut indicators.rows {
            row[measured].clear();
        }
    }
    write_csv(&out.join("data/indicators.csv"), &indicators)?;
    if source.join("data/flows.csv").exists() {
        scale_flows(source, scale, out)?;
    }
    let areas = read_csv(&source.join("data/areas.csv"))?;
    let decimals = indicator_decimals(&read_csv(&source.join("data/indicators.csv"))?)?;
    write_csv(&out.join("data/areas.csv"), &scale_areas(&areas, scale)?)?;
    let observations = read_csv(&source.join("data/observations.csv"))?;
    let kind = Figures::Observations {
        indicator: observations.column("indicator_id")?,
        value: observations.column("value")?,
        decimals: &decimals,
    };
    let scaled = scale_rows(&observations, scale, &kind)?;
    write_csv(&out.join("data/observations.csv"), &scaled)?;
    let factories = read_csv(&source.join("data/factories.csv"))?;
    let kind = Figures::Counts(vec![
        factories.column("factories_total")?,
        factories.column("factories_upgraded")?,
    ]);
    write_csv(
        &out.join("data/factories.csv"),
        &scale_rows(&factories, scale, &kind)?,
    )?;
    // Levels are copied unchanged: they are steps, not amounts.
    let levels = read_csv(&source.join("data/levels.csv"))?;
    write_csv(
        &out.join("data/levels.csv"),
        &scale_rows(&levels, scale, &Figures::Counts(Vec::new()))?,
    )?;
    write_narratives(source, out, &areas, scale)
}

/// A CSV file as its header and rows of cells.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    /// The index of column `name`; the sample has every column of the contract.
    pub fn column(&self, name: &str) -> io::Result<usize> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| io::Error::other(format!("no column '{name}'")))
    }
}

pub fn read_csv(path: &Path) -> io::Result<Csv> {
    let mut reader = csv::Reader::from_path(path).map_err(io::Error::other)?;
    let header = reader
        .headers()
        .map_err(io::Error::other)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(io::Error::other)?;
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(Csv { header, rows })
}

pub fn write_csv(path: &Path, table: &Csv) -> io::Result<()> {
    let mut writer = csv::Writer::from_path(path).map_err(io::Error::other)?;
    writer
        .write_record(&table.header)
        .map_err(io::Error::other)?;
    for row in &table.rows {
        writer.write_record(row).map_err(io::Error::other)?;
    }
    writer.flush()
}

/// The id of copy `k` of an area (copy 1 is the original).
pub fn copy_id(id: &str, k: u32) -> String {
    if k == 1 {
        id.to_string()
    } else {
        format!("{id}-x{k}")
    }
}

fn copy_name(name: &str, k: u32) -> String {
    if k == 1 {
        name.to_string()
    } else {
        format!("{name} {k}")
    }
}

/// The factor every figure of copy `k` of an area is multiplied by: 1 for the original,
/// otherwise 0.90–1.00 from a hash of the copy's id (FNV-1a, so it is the same on every machine).
fn factor(area_copy: &str, k: u32) -> f64 {
    if k == 1 {
        return 1.0;
    }
    let mut h: u32 = 0x811c_9dc5;
    for b in area_copy.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    1.0 - f64::from(h % 11) / 100.0
}

fn scale_areas(areas: &Csv, scale: u32) -> io::Result<Csv> {
    let id = areas.column("area_id")?;
    let th = areas.column("name_th")?;
    let en = areas.column("name_en")?;
    let mut rows = Vec::new();
    for k in 1..=scale {
        for row in &areas.rows {
            let mut row = row.clone();
            row[id] = copy_id(&row[id], k);
            row[th] = copy_name(&row[th], k);
            row[en] = copy_name(&row[en], k);
            rows.push(row);
        }
    }
    Ok(Csv {
        header: areas.header.clone(),
        rows,
    })
}

fn indicator_decimals(indicators: &Csv) -> io::Result<BTreeMap<String, usize>> {
    let id = indicators.column("indicator_id")?;
    let decimals = indicators.column("decimals")?;
    Ok(indicators
        .rows
        .iter()
        .map(|r| (r[id].clone(), r[decimals].parse().unwrap_or(0)))
        .collect())
}

/// Which cells of a per-area file are figures, by column.
enum Figures<'a> {
    /// An observation's value, rounded to its indicator's decimals.
    Observations {
        indicator: usize,
        value: usize,
        decimals: &'a BTreeMap<String, usize>,
    },
    /// Whole numbers.
    Counts(Vec<usize>),
}

/// Every row once per copy, with the area id renamed and the figures scaled. Rows stay grouped
/// by copy, in the sample's order within each, so the file reads like a longer version of it.
fn scale_rows(table: &Csv, scale: u32, kind: &Figures) -> io::Result<Csv> {
    let area = table.column("area_id")?;
    let mut rows = Vec::with_capacity(table.rows.len() * scale as usize);
    for k in 1..=scale {
        for row in &table.rows {
            let mut row = row.clone();
            row[area] = copy_id(&row[area], k);
            let f = factor(&row[area], k);
            match kind {
                Figures::Observations {
                    indicator,
                    value,
                    decimals,
                } => {
                    let places = decimals.get(&row[*indicator]).copied().unwrap_or(0);
                    row[*value] = scaled(&row[*value], f, places);
                }
                Figures::Counts(columns) => {
                    for &c in columns {
                        row[c] = scaled(&row[c], f, 0);
                    }
                }
            }
            rows.push(row);
        }
    }
    Ok(Csv {
        header: table.header.clone(),
        rows,
    })
}

/// `site.toml` without its `[sample_note]` table when the site is scaled: the note quotes the
/// sample's totals, which `check` holds to the data, and the copies change them.
fn without_sample_note(config: &str, scale: u32) -> String {
    if scale == 1 {
        return config.to_string();
    }
    let mut out = String::new();
    let mut skipping = false;
    for line in config.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            skipping = trimmed == "[sample_note]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The material flows of every copy: each node copied per area copy (nodes belong to one area's
/// diagram), every quantity and benefit scaled by the copy's factor, factor pairs kept.
fn scale_flows(source: &Path, scale: u32, out: &Path) -> io::Result<()> {
    let nodes = read_csv(&source.join("data/flow_nodes.csv"))?;
    let (id, th, en) = (
        nodes.column("node_id")?,
        nodes.column("name_th")?,
        nodes.column("name_en")?,
    );
    let mut copies = Vec::new();
    for k in 1..=scale {
        for row in &nodes.rows {
            let mut row = row.clone();
            row[id] = copy_id(&row[id], k);
            row[th] = copy_name(&row[th], k);
            row[en] = copy_name(&row[en], k);
            copies.push(row);
        }
    }
    let header = nodes.header.clone();
    write_csv(
        &out.join("data/flow_nodes.csv"),
        &Csv {
            header,
            rows: copies,
        },
    )?;
    for (file, figures) in [
        ("data/flows.csv", &["quantity"][..]),
        (
            "data/symbiosis.csv",
            &["landfill_diverted_t", "co2e_avoided_t", "saving_baht"][..],
        ),
    ] {
        if !source.join(file).exists() {
            continue;
        }
        let table = read_csv(&source.join(file))?;
        let figures: Vec<usize> = (figures.iter())
            .map(|c| table.column(c))
            .collect::<io::Result<_>>()?;
        let mut scaled_table = scale_rows(&table, scale, &Figures::Counts(figures))?;
        let (source_col, target_col) = (table.column("source")?, table.column("target")?);
        let per_copy = table.rows.len();
        for (i, row) in scaled_table.rows.iter_mut().enumerate() {
            let k = (i / per_copy.max(1)) as u32 + 1;
            row[source_col] = copy_id(&row[source_col], k);
            row[target_col] = copy_id(&row[target_col], k);
        }
        write_csv(&out.join(file), &scaled_table)?;
    }
    Ok(())
}

/// `raw × f` with `places` decimals; a blank (missing) value stays blank, and anything that is
/// not a plain number is kept as written. A positive value stays positive (one meeting scaled
/// by 0.45 is still one, not 0, which the progress method would have to replace and warn about).
fn scaled(raw: &str, f: f64, places: usize) -> String {
    if f == 1.0 {
        return raw.to_string();
    }
    match raw.replace(',', "").trim().parse::<f64>() {
        Ok(v) => {
            let smallest = 10f64.powi(-(places as i32));
            let value = match v > 0.0 && (v * f) < smallest / 2.0 {
                true => smallest,
                false => v * f,
            };
            format!("{value:.places$}")
        }
        Err(_) => raw.to_string(),
    }
}

/// Each area's narratives, once per copy, with its id (in shortcodes) and its names replaced.
fn write_narratives(source: &Path, out: &Path, areas: &Csv, scale: u32) -> io::Result<()> {
    let columns = (
        areas.column("area_id")?,
        areas.column("name_th")?,
        areas.column("name_en")?,
    );
    for row in &areas.rows {
        let (id, th, en) = (&row[columns.0], &row[columns.1], &row[columns.2]);
        for lang in ["th", "en"] {
            let file = format!("content/areas/{id}.{lang}.md");
            let Ok(text) = fs::read_to_string(source.join(&file)) else {
                continue;
            };
            for k in 2..=scale {
                let copy = text
                    .replace(&format!("\"{id}\""), &format!("\"{}\"", copy_id(id, k)))
                    .replace(en.as_str(), &copy_name(en, k))
                    .replace(th.as_str(), &copy_name(th, k));
                let name = format!("content/areas/{}.{lang}.md", copy_id(id, k));
                fs::write(out.join(name), copy)?;
            }
        }
    }
    Ok(())
}

/// Copies every file under `from` into `to`; a missing `from` copies nothing.
pub fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_keep_the_original_and_stay_in_range() {
        assert_eq!(factor("rayong-irpc", 1), 1.0);
        let f = factor("rayong-irpc-x7", 7);
        assert!((0.90..=1.0).contains(&f));
        assert_eq!(f, factor("rayong-irpc-x7", 7));
    }

    #[test]
    fn scaled_values_keep_their_decimals_and_blanks() {
        assert_eq!(scaled("", 0.95, 1), "");
        assert_eq!(scaled("100.0", 0.95, 1), "95.0");
        assert_eq!(scaled("1,012", 0.5, 0), "506");
        assert_eq!(scaled("6.3", 1.0, 1), "6.3");
        assert_eq!(scaled("1", 0.45, 0), "1");
        assert_eq!(scaled("0.1", 0.3, 1), "0.1");
        assert_eq!(scaled("0", 0.45, 0), "0");
    }
}
