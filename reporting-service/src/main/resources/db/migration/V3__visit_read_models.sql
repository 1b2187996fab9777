-- Read models of reporting-service built from visit-service's events (issue 4 point 7; DESIGN.md §1 the six tasks,
-- 全年联系不断): visits by mode and month, counts per task, development help in yuan by kind, demands and
-- continuity, under any region, unit or cadre and for any period. Everything comes from the topics visit.visits
-- and visit.demands (and pairing.pairings for the pairings' dates) and can be rebuilt by replaying them. No
-- foreign keys: events of different topics arrive in any order (a visit before its pairing, a demand before its
-- visit), and the figures join at read time.

-- Visits as last announced on visit.visits (VISIT_LOGGED, then VISIT_CORRECTED with version + 1). Full state per
-- event: a row is replaced only by a higher version. task_mask: the six tasks done on the visit, one bit each in the
-- order of VisitData's list of tasks: POLICY_PUBLICITY 1, PUBLIC_OPINION 2, DEVELOPMENT 4, EMOTION_EASING 8,
-- GRASSROOTS 16, MODEL_PROMOTION 32 (a small integer aggregates three times faster than an array under the
-- province). help_yuan: the sum of its help items (VisitData.helpYuan).
create table visit (
    id                uuid          primary key,
    cadre_id          uuid          not null,
    unit_id           uuid          not null,
    household_id      uuid          not null,
    village_code      varchar(12)   not null check (village_code ~ '^[0-9]{12}$'),
    pairing_id        uuid          not null,
    visited_on        date          not null,
    mode              varchar(16)   not null check (mode in ('IN_HOME', 'BY_PHONE', 'VILLAGE_MEETING', 'OTHER')),
    in_person         boolean       not null,
    duration_minutes  int           not null check (duration_minutes >= 0),
    task_mask         smallint      not null check (task_mask between 1 and 63),
    help_yuan         numeric(16,2) not null check (help_yuan >= 0),
    demands_raised    int           not null check (demands_raised >= 0),
    version           bigint        not null
);
-- the figures filter on region (village code prefix), unit or cadre, and a period of visit dates; the columns the
-- figures read are included so that a region's or unit's visits are read from the index alone
create index visit_village_day on visit (village_code varchar_pattern_ops, visited_on)
    include (mode, task_mask, id);
create index visit_unit_day on visit (unit_id, visited_on) include (mode, task_mask, id);
create index visit_cadre_day on visit (cadre_id, visited_on) include (mode, task_mask, id);
-- a pairing's latest in-person visit (pairing.last_in_person_on, and continuity on a day in the past)
create index visit_pairing_in_person on visit (pairing_id, visited_on) where in_person;

-- The development help items (促进发展) of each visit's latest version: a new version replaces them all. Each carries
-- its visit's cadre, unit, village and date, so that help is summed without reading the visit table.
create table visit_help (
    visit_id     uuid          not null,
    item         int           not null,                 -- position in VisitData.help
    cadre_id     uuid          not null,
    unit_id      uuid          not null,
    village_code varchar(12)   not null,
    visited_on   date          not null,
    kind         varchar(20)   not null check (kind in ('INDUSTRY_PROJECT', 'FUNDS', 'EMPLOYMENT', 'SKILLS_TRAINING',
                                   'MARKET_ACCESS', 'INFRASTRUCTURE')),
    amount_yuan  numeric(16,2) not null check (amount_yuan >= 0),
    people       int           not null check (people >= 0),
    primary key (visit_id, item)
);
create index visit_help_village_day on visit_help (village_code varchar_pattern_ops, visited_on)
    include (kind, amount_yuan, people);
create index visit_help_unit_day on visit_help (unit_id, visited_on);
create index visit_help_cadre_day on visit_help (cadre_id, visited_on);

-- Demands (民意诉求) as last announced on visit.demands. Version guard as for visits. The cadre a demand belongs to
-- is the cadre of the visit it was raised on (joined at read time).
create table demand (
    id            uuid         primary key,
    household_id  uuid         not null,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    visit_id      uuid,
    unit_id       uuid         not null,
    category      varchar(40)  not null,
    status        varchar(12)  not null check (status in ('OPEN', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED')),
    opened_on     date         not null,
    deadline      date         not null,
    closed_on     date,
    satisfaction  varchar(24),
    version       bigint       not null
);
create index demand_village on demand (village_code varchar_pattern_ops);
create index demand_unit on demand (unit_id);
create index demand_visit on demand (visit_id);

-- Pairings gain what continuity (全年联系不断, lianhu-events ContinuityRule) needs: the unit that made the pairing and
-- its dates (from PairingData), and the date of the cadre's latest in-person visit under it, kept by the visit
-- projection (recomputed from the visit table whenever a visit of the pairing is logged or corrected, and when
-- the pairing row is first written, since its visits may arrive first).
alter table pairing add column unit_id uuid;
alter table pairing add column started_on date;
alter table pairing add column ended_on date;
alter table pairing add column last_in_person_on date;
-- continuity per unit and per region reads pairings that are or were active
create index pairing_unit_current on pairing (unit_id) where status in ('ACTIVE', 'ENDED');
create index pairing_village_current on pairing (village_code varchar_pattern_ops) where status in ('ACTIVE', 'ENDED');
create index pairing_cadre_current on pairing (cadre_id) where status in ('ACTIVE', 'ENDED');

insert into read_model_freshness (topic) values ('visit.visits'), ('visit.demands');
