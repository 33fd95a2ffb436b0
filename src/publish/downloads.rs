//! The open-data downloads: every dataset as CSV and JSON, per-indicator files, a Data Package
//! and catalogue records, as files for the site's `data/` folder.
//!
//! Files are written from the loaded, checked model (never copied from the input), so they are
//! clean whatever the spreadsheets looked like. Nothing here touches the disk or the clock: the
//! caller writes the bytes, and the same site gives the same bytes. [`each_download`] hands over
//! each file as soon as it is made and one table at a time is held, since a large site's data
//! files run to hundreds of megabytes.
//!
//! | path (under the site root)               | what                                                  |
//! |------------------------------------------|-------------------------------------------------------|
//! | `data/<dataset>.csv`, `.json`            | the six datasets, columns of the data contract        |
//! | `data/indicators/<id>.csv`               | one indicator's observations, labels repeated per row |
//! | `data/indicators/<id>.json`              | `{indicator: {…both languages…}, observations: […]}`  |
//! | `data/progress.json`                     | progress, as computed elsewhere, verbatim             |
//! | `data/datapackage.json`                  | Frictionless Data Package describing the files above  |
//! | `data/metadata/<dataset>.json`           | data.go.th (CKAN thai_gdc) catalogue record           |
//! | `data/metadata/indicators/<id>.json`     | the same, per indicator (with its unit and method)    |

use rayon::prelude::*;

use crate::publish::readme;

use super::datapackage::{self, Entry};
use super::schema::{Subject, Table};
use super::{ckan, csvout, indicator, jsonout, tables};
use crate::data::{Indicator, Text};
use crate::site::Site;

/// One file to publish.
#[derive(Debug, Clone)]
pub struct Download {
    /// Relative to the site root, with `/` separators: `data/observations.csv`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// The length of `bytes` when the file was made (kept when the bytes have gone to disk).
    pub size: usize,
    /// `"csv"` or `"json"`.
    pub format: &'static str,
    /// How many records a table's file holds (not counting the CSV's header).
    pub rows: Option<usize>,
    pub title: Text,
    pub description: Text,
}

/// Every download of the site, sorted by path. `progress_json` is published verbatim as
/// `data/progress.json` when given.
pub fn open_data(site: &Site, progress_json: Option<&[u8]>) -> Vec<Download> {
    let downloads = std::sync::Mutex::new(Vec::new());
    each_download(site, progress_json, &|d| {
        downloads.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    });
    let mut downloads = downloads.into_inner().unwrap_or_else(|e| e.into_inner());
    downloads.sort_by(|a, b| a.path.cmp(&b.path));
    downloads
}

/// Makes every download of the site and hands each to `emit` as soon as it is made, in no
/// particular order and from several threads (tables are independent, and a large site's take
/// seconds). A table's rows are dropped once its files are made; the Data Package descriptor,
/// made last, needs only the tables' columns.
pub fn each_download(site: &Site, progress_json: Option<&[u8]>, emit: &(dyn Fn(Download) + Sync)) {
    let data = &site.data;
    let sample = site.config.sample;
    let emit = |mut download: Download| {
        download.description = sample_note(&download.description, sample);
        emit(download);
    };
    let mut tables = tables::datasets(data);
    let mut sizes: Vec<(usize, usize, usize)> = tables
        .par_iter_mut()
        .map(|table| table_downloads(site, table, &emit))
        .collect();
    let per_indicator: Vec<(Table, (usize, usize, usize))> = data
        .indicators
        .par_iter()
        .map(|indicator| {
            let mut table = indicator::observations(data, indicator);
            let size = table_downloads(site, &mut table, &emit);
            (table, size)
        })
        .collect();
    for (table, size) in per_indicator {
        tables.push(table);
        sizes.push(size);
    }
    if let Some(progress) = progress_json {
        let (title, description) = progress_text();
        emit(Download {
            path: "data/progress.json".to_string(),
            size: progress.len(),
            bytes: progress.to_vec(),
            format: "json",
            rows: None,
            title,
            description,
        });
    }
    let listed: Vec<readme::Listed> = (tables.iter().zip(&sizes))
        .map(|(table, &(_, _, rows))| readme::Listed {
            file: format!("{}.csv", table.stem),
            rows,
            title: &table.title,
        })
        .collect();
    emit(readme::write(site, &listed, progress_json.is_some()));
    let entries: Vec<Entry> = tables
        .iter()
        .zip(sizes)
        .map(|(table, (csv_bytes, json_bytes, _))| Entry {
            table,
            csv_bytes,
            json_bytes,
        })
        .collect();
    let progress_bytes = progress_json.map(<[u8]>::len);
    emit(package_file(site, &entries, progress_bytes));
}

