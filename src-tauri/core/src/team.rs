//! The lead's team: members and their skills.

use std::collections::BTreeMap;

use rusqlite::params;

use crate::error::{Error, Result};
use crate::model::{Member, MemberId, NewMember, Skill};
use crate::store::{Store, Tx};
use crate::validate;

impl Store {
    pub fn list_members(&self) -> Result<Vec<Member>> {
        let conn = self.conn();
        let mut skills: BTreeMap<MemberId, Vec<Skill>> = BTreeMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT member_id, skill, level FROM member_skills ORDER BY member_id, level DESC, skill",
        )?;
        for row in stmt.query_map([], |row| {
            Ok((
                row.get::<_, MemberId>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, u8>(2)?,
            ))
        })? {
            let (member, name, level) = row?;
            skills
                .entry(member)
                .or_default()
                .push(Skill { name, level });
        }
        let mut stmt =
            conn.prepare_cached("SELECT id, name, role FROM members ORDER BY name, id")?;
        let members = stmt
            .query_map([], |row| {
                let id: MemberId = row.get(0)?;
                Ok(Member {
                    id,
                    name: row.get(1)?,
                    role: row.get(2)?,
                    skills: skills.remove(&id).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(members)
    }

    pub fn create_member(&mut self, new: &NewMember) -> Result<MemberId> {
        let name = validate::name("name", "name", &new.name)?;
        let role = validate::role(&new.role)?;
        for skill in &new.skills {
            validate::name("skills", "skill name", &skill.name)?;
            if !(1..=5).contains(&skill.level) {
                return Err(Error::invalid("skills", "A skill level goes from 1 to 5."));
            }
        }
        let new = NewMember {
            name,
            role,
            skills: new.skills.clone(),
        };
        self.write(|tx| insert_member(tx, &new))
    }

    /// True when the lead has not made or loaded anything yet.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM boards) AND NOT EXISTS (SELECT 1 FROM members)",
            [],
            |row| row.get(0),
        )?)
    }
}

/// Inserts a member and their skills; the fields are already validated.
pub(crate) fn insert_member(tx: &Tx<'_>, new: &NewMember) -> Result<MemberId> {
    tx.execute(
        "INSERT INTO members (name, role, created_at) VALUES (?1, ?2, ?3)",
        params![new.name, new.role, tx.now],
    )?;
    let id = MemberId(tx.last_insert_rowid());
    for skill in &new.skills {
        tx.execute(
            "INSERT OR REPLACE INTO member_skills (member_id, skill, level) VALUES (?1, ?2, ?3)",
            params![id, skill.name.trim(), skill.level],
        )?;
    }
    Ok(id)
}
