-- Ending a person's other sessions. Every session remembers the person's session_epoch from
-- sign-in and is ended on its next request once the two differ. A password change (by the person
-- or by an admin) and a deactivation raise the epoch in the same statement as the change, so a
-- session signed in with the old password, or before the deactivation, can never be used again,
-- not even after the person is reactivated. The session that changed its own password takes the
-- new value and stays signed in.
--
-- PostgreSQL: `bigint`, because the code reads the epoch as `i64`.
alter table person add column session_epoch bigint not null default 0;
