package cn.gansu.lianhu.pairing.service;

import java.util.Map;
import java.util.function.Supplier;

import cn.gansu.lianhu.api.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/**
 * Flushes pending writes and turns a unique-index violation into the 409 a check before would have given: the
 * checks before a write cannot see a concurrent transaction's row, the database's unique indexes can. The
 * caller's transaction is rolled back by the exception, so nothing is half-written.
 */
final class Flushes {
    private Flushes() {
    }

    /**
     * Flushes; if a constraint named in {@code conflicts} is violated, throws its problem instead.
     *
     * @param conflicts constraint or index name → the problem to answer with
     */
    static void flush(EntityManager em, Map<String, Supplier<ApiException>> conflicts) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.hibernate.exception.ConstraintViolationException cv && cv.getConstraintName() != null) {
                    Supplier<ApiException> problem = conflicts.get(cv.getConstraintName());
                    if (problem != null) {
                        throw problem.get();
                    }
                }
            }
            throw e;
        }
    }
}
