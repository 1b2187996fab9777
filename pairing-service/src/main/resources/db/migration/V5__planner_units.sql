-- Planner (issue 3 point 7): per-unit figures of a plan, and indexes to page a plan's proposals by unit or village.

-- One row per unit in the plan's scope: what it has, what the plan proposes, whether its cadres reach their minimums.
-- The units that confirming the plan confirms (一次确定联系对象).
create table pairing_plan_unit (
    plan_id                      uuid         not null references pairing_plan (id) on delete cascade,
    unit_id                      uuid         not null,
    unit_name                    varchar(200) not null,
    already_confirmed            boolean      not null,
    villages                     integer      not null,
    households                   integer      not null,
    cadres                       integer      not null,
    cadres_below_minimum         integer      not null,
    cadres_below_minimum_after   integer      not null,
    existing_pairings            integer      not null,
    proposed_pairings            integer      not null,
    primary key (plan_id, unit_id)
);

create index pairing_plan_item_unit on pairing_plan_item (plan_id, unit_id, seq);
create index pairing_plan_item_village on pairing_plan_item (plan_id, village_code, seq);
