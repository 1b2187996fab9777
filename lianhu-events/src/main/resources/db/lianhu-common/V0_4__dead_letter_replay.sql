-- Replays of dead letters (issue 8 point 3): which records of the service's dead-letter topic an operator
-- republished to their original topic, when and by whom. V0_2 and V0_3 are taken by db/lianhu-imports and
-- db/lianhu-audit, which share the version sequence with this location.

create table dead_letter_replay (
    dead_letter_topic     varchar(249) not null,
    dead_letter_partition integer      not null,
    dead_letter_offset    bigint       not null,
    replayed_at           timestamptz  not null,   -- the last replay
    replayed_by           varchar(200) not null,   -- actor of the last replay
    replays               integer      not null,   -- how many times it was replayed (force=true replays again)
    primary key (dead_letter_topic, dead_letter_partition, dead_letter_offset)
);
