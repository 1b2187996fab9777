-- Issue 4 points 3 and 4: corrections of a logged visit are audited (who, when, why, before and after — DESIGN.md §5),
-- and every move of a demand (民意诉求) along OPEN → ACCEPTED → IN_PROGRESS → RESOLVED | REJECTED, and the household's
-- satisfaction given later, is kept as its history. Written in the transaction of the change and its outbox event
-- (service/VisitCorrections, service/DemandHandling).

create table visit_correction (
    id            uuid          primary key,
    visit_id      uuid          not null references visit (id),
    version       bigint        not null check (version >= 2),
    corrected_at  timestamptz   not null,
    reason        varchar(500)  not null,
    corrected_by  varchar(200),
    before        jsonb         not null,
    after         jsonb         not null,
    constraint visit_correction_version unique (visit_id, version)
);

create table demand_change (
    id            uuid           primary key,
    demand_id     uuid           not null references demand (id),
    version       bigint         not null check (version >= 2),
    from_status   varchar(12)    not null check (from_status in ('OPEN', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED')),
    to_status     varchar(12)    not null check (to_status in ('OPEN', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED')),
    changed_on    date           not null,
    answer        varchar(2000),
    satisfaction  varchar(20)    check (satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    note          varchar(1000),
    changed_at    timestamptz    not null,
    constraint demand_change_version unique (demand_id, version)
);

-- demand lists filter by household and by status with the overdue test (deadline against today)
create index demand_household on demand (household_id);
create index demand_status_deadline on demand (status, deadline);
