//! The workload planner: tables of cases, exact optima on small instances, and properties.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use proptest::prelude::*;
use teamlead_core::plan::gen::Rng;
use teamlead_core::plan::{
    available_capacity, plan, weekdays, Horizon, Plan, PlanCard, PlanInput, PlanOptions,
    PlanPerson, Priority, Scope, SkillNeed, TimeOff, UnassignedReason, EXACT_LIMIT,
};
use teamlead_core::{CardId, Error, Estimate, MemberId, Skill};

// --- building inputs ---------------------------------------------------------------------------

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Monday 2 to Friday 6 March 2026: five working days.
fn week() -> Horizon {
    Horizon {
        start: day("2026-03-02"),
        end: day("2026-03-06"),
    }
}

const NAMES: [&str; 6] = ["Ana", "Bea", "Cem", "Dara", "Eli", "Femi"];

/// Person `id` (named from NAMES) with a weekly capacity in units and skills.
fn person(id: i64, weekly: f64, skills: &[(&str, u8)]) -> PlanPerson {
    PlanPerson {
        id: MemberId(id),
        name: NAMES[(id - 1) as usize].to_owned(),
        weekly_capacity: (weekly * 100.0).round() as u32,
        time_off: vec![],
        skills: skills
            .iter()
            .map(|&(name, level)| Skill {
                name: name.to_owned(),
                level,
            })
            .collect(),
        growth_goals: vec![],
    }
}

/// An unassigned, normal-priority card estimated in units (None: no estimate).
fn card(id: i64, estimate: Option<f64>, needs: &[(&str, u8)]) -> PlanCard {
    PlanCard {
        id: CardId(id),
        title: format!("Card {id}"),
        estimate: estimate.map(|e| Estimate((e * 100.0).round() as u32)),
        needs: needs
            .iter()
            .map(|&(name, min_level)| SkillNeed {
                name: name.to_owned(),
                min_level,
            })
            .collect(),
        priority: Priority::Normal,
        due: None,
        pin: None,
        assignee: None,
        started: false,
    }
}

fn assigned(mut card: PlanCard, to: i64) -> PlanCard {
    card.assignee = Some(MemberId(to));
    card
}

fn input(people: Vec<PlanPerson>, cards: Vec<PlanCard>) -> PlanInput {
    PlanInput {
        people,
        cards,
        horizon: week(),
        options: PlanOptions::default(),
    }
}

fn name(input: &PlanInput, id: MemberId) -> &str {
    &input.people.iter().find(|p| p.id == id).unwrap().name
}

/// The plan in one line per card: `#1 → Bea`, `#2 → Cem (stretch Rust, mentor Bea)`,
/// `#3 move Ana → Bea`, `#4 unassigned NoRoom`.
fn summary(input: &PlanInput, plan: &Plan) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &plan.suggestions {
        let mut line = format!("#{} → {}", s.card.0, name(input, s.person));
        if let Some(stretch) = &s.stretch {
            line += &format!(
                " (stretch {}, mentor {})",
                stretch.skill,
                name(input, stretch.mentor)
            );
        }
        if s.pinned {
            line += " (pinned)";
        }
        lines.push(line);
    }
    for m in &plan.moves {
        lines.push(format!(
            "#{} move {} → {}",
            m.card.0,
            name(input, m.from),
            name(input, m.to)
        ));
    }
    for u in &plan.unassigned {
        lines.push(format!("#{} unassigned {:?}", u.card.0, u.reason));
    }
    lines
}

/// Plans `input` and compares the summary with `expect`, showing both on failure.
#[track_caller]
fn check(input: &PlanInput, expect: &[&str]) -> Plan {
    let plan = plan(input).unwrap();
    let actual = summary(input, &plan);
    assert_eq!(
        actual, expect,
        "\nexpected: {expect:#?}\nactual:   {actual:#?}\nplan: {plan:#?}"
    );
    plan
}

// --- capacity ------------------------------------------------------------------------------------

#[test]
fn available_capacity_counts_working_days_not_off() {
    let off = |a: &str, b: &str| TimeOff {
        start: day(a),
        end: day(b),
    };
    let two_weeks = Horizon {
        start: day("2026-03-02"),
        end: day("2026-03-15"),
    };
    // (weekly centi, horizon, time off, working days, available centi)
    let cases: Vec<(u32, Horizon, Vec<TimeOff>, u32, f64)> = vec![
        (1000, week(), vec![], 5, 1000.0),
        (1000, two_weeks, vec![], 10, 2000.0),
        (250, two_weeks, vec![], 10, 500.0),
        // Wednesday and Thursday off.
        (
            1000,
            week(),
            vec![off("2026-03-04", "2026-03-05")],
            3,
            600.0,
        ),
        // Overlapping and adjacent periods count each day once.
        (
            1000,
            two_weeks,
            vec![
                off("2026-03-03", "2026-03-05"),
                off("2026-03-04", "2026-03-06"),
                off("2026-03-09", "2026-03-09"),
            ],
            5,
            1000.0,
        ),
        // Off over the weekend only: nothing lost.
        (
            1000,
            two_weeks,
            vec![off("2026-03-07", "2026-03-08")],
            10,
            2000.0,
        ),
        // Outside the horizon, or straddling its start.
        (
            1000,
            week(),
            vec![
                off("2026-02-20", "2026-03-02"),
                off("2026-04-01", "2026-04-09"),
            ],
            4,
            800.0,
        ),
        // The whole horizon off.
        (1000, week(), vec![off("2026-01-01", "2026-12-31")], 0, 0.0),
        // A horizon that is one Saturday.
        (
            1000,
            Horizon {
                start: day("2026-03-07"),
                end: day("2026-03-07"),
            },
            vec![],
            0,
            0.0,
        ),
        // Three days at 3.33 a week: fractions of hundredths are kept.
        (
            333,
            Horizon {
                start: day("2026-03-02"),
                end: day("2026-03-04"),
            },
            vec![],
            3,
            199.8,
        ),
        (0, week(), vec![], 5, 0.0),
    ];
    for (weekly, horizon, time_off, days, centi) in cases {
        let available = available_capacity(weekly, horizon, &time_off);
        assert_eq!(
            (available.working_days, available.centi()),
            (days, centi),
            "weekly {weekly}, {horizon:?}, off {time_off:?}"
        );
    }
}

