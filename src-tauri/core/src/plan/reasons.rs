//! Turns the solver's placement into the plan a lead reads: suggestions, moves, cards left
//! unassigned, each with a sentence that says why.

use std::collections::BTreeMap;

use super::solve::{mentors, Problem, State};
use super::{
    fit, Fit, Move, Person, PersonLoad, Plan, PlanCard, PlanInput, Stretch, Suggestion, Unassigned,
    UnassignedReason,
};
use crate::model::MemberId;

/// "40%", rounded to the nearest percent.
pub fn percent(utilisation: f64) -> String {
    format!("{:.0}%", utilisation * 100.0)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn plan(
    input: &PlanInput,
    people: &[Person],
    index: &BTreeMap<MemberId, usize>,
    cards: &[&PlanCard],
    in_scope: &[bool],
    pb: &Problem,
    st: &State,
    lower_bound: f64,
    optimal: bool,
) -> Plan {
    let text = Text { people, pb, st };
    let mut suggestions = Vec::new();
    let mut unassigned = Vec::new();
    let mut moves = Vec::new();
    let mut pinned: Vec<usize> = (0..cards.len())
        .filter(|&c| cards[c].pin.is_some())
        .collect();
    pinned.sort_by_key(|&c| {
        let card = cards[c];
        (card.priority, card.due.is_none(), card.due, card.id)
    });
    for c in pinned {
        let card = cards[c];
        let pin = index[&card.pin.expect("pinned")];
        let reason = format!(
            "Pinned to {}; {} after this",
            people[pin].name(),
            text.level(pin)
        );
        if in_scope[c] {
            suggestions.push(Suggestion {
                card: card.id,
                person: people[pin].src.id,
                pinned: true,
                stretch: None,
                reason,
            });
        } else if let Some(from) = card.assignee.filter(|&a| a != people[pin].src.id) {
            moves.push(Move {
                card: card.id,
                from,
                to: people[pin].src.id,
                stretch: None,
                reason,
            });
        }
    }
    for (i, item) in pb.items.iter().enumerate() {
        let card = cards[item.card];
        match (st.at[i].map(|p| p as usize), item.home) {
            (Some(p), None) => suggestions.push(Suggestion {
                card: card.id,
                person: people[p].src.id,
                pinned: false,
                stretch: text.stretch(input, card, i, p),
                reason: text.suggestion(input, card, i, p, true),
            }),
            (Some(p), Some(home)) if p != home => moves.push(Move {
                card: card.id,
                from: people[home].src.id,
                to: people[p].src.id,
                stretch: text.stretch(input, card, i, p),
                reason: format!(
                    "{} would be at {} with it, {} without; {}",
                    people[home].name(),
                    text.level_with(home, pb.items[i].size),
                    text.level(home),
                    text.suggestion(input, card, i, p, false)
                ),
            }),
            (Some(_), Some(_)) => {}
            (None, _) => {
                let (reason, text) = text.unassigned(input, card, i);
                unassigned.push(Unassigned {
                    card: card.id,
                    reason,
                    text,
                });
            }
        }
    }
    // Pinned cards are not solver items: sort everything into the order cards are considered.
    let rank: BTreeMap<_, _> = cards
        .iter()
        .map(|c| (c.id, (c.priority, c.due.is_none(), c.due, c.id)))
        .collect();
    suggestions.sort_by_key(|s| rank[&s.card]);
    moves.sort_by_key(|m| rank[&m.card]);
    let mut before = vec![0u64; people.len()];
    for card in cards {
        if let Some(a) = card.assignee {
            before[index[&a]] += card.estimate.map_or(0, |e| u64::from(e.0));
        }
    }
    let ratio = |p: usize, centi: u64| (pb.cap[p] > 0).then(|| pb.util(p, centi * 5));
    let loads = people
        .iter()
        .enumerate()
        .map(|(p, person)| PersonLoad {
            person: person.src.id,
            available: person.available,
            before_centi: before[p],
            after_centi: st.load[p] / 5,
            before: ratio(p, before[p]),
            after: ratio(p, st.load[p] / 5),
        })
        .collect();
    let unestimated = cards
        .iter()
        .enumerate()
        .filter(|(c, card)| {
            card.estimate.is_none()
                && (in_scope[*c] || card.assignee.is_some() || card.pin.is_some())
        })
        .count() as u32;
    Plan {
        suggestions,
        unassigned,
        moves,
        people: loads,
        max_utilisation: st.max_util(pb),
        lower_bound,
        unestimated,
        optimal,
    }
}

struct Text<'a> {
    people: &'a [Person<'a>],
    pb: &'a Problem,
    st: &'a State,
}

