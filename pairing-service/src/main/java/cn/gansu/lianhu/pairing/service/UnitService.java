package cn.gansu.lianhu.pairing.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.api.security.Role;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.RegionCodes;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.pairing.config.PairingConfig;
import cn.gansu.lianhu.pairing.domain.Cadre;
import cn.gansu.lianhu.pairing.domain.CadreStatus;
import cn.gansu.lianhu.pairing.domain.CreditCodes;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.domain.VillageLink;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import cn.gansu.lianhu.pairing.rest.UnitRequest;
import cn.gansu.lianhu.pairing.rest.UnitView;
import cn.gansu.lianhu.pairing.rest.VillageBandView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * Units (单位) and their village obligation (DESIGN.md §1 "Who takes part", "How they are linked"; issue 3
 * points 1 and 3). Every change bumps the unit's version and writes {@code pairing.unit.*} to the outbox in
 * the same transaction.
 *
 * <p>Rules, with the problem each broken one gives:
 * <ul>
 * <li>level, kind: English name or Chinese term, else 400 {@code enum.value};</li>
 * <li>regionCode: 2/4/6/9/12 digits, else 400 {@code region-code.format}; a Gansu code (62…), else 422
 * {@code unit.region-outside-gansu}; of the unit's level (PROVINCE 62, PREFECTURE 4 digits, COUNTY 6,
 * TOWNSHIP 9), else 422 {@code unit.region-level-mismatch};</li>
 * <li>creditCode (optional): GB 32100 form, else 400 {@code credit-code.format}; check character, else 400
 * {@code credit-code.check-character}; unique, else 409 {@code unit.duplicate-credit-code};</li>
 * <li>name: unique within the region, else 409 {@code unit.duplicate-name};</li>
 * <li>update: stale version 409 {@code version.stale}; unknown id 404.</li>
 * </ul>
 */
@ApplicationScoped
public class UnitService {

    @Inject
    EntityManager em;

    @Inject
    PairingEvents events;

    @Inject
    LinkingRules rules;

    @Inject
    Clock clock;

    @Inject
    Access access;

    @Inject
    Audit audit;

    /** A checked unit request. */
    record Fields(String name, UnitLevel level, UnitKind kind, String regionCode, String creditCode) {
    }

    /** Registers a unit (version 1, event UNIT_REGISTERED). */
    @Transactional
    public UnitView register(UnitRequest r) {
        Fields f = check(r);
        inScope(f);
        unique(f, null);
        Unit u = new Unit();
        u.id = UUID.randomUUID();
        apply(u, f);
        u.version = 1;
        u.createdAt = OffsetDateTime.now(clock);
        u.updatedAt = u.createdAt;
        u.persist();
        flush(f);
        events.unit(EventTypes.UNIT_REGISTERED, u);
        UnitView after = view(u);
        audit.record("unit", u.id, "CREATED", null, after);
        return after;
    }

    /**
     * 422 {@code unit.region-outside-scope} when a REGION_ADMIN names a region outside its prefix (regions are
     * public reference data, so saying so hides nothing).
     */
    private void inScope(Fields f) {
        Access.Scope s = access.scope();
        if (s.is(Role.REGION_ADMIN) && !s.underRegion(f.regionCode())) {
            throw ApiException.unprocessable("regionCode", "unit.region-outside-scope", "regionCode "
                    + f.regionCode() + " is outside region " + s.region() + " of this caller");
        }
    }

