-- Administrative regions of the province (NBS statistical division codes, 统计用区划代码) and their
-- poverty designations (DESIGN.md §1). The 12-digit code is the only key; names are never keys.

create table region (
    code                 varchar(12)  primary key check (code ~ '^[0-9]{12}$'), -- zero-padded: 62 → 620000000000
    name                 varchar(100) not null,
    level                varchar(12)  not null check (level in ('PROVINCE', 'PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code          varchar(12)   references region (code),
    kind                 varchar(40),                  -- counties: district, county, city, autonomous_county, stat_only_function_zone…; villages: NBS urban-rural class
    poor_county          boolean      not null default false,
    contiguous_area      varchar(40),                  -- 集中连片特困地区 of a poor county, e.g. 六盘山区
    national_key_county  boolean      not null default false,
    poor_village         boolean      not null default false,
    updated_at           timestamptz  not null
);
create index region_parent on region (parent_code);
create index region_level on region (level);
create index region_code_prefix on region (code varchar_pattern_ops);
