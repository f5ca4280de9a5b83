//! Flow metrics and the roadblock radar against hand-computed fixtures.

use std::collections::HashMap;

use chrono::NaiveDate;
use teamlead_core::board::EventKind;
use teamlead_core::history::BoardHistory;
use teamlead_core::metrics::{self, nearest_rank, Calendar, DayFlow, Percentiles, Period, DAY_MS};
use teamlead_core::radar::{radar, OneOnOneDue, RadarConfig, RadarInput, RiskKind, Subject};
use teamlead_core::{
    Blocked, Board, BoardId, Card, CardEvent, CardId, ChecklistProgress, Column, ColumnId,
    EstimateUnit, Member, MemberId, Priority, Skill, Stage,
};

/// 2026-01-01 00:00 UTC, a Thursday.
pub const T0: i64 = 1_767_225_600_000;
pub const TODO: ColumnId = ColumnId(1);
pub const DOING: ColumnId = ColumnId(2);
pub const DONE: ColumnId = ColumnId(3);

/// Noon of day `d` after T0.
pub fn noon(d: i64) -> i64 {
    T0 + d * DAY_MS + DAY_MS / 2
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A board of three columns (to do, doing, done) and no cards yet.
pub fn empty_history() -> BoardHistory {
    let column = |id: ColumnId, name: &str, stage| Column {
        id,
        board_id: BoardId(1),
        name: name.into(),
        stage,
        wip_limit: None,
        archived_at: None,
    };
    BoardHistory {
        board: Board {
            id: BoardId(1),
            name: "Fixture".into(),
            estimate_unit: EstimateUnit::Points,
        },
        columns: vec![
            column(TODO, "To do", Stage::NotStarted),
            column(DOING, "Doing", Stage::InProgress),
            column(DONE, "Done", Stage::Done),
        ],
        cards: vec![],
        events: HashMap::new(),
        labels: vec![],
        members: vec![],
        goals: vec![],
        card_goals: HashMap::new(),
    }
}

/// Adds card `id` created on day `steps[0].0` in column `steps[0].1`, then moved at each
/// later step (at noon).
pub fn add_card(history: &mut BoardHistory, id: i64, title: &str, steps: &[(i64, ColumnId)]) {
    let mut events = Vec::new();
    let mut from = None;
    for &(day, column) in steps {
        events.push(CardEvent {
            kind: if from.is_none() {
                EventKind::Created
            } else {
                EventKind::Moved
            },
            from_column: from,
            to_column: Some(column),
            member: None,
            detail: None,
            at: noon(day),
        });
        from = Some(column);
    }
    history.cards.push(Card {
        id: CardId(id),
        column_id: from.unwrap(),
        rank: format!("{id}"),
        title: title.into(),
        description: String::new(),
        assignee: None,
        estimate: None,
        priority: Priority::Normal,
        due: None,
        blocked: None,
        labels: vec![],
        skills: vec![],
        checklist: ChecklistProgress::default(),
        pinned_to: None,
        archived_at: None,
        created_at: noon(steps[0].0),
        updated_at: noon(steps[steps.len() - 1].0),
    });
    history.events.insert(CardId(id), events);
}

pub fn card_mut(history: &mut BoardHistory, id: i64) -> &mut Card {
    history.cards.iter_mut().find(|c| c.id.0 == id).unwrap()
}

fn push_event(history: &mut BoardHistory, id: i64, kind: EventKind, day: i64) {
    history
        .events
        .get_mut(&CardId(id))
        .unwrap()
        .push(CardEvent {
            kind,
            from_column: None,
            to_column: None,
            member: None,
            detail: Some("waiting".into()),
            at: noon(day),
        });
}

/// The fixture every expectation below is computed from by hand:
///
/// | card | history (day: column)              | cycle | lead | notes                      |
/// |------|------------------------------------|-------|------|----------------------------|
/// | 1 A  | 0 todo, 1 doing, 3 done            | 2     | 3    | due Jan 4, done Jan 4      |
/// | 2 B  | 0 todo, 2 doing, 7 done            | 5     | 7    | due Jan 7, done Jan 8; blocked days 3 to 5 |
/// | 3 C  | 1 todo, 2 doing, 3 done            | 1     | 2    |                            |
/// | 4 D  | 4 doing, 5 done                    | 1     | 1    | created straight into doing |
/// | 5 E  | 0 todo, 5 doing                    |       |      | in progress                |
/// | 6 F  | 0 todo                             |       |      | blocked since day 8, due Jan 9 |
/// | 7 G  | 2 done                             | 0     | 0    | created straight into done |
pub fn fixture() -> BoardHistory {
    let mut h = empty_history();
    add_card(&mut h, 1, "A", &[(0, TODO), (1, DOING), (3, DONE)]);
    add_card(&mut h, 2, "B", &[(0, TODO), (2, DOING), (7, DONE)]);
    add_card(&mut h, 3, "C", &[(1, TODO), (2, DOING), (3, DONE)]);
    add_card(&mut h, 4, "D", &[(4, DOING), (5, DONE)]);
    add_card(&mut h, 5, "E", &[(0, TODO), (5, DOING)]);
    add_card(&mut h, 6, "F", &[(0, TODO)]);
    add_card(&mut h, 7, "G", &[(2, DONE)]);
    card_mut(&mut h, 1).due = Some(date(2026, 1, 4));
    card_mut(&mut h, 2).due = Some(date(2026, 1, 7));
    card_mut(&mut h, 6).due = Some(date(2026, 1, 9));
    push_event(&mut h, 2, EventKind::Blocked, 3);
    push_event(&mut h, 2, EventKind::Unblocked, 5);
    push_event(&mut h, 6, EventKind::Blocked, 8);
    card_mut(&mut h, 6).blocked = Some(Blocked {
        reason: "Waiting for the vendor".into(),
        since: noon(8),
    });
    h
}

fn compute(h: &BoardHistory, from: NaiveDate, to: NaiveDate, now: i64) -> metrics::Metrics {
    let flows = metrics::card_flows(h, now);
    metrics::compute(
        h,
        &flows,
        Period::new(from, to).unwrap(),
        now,
        &Calendar::utc(),
    )
}

#[test]
fn nearest_rank_percentiles() {
    // (values, p, expected)
    let cases: &[(&[f64], u32, Option<f64>)] = &[
        (&[], 50, None),
        (&[4.0], 50, Some(4.0)),
        (&[4.0], 95, Some(4.0)),
        (&[1.0, 2.0], 50, Some(1.0)),
        (&[1.0, 2.0], 85, Some(2.0)),
        (&[0.0, 1.0, 1.0, 2.0, 5.0], 50, Some(1.0)),
        (&[0.0, 1.0, 1.0, 2.0, 5.0], 85, Some(5.0)),
        (
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
            85,
            Some(9.0),
        ),
        (
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
            95,
            Some(10.0),
        ),
        (
            &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0],
            50,
            Some(5.0),
        ),
    ];
    for (values, p, expected) in cases {
        assert_eq!(nearest_rank(values, *p), *expected, "p{p} of {values:?}");
    }
    let unsorted = Percentiles::of(vec![5.0, 0.0, 2.0, 1.0, 1.0]);
    assert_eq!(
        (unsorted.count, unsorted.p50, unsorted.p85, unsorted.p95),
        (5, Some(1.0), Some(5.0), Some(5.0))
    );
}

