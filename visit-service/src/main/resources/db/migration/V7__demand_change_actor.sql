-- Issue 6 point 4: every demand change records who made it: the actor named by the caller's JWT (preferred_username,
-- upn or sub). Changes recorded before tokens were required keep null. (Visit corrections already had corrected_by,
-- now filled from the token instead of the body's free text.)
alter table demand_change add column changed_by varchar(200);
