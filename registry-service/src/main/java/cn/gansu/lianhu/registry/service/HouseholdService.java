package cn.gansu.lianhu.registry.service;

import cn.gansu.lianhu.events.metrics.CommittedCounters;
import cn.gansu.lianhu.registry.domain.Sex;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.jboss.logging.Logger;
import org.postgresql.util.PSQLException;

import cn.gansu.lianhu.api.ApiException;
import cn.gansu.lianhu.api.Page;
import cn.gansu.lianhu.api.audit.Audit;
import cn.gansu.lianhu.api.security.Caller;
import cn.gansu.lianhu.registry.rest.HouseholdView;
import cn.gansu.lianhu.api.Problem.FieldError;
import cn.gansu.lianhu.events.contract.EventTypes;
import cn.gansu.lianhu.events.contract.HouseholdData;
import cn.gansu.lianhu.events.contract.Topics;
import cn.gansu.lianhu.events.outbox.Outbox;
import cn.gansu.lianhu.registry.domain.Household;
import cn.gansu.lianhu.registry.domain.HouseholdMember;
import cn.gansu.lianhu.registry.domain.HouseholdStatus;
import cn.gansu.lianhu.registry.domain.HouseholdStatusChange;
import cn.gansu.lianhu.api.IdNumbers;
import cn.gansu.lianhu.registry.domain.PovertyCause;
import cn.gansu.lianhu.registry.domain.Region;
import cn.gansu.lianhu.events.contract.RegionLevel;
import cn.gansu.lianhu.registry.domain.Relation;
import cn.gansu.lianhu.registry.rest.HouseholdRequest;
import cn.gansu.lianhu.registry.rest.HouseholdRequest.MemberRequest;
import cn.gansu.lianhu.registry.rest.HouseholdSummary;
import cn.gansu.lianhu.registry.rest.StatusChangeRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

/**
 * Registers and maintains extremely poor households (特困户) and their poverty status (DESIGN.md §1, §2, §4;
 * issue points 6 and 8). Every change writes its event ({@link EventTypes#HOUSEHOLD_REGISTERED},
 * {@link EventTypes#HOUSEHOLD_UPDATED}, {@link EventTypes#HOUSEHOLD_STATUS_CHANGED} on
 * {@link Topics#REGISTRY_HOUSEHOLDS}, key = household id) in the same transaction through the outbox.
 *
 * <p>Rules, checked in this order; the first group that fails answers and nothing is written:
 * <ol>
 * <li>400 — member ID numbers (GB 11643: format, region prefix, birth date, check character), agreement of
 * ID number with sex and birth date, one ID number once per request, exactly one head;</li>
 * <li>409 — stale version (updates and status changes);</li>
 * <li>422 — the village exists, is village level and is a poor village; dates not in the future;</li>
 * <li>409 — an ID number already active in another household ({@code member.duplicate-person}, also when two
 * requests race: the partial unique index answers and is mapped here; the rule holds province-wide, but the message
 * names the other household's id only when the caller covers its village, otherwise "another household" — issue 6
 * review), a 建档立卡 number already used.</li>
 * </ol>
 * ID numbers appear in messages and logs only masked.
 *
 * <p>Security (issue 6): reads and lists see only the caller's households ({@link HouseholdScope}; lists filtered
 * in SQL); a household out of scope answers 404 and a village out of the writer's scope 422 {@code village.unknown},
 * exactly like unknown ones. Every change records an audit entry ({@code household}, CREATED / UPDATED /
 * STATUS_CHANGED, before and after = the masked API view) in its transaction.
 */
@ApplicationScoped
public class HouseholdService {
    private static final Logger LOG = Logger.getLogger(HouseholdService.class);
    static final String ACTIVE_ID_NUMBER_INDEX = "household_member_active_id_number";
    static final String HOUSEHOLD_NO_KEY = "household_household_no_key";
    /** First key of the advisory locks on ID numbers (GB 11643). */
    static final int PERSON_LOCK_CLASS = 11643;

    /**
     * Counter {@code lianhu.households.registered} (Prometheus {@code lianhu_households_registered_total}): households
     * registered through the API (committed). Imported ones: {@code lianhu_imports_rows_total{kind}}.
     */
    public static final String HOUSEHOLDS_REGISTERED = "lianhu.households.registered";

    @Inject
    CommittedCounters counters;

