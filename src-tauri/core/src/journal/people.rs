//! People in the journal: profile, private notes, skills, growth goals, history and the
//! one-on-one schedule.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::cadence::{due_this_week_list, schedule};
use super::sessions::{
    action_from_row, feedback_from_row, member_exists, ACTION_SELECT, FEEDBACK_SELECT,
};
use super::{
    CheckIn, Goal, NewGoal, Person, PersonJournal, PersonSchedule, PersonUpdate, SessionSummary,
};
use crate::error::{Entity, Error, Result};
use crate::model::{GoalId, MemberId, Skill};
use crate::store::{Millis, Store};
use crate::validate;

pub(crate) fn read_person(conn: &Connection, id: MemberId) -> Result<Person> {
    let mut person = conn
        .prepare_cached(
            "SELECT id, name, role, start_date, cadence, private_notes FROM members WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(Person {
                id: row.get(0)?,
                name: row.get(1)?,
                role: row.get(2)?,
                start_date: row.get(3)?,
                cadence: row.get(4)?,
                private_notes: row.get(5)?,
                skills: Vec::new(),
            })
        })
        .optional()?
        .ok_or(Error::not_found(Entity::Member, id.0))?;
    person.skills = conn
        .prepare_cached(
            "SELECT skill, level FROM member_skills WHERE member_id = +?1
             ORDER BY level DESC, skill",
        )?
        .query_map([id], |row| {
            Ok(Skill {
                name: row.get(0)?,
                level: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(person)
}

pub(crate) fn read_goals(conn: &Connection, member: MemberId) -> Result<Vec<Goal>> {
    let mut skills: HashMap<GoalId, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT goal_id, skill FROM goal_skills
         WHERE goal_id IN (SELECT id FROM growth_goals WHERE member_id = ?1)
         ORDER BY goal_id, skill",
    )?;
    for row in stmt.query_map([member], |row| Ok((row.get(0)?, row.get(1)?)))? {
        let (goal, skill) = row?;
        skills.entry(goal).or_default().push(skill);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, member_id, title, progress, created_at FROM growth_goals
         WHERE member_id = ?1 ORDER BY id",
    )?;
    let goals = stmt
        .query_map([member], |row| {
            let id: GoalId = row.get(0)?;
            Ok(Goal {
                id,
                member: row.get(1)?,
                title: row.get(2)?,
                skills: skills.remove(&id).unwrap_or_default(),
                progress: row.get(3)?,
                created_at: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(goals)
}

/// The dates of a person's sessions, oldest first.
fn session_dates(conn: &Connection, member: MemberId) -> Result<Vec<NaiveDate>> {
    let dates = conn
        .prepare_cached("SELECT date FROM one_on_ones WHERE member_id = +?1 ORDER BY date")?
        .query_map([member], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(dates)
}

fn checked_goal(new: &NewGoal) -> Result<NewGoal> {
    let mut skills = new
        .skills
        .iter()
        .map(|s| validate::text("skills", "skill name", s, validate::MAX_SKILL_CHARS))
        .collect::<Result<Vec<_>>>()?;
    skills.sort();
    skills.dedup();
    if skills.len() > validate::MAX_GOAL_SKILLS {
        return Err(Error::invalid(
            "skills",
            format!(
                "A growth goal can name at most {} skills.",
                validate::MAX_GOAL_SKILLS
            ),
        ));
    }
    Ok(NewGoal {
        title: validate::title(&new.title)?,
        skills,
        progress: validate::progress(new.progress)?,
    })
}

impl Store {
    pub fn person(&self, id: MemberId) -> Result<Person> {
        read_person(self.conn(), id)
    }

    /// Changes a person's name, role, start date and one-on-one cadence.
    pub fn update_person(&mut self, id: MemberId, update: &PersonUpdate) -> Result<Person> {
        let name = validate::name("name", "name", &update.name)?;
        let role = validate::role(&update.role)?;
        let start = update
            .start_date
            .map(|d| validate::date("startDate", d))
            .transpose()?;
        self.act("Edit person", |tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE members SET name = ?2, role = ?3, start_date = ?4, cadence = ?5
                     WHERE id = ?1",
                )?
                .execute(params![id, name, role, start, update.cadence])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Member, id.0));
            }
            Ok(())
        })?;
        self.person(id)
    }

    /// Saves the lead's private notes about a person as typed, like session notes: not an
    /// undo step, at most [`validate::MAX_NOTES_BYTES`], kept byte for byte.
    pub fn save_person_notes(&mut self, id: MemberId, notes: &str) -> Result<Millis> {
        validate::notes("privateNotes", notes)?;
        self.write(|tx| {
            let changed = tx
                .prepare_cached(
                    "UPDATE members SET private_notes = ?2 WHERE id = ?1 AND private_notes IS NOT ?2",
                )?
                .execute(params![id, notes])?;
            if changed == 0 {
                member_exists(tx, id)?;
            }
            Ok(tx.now)
        })
    }

    /// Sets a person's level (1 to 5) in a skill, or removes the skill (`None`).
    pub fn set_member_skill(
        &mut self,
        id: MemberId,
        skill: &str,
        level: Option<u8>,
    ) -> Result<Person> {
        let skill = validate::text("skill", "skill name", skill, validate::MAX_SKILL_CHARS)?;
        let level = level.map(|l| validate::level("level", l)).transpose()?;
        let label = if level.is_some() {
            "Set skill level"
        } else {
            "Remove skill"
        };
        self.act(label, |tx| {
            member_exists(tx, id)?;
            match level {
                Some(level) => tx
                    .prepare_cached(
                        "INSERT INTO member_skills (member_id, skill, level) VALUES (?1, ?2, ?3)
                         ON CONFLICT (member_id, skill) DO UPDATE SET level = excluded.level",
                    )?
                    .execute(params![id, skill, level])?,
                None => tx
                    .prepare_cached(
                        "DELETE FROM member_skills WHERE member_id = ?1 AND skill = ?2",
                    )?
                    .execute(params![id, skill])?,
            };
            Ok(())
        })?;
        self.person(id)
    }

    pub fn add_goal(&mut self, member: MemberId, new: &NewGoal) -> Result<Goal> {
        let new = checked_goal(new)?;
        let id = self.act("Add growth goal", |tx| {
            member_exists(tx, member)?;
            tx.prepare_cached(
                "INSERT INTO growth_goals (member_id, title, progress, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![member, new.title, new.progress, tx.now])?;
            let id = GoalId(tx.last_insert_rowid());
            for skill in &new.skills {
                tx.prepare_cached("INSERT INTO goal_skills (goal_id, skill) VALUES (?1, ?2)")?
                    .execute(params![id, skill])?;
            }
            Ok(id)
        })?;
        self.goal(id)
    }

    /// Changes a goal's title, skills and progress.
    pub fn update_goal(&mut self, id: GoalId, new: &NewGoal) -> Result<Goal> {
        let new = checked_goal(new)?;
        self.act("Edit growth goal", |tx| {
            let changed = tx
                .prepare_cached("UPDATE growth_goals SET title = ?2, progress = ?3 WHERE id = ?1")?
                .execute(params![id, new.title, new.progress])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Goal, id.0));
            }
            let current: Vec<String> = tx
                .prepare_cached("SELECT skill FROM goal_skills WHERE goal_id = +?1")?
                .query_map([id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for skill in current.iter().filter(|s| !new.skills.contains(s)) {
                tx.prepare_cached("DELETE FROM goal_skills WHERE goal_id = ?1 AND skill = ?2")?
                    .execute(params![id, skill])?;
            }
            for skill in new.skills.iter().filter(|s| !current.contains(s)) {
                tx.prepare_cached("INSERT INTO goal_skills (goal_id, skill) VALUES (?1, ?2)")?
                    .execute(params![id, skill])?;
            }
            Ok(())
        })?;
        self.goal(id)
    }

    pub fn delete_goal(&mut self, id: GoalId) -> Result<()> {
        self.act("Delete growth goal", |tx| {
            let changed = tx
                .prepare_cached("DELETE FROM growth_goals WHERE id = ?1")?
                .execute([id])?;
            if changed == 0 {
                return Err(Error::not_found(Entity::Goal, id.0));
            }
            Ok(())
        })
    }

    pub fn goal(&self, id: GoalId) -> Result<Goal> {
        let member: MemberId = self
            .conn()
            .prepare_cached("SELECT member_id FROM growth_goals WHERE id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?
            .ok_or(Error::not_found(Entity::Goal, id.0))?;
        read_goals(self.conn(), member)?
            .into_iter()
            .find(|g| g.id == id)
            .ok_or(Error::not_found(Entity::Goal, id.0))
    }

    /// A person's journal: profile, schedule, goals, sessions timeline, mood and workload
    /// series, feedback history and action items.
    pub fn person_journal(&self, id: MemberId, today: NaiveDate) -> Result<PersonJournal> {
        let conn = self.conn();
        let person = read_person(conn, id)?;
        let dates = session_dates(conn, id)?;
        let schedule = schedule(person.cadence, &dates, person.start_date, today);
        let sessions: Vec<SessionSummary> = conn
            .prepare_cached(
                "SELECT s.id, s.date, s.mood, s.workload,
                        (SELECT count(*) FROM agenda_items WHERE session_id = s.id),
                        (SELECT count(*) FROM action_items WHERE session_id = s.id),
                        (SELECT count(*) FROM feedback WHERE session_id = s.id)
                 FROM one_on_ones s WHERE s.member_id = +?1 ORDER BY s.date DESC, s.id DESC",
            )?
            .query_map([id], |row| {
                Ok(SessionSummary {
                    id: row.get(0)?,
                    date: row.get(1)?,
                    mood: row.get(2)?,
                    workload: row.get(3)?,
                    agenda_items: row.get(4)?,
                    action_items: row.get(5)?,
                    feedback: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let check_ins = sessions
            .iter()
            .rev()
            .filter(|s| s.mood.is_some() || s.workload.is_some())
            .map(|s| CheckIn {
                session: s.id,
                date: s.date,
                mood: s.mood,
                workload: s.workload,
            })
            .collect();
        let feedback = conn
            .prepare_cached(&format!(
                "{FEEDBACK_SELECT} WHERE s.member_id = +?1 ORDER BY s.date DESC, f.id DESC"
            ))?
            .query_map([id], feedback_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut action_items: Vec<super::ActionItem> = conn
            .prepare_cached(&format!(
                "{ACTION_SELECT} WHERE s.member_id = +?1 ORDER BY a.due_date IS NULL, a.due_date, a.id"
            ))?
            .query_map([id], action_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        action_items.sort_by_key(|item| item.done);
        Ok(PersonJournal {
            goals: read_goals(conn, id)?,
            person,
            schedule,
            sessions,
            check_ins,
            feedback,
            action_items,
        })
    }

    /// Every person's one-on-one schedule, by name.
    pub fn schedules(&self, today: NaiveDate) -> Result<Vec<PersonSchedule>> {
        let conn = self.conn();
        let mut dates: HashMap<MemberId, Vec<NaiveDate>> = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT member_id, date FROM one_on_ones")?;
        for row in stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))? {
            let (member, date) = row?;
            dates.entry(member).or_default().push(date);
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, cadence, start_date FROM members ORDER BY name, id",
        )?;
        let people = stmt
            .query_map([], |row| {
                let member: MemberId = row.get(0)?;
                let cadence = row.get(2)?;
                let start: Option<NaiveDate> = row.get(3)?;
                let sessions = dates.get(&member).map(Vec::as_slice).unwrap_or_default();
                Ok(PersonSchedule {
                    member,
                    name: row.get(1)?,
                    cadence,
                    schedule: schedule(cadence, sessions, start, today),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(people)
    }

    /// The people to meet by the end of this week, late ones included, soonest first.
    pub fn due_this_week(&self, today: NaiveDate) -> Result<Vec<PersonSchedule>> {
        Ok(due_this_week_list(self.schedules(today)?, today))
    }
}
