-- Presentations: an employee turns a completed walkthrough into slides, presents them to colleagues,
-- their reviewer confirms it was presented (the licence relies on that), and colleagues read, search,
-- comment and recognise frictions afterwards. A completed walkthrough is frozen, so slides point at
-- its frictions and evidence instead of copying them: one place for each fact.

-- One presentation per walkthrough; the author is the walkthrough's owner (kept here so the library's
-- visibility filter needs no join through walkthrough).
create table presentation (
    id integer primary key,
    walkthrough_id integer not null unique references walkthrough (id),
    person_id integer not null references person (id),
    title text not null,
    -- Markdown, rendered and sanitised on the server
    introduction text not null default '',
    key_message text not null default '',
    recommendations text not null default '',
    -- who may read it once presented: the author's team, or everyone in the organisation
    visibility text not null default 'team' check (visibility in ('team', 'organisation')),
    -- draft: being prepared; presented: a meeting is recorded and waits for the reviewer;
    -- confirmed: the reviewer confirmed it (the licence condition); sent_back: the reviewer asked for
    -- more, the author records a new meeting
    status text not null default 'draft' check (status in ('draft', 'presented', 'confirmed', 'sent_back')),
    -- when it was first presented; the library pages by (presented_at, id), newest first
    presented_at text,
    -- bumped on every edit, so two tabs do not overwrite each other silently
    version integer not null default 0,
    created_at text not null,
    updated_at text not null
);

create index presentation_person_idx on presentation (person_id);
create index presentation_library_idx on presentation (status, presented_at desc, id desc);

-- The slides in order. Fixed kinds come from the walkthrough (title, scenario, emotion curve,
-- suggestions) or from the author's Markdown (introduction, key message, recommendations); a finding
-- slide shows one friction, delight or question with its photos. Leaving a slide out keeps its row
-- (and notes) so it can be put back.
create table presentation_slide (
    id integer primary key,
    presentation_id integer not null references presentation (id) on delete cascade,
    position integer not null,
    kind text not null check (kind in ('title', 'introduction', 'scenario', 'curve', 'finding', 'suggestions', 'key_message', 'recommendations')),
    friction_id integer references friction (id),
    included boolean not null default true,
    -- speaker notes, plain text, shown only to the presenter
    notes text not null default '',
    created_at text not null,
    updated_at text not null,
    check ((kind = 'finding') = (friction_id is not null))
);

create index presentation_slide_order_idx on presentation_slide (presentation_id, position);
create unique index presentation_slide_friction_idx on presentation_slide (presentation_id, friction_id) where friction_id is not null;

-- Evidence the author marks sensitive (a customer's letter, a screen with a policy number): hidden
-- from colleagues in the library; the author, their reviewer and HR still see it.
create table presentation_sensitive_evidence (
    presentation_id integer not null references presentation (id) on delete cascade,
    evidence_id integer not null references evidence (id) on delete cascade,
    created_at text not null,
    primary key (presentation_id, evidence_id)
);

-- When and to whom it was presented. A send-back asks for a new meeting, so there can be several.
create table presentation_meeting (
    id integer primary key,
    presentation_id integer not null references presentation (id) on delete cascade,
    -- the calendar date in Europe/Amsterdam, yyyy-mm-dd
    held_on text not null,
    audience text not null,
    team_id integer references team (id),
    recorded_by integer not null references person (id),
    created_at text not null,
    updated_at text not null
);

create index presentation_meeting_presentation_idx on presentation_meeting (presentation_id);

create table presentation_attendee (
    meeting_id integer not null references presentation_meeting (id) on delete cascade,
    person_id integer not null references person (id),
    created_at text not null,
    primary key (meeting_id, person_id)
);

-- The reviewer's decision on a meeting. Never updated: the licence and the audit read this history.
create table presentation_review (
    id integer primary key,
    presentation_id integer not null references presentation (id),
    meeting_id integer not null references presentation_meeting (id),
    reviewer_id integer not null references person (id),
    decision text not null check (decision in ('confirmed', 'sent_back')),
    comment text not null default '',
    created_at text not null,
    updated_at text not null
);

create index presentation_review_presentation_idx on presentation_review (presentation_id, created_at);

-- Colleagues' comments, plain text. Authors of a comment edit and delete their own.
create table presentation_comment (
    id integer primary key,
    presentation_id integer not null references presentation (id) on delete cascade,
    person_id integer not null references person (id),
    body text not null,
    created_at text not null,
    updated_at text not null
);

create index presentation_comment_presentation_idx on presentation_comment (presentation_id, created_at);

-- "Herkenbaar / I saw this too" on one friction, at most once per colleague, optionally with one line
-- of their own experience.
create table friction_recognition (
    friction_id integer not null references friction (id) on delete cascade,
    person_id integer not null references person (id),
    note text not null default '',
    created_at text not null,
    updated_at text not null,
    primary key (friction_id, person_id)
);

create index friction_recognition_person_idx on friction_recognition (person_id);

-- The in-app bell: comments, recognitions, confirmations and send-backs now; licence reminders later.
create table notification (
    id integer primary key,
    person_id integer not null references person (id),
    kind text not null check (kind in ('comment', 'recognition', 'confirmed', 'sent_back', 'meeting')),
    presentation_id integer references presentation (id) on delete cascade,
    -- who caused it (the commenter, the reviewer)
    actor_id integer references person (id),
    read_at text,
    created_at text not null,
    updated_at text not null
);

create index notification_person_idx on notification (person_id, read_at, created_at desc);

-- Full-text search over presented presentations: title, journey, the Markdown texts and the chosen
-- findings. Kept by the db module whenever a presentation or its slides change (a plain table of
-- text, so PostgreSQL can use its own full-text index later).
create virtual table presentation_search using fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
