-- The licence (issue 11) and the audit log (issue 12). A licence is a list of periods: each
-- sign-off (or manual certification by HR) inserts one period that is never changed afterwards, so
-- the history is simply the rows. Decisions (signed off, sent back, certified, revoked) are their
-- own insert-only rows with who, when and why. Dates of a period are calendar dates in
-- Europe/Amsterdam (yyyy-mm-dd); `valid_through` is inclusive: the last day the licence counts.

-- The organisation's licence rules: exactly one row. Changing them applies to decisions made
-- afterwards; existing periods keep the dates they were issued with.
create table licence_setting (
    id integer primary key check (id = 1),
    validity_months integer not null default 12 check (validity_months between 1 and 60),
    -- sign_off: from the sign-off date; previous_expiry: renewing in the window continues from
    -- the old expiry (after expiry: from the sign-off); fixed_date: everyone expires on one date
    anchor text not null default 'previous_expiry' check (anchor in ('sign_off', 'previous_expiry', 'fixed_date')),
    fixed_month integer check (fixed_month between 1 and 12),
    fixed_day integer check (fixed_day between 1 and 31),
    -- with a fixed date, a licence is valid at least this many days (a late joiner is not given
    -- one that ends weeks later: it runs to the fixed date of the following year)
    min_validity_days integer not null default 180 check (min_validity_days between 0 and 366),
    -- the renewal window opens this many days before the last valid day
    window_days integer not null default 60 check (window_days between 0 and 180),
    -- days after expiry in which the person is "in grace"
    grace_days integer not null default 30 check (grace_days between 0 and 180),
    -- whether the dashboard counts people in grace as covered
    grace_counts_as_covered boolean not null default false,
    -- reminder offsets in days before the last valid day, comma-separated, descending ('60,30,7,0')
    reminder_days text not null default '60,30,7,0',
    -- after expiry a reminder every this many days (0: none)
    expired_every_days integer not null default 7 check (expired_every_days between 0 and 90),
    -- the manager is copied from this many days before expiry onwards
    manager_cc_days integer not null default 7 check (manager_cc_days between 0 and 180),
    updated_by integer references person (id),
    created_at text not null,
    updated_at text not null
);

insert into licence_setting (id, created_at, updated_at)
values (1, '2026-12-02T00:00:00Z', '2026-12-02T00:00:00Z');

-- One licence period. Never updated or deleted; a revocation is a decision row pointing at it.
create table licence_period (
    id integer primary key,
    person_id integer not null references person (id),
    valid_from text not null,
    valid_through text not null,
    -- sign_off: by the reviewer after walkthrough + confirmed presentation; manual: by HR/admin
    source text not null check (source in ('sign_off', 'manual')),
    -- the walkthrough this period was earned with (null for a manual certification); a
    -- walkthrough earns one period only
    walkthrough_id integer unique references walkthrough (id),
    issued_by integer not null references person (id),
    -- short public code for the verification page: random, unguessable, never an id
    verification_code text not null unique,
    created_at text not null,
    updated_at text not null,
    check (valid_from <= valid_through)
);

create index licence_period_person_idx on licence_period (person_id, valid_from);
create index licence_period_through_idx on licence_period (valid_through);

-- Every licence decision, insert-only: signed off (a period), sent back (no period, a comment),
-- certified manually (a period, a reason), revoked (a period, a reason).
create table licence_decision (
    id integer primary key,
    person_id integer not null references person (id),
    period_id integer references licence_period (id),
    decision text not null check (decision in ('signed_off', 'sent_back', 'certified', 'revoked')),
    decided_by integer not null references person (id),
    comment text not null default '',
    created_at text not null,
    updated_at text not null
);

create index licence_decision_person_idx on licence_decision (person_id, created_at);
-- a period is revoked at most once
create unique index licence_decision_one_revocation_idx on licence_decision (period_id) where decision = 'revoked';

-- Reminders, one row per (period, kind, recipient): claimed before sending, so a restart never
-- sends twice, and `sent_at` still null after a crash means "try again".
create table licence_reminder (
    id integer primary key,
    period_id integer not null references licence_period (id),
    -- 'before-60', 'before-30', 'before-7', 'expiry', 'expired-<n>' (n-th weekly), 'window-open'
    kind text not null,
    recipient_id integer not null references person (id),
    -- 'to' (the licence holder) or 'cc' (their manager)
    role text not null check (role in ('to', 'cc')),
    sent_at text,
    attempts integer not null default 0,
    last_error text,
    created_at text not null,
    updated_at text not null,
    unique (period_id, kind, recipient_id)
);

create index licence_reminder_pending_idx on licence_reminder (sent_at);

-- The audit log: certification decisions, revocations, settings changes, imports, role changes,
-- nudges. Who (null: the system), what, about whom, and what changed (JSON). The app only ever
-- inserts; the triggers refuse changes from anywhere else too.
create table audit_event (
    id integer primary key,
    actor_id integer references person (id),
    action text not null,
    subject_person_id integer references person (id),
    detail text not null default '{}',
    created_at text not null,
    updated_at text not null
);

create index audit_event_created_idx on audit_event (created_at, id);
create index audit_event_action_idx on audit_event (action, created_at);
create index audit_event_subject_idx on audit_event (subject_person_id, created_at);

create trigger audit_event_no_update before update on audit_event
begin
    select raise(abort, 'audit events are never changed');
end;

create trigger audit_event_no_delete before delete on audit_event
begin
    select raise(abort, 'audit events are never deleted');
end;

-- Notifications learn about licences: new kinds and the period or decision they are about. SQLite
-- cannot change a check constraint in place, so the table is rebuilt (nothing references it).
create table notification_new (
    id integer primary key,
    person_id integer not null references person (id),
    kind text not null check (kind in ('comment', 'recognition', 'confirmed', 'sent_back', 'meeting',
        'licence_signed', 'licence_sent_back', 'licence_certified', 'licence_revoked',
        'licence_reminder', 'licence_waiting', 'licence_window')),
    presentation_id integer references presentation (id) on delete cascade,
    actor_id integer references person (id),
    -- licence notifications: the decision (its comment) or the period (its dates)
    licence_decision_id integer references licence_decision (id),
    licence_period_id integer references licence_period (id),
    -- the reminder kind ('before-30', ...) for licence reminders
    detail text not null default '',
    read_at text,
    created_at text not null,
    updated_at text not null
);

insert into notification_new (id, person_id, kind, presentation_id, actor_id, read_at, created_at, updated_at)
select id, person_id, kind, presentation_id, actor_id, read_at, created_at, updated_at from notification;

drop table notification;
alter table notification_new rename to notification;
create index notification_person_idx on notification (person_id, read_at, created_at desc);
