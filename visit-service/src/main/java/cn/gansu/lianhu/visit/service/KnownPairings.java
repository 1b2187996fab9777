package cn.gansu.lianhu.visit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.PairingData;
import cn.gansu.lianhu.visit.domain.HouseholdStatus;
import cn.gansu.lianhu.visit.domain.KnownHousehold;
import cn.gansu.lianhu.visit.domain.KnownPairing;
import cn.gansu.lianhu.visit.domain.PairingStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * visit-service's local copy of pairings and households (issue 4 points 3 and 6), written only by
 * {@code events.KnownEventsConsumer} and read by the visit rule and the operators' REST read.
 *
 * <p>The rule "a cadre actively paired with the household on the visit date" ({@link #activeOn}) treats a
 * pairing as covering the half-open period {@code [startedOn, endedOn)}: a pairing ended on day D no longer
 * covers D. In a hand-over pairing-service ends the old pairing and starts the successor's on the same day, so
 * on that day exactly one cadre — the successor — is paired with the household.
 */
@ApplicationScoped
public class KnownPairings {
    @Inject
    EntityManager em;

    @Inject
    VisitPlans plans;

    @Inject
    Clock clock;

    @Inject
    Scopes scopes;

    private static final Logger LOG = Logger.getLogger(KnownPairings.class);
    private static final Set<String> PAIRING_STATUSES = Set.of("DRAFT", "ACTIVE", "WITHDRAWN", "ENDED");
    private static final Set<String> HOUSEHOLD_STATUSES = Set.of("IN_POVERTY", "LIFTED", "RELAPSED");

    /**
     * Checks that a pairing payload can be applied.
     *
     * @throws IllegalArgumentException naming what is wrong (the record then goes to the dead-letter topic)
     */
    public static void check(PairingData p) {
        if (p.id() == null || p.cadreId() == null || p.unitId() == null || p.householdId() == null) {
            throw new IllegalArgumentException("pairing event without id, cadreId, unitId and householdId");
        }
        UUID.fromString(p.id());
        UUID.fromString(p.cadreId());
        UUID.fromString(p.unitId());
        UUID.fromString(p.householdId());
        if (p.villageCode() == null || !p.villageCode().matches("\\d{12}")) {
            throw new IllegalArgumentException("pairing event without a 12-digit villageCode");
        }
        if (p.status() == null || !PAIRING_STATUSES.contains(p.status())) {
            throw new IllegalArgumentException("pairing event with status " + p.status()
                    + ", not one of DRAFT, ACTIVE, WITHDRAWN, ENDED");
        }
        if (("ACTIVE".equals(p.status()) || "ENDED".equals(p.status())) && p.startedOn() == null) {
            throw new IllegalArgumentException(p.status() + " pairing event without startedOn");
        }
        if ("ENDED".equals(p.status()) && p.endedOn() == null) {
            throw new IllegalArgumentException("ENDED pairing event without endedOn");
        }
        if (p.startedOn() != null && p.endedOn() != null && p.endedOn().isBefore(p.startedOn())) {
            throw new IllegalArgumentException("pairing event with endedOn before startedOn");
        }
    }

    /**
     * Checks that a household payload can be applied.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static void check(HouseholdData h) {
        if (h.id() == null || h.villageCode() == null || !h.villageCode().matches("\\d{12}")
                || h.status() == null || !HOUSEHOLD_STATUSES.contains(h.status())) {
            throw new IllegalArgumentException(
                    "household event without an id, a 12-digit villageCode and a status IN_POVERTY, LIFTED or RELAPSED");
        }
        UUID.fromString(h.id());
    }

    /** Loads, in one query, the known pairings a batch of events will touch: id → row (absent: new). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Object, Object> prefetchPairings(List<PairingData> pairings) {
        Map<Object, Object> found = new HashMap<>();
        List<UUID> ids = pairings.stream().map(p -> UUID.fromString(p.id())).distinct().toList();
        if (!ids.isEmpty()) {
            KnownPairing.<KnownPairing> list("id in ?1", ids).forEach(p -> found.put(p.id, p));
        }
        return found;
    }

    /** Loads, in one query, the known households a batch of events will touch: id → row (absent: new). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Object, Object> prefetchHouseholds(List<HouseholdData> households) {
        Map<Object, Object> found = new HashMap<>();
        List<UUID> ids = households.stream().map(h -> UUID.fromString(h.id())).distinct().toList();
        if (!ids.isEmpty()) {
            KnownHousehold.<KnownHousehold> list("id in ?1", ids).forEach(h -> found.put(h.id, h));
        }
        return found;
    }

    /**
     * Applies one {@code pairing.pairing.*} event (full state after the change), unless the same or a newer
     * version of the pairing is already known.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyPairing(OffsetDateTime time, PairingData data, Map<Object, Object> found) {
        UUID id = UUID.fromString(data.id());
        KnownPairing p = (KnownPairing) found.get(id);
        if (p != null && p.version >= data.version()) {
            LOG.debugf("pairing %s: event version %d not newer than %d, skipped", id, data.version(), p.version);
            return;
        }
        if (p == null) {
            p = new KnownPairing();
            p.id = id;
            found.put(id, p);
        }
        p.cadreId = UUID.fromString(data.cadreId());
        p.unitId = UUID.fromString(data.unitId());
        p.householdId = UUID.fromString(data.householdId());
        p.villageCode = data.villageCode();
        p.status = PairingStatus.valueOf(data.status());
        p.primary = data.primary();
        p.startedOn = data.startedOn();
        p.endedOn = data.endedOn();
        p.endReason = data.endReason();
        p.version = data.version();
        p.updatedAt = time;
        p.persist();
        // issue 4 point 5: a pairing that ended or was withdrawn leaves no pending plan item behind
        if (p.status == PairingStatus.ENDED || p.status == PairingStatus.WITHDRAWN) {
            plans.pairingClosed(p.id, p.householdId, p.status == PairingStatus.WITHDRAWN ? "WITHDRAWN"
                    : p.endReason == null ? "ENDED" : p.endReason,
                    p.endedOn != null ? p.endedOn : time.atZoneSameInstant(clock.getZone()).toLocalDate());
        }
    }

    /** Applies one {@code registry.household.*} event, unless the same or a newer version is already known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHousehold(OffsetDateTime time, HouseholdData data, Map<Object, Object> found) {
        UUID id = UUID.fromString(data.id());
        KnownHousehold h = (KnownHousehold) found.get(id);
        if (h != null && h.version >= data.version()) {
            LOG.debugf("household %s: event version %d not newer than %d, skipped", id, data.version(), h.version);
            return;
        }
        if (h == null) {
            h = new KnownHousehold();
            h.id = id;
            found.put(id, h);
        }
        h.villageCode = data.villageCode();
        h.status = HouseholdStatus.valueOf(data.status());
        h.version = data.version();
        h.updatedAt = time;
        h.persist();
    }

    /**
     * The pairing of this cadre with this household that covers {@code date}: status ACTIVE or ENDED, and
     * {@code startedOn ≤ date < endedOn} (endedOn null: open-ended). A pairing ended on {@code date} does not
     * cover it (see the class comment). Drafts and withdrawn drafts never cover a day.
     *
     * <p>Read with SQL, not as an entity (issue 7: it runs for every visit logged): {@code updatedAt} is given in UTC.
     *
     * @return the covering pairing, or empty if the cadre was not paired with the household that day
     */
    @Transactional
    public Optional<KnownPairingView> activeOn(UUID cadreId, UUID householdId, LocalDate date) {
        RoundTrip.Statement s = activeOnStatement(cadreId, householdId, date);
        Query q = em.createNativeQuery(s.sql(), Object[].class);
        for (int i = 0; i < s.params().size(); i++) {
            q.setParameter(i + 1, s.params().get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().findFirst().map(KnownPairings::view);
    }

    /** The query of {@link #activeOn}, for a caller that sends it with others (issue 7); rows for {@link #view}. */
    static RoundTrip.Statement activeOnStatement(UUID cadreId, UUID householdId, LocalDate date) {
        return new RoundTrip.Statement("""
                select cast(id as varchar), cast(cadre_id as varchar), cast(unit_id as varchar),
                  cast(household_id as varchar), village_code, status, is_primary, started_on, ended_on, end_reason,
                  version, updated_at
                from known_pairing
                where cadre_id = ? and household_id = ? and status in ('ACTIVE', 'ENDED') and started_on <= ?
                  and (ended_on is null or ended_on > ?)
                order by started_on desc, id limit 1""", cadreId, householdId, date, date);
    }

    /** A row of {@link #activeOnStatement}. */
    static KnownPairingView view(Object[] r) {
        return new KnownPairingView(UUID.fromString((String) r[0]), UUID.fromString((String) r[1]),
                UUID.fromString((String) r[2]), UUID.fromString((String) r[3]), (String) r[4],
                PairingStatus.valueOf((String) r[5]), (Boolean) r[6], localDate(r[7]), localDate(r[8]),
                (String) r[9], ((Number) r[10]).longValue(), VisitQueries.time(r[11]));
    }

    private static LocalDate localDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    /**
     * One page of known pairings in the caller's scope ({@link Scopes}: REGION_ADMIN by the household's village,
     * UNIT_ADMIN by unit, CADRE its own), filtered by cadre and/or household (null: any), ordered by household,
     * start date and id.
     */
    @Transactional
    public Page<KnownPairingView> list(UUID cadreId, UUID householdId, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (cadreId != null) {
            q.append(" and cadreId = :cadre");
            params.put("cadre", cadreId);
        }
        if (householdId != null) {
            q.append(" and householdId = :household");
            params.put("household", householdId);
        }
        q.append(scopes.columns("villageCode", "unitId", "cadreId", params));
        var query = KnownPairing.<KnownPairing> find(q.toString(),
                Sort.by("householdId").and("startedOn", Sort.NullPrecedence.NULLS_LAST).and("id"), params);
        long total = query.count();
        List<KnownPairingView> items = query.page(page, size).list().stream().map(KnownPairingView::of).toList();
        return new Page<>(items, page, size, total);
    }
}
