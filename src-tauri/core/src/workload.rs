//! Workload balancing on the stored board: each person's weekly capacity and time off, pinned
//! cards, the planner's input read from the database, the workload of a horizon, and applying
//! the suggestions the lead accepted as one action.
//!
//! The planner itself ([`crate::plan`]) is pure; this module is the glue between it and the
//! database.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::board::assign_in;
use crate::error::{Entity, Error, Result};
use crate::model::{
    BoardId, Card, CardId, Estimate, EstimateUnit, MemberId, Priority, Stage, TimeOffId,
};
use crate::plan::{self, available_capacity, Available, Horizon, PlanInput, PlanOptions};
use crate::store::{Store, Tx};
use crate::validate::{self, MAX_ESTIMATE};

/// The longest horizon, and the longest period of time off, in days.
pub const MAX_PERIOD_DAYS: i64 = 366;

/// A period a team member is away, both days included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeOffPeriod {
    pub id: TimeOffId,
    pub member: MemberId,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// One person's open work on a board against what they can take on in a horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonWorkload {
    pub member: MemberId,
    pub name: String,
    /// Hundredths of the board's unit per week; None when not set, which counts as none.
    pub weekly_capacity: Option<u32>,
    /// Every period they are away, earliest first.
    pub time_off: Vec<TimeOffPeriod>,
    pub available: Available,
    /// Hundredths of the unit: the estimates of the open cards assigned to them.
    pub assigned_centi: u64,
    pub open_cards: u32,
    /// Open cards assigned to them with no estimate: counted, weighing nothing.
    pub unestimated: u32,
    /// Assigned / available; None when they have no capacity in the horizon.
    pub utilisation: Option<f64>,
}

/// Someone who has a skill, at a level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillHolder {
    pub member: MemberId,
    pub level: u8,
}

/// Who on the team has a skill, and how many open cards need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillCoverage {
    pub skill: String,
    /// Highest level first, then by member id.
    pub holders: Vec<SkillHolder>,
    /// Open cards of the board that need it.
    pub open_cards: u32,
}

