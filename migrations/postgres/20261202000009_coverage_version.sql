-- A counter that moves whenever anything the HR dashboard counts changes (issue 12: the dashboard's
-- counts and 12-month trend take ~90 ms at 10,000 employees; with this counter the server keeps the
-- computed figures until the data or the day changes, `db::coverage::cache`). Triggers rather than
-- calls in the code, so no write path (sign-off, revocation, import, person form, settings, seeding,
-- a future one) can forget to move it. A migration that rebuilds one of these tables must create its
-- triggers again.
--
-- PostgreSQL: one plpgsql trigger function (`coverage_version_bump`) does what each SQLite trigger
-- body does, fired once per statement rather than per row: the counter only has to move, and an
-- import of 10,000 people updating its one row 20,000 times in one transaction took 23 s.
-- `version` is `bigint` (read as `i64`); `updated_at` is a `timestamptz` set with `now()` where
-- SQLite writes `current_timestamp` text (the app never reads it).
create table coverage_version (
    id bigint not null,
    version bigint not null,
    updated_at timestamptz not null,
    constraint coverage_version_pkey primary key (id),
    constraint coverage_version_id_check check (id = 1)
);
insert into coverage_version (id, version, updated_at) values (1, 0, now());

create function coverage_version_bump() returns trigger
language plpgsql as $$
begin
    update coverage_version set version = version + 1, updated_at = now() where id = 1;
    return null;
end;
$$;

create trigger person_insert_coverage after insert on person
    for each statement execute function coverage_version_bump();
-- Not on every person update: signing in writes last_login_at and must not empty the cache.
create trigger person_update_coverage after update of name, active, team_id, manager_id, created_at on person
    for each statement execute function coverage_version_bump();
create trigger person_delete_coverage after delete on person
    for each statement execute function coverage_version_bump();

create trigger team_insert_coverage after insert on team
    for each statement execute function coverage_version_bump();
create trigger team_update_coverage after update on team
    for each statement execute function coverage_version_bump();
create trigger team_delete_coverage after delete on team
    for each statement execute function coverage_version_bump();

create trigger department_insert_coverage after insert on department
    for each statement execute function coverage_version_bump();
create trigger department_update_coverage after update on department
    for each statement execute function coverage_version_bump();
create trigger department_delete_coverage after delete on department
    for each statement execute function coverage_version_bump();

create trigger licence_period_insert_coverage after insert on licence_period
    for each statement execute function coverage_version_bump();
create trigger licence_period_update_coverage after update on licence_period
    for each statement execute function coverage_version_bump();
create trigger licence_period_delete_coverage after delete on licence_period
    for each statement execute function coverage_version_bump();

-- Revocations are decisions; the trend reads their dates.
create trigger licence_decision_insert_coverage after insert on licence_decision
    for each statement execute function coverage_version_bump();

create trigger licence_setting_update_coverage after update on licence_setting
    for each statement execute function coverage_version_bump();
