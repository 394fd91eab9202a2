-- The HR dashboard counts only people with the employee role (an administrator or HR account
-- without it is not staff to be certified), so ticking or unticking that role changes the figures:
-- it must move `coverage_version` like every other change the dashboard counts, or the cached
-- figures (`db::coverage::cache`) would keep showing the old numbers until the next day. Other
-- roles do not change what is counted, so they leave the cache alone.
--
-- PostgreSQL: statement-level triggers on `coverage_version_bump()` (as in migration 009): the
-- counter only has to move, and an import of 10,000 people would otherwise update its one row
-- 10,000 times in one transaction. A statement cannot look at the role of each row, so any role
-- change moves it; that only empties the cache a little more often.
create trigger person_role_insert_coverage after insert on person_role
    for each statement execute function coverage_version_bump();
create trigger person_role_update_coverage after update on person_role
    for each statement execute function coverage_version_bump();
create trigger person_role_delete_coverage after delete on person_role
    for each statement execute function coverage_version_bump();
