//! The demo city map: Voronoi cells of jittered seed points, denser towards
//! the centre, inside an irregular outline; the cells are the buurten.
//!
//! Neighbouring cells share their borders exactly: every Voronoi vertex is
//! computed once from the three seeds it belongs to, and every border is
//! bent (like a street or a canal) once, for both sides. Unions (wijken, the
//! gemeente) are therefore exact: the borders inside a group cancel.

use std::collections::{BTreeMap, BTreeSet};

use spade::{DelaunayTriangulation, HasPosition, Point2, Triangulation};

use super::rng::{DemoRng, text_key};
use super::shapes::{Xy, doubled_area, inside};

/// Spacing of the seed grid before the warp (m).
const SPACING: f64 = 730.0;
/// Warp exponent: above 1, seeds lie closer together near the centre.
const WARP: f64 = 1.6;
/// Radius at which the warp leaves distances unchanged (m).
const WARP_RADIUS: f64 = 2600.0;
/// Semi-axes of the city outline before its irregularities (m).
const SEMI_AXES: [f64; 2] = [2750.0, 2250.0];

/// A Voronoi vertex, named by the three seeds around it (sorted).
pub(crate) type VertexId = [usize; 3];

/// A border piece of a cell: from one Voronoi vertex to the next,
/// counter-clockwise, shared with one neighbouring seed.
#[derive(Debug, Clone)]
pub(crate) struct CellEdge {
    /// Start vertex.
    pub from: VertexId,
    /// End vertex.
    pub to: VertexId,
    /// The seed on the other side.
    pub neighbour: usize,
    /// The points from `from` up to, not including, `to`.
    pub points: Vec<Xy>,
}

/// One buurt's cell.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// Its seed's number among all seeds.
    pub seed: usize,
    /// The seed's position.
    pub site: Xy,
    /// Its border, counter-clockwise.
    pub edges: Vec<CellEdge>,
}

impl Cell {
    /// The open ring of the border.
    pub(crate) fn ring(&self) -> Vec<Xy> {
        self.edges
            .iter()
            .flat_map(|e| e.points.iter().copied())
            .collect()
    }

    /// The seeds of the neighbouring cells.
    pub(crate) fn neighbours(&self) -> impl Iterator<Item = usize> + '_ {
        self.edges.iter().map(|e| e.neighbour)
    }
}

/// The city outline: an ellipse with a few gentle bulges.
pub(crate) struct Outline {
    harmonics: [(f64, f64, f64); 3],
}

impl Outline {
    fn new() -> Outline {
        let mut rng = DemoRng::keyed(&[text_key("outline")]);
        let mut h = |k: f64, amp: f64| (k, amp, rng.range(0.0, std::f64::consts::TAU));
        Outline {
            harmonics: [h(2.0, 0.07), h(3.0, 0.06), h(5.0, 0.035)],
        }
    }

    /// Distance from the centre relative to the outline (1 on it).
    fn relative(&self, p: Xy) -> f64 {
        let theta = libm::atan2(p[1], p[0]);
        let scale: f64 = 1.0
            + self
                .harmonics
                .iter()
                .map(|(k, amp, phase)| amp * libm::cos(k * theta + phase))
                .sum::<f64>();
        libm::hypot(p[0] / SEMI_AXES[0], p[1] / SEMI_AXES[1]) / scale
    }

    /// The outline's distance from the centre in direction `theta`.
    pub(crate) fn radius(&self, theta: f64) -> f64 {
        let dir = [libm::cos(theta), libm::sin(theta)];
        1.0 / self.relative(dir)
    }
}

/// The seeds: all of them, and which lie inside the city.
fn seeds(outline: &Outline) -> (Vec<Xy>, Vec<bool>) {
    let mut rng = DemoRng::keyed(&[text_key("seeds")]);
    let row = SPACING * libm::sqrt(3.0) / 2.0;
    let n = 12i32;
    let (mut all, mut city) = (Vec::new(), Vec::new());
    for j in -n..=n {
        for i in -n..=n {
            let shift = if j.rem_euclid(2) == 1 { 0.5 } else { 0.0 };
            let q = [
                (f64::from(i) + shift) * SPACING + rng.range(-0.3, 0.3) * SPACING,
                f64::from(j) * row + rng.range(-0.3, 0.3) * SPACING,
            ];
            let rho = libm::hypot(q[0], q[1]);
            let r = WARP_RADIUS * libm::pow(rho / WARP_RADIUS, WARP);
            let p = if rho > 0.0 {
                [q[0] * r / rho, q[1] * r / rho]
            } else {
                q
            };
            let e = outline.relative(p);
            if e < 2.2 {
                all.push(p);
                city.push(e < 1.0);
            }
        }
    }
    (all, city)
}

#[derive(Debug, Clone, Copy)]
struct Site {
    at: Xy,
    id: usize,
}

impl HasPosition for Site {
    type Scalar = f64;
    fn position(&self) -> Point2<f64> {
        Point2::new(self.at[0], self.at[1])
    }
}

fn sorted(mut t: VertexId) -> VertexId {
    t.sort_unstable();
    t
}

