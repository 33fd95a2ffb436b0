//! Loading and checking the material-flow tables: `materials`, `flow_nodes`, `flows`, then
//! `symbiosis`, each row against the tables before it, every problem located at its cell.
//!
//! Besides the cell rules of the contract, the checks are the ones material-flow analysts make:
//! a flow runs between two different nodes, in a unit its material can be measured in, never
//! negative; one diagram never adds different units (energy in MWh and GJ in one area and year);
//! a symbiosis link cites a flow that exists; and a node that declares a tolerance balances
//! (inputs = outputs, a stock change being a flow to or from a `stock` node), reported with the
//! numbers. Loops are legal: recycling and exchange loops are what symbiosis is.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Flow, FlowNode, Flows, Link, Material, Unit};
use crate::data::cells;
use crate::data::contract::{self, columns};
use crate::data::files::Files;
use crate::data::load::{AREAS, Uniques, bilingual, known};
use crate::data::model::{Text, ValueStatus};
use crate::data::sources::{Sources, Tables};
use crate::data::table::Row;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::format;

pub const MATERIALS: &str = "data/materials.csv";
pub const FLOW_NODES: &str = "data/flow_nodes.csv";
pub const FLOWS: &str = "data/flows.csv";
pub const SYMBIOSIS: &str = "data/symbiosis.csv";

/// The four tables, if the site gives any of them (then `materials`, `flow_nodes` and `flows`
/// are all needed; `symbiosis` may be left out). `areas` are the declared area ids.
pub fn load_flows<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    diags: &mut Diagnostics,
) -> Flows {
    let given = [MATERIALS, FLOW_NODES, FLOWS, SYMBIOSIS].map(|f| root.has_table(f));
    if !given.iter().any(|&g| g) {
        return Flows::default();
    }
    let materials = load_materials(root, diags);
    let (nodes, balance_at) = load_nodes(root, diags);
    let flows = load_flow_rows(root, areas, &materials, &nodes, diags);
    let links = match given[3] {
        true => load_links(root, areas, &nodes, &materials, &flows, diags),
        false => Vec::new(),
    };
    let flows = Flows {
        materials,
        nodes,
        flows,
        links,
    };
    check_balance(&flows, &balance_at, diags);
    flows
}

/// The value of `column` if it is one of `choices` (ignoring case and spaces), else a located
/// error listing them.
fn one_of(row: &Row, column: usize, choices: &[&str], diags: &mut Diagnostics) -> Option<String> {
    let value = row.get(column).trim().to_ascii_lowercase();
    if let Some(found) = choices.iter().find(|c| c.eq_ignore_ascii_case(&value)) {
        return Some(found.to_string());
    }
    let name = row.name(column);
    let (code, message) = match value.is_empty() {
        true => ("empty-cell", format!("'{name}' is blank")),
        false => (
            "unknown-value",
            format!("'{name}' is not one of the allowed values"),
        ),
    };
    diags.push(
        row.error(code, column, message)
            .with_hint(format!("write one of: {}", choices.join(", "))),
    );
    None
}

fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> BTreeSet<String> {
    list.iter().map(|x| id(x).to_string()).collect()
}

fn load_materials<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> Vec<Material> {
    let Some(table) = Tables::read(root, MATERIALS, columns("materials"), diags) else {
        return Vec::new();
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let id = cells::slug(&row, 0, diags);
        let name = bilingual(&row, 1, 2, diags);
        let category = one_of(&row, 3, &contract::MATERIAL_CATEGORIES, diags);
        let hazardous = match row.get(4).is_empty() {
            true => Some("no".to_string()),
            false => one_of(&row, 4, &["yes", "no"], diags),
        };
        let (Some(id), Some(name), Some(category), Some(hazardous)) =
            (id, name, category, hazardous)
        else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, "material_id", diags) {
            list.push(Material {
                id,
                name,
                category,
                hazardous: hazardous == "yes",
                line: row.line(),
            });
        }
    }
    list
}