#[test]
fn weekdays_match_counting_day_by_day() {
    let start = day("2024-12-20");
    for length in 0..40 {
        for offset in 0..8 {
            let a = start + chrono::Days::new(offset);
            let b = a + chrono::Days::new(length);
            let mut counted = 0;
            let mut d = a;
            while d <= b {
                use chrono::Datelike;
                if d.weekday().number_from_monday() <= 5 {
                    counted += 1;
                }
                d = d.succ_opt().unwrap();
            }
            assert_eq!(weekdays(a, b), counted, "{a} to {b}");
        }
    }
    assert_eq!(weekdays(day("2026-03-06"), day("2026-03-02")), 0);
    // Far dates do not overflow.
    assert_eq!(weekdays(day("0001-01-01"), day("0001-01-07")), 5);
}

// --- tables of cases -----------------------------------------------------------------------------

#[test]
fn eligibility_needs_every_skill_at_the_level() {
    let people = || {
        vec![
            person(1, 10.0, &[("Rust", 3), ("SQL", 5)]),
            person(2, 10.0, &[("rust", 4)]),
            person(3, 10.0, &[("Rust", 2), ("SQL", 3)]),
        ]
    };
    // Rust 4: only Bea (skill names compare without case).
    check(
        &input(people(), vec![card(1, Some(2.0), &[("Rust", 4)])]),
        &["#1 → Bea"],
    );
    // Rust 2 and SQL 4: only Ana.
    check(
        &input(
            people(),
            vec![card(1, Some(2.0), &[("Rust", 2), ("SQL", 4)])],
        ),
        &["#1 → Ana"],
    );
    // Rust 2 and SQL 3: Ana and Cem; equal load, so the lower id.
    check(
        &input(
            people(),
            vec![card(1, Some(2.0), &[("Rust", 2), ("SQL", 3)])],
        ),
        &["#1 → Ana"],
    );
    // No needs: anyone; three cards spread over three people.
    check(
        &input(
            people(),
            vec![
                card(1, Some(2.0), &[]),
                card(2, Some(2.0), &[]),
                card(3, Some(2.0), &[]),
            ],
        ),
        &["#1 → Ana", "#2 → Bea", "#3 → Cem"],
    );
    // Nobody at Rust 5.
    check(
        &input(people(), vec![card(1, Some(1.0), &[("Rust", 5)])]),
        &["#1 unassigned NobodyQualified"],
    );
}

#[test]
fn time_off_moves_work_to_whoever_is_there() {
    let mut ana = person(1, 10.0, &[("Rust", 5)]);
    ana.time_off = vec![TimeOff {
        start: day("2026-03-02"),
        end: day("2026-03-05"),
    }];
    let bea = person(2, 10.0, &[("Rust", 4)]);
    // Ana has one day (2 units): a 3-unit card goes to Bea, a 1-unit one to either.
    let plan = check(
        &input(vec![ana, bea], vec![card(1, Some(3.0), &[("Rust", 4)])]),
        &["#1 → Bea"],
    );
    assert_eq!(plan.people[0].available.centi(), 200.0);
    assert_eq!(plan.people[0].available.working_days, 1);
    assert_eq!(plan.people[1].after, Some(0.3));
}

#[test]
fn reasons_name_the_skills_the_level_and_the_alternative() {
    let people = vec![
        person(1, 10.0, &[("Rust", 3)]),
        person(2, 10.0, &[("Rust", 4)]),
    ];
    let cards = vec![
        assigned(card(1, Some(9.0), &[]), 1),
        assigned(card(2, Some(1.0), &[]), 2),
        card(3, Some(3.0), &[("Rust", 3)]),
        card(4, None, &[("Rust", 4)]),
    ];
    let mut case = input(people, cards);
    case.options.scope = Scope::Cards(vec![CardId(3), CardId(4)]);
    let plan = check(&case, &["#3 → Bea", "#4 → Bea"]);
    assert_eq!(
        plan.suggestions[0].reason,
        "Bea: Rust 4, 40% after this; Ana would be at 120%"
    );
    assert_eq!(
        plan.suggestions[1].reason,
        "Bea: Rust 4, 40% after this; nobody else can take it; no estimate, so it weighs nothing"
    );
    assert_eq!(plan.unestimated, 1);
    assert_eq!(plan.max_utilisation, 0.9);
    assert_eq!(
        (plan.people[0].before, plan.people[1].before),
        (Some(0.9), Some(0.1))
    );
}

#[test]
fn under_shortage_priority_then_due_date_go_first() {
    let people = || vec![person(1, 5.0, &[])];
    let with = |id: i64, estimate: f64, priority: Priority, due: Option<&str>| {
        let mut c = card(id, Some(estimate), &[]);
        c.priority = priority;
        c.due = due.map(day);
        c
    };
    // 5 units of room: the urgent 3 and the high 2; the low one waits.
    let plan = check(
        &input(
            people(),
            vec![
                with(1, 3.0, Priority::Low, None),
                with(2, 3.0, Priority::Urgent, None),
                with(3, 2.0, Priority::High, None),
            ],
        ),
        &["#2 → Ana", "#3 → Ana", "#1 unassigned NoRoom"],
    );
    assert_eq!(
        plan.unassigned[0].text,
        "Everyone who can take it is full: Ana would be at 160%"
    );
    assert_eq!(plan.max_utilisation, 1.0);
    // Same priority: the earlier due date, then cards with a due date before those without.
    check(
        &input(
            people(),
            vec![
                with(1, 3.0, Priority::Normal, None),
                with(2, 3.0, Priority::Normal, Some("2026-03-20")),
                with(3, 3.0, Priority::Normal, Some("2026-03-10")),
            ],
        ),
        &["#3 → Ana", "#2 unassigned NoRoom", "#1 unassigned NoRoom"],
    );
    // A later, smaller card still fills the room left.
    check(
        &input(
            people(),
            vec![
                with(1, 4.0, Priority::Urgent, None),
                with(2, 3.0, Priority::High, None),
                with(3, 1.0, Priority::Low, None),
            ],
        ),
        &["#1 → Ana", "#3 → Ana", "#2 unassigned NoRoom"],
    );
}

