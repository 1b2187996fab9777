-- Issue 4 points 2-4: visit logs with the six tasks (DESIGN.md §1), development help items and the demands
-- (民意诉求) raised on a visit. A visit, its tasks, help items, demands and their outbox events are written in one
-- transaction (service/VisitLogging).

create table visit (
    id                uuid          primary key,
    cadre_id          uuid          not null,
    unit_id           uuid          not null,
    household_id      uuid          not null,
    village_code      varchar(12)   not null check (village_code ~ '^[0-9]{12}$'),
    pairing_id        uuid          not null,
    visited_on        date          not null,
    mode              varchar(16)   not null check (mode in ('IN_HOME', 'BY_PHONE', 'VILLAGE_MEETING', 'OTHER')),
    duration_minutes  integer       not null check (duration_minutes > 0 and duration_minutes <= 1440),
    latitude          numeric(9,6)  check (latitude between -90 and 90),
    longitude         numeric(9,6)  check (longitude between -180 and 180),
    notes             varchar(2000),
    idempotency_key   varchar(200)  unique,
    request_hash      varchar(64),
    version           bigint        not null default 1,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    constraint visit_location_both check ((latitude is null) = (longitude is null)),
    constraint visit_key_hash check ((idempotency_key is null) = (request_hash is null))
);
create index visit_cadre on visit (cadre_id, visited_on);
create index visit_household on visit (household_id, visited_on);
create index visit_village on visit (village_code, visited_on);
create index visit_visited_on on visit (visited_on);

create table visit_task (
    visit_id  uuid         not null references visit (id) on delete cascade,
    task      varchar(20)  not null check (task in ('POLICY_PUBLICITY', 'PUBLIC_OPINION', 'DEVELOPMENT',
                                                    'EMOTION_EASING', 'GRASSROOTS', 'MODEL_PROMOTION')),
    details   jsonb        not null,
    primary key (visit_id, task)
);
create index visit_task_task on visit_task (task);

create table visit_help (
    id                 uuid           primary key,
    visit_id           uuid           not null references visit (id) on delete cascade,
    kind               varchar(20)    not null check (kind in ('INDUSTRY_PROJECT', 'FUNDS', 'EMPLOYMENT',
                                                               'SKILLS_TRAINING', 'MARKET_ACCESS', 'INFRASTRUCTURE')),
    amount_yuan        numeric(14,2)  not null check (amount_yuan >= 0),
    people_benefiting  integer        not null check (people_benefiting >= 0)
);
create index visit_help_visit on visit_help (visit_id);

create table demand (
    id            uuid          primary key,
    visit_id      uuid          not null references visit (id),
    household_id  uuid          not null,
    village_code  varchar(12)   not null check (village_code ~ '^[0-9]{12}$'),
    unit_id       uuid          not null,
    category      varchar(20)   not null check (category in ('HOUSING', 'MEDICAL', 'EDUCATION', 'INFRASTRUCTURE',
                                                            'EMPLOYMENT', 'OTHER')),
    description   varchar(1000) not null,
    status        varchar(12)   not null check (status in ('OPEN', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED')),
    opened_on     date          not null,
    deadline      date          not null,
    closed_on     date,
    answer        varchar(2000),
    satisfaction  varchar(20)   check (satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    version       bigint        not null default 1,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    constraint demand_dates check (deadline >= opened_on and (closed_on is null or closed_on >= opened_on))
);
create index demand_visit on demand (visit_id);
create index demand_unit_status on demand (unit_id, status);
create index demand_village on demand (village_code);