/// The nodes, and for each node with a tolerance the place of its tolerance cell, where a
/// mass-balance problem is reported.
fn load_nodes<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    diags: &mut Diagnostics,
) -> (Vec<FlowNode>, HashMap<String, Diagnostic>) {
    let mut balance_at = HashMap::new();
    let Some(table) = Tables::read(root, FLOW_NODES, columns("flow_nodes"), diags) else {
        return (Vec::new(), balance_at);
    };
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let id = cells::slug(&row, 0, diags);
        let kind = one_of(&row, 1, &contract::NODE_KINDS, diags);
        let name = bilingual(&row, 2, 3, diags);
        let tolerance = cells::optional_decimal(&row, 4, diags).and_then(|t| match t {
            Some(t) if !(0.0..=100.0).contains(&t) => {
                diags.push(
                    row.error("out-of-range", 4, "'balance_tolerance' is not a percentage")
                        .with_hint("write a percentage from 0 to 100, or leave it blank"),
                );
                None
            }
            other => Some(other),
        });
        let (Some(id), Some(kind), Some(name), Some(balance_tolerance)) =
            (id, kind, name, tolerance)
        else {
            continue;
        };
        if unique.check(id.clone(), &row, 0, "node_id", diags) {
            if balance_tolerance.is_some() {
                balance_at.insert(id.clone(), row.error("mass-balance", 4, ""));
            }
            list.push(FlowNode {
                id,
                kind,
                name,
                balance_tolerance,
                line: row.line(),
            });
        }
    }
    (list, balance_at)
}

fn load_flow_rows<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    materials: &[Material],
    nodes: &[FlowNode],
    diags: &mut Diagnostics,
) -> Vec<Flow> {
    let Some(table) = Tables::read(root, FLOWS, columns("flows"), diags) else {
        return Vec::new();
    };
    let (node_ids, material_ids) = (ids(nodes, |n| &n.id), ids(materials, |m| &m.id));
    let mut unique = Uniques::new();
    let mut rows: Vec<(Flow, Row)> = Vec::new();
    for row in table.rows() {
        let area_ok = known(&row, 0, areas, AREAS, diags);
        let year = cells::year(&row, 1, diags);
        let source_ok = known(&row, 2, &node_ids, FLOW_NODES, diags);
        let target_ok = known(&row, 3, &node_ids, FLOW_NODES, diags);
        let material_ok = known(&row, 4, &material_ids, MATERIALS, diags);
        let quantity = cells::decimal(&row, 5, diags).filter(|&q| {
            if q < 0.0 {
                diags.push(
                    row.error("negative-quantity", 5, "a flow's 'quantity' is negative")
                        .with_hint(
                            "a flow is never negative: a flow the other way is a row with \
                             'source' and 'target' swapped",
                        ),
                );
            }
            q >= 0.0
        });
        let unit = Unit::parse(row.get(6));
        if unit.is_none() {
            // Not a unit in any spelling: reported with the units there are.
            one_of(&row, 6, &contract::FLOW_UNITS, diags);
        }
        let status = match row.get(7).is_empty() {
            true => Some(ValueStatus::Final),
            false => cells::choice(&row, 7, ValueStatus::parse, &ValueStatus::choices(), diags),
        };
        let (true, Some(year), true, true, true, Some(quantity), Some(unit), Some(status)) = (
            area_ok,
            year,
            source_ok,
            target_ok,
            material_ok,
            quantity,
            unit,
            status,
        ) else {
            continue;
        };
        let (source, target, material) = (row.get(2), row.get(3), row.get(4));
        if source == target {
            diags.push(
                row.error("self-flow", 3, "the flow runs from a node to itself")
                    .with_hint(
                        "a flow joins two different nodes; material a group reuses inside \
                         itself is not a flow between nodes (leave the row out)",
                    ),
            );
            continue;
        }
        let category = (materials.iter())
            .find(|m| m.id == material)
            .map_or("", |m| m.category.as_str());
        if !unit.fits(category) {
            let fits: Vec<&str> = (Unit::ALL.iter().filter(|u| u.fits(category)))
                .map(|u| u.as_str())
                .collect();
            diags.push(
                row.error(
                    "unit-mismatch",
                    6,
                    format!(
                        "'{material}' is {category}, which is not measured in {}",
                        unit.as_str()
                    ),
                )
                .with_hint(format!(
                    "write {} (tonnes, water and energy are never added together)",
                    fits.join(" or ")
                )),
            );
            continue;
        }
        let key = (
            row.get(0).to_string(),
            year,
            source.to_string(),
            target.to_string(),
            material.to_string(),
        );
        if unique.check(
            key,
            &row,
            4,
            "(area_id, year, source, target, material)",
            diags,
        ) {
            let flow = Flow {
                area_id: row.get(0).to_string(),
                year,
                source: source.to_string(),
                target: target.to_string(),
                material: material.to_string(),
                quantity,
                unit,
                status,
                note: Text::new(row.get(8), row.get(9)),
                line: row.line(),
            };
            rows.push((flow, row));
        }
    }
    check_one_energy_unit(&rows, diags);
    let mut flows: Vec<Flow> = rows.into_iter().map(|(flow, _)| flow).collect();
    // Stable: the file's order within an area and year.
    flows.sort_by(|a, b| (&a.area_id, a.year).cmp(&(&b.area_id, b.year)));
    flows
}

