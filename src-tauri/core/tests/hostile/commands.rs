//! One property test per app command: the calls its Tauri command makes in the core, in the
//! same order, with payloads from `input.rs`. The shell's own work (parsing JSON, dates
//! written YYYY-MM-DD) hands the core values of these types; any value of them is tried.

use chrono::{Duration, NaiveDate};
use proptest::option::of;
use proptest::prelude::*;
use proptest::sample::select;
use teamlead_core::journal::{self, NewActionItem, NewFeedback, NewGoal, NewSession, PersonUpdate};
use teamlead_core::metrics::{Calendar, Period};
use teamlead_core::plan::{Horizon, PlanOptions, Scope};
use teamlead_core::report::{self, ReportModel, Status};
use teamlead_core::{
    files, ActionItemId, AgendaItemId, AgendaStatus, BoardId, Cadence, CardId, ChecklistItemId,
    ColumnId, FeedbackId, FeedbackKind, GoalId, LabelColor, LabelId, MemberId, Owner, Placement,
    Priority, SessionId, Store, TeamGoalId, TemplateId, TimeOffId,
};

use super::input::{count, day, float, id, rare_id, text, texts};
use super::{Fixture, State};

impl Fixture {
    fn board(&self) -> BoxedStrategy<i64> {
        id(&self.ids.boards, &self.ids.every)
    }
    fn column(&self) -> BoxedStrategy<i64> {
        id(&self.ids.columns, &self.ids.every)
    }
    fn card(&self) -> BoxedStrategy<i64> {
        id(&self.ids.cards, &self.ids.every)
    }
    fn member(&self) -> BoxedStrategy<i64> {
        id(&self.ids.members, &self.ids.every)
    }
    fn label(&self) -> BoxedStrategy<i64> {
        id(&self.ids.labels, &self.ids.every)
    }
    fn checklist_item(&self) -> BoxedStrategy<i64> {
        id(&self.ids.checklist_items, &self.ids.every)
    }
    fn session(&self) -> BoxedStrategy<i64> {
        id(&self.ids.sessions, &self.ids.every)
    }
    fn agenda_item(&self) -> BoxedStrategy<i64> {
        id(&self.ids.agenda_items, &self.ids.every)
    }
    fn action_item(&self) -> BoxedStrategy<i64> {
        id(&self.ids.action_items, &self.ids.every)
    }
    fn feedback(&self) -> BoxedStrategy<i64> {
        id(&self.ids.feedback, &self.ids.every)
    }
    fn growth_goal(&self) -> BoxedStrategy<i64> {
        id(&self.ids.growth_goals, &self.ids.every)
    }
    fn template(&self) -> BoxedStrategy<i64> {
        id(&self.ids.templates, &self.ids.every)
    }
    fn time_off(&self) -> BoxedStrategy<i64> {
        id(&self.ids.time_off, &self.ids.every)
    }
    fn team_goal(&self) -> BoxedStrategy<i64> {
        id(&self.ids.team_goals, &self.ids.every)
    }
}

/// Two days: mostly a start and an end a little after it, sometimes any two.
fn span(longest: i64) -> BoxedStrategy<(NaiveDate, NaiveDate)> {
    prop_oneof![
        3 => (day(), -3i64..longest).prop_map(|(start, days)| {
            (start, start.checked_add_signed(Duration::days(days)).unwrap_or(start))
        }),
        1 => (day(), day()),
    ]
    .boxed()
}

fn horizon() -> BoxedStrategy<Horizon> {
    span(400)
        .prop_map(|(start, end)| Horizon { start, end })
        .boxed()
}

/// A report's period as `ReportPeriod::parse` makes it from two days.
fn period((from, to): (NaiveDate, NaiveDate)) -> teamlead_core::Result<Period> {
    Period::new(from, to)
}

/// What every report command builds first, as `report_commands::model` does.
fn model(
    store: &Store,
    board: i64,
    days: (NaiveDate, NaiveDate),
) -> teamlead_core::Result<ReportModel> {
    let period = period(days)?;
    let board = BoardId(board);
    let now = store.now();
    let calendar = Calendar::utc();
    let options = store.report_options(board, calendar.date_of(now))?;
    store.report_model(board, period, now, calendar, &options)
}

