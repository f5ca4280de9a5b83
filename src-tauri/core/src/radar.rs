//! The roadblock radar: what needs the lead's attention, each entry saying why and naming
//! the card, person or skill. A pure function over the board's history and a `now`.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::history::BoardHistory;
use crate::metrics::{Calendar, CardFlow, DAY_MS};
use crate::model::{CardId, ColumnId, MemberId, Stage};
use crate::store::Millis;

/// What a radar entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskKind {
    Blocked,
    Overdue,
    DueSoon,
    Stale,
    OverCapacity,
    SingleSkill,
    OneOnOneOverdue,
}

impl RiskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskKind::Blocked => "blocked",
            RiskKind::Overdue => "overdue",
            RiskKind::DueSoon => "due_soon",
            RiskKind::Stale => "stale",
            RiskKind::OverCapacity => "over_capacity",
            RiskKind::SingleSkill => "single_skill",
            RiskKind::OneOnOneOverdue => "one_on_one_overdue",
        }
    }

    /// A heading for people.
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::Blocked => "Blocked",
            RiskKind::Overdue => "Overdue",
            RiskKind::DueSoon => "Due soon, not started",
            RiskKind::Stale => "Stale",
            RiskKind::OverCapacity => "Over capacity",
            RiskKind::SingleSkill => "Skill held by one person",
            RiskKind::OneOnOneOverdue => "One-on-one overdue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    Card(CardId),
    Member(MemberId),
    /// A skill, and the one person who holds it.
    Skill(String, MemberId),
}

/// One flagged thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub kind: RiskKind,
    pub subject: Subject,
    /// The card's title, the person's name or the skill.
    pub name: String,
    /// Why it is flagged, as a sentence.
    pub why: String,
}

impl Risk {
    /// The same across reports for the same kind of risk about the same thing.
    pub fn key(&self) -> String {
        let subject = match &self.subject {
            Subject::Card(id) => format!("card:{}", id.0),
            Subject::Member(id) => format!("member:{}", id.0),
            Subject::Skill(skill, _) => format!("skill:{}", skill.to_lowercase()),
        };
        format!("{}:{subject}", self.kind.as_str())
    }

    /// One line: what, which, why.
    pub fn summary(&self) -> String {
        format!("{}: {}. {}", self.kind.label(), self.name, self.why)
    }
}

/// When a one-on-one with someone is due: plain data for the one-on-ones to hand in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOnOneDue {
    pub member: MemberId,
    pub last_held: Option<NaiveDate>,
    /// How often they are meant to happen.
    pub every_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RadarConfig {
    /// A card due within this many days that has not started is at risk.
    pub due_soon_days: i64,
    /// A skill counts as held from this level (1 to 5) up.
    pub skill_level: u8,
}

impl Default for RadarConfig {
    fn default() -> Self {
        RadarConfig {
            due_soon_days: 3,
            skill_level: 3,
        }
    }
}

/// What the radar reads besides the history.
#[derive(Debug, Clone, Copy)]
pub struct RadarInput<'a> {
    pub history: &'a BoardHistory,
    pub flows: &'a [CardFlow],
    /// The 85th percentile of cycle time, in days; no staleness without it.
    pub reference_p85: Option<f64>,
    pub now: Millis,
    pub calendar: Calendar,
    /// Capacity per person in the board's unit, when known.
    pub capacity: Option<&'a HashMap<MemberId, f64>>,
    pub one_on_ones: &'a [OneOnOneDue],
    pub config: RadarConfig,
}

/// Open effort per person: cards on the board outside done columns. An unestimated card
/// counts as one unit, as in goal progress.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenLoad {
    pub member: MemberId,
    pub effort: f64,
    pub cards: u32,
    pub unestimated: u32,
}