/// Energy in one area and year is in one unit: a diagram cannot add MWh and GJ. The rows in the
/// less used unit are reported.
fn check_one_energy_unit(rows: &[(Flow, Row)], diags: &mut Diagnostics) {
    let mut units: BTreeMap<(&str, i32), BTreeMap<Unit, Vec<&Row>>> = BTreeMap::new();
    for (flow, row) in rows {
        if matches!(flow.unit, Unit::Mwh | Unit::Gj) {
            (units.entry((flow.area_id.as_str(), flow.year)).or_default())
                .entry(flow.unit)
                .or_default()
                .push(row);
        }
    }
    for ((area, year), by_unit) in units {
        if by_unit.len() < 2 {
            continue;
        }
        let most = (by_unit.iter())
            .max_by_key(|(unit, rows)| (rows.len(), std::cmp::Reverse(**unit)))
            .map(|(unit, _)| *unit)
            .unwrap_or(Unit::Mwh);
        for (unit, rows) in &by_unit {
            if *unit == most {
                continue;
            }
            for row in rows {
                diags.push(
                    row.error(
                        "mixed-units",
                        6,
                        format!(
                            "energy of {area} in {year} is in both {} and {}: one diagram cannot add them",
                            most.as_str(),
                            unit.as_str()
                        ),
                    )
                    .with_hint(format!(
                        "give all of the area's energy that year in {} (1 MWh = 3.6 GJ)",
                        most.as_str()
                    )),
                );
            }
        }
    }
}

