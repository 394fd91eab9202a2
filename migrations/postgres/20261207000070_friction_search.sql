-- While a walker logs a friction, similar ones are suggested by full text (title and what happened).
-- The text lives once, in `friction`, and the index follows every insert, update and delete, whoever
-- writes the friction (the walk step form, quick capture, the demo seed, seed-scale), so no write
-- path can forget it. The same tokenizer as the library's index: accents folded, so "financiële"
-- finds "financiele".
--
-- PostgreSQL: instead of SQLite's external-content FTS5 table kept by three triggers, `friction` gets
-- a stored generated `tsvector` (`search_document`, in `krb_search`, migration 005) with a GIN
-- index; PostgreSQL keeps it in step on every write, and computes it for the frictions logged before
-- (what FTS5's 'rebuild' does). A view named `friction_search` keeps the app's query shape: it has
-- the FTS5 table's `rowid` (the friction id), `title` and `what_happened`, plus `document`. The app
-- matches with `fs.document @@ to_tsquery('krb_search', $1)` where SQLite says
-- `friction_search match ?`, and ranks with `ts_rank(fs.document, <same query>) desc` where SQLite
-- orders by `fs.rank`.
alter table friction add column search_document tsvector generated always as (
    to_tsvector('krb_search'::regconfig, title || ' ' || what_happened)
) stored;

create index friction_search_document_idx on friction using gin (search_document);

create view friction_search as
    select f.id as rowid, f.title, f.what_happened, f.search_document as document
    from friction f;
