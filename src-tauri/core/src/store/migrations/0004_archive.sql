-- Archived cards leave the board but keep their place, history and links; restoring brings
-- them back where they were.
ALTER TABLE cards ADD COLUMN archived_at INTEGER;
