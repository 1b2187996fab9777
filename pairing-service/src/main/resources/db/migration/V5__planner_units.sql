-- Planner (issue 3 point 7): per-unit figures of a plan; proposals stored fast enough for the whole province.

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

-- A province plan has ~450,000 proposals. They are a draft that can always be made again, so they skip the
-- write-ahead log and the per-row foreign-key trigger: written with COPY in a second or two instead of ten. After
-- a database crash PostgreSQL empties an unlogged table; confirming such a plan then finds fewer proposals than
-- pairing_plan.proposal_count and answers 409 plan.stale (plan again). Rows go only with their plan (never deleted).
alter table pairing_plan_item drop constraint pairing_plan_item_plan_id_fkey;
alter table pairing_plan_item set unlogged;