    /**
     * Replaces a unit's details (event UNIT_UPDATED, version + 1); a request that changes nothing changes
     * nothing and writes no event. A UNIT_ADMIN may not change its unit's region or level (403
     * {@code role.not-allowed}).
     */
    @Transactional
    public UnitView update(UUID id, UnitRequest r, Long ifMatch) {
        Unit u = em.find(Unit.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (u == null || !access.scope().managesUnit(u)) {
            throw ApiException.notFound("unit", id.toString());
        }
        Inputs.checkVersion("unit", id, u.version, ifMatch, r.version());
        Fields f = check(r);
        if (f.equals(new Fields(u.name, u.level, u.kind, u.regionCode, u.creditCode))) {
            return view(u);
        }
        inScope(f);
        if (access.scope().is(Role.UNIT_ADMIN) && (!f.regionCode().equals(u.regionCode) || f.level() != u.level)) {
            // a unit admin keeps its unit where the province put it: moving it would take it out of one region
            // admin's sight and into another's
            throw Caller.forbidden(!f.regionCode().equals(u.regionCode) ? "regionCode" : "level", "role.not-allowed",
                    "a unit admin may not change its unit's region or level");
        }
        UnitView before = view(u);
        unique(f, id);
        apply(u, f);
        u.version++;
        u.updatedAt = OffsetDateTime.now(clock);
        flush(f);
        events.unit(EventTypes.UNIT_UPDATED, u);
        UnitView after = view(u);
        audit.record("unit", u.id, "UPDATED", before, after);
        return after;
    }

    /**
     * Called whenever the number of a unit's ACTIVE cadres may have changed (a cadre registered, moved to
     * another unit, or left — the hand-over operation calls it too): bumps the unit's version and publishes
     * UNIT_UPDATED with the new cadre count and required villages. Locks the unit row, so concurrent cadre
     * changes of one unit give consecutive versions. Joins the caller's transaction (flushing its pending
     * writes first).
     *
     * @throws ApiException 404 if the unit does not exist
     */
    @Transactional
    public void cadresChanged(UUID unitId) {
        em.flush();
        Unit u = em.find(Unit.class, unitId);
        if (u == null) {
            throw ApiException.notFound("unit", unitId.toString());
        }
        // the unit may have been read earlier in this transaction: reload it under the row lock, so the version
        // bumped here follows the one a concurrent transaction committed
        em.refresh(u, LockModeType.PESSIMISTIC_WRITE);
        u.version++;
        u.updatedAt = OffsetDateTime.now(clock);
        em.flush();
        events.unit(EventTypes.UNIT_UPDATED, u);
    }

    /** One unit with its figures; 404 when unknown. */
    @Transactional
    public UnitView get(UUID id) {
        Unit u = Unit.findById(id);
        if (u == null || !access.scope().seesUnit(u)) {
            throw ApiException.notFound("unit", id.toString());
        }
        return view(u);
    }

    /** The unit entity; 404 when unknown. */
    @Transactional
    public Unit require(UUID id) {
        Unit u = Unit.findById(id);
        if (u == null) {
            throw ApiException.notFound("unit", id.toString());
        }
        return u;
    }

    /** The view of a unit: counts its ACTIVE cadres and active village links. */
    @Transactional
    public UnitView view(Unit u) {
        long active = Cadre.count("unitId = ?1 and status = ?2", u.id, CadreStatus.ACTIVE);
        long linked = VillageLink.count("unitId = ?1 and endedOn is null", u.id);
        return UnitView.of(u, active, rules.requiredVillages(active), linked);
    }

    /**
     * A page of units, sorted by region code, name and id.
     *
     * @param regionPrefix   significant digits of a region code (units whose region starts with it), or null
     * @param level          or null
     * @param kind           or null
     * @param q              part of the name, or null
     * @param belowRequired  true: only units linking fewer villages than required; false: only the others; null: all
     */
    @Transactional
    public Page<UnitView> list(String regionPrefix, UnitLevel level, UnitKind kind, String q, Boolean belowRequired,
            int page, int size) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        Access.Scope scope = access.scope();
        if (!scope.readsAll()) {
            if (scope.is(Role.REGION_ADMIN)) {
                where.append(" and u.region_code like :scopeRegion");
                params.put("scopeRegion", scope.region() + "%");
            } else {
                where.append(" and u.id = :scopeUnit");
                params.put("scopeUnit", scope.unit() == null ? new UUID(0, 0) : scope.unit());
            }
        }
        if (regionPrefix != null) {
            where.append(" and u.region_code like :region");
            params.put("region", regionPrefix + "%");
        }
        if (level != null) {
            where.append(" and u.level = :level");
            params.put("level", level.name());
        }
        if (kind != null) {
            where.append(" and u.kind = :kind");
            params.put("kind", kind.name());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and lower(u.name) like :q escape '\\'");
            params.put("q", Inputs.containsPattern(q));
        }
        String figures = "select u.id, u.region_code, u.name, "
                + "(select count(*) from cadre c where c.unit_id = u.id and c.status = 'ACTIVE') as active_cadres, "
                + "(select count(*) from village_link l where l.unit_id = u.id and l.ended_on is null) as linked "
                + "from unit u" + where;
        String outer = "";
        if (belowRequired != null) {
            outer = " where " + requiredSql("x.active_cadres") + (belowRequired ? " > " : " <= ") + "x.linked";
        }
        Query count = em.createNativeQuery("select count(*) from (" + figures + ") x" + outer);
        Query rows = em.createNativeQuery("select x.id from (" + figures + ") x" + outer
                + " order by x.region_code, x.name, x.id limit :limit offset :offset");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        rows.setParameter("limit", size);
        rows.setParameter("offset", (long) page * size);
        long total = ((Number) count.getSingleResult()).longValue();
        List<UUID> ids = new ArrayList<>();
        for (Object id : rows.getResultList()) {
            ids.add(id instanceof UUID u ? u : UUID.fromString(id.toString()));
        }
        return new Page<>(views(ids), page, size, total);
    }

    /** Views of the given units in the given order, with their figures counted in two queries. */
    private List<UnitView> views(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Unit> units = Unit.<Unit> list("id in ?1", ids).stream()
                .collect(Collectors.toMap(u -> u.id, Function.identity()));
        Map<UUID, Long> active = counts("select c.unitId, count(c) from Cadre c where c.unitId in :ids "
                + "and c.status = cn.gansu.lianhu.pairing.domain.CadreStatus.ACTIVE group by c.unitId", ids);
        Map<UUID, Long> linked = counts("select l.unitId, count(l) from VillageLink l where l.unitId in :ids "
                + "and l.endedOn is null group by l.unitId", ids);
        List<UnitView> out = new ArrayList<>();
        for (UUID id : ids) {
            long a = active.getOrDefault(id, 0L);
            out.add(UnitView.of(units.get(id), a, rules.requiredVillages(a), linked.getOrDefault(id, 0L)));
        }
        return out;
    }

