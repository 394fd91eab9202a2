-- A licence register export (licences moved over from an old register, in bulk) waits for its dry
-- run and apply like an employee file; the kind keeps one from being applied as the other.
--
-- PostgreSQL: the same column, its check named `import_upload_kind_check`.
alter table import_upload add column kind text not null default 'people'
    constraint import_upload_kind_check check (kind in ('people', 'licences'));
