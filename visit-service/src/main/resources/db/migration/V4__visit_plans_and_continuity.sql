-- Issue 4 points 1 and 5: visit plans in batches (分期分批进村入户) and year-round contact (全年联系不断).
-- A unit's plan has batches (a period and the pairings to visit in it); each batch has one item per pairing, VISITED
-- as soon as the pairing's cadre logs a visit dated inside the period (service/VisitEffects recomputes items and
-- known_pairing.last_in_person_on from the visit table after every visit written or corrected).

-- date of the latest in-person visit (IN_HOME, VILLAGE_MEETING) of the pairing: the continuity reference
-- (lianhu-events ContinuityRule). Kept by VisitEffects only; never written by the pairing consumer.
alter table known_pairing add column last_in_person_on date;
create index known_pairing_unit on known_pairing (unit_id, status);
create index known_pairing_village on known_pairing (village_code varchar_pattern_ops);

create table visit_plan (
    id          uuid          primary key,
    unit_id     uuid          not null,
    name        varchar(200)  not null,
    created_at  timestamptz   not null,
    -- +1 whenever a batch is added or cancelled
    version     bigint        not null default 1
);
create index visit_plan_unit on visit_plan (unit_id, created_at);

create table visit_batch (
    id            uuid          primary key,
    plan_id       uuid          not null references visit_plan (id),
    name          varchar(200)  not null,
    starts_on     date          not null,
    ends_on       date          not null,
    status        varchar(10)   not null check (status in ('ACTIVE', 'CANCELLED')),
    created_at    timestamptz   not null,
    cancelled_on  date,
    constraint visit_batch_period check (starts_on <= ends_on),
    constraint visit_batch_cancelled check ((status = 'CANCELLED') = (cancelled_on is not null))
);
create index visit_batch_plan on visit_batch (plan_id, starts_on);

create table visit_plan_item (
    batch_id          uuid         not null references visit_batch (id),
    pairing_id        uuid         not null,
    cadre_id          uuid         not null,
    household_id      uuid         not null,
    village_code      varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    status            varchar(10)  not null check (status in ('PENDING', 'VISITED', 'CANCELLED')),
    -- the earliest visit of the pairing dated inside the batch period (VISITED only)
    visit_id          uuid,
    visited_on        date,
    -- BATCH_CANCELLED, WITHDRAWN or the pairing's end reason (CANCELLED only)
    cancelled_reason  varchar(40),
    cancelled_on      date,
    primary key (batch_id, pairing_id),
    constraint visit_plan_item_visited check ((status = 'VISITED') = (visit_id is not null)
                                              and (visit_id is null) = (visited_on is null)),
    constraint visit_plan_item_cancelled check ((status = 'CANCELLED') = (cancelled_reason is not null)
                                                and (cancelled_reason is null) = (cancelled_on is null))
);
create index visit_plan_item_pairing on visit_plan_item (pairing_id);
create index visit_plan_item_household on visit_plan_item (household_id) where status = 'PENDING';
create index visit_plan_item_village on visit_plan_item (village_code varchar_pattern_ops);