/// The circumcentre of three seeds (computed from the sorted triple, so
/// every cell gets the very same position).
fn circumcentre(sites: &[Xy], t: VertexId) -> Xy {
    let (a, b, c) = (sites[t[0]], sites[t[1]], sites[t[2]]);
    let (bx, by) = (b[0] - a[0], b[1] - a[1]);
    let (cx, cy) = (c[0] - a[0], c[1] - a[1]);
    let d = 2.0 * (bx * cy - by * cx);
    let (b2, c2) = (bx * bx + by * by, cx * cx + cy * cy);
    [
        a[0] + (cy * b2 - by * c2) / d,
        a[1] + (bx * c2 - cx * b2) / d,
    ]
}

/// The bent border from `a` to `b` between seeds `s` and `t`, without its
/// end points. `outer` borders (of the city) bend a little more.
fn bend(a: Xy, b: Xy, s: usize, t: usize, outer: bool) -> Vec<Xy> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = libm::hypot(dx, dy);
    let mut rng = DemoRng::keyed(&[text_key("border"), s.min(t) as u64, s.max(t) as u64]);
    let straight = rng.uniform() < 0.25 && !outer;
    if len < 120.0 || straight {
        return Vec::new();
    }
    let amp = if outer {
        (0.07 * len).min(110.0)
    } else {
        (0.05 * len).min(60.0)
    };
    let (c2, c3) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
    let segments = ((len / 70.0).round() as usize).clamp(2, 16);
    let normal = [-dy / len, dx / len];
    (1..segments)
        .map(|k| {
            let t = k as f64 / segments as f64;
            // Bernstein polynomials B(2,5) and B(3,5) (each at most
            // 0.3456): the bend leaves both ends tangentially.
            let w = 10.0 * t * t * (1.0 - t) * (1.0 - t);
            let shape = w * (c2 * (1.0 - t) + c3 * t) / 0.3456;
            let jitter = rng.range(-0.15, 0.15);
            let off = amp * (shape + jitter * 4.0 * t * (1.0 - t));
            [
                a[0] + t * dx + off * normal[0],
                a[1] + t * dy + off * normal[1],
            ]
        })
        .collect()
}

/// The city's cells, one per buurt, and the outline.
pub(crate) fn city() -> (Vec<Cell>, Outline) {
    let outline = Outline::new();
    let (sites, in_city) = seeds(&outline);
    let vertices: Vec<Site> = sites
        .iter()
        .enumerate()
        .map(|(id, &at)| Site { at, id })
        .collect();
    let dt: DelaunayTriangulation<Site> = DelaunayTriangulation::bulk_load(vertices)
        .expect("the demo's seeds are finite and distinct");
    let mut around: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for v in dt.vertices() {
        let id = v.data().id;
        if in_city[id] {
            around.insert(id, v.out_edges().map(|e| e.to().data().id).collect());
        }
    }
    let mut cells = Vec::new();
    for (&id, ns) in &around {
        let k = ns.len();
        let vid = |j: usize| sorted([id, ns[j % k], ns[(j + 1) % k]]);
        let mut edges = Vec::with_capacity(k);
        for j in 0..k {
            let (from, to) = (vid(j + k - 1), vid(j));
            let (a, b) = (circumcentre(&sites, from), circumcentre(&sites, to));
            let outer = !in_city[ns[j]];
            let mut points = vec![a];
            if from < to {
                points.extend(bend(a, b, id, ns[j], outer));
            } else {
                points.extend(bend(b, a, id, ns[j], outer).into_iter().rev());
            }
            edges.push(CellEdge {
                from,
                to,
                neighbour: ns[j],
                points,
            });
        }
        // Start at the smallest vertex, whatever spade's starting edge.
        // (spade hands out-edges counter-clockwise, so the ring is too.)
        let first = (0..k).min_by_key(|&j| edges[j].from).unwrap_or(0);
        edges.rotate_left(first);
        cells.push(Cell {
            seed: id,
            site: sites[id],
            edges,
        });
    }
    (cells, outline)
}

/// The union of cells as polygons (exterior counter-clockwise, then holes
/// clockwise), each ring open, largest polygon first.
pub(crate) fn union(cells: &[&Cell]) -> Vec<Vec<Vec<Xy>>> {
    let members: BTreeSet<usize> = cells.iter().map(|c| c.seed).collect();
    let mut next: BTreeMap<VertexId, &CellEdge> = cells
        .iter()
        .flat_map(|c| c.edges.iter())
        .filter(|e| !members.contains(&e.neighbour))
        .map(|e| (e.from, e))
        .collect();
    let mut rings: Vec<Vec<Xy>> = Vec::new();
    while let Some((&start, _)) = next.first_key_value() {
        let mut ring = Vec::new();
        let mut at = start;
        while let Some(edge) = next.remove(&at) {
            ring.extend(edge.points.iter().copied());
            at = edge.to;
            if at == start {
                break;
            }
        }
        rings.push(ring);
    }
    let (outer, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|r| doubled_area(r) > 0.0);
    let mut polygons: Vec<Vec<Vec<Xy>>> = outer.into_iter().map(|r| vec![r]).collect();
    for hole in holes {
        if let Some(p) = polygons.iter_mut().find(|p| inside(hole[0], &p[0])) {
            p.push(hole);
        }
    }
    polygons.sort_by(|a, b| doubled_area(&b[0]).total_cmp(&doubled_area(&a[0])));
    polygons
}
