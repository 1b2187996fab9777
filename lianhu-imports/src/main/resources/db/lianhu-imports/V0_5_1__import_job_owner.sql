-- Several replicas of a service share one database (issue 9 point 4): every job names the process that runs it and
-- that process proves it is alive. A job stays QUEUED or RUNNING only while its owner's heartbeat is fresh; one whose
-- owner stopped beating (kill -9, lost host) is marked FAILED by any replica (cn.gansu.lianhu.imports.ImportRunner).
-- The limits of lianhu.imports (running, queued) are counted over the live jobs of every replica.
--
-- registry-service has the same change as its own db/migration/V6__import_job_owner.sql (it does not apply this
-- location; see V0_2). Version 0.5.1: db/lianhu-common, db/lianhu-audit and this location share one sequence.
alter table import_job add column owner varchar(200);          -- <instance id>/<process>: which process runs it
alter table import_job add column heartbeat_at timestamptz;    -- the owner's last sign of life (database time)
create index import_job_live on import_job (status, heartbeat_at) where status in ('QUEUED', 'RUNNING');