fn formats() -> impl Strategy<Value = report::Format> {
    select(vec![
        report::Format::Markdown,
        report::Format::Html,
        report::Format::Pdf,
        report::Format::Csv,
    ])
}

/// The states a command without a payload is tried from.
const EVERY_STATE: &[(u32, State)] = &[
    (6, State::Realistic),
    (2, State::Undone),
    (1, State::Fresh),
    (1, State::Empty),
];

// --- start and board ----------------------------------------------------------------------

pub fn workspace() {
    Fixture::in_states("workspace", EVERY_STATE).check(Just(()), |s, _, _| {
        s.is_empty()?;
        s.list_boards()?;
        Ok(())
    });
}

/// Only an empty workspace takes the demo; filling one is slow, so that state is rare.
pub fn seed_demo() {
    let states = &[
        (60, State::Realistic),
        (30, State::Fresh),
        (1, State::Empty),
    ];
    Fixture::in_states("seed_demo", states)
        .keeping(1)
        .check(Just(()), |s, _, _| {
            s.seed_demo()?;
            s.is_empty()?;
            s.list_boards()?;
            Ok(())
        });
}

pub fn start_fresh() {
    let states = &[
        (60, State::Realistic),
        (30, State::Fresh),
        (1, State::Empty),
    ];
    Fixture::in_states("start_fresh", states)
        .keeping(1)
        .check(Just(()), |s, _, _| {
            s.start_fresh()?;
            s.list_boards()?;
            Ok(())
        });
}

pub fn load_board() {
    let f = Fixture::new("load_board");
    let payload = f.board();
    f.check(payload, |s, board, _| {
        s.board_view(BoardId(*board)).map(drop)
    });
}

pub fn board_loads() {
    let f = Fixture::new("board_loads");
    let payload = f.board();
    f.check(payload, |s, board, _| {
        s.board_loads(BoardId(*board)).map(drop)
    });
}

pub fn list_members() {
    Fixture::in_states("list_members", EVERY_STATE)
        .check(Just(()), |s, _, _| s.list_members().map(drop));
}

pub fn create_card() {
    let f = Fixture::new("create_card");
    let payload = (f.column(), text());
    f.check(payload, |s, (column, title), _| {
        s.create_card(ColumnId(*column), title).map(drop)
    });
}

pub fn rename_card() {
    let f = Fixture::new("rename_card");
    let payload = (f.card(), text());
    f.check(payload, |s, (card, title), _| {
        s.rename_card(CardId(*card), title).map(drop)
    });
}

fn placement(column: i64, after: Option<i64>) -> Placement {
    Placement {
        column: ColumnId(column),
        after: after.map(CardId),
    }
}

pub fn move_card() {
    let f = Fixture::new("move_card");
    let payload = (f.card(), f.column(), of(f.card()));
    f.check(payload, |s, (card, column, after), _| {
        s.move_card(CardId(*card), placement(*column, *after))
            .map(drop)
    });
}

pub fn assign_card() {
    let f = Fixture::new("assign_card");
    let payload = (f.card(), of(f.member()));
    f.check(payload, |s, (card, member), _| {
        s.assign_card(CardId(*card), member.map(MemberId)).map(drop)
    });
}

pub fn place_card() {
    let f = Fixture::new("place_card");
    let payload = (f.card(), f.column(), of(f.card()), of(f.member()));
    f.check(payload, |s, (card, column, after, member), _| {
        s.place_card(
            CardId(*card),
            placement(*column, *after),
            member.map(MemberId),
        )
        .map(drop)
    });
}

pub fn set_wip_limit() {
    let f = Fixture::new("set_wip_limit");
    let payload = (f.column(), of(count()));
    f.check(payload, |s, (column, limit), _| {
        s.set_wip_limit(ColumnId(*column), *limit).map(drop)
    });
}

pub fn set_estimate() {
    let f = Fixture::new("set_estimate");
    let payload = (f.card(), of(float()));
    f.check(payload, |s, (card, estimate), _| {
        s.set_estimate(CardId(*card), *estimate).map(drop)
    });
}

pub fn archive_card() {
    let f = Fixture::new("archive_card");
    let payload = f.card();
    f.check(payload, |s, card, _| {
        s.archive_card(CardId(*card)).map(drop)
    });
}

