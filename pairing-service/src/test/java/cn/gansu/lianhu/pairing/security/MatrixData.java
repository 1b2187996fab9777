package cn.gansu.lianhu.pairing.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Direct database reads of {@link SecurityMatrixTest} (to prove refused writes changed nothing). */
@ApplicationScoped
public class MatrixData {
    @Inject
    EntityManager em;

    /** Rows of a table matching a where clause (to prove refused writes changed nothing). */
    @Transactional
    public long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
