-- Improvements at company scale (300,000 findings, measured on the database seed-scale grows).
-- An improvement's priority counts how many walkers of its step reported a friction there: per
-- step, the distinct walkthroughs of its frictions. With only (step_id, created_at, id) every
-- friction row of the step was read for its kind and walkthrough (about 6,000 rows of long text
-- a step; 190 ms of CPU for the overview's steps); this index answers it from the index alone
-- (40 ms), and lets the inbox check a friction's kind on a step without reading the row.
create index friction_step_kind_walk_idx on friction (step_id, kind, walkthrough_id);