#[test]
fn pins_are_kept_whatever_the_skills_and_load() {
    let people = || vec![person(1, 2.0, &[]), person(2, 10.0, &[("Rust", 5)])];
    let pinned = |id: i64, to: i64| {
        let mut c = card(id, Some(3.0), &[("Rust", 5)]);
        c.pin = Some(MemberId(to));
        c
    };
    // Unassigned and pinned to Ana, who lacks Rust and capacity: still Ana.
    let plan = check(&input(people(), vec![pinned(1, 1)]), &["#1 → Ana (pinned)"]);
    assert_eq!(plan.suggestions[0].reason, "Pinned to Ana; 150% after this");
    // Assigned to Bea but pinned to Ana: a move to the pin, even without rebalancing.
    check(
        &input(people(), vec![assigned(pinned(1, 1), 2)]),
        &["#1 move Bea → Ana"],
    );
    // Pinned load counts against Ana, and pinned cards never move when rebalancing.
    let mut case = input(
        people(),
        vec![
            pinned(1, 1),
            card(2, Some(1.0), &[]),
            assigned(pinned(3, 1), 1),
        ],
    );
    case.options.rebalance = true;
    check(&case, &["#1 → Ana (pinned)", "#2 → Bea"]);
}

#[test]
fn stretch_goes_to_a_growth_goal_one_level_short_with_a_mentor() {
    let team = |goal: &str, share: f64| {
        let mut cem = person(3, 10.0, &[("Rust", 3)]);
        cem.growth_goals = vec![goal.to_owned()];
        let mut case = input(
            vec![
                person(1, 10.0, &[("Rust", 4)]),
                person(2, 10.0, &[("Rust", 5)]),
                cem,
                person(4, 10.0, &[("Rust", 2)]),
            ],
            vec![
                assigned(card(1, Some(10.0), &[]), 1),
                assigned(card(2, Some(9.0), &[]), 2),
                card(3, Some(2.0), &[("Rust", 4)]),
            ],
        );
        case.options.stretch = true;
        case.options.max_stretch_share = share;
        case
    };
    // Ana is full, Bea at 90%: Cem (Rust 3, wants Rust) takes it, mentored by Bea (level 5).
    let plan = check(&team("rust", 0.5), &["#3 → Cem (stretch Rust, mentor Bea)"]);
    assert_eq!(
        plan.suggestions[0].reason,
        "Cem: stretch in Rust (3 of 4, a growth goal), mentor Bea; 20% after this; \
         Bea would be at 110%"
    );
    // The share bound: 10% of 10 units is 1, the card is 2.
    let plan = check(&team("Rust", 0.1), &["#3 unassigned NoRoom"]);
    assert_eq!(
        plan.unassigned[0].text,
        "Everyone who can take it is full: Cem would pass their stretch share, \
         Bea would be at 110%, Ana would be at 120%"
    );
    // Not a growth goal: Cem cannot take it.
    check(&team("SQL", 1.0), &["#3 unassigned NoRoom"]);
    // Without the option, nobody short of the level is considered.
    let mut off = team("Rust", 1.0);
    off.options.stretch = false;
    check(&off, &["#3 unassigned NoRoom"]);
    // Two levels short is too far, even as a goal (Dara has Rust 2).
    let mut far = team("Rust", 1.0);
    far.people[2].skills[0].level = 2;
    far.people[3].growth_goals = vec!["Rust".into()];
    check(&far, &["#3 unassigned NoRoom"]);
}

#[test]
fn the_mentor_is_the_most_skilled_then_the_least_busy() {
    let mut cem = person(3, 10.0, &[("Go", 1)]);
    cem.growth_goals = vec!["Go".into()];
    let mut case = input(
        vec![
            person(1, 10.0, &[("Go", 4)]),
            person(2, 10.0, &[("Go", 4)]),
            cem,
        ],
        vec![
            assigned(card(1, Some(10.0), &[]), 1),
            assigned(card(2, Some(10.0), &[]), 2),
            card(3, Some(1.0), &[("Go", 2)]),
        ],
    );
    case.options.stretch = true;
    case.options.max_stretch_share = 1.0;
    // Equal levels, equal load: the lower id.
    check(&case, &["#3 → Cem (stretch Go, mentor Ana)"]);
    // Ana busier than Bea: Bea.
    case.cards[0].estimate = Some(Estimate(1100));
    check(&case, &["#3 → Cem (stretch Go, mentor Bea)"]);
    // A higher level wins over a lighter load.
    case.people[0].skills[0].level = 5;
    check(&case, &["#3 → Cem (stretch Go, mentor Ana)"]);
}

