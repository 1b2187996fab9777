package cn.gansu.lianhu.reporting.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.hibernate.Session;

import cn.gansu.lianhu.events.contract.CadreData;
import cn.gansu.lianhu.events.contract.LeaderLinkData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.events.contract.UnitData;
import cn.gansu.lianhu.events.contract.VillageLinkData;
import cn.gansu.lianhu.events.inbox.Inbox;
import cn.gansu.lianhu.reporting.config.ConsumerConfig;
import cn.gansu.lianhu.reporting.events.PairingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Applies checked pairing-service events to the read models {@code unit}, {@code cadre}, {@code village_link},
 * {@code leader_link} and {@code pairing} and records freshness (issue 3 point 9). A batch is applied in the
 * caller's transaction together with its inbox marks ({@code processed_event}), so it commits or rolls back
 * as a whole and an event id is applied at most once. Every payload is the full state after the change:
 *
 * <ul>
 * <li>units, cadres and pairings carry the aggregate {@code version}: a row is replaced only by a higher
 * version, so a replayed or late older event cannot regress the state;</li>
 * <li>links carry no version: a row is replaced unless the stored state comes from a later event (event
 * time; one link's events arrive in order on one partition, so equal times keep the order of arrival).</li>
 * </ul>
 *
 * <p>Pairings also keep their unit and dates for continuity (issue 4 point 7). Their latest in-person visit
 * ({@code last_in_person_on}) is kept by {@link VisitProjection}; since a pairing's visits may arrive before the
 * pairing itself (another topic), a pairing row written for the first time takes it from the visits already held;
 * a batch with pairings holds {@link Projections#lockPairingVisits} so a concurrent visit batch cannot slip between.
 */
@ApplicationScoped
public class PairingProjection {

    private static final String UPSERT_UNIT = """
            insert into unit (id, name, level, region_code, active_cadres, required_villages, version)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set name = excluded.name, level = excluded.level,
                region_code = excluded.region_code, active_cadres = excluded.active_cadres,
                required_villages = excluded.required_villages, version = excluded.version
            where unit.version < excluded.version""";

    private static final String UPSERT_CADRE = """
            insert into cadre (id, name, unit_id, rank, status, minimum_households, version)
            values (?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do update set name = excluded.name, unit_id = excluded.unit_id, rank = excluded.rank,
                status = excluded.status, minimum_households = excluded.minimum_households, version = excluded.version
            where cadre.version < excluded.version""";

    private static final String UPSERT_VILLAGE_LINK = """
            insert into village_link (id, unit_id, village_code, active, event_time) values (?, ?, ?, ?, ?)
            on conflict (id) do update set unit_id = excluded.unit_id, village_code = excluded.village_code,
                active = excluded.active, event_time = excluded.event_time
            where village_link.event_time <= excluded.event_time""";

    private static final String UPSERT_LEADER_LINK = """
            insert into leader_link (id, cadre_id, county_code, village_code, active, event_time)
            values (?, ?, ?, ?, ?, ?)
            on conflict (id) do update set cadre_id = excluded.cadre_id, county_code = excluded.county_code,
                village_code = excluded.village_code, active = excluded.active, event_time = excluded.event_time
            where leader_link.event_time <= excluded.event_time""";

    private static final String UPSERT_PAIRING = """
            insert into pairing (id, cadre_id, household_id, village_code, status, version, unit_id, started_on,
                ended_on, last_in_person_on)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?,
                (select max(v.visited_on) from visit v where v.pairing_id = ? and v.in_person))
            on conflict (id) do update set cadre_id = excluded.cadre_id, household_id = excluded.household_id,
                village_code = excluded.village_code, status = excluded.status, version = excluded.version,
                unit_id = excluded.unit_id, started_on = excluded.started_on, ended_on = excluded.ended_on
            where pairing.version < excluded.version""";


    @Inject
    EntityManager em;

    @Inject
    ConsumerConfig config;

    @Inject
    Inbox inbox;

    /** Applies the events of one polled batch of {@code topic}, in their order, inside the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public BatchOutcome apply(String topic, List<PairingEvent> events) {
        List<PairingEvent> fresh = Projections.firstDeliveries(inbox, config.inboxName(), events, PairingEvent::id);
        BatchOutcome[] outcome = new BatchOutcome[1];
        em.unwrap(Session.class).doWork(connection -> {
            int changed = fresh.isEmpty() ? 0 : write(connection, topic, fresh);
            outcome[0] = new BatchOutcome(fresh.size(), events.size() - fresh.size(), fresh.size() - changed);
        });
        return outcome[0];
    }

    /** Writes the upserts as JDBC batches (one per table, in event order) and the freshness row. */
    private static int write(Connection connection, String topic, List<PairingEvent> events) throws SQLException {
        int changed = 0;
        if (events.stream().anyMatch(e -> e.data() instanceof PairingData)) {
            Projections.lockPairingVisits(connection);
        }
        try (PreparedStatement units = connection.prepareStatement(UPSERT_UNIT);
                PreparedStatement cadres = connection.prepareStatement(UPSERT_CADRE);
                PreparedStatement villageLinks = connection.prepareStatement(UPSERT_VILLAGE_LINK);
                PreparedStatement leaderLinks = connection.prepareStatement(UPSERT_LEADER_LINK);
                PreparedStatement pairings = connection.prepareStatement(UPSERT_PAIRING)) {
            int[] rows = new int[5];
            for (PairingEvent e : events) {
                if (e.data() instanceof UnitData u) {
                    units.setObject(1, UUID.fromString(u.id()));
                    units.setString(2, u.name());
                    units.setString(3, u.level());
                    units.setString(4, u.regionCode());
                    units.setInt(5, u.activeCadres());
                    units.setInt(6, u.requiredVillages());
                    units.setLong(7, u.version());
                    units.addBatch();
                    rows[0]++;
                } else if (e.data() instanceof CadreData c) {
                    cadres.setObject(1, UUID.fromString(c.id()));
                    cadres.setString(2, c.name());
                    cadres.setObject(3, UUID.fromString(c.unitId()));
                    cadres.setString(4, c.rank());
                    cadres.setString(5, c.status());
                    cadres.setInt(6, c.minimumHouseholds());
                    cadres.setLong(7, c.version());
                    cadres.addBatch();
                    rows[1]++;
                } else if (e.data() instanceof VillageLinkData l) {
                    villageLinks.setObject(1, UUID.fromString(l.id()));
                    villageLinks.setObject(2, UUID.fromString(l.unitId()));
                    villageLinks.setString(3, l.villageCode());
                    villageLinks.setBoolean(4, l.active());
                    villageLinks.setObject(5, e.time());
                    villageLinks.addBatch();
                    rows[2]++;
                } else if (e.data() instanceof LeaderLinkData l) {
                    leaderLinks.setObject(1, UUID.fromString(l.id()));
                    leaderLinks.setObject(2, UUID.fromString(l.cadreId()));
                    leaderLinks.setString(3, l.countyCode());
                    leaderLinks.setString(4, l.villageCode());
                    leaderLinks.setBoolean(5, l.active());
                    leaderLinks.setObject(6, e.time());
                    leaderLinks.addBatch();
                    rows[3]++;
                } else if (e.data() instanceof PairingData p) {
                    pairings.setObject(1, UUID.fromString(p.id()));
                    pairings.setObject(2, UUID.fromString(p.cadreId()));
                    pairings.setObject(3, UUID.fromString(p.householdId()));
                    pairings.setString(4, p.villageCode());
                    pairings.setString(5, p.status());
                    pairings.setLong(6, p.version());
                    pairings.setObject(7, p.unitId() == null ? null : UUID.fromString(p.unitId()));
                    pairings.setObject(8, p.startedOn());
                    pairings.setObject(9, p.endedOn());
                    pairings.setObject(10, UUID.fromString(p.id()));
                    pairings.addBatch();
                    rows[4]++;
                }
            }
            PreparedStatement[] statements = { units, cadres, villageLinks, leaderLinks, pairings };
            for (int i = 0; i < statements.length; i++) {
                if (rows[i] > 0) {
                    changed += RegistryProjection.sum(statements[i].executeBatch());
                }
            }
        }
        Projections.freshness(connection, topic, events.stream().map(PairingEvent::time).toList());
        return changed;
    }
}
