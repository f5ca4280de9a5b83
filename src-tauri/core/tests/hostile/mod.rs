//! Every app command's core entry point under hostile input.
//!
//! Each command of `src-tauri/build.rs` has a property test in `commands.rs` that makes the
//! calls its Tauri command makes in the core, with random and adversarial payloads (see
//! `input.rs`), on a store holding the demo team two weeks into reporting and one of
//! everything else. For every case:
//! - nothing panics;
//! - a refusal is a typed error that input can cause (not found, invalid input; a failed
//!   export only where a command writes files), its message one short sentence;
//! - a refused call commits nothing (the connection's commit hook counts commits, see
//!   `commit_count_sees_every_committed_write_and_nothing_else`) and leaves no transaction
//!   open and no file behind; on a sample of cases every table is compared in full;
//! - an accepted undoable action can be undone (the first twenty, then one in ten, and in
//!   every sampled case, where the data must then be as before); on a sample of accepted
//!   writes every read the app makes still works.
//!
//! Accepted writes that are not undone are kept for a while (the data drifts, as it does in
//! use), then the store is copied back from a pristine image with SQLite's backup API.
//! `PROPTEST_CASES` sets the cases per command (10,000 by default); `make fuzz` runs many
//! more with a new seed each time (`PROPTEST_RNG_SEED` repeats one).

mod backups;
mod commands;
mod input;

use std::cell::RefCell;
use std::ffi::{c_int, c_void};
use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use rusqlite::{ffi, Connection};
use teamlead_core::demo_history::report_demo;
use teamlead_core::metrics::{Calendar, Period};
use teamlead_core::plan::Horizon;
use teamlead_core::{ActionItemId, CardId, Error, ErrorKind, LabelColor, Millis, Store};

use crate::{dump, dump_without_index, without_index};

/// 2026-03-13 16:00 UTC, a Friday: the fixture's clock.
pub const NOW: Millis = 1_773_417_600_000;

/// Cases per command unless `PROPTEST_CASES` says otherwise.
const DEFAULT_CASES: u32 = 10_000;

/// Cases whose database is compared in full before and after: the first few, then one in
/// this many.
const FULL_CHECK_FIRST: u64 = 8;
const FULL_CHECK_EVERY: u64 = 500;

/// Accepted undoable actions that are undone: the first few, then one in this many.
const UNDO_FIRST: u64 = 20;
const UNDO_EVERY: u64 = 10;

/// Accepted writes after which every read is made again: the first few, then one in this
/// many.
const READS_FIRST: u64 = 3;
const READS_EVERY: u64 = 1_000;

/// Accepted writes a store keeps before it is copied back from its image, unless the
/// command asks for another number.
const KEEP_WRITES: u32 = 40;

/// The newest actions of the realistic data that are undone in `State::Undone`.
const UNDONE_STEPS: usize = 8;

/// The state of the data a case starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The demo team two weeks into reporting, and one of everything else.
    Realistic,
    /// The same with its newest actions undone, so that Redo has work.
    Undone,
    /// A blank board and nobody on the team.
    Fresh,
    /// Nothing at all: the first start.
    Empty,
}

/// The ids of what the realistic data holds, by kind.
#[derive(Debug)]
pub struct Ids {
    pub boards: Vec<i64>,
    pub columns: Vec<i64>,
    pub cards: Vec<i64>,
    pub members: Vec<i64>,
    pub labels: Vec<i64>,
    pub checklist_items: Vec<i64>,
    pub sessions: Vec<i64>,
    pub agenda_items: Vec<i64>,
    pub action_items: Vec<i64>,
    pub feedback: Vec<i64>,
    pub growth_goals: Vec<i64>,
    pub templates: Vec<i64>,
    pub time_off: Vec<i64>,
    pub team_goals: Vec<i64>,
    /// Every id above, whatever its kind.
    pub every: Vec<i64>,
}

fn ids_in(conn: &Connection, table: &str) -> Vec<i64> {
    conn.prepare(&format!("SELECT id FROM {table} ORDER BY id"))
        .expect("a table with ids")
        .query_map([], |row| row.get(0))
        .expect("ids")
        .collect::<rusqlite::Result<_>>()
        .expect("ids")
}

