-- Request/correlation id of the REST call (or import job) that wrote the event (issue 9 point 5). The relay sends
-- it as Kafka record header correlation-id; null for rows written without one (older rows, background work).
-- Bulk writers that COPY rows without the column get the transaction's setting lianhu.correlation_id, if set
-- (set_config('lianhu.correlation_id', id, true)), else null.
alter table outbox_event add column correlation_id varchar(128)
    default nullif(current_setting('lianhu.correlation_id', true), '');
