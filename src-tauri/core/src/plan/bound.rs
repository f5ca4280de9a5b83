//! A lower bound on the highest utilisation of any plan that places the same cards.
//!
//! Two bounds, the larger is kept:
//! - each card alone: it must go somewhere, so the lowest level it forces on any person it may
//!   go to, their fixed load included;
//! - the fractional relaxation: cards may be split among the people they may go to. A level
//!   `T` is feasible when a maximum flow (cards → people → each person's room at `T`) carries
//!   every card's whole estimate; binary search finds the lowest such `T`.

use std::collections::BTreeMap;
use std::collections::VecDeque;

use super::solve::{Problem, State};

pub(super) fn lower_bound(pb: &Problem, st: &State) -> f64 {
    let people = pb.cap.len();
    let mut bound: f64 = (0..people)
        .filter(|&p| pb.cap[p] > 0)
        .map(|p| pb.util(p, pb.fixed[p]))
        .fold(0.0, f64::max);
    // Cards with the same people to go to are one flow source: (qualified, stretch) → load.
    let mut classes: BTreeMap<(Vec<u32>, Vec<u32>), u64> = BTreeMap::new();
    for (i, item) in pb.items.iter().enumerate() {
        if st.at[i].is_none() || item.size == 0 {
            continue;
        }
        let mut plain: Vec<u32> = Vec::new();
        let mut stretch: Vec<u32> = Vec::new();
        for &p in &item.options {
            if pb.stretch_at(i, p as usize) {
                stretch.push(p);
            } else {
                plain.push(p);
            }
        }
        if let Some(home) = item.home {
            if !plain.contains(&(home as u32)) {
                plain.push(home as u32);
                plain.sort_unstable();
            }
        }
        let alone = plain
            .iter()
            .chain(&stretch)
            .map(|&p| p as usize)
            .map(|p| {
                if pb.cap[p] == 0 {
                    0.0
                } else {
                    pb.util(p, pb.fixed[p] + item.size)
                }
            })
            .fold(f64::INFINITY, f64::min);
        bound = bound.max(alone);
        *classes.entry((plain, stretch)).or_insert(0) += item.size;
    }
    if classes.is_empty() {
        return bound;
    }
    let network = Network::new(pb, &classes);
    if network.feasible(pb, bound) {
        return bound;
    }
    // The plan itself is a feasible (unsplit) solution.
    let mut low = bound;
    let mut high = st.max_util(pb);
    let mut tries = 0;
    while !network.feasible(pb, high) && tries < 64 {
        // Only rounding can get here; widen until feasible.
        high = high * 2.0 + 1e-9;
        tries += 1;
    }
    for _ in 0..60 {
        if high - low <= 1e-9 * high.max(1e-9) {
            break;
        }
        let mid = low + (high - low) / 2.0;
        if network.feasible(pb, mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    // `low` is infeasible even with cards split: every plan is above it. Rounded down to
    // six decimals so the bisection's last digits do not show.
    low.min((low * 1e6).floor() / 1e6)
}

const INF: u64 = u64::MAX / 4;

struct Network {
    /// Nodes: source, sink, classes, a stretch gate per person, people.
    nodes: usize,
    sources: Vec<(usize, u64)>,
    /// (from, to, capacity) with capacity `None` for a person's room, set per level.
    edges: Vec<(usize, usize, Option<u64>)>,
    total: u64,
    person_node: usize,
}

const SOURCE: usize = 0;
const SINK: usize = 1;

impl Network {
    fn new(pb: &Problem, classes: &BTreeMap<(Vec<u32>, Vec<u32>), u64>) -> Network {
        let people = pb.cap.len();
        let class_node = 2;
        let gate_node = class_node + classes.len();
        let person_node = gate_node + people;
        let mut edges = Vec::new();
        let mut sources = Vec::new();
        let mut total = 0;
        let mut gated = vec![false; people];
        for (c, ((plain, stretch), &load)) in classes.iter().enumerate() {
            sources.push((class_node + c, load));
            total += load;
            for &p in plain {
                edges.push((class_node + c, person_node + p as usize, Some(INF)));
            }
            for &p in stretch {
                edges.push((class_node + c, gate_node + p as usize, Some(INF)));
                gated[p as usize] = true;
            }
        }
        for (p, &gate) in gated.iter().enumerate() {
            if gate {
                edges.push((gate_node + p, person_node + p, Some(pb.stretch_budget[p])));
            }
        }
        for p in 0..people {
            let room = (pb.cap[p] == 0).then_some(INF);
            edges.push((person_node + p, SINK, room));
        }
        Network {
            nodes: person_node + people,
            sources,
            edges,
            total,
            person_node,
        }
    }

    /// Whether every card fits when each person may be loaded up to `level` of capacity.
    /// Rooms are rounded up, so "no" is always right.
    fn feasible(&self, pb: &Problem, level: f64) -> bool {
        let mut flow = Dinic::new(self.nodes);
        for &(node, load) in &self.sources {
            flow.edge(SOURCE, node, load);
        }
        for &(from, to, cap) in &self.edges {
            let cap = cap.unwrap_or_else(|| {
                let p = from - self.person_node;
                let room = (level * pb.cap[p] as f64).ceil() + 1.0;
                (room.min(INF as f64) as u64).saturating_sub(pb.fixed[p])
            });
            flow.edge(from, to, cap);
        }
        flow.max_flow(SOURCE, SINK) >= self.total
    }
}

/// Dinic's maximum flow.
struct Dinic {
    head: Vec<usize>,
    next: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<u64>,
    level: Vec<i32>,
    cursor: Vec<usize>,
}

const NONE: usize = usize::MAX;

impl Dinic {
    fn new(nodes: usize) -> Dinic {
        Dinic {
            head: vec![NONE; nodes],
            next: Vec::new(),
            to: Vec::new(),
            cap: Vec::new(),
            level: vec![0; nodes],
            cursor: vec![0; nodes],
        }
    }

    fn edge(&mut self, from: usize, to: usize, cap: u64) {
        for (a, b, c) in [(from, to, cap), (to, from, 0)] {
            self.to.push(b);
            self.cap.push(c);
            self.next.push(self.head[a]);
            self.head[a] = self.to.len() - 1;
        }
    }

    fn max_flow(&mut self, s: usize, t: usize) -> u64 {
        let mut total = 0;
        while self.levels(s, t) {
            self.cursor.clone_from(&self.head);
            loop {
                let pushed = self.push(s, t, INF);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
        total
    }

    fn levels(&mut self, s: usize, t: usize) -> bool {
        self.level.fill(-1);
        self.level[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            let mut e = self.head[u];
            while e != NONE {
                let v = self.to[e];
                if self.cap[e] > 0 && self.level[v] < 0 {
                    self.level[v] = self.level[u] + 1;
                    queue.push_back(v);
                }
                e = self.next[e];
            }
        }
        self.level[t] >= 0
    }

    fn push(&mut self, u: usize, t: usize, limit: u64) -> u64 {
        if u == t {
            return limit;
        }
        while self.cursor[u] != NONE {
            let e = self.cursor[u];
            let v = self.to[e];
            if self.cap[e] > 0 && self.level[v] == self.level[u] + 1 {
                let pushed = self.push(v, t, limit.min(self.cap[e]));
                if pushed > 0 {
                    self.cap[e] -= pushed;
                    self.cap[e ^ 1] += pushed;
                    return pushed;
                }
            }
            self.cursor[u] = self.next[e];
        }
        0
    }
}
