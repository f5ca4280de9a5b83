//! Placing cards: greedy selection in priority order, then local search, then (on small
//! instances) an exhaustive branch and bound.
//!
//! Loads are kept exact: a card of estimate `e` hundredths weighs `5e`, and a person's capacity
//! is weekly capacity × working days, so "within capacity" is an integer comparison.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{bound, reasons, Fit, Person, Plan, PlanCard, PlanInput};
use crate::error::Result;
use crate::model::MemberId;

/// Up to this many cards to place or move, the plan is searched exhaustively.
pub const EXACT_LIMIT: usize = 12;
/// Nodes the exhaustive search may visit before it settles for the best plan found.
const NODE_BUDGET: u64 = 3_000_000;

/// A card the solver may place: one in scope, or (when rebalancing) an assigned one that is
/// neither started nor pinned.
pub(super) struct Item {
    /// Index into the cards sorted by id.
    pub card: usize,
    pub size: u64,
    /// Its current assignee when it may be moved away; it may always stay there.
    pub home: Option<usize>,
    /// People with capacity it may go to, ascending.
    pub options: Vec<u32>,
}

/// Everything but the placements, which live in [`State`].
pub(super) struct Problem {
    /// Per person: weekly capacity × working days (0: no capacity in the horizon).
    pub cap: Vec<u64>,
    /// Per person: load that never moves (pinned, started, or not in the plan's reach).
    pub fixed: Vec<u64>,
    pub stretch_budget: Vec<u64>,
    /// In the order cards are considered: priority, due date, id.
    pub items: Vec<Item>,
    words: usize,
    allowed: Vec<u64>,
    stretchy: Vec<u64>,
}

impl Problem {
    fn bit(bits: &[u64], words: usize, i: usize, p: usize) -> bool {
        bits[i * words + p / 64] >> (p % 64) & 1 == 1
    }

    pub fn allows(&self, i: usize, p: usize) -> bool {
        self.items[i].home == Some(p) || Self::bit(&self.allowed, self.words, i, p)
    }

    /// Placing item `i` on `p` is stretch work (staying home never is).
    pub fn stretch_at(&self, i: usize, p: usize) -> bool {
        self.items[i].home != Some(p) && Self::bit(&self.stretchy, self.words, i, p)
    }

    fn foreign(&self, i: usize, p: usize) -> bool {
        self.items[i].home != Some(p)
    }

    pub fn util(&self, p: usize, load: u64) -> f64 {
        load as f64 / self.cap[p] as f64
    }
}

#[derive(Clone, PartialEq)]
pub(super) struct State {
    pub at: Vec<Option<u32>>,
    pub load: Vec<u64>,
    stretch: Vec<u64>,
    /// Items on each person that are not at home there.
    foreign: Vec<u32>,
    on: Vec<Vec<u32>>,
}

impl State {
    fn new(pb: &Problem) -> State {
        let n = pb.cap.len();
        State {
            at: vec![None; pb.items.len()],
            load: pb.fixed.clone(),
            stretch: vec![0; n],
            foreign: vec![0; n],
            on: vec![Vec::new(); n],
        }
    }

    /// Whether item `i` (not on `p`) may be added to `p` under the capacity rules.
    fn fits(&self, pb: &Problem, i: usize, p: usize) -> bool {
        let size = pb.items[i].size;
        if !pb.foreign(i, p) {
            return self.foreign[p] == 0 || self.load[p] + size <= pb.cap[p];
        }
        Problem::bit(&pb.allowed, pb.words, i, p)
            && self.load[p] + size <= pb.cap[p]
            && (!pb.stretch_at(i, p) || self.stretch[p] + size <= pb.stretch_budget[p])
    }

    fn place(&mut self, pb: &Problem, i: usize, p: usize) {
        let size = pb.items[i].size;
        self.at[i] = Some(p as u32);
        self.load[p] += size;
        if pb.stretch_at(i, p) {
            self.stretch[p] += size;
        }
        if pb.foreign(i, p) {
            self.foreign[p] += 1;
        }
        self.on[p].push(i as u32);
    }

    fn remove(&mut self, pb: &Problem, i: usize) -> usize {
        let p = self.at[i].take().expect("placed") as usize;
        let size = pb.items[i].size;
        self.load[p] -= size;
        if pb.stretch_at(i, p) {
            self.stretch[p] -= size;
        }
        if pb.foreign(i, p) {
            self.foreign[p] -= 1;
        }
        let pos = self.on[p]
            .iter()
            .position(|&x| x as usize == i)
            .expect("listed");
        self.on[p].swap_remove(pos);
        p
    }

