package cn.gansu.lianhu.pairing.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.audit.Audit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The audit entry of a change written on a plain JDBC connection (plans, bulk imports), in that connection's
 * transaction, so the change is never committed without its entry (issue 6 point 4). The row is the one
 * {@link Audit#record} writes (table {@code audit_entry}); the actor and role are taken from the caller's
 * {@link Access.Scope}, captured in the request (an import's worker thread has no request of its own).
 */
@ApplicationScoped
public class JdbcAudit {
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    /** Inserts one entry on {@code c} (auto-commit off: it commits with the change). */
    public void record(Connection c, Access.Scope who, String entity, Object entityId, String action, Object before,
            Object after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_entry (id, at, actor, actor_role, entity,"
                + " entity_id, action, before, after) values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, who.actor());
            ps.setString(4, who.role() == null ? "SYSTEM" : who.role().name());
            ps.setString(5, entity);
            ps.setString(6, String.valueOf(entityId));
            ps.setString(7, action);
            ps.setString(8, json(before));
            ps.setString(9, json(after));
            ps.executeUpdate();
        }
    }

    private String json(Object view) {
        if (view == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit view not serialisable: " + view.getClass().getName(), e);
        }
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
