//! Where a Sankey diagram's nodes and links go, cycles included: pure geometry, no drawing.
//!
//! d3-sankey refuses a graph with a cycle, yet recycling and exchange loops are what industrial
//! symbiosis is. So, as d3-sankey-circular and floweaver do, a few links are set aside as
//! *return* links and the rest, which then has no cycle, is laid out as d3-sankey lays a graph
//! out; return links are drawn in lanes below it. Which links return is chosen by the
//! Eades–Lin–Smyth ordering (sinks to the end, sources to the front, else the node sending most
//! more than it receives), weighted by quantity, so that the light flow back from a recycler is
//! the one that returns rather than the heavy scrap flow into it. Every choice is by quantity,
//! then by input order: the same input gives the same drawing.
//!
//! Columns are the longest path from a source; nodes with nothing going on (sinks) go to the last
//! column, as d3-sankey's `justify` puts them, so that landfill and markets line up at the right.
//! Within a column, nodes are stacked in the order of the weighted mean height of what feeds them
//! (one pass, left to right), each given the room its label needs as well as its bar; a node a
//! return flows into goes to the bottom of its column, since the return rises into it from below.

/// A node's needs: its label's height (the drawing knows the font).
#[derive(Debug, Clone)]
pub struct NodeIn {
    pub label_height: f64,
}

#[derive(Debug, Clone)]
pub struct LinkIn {
    pub source: usize,
    pub target: usize,
    pub value: f64,
}

/// A placed node: its column, its bar (`x`, `y0`..`y1`) and the top of its slot.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeOut {
    pub column: usize,
    pub x: f64,
    pub y0: f64,
    pub y1: f64,
    pub value: f64,
}

/// A placed link: where it leaves its source and reaches its target (the centre of its band),
/// its width, and for a return link the height of its lane below the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkOut {
    pub y_source: f64,
    pub y_target: f64,
    pub width: f64,
    pub lane: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub nodes: Vec<NodeOut>,
    pub links: Vec<LinkOut>,
    /// The bottom of the lowest lane (or of the nodes, without return links).
    pub bottom: f64,
}

/// What the layout needs to know of the space.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub node_width: f64,
    /// The height the largest column's values are drawn in.
    pub value_height: f64,
    /// Space between two nodes' slots.
    pub gap: f64,
    /// Space between the nodes and the first lane, and between lanes.
    pub lane_gap: f64,
    /// The thinnest a band is drawn, so a small flow stays visible.
    pub min_width: f64,
}

/// Which links return (go against the order): the Eades–Lin–Smyth heuristic for a small feedback
/// arc set, weighted by value, ties broken by index.
pub fn returning(nodes: usize, links: &[LinkIn]) -> Vec<bool> {
    let mut left: Vec<bool> = vec![true; nodes];
    let (mut front, mut back) = (Vec::new(), Vec::new());
    let weight = |n: usize, left: &[bool], out: bool| -> f64 {
        (links.iter())
            .filter(|l| l.source != l.target && left[l.source] && left[l.target])
            .filter(|l| if out { l.source == n } else { l.target == n })
            .map(|l| l.value)
            .sum()
    };
    let degree = |n: usize, left: &[bool], out: bool| -> usize {
        (links.iter())
            .filter(|l| l.source != l.target && left[l.source] && left[l.target])
            .filter(|l| if out { l.source == n } else { l.target == n })
            .count()
    };
    while left.iter().any(|&l| l) {
        let remaining: Vec<usize> = (0..nodes).filter(|&n| left[n]).collect();
        if let Some(&sink) = remaining
            .iter()
            .rev()
            .find(|&&n| degree(n, &left, true) == 0)
        {
            back.push(sink);
            left[sink] = false;
            continue;
        }
        if let Some(&source) = remaining.iter().find(|&&n| degree(n, &left, false) == 0) {
            front.push(source);
            left[source] = false;
            continue;
        }
        let best = remaining
            .iter()
            .copied()
            .max_by(|&a, &b| {
                let da = weight(a, &left, true) - weight(a, &left, false);
                let db = weight(b, &left, true) - weight(b, &left, false);
                da.total_cmp(&db).then(b.cmp(&a))
            })
            .unwrap_or(remaining[0]);
        front.push(best);
        left[best] = false;
    }
    back.reverse();
    front.extend(back);
    let mut rank = vec![0; nodes];
    for (i, &n) in front.iter().enumerate() {
        rank[n] = i;
    }
    links
        .iter()
        .map(|l| rank[l.target] <= rank[l.source])
        .collect()
}