    /// The highest utilisation among people with capacity (0 when there is none).
    pub fn max_util(&self, pb: &Problem) -> f64 {
        (0..pb.cap.len())
            .filter(|&p| pb.cap[p] > 0)
            .map(|p| pb.util(p, self.load[p]))
            .fold(0.0, f64::max)
    }

    pub fn moves(&self, pb: &Problem) -> u32 {
        pb.items
            .iter()
            .zip(&self.at)
            .filter(|(item, at)| item.home.is_some() && at.map(|p| p as usize) != item.home)
            .count() as u32
    }

    /// Load of movable cards left on people with no capacity.
    fn stranded(&self, pb: &Problem) -> u64 {
        (0..pb.cap.len())
            .filter(|&p| pb.cap[p] == 0)
            .map(|p| self.load[p] - pb.fixed[p])
            .sum()
    }

    fn sum_squares(&self, pb: &Problem) -> f64 {
        (0..pb.cap.len())
            .filter(|&p| pb.cap[p] > 0)
            .map(|p| pb.util(p, self.load[p]).powi(2))
            .sum()
    }

    fn objective(&self, pb: &Problem) -> Objective {
        Objective {
            stranded: self.stranded(pb),
            max: self.max_util(pb),
            moves: self.moves(pb),
            spread: self.sum_squares(pb),
        }
    }

    /// The best person with room for item `i`: lowest utilisation after, qualified before
    /// stretch, then lowest id.
    fn best_fit(&self, pb: &Problem, i: usize) -> Option<usize> {
        let size = pb.items[i].size;
        pb.items[i]
            .options
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| self.fits(pb, i, p))
            .min_by(|&a, &b| {
                let ua = pb.util(a, self.load[a] + size);
                let ub = pb.util(b, self.load[b] + size);
                ua.total_cmp(&ub)
                    .then(pb.stretch_at(i, a).cmp(&pb.stretch_at(i, b)))
                    .then(a.cmp(&b))
            })
    }
}

/// What the search minimises, in this order.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Objective {
    stranded: u64,
    max: f64,
    moves: u32,
    spread: f64,
}

impl Objective {
    fn cmp(&self, other: &Objective) -> Ordering {
        self.stranded
            .cmp(&other.stranded)
            .then(self.max.total_cmp(&other.max))
            .then(self.moves.cmp(&other.moves))
            .then(self.spread.total_cmp(&other.spread))
    }
}

/// One step of the local search.
#[derive(Debug, Clone, Copy)]
enum Change {
    Move { item: usize, to: usize },
    Swap { a: usize, b: usize },
}

/// Which changes the local search may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// Only lower the busiest person, moving any card.
    Max,
    /// Lower anyone, but never add a move.
    Spread,
}

pub(super) fn run(
    input: &PlanInput,
    people: &[Person],
    index: &BTreeMap<MemberId, usize>,
    cards: &[&PlanCard],
    in_scope: &[bool],
) -> Result<Plan> {
    let pb = problem(input, people, index, cards, in_scope);
    let mut st = State::new(&pb);
    for (i, item) in pb.items.iter().enumerate() {
        if let Some(home) = item.home {
            st.place(&pb, i, home);
        }
    }
    rescue_stranded(&pb, &mut st);
    for i in 0..pb.items.len() {
        if pb.items[i].home.is_none() {
            if let Some(p) = st.best_fit(&pb, i) {
                st.place(&pb, i, p);
            }
        }
    }
    largest_first(&pb, &mut st);
    let exact = pb.items.len() <= EXACT_LIMIT;
    let mut optimal;
    loop {
        optimal = optimise(&pb, &mut st, exact);
        if !fill(&pb, &mut st) {
            break;
        }
    }
    let lower_bound = bound::lower_bound(&pb, &st);
    Ok(reasons::plan(
        input,
        people,
        index,
        cards,
        in_scope,
        &pb,
        &st,
        lower_bound,
        optimal,
    ))
}