impl SkillCoverage {
    /// Only one person has it: the team depends on them (a bus factor of one).
    pub fn single_holder(&self) -> bool {
        self.holders.len() == 1
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub horizon: Horizon,
    pub unit: EstimateUnit,
    /// Every team member, by name.
    pub people: Vec<PersonWorkload>,
    /// Every skill someone has or an open card needs, by name ignoring case.
    pub skills: Vec<SkillCoverage>,
    /// Open cards nobody has.
    pub unassigned_cards: u32,
    pub unassigned_unestimated: u32,
    pub unassigned_centi: u64,
}

/// An open card as the database has it: not archived, in a column on the board that is not
/// a done column.
struct OpenCard {
    id: CardId,
    title: String,
    assignee: Option<MemberId>,
    estimate: Option<Estimate>,
    priority: Priority,
    due: Option<NaiveDate>,
    pinned_to: Option<MemberId>,
    stage: Stage,
    needs: Vec<plan::SkillNeed>,
}

/// A weekly capacity in the board's unit, kept to two decimals: 0 to 10,000.
pub fn capacity(value: f64) -> Result<u32> {
    if !value.is_finite() {
        return Err(Error::invalid(
            "weeklyCapacity",
            "A weekly capacity must be a number.",
        ));
    }
    if value < 0.0 {
        return Err(Error::invalid(
            "weeklyCapacity",
            "A weekly capacity cannot be negative.",
        ));
    }
    if value > MAX_ESTIMATE {
        return Err(Error::invalid(
            "weeklyCapacity",
            format!("A weekly capacity can be at most {MAX_ESTIMATE} a week."),
        ));
    }
    // In range, so the rounded hundredths fit a u32.
    Ok((value * 100.0).round() as u32)
}

/// A planning horizon: days of the years Teamlead knows (see [`validate::date`]); it starts
/// before it ends and lasts at most [`MAX_PERIOD_DAYS`].
pub fn check_horizon(horizon: Horizon) -> Result<Horizon> {
    check_period("horizon", "The horizon", horizon.start, horizon.end)?;
    Ok(horizon)
}

fn check_period(field: &'static str, what: &str, start: NaiveDate, end: NaiveDate) -> Result<()> {
    validate::date(field, start)?;
    validate::date(field, end)?;
    if end < start {
        return Err(Error::invalid(
            field,
            format!("{what} ends before it starts."),
        ));
    }
    if (end - start).num_days() + 1 > MAX_PERIOD_DAYS {
        return Err(Error::invalid(
            field,
            format!("{what} can be at most {MAX_PERIOD_DAYS} days long."),
        ));
    }
    Ok(())
}

impl Store {
    /// Sets a person's weekly capacity in the board's unit (0 to 10,000), or clears it.
    pub fn set_capacity(&mut self, member: MemberId, weekly: Option<f64>) -> Result<()> {
        let centi = weekly.map(capacity).transpose()?;
        let label = if centi.is_some() {
            "Set capacity"
        } else {
            "Clear capacity"
        };
        self.act(label, |tx| {
            let changed = tx
                .prepare_cached("UPDATE members SET weekly_capacity_centi = ?2 WHERE id = ?1")?
                .execute(params![member, centi])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Member, member.0));
            }
            Ok(())
        })
    }

    /// Records that a person is away from `start` to `end`, both included.
    pub fn add_time_off(
        &mut self,
        member: MemberId,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<TimeOffPeriod> {
        check_period("timeOff", "Time off", start, end)?;
        let id = self.act("Add time off", |tx| {
            member_name(tx, member)?;
            tx.prepare_cached(
                "INSERT INTO time_off (member_id, start_date, end_date) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![member, start, end])?;
            Ok(TimeOffId(tx.last_insert_rowid()))
        })?;
        Ok(TimeOffPeriod {
            id,
            member,
            start,
            end,
        })
    }

    pub fn remove_time_off(&mut self, id: TimeOffId) -> Result<()> {
        self.act("Remove time off", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM time_off WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::TimeOff, id.0));
            }
            Ok(())
        })
    }

    /// Pins a card to its assignee (it stays with them when work is balanced), or unpins it.
    pub fn pin_card(&mut self, id: CardId, pinned: bool) -> Result<Card> {
        let card = self.card(id)?;
        if pinned && card.assignee.is_none() {
            return Err(Error::invalid(
                "pinned",
                "Assign the card to someone before pinning it to them.",
            ));
        }
        let label = if pinned { "Pin card" } else { "Unpin card" };
        self.act(label, |tx| {
            let pin = if pinned { card.assignee } else { None };
            tx.prepare_cached(
                "UPDATE cards SET pinned_to = ?2, updated_at = ?3
                 WHERE id = ?1 AND pinned_to IS NOT ?2",
            )?
            .execute(params![id, pin, tx.now])?;
            Ok(())
        })?;
        self.card(id)
    }

    /// Every person's time off, earliest first.
    pub fn time_off(&self) -> Result<Vec<TimeOffPeriod>> {
        read_time_off(self.conn())
    }

    /// The planner's input for a board: every team member with their capacity, time off and
    /// skills; every open card (not archived, not in a done or archived column), started when
    /// it is in an in-progress column.
    pub fn plan_input(
        &self,
        board: BoardId,
        horizon: Horizon,
        options: PlanOptions,
    ) -> Result<PlanInput> {
        let horizon = check_horizon(horizon)?;
        board_unit(self.conn(), board)?;
        let cards = open_cards(self.conn(), board)?;
        if let plan::Scope::Cards(ids) = &options.scope {
            let open: BTreeSet<CardId> = cards.iter().map(|c| c.id).collect();
            if let Some(id) = ids.iter().find(|id| !open.contains(id)) {
                return Err(Error::invalid(
                    "cardIds",
                    format!("Card #{} is not an open card of this board.", id.0),
                ));
            }
        }
        let capacities = capacities(self.conn())?;
        let mut time_off = time_off_by_member(self.conn())?;
        let mut goals = growth_skills(self.conn())?;
        let people = self
            .list_members()?
            .into_iter()
            .map(|m| plan::PlanPerson {
                id: m.id,
                weekly_capacity: capacities.get(&m.id).copied().flatten().unwrap_or(0),
                time_off: time_off
                    .remove(&m.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| plan::TimeOff {
                        start: t.start,
                        end: t.end,
                    })
                    .collect(),
                name: m.name,
                skills: m.skills,
                // The skills named by the person's unfinished growth goals in the journal.
                growth_goals: goals.remove(&m.id).unwrap_or_default(),
            })
            .collect();
        let cards = cards
            .into_iter()
            .map(|c| plan::PlanCard {
                id: c.id,
                title: c.title,
                estimate: c.estimate,
                needs: c.needs,
                priority: match c.priority {
                    Priority::Urgent => plan::Priority::Urgent,
                    Priority::High => plan::Priority::High,
                    Priority::Normal => plan::Priority::Normal,
                    Priority::Low => plan::Priority::Low,
                },
                due: c.due,
                pin: c.pinned_to,
                assignee: c.assignee,
                started: c.stage == Stage::InProgress,
            })
            .collect();
        Ok(PlanInput {
            people,
            cards,
            horizon,
            options,
        })
    }

    /// Suggests who should take which open card of a board (see [`crate::plan`]).
    pub fn suggest_plan(
        &self,
        board: BoardId,
        horizon: Horizon,
        options: PlanOptions,
    ) -> Result<plan::Plan> {
        plan::plan(&self.plan_input(board, horizon, options)?)
    }

    /// Each person's open work on a board against their capacity in `horizon`, and who has
    /// which skill.
    pub fn workload(&self, board: BoardId, horizon: Horizon) -> Result<Workload> {
        let horizon = check_horizon(horizon)?;
        let conn = self.conn();
        let unit = board_unit(conn, board)?;
        let cards = open_cards(conn, board)?;
        let capacities = capacities(conn)?;
        let mut time_off = time_off_by_member(conn)?;
        let members = self.list_members()?;
        let mut people: Vec<PersonWorkload> = members
            .iter()
            .map(|m| {
                let weekly_capacity = capacities.get(&m.id).copied().flatten();
                let periods = time_off.remove(&m.id).unwrap_or_default();
                let off: Vec<plan::TimeOff> = periods
                    .iter()
                    .map(|t| plan::TimeOff {
                        start: t.start,
                        end: t.end,
                    })
                    .collect();
                PersonWorkload {
                    member: m.id,
                    name: m.name.clone(),
                    weekly_capacity,
                    time_off: periods,
                    available: available_capacity(weekly_capacity.unwrap_or(0), horizon, &off),
                    assigned_centi: 0,
                    open_cards: 0,
                    unestimated: 0,
                    utilisation: None,
                }
            })
            .collect();
        let index: HashMap<MemberId, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.member, i))
            .collect();
        let (mut unassigned_cards, mut unassigned_unestimated, mut unassigned_centi) = (0, 0, 0);
        for card in &cards {
            let centi = card.estimate.map_or(0, |e| u64::from(e.0));
            match card.assignee.and_then(|a| index.get(&a)) {
                Some(&p) => {
                    let person = &mut people[p];
                    person.open_cards += 1;
                    person.assigned_centi += centi;
                    person.unestimated += u32::from(card.estimate.is_none());
                }
                None => {
                    unassigned_cards += 1;
                    unassigned_centi += centi;
                    unassigned_unestimated += u32::from(card.estimate.is_none());
                }
            }
        }
        for person in &mut people {
            let available = person.available.centi();
            person.utilisation =
                (available > 0.0).then(|| person.assigned_centi as f64 / available);
        }
        Ok(Workload {
            horizon,
            unit,
            people,
            skills: coverage(&members, &cards),
            unassigned_cards,
            unassigned_unestimated,
            unassigned_centi,
        })
    }

    /// Gives each card to its person, as one action undone in one step ("Apply
    /// suggestions"). The whole batch is refused, and nothing written, when any card is
    /// unknown, on another board, archived or done, listed twice, pinned to someone else, or
    /// any person is unknown.
    pub fn apply_plan(&mut self, board: BoardId, accepted: &[(CardId, MemberId)]) -> Result<()> {
        if accepted.is_empty() {
            return Err(Error::invalid(
                "assignments",
                "Choose at least one suggestion to apply.",
            ));
        }
        let mut seen = BTreeSet::new();
        for (card, _) in accepted {
            if !seen.insert(*card) {
                return Err(Error::invalid(
                    "assignments",
                    format!("Card #{} is listed twice.", card.0),
                ));
            }
        }
        self.act("Apply suggestions", |tx| {
            board_unit(tx, board)?;
            for &(card, member) in accepted {
                let assignee = check_applicable(tx, board, card, member)?;
                if assignee != Some(member) {
                    assign_in(tx, card, Some(member))?;
                }
            }
            Ok(())
        })
    }
}