/// Each node's value: the larger of what comes in and what goes out, returns included.
pub fn values(n: usize, links: &[LinkIn]) -> Vec<f64> {
    let sum = |pick: &dyn Fn(&LinkIn) -> bool| -> f64 {
        links.iter().filter(|l| pick(l)).map(|l| l.value).sum()
    };
    (0..n)
        .map(|i| sum(&|l| l.target == i).max(sum(&|l| l.source == i)))
        .collect()
}

/// Each node's column: the longest forward path from a source, sinks in the last column. With
/// `back`, which links return.
pub fn columns(n: usize, links: &[LinkIn], back: &[bool]) -> Vec<usize> {
    let forward = |i: usize| !back[i];
    let mut depth = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for (i, l) in links.iter().enumerate() {
            if forward(i) && depth[l.target] < depth[l.source] + 1 {
                depth[l.target] = depth[l.source] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let last = depth.iter().copied().max().unwrap_or(0);
    for (node, d) in depth.iter_mut().enumerate() {
        let sends = links
            .iter()
            .enumerate()
            .any(|(i, l)| forward(i) && l.source == node);
        if !sends {
            *d = last;
        }
    }
    depth
}

/// What a diagram's graph is, worked out once per chart: which links return, each node's column
/// and value. The chart sizes its labels and scale from it before the layout places anything.
pub struct Graph {
    pub back: Vec<bool>,
    pub depth: Vec<usize>,
    pub value: Vec<f64>,
    /// How many columns.
    pub columns: usize,
}

impl Graph {
    pub fn of(n: usize, links: &[LinkIn]) -> Graph {
        let back = returning(n, links);
        let depth = columns(n, links, &back);
        let columns = depth.iter().copied().max().unwrap_or(0) + 1;
        Graph {
            value: values(n, links),
            back,
            depth,
            columns,
        }
    }

    /// The largest sum of node values in one column: what the scale must fit.
    pub fn largest_column(&self) -> f64 {
        let mut totals = vec![0.0f64; self.columns];
        for (d, v) in self.depth.iter().zip(&self.value) {
            totals[*d] += v;
        }
        totals.into_iter().fold(0.0, f64::max)
    }

    /// How wide the legs of return links out of the last column are: they turn down right of it,
    /// so the diagram keeps that much room at its right. (Returns rise into the bottom of their
    /// target, so the first column needs none.)
    pub fn side_room(&self, links: &[LinkIn], ky: f64, min_width: f64) -> f64 {
        let last = self.columns - 1;
        (links.iter().enumerate())
            .filter(|(i, l)| self.back[*i] && self.depth[l.source] == last && last > 0)
            .map(|(_, l)| (l.value * ky).max(min_width) + 8.0)
            .sum()
    }
}

pub fn layout(nodes: &[NodeIn], links: &[LinkIn], graph: &Graph, frame: Frame) -> Layout {
    let n = nodes.len();
    let (back, value, depth, columns) = (&graph.back, &graph.value, &graph.depth, graph.columns);
    let forward = |i: usize| !back[i];
    let largest = graph.largest_column();
    let ky = if largest > 0.0 {
        frame.value_height / largest
    } else {
        0.0
    };
    let step = match columns {
        1 => 0.0,
        c => (frame.right - frame.left - frame.node_width) / (c - 1) as f64,
    };
    let bar = |i: usize| (value[i] * ky).max(frame.min_width);
    // Stack each column: the first by input order, the others by what feeds them.
    let mut centre = vec![0.0f64; n];
    let mut placed = vec![
        NodeOut {
            column: 0,
            x: 0.0,
            y0: 0.0,
            y1: 0.0,
            value: 0.0,
        };
        n
    ];
    let mut nodes_bottom = frame.top;
    for c in 0..columns {
        let mut members: Vec<usize> = (0..n).filter(|&i| depth[i] == c).collect();
        // A node a return flows into goes to the bottom of its column, so the return rises into
        // it from its lane without crossing the nodes below (they are after it in the sort).
        let receives = |i: usize| (links.iter().enumerate()).any(|(k, l)| back[k] && l.target == i);
        if c == 0 {
            members.sort_by_key(|&i| (receives(i), i));
        }
        if c > 0 {
            let key = |i: usize| -> f64 {
                let feeding: Vec<(f64, f64)> = (links.iter().enumerate())
                    .filter(|(k, l)| forward(*k) && l.target == i && depth[l.source] < c)
                    .map(|(_, l)| (centre[l.source], l.value))
                    .collect();
                let total: f64 = feeding.iter().map(|f| f.1).sum();
                match total > 0.0 {
                    true => feeding.iter().map(|(y, v)| y * v).sum::<f64>() / total,
                    false => f64::MAX,
                }
            };
            members.sort_by(|&a, &b| {
                (receives(a).cmp(&receives(b)))
                    .then(key(a).total_cmp(&key(b)))
                    .then(a.cmp(&b))
            });
        }
        let x = match columns {
            1 => (frame.left + frame.right - frame.node_width) / 2.0,
            _ => frame.left + c as f64 * step,
        };
        let mut y = frame.top;
        for &i in &members {
            let height = bar(i);
            placed[i] = NodeOut {
                column: c,
                x,
                y0: y,
                y1: y + height,
                value: value[i],
            };
            centre[i] = y + height / 2.0;
            y += height.max(nodes[i].label_height) + frame.gap;
        }
        nodes_bottom = nodes_bottom.max(y - frame.gap);
    }
    // Ports: forward links leave in the order of their targets' heights and arrive in the order
    // of their sources'; return links take the bottom of both ends.
    let width = |l: &LinkIn| (l.value * ky).max(frame.min_width);
    let mut out = vec![
        LinkOut {
            y_source: 0.0,
            y_target: 0.0,
            width: 0.0,
            lane: None,
        };
        links.len()
    ];
    for node in 0..n {
        let mut leaving: Vec<usize> = (0..links.len())
            .filter(|&i| links[i].source == node)
            .collect();
        leaving.sort_by(|&a, &b| {
            (back[a], placed[links[a].target].y0, a)
                .partial_cmp(&(back[b], placed[links[b].target].y0, b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut y = placed[node].y0;
        for i in leaving {
            let w = width(&links[i]);
            out[i].y_source = y + w / 2.0;
            out[i].width = w;
            y += w;
        }
        let mut arriving: Vec<usize> = (0..links.len())
            .filter(|&i| links[i].target == node)
            .collect();
        arriving.sort_by(|&a, &b| {
            (back[a], placed[links[a].source].y0, a)
                .partial_cmp(&(back[b], placed[links[b].source].y0, b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut y = placed[node].y0;
        for i in arriving {
            let w = width(&links[i]);
            out[i].y_target = y + w / 2.0;
            y += w;
        }
    }
    // Lanes: the shortest return spans nearest the nodes, each below those it overlaps.
    let mut returns: Vec<usize> = (0..links.len()).filter(|&i| back[i]).collect();
    returns.sort_by_key(|&i| {
        let (s, t) = (
            placed[links[i].source].column,
            placed[links[i].target].column,
        );
        (s.abs_diff(t), i)
    });
    let mut lanes: Vec<(usize, usize, f64)> = Vec::new(); // column span and bottom of each lane
    let mut bottom = nodes_bottom;
    for i in returns {
        let (s, t) = (
            placed[links[i].source].column,
            placed[links[i].target].column,
        );
        let (lo, hi) = (s.min(t), s.max(t));
        let floor = (lanes.iter())
            .filter(|(a, b, _)| *a <= hi && lo <= *b)
            .map(|l| l.2)
            .fold(nodes_bottom, f64::max);
        let w = out[i].width;
        let centre = floor + frame.lane_gap + w / 2.0;
        out[i].lane = Some(centre);
        lanes.push((lo, hi, centre + w / 2.0));
        bottom = bottom.max(centre + w / 2.0);
    }
    Layout {
        nodes: placed,
        links: out,
        bottom,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(source: usize, target: usize, value: f64) -> LinkIn {
        LinkIn {
            source,
            target,
            value,
        }
    }

    #[test]
    fn the_light_return_from_a_recycler_is_the_one_that_returns() {
        // 0 metal → 1 recyclers 100, 1 → 0 recycled 88, 1 → 2 landfill 12, 3 plastics → 1 50,
        // 1 → 3 pellets 44.
        let links = [
            link(0, 1, 100.0),
            link(1, 0, 88.0),
            link(1, 2, 12.0),
            link(3, 1, 50.0),
            link(1, 3, 44.0),
        ];
        assert_eq!(returning(4, &links), [false, true, false, false, true]);
    }

    #[test]
    fn a_chain_has_no_returns_and_one_column_per_step() {
        let links = [link(0, 1, 10.0), link(1, 2, 10.0)];
        let nodes = vec![NodeIn { label_height: 10.0 }; 3];
        let frame = Frame {
            left: 0.0,
            right: 100.0,
            top: 0.0,
            node_width: 10.0,
            value_height: 50.0,
            gap: 5.0,
            lane_gap: 8.0,
            min_width: 1.0,
        };
        let l = layout(&nodes, &links, &Graph::of(3, &links), frame);
        assert_eq!(
            l.nodes.iter().map(|n| n.x).collect::<Vec<_>>(),
            [0.0, 45.0, 90.0]
        );
        assert!(
            l.links
                .iter()
                .all(|k| k.lane.is_none() && (k.width - 50.0).abs() < 1e-9)
        );
        assert_eq!(l.bottom, 3.0 * 50.0_f64.max(10.0) / 3.0 + 0.0);
    }
}
