-- Read models of reporting-service built from pairing-service's events (DESIGN.md §1 全覆盖, §2; issue 3 point 9):
-- two-way coverage, i.e. which poor counties, poor villages and households have no unit, leader or cadre, and
-- which units and cadres have fewer targets than they must. Only what the figures and the lists of the
-- uncovered need; everything comes from the topics pairing.units, pairing.cadres, pairing.links and
-- pairing.pairings and can be rebuilt by replaying them. No foreign keys: events of different topics arrive
-- in any order (a cadre before its unit, a pairing before its cadre), and the figures join at read time.

-- Units (单位) as last announced on pairing.units. required_villages is pairing's own figure from its
-- cadre-count band table (reporting never re-computes the band rule). version = pairing's aggregate version:
-- an event applies only if its version is higher.
create table unit (
    id                 uuid         primary key,
    name               varchar(200) not null,
    level              varchar(10)  not null check (level in ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP')),
    region_code        varchar(12)  not null check (region_code ~ '^[0-9]{12}$'),
    active_cadres      int          not null check (active_cadres >= 0),
    required_villages  int          not null check (required_villages >= 0),
    version            bigint       not null
);
create index unit_region_code on unit (region_code varchar_pattern_ops);

-- Cadres (干部) as last announced on pairing.cadres. minimum_households is pairing's figure for the cadre's
-- rank (0 unless ACTIVE). Version guard as for units.
create table cadre (
    id                  uuid         primary key,
    name                varchar(100) not null,
    unit_id             uuid         not null,
    rank                varchar(20)  not null check (rank in ('PROVINCIAL_LEADER', 'PREFECTURE_BUREAU',
                            'COUNTY_DIVISION', 'OTHER')),
    status              varchar(12)  not null check (status in ('ACTIVE', 'TRANSFERRED', 'RETIRED', 'DECEASED')),
    minimum_households  int          not null check (minimum_households >= 0),
    version             bigint       not null
);
create index cadre_unit_active on cadre (unit_id) where status = 'ACTIVE';

-- Unit → poor village links (部门联村). Links carry no version: the state of the latest event (by event time;
-- one link's events arrive in order on one partition) wins.
create table village_link (
    id            uuid         primary key,
    unit_id       uuid         not null,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    active        boolean      not null,
    event_time    timestamptz  not null
);
create index village_link_village_active on village_link (village_code varchar_pattern_ops) where active;
create index village_link_unit_active on village_link (unit_id) where active;

-- Provincial leader → poor county + one poor village in it (联县联村). Same rule as village links.
create table leader_link (
    id            uuid         primary key,
    cadre_id      uuid         not null,
    county_code   varchar(12)  not null check (county_code ~ '^[0-9]{12}$'),
    village_code  varchar(12)  check (village_code ~ '^[0-9]{12}$'),
    active        boolean      not null,
    event_time    timestamptz  not null
);
create index leader_link_county_active on leader_link (county_code varchar_pattern_ops) where active;

-- Cadre → household pairings (干部联户). Only ACTIVE ones cover a household and count for a cadre's minimum;
-- DRAFT, WITHDRAWN and ENDED are kept so that a late older event cannot revive them. Version guard.
create table pairing (
    id            uuid         primary key,
    cadre_id      uuid         not null,
    household_id  uuid         not null,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    status        varchar(10)  not null check (status in ('DRAFT', 'ACTIVE', 'WITHDRAWN', 'ENDED')),
    version       bigint       not null
);
create index pairing_household_active on pairing (household_id) where status = 'ACTIVE';
create index pairing_cadre_active on pairing (cadre_id) where status = 'ACTIVE';
create index pairing_village_active on pairing (village_code varchar_pattern_ops) where status = 'ACTIVE';

-- The list of households without a cadre names each household by its head (户主), as registry events carry it.
-- Null for rows applied before this column existed, until the household's next event.
alter table household add column head_name varchar(200);
-- Households to cover (IN_POVERTY, RELAPSED) by village, for the figures and the list of the uncovered.
create index household_to_cover on household (village_code varchar_pattern_ops) where status in ('IN_POVERTY', 'RELAPSED');

insert into read_model_freshness (topic)
values ('pairing.units'), ('pairing.cadres'), ('pairing.links'), ('pairing.pairings');