pub fn restore_card() {
    let f = Fixture::new("restore_card");
    let payload = f.card();
    f.check(payload, |s, card, _| {
        s.restore_card(CardId(*card)).map(drop)
    });
}

pub fn delete_card() {
    let f = Fixture::new("delete_card");
    let payload = f.card();
    f.check(payload, |s, card, _| s.delete_card(CardId(*card)));
}

pub fn archived_cards() {
    let f = Fixture::new("archived_cards");
    let payload = f.board();
    f.check(payload, |s, board, _| {
        s.archived_cards(BoardId(*board)).map(drop)
    });
}

pub fn add_column() {
    let f = Fixture::new("add_column");
    let payload = (f.board(), text(), of(f.column()));
    f.check(payload, |s, (board, name, after), _| {
        s.add_column(BoardId(*board), name, after.map(ColumnId))
            .map(drop)
    });
}

pub fn rename_column() {
    let f = Fixture::new("rename_column");
    let payload = (f.column(), text());
    f.check(payload, |s, (column, name), _| {
        s.rename_column(ColumnId(*column), name).map(drop)
    });
}

pub fn move_column() {
    let f = Fixture::new("move_column");
    let payload = (f.column(), of(f.column()));
    f.check(payload, |s, (column, after), _| {
        s.move_column(ColumnId(*column), after.map(ColumnId))
            .map(drop)
    });
}

pub fn delete_column() {
    let f = Fixture::new("delete_column");
    let payload = (f.column(), of(f.column()));
    f.check(payload, |s, (column, to), _| {
        s.delete_column(ColumnId(*column), to.map(ColumnId))
    });
}

pub fn add_board() {
    Fixture::new("add_board").check(text(), |s, name, _| s.add_board(name).map(drop));
}

pub fn rename_board() {
    let f = Fixture::new("rename_board");
    let payload = (f.board(), text());
    f.check(payload, |s, (board, name), _| {
        s.rename_board(BoardId(*board), name)
    });
}

// --- card details -------------------------------------------------------------------------

pub fn card_detail() {
    let f = Fixture::new("card_detail");
    let payload = f.card();
    f.check(payload, |s, card, _| s.card_detail(CardId(*card)).map(drop));
}

pub fn set_description() {
    let f = Fixture::new("set_description");
    let payload = (f.card(), text());
    f.check(payload, |s, (card, text), _| {
        s.set_description(CardId(*card), text).map(drop)
    });
}

pub fn set_priority() {
    let f = Fixture::new("set_priority");
    let payload = (f.card(), select(Priority::ALL.to_vec()));
    f.check(payload, |s, (card, priority), _| {
        s.set_priority(CardId(*card), *priority).map(drop)
    });
}

pub fn set_due() {
    let f = Fixture::new("set_due");
    let payload = (f.card(), of(day()));
    f.check(payload, |s, (card, due), _| {
        s.set_due(CardId(*card), *due).map(drop)
    });
}

pub fn block_card() {
    let f = Fixture::new("block_card");
    let payload = (f.card(), text());
    f.check(payload, |s, (card, reason), _| {
        s.block_card(CardId(*card), reason).map(drop)
    });
}

pub fn unblock_card() {
    let f = Fixture::new("unblock_card");
    let payload = f.card();
    f.check(payload, |s, card, _| {
        s.unblock_card(CardId(*card)).map(drop)
    });
}

pub fn create_label() {
    let f = Fixture::new("create_label");
    let payload = (f.board(), text(), select(LabelColor::ALL.to_vec()));
    f.check(payload, |s, (board, name, color), _| {
        s.create_label(BoardId(*board), name, *color).map(drop)
    });
}

pub fn update_label() {
    let f = Fixture::new("update_label");
    let payload = (f.label(), text(), select(LabelColor::ALL.to_vec()));
    f.check(payload, |s, (label, name, color), _| {
        s.update_label(LabelId(*label), name, *color).map(drop)
    });
}

pub fn delete_label() {
    let f = Fixture::new("delete_label");
    let payload = f.label();
    f.check(payload, |s, label, _| s.delete_label(LabelId(*label)));
}

pub fn set_card_label() {
    let f = Fixture::new("set_card_label");
    let payload = (f.card(), f.label(), any::<bool>());
    f.check(payload, |s, (card, label, on), _| {
        s.set_card_label(CardId(*card), LabelId(*label), *on)
            .map(drop)
    });
}