fn load_links<F: Files + ?Sized>(
    root: &Sources<'_, F>,
    areas: &BTreeSet<String>,
    nodes: &[FlowNode],
    materials: &[Material],
    flows: &[Flow],
    diags: &mut Diagnostics,
) -> Vec<Link> {
    let Some(table) = Tables::read(root, SYMBIOSIS, columns("symbiosis"), diags) else {
        return Vec::new();
    };
    let (node_ids, material_ids) = (ids(nodes, |n| &n.id), ids(materials, |m| &m.id));
    // The flows by area, year, source and target, with their materials: looked up once per link
    // (a scan of every flow per link made a large programme's load quadratic).
    let mut between: HashMap<(&str, i32, &str, &str), Vec<&str>> = HashMap::new();
    for f in flows {
        let key = (
            f.area_id.as_str(),
            f.year,
            f.source.as_str(),
            f.target.as_str(),
        );
        between.entry(key).or_default().push(f.material.as_str());
    }
    let mut unique = Uniques::new();
    let mut list = Vec::new();
    for row in table.rows() {
        let area_ok = known(&row, 0, areas, AREAS, diags);
        let year = cells::year(&row, 1, diags);
        let id = cells::slug(&row, 2, diags);
        let kind = one_of(&row, 3, &contract::LINK_KINDS, diags);
        let source_ok = known(&row, 4, &node_ids, FLOW_NODES, diags);
        let target_ok = known(&row, 5, &node_ids, FLOW_NODES, diags);
        let material_ok = known(&row, 6, &material_ids, MATERIALS, diags);
        let pairs = match row.get(7).is_empty() {
            true => Some(1),
            false => cells::integer(&row, 7, 1, 100_000, diags),
        };
        let benefit = |column, diags: &mut Diagnostics| {
            cells::optional_decimal(&row, column, diags).and_then(|v| match v {
                Some(v) if v < 0.0 => {
                    diags.push(
                        row.error(
                            "out-of-range",
                            column,
                            format!("'{}' is negative", row.name(column)),
                        )
                        .with_hint("a benefit is a positive figure; leave it blank when unknown"),
                    );
                    None
                }
                other => Some(other),
            })
        };
        let diverted = benefit(8, diags);
        let co2e = benefit(9, diags);
        let saving = benefit(10, diags);
        let (true, Some(year), Some(id), Some(kind), true, true, true, Some(pairs)) = (
            area_ok,
            year,
            id,
            kind,
            source_ok,
            target_ok,
            material_ok,
            pairs,
        ) else {
            continue;
        };
        let (Some(diverted), Some(co2e), Some(saving)) = (diverted, co2e, saving) else {
            continue;
        };
        let (area, source, target, material) = (row.get(0), row.get(4), row.get(5), row.get(6));
        let cited = between
            .get(&(area, year, source, target))
            .map_or(&[][..], Vec::as_slice);
        if !cited.contains(&material) {
            let hint = match cited {
                [] => format!(
                    "data/flows.csv has no flow from {source} to {target} in {area} in {year}; \
                     add the flow first, or correct the link"
                ),
                found => format!(
                    "the flows from {source} to {target} that year are of {}; cite one of them",
                    found.join(", ")
                ),
            };
            diags.push(
                row.error(
                    "link-without-flow",
                    6,
                    format!(
                        "the link cites a flow of '{material}' that data/flows.csv does not have"
                    ),
                )
                .with_hint(hint),
            );
            continue;
        }
        if unique.check(
            (area.to_string(), year, id.clone()),
            &row,
            2,
            "(area_id, year, link_id)",
            diags,
        ) {
            list.push(Link {
                area_id: area.to_string(),
                year,
                id,
                kind,
                source: source.to_string(),
                target: target.to_string(),
                material: material.to_string(),
                pairs: pairs as u32,
                landfill_diverted_t: diverted,
                co2e_avoided_t: co2e,
                saving_baht: saving,
                line: row.line(),
            });
        }
    }
    list.sort_by(|a, b| (&a.area_id, a.year).cmp(&(&b.area_id, b.year)));
    list
}

/// Every node with a tolerance balances in each area, year and unit it has flows in: the sum of
/// what reaches it equals the sum of what leaves it, within the tolerance (of the larger).
fn check_balance(flows: &Flows, balance_at: &HashMap<String, Diagnostic>, diags: &mut Diagnostics) {
    // What reaches and leaves each node, per area, year and unit, in one pass over the flows.
    type Sums<'f> = BTreeMap<(&'f str, i32, Unit), (f64, f64)>;
    let mut by_node: HashMap<&str, Sums> = HashMap::new();
    for f in &flows.flows {
        let key = (f.area_id.as_str(), f.year, f.unit);
        by_node
            .entry(&f.target)
            .or_default()
            .entry(key)
            .or_default()
            .0 += f.quantity;
        by_node
            .entry(&f.source)
            .or_default()
            .entry(key)
            .or_default()
            .1 += f.quantity;
    }
    for node in flows.nodes.iter().filter(|n| n.balance_tolerance.is_some()) {
        let tolerance = node.balance_tolerance.unwrap_or(0.0);
        let sums = by_node.remove(node.id.as_str()).unwrap_or_default();
        for ((area, year, unit), (inputs, outputs)) in sums {
            let larger = inputs.max(outputs);
            let off = (inputs - outputs).abs();
            if larger == 0.0 || off / larger * 100.0 <= tolerance + 1e-9 {
                continue;
            }
            let Some(at) = balance_at.get(&node.id) else {
                continue;
            };
            let mut d = at.clone();
            let unit = unit.as_str();
            d.message = format!(
                "node '{}' does not balance in {area} in {year}: inputs {} {unit}, outputs {} \
                 {unit}, {} apart ({:.1}%, tolerance {}%)",
                node.id,
                format::number(inputs, 0),
                format::number(outputs, 0),
                format::number(off, 0),
                off / larger * 100.0,
                format::number(tolerance, 1).trim_end_matches(".0"),
            );
            d.hint = Some(format!(
                "check the flows to and from {} in data/flows.csv; a stock change is a flow to \
                 or from a 'stock' node",
                node.id
            ));
            diags.push(d);
        }
    }
}