impl Text<'_> {
    fn level(&self, p: usize) -> String {
        self.level_with(p, 0)
    }

    /// Their utilisation with `extra` more load, or "no capacity".
    fn level_with(&self, p: usize, extra: u64) -> String {
        if self.pb.cap[p] == 0 {
            "no capacity".to_owned()
        } else {
            percent(self.pb.util(p, self.st.load[p] + extra))
        }
    }

    /// "Rust 4, SQL 3": the person's levels in what the card needs.
    fn skills(&self, card: &PlanCard, p: usize) -> String {
        if card.needs.is_empty() {
            return "no skills needed".to_owned();
        }
        card.needs
            .iter()
            .map(|n| {
                let level = self.people[p].level(&super::skill_key(&n.name));
                format!("{} {level}", n.name.trim())
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn stretch(&self, input: &PlanInput, card: &PlanCard, i: usize, p: usize) -> Option<Stretch> {
        if !self.pb.stretch_at(i, p) {
            return None;
        }
        let Fit::Stretch(need) = fit(&self.people[p], card, input.options.stretch) else {
            return None;
        };
        let mentor = mentors(self.people, &self.pb.cap, card, need, p).min_by(|&a, &b| {
            let key = super::skill_key(&card.needs[need].name);
            let (la, lb) = (self.people[a].level(&key), self.people[b].level(&key));
            lb.cmp(&la)
                .then(
                    self.pb
                        .util(a, self.st.load[a])
                        .total_cmp(&self.pb.util(b, self.st.load[b])),
                )
                .then(a.cmp(&b))
        })?;
        Some(Stretch {
            skill: card.needs[need].name.trim().to_owned(),
            mentor: self.people[mentor].src.id,
        })
    }

    /// "Bea: Rust 4, 40% after this; Ana would be at 120%" (the best alternative when
    /// `alternative`).
    fn suggestion(
        &self,
        input: &PlanInput,
        card: &PlanCard,
        i: usize,
        p: usize,
        alternative: bool,
    ) -> String {
        let person = &self.people[p];
        let size = self.pb.items[i].size;
        let mut out = match self.stretch(input, card, i, p) {
            Some(stretch) => {
                let key = super::skill_key(&stretch.skill);
                let need = card
                    .needs
                    .iter()
                    .find(|n| super::skill_key(&n.name) == key)
                    .map_or(0, |n| n.min_level);
                let mentor = self
                    .people
                    .iter()
                    .find(|m| m.src.id == stretch.mentor)
                    .map_or("", |m| m.name());
                format!(
                    "{}: stretch in {} ({} of {need}, a growth goal), mentor {mentor}; {} after this",
                    person.name(),
                    stretch.skill,
                    person.level(&key),
                    self.level(p)
                )
            }
            None => format!(
                "{}: {}, {} after this",
                person.name(),
                self.skills(card, p),
                self.level(p)
            ),
        };
        let other = self.pb.items[i]
            .options
            .iter()
            .map(|&q| q as usize)
            .filter(|&q| q != p)
            .map(|q| (self.pb.util(q, self.st.load[q] + size), q))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        match other {
            _ if !alternative => {}
            Some((level, q)) => out.push_str(&format!(
                "; {} would be at {}",
                self.people[q].name(),
                percent(level)
            )),
            None => out.push_str("; nobody else can take it"),
        }
        if card.estimate.is_none() {
            out.push_str("; no estimate, so it weighs nothing");
        }
        out
    }

    fn unassigned(
        &self,
        input: &PlanInput,
        card: &PlanCard,
        i: usize,
    ) -> (UnassignedReason, String) {
        let stretch = input.options.stretch;
        let able: Vec<usize> = (0..self.people.len())
            .filter(|&p| fit(&self.people[p], card, stretch) != Fit::No)
            .collect();
        if able.is_empty() {
            return (UnassignedReason::NobodyQualified, self.nobody_has(card));
        }
        let options = &self.pb.items[i].options;
        if options.is_empty() {
            let names: Vec<&str> = able.iter().map(|&p| self.people[p].name()).collect();
            let text = if able.iter().all(|&p| self.pb.cap[p] == 0) {
                format!(
                    "Everyone who can take it has no capacity in this horizon ({})",
                    names.join(", ")
                )
            } else {
                // Stretch candidates with capacity but nobody to mentor them.
                format!(
                    "Nobody who can take it has both capacity and a mentor ({})",
                    names.join(", ")
                )
            };
            return (UnassignedReason::NoCapacity, text);
        }
        let size = self.pb.items[i].size;
        let mut levels: Vec<(f64, usize)> = options
            .iter()
            .map(|&q| q as usize)
            .map(|q| (self.pb.util(q, self.st.load[q] + size), q))
            .collect();
        levels.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let named: Vec<String> = levels
            .iter()
            .take(3)
            .map(|&(level, q)| {
                let over_share = self.pb.stretch_at(i, q) && level <= 1.0;
                if over_share {
                    format!("{} would pass their stretch share", self.people[q].name())
                } else {
                    format!("{} would be at {}", self.people[q].name(), percent(level))
                }
            })
            .collect();
        (
            UnassignedReason::NoRoom,
            format!("Everyone who can take it is full: {}", named.join(", ")),
        )
    }

    /// "Nobody has Rust at level 4", or the combination nobody has.
    fn nobody_has(&self, card: &PlanCard) -> String {
        if self.people.is_empty() {
            return "There is nobody on the team".to_owned();
        }
        for need in &card.needs {
            let key = super::skill_key(&need.name);
            if self.people.iter().all(|p| p.level(&key) < need.min_level) {
                return format!(
                    "Nobody has {} at level {}",
                    need.name.trim(),
                    need.min_level
                );
            }
        }
        let all: Vec<String> = card
            .needs
            .iter()
            .map(|n| format!("{} {}", n.name.trim(), n.min_level))
            .collect();
        format!("Nobody has all of {} together", all.join(", "))
    }
}