    /** The registration counter exists from the start, at 0 (issue 9 point 5). */
    void declareCounters(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ev) {
        counters.declare(HOUSEHOLDS_REGISTERED);
    }

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Outbox outbox;
    @Inject
    HouseholdScope scope;
    @Inject
    Audit audit;
    @Inject
    Caller caller;

    /** Entity name of households in the audit trail. */
    public static final String AUDIT_ENTITY = "household";

    /** A household with its active members, head first. */
    public record Saved(Household household, List<HouseholdMember> members) {
    }

    /**
     * Registers a household in a poor village with status IN_POVERTY since {@code statusSince} (default today)
     * and writes HOUSEHOLD_REGISTERED.
     */
    @Transactional
    public Saved register(HouseholdRequest r) {
        LocalDate today = LocalDate.now(clock);
        List<String> ids = checkMembers(r.members(), today);
        String village = checkVillage(r.villageCode());
        LocalDate since = r.statusSince() == null ? today : r.statusSince();
        if (since.isAfter(today)) {
            throw ApiException.unprocessable("statusSince", "status.future-date",
                    "statusSince " + since + " is in the future (today is " + today + ")");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Household h = new Household();
        h.id = UUID.randomUUID();
        h.status = HouseholdStatus.IN_POVERTY;
        h.statusSince = since;
        h.version = 1;
        h.createdAt = now;
        h.updatedAt = now;
        checkHouseholdNo(h.id, r.householdNo());
        checkDuplicatePersons(h.id, ids);
        applyDetails(h, r, village);

        List<HouseholdMember> members = new ArrayList<>();
        guarded(h, ids, () -> {
            h.persist();
            for (int i = 0; i < r.members().size(); i++) {
                HouseholdMember m = new HouseholdMember();
                m.id = UUID.randomUUID();
                m.householdId = h.id;
                apply(m, r.members().get(i), ids.get(i), positionOf(r.members(), i));
                m.persist();
                members.add(m);
            }
            em.flush();
            HouseholdStatusChange registration = new HouseholdStatusChange();
            registration.householdId = h.id;
            registration.fromStatus = null;
            registration.toStatus = HouseholdStatus.IN_POVERTY;
            registration.effectiveDate = since;
            registration.recordedAt = now;
            registration.persist();
        });
        members.sort((a, b) -> Integer.compare(a.position, b.position));
        outbox.publish(Topics.REGISTRY_HOUSEHOLDS, h.id.toString(), EventTypes.HOUSEHOLD_REGISTERED,
                data(h, members, null));
        audit.record(AUDIT_ENTITY, h.id, "CREATED", null, HouseholdView.of(h, members));
        LOG.infof("household %s registered in village %s with %d members", h.id, h.villageCode, members.size());
        // counted once this transaction commits (issue 9 point 5); imported households: lianhu_imports_rows_total
        counters.increment(HOUSEHOLDS_REGISTERED, 1);
        return new Saved(h, members);
    }

    /**
     * Replaces the details and members of a household (status is changed only by {@link #changeStatus}).
     * Members are matched by ID number: matching rows are updated, new ID numbers added, members no longer listed
     * become inactive (never deleted). Writes HOUSEHOLD_UPDATED.
     *
     * @param expectedVersion the version from {@code If-Match}; when null the body's {@code version} is used
     */
    @Transactional
    public Saved update(UUID id, HouseholdRequest r, Long expectedVersion) {
        Household h = lock(id);
        HouseholdView before = HouseholdView.of(h, activeMembers(h.id));
        Long expected = expectedVersion != null ? expectedVersion : r.version();
        if (expected == null) {
            throw ApiException.invalid("version", "version.required",
                    "send the version read, in the body or as If-Match, to update a household");
        }
        checkVersion(h, expected);
        LocalDate today = LocalDate.now(clock);
        List<String> ids = checkMembers(r.members(), today);
        String village = checkVillage(r.villageCode());
        checkHouseholdNo(h.id, r.householdNo());
        checkDuplicatePersons(h.id, ids);
        Map<String, HouseholdMember> existing = new HashMap<>();
        for (HouseholdMember m : HouseholdMember.<HouseholdMember>list("householdId = ?1 order by active desc, position",
                h.id)) {
            existing.putIfAbsent(m.idNumber, m);
        }

        List<HouseholdMember> members = new ArrayList<>();
        int[] removed = {0};
        guarded(h, ids, () -> {
            applyDetails(h, r, village);
            for (int i = 0; i < r.members().size(); i++) {
                HouseholdMember m = existing.remove(ids.get(i));
                boolean fresh = m == null;
                if (fresh) {
                    m = new HouseholdMember();
                    m.id = UUID.randomUUID();
                    m.householdId = h.id;
                }
                apply(m, r.members().get(i), ids.get(i), positionOf(r.members(), i));
                if (fresh) {
                    m.persist();
                }
                members.add(m);
            }
            for (HouseholdMember gone : existing.values()) {
                if (gone.active) {
                    gone.active = false;
                    removed[0]++;
                }
            }
            h.version++;
            h.updatedAt = OffsetDateTime.now(clock);
            em.flush();
        });
        members.sort((a, b) -> Integer.compare(a.position, b.position));
        outbox.publish(Topics.REGISTRY_HOUSEHOLDS, h.id.toString(), EventTypes.HOUSEHOLD_UPDATED,
                data(h, members, null));
        audit.record(AUDIT_ENTITY, h.id, "UPDATED", before, HouseholdView.of(h, members));
        LOG.infof("household %s updated to version %d: %d members, %d removed", h.id, h.version, members.size(),
                removed[0]);
        return new Saved(h, members);
    }

    /**
     * Changes the poverty status (DESIGN.md §2): IN_POVERTY → LIFTED, LIFTED → RELAPSED, RELAPSED → LIFTED.
     * Lifting needs an effective date and a basis (400); other transitions 422 {@code status.transition}; the date
     * may not be in the future nor before the current status date (422). Writes HOUSEHOLD_STATUS_CHANGED.
     *
     * @param expectedVersion optional version from {@code If-Match}; the body's {@code version} otherwise
     */
    @Transactional
    public Saved changeStatus(UUID id, StatusChangeRequest r, Long expectedVersion) {
        Household h = lock(id);
        Long expected = expectedVersion != null ? expectedVersion : r.version();
        if (expected != null) {
            checkVersion(h, expected);
        }
        String basis = r.basis() == null || r.basis().isBlank() ? null : r.basis().trim();
        if (r.status() == HouseholdStatus.LIFTED) {
            List<FieldError> errors = new ArrayList<>();
            if (r.effectiveDate() == null) {
                errors.add(new FieldError("effectiveDate", "status.date-required",
                        "lifting a household out of poverty needs the date it takes effect"));
            }
            if (basis == null) {
                errors.add(new FieldError("basis", "status.basis-required",
                        "lifting a household out of poverty needs the basis of the decision"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
        HouseholdStatus from = h.status;
        if (!allowed(from, r.status())) {
            throw ApiException.unprocessable("status", "status.transition",
                    "a household cannot go from " + from + " to " + r.status()
                            + " (allowed: IN_POVERTY→LIFTED, LIFTED→RELAPSED, RELAPSED→LIFTED)");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate date = r.effectiveDate() == null ? today : r.effectiveDate();
        if (date.isAfter(today)) {
            throw ApiException.unprocessable("effectiveDate", "status.future-date",
                    "effectiveDate " + date + " is in the future (today is " + today + ")");
        }
        if (date.isBefore(h.statusSince)) {
            throw ApiException.unprocessable("effectiveDate", "status.date-order",
                    "effectiveDate " + date + " is before " + h.statusSince + ", the date of the current status "
                            + from);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<HouseholdMember> members = activeMembers(h.id);
        HouseholdView before = HouseholdView.of(h, members);
        HouseholdStatusChange change = new HouseholdStatusChange();
        change.householdId = h.id;
        change.fromStatus = from;
        change.toStatus = r.status();
        change.effectiveDate = date;
        change.basis = basis;
        change.recordedAt = now;
        change.persist();
        h.status = r.status();
        h.statusSince = date;
        h.version++;
        h.updatedAt = now;
        outbox.publish(Topics.REGISTRY_HOUSEHOLDS, h.id.toString(), EventTypes.HOUSEHOLD_STATUS_CHANGED,
                data(h, members, from));
        audit.record(AUDIT_ENTITY, h.id, "STATUS_CHANGED", before, HouseholdView.of(h, members));
        LOG.infof("household %s status %s → %s on %s", h.id, from, h.status, date);
        return new Saved(h, members);
    }

    /** The household with its active members; 404 when unknown. */
    @Transactional
    public Saved get(UUID id) {
        Household h = Household.findById(id);
        if (h == null || !scope.sees(h)) {
            throw ApiException.notFound("household", String.valueOf(id));
        }
        return new Saved(h, activeMembers(id));
    }

    /** Dated status history, oldest (the registration) first; 404 when the household is unknown. */
    @Transactional
    public List<HouseholdStatusChange> history(UUID id) {
        Household h = Household.findById(id);
        if (h == null || !scope.sees(h)) {
            throw ApiException.notFound("household", String.valueOf(id));
        }
        return HouseholdStatusChange.list("householdId = ?1 order by effectiveDate, id", id);
    }

    /**
     * One page of households, sorted by village code, registration time and id (stable).
     *
     * @param regionPrefix significant prefix of a region code (2–12 digits), or null for all
     * @param status       status or null
     * @param cause        matches the main or one of the other causes; null for all
     */
    @Transactional
    public Page<HouseholdSummary> list(String regionPrefix, HouseholdStatus status, PovertyCause cause, int page,
            int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        scope.restrict(where, params);
        boolean pii = scope.pii();
        if (regionPrefix != null) {
            where.append(" and h.villageCode like :region");
            params.put("region", regionPrefix + "%");
        }
        if (status != null) {
            where.append(" and h.status = :status");
            params.put("status", status);
        }
        if (cause != null) {
            where.append(" and (h.mainCause = :cause or h.otherCauseCodes like :causeLike)");
            params.put("cause", cause);
            params.put("causeLike", "%," + cause.name() + ",%");
        }
        TypedQuery<Long> count = em.createQuery("select count(h) from Household h" + where, Long.class);
        TypedQuery<Household> rows = em.createQuery(
                "select h from Household h" + where + " order by h.villageCode, h.createdAt, h.id", Household.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<Household> households = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
        Map<UUID, List<HouseholdMember>> members = new HashMap<>();
        if (!households.isEmpty()) {
            List<HouseholdMember> all = HouseholdMember.list(
                    "householdId in ?1 and active = true order by position, id",
                    households.stream().map(h -> h.id).toList());
            for (HouseholdMember m : all) {
                members.computeIfAbsent(m.householdId, k -> new ArrayList<>()).add(m);
            }
        }
        List<HouseholdSummary> items = households.stream().map(h -> {
            List<HouseholdMember> ms = members.getOrDefault(h.id, List.of());
            HouseholdMember head = head(ms);
            return new HouseholdSummary(h.id, h.villageCode, h.householdNo, head == null ? null : head.name,
                    head == null ? null : IdNumbers.mask(head.idNumber),
                    head == null || !pii ? null : head.idNumber, ms.size(), h.mainCause, h.otherCauses(),
                    h.incomePerCapita, h.status, h.statusSince, h.version);
        }).toList();
        return new Page<>(items, page, size, total);
    }

    // ------------------------------------------------------------------------------------------------------

    static boolean allowed(HouseholdStatus from, HouseholdStatus to) {
        return (from == HouseholdStatus.IN_POVERTY && to == HouseholdStatus.LIFTED)
                || (from == HouseholdStatus.LIFTED && to == HouseholdStatus.RELAPSED)
                || (from == HouseholdStatus.RELAPSED && to == HouseholdStatus.LIFTED);
    }

    private Household lock(UUID id) {
        Household h = em.find(Household.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null || !scope.writes(h.villageCode)) {
            throw ApiException.notFound("household", String.valueOf(id));
        }
        return h;
    }

    private static void checkVersion(Household h, long expected) {
        if (h.version != expected) {
            throw ApiException.conflict("version", "version.stale", "household " + h.id + " is at version "
                    + h.version + ", not " + expected + ": read it again and repeat the change");
        }
    }

    private List<HouseholdMember> activeMembers(UUID id) {
        return HouseholdMember.list("householdId = ?1 and active = true order by position, id", id);
    }

    private static HouseholdMember head(List<HouseholdMember> members) {
        return members.stream().filter(m -> m.relation == Relation.HEAD).findFirst().orElse(null);
    }

    /**
     * 400 rules of the member list; returns the normalised ID numbers in request order.
     */
    static List<String> checkMembers(List<MemberRequest> members, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> heads = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            MemberRequest m = members.get(i);
            String f = "members[" + i + "]";
            String id = IdNumbers.normalise(m.idNumber());
            ids.add(id);
            if (m.relation() == Relation.HEAD) {
                heads.add(i);
            }
            Optional<IdNumbers.Violation> v = IdNumbers.validate(id, today);
            if (v.isPresent()) {
                errors.add(new FieldError(f + ".idNumber", v.get().rule(), v.get().message()));
                continue;
            }
            Integer first = seen.putIfAbsent(id, i);
            if (first != null) {
                errors.add(new FieldError(f + ".idNumber", "member.duplicate-in-request", "ID number "
                        + IdNumbers.mask(id) + " is given twice: members[" + first + "] and " + f));
                continue;
            }
            if (m.sex() != null && m.sex() != Sex.ofIdNumber(id)) {
                errors.add(new FieldError(f + ".sex", "id-number.sex-mismatch", "sex " + m.sex()
                        + " does not agree with ID number " + IdNumbers.mask(id) + " (" + Sex.ofIdNumber(id) + ")"));
            }
            if (m.birthDate() != null && !m.birthDate().equals(IdNumbers.birthDate(id))) {
                errors.add(new FieldError(f + ".birthDate", "id-number.birth-date-mismatch", "birth date "
                        + m.birthDate() + " does not agree with the ID number (" + IdNumbers.birthDate(id) + ")"));
            }
        }
        if (heads.isEmpty()) {
            errors.add(new FieldError("members", "member.head-missing",
                    "a household needs exactly one member with relation HEAD (户主); none given"));
        }
        for (int k = 1; k < heads.size(); k++) {
            errors.add(new FieldError("members[" + heads.get(k) + "].relation", "member.head-duplicate",
                    "a household has exactly one head; members[" + heads.get(0) + "] is the head already"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return ids;
    }

    /**
     * Full code of a poor village, or 400 (format) / 422 (unknown, not village level, not poor). A village outside
     * the caller's write scope (REGION_ADMIN: not under its prefix) is answered exactly like an unknown one.
     */
    private String checkVillage(String code) {
        String full = Region.toFullCode(code == null ? null : code.trim());
        if (full == null) {
            throw ApiException.invalid("villageCode", "region-code.format",
                    "a village code has 12 digits (NBS statistical division code), not '" + code + "'");
        }
        Region village = scope.writes(full) ? Region.findById(full) : null;
        if (village == null) {
            throw ApiException.unprocessable("villageCode", "village.unknown", "village " + full + " is not known");
        }
        if (village.level != RegionLevel.VILLAGE) {
            throw ApiException.unprocessable("villageCode", "village.level",
                    full + " " + village.name + " is a " + village.level + ", not a village");
        }
        if (!village.poorVillage) {
            throw ApiException.unprocessable("villageCode", "village.not-poor",
                    "village " + full + " " + village.name + " is not a poor village (贫困村)");
        }
        return full;
    }

    private static void applyDetails(Household h, HouseholdRequest r, String village) {
        h.villageCode = village;
        h.householdNo = r.householdNo() == null || r.householdNo().isBlank() ? null : r.householdNo().trim();
        h.mainCause = r.mainCause();
        h.setOtherCauses(r.otherCauses());
        h.incomePerCapita = r.incomePerCapita().setScale(2);
        h.address = r.address() == null || r.address().isBlank() ? null : r.address().trim();
        h.phone = r.phone() == null || r.phone().isBlank() ? null : r.phone().trim();
    }

    private static void apply(HouseholdMember m, MemberRequest r, String idNumber, int position) {
        m.name = r.name().trim();
        m.idNumber = idNumber;
        m.sex = Sex.ofIdNumber(idNumber);
        m.birthDate = IdNumbers.birthDate(idNumber);
        m.relation = r.relation();
        m.health = r.health();
        m.education = r.education();
        m.labourAbility = r.labourAbility();
        m.active = true;
        m.position = position;
    }

    /** Head first (0), the others in request order (1, 2, …). */
    private static int positionOf(List<MemberRequest> members, int i) {
        if (members.get(i).relation() == Relation.HEAD) {
            return 0;
        }
        int p = 1;
        for (int k = 0; k < i; k++) {
            if (members.get(k).relation() != Relation.HEAD) {
                p++;
            }
        }
        return p;
    }

    private static void checkHouseholdNo(UUID self, String householdNo) {
        String no = householdNo == null || householdNo.isBlank() ? null : householdNo.trim();
        if (no != null && Household.count("householdNo = ?1 and id <> ?2", no, self) > 0) {
            throw householdNoTaken(no);
        }
    }

    private static ApiException householdNoTaken(String no) {
        return ApiException.conflict("householdNo", "household-no.duplicate",
                "household number " + no + " is registered already");
    }

    /**
     * 409 {@code member.duplicate-person} if one of {@code ids} is an active member of another household (named
     * only when the caller covers its village, see {@link #duplicatePerson}). Takes a
     * transaction-scoped advisory lock per ID number first (in sorted order, so two requests cannot deadlock), so
     * concurrent requests for one person queue here and the later one sees the earlier one's commit; the unique
     * index stays as the last line against writers that do not lock (see {@link #guarded}).
     */
    private void checkDuplicatePersons(UUID self, List<String> ids) {
        for (String id : ids.stream().sorted().toList()) {
            em.createNativeQuery("select cast(pg_advisory_xact_lock(" + PERSON_LOCK_CLASS + ", hashtext(?1)) as text)")
                    .setParameter(1, id).getSingleResult();
        }
        Optional<ApiException> clash = duplicatePerson(em, self, ids, caller::covers);
        if (clash.isPresent()) {
            throw clash.get();
        }
    }

    /**
     * The 409 {@code member.duplicate-person} for the first of {@code ids} that is an active member of a household
     * other than {@code self}. The rule holds province-wide, but the other household is named (its id) only when
     * {@code covers} accepts its village code; otherwise the message says "another household", so a region admin
     * learns nothing about households outside its scope (issue 6 review).
     */
    static Optional<ApiException> duplicatePerson(EntityManager em, UUID self, List<String> ids,
            Predicate<String> covers) {
        List<Object[]> rows = em.createQuery("select m.idNumber, m.householdId, h.villageCode"
                + " from HouseholdMember m, Household h where h.id = m.householdId"
                + " and m.active = true and m.idNumber in :ids and m.householdId <> :self", Object[].class)
                .setParameter("ids", ids).setParameter("self", self).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object[]> holders = new HashMap<>();
        rows.forEach(r -> holders.put((String) r[0], r));
        for (int i = 0; i < ids.size(); i++) {
            Object[] other = holders.get(ids.get(i));
            if (other != null) {
                String where = covers.test((String) other[2]) ? "household " + other[1] : "another household";
                return Optional.of(ApiException.conflict("members[" + i + "].idNumber", "member.duplicate-person",
                        "ID number " + IdNumbers.mask(ids.get(i)) + " is already an active member of " + where));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the writes and flushes them, mapping the unique indexes to the same 409 answers as the checks before
     * (two requests that race past the checks meet here). The holder of the ID number is looked up in a new
     * transaction, since this one is lost.
     */
    private void guarded(Household h, List<String> ids, Runnable writes) {
        try {
            writes.run();
        } catch (PersistenceException e) {
            String constraint = constraintOf(e);
            if (ACTIVE_ID_NUMBER_INDEX.equals(constraint)) {
                UUID self = h.id;
                ApiException clash = QuarkusTransaction.requiringNew()
                        .call(() -> duplicatePerson(em, self, ids, caller::covers))
                        .orElseGet(() -> ApiException.conflict("members", "member.duplicate-person",
                                "an ID number of this household is already an active member of another household"));
                LOG.infof("household %s: duplicate person caught by the unique index", self);
                throw clash;
            }
            if (HOUSEHOLD_NO_KEY.equals(constraint)) {
                throw householdNoTaken(h.householdNo);
            }
            throw e;
        }
    }

    /** Name of the violated constraint, from Hibernate's exception or the PostgreSQL error; null if none. */
    static String constraintOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getConstraintName() != null) {
                return c.getConstraintName();
            }
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null
                    && p.getServerErrorMessage().getConstraint() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                String next = constraintOf(s.getNextException());
                if (next != null) {
                    return next;
                }
            }
        }
        return null;
    }

    private static HouseholdData data(Household h, List<HouseholdMember> active, HouseholdStatus previous) {
        HouseholdMember head = head(active);
        return new HouseholdData(h.id.toString(), h.villageCode, head == null ? null : head.name,
                head == null ? null : IdNumbers.mask(head.idNumber), active.size(), h.mainCause.name(),
                h.otherCauses().stream().map(Enum::name).toList(), h.incomePerCapita, h.status.name(),
                previous == null ? null : previous.name(), h.statusSince, h.version);
    }
}
