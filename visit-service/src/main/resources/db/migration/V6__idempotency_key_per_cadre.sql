-- Idempotency keys are per cadre (fresh-clone review point 5): a key is chosen by the cadre's client, so two cadres
-- may pick the same key without one cadre's retry being answered with (or refused because of) another cadre's
-- visit. The unique index on visit.idempotency_key is replaced by one on (cadre_id, idempotency_key); rows without a
-- key (null) stay unconstrained. service/VisitLogging looks a key up by cadre and key, and recognises a concurrent
-- retry by the constraint name visit_cadre_idempotency_key_key.

alter table visit drop constraint visit_idempotency_key_key;
alter table visit add constraint visit_cadre_idempotency_key_key unique (cadre_id, idempotency_key);
