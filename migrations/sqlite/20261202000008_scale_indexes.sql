-- Indexes for a company of 10,000 employees (issue 12, measured with scripts/bench.sh).
-- Without them every page that shows the teams with their head count (the walkthrough log, the
-- people list's filter) read every person row once per team to check `active` (7-8 ms a page at
-- 10,000 people, now 0.5 ms), and the people list sorted all people by name for every page of
-- 50 (8 ms, now 0.2 ms: the page is read in index order and stops after 50 rows).

-- Team head counts of active people straight from the index (replaces the team-only index).
drop index person_team_idx;
create index person_team_active_idx on person (team_id, active);
-- The people list's order: by name, then id.
create index person_name_idx on person (name, id);