pub fn set_card_skill() {
    let f = Fixture::new("set_card_skill");
    let payload = (f.card(), text(), of(any::<u8>()));
    f.check(payload, |s, (card, skill, level), _| {
        s.set_card_skill(CardId(*card), skill, *level).map(drop)
    });
}

pub fn skill_names() {
    Fixture::in_states("skill_names", EVERY_STATE)
        .check(Just(()), |s, _, _| s.skill_names().map(drop));
}

pub fn add_checklist_item() {
    let f = Fixture::new("add_checklist_item");
    let payload = (f.card(), text());
    f.check(payload, |s, (card, text), _| {
        s.add_checklist_item(CardId(*card), text).map(drop)
    });
}

pub fn rename_checklist_item() {
    let f = Fixture::new("rename_checklist_item");
    let payload = (f.checklist_item(), text());
    f.check(payload, |s, (item, text), _| {
        s.rename_checklist_item(ChecklistItemId(*item), text)
            .map(drop)
    });
}

pub fn check_checklist_item() {
    let f = Fixture::new("check_checklist_item");
    let payload = (f.checklist_item(), any::<bool>());
    f.check(payload, |s, (item, done), _| {
        s.check_checklist_item(ChecklistItemId(*item), *done)
            .map(drop)
    });
}

pub fn delete_checklist_item() {
    let f = Fixture::new("delete_checklist_item");
    let payload = f.checklist_item();
    f.check(payload, |s, item, _| {
        s.delete_checklist_item(ChecklistItemId(*item))
    });
}

pub fn archive_column() {
    let f = Fixture::new("archive_column");
    let payload = f.column();
    f.check(payload, |s, column, _| {
        s.archive_column(ColumnId(*column)).map(drop)
    });
}

pub fn restore_column() {
    let f = Fixture::new("restore_column");
    let payload = f.column();
    f.check(payload, |s, column, _| {
        s.restore_column(ColumnId(*column)).map(drop)
    });
}

pub fn archived_columns() {
    let f = Fixture::new("archived_columns");
    let payload = f.board();
    f.check(payload, |s, board, _| {
        s.archived_columns(BoardId(*board)).map(drop)
    });
}

/// Pressing Undo over and over: through the whole history, then with nothing left.
pub fn undo() {
    Fixture::in_states("undo", EVERY_STATE)
        .keeping(200)
        .check(Just(()), |s, _, _| s.undo().map(drop));
}

pub fn redo() {
    Fixture::in_states("redo", EVERY_STATE)
        .keeping(200)
        .check(Just(()), |s, _, _| s.redo().map(drop));
}

// --- the journal --------------------------------------------------------------------------

pub fn person_journal() {
    let f = Fixture::new("person_journal");
    let payload = (f.member(), day());
    f.check(payload, |s, (member, today), _| {
        s.person_journal(MemberId(*member), *today).map(drop)
    });
}

pub fn update_person() {
    let f = Fixture::new("update_person");
    let payload = (
        f.member(),
        text(),
        text(),
        of(day()),
        select(Cadence::ALL.to_vec()),
    );
    f.check(payload, |s, (member, name, role, start, cadence), _| {
        let update = PersonUpdate {
            name: name.clone(),
            role: role.clone(),
            start_date: *start,
            cadence: *cadence,
        };
        s.update_person(MemberId(*member), &update).map(drop)
    });
}

pub fn save_person_notes() {
    let f = Fixture::new("save_person_notes");
    let payload = (f.member(), text());
    f.check(payload, |s, (member, notes), _| {
        s.save_person_notes(MemberId(*member), notes).map(drop)
    });
}

pub fn set_member_skill() {
    let f = Fixture::new("set_member_skill");
    let payload = (f.member(), text(), of(any::<u8>()));
    f.check(payload, |s, (member, skill, level), _| {
        s.set_member_skill(MemberId(*member), skill, *level)
            .map(drop)
    });
}

fn new_goal() -> impl Strategy<Value = NewGoal> {
    (text(), texts(), any::<u8>()).prop_map(|(title, skills, progress)| NewGoal {
        title,
        skills,
        progress,
    })
}

