//! The open-data downloads: every dataset as CSV and JSON, per-indicator files, a Data Package
//! and catalogue records, as files for the site's `data/` folder.
//!
//! Files are written from the loaded, checked model (never copied from the input), so they are
//! clean whatever the spreadsheets looked like. Nothing here touches the disk or the clock: the
//! caller writes the bytes, and the same site gives the same bytes.
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

use super::datapackage::{self, Entry};
use super::schema::{Subject, Table};
use super::{ckan, csvout, indicator, jsonout, tables};
use crate::build::Site;
use crate::data::{Indicator, Text};

/// One file to publish.
#[derive(Debug, Clone)]
pub struct Download {
    /// Relative to the site root, with `/` separators: `data/observations.csv`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// `"csv"` or `"json"`.
    pub format: &'static str,
    pub title: Text,
    pub description: Text,
}

/// Every download of the site, sorted by path. `progress_json` is published verbatim as
/// `data/progress.json` when given.
pub fn open_data(site: &Site, progress_json: Option<&[u8]>) -> Vec<Download> {
    let data = &site.data;
    let mut tables = tables::datasets(data);
    let per_indicator = data.indicators.iter();
    tables.extend(per_indicator.map(|i| indicator::observations(data, i)));

    let mut downloads = Vec::new();
    let mut entries = Vec::new();
    for table in &tables {
        let (csv, json) = table_files(site, table);
        let (csv_bytes, json_bytes) = (csv.bytes.len(), json.bytes.len());
        entries.push(Entry {
            table,
            csv_bytes,
            json_bytes,
        });
        downloads.extend([csv, json, metadata(site, table)]);
    }
    if let Some(progress) = progress_json {
        let (title, description) = progress_text();
        let path = "data/progress.json".to_string();
        let bytes = progress.to_vec();
        downloads.push(Download {
            path,
            bytes,
            format: "json",
            title,
            description,
        });
    }
    let progress_bytes = progress_json.map(<[u8]>::len);
    downloads.push(package_file(site, &entries, progress_bytes));
    for download in &mut downloads {
        download.description = sample_note(&download.description, site.config.sample);
    }
    downloads.sort_by(|a, b| a.path.cmp(&b.path));
    downloads
}

/// A table's CSV and JSON files.
fn table_files(site: &Site, table: &Table) -> (Download, Download) {
    let json = match indicator_of(site, table) {
        Some(i) => indicator::json(site, i, table),
        None => jsonout::write(table),
    };
    let file = |format: &'static str, bytes: Vec<u8>| Download {
        path: format!("data/{}.{format}", table.stem),
        bytes,
        format,
        title: table.title.clone(),
        description: table.description.clone(),
    };
    (file("csv", csvout::write(table)), file("json", json))
}

fn package_file(site: &Site, entries: &[Entry], progress_bytes: Option<usize>) -> Download {
    Download {
        path: "data/datapackage.json".to_string(),
        bytes: datapackage::write(&site.config, &site.data, entries, progress_bytes),
        format: "json",
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
    Download {
        path: format!("data/metadata/{}.json", table.stem),
        bytes: ckan::write(&site.config, &site.data, table),
        format: "json",
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
