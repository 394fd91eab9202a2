-- While a walker logs a friction, similar ones are suggested by full text (title and what
-- happened). An external-content FTS5 index over `friction` (the text lives once, in the table);
-- triggers keep it in step with every insert, update and delete, whoever writes the friction (the
-- walk step form, quick capture, the demo seed, seed-scale), so no write path can forget it.
-- The same tokenizer as the library's index: accents folded, so "financiële" finds "financiele".
create virtual table friction_search using fts5 (
    title,
    what_happened,
    content = 'friction',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The frictions logged before this index existed.
insert into friction_search (friction_search) values ('rebuild');

create trigger friction_search_insert after insert on friction
begin
    insert into friction_search (rowid, title, what_happened)
    values (new.id, new.title, new.what_happened);
end;

create trigger friction_search_delete after delete on friction
begin
    insert into friction_search (friction_search, rowid, title, what_happened)
    values ('delete', old.id, old.title, old.what_happened);
end;

-- Only a change of the indexed text touches the index (a friction's team or link changes often).
create trigger friction_search_update after update of title, what_happened on friction
begin
    insert into friction_search (friction_search, rowid, title, what_happened)
    values ('delete', old.id, old.title, old.what_happened);
    insert into friction_search (rowid, title, what_happened)
    values (new.id, new.title, new.what_happened);
end;