#[test]
fn cards_nobody_can_take_say_why() {
    let mut away = person(2, 10.0, &[("Rust", 5), ("SQL", 5)]);
    away.time_off = vec![TimeOff {
        start: day("2026-03-01"),
        end: day("2026-03-08"),
    }];
    let team = vec![
        person(1, 10.0, &[("Rust", 4), ("Go", 2)]),
        away,
        person(3, 0.0, &[("Go", 5), ("Rust", 4)]),
    ];
    type Needs = Vec<(&'static str, u8)>;
    let cases: Vec<(Needs, UnassignedReason, &str)> = vec![
        (
            vec![("Rust", 4), ("Go", 3)],
            UnassignedReason::NoCapacity,
            "Everyone who can take it has no capacity in this horizon (Cem)",
        ),
        (
            vec![("Rust", 5)],
            UnassignedReason::NoCapacity,
            "Everyone who can take it has no capacity in this horizon (Bea)",
        ),
        (
            vec![("Kotlin", 1)],
            UnassignedReason::NobodyQualified,
            "Nobody has Kotlin at level 1",
        ),
        (
            vec![("Go", 3), ("SQL", 2)],
            UnassignedReason::NobodyQualified,
            "Nobody has all of Go 3, SQL 2 together",
        ),
        (
            vec![("Rust", 3)],
            UnassignedReason::NoRoom,
            "Everyone who can take it is full: Ana would be at 300%",
        ),
    ];
    for (needs, reason, text) in cases {
        // Ana is kept busy so the last case has no room.
        let case = input(
            team.clone(),
            vec![
                assigned(card(1, Some(10.0), &[]), 1),
                card(2, Some(20.0), &needs),
            ],
        );
        let plan = plan(&case).unwrap();
        assert_eq!(plan.suggestions, vec![], "{needs:?}");
        assert_eq!(
            (plan.unassigned[0].reason, plan.unassigned[0].text.as_str()),
            (reason, text),
            "{needs:?}"
        );
    }
    // An empty team.
    let plan = plan(&input(vec![], vec![card(1, Some(1.0), &[])])).unwrap();
    assert_eq!(plan.unassigned[0].text, "There is nobody on the team");
    assert_eq!((plan.max_utilisation, plan.lower_bound), (0.0, 0.0));
}

#[test]
fn rebalance_moves_the_fewest_cards_that_reach_the_lowest_level() {
    let people = || {
        vec![
            person(1, 10.0, &[("Rust", 4)]),
            person(2, 12.0, &[("Rust", 4)]),
            person(3, 10.0, &[]),
        ]
    };
    let case = |rebalance: bool| {
        let mut started = assigned(card(4, Some(2.0), &[]), 1);
        started.started = true;
        let mut pinned = assigned(card(5, Some(2.0), &[]), 1);
        pinned.pin = Some(MemberId(1));
        let mut c = input(
            people(),
            vec![
                assigned(card(1, Some(4.0), &[("Rust", 4)]), 1),
                assigned(card(2, Some(3.0), &[("Rust", 4)]), 1),
                assigned(card(3, Some(2.0), &[("Rust", 4)]), 1),
                started,
                pinned,
            ],
        );
        c.options.rebalance = rebalance;
        c
    };
    // Ana has 13 of 10: 4, 3 and 2 may move (only to Bea, who has Rust), 2 started, 2 pinned.
    // Best level: Ana 6 of 10 (2+2+2), Bea 7 of 12 (4+3); no single move gets below 80%.
    let plan = check(&case(true), &["#1 move Ana → Bea", "#2 move Ana → Bea"]);
    assert_eq!(plan.max_utilisation, 0.6);
    assert!(plan.optimal);
    assert_eq!(
        plan.moves[0].reason,
        "Ana would be at 100% with it, 60% without; Bea: Rust 4, 58% after this"
    );
    // Without rebalancing nothing moves.
    let plan = check(&case(false), &[]);
    assert_eq!(plan.max_utilisation, 1.3);
    assert_eq!(plan.people[0].before, Some(1.3));
}

#[test]
fn rebalance_takes_work_off_someone_away_for_the_whole_horizon() {
    let mut ana = person(1, 10.0, &[]);
    ana.time_off = vec![TimeOff {
        start: day("2026-03-02"),
        end: day("2026-03-06"),
    }];
    let mut case = input(
        vec![ana, person(2, 10.0, &[])],
        vec![
            assigned(card(1, Some(4.0), &[]), 1),
            assigned(card(2, Some(8.0), &[]), 1),
        ],
    );
    case.options.rebalance = true;
    // Only one fits Bea; the larger one, as moving it leaves less stranded.
    let plan = check(&case, &["#2 move Ana → Bea"]);
    assert_eq!(plan.people[0].after, None);
    assert_eq!(plan.people[0].after_centi, 400);
}

#[test]
fn odd_inputs_give_a_plan_not_a_crash() {
    // Nothing at all.
    let plan = check(&input(vec![], vec![]), &[]);
    assert_eq!(plan.max_utilisation, 0.0);
    // Everyone at zero capacity, people with no skills, zero estimates.
    let plan = check(
        &input(
            vec![person(1, 0.0, &[]), person(2, 0.0, &[])],
            vec![card(1, Some(0.0), &[]), card(2, None, &[("Rust", 1)])],
        ),
        &["#1 unassigned NoCapacity", "#2 unassigned NobodyQualified"],
    );
    assert_eq!(plan.people[0].after, None);
    // Zero-size cards go to someone with capacity even when everyone is exactly full.
    check(
        &input(
            vec![person(1, 1.0, &[])],
            vec![
                assigned(card(1, Some(1.0), &[]), 1),
                card(2, Some(0.0), &[]),
            ],
        ),
        &["#2 → Ana"],
    );
    // The largest values do not overflow.
    let big = input(
        vec![person(1, 10_000.0, &[])],
        (1..=50).map(|i| card(i, Some(10_000.0), &[])).collect(),
    );
    let plan = teamlead_core::plan::plan(&big).unwrap();
    assert_eq!(plan.suggestions.len(), 1);
    assert_eq!(plan.unassigned.len(), 49);
}

#[test]
fn bad_input_is_refused_with_the_field_named() {
    let good = || {
        input(
            vec![person(1, 10.0, &[("Rust", 3)]), person(2, 10.0, &[])],
            vec![card(1, Some(1.0), &[("Rust", 1)]), card(2, Some(1.0), &[])],
        )
    };
    type Edit = fn(&mut PlanInput);
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            |i| i.people[1].id = MemberId(1),
            "people",
            "Two people have the id 1.",
        ),
        (
            |i| i.cards[1].id = CardId(1),
            "cards",
            "Two cards have the id 1.",
        ),
        (
            |i| i.cards[0].pin = Some(MemberId(9)),
            "pin",
            "Card 1 is pinned to person 9, who is not on the team.",
        ),
        (
            |i| i.cards[0].assignee = Some(MemberId(9)),
            "assignee",
            "Card 1 is assigned to person 9, who is not on the team.",
        ),
        (
            |i| i.people[0].skills[0].level = 6,
            "skills",
            "Ana's level in Rust must be from 1 to 5.",
        ),
        (
            |i| i.cards[0].needs[0].min_level = 0,
            "needs",
            "Card 1 needs Rust at a level from 1 to 5.",
        ),
        (
            |i| std::mem::swap(&mut i.horizon.start, &mut i.horizon.end),
            "horizon",
            "The horizon ends before it starts.",
        ),
        (
            |i| i.options.max_stretch_share = f64::NAN,
            "maxStretchShare",
            "The stretch share must be a number from 0 to 1.",
        ),
        (
            |i| i.options.max_stretch_share = 1.5,
            "maxStretchShare",
            "The stretch share must be a number from 0 to 1.",
        ),
        (
            |i| i.options.scope = Scope::Cards(vec![CardId(7)]),
            "scope",
            "Card 7 is not among the cards.",
        ),
        (
            |i| i.options.scope = Scope::Cards(vec![CardId(1), CardId(1)]),
            "scope",
            "Card 1 is listed twice.",
        ),
        (
            |i| i.people[0].weekly_capacity = 1_000_001,
            "weeklyCapacity",
            "Ana's weekly capacity can be at most 10000.",
        ),
        (
            |i| i.cards[0].estimate = Some(Estimate(1_000_001)),
            "estimate",
            "The estimate of card 1 can be at most 10000.",
        ),
        (
            |i| i.people[0].name = " ".into(),
            "people",
            "The person's name cannot be empty.",
        ),
        (
            |i| i.cards[0].title = String::new(),
            "title",
            "The title cannot be empty.",
        ),
    ];
    assert!(plan(&good()).is_ok());
    for (edit, field, message) in cases {
        let mut bad = good();
        edit(&mut bad);
        match plan(&bad) {
            Err(Error::InvalidInput {
                field: f,
                message: m,
            }) => {
                assert_eq!((f, m.as_str()), (field, message))
            }
            other => panic!("expected {field}: {message}, got {other:?}"),
        }
    }
}