#[test]
fn metrics_of_the_fixture_match_the_hand_computed_table() {
    let m = compute(&fixture(), date(2026, 1, 1), date(2026, 1, 14), noon(9));
    assert_eq!(m.today, date(2026, 1, 10));
    assert_eq!(m.delivered, 5);
    // Cycle: G 0, C 1, D 1, A 2, B 5. Lead: G 0, D 1, C 2, A 3, B 7.
    assert_eq!(
        (m.cycle.count, m.cycle.p50, m.cycle.p85, m.cycle.p95),
        (5, Some(1.0), Some(5.0), Some(5.0))
    );
    assert_eq!(
        (m.lead.count, m.lead.p50, m.lead.p85, m.lead.p95),
        (5, Some(2.0), Some(7.0), Some(7.0))
    );
    let weeks: Vec<(NaiveDate, u32)> = m.throughput.iter().map(|w| (w.week, w.done)).collect();
    assert_eq!(
        weeks,
        [
            (date(2025, 12, 29), 3),
            (date(2026, 1, 5), 2),
            (date(2026, 1, 12), 0)
        ]
    );
    // End of each day up to today: (not started, in progress, done).
    let flow: Vec<(u32, u32, u32)> = m
        .flow
        .iter()
        .map(|d: &DayFlow| (d.not_started, d.in_progress, d.done))
        .collect();
    assert_eq!(
        flow,
        [
            (4, 0, 0),
            (4, 1, 0),
            (2, 3, 1),
            (2, 1, 3),
            (2, 2, 3),
            (1, 2, 4),
            (1, 2, 4),
            (1, 1, 5),
            (1, 1, 5),
            (1, 1, 5),
        ]
    );
    assert_eq!(m.flow.first().unwrap().day, date(2026, 1, 1));
    assert_eq!(m.flow.last().unwrap().day, date(2026, 1, 10));
    assert_eq!(m.wip_now, 1);
    assert_eq!(m.wip_mean, Some(1.4));
    assert_eq!(m.reference_p85, Some(5.0));
    assert_eq!(m.aging.len(), 1);
    assert_eq!(
        (m.aging[0].card, m.aging[0].age_days, m.aging[0].over_p85),
        (CardId(5), 4.0, false)
    );
    assert_eq!(
        (m.blocked.cards, m.blocked.days, m.blocked.blocked_now),
        (2, 3.0, 1)
    );
    assert_eq!(
        (
            m.due.done_with_due,
            m.due.on_time,
            m.due.overdue_open,
            m.due.hit_rate()
        ),
        (2, 1, 1, Some(0.5))
    );
    let points: Vec<(i64, f64)> = m.cycle_points.iter().map(|p| (p.card.0, p.days)).collect();
    assert_eq!(points, [(7, 0.0), (1, 2.0), (3, 1.0), (4, 1.0), (2, 5.0)]);
}

