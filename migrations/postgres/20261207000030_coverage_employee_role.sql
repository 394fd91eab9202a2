-- The HR dashboard counts only people with the employee role (an administrator or HR account
-- without it is not staff to be certified), so ticking or unticking that role changes the figures:
-- it must move `coverage_version` like every other change the dashboard counts, or the cached
-- figures (`db::coverage::cache`) would keep showing the old numbers until the next day. Other
-- roles do not change what is counted, so they leave the cache alone.
--
-- PostgreSQL: the same triggers on `coverage_version_bump()` (migration 009), with the same
-- conditions as `when (...)` clauses.
create trigger person_role_insert_coverage after insert on person_role
    for each row when (new.role = 'employee')
    execute function coverage_version_bump();
create trigger person_role_update_coverage after update on person_role
    for each row when (old.role = 'employee' or new.role = 'employee')
    execute function coverage_version_bump();
create trigger person_role_delete_coverage after delete on person_role
    for each row when (old.role = 'employee')
    execute function coverage_version_bump();
