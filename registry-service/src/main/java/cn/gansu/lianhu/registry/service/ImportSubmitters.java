package cn.gansu.lianhu.registry.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;


import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.registry.service.HouseholdImportService.Submitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Submitters of household import jobs (table {@code import_job_submitter}, issue 6 point 2) and the audit entry of a
 * job that wrote households (issue 6 point 4).
 */
@ApplicationScoped
public class ImportSubmitters {
    /** Entity name of household import jobs in the audit trail. */
    public static final String AUDIT_ENTITY = "household-import";

    @Inject
    EntityManager em;
    @Inject
    Audit audit;

    /** Stores who submitted job {@code jobId}. */
    @Transactional
    public void remember(String jobId, Submitter s) {
        em.createNativeQuery("insert into import_job_submitter (job_id, actor, actor_role, region_prefix)"
                + " values (?1, ?2, ?3, ?4) on conflict (job_id) do nothing")
                .setParameter(1, UUID.fromString(jobId)).setParameter(2, s.actor()).setParameter(3, s.role())
                .setParameter(4, s.regionPrefix()).executeUpdate();
    }

    /** The actor who submitted the job, if known. */
    @Transactional
    public Optional<String> actorOf(UUID jobId) {
        List<?> rows = em.createNativeQuery("select actor from import_job_submitter where job_id = ?1")
                .setParameter(1, jobId).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /**
     * Writes the job's audit entry (entity {@code household-import}, action IMPORTED, after = the job summary) on
     * the job's own connection, so it commits or rolls back with the households. The table is the shared
     * {@code audit_entry} of lianhu-api-support; a worker thread has no request, so the submitter captured at
     * upload names the actor.
     */
    void audit(Connection c, Submitter s, UUID jobId, Map<String, Object> summary) throws SQLException {
        audit.record(c, s.actor(), s.role(), AUDIT_ENTITY, jobId, "IMPORTED", null, summary);
    }
}