impl Ids {
    fn of(conn: &Connection) -> Ids {
        let mut ids = Ids {
            boards: ids_in(conn, "boards"),
            columns: ids_in(conn, "columns"),
            cards: ids_in(conn, "cards"),
            members: ids_in(conn, "members"),
            labels: ids_in(conn, "labels"),
            checklist_items: ids_in(conn, "checklist_items"),
            sessions: ids_in(conn, "one_on_ones"),
            agenda_items: ids_in(conn, "agenda_items"),
            action_items: ids_in(conn, "action_items"),
            feedback: ids_in(conn, "feedback"),
            growth_goals: ids_in(conn, "growth_goals"),
            templates: ids_in(conn, "agenda_templates"),
            time_off: ids_in(conn, "time_off"),
            team_goals: ids_in(conn, "goals"),
            every: Vec::new(),
        };
        ids.every = [
            ids.boards.as_slice(),
            &ids.columns,
            &ids.cards,
            &ids.members,
            &ids.labels,
            &ids.checklist_items,
            &ids.sessions,
            &ids.agenda_items,
            &ids.action_items,
            &ids.feedback,
            &ids.growth_goals,
            &ids.templates,
            &ids.time_off,
            &ids.team_goals,
        ]
        .concat();
        ids
    }
}

/// Copies the main database of `from` over that of `to`, page by page.
fn copy_database(from: &Connection, to: &Connection) {
    // SAFETY: both handles are open connections owned by the caller for the whole call, no
    // statement of either is running, and the backup is finished before returning.
    unsafe {
        let backup = ffi::sqlite3_backup_init(
            to.handle(),
            c"main".as_ptr(),
            from.handle(),
            c"main".as_ptr(),
        );
        assert!(!backup.is_null(), "the backup could not start");
        let step = ffi::sqlite3_backup_step(backup, -1);
        let finish = ffi::sqlite3_backup_finish(backup);
        assert_eq!(
            (step, finish),
            (ffi::SQLITE_DONE, ffi::SQLITE_OK),
            "the backup failed"
        );
    }
}

unsafe extern "C" fn count_commit(counter: *mut c_void) -> c_int {
    // SAFETY: `counter` is the address of a `CommitCounter`'s counter, which is boxed and
    // outlives the connection the hook is set on.
    unsafe { (*(counter as *const AtomicU64)).fetch_add(1, Ordering::Relaxed) };
    // Zero lets the commit go ahead.
    0
}

/// Counts the transactions a connection commits: SQLite calls the commit hook for every
/// transaction that wrote, explicit or not, and never for one that rolled back or only read.
pub struct CommitCounter(Box<AtomicU64>);

