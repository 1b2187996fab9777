-- pairing-service's own aggregates (DESIGN.md §1 "How they are linked", §2; issue 3).

-- Poor counties (贫困县) learnt from registry.regions: provincial leaders link 1–2 of them (联县联村联户).
create table known_county (
    code              varchar(12)  primary key check (code ~ '^[0-9]{6}000000$'),
    name              varchar(100) not null,
    prefecture_code   varchar(12)  not null check (prefecture_code ~ '^[0-9]{12}$'),
    poor              boolean      not null,
    last_event_id     uuid         not null,
    updated_at        timestamptz  not null
);

-- Units (单位) at four levels and seven kinds.
create table unit (
    id                    uuid         primary key,
    name                  varchar(200) not null,
    level                 varchar(10)  not null check (level in ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP')),
    kind                  varchar(24)  not null check (kind in ('PARTY_GOVERNMENT', 'PUBLIC_INSTITUTION',
                              'PEOPLES_ORGANISATION', 'MILITARY_DISTRICT', 'ARMED_POLICE', 'CENTRAL_UNIT',
                              'STATE_OWNED_ENTERPRISE')),
    region_code           varchar(12)  not null check (region_code ~ '^62[0-9]{10}$'),
    credit_code           varchar(18)  unique check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    -- Set once when the unit's pairings are confirmed (一次确定联系对象); never cleared.
    pairings_confirmed_at timestamptz,
    pairings_confirmed_by varchar(100),
    version               bigint       not null,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
create index unit_region on unit (region_code);
create unique index unit_name_region on unit (region_code, name);

-- Cadres (干部): one unit each, a rank and a status. ID number stored in full, returned only masked.
create table cadre (
    id            uuid         primary key,
    name          varchar(50)  not null,
    id_number     varchar(18)  not null unique check (id_number ~ '^[0-9]{17}[0-9X]$'),
    unit_id       uuid         not null references unit (id),
    rank          varchar(20)  not null check (rank in ('PROVINCIAL_LEADER', 'PREFECTURE_BUREAU', 'COUNTY_DIVISION',
                      'OTHER')),
    status        varchar(12)  not null check (status in ('ACTIVE', 'TRANSFERRED', 'RETIRED', 'DECEASED')),
    phone         varchar(20),
    left_on       date,
    version       bigint       not null,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create index cadre_unit on cadre (unit_id, status);

-- Unit → poor village links (部门联村). A unit links a village at most once at a time; several units may
-- share a village.
create table village_link (
    id            uuid         primary key,
    unit_id       uuid         not null references unit (id),
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    county_code   varchar(12)  not null check (county_code ~ '^[0-9]{12}$'),
    linked_on     date         not null,
    ended_on      date,
    end_reason    varchar(30),
    ended_by      varchar(100),
    created_at    timestamptz  not null,
    check ((ended_on is null) = (end_reason is null))
);
create unique index village_link_active on village_link (unit_id, village_code) where ended_on is null;
create index village_link_village on village_link (village_code) where ended_on is null;

-- Provincial leader → poor county + exactly one poor village in it (联县联村). 1–2 active per leader.
create table leader_link (
    id            uuid         primary key,
    cadre_id      uuid         not null references cadre (id),
    county_code   varchar(12)  not null check (county_code ~ '^[0-9]{6}000000$'),
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    linked_on     date         not null,
    ended_on      date,
    end_reason    varchar(30),
    ended_by      varchar(100),
    created_at    timestamptz  not null,
    check ((ended_on is null) = (end_reason is null)),
    check (substr(village_code, 1, 6) = substr(county_code, 1, 6))
);
create unique index leader_link_active on leader_link (cadre_id, county_code) where ended_on is null;
create index leader_link_county on leader_link (county_code) where ended_on is null;

-- Cadre → household pairings (干部联户). DRAFT until the unit confirms (or withdrawn), then ACTIVE until
-- ENDED with a reason and a date (不脱钩). At most one live pairing per cadre and household; exactly one
-- primary responsible cadre (帮扶责任人) per household among its live pairings.
create table pairing (
    id              uuid         primary key,
    cadre_id        uuid         not null references cadre (id),
    unit_id         uuid         not null references unit (id),
    household_id    uuid         not null,
    village_code    varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    is_primary      boolean      not null,
    status          varchar(10)  not null check (status in ('DRAFT', 'ACTIVE', 'WITHDRAWN', 'ENDED')),
    started_on      date,
    ended_on        date,
    end_reason      varchar(30)  check (end_reason in ('HOUSEHOLD_DISSOLVED', 'HOUSEHOLD_MERGED', 'HOUSEHOLD_MOVED',
                        'CADRE_TRANSFERRED', 'CADRE_RETIRED', 'CADRE_DECEASED', 'CORRECTION_APPROVED')),
    approved_by     varchar(100),
    end_note        varchar(500),
    successor_id    uuid         references pairing (id),
    plan_id         uuid,
    version         bigint       not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    check ((status = 'ENDED') = (end_reason is not null)),
    check (status <> 'ENDED' or ended_on is not null),
    check (status <> 'ACTIVE' or started_on is not null),
    check (end_reason <> 'CORRECTION_APPROVED' or approved_by is not null)
);
create unique index pairing_live on pairing (cadre_id, household_id) where status in ('DRAFT', 'ACTIVE');
create unique index pairing_one_primary on pairing (household_id) where is_primary and status in ('DRAFT', 'ACTIVE');
create index pairing_household on pairing (household_id);
create index pairing_cadre on pairing (cadre_id, status);
create index pairing_unit on pairing (unit_id, status);
create index pairing_village on pairing (village_code) where status in ('DRAFT', 'ACTIVE');

-- Full history of every pairing (issue 3 point 6): one row per change, never updated.
create table pairing_change (
    id            bigint       generated always as identity primary key,
    pairing_id    uuid         not null references pairing (id),
    at            timestamptz  not null,
    action        varchar(20)  not null check (action in ('DRAFTED', 'WITHDRAWN', 'ACTIVATED', 'PRIMARY_SET',
                      'PRIMARY_CLEARED', 'ENDED', 'HANDED_OVER', 'TAKEN_OVER')),
    effective_on  date,
    reason        varchar(30),
    actor         varchar(100),
    note          varchar(500),
    related_id    uuid
);
create index pairing_change_pairing on pairing_change (pairing_id, id);

-- Planner drafts (issue 3 point 7): a proposal to review, then confirm or discard.
create table pairing_plan (
    id              uuid         primary key,
    scope_kind      varchar(10)  not null check (scope_kind in ('UNIT', 'COUNTY', 'PROVINCE')),
    scope_id        varchar(36)  not null,
    status          varchar(10)  not null check (status in ('DRAFT', 'CONFIRMED', 'DISCARDED', 'STALE')),
    feasible        boolean      not null,
    proposal_count  integer      not null,
    -- JSON summary: figures per unit and the rules that cannot be met, with where and by how much.
    summary         jsonb        not null,
    -- Highest pairing_change.id when planning: a pairing changed since then makes confirming it 409 (stale).
    basis           bigint       not null,
    created_at      timestamptz  not null,
    decided_at      timestamptz,
    decided_by      varchar(100)
);
create table pairing_plan_item (
    plan_id       uuid         not null references pairing_plan (id) on delete cascade,
    seq           integer      not null,
    cadre_id      uuid         not null,
    unit_id       uuid         not null,
    household_id  uuid         not null,
    village_code  varchar(12)  not null,
    is_primary    boolean      not null,
    primary key (plan_id, seq)
);