/// A table's CSV, JSON and metadata files, handed to `emit`; the sizes of the CSV and JSON, and
/// its number of rows. The table keeps its columns but loses its rows.
fn table_downloads(
    site: &Site,
    table: &mut Table,
    emit: &dyn Fn(Download),
) -> (usize, usize, usize) {
    let (csv, json) = table_files(site, table);
    let sizes = (csv.size, json.size, table.rows.len());
    let metadata = metadata(site, table);
    table.rows = Vec::new();
    emit(csv);
    emit(json);
    emit(metadata);
    sizes
}

/// A table's CSV and JSON files.
fn table_files(site: &Site, table: &Table) -> (Download, Download) {
    let json = match indicator_of(site, table) {
        Some(i) => indicator::json(site, i, table),
        None => jsonout::write(table),
    };
    let file = |format: &'static str, bytes: Vec<u8>| Download {
        path: format!("data/{}.{format}", table.stem),
        size: bytes.len(),
        bytes,
        format,
        rows: Some(table.rows.len()),
        title: table.title.clone(),
        description: table.description.clone(),
    };
    (file("csv", csvout::write(table)), file("json", json))
}

fn package_file(site: &Site, entries: &[Entry], progress_bytes: Option<usize>) -> Download {
    let bytes = datapackage::write(&site.config, &site.data, entries, progress_bytes);
    Download {
        path: "data/datapackage.json".to_string(),
        size: bytes.len(),
        bytes,
        format: "json",
        rows: None,
        title: Text::new("คำอธิบายชุดข้อมูล (Data Package)", "Data Package descriptor"),
        description: Text::new(
            "คำอธิบายทุกไฟล์ตามมาตรฐาน Frictionless Data Package: คอลัมน์ ชนิดข้อมูล การเข้ารหัส และความเชื่อมโยงระหว่างตาราง",
            "Describes every file in the Frictionless Data Package format: columns, types, encodings and the links between tables.",
        ),
    }
}

/// The title and description of `data/progress.json`.
pub fn progress_text() -> (Text, Text) {
    (
        Text::new("ความก้าวหน้าสู่ค่าเป้าหมาย", "Progress towards targets"),
        Text::new(
            "ความก้าวหน้าของแต่ละพื้นที่และตัวชี้วัดเทียบกับปีฐานและค่าเป้าหมาย คำนวณจากข้อมูลชุดนี้",
            "Each area's progress on each indicator from its base year towards its target, computed from these data.",
        ),
    )
}

/// Adds the sample warning to a description when the data are illustrative: every page built
/// from the sample must say so, and a downloaded file travels without its page.
pub fn sample_note(text: &Text, sample: bool) -> Text {
    if !sample {
        return text.clone();
    }
    Text::new(
        format!("{} ตัวเลขเป็นข้อมูลตัวอย่างเพื่อการสาธิต ไม่ใช่ข้อมูลทางการ", text.th),
        format!(
            "{} The figures are an illustrative sample, not official data.",
            text.en
        ),
    )
}

fn indicator_of<'s>(site: &'s Site, table: &Table) -> Option<&'s Indicator> {
    match &table.subject {
        Subject::Indicator(id) => site.data.indicator(id),
        _ => None,
    }
}

fn metadata(site: &Site, table: &Table) -> Download {
    let bytes = ckan::write(&site.config, &site.data, table);
    Download {
        path: format!("data/metadata/{}.json", table.stem),
        size: bytes.len(),
        bytes,
        format: "json",
        rows: None,
        title: Text::new(
            format!("เมทาดาทา: {}", table.title.th),
            format!("Catalogue metadata: {}", table.title.en),
        ),
        description: Text::new(
            "เมทาดาทาตามฟิลด์ของแคตตาล็อกข้อมูลภาครัฐ (data.go.th, CKAN ckanext-thai_gdc)",
            "Metadata in the fields of Thailand's government data catalogue (data.go.th, CKAN ckanext-thai_gdc).",
        ),
    }
}
