-- The one-on-one journal: each person's cadence, start date and private notes, growth goals,
-- one-on-one sessions with their agenda, check-in, action items and feedback, agenda
-- templates, and a full-text index over what the lead wrote.

-- A calendar day, YYYY-MM-DD.
ALTER TABLE members ADD COLUMN start_date TEXT
    CHECK (start_date IS NULL OR start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE members ADD COLUMN cadence TEXT NOT NULL DEFAULT 'every_two_weeks'
    CHECK (cadence IN ('weekly', 'every_two_weeks', 'monthly'));
-- Markdown, always private: journal::shareable never reads it.
ALTER TABLE members ADD COLUMN private_notes TEXT NOT NULL DEFAULT '';

-- What a person wants to learn, how far they are (percent), and the skills it builds.
CREATE TABLE growth_goals (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    progress   INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    created_at INTEGER NOT NULL
);

CREATE INDEX growth_goals_member ON growth_goals (member_id);

CREATE TABLE goal_skills (
    goal_id INTEGER NOT NULL REFERENCES growth_goals (id) ON DELETE CASCADE,
    skill   TEXT    NOT NULL,
    PRIMARY KEY (goal_id, skill)
) WITHOUT ROWID;

-- The four searchable tables (sessions for their notes, agenda items, action items and
-- feedback) draw their ids from disjoint ranges of 2^40, so one id names one searchable
-- document: the full-text index below uses it as its rowid, and `id >> 40` says which table
-- it comes from. Sessions start at 1; the others' AUTOINCREMENT sequences are seeded below.

-- Notes are Markdown, private unless marked shareable, and saved often (autosave) outside
-- the undo history. Mood and workload are the check-in, 1 to 5 each.
CREATE TABLE one_on_ones (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    date            TEXT    NOT NULL
        CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes           TEXT    NOT NULL DEFAULT '',
    notes_shareable INTEGER NOT NULL DEFAULT 0 CHECK (notes_shareable IN (0, 1)),
    notes_saved_at  INTEGER,
    mood            INTEGER CHECK (mood IS NULL OR mood BETWEEN 1 AND 5),
    workload        INTEGER CHECK (workload IS NULL OR workload BETWEEN 1 AND 5),
    created_at      INTEGER NOT NULL
);

CREATE INDEX one_on_ones_member ON one_on_ones (member_id, date);

-- Owned by the lead or by the person. Done when checked, or when its card is in a done
-- column (read, not stored).
CREATE TABLE action_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES one_on_ones (id) ON DELETE CASCADE,
    text       TEXT    NOT NULL,
    owner      TEXT    NOT NULL CHECK (owner IN ('lead', 'person')),
    due_date   TEXT
        CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    shareable  INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1)),
    card_id    INTEGER REFERENCES cards (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX action_items_session ON action_items (session_id);
CREATE INDEX action_items_card ON action_items (card_id) WHERE card_id IS NOT NULL;

-- Talking points: open until the meeting marks them discussed or carried. A point carried
-- into a later session links to the one it came from.
CREATE TABLE agenda_items (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id     INTEGER NOT NULL REFERENCES one_on_ones (id) ON DELETE CASCADE,
    rank           TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'discussed', 'carried')),
    carried_from   INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
    action_item_id INTEGER REFERENCES action_items (id) ON DELETE SET NULL,
    card_id        INTEGER REFERENCES cards (id) ON DELETE SET NULL,
    UNIQUE (session_id, rank)
);

CREATE INDEX agenda_items_carried_from ON agenda_items (carried_from)
    WHERE carried_from IS NOT NULL;
CREATE INDEX agenda_items_action_item ON agenda_items (action_item_id)
    WHERE action_item_id IS NOT NULL;
CREATE INDEX agenda_items_card ON agenda_items (card_id) WHERE card_id IS NOT NULL;

-- Situation, behaviour, impact.
CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES one_on_ones (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('praise', 'constructive')),
    situation  TEXT    NOT NULL,
    behaviour  TEXT    NOT NULL,
    impact     TEXT    NOT NULL,
    shareable  INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE INDEX feedback_session ON feedback (session_id);