/// (name, from, to, now, delivered, cycle p50, throughput per week, days of flow)
#[test]
fn periods_select_the_work_done_within_them() {
    type Case = (
        &'static str,
        NaiveDate,
        NaiveDate,
        i64,
        u32,
        Option<f64>,
        Vec<u32>,
        usize,
    );
    let cases: Vec<Case> = vec![
        (
            "first three days",
            date(2026, 1, 1),
            date(2026, 1, 3),
            noon(9),
            1,
            Some(0.0),
            vec![1],
            3,
        ),
        (
            "the fourth alone",
            date(2026, 1, 4),
            date(2026, 1, 4),
            noon(9),
            2,
            Some(1.0),
            vec![2],
            1,
        ),
        (
            "second week",
            date(2026, 1, 5),
            date(2026, 1, 11),
            noon(9),
            2,
            Some(1.0),
            vec![2],
            6,
        ),
        (
            "before any event",
            date(2025, 12, 1),
            date(2025, 12, 14),
            noon(9),
            0,
            None,
            vec![0, 0],
            14,
        ),
        (
            "all in the future",
            date(2026, 2, 1),
            date(2026, 2, 7),
            noon(9),
            0,
            None,
            vec![0, 0],
            0,
        ),
    ];
    let h = fixture();
    for (name, from, to, now, delivered, p50, weeks, days) in cases {
        let m = compute(&h, from, to, now);
        assert_eq!(m.delivered, delivered, "{name}: delivered");
        assert_eq!(m.cycle.p50, p50, "{name}: cycle p50");
        assert_eq!(
            m.throughput.iter().map(|w| w.done).collect::<Vec<_>>(),
            weeks,
            "{name}: throughput"
        );
        assert_eq!(m.flow.len(), days, "{name}: flow days");
    }
}

#[test]
fn an_empty_board_has_empty_metrics() {
    let m = compute(
        &empty_history(),
        date(2026, 1, 1),
        date(2026, 1, 14),
        noon(9),
    );
    assert_eq!(m.delivered, 0);
    assert_eq!(m.cycle, Percentiles::default());
    assert_eq!(m.reference_p85, None);
    assert!(m.aging.is_empty());
    assert_eq!(m.due.hit_rate(), None);
    assert!(m
        .flow
        .iter()
        .all(|d| d.not_started + d.in_progress + d.done == 0));
    assert_eq!(m.wip_mean, Some(0.0));
}

#[test]
fn events_out_of_order_or_in_the_future_are_read_sensibly() {
    let mut h = empty_history();
    add_card(&mut h, 1, "Skewed", &[(1, TODO), (3, DOING), (5, DONE)]);
    // Stored out of order.
    h.events.get_mut(&CardId(1)).unwrap().reverse();
    // Started in the future: read as starting now.
    add_card(&mut h, 2, "Future", &[(1, TODO), (20, DOING)]);
    // Created in the future altogether.
    add_card(&mut h, 3, "Ahead", &[(30, TODO), (31, DOING), (32, DONE)]);
    let now = noon(9);
    let m = compute(&h, date(2026, 1, 1), date(2026, 1, 14), now);
    assert_eq!(m.cycle_points.len(), 2, "{:?}", m.cycle_points);
    assert_eq!(m.cycle_points[0].days, 2.0);
    // The card from the future is done "now", with no negative duration anywhere.
    assert_eq!(m.cycle_points[1].days, 0.0);
    assert!(m
        .cycle_points
        .iter()
        .all(|p| p.days >= 0.0 && p.done_at <= now));
    let flows = metrics::card_flows(&h, now);
    for f in &flows {
        assert!(f.lead_days().unwrap_or(0.0) >= 0.0);
        assert!(f.created_at <= now && f.last_moved_at <= now);
    }
    assert_eq!(m.aging.len(), 1);
    assert_eq!(m.aging[0].age_days, 0.0);
}