pub fn add_goal() {
    let f = Fixture::new("add_goal");
    let payload = (f.member(), new_goal());
    f.check(payload, |s, (member, goal), _| {
        s.add_goal(MemberId(*member), goal).map(drop)
    });
}

pub fn update_goal() {
    let f = Fixture::new("update_goal");
    let payload = (f.growth_goal(), new_goal());
    f.check(payload, |s, (id, goal), _| {
        s.update_goal(GoalId(*id), goal).map(drop)
    });
}

pub fn delete_goal() {
    let f = Fixture::new("delete_goal");
    let payload = f.growth_goal();
    f.check(payload, |s, id, _| s.delete_goal(GoalId(*id)));
}

pub fn create_session() {
    let f = Fixture::new("create_session");
    let payload = (f.member(), day(), of(f.template()), of(count()));
    f.check(payload, |s, (member, date, template, aging), _| {
        let new = NewSession {
            date: *date,
            template: template.map(TemplateId),
            aging_days: aging.unwrap_or(journal::DEFAULT_AGING_DAYS),
        };
        s.create_session(MemberId(*member), new).map(drop)
    });
}

pub fn load_session() {
    let f = Fixture::new("load_session");
    let payload = f.session();
    f.check(payload, |s, id, _| s.session(SessionId(*id)).map(drop));
}

pub fn delete_session() {
    let f = Fixture::new("delete_session");
    let payload = f.session();
    f.check(payload, |s, id, _| s.delete_session(SessionId(*id)));
}

pub fn save_session_notes() {
    let f = Fixture::new("save_session_notes");
    let payload = (f.session(), text());
    f.check(payload, |s, (id, notes), _| {
        s.save_session_notes(SessionId(*id), notes).map(drop)
    });
}

pub fn set_check_in() {
    let f = Fixture::new("set_check_in");
    let payload = (f.session(), of(any::<u8>()), of(any::<u8>()));
    f.check(payload, |s, (id, mood, workload), _| {
        s.set_check_in(SessionId(*id), *mood, *workload).map(drop)
    });
}

pub fn set_shareable() {
    let f = Fixture::new("set_shareable");
    let payload = (
        0..3u8,
        f.session(),
        f.action_item(),
        f.feedback(),
        any::<bool>(),
    );
    f.check(
        payload,
        |s, (kind, session, item, feedback, shareable), _| {
            let target = match kind {
                0 => journal::Shareable::Notes(SessionId(*session)),
                1 => journal::Shareable::ActionItem(ActionItemId(*item)),
                _ => journal::Shareable::Feedback(FeedbackId(*feedback)),
            };
            s.set_shareable(target, *shareable)
        },
    );
}

pub fn add_agenda_item() {
    let f = Fixture::new("add_agenda_item");
    let payload = (f.session(), text());
    f.check(payload, |s, (session, text), _| {
        s.add_agenda_item(SessionId(*session), text).map(drop)
    });
}

pub fn edit_agenda_item() {
    let f = Fixture::new("edit_agenda_item");
    let payload = (f.agenda_item(), text());
    f.check(payload, |s, (item, text), _| {
        s.edit_agenda_item(AgendaItemId(*item), text).map(drop)
    });
}

pub fn set_agenda_status() {
    let f = Fixture::new("set_agenda_status");
    let payload = (f.agenda_item(), select(AgendaStatus::ALL.to_vec()));
    f.check(payload, |s, (item, status), _| {
        s.set_agenda_status(AgendaItemId(*item), *status).map(drop)
    });
}

pub fn delete_agenda_item() {
    let f = Fixture::new("delete_agenda_item");
    let payload = f.agenda_item();
    f.check(payload, |s, item, _| {
        s.delete_agenda_item(AgendaItemId(*item))
    });
}

pub fn apply_template() {
    let f = Fixture::new("apply_template");
    let payload = (f.session(), f.template());
    f.check(payload, |s, (session, template), _| {
        s.apply_template(SessionId(*session), TemplateId(*template))
            .map(drop)
    });
}

fn new_action_item() -> impl Strategy<Value = NewActionItem> {
    (
        text(),
        select(vec![Owner::Lead, Owner::Person]),
        of(day()),
        any::<bool>(),
    )
        .prop_map(|(text, owner, due, shareable)| NewActionItem {
            text,
            owner,
            due,
            shareable,
        })
}

