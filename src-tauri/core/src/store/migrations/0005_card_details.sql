-- What a card says beyond its title, labels, required skills, checklists, blocking, and
-- archived columns.

-- Markdown, rendered sanitized by the UI.
ALTER TABLE cards ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE cards ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('urgent', 'high', 'normal', 'low'));
-- A calendar day, YYYY-MM-DD.
ALTER TABLE cards ADD COLUMN due_date TEXT
    CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
-- Set while the card is blocked: why, and since when.
ALTER TABLE cards ADD COLUMN blocked_reason TEXT;
ALTER TABLE cards ADD COLUMN blocked_since INTEGER;

-- What an event was about beyond its columns and member: the reason a card was blocked.
ALTER TABLE card_events ADD COLUMN detail TEXT;

-- Archived columns leave the board with their cards and come back where they were.
ALTER TABLE columns ADD COLUMN archived_at INTEGER;

-- Coloured labels belong to a board.
CREATE TABLE labels (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    color    TEXT    NOT NULL,
    UNIQUE (board_id, name)
);

CREATE TABLE card_labels (
    card_id  INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (card_id, label_id)
) WITHOUT ROWID;

CREATE INDEX card_labels_label ON card_labels (label_id);

-- The skills a card needs, each at a minimum level.
CREATE TABLE card_skills (
    card_id   INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    skill     TEXT    NOT NULL,
    min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 5),
    PRIMARY KEY (card_id, skill)
) WITHOUT ROWID;

CREATE TABLE checklist_items (
    id      INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    rank    TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    UNIQUE (card_id, rank)
);
