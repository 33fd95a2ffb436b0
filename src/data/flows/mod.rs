//! Material flows and industrial symbiosis: what `materials`, `flow_nodes`, `flows` and
//! `symbiosis` hold once read and checked ([`load`]), and the figures made from them.
//!
//! Flows are long-format rows (an area, a year, a source and a target node, a material, a
//! quantity in one unit). Quantities in different units are never added: a figure or a diagram is
//! always of one unit. The figures an indicator may be measured by ([`Flows::measure`]) are made
//! here once, so that the check of the indicator's observations and the pages quote the same
//! numbers.

pub mod load;

use serde::Serialize;

use crate::data::model::{Text, ValueStatus};

/// A flow's unit. Tonnes for materials, cubic metres for water, MWh or GJ for energy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Unit {
    #[serde(rename = "t/yr")]
    Tonnes,
    #[serde(rename = "m3/yr")]
    CubicMetres,
    #[serde(rename = "MWh/yr")]
    Mwh,
    #[serde(rename = "GJ/yr")]
    Gj,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Tonnes, Unit::CubicMetres, Unit::Mwh, Unit::Gj];

    /// The spelling of the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Tonnes => "t/yr",
            Unit::CubicMetres => "m3/yr",
            Unit::Mwh => "MWh/yr",
            Unit::Gj => "GJ/yr",
        }
    }

    /// Reads a unit as publishers write it: any case, `m³` for `m3`, `/y` or `/year` for `/yr`.
    pub fn parse(raw: &str) -> Option<Unit> {
        let text = raw.trim().to_ascii_lowercase().replace("m³", "m3");
        let text = text
            .strip_suffix("/year")
            .or_else(|| text.strip_suffix("/yr"))
            .or_else(|| text.strip_suffix("/y"))
            .unwrap_or(&text);
        match text {
            "t" | "tonnes" | "ton" => Some(Unit::Tonnes),
            "m3" => Some(Unit::CubicMetres),
            "mwh" => Some(Unit::Mwh),
            "gj" => Some(Unit::Gj),
            _ => None,
        }
    }

    /// The units a material of `category` may be measured in.
    pub fn fits(self, category: &str) -> bool {
        match category {
            "energy" => matches!(self, Unit::Mwh | Unit::Gj),
            "water" => self == Unit::CubicMetres,
            _ => self == Unit::Tonnes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    pub id: String,
    pub name: Text,
    /// One of [`crate::data::contract::MATERIAL_CATEGORIES`].
    pub category: String,
    pub hazardous: bool,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowNode {
    pub id: String,
    /// One of [`crate::data::contract::NODE_KINDS`].
    pub kind: String,
    pub name: Text,
    /// Inputs must equal outputs within this percentage, when given.
    pub balance_tolerance: Option<f64>,
    pub line: u64,
}

impl FlowNode {
    /// Whether what reaches this node stays in the area: a factory group, a utility or a
    /// community uses it; treatment, landfill, a market or a party outside does not.
    pub fn keeps_in_area(&self) -> bool {
        matches!(
            self.kind.as_str(),
            "factory-group" | "utility" | "community"
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flow {
    pub area_id: String,
    /// Fiscal year, C.E.
    pub year: i32,
    pub source: String,
    pub target: String,
    pub material: String,
    pub quantity: f64,
    pub unit: Unit,
    pub status: ValueStatus,
    pub note: Text,
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub area_id: String,
    pub year: i32,
    pub id: String,
    /// One of [`crate::data::contract::LINK_KINDS`].
    pub kind: String,
    pub source: String,
    pub target: String,
    pub material: String,
    /// Pairs of factories (or factory and community) the link groups.
    pub pairs: u32,
    pub landfill_diverted_t: Option<f64>,
    pub co2e_avoided_t: Option<f64>,
    pub saving_baht: Option<f64>,
    pub line: u64,
}

/// The four tables, flows and links sorted by area, year, then file order.
#[derive(Debug, Clone, Default)]
pub struct Flows {
    pub materials: Vec<Material>,
    pub nodes: Vec<FlowNode>,
    pub flows: Vec<Flow>,
    pub links: Vec<Link>,
}

impl Flows {
    pub fn is_empty(&self) -> bool {
        self.flows.is_empty()
    }

    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    pub fn node(&self, id: &str) -> Option<&FlowNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The flows of one area and year.
    pub fn of(&self, area_id: &str, year: i32) -> &[Flow] {
        of_area_year(&self.flows, (area_id, year), |f| (&f.area_id, f.year))
    }

    /// The symbiosis links of one area and year.
    pub fn links_of(&self, area_id: &str, year: i32) -> &[Link] {
        of_area_year(&self.links, (area_id, year), |l| (&l.area_id, l.year))
    }

    /// The years an area has flows for, oldest first.
    pub fn years_of(&self, area_id: &str) -> Vec<i32> {
        // The flows are sorted by area and year (as `load_flows` leaves them, and as `of` also
        // needs): the area's are one run, found by halving.
        debug_assert!(self.flows.is_sorted_by(|a, b| a.area_id <= b.area_id));
        let start = self.flows.partition_point(|f| f.area_id.as_str() < area_id);
        let end = start + self.flows[start..].partition_point(|f| f.area_id == area_id);
        let mut years: Vec<i32> = self.flows[start..end].iter().map(|f| f.year).collect();
        years.dedup();
        years
    }

    /// The flow a link covers.
    pub fn flow_of(&self, link: &Link) -> Option<&Flow> {
        self.of(&link.area_id, link.year).iter().find(|f| {
            f.source == link.source && f.target == link.target && f.material == link.material
        })
    }

    /// The tonnes of by-products and wastes an area's flows carry in a year, and how many of them
    /// stay in the area (reach a node that [`FlowNode::keeps_in_area`]): what the diagram's
    /// headline and the programme page say. `None` without such flows.
    pub fn kept_in_area(&self, area_id: &str, year: i32) -> Option<(f64, f64)> {
        let residual = (self.of(area_id, year).iter())
            .filter(|f| f.unit == Unit::Tonnes)
            .filter(|f| {
                (self.material(&f.material))
                    .is_some_and(|m| matches!(m.category.as_str(), "by-product" | "waste"))
            });
        let (mut kept, mut total) = (0.0, 0.0);
        for f in residual {
            total += f.quantity;
            if self.node(&f.target).is_some_and(FlowNode::keeps_in_area) {
                kept += f.quantity;
            }
        }
        (total > 0.0).then_some((kept, total))
    }

    /// Every year any area has flows, oldest first.
    pub fn years(&self) -> Vec<i32> {
        let years: std::collections::BTreeSet<i32> = self.flows.iter().map(|f| f.year).collect();
        years.into_iter().collect()
    }

    /// The figure `measure` (one of [`crate::data::contract::MEASURES`]) of an area and year,
    /// if the area has flows that year: what an indicator `measured_by` it must report.
    pub fn measure(&self, measure: &str, area_id: &str, year: i32) -> Option<f64> {
        let links = self.links_of(area_id, year);
        if self.of(area_id, year).is_empty() {
            return None;
        }
        let sum = |f: &dyn Fn(&Link) -> Option<f64>| links.iter().filter_map(f).sum::<f64>();
        Some(match measure {
            "exchanged-tonnes" => sum(&|l| {
                let flow = self.flow_of(l)?;
                (l.kind == "factory-factory" && flow.unit == Unit::Tonnes).then_some(flow.quantity)
            }),
            "symbiosis-links" => sum(&|l| Some(f64::from(l.pairs))),
            "landfill-diverted" => sum(&|l| l.landfill_diverted_t),
            "co2e-avoided" => sum(&|l| l.co2e_avoided_t),
            _ => return None,
        })
    }
}

/// The run of `list` (sorted by area and year) whose rows are of `key`.
fn of_area_year<'a, T>(list: &'a [T], key: (&str, i32), of: impl Fn(&T) -> (&str, i32)) -> &'a [T] {
    let start = list.partition_point(|x| of(x) < key);
    let len = list[start..].iter().take_while(|x| of(x) == key).count();
    &list[start..start + len]
}