#[test]
fn a_done_card_archived_later_stays_done_and_an_abandoned_one_leaves() {
    let mut h = empty_history();
    add_card(&mut h, 1, "Shipped", &[(0, TODO), (1, DOING), (2, DONE)]);
    add_card(&mut h, 2, "Dropped", &[(0, TODO), (1, DOING)]);
    push_event(&mut h, 1, EventKind::Archived, 3);
    push_event(&mut h, 2, EventKind::Archived, 3);
    card_mut(&mut h, 1).archived_at = Some(noon(3));
    card_mut(&mut h, 2).archived_at = Some(noon(3));
    let m = compute(&h, date(2026, 1, 1), date(2026, 1, 5), noon(4));
    let flow: Vec<(u32, u32, u32)> = m
        .flow
        .iter()
        .map(|d| (d.not_started, d.in_progress, d.done))
        .collect();
    assert_eq!(
        flow,
        [(2, 0, 0), (0, 2, 0), (0, 1, 1), (0, 0, 1), (0, 0, 1)]
    );
    assert_eq!(m.delivered, 1);
    assert!(m.aging.is_empty(), "archived cards are not in progress");
}

#[test]
fn days_follow_the_leads_time_zone() {
    let mut h = empty_history();
    // 23:30 UTC on Jan 4 is already Jan 5 at UTC+2.
    add_card(&mut h, 1, "Late", &[(0, TODO), (1, DOING)]);
    h.events.get_mut(&CardId(1)).unwrap().push(CardEvent {
        kind: EventKind::Moved,
        from_column: Some(DOING),
        to_column: Some(DONE),
        member: None,
        detail: None,
        at: T0 + 3 * DAY_MS + 23 * DAY_MS / 24 + DAY_MS / 48,
    });
    h.cards[0].column_id = DONE;
    let utc = compute(&h, date(2026, 1, 5), date(2026, 1, 5), noon(9));
    assert_eq!(utc.delivered, 0);
    let flows = metrics::card_flows(&h, noon(9));
    let east = metrics::compute(
        &h,
        &flows,
        Period::new(date(2026, 1, 5), date(2026, 1, 5)).unwrap(),
        noon(9),
        &Calendar::with_offset_seconds(2 * 3600),
    );
    assert_eq!(east.delivered, 1);
}

#[test]
fn periods_are_checked() {
    assert!(Period::new(date(2026, 1, 2), date(2026, 1, 1)).is_err());
    assert!(Period::new(date(2000, 1, 1), date(2026, 1, 1)).is_err());
    let today = date(2026, 1, 8);
    assert_eq!(
        Period::this_week(today),
        Period::new(date(2026, 1, 5), today).unwrap()
    );
    assert_eq!(
        Period::last_two_weeks(today),
        Period::new(date(2025, 12, 26), today).unwrap()
    );
}

fn member(id: i64, name: &str, skills: &[(&str, u8)]) -> Member {
    Member {
        id: MemberId(id),
        name: name.into(),
        role: String::new(),
        skills: skills
            .iter()
            .map(|(n, l)| Skill {
                name: (*n).into(),
                level: *l,
            })
            .collect(),
    }
}

