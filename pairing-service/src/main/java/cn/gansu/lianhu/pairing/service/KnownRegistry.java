package cn.gansu.lianhu.pairing.service;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.RegionData;
import cn.gansu.lianhu.pairing.domain.KnownCounty;
import cn.gansu.lianhu.pairing.domain.KnownHousehold;
import cn.gansu.lianhu.pairing.domain.KnownVillage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The local copy of registry data that pairing needs: villages with their poverty designation and
 * households with their status (DESIGN.md §2). Written only by the registry event consumers, read by the
 * REST API and, later, by the pairing rules.
 */
@ApplicationScoped
public class KnownRegistry {
    private static final Logger LOG = Logger.getLogger(KnownRegistry.class);

    @Inject
    EntityManager em;

    /**
     * Checks that a region payload can be applied.
     *
     * @throws IllegalArgumentException naming what is missing (the record then goes to the dead-letter topic)
     */
    public static void check(RegionData region) {
        if (region.level() == null || region.code() == null || !region.code().matches("\\d{12}")) {
            throw new IllegalArgumentException("region event without a level and a 12-digit code");
        }
        if (("VILLAGE".equals(region.level()) || "COUNTY".equals(region.level()))
                && (region.name() == null || region.parentCode() == null || !region.parentCode().matches("\\d{12}"))) {
            throw new IllegalArgumentException(region.level().toLowerCase(java.util.Locale.ROOT)
                    + " event without a name and a 12-digit parentCode");
        }
    }

    /**
     * Checks that a household payload can be applied.
     *
     * @throws IllegalArgumentException naming what is missing
     */
    public static void check(HouseholdData household) {
        if (household.id() == null || household.villageCode() == null || !household.villageCode().matches("\\d{12}")
                || household.status() == null) {
            throw new IllegalArgumentException("household event without an id, a 12-digit villageCode and a status");
        }
        UUID.fromString(household.id());
    }

    /**
     * Loads, in one query per table, the known counties and villages a batch of region events will touch, so
     * applying each event needs no query of its own: the result maps code → row; a code not in it is new.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<Object, Object> prefetchRegions(List<RegionData> regions) {
        Map<Object, Object> found = new HashMap<>();
        List<String> counties = regions.stream().filter(r -> "COUNTY".equals(r.level())).map(RegionData::code)
                .distinct().toList();
        List<String> villages = regions.stream().filter(r -> "VILLAGE".equals(r.level())).map(RegionData::code)
                .distinct().toList();
        if (!counties.isEmpty()) {
            KnownCounty.<KnownCounty> list("code in ?1", counties).forEach(c -> found.put(c.code, c));
        }
        if (!villages.isEmpty()) {
            KnownVillage.<KnownVillage> list("code in ?1", villages).forEach(v -> found.put(v.code, v));
        }
        return found;
    }

    /** Loads, in one query, the known households a batch of household events will touch: id → row. */
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
     * Applies the state carried by one {@code registry.region.*} event: counties (poor county designation,
     * for leader links) and villages (poor village designation). Other levels are ignored. The payload is
     * the full state after the change, so applying it replaces the row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyRegion(UUID eventId, OffsetDateTime time, RegionData region, Map<Object, Object> found) {
        if ("COUNTY".equals(region.level())) {
            KnownCounty c = (KnownCounty) found.get(region.code());
            if (c == null) {
                c = new KnownCounty();
                c.code = region.code();
                found.put(c.code, c);
            }
            c.name = region.name();
            c.prefectureCode = region.parentCode();
            c.poor = region.poorCounty();
            c.lastEventId = eventId;
            c.updatedAt = time;
            c.persist();
            return;
        }
        if (!"VILLAGE".equals(region.level())) {
            return;
        }
        KnownVillage v = (KnownVillage) found.get(region.code());
        if (v == null) {
            v = new KnownVillage();
            v.code = region.code();
            v.countyCode = KnownVillage.countyOf(region.code());
            found.put(v.code, v);
        }
        v.name = region.name();
        v.townshipCode = region.parentCode();
        v.poor = region.poorVillage();
        v.lastEventId = eventId;
        v.updatedAt = time;
        v.persist();
    }

