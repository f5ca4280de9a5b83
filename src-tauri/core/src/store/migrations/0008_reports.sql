-- Progress monitoring and manager reports: the lead's goals and the cards that serve them,
-- what the lead writes into a report, and what each exported report flagged.
--
-- It depends on nothing of the journal (6) or the workload (7) migrations.

-- The lead's strategic goals, each with a target date (YYYY-MM-DD).
CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    target_date TEXT    NOT NULL
        CHECK (target_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    created_at  INTEGER NOT NULL
);

-- The goal a card serves; deleting the goal unlinks its cards.
ALTER TABLE cards ADD COLUMN goal_id INTEGER REFERENCES goals (id) ON DELETE SET NULL;
CREATE INDEX cards_goal ON cards (goal_id) WHERE goal_id IS NOT NULL;

-- What the lead writes into the report of one board and period: their own headline status
-- (overriding the suggested one, with their reason) and the needs and asks.
CREATE TABLE report_notes (
    board_id      INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    period_from   TEXT    NOT NULL,
    period_to     TEXT    NOT NULL,
    status        TEXT    CHECK (status IS NULL OR status IN ('green', 'amber', 'red')),
    status_reason TEXT    NOT NULL DEFAULT '',
    needs         TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (board_id, period_from, period_to)
) WITHOUT ROWID;

-- Each exported report and the risks it listed, so the next one can say what changed.
CREATE TABLE report_snapshots (
    id          INTEGER PRIMARY KEY,
    board_id    INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    period_from TEXT    NOT NULL,
    period_to   TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    exported_at INTEGER NOT NULL
);

CREATE INDEX report_snapshots_board ON report_snapshots (board_id, period_to);

CREATE TABLE report_snapshot_risks (
    snapshot_id INTEGER NOT NULL REFERENCES report_snapshots (id) ON DELETE CASCADE,
    -- Stable across reports: the kind of risk and what it is about ("blocked:card:12").
    key         TEXT    NOT NULL,
    -- What the report said, kept so a cleared risk can be named after its card is gone.
    summary     TEXT    NOT NULL,
    PRIMARY KEY (snapshot_id, key)
) WITHOUT ROWID;
