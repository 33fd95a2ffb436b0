//! Where a table's rows come from: its CSV file or workbook, a sheet of a workbook shared by
//! several tables, and the files of its folder. [`Tables`] gathers them, each read by
//! [`Table`], so that every row keeps the file (and sheet) it came from; a file in `data/` that is none
//! of these is reported ([`report_unknown_files`]).

use std::path::Path;

use crate::data::files::Files;
use crate::data::load::{CONTRACT, TABLES};
use crate::data::table::{Column, Row, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A site's input files, with its shared workbooks (workbooks in `data/` not named after a table
/// whose sheets are named after tables) found and opened once for the whole load, not once per
/// table.
pub struct Sources<'f, F: Files + ?Sized> {
    pub files: &'f F,
    /// Each shared workbook: its path, bytes and sheet names.
    shared: Vec<(String, Vec<u8>, Vec<String>)>,
}

impl<'f, F: Files + ?Sized> Sources<'f, F> {
    pub fn new(files: &'f F) -> Self {
        let shared = files
            .list("data")
            .into_iter()
            .filter(|p| p.ends_with(".xlsx"))
            .filter(|p| {
                let name = p.rsplit('/').next().unwrap_or(p);
                let own = name.trim_end_matches(".xlsx");
                !name.starts_with(['.', '~']) && !TABLES.contains(&own)
            })
            .filter_map(|p| {
                let bytes = files.read(&p).ok()?;
                let sheets = crate::data::workbook::sheet_names(&bytes);
                Some((p, bytes, sheets))
            })
            .collect();
        Sources { files, shared }
    }

    /// Whether the site gives the table whose main file is `rel` in any of the ways [`Tables`]
    /// reads: its CSV or workbook, a sheet of a shared workbook, or files in its folder.
    pub fn has_table(&self, rel: &str) -> bool {
        let stem = rel.strip_suffix(".csv").unwrap_or(rel);
        let table = stem.rsplit('/').next().unwrap_or(stem);
        self.files.exists(rel)
            || self.files.exists(&format!("{stem}.xlsx"))
            || self.shared_for(table).next().is_some()
            || self.files.list(stem).iter().any(|p| {
                let name = p.rsplit('/').next().unwrap_or("");
                !name.starts_with(['.', '~']) && (p.ends_with(".csv") || p.ends_with(".xlsx"))
            })
    }

    /// The shared workbooks with a sheet named `table`: their paths and bytes.
    fn shared_for(&self, table: &str) -> impl Iterator<Item = (&str, &[u8])> {
        self.shared
            .iter()
            .filter(move |(_, _, sheets)| {
                sheets
                    .iter()
                    .any(|n| crate::data::workbook::is_sheet_of(n, table))
            })
            .map(|(p, b, _)| (p.as_str(), b.as_slice()))
    }
}

/// A table's rows from all of its files: `data/<table>.csv` (or `.xlsx`), and every `.csv` and
/// `.xlsx` in the folder `data/<table>/` (one per province, say), in name order. Each row keeps the
/// file it came from, so every location still names it.
pub struct Tables(Vec<Table>);

impl Tables {
    /// Reads every file of the table whose main file is `rel` (`data/observations.csv`).
    /// `None` when no file of it could be read (the diagnostics say why).
    pub fn read<F: Files + ?Sized>(
        sources: &Sources<'_, F>,
        rel: &str,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Tables> {
        let files = sources.files;
        let stem = rel.strip_suffix(".csv").unwrap_or(rel);
        let mut parts: Vec<String> = files
            .list(stem)
            .into_iter()
            .filter(|p| !p.rsplit('/').next().unwrap_or("").starts_with(['.', '~']))
            .filter_map(|p| {
                let csv_stem = p.strip_suffix(".csv").or_else(|| p.strip_suffix(".xlsx"))?;
                Some(format!("{csv_stem}.csv"))
            })
            .collect();
        parts.dedup();
        let main = files.exists(rel) || files.exists(&format!("{stem}.xlsx"));
        let table = stem.rsplit('/').next().unwrap_or(stem);
        let mut tables = Vec::new();
        // A workbook of several tables (`data/ecotown.xlsx` with a sheet per table).
        for (book, bytes) in sources.shared_for(table) {
            if main {
                diags.push(
                    Diagnostic::error(
                        "two-sources",
                        rel,
                        format!(
                            "the table is given twice, here and as the sheet '{table}' of {book}"
                        ),
                    )
                    .with_hint("keep one of the two, and delete the other"),
                );
                return None;
            }
            let sheet = crate::data::workbook::read_sheet(book, table, bytes.to_vec(), diags)?;
            tables.extend(Table::from_sheet(sheet, spec, diags));
        }
        if (main || parts.is_empty()) && tables.is_empty() {
            tables.extend(Table::read(files, rel, spec, diags));
        }
        for part in &parts {
            tables.extend(Table::read(files, part, spec, diags));
        }
        (!tables.is_empty()).then_some(Tables(tables))
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.0.iter().flat_map(Table::rows)
    }

    /// The rows of all the files.
    pub fn len(&self) -> usize {
        self.0.iter().map(Table::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Whether the workbook at `path` has a sheet named after a table (a workbook of several tables).
fn shares_tables(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    crate::data::workbook::sheet_names(&bytes).iter().any(|n| {
        TABLES
            .iter()
            .any(|t| crate::data::workbook::is_sheet_of(n, t))
    })
}

/// A file in `data/` that the contract does not know is never read: say so, naming the files that
/// are, rather than let a publisher's `observations-rayong-2565.csv` vanish without a word.
/// `data/geo/` holds the sources of the map bundled into the program, kept for reference.
pub fn report_unknown_files(root: &Path, diags: &mut Diagnostics) {
    let data = root.join("data");
    let mut unknown: Vec<String> = walkdir::WalkDir::new(&data)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            let name = e.file_name().to_string_lossy();
            let ignored =
                rel.starts_with("data/geo/") || name.starts_with('.') || name.starts_with("~$");
            let as_csv = rel.strip_suffix(".xlsx").map(|stem| format!("{stem}.csv"));
            // A part of a table in its folder: `data/observations/rayong.csv`.
            let part = rel.rsplit_once('/').is_some_and(|(folder, file)| {
                CONTRACT.contains(&format!("{folder}.csv").as_str())
                    && (file.ends_with(".csv") || file.ends_with(".xlsx"))
            });
            let known = part
                || CONTRACT.contains(&rel.as_str())
                || as_csv.is_some_and(|csv| CONTRACT.contains(&csv.as_str()))
                || (rel.ends_with(".xlsx") && shares_tables(e.path()));
            (!ignored && !known).then_some(rel)
        })
        .collect();
    unknown.sort();
    for rel in unknown {
        let hint = if rel.ends_with(".xlsx") || rel.ends_with(".xls") || rel.ends_with(".ods") {
            let tables: Vec<String> = CONTRACT
                .iter()
                .map(|c| c.replace(".csv", ".xlsx"))
                .collect();
            format!(
                "a workbook is read when it is named after its table ({}), or when its sheets are",
                tables.join(", ")
            )
        } else {
            format!(
                "only these files are read: {}; put its rows into the matching file, or move it out of data/",
                CONTRACT.join(", ")
            )
        };
        diags.push(
            Diagnostic::warning(
                "unknown-data-file",
                &rel,
                "this file is not part of the data contract and is not read",
            )
            .with_hint(hint),
        );
    }
}
