//! The planner's file format (`teamlead plan FILE.json`, documented in `docs/plan-format.md`).
//!
//! Estimates and capacities are numbers of units (2.5 points); the core takes hundredths.
//! Numbers are checked here, where the card or person they belong to can still be named.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use teamlead_core as core;
use teamlead_core::plan as planner;
use teamlead_core::validate::MAX_ESTIMATE;

use ts_rs::TS;

use crate::IpcError;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRequest {
    pub horizon: HorizonDto,
    #[serde(default)]
    pub options: OptionsDto,
    pub people: Vec<PersonDto>,
    pub cards: Vec<CardDto>,
}

/// Dates as `YYYY-MM-DD`, both included.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HorizonDto {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OptionsDto {
    /// Suggest for these cards; absent or null: every unassigned card.
    #[serde(default)]
    pub cards: Option<Vec<i64>>,
    #[serde(default)]
    pub rebalance: bool,
    #[serde(default)]
    pub stretch: bool,
    #[serde(default = "default_stretch_share")]
    pub max_stretch_share: f64,
}

fn default_stretch_share() -> f64 {
    0.2
}

impl Default for OptionsDto {
    fn default() -> Self {
        OptionsDto {
            cards: None,
            rebalance: false,
            stretch: false,
            max_stretch_share: default_stretch_share(),
        }
    }
}

/// A number as the file has it: anything else is kept so the error can name its owner.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Number {
    Number(f64),
    Other(serde::de::IgnoredAny),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PersonDto {
    pub id: i64,
    pub name: String,
    /// Units per week (Monday to Friday).
    pub weekly_capacity: Number,
    #[serde(default)]
    pub time_off: Vec<HorizonDto>,
    #[serde(default)]
    pub skills: Vec<SkillDto>,
    #[serde(default)]
    pub growth_goals: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SkillDto {
    pub name: String,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NeedDto {
    pub name: String,
    pub min_level: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityDto {
    Urgent,
    High,
    #[default]
    Normal,
    Low,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CardDto {
    pub id: i64,
    pub title: String,
    /// Units; absent or null: not estimated.
    #[serde(default)]
    pub estimate: Option<Number>,
    #[serde(default)]
    pub needs: Vec<NeedDto>,
    #[serde(default)]
    pub priority: PriorityDto,
    #[serde(default)]
    pub due: Option<String>,
    /// The person it stays with.
    #[serde(default)]
    pub pin: Option<i64>,
    #[serde(default)]
    pub assignee: Option<i64>,
    #[serde(default)]
    pub started: bool,
}

/// The plan as the command line prints it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "Plan")]
pub struct PlanResponse {
    pub suggestions: Vec<SuggestionDto>,
    pub unassigned: Vec<UnassignedDto>,
    pub moves: Vec<MoveDto>,
    pub people: Vec<PersonLoadDto>,
    /// The highest utilisation with the plan applied (1.0 is full).
    pub max_utilisation: f64,
    /// No plan placing the same cards has a lower highest utilisation.
    pub lower_bound: f64,
    /// Cards considered that have no estimate (placed, but weighing nothing).
    pub unestimated: u32,
    /// The search was exhaustive.
    pub optimal: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "Suggestion")]
pub struct SuggestionDto {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub pinned: bool,
    pub stretch: Option<StretchDto>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "Stretch")]
pub struct StretchDto {
    pub skill: String,
    #[ts(type = "number")]
    pub mentor_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "UnassignedReason")]
pub enum UnassignedReasonDto {
    NobodyQualified,
    NoCapacity,
    NoRoom,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "UnassignedCard")]
pub struct UnassignedDto {
    #[ts(type = "number")]
    pub card_id: i64,
    pub reason: UnassignedReasonDto,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PlanMove")]
pub struct MoveDto {
    #[ts(type = "number")]
    pub card_id: i64,
    #[ts(type = "number")]
    pub from_id: i64,
    #[ts(type = "number")]
    pub to_id: i64,
    pub stretch: Option<StretchDto>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "PersonLoad")]
