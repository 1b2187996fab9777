-- pairing-service's local copy of what registry-service publishes (DESIGN.md §2: a service never reads
-- another service's tables; it learns from events). Filled from topics registry.regions and
-- registry.households by an idempotent consumer (processed_event, V0_1).

-- Villages, with their poverty designation: units link poor villages (部门联村), cadres pair households
-- inside them (干部联户).
create table known_village (
    code           varchar(12)  primary key check (code ~ '^[0-9]{12}$'),
    name           varchar(100) not null,
    township_code  varchar(12)  not null check (township_code ~ '^[0-9]{12}$'),
    county_code    varchar(12)  not null check (county_code ~ '^[0-9]{12}$'),
    poor           boolean      not null,
    last_event_id  uuid         not null,
    updated_at     timestamptz  not null
);
create index known_village_county on known_village (county_code);

-- Extremely poor households (特困户) and their status; version guards against stale events.
create table known_household (
    id             uuid         primary key,
    village_code   varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    status         varchar(12)  not null check (status in ('IN_POVERTY', 'LIFTED', 'RELAPSED')),
    version        bigint       not null,
    updated_at     timestamptz  not null
);
create index known_household_village on known_household (village_code);
