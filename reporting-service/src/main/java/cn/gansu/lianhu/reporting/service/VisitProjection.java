package cn.gansu.lianhu.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;

import cn.gansu.lianhu.events.contract.DemandData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.contract.VisitData;
import cn.gansu.lianhu.events.inbox.Inbox;
import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.domain.VisitTask;
import cn.gansu.lianhu.reporting.events.VisitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Applies checked visit-service events to the read models {@code visit}, {@code visit_help} and {@code demand}, keeps
 * {@code pairing.last_in_person_on} and records freshness (issue 4 point 7). A batch is applied in the caller's
 * transaction together with its inbox marks ({@code processed_event}), so it commits or rolls back as a whole and
 * an event id is applied at most once. Every payload is the full state after the change and carries the aggregate
 * {@code version}: a row is replaced only by a higher version, so a replayed or late older event cannot regress it.
 *
 * <ul>
 * <li>Visits: the stored versions of the batch's visits are read once (one query); in event order, an event
 * applies if its version is higher than the version held (stored or applied earlier in the batch). The last
 * applied state of each visit is written (its tasks as a bit mask, {@link #taskMask}), its help items replaced by
 * that state's {@code help} list with the visit's cadre, unit, village and date (a correction may move help from one
 * kind, month or place to another), and {@code last_in_person_on} of the pairings it was and is under is
 * recomputed from the visit table: the latest {@code visited_on} of the pairing's in-person visits.</li>
 * <li>Demands: upsert with the version guard.</li>
 * </ul>
 */
@ApplicationScoped
public class VisitProjection {

    private static final String STORED_VISITS = "select id, version, pairing_id from visit where id = any(?)";

    private static final String UPSERT_VISIT = """
            insert into visit (id, cadre_id, unit_id, household_id, village_code, pairing_id, visited_on, mode,
                in_person, duration_minutes, task_mask, help_yuan, demands_raised, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set cadre_id = excluded.cadre_id, unit_id = excluded.unit_id,
                household_id = excluded.household_id, village_code = excluded.village_code,
                pairing_id = excluded.pairing_id, visited_on = excluded.visited_on, mode = excluded.mode,
                in_person = excluded.in_person, duration_minutes = excluded.duration_minutes, task_mask = excluded.task_mask,
                help_yuan = excluded.help_yuan, demands_raised = excluded.demands_raised, version = excluded.version
            where visit.version < excluded.version""";

    private static final String DELETE_HELP = "delete from visit_help where visit_id = any(?)";

    private static final String INSERT_HELP = """
            insert into visit_help (visit_id, item, cadre_id, unit_id, village_code, visited_on, kind, amount_yuan, people)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Recomputes the pairings' latest in-person visit from the visit table (idempotent). */
    private static final String LAST_IN_PERSON = """
            update pairing p set last_in_person_on =
                (select max(v.visited_on) from visit v where v.pairing_id = p.id and v.in_person)
            where p.id = any(?)""";

    private static final String UPSERT_DEMAND = """
            insert into demand (id, household_id, village_code, visit_id, unit_id, category, status, opened_on,
                deadline, closed_on, satisfaction, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set household_id = excluded.household_id,
                village_code = excluded.village_code, visit_id = excluded.visit_id, unit_id = excluded.unit_id,
                category = excluded.category, status = excluded.status, opened_on = excluded.opened_on,
                deadline = excluded.deadline, closed_on = excluded.closed_on, satisfaction = excluded.satisfaction,
                version = excluded.version
            where demand.version < excluded.version""";


    @Inject
    EntityManager em;

    @Inject
    ConsumerConfig config;

    @Inject
    Inbox inbox;

    /** Applies the events of one polled batch of {@code topic}, in their order, inside the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BatchOutcome apply(String topic, List<VisitEvent> events) {
        List<VisitEvent> fresh = Projections.firstDeliveries(inbox, config.inboxName(), events, VisitEvent::id);
        BatchOutcome[] outcome = new BatchOutcome[1];
        em.unwrap(Session.class).doWork(connection -> {
            int changed = 0;
            if (!fresh.isEmpty()) {
                changed = Topics.VISIT_VISITS.equals(topic) ? writeVisits(connection, fresh)
                        : writeDemands(connection, fresh);
                Projections.freshness(connection, topic, fresh.stream().map(VisitEvent::time).toList());
            }
            outcome[0] = new BatchOutcome(fresh.size(), events.size() - fresh.size(), fresh.size() - changed);
        });
        return outcome[0];
    }

    /** Writes the last applicable state of each visit of the batch; returns how many events applied. */
    private static int writeVisits(Connection connection, List<VisitEvent> events) throws SQLException {
        List<VisitData> visits = new ArrayList<>(events.size());
        for (VisitEvent e : events) {
            if (e.data() instanceof VisitData v) {
                visits.add(v);
            }
        }
        if (visits.isEmpty()) {
            return 0;
        }
        Projections.lockPairingVisits(connection);
        // versions and pairings held now, read once for the whole batch
        Map<UUID, Long> versions = new HashMap<>();
        Set<UUID> pairings = new LinkedHashSet<>();
        try (PreparedStatement stored = connection.prepareStatement(STORED_VISITS)) {
            stored.setArray(1, connection.createArrayOf("uuid",
                    visits.stream().map(v -> UUID.fromString(v.id())).distinct().toArray()));
            try (ResultSet rs = stored.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    pairings.add(rs.getObject(3, UUID.class)); // the pairing a correction may move the visit from
                }
            }
        }
        Map<UUID, VisitData> latest = new LinkedHashMap<>();
        int applied = 0;
        for (VisitData v : visits) {
            UUID id = UUID.fromString(v.id());
            Long held = versions.get(id);
            if (held == null || held < v.version()) {
                versions.put(id, v.version());
                latest.put(id, v);
                applied++;
            }
        }
        if (latest.isEmpty()) {
            return 0;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_VISIT);
                PreparedStatement delete = connection.prepareStatement(DELETE_HELP);
                PreparedStatement help = connection.prepareStatement(INSERT_HELP)) {
            int helpRows = 0;
            for (VisitData v : latest.values()) {
                UUID id = UUID.fromString(v.id());
                upsert.setObject(1, id);
                upsert.setObject(2, UUID.fromString(v.cadreId()));
                upsert.setObject(3, UUID.fromString(v.unitId()));
                upsert.setObject(4, UUID.fromString(v.householdId()));
                upsert.setString(5, v.villageCode());
                upsert.setObject(6, UUID.fromString(v.pairingId()));
                upsert.setObject(7, v.visitedOn());
                upsert.setString(8, v.mode());
                upsert.setBoolean(9, v.inPerson());
                upsert.setInt(10, v.durationMinutes());
                upsert.setShort(11, taskMask(v.tasks()));
                upsert.setBigDecimal(12, v.helpYuan());
                upsert.setInt(13, v.demandsRaised());
                upsert.setLong(14, v.version());
                upsert.addBatch();
                pairings.add(UUID.fromString(v.pairingId()));
                if (v.help() != null) {
                    for (int i = 0; i < v.help().size(); i++) {
                        VisitData.HelpItem h = v.help().get(i);
                        help.setObject(1, id);
                        help.setInt(2, i);
                        help.setObject(3, UUID.fromString(v.cadreId()));
                        help.setObject(4, UUID.fromString(v.unitId()));
                        help.setString(5, v.villageCode());
                        help.setObject(6, v.visitedOn());
                        help.setString(7, h.kind());
                        help.setBigDecimal(8, h.amountYuan());
                        help.setInt(9, h.peopleBenefiting());
                        help.addBatch();
                        helpRows++;
                    }
                }
            }
            upsert.executeBatch();
            delete.setArray(1, connection.createArrayOf("uuid", latest.keySet().toArray()));
            delete.executeUpdate();
            if (helpRows > 0) {
                help.executeBatch();
            }
        }
        try (PreparedStatement last = connection.prepareStatement(LAST_IN_PERSON)) {
            last.setArray(1, connection.createArrayOf("uuid", pairings.toArray()));
            last.executeUpdate();
        }
        return applied;
    }

    /** The tasks as bits: bit n set for the task of ordinal n ({@link VisitTask}); names were checked by the reader. */
    static short taskMask(List<String> tasks) {
        int mask = 0;
        for (String t : tasks) {
            mask |= 1 << VisitTask.valueOf(t).ordinal();
        }
        return (short) mask;
    }

    /** Upserts the demands of the batch in event order; returns how many rows changed. */
    private static int writeDemands(Connection connection, List<VisitEvent> events) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_DEMAND)) {
            int rows = 0;
            for (VisitEvent e : events) {
                if (e.data() instanceof DemandData d) {
                    upsert.setObject(1, UUID.fromString(d.id()));
                    upsert.setObject(2, UUID.fromString(d.householdId()));
                    upsert.setString(3, d.villageCode());
                    upsert.setObject(4, d.visitId() == null ? null : UUID.fromString(d.visitId()));
                    upsert.setObject(5, UUID.fromString(d.unitId()));
                    upsert.setString(6, d.category());
                    upsert.setString(7, d.status());
                    upsert.setObject(8, d.openedOn());
                    upsert.setObject(9, d.deadline());
                    upsert.setObject(10, d.closedOn());
                    upsert.setString(11, d.satisfaction());
                    upsert.setLong(12, d.version());
                    upsert.addBatch();
                    rows++;
                }
            }
            return rows == 0 ? 0 : RegistryProjection.sum(upsert.executeBatch());
        }
    }
}
