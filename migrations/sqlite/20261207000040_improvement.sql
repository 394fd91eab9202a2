-- From friction to fix. A friction logged on a step reaches the team that owns the step (or the team
-- it is tagged with); a team lead or CX triages it into an owned improvement or closes it with a
-- reason the reporter reads; the improvement moves through its statuses with an insert-only
-- history; its reporters and recognisers hear when it is fixed or closed; later walkers of the
-- step confirm the fix or say it is still a problem. Every fact has one home: an improvement's
-- reports, recognitions and severities are read through its triaged frictions, never copied.

-- An owned fix. It is about one journey (its family, so it outlives a yearly new version) and the
-- step of its first friction; later walkers meet it at a step of that journey with the same title.
create table improvement (
    id integer primary key,
    title text not null,
    -- the problem in the customer's words
    problem text not null,
    team_id integer not null references team (id),
    -- who drives it; a team lead or CX member when it is created, may be anyone active
    owner_id integer references person (id),
    journey_family_id integer not null references journey_family (id),
    step_id integer not null references journey_step (id),
    -- the calendar date in Europe/Amsterdam, yyyy-mm-dd
    due_on text,
    -- the lead's own judgement; the computed priority score is shown beside it
    priority text not null check (priority in ('high', 'medium', 'low')),
    status text not null default 'new'
        check (status in ('new', 'planned', 'in_progress', 'fixed', 'wont_fix')),
    -- the reason for "won't fix" (required there), or the comment of the last change
    status_reason text not null default '',
    -- when it was last marked fixed: later walkers' confirmations count from here
    fixed_at text,
    -- when it last reached fixed or won't fix (median days to fix); cleared when reopened
    closed_at text,
    -- the last change by a person or the app (status, owner, due date, a linked friction):
    -- an improvement untouched for IMPROVEMENT_STALE_DAYS is escalated
    last_activity_at text not null,
    -- bumped on every change, so two leads never overwrite each other silently
    version integer not null default 0,
    created_by integer not null references person (id),
    created_at text not null,
    updated_at text not null
);

create index improvement_team_status_idx on improvement (team_id, status, id);
create index improvement_step_idx on improvement (step_id, status);
create index improvement_family_idx on improvement (journey_family_id, status);
create index improvement_status_idx on improvement (status, id);

-- Every status change, insert-only (who, when, from, to, comment). The creation is the first row
-- with no `from_status`. `actor_id` is null when the app itself reopened it after later walkers.
create table improvement_history (
    id integer primary key,
    improvement_id integer not null references improvement (id),
    actor_id integer references person (id),
    from_status text check (from_status in ('new', 'planned', 'in_progress', 'fixed', 'wont_fix')),
    to_status text not null check (to_status in ('new', 'planned', 'in_progress', 'fixed', 'wont_fix')),
    comment text not null default '',
    created_at text not null,
    updated_at text not null
);

create index improvement_history_improvement_idx on improvement_history (improvement_id, id);

create trigger improvement_history_no_update before update on improvement_history
begin
    select raise(abort, 'improvement history is never changed');
end;

create trigger improvement_history_no_delete before delete on improvement_history
begin
    select raise(abort, 'improvement history is never deleted');
end;

-- The triage decision on one friction: the primary key makes "triaged once" a database fact, so
-- two leads deciding at the same moment cannot both win. Outcome `improvement` links it (a new or
-- an existing improvement: duplicates merge); `no_action` closes it with a reason its reporter reads.
create table friction_triage (
    friction_id integer primary key references friction (id) on delete cascade,
    outcome text not null check (outcome in ('improvement', 'no_action')),
    improvement_id integer references improvement (id),
    reason text not null default '',
    -- the SERVQUAL gap the friction shows
    gap text check (gap in ('knowledge', 'specification', 'delivery', 'communication')),
    triaged_by integer not null references person (id),
    created_at text not null,
    updated_at text not null,
    check ((outcome = 'improvement') = (improvement_id is not null)),
    check (outcome = 'improvement' or reason <> '')
);

create index friction_triage_improvement_idx on friction_triage (improvement_id);

-- While logging, a walker may point their friction at a similar one or at an open improvement of
-- the same step or journey; they still log their own words.
alter table friction add column similar_friction_id integer references friction (id);
alter table friction add column similar_improvement_id integer references improvement (id);

-- The inbox reads frictions per step, newest first; the tag to a team is the other way in.
create index friction_step_created_idx on friction (step_id, created_at, id);
create index friction_team_created_idx on friction (team_id, created_at, id);

-- "Hier is iets verbeterd: … Klopt dat?" answered by a later walker, once per walkthrough.
create table improvement_confirmation (
    improvement_id integer not null references improvement (id),
    walkthrough_id integer not null references walkthrough (id) on delete cascade,
    person_id integer not null references person (id),
    answer text not null check (answer in ('fixed', 'still_problem', 'not_seen')),
    created_at text not null,
    updated_at text not null,
    primary key (improvement_id, walkthrough_id)
);

create index improvement_confirmation_walkthrough_idx on improvement_confirmation (walkthrough_id);

-- Mail about improvements, claimed in the transaction of what caused it (with the in-app
-- notification) and sent afterwards, so each goes out once: to reporters and recognisers when it is
-- fixed or closed, to the owner when later walkers reopen it, and escalations (overdue, stale) to
-- the owner and the owning team's leads once per period. `period` tells the occasions apart: the
-- history row of a status change, the due date or the stale window of an escalation.
create table improvement_mail (
    id integer primary key,
    improvement_id integer not null references improvement (id),
    recipient_id integer not null references person (id),
    event text not null check (event in ('fixed', 'wont_fix', 'reopened', 'overdue', 'stale')),
    period text not null,
    attempts integer not null default 0,
    last_error text,
    sent_at text,
    created_at text not null,
    updated_at text not null,
    unique (improvement_id, event, period, recipient_id)
);

create index improvement_mail_pending_idx on improvement_mail (sent_at);

-- Notifications learn about improvements and triage: new kinds and the improvement or friction
-- they are about. SQLite cannot change a check constraint in place, so the table is rebuilt with
-- the same rows (nothing references it).
create table notification_next (
    id integer primary key,
    person_id integer not null references person (id),
    kind text not null check (kind in ('comment', 'recognition', 'confirmed', 'sent_back', 'meeting',
        'licence_signed', 'licence_sent_back', 'licence_certified', 'licence_revoked',
        'licence_reminder', 'licence_waiting', 'licence_window',
        'improvement_created', 'improvement_fixed', 'improvement_wont_fix',
        'improvement_reopened', 'improvement_overdue', 'improvement_stale', 'friction_no_action')),
    presentation_id integer references presentation (id) on delete cascade,
    actor_id integer references person (id),
    licence_decision_id integer references licence_decision (id),
    licence_period_id integer references licence_period (id),
    improvement_id integer references improvement (id),
    friction_id integer references friction (id) on delete cascade,
    detail text not null default '',
    read_at text,
    created_at text not null,
    updated_at text not null
);

insert into notification_next (id, person_id, kind, presentation_id, actor_id, licence_decision_id,
    licence_period_id, detail, read_at, created_at, updated_at)
select id, person_id, kind, presentation_id, actor_id, licence_decision_id, licence_period_id,
    detail, read_at, created_at, updated_at from notification;

drop table notification;
alter table notification_next rename to notification;
create index notification_person_idx on notification (person_id, read_at, created_at desc);
