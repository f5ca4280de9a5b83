//! Workload balancing over IPC: the Workload view, suggestions and applying them, capacity,
//! time off and pins. Capacities and estimates are numbers of units here, hundredths in the
//! core; days are YYYY-MM-DD strings here, checked on the way in.

use serde::{Deserialize, Serialize};
use teamlead_core as core;
use teamlead_core::plan as planner;
use teamlead_core::workload as wl;
use ts_rs::TS;

use crate::{day, EstimateUnit, IpcError};

/// The days a view or a plan covers, YYYY-MM-DD, both included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct Horizon {
    pub start: String,
    pub end: String,
}

impl Horizon {
    /// Both days checked as real calendar days; the core checks the order and the length.
    pub fn to_core(&self) -> Result<planner::Horizon, IpcError> {
        Ok(planner::Horizon {
            start: day(&self.start)?,
            end: day(&self.end)?,
        })
    }
}

impl From<planner::Horizon> for Horizon {
    fn from(h: planner::Horizon) -> Self {
        Horizon {
            start: h.start.format("%Y-%m-%d").to_string(),
            end: h.end.format("%Y-%m-%d").to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct WorkloadQuery {
    #[ts(type = "number")]
    pub board_id: i64,
    pub horizon: Horizon,
}

/// Each person's open work on a board against their capacity in a horizon, and who has which
/// skill.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Workload {
    pub horizon: Horizon,
    pub unit: EstimateUnit,
    /// Every team member, by name.
    pub people: Vec<PersonWorkload>,
    /// Every skill someone has or an open card needs, by name.
    pub skills: Vec<SkillCoverage>,
    /// Open cards nobody has.
    pub unassigned: UnassignedWork,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonWorkload {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    /// Units per week of five working days; null when not set (counted as none).
    pub weekly_capacity: Option<f64>,
    /// Every period they are away, earliest first.
    pub time_off: Vec<TimeOff>,
    /// Monday to Friday in the horizon, minus days off.
    pub working_days: u32,
    /// Units they can take on in the horizon.
    pub available: f64,
    /// Units of open work assigned to them.
    pub assigned: f64,
    pub open_cards: u32,
    /// Open cards assigned to them without an estimate (weighing nothing).
    pub unestimated: u32,
    /// Assigned / available; null when they have no capacity in the horizon.
    pub utilisation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TimeOff {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    /// YYYY-MM-DD, both included.
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SkillCoverage {
    pub skill: String,
    /// Highest level first.
    pub holders: Vec<SkillHolder>,
    /// Open cards that need it.
    pub open_cards: u32,
    /// Only one person has it: the bus factor is one.
    pub single_holder: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SkillHolder {
    #[ts(type = "number")]
    pub member_id: i64,
    /// 1 to 5.
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UnassignedWork {
    pub open_cards: u32,
    pub unestimated: u32,
    /// Units.
    pub estimate: f64,
}

/// Asks for suggestions: for every unassigned open card (`cardIds` null) or for these cards.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SuggestPlan {
    #[ts(type = "number")]
    pub board_id: i64,
    pub horizon: Horizon,
    #[ts(type = "number[] | null")]
    pub card_ids: Option<Vec<i64>>,
    /// Also propose moving assigned cards that are neither started nor pinned.
    pub rebalance: bool,
    /// Allow stretch work towards people's growth goals.
    pub stretch: bool,
    /// 0 to 1: the share of a person's capacity that may be stretch work.
    pub max_stretch_share: f64,
}

impl SuggestPlan {
    pub fn horizon(&self) -> Result<planner::Horizon, IpcError> {
        self.horizon.to_core()
    }

    pub fn options(&self) -> planner::PlanOptions {
        planner::PlanOptions {
            scope: match &self.card_ids {
                None => planner::Scope::Unassigned,
                Some(ids) => planner::Scope::Cards(ids.iter().map(|&i| core::CardId(i)).collect()),
            },
            rebalance: self.rebalance,
            stretch: self.stretch,
            max_stretch_share: self.max_stretch_share,
        }
    }
}

/// The suggestions the lead accepted, applied as one action.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct ApplyPlan {
    #[ts(type = "number")]
    pub board_id: i64,
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct Assignment {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
}

impl ApplyPlan {
    pub fn accepted(&self) -> Vec<(core::CardId, core::MemberId)> {
        self.assignments
            .iter()
            .map(|a| (core::CardId(a.card_id), core::MemberId(a.member_id)))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SetCapacity {
    #[ts(type = "number")]
    pub member_id: i64,
    /// Units per week, 0 to 10,000; null clears.
    pub weekly_capacity: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct AddTimeOff {
    #[ts(type = "number")]
    pub member_id: i64,
    /// YYYY-MM-DD, both included.
    pub start: String,
    pub end: String,
}

impl AddTimeOff {
    pub fn days(&self) -> Result<(chrono::NaiveDate, chrono::NaiveDate), IpcError> {
        Ok((day(&self.start)?, day(&self.end)?))
    }
}

/// Pins a card to its assignee, or unpins it.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct PinCard {
    #[ts(type = "number")]
    pub card_id: i64,
    pub pinned: bool,
}

fn units(centi: u64) -> f64 {
    centi as f64 / 100.0
}

impl From<wl::TimeOffPeriod> for TimeOff {
    fn from(t: wl::TimeOffPeriod) -> Self {
        TimeOff {
            id: t.id.0,
            member_id: t.member.0,
            start: t.start.format("%Y-%m-%d").to_string(),
            end: t.end.format("%Y-%m-%d").to_string(),
        }
    }
}

impl From<wl::Workload> for Workload {
    fn from(w: wl::Workload) -> Self {
        Workload {
            horizon: w.horizon.into(),
            unit: w.unit.into(),
            people: w
                .people
                .into_iter()
                .map(|p| PersonWorkload {
                    member_id: p.member.0,
                    name: p.name,
                    weekly_capacity: p.weekly_capacity.map(|c| units(u64::from(c))),
                    time_off: p.time_off.into_iter().map(Into::into).collect(),
                    working_days: p.available.working_days,
                    available: p.available.centi() / 100.0,
                    assigned: units(p.assigned_centi),
                    open_cards: p.open_cards,
                    unestimated: p.unestimated,
                    utilisation: p.utilisation,
                })
                .collect(),
            skills: w
                .skills
                .into_iter()
                .map(|s| SkillCoverage {
                    single_holder: s.single_holder(),
                    skill: s.skill,
                    holders: s
                        .holders
                        .into_iter()
                        .map(|h| SkillHolder {
                            member_id: h.member.0,
                            level: h.level,
                        })
                        .collect(),
                    open_cards: s.open_cards,
                })
                .collect(),
            unassigned: UnassignedWork {
                open_cards: w.unassigned_cards,
                unestimated: w.unassigned_unestimated,
                estimate: units(w.unassigned_centi),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn requests_refuse_unknown_fields_and_bad_days() {
        let parsed: Result<SetCapacity, _> =
            serde_json::from_str(r#"{"memberId": 1, "weeklyCapacity": 8, "capacity": 8}"#);
        assert!(parsed.is_err());
        let parsed: SuggestPlan = serde_json::from_str(
            r#"{"boardId": 1, "horizon": {"start": "2026-03-02", "end": "2026-03-13"},
                "cardIds": [4, 5], "rebalance": true, "stretch": false, "maxStretchShare": 0.2}"#,
        )
        .unwrap();
        assert_eq!(
            parsed.options().scope,
            planner::Scope::Cards(vec![core::CardId(4), core::CardId(5)])
        );
        assert!(parsed.options().rebalance);
        let bad = AddTimeOff {
            member_id: 1,
            start: "2026-02-30".into(),
            end: "2026-03-02".into(),
        };
        let error = bad.days().unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(
            error.message,
            "\u{201c}2026-02-30\u{201d} is not a date; write it as YYYY-MM-DD."
        );
        // A capacity that is not a number cannot even be read: JSON has no NaN.
        let nan: Result<SetCapacity, _> =
            serde_json::from_str(r#"{"memberId": 1, "weeklyCapacity": NaN}"#);
        assert!(nan.is_err());
    }

    #[test]
    fn a_workload_comes_out_in_units() {
        let mut store = core::Store::open_in_memory().unwrap();
        let board = store.seed_demo().unwrap();
        let horizon = Horizon {
            start: "2026-03-02".into(),
            end: "2026-03-13".into(),
        };
        let w: Workload = store
            .workload(board, horizon.to_core().unwrap())
            .unwrap()
            .into();
        let ana = &w.people[0];
        assert_eq!(ana.name, "Ana Souza");
        assert_eq!(
            (ana.weekly_capacity, ana.working_days, ana.available),
            (Some(8.0), 10, 16.0)
        );
        assert_eq!(w.horizon, horizon);
        let json = serde_json::to_value(&w).unwrap();
        assert!(json["people"][0]["utilisation"].is_number(), "{json}");
        assert!(json["skills"][0]["singleHolder"].is_boolean(), "{json}");
    }
}