fn problem(
    input: &PlanInput,
    people: &[Person],
    index: &BTreeMap<MemberId, usize>,
    cards: &[&PlanCard],
    in_scope: &[bool],
) -> Problem {
    let n = people.len();
    let cap: Vec<u64> = people.iter().map(|p| p.available.scaled()).collect();
    let share = input.options.max_stretch_share;
    let stretch_budget = cap
        .iter()
        .map(|&c| (c as f64 * share).floor() as u64)
        .collect();
    let mut fixed = vec![0; n];
    let mut order: Vec<(usize, Option<usize>)> = Vec::new();
    for (c, card) in cards.iter().enumerate() {
        let size = card.estimate.map_or(0, |e| u64::from(e.0) * 5);
        let assignee = card.assignee.map(|a| index[&a]);
        if let Some(pin) = card.pin {
            fixed[index[&pin]] += size;
        } else if in_scope[c] {
            order.push((c, None));
        } else if let Some(a) = assignee {
            if input.options.rebalance && !card.started {
                order.push((c, Some(a)));
            } else {
                fixed[a] += size;
            }
        }
    }
    order.sort_by_key(|&(c, _)| {
        let card = cards[c];
        (card.priority, card.due.is_none(), card.due, card.id)
    });
    let words = n.div_ceil(64).max(1);
    let mut allowed = vec![0u64; order.len() * words];
    let mut stretchy = vec![0u64; order.len() * words];
    let mut items = Vec::with_capacity(order.len());
    for (i, &(c, home)) in order.iter().enumerate() {
        let card = cards[c];
        let mut options = Vec::new();
        for (p, person) in people.iter().enumerate() {
            if cap[p] == 0 {
                continue;
            }
            let ok = match super::fit(person, card, input.options.stretch) {
                Fit::Qualified => true,
                Fit::Stretch(need) => {
                    let has_mentor = mentors(people, &cap, card, need, p).next().is_some();
                    if has_mentor {
                        stretchy[i * words + p / 64] |= 1 << (p % 64);
                    }
                    has_mentor
                }
                Fit::No => false,
            };
            if ok {
                allowed[i * words + p / 64] |= 1 << (p % 64);
                options.push(p as u32);
            }
        }
        items.push(Item {
            card: c,
            size: card.estimate.map_or(0, |e| u64::from(e.0) * 5),
            home,
            options,
        });
    }
    Problem {
        cap,
        fixed,
        stretch_budget,
        items,
        words,
        allowed,
        stretchy,
    }
}

/// People other than `learner` with capacity who hold the card's need `need` at its level.
pub(super) fn mentors<'a>(
    people: &'a [Person],
    cap: &'a [u64],
    card: &'a PlanCard,
    need: usize,
    learner: usize,
) -> impl Iterator<Item = usize> + 'a {
    let need = &card.needs[need];
    let key = super::skill_key(&need.name);
    (0..people.len())
        .filter(move |&q| q != learner && cap[q] > 0 && people[q].level(&key) >= need.min_level)
}

/// Moves cards off people with no capacity to wherever they fit best.
fn rescue_stranded(pb: &Problem, st: &mut State) {
    for i in 0..pb.items.len() {
        let Some(home) = pb.items[i].home else {
            continue;
        };
        if pb.cap[home] == 0 && st.at[i] == Some(home as u32) {
            if let Some(p) = st.best_fit(pb, i) {
                st.remove(pb, i);
                st.place(pb, i, p);
            }
        }
    }
}

/// Re-places the new cards largest first, which balances better than priority order; kept
/// only when every one of them still fits and the busiest person is no busier.
fn largest_first(pb: &Problem, st: &mut State) {
    let mut placed: Vec<usize> = (0..pb.items.len())
        .filter(|&i| pb.items[i].home.is_none() && st.at[i].is_some())
        .collect();
    let before = st.clone();
    for &i in &placed {
        st.remove(pb, i);
    }
    placed.sort_by_key(|&i| (std::cmp::Reverse(pb.items[i].size), i));
    for &i in &placed {
        match st.best_fit(pb, i) {
            Some(p) => st.place(pb, i, p),
            None => {
                *st = before;
                return;
            }
        }
    }
    if st.max_util(pb) > before.max_util(pb) {
        *st = before;
    }
}

/// Places cards that found no room earlier and fit somewhere now; true if any did.
fn fill(pb: &Problem, st: &mut State) -> bool {
    let mut any = false;
    for i in 0..pb.items.len() {
        if st.at[i].is_none() {
            if let Some(p) = st.best_fit(pb, i) {
                st.place(pb, i, p);
                any = true;
            }
        }
    }
    any
}

/// Improves the placement of the placed cards; true when it is proven optimal.
fn optimise(pb: &Problem, st: &mut State, exact: bool) -> bool {
    rescue_stranded(pb, st);
    improve(pb, st, Search::Max);
    let max = st.max_util(pb);
    return_home(pb, st, max);
    improve(pb, st, Search::Spread);
    return_home(pb, st, max);
    exact && branch_and_bound(pb, st)
}

