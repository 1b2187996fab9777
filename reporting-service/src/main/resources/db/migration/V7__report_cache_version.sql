-- Issue 7 (result cache of the region reports, ReportCache): a change counter per topic. Every transaction that
-- applies events of a topic adds 1 to its row, in the same transaction as its writes, and a rebuild's drop adds 1 to
-- every row; it never goes back (events_applied is reset by a rebuild and may come back to the same value). The sum
-- over a report's topics is the version of its inputs: a cached result is served again only while it is unchanged,
-- which every replica reads from here rather than from its own memory.
alter table read_model_freshness add column changes bigint not null default 0;