    private Map<UUID, Long> counts(String hql, List<UUID> ids) {
        Map<UUID, Long> out = new HashMap<>();
        for (Object[] row : em.createQuery(hql, Object[].class).setParameter("ids", ids).getResultList()) {
            out.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return out;
    }

    /**
     * SQL for the required villages of an ACTIVE cadre count, from the band table ({@link LinkingRules}): the
     * band with the highest min-cadres not above the count, 0 below the first. The table holds integers from
     * configuration only.
     */
    private String requiredSql(String countColumn) {
        List<PairingConfig.VillageBand> bands = rules.villageBands();
        if (bands.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder("case");
        for (int i = bands.size() - 1; i >= 0; i--) {
            PairingConfig.VillageBand b = bands.get(i);
            sb.append(" when ").append(countColumn).append(" >= ").append(b.minCadres()).append(" then ")
                    .append(b.villages());
        }
        return sb.append(" else 0 end").toString();
    }

    /** The configured band table, lowest band first, with each band's upper bound. */
    public List<VillageBandView> villageBands() {
        List<PairingConfig.VillageBand> bands = rules.villageBands();
        List<VillageBandView> out = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            Integer max = i + 1 < bands.size() ? bands.get(i + 1).minCadres() - 1 : null;
            out.add(new VillageBandView(bands.get(i).minCadres(), max, bands.get(i).villages()));
        }
        return out;
    }

    /** Parses and checks a request; throws the first broken rule. */
    Fields check(UnitRequest r) {
        UnitLevel level = Inputs.enumValue(UnitLevel.class, "level", r.level());
        UnitKind kind = Inputs.enumValue(UnitKind.class, "kind", r.kind());
        String code = r.regionCode().trim();
        String full = RegionCodes.toFullCode(code);
        if (full == null) {
            throw ApiException.invalid("regionCode", "region-code.format",
                    "regionCode is a division code of 2, 4, 6, 9 or 12 digits, not '" + code + "'");
        }
        String creditCode = CreditCodes.normalise(r.creditCode());
        if (creditCode != null) {
            CreditCodes.validate(creditCode).ifPresent(v -> {
                throw ApiException.invalid("creditCode", v.rule(), "creditCode " + v.message());
            });
        }
        if (!full.startsWith("62")) {
            throw ApiException.unprocessable("regionCode", "unit.region-outside-gansu",
                    "regionCode " + code + " is not in Gansu: units sit in a region whose code starts with 62");
        }
        RegionLevel regionLevel = RegionCodes.levelOf(full);
        if (regionLevel.digits != level.regionDigits()) {
            throw ApiException.unprocessable("regionCode", "unit.region-level-mismatch",
                    "a " + level + " unit sits in a region of " + level.regionDigits() + " significant digits (" + example(level)
                            + "), but " + code + " is a " + regionLevel + " code");
        }
        return new Fields(r.name().trim(), level, kind, full, creditCode);
    }

    private static String example(UnitLevel level) {
        return switch (level) {
            case PROVINCE -> "62";
            case PREFECTURE -> "e.g. 6230";
            case COUNTY -> "e.g. 623021";
            case TOWNSHIP -> "e.g. 623021100";
        };
    }

    /** 409 if another unit has the credit code, or the name in the same region. */
    private void unique(Fields f, UUID self) {
        if (f.creditCode() != null) {
            Unit other = Unit.<Unit> find("creditCode", f.creditCode()).firstResult();
            if (other != null && !other.id.equals(self)) {
                // the other unit is named only to a caller who may see it (issue 6: out of scope is unknown)
                throw ApiException.conflict("creditCode", "unit.duplicate-credit-code", "credit code "
                        + f.creditCode() + " is already registered for " + (access.scope().seesUnit(other)
                                ? "unit " + other.id + " (" + other.name + ")"
                                : "another unit"));
            }
        }
        Unit same = Unit.<Unit> find("regionCode = ?1 and name = ?2", f.regionCode(), f.name()).firstResult();
        if (same != null && !Objects.equals(same.id, self)) {
            throw ApiException.conflict("name", "unit.duplicate-name", "a unit named " + f.name()
                    + " is already registered in region " + f.regionCode() + ": " + same.id);
        }
    }

    /** Flushes; a concurrent duplicate caught by a unique index is the same 409 as the check gives. */
    private void flush(Fields f) {
        Flushes.flush(em, Map.of(
                "unit_credit_code_key", () -> ApiException.conflict("creditCode", "unit.duplicate-credit-code",
                        "credit code " + f.creditCode() + " is already registered"),
                "unit_name_region", () -> ApiException.conflict("name", "unit.duplicate-name",
                        "a unit named " + f.name() + " is already registered in region " + f.regionCode())));
    }

    private static void apply(Unit u, Fields f) {
        u.name = f.name();
        u.level = f.level();
        u.kind = f.kind();
        u.regionCode = f.regionCode();
        u.creditCode = f.creditCode();
    }
}