// --- exact optima on small instances -------------------------------------------------------------

/// A random small team and board; every rule has a chance to matter.
fn small_instance(rng: &mut Rng, max_people: u64, max_cards: u64) -> PlanInput {
    const SKILLS: [&str; 3] = ["Rust", "SQL", "Go"];
    let horizon = Horizon {
        start: day("2026-03-02"),
        end: day("2026-03-13"),
    };
    let n_people = 1 + rng.below(max_people);
    let people: Vec<PlanPerson> = (1..=n_people as i64)
        .map(|id| {
            let mut p = person(id, 0.0, &[]);
            p.weekly_capacity = *rng.pick(&[0, 300, 500, 800, 1000, 1000, 1250]);
            for skill in SKILLS {
                if rng.chance(60) {
                    p.skills.push(Skill {
                        name: skill.into(),
                        level: 1 + rng.below(5) as u8,
                    });
                }
                if rng.chance(50) {
                    p.growth_goals.push(skill.into());
                }
            }
            if rng.chance(25) {
                let first = horizon.start + chrono::Days::new(rng.below(12));
                p.time_off.push(TimeOff {
                    start: first,
                    end: first + chrono::Days::new(rng.below(10)),
                });
            }
            p
        })
        .collect();
    let n_cards = rng.below(max_cards + 1);
    let cards = (1..=n_cards as i64)
        .map(|id| {
            let mut c = card(id, None, &[]);
            c.estimate = rng
                .chance(90)
                .then(|| Estimate(*rng.pick(&[0, 50, 100, 200, 300, 300, 500, 800, 1300])));
            for skill in SKILLS {
                if rng.chance(30) {
                    c.needs.push(SkillNeed {
                        name: skill.into(),
                        min_level: 1 + rng.below(4) as u8,
                    });
                }
            }
            c.priority = *rng.pick(&[
                Priority::Urgent,
                Priority::High,
                Priority::Normal,
                Priority::Low,
            ]);
            if rng.chance(40) {
                c.due = Some(horizon.start + chrono::Days::new(rng.below(20)));
            }
            if rng.chance(40) {
                c.assignee = Some(MemberId(1 + rng.below(n_people) as i64));
                c.started = rng.chance(30);
            }
            if rng.chance(10) {
                c.pin = Some(MemberId(1 + rng.below(n_people) as i64));
            }
            c
        })
        .collect();
    let scope = if rng.chance(20) {
        Scope::Cards(
            (1..=n_cards as i64)
                .filter(|_| rng.chance(50))
                .map(CardId)
                .collect(),
        )
    } else {
        Scope::Unassigned
    };
    PlanInput {
        people,
        cards,
        horizon,
        options: PlanOptions {
            scope,
            rebalance: rng.chance(50),
            stretch: rng.chance(50),
            max_stretch_share: *rng.pick(&[0.0, 0.2, 0.5, 1.0]),
        },
    }
}

/// The rules, restated from the planner's documentation, on ids instead of indices.
struct Rules<'a> {
    input: &'a PlanInput,
    /// Weekly capacity × working days: five times the available hundredths.
    cap: BTreeMap<MemberId, u64>,
}

