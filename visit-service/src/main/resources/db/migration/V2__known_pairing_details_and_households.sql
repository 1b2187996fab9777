-- Issue 4 points 3 and 6: visit-service's local copy of pairings gets what the visit rule needs (status, dates,
-- unit, primary flag) and a copy of the households' poverty status, both filled by the batch consumer of
-- pairing.pairings and registry.households (events/KnownEventsConsumer; idempotent through processed_event).
-- V1's table was never written (no consumer existed), so the new not-null columns need no backfill.

drop index if exists known_pairing_household;
drop index if exists known_pairing_cadre;
alter table known_pairing drop column active;
alter table known_pairing
    add column unit_id     uuid        not null,
    add column status      varchar(10) not null check (status in ('DRAFT', 'ACTIVE', 'WITHDRAWN', 'ENDED')),
    add column is_primary  boolean     not null,
    add column started_on  date,
    add column ended_on    date,
    add column end_reason  varchar(40),
    add constraint known_pairing_dates check (ended_on is null or started_on is null or started_on <= ended_on);
-- the visit rule looks up one cadre and household; operators list by cadre or by household
create index known_pairing_cadre_household on known_pairing (cadre_id, household_id);
create index known_pairing_household on known_pairing (household_id);

create table known_household (
    id            uuid         primary key,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    status        varchar(12)  not null check (status in ('IN_POVERTY', 'LIFTED', 'RELAPSED')),
    version       bigint       not null,
    updated_at    timestamptz  not null
);
create index known_household_village on known_household (village_code);
