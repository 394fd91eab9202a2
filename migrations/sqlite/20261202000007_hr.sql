-- The employee import (issue 12): an uploaded HR file waits here between its dry run and
-- "Apply", under a random token and only for the person who uploaded it. Applying re-reads and
-- re-checks it inside the write transaction, then deletes the row (the audit log keeps what was
-- done). Rows older than a day are removed at the next upload.
create table import_upload (
    id integer primary key,
    token text not null unique,
    uploaded_by integer not null references person (id),
    file_name text not null,
    full_export boolean not null default false,
    content blob not null,
    created_at text not null,
    updated_at text not null
);

create index import_upload_created_idx on import_upload (created_at);