pub struct PersonLoadDto {
    #[ts(type = "number")]
    pub person_id: i64,
    pub working_days: u32,
    /// Units available in the horizon.
    pub available: f64,
    /// Units assigned now, and with the plan applied.
    pub before: f64,
    pub after: f64,
    /// Assigned / available; null when they have no capacity in the horizon.
    pub utilisation_before: Option<f64>,
    pub utilisation_after: Option<f64>,
}

fn invalid(message: String) -> IpcError {
    IpcError {
        code: crate::ErrorCode::InvalidInput,
        message,
    }
}

/// A number of units in hundredths; `what` names the field and its owner for the message.
fn centi(value: &Number, what: &str) -> Result<u32, IpcError> {
    match value {
        Number::Number(v) if !v.is_finite() => Err(invalid(format!("{what} must be a number."))),
        Number::Number(v) if *v < 0.0 => {
            Err(invalid(format!("{what} cannot be negative (found {v}).")))
        }
        Number::Number(v) if *v > MAX_ESTIMATE => Err(invalid(format!(
            "{what} can be at most {MAX_ESTIMATE} (found {v})."
        ))),
        // In range, so the rounded hundredths fit a u32.
        Number::Number(v) => Ok((v * 100.0).round() as u32),
        Number::Other(_) => Err(invalid(format!("{what} must be a number."))),
    }
}

fn date(value: &str, what: &str) -> Result<NaiveDate, IpcError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        invalid(format!(
            "{what} must be a date written YYYY-MM-DD (found {value:?})."
        ))
    })
}

impl PlanRequest {
    /// The core's input, with every number and date checked; the core checks the rest.
    pub fn to_input(&self) -> Result<planner::PlanInput, IpcError> {
        let horizon = planner::Horizon {
            start: date(&self.horizon.start, "The horizon's start")?,
            end: date(&self.horizon.end, "The horizon's end")?,
        };
        let mut people = Vec::with_capacity(self.people.len());
        for p in &self.people {
            let who = format!("Person {} ({})", p.id, p.name.trim());
            let time_off = p
                .time_off
                .iter()
                .map(|t| {
                    Ok(planner::TimeOff {
                        start: date(&t.start, &format!("{who}: the start of time off"))?,
                        end: date(&t.end, &format!("{who}: the end of time off"))?,
                    })
                })
                .collect::<Result<_, IpcError>>()?;
            people.push(planner::PlanPerson {
                id: core::MemberId(p.id),
                name: p.name.clone(),
                weekly_capacity: centi(&p.weekly_capacity, &format!("{who}: the weekly capacity"))?,
                time_off,
                skills: p
                    .skills
                    .iter()
                    .map(|s| core::Skill {
                        name: s.name.clone(),
                        level: s.level,
                    })
                    .collect(),
                growth_goals: p.growth_goals.clone(),
            });
        }
        let mut cards = Vec::with_capacity(self.cards.len());
        for c in &self.cards {
            let which = format!("Card {} ({:?})", c.id, c.title.trim());
            let estimate = match &c.estimate {
                None => None,
                Some(e) => Some(core::Estimate(centi(e, &format!("{which}: the estimate"))?)),
            };
            let due = match &c.due {
                None => None,
                Some(d) => Some(date(d, &format!("{which}: the due date"))?),
            };
            cards.push(planner::PlanCard {
                id: core::CardId(c.id),
                title: c.title.clone(),
                estimate,
                needs: c
                    .needs
                    .iter()
                    .map(|n| planner::SkillNeed {
                        name: n.name.clone(),
                        min_level: n.min_level,
                    })
                    .collect(),
                priority: match c.priority {
                    PriorityDto::Urgent => planner::Priority::Urgent,
                    PriorityDto::High => planner::Priority::High,
                    PriorityDto::Normal => planner::Priority::Normal,
                    PriorityDto::Low => planner::Priority::Low,
                },
                due,
                pin: c.pin.map(core::MemberId),
                assignee: c.assignee.map(core::MemberId),
                started: c.started,
            });
        }
        Ok(planner::PlanInput {
            people,
            cards,
            horizon,
            options: planner::PlanOptions {
                scope: match &self.options.cards {
                    None => planner::Scope::Unassigned,
                    Some(ids) => {
                        planner::Scope::Cards(ids.iter().map(|&i| core::CardId(i)).collect())
                    }
                },
                rebalance: self.options.rebalance,
                stretch: self.options.stretch,
                max_stretch_share: self.options.max_stretch_share,
            },
        })
    }

