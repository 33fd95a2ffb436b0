//! The taxonomy: the dimensions, themes and eco-town levels the other tables refer to, read from
//! `data/dimensions.csv`, `themes.csv` and `level_scale.csv`, or built in (the DIW criteria of
//! B.E. 2560, [`Taxonomy::default`]) for each the site does not give. References to them are
//! checked here too, so that a diagnostic can say whether to fix the spelling, add a row to the
//! site's file, or create that file.

use std::collections::BTreeSet;

use crate::data::cells;
use crate::data::contract::columns;
use crate::data::files::Files;
use crate::data::load::{DIMENSIONS, LEVEL_SCALE, THEMES, Uniques, bilingual};
use crate::data::model::{Dimension, Level, Taxonomy, Text, Theme};
use crate::data::sources::{Sources, Tables};
use crate::data::table::Row;
use crate::diagnostics::Diagnostics;

/// The taxonomy as loaded, with which of its tables the site gave (the others are built in): a
/// reference to an unknown dimension then points at the file to add it to, or says to create it.
pub(super) struct Loaded {
    pub taxonomy: Taxonomy,
    pub dimensions: Vocabulary,
    pub themes: Vocabulary,
    pub levels: Vocabulary,
}

/// A taxonomy's ids in its order, and its file when the site gave it (else it is built in).
pub(super) struct Vocabulary {
    ids: Vec<String>,
    file: Option<&'static str>,
}

/// The three taxonomy tables, each from its files if the site has them, else built in.
pub(super) fn load_taxonomy<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Loaded {
    let builtin = Taxonomy::default();
    // Which of the three the site gives, asked once: each answer lists folders and workbooks.
    let given = [DIMENSIONS, THEMES, LEVEL_SCALE].map(|file| root.has_table(file).then_some(file));
    let dimensions = match given[0] {
        Some(_) => load_dimensions(root, diags),
        None => builtin.dimensions,
    };
    let themes = match given[1] {
        Some(_) => load_themes(root, diags),
        None => builtin.themes,
    };
    let levels = match given[2] {
        Some(_) => load_level_scale(root, diags),
        None => builtin.levels,
    };
    let taxonomy = Taxonomy {
        dimensions,
        themes,
        levels,
    };
    let vocabulary = |table: &str, file: Option<&'static str>| Vocabulary {
        ids: taxonomy.ids(table),
        file,
    };
    Loaded {
        dimensions: vocabulary("dimensions", given[0]),
        themes: vocabulary("themes", given[1]),
        levels: vocabulary("level_scale", given[2]),
        taxonomy,
    }
}

/// The rows of a vocabulary table whose first three columns are an id and its two names, each
/// made into an entry by `entry` (given the row, for the table's other columns).
fn load_named<F: Files + ?Sized, T>(
    root: &Sources<'_, F>,
    file: &str,
    table: &str,
    diags: &mut Diagnostics,
    entry: impl Fn(String, Text, &Row) -> T,
) -> Vec<T> {
    let Some(rows) = Tables::read(root, file, columns(table), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in rows.rows() {
        let id = cells::slug(&row, 0, diags);
        let name = bilingual(&row, 1, 2, diags);
        let (Some(id), Some(name)) = (id, name) else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, row.name(0), diags) {
            list.push(entry(id, name, &row));
        }
    }
    list
}

fn load_dimensions<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Vec<Dimension> {
    load_named(root, DIMENSIONS, "dimensions", diags, |id, name, row| {
        Dimension {
            id,
            name,
            summary: Text::new(row.get(3), row.get(4)),
            line: row.line(),
        }
    })
}

fn load_themes<F: Files + ?Sized>(root: &Sources<'_, F>, diags: &mut Diagnostics) -> Vec<Theme> {
    load_named(root, THEMES, "themes", diags, |id, name, row| Theme {
        id,
        name,
        line: row.line(),
    })
}

fn load_level_scale<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Vec<Level> {
    let Some(table) = Tables::read(root, LEVEL_SCALE, columns("level_scale"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let Some(level) = cells::integer(&row, 0, 1, 20, diags) else {
            continue;
        };
        if unique.check(level, &row, 0, "level", diags) {
            list.push(Level {
                level: level as u8,
                name: Text::new(row.get(1), row.get(2)),
                line: row.line(),
            });
        }
    }
    // The scale reads bottom to top whatever the order of the rows.
    list.sort_by_key(|l| l.level);
    list
}

/// Checks that the value in `column` is one of a taxonomy's `ids`: with "did you mean" when the
/// site gave the taxonomy's file, else naming the built-in values and the file that would add one.
pub(super) fn in_taxonomy(
    row: &Row,
    column: usize,
    vocabulary: &Vocabulary,
    file: &str,
    diags: &mut Diagnostics,
) -> bool {
    let ids = &vocabulary.ids;
    let value = row.get(column).trim();
    if ids.iter().any(|id| id.eq_ignore_ascii_case(value)) {
        return true;
    }
    if value.is_empty() {
        return cells::text(row, column, diags).is_some();
    }
    match vocabulary.file {
        Some(file) => {
            let known: BTreeSet<String> = ids.iter().cloned().collect();
            cells::unknown_reference(row, column, &known, file, diags);
        }
        None if !ids.is_empty() => {
            let choices: Vec<&str> = ids.iter().map(String::as_str).collect();
            diags.push(
                row.error(
                    "unknown-value",
                    column,
                    format!("'{}' is not one of the allowed values", row.name(column)),
                )
                .with_hint(format!(
                    "write one of: {}; or define your own in {file} (see docs/data-format.md)",
                    choices.join(", ")
                )),
            );
        }
        None => {}
    }
    false
}

/// Checks that a level is one of the scale's (1–5 unless `data/level_scale.csv` says otherwise).
pub(super) fn on_the_scale(
    row: &Row,
    level: i64,
    levels: &Vocabulary,
    diags: &mut Diagnostics,
) -> bool {
    let scale = &levels.ids;
    if scale.is_empty() || scale.contains(&level.to_string()) {
        return true;
    }
    let whence = match levels.file {
        Some(file) => format!("the levels of {file}"),
        None => format!("the DIW criteria's levels; a different scale is defined in {LEVEL_SCALE}"),
    };
    diags.push(
        row.error(
            "out-of-range",
            2,
            format!("level {level} is not on the eco-town level scale"),
        )
        .with_hint(format!("write a level {} ({whence})", scale_words(scale))),
    );
    false
}

/// "from 1 to 5" for a scale without gaps, else "one of 1, 2, 4".
fn scale_words(scale: &[String]) -> String {
    let numbers: Vec<i64> = scale.iter().filter_map(|l| l.parse().ok()).collect();
    match (numbers.first(), numbers.last()) {
        (Some(&low), Some(&high)) if high - low + 1 == numbers.len() as i64 => {
            format!("from {low} to {high}")
        }
        _ => format!("one of {}", scale.join(", ")),
    }
}