impl<'a> Rules<'a> {
    fn new(input: &'a PlanInput) -> Rules<'a> {
        let cap = input
            .people
            .iter()
            .map(|p| {
                let a = available_capacity(p.weekly_capacity, input.horizon, &p.time_off);
                (
                    p.id,
                    u64::from(p.weekly_capacity) * u64::from(a.working_days),
                )
            })
            .collect();
        Rules { input, cap }
    }

    fn person(&self, id: MemberId) -> &PlanPerson {
        self.input.people.iter().find(|p| p.id == id).unwrap()
    }

    fn level(&self, id: MemberId, skill: &str) -> u8 {
        self.person(id)
            .skills
            .iter()
            .filter(|s| s.name.eq_ignore_ascii_case(skill))
            .map(|s| s.level)
            .max()
            .unwrap_or(0)
    }

    fn size(card: &PlanCard) -> u64 {
        card.estimate.map_or(0, |e| u64::from(e.0) * 5)
    }

    fn qualified(&self, id: MemberId, card: &PlanCard) -> bool {
        card.needs
            .iter()
            .all(|n| self.level(id, &n.name) >= n.min_level)
    }

    /// The need `id` is one level short of as a growth goal, with a mentor available.
    fn stretch_need<'c>(&self, id: MemberId, card: &'c PlanCard) -> Option<&'c SkillNeed> {
        if !self.input.options.stretch {
            return None;
        }
        let short: Vec<&SkillNeed> = card
            .needs
            .iter()
            .filter(|n| self.level(id, &n.name) < n.min_level)
            .collect();
        let [need] = short[..] else { return None };
        let goal = self
            .person(id)
            .growth_goals
            .iter()
            .any(|g| g.eq_ignore_ascii_case(&need.name));
        let mentor = self.input.people.iter().any(|m| {
            m.id != id && self.cap[&m.id] > 0 && self.level(m.id, &need.name) >= need.min_level
        });
        (goal && mentor && self.level(id, &need.name) + 1 == need.min_level).then_some(need)
    }

    fn budget(&self, id: MemberId) -> u64 {
        (self.cap[&id] as f64 * self.input.options.max_stretch_share).floor() as u64
    }

    fn in_scope(&self, card: &PlanCard) -> bool {
        match &self.input.options.scope {
            Scope::Unassigned => card.assignee.is_none(),
            Scope::Cards(ids) => ids.contains(&card.id),
        }
    }

    fn movable(&self, card: &PlanCard) -> bool {
        self.input.options.rebalance
            && card.pin.is_none()
            && !self.in_scope(card)
            && card.assignee.is_some()
            && !card.started
    }
}

/// A card to place: its size, its assignee if it may stay, and who may take it (stretch or not).
struct Slot {
    size: u64,
    home: Option<MemberId>,
    options: Vec<(MemberId, bool)>,
}

/// The best (stranded load, highest utilisation, moves) over every plan that places the same
/// cards as `plan` under the rules, by exhaustive search.
fn exact_optimum(input: &PlanInput, plan: &Plan) -> (u64, f64, u32) {
    let rules = Rules::new(input);
    let suggested: BTreeSet<CardId> = plan
        .suggestions
        .iter()
        .filter(|s| !s.pinned)
        .map(|s| s.card)
        .collect();
    let mut fixed: BTreeMap<MemberId, u64> = rules.cap.keys().map(|&p| (p, 0)).collect();
    let mut slots = Vec::new();
    for card in &input.cards {
        let size = Rules::size(card);
        if let Some(pin) = card.pin {
            *fixed.get_mut(&pin).unwrap() += size;
        } else if suggested.contains(&card.id) || rules.movable(card) {
            let options = input
                .people
                .iter()
                .filter(|p| rules.cap[&p.id] > 0)
                .filter_map(|p| {
                    if rules.qualified(p.id, card) {
                        Some((p.id, false))
                    } else {
                        rules.stretch_need(p.id, card).map(|_| (p.id, true))
                    }
                })
                .collect();
            let home = rules.movable(card).then(|| card.assignee.unwrap());
            slots.push(Slot {
                size,
                home,
                options,
            });
        } else if !rules.in_scope(card) {
            if let Some(a) = card.assignee {
                *fixed.get_mut(&a).unwrap() += size;
            }
        }
    }
    slots.sort_by_key(|s| std::cmp::Reverse(s.size));
    let mut search = ExactSearch {
        rules: &rules,
        slots: &slots,
        load: fixed.clone(),
        stretch: BTreeMap::new(),
        foreign: BTreeMap::new(),
        best: (u64::MAX, f64::INFINITY, u32::MAX),
    };
    search.dfs(0, 0, 0);
    search.best
}

struct ExactSearch<'a> {
    rules: &'a Rules<'a>,
    slots: &'a [Slot],
    load: BTreeMap<MemberId, u64>,
    stretch: BTreeMap<MemberId, u64>,
    foreign: BTreeMap<MemberId, u32>,
    best: (u64, f64, u32),
}