pub fn add_action_item() {
    let f = Fixture::new("add_action_item");
    let payload = (f.session(), new_action_item());
    f.check(payload, |s, (session, item), _| {
        s.add_action_item(SessionId(*session), item).map(drop)
    });
}

pub fn update_action_item() {
    let f = Fixture::new("update_action_item");
    let payload = (f.action_item(), new_action_item());
    f.check(payload, |s, (id, item), _| {
        s.update_action_item(ActionItemId(*id), item).map(drop)
    });
}

pub fn set_action_item_done() {
    let f = Fixture::new("set_action_item_done");
    let payload = (f.action_item(), any::<bool>());
    f.check(payload, |s, (id, done), _| {
        s.set_action_item_done(ActionItemId(*id), *done).map(drop)
    });
}

pub fn delete_action_item() {
    let f = Fixture::new("delete_action_item");
    let payload = f.action_item();
    f.check(payload, |s, id, _| s.delete_action_item(ActionItemId(*id)));
}

pub fn action_item_to_card() {
    let f = Fixture::new("action_item_to_card");
    let payload = (f.action_item(), f.column());
    f.check(payload, |s, (id, column), _| {
        s.action_item_to_card(ActionItemId(*id), ColumnId(*column))
            .map(drop)
    });
}

fn new_feedback() -> impl Strategy<Value = NewFeedback> {
    (
        select(vec![FeedbackKind::Praise, FeedbackKind::Constructive]),
        text(),
        text(),
        text(),
        any::<bool>(),
    )
        .prop_map(
            |(kind, situation, behaviour, impact, shareable)| NewFeedback {
                kind,
                situation,
                behaviour,
                impact,
                shareable,
            },
        )
}

pub fn add_feedback() {
    let f = Fixture::new("add_feedback");
    let payload = (f.session(), new_feedback());
    f.check(payload, |s, (session, new), _| {
        s.add_feedback(SessionId(*session), new).map(drop)
    });
}

pub fn update_feedback() {
    let f = Fixture::new("update_feedback");
    let payload = (f.feedback(), new_feedback());
    f.check(payload, |s, (id, new), _| {
        s.update_feedback(FeedbackId(*id), new).map(drop)
    });
}

pub fn delete_feedback() {
    let f = Fixture::new("delete_feedback");
    let payload = f.feedback();
    f.check(payload, |s, id, _| s.delete_feedback(FeedbackId(*id)));
}

pub fn list_templates() {
    Fixture::in_states("list_templates", EVERY_STATE)
        .check(Just(()), |s, _, _| s.templates().map(drop));
}

pub fn create_template() {
    Fixture::new("create_template").check((text(), texts()), |s, (name, items), _| {
        s.create_template(name, items).map(drop)
    });
}

pub fn update_template() {
    let f = Fixture::new("update_template");
    let payload = (f.template(), text(), texts());
    f.check(payload, |s, (id, name, items), _| {
        s.update_template(TemplateId(*id), name, items).map(drop)
    });
}

pub fn delete_template() {
    let f = Fixture::new("delete_template");
    let payload = f.template();
    f.check(payload, |s, id, _| s.delete_template(TemplateId(*id)));
}

pub fn journal_schedules() {
    Fixture::new("journal_schedules").check(day(), |s, today, _| s.schedules(*today).map(drop));
}

pub fn due_this_week() {
    Fixture::new("due_this_week").check(day(), |s, today, _| s.due_this_week(*today).map(drop));
}

pub fn search_journal() {
    let f = Fixture::new("search_journal");
    let payload = (text(), of(f.member()), of(count()));
    f.check(payload, |s, (query, member, limit), _| {
        // As the command does: 50 hits unless the page asks for another number.
        let limit = limit.unwrap_or(50) as usize;
        s.search_journal(query, member.map(MemberId), limit)
            .map(drop)
    });
}

pub fn shareable_summary() {
    let f = Fixture::new("shareable_summary");
    let payload = f.member();
    f.check(payload, |s, member, _| {
        let shared = s.shareable_person(MemberId(*member))?;
        journal::shareable::markdown(&shared);
        Ok(())
    });
}

pub fn export_person() {
    let f = Fixture::new("export_person");
    let payload = f.member();
    f.check(payload, |s, member, _| {
        let record = s.person_record(MemberId(*member))?;
        journal::export::markdown(&record);
        Ok(())
    });
}

