-- The inbox lists frictions newest first. A team's view starts from its steps and tags
-- (friction_step_created_idx, friction_team_created_idx); CX's view of every team reads frictions
-- of one kind in created order, which this index gives without sorting all of them.
create index friction_kind_created_idx on friction (kind, created_at, id);