    /// Checks and plans.
    pub fn plan(&self) -> Result<PlanResponse, IpcError> {
        let plan = planner::plan(&self.to_input()?)?;
        Ok(plan.into())
    }
}

fn stretch(s: Option<planner::Stretch>) -> Option<StretchDto> {
    s.map(|s| StretchDto {
        skill: s.skill,
        mentor_id: s.mentor.0,
    })
}

impl From<planner::Plan> for PlanResponse {
    fn from(plan: planner::Plan) -> Self {
        PlanResponse {
            suggestions: plan
                .suggestions
                .into_iter()
                .map(|s| SuggestionDto {
                    card_id: s.card.0,
                    person_id: s.person.0,
                    pinned: s.pinned,
                    stretch: stretch(s.stretch),
                    reason: s.reason,
                })
                .collect(),
            unassigned: plan
                .unassigned
                .into_iter()
                .map(|u| UnassignedDto {
                    card_id: u.card.0,
                    reason: match u.reason {
                        planner::UnassignedReason::NobodyQualified => {
                            UnassignedReasonDto::NobodyQualified
                        }
                        planner::UnassignedReason::NoCapacity => UnassignedReasonDto::NoCapacity,
                        planner::UnassignedReason::NoRoom => UnassignedReasonDto::NoRoom,
                    },
                    text: u.text,
                })
                .collect(),
            moves: plan
                .moves
                .into_iter()
                .map(|m| MoveDto {
                    card_id: m.card.0,
                    from_id: m.from.0,
                    to_id: m.to.0,
                    stretch: stretch(m.stretch),
                    reason: m.reason,
                })
                .collect(),
            people: plan
                .people
                .into_iter()
                .map(|p| PersonLoadDto {
                    person_id: p.person.0,
                    working_days: p.available.working_days,
                    available: p.available.centi() / 100.0,
                    before: p.before_centi as f64 / 100.0,
                    after: p.after_centi as f64 / 100.0,
                    utilisation_before: p.before,
                    utilisation_after: p.after,
                })
                .collect(),
            max_utilisation: plan.max_utilisation,
            lower_bound: plan.lower_bound,
            unestimated: plan.unestimated,
            optimal: plan.optimal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
        "horizon": {"start": "2026-03-02", "end": "2026-03-06"},
        "options": {"rebalance": true},
        "people": [
            {"id": 1, "name": "Ana", "weeklyCapacity": 10, "skills": [{"name": "Rust", "level": 4}]},
            {"id": 2, "name": "Bea", "weeklyCapacity": 7.5}
        ],
        "cards": [
            {"id": 10, "title": "Parser", "estimate": 2.5, "needs": [{"name": "Rust", "minLevel": 3}]},
            {"id": 11, "title": "Docs", "estimate": 3, "priority": "high", "assignee": 1},
            {"id": 12, "title": "Triage", "due": "2026-03-04"}
        ]
    }"#;

    fn request(text: &str) -> PlanRequest {
        serde_json::from_str(text).unwrap()
    }

    /// The small request with one JSON fragment replaced.
    fn edited(from: &str, to: &str) -> Result<PlanRequest, serde_json::Error> {
        assert!(SMALL.contains(from), "{from}");
        serde_json::from_str(&SMALL.replacen(from, to, 1))
    }

    #[test]
    fn units_become_hundredths_and_the_plan_comes_back_in_units() {
        let input = request(SMALL).to_input().unwrap();
        assert_eq!(input.people[1].weekly_capacity, 750);
        assert_eq!(input.cards[0].estimate, Some(core::Estimate(250)));
        assert_eq!(input.cards[2].estimate, None);
        assert_eq!(input.cards[1].priority, planner::Priority::High);
        assert_eq!(input.options.max_stretch_share, 0.2);
        let response = request(SMALL).plan().unwrap();
        assert_eq!(
            response
                .suggestions
                .iter()
                .map(|s| (s.card_id, s.person_id))
                .collect::<Vec<_>>(),
            [(12, 2), (10, 1)]
        );
        // Docs moves from Ana to Bea: Ana would be at 55% with it, Bea is at 40% with it.
        assert_eq!(response.moves.len(), 1);
        assert_eq!(response.people[0].available, 10.0);
        assert_eq!(response.people[1].after, 3.0);
        assert!(response.lower_bound <= response.max_utilisation);
        let json = serde_json::to_value(&response).unwrap();
        assert!(json["maxUtilisation"].is_number(), "{json}");
        assert!(json["lowerBound"].is_number(), "{json}");
        assert_eq!(json["people"][0]["utilisationAfter"], 0.25);
    }

    #[test]
    fn bad_numbers_are_refused_naming_the_field_and_its_owner() {
        let cases = [
            (
                r#""estimate": 2.5"#,
                r#""estimate": -1"#,
                r#"Card 10 ("Parser"): the estimate cannot be negative (found -1)."#,
            ),
            (
                r#""estimate": 2.5"#,
                r#""estimate": "lots""#,
                r#"Card 10 ("Parser"): the estimate must be a number."#,
            ),
            (
                r#""estimate": 2.5"#,
                r#""estimate": 10000.5"#,
                r#"Card 10 ("Parser"): the estimate can be at most 10000 (found 10000.5)."#,
            ),
            (
                r#""weeklyCapacity": 7.5"#,
                r#""weeklyCapacity": -3"#,
                "Person 2 (Bea): the weekly capacity cannot be negative (found -3).",
            ),
            (
                r#""weeklyCapacity": 7.5"#,
                r#""weeklyCapacity": null"#,
                "Person 2 (Bea): the weekly capacity must be a number.",
            ),
            (
                r#""weeklyCapacity": 10,"#,
                r#""weeklyCapacity": 1e9,"#,
                "Person 1 (Ana): the weekly capacity can be at most 10000 (found 1000000000).",
            ),
            (
                r#""due": "2026-03-04""#,
                r#""due": "4 March""#,
                r#"Card 12 ("Triage"): the due date must be a date written YYYY-MM-DD (found "4 March")."#,
            ),
            (
                r#""start": "2026-03-02""#,
                r#""start": "2026-02-30""#,
                r#"The horizon's start must be a date written YYYY-MM-DD (found "2026-02-30")."#,
            ),
        ];
        for (from, to, message) in cases {
            let error = edited(from, to).unwrap().to_input().unwrap_err();
            assert_eq!(
                (error.code, error.message.as_str()),
                (crate::ErrorCode::InvalidInput, message)
            );
        }
    }

    #[test]
    fn core_rules_and_unknown_fields_are_refused_too() {
        // A pin to someone not in the file: the core's message.
        let error = edited(r#""assignee": 1"#, r#""pin": 9"#)
            .unwrap()
            .plan()
            .unwrap_err();
        assert_eq!(error.code, crate::ErrorCode::InvalidInput);
        assert_eq!(
            error.message,
            "Card 11 is pinned to person 9, who is not on the team."
        );
        let error = edited(r#""id": 2,"#, r#""id": 1,"#)
            .unwrap()
            .plan()
            .unwrap_err();
        assert_eq!(error.message, "Two people have the id 1.");
        // A misspelt field is an error, not silently ignored.
        let error = edited(r#""minLevel""#, r#""minlevel""#).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `minlevel`"),
            "{error}"
        );
        let error = edited(r#""priority": "high""#, r#""priority": "soon""#).unwrap_err();
        assert!(
            error.to_string().contains("unknown variant `soon`"),
            "{error}"
        );
    }
}
