-- Issue 5 points 2 and 3 (trends, drill-down): the history of households' poverty status, and the indexes the
-- monthly series filter by. Filled only from registry.households events (HouseholdData.previousStatus, status,
-- statusSince), so it is rebuilt by replaying that topic.

-- One row per status change of a household (脱贫 lifted: IN_POVERTY/RELAPSED → LIFTED; 返贫 relapsed: LIFTED →
-- RELAPSED). Keyed on household + aggregate version: a replayed or duplicated event writes nothing twice.
-- changed_on = HouseholdData.statusSince (the date the new status took effect).
create table household_status_change (
    household_id  uuid         not null,
    version       bigint       not null,
    village_code  varchar(12)  not null check (village_code ~ '^[0-9]{12}$'),
    from_status   varchar(12)  not null check (from_status in ('IN_POVERTY', 'LIFTED', 'RELAPSED')),
    to_status     varchar(12)  not null check (to_status in ('IN_POVERTY', 'LIFTED', 'RELAPSED')),
    changed_on    date         not null,
    primary key (household_id, version)
);
-- lifted / relapsed per month under a region; households to cover at a month's end
create index household_status_change_village_day on household_status_change (village_code varchar_pattern_ops, changed_on)
    include (from_status, to_status);
-- a household's status at a day in the past (its first change after that day)
create index household_status_change_household_day on household_status_change (household_id, changed_on, version);

-- households covered at a month's end: pairings that are or were active, by household
create index pairing_household_current on pairing (household_id, started_on, ended_on) where status in ('ACTIVE', 'ENDED');
-- demands opened and resolved per month under a region
create index demand_village_opened on demand (village_code varchar_pattern_ops, opened_on);
create index demand_village_closed on demand (village_code varchar_pattern_ops, closed_on) where status = 'RESOLVED';
