-- Journeys (curated by CX) and walkthroughs (an employee walking one journey version).
-- Enumerations are text with check constraints rather than lookup tables: the values are fixed by the
-- product's vocabulary and the domain layer owns their labels.

-- A new role, `cx`, curates the journey catalogue. SQLite cannot change a check constraint in place,
-- so the role table is rebuilt with the same rows. Nothing references person_role, so this is safe.
create table person_role_next (
    person_id integer not null references person (id) on delete cascade,
    role text not null check (role in ('employee', 'reviewer', 'hr', 'admin', 'cx')),
    created_at text not null,
    primary key (person_id, role)
);
insert into person_role_next (person_id, role, created_at)
    select person_id, role, created_at from person_role;
drop table person_role;
alter table person_role_next rename to person_role;

-- A journey family: "Ik wil schade melden" over the years. Versions hang off it, so a walkthrough can
-- point at the exact version it walked while the catalogue shows one line per journey.
create table journey_family (
    id integer primary key,
    created_at text not null,
    updated_at text not null
);

-- One version of a journey. Only drafts change; a live version is frozen because walkthroughs point at
-- it. Editing a live journey copies it into a new draft version, publishing that retires the old one.
create table journey (
    id integer primary key,
    family_id integer not null references journey_family (id),
    version integer not null check (version >= 1),
    -- the year this version is meant for; a journey is usually refreshed once a year
    year integer not null check (year between 2000 and 2100),
    title text not null,
    product_line text not null,
    persona text not null,
    goal text not null,
    scenario text not null,
    rules text not null,
    status text not null check (status in ('draft', 'live', 'retired')),
    created_by integer references person (id),
    published_at text,
    created_at text not null,
    updated_at text not null,
    unique (family_id, version)
);

-- At most one live version per family: the catalogue and "start a walkthrough" rely on it.
create unique index journey_one_live_idx on journey (family_id) where status = 'live';

-- A step of one journey version, in one of the five phases of the customer journey.
create table journey_step (
    id integer primary key,
    journey_id integer not null references journey (id) on delete cascade,
    -- order within the journey; steps are shown grouped by phase, then by position
    position integer not null,
    phase text not null check (phase in ('orientatie', 'transactie', 'afname', 'service', 'loyaliteit')),
    title text not null,
    instructions text not null,
    channel text not null check (channel in ('website', 'app', 'phone', 'email', 'letter', 'chat', 'branch', 'social', 'other')),
    -- what a customer may expect here: the SERVQUAL "expected" the walkthrough is measured against
    service_promise text not null,
    team_id integer references team (id),
    created_at text not null,
    updated_at text not null
);

create index journey_step_journey_idx on journey_step (journey_id, position);

-- One employee walking one journey version within one licence cycle (the calendar year, Amsterdam time).
create table walkthrough (
    id integer primary key,
    person_id integer not null references person (id),
    journey_id integer not null references journey (id),
    cycle_year integer not null,
    status text not null check (status in ('in_progress', 'completed', 'abandoned')),
    abandon_reason text,
    -- would you recommend this as a customer, 0-10 (net promoter question)
    recommend_score integer check (recommend_score between 0 and 10),
    summary text,
    pros text,
    cons text,
    started_at text not null,
    finished_at text,
    created_at text not null,
    updated_at text not null
);

-- One walkthrough in progress per person per cycle; abandoned or completed ones do not count.
create unique index walkthrough_one_active_idx on walkthrough (person_id, cycle_year) where status = 'in_progress';
create index walkthrough_person_idx on walkthrough (person_id);

-- The answer for one step of a walkthrough. Rows are created when the walkthrough starts, so saving is
-- always an update guarded by `version` (two tabs must not overwrite each other silently).
create table walkthrough_step (
    id integer primary key,
    walkthrough_id integer not null references walkthrough (id) on delete cascade,
    step_id integer not null references journey_step (id),
    outcome text check (outcome in ('done', 'partly', 'failed', 'skipped')),
    skip_reason text,
    minutes integer check (minutes between 0 and 1440),
    emotion integer check (emotion between -2 and 2),
    -- customer effort score, 1 (very easy) to 7 (very hard)
    effort integer check (effort between 1 and 7),
    expected text,
    happened text,
    notes text,
    version integer not null default 0,
    created_at text not null,
    updated_at text not null,
    unique (walkthrough_id, step_id)
);

-- Something worth telling colleagues about, attached to one step: a friction, a delight or a question.
create table friction (
    id integer primary key,
    walkthrough_id integer not null references walkthrough (id) on delete cascade,
    step_id integer not null references journey_step (id),
    kind text not null check (kind in ('friction', 'delight', 'question')),
    -- only frictions have a severity; a quick capture may leave it open until completed
    severity text check (severity in ('blocker', 'major', 'papercut')),
    title text not null,
    what_happened text not null default '',
    suggestion text not null default '',
    team_id integer references team (id),
    -- true for a quick capture (photo + one line) that still needs its details
    incomplete boolean not null default false,
    created_at text not null,
    updated_at text not null
);

create index friction_walkthrough_idx on friction (walkthrough_id, step_id);

-- Watkinson's ten principles a friction touches, as tags.
create table friction_principle (
    friction_id integer not null references friction (id) on delete cascade,
    principle text not null check (principle in ('identity', 'needs', 'chance', 'expectations', 'effortless', 'stress', 'senses', 'relationship', 'control', 'emotion')),
    primary key (friction_id, principle)
);

-- A photo, screenshot or PDF letter. The file lives on disk under a random name; this row says who may
-- see it (through its walkthrough) and what it is. The uploader's file name is kept for display only.
create table evidence (
    id integer primary key,
    walkthrough_id integer not null references walkthrough (id) on delete cascade,
    step_id integer not null references journey_step (id),
    friction_id integer references friction (id) on delete set null,
    storage_name text not null unique,
    content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    byte_size integer not null,
    width integer,
    height integer,
    -- thumbnails exist for images only
    thumbnail_name text,
    original_name text not null,
    caption text not null default '',
    created_by integer not null references person (id),
    created_at text not null,
    updated_at text not null
);

create index evidence_walkthrough_idx on evidence (walkthrough_id, step_id);