impl CommitCounter {
    /// Starts counting the commits of `store`'s connection. The counter must outlive it.
    pub fn install(store: &Store) -> CommitCounter {
        let counter = CommitCounter(Box::new(AtomicU64::new(0)));
        // SAFETY: the handle is the store's open connection; the pointer passed stays valid
        // as long as the counter, which its owner drops after the store.
        unsafe {
            ffi::sqlite3_commit_hook(
                store.conn().handle(),
                Some(count_commit),
                &*counter.0 as *const AtomicU64 as *mut c_void,
            );
        }
        counter
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// The demo team two weeks into reporting (history, goals, an exported report, needs and
/// asks, undo steps), plus a second board with an archived column, an archived card and a
/// label, an agenda template, an action item that became a card, and a pinned card.
fn realistic_store() -> Store {
    let (mut store, _) = report_demo(None, NOW).expect("the demo team");
    let side = store.add_board("Side projects").expect("a second board");
    let idea = store
        .create_card(side.columns[0].id, "An idea for later")
        .expect("a card");
    store.archive_card(idea.id).expect("archive a card");
    store
        .create_label(side.board.id, "Later", LabelColor::Sky)
        .expect("a label");
    store
        .archive_column(side.columns[2].id)
        .expect("archive a column");
    store
        .create_template(
            "Monthly check",
            &["How are you?".to_owned(), "What is in your way?".to_owned()],
        )
        .expect("a template");
    let item: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM action_items WHERE card_id IS NULL ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("an action item");
    store
        .action_item_to_card(ActionItemId(item), side.columns[0].id)
        .expect("a card from an action item");
    let assigned: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM cards WHERE assignee_id IS NOT NULL AND pinned_to IS NULL
             ORDER BY id LIMIT 1",
            [],
            |row| row.get(0),
        )
        .expect("an assigned card");
    store.pin_card(CardId(assigned), true).expect("pin a card");
    store
}

/// One store a case can start from, with what it needs to go back to how it began.
struct Slot {
    state: State,
    weight: u32,
    store: Store,
    commits: CommitCounter,
    /// The store's database as it began, in memory.
    image: Connection,
    /// Accepted writes kept since the store was last copied back from its image.
    kept: u32,
}

impl Slot {
    fn new(state: State, weight: u32, realistic: &Connection) -> Slot {
        let mut store = Store::open_in_memory()
            .expect("a store in memory")
            .with_clock(teamlead_core::Clock::fixed(NOW));
        match state {
            State::Realistic | State::Undone => copy_database(realistic, store.conn()),
            State::Fresh => {
                store.start_fresh().expect("a blank board");
            }
            State::Empty => {}
        }
        if state == State::Undone {
            for _ in 0..UNDONE_STEPS {
                store.undo().expect("undo").expect("a step to undo");
            }
        }
        let image = Connection::open_in_memory().expect("an image in memory");
        copy_database(store.conn(), &image);
        let commits = CommitCounter::install(&store);
        Slot {
            state,
            weight,
            store,
            commits,
            image,
            kept: 0,
        }
    }

    fn restore(&mut self) {
        copy_database(&self.image, self.store.conn());
        self.kept = 0;
    }

    /// The newest step Undo would revert.
    fn newest_step(&self) -> i64 {
        self.store
            .conn()
            .query_row(
                "SELECT coalesce(max(id), 0) FROM undo_log WHERE undone = 0",
                [],
                |row| row.get(0),
            )
            .expect("the undo log")
    }
}

/// What a command test works on: a store for each state its cases start from, and a folder
/// for the files exports write.
pub struct Fixture {
    command: &'static str,
    slots: Vec<Slot>,
    /// Accepted writes a store keeps before it is copied back from its image.
    keep: u32,
    pub ids: Ids,
    exports: tempfile::TempDir,
    /// Whether the command writes files, where a failed export is a possible outcome.
    writes_files: bool,
    stats: Stats,
}

#[derive(Debug, Default)]
struct Stats {
    cases: u64,
    refused: u64,
    accepted: u64,
    writes: u64,
    undone: u64,
    full_checks: u64,
    reads: u64,
    restores: u64,
}

impl Fixture {
    /// A fixture whose cases all start from the realistic data.
    pub fn new(command: &'static str) -> Fixture {
        Fixture::in_states(command, &[(1, State::Realistic)])
    }

    /// A fixture whose cases start from one of `states`, chosen with the given weights.
    pub fn in_states(command: &'static str, states: &[(u32, State)]) -> Fixture {
        let realistic = realistic_store();
        let image = Connection::open_in_memory().expect("an image in memory");
        copy_database(realistic.conn(), &image);
        let slots = states
            .iter()
            .map(|&(weight, state)| Slot::new(state, weight, &image))
            .collect();
        // Exports are flushed to disk; memory will do for a test that writes thousands.
        let shm = Path::new("/dev/shm");
        let exports = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        };
        Fixture {
            command,
            slots,
            keep: KEEP_WRITES,
            ids: Ids::of(realistic.conn()),
            exports: exports.expect("a folder for exports"),
            writes_files: false,
            stats: Stats::default(),
        }
    }

    /// Cases may write files into the export folder, and a failed export is a refusal.
    pub fn writing_files(mut self) -> Fixture {
        self.writes_files = true;
        self
    }

    /// Copies a store back from its image after `writes` accepted writes that were not
    /// undone: fewer for commands whose writes change what later cases can do.
    pub fn keeping(mut self, writes: u32) -> Fixture {
        self.keep = writes;
        self
    }