impl ExactSearch<'_> {
    fn value(&self, stranded: u64, moves: u32) -> (u64, f64, u32) {
        let max = self
            .load
            .iter()
            .filter(|(p, _)| self.rules.cap[p] > 0)
            .map(|(p, &l)| l as f64 / self.rules.cap[p] as f64)
            .fold(0.0, f64::max);
        (stranded, max, moves)
    }

    /// Lexicographically smaller.
    fn better(a: (u64, f64, u32), b: (u64, f64, u32)) -> bool {
        a.0.cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .is_lt()
    }

    fn dfs(&mut self, k: usize, stranded: u64, moves: u32) {
        // Every part of the value only grows as cards are added.
        let now = self.value(stranded, moves);
        if !Self::better(now, self.best) {
            return;
        }
        if k == self.slots.len() {
            self.best = now;
            return;
        }
        let slot = &self.slots[k];
        let mut choices: Vec<(MemberId, bool, bool)> =
            slot.options.iter().map(|&(p, s)| (p, s, false)).collect();
        if let Some(home) = slot.home {
            choices.retain(|c| c.0 != home);
            choices.push((home, false, true));
        }
        for (p, stretch, home) in choices {
            let cap = self.rules.cap[&p];
            let load = self.load[&p] + slot.size;
            let foreign = self.foreign.get(&p).copied().unwrap_or(0) + u32::from(!home);
            if foreign > 0 && load > cap {
                continue;
            }
            let stretch_load = self.stretch.get(&p).copied().unwrap_or(0);
            if stretch && stretch_load + slot.size > self.rules.budget(p) {
                continue;
            }
            *self.load.get_mut(&p).unwrap() += slot.size;
            *self.foreign.entry(p).or_default() += u32::from(!home);
            if stretch {
                *self.stretch.entry(p).or_default() += slot.size;
            }
            let stranded = stranded + if cap == 0 { slot.size } else { 0 };
            self.dfs(
                k + 1,
                stranded,
                moves + u32::from(!home && slot.home.is_some()),
            );
            *self.load.get_mut(&p).unwrap() -= slot.size;
            *self.foreign.get_mut(&p).unwrap() -= u32::from(!home);
            if stretch {
                *self.stretch.get_mut(&p).unwrap() -= slot.size;
            }
        }
    }
}

/// The plan's own (stranded load, highest utilisation, moves).
fn plan_value(input: &PlanInput, plan: &Plan) -> (u64, f64, u32) {
    let rules = Rules::new(input);
    let stranded = input
        .cards
        .iter()
        .filter(|c| rules.movable(c) && rules.cap[&c.assignee.unwrap()] == 0)
        .filter(|c| !plan.moves.iter().any(|m| m.card == c.id))
        .map(Rules::size)
        .sum();
    let moves = plan
        .moves
        .iter()
        .filter(|m| rules.movable(input.cards.iter().find(|c| c.id == m.card).unwrap()))
        .count() as u32;
    (stranded, plan.max_utilisation, moves)
}

#[test]
fn small_instances_reach_the_exact_optimum() {
    let mut rng = Rng::new(20_260_302);
    // How often each interesting outcome occurs, so the instances are known to exercise them.
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for round in 0..400 {
        let max_cards = if round % 4 == 0 { 12 } else { 8 };
        let input = small_instance(&mut rng, 5, max_cards);
        let plan = plan(&input).unwrap();
        let exact = exact_optimum(&input, &plan);
        let reached = plan_value(&input, &plan);
        assert_eq!(reached, exact, "round {round}\n{input:#?}\n{plan:#?}");
        assert!(
            plan.lower_bound <= exact.1,
            "round {round}: bound {} above the optimum {}",
            plan.lower_bound,
            exact.1
        );
        // At most EXACT_LIMIT cards to place or move: the search is exhaustive.
        assert!(plan.optimal, "round {round}");
        let outcomes = [
            ("suggestion", !plan.suggestions.is_empty()),
            (
                "stretch",
                plan.suggestions.iter().any(|s| s.stretch.is_some()),
            ),
            (
                "move",
                plan.moves.iter().any(|m| !m.reason.starts_with("Pinned")),
            ),
            (
                "no room",
                plan.unassigned
                    .iter()
                    .any(|u| u.reason == UnassignedReason::NoRoom),
            ),
            ("over 90%", plan.max_utilisation > 0.9),
            (
                "bound below reached",
                plan.lower_bound < plan.max_utilisation,
            ),
            ("stranded", exact.0 > 0),
        ];
        for (name, happened) in outcomes {
            *seen.entry(name).or_default() += u32::from(happened);
        }
    }
    const { assert!(EXACT_LIMIT >= 12) };
    for (name, count) in &seen {
        assert!(*count >= 5, "only {count} instances with {name}: {seen:?}");
    }
    println!("{seen:?}");
}

// --- properties ------------------------------------------------------------------------------------

