-- Organisation and people: the base every later feature (journeys, walkthroughs, licences) hangs on.
-- Timestamps are written by the application in UTC (RFC 3339 text) rather than by database defaults,
-- so the same statements work on SQLite now and PostgreSQL later.

-- A department groups teams; HR reports are broken down by department.
create table department (
    id integer primary key,
    name text not null unique,
    created_at text not null,
    updated_at text not null
);

-- A team owns journey steps and is where a reviewer (team lead) signs licences off.
create table team (
    id integer primary key,
    department_id integer not null references department (id),
    name text not null,
    created_at text not null,
    updated_at text not null,
    -- two departments may both have a "Team A", one department may not
    unique (department_id, name)
);

-- Everyone who can sign in. People are deactivated, never deleted: their walkthroughs and
-- licences stay part of the record HR relies on.
create table person (
    id integer primary key,
    -- stored lower-cased by the domain layer, so this unique index is case-insensitive in effect
    email text not null unique,
    name text not null,
    employee_number text not null unique,
    team_id integer references team (id),
    -- the person's line manager; usually the reviewer who signs the licence off
    manager_id integer references person (id),
    active boolean not null default true,
    preferred_language text not null default 'nl' check (preferred_language in ('nl', 'en')),
    -- argon2id PHC string; null until a password is set (such a person cannot sign in)
    password_hash text,
    last_login_at text,
    created_at text not null,
    updated_at text not null
);

create index person_team_idx on person (team_id);
create index person_manager_idx on person (manager_id);

-- Roles are a set per person: a team lead is usually both employee and reviewer.
create table person_role (
    person_id integer not null references person (id) on delete cascade,
    role text not null check (role in ('employee', 'reviewer', 'hr', 'admin')),
    created_at text not null,
    primary key (person_id, role)
);
