package cn.gansu.lianhu.pairing.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;


import cn.gansu.lianhu.api.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The audit entry of a change written on a plain JDBC connection (plans, bulk imports), in that connection's
 * transaction, so the change is never committed without its entry (issue 6 point 4). The row is written by
 * {@link Audit#record(Connection, String, String, String, Object, String, Object, Object)} (table {@code audit_entry}); the actor and role are taken from the caller's
 * {@link Access.Scope}, captured in the request (an import's worker thread has no request of its own).
 */
@ApplicationScoped
public class JdbcAudit {
    @Inject
    Audit audit;

    /** Inserts one entry on {@code c} (auto-commit off: it commits with the change). */
    public void record(Connection c, Access.Scope who, String entity, Object entityId, String action, Object before,
            Object after) throws SQLException {
        audit.record(c, who.actor(), who.role() == null ? "SYSTEM" : who.role().name(), entity, entityId, action,
                before, after);
    }

    /**
     * An import job as the audit trail keeps it (one entry per job that wrote, issue 6 point 4).
     *
     * @param jobId     the job
     * @param kind      UNITS or CADRES
     * @param fileName  the uploaded file's name (multipart), or null for a raw body
     * @param mode      ALL_OR_NOTHING or SKIP_INVALID
     * @param rowsRead  data rows read
     * @param imported  records written
     */
    public record ImportSummary(UUID jobId, String kind, String fileName, String mode, long rowsRead, long imported) {
    }
}