/// Checks that `card` is an open card of `board` that may go to `member`; its assignee now.
fn check_applicable(
    tx: &Tx<'_>,
    board: BoardId,
    card: CardId,
    member: MemberId,
) -> Result<Option<MemberId>> {
    let found = tx
        .prepare_cached(
            "SELECT k.board_id, k.stage, c.archived_at IS NOT NULL OR k.archived_at IS NOT NULL,
                    c.assignee_id, c.pinned_to
             FROM cards c JOIN columns k ON k.id = c.column_id
             WHERE c.id = ?1",
        )?
        .query_row([card], |row| {
            Ok((
                row.get::<_, BoardId>(0)?,
                row.get::<_, Stage>(1)?,
                row.get::<_, bool>(2)?,
                row.get::<_, Option<MemberId>>(3)?,
                row.get::<_, Option<MemberId>>(4)?,
            ))
        })
        .optional()?;
    let (on_board, stage, archived, assignee, pinned_to) =
        found.ok_or(Error::not_found(Entity::Card, card.0))?;
    let stale = |why: &str| {
        Err(Error::invalid(
            "assignments",
            format!(
                "Card #{} {why}; suggest again to see the board as it is now.",
                card.0
            ),
        ))
    };
    if on_board != board {
        return stale("is on another board");
    }
    if archived {
        return stale("is archived");
    }
    if stage == Stage::Done {
        return stale("is done");
    }
    let name = member_name(tx, member)?;
    if let Some(pin) = pinned_to.filter(|&p| p != member) {
        let pinned = member_name(tx, pin)?;
        return Err(Error::invalid(
            "assignments",
            format!(
                "Card #{} is pinned to {pinned}; unpin it before giving it to {name}.",
                card.0
            ),
        ));
    }
    Ok(assignee)
}

