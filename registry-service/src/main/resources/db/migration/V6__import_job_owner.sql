-- Several replicas of registry share one database (issue 9 point 4): every import job names the process that runs it
-- and that process proves it is alive. A job stays QUEUED or RUNNING only while its owner's heartbeat is fresh; one
-- whose owner stopped beating (kill -9, lost host) is marked FAILED by any replica (lianhu-imports' ImportRunner).
-- The same change as lianhu-imports' db/lianhu-imports/V0_5_1__import_job_owner.sql, which registry does not apply.
alter table import_job add column owner varchar(200);          -- <instance id>/<process>: which process runs it
alter table import_job add column heartbeat_at timestamptz;    -- the owner's last sign of life (database time)
create index import_job_live on import_job (status, heartbeat_at) where status in ('QUEUED', 'RUNNING');
