//! The workload planner: who should take which card.
//!
//! A pure function over plain data: no database, no clock, no I/O. The same input always gives
//! the same plan (every collection it walks is ordered).
//!
//! Rules, in the order they apply:
//! - A person's available capacity is their weekly capacity × the working days (Monday to
//!   Friday) of the horizon they are not off, / 5.
//! - Open cards that are assigned count against their assignee; a pinned card counts against
//!   its pin, always. Started and pinned cards never move.
//! - A card may go to a person who holds every required skill at the minimum level or above
//!   (with the stretch option, also to someone one level short on exactly one skill that is a
//!   growth goal of theirs, with a mentor named; stretch work stays within
//!   `max_stretch_share` of their available capacity).
//! - **Nobody is pushed over capacity**: a card is only placed on someone whose assigned effort
//!   stays within their available capacity, and never on someone with no capacity in the
//!   horizon. When capacity is short, cards are taken in priority order (then earlier due date,
//!   then id), so it is the later ones that stay unassigned, each with its reason. A card left
//!   unassigned for lack of room fits nobody eligible in the final plan.
//! - Among the plans placing those cards, the planner minimises the highest utilisation
//!   (assigned effort / available capacity), then the number of moves, then spreads the rest
//!   (lexicographically). With at most [`EXACT_LIMIT`] cards to place or move the search is
//!   exhaustive and [`Plan::optimal`] says it finished; above that it is greedy placement
//!   (largest first) followed by moves and swaps that lower the busiest person.
//! - Unestimated cards are placed and counted but weigh nothing.

mod bound;
mod capacity;
pub mod gen;
mod reasons;
mod solve;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{CardId, Estimate, MemberId, Skill};
use crate::validate;

pub use capacity::{available_capacity, weekdays, Available};
pub use solve::EXACT_LIMIT;

/// The largest weekly capacity, in hundredths (10,000 units, like the largest estimate).
pub const MAX_CAPACITY_CENTI: u32 = (validate::MAX_ESTIMATE as u32) * 100;

/// A card's urgency; sorts most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Urgent => "urgent",
            Priority::High => "high",
            Priority::Normal => "normal",
            Priority::Low => "low",
        }
    }
}

/// Days from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Days off from `start` to `end`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOff {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPerson {
    pub id: MemberId,
    pub name: String,
    /// Hundredths of the board's unit per week (2.5 points is 250); 0 is allowed.
    pub weekly_capacity: u32,
    pub time_off: Vec<TimeOff>,
    pub skills: Vec<Skill>,
    /// Skills they want to grow in: where stretch work may go.
    pub growth_goals: Vec<String>,
}

/// A skill a card needs, at `min_level` (1 to 5) or above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillNeed {
    pub name: String,
    pub min_level: u8,
}

/// An open card (the caller leaves done cards out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanCard {
    pub id: CardId,
    pub title: String,
    /// None: not estimated; counted and reported, but weighs nothing.
    pub estimate: Option<Estimate>,
    pub needs: Vec<SkillNeed>,
    pub priority: Priority,
    pub due: Option<NaiveDate>,
    /// Stays with this person.
    pub pin: Option<MemberId>,
    pub assignee: Option<MemberId>,
    /// In an in-progress column: never moved.
    pub started: bool,
}

