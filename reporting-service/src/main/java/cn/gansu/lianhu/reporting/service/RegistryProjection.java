package cn.gansu.lianhu.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.events.inbox.Inbox;
import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.events.RegistryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Applies checked registry events to the read models {@code region} and {@code household} and records
 * freshness (issue point 9). A batch is applied in the caller's transaction, together with the inbox
 * marks ({@code processed_event}, consumer {@code lianhu.reporting.consumer.inbox-name}), so it commits or
 * rolls back as a whole and an event id is applied at most once.
 *
 * <ul>
 * <li>Region events carry the full {@link RegionData}: the row is replaced, unless the stored state comes
 * from a later event (event time).</li>
 * <li>Household events carry {@link HouseholdData} with the aggregate {@code version}: the row is replaced
 * only by a higher version, so a replayed or out-of-order older event cannot regress the state. The head's
 * name is kept for the list of households without a cadre.</li>
 * <li>A household event that changes the status (previousStatus set and different) is also recorded in the status
 * history ({@link StatusHistory}, table {@code household_status_change}; issue 5).</li>
 * </ul>
 */
@ApplicationScoped
public class RegistryProjection {

    private static final String UPSERT_REGION = """
            insert into region (code, name, level, parent_code, poor_county, poor_village, event_time)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (code) do update set name = excluded.name, level = excluded.level,
                parent_code = excluded.parent_code, poor_county = excluded.poor_county,
                poor_village = excluded.poor_village, event_time = excluded.event_time
            where region.event_time <= excluded.event_time""";

    private static final String UPSERT_HOUSEHOLD = """
            insert into household (id, village_code, status, member_count, version, head_name)
            values (?, ?, ?, ?, ?, ?)
            on conflict (id) do update set village_code = excluded.village_code, status = excluded.status,
                member_count = excluded.member_count, version = excluded.version, head_name = excluded.head_name
            where household.version < excluded.version""";


    @Inject
    EntityManager em;

    @Inject
    ConsumerConfig config;

    @Inject
    Inbox inbox;

    /** Applies the events of one polled batch of {@code topic}, in their order, inside the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BatchOutcome apply(String topic, List<RegistryEvent> events) {
        BatchOutcome[] outcome = new BatchOutcome[1];
        List<RegistryEvent> fresh = Projections.firstDeliveries(inbox, config.inboxName(), events, RegistryEvent::id);
        em.unwrap(Session.class).doWork(connection -> {
            int changed = fresh.isEmpty() ? 0 : write(connection, topic, fresh);
            outcome[0] = new BatchOutcome(fresh.size(), events.size() - fresh.size(), fresh.size() - changed);
        });
        return outcome[0];
    }

    /** Writes the upserts as JDBC batches and the freshness row; returns how many rows changed. */
    private static int write(Connection connection, String topic, List<RegistryEvent> events) throws SQLException {
        int changed = 0;
        try (PreparedStatement regions = connection.prepareStatement(UPSERT_REGION);
                PreparedStatement households = connection.prepareStatement(UPSERT_HOUSEHOLD)) {
            int regionRows = 0;
            int householdRows = 0;
            for (RegistryEvent e : events) {
                if (e.region() != null) {
                    RegionData r = e.region();
                    regions.setString(1, r.code());
                    regions.setString(2, r.name());
                    regions.setString(3, r.level());
                    regions.setString(4, r.parentCode());
                    regions.setBoolean(5, r.poorCounty());
                    regions.setBoolean(6, r.poorVillage());
                    regions.setObject(7, e.time());
                    regions.addBatch();
                    regionRows++;
                } else {
                    HouseholdData h = e.household();
                    households.setObject(1, UUID.fromString(h.id()));
                    households.setString(2, h.villageCode());
                    households.setString(3, h.status());
                    households.setInt(4, h.memberCount());
                    households.setLong(5, h.version());
                    households.setString(6, headName(h.headName()));
                    households.addBatch();
                    householdRows++;
                }
            }
            if (regionRows > 0) {
                changed += sum(regions.executeBatch());
            }
            if (householdRows > 0) {
                changed += sum(households.executeBatch());
            }
        }
        StatusHistory.record(connection, events);
        Projections.freshness(connection, topic, events.stream().map(RegistryEvent::time).toList());
        return changed;
    }

    /** The head's name as stored (at most 200 characters), or null. */
    private static String headName(String name) {
        return name == null || name.length() <= 200 ? name : name.substring(0, 200);
    }

    static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c > 0 ? c : 0;
        }
        return n;
    }
}
