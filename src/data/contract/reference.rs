//! The tables of `docs/data-format.md`, written from the contract: what a publisher reads is
//! what the loader checks. A test compares the page with [`reference`] and fails when it is stale.

use super::*;
use crate::data::model::Taxonomy;

/// The marks around the part of `docs/data-format.md` that [`reference`] writes.
pub const REFERENCE_MARKS: (&str, &str) = (
    "<!-- The tables below are made from src/data/contract.rs: edit that, not this. -->",
    "<!-- End of the tables made from src/data/contract.rs. -->",
);

/// The tables of `docs/data-format.md`: one section per table with its columns, their rules and
/// an example, in English (the page is the publishers' reference; the Thai titles are given too).
/// `builtin` is the built-in taxonomy, whose ids the taxonomy columns list.
pub fn reference(builtin: &Taxonomy) -> String {
    let builtin = &|vocabulary: &str| builtin.ids(vocabulary);
    let mut out = String::new();
    for t in tables() {
        out.push_str(&format!(
            "### `data/{}.csv` — {} ({})\n",
            t.name, t.title.en, t.title.th
        ));
        out.push_str(&t.description.en);
        match t.absent {
            Absent::Error => {}
            Absent::BuiltIn => out.push_str(&format!(
                " Optional: without this table the built-in values are used ({}).",
                code_list(&builtin(t.name))
            )),
            Absent::Empty => out.push_str(
                " Optional: a site without it has no material-flow pages, charts or downloads.",
            ),
        }
        out.push_str("\n\n| column | type | required | meaning |\n|---|---|---|---|\n");
        for c in &t.columns {
            let need = match (c.need, c.default) {
                (Need::Value, _) => "yes".to_string(),
                (Need::Column, _) => "the column; a blank cell is a missing value".to_string(),
                (Need::Optional, Some(default)) => format!("no (blank: `{default}`)"),
                (Need::Optional, None) => "no".to_string(),
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.kind.as_str(),
                need,
                meaning(t, c, builtin)
            ));
        }
        if !t.primary_key.is_empty() && t.primary_key.len() > 1 {
            let key: Vec<String> = t.primary_key.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(
                "\nEach ({}) appears at most once.\n",
                key.join(", ")
            ));
        }
        out.push_str(&format!("\n```csv\n{}\n```\n\n", t.example));
    }
    out
}

/// A column's meaning, with the rules the loader checks written out.
fn meaning(t: &TableSpec, c: &Column, builtin: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut parts = vec![c.description.en.clone()];
    if c.pattern == Some(SLUG) {
        parts.push("a lower-case slug (a–z, 0–9, single hyphens)".into());
    }
    if let Some((low, high)) = c.range
        && c.kind != Kind::Year
    {
        parts.push(format!("{low}–{high}"));
    }
    if !c.choices.is_empty() {
        let choices: Vec<String> = c.choices.clone();
        parts.push(format!("one of {}", code_list(&choices)));
    }
    if let Some(vocabulary) = c.vocabulary {
        parts.push(format!(
            "one of the ids of `{vocabulary}` (built in: {})",
            code_list(&builtin(vocabulary))
        ));
    }
    if let Some(fk) = t.foreign_keys.iter().find(|fk| fk.field == c.name)
        && c.vocabulary.is_none()
    {
        parts.push(format!("must exist in `{}`", fk.resource));
    }
    if c.unique || (t.primary_key.len() == 1 && t.primary_key[0] == c.name) {
        parts.push("unique".into());
    }
    let mut text = parts.join("; ");
    text.push('.');
    text.replace('|', "\\|")
}

fn code_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    quoted.join(", ")
}
