-- Workload balancing: what each person can take on, when they are away, and cards that stay
-- with someone.

-- Hundredths of the board's unit per week of five working days, like estimates; NULL: not set.
ALTER TABLE members ADD COLUMN weekly_capacity_centi INTEGER
    CHECK (weekly_capacity_centi IS NULL OR weekly_capacity_centi BETWEEN 0 AND 1000000);

-- Days off, both ends included (YYYY-MM-DD); they reduce the capacity of any horizon they meet.
CREATE TABLE time_off (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    start_date TEXT    NOT NULL
        CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    end_date   TEXT    NOT NULL
        CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (start_date <= end_date)
);

CREATE INDEX time_off_member ON time_off (member_id, start_date);

-- The person a card stays with: the planner never moves it, and suggestions cannot give it to
-- anyone else.
ALTER TABLE cards ADD COLUMN pinned_to INTEGER REFERENCES members (id) ON DELETE SET NULL;