fn member_name(conn: &Connection, member: MemberId) -> Result<String> {
    conn.prepare_cached("SELECT name FROM members WHERE id = ?1")?
        .query_row([member], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Member, member.0))
}

fn board_unit(conn: &Connection, board: BoardId) -> Result<EstimateUnit> {
    conn.prepare_cached("SELECT estimate_unit FROM boards WHERE id = ?1")?
        .query_row([board], |row| row.get(0))
        .optional()?
        .ok_or(Error::not_found(Entity::Board, board.0))
}

fn capacities(conn: &Connection) -> Result<HashMap<MemberId, Option<u32>>> {
    let mut stmt = conn.prepare_cached("SELECT id, weekly_capacity_centi FROM members")?;
    let rows = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn read_time_off(conn: &Connection) -> Result<Vec<TimeOffPeriod>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, start_date, end_date FROM time_off
         ORDER BY start_date, end_date, id",
    )?;
    let periods = stmt
        .query_map([], |row| {
            Ok(TimeOffPeriod {
                id: row.get(0)?,
                member: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(periods)
}

fn time_off_by_member(conn: &Connection) -> Result<HashMap<MemberId, Vec<TimeOffPeriod>>> {
    let mut by_member: HashMap<MemberId, Vec<TimeOffPeriod>> = HashMap::new();
    for period in read_time_off(conn)? {
        by_member.entry(period.member).or_default().push(period);
    }
    Ok(by_member)
}

/// The board's open cards in id order, with the skills they need.
fn open_cards(conn: &Connection, board: BoardId) -> Result<Vec<OpenCard>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.title, c.assignee_id, c.estimate_centi, c.priority, c.due_date,
                c.pinned_to, k.stage
         FROM columns k JOIN cards c ON c.column_id = k.id
         WHERE k.board_id = +?1 AND k.archived_at IS NULL AND k.stage <> 'done'
           AND c.archived_at IS NULL
         ORDER BY c.id",
    )?;
    let mut cards: Vec<OpenCard> = stmt
        .query_map([board], |row| {
            Ok(OpenCard {
                id: row.get(0)?,
                title: row.get(1)?,
                assignee: row.get(2)?,
                estimate: row.get(3)?,
                priority: row.get(4)?,
                due: row.get(5)?,
                pinned_to: row.get(6)?,
                stage: row.get(7)?,
                needs: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<CardId, usize> = cards.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, skill, min_level FROM card_skills
         WHERE card_id IN (SELECT c.id FROM cards c JOIN columns k ON k.id = c.column_id
                           WHERE k.board_id = +?1)
         ORDER BY card_id, skill",
    )?;
    let mut rows = stmt.query([board])?;
    while let Some(row) = rows.next()? {
        if let Some(&i) = index.get(&row.get::<_, CardId>(0)?) {
            cards[i].needs.push(plan::SkillNeed {
                name: row.get(1)?,
                min_level: row.get(2)?,
            });
        }
    }
    Ok(cards)
}

/// Skills compare as the planner compares them: trimmed, ignoring case. Each is shown with
/// the first spelling met, holders' before cards'.
fn coverage(members: &[crate::model::Member], cards: &[OpenCard]) -> Vec<SkillCoverage> {
    let key = |name: &str| name.trim().to_lowercase();
    let mut skills: BTreeMap<String, SkillCoverage> = BTreeMap::new();
    let mut sorted: Vec<&crate::model::Member> = members.iter().collect();
    sorted.sort_by_key(|m| m.id);
    for member in sorted {
        for skill in &member.skills {
            let entry = skills
                .entry(key(&skill.name))
                .or_insert_with(|| SkillCoverage {
                    skill: skill.name.trim().to_owned(),
                    holders: Vec::new(),
                    open_cards: 0,
                });
            match entry.holders.iter_mut().find(|h| h.member == member.id) {
                Some(holder) => holder.level = holder.level.max(skill.level),
                None => entry.holders.push(SkillHolder {
                    member: member.id,
                    level: skill.level,
                }),
            }
        }
    }
    for card in cards {
        let needed: BTreeSet<String> = card.needs.iter().map(|n| key(&n.name)).collect();
        for need in &card.needs {
            skills
                .entry(key(&need.name))
                .or_insert_with(|| SkillCoverage {
                    skill: need.name.trim().to_owned(),
                    holders: Vec::new(),
                    open_cards: 0,
                });
        }
        for skill in needed {
            if let Some(entry) = skills.get_mut(&skill) {
                entry.open_cards += 1;
            }
        }
    }
    let mut list: Vec<SkillCoverage> = skills.into_values().collect();
    for skill in &mut list {
        skill
            .holders
            .sort_by(|a, b| b.level.cmp(&a.level).then(a.member.cmp(&b.member)));
    }
    list
}

/// The skills each person is growing into: those linked to their growth goals that are not
/// finished (progress below 100), by member.
fn growth_skills(conn: &rusqlite::Connection) -> Result<BTreeMap<MemberId, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.member_id, s.skill FROM growth_goals g
         JOIN goal_skills s ON s.goal_id = g.id
         WHERE g.progress < 100
         ORDER BY g.member_id, s.skill",
    )?;
    let mut goals: BTreeMap<MemberId, Vec<String>> = BTreeMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let skills = goals.entry(row.get(0)?).or_default();
        let skill: String = row.get(1)?;
        if !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    Ok(goals)
}
