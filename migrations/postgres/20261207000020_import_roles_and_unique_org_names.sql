-- The import can give everyone named as a manager the reviewer role; the upload form asks whether to
-- (ticked by default) and the choice waits with the file for "Apply".
--
-- Department and team names become unique regardless of case and surrounding spaces
-- ("klantenservice" beside "Klantenservice" was accepted before). The application trims names
-- before writing; existing names are trimmed here, and a name that would now clash with an older
-- one gets its id appended, so the index can be built on any existing data and an administrator can
-- merge the two on the organisation page.
--
-- PostgreSQL: the same statements. Note that PostgreSQL's lower() folds every letter the
-- database's ctype knows (with a UTF-8 ctype: "É" and "é" clash too), where SQLite's folds A-Z only.
alter table import_upload add column managers_review boolean not null default true;

update department set name = trim(name);
update department set name = name || ' (' || cast(id as text) || ')'
where exists (
    select 1 from department older
    where lower(older.name) = lower(department.name) and older.id < department.id
);
create unique index department_name_lower_key on department (lower(name));

update team set name = trim(name);
update team set name = name || ' (' || cast(id as text) || ')'
where exists (
    select 1 from team older
    where older.department_id = team.department_id
      and lower(older.name) = lower(team.name)
      and older.id < team.id
);
create unique index team_name_lower_key on team (department_id, lower(name));
