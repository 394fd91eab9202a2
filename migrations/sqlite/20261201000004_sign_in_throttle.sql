-- Failed sign-ins per account (the typed, lower-cased e-mail address, whether or not such an
-- account exists), so the growing wait after repeated failures survives a restart. One row per
-- account that failed recently; a successful sign-in deletes it.
create table sign_in_throttle (
    account text primary key not null,
    failures integer not null,
    last_failure_at text not null,
    locked_until text,
    created_at text not null,
    updated_at text not null
);
