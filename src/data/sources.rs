//! Where a table's rows come from: its CSV file or workbook, a sheet of a workbook shared by
//! several tables, and the files of its folder. [`Tables`] gathers them, each read by
//! [`Table`], so that every row keeps the file (and sheet) it came from.

use crate::data::files::Files;
use crate::data::table::{Column, Row, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A table's rows from all of its files: `data/<table>.csv` (or `.xlsx`), and every `.csv` and
/// `.xlsx` in the folder `data/<table>/` (one per province, say), in name order. Each row keeps the
/// file it came from, so every location still names it.
pub struct Tables(Vec<Table>);

impl Tables {
    /// Reads every file of the table whose main file is `rel` (`data/observations.csv`).
    /// `None` when no file of it could be read (the diagnostics say why).
    pub fn read<F: Files + ?Sized>(
        files: &F,
        rel: &str,
        spec: &[Column],
        diags: &mut Diagnostics,
    ) -> Option<Tables> {
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
        for (book, bytes) in shared_workbooks(files, stem, table) {
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
            let sheet = crate::data::workbook::read_sheet(&book, table, bytes, diags)?;
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

/// The workbooks in the folder of `stem` (`data`) that are not named after a table but have a
/// sheet named `table`, with their bytes.
fn shared_workbooks<F: Files + ?Sized>(
    files: &F,
    stem: &str,
    table: &str,
) -> Vec<(String, Vec<u8>)> {
    let folder = stem.rsplit_once('/').map_or("", |(folder, _)| folder);
    files
        .list(folder)
        .into_iter()
        .filter(|p| p.ends_with(".xlsx"))
        .filter(|p| {
            let name = p.rsplit('/').next().unwrap_or(p);
            let own = name.trim_end_matches(".xlsx");
            !name.starts_with(['.', '~']) && !crate::data::load::TABLES.contains(&own)
        })
        .filter_map(|p| {
            let bytes = files.read(&p).ok()?;
            let names = crate::data::workbook::sheet_names(&bytes);
            names
                .iter()
                .any(|n| crate::data::workbook::is_sheet_of(n, table))
                .then_some((p, bytes))
        })
        .collect()
}