    fn files_left(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.exports.path())
            .expect("the export folder")
            .map(|e| e.expect("an entry").path())
            .collect()
    }

    /// The slot a case starts from: `weight` in 0..total.
    fn slot_for(&self, mut weight: u32) -> usize {
        for (index, slot) in self.slots.iter().enumerate() {
            if weight < slot.weight {
                return index;
            }
            weight -= slot.weight;
        }
        self.slots.len() - 1
    }

    /// Runs the property test: `call` makes the command's core calls with a payload drawn
    /// from `payload`, on the store of the state drawn for the case.
    pub fn check<S>(
        self,
        payload: S,
        call: impl Fn(&mut Store, &S::Value, &Path) -> teamlead_core::Result<()>,
    ) where
        S: Strategy,
        S::Value: Debug,
    {
        let command = self.command;
        let total: u32 = self.slots.iter().map(|slot| slot.weight).sum();
        let strategy = (0..total, payload);
        let mut runner = TestRunner::new(config(command));
        let fixture = RefCell::new(self);
        let started = Instant::now();
        let result = runner.run(&strategy, |(weight, input)| {
            fixture.borrow_mut().case(weight, &input, &call)
        });
        let fixture = fixture.into_inner();
        let s = &fixture.stats;
        println!(
            "hostile {command}: {} cases in {:.1} s: {} refused, {} accepted ({} writes, {} \
             undone), {} compared in full, {} read back, {} restores",
            s.cases,
            started.elapsed().as_secs_f64(),
            s.refused,
            s.accepted,
            s.writes,
            s.undone,
            s.full_checks,
            s.reads,
            s.restores,
        );
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, (weight, input))) => {
                let state = fixture.slots[fixture.slot_for(weight)].state;
                let input = format!("{input:?}");
                let shown: String = input.chars().take(2_000).collect();
                panic!("{command}: {reason}\nfrom {state:?} with {shown}");
            }
            Err(other) => panic!("{command}: {other}"),
        }
    }

    fn case<T: Debug>(
        &mut self,
        weight: u32,
        input: &T,
        call: &impl Fn(&mut Store, &T, &Path) -> teamlead_core::Result<()>,
    ) -> Result<(), TestCaseError> {
        self.stats.cases += 1;
        let index = self.slot_for(weight);
        if self.slots[index].kept >= self.keep {
            self.slots[index].restore();
            self.stats.restores += 1;
        }
        let sampled = self.stats.cases <= FULL_CHECK_FIRST
            || self.stats.cases.is_multiple_of(FULL_CHECK_EVERY);
        let slot = &mut self.slots[index];
        let before = sampled.then(|| dump(&slot.store));
        let commits = slot.commits.get();
        let step = slot.newest_step();
        let outcome = call(&mut slot.store, input, self.exports.path());
        prop_assert!(
            slot.store.conn().is_autocommit(),
            "the call left a transaction open"
        );
        match outcome {
            Err(error) => {
                self.stats.refused += 1;
                self.refused(index, &error, commits, before)?;
            }
            Ok(()) => {
                self.stats.accepted += 1;
                if self.slots[index].commits.get() != commits {
                    self.accepted(index, step, before)?;
                }
                if self.writes_files {
                    for file in self.files_left() {
                        std::fs::remove_file(&file).expect("remove an export");
                    }
                }
            }
        }
        Ok(())
    }

    fn refused(
        &mut self,
        index: usize,
        error: &Error,
        commits: u64,
        before: Option<String>,
    ) -> Result<(), TestCaseError> {
        let message = error.to_string();
        let kind = error.kind();
        let export = matches!(error, Error::Export { .. }) && self.writes_files;
        prop_assert!(
            matches!(kind, ErrorKind::NotFound | ErrorKind::InvalidInput) || export,
            "input caused a {kind:?} error: {message}"
        );
        prop_assert!(
            sentence(&message),
            "the message is not one short sentence: {message:?}"
        );
        let slot = &self.slots[index];
        prop_assert_eq!(
            slot.commits.get(),
            commits,
            "a refused call committed a write: {}",
            message
        );
        if self.writes_files {
            let left = self.files_left();
            prop_assert!(left.is_empty(), "a refused call left files: {left:?}");
        }
        if let Some(before) = before {
            self.stats.full_checks += 1;
            prop_assert!(
                dump(&slot.store) == before,
                "a refused call changed the database: {message}"
            );
        }
        Ok(())
    }

    /// After a call that committed: the reads still work, on a sample, and an action that
    /// left a new undo step can be undone, giving back the data as it was.
    fn accepted(
        &mut self,
        index: usize,
        step: i64,
        before: Option<String>,
    ) -> Result<(), TestCaseError> {
        self.stats.writes += 1;
        let writes = self.stats.writes;
        let slot = &mut self.slots[index];
        if writes <= READS_FIRST || writes.is_multiple_of(READS_EVERY) {
            self.stats.reads += 1;
            if let Err(error) = every_read(&slot.store) {
                return Err(TestCaseError::fail(format!(
                    "after the call, a read fails: {error}"
                )));
            }
        }
        let undoable = slot.newest_step() > step;
        let undo = undoable
            && (before.is_some()
                || self.stats.undone < UNDO_FIRST
                || writes.is_multiple_of(UNDO_EVERY));
        if !undo {
            slot.kept += 1;
            return Ok(());
        }
        self.stats.undone += 1;
        match slot.store.undo() {
            Ok(Some(_)) => {}
            other => {
                return Err(TestCaseError::fail(format!(
                    "the action cannot be undone: {other:?}"
                )))
            }
        }
        if let Some(before) = before {
            self.stats.full_checks += 1;
            prop_assert!(
                without_index(&dump(&slot.store)) == without_index(&before),
                "undo did not give back the data as it was"
            );
        }
        Ok(())
    }
}

