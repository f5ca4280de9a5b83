-- What the board needs for flow and load: the stage each column stands for, WIP limits,
-- the estimate unit, and card estimates.

-- not_started, in_progress or done: what metrics read a column as.
ALTER TABLE columns ADD COLUMN stage TEXT NOT NULL DEFAULT 'not_started'
    CHECK (stage IN ('not_started', 'in_progress', 'done'));
-- At most this many cards are meant to be in the column; more is flagged, never refused.
ALTER TABLE columns ADD COLUMN wip_limit INTEGER CHECK (wip_limit IS NULL OR wip_limit > 0);

ALTER TABLE boards ADD COLUMN estimate_unit TEXT NOT NULL DEFAULT 'points'
    CHECK (estimate_unit IN ('points', 'hours'));

-- In hundredths of the board's unit, so 2.5 points is 250: exact in SQL and in undo.
ALTER TABLE cards ADD COLUMN estimate_centi INTEGER CHECK (estimate_centi IS NULL OR estimate_centi >= 0);

-- Existing boards: read the usual column names as stages.
UPDATE columns SET stage = 'in_progress'
    WHERE lower(name) IN ('in progress', 'doing', 'review', 'in review', 'testing');
UPDATE columns SET stage = 'done' WHERE lower(name) IN ('done', 'finished', 'shipped', 'released');
