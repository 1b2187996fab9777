-- visit-service's schema, first step. Visits are accepted only from the cadre paired with the household
-- (DESIGN.md §2), so visit-service keeps a local copy of pairings, filled from pairing.pairings events
-- by an idempotent consumer (processed_event, V0_1) in a later step.

create table known_pairing (
    id             uuid         primary key,
    cadre_id       uuid         not null,
    household_id   uuid         not null,
    village_code   varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    active         boolean      not null,
    version        bigint       not null,
    updated_at     timestamptz  not null
);
create index known_pairing_household on known_pairing (household_id) where active;
create index known_pairing_cadre on known_pairing (cadre_id) where active;