/// Which cards to suggest someone for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every card with no assignee.
    Unassigned,
    /// These cards, assigned or not (their current assignee is not kept).
    Cards(Vec<CardId>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    pub scope: Scope,
    /// Also propose moving assigned cards that are neither started nor pinned.
    pub rebalance: bool,
    /// Allow stretch assignments (see the module documentation).
    pub stretch: bool,
    /// 0 to 1: the share of a person's available capacity that may be stretch work.
    pub max_stretch_share: f64,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            scope: Scope::Unassigned,
            rebalance: false,
            stretch: false,
            max_stretch_share: 0.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanInput {
    pub people: Vec<PlanPerson>,
    pub cards: Vec<PlanCard>,
    pub horizon: Horizon,
    pub options: PlanOptions,
}

/// Work one level short of a card's need, with someone to learn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    pub skill: String,
    pub mentor: MemberId,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub card: CardId,
    pub person: MemberId,
    /// The card was pinned to them.
    pub pinned: bool,
    pub stretch: Option<Stretch>,
    /// A sentence for the lead.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum UnassignedReason {
    /// Nobody holds the required skills (even as a stretch, when allowed).
    NobodyQualified,
    /// Everyone who could take it has no available capacity in the horizon.
    NoCapacity,
    /// Everyone who could take it would go over capacity (or over their stretch share).
    NoRoom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unassigned {
    pub card: CardId,
    pub reason: UnassignedReason,
    pub text: String,
}

/// Give an assigned card to someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub card: CardId,
    pub from: MemberId,
    pub to: MemberId,
    pub stretch: Option<Stretch>,
    pub reason: String,
}

/// One person's load as the board is now and with the plan applied.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonLoad {
    pub person: MemberId,
    pub available: Available,
    /// Hundredths of the unit assigned now (open cards with them as assignee).
    pub before_centi: u64,
    /// Hundredths of the unit assigned with the plan applied.
    pub after_centi: u64,
    /// before / available; None when they have no capacity in the horizon.
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// In the order the cards were considered: priority, then due date, then id.
    pub suggestions: Vec<Suggestion>,
    pub unassigned: Vec<Unassigned>,
    pub moves: Vec<Move>,
    /// By person id.
    pub people: Vec<PersonLoad>,
    /// The highest utilisation after the plan, among people with capacity.
    pub max_utilisation: f64,
    /// No plan placing the same cards can have a lower highest utilisation.
    pub lower_bound: f64,
    /// Cards in scope or counted as load that have no estimate.
    pub unestimated: u32,
    /// The search was exhaustive: no plan placing the same cards has a lower highest
    /// utilisation, or the same one with fewer moves.
    pub optimal: bool,
}

/// The key skills are compared by: trimmed, case-insensitive.
fn skill_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Checks the input: unique ids, known pins and assignees, levels 1 to 5, sane numbers.
pub fn validate(input: &PlanInput) -> Result<()> {
    let h = input.horizon;
    if h.end < h.start {
        return Err(Error::invalid(
            "horizon",
            "The horizon ends before it starts.",
        ));
    }
    let mut people = BTreeSet::new();
    for person in &input.people {
        if !people.insert(person.id) {
            return Err(Error::invalid(
                "people",
                format!("Two people have the id {}.", person.id.0),
            ));
        }
        validate::name("people", "person's name", &person.name)?;
        if person.weekly_capacity > MAX_CAPACITY_CENTI {
            return Err(Error::invalid(
                "weeklyCapacity",
                format!(
                    "{}'s weekly capacity can be at most {}.",
                    person.name.trim(),
                    validate::MAX_ESTIMATE
                ),
            ));
        }
        for skill in &person.skills {
            validate::name("skills", "skill name", &skill.name)?;
            if !(1..=5).contains(&skill.level) {
                return Err(Error::invalid(
                    "skills",
                    format!(
                        "{}'s level in {} must be from 1 to 5.",
                        person.name.trim(),
                        skill.name.trim()
                    ),
                ));
            }
        }
        for goal in &person.growth_goals {
            validate::name("growthGoals", "growth goal", goal)?;
        }
        for off in &person.time_off {
            if off.end < off.start {
                return Err(Error::invalid(
                    "timeOff",
                    format!("{}'s time off ends before it starts.", person.name.trim()),
                ));
            }
        }
    }
    let mut cards = BTreeSet::new();
    for card in &input.cards {
        if !cards.insert(card.id) {
            return Err(Error::invalid(
                "cards",
                format!("Two cards have the id {}.", card.id.0),
            ));
        }
        validate::title(&card.title)?;
        if card.estimate.is_some_and(|e| e.0 > MAX_CAPACITY_CENTI) {
            return Err(Error::invalid(
                "estimate",
                format!(
                    "The estimate of card {} can be at most {}.",
                    card.id.0,
                    validate::MAX_ESTIMATE
                ),
            ));
        }
        for need in &card.needs {
            validate::name("needs", "skill name", &need.name)?;
            if !(1..=5).contains(&need.min_level) {
                return Err(Error::invalid(
                    "needs",
                    format!(
                        "Card {} needs {} at a level from 1 to 5.",
                        card.id.0,
                        need.name.trim()
                    ),
                ));
            }
        }
        for (field, who) in [("pin", card.pin), ("assignee", card.assignee)] {
            if let Some(who) = who.filter(|w| !people.contains(w)) {
                return Err(Error::invalid(
                    field,
                    format!(
                        "Card {} is {} person {}, who is not on the team.",
                        card.id.0,
                        if field == "pin" {
                            "pinned to"
                        } else {
                            "assigned to"
                        },
                        who.0
                    ),
                ));
            }
        }
    }
    if let Scope::Cards(ids) = &input.options.scope {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !cards.contains(id) {
                return Err(Error::invalid(
                    "scope",
                    format!("Card {} is not among the cards.", id.0),
                ));
            }
            if !seen.insert(*id) {
                return Err(Error::invalid(
                    "scope",
                    format!("Card {} is listed twice.", id.0),
                ));
            }
        }
    }
    let share = input.options.max_stretch_share;
    if !(0.0..=1.0).contains(&share) {
        return Err(Error::invalid(
            "maxStretchShare",
            "The stretch share must be a number from 0 to 1.",
        ));
    }
    Ok(())
}