INSERT INTO sqlite_sequence (name, seq) VALUES
    ('agenda_items', 1099511627776),
    ('action_items', 2199023255552),
    ('feedback', 3298534883328);

-- Agenda templates: one talking point per line. The built-in ones can be edited and deleted.
CREATE TABLE agenda_templates (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    items TEXT NOT NULL
);

INSERT INTO agenda_templates (name, items) VALUES
    ('First one-on-one',
     'How do you like to receive feedback?' || char(10) ||
     'What motivates you at work, and what drains you?' || char(10) ||
     'How do you prefer to communicate: chat, calls, written?' || char(10) ||
     'What do you expect from me as your lead?' || char(10) ||
     'What would you like to learn this year?'),
    ('Career',
     'Where do you want to be in two years?' || char(10) ||
     'Which skills do you want to grow next?' || char(10) ||
     'Which work would stretch you?' || char(10) ||
     'Progress on your growth goals'),
    ('Feedback',
     'Feedback for you: what went well' || char(10) ||
     'Feedback for you: what to change' || char(10) ||
     'Feedback for me: what should I do differently?'),
    ('Regular check-in',
     'How are you doing?' || char(10) ||
     'What went well since we last met?' || char(10) ||
     'What is in your way?' || char(10) ||
     'Open action items');

-- Every searchable text, by document id. Each arm is read by its primary key, so the index's
-- row lookups (snippets) stay cheap.
CREATE VIEW journal_documents (doc, body) AS
    SELECT id, notes FROM one_on_ones
    UNION ALL SELECT id, text FROM agenda_items
    UNION ALL SELECT id, text FROM action_items
    UNION ALL SELECT id, situation || char(10) || behaviour || char(10) || impact FROM feedback;

-- External content: the text lives only in the tables above. The triggers below keep the
-- index in step with every change, the replays of undo and redo included; accents are
-- folded, so "resume" finds "résumé".
CREATE VIRTUAL TABLE journal_search USING fts5 (
    body,
    content = 'journal_documents',
    content_rowid = 'doc',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER one_on_ones_search_insert AFTER INSERT ON one_on_ones BEGIN
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.notes);
END;
CREATE TRIGGER one_on_ones_search_delete AFTER DELETE ON one_on_ones BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.notes);
END;
CREATE TRIGGER one_on_ones_search_update AFTER UPDATE OF notes ON one_on_ones BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.notes);
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.notes);
END;

CREATE TRIGGER agenda_items_search_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.text);
END;
CREATE TRIGGER agenda_items_search_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER agenda_items_search_update AFTER UPDATE OF text ON agenda_items BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.text);
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.text);
END;

CREATE TRIGGER action_items_search_insert AFTER INSERT ON action_items BEGIN
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.text);
END;
CREATE TRIGGER action_items_search_delete AFTER DELETE ON action_items BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER action_items_search_update AFTER UPDATE OF text ON action_items BEGIN
    INSERT INTO journal_search (journal_search, rowid, body) VALUES ('delete', old.id, old.text);
    INSERT INTO journal_search (rowid, body) VALUES (new.id, new.text);
END;

CREATE TRIGGER feedback_search_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO journal_search (rowid, body)
        VALUES (new.id, new.situation || char(10) || new.behaviour || char(10) || new.impact);
END;
CREATE TRIGGER feedback_search_delete AFTER DELETE ON feedback BEGIN
    INSERT INTO journal_search (journal_search, rowid, body)
        VALUES ('delete', old.id, old.situation || char(10) || old.behaviour || char(10) || old.impact);
END;
CREATE TRIGGER feedback_search_update AFTER UPDATE OF situation, behaviour, impact ON feedback BEGIN
    INSERT INTO journal_search (journal_search, rowid, body)
        VALUES ('delete', old.id, old.situation || char(10) || old.behaviour || char(10) || old.impact);
    INSERT INTO journal_search (rowid, body)
        VALUES (new.id, new.situation || char(10) || new.behaviour || char(10) || new.impact);
END;
