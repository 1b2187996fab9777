-- Read models of reporting-service, built only from registry events (DESIGN.md §2, §3; issue point 9).
-- Reporting never reads registry tables: everything here comes from topics registry.regions and
-- registry.households and can be rebuilt by replaying them.

-- Regions and their poverty designations, as last announced on registry.regions (full state per event).
create table region (
    code          varchar(12)  primary key check (code ~ '^[0-9]{12}$'), -- NBS code, zero-padded
    name          varchar(200) not null,
    level         varchar(12)  not null check (level in ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code   varchar(12),                 -- no foreign key: events of a child may arrive first
    poor_county   boolean      not null,
    poor_village  boolean      not null,
    event_time    timestamptz  not null        -- time of the event that set this state; older ones do not apply
);
create index region_code_prefix on region (code varchar_pattern_ops);
create index region_poor_county on region (code varchar_pattern_ops) where level = 'COUNTY' and poor_county;
create index region_poor_village on region (code varchar_pattern_ops) where level = 'VILLAGE' and poor_village;

-- Extremely poor households, reduced to what the figures need. version = the registry aggregate version of
-- the state held here; an event applies only if its version is higher.
create table household (
    id            uuid         primary key,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    status        varchar(12)  not null check (status in ('IN_POVERTY', 'LIFTED', 'RELAPSED')),
    member_count  int          not null check (member_count >= 0),
    version       bigint       not null
);
create index household_village_code on household (village_code varchar_pattern_ops);

-- Freshness: per topic, the time of the latest event applied and how many events were applied.
create table read_model_freshness (
    topic            varchar(120) primary key,
    last_event_time  timestamptz,
    events_applied   bigint       not null default 0
);
insert into read_model_freshness (topic) values ('registry.regions'), ('registry.households');
