-- Issue 6 point 2 (scope): what registry needs to know to answer a unit admin or a cadre, learnt from
-- pairing-service's events (topics pairing.pairings and pairing.links), and who submitted each import job.

-- One row per cadre ↔ household pairing (PairingData); a household is in the scope of the pairing's cadre and of
-- its unit while the pairing is DRAFT or ACTIVE. Rows are replaced only by a newer version of the pairing.
create table household_access (
    pairing_id    uuid         primary key,
    household_id  uuid         not null,           -- no foreign key: the event may arrive before the household
    cadre_id      uuid         not null,
    unit_id       uuid         not null,
    status        varchar(12)  not null,           -- DRAFT, ACTIVE, WITHDRAWN, ENDED
    version       bigint       not null
);
create index household_access_household on household_access (household_id);
create index household_access_cadre on household_access (cadre_id, household_id);
create index household_access_unit on household_access (unit_id, household_id);

-- One row per unit ↔ poor village link (VillageLinkData); every household of the village is in the unit's scope
-- while the link is ACTIVE. version: 1 linked, 2 ended (an ended link never becomes active again).
create table village_link_access (
    link_id       uuid         primary key,
    unit_id       uuid         not null,
    village_code  varchar(12)  not null,
    status        varchar(12)  not null,           -- ACTIVE, ENDED
    version       bigint       not null
);
create index village_link_access_unit on village_link_access (unit_id, village_code);

-- Who submitted an import job: a REGION_ADMIN sees only its own jobs (others answer 404 like unknown ones).
create table import_job_submitter (
    job_id         uuid         primary key references import_job (id) on delete cascade,
    actor          text         not null,
    actor_role     text         not null,
    region_prefix  varchar(12)                     -- the REGION_ADMIN's prefix, null for PROVINCE_ADMIN
);
