-- Improvements at company scale (300,000 findings; measured on the database seed-scale grows).
--
-- A team's inbox reads the frictions of each of its steps, and those tagged with it, newest
-- first. With (step_id, created_at, id) alone SQLite prefers walking every friction of the kind
-- in created order, which reads all 180,000 frictions for a team with few of them (70-150 ms);
-- with the kind in these indexes each step (or the tag) is one ordered range, so a page reads
-- about 50 rows a step (under 2 ms for every team).
--
-- An improvement's priority counts the walkers who reported a friction on its step: the
-- walkthrough id in the step index answers that without reading each friction's row (the
-- overview's steps: 190 ms of CPU before, 40 ms after).
create index friction_step_kind_created_idx on friction (step_id, kind, created_at, id, walkthrough_id);
create index friction_team_kind_created_idx on friction (team_id, kind, created_at, id);
