-- The audit trail (DESIGN.md §5, issue 6 point 4): every change made through the API, who made it, when,
-- to what, and the entity before and after (JSON views, personal numbers masked). Kept in each service's
-- own database; written in the transaction of the change itself, so a change and its entry stand or fall
-- together. Entries are never updated or deleted by the application.
create table audit_entry (
    id          uuid primary key,
    -- insertion order: entries of one instant (one transaction, or a fixed test clock) list in the order written
    seq         bigint generated always as identity,
    at          timestamptz not null,
    actor       text        not null,
    actor_role  text        not null,
    entity      text        not null,
    entity_id   text        not null,
    action      text        not null,
    before      jsonb,
    after       jsonb
);
create index audit_entry_entity on audit_entry (entity, entity_id, at desc, seq desc);
create index audit_entry_actor on audit_entry (actor, at desc, seq desc);
create index audit_entry_at on audit_entry (at desc, seq desc);
