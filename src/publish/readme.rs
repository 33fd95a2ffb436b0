//! `data/README.md`: what a downloaded folder of the open data says about itself, in Thai and
//! English — who publishes it, as of when, under which licence, how the files are encoded, and
//! each table's file with its row count and title. Someone who saved only the folder (or one
//! file from a chart's "full table" link) can tell what they have without the site.

use crate::data::Text;
use crate::escape;
use crate::i18n::format;
use crate::publish::datapackage;
use crate::publish::downloads::Download;
use crate::site::Site;

/// One table's CSV as the README lists it.
pub struct Listed<'a> {
    /// Path under `data/`, e.g. `indicators/water-reuse.csv` (a slug: shown as code, unescaped).
    pub file: String,
    pub rows: usize,
    pub title: &'a Text,
}

/// The README, listing `tables` in the order given.
pub fn write(site: &Site, tables: &[Listed], progress: bool) -> Download {
    let config = &site.config;
    let licence = datapackage::licence(&config.licence);
    let licence_text = match (licence.title, licence.path) {
        (Some(title), Some(url)) => format!("{title} ({}, {url})", config.licence),
        _ => config.licence.clone(),
    };
    let mut md = format!(
        "# {} — ข้อมูลเปิด / open data\n\n",
        escape::markdown(&config.title.th)
    );
    md.push_str(&format!("{}\n\n", escape::markdown(&config.title.en)));
    if config.sample {
        md.push_str(
            "**ข้อมูลตัวอย่างเพื่อการสาธิต** ยกเว้นตัวเลขที่มาจากเอกสารโครงการ · \
             **Illustrative sample data**, except the figures from the programme's documents.\n\n",
        );
    }
    let line = |th: &str, en: &str, value: &str| format!("- {th} / {en}: {value}\n");
    md.push_str(&line(
        "ผู้เผยแพร่",
        "Publisher",
        &format!(
            "{} / {}",
            escape::markdown(&config.publisher.th),
            escape::markdown(&config.publisher.en)
        ),
    ));
    md.push_str(&line("ข้อมูล ณ", "Data as of", &config.as_of.to_string()));
    md.push_str(&line(
        "สัญญาอนุญาต",
        "Licence",
        &escape::markdown(&licence_text),
    ));
    md.push_str(&line(
        "แหล่งที่เผยแพร่",
        "Published at",
        &format!("{}th/downloads/", config.base_url),
    ));
    md.push_str(
        "\nแต่ละตารางมีทั้งไฟล์ CSV (UTF-8 มี BOM ให้ Excel อ่านภาษาไทยได้ ขึ้นบรรทัดแบบ CRLF) และ JSON \
         ที่มีแถวเดียวกัน `datapackage.json` (Frictionless Data Package) อธิบายทุกคอลัมน์และชนิดข้อมูล \
         และโฟลเดอร์ `metadata/` มีระเบียนของแต่ละตารางสำหรับ data.go.th (CKAN)\n\n\
         Each table is a CSV file (UTF-8 with a byte-order mark, so Excel reads Thai; CRLF line \
         ends) and a JSON file with the same rows. `datapackage.json` (a Frictionless Data \
         Package) describes every column and its type; `metadata/` holds each table's record for \
         data.go.th (CKAN).\n\n",
    );
    md.push_str("| ไฟล์ / File | แถว / Rows | ชื่อ | Title |\n|---|---:|---|---|\n");
    for t in tables {
        md.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            t.file,
            format::integer(t.rows as i64),
            escape::markdown(&t.title.th),
            escape::markdown(&t.title.en),
        ));
    }
    if progress {
        md.push_str(
            "| `progress.json` | — | ความก้าวหน้าของทุกตัวชี้วัดและพื้นที่ (JSON) | \
             Progress of every indicator and area (JSON) |\n",
        );
    }
    let bytes = md.into_bytes();
    Download {
        path: "data/README.md".to_string(),
        size: bytes.len(),
        bytes,
        format: "md",
        rows: None,
        title: Text::new(
            "คำอธิบายชุดข้อมูล (README)".to_string(),
            "About these files (README)".to_string(),
        ),
        description: Text::new(
            "ผู้เผยแพร่ วันที่ของข้อมูล สัญญาอนุญาต การเข้ารหัสไฟล์ และจำนวนแถวของแต่ละตาราง".to_string(),
            "Publisher, data date, licence, file encoding and each table's row count.".to_string(),
        ),
    }
}
