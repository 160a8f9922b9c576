//! Grouping the cells into contiguous wijken following the plan, and
//! naming the buurten.

use std::collections::BTreeMap;

use super::map::{Cell, Outline};
use super::plan::{CENTRE_SIZE, WIJKEN, WijkPlan};
use super::profiles::Kind;
use super::shapes::{Xy, dist};

/// A buurt of the demo: which cell, its name and kind.
#[derive(Debug, Clone)]
pub(crate) struct BuurtPlan {
    /// Index into the cells.
    pub cell: usize,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
}

/// A wijk: its plan and its buurten from the city centre outwards.
#[derive(Debug, Clone)]
pub(crate) struct Wijk {
    /// The plan.
    pub plan: &'static WijkPlan,
    /// Its buurten.
    pub buurten: Vec<BuurtPlan>,
}

const ORIGIN: Xy = [0.0, 0.0];

/// Groups the cells into the planned wijken: the centre wijk grows from
/// the cell nearest the centre, the others from a cell halfway to the
/// outline in their direction, in turns, each taking the free neighbouring
/// cell nearest its heart. Every wijk is contiguous.
pub(crate) fn group(cells: &[Cell], outline: &Outline) -> Vec<Wijk> {
    let index: BTreeMap<usize, usize> =
        cells.iter().enumerate().map(|(i, c)| (c.seed, i)).collect();
    let adjacent: Vec<Vec<usize>> = cells
        .iter()
        .map(|c| {
            c.neighbours()
                .filter_map(|s| index.get(&s).copied())
                .collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; cells.len()];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); WIJKEN.len()];
    let nearest = |owner: &[Option<usize>], from: &[usize], to: Xy| -> Option<usize> {
        let free = |i: &usize| owner[*i].is_none();
        let candidates: Vec<usize> = if from.is_empty() {
            (0..cells.len()).filter(free).collect()
        } else {
            from.iter()
                .flat_map(|&m| adjacent[m].iter().copied())
                .filter(free)
                .collect()
        };
        candidates.into_iter().min_by(|&a, &b| {
            dist(cells[a].site, to)
                .total_cmp(&dist(cells[b].site, to))
                .then(a.cmp(&b))
        })
    };
    let mut claim = |owner: &mut Vec<Option<usize>>, w: usize, cell: usize| {
        owner[cell] = Some(w);
        members[w].push(cell);
    };

    // The centre.
    let mut hearts = vec![ORIGIN; WIJKEN.len()];
    for _ in 0..CENTRE_SIZE {
        let from = members_of(&owner, 0);
        if let Some(c) = nearest(&owner, &from, ORIGIN) {
            claim(&mut owner, 0, c);
        }
    }
    // The hearts of the other wijken.
    for (w, plan) in WIJKEN.iter().enumerate().skip(1) {
        let theta = plan.direction.unwrap_or(0.0).to_radians();
        let r = 0.55 * outline.radius(theta);
        let target = [r * libm::cos(theta), r * libm::sin(theta)];
        if let Some(c) = nearest(&owner, &[], target) {
            hearts[w] = cells[c].site;
            claim(&mut owner, w, c);
        }
    }
    // Growing in turns up to equal sizes.
    let rest = cells.len().saturating_sub(CENTRE_SIZE);
    let others = WIJKEN.len() - 1;
    let target = |w: usize| rest / others + usize::from(w <= rest % others);
    loop {
        let mut grew = false;
        for (w, heart) in hearts.iter().enumerate().skip(1) {
            if members_of(&owner, w).len() < target(w)
                && let Some(c) = nearest(&owner, &members_of(&owner, w), *heart)
            {
                claim(&mut owner, w, c);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // Cells left over (a wijk got boxed in) go to their smallest neighbour.
    while owner.iter().any(Option::is_none) {
        let mut changed = false;
        for c in 0..cells.len() {
            if owner[c].is_some() {
                continue;
            }
            let best = adjacent[c]
                .iter()
                .filter_map(|&n| owner[n])
                .min_by_key(|&w| (members_of(&owner, w).len(), w));
            if let Some(w) = best {
                claim(&mut owner, w, c);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    members
        .into_iter()
        .zip(WIJKEN)
        .map(|(cells_of, plan)| name_buurten(cells, plan, cells_of))
        .collect()
}

fn members_of(owner: &[Option<usize>], w: usize) -> Vec<usize> {
    (0..owner.len()).filter(|&c| owner[c] == Some(w)).collect()
}

/// Names the buurten of a wijk from the city centre outwards (as the
/// city grew); a special outermost buurt takes the farthest cell.
fn name_buurten(cells: &[Cell], plan: &'static WijkPlan, mut order: Vec<usize>) -> Wijk {
    order.sort_by(|&a, &b| {
        dist(cells[a].site, ORIGIN)
            .total_cmp(&dist(cells[b].site, ORIGIN))
            .then(a.cmp(&b))
    });
    let outermost = plan.outermost.filter(|_| order.len() > 1);
    let mut names = plan.buurten.iter();
    let buurten = order
        .iter()
        .enumerate()
        .map(|(k, &cell)| {
            let (name, kind) = match outermost {
                Some(special) if k + 1 == order.len() => (special.0.to_string(), special.1),
                _ => match names.next() {
                    Some((n, kind)) => (n.to_string(), *kind),
                    None => (format!("{} {}", plan.name, k + 1), plan.buurten[0].1),
                },
            };
            BuurtPlan { cell, name, kind }
        })
        .collect();
    Wijk { plan, buurten }
}
