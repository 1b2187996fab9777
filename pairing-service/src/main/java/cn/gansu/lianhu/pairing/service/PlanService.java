package cn.gansu.lianhu.pairing.service;

import cn.gansu.lianhu.events.correlation.CorrelationId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.Problem;
import cn.gansu.lianhu.api.ProblemTypes;
import cn.gansu.lianhu.events.contract.CloudEvent;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.pairing.domain.PairingStatus;
import cn.gansu.lianhu.pairing.domain.Pairing;
import cn.gansu.lianhu.pairing.domain.PlanScope;
import cn.gansu.lianhu.pairing.domain.PlanStatus;
import cn.gansu.lianhu.pairing.domain.Unit;
import cn.gansu.lianhu.pairing.domain.UnitKind;
import cn.gansu.lianhu.pairing.domain.UnitLevel;
import cn.gansu.lianhu.pairing.events.PairingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The pairing planner's life cycle (issue 3 point 7): make a plan for a unit, a county or the province
 * ({@link PlanLoader} reads, {@link Planner} decides, the plan and its proposals are stored with COPY), show
 * it, discard it, or confirm it — which creates every proposed pairing ACTIVE and confirms every unit in scope
 * (一次确定联系对象, DESIGN.md §1), all in one transaction with their events (DESIGN.md §3).
 *
 * <p>Everything runs on plain JDBC connections of the datasource (no JPA), because the province is
 * 400,000 rows of each kind: loading is streamed, proposals and events are written with {@code COPY}.
 * Plans are made one at a time (a fair lock), so that two province plans never hold their arrays in the
 * 250 MB heap together.
 */
@ApplicationScoped
public class PlanService {
    private static final Logger LOG = Logger.getLogger(PlanService.class);
    /** Shortfalls shown in a plan view (all are stored). */
    public static final int SHORTFALLS_SHOWN = 200;
    /** Units shown in a plan view (all are listed by {@code GET /api/v1/plans/{id}/units}). */
    public static final int UNITS_SHOWN = 100;
    /** Proposals confirmed per round trip. */
    private static final int CONFIRM_CHUNK = 20_000;

    @Inject
    DataSource dataSource;

    @Inject
    LinkingRules rules;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    Outbox outbox;

    @Inject
    PairingEvents events;

    @Inject
    Access access;

    @Inject
    JdbcAudit audit;

    private final ReentrantLock planning = new ReentrantLock(true);

