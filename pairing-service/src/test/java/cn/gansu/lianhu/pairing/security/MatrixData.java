package cn.gansu.lianhu.pairing.security;

import java.time.OffsetDateTime;
import java.util.UUID;

import cn.gansu.lianhu.pairing.domain.KnownHousehold;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Direct database helpers of {@link SecurityMatrixTest}: households as the registry consumer would store them. */
@ApplicationScoped
public class MatrixData {
    @Inject
    EntityManager em;

    /** A household IN_POVERTY in the village, as if learnt from registry.households. */
    @Transactional
    public UUID household(String villageCode) {
        KnownHousehold h = new KnownHousehold();
        h.id = UUID.randomUUID();
        h.villageCode = villageCode;
        h.status = "IN_POVERTY";
        h.version = 1;
        h.updatedAt = OffsetDateTime.parse("2026-11-29T08:00:00Z");
        h.persist();
        return h.id;
    }

    /** Rows of a table matching a where clause (to prove refused writes changed nothing). */
    @Transactional
    public long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