/// Sends moved cards back to their assignee wherever that keeps everyone at or below `max`.
fn return_home(pb: &Problem, st: &mut State, max: f64) {
    loop {
        let mut changed = false;
        for i in 0..pb.items.len() {
            let Some(home) = pb.items[i].home else {
                continue;
            };
            let Some(at) = st.at[i] else { continue };
            if at as usize == home || pb.cap[home] == 0 || !st.fits(pb, i, home) {
                continue;
            }
            if pb.util(home, st.load[home] + pb.items[i].size) <= max {
                st.remove(pb, i);
                st.place(pb, i, home);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Local search: each accepted change lowers a person's utilisation and leaves the other
/// person involved strictly below that person's old level, so the list of utilisations sorted
/// from highest falls lexicographically and the search ends.
fn improve(pb: &Problem, st: &mut State, search: Search) {
    let people: Vec<usize> = (0..pb.cap.len()).filter(|&p| pb.cap[p] > 0).collect();
    if people.is_empty() {
        return;
    }
    loop {
        let mut changed = false;
        let mut order = people.clone();
        order.sort_by(|&a, &b| {
            pb.util(b, st.load[b])
                .total_cmp(&pb.util(a, st.load[a]))
                .then(a.cmp(&b))
        });
        if search == Search::Max {
            order.truncate(1);
        }
        for p in order {
            while let Some(change) = best_change(pb, st, p, search) {
                apply(pb, st, change);
                changed = true;
                if search == Search::Max {
                    break;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

fn apply(pb: &Problem, st: &mut State, change: Change) {
    match change {
        Change::Move { item, to } => {
            st.remove(pb, item);
            st.place(pb, item, to);
        }
        Change::Swap { a, b } => {
            let pa = st.remove(pb, a);
            let pb_ = st.remove(pb, b);
            st.place(pb, a, pb_);
            st.place(pb, b, pa);
        }
    }
}

/// How a change alters the number of moves.
fn move_delta(pb: &Problem, i: usize, from: usize, to: usize) -> i32 {
    let home = pb.items[i].home;
    i32::from(home == Some(from)) - i32::from(home == Some(to))
}

/// The best change that lowers `p`: lowest resulting level of the two people, then fewest
/// moves, then the first found (cards and people in index order).
fn best_change(pb: &Problem, st: &State, p: usize, search: Search) -> Option<Change> {
    let level = pb.util(p, st.load[p]);
    let mut best = Best {
        search,
        found: None,
    };
    let mut mine: Vec<usize> = st.on[p].iter().map(|&i| i as usize).collect();
    mine.sort_unstable();
    let partners = |i: usize| {
        pb.items[i]
            .options
            .iter()
            .map(|&q| q as usize)
            .chain(pb.items[i].home)
            .filter(move |&q| q != p && pb.cap[q] > 0)
    };
    for &i in &mine {
        let size = pb.items[i].size;
        if size == 0 {
            continue;
        }
        let new_p = pb.util(p, st.load[p] - size);
        for q in partners(i) {
            if pb.util(q, st.load[q]) >= level || !st.fits(pb, i, q) {
                continue;
            }
            let new_q = pb.util(q, st.load[q] + size);
            if new_q < level {
                best.consider(
                    new_p.max(new_q),
                    move_delta(pb, i, p, q),
                    Change::Move { item: i, to: q },
                );
            }
        }
    }
    if best.found.is_some() {
        return best.found.map(|b| b.2);
    }
    for &i in &mine {
        let si = pb.items[i].size;
        if si == 0 {
            continue;
        }
        for q in partners(i) {
            if pb.util(q, st.load[q]) >= level {
                continue;
            }
            let mut theirs: Vec<usize> = st.on[q].iter().map(|&j| j as usize).collect();
            theirs.sort_unstable();
            for j in theirs {
                let sj = pb.items[j].size;
                if sj >= si || !pb.allows(j, p) {
                    continue;
                }
                let load_q = st.load[q] - sj + si;
                let new_q = pb.util(q, load_q);
                if new_q >= level || !swap_fits(pb, st, i, p, j, q) {
                    continue;
                }
                let load_p = st.load[p] - si + sj;
                best.consider(
                    pb.util(p, load_p).max(new_q),
                    move_delta(pb, i, p, q) + move_delta(pb, j, q, p),
                    Change::Swap { a: i, b: j },
                );
            }
        }
    }
    best.found.map(|b| b.2)
}

/// The best change seen so far: lowest key, then fewest added moves, then the first.
struct Best {
    search: Search,
    found: Option<(f64, i32, Change)>,
}

impl Best {
    fn consider(&mut self, key: f64, delta: i32, change: Change) {
        if self.search == Search::Spread && delta > 0 {
            return;
        }
        let better = match &self.found {
            None => true,
            Some((k, d, _)) => key < *k || (key == *k && delta < *d),
        };
        if better {
            self.found = Some((key, delta, change));
        }
    }
}

/// Whether swapping item `i` (on `p`) with item `j` (on `q`) keeps both within the rules.
fn swap_fits(pb: &Problem, st: &State, i: usize, p: usize, j: usize, q: usize) -> bool {
    let (si, sj) = (pb.items[i].size, pb.items[j].size);
    let ends_ok = |person: usize, gives: usize, takes: usize, load: u64| {
        let foreign = st.foreign[person] - u32::from(pb.foreign(gives, person))
            + u32::from(pb.foreign(takes, person));
        if foreign > 0 && load > pb.cap[person] {
            return false;
        }
        if pb.stretch_at(takes, person) {
            let gives_stretch = if pb.stretch_at(gives, person) {
                pb.items[gives].size
            } else {
                0
            };
            let stretch = st.stretch[person] - gives_stretch + pb.items[takes].size;
            if stretch > pb.stretch_budget[person] {
                return false;
            }
        }
        true
    };
    ends_ok(p, i, j, st.load[p] - si + sj) && ends_ok(q, j, i, st.load[q] - sj + si)
}

/// Exhaustive search over the placed cards, started from the current plan as the best so
/// far. Returns whether it finished within its node budget.
fn branch_and_bound(pb: &Problem, st: &mut State) -> bool {
    let mut order: Vec<usize> = (0..pb.items.len())
        .filter(|&i| st.at[i].is_some())
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(pb.items[i].size), i));
    let mut search = Exhaustive {
        pb,
        order,
        best: st.objective(pb),
        best_at: st.at.clone(),
        nodes: 0,
        finished: true,
    };
    let mut work = st.clone();
    for &i in &search.order {
        work.remove(pb, i);
    }
    let start = Partial {
        stranded: 0,
        max: (0..pb.cap.len())
            .filter(|&p| pb.cap[p] > 0)
            .map(|p| pb.util(p, pb.fixed[p]))
            .fold(0.0, f64::max),
        moves: 0,
        spread: (0..pb.cap.len())
            .filter(|&p| pb.cap[p] > 0)
            .map(|p| pb.util(p, pb.fixed[p]).powi(2))
            .sum(),
    };
    search.dfs(&mut work, 0, start);
    if search.best_at != st.at {
        let mut rebuilt = State::new(pb);
        for (i, at) in search.best_at.iter().enumerate() {
            if let Some(p) = at {
                rebuilt.place(pb, i, *p as usize);
            }
        }
        *st = rebuilt;
    }
    search.finished
}

#[derive(Clone, Copy)]
struct Partial {
    stranded: u64,
    max: f64,
    moves: u32,
    spread: f64,
}

impl Partial {
    fn objective(self) -> Objective {
        Objective {
            stranded: self.stranded,
            max: self.max,
            moves: self.moves,
            spread: self.spread,
        }
    }
}

struct Exhaustive<'a> {
    pb: &'a Problem,
    order: Vec<usize>,
    best: Objective,
    best_at: Vec<Option<u32>>,
    nodes: u64,
    finished: bool,
}

impl Exhaustive<'_> {
    fn dfs(&mut self, st: &mut State, k: usize, partial: Partial) {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            self.finished = false;
            return;
        }
        if k == self.order.len() {
            // Every component only grows while cards are added, so this is the leaf's value.
            if partial.objective().cmp(&self.best) == Ordering::Less {
                self.best = partial.objective();
                self.best_at = st.at.clone();
            }
            return;
        }
        let pb = self.pb;
        let i = self.order[k];
        let size = pb.items[i].size;
        let mut choices: Vec<(f64, usize)> = pb.items[i]
            .options
            .iter()
            .map(|&p| p as usize)
            .chain(
                pb.items[i]
                    .home
                    .filter(|h| !pb.items[i].options.contains(&(*h as u32))),
            )
            .filter(|&p| st.fits(pb, i, p))
            .map(|p| {
                let after = if pb.cap[p] == 0 {
                    f64::INFINITY
                } else {
                    pb.util(p, st.load[p] + size)
                };
                (after, p)
            })
            .collect();
        choices.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (after, p) in choices {
            let mut next = partial;
            if pb.cap[p] == 0 {
                next.stranded += size;
            } else {
                let before = pb.util(p, st.load[p]);
                next.max = next.max.max(after);
                next.spread += after * after - before * before;
            }
            if pb.items[i].home.is_some_and(|h| h != p) {
                next.moves += 1;
            }
            if next.objective().cmp(&self.best) != Ordering::Less {
                continue;
            }
            st.place(pb, i, p);
            self.dfs(st, k + 1, next);
            st.remove(pb, i);
            if !self.finished {
                return;
            }
        }
    }
}
