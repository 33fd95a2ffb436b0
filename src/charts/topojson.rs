//! Reading TopoJSON: shared, quantized, delta-encoded arcs and the polygons built from them.
//!
//! TopoJSON stores each border once as an "arc"; a polygon ring lists arc indices, with `~i`
//! (written `-i - 1`) meaning arc `i` reversed. With a `transform`, arc positions are integers:
//! the first is absolute, each next one a delta, and `scale`/`translate` turn them into
//! longitude and latitude. Keeping arcs shared lets the map simplify each border once, so
//! neighbouring provinces never show gaps or overlaps. Only what the map needs is read:
//! Polygon and MultiPolygon geometries and their string properties.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// A decoded topology: arcs in longitude/latitude, and the shapes of one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Topology {
    pub arcs: Vec<Vec<(f64, f64)>>,
    pub shapes: Vec<Shape>,
}

/// One geometry: its properties and its polygons, each a list of rings of arc references.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub properties: BTreeMap<String, String>,
    pub polygons: Vec<Vec<Vec<i64>>>,
}

#[derive(Deserialize)]
struct RawTopology {
    #[serde(default)]
    arcs: Vec<Vec<Vec<f64>>>,
    transform: Option<RawTransform>,
    #[serde(default)]
    objects: BTreeMap<String, RawObject>,
}

#[derive(Deserialize)]
struct RawTransform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct RawObject {
    #[serde(default)]
    geometries: Vec<RawGeometry>,
}

#[derive(Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    arcs: Value,
    #[serde(default)]
    properties: BTreeMap<String, Value>,
}

/// Parses `json` and decodes the geometries of `object`.
pub fn parse(json: &str, object: &str) -> Result<Topology, String> {
    let raw: RawTopology = serde_json::from_str(json).map_err(|e| format!("not TopoJSON: {e}"))?;
    let arcs = raw
        .arcs
        .iter()
        .map(|a| decode_arc(a, raw.transform.as_ref()))
        .collect();
    let geometries = raw
        .objects
        .get(object)
        .ok_or_else(|| format!("no object '{object}'"))?
        .geometries
        .iter();
    let mut shapes = Vec::new();
    for g in geometries {
        let polygons: Vec<Vec<Vec<i64>>> = match g.kind.as_str() {
            "Polygon" => vec![serde_json::from_value(g.arcs.clone()).map_err(|e| e.to_string())?],
            "MultiPolygon" => serde_json::from_value(g.arcs.clone()).map_err(|e| e.to_string())?,
            _ => continue,
        };
        let properties = g
            .properties
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect();
        shapes.push(Shape {
            properties,
            polygons,
        });
    }
    Ok(Topology { arcs, shapes })
}

fn decode_arc(positions: &[Vec<f64>], transform: Option<&RawTransform>) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(positions.len());
    let (mut x, mut y) = (0.0, 0.0);
    for p in positions {
        let (Some(&dx), Some(&dy)) = (p.first(), p.get(1)) else {
            continue;
        };
        match transform {
            Some(t) => {
                x += dx;
                y += dy;
                out.push((
                    x * t.scale[0] + t.translate[0],
                    y * t.scale[1] + t.translate[1],
                ));
            }
            None => out.push((dx, dy)),
        }
    }
    out
}

/// The points of a ring given as arc references, each shared point once. References to arcs
/// that do not exist are skipped.
pub fn ring<P: Copy + PartialEq>(arcs: &[Vec<P>], refs: &[i64]) -> Vec<P> {
    let mut out: Vec<P> = Vec::new();
    for &r in refs {
        let (index, reversed) = if r < 0 { (-r - 1, true) } else { (r, false) };
        let Some(arc) = usize::try_from(index).ok().and_then(|i| arcs.get(i)) else {
            continue;
        };
        let points: Box<dyn Iterator<Item = &P>> = if reversed {
            Box::new(arc.iter().rev())
        } else {
            Box::new(arc.iter())
        };
        for &p in points {
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{"type":"Topology",
        "transform":{"scale":[0.5,2],"translate":[100,10]},
        "arcs":[[[0,0],[2,0],[0,1]],[[2,1],[-2,0],[0,-1]]],
        "objects":{"o":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0,1]],"properties":{"shapeISO":"TH-1","n":3}},
          {"type":"MultiPolygon","arcs":[[[0,1]],[[-2,-1]]],"properties":{"shapeISO":"TH-2"}},
          {"type":"Point","coordinates":[1,2]}]}}}"#;

    #[test]
    fn decodes_quantized_delta_arcs() {
        let t = parse(SMALL, "o").unwrap();
        assert_eq!(t.arcs[0], vec![(100.0, 10.0), (101.0, 10.0), (101.0, 12.0)]);
        assert_eq!(t.arcs[1], vec![(101.0, 12.0), (100.0, 12.0), (100.0, 10.0)]);
        assert_eq!(t.shapes.len(), 2);
        assert_eq!(
            t.shapes[0].properties.get("shapeISO").map(String::as_str),
            Some("TH-1")
        );
        assert!(!t.shapes[0].properties.contains_key("n"));
        assert_eq!(t.shapes[1].polygons.len(), 2);
    }

    #[test]
    fn rings_join_arcs_and_reverse_negative_refs() {
        let t = parse(SMALL, "o").unwrap();
        let r = ring(&t.arcs, &[0, 1]);
        assert_eq!(r.len(), 5);
        assert_eq!(r.first(), r.last());
        let back = ring(&t.arcs, &[-2, -1]);
        assert_eq!(back[1], (100.0, 12.0));
        assert!(ring(&t.arcs, &[7, -9]).is_empty());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(parse("{", "o").is_err());
        assert!(parse(SMALL, "missing").is_err());
    }
}