/// Whether a message reads as one sentence for the user: a capital or an opening quote
/// first, a full stop last, and short enough to show whole.
fn sentence(message: &str) -> bool {
    let first = message.chars().next();
    !message.trim().is_empty()
        && message.trim() == message
        && first.is_some_and(|c| !c.is_lowercase())
        && message.ends_with('.')
        && message.chars().count() <= 600
}

fn config(command: &str) -> Config {
    let defaults = Config::default();
    let cases = match std::env::var("PROPTEST_CASES") {
        Ok(_) => defaults.cases,
        Err(_) => DEFAULT_CASES,
    };
    // The same cases on every run of `make test`, unless a seed is given.
    let seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => defaults.rng_seed,
        Err(_) => RngSeed::Fixed(command.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })),
    };
    Config {
        cases,
        rng_seed: seed,
        failure_persistence: None,
        max_shrink_iters: 4_096,
        ..defaults
    }
}

/// Every read the app makes, over all of the data.
fn every_read(store: &Store) -> teamlead_core::Result<()> {
    let today = input::today();
    store.is_empty()?;
    store.list_members()?;
    store.skill_names()?;
    store.templates()?;
    store.schedules(today)?;
    store.due_this_week(today)?;
    store.team_goals_progress(NOW, &Calendar::utc())?;
    store.search_journal("the", None, 50)?;
    for member in store.list_members()? {
        store.person_journal(member.id, today)?;
        store.shareable_person(member.id)?;
        store.person_record(member.id)?;
    }
    for board in store.list_boards()? {
        let view = store.board_view(board.id)?;
        for card in &view.cards {
            store.card_detail(card.id)?;
        }
        store.board_loads(board.id)?;
        store.archived_cards(board.id)?;
        store.archived_columns(board.id)?;
        store.workload(
            board.id,
            Horizon {
                start: today,
                end: today + chrono::Duration::days(13),
            },
        )?;
        let options = store.report_options(board.id, today)?;
        let model = store.report_model(
            board.id,
            Period::last_two_weeks(today),
            NOW,
            Calendar::utc(),
            &options,
        )?;
        teamlead_core::report::html::render(&model);
    }
    Ok(())
}

/// The backup commands work on files rather than a store in memory: `backups.rs`.
macro_rules! file_commands {
    ($($name:ident),* $(,)?) => {
        const FILE_COVERED: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                backups::$name();
            }
        )*
    };
}

file_commands![backup_now, list_backups, restore_backup];

