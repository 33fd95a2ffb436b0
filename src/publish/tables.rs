//! The input datasets as published tables, from the loaded model.
//!
//! Each is the data contract's table ([`crate::data::contract`]): its columns in their declared
//! order, so a downloaded file can be edited and loaded again. Values come from the checked model,
//! not from the input files, so a download never carries a spreadsheet's quirks (Thai digits,
//! thousands separators, a stray B.E. year): numbers are numbers and years are C.E. The taxonomy
//! is published whether the site gave it or uses the built-in one, so every `dimension` in the
//! indicators has its names beside it.

use super::indicator;
use super::schema::*;
use crate::data::Dataset;

/// The input datasets, in the order of the data contract.
pub fn datasets(data: &Dataset) -> Vec<Table> {
    let mut tables = vec![
        dimensions(data),
        themes(data),
        level_scale(data),
        provinces(data),
        areas(data),
        indicator::dataset(data),
        observations(data),
        factories(data),
        levels(data),
    ];
    // The material flows, when the site has them.
    if !data.flows.is_empty() {
        tables.extend(super::flowtables::tables(data));
    }
    tables
}

fn dimensions(data: &Dataset) -> Table {
    let mut t = contract_table("dimensions", Subject::Dimensions, data);
    t.rows = (data.taxonomy.dimensions.iter())
        .map(|d| {
            let (name, summary) = (&d.name, &d.summary);
            [&d.id, &name.th, &name.en, &summary.th, &summary.en]
                .map(|s| text(s))
                .to_vec()
        })
        .collect();
    t
}

fn themes(data: &Dataset) -> Table {
    let mut t = contract_table("themes", Subject::Themes, data);
    t.rows = (data.taxonomy.themes.iter())
        .map(|th| vec![text(&th.id), text(&th.name.th), text(&th.name.en)])
        .collect();
    t
}

fn level_scale(data: &Dataset) -> Table {
    let mut t = contract_table("level_scale", Subject::LevelScale, data);
    t.rows = (data.taxonomy.levels.iter())
        .map(|l| {
            let level = Cell::Integer(l.level.into());
            vec![level, text(&l.name.th), text(&l.name.en)]
        })
        .collect();
    t
}

fn provinces(data: &Dataset) -> Table {
    let mut t = contract_table("provinces", Subject::Provinces, data);
    t.rows = data
        .provinces
        .iter()
        .map(|p| vec![text(&p.code), text(&p.name.th), text(&p.name.en)])
        .collect();
    t
}

fn areas(data: &Dataset) -> Table {
    let mut t = contract_table("areas", Subject::Areas, data);
    t.rows = data
        .areas
        .iter()
        .map(|a| {
            let phase = Cell::Integer(a.phase.into());
            vec![
                text(&a.id),
                text(&a.province_code),
                text(&a.name.th),
                text(&a.name.en),
                phase,
            ]
        })
        .collect();
    t
}

fn observations(data: &Dataset) -> Table {
    let mut t = contract_table("observations", Subject::Observations, data);
    t.rows = data
        .observations
        .iter()
        .map(|o| {
            let year = Cell::Integer(o.year.into());
            let (id, indicator) = (text(&o.area_id), text(&o.indicator_id));
            let (status, th, en) = (text(o.status.as_str()), text(&o.note.th), text(&o.note.en));
            vec![id, indicator, year, number(o.value), status, th, en]
        })
        .collect();
    t
}

fn factories(data: &Dataset) -> Table {
    let mut t = contract_table("factories", Subject::Factories, data);
    t.rows = data
        .factories
        .iter()
        .map(|f| {
            let counts = [f.year.into(), f.total.into(), f.upgraded.into()].map(Cell::Integer);
            let [year, total, upgraded] = counts;
            vec![text(&f.area_id), year, total, upgraded]
        })
        .collect();
    t
}

fn levels(data: &Dataset) -> Table {
    let mut t = contract_table("levels", Subject::Levels, data);
    t.rows = data
        .levels
        .iter()
        .map(|l| {
            vec![
                text(&l.area_id),
                Cell::Integer(l.year.into()),
                Cell::Integer(l.level.into()),
            ]
        })
        .collect();
    t
}
