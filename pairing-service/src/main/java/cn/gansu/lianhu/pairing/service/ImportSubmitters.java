package cn.gansu.lianhu.pairing.service;

import java.util.UUID;

import cn.gansu.lianhu.imports.ImportJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Who submitted each import job (table {@code import_job_submitter}), and who may read it (issue 6): roles that
 * read all see every job; REGION_ADMIN and UNIT_ADMIN only the jobs they submitted.
 */
@ApplicationScoped
public class ImportSubmitters {
    @Inject
    EntityManager em;
    @Inject
    Access access;

    /** Records the caller as the job's submitter. */
    @Transactional
    public ImportJob submitted(ImportJob job) {
        Access.Scope who = access.scope();
        em.createNativeQuery("insert into import_job_submitter (job_id, actor, actor_role, scope) values (cast(?1 as uuid), ?2, ?3,"
                + " ?4)").setParameter(1, String.valueOf(job.id())).setParameter(2, who.actor())
                .setParameter(3, who.role() == null ? "SYSTEM" : who.role().name()).setParameter(4, scopeOf(who))
                .executeUpdate();
        return job;
    }

    /** True when the caller may read the job. */
    @Transactional
    public boolean visible(UUID jobId) {
        Access.Scope who = access.scope();
        if (who.readsAll()) {
            return true;
        }
        return ((Number) em.createNativeQuery("select count(*) from import_job_submitter where job_id = ?1 and actor = ?2"
                + " and actor_role = ?3 and scope is not distinct from ?4").setParameter(1, jobId)
                .setParameter(2, who.actor()).setParameter(3, who.role().name()).setParameter(4, scopeOf(who))
                .getSingleResult()).longValue() > 0;
    }

    private static String scopeOf(Access.Scope who) {
        return who.region() != null ? who.region() : who.unit() != null ? who.unit().toString() : "";
    }
}