/// The export and import commands call `teamlead-interchange`, whose own tests hold their
/// property tests (`src-tauri/interchange/tests/commands.rs`, checked below).
const INTERCHANGE_COVERED: &[&str] = &["export_workspace", "save_workspace", "import_file"];
const INTERCHANGE_TESTS: &str = include_str!("../../../interchange/tests/commands.rs");

/// Every command of `src-tauri/build.rs`, each with its property test in `commands.rs`.
macro_rules! commands {
    ($($name:ident),* $(,)?) => {
        /// The commands this file covers.
        const COVERED: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                commands::$name();
            }
        )*
    };
}

commands![
    workspace,
    seed_demo,
    start_fresh,
    load_board,
    board_loads,
    list_members,
    create_card,
    rename_card,
    move_card,
    assign_card,
    place_card,
    set_wip_limit,
    set_estimate,
    archive_card,
    restore_card,
    delete_card,
    archived_cards,
    add_column,
    rename_column,
    move_column,
    delete_column,
    add_board,
    rename_board,
    card_detail,
    set_description,
    set_priority,
    set_due,
    block_card,
    unblock_card,
    create_label,
    update_label,
    delete_label,
    set_card_label,
    set_card_skill,
    skill_names,
    add_checklist_item,
    rename_checklist_item,
    check_checklist_item,
    delete_checklist_item,
    archive_column,
    restore_column,
    archived_columns,
    undo,
    redo,
    person_journal,
    update_person,
    save_person_notes,
    set_member_skill,
    add_goal,
    update_goal,
    delete_goal,
    create_session,
    load_session,
    delete_session,
    save_session_notes,
    set_check_in,
    set_shareable,
    add_agenda_item,
    edit_agenda_item,
    set_agenda_status,
    delete_agenda_item,
    apply_template,
    add_action_item,
    update_action_item,
    set_action_item_done,
    delete_action_item,
    action_item_to_card,
    add_feedback,
    update_feedback,
    delete_feedback,
    list_templates,
    create_template,
    update_template,
    delete_template,
    journal_schedules,
    due_this_week,
    search_journal,
    shareable_summary,
    export_person,
    save_person_export,
    erase_person,
    workload,
    suggest_plan,
    apply_plan,
    set_capacity,
    add_time_off,
    remove_time_off,
    pin_card,
    metrics,
    report_preview,
    export_report,
    save_report,
    report_notes,
    set_report_status,
    set_report_needs,
    list_team_goals,
    save_team_goal,
    delete_team_goal,
    set_card_team_goal,
];

/// Commands that call nothing in the core, and why.
const NO_CORE_CALL: &[(&str, &str)] = &[(
    "app_info",
    "returns the app's version and the paths it was started with",
)];

