//! Board benchmarks. Besides criterion's report, prints one summary line per target:
//! `bench P1 card-move ratio=... target=2 (core ... us, bare ... us)`, and likewise P2.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::Criterion;
use rusqlite::{params, Connection};
use teamlead_core::store::configure;
use teamlead_core::{BoardView, CardId, ColumnId, Placement, Store};

const CARDS: usize = 5_000;
const COLUMNS: &[&str] = &["Backlog", "To do", "In progress", "Review", "Done"];

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    board: teamlead_core::BoardId,
    bare: Connection,
    moving: CardId,
    there: Placement,
    back: Placement,
    /// A card only the bare transaction touches, and the two columns it swaps between.
    bare_card: CardId,
    bare_columns: [ColumnId; 2],
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let view: BoardView = store.create_board("Bench", COLUMNS).unwrap();
    let columns: Vec<ColumnId> = view.columns.iter().map(|c| c.id).collect();
    let mut ids = Vec::with_capacity(CARDS);
    for i in 0..CARDS {
        let column = columns[i % columns.len()];
        ids.push(
            store
                .create_card(column, &format!("Card number {i}"))
                .unwrap()
                .id,
        );
    }
    // ids[0] lives in column 0; it moves to column 2 after ids[2] and back after ids[5].
    let bare = open_bare(&path);
    Fixture {
        _dir: dir,
        store,
        board: view.board.id,
        bare,
        moving: ids[0],
        there: Placement {
            column: columns[2],
            after: Some(ids[2]),
        },
        back: Placement {
            column: columns[0],
            after: Some(ids[5]),
        },
        bare_card: ids[1],
        bare_columns: [columns[1], columns[3]],
    }
}

fn open_bare(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    configure(&conn).unwrap();
    conn
}

/// The board's cards as a bare query reads them, every field the board shows: the floor for
/// loading a board.
type BareCard = (
    (i64, i64, String, String, Option<i64>, Option<i64>, i64, i64),
    (String, String, Option<String>, Option<String>, Option<i64>),
);

impl Fixture {
    fn core_load(&self) -> usize {
        let view = self.store.board_view(self.board).unwrap();
        view.cards.len() + view.loads().len()
    }

    fn bare_load(&self) -> usize {
        let mut stmt = self
            .bare
            .prepare_cached(
                "SELECT id, column_id, rank, title, assignee_id, estimate_centi, created_at,
                        updated_at, description, priority, due_date, blocked_reason,
                        blocked_since
                 FROM cards",
            )
            .unwrap();
        let rows: Vec<BareCard> = stmt
            .query_map([], |r| {
                Ok((
                    (
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                    ),
                    (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?),
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.len()
    }

    fn core_move(&mut self, round: usize) {
        let to = if round.is_multiple_of(2) {
            self.there
        } else {
            self.back
        };
        self.store.move_card(self.moving, to).unwrap();
    }

    /// The same physical change as a move: one row gets a new column and rank.
    fn bare_update(&mut self, round: usize) {
        // A rank below every rank the fixture made, so it never collides.
        let column = self.bare_columns[round % 2];
        let tx = self.bare.transaction().unwrap();
        tx.prepare_cached(
            "UPDATE cards SET column_id = ?1, rank = '00001', updated_at = ?2 WHERE id = ?3",
        )
        .unwrap()
        .execute(params![column, round as i64, self.bare_card])
        .unwrap();
        tx.commit().unwrap();
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let mut fx = fixture();
    let mut criterion = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let mut group = criterion.benchmark_group("p1-card-move-5000");
    let mut round = 0;
    group.bench_function("core move_card", |b| {
        b.iter(|| {
            round += 1;
            fx.core_move(round)
        })
    });
    group.bench_function("bare one-row UPDATE transaction", |b| {
        b.iter(|| {
            round += 1;
            fx.bare_update(round)
        })
    });
    group.finish();
    let mut group = criterion.benchmark_group("p2-board-load-5000");
    group.bench_function("core board_view", |b| b.iter(|| fx.core_load()));
    group.bench_function("bare SELECT of the cards", |b| b.iter(|| fx.bare_load()));
    group.finish();
    criterion.final_summary();

    // Side by side, interleaved, so both see the same machine state.
    let rounds = 3_000;
    let mut core = Vec::with_capacity(rounds);
    let mut bare = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let start = Instant::now();
        fx.core_move(round);
        core.push(start.elapsed());
        let start = Instant::now();
        fx.bare_update(round);
        bare.push(start.elapsed());
    }
    let (core, bare) = (median(&mut core), median(&mut bare));
    let p1 = format!(
        "bench P1 card-move ratio={:.2} target=2 (core {:.1} us, bare {:.1} us)",
        micros(core) / micros(bare),
        micros(core),
        micros(bare)
    );

    let rounds = 200;
    let mut core = Vec::with_capacity(rounds);
    let mut bare = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        assert!(fx.core_load() >= CARDS);
        core.push(start.elapsed());
        let start = Instant::now();
        assert_eq!(fx.bare_load(), CARDS);
        bare.push(start.elapsed());
    }
    let (core, bare) = (median(&mut core), median(&mut bare));
    println!("{p1}");
    println!(
        "bench P2 board-load ratio={:.2} target=3 (core {:.2} ms, bare {:.2} ms)",
        micros(core) / micros(bare),
        micros(core) / 1000.0,
        micros(bare) / 1000.0
    );
}