    /**
     * Makes and stores a plan.
     *
     * @param scope      UNIT, COUNTY or PROVINCE
     * @param unitId     the unit (UNIT)
     * @param countyCode 12-digit county code (COUNTY)
     * @throws ApiException 404 if the unit or county is unknown
     */
    public PlanView create(PlanScope scope, UUID unitId, String countyCode) {
        Access.Scope who = access.scope();
        if (scope == PlanScope.PROVINCE && !who.province()) {
            throw cn.gansu.lianhu.api.security.Caller.forbidden("scope", "role.not-allowed",
                    "role " + who.role() + " may not plan the whole province");
        }
        if (scope == PlanScope.COUNTY && !who.province() && who.role() != cn.gansu.lianhu.api.security.Role.REGION_ADMIN) {
            throw cn.gansu.lianhu.api.security.Caller.forbidden("scope", "role.not-allowed",
                    "role " + who.role() + " may not plan a county");
        }
        planning.lock();
        try {
            long t0 = System.nanoTime();
            PlanLoader.Data data;
            String scopeName;
            String countyName = null;
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try {
                    scopeName = checkScope(c, scope, unitId, countyCode);
                    if (!mayUse(c, who, scope.name(), scope == PlanScope.UNIT ? unitId.toString() : countyCode)) {
                        throw scope == PlanScope.UNIT ? ApiException.notFound("unit", unitId.toString())
                                : ApiException.notFound("county", countyCode);
                    }
                    if (scope == PlanScope.COUNTY) {
                        countyName = scopeName;
                    }
                    data = PlanLoader.load(c, scope, unitId, countyCode, rules);
                } finally {
                    c.rollback();
                    c.setReadOnly(false);
                }
            }
            long t1 = System.nanoTime();
            Phases algorithm = new Phases();
            Planner.Result result = Planner.plan(data.input);
            algorithm.end("plan");
            long t2 = System.nanoTime();
            UUID id = UUID.randomUUID();
            OffsetDateTime now = OffsetDateTime.now(clock);
            PlanView.Scope scopeView = new PlanView.Scope(scope.name(), unitId,
                    scope == PlanScope.UNIT ? scopeName : null, countyCode, countyName);
            List<PlanView.Shortfall> shortfalls = describe(data, result);
            List<PlanView.UnitSummary> units = unitSummaries(data, result);
            PlanView.Figures figures = figures(data, result, units.size());
            long loadMs = (t1 - t0) / 1_000_000;
            long planMs = (t2 - t1) / 1_000_000;
            store(id, data, result, scopeView, figures, shortfalls, units, now, loadMs, planMs, t2, who);
            LOG.infof("plan %s (%s %s): %d households, %d cadres, %d proposals, feasible %s; load %d ms (%s), %s, "
                    + "total %d ms", id, scope, scope == PlanScope.UNIT ? unitId : scope == PlanScope.COUNTY
                            ? countyCode : "62", figures.householdsInScope(), figures.cadres(), result.size,
                    result.feasible(), loadMs, data.phases, algorithm, (System.nanoTime() - t0) / 1_000_000);
            return get(id);
        } catch (SQLException e) {
            throw new IllegalStateException("planning failed: " + e.getMessage(), e);
        } finally {
            planning.unlock();
        }
    }

    /** 404 unless the unit or county is known; returns its name (null for the province or an unnamed county). */
    private String checkScope(Connection c, PlanScope scope, UUID unitId, String county) throws SQLException {
        switch (scope) {
            case UNIT -> {
                try (PreparedStatement ps = c.prepareStatement("select name from unit where id = ?")) {
                    ps.setObject(1, unitId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw ApiException.notFound("unit", unitId.toString());
                        }
                        return rs.getString(1);
                    }
                }
            }
            case COUNTY -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        select (select name from known_county where code = ?),
                               exists (select 1 from known_village where county_code = ?)""")) {
                    ps.setString(1, county);
                    ps.setString(2, county);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getString(1) == null && !rs.getBoolean(2)) {
                            throw ApiException.notFound("county", county);
                        }
                        return rs.getString(1);
                    }
                }
            }
            default -> {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // figures and messages
    // ------------------------------------------------------------------------------------------------------

    private PlanView.Figures figures(PlanLoader.Data d, Planner.Result r, int units) {
        Planner.Input in = d.input;
        boolean[] villageMust = new boolean[d.villageCodes.length];
        for (int h = 0; h < in.households(); h++) {
            if (in.mustCover(h)) {
                villageMust[in.householdVillage(h)] = true;
            }
        }
        int villages = 0;
        for (boolean b : villageMust) {
            if (b) {
                villages++;
            }
        }
        int leaders = 0;
        for (int c = 0; c < in.cadres(); c++) {
            if (in.leader(c)) {
                leaders++;
            }
        }
        int primary = 0;
        for (int i = 0; i < r.size; i++) {
            if (r.primary[i]) {
                primary++;
            }
        }
        return new PlanView.Figures(r.householdsInScope, r.householdsAlreadyCovered, r.householdsCoveredAfter,
                villages, units, in.cadres(), leaders, r.cadresBelowMinimum, r.cadresBelowMinimumAfter,
                d.existingPairings, r.size, primary, rules.maxCadresPerHousehold());
    }

    private List<PlanView.UnitSummary> unitSummaries(PlanLoader.Data d, Planner.Result r) {
        Planner.Input in = d.input;
        int units = d.unitIds.length;
        int[] perVillage = new int[d.villageCodes.length];
        for (int h = 0; h < in.households(); h++) {
            perVillage[in.householdVillage(h)]++;
        }
        int[] cadres = new int[units];
        int[] below = new int[units];
        int[] belowAfter = new int[units];
        int[] existing = new int[units];
        int[] proposed = new int[units];
        for (int c = 0; c < in.cadres(); c++) {
            int u = in.cadreUnit(c);
            cadres[u]++;
            existing[u] += in.existing(c);
            proposed[u] += r.cadreProposed[c];
            if (in.need(c) > 0) {
                below[u]++;
            }
            if (in.need(c) > r.cadreProposed[c]) {
                belowAfter[u]++;
            }
        }
        List<PlanView.UnitSummary> list = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            if (!d.unitInScope[u]) {
                continue;
            }
            int households = 0;
            for (int v : in.unitVillages(u)) {
                households += perVillage[v];
            }
            list.add(new PlanView.UnitSummary(d.unitIds[u], d.unitNames[u], d.unitConfirmed[u],
                    d.unitVillageCount[u], households, cadres[u], below[u], belowAfter[u], existing[u], proposed[u]));
        }
        return list;
    }

    /** Turns the planner's shortfalls into messages naming units, leaders and villages. */
    private List<PlanView.Shortfall> describe(PlanLoader.Data d, Planner.Result r) throws SQLException {
        if (r.shortfalls.isEmpty()) {
            return List.of();
        }
        List<UUID> leaderIds = new ArrayList<>();
        List<String> villageCodes = new ArrayList<>();
        for (Planner.Shortfall s : r.shortfalls) {
            for (int l : s.leaders()) {
                leaderIds.add(d.cadreId(l));
            }
            if (s.village() >= 0) {
                villageCodes.add(d.villageCodes[s.village()]);
            }
        }
        Map<UUID, String> leaderNames = new HashMap<>();
        Map<String, String> villageNames = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            if (!leaderIds.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("select id, name from cadre where id = any(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", leaderIds.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            leaderNames.put(rs.getObject(1, UUID.class), rs.getString(2));
                        }
                    }
                }
            }
            if (!villageCodes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        select v.code, v.name, k.name from known_village v
                        left join known_county k on k.code = v.county_code where v.code = any(?)""")) {
                    ps.setArray(1, c.createArrayOf("varchar", villageCodes.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            villageNames.put(rs.getString(1),
                                    rs.getString(2) + (rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")"));
                        }
                    }
                }
            }
        }
        List<PlanView.Shortfall> out = new ArrayList<>();
        for (Planner.Shortfall s : r.shortfalls) {
            out.add(describe(d, s, leaderNames, villageNames));
        }
        return out;
    }

    private PlanView.Shortfall describe(PlanLoader.Data d, Planner.Shortfall s, Map<UUID, String> leaderNames,
            Map<String, String> villageNames) {
        Map<String, Integer> f = new LinkedHashMap<>(s.figures());
        int max = rules.maxCadresPerHousehold();
        switch (s.rule()) {
            case Planner.RULE_VILLAGE_UNCOVERED -> {
                String code = d.villageCodes[s.village()];
                String name = villageNames.get(code);
                int n = f.get("households");
                String why;
                if (s.units().length == 0) {
                    why = "no unit links it";
                } else if (s.units().length == 1) {
                    why = "the unit linking it (" + d.unitNames[s.units()[0]] + ") has no active cadre";
                } else {
                    why = "the units linking it (" + names(d, s.units(), new int[0], leaderNames)
                            + ") have no active cadre";
                }
                return new PlanView.Shortfall(s.rule(), new PlanView.Where("VILLAGE", code, name), f,
                        "village " + code + (name == null ? "" : " " + name) + ": " + n + " "
                                + plural(n, "household", "households") + " without a cadre, " + why);
            }
            case Planner.RULE_UNIT_NO_VILLAGE -> {
                int u = s.units()[0];
                int cadres = f.get("cadres");
                return new PlanView.Shortfall(s.rule(), unitWhere(d, u), f, "unit " + d.unitNames[u]
                        + " links no village: its " + cadres + " " + plural(cadres, "cadre", "cadres")
                        + " need at least " + f.get("pairingsNeeded") + " more pairings");
            }
            case Planner.RULE_LEADER_NO_VILLAGE -> {
                UUID id = d.cadreId(s.leaders()[0]);
                String name = leaderNames.get(id);
                return new PlanView.Shortfall(s.rule(), new PlanView.Where("LEADER", id.toString(), name), f,
                        "provincial leader " + name + " links no village: needs at least " + f.get("pairingsNeeded")
                                + " more pairings");
            }
            case Planner.RULE_HOUSEHOLD_MAXIMUM -> {
                int villages = f.get("villages");
                int households = f.get("households");
                int cadres = f.get("cadres");
                String tail = (cadres == 1 ? "needs" : "need") + " at least " + f.get("pairingsNeeded")
                        + " more pairings; with at most " + max + " cadres per household (the per-household maximum) "
                        + "and each cadre paired once with a household, only " + f.get("pairingsAllowed")
                        + " are possible: " + f.get("short") + " short";
                String hh = households + " " + plural(households, "household", "households");
                String vv = villages + " " + plural(villages, "village", "villages");
                if (s.units().length == 1 && s.leaders().length == 0) {
                    int u = s.units()[0];
                    return new PlanView.Shortfall(s.rule(), unitWhere(d, u), f, "unit " + d.unitNames[u] + ": " + hh
                            + " in its " + vv + ", its " + cadres + " " + plural(cadres, "cadre", "cadres") + " " + tail);
                }
                if (s.units().length == 0 && s.leaders().length == 1) {
                    UUID id = d.cadreId(s.leaders()[0]);
                    String name = leaderNames.get(id);
                    return new PlanView.Shortfall(s.rule(), new PlanView.Where("LEADER", id.toString(), name), f,
                            "provincial leader " + name + ": " + hh + " in own " + vv + ", needs"
                                    + tail.substring(tail.indexOf(" at least")));
                }
                String who = names(d, s.units(), s.leaders(), leaderNames);
                return new PlanView.Shortfall(s.rule(), new PlanView.Where("UNITS", ids(d, s), who), f,
                        who + ": " + hh + " in their " + vv + ", their " + cadres + " "
                                + plural(cadres, "cadre", "cadres") + " " + tail);
            }
            default -> { // RULE_NO_HOUSEHOLD_LEFT
                int cadres = f.get("cadres");
                int shortBy = f.get("short");
                String gap = " (" + shortBy + " " + plural(shortBy, "pairing", "pairings") + " short)";
                if (s.leaders().length == 1) {
                    UUID id = d.cadreId(s.leaders()[0]);
                    String name = leaderNames.get(id);
                    return new PlanView.Shortfall(s.rule(), new PlanView.Where("LEADER", id.toString(), name), f,
                            "provincial leader " + name + " has no household left" + gap
                                    + ": every household of own villages not yet paired with the leader has " + max
                                    + " cadres");
                }
                int u = s.units()[0];
                return new PlanView.Shortfall(s.rule(), unitWhere(d, u), f, "unit " + d.unitNames[u] + ": " + cadres
                        + " " + plural(cadres, "cadre has", "cadres have") + " no household left" + gap
                        + ": every household of its villages not yet paired with " + plural(cadres, "it", "them")
                        + " has " + max + " cadres");
            }
        }
    }

    private static PlanView.Where unitWhere(PlanLoader.Data d, int u) {
        return new PlanView.Where("UNIT", d.unitIds[u].toString(), d.unitNames[u]);
    }

    private static String ids(PlanLoader.Data d, Planner.Shortfall s) {
        List<String> ids = new ArrayList<>();
        for (int u : s.units()) {
            ids.add(d.unitIds[u].toString());
        }
        for (int l : s.leaders()) {
            ids.add(d.cadreId(l).toString());
        }
        return String.join(",", ids);
    }

    /** "units A, B and provincial leader C" (first five names, then "and n more"). */
    private static String names(PlanLoader.Data d, int[] units, int[] leaders, Map<UUID, String> leaderNames) {
        List<String> names = new ArrayList<>();
        for (int u : units) {
            names.add(d.unitNames[u]);
        }
        int shownUnits = Math.min(units.length, 5);
        String text = units.length == 0 ? "" : (units.length == 1 ? "unit " : "units ")
                + String.join(", ", names.subList(0, shownUnits))
                + (units.length > shownUnits ? " and " + (units.length - shownUnits) + " more" : "");
        if (leaders.length > 0) {
            List<String> ln = new ArrayList<>();
            for (int l : leaders) {
                ln.add(leaderNames.get(d.cadreId(l)));
            }
            int shown = Math.min(ln.size(), 5);
            String lt = (leaders.length == 1 ? "provincial leader " : "provincial leaders ")
                    + String.join(", ", ln.subList(0, shown))
                    + (leaders.length > shown ? " and " + (leaders.length - shown) + " more" : "");
            text = text.isEmpty() ? lt : text + " and " + lt;
        }
        return text;
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }

    // ------------------------------------------------------------------------------------------------------
    // storing and reading
    // ------------------------------------------------------------------------------------------------------

    private void store(UUID id, PlanLoader.Data d, Planner.Result r, PlanView.Scope scope, PlanView.Figures figures,
            List<PlanView.Shortfall> shortfalls, List<PlanView.UnitSummary> units, OffsetDateTime now, long loadMs,
            long planMs, long storeStart, Access.Scope who) throws SQLException {
        Phases phases = new Phases();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into pairing_plan (id, scope_kind, scope_id, status, feasible, proposal_count, summary,
                            basis, created_at) values (?, ?, ?, 'DRAFT', ?, ?, ?::jsonb, ?, ?)""")) {
                    ps.setObject(1, id);
                    ps.setString(2, d.scope.name());
                    ps.setString(3, d.scope == PlanScope.UNIT ? d.scopeUnit.toString()
                            : d.scope == PlanScope.COUNTY ? d.scopeCounty : "62");
                    ps.setBoolean(4, r.feasible());
                    ps.setInt(5, r.size);
                    ps.setString(6, json(new PlanView.Summary(scope, figures, shortfalls, null, null)));
                    ps.setLong(7, d.basis);
                    ps.setObject(8, now);
                    ps.executeUpdate();
                }
                Planner.Input in = d.input;
                try (BinaryCopyWriter w = new BinaryCopyWriter(c, "copy pairing_plan_item (plan_id, seq, cadre_id, "
                        + "unit_id, household_id, village_code, is_primary) from stdin (format binary)")) {
                    long planMsb = id.getMostSignificantBits();
                    long planLsb = id.getLeastSignificantBits();
                    for (int i = 0; i < r.size; i++) {
                        int cadre = r.cadre[i];
                        int household = r.household[i];
                        UUID unit = d.unitIds[in.cadreUnit(cadre)];
                        w.row(7).uuid(planMsb, planLsb).int4(i).uuid(d.cadreMsb[cadre], d.cadreLsb[cadre])
                                .uuid(unit.getMostSignificantBits(), unit.getLeastSignificantBits())
                                .uuid(d.householdMsb[household], d.householdLsb[household])
                                .text(d.villageCodes[in.householdVillage(household)]).bool(r.primary[i]);
                    }
                    w.finish();
                }
                phases.end("items");
                try (CopyWriter w = new CopyWriter(c, "copy pairing_plan_unit (plan_id, unit_id, unit_name, "
                        + "already_confirmed, villages, households, cadres, cadres_below_minimum, "
                        + "cadres_below_minimum_after, existing_pairings, proposed_pairings) from stdin (format csv)")) {
                    for (PlanView.UnitSummary u : units) {
                        w.row(id, u.unitId(), u.name(), u.alreadyConfirmed(), u.villages(), u.households(), u.cadres(),
                                u.cadresBelowMinimum(), u.cadresBelowMinimumAfter(), u.existingPairings(),
                                u.proposedPairings());
                    }
                    w.finish();
                }
                long storeMs = (System.nanoTime() - storeStart) / 1_000_000;
                try (PreparedStatement ps = c.prepareStatement(
                        "update pairing_plan set summary = jsonb_set(summary, '{timings}', ?::jsonb) where id = ?")) {
                    ps.setString(1, json(new PlanView.Timings(loadMs, planMs, storeMs)));
                    ps.setObject(2, id);
                    ps.executeUpdate();
                }
                audit.record(c, who, "plan", id, "CREATED", null,
                        new AuditView(id, scope, "DRAFT", r.feasible(), r.size, null));
                c.commit();
                phases.end("units and commit");
                if (r.size >= 10_000) {
                    LOG.infof("plan %s stored: %s", id, phases);
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the caller may make (and so read, confirm, discard) a plan of this scope (issue 6): PROVINCE_ADMIN
     * and the read-only roles any; REGION_ADMIN a UNIT plan of a unit in its region or a COUNTY plan of a county
     * in it; UNIT_ADMIN a UNIT plan of its unit; nobody else.
     *
     * @param kind    UNIT, COUNTY or PROVINCE
     * @param scopeId the unit id, the 12-digit county code, or 62
     */
    private static boolean mayUse(Connection c, Access.Scope who, String kind, String scopeId) throws SQLException {
        if (who.readsAll()) {
            return true;
        }
        return switch (who.role()) {
            case REGION_ADMIN -> switch (kind) {
                case "COUNTY" -> who.underRegion(scopeId);
                case "UNIT" -> {
                    try (PreparedStatement ps = c.prepareStatement("select region_code from unit where id = ?")) {
                        ps.setObject(1, UUID.fromString(scopeId));
                        try (ResultSet rs = ps.executeQuery()) {
                            yield rs.next() && who.underRegion(rs.getString(1));
                        }
                    }
                }
                default -> false;
            };
            case UNIT_ADMIN -> "UNIT".equals(kind) && who.unit() != null && who.unit().toString().equals(scopeId);
            default -> false;
        };
    }

    /**
     * A plan as the audit trail keeps it: id, scope, status, feasible, proposals, and who confirmed it.
     */
    public record AuditView(UUID id, PlanView.Scope scope, String status, boolean feasible, int proposals,
            String decidedBy) {
    }

    private AuditView auditView(Row row, String status, String decidedBy) {
        return new AuditView(row.id(), row.summary().scope(), status, row.feasible(), row.proposals(), decidedBy);
    }

    /** One stored plan row. */
    private record Row(UUID id, PlanStatus status, boolean feasible, int proposals, PlanView.Summary summary,
            long basis, OffsetDateTime createdAt, OffsetDateTime decidedAt, String decidedBy) {
    }

    private Row row(Connection c, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select status, feasible, proposal_count, summary, basis, created_at, decided_at, decided_by,
                       scope_kind, scope_id
                from pairing_plan where id = ?""" + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !mayUse(c, access.scope(), rs.getString(9), rs.getString(10))) {
                    throw ApiException.notFound("plan", id.toString());
                }
                PlanView.Summary summary;
                try {
                    summary = mapper.readValue(rs.getString(4), PlanView.Summary.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("plan " + id + " has an unreadable summary", e);
                }
                return new Row(id, PlanStatus.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getInt(3), summary,
                        rs.getLong(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                        rs.getString(8));
            }
        }
    }

    /**
     * A plan.
     *
     * @throws ApiException 404 if unknown
     */
    public PlanView get(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            Row row = row(c, id, false);
            List<PlanView.UnitSummary> units = new ArrayList<>();
            int unitCount = 0;
            try (PreparedStatement ps = c.prepareStatement(UNIT_SELECT + " order by unit_name, unit_id limit ?")) {
                ps.setObject(1, id);
                ps.setInt(2, UNITS_SHOWN);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        units.add(unit(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select count(*) from pairing_plan_unit where plan_id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    unitCount = rs.getInt(1);
                }
            }
            PlanView.Summary s = row.summary();
            List<PlanView.Shortfall> all = s.shortfalls() == null ? List.of() : s.shortfalls();
            return new PlanView(id, s.scope(), row.status().name(), row.feasible(), s.figures(),
                    all.size() > SHORTFALLS_SHOWN ? all.subList(0, SHORTFALLS_SHOWN) : all, all.size(), units,
                    unitCount, s.timings(), s.confirmation(), row.createdAt(), row.decidedAt(), row.decidedBy());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String UNIT_SELECT = """
            select unit_id, unit_name, already_confirmed, villages, households, cadres, cadres_below_minimum,
                   cadres_below_minimum_after, existing_pairings, proposed_pairings
            from pairing_plan_unit where plan_id = ?""";

    private static PlanView.UnitSummary unit(ResultSet rs) throws SQLException {
        return new PlanView.UnitSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10));
    }

    /**
     * A page of a plan's proposals, in plan order, optionally only one unit's or one village's.
     *
     * @throws ApiException 404 if the plan is unknown
     */
    public Page<PlanItemView> items(UUID id, UUID unit, String village, int page, int size) {
        StringBuilder where = new StringBuilder(" where i.plan_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(id);
        if (unit != null) {
            where.append(" and i.unit_id = ?");
            args.add(unit);
        }
        if (village != null) {
            where.append(" and i.village_code = ?");
            args.add(village);
        }
        try (Connection c = dataSource.getConnection()) {
            row(c, id, false);
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from pairing_plan_item i" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<PlanItemView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select i.seq, i.cadre_id, c.name, c.rank, i.unit_id, u.name, i.household_id, i.village_code,
                           i.is_primary
                    from pairing_plan_item i join cadre c on c.id = i.cadre_id join unit u on u.id = i.unit_id"""
                    + where + " order by i.seq limit ? offset ?")) {
                bind(ps, args);
                ps.setInt(args.size() + 1, size);
                ps.setLong(args.size() + 2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(new PlanItemView(rs.getInt(1), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6),
                                rs.getObject(7, UUID.class), rs.getString(8), rs.getBoolean(9)));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page of a plan's per-unit summary, by unit name.
     *
     * @throws ApiException 404 if the plan is unknown
     */
    public Page<PlanView.UnitSummary> units(UUID id, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            row(c, id, false);
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from pairing_plan_unit where plan_id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<PlanView.UnitSummary> units = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(UNIT_SELECT + " order by unit_name, unit_id limit ? offset ?")) {
                ps.setObject(1, id);
                ps.setInt(2, size);
                ps.setLong(3, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        units.add(unit(rs));
                    }
                }
            }
            return new Page<>(units, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    /**
     * Discards a DRAFT plan.
     *
     * @throws ApiException 404 if unknown; 409 {@code plan.not-draft} if it is not a draft
     */
    public PlanView discard(UUID id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Row row = row(c, id, true);
                if (row.status() != PlanStatus.DRAFT) {
                    throw notDraft(row);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "update pairing_plan set status = 'DISCARDED', decided_at = ? where id = ?")) {
                    ps.setObject(1, OffsetDateTime.now(clock));
                    ps.setObject(2, id);
                    ps.executeUpdate();
                }
                audit.record(c, access.scope(), "plan", id, "DISCARDED", auditView(row, "DRAFT", null),
                        auditView(row, "DISCARDED", null));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return get(id);
    }

    private static ApiException notDraft(Row row) {
        return ApiException.conflict("id", "plan.not-draft", "plan " + row.id() + " is " + row.status()
                + "; only a DRAFT plan can be confirmed or discarded");
    }

    // ------------------------------------------------------------------------------------------------------
    // confirming
    // ------------------------------------------------------------------------------------------------------

    /**
     * Confirms a plan: creates every proposed pairing ACTIVE (started today, {@code plan_id} set), makes the DRAFT
     * pairings of every unit in scope not yet confirmed ACTIVE and confirms those units, in one transaction with a
     * history row (ACTIVATED, related id = the plan) and a {@code pairing.pairing.activated.v1} event per pairing
     * and a {@code pairing.unit.pairings-confirmed.v1} event per unit. Pairing writers are locked out meanwhile
     * ({@code lock table pairing, pairing_change in exclusive mode}), so nothing can change under it.
     *
     * @param confirmedBy who confirms (required)
     * @throws ApiException 404 unknown plan; 409 {@code plan.not-draft}; 422 {@code plan.infeasible} (errors: the
     *                      shortfalls); 409 {@code plan.stale} if a pairing changed since it was made, or a cadre,
     *                      household or link it relies on did — the plan is then marked STALE
     */
    public PlanView confirm(UUID id, String confirmedBy) {
        long t0 = System.nanoTime();
        Phases phases = new Phases();
        String stale = null;
        int created = 0;
        int drafts = 0;
        int units = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Row row = row(c, id, true);
                if (row.status() != PlanStatus.DRAFT) {
                    throw notDraft(row);
                }
                if (!row.feasible()) {
                    throw infeasible(row);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("lock table pairing, pairing_change in exclusive mode");
                }
                phases.end("lock");
                stale = staleness(c, row);
                phases.end("stale check");
                if (stale != null) {
                    c.rollback();
                } else {
                    LocalDate today = LocalDate.now(clock);
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    created = createPairings(c, row, confirmedBy, today, now, phases);
                    List<UUID> confirmed = confirmUnits(c, id, confirmedBy, now);
                    units = confirmed.size();
                    drafts = activateDrafts(c, id, confirmed, confirmedBy, today, now);
                    phases.end("units and drafts");
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    try (PreparedStatement ps = c.prepareStatement("""
                            update pairing_plan set status = 'CONFIRMED', decided_at = ?, decided_by = ?,
                                summary = jsonb_set(summary, '{confirmation}', ?::jsonb) where id = ?""")) {
                        ps.setObject(1, now);
                        ps.setString(2, confirmedBy);
                        ps.setString(3, json(new PlanView.Confirmation(created, drafts, units, ms)));
                        ps.setObject(4, id);
                        ps.executeUpdate();
                    }
                    audit.record(c, access.scope(), "plan", id, "CONFIRMED", auditView(row, "DRAFT", null),
                            auditView(row, "CONFIRMED", confirmedBy));
                    c.commit();
                    phases.end("commit");
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    stale = "a pairing of this plan was made meanwhile (" + sql.getMessage() + ")";
                } else {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("confirming plan " + id + " failed: " + e.getMessage(), e);
        }
        if (stale != null) {
            markStale(id);
            throw ApiException.conflict("id", "plan.stale", "plan " + id + " is stale: " + stale
                    + "; make a new plan");
        }
        outbox.notifyWritten(Topics.PAIRING_PAIRINGS);
        outbox.notifyWritten(Topics.PAIRING_UNITS);
        LOG.infof("plan %s confirmed by %s: %d pairings created, %d drafts activated, %d units confirmed in %d ms (%s)",
                id, confirmedBy, created, drafts, units, (System.nanoTime() - t0) / 1_000_000, phases);
        return get(id);
    }

    private static ApiException infeasible(Row row) {
        List<PlanView.Shortfall> all = row.summary().shortfalls();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (PlanView.Shortfall s : all.subList(0, Math.min(all.size(), SHORTFALLS_SHOWN))) {
            errors.add(new Problem.FieldError(s.field(), s.rule(), s.message()));
        }
        String detail = "plan " + row.id() + " cannot be confirmed: it breaks " + all.size() + " "
                + plural(all.size(), "rule", "rules") + (all.size() > SHORTFALLS_SHOWN
                        ? " (the first " + SHORTFALLS_SHOWN + " are listed)" : "");
        List<Problem.FieldError> withRule = new ArrayList<>();
        withRule.add(new Problem.FieldError("id", "plan.infeasible", detail));
        withRule.addAll(errors);
        return new ApiException(422, ProblemTypes.RULE, "A domain rule forbids this", detail, withRule);
    }

    /** Why the plan no longer holds, or null. */
    private static String staleness(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from pairing_plan_item where plan_id = ?")) {
            ps.setObject(1, row.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != row.proposals()) {
                    return "its proposals were lost (the database restarted after a crash)";
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select coalesce(max(id), 0) from pairing_change")) {
            rs.next();
            long now = rs.getLong(1);
            if (now > row.basis()) {
                return (now - row.basis()) + " pairing " + plural((int) Math.min(now - row.basis(), 2), "change",
                        "changes") + " since it was made";
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) filter (where c.id is null), count(*) filter (where h.id is null),
                       count(*) filter (where c.id is not null and h.id is not null
                           and (case when c.rank = 'PROVINCIAL_LEADER' then ll.id is null else l.id is null end))
                from pairing_plan_item i
                left join cadre c on c.id = i.cadre_id and c.status = 'ACTIVE' and c.unit_id = i.unit_id
                left join known_household h on h.id = i.household_id and h.status in ('IN_POVERTY', 'RELAPSED')
                    and h.village_code = i.village_code
                left join village_link l on l.unit_id = i.unit_id and l.village_code = i.village_code
                    and l.ended_on is null
                left join leader_link ll on ll.cadre_id = i.cadre_id and ll.village_code = i.village_code
                    and ll.ended_on is null
                where i.plan_id = ?""")) {
            ps.setObject(1, row.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> why = new ArrayList<>();
                if (rs.getLong(1) > 0) {
                    why.add(proposals(rs.getLong(1)) + " for cadres no longer ACTIVE in their unit");
                }
                if (rs.getLong(2) > 0) {
                    why.add(proposals(rs.getLong(2)) + " for households no longer in poverty in that village");
                }
                if (rs.getLong(3) > 0) {
                    why.add(proposals(rs.getLong(3)) + " in villages no longer linked");
                }
                if (!why.isEmpty()) {
                    return String.join("; ", why);
                }
            }
        }
        // cadres joining or leaving a unit in scope, households registered or lifted in scope
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from pairing_plan_unit pu where pu.plan_id = ? and pu.cadres <> (select count(*)
                    from cadre c where c.unit_id = pu.unit_id and c.status = 'ACTIVE')""")) {
            ps.setObject(1, row.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return "the active cadres of " + rs.getLong(1) + " " + plural((int) Math.min(rs.getLong(1), 2),
                            "unit", "units") + " changed since it was made";
                }
            }
        }
        PlanView.Scope scope = row.summary().scope();
        try (PreparedStatement ps = c.prepareStatement("""
                select count(*) from known_household h where h.status in ('IN_POVERTY', 'RELAPSED') and (?
                    or h.village_code in (select l.village_code from village_link l join pairing_plan_unit pu
                        on pu.unit_id = l.unit_id and pu.plan_id = ? where l.ended_on is null)
                    or h.village_code in (select v.code from known_village v where v.county_code = ?))""")) {
            ps.setBoolean(1, PlanScope.PROVINCE.name().equals(scope.kind()));
            ps.setObject(2, row.id());
            ps.setString(3, scope.countyCode());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int then = row.summary().figures().householdsInScope();
                if (rs.getLong(1) != then) {
                    return "the households in scope changed since it was made (" + then + " then, " + rs.getLong(1)
                            + " now)";
                }
            }
        }
        return null;
    }

    private static String proposals(long n) {
        return n + (n == 1 ? " proposal is" : " proposals are");
    }

    private void markStale(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update pairing_plan set status = 'STALE', decided_at = ? where id = ? and status = 'DRAFT'")) {
            ps.setObject(1, OffsetDateTime.now(clock));
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf(e, "plan %s: cannot mark it stale", id);
        }
    }

    /** The proposals as ACTIVE pairings, with history rows and events, chunk by chunk with COPY. */
    private int createPairings(Connection c, Row row, String by, LocalDate today, OffsetDateTime now, Phases phases)
            throws SQLException {
        int total = row.proposals();
        List<Pairing> chunk = new ArrayList<>(Math.min(total, CONFIRM_CHUNK));
        for (int from = 0; from < total; from += CONFIRM_CHUNK) {
            chunk.clear();
            try (PreparedStatement ps = c.prepareStatement("""
                    select cadre_id, unit_id, household_id, village_code, is_primary from pairing_plan_item
                    where plan_id = ? and seq >= ? and seq < ? order by seq""")) {
                ps.setObject(1, row.id());
                ps.setInt(2, from);
                ps.setInt(3, from + CONFIRM_CHUNK);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Pairing p = new Pairing();
                        p.id = UUID.randomUUID();
                        p.cadreId = rs.getObject(1, UUID.class);
                        p.unitId = rs.getObject(2, UUID.class);
                        p.householdId = rs.getObject(3, UUID.class);
                        p.villageCode = rs.getString(4);
                        p.primary = rs.getBoolean(5);
                        p.status = PairingStatus.ACTIVE;
                        p.startedOn = today;
                        p.planId = row.id();
                        p.version = 1;
                        p.createdAt = now;
                        p.updatedAt = now;
                        chunk.add(p);
                    }
                }
            }
            phases.end("read");
            try (CopyWriter w = new CopyWriter(c, "copy pairing (id, cadre_id, unit_id, household_id, village_code, "
                    + "is_primary, status, started_on, plan_id, version, created_at, updated_at) from stdin (format csv)")) {
                for (Pairing p : chunk) {
                    w.row(p.id, p.cadreId, p.unitId, p.householdId, p.villageCode, p.primary, p.status.name(),
                            p.startedOn, p.planId, p.version, p.createdAt, p.updatedAt);
                }
                w.finish();
            }
            phases.end("pairings");
            writeActivated(c, chunk, row.id(), by, today, now, phases);
        }
        return total;
    }

    /** History rows (ACTIVATED) and {@code pairing.pairing.activated.v1} events for pairings just made ACTIVE. */
    private void writeActivated(Connection c, List<Pairing> pairings, UUID planId, String by, LocalDate today,
            OffsetDateTime now, Phases phases) throws SQLException {
        try (CopyWriter w = new CopyWriter(c, "copy pairing_change (pairing_id, at, action, effective_on, actor, "
                + "related_id) from stdin (format csv)")) {
            for (Pairing p : pairings) {
                w.row(p.id, now, "ACTIVATED", today, by, planId);
            }
            w.finish();
        }
        if (phases != null) {
            phases.end("history");
        }
        // the request's correlation id for these rows (column default, issue 9 point 5)
        CorrelationId.setLocal(c);
        try (CopyWriter w = new CopyWriter(c, "copy outbox_event (event_id, topic, event_key, event_type, payload, "
                + "created_at) from stdin (format csv)")) {
            for (Pairing p : pairings) {
                String key = p.id.toString();
                CloudEvent e = outbox.envelope(EventTypes.PAIRING_ACTIVATED, key, PairingEvents.pairingData(p));
                w.row(UUID.fromString(e.id()), Topics.PAIRING_PAIRINGS, key, EventTypes.PAIRING_ACTIVATED,
                        outbox.toJson(e), e.time());
            }
            w.finish();
        }
        if (phases != null) {
            phases.end("events");
        }
    }

    /** Confirms the plan's units not yet confirmed, with their events; returns their ids. */
    private List<UUID> confirmUnits(Connection c, UUID planId, String by, OffsetDateTime now) throws SQLException {
        List<Unit> units = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                update unit set pairings_confirmed_at = ?, pairings_confirmed_by = ?, version = version + 1,
                    updated_at = ?
                where id in (select unit_id from pairing_plan_unit where plan_id = ?) and pairings_confirmed_at is null
                returning id, name, level, kind, region_code, credit_code, version, created_at""")) {
            ps.setObject(1, now);
            ps.setString(2, by);
            ps.setObject(3, now);
            ps.setObject(4, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Unit u = new Unit();
                    u.id = rs.getObject(1, UUID.class);
                    u.name = rs.getString(2);
                    u.level = UnitLevel.valueOf(rs.getString(3));
                    u.kind = UnitKind.valueOf(rs.getString(4));
                    u.regionCode = rs.getString(5);
                    u.creditCode = rs.getString(6);
                    u.version = rs.getLong(7);
                    u.createdAt = rs.getObject(8, OffsetDateTime.class);
                    u.pairingsConfirmedAt = now;
                    u.pairingsConfirmedBy = by;
                    u.updatedAt = now;
                    units.add(u);
                }
            }
        }
        if (units.isEmpty()) {
            return List.of();
        }
        units.sort((a, b) -> a.id.compareTo(b.id));
        List<UUID> ids = new ArrayList<>();
        for (Unit u : units) {
            ids.add(u.id);
        }
        Map<UUID, Long> active = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select unit_id, count(*) from cadre where status = 'ACTIVE' and unit_id = any(?) group by unit_id")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    active.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
        }
        // the request's correlation id for these rows (column default, issue 9 point 5)
        CorrelationId.setLocal(c);
        try (CopyWriter w = new CopyWriter(c, "copy outbox_event (event_id, topic, event_key, event_type, payload, "
                + "created_at) from stdin (format csv)")) {
            for (Unit u : units) {
                String key = u.id.toString();
                CloudEvent e = outbox.envelope(EventTypes.UNIT_PAIRINGS_CONFIRMED, key,
                        events.unitData(u, active.getOrDefault(u.id, 0L)));
                w.row(UUID.fromString(e.id()), Topics.PAIRING_UNITS, key, EventTypes.UNIT_PAIRINGS_CONFIRMED,
                        outbox.toJson(e), e.time());
            }
            w.finish();
        }
        return ids;
    }

    /** The confirmed units' DRAFT pairings become ACTIVE (started today), with history rows and events. */
    private int activateDrafts(Connection c, UUID planId, List<UUID> units, String by, LocalDate today,
            OffsetDateTime now) throws SQLException {
        if (units.isEmpty()) {
            return 0;
        }
        List<Pairing> activated = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                update pairing set status = 'ACTIVE', started_on = ?, version = version + 1, updated_at = ?
                where status = 'DRAFT' and unit_id = any(?)
                returning id, cadre_id, unit_id, household_id, village_code, is_primary, version, created_at,
                    plan_id""")) {
            ps.setObject(1, today);
            ps.setObject(2, now);
            ps.setArray(3, c.createArrayOf("uuid", units.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Pairing p = new Pairing();
                    p.id = rs.getObject(1, UUID.class);
                    p.cadreId = rs.getObject(2, UUID.class);
                    p.unitId = rs.getObject(3, UUID.class);
                    p.householdId = rs.getObject(4, UUID.class);
                    p.villageCode = rs.getString(5);
                    p.primary = rs.getBoolean(6);
                    p.status = PairingStatus.ACTIVE;
                    p.startedOn = today;
                    p.version = rs.getLong(7);
                    p.createdAt = rs.getObject(8, OffsetDateTime.class);
                    p.planId = rs.getObject(9, UUID.class);
                    p.updatedAt = now;
                    activated.add(p);
                }
            }
        }
        activated.sort((a, b) -> a.id.compareTo(b.id));
        writeActivated(c, activated, planId, by, today, now, null);
        return activated.size();
    }
}
