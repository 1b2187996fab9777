-- Issue 5 point 1 (assessment, 督查考核): the tasks part counts, per pairing active on the last day of the period, the
-- distinct tasks recorded on its visits in the period (bit_or of task_mask). One index lookup per pairing, reading
-- the mask from the index alone.
create index visit_pairing_day on visit (pairing_id, visited_on) include (task_mask);