pub fn save_person_export() {
    let f = Fixture::new("save_person_export").writing_files();
    let payload = rare_id(&f.ids.members, &f.ids.every);
    f.check(payload, |s, member, exports| {
        let record = s.person_record(MemberId(*member))?;
        let stem = files::safe_file_stem(&format!("{} - personal data", record.person.name));
        let markdown = journal::export::markdown(&record);
        // The shell writes JSON beside the Markdown; any bytes do for the files' sake.
        let json = format!("{record:?}");
        let paths = files::unused_paths(exports, &stem, &["md", "json"]);
        files::write_files_atomically(&[
            (paths[0].clone(), markdown.into_bytes()),
            (paths[1].clone(), json.into_bytes()),
        ])
    });
}

pub fn erase_person() {
    let f = Fixture::new("erase_person").keeping(6);
    let payload = rare_id(&f.ids.members, &f.ids.every);
    f.check(payload, |s, member, _| s.erase_person(MemberId(*member)));
}

// --- workload -----------------------------------------------------------------------------

pub fn workload() {
    let f = Fixture::new("workload");
    let payload = (f.board(), horizon());
    f.check(payload, |s, (board, horizon), _| {
        s.workload(BoardId(*board), *horizon).map(drop)
    });
}

pub fn suggest_plan() {
    let f = Fixture::new("suggest_plan");
    let cards = prop_oneof![
        3 => Just(None),
        1 => of(proptest::collection::vec(f.card(), 0..6)),
    ];
    let payload = (
        f.board(),
        horizon(),
        cards,
        any::<bool>(),
        any::<bool>(),
        float().prop_map(|x| x / 10_000.0),
    );
    f.check(
        payload,
        |s, (board, horizon, cards, rebalance, stretch, share), _| {
            let options = PlanOptions {
                scope: match cards {
                    None => Scope::Unassigned,
                    Some(ids) => Scope::Cards(ids.iter().map(|&i| CardId(i)).collect()),
                },
                rebalance: *rebalance,
                stretch: *stretch,
                max_stretch_share: *share,
            };
            s.suggest_plan(BoardId(*board), *horizon, options).map(drop)
        },
    );
}

pub fn apply_plan() {
    let f = Fixture::new("apply_plan");
    let pairs = prop_oneof![
        4 => proptest::collection::vec((f.card(), f.member()), 0..5),
        1 => (f.card(), f.member(), f.member()).prop_map(|(c, a, b)| vec![(c, a), (c, b)]),
    ];
    let payload = (f.board(), pairs);
    f.check(payload, |s, (board, pairs), _| {
        let accepted: Vec<(CardId, MemberId)> = pairs
            .iter()
            .map(|&(card, member)| (CardId(card), MemberId(member)))
            .collect();
        s.apply_plan(BoardId(*board), &accepted)
    });
}

pub fn set_capacity() {
    let f = Fixture::new("set_capacity");
    let payload = (f.member(), of(float()));
    f.check(payload, |s, (member, weekly), _| {
        s.set_capacity(MemberId(*member), *weekly)
    });
}

pub fn add_time_off() {
    let f = Fixture::new("add_time_off");
    let payload = (f.member(), span(400));
    f.check(payload, |s, (member, (start, end)), _| {
        s.add_time_off(MemberId(*member), *start, *end).map(drop)
    });
}

pub fn remove_time_off() {
    let f = Fixture::new("remove_time_off");
    let payload = f.time_off();
    f.check(payload, |s, id, _| s.remove_time_off(TimeOffId(*id)));
}

pub fn pin_card() {
    let f = Fixture::new("pin_card");
    let payload = (f.card(), any::<bool>());
    f.check(payload, |s, (card, pinned), _| {
        s.pin_card(CardId(*card), *pinned).map(drop)
    });
}

// --- metrics, goals and reports -----------------------------------------------------------

pub fn metrics() {
    let f = Fixture::new("metrics");
    let payload = (f.board(), span(4_000), any::<bool>());
    f.check(payload, |s, (board, days, dark), _| {
        let model = model(s, *board, *days)?;
        let theme = if *dark {
            teamlead_core::charts::Theme::Dark
        } else {
            teamlead_core::charts::Theme::Light
        };
        for chart in &model.charts {
            teamlead_core::charts::svg(chart, theme);
        }
        Ok(())
    });
}

