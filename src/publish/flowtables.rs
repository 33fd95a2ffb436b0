//! The material-flow tables as published tables: materials, flow nodes, flows and symbiosis
//! links, in the contract's columns, from the checked model (numbers as numbers, units in their
//! canonical spelling).

use super::schema::*;
use crate::data::Dataset;

pub fn tables(data: &Dataset) -> Vec<Table> {
    let flows = &data.flows;
    let mut materials = contract_table("materials", Subject::Materials, data);
    materials.rows = (flows.materials.iter())
        .map(|m| {
            let hazardous = text(if m.hazardous { "yes" } else { "no" });
            vec![
                text(&m.id),
                text(&m.name.th),
                text(&m.name.en),
                text(&m.category),
                hazardous,
            ]
        })
        .collect();
    let mut nodes = contract_table("flow_nodes", Subject::FlowNodes, data);
    nodes.rows = (flows.nodes.iter())
        .map(|n| {
            let (id, kind) = (text(&n.id), text(&n.kind));
            vec![
                id,
                kind,
                text(&n.name.th),
                text(&n.name.en),
                number(n.balance_tolerance),
            ]
        })
        .collect();
    let mut rows = contract_table("flows", Subject::Flows, data);
    rows.rows = (flows.flows.iter())
        .map(|f| {
            vec![
                text(&f.area_id),
                Cell::Integer(f.year.into()),
                text(&f.source),
                text(&f.target),
                text(&f.material),
                Cell::Number(f.quantity),
                text(f.unit.as_str()),
                text(f.status.as_str()),
                text(&f.note.th),
                text(&f.note.en),
            ]
        })
        .collect();
    let mut links = contract_table("symbiosis", Subject::Symbiosis, data);
    links.rows = (flows.links.iter())
        .map(|l| {
            vec![
                text(&l.area_id),
                Cell::Integer(l.year.into()),
                text(&l.id),
                text(&l.kind),
                text(&l.source),
                text(&l.target),
                text(&l.material),
                Cell::Integer(l.pairs.into()),
                number(l.landfill_diverted_t),
                number(l.co2e_avoided_t),
                number(l.saving_baht),
            ]
        })
        .collect();
    vec![materials, nodes, rows, links]
}
