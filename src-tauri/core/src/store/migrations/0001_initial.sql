-- The first slice: the team, boards, columns, cards and the card history.

CREATE TABLE members (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    role       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE member_skills (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    skill     TEXT    NOT NULL,
    level     INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (member_id, skill)
) WITHOUT ROWID;

CREATE TABLE boards (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE columns (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    rank     TEXT    NOT NULL,
    UNIQUE (board_id, rank)
);

-- Ranks are unique per column, and the unique index serves ordered reads of a column.
CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    column_id   INTEGER NOT NULL REFERENCES columns (id) ON DELETE CASCADE,
    rank        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    assignee_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (column_id, rank)
);

CREATE INDEX cards_assignee ON cards (assignee_id);

-- What happened to each card and when: the history that metrics and reports read.
-- Rows are appended in time order, which is the order metrics scan them in. There is no
-- index by card: it would cost every move a second page write, for a rare per-card read.
CREATE TABLE card_events (
    id             INTEGER PRIMARY KEY,
    card_id        INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL,
    from_column_id INTEGER,
    to_column_id   INTEGER,
    member_id      INTEGER,
    at             INTEGER NOT NULL
);
