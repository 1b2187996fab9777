-- The import machinery moved to the shared module lianhu-imports (issue 3 points 1–2: units and cadres import the
-- way households do), whose job store counts "records" rather than households. Rename the counters of V3 so this
-- table matches lianhu-imports' db/lianhu-imports/V0_2__import_jobs.sql, which registry does not apply (V3 already
-- made the table here). kind stays 'HOUSEHOLDS' for every registry job.
alter table import_job rename column households_read to records_read;
alter table import_job rename column households_valid to records_valid;
alter table import_job rename column households_imported to records_imported;