/// Checks every rule a plan must keep; returns the first broken one.
fn broken_rule(input: &PlanInput, plan: &Plan) -> Option<String> {
    let rules = Rules::new(input);
    let card = |id: CardId| input.cards.iter().find(|c| c.id == id).unwrap();
    let mut load: BTreeMap<MemberId, u64> = rules.cap.keys().map(|&p| (p, 0)).collect();
    let mut receives: BTreeMap<MemberId, u32> = BTreeMap::new();
    let mut stretch: BTreeMap<MemberId, u64> = BTreeMap::new();
    let mut owner: BTreeMap<CardId, MemberId> = BTreeMap::new();
    for c in &input.cards {
        if let Some(who) = c.pin.or(c.assignee.filter(|_| !rules.in_scope(c))) {
            owner.insert(c.id, who);
        }
    }
    // Every card in scope is accounted for exactly once.
    let mut seen = BTreeSet::new();
    for id in plan
        .suggestions
        .iter()
        .map(|s| s.card)
        .chain(plan.unassigned.iter().map(|u| u.card))
    {
        if !seen.insert(id) {
            return Some(format!("card {} reported twice", id.0));
        }
    }
    let scoped: BTreeSet<CardId> = input
        .cards
        .iter()
        .filter(|c| rules.in_scope(c))
        .map(|c| c.id)
        .collect();
    if seen != scoped {
        return Some(format!("reported {seen:?}, in scope {scoped:?}"));
    }
    let placements = plan
        .suggestions
        .iter()
        .map(|s| (s.card, s.person, s.pinned, &s.stretch))
        .chain(plan.moves.iter().map(|m| (m.card, m.to, false, &m.stretch)));
    for (id, to, pinned, stretched) in placements {
        let c = card(id);
        if let Some(pin) = c.pin {
            if to != pin || (plan.suggestions.iter().any(|s| s.card == id) && !pinned) {
                return Some(format!(
                    "card {} pinned to {} went to {}",
                    id.0, pin.0, to.0
                ));
            }
        } else {
            if plan.moves.iter().any(|m| m.card == id) && !rules.movable(c) {
                return Some(format!("card {} may not move", id.0));
            }
            if rules.cap[&to] == 0 {
                return Some(format!(
                    "card {} given to {} who has no capacity",
                    id.0, to.0
                ));
            }
            match (rules.qualified(to, c), stretched) {
                (true, None) => {}
                (false, Some(s)) => {
                    let Some(need) = rules.stretch_need(to, c) else {
                        return Some(format!("card {} is no stretch for {}", id.0, to.0));
                    };
                    let mentor_level = rules.level(s.mentor, &need.name);
                    if s.mentor == to || mentor_level < need.min_level || rules.cap[&s.mentor] == 0
                    {
                        return Some(format!(
                            "card {}: mentor {} cannot mentor",
                            id.0, s.mentor.0
                        ));
                    }
                    *stretch.entry(to).or_default() += Rules::size(c);
                }
                _ => return Some(format!("card {} breaks a skill need with {}", id.0, to.0)),
            }
            *receives.entry(to).or_default() += 1;
        }
        owner.insert(id, to);
    }
    for (id, who) in &owner {
        *load.get_mut(who).unwrap() += Rules::size(card(*id));
    }
    for p in &plan.people {
        if p.after_centi * 5 != load[&p.person] {
            return Some(format!(
                "{} reported at {} but holds {}",
                p.person.0,
                p.after_centi,
                load[&p.person] / 5
            ));
        }
    }
    for (who, &n) in &receives {
        // Nobody is pushed over capacity.
        if n > 0 && load[who] > rules.cap[who] {
            return Some(format!("{} pushed over capacity", who.0));
        }
    }
    for (who, &s) in &stretch {
        if s > rules.budget(*who) {
            return Some(format!(
                "{} has {} of stretch work, more than the share",
                who.0, s
            ));
        }
    }
    // A card left without room fits nobody who could take it.
    for u in &plan.unassigned {
        let c = card(u.card);
        for p in &input.people {
            let fits = rules.cap[&p.id] > 0
                && load[&p.id] + Rules::size(c) <= rules.cap[&p.id]
                && (rules.qualified(p.id, c)
                    || rules.stretch_need(p.id, c).is_some()
                        && stretch.get(&p.id).copied().unwrap_or(0) + Rules::size(c)
                            <= rules.budget(p.id));
            if fits {
                return Some(format!(
                    "card {} left unassigned but fits {}",
                    u.card.0, p.id.0
                ));
            }
        }
    }
    // Each move is needed: taking it back would raise the highest level or break capacity.
    for m in plan.moves.iter().filter(|m| rules.movable(card(m.card))) {
        let from = m.from;
        if rules.cap[&from] == 0 {
            continue;
        }
        let back = load[&from] + Rules::size(card(m.card));
        let level = back as f64 / rules.cap[&from] as f64;
        let breaks = receives.get(&from).copied().unwrap_or(0) > 0 && back > rules.cap[&from];
        if level <= plan.max_utilisation && !breaks {
            return Some(format!("move of card {} is not needed", m.card.0));
        }
    }
    let max = load
        .iter()
        .filter(|(p, _)| rules.cap[p] > 0)
        .map(|(p, &l)| l as f64 / rules.cap[p] as f64)
        .fold(0.0, f64::max);
    if max != plan.max_utilisation {
        return Some(format!("max {} reported as {}", max, plan.max_utilisation));
    }
    if plan.lower_bound > plan.max_utilisation {
        return Some(format!(
            "bound {} above {}",
            plan.lower_bound, plan.max_utilisation
        ));
    }
    None
}

/// The same input listed in another order.
fn reordered(input: &PlanInput) -> PlanInput {
    let mut other = input.clone();
    other.people.reverse();
    other.cards.reverse();
    other
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn plans_keep_every_rule(seed in any::<u64>(), people in 1u64..7, cards in 0u64..40) {
        let input = small_instance(&mut Rng::new(seed), people, cards);
        let plan = plan(&input).unwrap();
        prop_assert_eq!(broken_rule(&input, &plan), None, "{:#?}", plan);
    }

    #[test]
    fn plans_are_deterministic_whatever_the_order(seed in any::<u64>(), cards in 0u64..40) {
        let input = small_instance(&mut Rng::new(seed), 6, cards);
        let first = plan(&input).unwrap();
        prop_assert_eq!(&first, &plan(&input).unwrap());
        prop_assert_eq!(&first, &plan(&reordered(&input)).unwrap());
    }

    #[test]
    fn nobody_is_overloaded_while_someone_able_has_room(seed in any::<u64>(), cards in 0u64..40) {
        let input = small_instance(&mut Rng::new(seed), 6, cards);
        let plan = plan(&input).unwrap();
        let rules = Rules::new(&input);
        let after: BTreeMap<MemberId, u64> =
            plan.people.iter().map(|p| (p.person, p.after_centi * 5)).collect();
        for s in plan.suggestions.iter().filter(|s| !s.pinned) {
            let c = input.cards.iter().find(|c| c.id == s.card).unwrap();
            if after[&s.person] <= rules.cap[&s.person] {
                continue;
            }
            for p in &input.people {
                let room = rules.cap[&p.id].saturating_sub(after[&p.id]);
                prop_assert!(
                    !(rules.qualified(p.id, c) && room > Rules::size(c)),
                    "card {} overloads {} while {} has room", c.id.0, s.person.0, p.id.0
                );
            }
        }
    }

    #[test]
    fn the_lower_bound_never_passes_the_reached_level(seed in any::<u64>(), cards in 0u64..60) {
        let input = small_instance(&mut Rng::new(seed), 6, cards);
        let plan = plan(&input).unwrap();
        prop_assert!(plan.lower_bound <= plan.max_utilisation, "{:#?}", plan);
        prop_assert!(plan.lower_bound >= 0.0);
    }
}
