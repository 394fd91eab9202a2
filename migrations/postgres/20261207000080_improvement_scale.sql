-- Improvements at company scale (300,000 findings; measured on the SQLite database seed-scale grows).
--
-- A team's inbox reads the frictions of each of its steps, and those tagged with it, newest first.
-- With the kind in these indexes each step (or the tag) is one ordered range, so a page reads about
-- 50 rows a step instead of walking every friction of the kind in created order. An improvement's
-- priority counts the walkers who reported a friction on its step: the walkthrough id in the step
-- index answers that without reading each friction's row.
--
-- PostgreSQL: the same indexes (an index-only scan needs the visibility map, so vacuum matters there).
create index friction_step_kind_created_idx on friction (step_id, kind, created_at, id, walkthrough_id);
create index friction_team_kind_created_idx on friction (team_id, kind, created_at, id);
