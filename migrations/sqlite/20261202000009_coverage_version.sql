-- A counter that moves whenever anything the HR dashboard counts changes (issue 12: the
-- dashboard's counts and 12-month trend take ~90 ms at 10,000 employees; with this counter the
-- server keeps the computed figures until the data or the day changes, `db::coverage::cache`).
-- Triggers rather than calls in the code, so no write path (sign-off, revocation, import, person
-- form, settings, seeding, a future one) can forget to move it. A migration that rebuilds one of
-- these tables must create its triggers again.
create table coverage_version (
    id integer primary key check (id = 1),
    version integer not null,
    updated_at text not null
);
insert into coverage_version (id, version, updated_at) values (1, 0, current_timestamp);

create trigger person_insert_coverage after insert on person
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
-- Not on every person update: signing in writes last_login_at and must not empty the cache.
create trigger person_update_coverage
after update of name, active, team_id, manager_id, created_at on person
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger person_delete_coverage after delete on person
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;

create trigger team_insert_coverage after insert on team
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger team_update_coverage after update on team
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger team_delete_coverage after delete on team
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;

create trigger department_insert_coverage after insert on department
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger department_update_coverage after update on department
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger department_delete_coverage after delete on department
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;

create trigger licence_period_insert_coverage after insert on licence_period
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger licence_period_update_coverage after update on licence_period
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
create trigger licence_period_delete_coverage after delete on licence_period
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;

-- Revocations are decisions; the trend reads their dates.
create trigger licence_decision_insert_coverage after insert on licence_decision
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;

create trigger licence_setting_update_coverage after update on licence_setting
begin update coverage_version set version = version + 1, updated_at = current_timestamp where id = 1; end;