    /**
     * Applies one {@code registry.household.*} event, unless a newer version of the household is already
     * known (events of one household arrive in order on one partition; this also drops stale replays).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyHousehold(OffsetDateTime time, HouseholdData household, Map<Object, Object> found) {
        UUID id = UUID.fromString(household.id());
        KnownHousehold h = (KnownHousehold) found.get(id);
        if (h != null && h.version >= household.version()) {
            LOG.debugf("household %s: event version %d not newer than %d, skipped", id, household.version(),
                    h.version);
            return;
        }
        if (h == null) {
            h = new KnownHousehold();
            h.id = id;
            found.put(id, h);
        }
        h.villageCode = household.villageCode();
        h.status = household.status();
        h.version = household.version();
        h.updatedAt = time;
        h.persist();
    }

    /**
     * What is known of a village, with its household counts and the units and provincial leaders linking it now
     * (issue 3 point 3); empty if no event named it.
     */
    @Transactional
    public Optional<VillageView> village(String code) {
        KnownVillage v = KnownVillage.findById(code);
        if (v == null) {
            return Optional.empty();
        }
        Object[] counts = (Object[]) em.createQuery("select count(h), "
                + "coalesce(sum(case when h.status in ('IN_POVERTY', 'RELAPSED') then 1 else 0 end), 0) "
                + "from KnownHousehold h where h.villageCode = :code")
                .setParameter("code", code).getSingleResult();
        List<VillageView.LinkingUnit> units = em.createQuery("select new " + VillageView.LinkingUnit.class.getName()
                + "(u.id, u.name, u.level, l.linkedOn) from VillageLink l, Unit u "
                + "where u.id = l.unitId and l.villageCode = :code and l.endedOn is null "
                + "order by l.linkedOn, l.createdAt, l.id", VillageView.LinkingUnit.class)
                .setParameter("code", code).getResultList();
        List<VillageView.LinkingLeader> leaders = em.createQuery("select new "
                + VillageView.LinkingLeader.class.getName() + "(c.id, c.name, l.linkedOn) from LeaderLink l, Cadre c "
                + "where c.id = l.cadreId and l.villageCode = :code and l.endedOn is null "
                + "order by l.linkedOn, l.createdAt, l.id", VillageView.LinkingLeader.class)
                .setParameter("code", code).getResultList();
        return Optional.of(new VillageView(v.code, v.name, v.townshipCode, v.countyCode, v.poor,
                ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue(), v.updatedAt, units, leaders));
    }

    /**
     * Counts of what pairing knows under a region.
     *
     * @param under               12-digit code of the region
     * @param poorCounties        known poor counties (贫困县) under it
     * @param villages            known villages under it
     * @param poorVillages        of those, designated poor villages (贫困村)
     * @param households          known households under it
     * @param householdsInPoverty of those, IN_POVERTY or RELAPSED
     */
    public record Counts(String under, long poorCounties, long villages, long poorVillages, long households,
            long householdsInPoverty) {
    }

    /** Counts under a 12-digit region code (its significant prefix). */
    @Transactional
    public Counts counts(String under) {
        String prefix = cn.gansu.lianhu.events.contract.RegionCodes.prefixOf(under) + "%";
        long poorCounties = KnownCounty.count("poor = true and code like ?1", prefix);
        Object[] v = (Object[]) em.createQuery("select count(v), coalesce(sum(case when v.poor then 1 else 0 end), 0) "
                + "from KnownVillage v where v.code like :p").setParameter("p", prefix).getSingleResult();
        Object[] h = (Object[]) em.createQuery("select count(h), "
                + "coalesce(sum(case when h.status in ('IN_POVERTY', 'RELAPSED') then 1 else 0 end), 0) "
                + "from KnownHousehold h where h.villageCode like :p").setParameter("p", prefix).getSingleResult();
        return new Counts(under, poorCounties, ((Number) v[0]).longValue(), ((Number) v[1]).longValue(),
                ((Number) h[0]).longValue(), ((Number) h[1]).longValue());
    }
}
