-- A manager's edit of an improvement's own fields (title, problem, team, owner, due date,
-- priority) is a history row too, with the status unchanged; this column says which fields it
-- changed (their codes, comma separated), so the page can say "owner and due date changed"
-- without copying the old values (those are in the audit event). Empty for a status change.
alter table improvement_history add column changed text not null default '';

-- The priority score counts how many walkers of an improvement's step reported anything on it:
-- the walked steps are looked up by step.
create index walkthrough_step_step_idx on walkthrough_step (step_id, walkthrough_id);