/// A person as the planner sees them: index order is id order.
struct Person<'a> {
    src: &'a PlanPerson,
    available: Available,
    /// skill key → level.
    skills: BTreeMap<String, u8>,
    goals: BTreeSet<String>,
}

impl Person<'_> {
    fn level(&self, skill: &str) -> u8 {
        self.skills.get(skill).copied().unwrap_or(0)
    }

    fn name(&self) -> &str {
        self.src.name.trim()
    }
}

/// How a person relates to a card's needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fit {
    Qualified,
    /// One level short on the need with this index, which is a growth goal.
    Stretch(usize),
    No,
}

fn fit(person: &Person, card: &PlanCard, stretch: bool) -> Fit {
    let mut short = None;
    for (i, need) in card.needs.iter().enumerate() {
        let level = person.level(&skill_key(&need.name));
        if level >= need.min_level {
            continue;
        }
        let growth =
            stretch && level + 1 == need.min_level && person.goals.contains(&skill_key(&need.name));
        if !growth || short.is_some() {
            return Fit::No;
        }
        short = Some(i);
    }
    match short {
        None => Fit::Qualified,
        Some(i) => Fit::Stretch(i),
    }
}

/// Plans who takes which card. See the module documentation for the rules.
pub fn plan(input: &PlanInput) -> Result<Plan> {
    validate(input)?;
    let mut sorted_people: Vec<&PlanPerson> = input.people.iter().collect();
    sorted_people.sort_by_key(|p| p.id);
    let people: Vec<Person> = sorted_people
        .into_iter()
        .map(|src| Person {
            src,
            available: available_capacity(src.weekly_capacity, input.horizon, &src.time_off),
            skills: src.skills.iter().fold(BTreeMap::new(), |mut m, s| {
                let level = m.entry(skill_key(&s.name)).or_insert(0);
                *level = (*level).max(s.level);
                m
            }),
            goals: src.growth_goals.iter().map(|g| skill_key(g)).collect(),
        })
        .collect();
    let index: BTreeMap<MemberId, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.src.id, i))
        .collect();
    let mut cards: Vec<&PlanCard> = input.cards.iter().collect();
    cards.sort_by_key(|c| c.id);
    let in_scope: Vec<bool> = match &input.options.scope {
        Scope::Unassigned => cards.iter().map(|c| c.assignee.is_none()).collect(),
        Scope::Cards(ids) => {
            let ids: BTreeSet<CardId> = ids.iter().copied().collect();
            cards.iter().map(|c| ids.contains(&c.id)).collect()
        }
    };
    solve::run(input, &people, &index, &cards, &in_scope)
}
