-- The import can give everyone named as a manager the reviewer role; the upload form asks
-- whether to (ticked by default) and the choice waits with the file for "Apply".
alter table import_upload add column managers_review boolean not null default true;

-- Department and team names are unique regardless of case and surrounding spaces
-- ("klantenservice" beside "Klantenservice" was accepted before). The application trims names
-- before writing; existing names are trimmed here, and a name that would now clash with an
-- older one gets its id appended, so the index can be built on any existing data and an
-- administrator can merge the two on the organisation page.
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