pub fn report_preview() {
    let f = Fixture::new("report_preview");
    let payload = (f.board(), span(4_000));
    f.check(payload, |s, (board, days), _| {
        report::html::render(&model(s, *board, *days)?);
        Ok(())
    });
}

/// Where a report is saved: a new file, a file that exists, the folder itself, a folder
/// that does not exist, a name too long for the file system, a name with a NUL.
fn report_path(exports: &std::path::Path, choice: u8, name: &str) -> std::path::PathBuf {
    let safe: String = name.chars().filter(|c| *c != '/').take(40).collect();
    match choice % 6 {
        0 => exports.join(format!("report {safe}")),
        1 => exports.join("missing").join("report.pdf"),
        2 => exports.to_path_buf(),
        3 => exports.join("x".repeat(300)),
        4 => exports.join("a\0b.pdf"),
        _ => exports.join("report.md"),
    }
}

pub fn export_report() {
    let f = Fixture::new("export_report").writing_files();
    let board = rare_id(&f.ids.boards, &f.ids.every);
    let payload = (board, span(4_000), formats(), any::<u8>(), text());
    f.check(
        payload,
        |s, (board, days, format, choice, name), exports| {
            let model = model(s, *board, *days)?;
            let path = report_path(exports, *choice, name);
            report::write(&model, *format, &path)?;
            s.record_report_export(BoardId(*board), &model, *format)
        },
    );
}

pub fn save_report() {
    let f = Fixture::new("save_report").writing_files();
    let board = rare_id(&f.ids.boards, &f.ids.every);
    let payload = (board, span(4_000), formats());
    f.check(payload, |s, (board, (from, to), format), exports| {
        let stem = files::safe_file_stem(&format!("Team report {from} to {to}"));
        let path = files::unused_paths(exports, &stem, &[format.as_str()]).remove(0);
        let model = model(s, *board, (*from, *to))?;
        report::write(&model, *format, &path)?;
        s.record_report_export(BoardId(*board), &model, *format)
    });
}

pub fn report_notes() {
    let f = Fixture::new("report_notes");
    let payload = (f.board(), span(4_000));
    f.check(payload, |s, (board, days), _| {
        s.report_notes(BoardId(*board), period(*days)?).map(drop)
    });
}

pub fn set_report_status() {
    let f = Fixture::new("set_report_status");
    let statuses = select(vec![Status::Green, Status::Amber, Status::Red]);
    let payload = (f.board(), span(4_000), of((statuses, text())));
    f.check(payload, |s, (board, days, status), _| {
        let period = period(*days)?;
        let status = status.as_ref().map(|(s, reason)| (*s, reason.as_str()));
        s.set_report_status(BoardId(*board), period, status)
            .map(drop)
    });
}

pub fn set_report_needs() {
    let f = Fixture::new("set_report_needs");
    let payload = (f.board(), span(4_000), text());
    f.check(payload, |s, (board, days, text), _| {
        s.set_report_needs(BoardId(*board), period(*days)?, text)
            .map(drop)
    });
}

pub fn list_team_goals() {
    Fixture::in_states("list_team_goals", EVERY_STATE).check(Just(()), |s, _, _| {
        s.team_goals_progress(s.now(), &Calendar::utc()).map(drop)
    });
}

pub fn save_team_goal() {
    let f = Fixture::new("save_team_goal");
    let payload = (of(f.team_goal()), text(), day());
    f.check(payload, |s, (id, title, target), _| {
        match id {
            Some(id) => s.update_team_goal(TeamGoalId(*id), title, *target)?,
            None => s.create_team_goal(title, *target)?,
        };
        Ok(())
    });
}

pub fn delete_team_goal() {
    let f = Fixture::new("delete_team_goal");
    let payload = f.team_goal();
    f.check(payload, |s, id, _| s.delete_team_goal(TeamGoalId(*id)));
}

pub fn set_card_team_goal() {
    let f = Fixture::new("set_card_team_goal");
    let payload = (f.card(), of(f.team_goal()));
    f.check(payload, |s, (card, goal), _| {
        s.set_card_team_goal(CardId(*card), goal.map(TeamGoalId))
    });
}
