-- Undo and redo: for each undoable action, the SQL that reverts it and the SQL that does it
-- again, newest last (see store/undo.rs).
CREATE TABLE undo_log (
    id       INTEGER PRIMARY KEY,
    label    TEXT    NOT NULL,
    undo_sql TEXT    NOT NULL,
    redo_sql TEXT    NOT NULL,
    -- 1 once undone: such steps can be redone until a new action is taken.
    undone   INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    at       INTEGER NOT NULL
);

-- Steps that can be redone are few and dropped by every new action.
CREATE INDEX undo_log_redoable ON undo_log (id) WHERE undone = 1;