/// Open effort per assigned person, in member id order.
pub fn open_loads(history: &BoardHistory) -> Vec<OpenLoad> {
    let open: HashMap<ColumnId, bool> = history
        .columns
        .iter()
        .map(|c| (c.id, c.archived_at.is_none() && c.stage != Stage::Done))
        .collect();
    let mut loads: BTreeMap<MemberId, OpenLoad> = BTreeMap::new();
    for card in &history.cards {
        let Some(member) = card.assignee else {
            continue;
        };
        if card.archived_at.is_some() || !open.get(&card.column_id).copied().unwrap_or(false) {
            continue;
        }
        let load = loads.entry(member).or_insert(OpenLoad {
            member,
            effort: 0.0,
            cards: 0,
            unestimated: 0,
        });
        load.cards += 1;
        match card.estimate {
            Some(e) => load.effort += e.units(),
            None => {
                load.effort += 1.0;
                load.unestimated += 1;
            }
        }
    }
    loads.into_values().collect()
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn days(ms: i64) -> i64 {
    ms.max(0) / DAY_MS
}

/// Everything flagged, grouped by kind, the longest-standing first within each kind.
pub fn radar(input: &RadarInput<'_>) -> Vec<Risk> {
    let history = input.history;
    let now = input.now;
    let today = input.calendar.date_of(now);
    let unit = history.board.estimate_unit.as_str();
    let names: HashMap<MemberId, &str> = history
        .members
        .iter()
        .map(|m| (m.id, m.name.as_str()))
        .collect();
    let columns: HashMap<ColumnId, &str> = history
        .columns
        .iter()
        .map(|c| (c.id, c.name.as_str()))
        .collect();
    let flows: HashMap<CardId, &CardFlow> = input.flows.iter().map(|f| (f.card, f)).collect();
    // (kind, weight for ordering, risk)
    let mut found: Vec<(RiskKind, i64, Risk)> = Vec::new();

    for card in &history.cards {
        let Some(flow) = flows.get(&card.id) else {
            continue;
        };
        if !flow.on_board {
            continue;
        }
        let card_risk = |kind, why: String| Risk {
            kind,
            subject: Subject::Card(card.id),
            name: card.title.clone(),
            why,
        };
        let column = columns.get(&card.column_id).copied().unwrap_or("?");
        if let Some(blocked) = &card.blocked {
            let since = blocked.since.min(now);
            let n = days(now - since);
            found.push((
                RiskKind::Blocked,
                -(now - since),
                card_risk(
                    RiskKind::Blocked,
                    format!(
                        "Blocked {} in {column}: {}",
                        if n == 0 {
                            "for less than a day".to_owned()
                        } else {
                            format!("for {}", plural(n, "day", "days"))
                        },
                        blocked.reason
                    ),
                ),
            ));
        }
        let done = flow.stage == Some(Stage::Done);
        if let (Some(due), false) = (card.due, done) {
            let until = (due - today).num_days();
            if until < 0 {
                found.push((
                    RiskKind::Overdue,
                    until,
                    card_risk(
                        RiskKind::Overdue,
                        format!(
                            "Was due {due}, {} ago, and is in {column}.",
                            plural(-until, "day", "days")
                        ),
                    ),
                ));
            } else if until <= input.config.due_soon_days && flow.stage == Some(Stage::NotStarted) {
                let when = match until {
                    0 => "today".to_owned(),
                    1 => "tomorrow".to_owned(),
                    n => format!("in {n} days"),
                };
                found.push((
                    RiskKind::DueSoon,
                    until,
                    card_risk(
                        RiskKind::DueSoon,
                        format!("Due {when} ({due}) and not started."),
                    ),
                ));
            }
        }
        if let (Some(p85), Stage::InProgress, None) = (
            input.reference_p85,
            flow.stage.unwrap_or(Stage::NotStarted),
            &card.blocked,
        ) {
            let still = (now - flow.last_moved_at.min(now)) as f64 / DAY_MS as f64;
            // A card that moved within the last day is never stale, however fast cards went.
            if still > p85.max(1.0) {
                found.push((
                    RiskKind::Stale,
                    -(still as i64),
                    card_risk(
                        RiskKind::Stale,
                        format!(
                            "No move for {} days in {column}, longer than the 85th percentile of cycle time ({} days).",
                            crate::charts::number(still),
                            crate::charts::number(p85)
                        ),
                    ),
                ));
            }
        }
    }

    if let Some(capacity) = input.capacity {
        for load in open_loads(history) {
            let Some(&cap) = capacity.get(&load.member) else {
                continue;
            };
            if load.effort > cap {
                found.push((
                    RiskKind::OverCapacity,
                    -((load.effort - cap) * 100.0) as i64,
                    Risk {
                        kind: RiskKind::OverCapacity,
                        subject: Subject::Member(load.member),
                        name: names.get(&load.member).copied().unwrap_or("?").to_owned(),
                        why: format!(
                            "Open work of {} on {} is over their capacity of {}.",
                            crate::charts::effort_text(load.effort, unit),
                            plural(i64::from(load.cards), "card", "cards"),
                            crate::charts::effort_text(cap, unit)
                        ),
                    },
                ));
            }
        }
    }

    // Skills only one person holds at the level that lets them work alone.
    let mut holders: BTreeMap<String, (String, Vec<MemberId>)> = BTreeMap::new();
    for member in &history.members {
        for skill in &member.skills {
            if skill.level >= input.config.skill_level {
                holders
                    .entry(skill.name.to_lowercase())
                    .or_insert_with(|| (skill.name.clone(), Vec::new()))
                    .1
                    .push(member.id);
            }
        }
    }
    let mut needed: HashMap<String, u32> = HashMap::new();
    for card in &history.cards {
        let open = flows
            .get(&card.id)
            .is_some_and(|f| f.on_board && f.stage != Some(Stage::Done));
        if open {
            for need in &card.skills {
                *needed.entry(need.skill.to_lowercase()).or_default() += 1;
            }
        }
    }
    for (key, (skill, members)) in holders {
        if let [member] = members[..] {
            let cards = needed.get(&key).copied().unwrap_or(0);
            let person = names.get(&member).copied().unwrap_or("?");
            found.push((
                RiskKind::SingleSkill,
                -i64::from(cards),
                Risk {
                    kind: RiskKind::SingleSkill,
                    subject: Subject::Skill(skill.clone(), member),
                    name: skill.clone(),
                    why: format!(
                        "Only {person} holds it at level {} or above; {}.",
                        input.config.skill_level,
                        match cards {
                            0 => "no open card needs it".to_owned(),
                            1 => "1 open card needs it".to_owned(),
                            n => format!("{n} open cards need it"),
                        }
                    ),
                },
            ));
        }
    }

    for due in input.one_on_ones {
        let person = names.get(&due.member).copied().unwrap_or("?").to_owned();
        let why = match due.last_held {
            None => "No one-on-one is recorded.".to_owned(),
            Some(last) => {
                let since = (today - last).num_days();
                if since <= i64::from(due.every_days) {
                    continue;
                }
                format!(
                    "The last one-on-one was {} ago ({last}); they are meant to be every {} days.",
                    plural(since, "day", "days"),
                    due.every_days
                )
            }
        };
        found.push((
            RiskKind::OneOnOneOverdue,
            -due.last_held
                .map_or(i64::MAX / 2, |l| (today - l).num_days()),
            Risk {
                kind: RiskKind::OneOnOneOverdue,
                subject: Subject::Member(due.member),
                name: person,
                why,
            },
        ));
    }

    found.sort_by_key(|f| (f.0, f.1));
    found.into_iter().map(|(_, _, risk)| risk).collect()
}
