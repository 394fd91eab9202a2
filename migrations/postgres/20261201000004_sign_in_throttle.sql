-- Failed sign-ins per account (the typed, lower-cased e-mail address, whether or not such an
-- account exists), so the growing wait after repeated failures survives a restart. One row per
-- account that failed recently; a successful sign-in deletes it.
--
-- PostgreSQL: the two moments are `timestamptz` (the code binds and reads `DateTime<Utc>`), the
-- failure count `bigint` (read as `i64`).
create table sign_in_throttle (
    account text not null,
    failures bigint not null,
    last_failure_at timestamptz not null,
    locked_until timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint sign_in_throttle_pkey primary key (account)
);
