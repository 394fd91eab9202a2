-- Day-one reminders (`domain::licence::reminder::first`): a person who was never certified is
-- invited to earn a first licence and then reminded, counted from the day they joined. Such a
-- person has no licence period for `licence_reminder` to hang off, so these rows name the person.
-- The states and guarantees are those of `licence_reminder` (see `db::reminder`): one row per
-- (person, kind, recipient) claimed with its in-app notification before any mail goes out, the
-- try counted before sending, `sent_at` set when the SMTP server accepted the message.
create table first_licence_reminder (
    id integer primary key,
    -- the newcomer the reminder is about
    person_id integer not null references person (id),
    -- 'first-licence' (the invitation), 'first-before-<n>', 'first-due', 'first-overdue-<k>'
    kind text not null,
    recipient_id integer not null references person (id),
    -- 'to' (the newcomer) or 'cc' (their manager)
    role text not null check (role in ('to', 'cc')),
    sent_at text,
    attempts integer not null default 0,
    last_error text,
    created_at text not null,
    updated_at text not null,
    unique (person_id, kind, recipient_id)
);

create index first_licence_reminder_pending_idx on first_licence_reminder (sent_at);