#[test]
fn the_radar_flags_each_risk_with_its_reason_and_subject() {
    let mut h = fixture();
    h.members = vec![
        member(1, "Ana", &[("Rust", 5), ("SQL", 4)]),
        member(2, "Bo", &[("Rust", 3), ("SQL", 2)]),
    ];
    card_mut(&mut h, 5).assignee = Some(MemberId(1));
    card_mut(&mut h, 5).estimate = Some(teamlead_core::Estimate(800));
    card_mut(&mut h, 6).assignee = Some(MemberId(1));
    card_mut(&mut h, 6).skills = vec![teamlead_core::SkillNeed {
        skill: "SQL".into(),
        min_level: 3,
    }];
    // Card 8: due tomorrow and not started.
    add_card(&mut h, 8, "Soon", &[(9, TODO)]);
    card_mut(&mut h, 8).due = Some(date(2026, 1, 15));
    let now = noon(13); // Jan 14; E has not moved for 8 days.
    let flows = metrics::card_flows(&h, now);
    let capacity = HashMap::from([(MemberId(1), 5.0), (MemberId(2), 10.0)]);
    let one_on_ones = [
        OneOnOneDue {
            member: MemberId(1),
            last_held: Some(date(2025, 12, 20)),
            every_days: 14,
        },
        OneOnOneDue {
            member: MemberId(2),
            last_held: Some(date(2026, 1, 10)),
            every_days: 14,
        },
    ];
    let risks = radar(&RadarInput {
        history: &h,
        flows: &flows,
        reference_p85: Some(5.0),
        now,
        calendar: Calendar::utc(),
        capacity: Some(&capacity),
        one_on_ones: &one_on_ones,
        config: RadarConfig::default(),
    });
    let got: Vec<(RiskKind, String, String)> = risks
        .iter()
        .map(|r| (r.kind, r.key(), r.why.clone()))
        .collect();
    let expected = vec![
        (
            RiskKind::Blocked,
            "blocked:card:6".to_owned(),
            "Blocked for 5 days in To do: Waiting for the vendor".to_owned(),
        ),
        (
            RiskKind::Overdue,
            "overdue:card:6".to_owned(),
            "Was due 2026-01-09, 5 days ago, and is in To do.".to_owned(),
        ),
        (
            RiskKind::DueSoon,
            "due_soon:card:8".to_owned(),
            "Due tomorrow (2026-01-15) and not started.".to_owned(),
        ),
        (
            RiskKind::Stale,
            "stale:card:5".to_owned(),
            "No move for 8 days in Doing, longer than the 85th percentile of cycle time (5 days)."
                .to_owned(),
        ),
        (
            RiskKind::OverCapacity,
            "over_capacity:member:1".to_owned(),
            "Open work of 9 points on 2 cards is over their capacity of 5 points.".to_owned(),
        ),
        (
            RiskKind::SingleSkill,
            "single_skill:skill:sql".to_owned(),
            "Only Ana holds it at level 3 or above; 1 open card needs it.".to_owned(),
        ),
        (
            RiskKind::OneOnOneOverdue,
            "one_on_one_overdue:member:1".to_owned(),
            "The last one-on-one was 25 days ago (2025-12-20); they are meant to be every 14 days."
                .to_owned(),
        ),
    ];
    assert_eq!(got, expected);
    assert_eq!(risks[0].subject, Subject::Card(CardId(6)));
    assert_eq!(risks[4].subject, Subject::Member(MemberId(1)));
    assert_eq!(risks[5].subject, Subject::Skill("SQL".into(), MemberId(1)));
}

#[test]
fn a_card_that_moved_within_a_day_is_not_stale_even_when_cards_finish_in_hours() {
    let h = fixture();
    let flows = metrics::card_flows(&h, noon(13));
    let stale = |now: i64, p85: f64| {
        radar(&RadarInput {
            history: &h,
            flows: &flows,
            reference_p85: Some(p85),
            now,
            calendar: Calendar::utc(),
            capacity: None,
            one_on_ones: &[],
            config: RadarConfig::default(),
        })
        .iter()
        .filter(|r| r.kind == RiskKind::Stale)
        .map(|r| r.key())
        .collect::<Vec<_>>()
    };
    let moved = flows
        .iter()
        .find(|f| f.card == CardId(5))
        .expect("card 5")
        .last_moved_at;
    // Cycle time of a few hours: a day without a move is the least that counts as stale.
    assert!(stale(moved + DAY_MS / 2, 0.1).is_empty());
    assert!(stale(moved + DAY_MS, 0.0).is_empty());
    assert_eq!(stale(moved + DAY_MS + DAY_MS / 4, 0.1), ["stale:card:5"]);
    // Above a day, the 85th percentile decides.
    assert!(stale(moved + 2 * DAY_MS, 3.0).is_empty());
    assert_eq!(stale(moved + 4 * DAY_MS, 3.0), ["stale:card:5"]);
}

#[test]
fn the_radar_of_an_empty_board_is_empty() {
    let h = empty_history();
    let risks = radar(&RadarInput {
        history: &h,
        flows: &[],
        reference_p85: None,
        now: noon(3),
        calendar: Calendar::utc(),
        capacity: None,
        one_on_ones: &[],
        config: RadarConfig::default(),
    });
    assert!(risks.is_empty());
}
