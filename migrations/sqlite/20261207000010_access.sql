-- Getting in without a password handed out by hand: invitation and password-reset links, and the
-- temporary password an admin types.
--
-- A link carries a random 256-bit token; only its SHA-256 is stored, so a copy of the database
-- (a backup, a log) cannot be used to sign in. A link is used once (used_at, set inside the
-- statement that checks it) and only until expires_at (an invitation after INVITE_VALID_DAYS, a
-- reset after an hour). created_by is who sent an invitation (null: the person asked for a reset
-- themselves, or a reminder carried a fresh invitation).
create table access_token (
    id integer primary key,
    person_id integer not null references person (id) on delete cascade,
    purpose text not null check (purpose in ('invite', 'reset')),
    token_hash text not null unique,
    expires_at text not null,
    used_at text,
    created_by integer references person (id) on delete set null,
    created_at text not null,
    updated_at text not null
);
-- The latest invitation or reset of a person (HR's invitation list, the once-a-day resend rule,
-- the per-account reset limit).
create index access_token_person on access_token (person_id, purpose, created_at);

-- A password an admin typed for someone else: the person must choose their own at the next
-- sign-in before anything else works. Any password the person sets clears it.
alter table person add column must_change_password boolean not null default false;
