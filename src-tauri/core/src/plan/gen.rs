//! Deterministic random teams and boards, for the planner's benchmarks and tests.
//!
//! Not used by the app: a fixed seed gives the same team every time, on every machine.

use chrono::{Days, NaiveDate};

use super::{
    Horizon, PlanCard, PlanInput, PlanOptions, PlanPerson, Priority, Scope, SkillNeed, TimeOff,
};
use crate::model::{CardId, Estimate, MemberId, Skill};

/// SplitMix64: tiny, fast and good enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const SKILLS: &[&str] = &[
    "Rust",
    "SQL",
    "TypeScript",
    "Svelte",
    "CSS",
    "Testing",
    "DevOps",
    "Security",
    "Design",
    "Data",
    "Go",
    "Python",
    "Kubernetes",
    "Networking",
    "Docs",
    "Mobile",
    "Accessibility",
    "Performance",
    "Billing",
    "Search",
];
const NAMES: &[&str] = &[
    "Ana", "Bea", "Cem", "Dara", "Eli", "Femi", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea",
];
/// Story points, as teams pick them.
const ESTIMATES: &[u32] = &[100, 100, 200, 200, 300, 300, 300, 500, 500, 800, 1300];

/// The shape of a generated team and board.
#[derive(Debug, Clone)]
pub struct Shape {
    pub cards: usize,
    pub people: usize,
    /// At most 20.
    pub skills: usize,
    /// Total available capacity / total estimated work; above 1 everything can fit.
    pub slack: f64,
    /// Share of cards already assigned, in percent.
    pub assigned_percent: u64,
}

/// A realistic team over a two-week horizon: people hold 3 to 6 skills, some are part time or
/// off a few days; every card needs one or two skills someone on the team holds; about one
/// card in ten has no estimate.
pub fn team(seed: u64, shape: &Shape) -> PlanInput {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("a Monday");
    let horizon = Horizon {
        start,
        end: start + Days::new(13),
    };
    let skills = &SKILLS[..shape.skills.clamp(1, SKILLS.len())];
    let mut people: Vec<PlanPerson> = (0..shape.people)
        .map(|i| {
            let mut held: Vec<Skill> = Vec::new();
            for _ in 0..3 + rng.below(4) {
                let name = rng.pick(skills).to_string();
                if held.iter().all(|s| s.name != name) {
                    held.push(Skill {
                        name,
                        level: 1 + rng.below(5) as u8,
                    });
                }
            }
            let goals = (0..rng.below(3))
                .map(|_| rng.pick(skills).to_string())
                .collect();
            let time_off = if rng.chance(20) {
                let first = start + Days::new(rng.below(10));
                vec![TimeOff {
                    start: first,
                    end: first + Days::new(rng.below(5)),
                }]
            } else {
                vec![]
            };
            PlanPerson {
                id: MemberId(i as i64 + 1),
                name: format!("{} {}", rng.pick(NAMES), i + 1),
                // Full time, or 60% or 80% part time; scaled to the slack below.
                weekly_capacity: [100, 100, 100, 80, 60][rng.below(5) as usize],
                time_off,
                skills: held,
                growth_goals: goals,
            }
        })
        .collect();
    let mut cards = Vec::with_capacity(shape.cards);
    let mut work = 0u64;
    for c in 0..shape.cards {
        let owner = &people[rng.below(people.len() as u64) as usize];
        let mut needs: Vec<SkillNeed> = Vec::new();
        for _ in 0..1 + rng.below(2) {
            let skill = rng.pick(&owner.skills);
            if needs.iter().all(|n| n.name != skill.name) {
                needs.push(SkillNeed {
                    name: skill.name.clone(),
                    min_level: 1 + rng.below(u64::from(skill.level)) as u8,
                });
            }
        }
        let estimate = (!rng.chance(10)).then(|| Estimate(*rng.pick(ESTIMATES)));
        work += estimate.map_or(0, |e| u64::from(e.0));
        let assignee = rng
            .chance(shape.assigned_percent)
            .then(|| MemberId(1 + rng.below(people.len() as u64) as i64));
        cards.push(PlanCard {
            id: CardId(c as i64 + 1),
            title: format!("Card {}", c + 1),
            estimate,
            needs,
            priority: [
                Priority::Urgent,
                Priority::High,
                Priority::Normal,
                Priority::Normal,
                Priority::Low,
            ][rng.below(5) as usize],
            due: rng.chance(30).then(|| start + Days::new(rng.below(28))),
            pin: None,
            assignee,
            started: assignee.is_some() && rng.chance(40),
        });
    }
    // Scale capacities so the horizon holds `slack` times the work.
    let days: u64 = people
        .iter()
        .map(|p| {
            u64::from(p.weekly_capacity)
                * u64::from(super::available_capacity(100, horizon, &p.time_off).working_days)
        })
        .sum();
    if days > 0 {
        // capacity × days / 5 summed must be slack × work (all in hundredths).
        let factor = shape.slack * work as f64 * 5.0 / days as f64;
        for person in &mut people {
            person.weekly_capacity = (f64::from(person.weekly_capacity) * factor).round() as u32;
        }
    }
    PlanInput {
        people,
        cards,
        horizon,
        options: PlanOptions {
            scope: Scope::Unassigned,
            rebalance: false,
            stretch: true,
            max_stretch_share: 0.2,
        },
    }
}
