-- Issue 7 (province scale): every visit logged or corrected recomputes its pairing's latest in-person visit
-- (known_pairing.last_in_person_on, service/VisitEffects) and the pairing's plan items (service/VisitPlans: first
-- in-person visit inside a batch period). Both look up the in-person visits of one pairing; without this index each
-- did a sequential scan of the whole visit table.
create index visit_pairing_in_person on visit (pairing_id, visited_on) where mode in ('IN_HOME', 'VILLAGE_MEETING');