/// The names in the `COMMANDS` list of `src-tauri/build.rs`.
fn build_commands() -> Vec<String> {
    let source = include_str!("../../../build.rs");
    let list = source
        .split_once("const COMMANDS: &[&str] = &[")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("build.rs lists COMMANDS");
    list.split(',')
        .map(|item| item.trim().trim_matches('"').to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The commands `src-tauri/src/lib.rs` hands to `generate_handler!`.
fn handled_commands() -> Vec<String> {
    let source = include_str!("../../../src/lib.rs");
    let list = source
        .split_once("generate_handler![")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("lib.rs registers its commands");
    list.split(',')
        .map(|item| item.trim().rsplit("::").next().unwrap_or("").to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn every_command_has_a_property_test() {
    let declared = build_commands();
    let mut handled = handled_commands();
    let mut listed = declared.clone();
    listed.sort();
    handled.sort();
    assert_eq!(
        listed, handled,
        "build.rs COMMANDS and lib.rs generate_handler! list different commands"
    );
    let mut covered: Vec<&str> = COVERED.to_vec();
    covered.extend(NO_CORE_CALL.iter().map(|(name, _)| *name));
    covered.extend(FILE_COVERED);
    for name in INTERCHANGE_COVERED {
        assert!(
            INTERCHANGE_TESTS.contains(&format!("fn {name}()")),
            "{name} has no property test in src-tauri/interchange/tests/commands.rs"
        );
    }
    covered.extend(INTERCHANGE_COVERED);
    let missing: Vec<&String> = declared
        .iter()
        .filter(|name| !covered.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "commands without a property test in tests/hostile/commands.rs: {missing:?}"
    );
    let unknown: Vec<&&str> = covered
        .iter()
        .filter(|name| !declared.iter().any(|d| d == *name))
        .collect();
    assert!(
        unknown.is_empty(),
        "property tests of commands build.rs does not declare: {unknown:?}"
    );
}

#[test]
fn commit_count_sees_every_committed_write_and_nothing_else() {
    let mut store = realistic_store();
    let commits = CommitCounter::install(&store);
    let before = dump(&store);
    // An image of the data as it is now, to copy back at the end.
    let pristine = Connection::open_in_memory().unwrap();
    copy_database(store.conn(), &pristine);
    let data_version = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .unwrap()
    };

    // A write that fails half-way rolls back: no commit, the data as it was, although
    // SQLite counts the rows it changed before the rollback among its total changes.
    let (total, version) = (total_changes(&store), data_version(&store));
    let failed = store.write(|tx| {
        tx.execute("UPDATE cards SET title = 'changed'", [])?;
        Err::<(), _>(Error::InvalidInput {
            field: "test",
            message: "Refused on purpose.".into(),
        })
    });
    assert!(failed.is_err());
    assert_eq!(commits.get(), 0);
    assert_eq!(dump(&store), before);
    assert!(
        total_changes(&store) > total,
        "total changes count rolled-back rows, so they cannot tell a refusal from a write"
    );

    // Reads commit nothing.
    let board = store.list_boards().unwrap()[0].id;
    let view = store.board_view(board).unwrap();
    store.search_journal("release", None, 10).unwrap();
    assert_eq!(commits.get(), 0);

    // An action commits once, and PRAGMA data_version does not see it on its own connection.
    store.rename_card(view.cards[0].id, "Renamed").unwrap();
    assert_eq!(commits.get(), 1);
    assert_eq!(data_version(&store), version);
    assert_ne!(dump(&store), before);

    // A statement outside any transaction commits on its own, and is counted too.
    store
        .conn()
        .execute("UPDATE boards SET name = 'Raw' WHERE id = ?1", [board])
        .unwrap();
    assert_eq!(commits.get(), 2);

    // Copying an image back gives the data exactly, and undo still works after it.
    copy_database(&pristine, store.conn());
    assert_eq!(dump(&store), before);
    store.rename_card(view.cards[0].id, "Again").unwrap();
    assert_eq!(store.undo().unwrap().as_deref(), Some("Edit title"));
    assert_eq!(dump_without_index(&store), without_index(&before));
}

fn total_changes(store: &Store) -> i64 {
    // SAFETY: the handle is the store's open connection.
    unsafe { ffi::sqlite3_total_changes64(store.conn().handle()) }
}

#[test]
fn the_realistic_data_has_one_of_everything() {
    let store = realistic_store();
    let ids = Ids::of(store.conn());
    for (kind, list) in [
        ("boards", &ids.boards),
        ("columns", &ids.columns),
        ("cards", &ids.cards),
        ("members", &ids.members),
        ("labels", &ids.labels),
        ("checklist items", &ids.checklist_items),
        ("sessions", &ids.sessions),
        ("agenda items", &ids.agenda_items),
        ("action items", &ids.action_items),
        ("feedback", &ids.feedback),
        ("growth goals", &ids.growth_goals),
        ("templates", &ids.templates),
        ("time off", &ids.time_off),
        ("team goals", &ids.team_goals),
    ] {
        assert!(!list.is_empty(), "the realistic data has no {kind}");
    }
    let archived: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM cards WHERE archived_at IS NOT NULL)
                  * (SELECT count(*) FROM columns WHERE archived_at IS NOT NULL)
                  * (SELECT count(*) FROM cards WHERE pinned_to IS NOT NULL)
                  * (SELECT count(*) FROM cards WHERE blocked_reason IS NOT NULL)
                  * (SELECT count(*) FROM action_items WHERE card_id IS NOT NULL)
                  * (SELECT count(*) FROM report_snapshots)",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(archived > 0, "some kind of state is missing");
    every_read(&store).unwrap();
}

/// Exports name their files after what the page sends (a person's name, a report's dates):
/// whatever the text, the name stays in the export folder and the file can be written.
#[test]
fn file_stems_name_files_that_can_be_written() {
    let dir = tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("a folder");
    let mut runner = TestRunner::new(config("file_stems"));
    let result = runner.run(&input::text(), |text| {
        let stem = teamlead_core::files::safe_file_stem(&text);
        prop_assert!(
            !stem.is_empty()
                && !stem.starts_with('.')
                && !stem.contains(['/', '\\'])
                && !stem.chars().any(char::is_control),
            "not a safe name: {stem:?}"
        );
        let path = dir.path().join(format!("{stem} (9999).json"));
        prop_assert_eq!(path.parent(), Some(dir.path()));
        let written =
            teamlead_core::files::write_files_atomically(&[(path.clone(), b"{}".to_vec())]);
        prop_assert!(written.is_ok(), "{stem:?} cannot be written: {written:?}");
        std::fs::remove_file(&path).expect("remove the file");
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

// --- what the property tests found, pinned --------------------------------------------------

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
}

#[test]
fn a_role_with_a_nul_or_the_undo_separator_is_refused_so_undo_keeps_working() {
    let mut store = realistic_store();
    let member = store.list_members().unwrap()[0].id;
    let person = store.person(member).unwrap();
    for role in ["Lead\0dev", "x\u{1e}DELETE FROM cards; --", "two\nlines"] {
        let update = teamlead_core::journal::PersonUpdate {
            name: person.name.clone(),
            role: role.into(),
            start_date: None,
            cadence: person.cadence,
        };
        let error = store.update_person(member, &update).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The role cannot contain line breaks or control characters."
        );
    }
    let long = teamlead_core::journal::PersonUpdate {
        name: person.name.clone(),
        role: "r".repeat(121),
        start_date: None,
        cadence: person.cadence,
    };
    assert_eq!(
        store.update_person(member, &long).unwrap_err().to_string(),
        "The role can be at most 120 characters long."
    );
}

#[test]
fn days_outside_the_years_1900_to_2999_are_refused_in_words_not_by_the_database() {
    let mut store = realistic_store();
    let card = CardId(Ids::of(store.conn()).cards[0]);
    let member = store.list_members().unwrap()[0].id;
    let board = store.list_boards().unwrap()[0].id;
    let message = "A date must be between the years 1900 and 2999.";
    for day in [chrono::NaiveDate::MIN, date(1899, 12, 31), date(3000, 1, 1)] {
        let before = dump(&store);
        let refusals = [
            store.set_due(card, Some(day)).map(drop),
            store.add_time_off(member, day, day).map(drop),
            store.create_team_goal("Ship it", day).map(drop),
            store
                .workload(
                    board,
                    Horizon {
                        start: day,
                        end: day,
                    },
                )
                .map(drop),
            Period::new(day, day).map(drop),
        ];
        for refused in refusals {
            let error = refused.unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
            assert_eq!(error.to_string(), message);
        }
        assert_eq!(dump(&store), before);
    }
}

#[test]
fn a_search_with_a_nul_in_it_searches_the_words_around_it() {
    let store = realistic_store();
    let plain = store.search_journal("resume", None, 10).unwrap();
    assert!(!plain.is_empty());
    let with_nul = store.search_journal("\0resume\0", None, 10).unwrap();
    assert_eq!(plain, with_nul);
    assert!(store.search_journal("0\0", None, 10).is_ok());
}

#[test]
fn a_growth_goal_names_at_most_twenty_skills() {
    let mut store = realistic_store();
    let member = store.list_members().unwrap()[0].id;
    let goal = |n: usize| teamlead_core::journal::NewGoal {
        title: "Grow".into(),
        skills: (0..n).map(|i| format!("skill {i}")).collect(),
        progress: 0,
    };
    assert_eq!(store.add_goal(member, &goal(20)).unwrap().skills.len(), 20);
    let error = store.add_goal(member, &goal(21)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "A growth goal can name at most 20 skills."
    );
}
