-- Who submitted each unit or cadre import job (issue 6 point 2): REGION_ADMIN and UNIT_ADMIN read only the jobs
-- they submitted; a job of someone else answers 404 like an unknown one. import_job itself belongs to
-- lianhu-imports (db/lianhu-imports), so the submitter lives beside it.
create table import_job_submitter (
    job_id      uuid          primary key,
    actor       varchar(200)  not null,
    actor_role  varchar(20)   not null,
    scope       varchar(64)                -- REGION_ADMIN: its region prefix; UNIT_ADMIN: its unit id
);
