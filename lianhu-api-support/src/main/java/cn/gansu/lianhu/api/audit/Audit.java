package cn.gansu.lianhu.api.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.security.Caller;
import io.quarkus.arc.Arc;

/**
 * Writes and reads the audit trail of a service's own database (table {@code audit_entry}, migration
 * {@code db/lianhu-audit}; DESIGN.md §5, issue 6 point 4). {@link #record} joins the transaction of the
 * change it describes (it is {@code MANDATORY}): a change is never committed without its entry, nor an entry
 * without its change. Before and after are the JSON views the API shows, with personal numbers masked.
 */
@ApplicationScoped
public class Audit {
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    /**
     * Records one change made by the current caller.
     *
     * @param entity   kind of entity ({@code household}, {@code unit}, …)
     * @param entityId its id
     * @param action   what was done ({@code CREATED}, {@code UPDATED}, …)
     * @param before   view before the change, or null
     * @param after    view after the change, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entity, Object entityId, String action, Object before, Object after) {
        String actor = "system";
        String role = "SYSTEM";
        if (Arc.container().requestContext().isActive()) {
            Caller caller = Arc.container().instance(Caller.class).get();
            actor = caller.actor();
            role = caller.role().name();
        }
        em.createNativeQuery(INSERT)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, OffsetDateTime.now(clock))
                .setParameter(3, actor)
                .setParameter(4, role)
                .setParameter(5, entity)
                .setParameter(6, String.valueOf(entityId))
                .setParameter(7, action)
                .setParameter(8, json(before))
                .setParameter(9, json(after))
                .executeUpdate();
    }

    /**
     * Records one change written on a plain JDBC connection (bulk imports, plan confirmation), in that
     * connection's transaction: the entry commits or rolls back with the change. A worker thread has no request,
     * so the actor and role are passed in (captured from the {@link Caller} when the request was accepted).
     */
    public void record(Connection c, String actor, String role, String entity, Object entityId, String action,
            Object before, Object after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT.replaceAll("\\?\\d", "?"))) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, OffsetDateTime.now(clock));
            ps.setString(3, actor);
            ps.setString(4, role);
            ps.setString(5, entity);
            ps.setString(6, String.valueOf(entityId));
            ps.setString(7, action);
            ps.setString(8, json(before));
            ps.setString(9, json(after));
            ps.executeUpdate();
        }
    }

    private static final String INSERT = "insert into audit_entry (id, at, actor, actor_role, entity, entity_id, action,"
            + " before, after) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), cast(?9 as jsonb))";

    /** Entries matching every given filter (null = any), newest first (in insertion order within an instant). */
    @Transactional
    public Page<AuditEntry> find(String entity, String entityId, String actor, OffsetDateTime from,
            OffsetDateTime to, int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        if (entity != null) {
            params.add(entity);
            where.append(" and entity = ?").append(params.size());
        }
        if (entityId != null) {
            params.add(entityId);
            where.append(" and entity_id = ?").append(params.size());
        }
        if (actor != null) {
            params.add(actor);
            where.append(" and actor = ?").append(params.size());
        }
        if (from != null) {
            params.add(from);
            where.append(" and at >= ?").append(params.size());
        }
        if (to != null) {
            params.add(to);
            where.append(" and at < ?").append(params.size());
        }
        Query count = em.createNativeQuery("select count(*) from audit_entry" + where);
        Query rows = em.createNativeQuery("select id, at, actor, actor_role, entity, entity_id, action,"
                + " cast(before as text), cast(after as text) from audit_entry" + where
                + " order by at desc, seq desc limit " + size + " offset " + ((long) page * size));
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            rows.setParameter(i + 1, params.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<AuditEntry> items = new ArrayList<>();
        for (Object o : rows.getResultList()) {
            Object[] r = (Object[]) o;
            items.add(new AuditEntry((UUID) r[0], offset(r[1]), (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], tree((String) r[7]), tree((String) r[8])));
        }
        return new Page<>(items, page, size, total);
    }

    private OffsetDateTime offset(Object value) {
        OffsetDateTime t = value instanceof OffsetDateTime o ? o
                : value instanceof java.time.Instant i ? i.atOffset(java.time.ZoneOffset.UTC)
                        : ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
        return t.atZoneSameInstant(clock.getZone()).toOffsetDateTime();
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

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit JSON unreadable", e);
        }
    }
}
